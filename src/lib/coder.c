/*
 * coder.c - codes CAMEO events and relation statements from the
 * dependency trees of a document's sentences.
 *
 * For each sentence: the dictionary finds every actor, agent, verb,
 * discard and relation phrase in one pass; each nominal head gets the
 * actor its noun phrase names (a name, or a country from an adjective,
 * compound or possessive combined with an agent: "Russian policymakers"
 * -> RUSGOV); each verb or eventive noun tries its patterns against the
 * tree (words after the predicate among its dependents, X the target,
 * light verbs and modifiers before it); the best pattern gives the code;
 * the source is the subject (or the passive agent, or the controller of
 * an infinitive, or the shared subject of conjoined verbs, or the
 * possessor of an eventive noun); modality decides whether and how the
 * event is emitted; the date comes from the sentence's time expressions.
 * Pronouns and descriptions ("the two countries") resolve to the most
 * recent compatible actors of the document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/coder.h"
#include "entente/timex.h"

/* ------------------------------------------------------------------ */
/* Relations used by the coder, looked up once by name.                */

enum {
	D_NSUBJ, D_NSUBJ_PASS, D_CSUBJ, D_OBJ, D_IOBJ, D_OBL, D_OBL_AGENT, D_OBL_UNMARKED,
	D_NMOD, D_NMOD_POSS, D_NMOD_UNMARKED, D_AMOD, D_COMPOUND, D_COMPOUND_PRT, D_FLAT,
	D_APPOS, D_CONJ, D_CC, D_CASE, D_DET, D_XCOMP, D_CCOMP, D_ADVCL, D_ACL,
	D_ACL_RELCL, D_ADVMOD, D_AUX, D_AUX_PASS, D_MARK, D_NEG_UNUSED, D_PARATAXIS,
	D_ROOT, D_NUMMOD, D_PUNCT, D_DEP, D_COP, D_EXPL, D_NMOD_DESC, D_FIXED, D_COUNT
};

static const char *const dep_names[D_COUNT] = {
	"nsubj", "nsubj:pass", "csubj", "obj", "iobj", "obl", "obl:agent", "obl:unmarked",
	"nmod", "nmod:poss", "nmod:unmarked", "amod", "compound", "compound:prt", "flat",
	"appos", "conj", "cc", "case", "det", "xcomp", "ccomp", "advcl", "acl",
	"acl:relcl", "advmod", "aux", "aux:pass", "mark", "neg", "parataxis",
	"root", "nummod", "punct", "dep", "cop", "expl", "nmod:desc", "fixed"
};

struct ent_coder {
	const ent_dict *dict;
	const ent_model *model;
	ent_coder_opts opts;
	int dep[D_COUNT];         /* parser relation ids, -1 when unknown */
	uint32_t w_not, w_never, w_nt, w_no;  /* dictionary word ids */
	int petr_agents;          /* PETRARCH agent files are loaded */
	int x_vbn;                /* the past participle's XPOS, or -1 */
	int x_nns;                /* the plural noun's XPOS, or -1 */
};

int ent_coder_new(ent_coder **out, const ent_dict *dict, const ent_model *model,
                  const ent_coder_opts *opts)
{
	ent_coder *c;
	int i;

	*out = NULL;
	c = ent_calloc(1, sizeof *c);
	if (!c)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	c->dict = dict;
	c->model = model;
	if (opts)
		c->opts = *opts;
	for (i = 0; i < D_COUNT; i++)
		c->dep[i] = ent_deprel_parse(dep_names[i], strlen(dep_names[i]));
	c->x_vbn = ent_xpos_parse("VBN", 3);
	c->x_nns = ent_xpos_parse("NNS", 3);
	for (i = 0; dict && (size_t)i < ent_dict_nfiles(dict); i++)
		if (ent_dict_file(dict, (size_t)i)->format == ENT_DICT_FMT_PETR_AGENTS)
			c->petr_agents = 1;
	*out = c;
	return ENT_OK;
}

void ent_coder_free(ent_coder *c)
{
	ent_free(c);
}

/* ------------------------------------------------------------------ */
/* Per-sentence state                                                  */

#define NO_TOKEN (-1)
#define MAX_CODES 8

/* An actor as the coder sees it: a code and where it was said. */
typedef struct actor {
	const char *code;
	int tok;           /* head token in the sentence, or -1 (resolved) */
	ent_span span;     /* the words naming it */
	uint8_t person;    /* a person (he/she) rather than a group (it) */
	uint8_t resolved;  /* came from coreference */
	uint32_t sent;     /* sentence it was named in (history) */
} actor;

/* Actors mentioned in the document so far, for coreference, and the
 * last group of two or more named together ("Russia, China and
 * Pakistan", "the three countries") for plural pronouns. */
#define MAX_GROUP 8
typedef struct history {
	actor *v;
	size_t n, cap;
	actor group[MAX_GROUP];
	int ngroup;
	uint32_t group_sent;
} history;

typedef struct sent_ctx {
	const ent_coder *c;
	const ent_doc *doc;
	ent_arena *arena;
	const char *text;
	ent_token *tok;
	int n;                 /* tokens */
	uint32_t sent_index;
	ent_span sent_span;
	int *head;             /* 0-based head, -1 for the root */
	int *first_child, *next_sibling;
	const ent_dict_sent *dsent;
	ent_dict_match *m;
	size_t nm;
	int *actor_m;          /* token -> covering actor match, or -1 */
	int *agent_m;          /* token -> covering agent match, or -1 */
	const char **np_code;  /* token -> code of the noun phrase it heads */
	signed char *actor_tok; /* token -> actor_token's answer, -1 not asked yet */
	signed char *time_tok;  /* token -> in_time_phrase's answer, -1 not asked yet */
	int *np_person;
	ent_timex tx[16];
	size_t ntx;
	history *hist;
	ent_coded *out;
	size_t ev_cap, rel_cap;
	int discard_sentence;
	int unknown_ok;        /* actors_of may give ---ROLE (event_parties) */
	int bare_agents;       /* a role word names no actor (event_parties) */
} sent_ctx;

static int dep_is(const sent_ctx *s, int t, int which)
{
	return t >= 0 && s->c->dep[which] >= 0 && s->tok[t].deprel == s->c->dep[which];
}

static int upos(const sent_ctx *s, int t)
{
	return s->tok[t].upos;
}

static int lemma_is(const sent_ctx *s, int t, const char *w)
{
	const char *l = s->tok[t].lemma;
	size_t n;

	if (l)  /* the first letters first: most calls differ there */
		return (l[0] | 0x20) == (w[0] | 0x20) && strcasecmp(l, w) == 0;
	n = s->tok[t].end - s->tok[t].start;
	return strlen(w) == n && strncasecmp(s->text + s->tok[t].start, w, n) == 0;
}

/* Whether t's lemma is one of words (NULL-terminated, lower case). */
static int lemma_in(const sent_ctx *s, int t, const char *const *words)
{
	const char *l = s->tok[t].lemma ? s->tok[t].lemma : s->text + s->tok[t].start;
	int first = l[0] | 0x20;  /* first letters first: most words differ there */
	size_t i;

	for (i = 0; words[i]; i++)
		if ((words[i][0] | 0x20) == first && lemma_is(s, t, words[i]))
			return 1;
	return 0;
}

/* The child of t with relation which, the first one; -1 when none. */
/* Whether token t has the Penn tag name ("VBG"). */
static int xpos_is(const sent_ctx *s, int t, const char *name)
{
	const char *x = ent_xpos_name(s->tok[t].xpos);

	return x && strcmp(x, name) == 0;
}

static int child(const sent_ctx *s, int t, int which)
{
	int k;

	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, which))
			return k;
	return NO_TOKEN;
}

/* Whether t has a child with this relation whose lemma is w. */
static int child_lemma(const sent_ctx *s, int t, int which, const char *w)
{
	int k;

	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
		if ((which < 0 || dep_is(s, k, which)) && lemma_is(s, k, w))
			return 1;
	return 0;
}

/* The preposition (case child) of a nominal, or -1. */
static int case_of(const sent_ctx *s, int t)
{
	return child(s, t, D_CASE);
}

/* ------------------------------------------------------------------ */
/* Actors in noun phrases                                              */

static const ent_dict_entry *match_entry(const sent_ctx *s, int mi)
{
	return ent_dict_entry_get(s->c->dict, s->m[mi].entry);
}

static int kind_is_person(int k)
{
	return k >= ENT_ACTOR_HEAD_OF_STATE && k <= ENT_ACTOR_OFFICIAL;
}

/* The length of the root of an actor code (event.h). */
#define root_len ent_actor_root_len

/* root of code + role (a 3-letter agent code, or "~XXX"). */
static const char *compose(sent_ctx *s, const char *code, const char *role, int prefix)
{
	size_t r = root_len(code);
	char buf[64];

	if (role[0] == '~')
		role++;
	if (prefix)
		snprintf(buf, sizeof buf, "%s%.*s", role, (int)r, code);
	else
		snprintf(buf, sizeof buf, "%.*s%s", (int)r, code, role);
	return ent_arena_strndup(s->arena, buf, strlen(buf));
}

/* Whether a role word after a group's name names its members or leaders
 * ("Hamas militants", "a Taliban commander", "ANC leaders", "Pentagon
 * officials"): the group's code then stands, not its country with the
 * role (PSEINS, AFGMIL). A group is a country code with a role of its
 * own other than the government; transnational codes (IGO, NGO, MNC)
 * compose as before. */
static int group_member(const char *group, const char *role, int prefix)
{
	static const char *const members[] = {"GOV", "MIL", "INS", "REB", "ELI", "OPP", "SEP", NULL};
	int i;

	if (prefix || root_len(group) != 3 || strlen(group) <= 3 || strncmp(group + 3, "GOV", 3) == 0)
		return 0;
	if (role[0] == '~')
		role++;
	for (i = 0; members[i]; i++)
		if (strcmp(role, members[i]) == 0)
			return 1;
	return 0;
}

/* root of code + role + the roles code has ("the leaders of [Egypt's
 * Muslim Brotherhood EGYMUS]" EGYOPPMUS), each role once. */
static const char *compose_keep(sent_ctx *s, const char *code, const char *role, int prefix)
{
	size_t r = root_len(code), k;
	char buf[64];
	int n;

	if (role[0] == '~')
		role++;
	if (prefix) {
		snprintf(buf, sizeof buf, "%s%s", role, code);
		return ent_arena_strndup(s->arena, buf, strlen(buf));
	}
	n = snprintf(buf, sizeof buf, "%.*s%s", (int)r, code, role);
	for (k = r; k + 3 <= strlen(code) && n > 0 && (size_t)n + 3 < sizeof buf; k += 3)
		if (strncmp(code + k, role, 3) != 0)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "%.3s", code + k);
	return ent_arena_strndup(s->arena, buf, strlen(buf));
}

/* The code an actor match gives its token, and whether it names a person
 * and can stand alone (names, capitals, people, organisations; not
 * adjectives or combining forms). */
static const char *actor_code(const sent_ctx *s, int mi, int *standalone, int *person)
{
	const ent_dict_entry *e = match_entry(s, mi);

	*standalone = e->sub != ENT_ACTOR_ADJ && e->sub != ENT_ACTOR_PREFIX;
	*person = kind_is_person(e->sub);
	return e->code;
}

/* The code with the roles of the other role words before head t added
 * ("an MSF Arnor diplomat": MSF's NGO~ before, NGOARNGOV): each agent
 * phrase of a noun phrase adds its code, after the actor code or, for
 * XXX~ codes, before it, once each. */
static const char *add_modifier_roles(sent_ctx *s, int t, const char *code)
{
	int k;

	if (!code)
		return code;
	for (k = t - 1; k >= 0 && k >= t - 8; k--) {  /* a noun phrase's modifiers are near */
		int am = s->agent_m[k];
		const ent_dict_entry *ge;
		const char *role, *at;
		size_t r;
		char buf[64];

		int x = k, guard = 0;

		if (am < 0 || ((uint32_t)t >= s->m[am].start && (uint32_t)t < s->m[am].end))
			continue;
		/* a modifier of the head, or of a modifier of it ("MSF"
		 * hangs from "Arnor" in "MSF Arnor diplomat") */
		while (x >= 0 && x != t && guard++ < 4 &&
		       (dep_is(s, x, D_COMPOUND) || dep_is(s, x, D_AMOD) || dep_is(s, x, D_FLAT)))
			x = s->head[x];
		if (x != t)
			continue;
		ge = match_entry(s, am);
		role = ge->code[0] == '~' ? ge->code + 1 : ge->code;
		/* once: not a role the code already has */
		for (at = strstr(code, role); at; at = strstr(at + 1, role))
			if ((size_t)(at - code) % 3 == 0)
				break;
		if (at)
			continue;
		r = strlen(code);
		if (ge->flags & ENT_ENTRY_PREFIX)
			snprintf(buf, sizeof buf, "%s%s", role, code);
		else
			snprintf(buf, sizeof buf, "%s%s", code, role);
		if (strlen(buf) <= r)
			continue;
		code = ent_arena_strndup(s->arena, buf, strlen(buf));
	}
	return code;
}

/* The country a common noun names through a name among its compounds
 * and adjectives ("the West Bank city", "a Russian town"): its code, or
 * NULL. */
static const char *place_modifier_code(const sent_ctx *s, int t)
{
	int k;

	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
		int am = s->actor_m[k];
		const ent_dict_entry *e;

		if (k > t || am < 0 || !(dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_AMOD)))
			continue;
		e = match_entry(s, am);
		if (e->code && root_len(e->code) == strlen(e->code) &&
		    (e->sub == ENT_ACTOR_NAME || e->sub == ENT_ACTOR_ADJ || e->sub == ENT_ACTOR_OTHER))
			return e->code;
	}
	return NULL;
}

/* Computes np_code for every token: the actor its noun phrase names. */
static void compute_np_codes(sent_ctx *s)
{
	int t, k;

	for (t = 0; t < s->n; t++) {
		const char *own = NULL, *mod = NULL, *role = NULL;
		int standalone = 0, person = 0, role_prefix = 0, title = 0, p;

		s->np_code[t] = NULL;
		s->np_person[t] = 0;
		if (s->actor_m[t] >= 0) {
			const char *code = actor_code(s, s->actor_m[t], &standalone, &person);

			if (standalone)
				own = code;
			else
				mod = code;
		}
		if (s->agent_m[t] >= 0) {
			const ent_dict_entry *e = match_entry(s, s->agent_m[t]);

			role = e->code;
			role_prefix = (e->flags & ENT_ENTRY_PREFIX) != 0;
		}
		/* Modifiers: adjectives, compounds, possessives, "of X". */
		for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
			int sa, pe, am = s->actor_m[k];

			if (!(dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND) ||
			      dep_is(s, k, D_NMOD_POSS) || dep_is(s, k, D_FLAT) || dep_is(s, k, D_NMOD_DESC) ||
			      (dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 &&
			       (lemma_is(s, case_of(s, k), "of") ||
			        (s->agent_m[t] >= 0 && (lemma_is(s, case_of(s, k), "from") ||
			                                lemma_is(s, case_of(s, k), "in") ||
			                                lemma_is(s, case_of(s, k), "across") ||
			                                lemma_is(s, case_of(s, k), "throughout")))))))
				continue;
			if (!role && s->agent_m[k] >= 0 && upos(s, t) == ENT_UPOS_PROPN && k < t &&
			    (dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_FLAT) || dep_is(s, k, D_NMOD_DESC))) {
				/* a title before a name: "Bree Prime Minister
				 * Romendacil", "Nigerian General Abacha" */
				const ent_dict_entry *ge = match_entry(s, s->agent_m[k]);

				role = ge->code;
				role_prefix = (ge->flags & ENT_ENTRY_PREFIX) != 0;
				title = 1;
			}
			if (am >= 0 && s->m[am].start <= (uint32_t)t && (uint32_t)t < s->m[am].end)
				continue;  /* part of the same phrase */
			if (am >= 0) {
				const char *code = actor_code(s, am, &sa, &pe);

				if (!mod)
					mod = code;
			}
		}
		if (!own && !mod && role) {
			/* a country on a modifier of a modifier: "NATO
			 * peacekeeping troops" with NATO under "peacekeeping" */
			for (k = s->first_child[t]; k >= 0 && !mod; k = s->next_sibling[k]) {
				int g;

				if (k > t || !(dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND)) || s->actor_m[k] >= 0)
					continue;
				for (g = s->first_child[k]; g >= 0 && !mod; g = s->next_sibling[g]) {
					int sa, pe;

					if (g < k && s->actor_m[g] >= 0 &&
					    (dep_is(s, g, D_AMOD) || dep_is(s, g, D_COMPOUND)) &&
					    !(s->m[s->actor_m[g]].start <= (uint32_t)t && (uint32_t)t < s->m[s->actor_m[g]].end))
						mod = actor_code(s, s->actor_m[g], &sa, &pe);
				}
			}
		}
		if (own) {
			/* A name: the phrase's own code ("President Putin"). A
			 * role word on a bare country name adds its role
			 * ("Pakistan army" is not this case: that is a modifier). */
			s->np_code[t] = own;
			s->np_person[t] = person;
			/* a name that gives only its country takes its title's
			 * role ("Bree Prime Minister Romendacil" BREGOV) */
			if (!title && root_len(own) == strlen(own) && upos(s, t) == ENT_UPOS_PROPN) {
				/* the parser may make the country the head and
				 * hang the title under the name after it ("Bree
				 * President Romendacil": President under
				 * Romendacil, Romendacil flat under Bree) */
				for (k = t + 1; k < s->n && k <= t + 4 && !title; k++) {
					int x = k, guard = 0;

					if (s->agent_m[k] < 0 || s->actor_m[k] >= 0 || k + 1 >= s->n ||
					    upos(s, k + 1) != ENT_UPOS_PROPN)
						continue;
					while (x >= 0 && x != t && guard++ < 4 &&
					       (dep_is(s, x, D_FLAT) || dep_is(s, x, D_COMPOUND) ||
					        dep_is(s, x, D_NMOD_DESC) || dep_is(s, x, D_AMOD)))
						x = s->head[x];
					if (x == t) {
						const ent_dict_entry *ge = match_entry(s, s->agent_m[k]);

						role = ge->code;
						role_prefix = (ge->flags & ENT_ENTRY_PREFIX) != 0;
						title = 1;
					}
				}
			}
			if (title && root_len(own) == strlen(own))
				s->np_code[t] = compose(s, own, role, role_prefix);
		} else if (role && mod) {
			s->np_code[t] = add_modifier_roles(s, t, group_member(mod, role, role_prefix)
			                                             ? mod : compose(s, mod, role, role_prefix));
			/* a role word names a person in the singular ("the
			 * ambassador" may be "he"; "terrorists" may not) */
			s->np_person[t] = upos(s, t) == ENT_UPOS_NOUN && s->tok[t].xpos != s->c->x_nns;
		} else if (mod && !role && s->actor_m[t] >= 0 && (upos(s, t) == ENT_UPOS_PROPN ||
		                                                  upos(s, t) == ENT_UPOS_NOUN)) {
			/* "the Russians": a people word used as a noun */
			s->np_code[t] = mod;
		}
		/* Tokens inside a multiword name point to its head's code. */
		p = s->actor_m[t];
		(void)p;
	}
	/* A role word whose country comes through a phrase after it that
	 * has its own code only now: "journalists at Sudan's newspaper",
	 * "officials at the Russian embassy". */
	for (t = 0; t < s->n; t++) {
		const ent_dict_entry *ge;

		if (s->np_code[t] || s->agent_m[t] < 0)
			continue;
		ge = match_entry(s, s->agent_m[t]);
		for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k);
			const char *kc = s->np_code[k];

			if (!kc && s->actor_m[k] < 0 && s->agent_m[k] < 0 && upos(s, k) == ENT_UPOS_NOUN)
				/* a place of a country: "the mayor of the West
				 * Bank city of Nablus" */
				kc = place_modifier_code(s, k);
			if (k > t && kc && s->actor_m[k] < 0 && dep_is(s, k, D_NMOD) && cs >= 0 &&
			    (lemma_is(s, cs, "of") || lemma_is(s, cs, "from") || lemma_is(s, cs, "in") ||
			     lemma_is(s, cs, "at"))) {
				s->np_code[t] = compose_keep(s, kc, ge->code, (ge->flags & ENT_ENTRY_PREFIX) != 0);
				break;
			}
		}
	}
	/* Give every token of a standalone actor phrase the phrase's code
	 * (the parser may make any of its words the head). */
	for (t = 0; t < s->n; t++) {
		int mi = s->actor_m[t], sa, pe;
		const char *code;

		if (mi < 0 || s->np_code[t])
			continue;
		code = actor_code(s, mi, &sa, &pe);
		if (sa) {
			s->np_code[t] = code;
			s->np_person[t] = pe;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Coreference                                                         */

static int hist_add(sent_ctx *s, const char *code, int person, int tok)
{
	history *h = s->hist;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		actor *grown = ent_arena_alloc(s->arena, cap * sizeof *grown);

		if (!grown)
			return ENT_ENOMEM;
		if (h->n)
			memcpy(grown, h->v, h->n * sizeof *grown);
		h->v = grown;
		h->cap = cap;
	}
	memset(&h->v[h->n], 0, sizeof h->v[h->n]);
	h->v[h->n].code = code;
	h->v[h->n].person = (uint8_t)person;
	h->v[h->n].tok = tok;
	h->v[h->n].sent = s->sent_index;
	h->n++;
	return ENT_OK;
}

/* How many actors a description counts: "both sides" 2, "the three
 * countries" 3; 0 when it has no number. */
static int described_count(const sent_ctx *s, int t)
{
	static const char *const numbers[] = {"", "", "two", "three", "four", "five", "six"};
	int k;

	if (child_lemma(s, t, -1, "both"))
		return 2;
	for (k = 2; k <= 6; k++)
		if (child_lemma(s, t, -1, numbers[k]))
			return k;
	return 0;
}

static int actors_of(const sent_ctx *s, int t, actor *out, int max);
static int in_subtree(const sent_ctx *s, int t, int root);

/* Resolves a pronoun or description at token t to up to max actors of
 * the document mentioned before it. Returns the count. */
/* The code of the subject of the clause that holds t, when the subject
 * names an actor itself and is not t: what "the two countries" in "Russia
 * negotiated with the two countries" does not include. */
static const char *clause_subject_code(const sent_ctx *s, int t)
{
	int v = s->head[t], guard = 0, subj;

	while (v >= 0 && guard++ < 6 && upos(s, v) != ENT_UPOS_VERB)
		v = s->head[v];
	if (v < 0 || upos(s, v) != ENT_UPOS_VERB)
		return NULL;
	subj = child(s, v, D_NSUBJ);
	return subj >= 0 && subj != t ? s->np_code[subj] : NULL;
}

/* Whether adjective t says something of a whole clause put after it
 * ("it is necessary to", "it is clear that"), not of a subject that
 * acts ("it is ready to", "it is willing to"). */
static int extraposing_adjective(const sent_ctx *s, int t)
{
	static const char *const adj[] = {
		"necessary", "clear", "likely", "unlikely", "possible", "impossible", "important",
		"reasonable", "advisable", "obvious", "evident", "true", "difficult", "easy", "hard",
		"essential", "crucial", "vital", "imperative", "surprising", "unclear", "doubtful",
		"apparent", "natural", "unusual", "rare", "common", "wise", "useful", "worth",
		"unthinkable", "inevitable", "probable", "plausible", "fair", "safe", "tempting", NULL};

	return lemma_in(s, t, adj);
}

/* Whether "it" (token t) is a dummy subject: UD's expl, or the subject of
 * a predicate adjective or of a copular verb with one ("it is clear
 * that", "it became necessary to") that takes a clause. */
static int expletive_it(const sent_ctx *s, int t)
{
	int h = s->head[t], x = -1, c;

	if (!(dep_is(s, t, D_EXPL) || dep_is(s, t, D_NSUBJ)) || h < 0)
		return 0;
	if (dep_is(s, t, D_EXPL) && (lemma_is(s, h, "seem") || lemma_is(s, h, "appear") ||
	                             lemma_is(s, h, "emerge") || lemma_is(s, h, "happen")))
		return 1;  /* "it seems that ..." */
	if (upos(s, h) == ENT_UPOS_ADJ)
		x = h;
	else if (lemma_is(s, h, "become") || lemma_is(s, h, "seem") || lemma_is(s, h, "appear") ||
	         lemma_is(s, h, "remain") || lemma_is(s, h, "be")) {
		x = child(s, h, D_XCOMP);
		if (x >= 0 && upos(s, x) != ENT_UPOS_ADJ)
			x = -1;
	}
	if (x < 0 || !extraposing_adjective(s, x))
		return 0;  /* "it is ready to talk": someone is */
	for (c = s->first_child[x]; c >= 0; c = s->next_sibling[c])
		if (dep_is(s, c, D_XCOMP) || dep_is(s, c, D_CCOMP) || dep_is(s, c, D_CSUBJ) ||
		    (dep_is(s, c, D_ADVCL) && (child_lemma(s, c, D_MARK, "to") ||
		                               child_lemma(s, c, D_MARK, "that"))))
			return 1;
	return 0;
}

static int official_role(const char *role);

/* Whether code names a state: a country, or one of its official organs. */
static int state_code(const char *code)
{
	return root_len(code) == 3 && strncmp(code, "---", 3) != 0 && !ent_actor_is_region(code) &&
	       (strlen(code) == 3 || official_role(code + 3));
}

static int resolve(const sent_ctx *s, int t, actor *out, int max)
{
	const history *h = s->hist;
	int want_person = -1, count = 1, found = 0, pronoun = 0, want_state = 0;
	const char *excl = NULL;  /* a root the description cannot include */
	size_t i;

	if (lemma_is(s, t, "he") || lemma_is(s, t, "she") || lemma_is(s, t, "his") ||
	    lemma_is(s, t, "her") || lemma_is(s, t, "him"))
		want_person = 1;
	else if (lemma_is(s, t, "it") || lemma_is(s, t, "its")) {
		if (expletive_it(s, t))
			return 0;  /* "it became necessary to ...": nobody */
		want_person = 0;
		pronoun = 1;
	} else if (lemma_is(s, t, "they") || lemma_is(s, t, "their") || lemma_is(s, t, "them")) {
		int k2;

		/* the group named last: earlier in this sentence ("Obama and
		 * Putin said they ..."), or in the sentence before */
		for (k2 = t - 1; k2 >= 0; k2--) {
			int c2, n2 = 0;

			/* the subject of a verb whose clause holds the
			 * pronoun */
			if (!s->np_code[k2] || !dep_is(s, k2, D_NSUBJ) || s->head[k2] < 0 ||
			    !in_subtree(s, t, s->head[k2]))
				continue;
			for (c2 = s->first_child[k2]; c2 >= 0; c2 = s->next_sibling[c2])
				n2 += dep_is(s, c2, D_CONJ) && s->np_code[c2] != NULL;
			if (n2 == 0)
				continue;
			n2 = actors_of(s, k2, out, max);
			for (c2 = 0; c2 < n2; c2++) {
				out[c2].tok = t;
				out[c2].resolved = 1;
			}
			if (n2 >= 2)
				return n2;
		}
		if (h->ngroup >= 2 && h->group_sent + 1 >= s->sent_index) {
			int k;

			for (k = 0; k < h->ngroup && k < max; k++) {
				out[k] = h->group[k];
				out[k].tok = t;
				out[k].resolved = 1;
			}
			return k;
		}
		want_person = -1;
		pronoun = 1;
	}
	else if ((lemma_is(s, t, "country") || lemma_is(s, t, "side") || lemma_is(s, t, "government") ||
	          lemma_is(s, t, "nation") || lemma_is(s, t, "neighbour") || lemma_is(s, t, "neighbor") ||
	          lemma_is(s, t, "state") || lemma_is(s, t, "power")) &&
	         (count = described_count(s, t)) > 0) {
		want_person = 0;  /* "the two countries", "both sides", "the three powers" */
		want_state = !lemma_is(s, t, "side");  /* a country is not its media or rebels */
		excl = clause_subject_code(s, t);
		if (h->ngroup == count && h->group_sent + 2 >= s->sent_index) {
			int k;

			for (k = 0; k < count && k < max; k++) {
				out[k] = h->group[k];
				out[k].tok = t;
				out[k].resolved = 1;
			}
			return k;  /* the group of that size named last */
		}
	} else if (lemma_is(s, t, "latter") || lemma_is(s, t, "former")) {
		/* the latter: the most recent of the last two; the former:
		 * the one before */
		size_t distinct = 0;
		const char *prev = NULL;

		for (i = h->n; i > 0 && distinct < 2; i--) {
			if (prev && strncmp(prev, h->v[i - 1].code, root_len(prev)) == 0)
				continue;
			prev = h->v[i - 1].code;
			distinct++;
			if ((distinct == 1 && lemma_is(s, t, "latter")) ||
			    (distinct == 2 && lemma_is(s, t, "former"))) {
				out[0] = h->v[i - 1];
				out[0].tok = t;
				out[0].resolved = 1;
				return 1;
			}
		}
		return 0;
	} else {
		return 0;
	}
	/* a subject pronoun inside the clause of a subject that names an
	 * actor refers to it before a nearer non-subject ("The State
	 * Department described him as a figure in Al-Qaeda when they offered
	 * a reward"); an object pronoun does not ("Moscow may be sending
	 * weapons to them") */
	if (pronoun && count == 1 && max > 0 && (dep_is(s, t, D_NSUBJ) || dep_is(s, t, D_NSUBJ_PASS))) {
		int k2;

		for (k2 = t - 1; k2 >= 0; k2--)
			if (s->np_code[k2] && (dep_is(s, k2, D_NSUBJ) || dep_is(s, k2, D_NSUBJ_PASS)) &&
			    s->head[k2] >= 0 && in_subtree(s, t, s->head[k2]) && !in_subtree(s, t, k2) &&
			    (want_person < 0 || s->np_person[k2] == want_person) &&
			    !ent_actor_is_region(s->np_code[k2])) {
				memset(&out[0], 0, sizeof out[0]);
				out[0].code = s->np_code[k2];
				out[0].person = (uint8_t)s->np_person[k2];
				out[0].tok = t;
				out[0].resolved = 1;
				return 1;
			}
	}
	/* first the actors named earlier in this sentence ("Turkey said it
	 * had asked ..."), nearest first */
	{
		int k2;

		for (k2 = t - 1; k2 >= 0 && found < count && found < max; k2--) {
			int k, dup = 0;

			if (!s->np_code[k2] || (s->head[k2] >= 0 && s->np_code[s->head[k2]] == s->np_code[k2]))
				continue;
			if (want_person >= 0 && s->np_person[k2] != want_person)
				continue;
			if (pronoun && ent_actor_is_region(s->np_code[k2]))
				continue;  /* "it" and "they" are states or groups, not regions */
			if ((excl && strncmp(excl, s->np_code[k2], root_len(excl)) == 0) ||
			    (want_state && !state_code(s->np_code[k2])))
				continue;
			for (k = 0; k < found; k++)
				dup |= strncmp(out[k].code, s->np_code[k2], root_len(s->np_code[k2])) == 0;
			if (dup)
				continue;
			memset(&out[found], 0, sizeof out[found]);
			out[found].code = s->np_code[k2];
			out[found].person = (uint8_t)s->np_person[k2];
			out[found].tok = t;
			out[found].resolved = 1;
			found++;
		}
	}
	for (i = h->n; i > 0 && found < count && found < max; i--) {
		const actor *a = &h->v[i - 1];
		int k, dup = 0;

		if (want_person >= 0 && a->person != want_person)
			continue;
		if (pronoun && ent_actor_is_region(a->code))
			continue;
		if ((excl && strncmp(excl, a->code, root_len(excl)) == 0) || (want_state && !state_code(a->code)))
			continue;
		for (k = 0; k < found; k++)
			dup |= strncmp(out[k].code, a->code, root_len(a->code)) == 0;
		if (dup)
			continue;
		out[found] = *a;
		out[found].tok = t;
		out[found].resolved = 1;
		found++;
	}
	return found == count ? found : (count == 1 ? found : 0);
}

/* ------------------------------------------------------------------ */
/* Actors of a token: its noun phrase, its conjuncts, or coreference.   */

static ent_span np_span(const sent_ctx *s, int t)
{
	ent_span sp;
	int mi = s->actor_m[t];

	if (mi >= 0) {
		sp.start = s->tok[s->m[mi].start].start;
		sp.end = s->tok[s->m[mi].end - 1].end;
	} else {
		sp.start = s->tok[t].start;
		sp.end = s->tok[t].end;
	}
	/* widen to the modifiers that gave the code */
	{
		int k;

		for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
			if ((dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_NMOD_POSS) ||
			     dep_is(s, k, D_FLAT) || dep_is(s, k, D_NMOD_DESC)) && s->actor_m[k] >= 0) {
				if (s->tok[k].start < sp.start)
					sp.start = s->tok[k].start;
				if (s->tok[k].end > sp.end)
					sp.end = s->tok[k].end;
			}
	}
	return sp;
}

/* Whether a role speaks for its state, so that "the ministry said" or
 * "officials said" may borrow the country just named (not "terrorists"
 * or "protesters", who need not be of it). */
static int official_role(const char *role)
{
	static const char *const roles[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", NULL};
	int i;

	if (!role)
		return 0;
	if (role[0] == '~')
		role++;
	for (i = 0; roles[i]; i++)
		if (strncmp(role, roles[i], 3) == 0)
			return 1;
	return 0;
}

/* Whether t has a modifier that names a place or group that is not in
 * the dictionaries ("Asian banks", "Kurdish officials"): then a role word
 * must not borrow the last country. */
static int has_country_modifier(const sent_ctx *s, int t)
{
	int k;

	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
		if ((dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_NMOD_POSS)) &&
		    (s->tok[k].flags & ENT_TOK_CAPITAL))
			return 1;
	return 0;
}

/* The country of the most recent actor named before token t in this
 * sentence or in the previous one (the coreference history). */
static const char *recent_country(const sent_ctx *s, int t)
{
	int k;
	size_t i;

	for (k = t - 1; k >= 0; k--)
		if (s->np_code[k] && root_len(s->np_code[k]) == 3)
			return s->np_code[k];
	for (i = s->hist->n; i > 0; i--) {
		const actor *a = &s->hist->v[i - 1];

		if (a->sent + 1 < s->sent_index)
			break;
		if (root_len(a->code) == 3)
			return a->code;
	}
	return NULL;
}

static int actors_of_role(const sent_ctx *s, int t, actor *out, int max, int as_source);

/* Whether conjunct k is denied: "with Pakistan and China but not
 * Afghanistan". */
static int negated_conjunct(const sent_ctx *s, int k)
{
	return child_lemma(s, k, D_ADVMOD, "not") || child_lemma(s, k, D_ADVMOD, "n't") ||
	       (k > 0 && (lemma_is(s, k - 1, "not") || lemma_is(s, k - 1, "n't")));
}

/* Up to max actors that token t stands for (as a target). */
static int actors_of(const sent_ctx *s, int t, actor *out, int max)
{
	return actors_of_role(s, t, out, max, 0);
}

/* The same for a source: a role word with no country of its own ("the
 * ministry said") may borrow the country just named. */
static int source_actors(const sent_ctx *s, int t, actor *out, int max)
{
	return actors_of_role(s, t, out, max, 1);
}

/* Whether t counts or quantifies what its "of" phrase names. */
static int quantity_word(const sent_ctx *s, int t)
{
	static const char *const words[] = {
		"dozen", "dozens", "ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million",
		"millions", "score", "scores", "group", "number", "handful", "majority", "some",
		"many", "most", "all", "several", "few", "one", "member", "contingent", "unit",
		"delegation", "team", "band", "batch", "wave", NULL
	};

	if (upos(s, t) == ENT_UPOS_NUM)
		return 1;
	if (!(upos(s, t) == ENT_UPOS_NOUN || upos(s, t) == ENT_UPOS_PRON || upos(s, t) == ENT_UPOS_ADJ ||
	      upos(s, t) == ENT_UPOS_DET))
		return 0;
	return lemma_in(s, t, words);
}

/* Puts an actor named in the sentence (not resolved) at out[n]; returns
 * n + 1, or n when code is NULL (out of memory). */
static int add_actor(actor *out, int n, const char *code, int tok, ent_span span, int person)
{
	out[n].code = code;
	out[n].tok = tok;
	out[n].span = span;
	out[n].person = (uint8_t)person;
	out[n].resolved = 0;
	return code ? n + 1 : n;
}

static int actors_of_role(const sent_ctx *s, int t, actor *out, int max, int as_source)
{
	int n = 0, k;

	if (t < 0 || max <= 0)
		return 0;
	/* a title before a name stands for the person named: "PM" in
	 * "Pakistani PM Nawaz Sharif" */
	if (dep_is(s, t, D_COMPOUND) && s->head[t] > t && upos(s, s->head[t]) == ENT_UPOS_PROPN &&
	    s->np_code[s->head[t]] && s->agent_m[t] >= 0)
		t = s->head[t];
	if (s->np_code[t]) {
		int mi = s->actor_m[t];

		n = add_actor(out, n, s->np_code[t], t, np_span(s, t), s->np_person[t]);
		/* a phrase with several codes stands for all of them
		 * (PETRARCH's [A/B]: "Lorien" ELR and GAL) */
		if (mi >= 0 && match_entry(s, mi)->code == s->np_code[t]) {
			size_t mj;

			for (mj = (size_t)mi + 1; mj < s->nm && n < max &&
			     s->m[mj].start == s->m[mi].start && s->m[mj].end == s->m[mi].end; mj++) {
				const ent_dict_entry *e = match_entry(s, (int)mj);

				if (s->m[mj].kind != ENT_DICT_ACTOR || !e->code || (e->flags & ENT_ENTRY_NULL) ||
				    (e->flags & ENT_ENTRY_DATED) || e->code == s->np_code[t])
					continue;
				out[n] = out[0];
				out[n].code = e->code;
				n++;
			}
		}
	} else if (upos(s, t) == ENT_UPOS_PRON || upos(s, t) == ENT_UPOS_NOUN ||
	           upos(s, t) == ENT_UPOS_ADJ || upos(s, t) == ENT_UPOS_DET) {
		int r = resolve(s, t, out, max);

		for (k = 0; k < r; k++) {
			out[k].span.start = s->tok[t].start;
			out[k].span.end = s->tok[t].end;
		}
		n = r;
	}
	if (n == 0 && as_source && !s->c->petr_agents && s->agent_m[t] >= 0 && !has_country_modifier(s, t) &&
	    official_role(match_entry(s, s->agent_m[t])->code)) {
		/* a role with no country ("the ministry said", "officials"):
		 * the country last named in this sentence or the one before */
		const char *root = recent_country(s, t);

		if (root) {
			const ent_dict_entry *e = match_entry(s, s->agent_m[t]);

			out[n].code = compose((sent_ctx *)s, root, e->code, (e->flags & ENT_ENTRY_PREFIX) != 0);
			out[n].tok = t;
			out[n].span.start = s->tok[t].start;
			out[n].span.end = s->tok[t].end;
			out[n].person = 0;
			out[n].resolved = 1;
			if (out[n].code)
				n++;
		}
	}
	if (n == 0 && (upos(s, t) == ENT_UPOS_NOUN || upos(s, t) == ENT_UPOS_PROPN)) {
		/* a phrase that names no actor itself but has one among its
		 * modifiers: "the Beijing Olympics", "Pakistan's request" */
		for (k = s->first_child[t]; k >= 0 && n < max; k = s->next_sibling[k]) {
			int cs = case_of(s, k);

			/* an apposition, or an nmod with no preposition, is a
			 * name put next to the noun: "Human rights organization
			 * Amnesty International" */
			if (!(dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_AMOD) || dep_is(s, k, D_NMOD_POSS) ||
			      dep_is(s, k, D_FLAT) || dep_is(s, k, D_NMOD_DESC) || dep_is(s, k, D_APPOS) ||
			      (dep_is(s, k, D_NMOD) && (cs < 0 || lemma_is(s, cs, "of")))))
				continue;
			if (s->np_code[k] || s->actor_m[k] >= 0) {
				int sa, pe;
				const char *code = s->np_code[k] ? s->np_code[k]
				                                 : actor_code(s, s->actor_m[k], &sa, &pe);

				n = add_actor(out, n, code, k, np_span(s, k), s->np_person[k]);
				/* and its conjuncts: "rivals India and Pakistan" */
				{
					int c2;

					for (c2 = s->first_child[k]; c2 >= 0 && n < max; c2 = s->next_sibling[c2])
						if (dep_is(s, c2, D_CONJ) && s->np_code[c2]) {
							n = add_actor(out, n, s->np_code[c2], c2, np_span(s, c2), s->np_person[c2]);
						}
				}
			}
		}
	}
	/* a quantity stands for what it counts: "dozens of journalists at
	 * Sudan's newspaper", "hundreds of UN troops", "some of the rebels" */
	if (n == 0 && quantity_word(s, t)) {
		for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k);

			if (dep_is(s, k, D_NMOD) && cs >= 0 && lemma_is(s, cs, "of")) {  /* "tens of thousands of students" */
				int role = k, g, guard = 0;

				n = actors_of_role(s, k, out, max, as_source);
				/* the role counted, through further quantities */
				while (quantity_word(s, role) && guard++ < 3) {
					for (g = s->first_child[role]; g >= 0; g = s->next_sibling[g])
						if (dep_is(s, g, D_NMOD) && case_of(s, g) >= 0 &&
						    lemma_is(s, case_of(s, g), "of"))
							break;
					if (g < 0)
						break;
					role = g;
				}
				/* a role with no country of its own takes the
				 * place the parser hung on the quantity: "tens
				 * of thousands of students throughout Indonesia" */
				if (n == 0 && s->agent_m[role] >= 0 && !has_country_modifier(s, role)) {
					int q2 = t;

					for (guard = 0; q2 != role && q2 >= 0 && n == 0 && guard++ < 4;) {
						int nx = -1;

						for (g = s->first_child[q2]; g >= 0 && n == 0; g = s->next_sibling[g]) {
							int c2 = case_of(s, g);

							if (!dep_is(s, g, D_NMOD) || c2 < 0)
								continue;
							if (lemma_is(s, c2, "of"))
								nx = g;
							else if ((lemma_is(s, c2, "in") || lemma_is(s, c2, "across") ||
							          lemma_is(s, c2, "throughout") || lemma_is(s, c2, "from")) &&
							         s->actor_m[g] >= 0) {
								const ent_dict_entry *ae = match_entry(s, s->actor_m[g]);
								const ent_dict_entry *ge = match_entry(s, s->agent_m[role]);

								out[0].code = compose((sent_ctx *)s, ae->code, ge->code,
								                      (ge->flags & ENT_ENTRY_PREFIX) != 0);
								out[0].tok = role;
								out[0].span = np_span(s, t);
								out[0].person = 0;
								out[0].resolved = 0;
								n = out[0].code != NULL;
							}
						}
						q2 = nx;
					}
				}
				break;
			}
		}
	}
	/* a role shared by conjoined countries: "Hungarian and Romanian
	 * officials" */
	if (n == 1 && s->agent_m[t] >= 0 && !out[0].resolved) {
		int m;

		for (m = s->first_child[t]; m >= 0; m = s->next_sibling[m]) {
			int c2;

			if (!(dep_is(s, m, D_AMOD) || dep_is(s, m, D_COMPOUND) || dep_is(s, m, D_NMOD_POSS) ||
			      dep_is(s, m, D_NMOD)) || s->actor_m[m] < 0)
				continue;
			/* "Diplomats from Russia, China and Pakistan": the role
			 * goes to every conjoined country */
			for (c2 = s->first_child[m]; c2 >= 0 && n < max; c2 = s->next_sibling[c2]) {
				const ent_dict_entry *ae, *ge;

				if (!dep_is(s, c2, D_CONJ) || s->actor_m[c2] < 0)
					continue;
				ae = match_entry(s, s->actor_m[c2]);
				ge = match_entry(s, s->agent_m[t]);
				out[n].code = compose((sent_ctx *)s, ae->code, ge->code, (ge->flags & ENT_ENTRY_PREFIX) != 0);
				out[n].tok = c2;
				out[n].span.start = s->tok[c2 < t ? c2 : t].start;
				out[n].span.end = s->tok[c2 < t ? t : c2].end;
				out[n].person = 0;
				out[n].resolved = 0;
				if (out[n].code)
					n++;
			}
		}
	}
	if (n == 0 && s->agent_m[t] >= 0 && max > 0 && (upos(s, t) == ENT_UPOS_NOUN || upos(s, t) == ENT_UPOS_PROPN)) {
		/* a transnational kind of actor with no country ("an
		 * international aid agency", NGO~): the bare group code */
		const ent_dict_entry *e = match_entry(s, s->agent_m[t]);
		const ent_dict_file_info *fi = ent_dict_file(s->c->dict, e->file);

		if (e->code && (e->flags & ENT_ENTRY_PREFIX) && fi && fi->format != ENT_DICT_FMT_PETR_AGENTS &&
		    (strncmp(e->code, "NGO", 3) == 0 || strncmp(e->code, "IGO", 3) == 0 ||
		     strncmp(e->code, "MNC", 3) == 0)) {
			n = add_actor(out, n, ent_arena_strndup(s->arena, e->code, 3), t, np_span(s, t), 0);
		}
	}
	if (n == 0 && s->unknown_ok && s->agent_m[t] >= 0 && max > 0) {
		/* a PETRARCH agent with no country anywhere ("insurgents",
		 * "the civilians", "Congress"): PETRARCH codes it as the
		 * role of an unknown actor, ---REB */
		const ent_dict_entry *e = match_entry(s, s->agent_m[t]);
		const ent_dict_file_info *fi = ent_dict_file(s->c->dict, e->file);

		if (e->code && fi && fi->format == ENT_DICT_FMT_PETR_AGENTS &&
		    !(e->flags & ENT_ENTRY_PREFIX)) {
			n = add_actor(out, n, compose((sent_ctx *)s, "---", e->code, 0), t, np_span(s, t), 0);
		}
	}
	/* conjuncts: "Pakistan and Russia", but not "... but not Afghanistan" */
	for (k = s->first_child[t]; k >= 0 && n < max; k = s->next_sibling[k])
		if (dep_is(s, k, D_CONJ) && s->np_code[k] && !negated_conjunct(s, k)) {
			n = add_actor(out, n, s->np_code[k], k, np_span(s, k), s->np_person[k]);
		}
	return n;
}

/* The actor a nominal token points to through its own phrase or an
 * actor inside it ("Pakistan's defense" has none; "Pakistan's army" has
 * PAKMIL). */

/* ------------------------------------------------------------------ */
/* Pattern matching on the tree                                        */

typedef struct pmatch {
	int ok;
	int score;
	int target;            /* token that matched X, or -1 */
	int source;            /* token that matched S, or -1 */
	int first, last;       /* the tokens the pattern covered */
	int spells_neg;        /* the pattern's own words say "not" */
} pmatch;

static int relative_pronoun(const sent_ctx *s, int t)
{
	return upos(s, t) == ENT_UPOS_PRON &&
	       (lemma_is(s, t, "who") || lemma_is(s, t, "which") || lemma_is(s, t, "that"));
}

/* The noun relative pronoun t stands for: the noun its clause modifies,
 * h; or, when the parser hung the clause from a verb, the noun right
 * before the pronoun ("aid for Ukraine, which is at war with Russia"). */
static int relative_antecedent(const sent_ctx *s, int t, int h)
{
	int k = t - 1;

	if (h >= 0 && (upos(s, h) == ENT_UPOS_NOUN || upos(s, h) == ENT_UPOS_PROPN ||
	               upos(s, h) == ENT_UPOS_PRON))
		return h;
	while (k >= 0 && upos(s, k) == ENT_UPOS_PUNCT)
		k--;
	if (k >= 0 && (upos(s, k) == ENT_UPOS_NOUN || upos(s, k) == ENT_UPOS_PROPN))
		return k;
	return h;
}

/* Whether t lies in the subtree of root. */
static int in_subtree(const sent_ctx *s, int t, int root)
{
	int guard = 0;

	while (t >= 0 && guard++ < s->n) {
		if (t == root)
			return 1;
		t = s->head[t];
	}
	return 0;
}

/* Whether token t belongs to the frame of predicate p: its subtree
 * without subjects and clauses, or the subtree of a light verb that
 * governs a noun predicate. */
static int in_frame(const sent_ctx *s, int t, int p, int light)
{
	int x = t, guard = 0;

	while (x >= 0 && guard++ < s->n) {
		int h = s->head[x];

		if (x == p || (light >= 0 && x == light))
			return 1;
		if (h == p || (light >= 0 && h == light)) {
			/* direct dependents: leave out subjects and clauses */
			if (dep_is(s, x, D_NSUBJ) || dep_is(s, x, D_NSUBJ_PASS) || dep_is(s, x, D_CSUBJ) ||
			    dep_is(s, x, D_CCOMP) || dep_is(s, x, D_PARATAXIS) ||
			    /* a gerund with "of" or "for" is the predicate's
			     * complement: "accused X of breaching" */
			    (dep_is(s, x, D_ADVCL) && !child_lemma(s, x, D_MARK, "of") &&
			     !child_lemma(s, x, D_MARK, "for")) ||
			    dep_is(s, x, D_ACL_RELCL) || (dep_is(s, x, D_CONJ) && upos(s, x) == ENT_UPOS_VERB) ||
			    dep_is(s, x, D_PUNCT) || dep_is(s, x, D_MARK))
				return 0;
			if (light >= 0 && h == light && x == p)
				return 1;
		}
		x = h;
	}
	return 0;
}

/* Tokens that may lie between pattern words without being written:
 * articles, adjectives, numbers, adverbs, possessives and the like. */
static int timex_first(const sent_ctx *s, int t);

/* Whether t belongs to a time put between the words of a pattern
 * ("lifted Friday a blockade", "opened on Monday its border to",
 * "agreed last week to"): passed over, and no pattern word ("agree on")
 * matches its preposition. */
static int weekday_name(const sent_ctx *s, int t)
{
	static const char *const days[] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL
	};

	return upos(s, t) == ENT_UPOS_PROPN && lemma_in(s, t, days);
}

static int in_time_phrase_uncached(const sent_ctx *s, int t)
{
	if (dep_is(s, t, D_OBL_UNMARKED) || timex_first(s, t) >= 0 ||
	    (dep_is(s, t, D_CASE) && s->head[t] > t && timex_first(s, s->head[t]) >= 0))
		return 1;
	/* a day's name is a time also when no document date anchors it
	 * (with one the timexes have found it) */
	if (s->doc->date.year != 0)
		return 0;
	return weekday_name(s, t) || (dep_is(s, t, D_CASE) && s->head[t] > t && weekday_name(s, s->head[t]));
}

static int in_time_phrase(const sent_ctx *s, int t)
{
	if (s->time_tok[t] < 0)  /* the answer does not change within a sentence */
		s->time_tok[t] = (signed char)in_time_phrase_uncached(s, t);
	return s->time_tok[t];
}

static int skippable(const sent_ctx *s, int t)
{
	if (in_time_phrase(s, t))
		return 1;
	/* a modifier of a word further right ("a day-old blockade") */
	if (s->head[t] > t && upos(s, t) != ENT_UPOS_VERB && !dep_is(s, t, D_NSUBJ) &&
	    !dep_is(s, t, D_CASE))
		return 1;
	/* the rest of such a modifier ("more than 1,000 refugees", "at
	 * least two envoys") */
	if (dep_is(s, t, D_FIXED) && s->head[t] >= 0 && s->head[t] < t && s->head[s->head[t]] > t)
		return 1;
	switch (upos(s, t)) {
	case ENT_UPOS_DET: case ENT_UPOS_ADJ: case ENT_UPOS_NUM: case ENT_UPOS_ADV:
	case ENT_UPOS_PUNCT: case ENT_UPOS_PART: case ENT_UPOS_AUX: case ENT_UPOS_CCONJ:
		return 1;
	case ENT_UPOS_PRON:
		return dep_is(s, t, D_NMOD_POSS) || dep_is(s, t, D_DET);
	case ENT_UPOS_NOUN: case ENT_UPOS_PROPN:
		return dep_is(s, t, D_COMPOUND) || dep_is(s, t, D_NMOD_POSS) || dep_is(s, t, D_FLAT) ||
		       dep_is(s, t, D_AMOD) || dep_is(s, t, D_NMOD_DESC);
	default:
		return 0;
	}
}

/* Whether t says "not": not, n't, never. */
static int negation_word(const sent_ctx *s, int t)
{
	return t >= 0 && t < s->n && (lemma_is(s, t, "not") || lemma_is(s, t, "n't") || lemma_is(s, t, "never"));
}

/* Whether token t can be the X or S of a pattern: it (or its phrase)
 * names an actor, or it is a pronoun or description that resolves. */
static int actor_token(const sent_ctx *s, int t)
{
	actor tmp[2];

	if (s->np_code[t])
		return 1;
	if (s->actor_tok[t] < 0)  /* the answer does not change within a sentence */
		s->actor_tok[t] = (signed char)((upos(s, t) == ENT_UPOS_PRON || upos(s, t) == ENT_UPOS_NOUN) &&
		                                actors_of(s, t, tmp, 2) > 0);
	return s->actor_tok[t];
}

/* Whether noun t heads an actor phrase by itself or with the modifiers
 * before it ("American diplomats", "the British tanker"), not through a
 * phrase after it ("bombers of the U.S. airliner"). */
static int actor_head(const sent_ctx *s, int t)
{
	int k;

	if (s->np_code[t] && (s->actor_m[t] >= 0 || s->agent_m[t] >= 0))
		return 1;
	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
		if (k < t && (s->np_code[k] || s->actor_m[k] >= 0) &&
		    (dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_NMOD_POSS)))
			return 1;
	return 0;
}

/* The tokens after predicate p that its patterns may match: its frame
 * (in_frame), in sentence order. A noun predicate may hang from a light
 * verb ("hold talks"), whose frame then counts too. */
typedef struct frame {
	int tok[256];
	int n;
	int light;
	int pass_subj;  /* the verb's passive subject before it, or -1 */
} frame;

static int passive_participle(const sent_ctx *s, int t);

static void build_frame(const sent_ctx *s, int p, int nounpred, frame *f)
{
	int k;

	f->n = 0;
	f->light = -1;
	f->pass_subj = -1;
	if (!nounpred && upos(s, p) == ENT_UPOS_VERB && (k = child(s, p, D_NSUBJ_PASS)) >= 0 && k < p)
		f->pass_subj = k;
	else if (!nounpred && upos(s, p) == ENT_UPOS_VERB && passive_participle(s, p))
		f->pass_subj = s->head[p];  /* "the ambassador summoned by Turkey" */
	if (nounpred && s->head[p] >= 0 && (dep_is(s, p, D_OBJ) || dep_is(s, p, D_NSUBJ_PASS)))
		f->light = s->head[p];
	for (k = p + 1; k < s->n && f->n < 256; k++) {
		int in = in_frame(s, k, p, f->light);

		if (!in) {
			/* the subject of a complement clause and its "that":
			 * "demanded that the US cancel ...", "said Libya must" */
			int c = k, guard = 0;

			while (c >= 0 && s->head[c] != p && guard++ < s->n)
				c = s->head[c];
			if (c >= 0 && s->head[c] == p && (dep_is(s, c, D_CCOMP) || dep_is(s, c, D_XCOMP))) {
				int subj = child(s, c, D_NSUBJ);

				in = (subj >= 0 && in_subtree(s, k, subj)) ||
				     (s->head[k] == c && dep_is(s, k, D_MARK));
			}
		}
		if (in)
			f->tok[f->n++] = k;
	}
}

/* Whether t lies, below p, inside a relative clause of something in p's
 * frame (a participle, "the roads leading into X", and a purpose, "to
 * show their anger at X", may name the target; a relative clause
 * describes). */
static int in_descriptive_clause(const sent_ctx *s, int t, int p)
{
	int guard = 0;

	while (t >= 0 && t != p && guard++ < s->n) {
		if (dep_is(s, t, D_ACL_RELCL))
			return 1;
		t = s->head[t];
	}
	return 0;
}

/* Whether u belongs to the actor phrase headed by hd as its name, its
 * modifiers before the head and its conjuncts ("the United States",
 * "Armenia and Azerbaijan", "Chad, Niger and Mali"), not to a phrase
 * after it ("envoys of X to ..." keeps its "of" and "to"). */
static int in_actor_phrase(const sent_ctx *s, int u, int hd)
{
	int guard = 0;

	if (u <= hd)
		return in_subtree(s, u, hd);
	while (u >= 0 && u != hd && guard++ < 32) {
		if (!(dep_is(s, u, D_FLAT) || dep_is(s, u, D_CONJ) || dep_is(s, u, D_CC) ||
		      dep_is(s, u, D_PUNCT) || (u < s->head[u] && !dep_is(s, u, D_CASE))))
			return 0;
		u = s->head[u];
	}
	return u == hd;
}

/* The head of the actor phrase whose first matched word is t: the word
 * a name's parts and a role's modifiers hang from ("the United States"
 * on "States", "1,000 Palestinian refugees" on "refugees"), as long as
 * the words climbed to are the name or role words. */
static int actor_phrase_head(const sent_ctx *s, int t)
{
	int hd = t, guard = 0;

	while (s->head[hd] > hd && guard++ < 8 &&
	       /* the head is the same name or a role word: not "a US
	        * dollar reward" */
	       ((s->actor_m[t] >= 0 && s->actor_m[s->head[hd]] == s->actor_m[t]) ||
	        s->agent_m[s->head[hd]] >= 0) &&
	       (dep_is(s, hd, D_COMPOUND) || dep_is(s, hd, D_FLAT) || dep_is(s, hd, D_AMOD) ||
	        dep_is(s, hd, D_NMOD_POSS) || dep_is(s, hd, D_NUMMOD) || dep_is(s, hd, D_DET) ||
	        dep_is(s, hd, D_NMOD_DESC)))
		hd = s->head[hd];
	/* a quantity stands for what it counts: "hundreds of Syrian
	 * refugees" */
	if (quantity_word(s, hd)) {
		int k;

		for (k = s->first_child[hd]; k >= 0; k = s->next_sibling[k])
			if (k > hd && dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 && lemma_is(s, case_of(s, k), "of"))
				return k;
	}
	return hd;
}

/* Tries pattern pat with its predicate at token p and frame fr. */
static pmatch try_pattern(const sent_ctx *s, const ent_pattern *pat, int p, const frame *fr)
{
	pmatch r;
	int light = fr->light, i, pos, k, adjacent, last_end, has_x = 0, word_actor = NO_TOKEN;
	int first_after = (int)pat->pred + 1;
	int own = !(pat->flags & ENT_PAT_PETR);  /* PETRARCH's patterns match as PETRARCH does */
	const int *ftok = fr->tok;
	int nf = fr->n;

	memset(&r, 0, sizeof r);
	r.target = r.source = NO_TOKEN;
	r.first = r.last = p;
	/* Elements before the predicate: its head chain and its modifiers,
	 * in sentence order, right to left. */
	pos = p;
	for (i = (int)pat->pred - 1; i >= 0; i--) {
		const ent_pattern_elem *e = &pat->elems[i];
		int found = -1;

		if (e->kind != ENT_PE_WORD) {
			if (e->kind == ENT_PE_SOURCE || e->kind == ENT_PE_TARGET) {
				for (k = pos - 1; k >= 0 && k >= pos - 6; k--)
					if ((s->head[k] == p || s->head[k] == light || in_subtree(s, k, p)) &&
					    actor_token(s, k)) {
						found = k;
						break;
					}
				if (found < 0)
					return r;
				if (e->kind == ENT_PE_SOURCE)
					r.source = found;
				else
					r.target = found;
				pos = found;
				continue;
			}
			continue;
		}
		/* the word after this one in the pattern follows it directly
		 * ("MOST_CERTAINLY_&NEG_EVER *"): a fixed phrase, which need
		 * not hang from the predicate word by word */
		adjacent = (pat->elems[i + 1].flags & ENT_PE_ADJACENT) != 0;
		for (k = pos - 1; k >= 0 && k >= pos - 8; k--) {
			size_t end;
			int related = s->head[p] == k || s->head[k] == p || (light >= 0 && s->head[k] == light) ||
			              k == light || (s->head[p] >= 0 && s->head[s->head[p]] == k) ||
			              /* a word hanging from the predicate's own
			               * head: "won't try to clash", "inching
			               * nearer to accord" */
			              (s->head[p] >= 0 && s->head[k] == s->head[p]);

			if ((!adjacent && !related) || !ent_dict_elem_match(s->dsent, e, (size_t)k, &end) ||
			    (int)end > pos)
				continue;
			if (adjacent ? (int)end == pos : related) {
				found = k;
				for (; k < (int)end; k++)
					r.spells_neg |= negation_word(s, k);
				break;
			}
		}
		if (found < 0) {
			if (e->flags & ENT_PE_OPTIONAL)
				continue;
			return r;
		}
		r.score += 2;
		pos = found;
		if (found < r.first)
			r.first = found;
	}
	pos = 0;
	last_end = p + 1;
	for (i = 0; i < (int)pat->nelems; i++)
		has_x |= pat->elems[i].kind == ENT_PE_TARGET;
	/* In the passive the verb's object is its subject, before it: the
	 * first element after the verb may be matched there ("the envoy
	 * was received by X": "receive X"; "sanctions were imposed on X":
	 * "impose ~sanction on X"). */
	if (own && fr->pass_subj >= 0 && (int)pat->pred + 1 < (int)pat->nelems &&
	    !(pat->elems[pat->pred + 1].flags & ENT_PE_ADJACENT)) {
		const ent_pattern_elem *e = &pat->elems[pat->pred + 1];
		int ps = fr->pass_subj;
		size_t end;

		{
			/* an actor by its own word: not "Iranian assistance is
			 * received", nor an "it" that is mostly a thing ("it
			 * must be approved by the Senate") */
			if (e->kind == ENT_PE_TARGET && actor_token(s, ps) &&
			    (upos(s, ps) == ENT_UPOS_PRON ? !lemma_is(s, ps, "it")
			                                  : s->actor_m[ps] >= 0 || s->agent_m[ps] >= 0)) {
				r.target = ps;
				r.score += 3;
				first_after = (int)pat->pred + 2;
			} else if (e->kind == ENT_PE_WORD && ent_dict_elem_match(s->dsent, e, (size_t)ps, &end)) {
				if (actor_head(s, ps))
					word_actor = ps;
				r.score += 2;
				first_after = (int)pat->pred + 2;
			}
		}
	}
	for (i = first_after; i < (int)pat->nelems; i++) {
		const ent_pattern_elem *e = &pat->elems[i];
		int found = -1, q, x_tok = NO_TOKEN;

		for (q = pos; q < nf; q++) {
			int t = ftok[q];

			/* A_B: B follows A directly ("&TIETYPES_MEMOS" is not
			 * "cultural internal memos") */
			if ((e->flags & ENT_PE_ADJACENT) && t != last_end) {
				if (t > last_end)
					break;
				continue;
			}
			if (e->kind == ENT_PE_WORD) {
				size_t end;

				/* PETRARCH codes an infinitive's verb on its own
				 * and combines it with the verb above it (5a):
				 * "wants to help" is no "* HELP" */
				if (!own && upos(s, t) == ENT_UPOS_VERB && child_lemma(s, t, D_MARK, "to"))
					;
				else if (!in_time_phrase(s, t) && ent_dict_elem_match(s->dsent, e, (size_t)t, &end)) {
					size_t w;

					found = q;
					for (w = (size_t)t; w < end; w++)
						r.spells_neg |= negation_word(s, (int)w);
					/* a multiword alternative covers more tokens */
					while (q + 1 < nf && ftok[q + 1] < (int)end)
						q++;
					pos = q + 1;
					last_end = (int)end;
					break;
				}
			} else if (e->kind == ENT_PE_TARGET || e->kind == ENT_PE_SOURCE) {
				if (actor_token(s, t)) {
					int hd = actor_phrase_head(s, t);

					found = q;
					last_end = s->actor_m[t] >= 0 ? (int)s->m[s->actor_m[t]].end : t + 1;
					/* the rest of the actor's phrase is no
					 * pattern word: "urged South Korea to",
					 * "urged Armenia and Azerbaijan to" */
					while (q + 1 < nf && (ftok[q + 1] < last_end || in_actor_phrase(s, ftok[q + 1], hd))) {
						size_t end2;

						/* "between S and X": the pattern's
						 * own conjunction */
						if (i + 1 < (int)pat->nelems && dep_is(s, ftok[q + 1], D_CC) &&
						    pat->elems[i + 1].kind == ENT_PE_WORD &&
						    ent_dict_elem_match(s->dsent, &pat->elems[i + 1], (size_t)ftok[q + 1], &end2))
							break;
						q++;
					}
					if (ftok[q] + 1 > last_end)
						last_end = ftok[q] + 1;
					/* the phrase's head names it whole:
					 * "Darfur rebels" */
					x_tok = hd != t && actor_token(s, hd) ? hd : t;
					pos = q + 1;
					break;
				}
			} else if (e->kind == ENT_PE_SKIP) {
				/* ^: a noun phrase, passed over whole ("IFTAR IN ^
				 * +": "Iftar in Osgiliath with Gondor") */
				if (upos(s, t) == ENT_UPOS_NOUN || upos(s, t) == ENT_UPOS_PROPN ||
				    upos(s, t) == ENT_UPOS_PRON || upos(s, t) == ENT_UPOS_NUM) {
					int hd = t, guard = 0;

					/* the phrase's head: climb through its own words */
					while (s->head[hd] > t && guard++ < 8 &&
					       (dep_is(s, hd, D_COMPOUND) || dep_is(s, hd, D_FLAT) ||
					        dep_is(s, hd, D_AMOD) || dep_is(s, hd, D_NMOD_POSS) ||
					        dep_is(s, hd, D_NUMMOD)))
						hd = s->head[hd];
					/* its words up to its head and the names
					 * after it, not its prepositional phrases */
					found = q;
					while (q + 1 < nf && in_subtree(s, ftok[q + 1], hd) &&
					       (ftok[q + 1] <= hd || dep_is(s, ftok[q + 1], D_FLAT)))
						q++;
					pos = q + 1;
					last_end = ftok[q] + 1;
					break;
				}
			}
			/* a participle on a word further right ("the seized
			 * tanker", "the detained journalists") */
			if (!skippable(s, t) &&
			    !(own && s->head[t] > t && upos(s, t) == ENT_UPOS_VERB && dep_is(s, t, D_AMOD)))
				break;
		}
		if (found < 0) {
			if (e->flags & ENT_PE_OPTIONAL)
				continue;
			return r;
		}
		if (e->kind == ENT_PE_WORD && word_actor < 0 && own && actor_head(s, ftok[found]))
			word_actor = ftok[found];
		if (e->kind == ENT_PE_TARGET)
			r.target = x_tok;
		else if (e->kind == ENT_PE_SOURCE)
			r.source = x_tok;
		r.score += e->kind == ENT_PE_WORD ? 2 : e->kind == ENT_PE_SKIP ? 1 : 3;
		if (ftok[found] > r.last)
			r.last = ftok[found];
	}
	/* a pattern word that heads an actor phrase is the target too:
	 * "expel &envoy" on "expelled two American diplomats" is the
	 * more precise reading than "expel X" */
	if (own && !has_x && r.target < 0 && word_actor >= 0) {
		r.target = word_actor;
		r.score += 3;
	}
	r.ok = 1;
	r.score += 1;
	return r;
}

/* ------------------------------------------------------------------ */
/* Source, target, modality                                            */

/* Whether t is a time word that news puts between subject and verb
 * ("officials Friday said", "a top official today praised"). */
static int temporal_word(const sent_ctx *s, int t)
{
	static const char *const words[] = {
		"today", "yesterday", "tonight", "tomorrow", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "recently", "earlier", "later", NULL
	};

	return lemma_in(s, t, words);
}

/* The first token of the time expression that covers t, or -1. */
static int timex_first(const sent_ctx *s, int t)
{
	size_t i;

	for (i = 0; i < s->ntx; i++)
		if ((int)s->tx[i].first <= t && t <= (int)s->tx[i].last)
			return (int)s->tx[i].first;
	return -1;
}

/* The subject of a finite verb that the parser left without one, read
 * from the words before it: the noun phrase ending just before the verb,
 * past a time word ("the minister Friday said"). */
static int subject_from_order(const sent_ctx *s, int p)
{
	int k = p - 1;

	while (k >= 0) {
		int f = timex_first(s, k);

		if (f >= 0) {
			/* "Israel on Wednesday released", "Japan late Sunday said" */
			k = f - 1;
			if (k >= 0 && upos(s, k) == ENT_UPOS_ADP)
				k--;
		} else if (temporal_word(s, k) || upos(s, k) == ENT_UPOS_ADV ||
		           upos(s, k) == ENT_UPOS_AUX || upos(s, k) == ENT_UPOS_PART) {
			k--;
		} else {
			break;
		}
	}
	if (k < 0 || !(upos(s, k) == ENT_UPOS_NOUN || upos(s, k) == ENT_UPOS_PROPN ||
	               upos(s, k) == ENT_UPOS_ADJ || upos(s, k) == ENT_UPOS_PRON))
		return -1;
	/* not the object of a preposition, not a possessive */
	if (case_of(s, k) >= 0 || dep_is(s, k, D_NMOD_POSS))
		return -1;
	return k;
}

/* A clause after a time word the parser read as a noun phrase ("Days
 * after Pakistan and Russia held negotiations", with the countries the
 * object of "after" and "held" a modifier of "Days" or a verb with "Days"
 * its subject): when the words before finite verb v are a subordinating
 * word ("after", "before", "since", "until") after a time noun or an
 * adverb ("hours after", "shortly after") or at the start of the
 * sentence, then only a noun phrase (names, nouns, adjectives,
 * determiners, "and" and commas) that names an actor, that phrase is the
 * subject: its first noun or name, whose conjuncts go with it. *at gets
 * the position of the subordinating word; -1 when the words do not fit.
 * loose: v has no subject of its own, and the subordinating word may
 * follow anything. */
static int subject_after_subordinator(const sent_ctx *s, int v, int loose, int *at)
{
	static const char *const subordinators[] = {"after", "before", "since", "until", "till", NULL};
	static const char *const spans[] = {
		"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
		"weeks", "month", "months", "year", "years", "moment", "moments", "shortly", "soon",
		"just", "immediately", "long", "only", "even", NULL
	};
	const char *x = ent_xpos_name(s->tok[v].xpos);
	int k = v - 1, sub, first;

	if (!x || !(strcmp(x, "VBD") == 0 || strcmp(x, "VBZ") == 0 || strcmp(x, "VBP") == 0 ||
	            /* the tagger's participle for a past tense ("officials
	             * alleged") */
	            (loose && strcmp(x, "VBN") == 0 && child(s, v, D_AUX) < 0 &&
	             child(s, v, D_AUX_PASS) < 0)))
		return -1;
	while (k >= 0 && (upos(s, k) == ENT_UPOS_PROPN || upos(s, k) == ENT_UPOS_NOUN ||
	                  upos(s, k) == ENT_UPOS_ADJ || upos(s, k) == ENT_UPOS_DET ||
	                  upos(s, k) == ENT_UPOS_CCONJ ||
	                  (upos(s, k) == ENT_UPOS_PUNCT && s->text[s->tok[k].start] == ',')))
		k--;
	sub = k;
	if (sub < 0 || sub >= v - 1 || !lemma_in(s, sub, subordinators) ||
	    (!loose && sub > 0 && !lemma_in(s, sub - 1, spans)))
		return -1;
	for (first = sub + 1; first < v && !(upos(s, first) == ENT_UPOS_NOUN ||
	                                      upos(s, first) == ENT_UPOS_PROPN); first++)
		;
	/* the phrase's head: through its compounds and names */
	while (first < v && s->head[first] > first && s->head[first] < v &&
	       (dep_is(s, first, D_COMPOUND) || dep_is(s, first, D_FLAT)))
		first = s->head[first];
	if (first >= v || !s->np_code[first])
		return -1;
	*at = sub;
	return first;
}

/* Whether verb t is a past participle on the noun before it, read in the
 * passive ("the athletes killed at the Games", "a delegation led by X"):
 * not when it has an object or a complement ("believed linked to"), nor
 * when the clause the noun is the subject of has no finite verb of its
 * own (an infinitive: "ministers agreed ... to provide", or a verb
 * conjoined after the participle: "doctors donated and delivered"),
 * where the parser misread the sentence's own verb. */
static int passive_participle(const sent_ctx *s, int t)
{
	int h = s->head[t], v, k, n, guard = 0;

	if (!dep_is(s, t, D_ACL) || s->c->x_vbn < 0 || s->tok[t].xpos != s->c->x_vbn || h < 0 || h > t ||
	    !(upos(s, h) == ENT_UPOS_NOUN || upos(s, h) == ENT_UPOS_PROPN) ||
	    child(s, t, D_OBJ) >= 0 || child(s, t, D_IOBJ) >= 0 || child(s, t, D_CCOMP) >= 0 ||
	    child(s, t, D_XCOMP) >= 0)
		return 0;
	/* the subject the noun is part of ("doctors from two aid groups
	 * donated") */
	n = h;
	while (guard++ < 4 && s->head[n] >= 0 && (dep_is(s, n, D_NMOD) || dep_is(s, n, D_APPOS) ||
	                                          dep_is(s, n, D_CONJ) || dep_is(s, n, D_COMPOUND)))
		n = s->head[n];
	v = s->head[n];
	if (v >= 0 && (dep_is(s, n, D_NSUBJ) || dep_is(s, n, D_NSUBJ_PASS)) && v > t) {
		if (child_lemma(s, v, D_MARK, "to"))
			return 0;
		for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k])
			if (dep_is(s, k, D_CC) && k > t && k < v)
				return 0;
	}
	return 1;
}

static int passive_agent(const sent_ctx *s, int k);

/* The source of passive verb t: its agent ("by X"), or -1. */
static int by_agent(const sent_ctx *s, int t)
{
	int k;

	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, D_OBL_AGENT) ||
		    (dep_is(s, k, D_OBL) && case_of(s, k) >= 0 && lemma_is(s, case_of(s, k), "by")))
			return passive_agent(s, k);
	return -1;
}

/* The token that is the subject of verb p, climbing through control,
 * conjunction, relative clauses and participles; -1 when none. */
/* The agent of a passive whose "by" phrase k names a thing that acts
 * for someone named after it: "blown up by a missile believed to be
 * fired by rebels", "killed by a bomb planted by militants" (the
 * rebels, the militants); else k. */
static int passive_agent(const sent_ctx *s, int k)
{
	int c, g, a;

	if (actor_token(s, k))
		return k;
	for (c = s->first_child[k]; c >= 0; c = s->next_sibling[c]) {
		if (!dep_is(s, c, D_ACL) || upos(s, c) != ENT_UPOS_VERB)
			continue;
		for (g = c; g >= 0; g = child(s, g, D_XCOMP)) {
			for (a = s->first_child[g]; a >= 0; a = s->next_sibling[a])
				if ((dep_is(s, a, D_OBL_AGENT) ||
				     (dep_is(s, a, D_OBL) && case_of(s, a) >= 0 && lemma_is(s, case_of(s, a), "by"))) &&
				    actor_token(s, a))
					return a;
			if (g != c && g == s->head[g])
				break;
		}
	}
	return k;
}

static int subject_of(const sent_ctx *s, int p, int *is_passive)
{
	int guard = 0, t = p;

	*is_passive = 0;
	while (t >= 0 && guard++ < 8) {
		int subj = child(s, t, D_NSUBJ), h = s->head[t], o;

		/* two subjects, the parser's reading of an apposition ("Old
		 * foes Gondor and Osgiliath have renewed"): the one that
		 * names an actor */
		if (subj >= 0 && !s->np_code[subj])
			for (o = s->next_sibling[subj]; o >= 0; o = s->next_sibling[o])
				if (dep_is(s, o, D_NSUBJ) && s->np_code[o]) {
					subj = o;
					break;
				}

		/* a passive subject without a passive auxiliary ("it had
		 * asked") is the parser's slip: an active subject */
		if (subj < 0 && child(s, t, D_AUX_PASS) < 0)
			subj = child(s, t, D_NSUBJ_PASS);

		if (subj < 0)
			subj = child(s, t, D_CSUBJ) >= 0 ? -1 : subj;
		if (subj >= 0 && (temporal_word(s, subj) || timex_first(s, subj) >= 0))
			subj = subject_from_order(s, subj + 1);  /* "leaders Friday called" */
		if (subj < 0 && t == p && (dep_is(s, t, D_AMOD) || dep_is(s, t, D_ACL_RELCL) ||
		                           dep_is(s, t, D_ACL) || dep_is(s, t, D_DEP)) &&
		    p > 0 && temporal_word(s, p - 1))
			subj = subject_from_order(s, p);
		if (t == p) {
			/* a verb with no subject of its own (the parser's
			 * conjunct: "expelled X after U.S. officials
			 * alleged") takes the phrase after any "after" */
			int at, sa = subject_after_subordinator(s, p, subj < 0, &at);

			/* none, or the time noun ("Hours after ... signed") */
			if (sa >= 0 && (subj < 0 || subj < at))
				subj = sa;
		}
		if (subj >= 0) {
			/* a relative pronoun stands for the noun the clause
			 * modifies ("the country that attacked X") */
			if (dep_is(s, t, D_ACL_RELCL) && relative_pronoun(s, subj))
				return relative_antecedent(s, subj, h);
			return subj;
		}
		if (child(s, t, D_NSUBJ_PASS) >= 0 && t != p)
			/* the subject of a passive governing verb: "Obama is
			 * scheduled to attend", "X was urged to leave" */
			return child(s, t, D_NSUBJ_PASS);
		if (child(s, t, D_NSUBJ_PASS) >= 0 && child(s, t, D_AUX_PASS) >= 0 && t == p) {
			/* passive: the agent is the source */
			*is_passive = 1;
			return by_agent(s, t);
		}
		if (h < 0)
			return -1;
		if (dep_is(s, t, D_XCOMP) || dep_is(s, t, D_CONJ) || dep_is(s, t, D_ADVCL) ||
		    (dep_is(s, t, D_ACL) && (upos(s, h) == ENT_UPOS_VERB || upos(s, h) == ENT_UPOS_AUX ||
		                             upos(s, h) == ENT_UPOS_ADJ))) {
			/* ADJ: "prepared to attend", "ready to talk" */
			/* control ("chose to deepen"), shared subjects ("met and
			 * agreed"), participial adverbials ("offering to mediate") */
			if (dep_is(s, t, D_XCOMP) && child(s, h, D_OBJ) >= 0 &&
			    (lemma_is(s, h, "urge") || lemma_is(s, h, "ask") || lemma_is(s, h, "persuade") ||
			     lemma_is(s, h, "force") || lemma_is(s, h, "induce") || lemma_is(s, h, "help")))
				return child(s, h, D_OBJ);  /* object control */
			t = h;
			continue;
		}
		if (t == p && passive_participle(s, t)) {
			/* "soldiers killed in X", "a delegation led by X":
			 * the agent acts on the noun */
			*is_passive = 1;
			return by_agent(s, t);
		}
		if ((dep_is(s, t, D_ACL) || (dep_is(s, t, D_DEP) && h < t)) &&
		    (upos(s, h) == ENT_UPOS_NOUN || upos(s, h) == ENT_UPOS_PROPN))
			return h;  /* "Russia rushing to"; a verb the parser hung
			              from the noun before it */
		return -1;
	}
	return -1;
}

/* Whether v reports speech: "said it would", "announced it would". */
static int reporting_verb(const sent_ctx *s, int v)
{
	static const char *const verbs[] = {
		"say", "announce", "state", "tell", "add", "declare", "confirm", "insist", "stress",
		"reiterate", "repeat", "promise", "pledge", "vow", "indicate", "report", NULL
	};

	return lemma_in(s, v, verbs);
}

/* How a governing word frames its complement's act (framing_of()). */
enum { FRAME_NONE, FRAME_INTENT, FRAME_THREAT, FRAME_DEMAND, FRAME_APPEAL, FRAME_REFUSE };
static int frame_class(const sent_ctx *s, int h, int rel);

/* Modality of the predicate: -1 for negated (not emitted). */
static int modality_of(const sent_ctx *s, int p, const ent_pattern *pat, int spells_neg)
{
	int t = p, guard = 0, mod = ENT_MOD_ASSERTED, k;

	/* "held no talks", "no agreement was signed": a "no" on the
	 * predicate noun or the verb's object, unless the pattern itself
	 * says "no" ("have no comment") */
	if (pat && !(pat->text && (strstr(pat->text, " no ") || strncmp(pat->text, "no ", 3) == 0))) {
		int o = child(s, p, D_OBJ);

		if (child_lemma(s, p, D_DET, "no") || (o >= 0 && child_lemma(s, o, D_DET, "no")))
			return -1;
	}

	/* a noun in a clause of "if", "whether" or "unless": "if Israel
	 * continued the raids" */
	if (upos(s, p) == ENT_UPOS_NOUN && s->head[p] >= 0 && upos(s, s->head[p]) == ENT_UPOS_VERB &&
	    (dep_is(s, p, D_OBJ) || dep_is(s, p, D_NSUBJ) || dep_is(s, p, D_OBL)) &&
	    (child_lemma(s, s->head[p], D_MARK, "if") || child_lemma(s, s->head[p], D_MARK, "whether") ||
	     child_lemma(s, s->head[p], D_MARK, "unless")))
		mod = ENT_MOD_HYPOTHETICAL;
	while (t >= 0 && guard++ < 6) {
		for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
			/* a pattern that spells the negation ("&NEGATVAUXVRB *
			 * OVER EFFORTS") codes the negated act itself */
			if ((dep_is(s, k, D_ADVMOD) || upos(s, k) == ENT_UPOS_PART) && negation_word(s, k) &&
			    !spells_neg)
				return -1;
			if (dep_is(s, k, D_AUX)) {
				if (lemma_is(s, k, "may") || lemma_is(s, k, "might") || lemma_is(s, k, "could"))
					mod = mod ? mod : ENT_MOD_HEDGED;
				else if (lemma_is(s, k, "will") || lemma_is(s, k, "shall"))
					mod = mod ? mod : ENT_MOD_FUTURE;
				else if (lemma_is(s, k, "would") && dep_is(s, t, D_CCOMP) && s->head[t] >= 0 &&
				         reporting_verb(s, s->head[t]))
					mod = mod ? mod : ENT_MOD_FUTURE;  /* "said it would allow" */
				else if (lemma_is(s, k, "would") || lemma_is(s, k, "should"))
					mod = mod ? mod : ENT_MOD_HYPOTHETICAL;
			}
			if (dep_is(s, k, D_ADVMOD) &&
			    (lemma_is(s, k, "reportedly") || lemma_is(s, k, "allegedly") ||
			     lemma_is(s, k, "apparently") || lemma_is(s, k, "possibly") ||
			     lemma_is(s, k, "probably") || lemma_is(s, k, "perhaps") ||
			     lemma_is(s, k, "reputedly") || lemma_is(s, k, "purportedly")))
				mod = mod ? mod : ENT_MOD_HEDGED;
			if (dep_is(s, k, D_MARK) && (lemma_is(s, k, "if") || lemma_is(s, k, "whether") ||
			                             lemma_is(s, k, "unless")))
				mod = ENT_MOD_HYPOTHETICAL;
		}
		/* governing verbs that negate or modulate an infinitive or
		 * gerund: "refrained from holding", "plans to visit" */
		if (s->head[t] >= 0 && (dep_is(s, t, D_XCOMP) || dep_is(s, t, D_ADVCL) ||
		                        dep_is(s, t, D_CCOMP) || dep_is(s, t, D_ACL))) {
			int h = s->head[t];

			if (lemma_is(s, h, "refrain") || lemma_is(s, h, "fail") || lemma_is(s, h, "avoid") ||
			    lemma_is(s, h, "decline") || lemma_is(s, h, "cancel") || lemma_is(s, h, "deny") ||
			    lemma_is(s, h, "stop") || lemma_is(s, h, "cease") || lemma_is(s, h, "refuse"))
				return -1;
			if (lemma_is(s, h, "plan") || lemma_is(s, h, "intend") || lemma_is(s, h, "expect") ||
			    lemma_is(s, h, "prepare") || lemma_is(s, h, "aim") || lemma_is(s, h, "schedule"))
				mod = mod ? mod : ENT_MOD_FUTURE;
			if (lemma_is(s, h, "seem") || lemma_is(s, h, "appear"))
				mod = mod ? mod : ENT_MOD_HEDGED;
			/* what is alleged or claimed is not reported as
			 * fact: "alleged that the rebels had shelled" */
			if (dep_is(s, t, D_CCOMP) && (lemma_is(s, h, "allege") || lemma_is(s, h, "claim")))
				mod = mod ? mod : ENT_MOD_HEDGED;
			/* an act only intended ("hopes to", "is ready to") or
			 * asked for ("urged X to") is not reported as done */
			if (dep_is(s, t, D_XCOMP)) {
				int cls = frame_class(s, h, D_XCOMP);

				if (cls == FRAME_INTENT)
					mod = mod ? mod : ENT_MOD_FUTURE;
				else if (cls != FRAME_NONE)
					mod = mod ? mod : ENT_MOD_HYPOTHETICAL;
			}
			/* up through infinitives and unmarked adverbial
			 * clauses: "would not meet demands to release" */
			if (dep_is(s, t, D_XCOMP) ||
			    (dep_is(s, t, D_ADVCL) &&
			     (child(s, t, D_MARK) < 0 || child_lemma(s, t, D_MARK, "to"))))
				t = h;
			else
				break;
			continue;
		}
		break;
	}
	/* "according to ..." anywhere in the sentence hedges it */
	for (k = 0; k + 1 < s->n; k++)
		if (lemma_is(s, k, "according") && lemma_is(s, k + 1, "to"))
			return mod ? mod : ENT_MOD_HEDGED;
	return mod;
}

static const char *framed_code(const char *code, int cls);

/* The CAMEO intent code for a future event where the codebook has one
 * (for force, the threat): framed_code() under an intent. */
static const char *intent_code(const char *code)
{
	int root = atoi(code) / (strlen(code) == 4 ? 100 : 10);

	/* cooperation (04-08) and force (18-20); a future protest, cut or
	 * coercion (14, 16, 17) stays the act, as PETRARCH's combinations
	 * also read it */
	if (root < 4 || (root > 8 && root < 18))
		return NULL;
	return framed_code(code, FRAME_INTENT);
}

/* How a governing word frames the act of its complement: "agreed to
 * provide aid" states an intent (03x), "threatened to shell" a threat
 * (13x), "demanded that X return" a demand (10x), "urged X to release"
 * an appeal (02x), "refused to release" a refusal (12x). The act itself
 * is not reported as done. */

/* The class of governing word h for a complement reached through
 * relation rel (D_XCOMP or D_CCOMP), or FRAME_NONE. */
static int frame_class(const sent_ctx *s, int h, int rel)
{
	static const char *const intent[] = {
		"agree", "promise", "pledge", "vow", "offer", "commit", "undertake", "decide",
		"resolve", "intend", "plan", "aim", "hope", "want", "wish", "prepare", "ready",
		"willing", "prepared", "eager", "keen", "determined", NULL
	};
	static const char *const appeal[] = {
		"urge", "ask", "appeal", "request", "call", "plead", "press", "implore", "invite",
		"encourage", "exhort", "lobby", "persuade", NULL
	};

	if (rel == D_CCOMP) {
		static const char *const promise[] = {
			"agree", "promise", "pledge", "vow", "decide", "resolve", "undertake", "guarantee",
			NULL
		};

		/* "demanded that the US cancel", "insisted that Iran stop" */
		if (lemma_is(s, h, "demand") || lemma_is(s, h, "insist"))
			return FRAME_DEMAND;
		/* "pledged that it would withdraw", "agreed that their
		 * countries should cooperate" */
		return lemma_in(s, h, promise) ? FRAME_INTENT : FRAME_NONE;
	}
	if (lemma_is(s, h, "threaten"))
		return FRAME_THREAT;
	if (lemma_is(s, h, "demand") || lemma_is(s, h, "pressure") || lemma_is(s, h, "pressurize") ||
	    lemma_is(s, h, "pressurise"))
		return FRAME_DEMAND;
	if (lemma_is(s, h, "refuse") || lemma_is(s, h, "decline") || lemma_is(s, h, "reject"))
		return FRAME_REFUSE;
	if (lemma_in(s, h, intent))
		return FRAME_INTENT;
	if (lemma_in(s, h, appeal))
		return FRAME_APPEAL;
	return FRAME_NONE;
}

/* The class of a verb that frames the eventive noun it takes as object
 * or prepositional object ("demanded talks", "called for sanctions",
 * "agreed to talks"): fewer verbs than frame an infinitive, since "commit
 * an attack" or "undertake an operation" report the act. */
static int noun_frame_class(const sent_ctx *s, int v)
{
	if (lemma_is(s, v, "threaten"))
		return FRAME_THREAT;
	if (lemma_is(s, v, "demand"))
		return FRAME_DEMAND;
	if (lemma_is(s, v, "refuse") || lemma_is(s, v, "reject") || lemma_is(s, v, "decline") ||
	    lemma_is(s, v, "rebuff") || lemma_is(s, v, "spurn"))
		return FRAME_REFUSE;
	if (lemma_is(s, v, "promise") || lemma_is(s, v, "pledge") || lemma_is(s, v, "vow") ||
	    lemma_is(s, v, "offer") || lemma_is(s, v, "agree") || lemma_is(s, v, "propose") ||
	    lemma_is(s, v, "plan"))
		return FRAME_INTENT;
	if (lemma_is(s, v, "urge") || lemma_is(s, v, "ask") || lemma_is(s, v, "call") ||
	    lemma_is(s, v, "appeal") || lemma_is(s, v, "request") || lemma_is(s, v, "plead"))
		return FRAME_APPEAL;
	return FRAME_NONE;
}

/* The first word of the subtree of t. */
static int left_edge(const sent_ctx *s, int t)
{
	int k, lo = t;

	for (k = s->first_child[t]; k >= 0 && k < lo; k = s->next_sibling[k]) {
		int e = left_edge(s, k);

		if (e < lo)
			lo = e;
	}
	return lo;
}

/* The class of a noun that frames the infinitival clause on it ("pressure
 * for the US to collaborate", "a call for Iran to stop", "a plan to
 * withdraw", "a threat to strike"), or FRAME_NONE. */
static int nominal_frame_class(const sent_ctx *s, int h)
{
	static const char *const demand[] = {"demand", "pressure", "insistence", NULL};
	static const char *const appeal[] = {
		"call", "appeal", "request", "plea", "invitation", "urging", "bid", NULL
	};
	static const char *const intent[] = {
		"plan", "promise", "pledge", "vow", "offer", "commitment", "decision", "intention",
		"readiness", "willingness", "agreement", "undertaking", "proposal", NULL
	};

	if (upos(s, h) != ENT_UPOS_NOUN)
		return FRAME_NONE;
	if (lemma_in(s, h, demand))
		return FRAME_DEMAND;
	if (lemma_in(s, h, appeal))
		return FRAME_APPEAL;
	if (lemma_is(s, h, "threat"))
		return FRAME_THREAT;
	if (lemma_is(s, h, "refusal"))
		return FRAME_REFUSE;
	if (lemma_in(s, h, intent))
		return FRAME_INTENT;
	return FRAME_NONE;
}

/* Whether verb v has an auxiliary of what will or should be done. */
static int future_aux(const sent_ctx *s, int v)
{
	static const char *const modals[] = {"will", "would", "shall", "should", "must", NULL};
	int k;

	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, D_AUX) && lemma_in(s, k, modals))
			return 1;
	return 0;
}

/* Whether verb v says what must or should be done: "must", "should" or
 * "ought" among its auxiliaries. */
static int obligation_of(const sent_ctx *s, int v)
{
	int k;

	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, D_AUX) &&
		    (lemma_is(s, k, "must") || lemma_is(s, k, "should") || lemma_is(s, k, "ought")))
			return 1;
	return 0;
}

/* Whether verb v is negated with a future or conditional auxiliary:
 * "would not meet", "will not release", "won't allow". */
static int refusal_of(const sent_ctx *s, int v)
{
	int k, neg = 0, fut = 0;

	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k]) {
		if ((dep_is(s, k, D_ADVMOD) || upos(s, k) == ENT_UPOS_PART) &&
		    (lemma_is(s, k, "not") || lemma_is(s, k, "n't") || lemma_is(s, k, "never")))
			neg = 1;
		if (dep_is(s, k, D_AUX) && (lemma_is(s, k, "will") || lemma_is(s, k, "would") ||
		                            lemma_is(s, k, "wo")))
			fut = 1;
	}
	return neg && fut;
}

/* Whether verb v has an addressee: an object, or a phrase with to, on,
 * upon, for or with ("appealed to the UN", "called on Yemen"). */
static int addressed(const sent_ctx *s, int v)
{
	int k;

	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k]) {
		int cs = case_of(s, k);

		if (dep_is(s, k, D_OBJ) || dep_is(s, k, D_IOBJ))
			return 1;
		if ((dep_is(s, k, D_OBL) || dep_is(s, k, D_XCOMP)) && cs >= 0 &&
		    (lemma_is(s, cs, "to") || lemma_is(s, cs, "on") || lemma_is(s, cs, "upon") ||
		     lemma_is(s, cs, "for") || lemma_is(s, cs, "with")))
			return 1;
	}
	return 0;
}

/* Whether verb v is a future or conditional act under a condition: "will
 * withdraw its force unless", "would meet the mediator if". */
static int conditional_of(const sent_ctx *s, int v)
{
	int k, fut = 0, cond = 0;

	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k]) {
		if (dep_is(s, k, D_AUX) && (lemma_is(s, k, "will") || lemma_is(s, k, "would") ||
		                            lemma_is(s, k, "shall")))
			fut = 1;
		if (dep_is(s, k, D_ADVCL) &&
		    (child_lemma(s, k, D_MARK, "if") || child_lemma(s, k, D_MARK, "unless")))
			cond = 1;
	}
	/* the condition hung on the reporting verb after the clause:
	 * "announced that it will withdraw ... unless Chad ..." */
	if (fut && !cond && dep_is(s, v, D_CCOMP) && s->head[v] >= 0)
		for (k = s->first_child[s->head[v]]; k >= 0; k = s->next_sibling[k])
			if (k > v && dep_is(s, k, D_ADVCL) &&
			    (child_lemma(s, k, D_MARK, "if") || child_lemma(s, k, D_MARK, "unless")))
				cond = 1;
	return fut && cond;
}

/* How predicate p is framed: the class (FRAME_*) and in *gov the
 * governing word; *self is set when that is the act's own verb ("would
 * not VERB", "will VERB unless"). A noun predicate counts from the verb
 * its pattern starts at (first) or the verb it is the object of
 * ("threatened to launch an offensive"); conjoined verbs share their
 * first verb's frame; a chain of infinitives is followed up ("agreed to
 * begin to provide"). "X said that Y must VERB" is a demand of X on Y. A
 * future act under a condition is an offer or a threat: an intent, whose
 * code for an act of force or coercion is the threat. */
static int framing_of(const sent_ctx *s, int p, int first, int *gov, int *self)
{
	int t = p, guard = 0;

	*gov = NO_TOKEN;
	*self = 0;
	/* a noun pattern that starts at a verb ("launch ~war"): that verb */
	if (first >= 0 && first < p && upos(s, first) == ENT_UPOS_VERB && in_subtree(s, p, first))
		t = first;
	else if ((upos(s, t) == ENT_UPOS_NOUN || upos(s, t) == ENT_UPOS_PROPN) && s->head[t] >= 0 &&
	    upos(s, s->head[t]) == ENT_UPOS_VERB &&
	    (dep_is(s, t, D_OBJ) || (dep_is(s, t, D_OBL) && case_of(s, t) >= 0))) {
		int cls = noun_frame_class(s, s->head[t]), cs = case_of(s, t);

		/* the preposition that goes with the frame: "agreed to",
		 * "called for", "threatened with" */
		if (!dep_is(s, t, D_OBJ) &&
		    !((cls == FRAME_INTENT && lemma_is(s, cs, "to")) ||
		      ((cls == FRAME_APPEAL || cls == FRAME_DEMAND) && lemma_is(s, cs, "for")) ||
		      (cls == FRAME_THREAT && lemma_is(s, cs, "with"))))
			return FRAME_NONE;

		/* "demanded talks", "called for sanctions", "threatened
		 * sanctions", "offered aid", "rejected talks" */
		if (cls != FRAME_NONE) {
			*gov = s->head[t];
			return cls;
		}
		if (!dep_is(s, t, D_OBJ))
			return FRAME_NONE;
		t = s->head[t];
	}
	if (upos(s, t) != ENT_UPOS_VERB)
		return FRAME_NONE;
	if (refusal_of(s, t) || conditional_of(s, t)) {
		*gov = t;
		*self = 1;
		return refusal_of(s, t) ? FRAME_REFUSE : FRAME_INTENT;
	}
	while (guard++ < 4 && s->head[t] >= 0) {
		int h = s->head[t], cls, o;

		if (dep_is(s, t, D_CONJ) && upos(s, h) == ENT_UPOS_VERB) {
			t = h;
			continue;
		}
		/* "it is ready to VERB" read as an extraposed subject */
		if (dep_is(s, t, D_XCOMP) || (dep_is(s, t, D_CSUBJ) && child(s, h, D_EXPL) >= 0)) {
			if ((cls = frame_class(s, h, D_XCOMP)) != FRAME_NONE) {
				*gov = h;
				/* "wants Putin to attack": the act is asked of
				 * the object, not intended by the subject */
				if (cls == FRAME_INTENT && (child(s, h, D_OBJ) >= 0 || child(s, h, D_IOBJ) >= 0))
					cls = FRAME_APPEAL;
				return cls;
			}
			t = h;
			continue;
		}
		/* a noun that frames its infinitive: "Moscow's pressure for
		 * the US to collaborate", "a plan to withdraw" */
		/* the same infinitive hung from the verb, right after the noun:
		 * "rejected an invitation to attend" */
		if (dep_is(s, t, D_ADVCL) && child_lemma(s, t, D_MARK, "to") &&
		    (o = child(s, h, D_OBJ)) >= 0 && o < t && left_edge(s, t) == o + 1 &&
		    nominal_frame_class(s, o) != FRAME_NONE) {
			if (noun_frame_class(s, h) == FRAME_REFUSE) {
				*gov = h;
				return FRAME_REFUSE;
			}
			*gov = o;
			return nominal_frame_class(s, o);
		}
		if (dep_is(s, t, D_ACL) && child_lemma(s, t, D_MARK, "to") &&
		    (cls = nominal_frame_class(s, h)) != FRAME_NONE) {
			/* one turned down is the refusal of its act: "rejected
			 * an invitation to attend a meeting" 125 */
			if (dep_is(s, h, D_OBJ) && s->head[h] >= 0 &&
			    noun_frame_class(s, s->head[h]) == FRAME_REFUSE) {
				*gov = s->head[h];
				return FRAME_REFUSE;
			}
			*gov = h;
			return cls;
		}
		/* "appealed to X to let", "called on X to lift" read as an
		 * adverbial clause: an appeal or demand to an addressee */
		if (dep_is(s, t, D_ADVCL) && child_lemma(s, t, D_MARK, "to")) {
			cls = frame_class(s, h, D_XCOMP);
			if ((cls == FRAME_APPEAL || cls == FRAME_DEMAND) && addressed(s, h)) {
				*gov = h;
				return cls;
			}
			break;
		}
		if (dep_is(s, t, D_CCOMP)) {
			/* an intent said in a clause says what will be done:
			 * "pledged that it would withdraw", not "agreed that
			 * there was a need" */
			if ((cls = frame_class(s, h, D_CCOMP)) == FRAME_INTENT && !future_aux(s, t))
				cls = FRAME_NONE;
			if (cls != FRAME_NONE ||
			    (obligation_of(s, t) && child(s, t, D_NSUBJ) >= 0 &&
			     (lemma_is(s, h, "say") || lemma_is(s, h, "state") || lemma_is(s, h, "tell") ||
			      lemma_is(s, h, "declare") || lemma_is(s, h, "stress") ||
			      lemma_is(s, h, "announce") || lemma_is(s, h, "add") ||
			      lemma_is(s, h, "conclude") || lemma_is(s, h, "argue") ||
			      lemma_is(s, h, "reiterate") || lemma_is(s, h, "repeat") ||
			      lemma_is(s, h, "emphasize") || lemma_is(s, h, "emphasise") ||
			      lemma_is(s, h, "assert") || lemma_is(s, h, "maintain")))) {
				*gov = h;
				return cls != FRAME_NONE ? cls : FRAME_DEMAND;
			}
		}
		break;
	}
	return FRAME_NONE;
}

/* The code of act code under frame cls: CAMEO pairs each cooperative act
 * with an intent (03x), a demand (10x), an appeal (02x) and a refusal
 * (12x), and each act of force or coercion with a threat (13x), which an
 * intent to do it also is. NULL where the codebook has none. */
static const char *framed_code(const char *code, int cls)
{
	static const struct {
		const char *act, *intent, *demand, *appeal, *refuse, *threat;
	} pairs[] = {
		{"045", "039", "108", "028", "126", NULL},
		{"04", "036", "106", "026", "125", NULL},
		{"05", "032", "102", "022", NULL, NULL},
		{"060", "031", "101", "021", "121", NULL},
		{"061", "0311", "1011", "0211", "1211", NULL},
		{"062", "0312", "1012", "0212", "1212", NULL},
		{"063", "0313", "1013", "0213", "1213", NULL},
		{"064", "0314", "1014", "0214", "121", NULL},
		{"071", "0331", "1031", "0231", "1221", NULL},
		{"072", "0332", "1032", "0232", "1222", NULL},
		{"073", "0333", "1033", "0233", "1223", NULL},
		{"074", "0334", "1034", "0234", "1224", NULL},
		{"07", "033", "103", "023", "122", NULL},
		{"081", "0351", "1051", "0251", "1241", NULL},
		{"082", "0352", "1052", "0252", "1242", NULL},
		{"0831", "0341", "1041", "0241", "1231", NULL},
		{"0832", "0342", "1042", "0242", "1232", NULL},
		{"0833", "0343", "1043", "0243", "1233", NULL},
		{"0834", "0344", "1044", "0244", "1234", NULL},
		{"083", "034", "104", "024", "123", NULL},
		{"084", "0353", "1053", "0253", "1243", NULL},
		{"085", "0354", "1054", "0254", "1244", NULL},
		{"086", "0355", "1055", "0255", "1245", NULL},
		{"087", "0356", "1056", "0256", "1246", NULL},
		{"08", "035", "105", "025", "124", NULL},
		{"14", NULL, NULL, NULL, NULL, "133"},
		{"161", NULL, NULL, NULL, NULL, "1313"},
		{"162", NULL, NULL, NULL, NULL, "1311"},
		{"163", NULL, NULL, NULL, NULL, "1312"},
		{"164", NULL, NULL, NULL, NULL, "134"},
		{"165", NULL, NULL, NULL, NULL, "135"},
		{"166", NULL, NULL, NULL, NULL, "136"},
		{"16", NULL, NULL, NULL, NULL, "131"},
		{"1721", NULL, NULL, NULL, NULL, "1321"},
		{"1722", NULL, NULL, NULL, NULL, "1322"},
		{"1723", NULL, NULL, NULL, NULL, "1323"},
		{"1724", NULL, NULL, NULL, NULL, "1324"},
		{"172", NULL, NULL, NULL, NULL, "132"},
		{"17", NULL, NULL, NULL, NULL, "137"},
		{"183", NULL, NULL, NULL, NULL, "1383"},
		{"18", NULL, NULL, NULL, NULL, "138"},
		{"191", NULL, NULL, NULL, NULL, "1381"},
		{"192", NULL, NULL, NULL, NULL, "1382"},
		{"19", NULL, NULL, NULL, NULL, "1384"},
		{"204", NULL, NULL, NULL, NULL, "1385"},
		{"20", NULL, NULL, NULL, NULL, "138"},
	};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (strncmp(code, pairs[i].act, strlen(pairs[i].act)) != 0)
			continue;
		switch (cls) {
		case FRAME_INTENT: return pairs[i].intent ? pairs[i].intent : pairs[i].threat;
		case FRAME_THREAT: return pairs[i].threat;
		case FRAME_DEMAND: return pairs[i].demand;
		case FRAME_APPEAL: return pairs[i].appeal;
		case FRAME_REFUSE: return pairs[i].refuse;
		default: return NULL;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Emitting                                                            */

/* Whether ENTENTE_TRACE is set: the coder then says on stderr what each
 * predicate matched and why an event was or was not emitted. */
static int trace_on(void)
{
	static int on = -1;

	if (on < 0)
		on = getenv("ENTENTE_TRACE") != NULL;
	return on;
}


static ent_date event_date(const sent_ctx *s, int p)
{
	size_t i, best = (size_t)-1;
	int bestd = 1 << 30;

	for (i = 0; i < s->ntx; i++) {
		int d = (int)s->tx[i].first - p;

		if (d < 0)
			d = -d;
		/* a time expression inside the predicate's clause wins */
		if (in_subtree(s, (int)s->tx[i].first, p))
			d -= 100;
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best == (size_t)-1 ? s->doc->date : s->tx[best].date;
}

static int push_event(sent_ctx *s, const ent_event *e)
{
	ent_coded *o = s->out;
	size_t i;

	/* the same dyad and code once per sentence */
	for (i = 0; i < o->nevents; i++) {
		const ent_event *x = &o->events[i];

		if (x->sent == e->sent && strcmp(x->source, e->source) == 0 &&
		    strcmp(x->target, e->target) == 0 && strcmp(x->code, e->code) == 0)
			return ENT_OK;
	}
	if (o->nevents == s->ev_cap) {
		size_t cap = s->ev_cap ? s->ev_cap * 2 : 32;
		ent_event *grown = ent_arena_alloc(s->arena, cap * sizeof *grown);

		if (!grown)
			return ENT_ENOMEM;
		if (o->nevents)
			memcpy(grown, o->events, o->nevents * sizeof *grown);
		o->events = grown;
		s->ev_cap = cap;
	}
	o->events[o->nevents++] = *e;
	return ENT_OK;
}

static const char *rule_id(sent_ctx *s, const ent_pattern *pat)
{
	char buf[512];
	const ent_dict_file_info *f = ent_dict_file(s->c->dict, pat->file);
	const char *path = f ? f->path : "?";
	const char *base = strstr(path, "data/dict/");

	snprintf(buf, sizeof buf, "%s:%u %s", base ? base + 10 : path, pat->line,
	         pat->text ? pat->text : "");
	return ent_arena_strndup(s->arena, buf, strlen(buf));
}

/* Whether two actor codes name the same actor root. */
static int same_root(const char *a, const char *b)
{
	size_t r = root_len(a);

	return r == root_len(b) && strncmp(a, b, r) == 0;
}

/* Whether a code names an act that several actors do with each other. */
static int reciprocal_code(const sent_ctx *s, int p, const char *code)
{
	int root = atoi(code) / (strlen(code) == 4 ? 100 : 10);

	if (root == 3)  /* agreeing is mutual; pledging and offering are not */
		return lemma_is(s, p, "agree") || lemma_is(s, p, "decide") || lemma_is(s, p, "resolve");
	if (strcmp(code, "019") == 0)  /* "X and Y agreed that ...": accord with each other */
		return lemma_is(s, p, "agree") || lemma_is(s, p, "concur");
	return root == 4 || root == 6 || root == 19 ||
	       strcmp(code, "050") == 0 || strncmp(code, "057", 3) == 0 ||
	       strncmp(code, "064", 3) == 0 || strncmp(code, "087", 3) == 0;
}

/* The actors of the first actor phrase after nominal o that hangs from it
 * through noun-phrase relations only (prepositional modifiers,
 * appositions, conjuncts; not clauses): the object's own modifiers when
 * its head names none. 0 when none or o < 0. */
static int object_phrase_actors(const sent_ctx *s, int o, actor *out, int max)
{
	int k;

	if (o < 0 || !(upos(s, o) == ENT_UPOS_NOUN || upos(s, o) == ENT_UPOS_PROPN))
		return 0;
	for (k = o + 1; k < s->n; k++) {
		int x = k, guard = 0;

		if (!s->np_code[k])
			continue;
		while (x >= 0 && x != o && guard++ < 6 &&
		       (dep_is(s, x, D_NMOD) || dep_is(s, x, D_COMPOUND) || dep_is(s, x, D_AMOD) ||
		        dep_is(s, x, D_APPOS) || dep_is(s, x, D_CONJ) || dep_is(s, x, D_FLAT) ||
		        dep_is(s, x, D_NMOD_POSS)))
			x = s->head[x];
		if (x == o) {
			/* the phrase's head, which has the composed code
			 * ("Osgiliath soldiers" OSGMIL, not "Osgiliath") */
			while (s->head[k] >= 0 && s->head[k] != o && s->np_code[s->head[k]] &&
			       (dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_AMOD) || dep_is(s, k, D_FLAT) ||
			        dep_is(s, k, D_NMOD_POSS) || dep_is(s, k, D_NMOD_DESC)))
				k = s->head[k];
			return actors_of(s, k, out, max);
		}
		if (k > o && s->head[k] < o)
			break;  /* past the object's phrase */
	}
	return 0;
}

/* Whether target t is source a: nobody acts on itself, nor an
 * organisation on one of its own parts ("AU member states met" the AU). */
static int self_target(const char *a, const char *t)
{
	return strcmp(a, t) == 0 || (root_len(a) == 6 && same_root(a, t));
}

/* Keeps in tgt[0..nt) the targets that are not every source itself;
 * returns how many are left. Once a candidate was dropped (*dropped set),
 * the next ones must also have another root than the sources: after
 * "Russia ... Russia" the next candidate "the Russian army" is no better. */
static int other_targets(const actor *src, int ns, actor *tgt, int nt, int *dropped)
{
	int i, j, k = 0;

	for (j = 0; j < nt; j++) {
		for (i = 0; i < ns && (*dropped ? same_root(src[i].code, tgt[j].code)
		                                 : self_target(src[i].code, tgt[j].code)); i++)
			;
		if (ns == 0 || i < ns)
			tgt[k++] = tgt[j];
	}
	if (k < nt)
		*dropped = 1;
	return k;
}

/* Whether an act of this code is done to the territory where it happens:
 * yielding (08: lifting a curfew, easing restrictions), force posture
 * (15), coercion (17), assault, fighting and mass violence (18-20). Talks,
 * statements and protests are only held at a place. */
static int territorial_code(const char *code)
{
	int root = atoi(code) / (strlen(code) == 4 ? 100 : 10);

	return strlen(code) >= 3 && (root == 8 || root == 15 || root == 17 || root == 18 || root == 19 ||
	                             root == 20 || strncmp(code, "074", 3) == 0);
}

/* Whether t names a place: a country or its capital (an actor phrase of
 * kind name or capital whose code is a bare country). */
static int place_token(const sent_ctx *s, int t)
{
	const ent_dict_entry *e;

	if (s->actor_m[t] < 0 || !s->np_code[t] || root_len(s->np_code[t]) != strlen(s->np_code[t]))
		return 0;
	e = match_entry(s, s->actor_m[t]);
	return e->sub == ENT_ACTOR_NAME || e->sub == ENT_ACTOR_CAPITAL || e->sub == ENT_ACTOR_SEAT ||
	       e->sub == ENT_ACTOR_OTHER;  /* PETRARCH's actors have no kind */
}

/* Whether t is an actor of the verb phrase of p the way PETRARCH reads
 * one: the object or the object of a preposition of p, or a word of
 * that noun phrase (compounds, appositions, conjuncts, "of" phrases:
 * "warned of the Prince of Dol Amroth"); no clause and no second
 * prepositional phrase between them. */
static int phrase_path(const sent_ctx *s, int t, int p)
{
	int guard = 0, links = 0;

	while (t >= 0 && t != p && guard++ < 12) {
		int cs = case_of(s, t);

		if (upos(s, t) == ENT_UPOS_VERB || upos(s, t) == ENT_UPOS_AUX)
			return 0;
		if (dep_is(s, t, D_COMPOUND) || dep_is(s, t, D_FLAT) || dep_is(s, t, D_APPOS) ||
		    dep_is(s, t, D_AMOD) || dep_is(s, t, D_CONJ) ||
		    (dep_is(s, t, D_NMOD) && cs >= 0 && lemma_is(s, cs, "of")))
			;  /* inside one noun phrase */
		else if (dep_is(s, t, D_OBJ) || dep_is(s, t, D_IOBJ) || dep_is(s, t, D_OBL) ||
		         dep_is(s, t, D_NMOD) || dep_is(s, t, D_NMOD_POSS))
			links++;
		else
			return 0;
		t = s->head[t];
	}
	return t == p && links <= 1;
}

/* Whether t comes into p's verb phrase through a preposition that does
 * not introduce a party: a role ("served as president"), a comparison,
 * a time ("during", "since", "after"). */
/* Whether phrase k, marked by case word cs, is the topic of a talk or
 * meeting (root 04): "talks on an Israeli pullback", "negotiations over
 * a US aid package" are about the pullback and the package, and name no
 * party; "talks on Syria" still names one. */
static int topic_phrase(const sent_ctx *s, int k, int cs, const char *code)
{
	return code && strncmp(code, "04", 2) == 0 && cs >= 0 &&
	       (lemma_is(s, cs, "on") || lemma_is(s, cs, "over") || lemma_is(s, cs, "about")) &&
	       s->actor_m[k] < 0 && s->agent_m[k] < 0 && upos(s, k) != ENT_UPOS_PRON;
}

static int non_party_prep(const sent_ctx *s, int t, int p)
{
	static const char *const preps[] = {
		"as", "like", "than", "despite", "during", "since", "until", "before", "after", NULL
	};
	int guard = 0;

	while (t >= 0 && t != p && guard++ < 12) {
		int cs = case_of(s, t);

		if (cs >= 0 && (dep_is(s, t, D_OBL) || dep_is(s, t, D_NMOD))) {
			return lemma_in(s, cs, preps);
		}
		t = s->head[t];
	}
	return 0;
}

/* The country where predicate p is done: the country or capital of an
 * "in" phrase of p, else of its object's or an oblique's phrase ("killed
 * five people in Iraq", "clashed with police in Cairo"); NULL when none. */
static const char *act_place(const sent_ctx *s, int p)
{
	int k, g;

	for (k = s->first_child[p]; k >= 0; k = s->next_sibling[k]) {
		int cs = case_of(s, k);

		if (dep_is(s, k, D_OBL) && cs >= 0 && place_token(s, k) &&
		    (lemma_is(s, cs, "in") || lemma_is(s, cs, "inside")))
			return s->np_code[k];
	}
	for (k = s->first_child[p]; k >= 0; k = s->next_sibling[k]) {
		if (!(dep_is(s, k, D_OBJ) || dep_is(s, k, D_OBL)))
			continue;
		for (g = s->first_child[k]; g >= 0; g = s->next_sibling[g]) {
			int cs = case_of(s, g);

			if (dep_is(s, g, D_NMOD) && cs >= 0 && place_token(s, g) &&
			    (lemma_is(s, cs, "in") || lemma_is(s, cs, "inside")))
				return s->np_code[g];
		}
	}
	return NULL;
}

/* The target of predicate p when it is a role word with no country of its
 * own ("police arrested dozens of protesters", "demanded a truce with
 * rebel forces"): the role in the country where the act is done (an "in"
 * place of p), else in the source's country. Writes tgt[0]; returns 1,
 * or 0 when p has no such object. */
static int local_role_target(const sent_ctx *s, int p, int is_passive, const actor *src, actor *tgt)
{
	int cand = NO_TOKEN, k;
	const char *root = NULL;
	const ent_dict_entry *e;

	if (is_passive) {
		cand = child(s, p, D_NSUBJ_PASS);
		if (cand < 0 && dep_is(s, p, D_ACL))
			cand = s->head[p];
	} else {
		cand = child(s, p, D_OBJ);
		if (cand < 0)
			cand = child(s, p, D_IOBJ);
		for (k = s->first_child[p]; k >= 0 && cand < 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k);

			if ((dep_is(s, k, D_OBL) || dep_is(s, k, D_NMOD)) && cs >= 0 &&
			    (lemma_is(s, cs, "with") || lemma_is(s, cs, "to") || lemma_is(s, cs, "against") ||
			     lemma_is(s, cs, "on") || lemma_is(s, cs, "at") || lemma_is(s, cs, "into")))
				cand = k;
		}
	}
	if (cand >= 0 && quantity_word(s, cand))  /* "dozens of protesters" */
		for (k = s->first_child[cand]; k >= 0; k = s->next_sibling[k])
			if (dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 && lemma_is(s, case_of(s, k), "of")) {
				cand = k;
				break;
			}
	/* not the source's own ("withdrew its troops") */
	if (cand < 0 || upos(s, cand) != ENT_UPOS_NOUN || s->np_code[cand] || s->agent_m[cand] < 0 ||
	    has_country_modifier(s, cand) || child(s, cand, D_NMOD_POSS) >= 0)
		return 0;
	root = act_place(s, p);
	if (!root && root_len(src[0].code) == 3 && strncmp(src[0].code, "---", 3) != 0)
		root = src[0].code;
	if (!root)
		return 0;
	e = match_entry(s, s->agent_m[cand]);
	if (!e->code)
		return 0;
	memset(&tgt[0], 0, sizeof tgt[0]);
	tgt[0].code = compose((sent_ctx *)s, root, e->code, (e->flags & ENT_ENTRY_PREFIX) != 0);
	tgt[0].tok = cand;
	tgt[0].span = np_span(s, cand);
	tgt[0].resolved = 1;
	return tgt[0].code != NULL;
}

/* The sources and targets of predicate p coded by pattern pat (matched
 * as pm): src and tgt get up to MAX_CODES actors each, *ns and *nt their
 * numbers; *passive whether p is a passive verb with its agent as the
 * source. */
static void parties_pass(const sent_ctx *s, int p, const ent_pattern *pat, const pmatch *pm,
                         int nounpred, actor *src, int *nsrc, actor *tgt, int *ntgt, int *passive)
{
	int ns = 0, nt = 0, is_passive = 0, subj = -1, self_x = 0;
	/* PETRARCH drops an event whose target is its source */
	int nself, from_verb = 0, dropped = 0;
	/* a statement (root 01) takes a target only from its pattern */
	int statement = pat->code ? strncmp(pat->code, "01", 2) == 0 : 0;

	/* source */
	if (pm->source >= 0) {
		ns = source_actors(s, pm->source, src, MAX_CODES);
	} else if (nounpred) {
		int poss = child(s, p, D_NMOD_POSS), k;

		/* a pattern that starts at the verb governing the noun
		 * ("postpone ~visit"): the verb's subject acts, and the noun's
		 * own actor ("a visit by X", "X's visit") is acted on */
		if (pm->first >= 0 && pm->first < p && s->head[p] == pm->first &&
		    upos(s, pm->first) == ENT_UPOS_VERB && dep_is(s, p, D_OBJ)) {
			subj = subject_of(s, pm->first, &is_passive);
			ns = source_actors(s, subj, src, MAX_CODES);
			from_verb = ns > 0;
		}
		if (ns == 0 && poss >= 0)
			ns = actors_of(s, poss, src, MAX_CODES);
		for (k = s->first_child[p]; k >= 0 && ns == 0; k = s->next_sibling[k])
			if (dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 && lemma_is(s, case_of(s, k), "by"))
				ns = actors_of(s, k, src, MAX_CODES);
		if (ns == 0) {
			/* the verb that governs the noun, through other nouns:
			 * "suspended part of a military aid program" */
			int v = s->head[p], guard = 0;

			while (v >= 0 && guard++ < 3 && (upos(s, v) == ENT_UPOS_NOUN || upos(s, v) == ENT_UPOS_NUM ||
			                                 upos(s, v) == ENT_UPOS_PROPN) &&
			       (dep_is(s, v, D_OBJ) || dep_is(s, v, D_NMOD) || dep_is(s, v, D_OBL) ||
			        dep_is(s, v, D_NSUBJ_PASS) || dep_is(s, v, D_CONJ)))
				v = s->head[v];
			if (v >= 0 && upos(s, v) == ENT_UPOS_VERB) {
				subj = subject_of(s, v, &is_passive);
				ns = source_actors(s, subj, src, MAX_CODES);
				from_verb = ns > 0;
			}
		}
		is_passive = 0;
	} else {
		subj = subject_of(s, p, &is_passive);
		if (subj < 0 && !is_passive && upos(s, p) == ENT_UPOS_VERB &&
		    !dep_is(s, p, D_XCOMP) && !dep_is(s, p, D_ACL) &&
		    !child_lemma(s, p, D_MARK, "to"))  /* an infinitive has no subject before it */
			subj = subject_from_order(s, p);  /* a verb the parser left alone */
		ns = source_actors(s, subj, src, MAX_CODES);
		/* "Russia became one of the first countries to rush to ...":
		 * the noun the clause modifies names no actor; its clause's
		 * subject does */
		if (ns == 0 && subj >= 0 && !is_passive && (upos(s, subj) == ENT_UPOS_NOUN ||
		                                            upos(s, subj) == ENT_UPOS_PRON) &&
		    !dep_is(s, p, D_ACL_RELCL)) {  /* "terrorists who threaten": the terrorists */
			int v = s->head[subj], guard = 0, pass2;

			while (v >= 0 && upos(s, v) != ENT_UPOS_VERB && upos(s, v) != ENT_UPOS_AUX && guard++ < 4)
				v = s->head[v];
			if (v >= 0 && v != p && in_subtree(s, p, v) && subj != v)
				ns = actors_of(s, subject_of(s, v, &pass2), src, MAX_CODES);
		}
		if (ns == 0 && subj < 0 && !is_passive) {
			/* "it is prepared to impose": the parser reads the "it"
			 * of an adjective predicate as an expletive */
			int h = p, guard = 0;

			while (guard++ < 4 && h >= 0 && upos(s, h) != ENT_UPOS_ADJ &&
			       (dep_is(s, h, D_XCOMP) || dep_is(s, h, D_CSUBJ)))
				h = s->head[h];
			if (h >= 0 && upos(s, h) == ENT_UPOS_ADJ && child(s, h, D_COP) >= 0)
				ns = source_actors(s, child(s, h, D_EXPL), src, MAX_CODES);
		}
	}
	if (ns == 0 && subj >= 0 && !nounpred && !(pat->flags & ENT_PAT_PETR) && s->agent_m[subj] >= 0 &&
	    !s->np_code[subj] && upos(s, subj) == ENT_UPOS_NOUN && !has_country_modifier(s, subj)) {
		/* a role with no country acting in a country is of it:
		 * "gunmen killed five people in Iraq" */
		const ent_dict_entry *e = match_entry(s, s->agent_m[subj]);
		const char *place = act_place(s, p);

		if (place && e->code) {
			memset(&src[0], 0, sizeof src[0]);
			src[0].code = compose((sent_ctx *)s, place, e->code, (e->flags & ENT_ENTRY_PREFIX) != 0);
			src[0].tok = subj;
			src[0].span = np_span(s, subj);
			src[0].resolved = 1;
			ns = src[0].code != NULL;
		}
	}
	if (ns == 0 && is_passive && !nounpred && pat->code &&
	    (strncmp(pat->code, "17", 2) == 0 || strncmp(pat->code, "09", 2) == 0)) {
		/* an arrest, expulsion or inquiry with no agent is the act of
		 * the state where it happens: "a missionary was arrested in
		 * Lebanon" */
		int k;

		for (k = s->first_child[p]; k >= 0 && ns == 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k), g;

			if (dep_is(s, k, D_OBL) && cs >= 0 && place_token(s, k) &&
			    (lemma_is(s, cs, "in") || lemma_is(s, cs, "inside")))
				ns = actors_of(s, k, src, MAX_CODES);
			/* the place hung on the pattern's noun: "was put
			 * under investigation in Italy" */
			for (g = dep_is(s, k, D_OBL) ? s->first_child[k] : -1; g >= 0 && ns == 0;
			     g = s->next_sibling[g])
				if (dep_is(s, g, D_NMOD) && (cs = case_of(s, g)) >= 0 && place_token(s, g) &&
				    (lemma_is(s, cs, "in") || lemma_is(s, cs, "inside")))
					ns = actors_of(s, g, src, MAX_CODES);
		}
	}
	if (ns == 0 && is_passive && !nounpred && pat->code && reciprocal_code(s, p, pat->code)) {
		/* a mutual act in the passive with no agent is done by the
		 * parties it is between: "talks were held between Sudan and
		 * Chad" */
		int k;

		for (k = s->first_child[p]; k >= 0 && ns == 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k), c2;

			if (!dep_is(s, k, D_OBL) || cs < 0 || !lemma_is(s, cs, "between"))
				continue;
			ns = actors_of(s, k, src, MAX_CODES);
			for (c2 = s->first_child[k]; c2 >= 0 && ns > 0 && ns < MAX_CODES; c2 = s->next_sibling[c2])
				if (dep_is(s, c2, D_CONJ) && actor_token(s, c2) && ns == 1)
					ns += actors_of(s, c2, src + ns, MAX_CODES - ns);
			if (ns < 2)
				ns = 0;
		}
	}
	/* target */
	nself = (pat->flags & ENT_PAT_PETR) ? 0 : ns;
	if (pm->target >= 0) {
		/* a target that is the source itself ("North Korea let
		 * inspectors into Yongbyon") gives way to the next candidate */
		int n0 = actors_of(s, pm->target, tgt, MAX_CODES);

		/* a country borrowed as a noun's source from the verb above
		 * it is not the noun's actor when the noun is done to that
		 * country ("the United States pointed to the attack on the
		 * United States embassy"); a party or a legislature may act
		 * on its own country's people */
		if (nounpred && from_verb && ns > 0 && root_len(src[0].code) == strlen(src[0].code))
			dropped = 1;
		nt = other_targets(src, nself, tgt, n0, &dropped);
		self_x = n0 > 0 && nt == 0;
	} else if (pm->source >= 0) {
		/* "receive aid from S": S gives, the subject receives */
		int pass2;

		nt = actors_of(s, nounpred && s->head[p] >= 0 ? subject_of(s, s->head[p], &pass2)
		                                              : subject_of(s, p, &pass2),
		               tgt, MAX_CODES);
	} else if (is_passive) {
		int pt = child(s, p, D_NSUBJ_PASS);

		if (pt < 0 && dep_is(s, p, D_ACL))
			pt = s->head[p];  /* "the soldiers killed" */
		nt = actors_of(s, pt, tgt, MAX_CODES);
	}
	if (nt == 0 && from_verb && pm->target < 0 && pm->source < 0) {
		/* the noun's own actor when the verb's subject acts on it:
		 * "Arafat rejected a US offer" targets the US */
		int k;

		for (k = s->first_child[p]; k >= 0 && nt == 0; k = s->next_sibling[k])
			if ((k < p && (dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_AMOD) || dep_is(s, k, D_NMOD_POSS))) ||
			    (dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 && lemma_is(s, case_of(s, k), "by")))
				nt = other_targets(src, nself, tgt, actors_of(s, k, tgt, MAX_CODES), &dropped);
	}
	if (nt == 0 && (pm->target < 0 || self_x) && pm->source < 0 && !is_passive && !statement) {
		/* no X in the pattern: the recipient is the object, or the
		 * object of a preposition that marks one */
		int o = child(s, p, D_OBJ), k;

		if (o < 0)
			o = child(s, p, D_IOBJ);
		nt = other_targets(src, nself, tgt, actors_of(s, o, tgt, MAX_CODES), &dropped);
		for (k = s->first_child[p]; k >= 0 && nt == 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k);

			if ((dep_is(s, k, D_OBL) || dep_is(s, k, D_NMOD)) && cs >= 0 &&
			    (lemma_is(s, cs, "with") || lemma_is(s, cs, "to") || lemma_is(s, cs, "against") ||
			     lemma_is(s, cs, "on") || lemma_is(s, cs, "toward") || lemma_is(s, cs, "towards") ||
			     lemma_is(s, cs, "at") || lemma_is(s, cs, "into") || lemma_is(s, cs, "for") ||
			     lemma_is(s, cs, "over") || lemma_is(s, cs, "upon") || lemma_is(s, cs, "between") ||
			     lemma_is(s, cs, "among") || lemma_is(s, cs, "from")) &&
			    !topic_phrase(s, k, cs, pat->code))
				nt = other_targets(src, nself, tgt, actors_of(s, k, tgt, MAX_CODES), &dropped);
		}
	}
	if (nt == 0 && (pm->target < 0 || self_x) && pm->source < 0 && !is_passive && !statement) {
		/* (a statement's recipient must be written in its pattern:
		 * "told MSNBC", "claimed Democrats ..." name no target)
		 * deeper in the frame: "promised to continue aid to X", and
		 * the subject of a complement: "demanded that the US cancel" */
		frame fr;
		int q;

		build_frame(s, p, nounpred, &fr);
		for (q = 0; q < fr.n && nt == 0; q++) {
			int k = fr.tok[q], cs = case_of(s, k);

			if (!(dep_is(s, k, D_OBJ) || dep_is(s, k, D_IOBJ) ||
			      (dep_is(s, k, D_NSUBJ) && s->head[k] >= 0 && s->head[s->head[k]] == p) ||
			      ((dep_is(s, k, D_OBL) || dep_is(s, k, D_NMOD)) && cs >= 0 &&
			       (lemma_is(s, cs, "to") || lemma_is(s, cs, "with") || lemma_is(s, cs, "against") ||
			        lemma_is(s, cs, "for") || lemma_is(s, cs, "on") || lemma_is(s, cs, "toward") ||
			        lemma_is(s, cs, "towards") || lemma_is(s, cs, "into") || lemma_is(s, cs, "at") ||
			        lemma_is(s, cs, "between") || lemma_is(s, cs, "among")) &&
			       !topic_phrase(s, k, cs, pat->code))))
				continue;
			/* a deeper verb's object or subject counts only when it
			 * names an actor itself: in "pledges to block US
			 * strikes" the US is not the one pledged to */
			if (s->head[k] != p && !s->np_code[k] &&
			    (dep_is(s, k, D_OBJ) || dep_is(s, k, D_IOBJ) || dep_is(s, k, D_NSUBJ)))
				continue;
			/* nor inside a clause that describes something in the
			 * frame: "agreed on a line that would make the sea
			 * between Crete and Cyprus ..." */
			if (in_descriptive_clause(s, k, p))
				continue;
			nt = other_targets(src, nself, tgt, actors_of(s, k, tgt, MAX_CODES), &dropped);
		}
	}
	if (nt == 0 && (pm->target < 0 || self_x) && pm->source < 0 && !is_passive && !nounpred &&
	    !statement)
		/* an actor inside the object's phrase: "condemned an attack by
		 * X", "welcomed memos from X" */
		nt = other_targets(src, nself, tgt, object_phrase_actors(s, child(s, p, D_OBJ), tgt, MAX_CODES),
		                   &dropped);
	if (nt == 0 && (pm->target < 0 || self_x) && pm->source < 0 && !is_passive && pat->code &&
	    territorial_code(pat->code)) {
		/* an act done to a territory: the country where it is done
		 * ("lifted a curfew in Montenegro", "troops deployed in X",
		 * "shelled positions in X") */
		int hosts[3], nh = 0, h, k;

		/* the place hangs from the predicate, from its object
		 * ("lifted a curfew in X"), or, for a noun, from its verb
		 * ("reimposed blockades in the West Bank") */
		hosts[nh++] = p;
		if ((k = child(s, p, D_OBJ)) >= 0)
			hosts[nh++] = k;
		if (nounpred && s->head[p] >= 0 && (dep_is(s, p, D_OBJ) || dep_is(s, p, D_NSUBJ)))
			hosts[nh++] = s->head[p];  /* "the deployment ... arrived in X" */
		for (h = 0; h < nh && nt == 0; h++)
			for (k = s->first_child[hosts[h]]; k >= 0 && nt == 0; k = s->next_sibling[k]) {
				int cs = case_of(s, k);

				if ((dep_is(s, k, D_OBL) || dep_is(s, k, D_NMOD)) && cs >= 0 && place_token(s, k) &&
				    (lemma_is(s, cs, "in") || lemma_is(s, cs, "inside") ||
				     lemma_is(s, cs, "across") || lemma_is(s, cs, "throughout")))
					nt = actors_of(s, k, tgt, MAX_CODES);
			}
	}
	if (nt == 0 && pm->target < 0 && pm->source < 0 && !is_passive && (pat->flags & ENT_PAT_PETR) &&
	    !nounpred && !statement) {
		/* PETRARCH reads the target as the first actor of the verb
		 * phrase, behind any preposition: "departed for Bree",
		 * "warned of the Prince of Dol Amroth" */
		frame fr;
		int q;

		build_frame(s, p, 0, &fr);
		for (q = 0; q < fr.n && nt == 0; q++)
			if (s->np_code[fr.tok[q]] && phrase_path(s, fr.tok[q], p) && !non_party_prep(s, fr.tok[q], p))
				nt = actors_of(s, fr.tok[q], tgt, MAX_CODES);
	}
	if (nt == 0 && ns > 0 && pm->source < 0 && !statement && !(pat->flags & ENT_PAT_PETR))
		nt = local_role_target(s, p, is_passive, src, tgt);
	*nsrc = ns;
	*ntgt = nt;
	*passive = is_passive;
}

/* The sources and targets of predicate p (parties_pass). With PETRARCH's
 * agents, a side that names no known actor is read again letting a role
 * with no country stand as ---ROLE ("insurgents" ---REB), as PETRARCH
 * codes it; a known actor found further along is preferred ("exiled
 * leaders of Egypt's Brotherhood"). An event needs one known side. */
static void event_parties(sent_ctx *s, int p, const ent_pattern *pat, const pmatch *pm,
                          int nounpred, actor *src, int *nsrc, actor *tgt, int *ntgt, int *passive)
{
	actor src2[MAX_CODES], tgt2[MAX_CODES];
	int ns2, nt2, pass2;

	parties_pass(s, p, pat, pm, nounpred, src, nsrc, tgt, ntgt, passive);
	if (!s->c->petr_agents || !s->bare_agents || (*nsrc > 0 && *ntgt > 0))
		return;
	s->unknown_ok = 1;
	parties_pass(s, p, pat, pm, nounpred, src2, &ns2, tgt2, &nt2, &pass2);
	s->unknown_ok = 0;
	if (*nsrc == 0 && ns2 > 0 && (nt2 > 0 || *ntgt == 0)) {
		if (nt2 > 0 && strncmp(src2[0].code, "---", 3) == 0 && strncmp(tgt2[0].code, "---", 3) == 0)
			return;  /* nobody known on either side */
		memcpy(src, src2, (size_t)ns2 * sizeof *src);
		memcpy(tgt, tgt2, (size_t)nt2 * sizeof *tgt);
		*nsrc = ns2;
		*ntgt = nt2;
		*passive = pass2;
	} else if (*nsrc > 0 && *ntgt == 0 && nt2 > 0) {
		memcpy(tgt, tgt2, (size_t)nt2 * sizeof *tgt);
		*ntgt = nt2;
	}
}

/* Emits code between the sources and targets given, for predicate p
 * (first: the first word of its pattern) under rule; self_ok lets a
 * source act on its own code (domestic_code: "Ghana lifted the curfew"
 * GHA>GHA). */
static int emit_coded(sent_ctx *s, int p, int first, const char *code, const char *rule, int mod,
                      const actor *src, int ns, const actor *tgt, int nt, int mutual, int self_ok)
{
	const ent_cameo_code *row;
	ent_event e;
	int i, j, rc;

	row = ent_dict_cameo(s->c->dict, code);
	memset(&e, 0, sizeof e);
	snprintf(e.code, sizeof e.code, "%s", code);
	snprintf(e.root, sizeof e.root, "%.2s", code);
	e.quad = row ? row->quad : 0;
	e.goldstein = row ? row->goldstein : 0;
	e.plover = row && row->plover ? row->plover : "";
	e.modality = mod;
	e.sent = s->sent_index;
	e.sentence = s->sent_span;
	e.date = event_date(s, p);
	e.predicate_text.start = s->tok[first < p ? first : p].start;
	e.predicate_text.end = s->tok[p].end;
	e.rule = rule;
	if (trace_on())
		fprintf(stderr, "trace:   code %s modality %s, %d sources, %d targets\n", code,
		        ent_modality_name(mod), ns, nt);
	if (ns == 0)
		return ENT_OK;
	if (nt > 0 && ns >= 2 && (mutual || reciprocal_code(s, p, code))) {
		/* a mutual act whose only targets are its own sources, named
		 * again in what it is about ("Israel and Lebanon renewed
		 * talks on an Israeli pullback from Lebanon"), is among them */
		int all_own = 1;

		for (j = 0; j < nt && all_own; j++) {
			int own = 0;

			for (i = 0; i < ns && !own; i++)
				own = same_root(src[i].code, tgt[j].code);
			all_own = own;
		}
		if (all_own)
			nt = 0;
	}
	/* Reciprocal: several sources and no target ("Pakistan and Russia
	 * held negotiations") give each pair both ways, for acts that are
	 * mutual by nature: agreeing, consulting, cooperating, signing,
	 * fighting. "X and Y condemned terrorism" is no mutual act. */
	if (nt == 0 && ns >= 2 && (mutual || reciprocal_code(s, p, code))) {
		int pushed = 0;

		for (i = 0; i < ns; i++)
			for (j = 0; j < ns; j++) {
				if (i == j || same_root(src[i].code, src[j].code))
					continue;
				e.source = src[i].code;
				e.target = src[j].code;
				e.source_text = src[i].span;
				e.target_text = src[j].span;
				if ((rc = push_event(s, &e)) != 0)
					return rc;
				pushed++;
			}
		if (pushed)
			return ENT_OK;
		/* sources of one country: the act without a target */
	}
	if (nt == 0 && !s->c->opts.allow_monadic)
		return ENT_OK;
	for (i = 0; i < ns; i++) {
		int pushed = 0;

		for (j = 0; j < (nt ? nt : 1); j++) {
			e.source = src[i].code;
			e.source_text = src[i].span;
			if (nt) {
				/* nobody acts on itself; nor an organisation on one
				 * of its own parts ("AU member states met" the AU) */
				if ((strcmp(src[i].code, tgt[j].code) == 0 && !self_ok) ||
				    (root_len(src[i].code) == 6 && same_root(src[i].code, tgt[j].code)))
					continue;
				e.target = tgt[j].code;
				e.target_text = tgt[j].span;
			} else {
				e.target = "";
				memset(&e.target_text, 0, sizeof e.target_text);
			}
			if ((rc = push_event(s, &e)) != 0)
				return rc;
			pushed++;
		}
		if (nt && !pushed && s->c->opts.allow_monadic) {
			/* its only target was itself ("Irish republicans attacked
			 * a police station in Belfast"): the act without one */
			e.source = src[i].code;
			e.source_text = src[i].span;
			e.target = "";
			memset(&e.target_text, 0, sizeof e.target_text);
			if ((rc = push_event(s, &e)) != 0)
				return rc;
		}
	}
	return ENT_OK;
}

/* Whether code is an act two parties do with each other by its nature:
 * meeting, consulting and negotiating (040, 041, 044, 046), cooperating
 * (06), restoring relations (050), signing (057). */
static int symmetric_code(const char *code)
{
	return strncmp(code, "040", 3) == 0 || strncmp(code, "041", 3) == 0 ||
	       strncmp(code, "044", 3) == 0 || strncmp(code, "046", 3) == 0 ||
	       strncmp(code, "06", 2) == 0 || strncmp(code, "050", 3) == 0 || strncmp(code, "057", 3) == 0;
}

/* Whether code is an act done within the source's own country when the
 * sentence names no other target: easing or imposing curbs on freedoms,
 * bans, curfews, martial law (081x, 132x, 172x), changes of leadership,
 * rights or institutions promised, granted or refused (034x, 083x, 123x;
 * not policy, which may be owed to another state), and protest (14x),
 * which news reports without its target mostly when it is against the
 * protesters' own government. */
static int domestic_code(const char *code)
{
	static const char *const codes[] = {
		"0811", "0812", "0813", "0814", "0831", "0833", "0834", "0341", "0343", "0344",
		"1231", "1233", "1234", "1321", "1322", "1323", "1324", "1721", "1722", "1723",
		"1724", NULL
	};
	int i;

	if (strncmp(code, "14", 2) == 0)
		return 1;
	for (i = 0; codes[i]; i++)
		if (strcmp(code, codes[i]) == 0)
			return 1;
	return 0;
}

/* The code of predicate p under pattern pat: the pattern's, or the
 * intent code for a future act (entente's patterns). */
static const char *event_code(const ent_pattern *pat, int mod)
{
	const char *code = pat->code;

	/* PETRARCH's dictionaries code a future act as the act itself (their
	 * own patterns say where intent is meant: "PROMISE", "PLEDGE") */
	if (code && mod == ENT_MOD_FUTURE && !(pat->flags & ENT_PAT_PETR) && intent_code(code))
		code = intent_code(code);
	return code;
}

/* Emits the events of predicate p with the chosen pattern. */
/* Whether an "attack" (a force code on attack, hit, blast, slam, lash
 * out) is words: by sources that bear no arms (media, parties,
 * legislators, courts, civilians, former officials, business) or by a
 * person on persons ("Biden attacked Trump for the tweet"). */
static int verbal_attack(const sent_ctx *s, int p, const char *code, const actor *src, int ns,
                         const actor *tgt, int nt)
{
	static const char *const verbs[] = {"attack", "hit", "blast", "slam", "lash", "savage", NULL};
	static const char *const unarmed[] = {
		"MED", "EDU", "PTY", "LEG", "JUD", "CVL", "ELI", "BUS", "HRI", "NGO", "LAB", NULL
	};
	int i, j, k, people = 1;

	if (ns == 0 || !(strncmp(code, "18", 2) == 0 || strncmp(code, "19", 2) == 0 ||
	                 strncmp(code, "20", 2) == 0) || !lemma_in(s, p, verbs))
		return 0;
	for (i = 0; i < ns; i++) {
		const char *c = src[i].code;
		size_t r = root_len(c);
		int none = 1;

		for (k = 0; unarmed[k] && none; k++)
			none = !(strlen(c) >= r + 3 && strncmp(c + r, unarmed[k], 3) == 0);
		if (none)
			break;
	}
	if (i == ns)
		return 1;
	for (i = 0; i < ns && people; i++)
		people = src[i].person == 1;
	for (j = 0; j < nt && people; j++)
		people = tgt[j].person == 1;
	return people && nt > 0;
}

static int emit_events(sent_ctx *s, int p, const ent_pattern *pat, const pmatch *pm,
                       int mod, int nounpred)
{
	actor src[MAX_CODES], tgt[MAX_CODES];
	int ns = 0, nt = 0, is_passive = 0, own = 0;
	const char *code;

	const char *rule;
	int rc;

	if (!pat->code && !pat->pair_code)
		return ENT_OK;
	event_parties(s, p, pat, pm, nounpred, src, &ns, tgt, &nt, &is_passive);
	rule = rule_id(s, pat);
	code = event_code(pat, mod);
	if (code && verbal_attack(s, p, code, src, ns, tgt, nt))
		code = "111";
	if (nt == 0 && code && !(pat->flags & ENT_PAT_PETR) && domestic_code(code)) {
		/* a government's acts on its own people: "a court lifted
		 * limits on teaching in the minority tongue", "refused to
		 * resign", "is prepared to impose martial law" */
		int i;

		for (i = 0; i < ns && nt < MAX_CODES; i++)
			if (root_len(src[i].code) == 3 && strncmp(src[i].code, "---", 3) != 0) {
				tgt[nt] = src[i];
				/* no words name it: the target text stays empty */
				tgt[nt].span.start = tgt[nt].span.end = 0;
				tgt[nt].code = ent_arena_strndup(s->arena, src[i].code, 3);
				if (tgt[nt].code)
					nt++;
			}
		own = nt > 0;
	}
	if (code && (rc = emit_coded(s, p, pm->first, code, rule, mod, src, ns, tgt, nt,
	                             (pat->flags & ENT_PAT_COMPOUND) != 0, own)) != 0)
		return rc;
	/* an act both sides do together ("telephoned X", "shares
	 * expertise with X") is done by the target with the source too */
	if (code && !pat->pair_code && !(pat->flags & ENT_PAT_PETR) && nt > 0 && ns > 0 && !own &&
	    symmetric_code(code) &&
	    (rc = emit_coded(s, p, pm->first, code, rule, mod, tgt, nt, src, ns, 0, 0)) != 0)
		return rc;
	/* a paired code ([032:033]: a visit, and receiving it) gives the
	 * event from the target back to the source too */
	if (pat->pair_code && nt > 0 && ns > 0)
		return emit_coded(s, p, pm->first, pat->pair_code, rule, mod, tgt, nt, src, ns, 0, 0);
	return ENT_OK;
}

/* Whether verb p's subject names two actors or more ("Gondor and
 * Osgiliath have delayed"). */
static int compound_subject(const sent_ctx *s, int p)
{
	actor tmp[MAX_CODES];
	int pass;

	return source_actors(s, subject_of(s, p, &pass), tmp, MAX_CODES) >= 2;
}

/* The best pattern of one verb match. */
typedef struct choice {
	const ent_pattern *best, *neg;
	pmatch bm, nm;
	int p, nounpred;
	int skip;             /* beaten, or reported by the act it frames */
	int frame, gov, self; /* framing_of() */
	int gov_target;       /* the X of the governing word's own pattern */
	int next_at;          /* the next choice with a pattern at the same token, or -1 */
	const char *framed;   /* the code under that frame, or NULL */
} choice;

/* Tries every pattern of verb match mi; fills c (c->best NULL when none
 * applies). bare is storage for a verb's default-code pattern. */
/* Whether PETRARCH patterns a and b say the same words ("- * &TREATY" with
 * two codes in one block): PETRARCH-2 files its patterns by their words,
 * so of such a pair the one listed later is the one it codes. */
static int same_petr_words(const ent_pattern *a, const ent_pattern *b)
{
	const char *ea, *eb;
	size_t na, nb;

	if (!(a->flags & ENT_PAT_PETR) || !(b->flags & ENT_PAT_PETR) || !a->text || !b->text ||
	    a->nelems != b->nelems || a->file != b->file || b->line < a->line)
		return 0;
	ea = strchr(a->text, '[');
	eb = strchr(b->text, '[');
	na = ea ? (size_t)(ea - a->text) : strlen(a->text);
	nb = eb ? (size_t)(eb - b->text) : strlen(b->text);
	while (na > 0 && a->text[na - 1] == ' ')
		na--;
	while (nb > 0 && b->text[nb - 1] == ' ')
		nb--;
	return na == nb && memcmp(a->text, b->text, na) == 0;
}

/* Whether t is the name of a month ("March", "May"), also in a document
 * without a date, where no time expression is read. */
static int month_name(const sent_ctx *s, int t)
{
	static const char *const months[] = {"march", "may", NULL};

	return (s->tok[t].flags & ENT_TOK_CAPITAL) && upos(s, t) == ENT_UPOS_PROPN && lemma_in(s, t, months);
}

static void choose_pattern(sent_ctx *s, size_t mi, choice *c, ent_pattern *bare,
                           ent_pattern_elem *bare_elem, frame *fr)
{
	const ent_dict_entry *e = match_entry(s, (int)mi);
	const uint32_t *pids;
	size_t np, k;

	memset(c, 0, sizeof *c);
	c->p = (int)s->m[mi].start + e->pred;
	if (c->p >= s->n || s->actor_m[c->p] >= 0)
		return;  /* "States" in "United States" is no verb */
	c->nounpred = upos(s, c->p) == ENT_UPOS_NOUN || upos(s, c->p) == ENT_UPOS_PROPN;
	if (c->nounpred && (timex_first(s, c->p) >= 0 || month_name(s, c->p)))
		return;  /* "on March 10" is no march */
	/* an adjective with a copula heads its clause in UD and is its
	 * predicate: "Japan is pessimistic about the talks" */
	if (!c->nounpred && upos(s, c->p) != ENT_UPOS_VERB && upos(s, c->p) != ENT_UPOS_AUX &&
	    !(upos(s, c->p) == ENT_UPOS_ADJ && child(s, c->p, D_COP) >= 0))
		return;
	pids = ent_dict_verb_patterns(s->c->dict, s->m[mi].entry, &np);
	if (np)
		build_frame(s, c->p, c->nounpred, fr);
	for (k = 0; k < np; k++) {
		const ent_pattern *pat = ent_dict_pattern_get(s->c->dict, pids[k]);
		int want_noun;
		pmatch r;

		if (!pat || pat->pred >= pat->nelems)
			continue;
		/* (a word it needs is in no token: try_pattern would fail) */
		if (!ent_dict_pattern_possible(s->dsent, pat))
			continue;
		want_noun = (pat->elems[pat->pred].flags & ENT_PE_NOUN) != 0;
		/* PETRARCH verbs are verbs: its nouns come after them */
		if ((pat->flags & ENT_PAT_PETR) ? c->nounpred : want_noun != c->nounpred)
			continue;
		/* TABARI's % before the verb: only a compound subject */
		if ((pat->flags & ENT_PAT_COMPOUND) && !compound_subject(s, c->p))
			continue;
		r = try_pattern(s, pat, c->p, fr);
		if (!r.ok)
			continue;
		if (pat->flags & (ENT_PAT_NEGATED | ENT_PAT_NULL)) {
			if (r.score > c->nm.score) {
				c->nm = r;
				c->neg = pat;
			}
		} else if (r.score > c->bm.score ||
		           (r.score == c->bm.score && c->best && same_petr_words(c->best, pat))) {
			c->bm = r;
			c->best = pat;
		}
	}
	if (!c->best && e->code && !c->neg && !c->nounpred) {
		/* a verb listed with a code but no pattern of its own (a
		 * PETRARCH verb under its block's default code) */
		memset(bare, 0, sizeof *bare);
		memset(bare_elem, 0, sizeof *bare_elem);
		bare_elem->kind = ENT_PE_PRED;
		bare->code = e->code;
		bare->pair_code = e->pair_code;
		bare->flags = ENT_PAT_BARE;
		{
			const ent_dict_file_info *fi = ent_dict_file(s->c->dict, e->file);

			if (fi && fi->format == ENT_DICT_FMT_PETR_VERBS)
				bare->flags |= ENT_PAT_PETR;
		}
		bare->nelems = 1;
		bare->elems = bare_elem;
		bare->file = e->file;
		bare->line = e->line;
		bare->text = e->name;
		c->bm.ok = 1;
		c->bm.score = 1;
		c->bm.target = c->bm.source = NO_TOKEN;
		c->bm.first = c->bm.last = c->p;
		c->best = bare;
	}
	if (c->best && c->neg && c->nm.score >= c->bm.score)
		c->best = NULL;  /* a negative pattern says it does not happen */
}

/* Whether code is itself a statement, appeal, intent, demand, rejection
 * or threat: an act that a governing word cannot frame again. */
static int framing_root(const char *code)
{
	return strncmp(code, "01", 2) == 0 || strncmp(code, "02", 2) == 0 ||
	       strncmp(code, "03", 2) == 0 || strncmp(code, "10", 2) == 0 ||
	       strncmp(code, "12", 2) == 0 || strncmp(code, "13", 2) == 0;
}

/* Whether reporting verb v attributes a clause rather than making a
 * statement of its own: it has a complement clause ("X said Y attacked
 * Z", "..., police said"). */
static int attribution(const sent_ctx *s, int v)
{
	int k;

	if (dep_is(s, v, D_PARATAXIS))
		return 1;
	/* "X asked Y for support, the White House said", the reporting
	 * verb read as conjoined or as a loose dependent */
	if ((dep_is(s, v, D_CONJ) || dep_is(s, v, D_DEP)) && s->head[v] >= 0 && s->head[v] < v &&
	    upos(s, s->head[v]) == ENT_UPOS_VERB && child(s, v, D_OBJ) < 0 && child(s, v, D_CC) < 0)
		return 1;
	for (k = s->first_child[v]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, D_CCOMP) || dep_is(s, k, D_PARATAXIS))
			return 1;
	/* "..., police said" however the parser hung it: after a comma,
	 * its subject first, hung from a word before it */
	k = child(s, v, D_NSUBJ);
	if (k >= 0 && s->head[v] >= 0 && s->head[v] < v && child(s, v, D_OBJ) < 0) {
		int first = k;

		while (first > 0 && upos(s, first - 1) != ENT_UPOS_PUNCT && in_subtree(s, first - 1, k))
			first--;
		if (first > 0 && s->tok[first - 1].end - s->tok[first - 1].start == 1 &&
		    s->text[s->tok[first - 1].start] == ',')
			return 1;
	}
	return 0;
}

/* Whether verb v makes the noun it takes as object ("issued a call",
 * "stepped up pressure"), rather than answering it ("rejected a plan"). */
static int makes_noun(const sent_ctx *s, int v)
{
	static const char *const makers[] = {
		"make", "issue", "increase", "step", "renew", "repeat", "reiterate", "send", "deliver",
		"announce", "put", "launch", "apply", "exert", "mount", "intensify", "voice", "present",
		"unveil", "submit", "extend", "publish", "draw", "lay", NULL
	};

	return upos(s, v) == ENT_UPOS_VERB && lemma_in(s, v, makers);
}

/* Who says or does what word g (a verb or a noun) says: a verb's subject;
 * a noun's possessor ("Moscow's pressure"), its "from" or "by" phrase
 * ("an appeal from the president"), or the subject of a verb that makes
 * it ("Russia stepped up pressure", "issued a call"), not of one that
 * answers it ("rebels rejected an appeal to lay down arms"). */
static int nominal_owner(const sent_ctx *s, int g, int *pass)
{
	int k, v = s->head[g];

	*pass = 0;
	if (upos(s, g) != ENT_UPOS_NOUN)
		return subject_of(s, g, pass);
	if ((k = child(s, g, D_NMOD_POSS)) >= 0)
		return k;
	for (k = s->first_child[g]; k >= 0; k = s->next_sibling[k])
		if (dep_is(s, k, D_NMOD) && case_of(s, k) >= 0 &&
		    (lemma_is(s, case_of(s, k), "from") || lemma_is(s, case_of(s, k), "by")))
			return k;
	if (dep_is(s, g, D_OBJ) && v >= 0 && makes_noun(s, v))
		return subject_of(s, v, pass);
	return -1;
}

/* Emits the events of a framed act (choice c with c->framed): its
 * pattern with the framed code, at the modality of the governing word.
 * A demand or appeal is the governing subject's, made on the complement's
 * subject ("demanded that the US cancel"), else on the governing word's
 * object or addressee ("urged Iran to", "appealed to the UN to"). */
static int emit_framed(sent_ctx *s, const choice *c)
{
	ent_pattern pat = *c->best;
	pmatch pm = c->bm;
	int mod = c->self ? ENT_MOD_ASSERTED : modality_of(s, c->gov, NULL, 0);

	if (!c->self && mod < 0)
		return ENT_OK;  /* "did not threaten to", "refused to agree to" */
	if (mod == ENT_MOD_FUTURE)
		mod = ENT_MOD_ASSERTED;  /* an intent, said now */
	pat.code = c->framed;
	pat.pair_code = NULL;
	/* an intent to do together what is done together: "agreed that
	 * their countries should cooperate" both ways */
	if (c->frame == FRAME_INTENT && reciprocal_code(s, c->p, c->best->code))
		pat.flags |= ENT_PAT_COMPOUND;
	if (c->frame == FRAME_DEMAND || c->frame == FRAME_APPEAL) {
		int pass, subj = nominal_owner(s, c->gov, &pass), v = c->p, addressee = NO_TOKEN, k, top;

		if (upos(s, v) != ENT_UPOS_VERB && s->head[v] >= 0)
			v = s->head[v];
		top = dep_is(s, v, D_CONJ) && s->head[v] >= 0 ? s->head[v] : v;
		if (dep_is(s, top, D_CCOMP) || (dep_is(s, top, D_ACL) && upos(s, c->gov) == ENT_UPOS_NOUN))
			addressee = child(s, v, D_NSUBJ) >= 0 ? child(s, v, D_NSUBJ) : child(s, top, D_NSUBJ);
		if (addressee < 0)
			addressee = c->gov_target;  /* "called on X" */
		if (addressee < 0)
			addressee = child(s, c->gov, D_OBJ);
		if (addressee < 0)
			addressee = child(s, c->gov, D_IOBJ);
		for (k = s->first_child[c->gov]; k >= 0 && addressee < 0; k = s->next_sibling[k]) {
			int cs = case_of(s, k);

			if ((dep_is(s, k, D_OBL) || (dep_is(s, k, D_NMOD) && upos(s, c->gov) == ENT_UPOS_NOUN)) &&
			    cs >= 0 &&
			    (lemma_is(s, cs, "to") || lemma_is(s, cs, "on") || lemma_is(s, cs, "upon") ||
			     lemma_is(s, cs, "for") || lemma_is(s, cs, "with")))
				addressee = k;
		}
		if (subj >= 0 && !pass) {
			/* made on the addressee, also one that names no actor
			 * ("urging the counterpart to sign the pact": not on
			 * the pact's parties) */
			pm.source = subj;
			if (addressee >= 0)
				pm.target = addressee;
		}
	}
	if (c->frame == FRAME_INTENT && !c->self && pm.source < 0 && upos(s, c->gov) == ENT_UPOS_VERB) {
		/* an intent whose clause names no actor of its own is the
		 * governing subject's: "Hungarian and Romanian officials agreed
		 * that their countries should cooperate" */
		int pass, v = c->p, own, gs;
		actor tmp[2];

		if (upos(s, v) != ENT_UPOS_VERB && s->head[v] >= 0)
			v = s->head[v];
		own = subject_of(s, v, &pass);
		if ((own < 0 || actors_of(s, own, tmp, 2) == 0) &&
		    (gs = subject_of(s, c->gov, &pass)) >= 0 && !pass)
			pm.source = gs;
	}
	return emit_events(s, c->p, &pat, &pm, mod, c->nounpred);
}

/* Whether the noun predicate of choice ch[mi] lies inside the object or
 * prepositional phrase of another predicate that codes an event other
 * than a statement: up its head chain through noun-phrase relations,
 * objects and obliques. When the noun's pattern takes in that predicate
 * and scores higher, the other predicate is the one left out. */
static int inside_coded_object(const sent_ctx *s, choice *ch, const int *at, size_t mi)
{
	int t = ch[mi].p, guard = 0, mj;

	while (guard++ < 6 && s->head[t] >= 0 &&
	       (dep_is(s, t, D_OBJ) || dep_is(s, t, D_OBL) || dep_is(s, t, D_NMOD) ||
	        dep_is(s, t, D_COMPOUND) || dep_is(s, t, D_APPOS) || dep_is(s, t, D_NSUBJ_PASS) ||
	        (dep_is(s, t, D_CONJ) && upos(s, t) != ENT_UPOS_VERB) ||
	        (dep_is(s, t, D_ACL) && upos(s, t) == ENT_UPOS_VERB))) {
		int on;

		t = s->head[t];
		/* a verb without a pattern of its own may be the light verb of
		 * its object's ("issued arrest ~warrants for two men") */
		on = at[t] < 0 && upos(s, t) == ENT_UPOS_VERB && child(s, t, D_OBJ) >= 0 &&
		     child(s, t, D_OBJ) != ch[mi].p ? child(s, t, D_OBJ) : t;
		for (mj = at[on]; mj >= 0; mj = ch[mj].next_at) {
			choice *o = &ch[mj];

			if (on != t && ch[mj].bm.first > t)
				continue;
			if ((size_t)mj == mi || o->skip || !o->best->code ||
			    strncmp(o->framed ? o->framed : o->best->code, "01", 2) == 0)
				continue;
			/* a noun pattern that takes in the verb ("reject
			 * ~request to interrogate", "withdraw aid ~workers")
			 * is the more precise reading */
			if (ch[mi].bm.first <= t && t <= ch[mi].bm.last && ch[mi].bm.score > o->bm.score) {
				o->skip = 1;
				return 0;
			}
			return 1;
		}
		/* through a participle that modifies a noun ("warrants for
		 * two men sought in the slaying of"), not through a clause */
		if (upos(s, t) == ENT_UPOS_VERB && !(dep_is(s, t, D_ACL) && s->head[t] >= 0 &&
		                                     (upos(s, s->head[t]) == ENT_UPOS_NOUN ||
		                                      upos(s, s->head[t]) == ENT_UPOS_PROPN) &&
		                                     child(s, t, D_NSUBJ) < 0 && child(s, t, D_MARK) < 0))
			break;
	}
	return 0;
}

/* The word of judgement whose grounds verb p gives, or -1: "accused the
 * rebels of violating a ceasefire", "praised Oman for mediating". The
 * codebook codes the accusation or the praise, not its grounds. */
static int grounds_of(const sent_ctx *s, int p)
{
	static const char *const judge[] = {
		"accuse", "charge", "blame", "suspect", "condemn", "criticize", "criticise",
		"denounce", "fault", "praise", "commend", "thank", "congratulate", "punish",
		"sanction", "convict", "indict", "fine", "apologize", "apologise", "forgive", NULL
	};
	int t = p, h, guard = 0, k, marked;

	while (guard++ < 4 && s->head[t] >= 0 && dep_is(s, t, D_CONJ) &&
	       upos(s, s->head[t]) == ENT_UPOS_VERB)
		t = s->head[t];
	if (!(dep_is(s, t, D_ACL) || dep_is(s, t, D_ADVCL)) || s->head[t] < 0)
		return -1;
	h = s->head[t];
	marked = child_lemma(s, t, D_MARK, "of") || child_lemma(s, t, D_MARK, "for");
	/* the parser may hang "for" on the gerund's subject instead:
	 * "apologized for one of its gunboats intercepting a ship" */
	for (k = s->first_child[h]; k >= 0 && !marked && dep_is(s, t, D_ADVCL); k = s->next_sibling[k])
		marked = k < t && dep_is(s, k, D_OBL) && case_of(s, k) >= 0 &&
		         (lemma_is(s, case_of(s, k), "for") || lemma_is(s, case_of(s, k), "of")) &&
		         child(s, t, D_NSUBJ) < 0 && child(s, t, D_MARK) < 0;
	if (!marked)
		return -1;
	if (upos(s, h) != ENT_UPOS_VERB && dep_is(s, h, D_OBJ) && s->head[h] >= 0)
		h = s->head[h];
	return lemma_in(s, h, judge) ? h : -1;
}

/* Whether verb p is the content of a noun of intent, request or speech,
 * not an act done (1): the infinitive of "an offer to host a summit", "the
 * plan to withdraw", "a request to interrogate" ("the first delegation to
 * visit" reports an act); or of a noun of attempt (2): "made efforts to
 * enhance relations", an act under way, reported hedged. */
static int content_of_noun(const sent_ctx *s, int p)
{
	static const char *const content_nouns[] = {
		"offer", "plan", "proposal", "request", "call", "demand", "appeal",
		"decision", "threat", "promise", "pledge", "intention",
		"readiness", "willingness", "refusal", "invitation", "order", "plea", "ultimatum",
		"initiative", "pressure", "right", "permission", NULL
	};
	/* an attempt is made: its act is reported, though not as done */
	static const char *const attempt_nouns[] = {
		"attempt", "effort", "bid", "push", "campaign", "move", "drive", NULL
	};
	int t = p, guard = 0, n;

	while (guard++ < 4 && s->head[t] >= 0 &&
	       (dep_is(s, t, D_XCOMP) || (dep_is(s, t, D_CONJ) && upos(s, s->head[t]) == ENT_UPOS_VERB) ||
	        (dep_is(s, t, D_ADVCL) && child_lemma(s, t, D_MARK, "to"))))
		t = s->head[t];  /* "an offer to host a summit to hammer out" */
	if (!dep_is(s, t, D_ACL) || !child_lemma(s, t, D_MARK, "to") || s->head[t] < 0)
		return 0;
	n = s->head[t];
	if (upos(s, n) != ENT_UPOS_NOUN)
		return 0;
	if (lemma_in(s, n, content_nouns))
		return 1;
	return lemma_in(s, n, attempt_nouns) ? 2 : 0;
}

/* ------------------------------------------------------------------ */
/* PETRARCH-2 verb transformations                                     */

/* Whether predicate t (of verb entry e, coded code when not NULL) is the
 * verb a transformation names: the word itself, or a verb with the same
 * code ("the verbs in the patterns are converted to codes, so synonyms
 * also match"). */
static int transform_verb_is(const sent_ctx *s, int t, const ent_dict_entry *e, const char *word,
                             const char *wcode, const char *code)
{
	if (lemma_is(s, t, word))
		return 1;
	return wcode && ((e->code && strcmp(e->code, wcode) == 0) || (code && strcmp(code, wcode) == 0));
}

/* A transformation's variables bound to actors: by letter. */
typedef struct tf_binding {
	const actor *a[26];
	int n[26];
} tf_binding;

/* Whether two groups of actors share one ("Obama and Putin said they"). */
static int tf_overlap(const actor *a, int na, const actor *b, int nb)
{
	int i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (same_root(a[i].code, b[j].code))
				return 1;
	return 0;
}

/* Binds variable v to the n actors at a (present: the verb has such an
 * actor of its own). '.' takes anything, '_' only no actor; a letter
 * needs an actor, the same one as before if bound, and a different one
 * from every other letter's. */
static int tf_bind(tf_binding *b, char v, const actor *a, int n, int present)
{
	int k;

	if (v == '.')
		return 1;
	if (v == '_')
		return !present;
	if (v < 'a' || v > 'z' || !present || n == 0)
		return 0;
	if (b->a[v - 'a'])
		return tf_overlap(b->a[v - 'a'], b->n[v - 'a'], a, n);
	for (k = 0; k < 26; k++)
		if (b->a[k] && tf_overlap(b->a[k], b->n[k], a, n))
			return 0;
	b->a[v - 'a'] = a;
	b->n[v - 'a'] = n;
	return 1;
}

/* Applies the dictionary's transformations: a predicate whose clause
 * complement ("said that Y attacked", "wants Y to attack", "wants to
 * attack") is another coded predicate, both matching a transformation,
 * gives the transformation's event, and neither gives its own (consumed
 * marks both). The first transformation that fits wins. */
static int apply_transforms(sent_ctx *s, const choice *ch, uint8_t *consumed)
{
	const ent_dict *d = s->c->dict;
	size_t ntf = ent_dict_ntransforms(d), mi, mj, k;
	int rc;

	for (mj = 0; mj < s->nm; mj++) {
		const choice *lo = &ch[mj];
		actor usrc[MAX_CODES], lsrc[MAX_CODES], ltgt[MAX_CODES];
		int pl = lo->p, pu, uns, lns, lnt, lpass, upass, own, ls, umod;
		const char *lcode;

		if (!lo->best || !lo->best->code || consumed[mj] || lo->nounpred || pl < 0 || pl >= s->n ||
		    s->head[pl] < 0 || !(dep_is(s, pl, D_CCOMP) || dep_is(s, pl, D_XCOMP)))
			continue;
		pu = s->head[pl];
		for (mi = 0; mi < s->nm; mi++)
			if (mi != mj && s->m[mi].kind == ENT_DICT_VERB && !(s->m[mi].flags & ENT_MATCH_INNER) &&
			    ch[mi].p == pu && !ch[mi].nounpred && !consumed[mi])
				break;
		if (mi == s->nm || modality_of(s, pl, lo->best, lo->bm.spells_neg) < 0)
			continue;
		umod = modality_of(s, pu, ch[mi].best, ch[mi].best ? ch[mi].bm.spells_neg : 0);
		if (umod < 0)
			continue;
		event_parties(s, pl, lo->best, &lo->bm, 0, lsrc, &lns, ltgt, &lnt, &lpass);
		lcode = event_code(lo->best, ENT_MOD_ASSERTED);
		/* the governed verb's own source: its subject, the object of
		 * the governing verb before an infinitive ("wants Putin to
		 * attack"), a passive's agent; none under control ("wants to
		 * attack": the governing verb's source acts) */
		ls = child(s, pl, D_NSUBJ);
		if (ls < 0 && dep_is(s, pl, D_XCOMP))
			ls = child(s, pu, D_OBJ);
		own = 0;
		if (ls >= 0) {
			lns = source_actors(s, ls, lsrc, MAX_CODES);
			own = 1;
		} else if (lpass) {
			own = lns > 0;
		}
		uns = source_actors(s, subject_of(s, pu, &upass), usrc, MAX_CODES);
		for (k = 0; k < ntf; k++) {
			const ent_transform *t = ent_dict_transform_get(d, k);
			const ent_dict_entry *ue = match_entry(s, (int)mi), *le = match_entry(s, (int)mj);
			const actor *osrc, *otgt;
			int ons, ont;
			tf_binding b;
			char buf[512];
			const ent_dict_file_info *f;

			if (!transform_verb_is(s, pu, ue, t->upper_verb, t->upper_code,
			                       ch[mi].best ? ch[mi].best->code : NULL) ||
			    (t->lower_verb && !transform_verb_is(s, pl, le, t->lower_verb, t->lower_code, lcode)))
				continue;
			memset(&b, 0, sizeof b);
			if (!tf_bind(&b, t->upper_src, usrc, uns, uns > 0))
				continue;
			if (own ? !tf_bind(&b, t->lower_src, lsrc, lns, lns > 0)
			        : !(t->lower_src == '.' || t->lower_src == '_' || t->lower_src == t->upper_src))
				continue;  /* under control the source is the governing verb's */
			if (!tf_bind(&b, t->lower_tgt, ltgt, lnt, lnt > 0))
				continue;
			if ((t->out_src >= 'a' && t->out_src <= 'z' && !b.a[t->out_src - 'a']) ||
			    (t->out_tgt >= 'a' && t->out_tgt <= 'z' && !b.a[t->out_tgt - 'a']))
				continue;
			osrc = t->out_src >= 'a' && t->out_src <= 'z' ? b.a[t->out_src - 'a'] : NULL;
			ons = osrc ? b.n[t->out_src - 'a'] : 0;
			otgt = t->out_tgt >= 'a' && t->out_tgt <= 'z' ? b.a[t->out_tgt - 'a'] : NULL;
			ont = otgt ? b.n[t->out_tgt - 'a'] : 0;
			consumed[mi] = consumed[mj] = 1;
			/* the verbs conjoined with the governed one are part
			 * of what is claimed ("claimed that X had attacked Iraq
			 * and taken Mosul") */
			{
				size_t mc;

				for (mc = 0; mc < s->nm; mc++)
					if (ch[mc].best && !ch[mc].nounpred && ch[mc].p >= 0 && ch[mc].p < s->n &&
					    s->head[ch[mc].p] == pl && dep_is(s, ch[mc].p, D_CONJ))
						consumed[mc] = 1;
			}
			f = ent_dict_file(d, t->file);
			snprintf(buf, sizeof buf, "%s:%u %s", f ? f->path : "?", t->line, t->text);
			if (trace_on())
				fprintf(stderr, "trace: transformation %s\n", buf);
			if ((rc = emit_coded(s, pu, pu < pl ? pu : pl, t->code ? t->code : lcode,
			                     ent_arena_strndup(s->arena, buf, strlen(buf)), umod,
			                     osrc, ons, otgt, ont, 0, 0)) != 0)
				return rc;
			break;
		}
	}
	return ENT_OK;
}

/* Of two verb entries on one word that score the same, whether match a
 * comes first: the one listed under the word's own form ("left" as LEFT)
 * before one reached through its lemma ("left" as LEAVE), else the first
 * listed. */
static int same_word_first(const sent_ctx *s, size_t a, size_t b)
{
	int la = (s->m[a].flags & ENT_MATCH_LEMMA) != 0, lb = (s->m[b].flags & ENT_MATCH_LEMMA) != 0;

	return la != lb ? !la : a < b;
}

/* PETRARCH's combinations (dictionaries.rst): a verb coded as a bare
 * intent (030: "wants", "pledged", "promised") that governs an infinitive
 * coded as an act the codebook has an intent for gives that intent,
 * between its source and the act's target: "wants to help Israel" 033,
 * "pledged to visit" 036. Both verbs are consumed. */
static int combine_intent(sent_ctx *s, const choice *ch, uint8_t *consumed)
{
	size_t mi, mj;
	int rc;

	for (mj = 0; mj < s->nm; mj++) {
		const choice *lo = &ch[mj];
		actor src[MAX_CODES], tgt[MAX_CODES], lsrc[MAX_CODES];
		int pl = lo->p, pu, ns, nt, lns, lpass, pass, umod;
		const char *code;

		if (!lo->best || !lo->best->code || consumed[mj] || lo->nounpred || pl < 0 || pl >= s->n ||
		    !(lo->best->flags & ENT_PAT_PETR) || s->head[pl] < 0 || !dep_is(s, pl, D_XCOMP) ||
		    !(code = intent_code(lo->best->code)))
			continue;
		pu = s->head[pl];
		for (mi = 0; mi < s->nm; mi++)
			if (mi != mj && ch[mi].best && ch[mi].p == pu && !consumed[mi] && ch[mi].best->code &&
			    strcmp(ch[mi].best->code, "030") == 0)
				break;
		if (mi == s->nm || modality_of(s, pl, lo->best, lo->bm.spells_neg) < 0)
			continue;
		umod = modality_of(s, pu, ch[mi].best, ch[mi].bm.spells_neg);
		if (umod < 0)
			continue;
		event_parties(s, pl, lo->best, &lo->bm, 0, lsrc, &lns, tgt, &nt, &lpass);
		ns = source_actors(s, subject_of(s, pu, &pass), src, MAX_CODES);
		consumed[mi] = consumed[mj] = 1;
		if ((rc = emit_coded(s, pu, pu, code, rule_id(s, lo->best), umod, src, ns, tgt, nt, 0, 0)) != 0)
			return rc;
	}
	return ENT_OK;
}

/* Codes every predicate of the sentence: for each predicate token, the
 * best pattern over all the verb entries that matched it. */
static int code_predicates(sent_ctx *s)
{
	size_t mi, mj;
	int rc, k, *at;
	choice *ch;
	ent_pattern *bare;
	ent_pattern_elem *bare_elem;
	frame *fr;
	uint8_t *consumed;

	if (s->nm == 0)
		return ENT_OK;
	ch = ent_arena_calloc(s->arena, s->nm, sizeof *ch);
	at = ent_arena_alloc(s->arena, (size_t)s->n * sizeof *at);
	consumed = ent_arena_calloc(s->arena, s->nm, 1);
	bare = ent_arena_calloc(s->arena, s->nm, sizeof *bare);
	bare_elem = ent_arena_calloc(s->arena, s->nm, sizeof *bare_elem);
	fr = ent_arena_alloc(s->arena, sizeof *fr);
	if (!ch || !consumed || !bare || !bare_elem || !fr || !at)
		return ENT_ENOMEM;
	for (mi = 0; mi < s->nm; mi++) {
		if (s->m[mi].kind != ENT_DICT_VERB || (s->m[mi].flags & ENT_MATCH_INNER))
			continue;
		choose_pattern(s, mi, &ch[mi], &bare[mi], &bare_elem[mi], fr);
		if (trace_on() && ch[mi].p < s->n)
			fprintf(stderr, "trace: predicate '%.*s' (%s): %s%s%s score %d target %d source %d\n",
			        (int)(s->tok[ch[mi].p].end - s->tok[ch[mi].p].start),
			        s->text + s->tok[ch[mi].p].start, ch[mi].nounpred ? "noun" : "verb",
			        ch[mi].best ? ch[mi].best->code : "no pattern", ch[mi].best ? " " : "",
			        ch[mi].best && ch[mi].best->text ? ch[mi].best->text : "", ch[mi].bm.score,
			        ch[mi].bm.target, ch[mi].bm.source);
	}
	if (ent_dict_ntransforms(s->c->dict) > 0 && (rc = apply_transforms(s, ch, consumed)) != 0)
		return rc;
	if ((rc = combine_intent(s, ch, consumed)) != 0)
		return rc;
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];
		int beaten = 0;

		if (!c->best)
			continue;
		if (consumed[mi]) {
			c->skip = 1;  /* coded by a transformation or combination */
			continue;
		}
		/* another verb entry on the same predicate with a better
		 * pattern wins, and so does a predicate whose pattern covers
		 * ours while ours covers it ("blocked a road": the verb and
		 * the noun pattern "block ~road"); ties go to the verb, then
		 * to the first entry */
		for (mj = 0; mj < s->nm && !beaten; mj++) {
			const choice *o = &ch[mj];

			if (mj == mi || !o->best)
				continue;
			/* a governing verb whose pattern runs through ours
			 * says it already: "agreed to provide aid" is 0331,
			 * not also 071; "considering giving money" 014 */
			if (o->p != c->p && o->bm.score > c->bm.score && o->bm.first <= c->p &&
			    c->p <= o->bm.last && c->bm.first >= o->bm.first && in_subtree(s, c->p, o->p)) {
				beaten = 1;
				break;
			}
			if (o->p != c->p && !(o->p >= c->bm.first && o->p <= c->bm.last &&
			                      c->p >= o->bm.first && c->p <= o->bm.last))
				continue;
			if (o->bm.score > c->bm.score ||
			    (o->bm.score == c->bm.score &&
			     (o->p == c->p ? same_word_first(s, mj, mi)
			                   : (c->nounpred && !o->nounpred) ||
			                     (c->nounpred == o->nounpred && mj < mi))))
				beaten = 1;
		}
		c->skip = beaten;
	}
	/* the choices with a pattern at each token (at[], ch[].next_at) */
	for (k = 0; k < s->n; k++)
		at[k] = -1;
	for (k = (int)s->nm - 1; k >= 0; k--)
		if (ch[k].best && ch[k].p < s->n) {
			ch[k].next_at = at[ch[k].p];
			at[ch[k].p] = k;
		}
	/* An act framed by a governing word ("threatened to shell", "agreed
	 * to provide aid", "urged Iran to release") is reported as the
	 * framing act: the intent, threat, demand, appeal or refusal the
	 * codebook pairs with it, which replaces the governing word's own,
	 * vaguer event (130, 030, 020). Without such a code only an intent
	 * leaves the act (future or hedged); under the other frames the act
	 * is not reported. PETRARCH's dictionaries say this in their own
	 * patterns. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];

		if (!c->best || c->skip || !c->best->code)
			continue;
		if (c->best->flags & ENT_PAT_PETR) {
			/* PETRARCH codes an act asked for, demanded, threatened
			 * or refused ("asking X to help Y") through the
			 * governing verb's own pattern, not as an act of its
			 * own */
			int f = framing_of(s, c->p, c->bm.first, &c->gov, &c->self);

			if (f != FRAME_NONE && f != FRAME_INTENT && !c->self && c->gov != c->p)
				for (k = at[c->gov]; k >= 0 && !c->skip; k = ch[k].next_at)
					c->skip = (size_t)k != mi && ch[k].best->code && !ch[k].skip;
			continue;
		}
		c->frame = framing_of(s, c->p, c->bm.first, &c->gov, &c->self);
		/* a pattern that takes in the governing word, or codes a
		 * framing act already ("reject ~request to", "pledge to
		 * allow"), has said it */
		if (c->frame != FRAME_NONE && !c->self &&
		    ((c->gov >= c->bm.first && c->gov <= c->bm.last) || framing_root(c->best->code)))
			c->frame = FRAME_NONE;
		if (c->frame == FRAME_NONE)
			continue;
		c->framed = framed_code(c->best->code, c->frame);
		c->gov_target = NO_TOKEN;
		for (k = at[c->gov]; k >= 0; k = ch[k].next_at)
			if ((size_t)k != mi && ch[k].bm.target >= 0)
				c->gov_target = ch[k].bm.target;
		if (!c->framed) {
			/* no paired code: the governing word's own event
			 * reports it; without one the act stands */
			if (c->frame != FRAME_INTENT)
				for (k = at[c->gov]; k >= 0 && !c->skip; k = ch[k].next_at)
					c->skip = (size_t)k != mi && ch[k].best->code;
			continue;
		}
		/* the governing word's own event, unless its pattern runs
		 * into the act ("agree to allow humanitarian access") */
		for (k = at[c->gov]; k >= 0 && !c->self; k = ch[k].next_at)
			if ((size_t)k != mi && ch[k].bm.last < c->bm.first)
				ch[k].skip = 1;
		/* a verb's pattern that takes in a governing noun: one that
		 * makes it is said by the framed act ("issue call for" on
		 * "issued a call for Iraq to release"); one that answers it
		 * says all ("rejected an Egyptian plan to send troops") */
		if (!c->self && upos(s, c->gov) == ENT_UPOS_NOUN && s->head[c->gov] >= 0)
			for (k = at[s->head[c->gov]]; k >= 0 && !c->skip; k = ch[k].next_at)
				if ((size_t)k != mi && ch[k].best && ch[k].best->code &&
				    ch[k].bm.first <= c->gov && c->gov <= ch[k].bm.last && ch[k].bm.last < c->bm.first) {
					if (makes_noun(s, s->head[c->gov]))
						ch[k].skip = 1;
					else
						c->skip = 1;
				}
	}
	/* A purpose infinitive of the same kind as its verb is that act
	 * again ("will meet in Zurich to discuss trade", "gathered to
	 * protest"): one event. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];
		int h = s->head[c->p];

		if (!c->best || c->skip || !c->best->code || c->nounpred || h < 0 ||
		    !dep_is(s, c->p, D_ADVCL) || !child_lemma(s, c->p, D_MARK, "to"))
			continue;
		for (k = at[h]; k >= 0 && !c->skip; k = ch[k].next_at)
			c->skip = (size_t)k != mi && !ch[k].skip && ch[k].best->code &&
			          strncmp(ch[k].best->code, c->best->code, 2) == 0;
	}
	/* The condition of a coded act ("will boycott the elections unless
	 * the president agrees to step down", "would meet him if he gave
	 * them a veto") is what the act is conditioned on, not an event. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];
		int t = c->p, guard = 0, h;

		if (!c->best || c->skip || !c->best->code || t < 0 || t >= s->n)
			continue;
		if (c->nounpred && s->head[t] >= 0)
			t = s->head[t];
		while (guard++ < 4 && s->head[t] >= 0 &&
		       (dep_is(s, t, D_XCOMP) || dep_is(s, t, D_CONJ) || dep_is(s, t, D_OBJ)))
			t = s->head[t];
		if (!(dep_is(s, t, D_ADVCL) || dep_is(s, t, D_CCOMP)) || (h = s->head[t]) < 0 ||
		    !(child_lemma(s, t, D_MARK, "if") || child_lemma(s, t, D_MARK, "unless")))
			continue;
		/* a predicate at the governing verb, or a pattern starting
		 * there ("will close its border ... unless") */
		for (mj = 0; mj < s->nm && !c->skip; mj++)
			c->skip = mj != mi && ch[mj].best && !ch[mj].skip && ch[mj].best->code &&
			          (ch[mj].p == h || ch[mj].bm.first == h ||
			           /* an act framed by it: "threatened to
			            * launch an offensive unless" */
			           (ch[mj].framed && ch[mj].gov == h));
	}
	/* An eventive noun (or a gerund with no subject) in a "following",
	 * "after", "before", "since", "amid" or "during" phrase names the
	 * circumstance of the sentence's act, not an act it reports:
	 * "offered talks following the invasion of X", "warned against
	 * travel after the mall shooting". Found by word order, as the
	 * parser often hangs such a phrase from the wrong word. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];
		int t, left, any = 0;

		if (!c->best || c->skip || !c->best->code || c->p < 0 || c->p >= s->n)
			continue;
		if (!c->nounpred && !(upos(s, c->p) == ENT_UPOS_VERB && xpos_is(s, c->p, "VBG") &&
		                      child(s, c->p, D_NSUBJ) < 0 && child(s, c->p, D_AUX) < 0))
			continue;
		if (c->bm.first < c->p)
			continue;  /* a pattern from a word before it: "hold talks" */
		for (left = c->p - 1; left >= 0 && left >= c->p - 6; left--) {
			int u = upos(s, left);

			if (!(u == ENT_UPOS_DET || u == ENT_UPOS_ADJ || u == ENT_UPOS_NUM ||
			      u == ENT_UPOS_PROPN || (u == ENT_UPOS_NOUN && s->head[left] > left) ||
			      (u == ENT_UPOS_PRON && dep_is(s, left, D_NMOD_POSS)) ||
			      (u == ENT_UPOS_PART && xpos_is(s, left, "POS")) ||
			      (u == ENT_UPOS_PUNCT && s->head[left] > left)))
				break;
		}
		if (left < 0 || !(lemma_is(s, left, "following") || lemma_is(s, left, "follow") ||
		                  lemma_is(s, left, "after") || lemma_is(s, left, "before") ||
		                  lemma_is(s, left, "since") || lemma_is(s, left, "amid") ||
		                  lemma_is(s, left, "amidst") || lemma_is(s, left, "during")))
			continue;
		if (lemma_is(s, left, "follow") && !xpos_is(s, left, "VBG"))
			continue;
		/* the act it is the circumstance of */
		for (t = 0; t < (int)s->nm && !any; t++)
			any = t != (int)mi && ch[t].best && !ch[t].skip && ch[t].best->code && ch[t].p != c->p &&
			      !(ch[t].p > left && ch[t].p < c->p);
		if (any)
			c->skip = 1;
	}
	/* The content of a claim demanded, asked for, rejected, threatened
	 * or denied ("demanded an admission that X murdered Y", "rejected
	 * claims that X attacked Y") is not asserted: not an event. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];
		int n, v, w;

		if (!c->best || c->skip || !c->best->code || c->p < 0 || c->p >= s->n)
			continue;
		/* the clause's verb: a noun's pattern starts at it */
		w = c->p;
		if (c->nounpred)
			w = c->bm.first < c->p && upos(s, c->bm.first) == ENT_UPOS_VERB ? c->bm.first : s->head[c->p];
		if (w < 0 || !child_lemma(s, w, D_MARK, "that"))
			continue;
		if (dep_is(s, w, D_ACL) && (n = s->head[w]) >= 0 && (v = s->head[n]) >= 0 &&
		    (dep_is(s, n, D_OBJ) || dep_is(s, n, D_OBL)))
			;  /* "an admission that ..." */
		else if (dep_is(s, w, D_CCOMP) && (v = s->head[w]) >= 0 && (n = child(s, v, D_OBJ)) >= 0 &&
		         n < w)
			;  /* "rejected claims that ...", the clause hung on the verb */
		else
			continue;
		for (mj = 0; mj < s->nm && !c->skip; mj++) {
			const char *oc = ch[mj].best ? ch[mj].best->code : NULL;

			c->skip = mj != mi && oc && !ch[mj].skip && (ch[mj].p == v || ch[mj].p == n) &&
			          (strncmp(oc, "02", 2) == 0 || strncmp(oc, "10", 2) == 0 ||
			           strncmp(oc, "12", 2) == 0 || strncmp(oc, "13", 2) == 0 ||
			           strncmp(oc, "016", 3) == 0);
		}
	}
	/* An eventive noun inside the object of another coded predicate
	 * names what that act is about ("condemned the attack on", "lifted
	 * the blockade", "threatened to launch an offensive in its war"): the
	 * codebook codes the governing act alone. */
	for (mi = 0; mi < s->nm; mi++) {
		choice *c = &ch[mi];

		if (c->best && !c->skip && c->nounpred && c->best->code)
			c->skip = inside_coded_object(s, ch, at, mi);
	}
	for (mi = 0; mi < s->nm; mi++) {
		const choice *c = &ch[mi];
		int mod, attempt = 0;

		if (!c->best || c->skip)
			continue;
		if (!c->framed && !(c->best->flags & ENT_PAT_PETR)) {
			/* a noun counts from the verb its pattern starts at or
			 * the verb it is the object of ("a plan to send troops") */
			int v = c->p;

			if (c->nounpred)
				v = c->bm.first < c->p && upos(s, c->bm.first) == ENT_UPOS_VERB ? c->bm.first
				    : dep_is(s, c->p, D_OBJ) && s->head[c->p] >= 0 ? s->head[c->p] : NO_TOKEN;
			if (v >= 0 && upos(s, v) == ENT_UPOS_VERB && (attempt = content_of_noun(s, v)) == 1)
				continue;
			if (v >= 0 && upos(s, v) == ENT_UPOS_VERB && (k = grounds_of(s, v)) >= 0 && at[k] >= 0)
				continue;
		}
		if (c->framed) {
			if ((rc = emit_framed(s, c)) != 0)
				return rc;
			continue;
		}
		/* "..., police said": the reporting verb attributes the
		 * sentence; the codebook's 010 is a statement not otherwise
		 * coded, not the source of a report */
		if (c->best->code && strcmp(c->best->code, "010") == 0 && attribution(s, c->p))
			continue;
		mod = modality_of(s, c->p, c->best, c->bm.spells_neg);
		if (mod < 0 && !s->c->opts.keep_negated)
			continue;
		if (mod < 0)
			mod = ENT_MOD_ASSERTED;
		if (attempt == 2 && mod == ENT_MOD_ASSERTED)
			mod = ENT_MOD_HEDGED;
		if ((rc = emit_events(s, c->p, c->best, &c->bm, mod, c->nounpred)) != 0)
			return rc;
	}
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* Relation statements                                                 */

static int push_relation(sent_ctx *s, const ent_relation *r)
{
	ent_coded *o = s->out;
	size_t i;

	for (i = 0; i < o->nrelations; i++)
		if (o->relations[i].sent == r->sent && strcmp(o->relations[i].a, r->a) == 0 &&
		    strcmp(o->relations[i].b, r->b) == 0)
			return ENT_OK;
	if (o->nrelations == s->rel_cap) {
		size_t cap = s->rel_cap ? s->rel_cap * 2 : 16;
		ent_relation *grown = ent_arena_alloc(s->arena, cap * sizeof *grown);

		if (!grown)
			return ENT_ENOMEM;
		if (o->nrelations)
			memcpy(grown, o->relations, o->nrelations * sizeof *grown);
		o->relations = grown;
		s->rel_cap = cap;
	}
	o->relations[o->nrelations++] = *r;
	return ENT_OK;
}

/* Adds actor a to list (once per root). */
static int add_party(actor *list, int n, int max, const actor *a)
{
	int j;

	if (n >= max || !a->code)
		return n;
	for (j = 0; j < n; j++)
		if (same_root(list[j].code, a->code))
			return n;
	list[n] = *a;
	return n + 1;
}

/* The actors that modify relation word t, in two groups: members, named
 * together as the relationship's sides ("Indo-Russian", "US-North
 * Korea", "of China and Pakistan", "between X and Y"), and partners, on
 * the other side of someone not named here ("rapprochement with
 * Pakistan", "ties to China"). */
static void relation_parties(const sent_ctx *s, int t, actor *members, int *nm,
                             actor *partners, int *np)
{
	int k;

	*nm = *np = 0;
	/* actor phrases among the modifiers of t, at any depth under
	 * amod/compound ("Indo - Russian", "US - North Korea") */
	for (k = 0; k < s->n; k++) {
		int mi = s->actor_m[k], h;
		actor a;

		if (mi < 0 || s->m[mi].start != (uint32_t)k || k == t || !in_subtree(s, k, t))
			continue;
		/* only through modifier relations, not clauses */
		for (h = k; h != t && h >= 0; h = s->head[h])
			if (!(dep_is(s, h, D_AMOD) || dep_is(s, h, D_COMPOUND) || dep_is(s, h, D_FLAT) ||
			      dep_is(s, h, D_CONJ) || dep_is(s, h, D_PUNCT) || dep_is(s, h, D_DEP) ||
			      dep_is(s, h, D_NMOD_POSS) || dep_is(s, h, D_APPOS) || dep_is(s, h, D_CC) ||
			      dep_is(s, h, D_ADVMOD)))  /* "Indo" read as an adverb */
				break;
		/* before the noun at any depth of modifiers ("Indo - Russian");
		 * after it only as its own dependents or their conjuncts
		 * ("regional rivals India and Pakistan") */
		if (h != t || (k > t && s->head[k] != t &&
		               !(dep_is(s, k, D_CONJ) && s->head[k] >= 0 && s->head[s->head[k]] == t)))
			continue;
		memset(&a, 0, sizeof a);
		a.code = match_entry(s, mi)->code;
		a.tok = k;
		a.span.start = s->tok[k].start;
		a.span.end = s->tok[s->m[mi].end - 1].end;
		*nm = add_party(members, *nm, MAX_CODES, &a);
	}
	/* prepositional complements */
	for (k = s->first_child[t]; k >= 0; k = s->next_sibling[k]) {
		int cs = case_of(s, k), m2, q;
		actor tmp[MAX_CODES];

		if (!(dep_is(s, k, D_NMOD) || dep_is(s, k, D_OBL)) || cs < 0)
			continue;
		m2 = actors_of(s, k, tmp, MAX_CODES);
		if (lemma_is(s, cs, "of") || lemma_is(s, cs, "between") || lemma_is(s, cs, "among")) {
			for (q = 0; q < m2; q++)
				*nm = add_party(members, *nm, MAX_CODES, &tmp[q]);
		} else if (lemma_is(s, cs, "with") || lemma_is(s, cs, "to") || lemma_is(s, cs, "toward") ||
		           lemma_is(s, cs, "towards") || lemma_is(s, cs, "from") || lemma_is(s, cs, "against")) {
			for (q = 0; q < m2; q++)
				*np = add_party(partners, *np, MAX_CODES, &tmp[q]);
		}
	}
}

/* The trend and polarity that the words around relation word t give:
 * a trend verb whose subject it is ("relations cooled"), an adjective
 * on it ("closer ties"), or a trend noun it hangs from ("the cooling of
 * relations"). */
static void relation_trend(const sent_ctx *s, int t, size_t self, int *trend, int *polarity)
{
	int cand[8], nc = 0, k, i;
	size_t mj;

	if (s->head[t] >= 0)
		cand[nc++] = s->head[t];
	for (k = s->first_child[t]; k >= 0 && nc < 8; k = s->next_sibling[k])
		if (dep_is(s, k, D_AMOD) || dep_is(s, k, D_COMPOUND) || dep_is(s, k, D_ACL))
			cand[nc++] = k;  /* acl: "relations cooled" parsed as a modifier */
	for (i = 0; i < nc; i++) {
		int c = cand[i];

		/* a head word counts when t is its subject or its "of" object */
		if (c == s->head[t] && !(dep_is(s, t, D_NSUBJ) || dep_is(s, t, D_NMOD) ||
		                         dep_is(s, t, D_OBJ)))
			continue;
		for (mj = 0; mj < s->nm; mj++) {
			const ent_dict_entry *v;

			if (mj == self || s->m[mj].kind != ENT_DICT_RELATION || (int)s->m[mj].start > c ||
			    c >= (int)s->m[mj].end)
				continue;
			v = match_entry(s, (int)mj);
			/* the sense that fits the word's part of speech: "cooled"
			 * as a verb is a trend, "cool relations" a polarity */
			if ((upos(s, c) == ENT_UPOS_VERB && v->sub != ENT_REL_VERB) ||
			    (upos(s, c) == ENT_UPOS_ADJ && v->sub == ENT_REL_VERB) ||
			    (upos(s, c) == ENT_UPOS_NOUN && v->sub == ENT_REL_VERB))
				continue;
			if (v->trend)
				*trend = v->trend;
			if (v->polarity && (c != s->head[t] || !*polarity))
				*polarity = v->polarity;
		}
	}
}

/* The actor on the other side of a relation word that names only one
 * side or its partners: the possessor ("Russia's rapprochement with
 * Pakistan", "its arch-rival India") or the subject of the clause. */
static int relation_owner(const sent_ctx *s, int t, actor *out, int max)
{
	int side = child(s, t, D_NMOD_POSS), h = s->head[t], v, pass;

	if (side < 0 && h >= 0 && (dep_is(s, t, D_AMOD) || dep_is(s, t, D_COMPOUND)))
		side = child(s, h, D_NMOD_POSS);
	if (side < 0 && upos(s, t) == ENT_UPOS_NOUN) {
		side = child(s, t, D_NSUBJ);  /* "India is a close partner of Russia" */
		if (side >= 0 && relative_pronoun(s, side))
			/* a relative clause the parser may have hung elsewhere */
			side = dep_is(s, t, D_ACL_RELCL) ? relative_antecedent(s, side, h)
			       : lemma_is(s, side, "that") ? -1 : relative_antecedent(s, side, -1);
	}
	if (side >= 0)
		return actors_of(s, side, out, max);
	/* up to the verb through the nouns that hold the relation ("Russia's
	 * strengthening of ties to China": the possessor of one of them;
	 * "Russia seeks closer ties with India": the verb's subject), but not
	 * across a conjunction or into another clause ("Putin's return and
	 * the strengthening of ties" is not Putin's verb) */
	v = t;
	while (v >= 0 && upos(s, v) != ENT_UPOS_VERB && s->head[v] >= 0) {
		if (dep_is(s, v, D_CONJ) || dep_is(s, v, D_PARATAXIS) || dep_is(s, v, D_ADVCL) ||
		    dep_is(s, v, D_APPOS) || dep_is(s, v, D_ACL) || dep_is(s, v, D_DEP))
			return 0;
		v = s->head[v];
		if (upos(s, v) == ENT_UPOS_NOUN && ((side = child(s, v, D_NMOD_POSS)) >= 0 ||
		                                    (side = child(s, v, D_NSUBJ)) >= 0))
			return actors_of(s, side, out, max);  /* a noun with a subject: a verb misread */
	}
	if (v < 0 || upos(s, v) != ENT_UPOS_VERB)
		return 0;
	side = subject_of(s, v, &pass);
	if (side == t || side < 0 || in_subtree(s, side, t))
		return 0;
	return actors_of(s, side, out, max);
}

static int code_relations(sent_ctx *s)
{
	size_t mi;
	int rc;

	for (mi = 0; mi < s->nm; mi++) {
		const ent_dict_entry *e;
		int t, n = 0, polarity, trend, k, j, nmem, npart;
		actor members[MAX_CODES], partners[MAX_CODES], sides[2 * MAX_CODES];
		ent_relation r;
		int pairs[2 * MAX_CODES][2], npairs = 0;

		if (s->m[mi].kind != ENT_DICT_RELATION || (s->m[mi].flags & ENT_MATCH_INNER))
			continue;
		e = match_entry(s, (int)mi);
		if (e->sub == ENT_REL_VERB)
			continue;  /* trend verbs are read from their subjects */
		t = (int)s->m[mi].end - 1;  /* the head word of the phrase */
		if (s->np_code[t] && e->sub == ENT_REL_NOUN)
			continue;  /* part of a name ("Friendship Bridge") */
		polarity = e->polarity;
		trend = e->trend;
		relation_parties(s, t, members, &nmem, partners, &npart);
		for (k = 0; k < nmem; k++)
			sides[n++] = members[k];
		if (npart > 0 || (e->sub == ENT_REL_ADJ && nmem == 1)) {
			/* one side named here; the other owns the relationship */
			actor owner[MAX_CODES];
			int no = relation_owner(s, t, owner, MAX_CODES);

			if (e->sub == ENT_REL_ADJ && nmem == 0 && s->head[t] >= 0 && s->np_code[s->head[t]]) {
				/* "its ally India": the noun the adjective modifies */
				actor a;

				memset(&a, 0, sizeof a);
				a.code = s->np_code[s->head[t]];
				a.tok = s->head[t];
				a.span = np_span(s, s->head[t]);
				partners[npart++] = a;
			}
			if (e->sub == ENT_REL_ADJ)
				for (k = 0; k < nmem && npart < MAX_CODES; k++)
					partners[npart++] = members[k];
			n = 0;
			for (k = 0; k < no && n < MAX_CODES; k++)
				sides[n++] = owner[k];
			for (k = 0; k < no; k++)
				for (j = 0; j < npart && npairs < 2 * MAX_CODES; j++) {
					sides[MAX_CODES + j] = partners[j];
					pairs[npairs][0] = k;
					pairs[npairs][1] = MAX_CODES + j;
					npairs++;
				}
		} else {
			if (n == 0 && e->sub == ENT_REL_NOUN) {
				/* both sides own it: "China and Pakistan share an
				 * all-weather friendship" */
				actor owner[MAX_CODES];
				int no = relation_owner(s, t, owner, MAX_CODES);

				for (k = 0; k < no && no >= 2; k++)
					n = add_party(sides, n, MAX_CODES, &owner[k]);
			}
			for (k = 0; k < n; k++)
				for (j = k + 1; j < n && npairs < 2 * MAX_CODES; j++) {
					pairs[npairs][0] = k;
					pairs[npairs][1] = j;
					npairs++;
				}
		}
		if (npairs == 0)
			continue;
		{
			/* "If Indo-Pak relations improve ...": a relation said
			 * under a condition, or denied, is no statement of it */
			int v = t, guard = 0, mod;

			while (v >= 0 && upos(s, v) != ENT_UPOS_VERB && s->head[v] >= 0 && guard++ < 6)
				v = s->head[v];
			mod = v >= 0 && upos(s, v) == ENT_UPOS_VERB ? modality_of(s, v, NULL, 0) : ENT_MOD_ASSERTED;
			if (mod < 0 || mod == ENT_MOD_HYPOTHETICAL)
				continue;
		}
		relation_trend(s, t, mi, &trend, &polarity);
		memset(&r, 0, sizeof r);
		r.polarity = polarity < 0 ? -1 : 1;
		r.trend = trend > 0 ? ENT_TREND_UP : trend < 0 ? ENT_TREND_DOWN : ENT_TREND_NONE;
		r.date = s->ntx ? s->tx[0].date : s->doc->date;
		r.sent = s->sent_index;
		r.sentence = s->sent_span;
		r.text.start = s->tok[s->m[mi].start].start;
		r.text.end = s->tok[t].end;
		{
			char buf[256];
			const ent_dict_file_info *f = ent_dict_file(s->c->dict, e->file);
			const char *path = f ? f->path : "?";
			const char *base = strstr(path, "data/dict/");

			snprintf(buf, sizeof buf, "%s:%u", base ? base + 10 : path, e->line);
			r.rule = ent_arena_strndup(s->arena, buf, strlen(buf));
		}
		for (k = 0; k < npairs; k++) {
			const actor *x = &sides[pairs[k][0]], *y = &sides[pairs[k][1]];
			int ab = strcmp(x->code, y->code) < 0;

			if (same_root(x->code, y->code))
				continue;
			r.a = ent_arena_strndup(s->arena, ab ? x->code : y->code,
			                        root_len(ab ? x->code : y->code));
			r.b = ent_arena_strndup(s->arena, ab ? y->code : x->code,
			                        root_len(ab ? y->code : x->code));
			if (!r.a || !r.b)
				return ENT_ENOMEM;
			if ((rc = push_relation(s, &r)) != 0)
				return rc;
		}
	}
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* Sentences and documents                                             */

/* The codebook codes a plain statement (010) only when nothing stronger
 * is said: a sentence with any other event drops its 010 events ("X said
 * Y attacked Z" is an attack, not a statement). */
static void drop_plain_statements(sent_ctx *s, size_t first)
{
	ent_coded *o = s->out;
	size_t i, k, other = 0;

	for (i = first; i < o->nevents; i++)
		other += strcmp(o->events[i].code, "010") != 0;
	if (!other)
		return;
	for (i = k = first; i < o->nevents; i++)
		if (strcmp(o->events[i].code, "010") != 0)
			o->events[k++] = o->events[i];
	o->nevents = k;
}

/* Records the actors the sentence mentions, in order, for coreference. */
static int remember_actors(sent_ctx *s)
{
	int t, rc;

	/* groups: a subject that names two or more actors */
	for (t = 0; t < s->n; t++) {
		actor g[MAX_GROUP];
		int n;

		if (!(dep_is(s, t, D_NSUBJ) || dep_is(s, t, D_NSUBJ_PASS)))
			continue;
		n = actors_of(s, t, g, MAX_GROUP);
		if (n >= 2) {
			memcpy(s->hist->group, g, (size_t)n * sizeof *g);
			s->hist->ngroup = n;
			s->hist->group_sent = s->sent_index;
		}
	}

	for (t = 0; t < s->n; t++) {
		if (!s->np_code[t])
			continue;
		/* once per phrase: skip tokens whose head has the same code */
		if (s->head[t] >= 0 && s->np_code[s->head[t]] == s->np_code[t])
			continue;
		if ((rc = hist_add(s, s->np_code[t], s->np_person[t], t)) != 0)
			return rc;
	}
	return ENT_OK;
}

/* Marks the words of the sentence's actor names that the tagger misread
 * (an unfamiliar name such as "Fornost" read as an adjective at the root,
 * a verb or an interjection) so that the parser can read them again as
 * proper nouns; returns how many. A name read as a noun, or as an
 * adjective that modifies a noun after it ("Pakistani officials"), is
 * left alone, as are function words inside a name ("the", "of") and the
 * adjectives, combining forms and people words of entente's own
 * dictionaries. */
static int mark_misread_names(sent_ctx *s, ent_token *tokens, int n)
{
	size_t mi;
	int marked = 0;
	uint32_t k;

	for (mi = 0; mi < s->nm; mi++) {
		const ent_dict_entry *e;

		if (s->m[mi].kind != ENT_DICT_ACTOR)
			continue;
		e = match_entry(s, (int)mi);
		if (e->sub == ENT_ACTOR_PREFIX || e->sub == ENT_ACTOR_PEOPLE)
			continue;
		for (k = s->m[mi].start; k < s->m[mi].end && k < (uint32_t)n; k++) {
			ent_token *tk = &tokens[k];
			int h = tk->head - 1;

			if (!(tk->flags & ENT_TOK_CAPITAL) || (tk->flags & ENT_TOK_NAME))
				continue;
			switch (tk->upos) {
			case ENT_UPOS_PROPN: case ENT_UPOS_NOUN: case ENT_UPOS_NUM: case ENT_UPOS_DET:
			case ENT_UPOS_PUNCT: case ENT_UPOS_SYM:
				continue;
			case ENT_UPOS_ADJ:
				/* an adjective that modifies a noun after it, or
				 * one of entente's adjectives used as any adjective
				 * ("is Chinese", "Russian and Chinese officials") */
				if (h > (int)k && s->c->dep[D_AMOD] >= 0 && tk->deprel == s->c->dep[D_AMOD])
					continue;
				if (e->sub == ENT_ACTOR_ADJ && tk->deprel != s->c->dep[D_ADVCL] &&
				    tk->deprel != s->c->dep[D_ROOT] && tk->deprel != s->c->dep[D_DEP])
					continue;
				break;
			default:
				break;
			}
			tk->flags |= ENT_TOK_NAME;
			marked++;
		}
	}
	return marked;
}

/* A name the parser read as a conjunct of its own title ("between Putin
 * and former Pakistani PM Nawaz Sharif", with PM and Sharif both
 * conjuncts of Putin) is one actor with it: the title, a role word right
 * before the name's phrase, becomes a compound of the name, which takes
 * its place (with its "and" and commas), as in "Pakistani PM Nawaz
 * Sharif" read right. */
static void repair_title_conjuncts(sent_ctx *s, ent_token *tokens, int n)
{
	int t, j, c;
	size_t mi;

	if (s->c->dep[D_CONJ] < 0 || s->c->dep[D_COMPOUND] < 0)
		return;
	for (t = 1; t < n; t++) {
		int h = s->head[t], role = 0;

		if (tokens[t].upos != ENT_UPOS_PROPN || tokens[t].deprel != s->c->dep[D_CONJ] || h < 0)
			continue;
		for (j = t - 1; j >= 0 && in_subtree(s, j, t); j--)
			;
		if (j < 0 || tokens[j].upos != ENT_UPOS_NOUN || s->head[j] != h ||
		    tokens[j].deprel != s->c->dep[D_CONJ])
			continue;
		for (mi = 0; mi < s->nm && !role; mi++)
			role = s->m[mi].kind == ENT_DICT_AGENT && s->m[mi].start <= (uint32_t)j &&
			       (uint32_t)j < s->m[mi].end;
		if (!role)
			continue;
		for (c = 0; c < j; c++)
			if (s->head[c] == j && (tokens[c].deprel == s->c->dep[D_CC] ||
			                        tokens[c].upos == ENT_UPOS_PUNCT)) {
				s->head[c] = t;
				tokens[c].head = (int16_t)(t + 1);
			}
		s->head[j] = t;
		tokens[j].head = (int16_t)(t + 1);
		tokens[j].deprel = (uint8_t)s->c->dep[D_COMPOUND];
	}
}

/* A participle right after a document noun, with no comma between ("a
 * UN resolution condemning the tests", "a statement calling for talks"),
 * says what the document does, whatever the verb before it: the parser
 * often hangs it from that verb as an adverbial clause ("Moscow vetoed
 * the resolution condemning ..." then read as Moscow condemning). It is
 * read as a clause on the noun. */
static void repair_document_participles(sent_ctx *s, ent_token *tokens, int n)
{
	static const char *const nouns[] = {
		"resolution", "statement", "declaration", "communique", "report", "letter", "bill",
		"law", "decree", "motion", "message", "document", "draft", "ruling", "verdict",
		"proposal", "memo", "memorandum", "petition", "text", "amendment", "order", NULL
	};
	int v;

	if (s->c->dep[D_ADVCL] < 0 || s->c->dep[D_ACL] < 0)
		return;
	for (v = 1; v < n; v++) {
		int d = v - 1, h = s->head[v];
		const char *x = ent_xpos_name(tokens[v].xpos);

		if (tokens[v].deprel != s->c->dep[D_ADVCL] || h < 0 || h > d || !x || strcmp(x, "VBG") ||
		    !(tokens[d].upos == ENT_UPOS_NOUN) || !in_subtree(s, d, h) || d == h ||
		    in_subtree(s, d, v))
			continue;  /* (a noun under the participle would make a cycle) */
		{
			const char *const *w;
			const char *lem = tokens[d].lemma;

			for (w = nouns; *w && !(lem && strcmp(lem, *w) == 0); w++)
				;
			if (!*w)
				continue;
		}
		s->head[v] = d;
		tokens[v].head = (int16_t)(d + 1);
		tokens[v].deprel = (uint8_t)s->c->dep[D_ACL];
	}
}

/* Whether person match mi is one word of a longer name the dictionaries
 * do not know: a capitalised proper noun right before or after it that no
 * match covers ("County sheriff Kerry Lee" is not John Kerry, "Trump
 * Tower" not Trump). Titles and other known words beside a name ("President
 * Putin") are covered by their own matches. */
static int part_of_other_name(const sent_ctx *s, size_t mi)
{
	static const char *const titles[] = {
		"secretary", "sheriff", "senator", "governor", "general", "president", "minister",
		"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "chancellor", "king", "queen",
		"prince", "princess", "sheikh", "ayatollah", "pope", "premier", "judge", "justice",
		"mayor", "ambassador", "envoy", "commander", "colonel", "lt.", "gen.", "sen.", "rep.",
		"gov.", "representative", "congressman", "congresswoman", "speaker", "leader", "chief",
		"emir", "sultan", "marshal", "admiral", "captain", "major", "sergeant", "cardinal",
		"bishop", "rabbi", "imam", "professor", "prof.", "lord", "lady", "sir", "dame", NULL
	};
	int side;

	if (s->m[mi].end - s->m[mi].start != 1)
		return 0;
	for (side = -1; side <= 1; side += 2) {
		int k = side < 0 ? (int)s->m[mi].start - 1 : (int)s->m[mi].end;
		size_t mj;
		int covered = 0;

		if (k < 0 || k >= s->n || s->tok[k].upos != ENT_UPOS_PROPN ||
		    !(s->tok[k].flags & ENT_TOK_CAPITAL) || (s->tok[k].flags & ENT_TOK_ALLCAPS))
			continue;
		for (mj = 0; mj < s->nm && !covered; mj++)
			covered = mj != mi && s->m[mj].start <= (uint32_t)k && (uint32_t)k < s->m[mj].end;
		if (!covered && !temporal_word(s, k) && !(side < 0 && lemma_in(s, k, titles)))
			return 1;
	}
	return 0;
}

static int match_sentence(sent_ctx *s, ent_token *tokens, int n)
{
	ent_dict_sent *ds;
	int rc;

	rc = ent_dict_sent_prepare(&ds, s->c->dict, s->text, tokens, (size_t)n, s->arena);
	if (rc)
		return rc;
	s->dsent = ds;
	return ent_dict_sent_match(&s->m, &s->nm, ds, &s->doc->date, s->arena);
}

static int code_sentence(sent_ctx *s, ent_token *tokens, int n)
{
	int t, rc;
	size_t mi;

	s->tok = tokens;
	s->n = n;
	if ((rc = match_sentence(s, tokens, n)) != 0)
		return rc;
	if (s->c->model && mark_misread_names(s, tokens, n) > 0) {
		/* parse again with the names read as names */
		if ((rc = ent_tag_parse(s->c->model, tokens, (size_t)n, s->text, s->arena)) != 0 ||
		    (rc = match_sentence(s, tokens, n)) != 0)
			return rc;
		if (trace_on())
			fprintf(stderr, "trace: names read again as proper nouns\n");
	}
	if (trace_on()) {
		fprintf(stderr, "trace: tree:");
		for (t = 0; t < n; t++)
			fprintf(stderr, " %d:%.*s/%s>%d:%s", t + 1, (int)(tokens[t].end - tokens[t].start),
			        s->text + tokens[t].start, ent_upos_name(tokens[t].upos), tokens[t].head,
			        ent_deprel_name(tokens[t].deprel));
		fprintf(stderr, "\n");
	}
	s->head = ent_arena_alloc(s->arena, (size_t)n * sizeof(int) * 6 + 1);
	s->np_code = ent_arena_calloc(s->arena, (size_t)n, sizeof *s->np_code);
	s->actor_tok = ent_arena_alloc(s->arena, (size_t)n * 2);
	if (!s->head || !s->np_code || !s->actor_tok)
		return ENT_ENOMEM;
	s->first_child = s->head + n;
	s->next_sibling = s->first_child + n;
	s->actor_m = s->next_sibling + n;
	s->agent_m = s->actor_m + n;
	s->np_person = s->agent_m + n;
	for (t = 0; t < n; t++) {
		int h = tokens[t].head;

		s->head[t] = h > 0 && h <= n ? h - 1 : -1;
		s->first_child[t] = s->next_sibling[t] = -1;
		s->actor_m[t] = s->agent_m[t] = -1;
	}
	/* A noun the parser hung from a punctuation mark has lost its place
	 * ("met Chilean Foreign Minister Carlos Soto ." with Soto under the
	 * period): the coder reads it as the object of the nearest verb
	 * before it that has none. */
	for (t = 0; t < n; t++) {
		int h = s->head[t], v;

		if (h < 0 || tokens[h].upos != ENT_UPOS_PUNCT || s->c->dep[D_OBJ] < 0 ||
		    !(tokens[t].upos == ENT_UPOS_NOUN || tokens[t].upos == ENT_UPOS_PROPN))
			continue;
		for (v = t - 1; v >= 0 && tokens[v].upos != ENT_UPOS_VERB; v--)
			;
		if (v < 0)
			continue;
		for (h = 0; h < n && !(s->head[h] == v && tokens[h].deprel == s->c->dep[D_OBJ]); h++)
			;
		if (h < n)
			continue;
		s->head[t] = v;
		tokens[t].head = (int16_t)(v + 1);
		tokens[t].deprel = (uint8_t)s->c->dep[D_OBJ];
	}
	repair_title_conjuncts(s, tokens, n);
	repair_document_participles(s, tokens, n);
	for (t = n - 1; t >= 0; t--)
		if (s->head[t] >= 0) {
			s->next_sibling[t] = s->first_child[s->head[t]];
			s->first_child[s->head[t]] = t;
		}
	s->discard_sentence = 0;
	for (mi = 0; mi < s->nm; mi++) {
		const ent_dict_entry *e = match_entry(s, (int)mi);
		uint32_t k;

		if (s->m[mi].kind == ENT_DICT_DISCARD) {
			if (e->sub == ENT_DISCARD_STORY)
				s->out->discarded = 1;
			s->discard_sentence = 1;
		}
		if (s->m[mi].flags & ENT_MATCH_INNER)
			continue;
		if (s->m[mi].kind == ENT_DICT_ACTOR && kind_is_person(e->sub) && part_of_other_name(s, mi))
			continue;
		for (k = s->m[mi].start; k < s->m[mi].end && k < (uint32_t)n; k++) {
			if (s->m[mi].kind == ENT_DICT_ACTOR && s->actor_m[k] < 0 &&
			    !(e->flags & ENT_ENTRY_NULL) && e->code)
				s->actor_m[k] = (int)mi;
			else if (s->m[mi].kind == ENT_DICT_AGENT && s->agent_m[k] < 0 && e->code)
				s->agent_m[k] = (int)mi;
		}
	}
	if (s->discard_sentence || s->out->discarded)
		return ENT_OK;
	compute_np_codes(s);
	s->bare_agents = 0;
	for (t = 0; t < n && !s->bare_agents; t++)
		s->bare_agents = s->agent_m[t] >= 0 && !s->np_code[t];
	s->time_tok = s->actor_tok + n;
	memset(s->actor_tok, -1, (size_t)n * 2);
	s->ntx = ent_timex_find(s->tx, 16, tokens, (size_t)n, s->text, &s->doc->date);
	{
		size_t first_event = s->out->nevents;

		rc = code_predicates(s);
		if (!rc)
			drop_plain_statements(s, first_event);
	}
	if (!rc && !s->c->opts.no_relations)
		rc = code_relations(s);
	if (!rc)
		rc = remember_actors(s);
	return rc;
}

/* The sentences the coder reads: not a headline, 2 to 400 tokens. */
static int sentence_is_coded(const ent_sentence *sn)
{
	return sn->ntokens >= 2 && sn->ntokens <= 400 && !(sn->flags & ENT_SENT_HEADER);
}

/* Tags and parses the sentences the coder reads, all in one batch (the
 * parser is faster on several sentences at once). */
static int parse_sentences(const ent_model *m, ent_segmentation *seg, const char *text,
                           ent_arena *arena)
{
	ent_parse_item *items;
	size_t i, n = 0;

	if (!seg->nsents)
		return ENT_OK;
	items = ent_arena_alloc(arena, seg->nsents * sizeof *items);
	if (!items)
		return ENT_ENOMEM;
	for (i = 0; i < seg->nsents; i++)
		if (sentence_is_coded(&seg->sents[i])) {
			items[n].tokens = seg->tokens + seg->sents[i].first;
			items[n].n = seg->sents[i].ntokens;
			items[n].text = text;
			n++;
		}
	return ent_tag_parse_batch(m, items, n, arena);
}

int ent_coder_code(const ent_coder *c, const ent_doc *doc, ent_coded *out,
                   ent_arena *arena)
{
	sent_ctx s;
	history hist;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&hist, 0, sizeof hist);
	rc = ent_segment(&out->seg, doc->text, doc->text_len, arena);
	if (rc)
		return rc;
	memset(&s, 0, sizeof s);
	s.c = c;
	s.doc = doc;
	s.arena = arena;
	s.text = doc->text;
	s.hist = &hist;
	s.out = out;
	if (c->model) {
		rc = parse_sentences(c->model, &out->seg, doc->text, arena);
		if (rc)
			return rc;
	}
	for (i = 0; i < out->seg.nsents && !out->discarded; i++) {
		ent_sentence *sn = &out->seg.sents[i];
		ent_token *toks = out->seg.tokens + sn->first;

		if (!sentence_is_coded(sn))
			continue;
		s.sent_index = (uint32_t)i;
		s.sent_span.start = sn->start;
		s.sent_span.end = sn->end;
		rc = code_sentence(&s, toks, (int)sn->ntokens);
		if (rc)
			return rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory") : rc;
	}
	if (out->discarded) {
		out->nevents = 0;
		out->nrelations = 0;
	}
	return ENT_OK;
}
