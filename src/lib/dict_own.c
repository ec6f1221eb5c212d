/*
 * dict_own.c - readers for entente's own dictionary formats
 * (docs/dictionaries.md): actors (countries, people, organisations),
 * agents, verb and noun patterns with synsets, discards, relation words
 * and the CAMEO code table.
 *
 * Every format is one entry a line, `fields | phrase; phrase`, with `#`
 * comments. A line that cannot be used is reported ("file:line: what")
 * and skipped; a bad phrase is reported and the rest of its line loads.
 */
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"

#define MAX_FIELDS 8

typedef struct field {
	const char *s;
	size_t n;
} field;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Splits s[0..n) at white space into at most max fields; returns the
 * number, or max + 1 when there are more. */
static int split_fields(const char *s, size_t n, field *f, int max)
{
	size_t i = 0;
	int k = 0;

	while (i < n) {
		size_t j;

		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		j = i;
		while (j < n && !is_space(s[j]))
			j++;
		if (k == max)
			return max + 1;
		f[k].s = s + i;
		f[k].n = j - i;
		k++;
		i = j;
	}
	return k;
}

static int field_is(const field *f, const char *word)
{
	return strlen(word) == f->n && memcmp(f->s, word, f->n) == 0;
}

/* Whether s[0..n) is a CAMEO actor code: three-letter fields of capitals
 * and digits (RUS, RUSGOV, IGOUNO, AFGINSTAL). */
static int actor_code_ok(const char *s, size_t n)
{
	size_t i;

	if (n < 3 || n % 3 != 0 || n > 60)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Reads a YYYY-MM-DD date (or "-" for an open end) into days; returns 0,
 * or 1 after reporting a bad date. */
static int read_date(dict_load *ld, const field *f, int32_t *days, int32_t open, int *rc)
{
	ent_date dt;

	*rc = 0;
	if (field_is(f, "-")) {
		*days = open;
		return 0;
	}
	if (f->n != 10 || f->s[4] != '-' || f->s[7] != '-' ||
	    ent_date_parse(&dt, f->s, f->n) != 0 || dt.precision != ENT_DATE_DAY) {
		*rc = dict_diag(ld, ENT_DIAG_ERROR, "bad date '%.*s' (YYYY-MM-DD or -)",
		                (int)f->n, f->s);
		return 1;
	}
	ent_error_clear();
	*days = (int32_t)ent_date_days(&dt);
	return 0;
}

/* The actor kinds and the file they belong in (0 countries, 1 people,
 * 2 organisations). */
static const struct { const char *name; int kind, file; } actor_kinds[] = {
	{"name", ENT_ACTOR_NAME, 0}, {"adj", ENT_ACTOR_ADJ, 0},
	{"people", ENT_ACTOR_PEOPLE, 0}, {"prefix", ENT_ACTOR_PREFIX, 0},
	{"capital", ENT_ACTOR_CAPITAL, 0}, {"seat", ENT_ACTOR_SEAT, 0},
	{"head_of_state", ENT_ACTOR_HEAD_OF_STATE, 1},
	{"head_of_government", ENT_ACTOR_HEAD_OF_GOVERNMENT, 1},
	{"foreign_minister", ENT_ACTOR_FOREIGN_MINISTER, 1},
	{"defence_minister", ENT_ACTOR_DEFENCE_MINISTER, 1},
	{"army_chief", ENT_ACTOR_ARMY_CHIEF, 1},
	{"secretary_general", ENT_ACTOR_SECRETARY_GENERAL, 1},
	{"leader", ENT_ACTOR_LEADER, 1}, {"official", ENT_ACTOR_OFFICIAL, 1},
	{"igo", ENT_ACTOR_IGO, 2}, {"ngo", ENT_ACTOR_NGO, 2}, {"armed", ENT_ACTOR_ARMED, 2},
	{"party", ENT_ACTOR_PARTY, 2}, {"media", ENT_ACTOR_MEDIA, 2},
	{"company", ENT_ACTOR_COMPANY, 2}, {"agency", ENT_ACTOR_AGENCY, 2},
	{NULL, 0, 0}
};

const char *ent_actor_kind_name(int kind)
{
	int i;

	if (kind == ENT_ACTOR_OTHER)
		return "actor";
	for (i = 0; actor_kinds[i].name; i++)
		if (actor_kinds[i].kind == kind)
			return actor_kinds[i].name;
	return "?";
}

/* Which actor file a path is (0, 1, 2), or -1 for another name. */
static int actor_file(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (strcmp(base, "countries.txt") == 0 || strcmp(base, "iso3166.txt") == 0)
		return 0;
	if (strcmp(base, "people.txt") == 0)
		return 1;
	if (strcmp(base, "orgs.txt") == 0)
		return 2;
	return -1;
}

/* Adds the phrases of a line (after the '|') for entry. */
static int add_phrases(dict_load *ld, const char *s, size_t n, int space, uint32_t entry,
                       const char **first, size_t *first_len)
{
	size_t i = 0;
	int k = 0, rc, any = 0;

	while (i <= n) {
		size_t j = i;
		const char *p;
		size_t pn;

		while (j < n && s[j] != ';')
			j++;
		p = s + i;
		pn = j - i;
		dict_trim(&p, &pn);
		k++;
		if (pn == 0) {
			if (j < n || k > 1 || i < n) {
				if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "empty phrase %d", k)))
					return rc;
			}
		} else {
			rc = dict_phrase_add(ld, p, pn, space, DICT_PH_OWN_CAPS | DICT_PH_THE, entry);
			if (rc < 0)
				return rc;
			if (rc == 1) {
				if ((rc = dict_diag(ld, ENT_DIAG_ERROR,
				                    "phrase '%.*s' has no words, too many words "
				                    "or a word too long", (int)pn, p)))
					return rc;
			} else {
				if (first && !any) {
					*first = p;
					*first_len = pn;
				}
				any = 1;
			}
		}
		i = j + 1;
	}
	if (!any)
		return dict_diag(ld, ENT_DIAG_ERROR, "no phrases after '|'");
	return ENT_OK;
}

/* Sets the name of entry id from its first phrase. */
static int set_name(dict_load *ld, uint32_t id, const char *p, size_t n)
{
	const char *name = n ? dict_string(ld->d, p, n) : NULL;

	if (n && !name)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	ld->d->entries[id].name = name;
	return ENT_OK;
}

/* CODE KIND [FROM TO] | phrases */
static int actor_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS), i, rc, kind = -1, kfile = -1;
	int file = actor_file(ld->path);
	ent_dict_entry e;
	const char *first = NULL;
	size_t first_len = 0;
	uint32_t id;

	if (nf < 2 || nf > 4 || nf == 3)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected CODE KIND [FROM TO] before '|'");
	/* "---" is a known non-actor ("Indian Ocean", "Gulf of Mexico"): it is
	 * matched, so the shorter actor inside it is not, and codes nothing */
	if (!field_is(&f[0], "---") && !actor_code_ok(f[0].s, f[0].n))
		return dict_diag(ld, ENT_DIAG_ERROR, "bad actor code '%.*s' (capitals in groups of three)",
		                 (int)f[0].n, f[0].s);
	for (i = 0; actor_kinds[i].name; i++) {
		if (field_is(&f[1], actor_kinds[i].name)) {
			kind = actor_kinds[i].kind;
			kfile = actor_kinds[i].file;
		}
	}
	if (kind < 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "unknown kind '%.*s'", (int)f[1].n, f[1].s);
	if (file >= 0 && kfile != file &&
	    (rc = dict_diag(ld, ENT_DIAG_WARNING, "kind '%.*s' belongs in %s", (int)f[1].n, f[1].s,
	                    kfile == 0 ? "countries.txt" : kfile == 1 ? "people.txt" : "orgs.txt")))
		return rc;
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_ACTOR;
	e.sub = (uint8_t)kind;
	e.from = ENT_DICT_OPEN_FROM;
	e.to = ENT_DICT_OPEN_TO;
	if (nf == 4) {
		if (field_is(&f[2], "*")) {
			if (!field_is(&f[3], "*") && !field_is(&f[3], "-"))
				return dict_diag(ld, ENT_DIAG_ERROR, "a default line is written '* -'");
		} else {
			if (read_date(ld, &f[2], &e.from, ENT_DICT_OPEN_FROM, &rc) ||
			    read_date(ld, &f[3], &e.to, ENT_DICT_OPEN_TO, &rc))
				return rc;
			if (e.from > e.to)
				return dict_diag(ld, ENT_DIAG_ERROR, "date range ends before it starts");
			e.flags |= ENT_ENTRY_DATED;
		}
	} else if (kfile == 1) {
		return dict_diag(ld, ENT_DIAG_ERROR,
		                 "a person needs FROM TO dates ('* -' for the default line)");
	}
	if (field_is(&f[0], "---")) {
		e.flags |= ENT_ENTRY_NULL;
	} else if (!(e.code = dict_string(ld->d, f[0].s, f[0].n))) {
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	if ((rc = dict_entry_add(ld, &e, &id)))
		return rc;
	(void)n;
	if ((rc = add_phrases(ld, bar + 1, (size_t)(s + n - bar - 1), DICT_FORM, id, &first,
	                      &first_len)))
		return rc;
	return set_name(ld, id, first, first_len);
}

/* ROLE | phrases, ROLE one of GOV, ~GOV, NGO~ */
static int agent_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS), rc;
	ent_dict_entry e;
	const char *code;
	size_t cn;
	uint32_t id;

	if (nf != 1)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected ROLE before '|'");
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_AGENT;
	code = f[0].s;
	cn = f[0].n;
	if (cn && code[0] == '~') {
		code++;
		cn--;
	} else if (cn && code[cn - 1] == '~') {
		cn--;
		e.flags |= ENT_ENTRY_PREFIX;
	}
	if (!actor_code_ok(code, cn))
		return dict_diag(ld, ENT_DIAG_ERROR, "bad role code '%.*s'", (int)f[0].n, f[0].s);
	e.code = dict_string(ld->d, code, cn);
	if (!e.code)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if ((rc = dict_entry_add(ld, &e, &id)))
		return rc;
	return add_phrases(ld, bar + 1, (size_t)(s + n - bar - 1), DICT_FORM, id, NULL, NULL);
}

/* sentence|story | phrases */
static int discard_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS), rc;
	ent_dict_entry e;
	uint32_t id;

	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_DISCARD;
	if (nf == 1 && field_is(&f[0], "sentence"))
		e.sub = ENT_DISCARD_SENTENCE;
	else if (nf == 1 && field_is(&f[0], "story"))
		e.sub = ENT_DISCARD_STORY;
	else
		return dict_diag(ld, ENT_DIAG_ERROR, "expected 'sentence' or 'story' before '|'");
	if ((rc = dict_entry_add(ld, &e, &id)))
		return rc;
	return add_phrases(ld, bar + 1, (size_t)(s + n - bar - 1), DICT_LEMMA, id, NULL, NULL);
}

/* KIND POLARITY TREND | phrases */
static int relation_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS), rc;
	ent_dict_entry e;
	uint32_t id;

	if (nf != 3)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected KIND POLARITY TREND before '|'");
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_RELATION;
	if (field_is(&f[0], "noun"))
		e.sub = ENT_REL_NOUN;
	else if (field_is(&f[0], "adj"))
		e.sub = ENT_REL_ADJ;
	else if (field_is(&f[0], "verb"))
		e.sub = ENT_REL_VERB;
	else
		return dict_diag(ld, ENT_DIAG_ERROR, "unknown relation kind '%.*s' (noun, adj, verb)",
		                 (int)f[0].n, f[0].s);
	if (field_is(&f[1], "+"))
		e.polarity = 1;
	else if (field_is(&f[1], "-"))
		e.polarity = -1;
	else if (field_is(&f[1], "0"))
		e.polarity = 0;
	else
		return dict_diag(ld, ENT_DIAG_ERROR, "bad polarity '%.*s' (+, - or 0)",
		                 (int)f[1].n, f[1].s);
	if (field_is(&f[2], "up"))
		e.trend = 1;
	else if (field_is(&f[2], "down"))
		e.trend = -1;
	else if (field_is(&f[2], "none"))
		e.trend = 0;
	else
		return dict_diag(ld, ENT_DIAG_ERROR, "bad trend '%.*s' (up, down or none)",
		                 (int)f[2].n, f[2].s);
	if ((rc = dict_entry_add(ld, &e, &id)))
		return rc;
	return add_phrases(ld, bar + 1, (size_t)(s + n - bar - 1), DICT_LEMMA, id, NULL, NULL);
}

/* CODE GOLDSTEIN QUAD PLOVER MODE | NAME */
static int cameo_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS);
	ent_cameo_code row;
	char num[32], *end;
	const char *name = bar + 1;
	size_t nn = (size_t)(s + n - bar - 1), i;

	if (nf != 5)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected CODE GOLDSTEIN QUAD PLOVER MODE before '|'");
	memset(&row, 0, sizeof row);
	if (!digits(f[0].s, f[0].n) || f[0].n < 2 || f[0].n > 4)
		return dict_diag(ld, ENT_DIAG_ERROR, "bad CAMEO code '%.*s'", (int)f[0].n, f[0].s);
	row.root = (uint8_t)((f[0].s[0] - '0') * 10 + (f[0].s[1] - '0'));
	if (row.root < 1 || row.root > 20)
		return dict_diag(ld, ENT_DIAG_ERROR, "bad CAMEO code '%.*s' (roots are 01 to 20)",
		                 (int)f[0].n, f[0].s);
	if (f[1].n >= sizeof num)
		return dict_diag(ld, ENT_DIAG_ERROR, "bad Goldstein score");
	memcpy(num, f[1].s, f[1].n);
	num[f[1].n] = '\0';
	row.goldstein = strtod(num, &end);
	if (*end || end == num || !(row.goldstein >= -10.0 && row.goldstein <= 10.0))
		return dict_diag(ld, ENT_DIAG_ERROR, "bad Goldstein score '%s'", num);
	if (f[2].n != 1 || f[2].s[0] < '1' || f[2].s[0] > '4')
		return dict_diag(ld, ENT_DIAG_ERROR, "bad QuadClass '%.*s' (1 to 4)", (int)f[2].n, f[2].s);
	row.quad = (uint8_t)(f[2].s[0] - '0');
	if (!field_is(&f[3], "-")) {
		for (i = 0; i < f[3].n; i++)
			if (f[3].s[i] < 'A' || f[3].s[i] > 'Z')
				return dict_diag(ld, ENT_DIAG_ERROR, "bad PLOVER type '%.*s'",
				                 (int)f[3].n, f[3].s);
		row.plover = dict_string(ld->d, f[3].s, f[3].n);
		if (!row.plover)
			return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	if (!field_is(&f[4], "-")) {
		row.plover_mode = dict_string(ld->d, f[4].s, f[4].n);
		if (!row.plover_mode)
			return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	dict_trim(&name, &nn);
	if (!nn)
		return dict_diag(ld, ENT_DIAG_ERROR, "no name after '|'");
	row.code = dict_string(ld->d, f[0].s, f[0].n);
	row.name = dict_string(ld->d, name, nn);
	if (!row.code || !row.name)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	return dict_cameo_add(ld, &row);
}

/* ------------------------------------------------------------------ */
/* Verb patterns                                                       */

static int is_determiner(const ent_dict *d, uint32_t w)
{
	static const char *const dets[] = {"a", "an", "the", "its", "their", "his", "her", NULL};
	const char *s = ent_dict_word(d, w);
	int i;

	for (i = 0; s && dets[i]; i++)
		if (strcmp(s, dets[i]) == 0)
			return 1;
	return 0;
}

/* &name = member; member */
static int synset_line(dict_load *ld, const char *s, size_t n)
{
	ent_dict *d = ld->d;
	const char *eq = memchr(s, '=', n), *name = s + 1, *p;
	size_t nlen, i, j;
	uint32_t id, ids[DICT_PHRASE_MAX];
	uint8_t caps[DICT_PHRASE_MAX];
	int rc, k = 0, any = 0;

	if (!eq)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected '&name = word; word'");
	nlen = (size_t)(eq - name);
	dict_trim(&name, &nlen);
	for (i = 0; i < nlen; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			break;
	if (nlen == 0 || i < nlen || nlen >= DICT_WORD_MAX)
		return dict_diag(ld, ENT_DIAG_ERROR, "bad synset name '&%.*s'", (int)nlen, name);
	if ((rc = dict_synset_get(d, name, nlen, &id)))
		return rc;
	if (d->synsets[id].line) {
		dict_synset *o = &d->synsets[id];

		return dict_diag(ld, ENT_DIAG_ERROR, "synset &%.*s already defined at %s:%lu",
		                 (int)nlen, name, o->file < d->nfiles ? d->files[o->file].path : "?",
		                 (unsigned long)o->line);
	}
	d->synsets[id].file = ld->file;
	d->synsets[id].line = ld->line;
	if (ld->file < d->nfiles)
		d->files[ld->file].synsets++;
	i = (size_t)(eq - s) + 1;
	while (i <= n) {
		for (j = i; j < n && s[j] != ';'; j++)
			;
		p = s + i;
		nlen = j - i;
		dict_trim(&p, &nlen);
		k++;
		if (nlen) {
			rc = dict_phrase_words(d, p, nlen, 1, ids, caps, DICT_PHRASE_MAX);
			if (rc < -1)
				return rc;
			if (rc <= 0) {
				if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "bad member %d", k)))
					return rc;
			} else {
				int w;

				for (w = 0; w < rc; w++)
					ld->d->wflags[ids[w]] |= DICT_W_LEMMA;
				if ((rc = dict_synset_add(d, id, ids, (size_t)rc, 0)))
					return rc;
				any = 1;
			}
		} else if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "empty member %d", k))) {
			return rc;
		}
		i = j + 1;
	}
	if (!any)
		return dict_diag(ld, ENT_DIAG_ERROR, "synset &%s has no members",
		                 d->synset_names.str[id]);
	return ENT_OK;
}

/* Parses one pattern s[0..n) of a verbs line with code; registers it with
 * the verbs of its predicate. */
static int own_pattern(dict_load *ld, const char *s, size_t n, const char *code, int negated)
{
	ent_dict *d = ld->d;
	dict_pat_build *pb;
	size_t i = 0, k;
	int rc = ENT_OK, pred = -1, explicit_pred = 0;
	uint32_t pat;

	pb = ent_malloc(sizeof *pb);
	if (!pb)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	dict_pat_init(pb);
	while (i < n) {
		const char *t;
		size_t tn, j;
		int flags = 0, is_pred = 0;

		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		for (j = i; j < n && !is_space(s[j]); j++)
			;
		t = s + i;
		tn = j - i;
		i = j;
		if (tn >= 2 && t[0] == '(' && t[tn - 1] == ')') {
			flags |= ENT_PE_OPTIONAL;
			t++;
			tn -= 2;
		}
		if (tn && (t[0] == '*' || t[0] == '~')) {
			if (t[0] == '~')
				flags |= ENT_PE_NOUN;
			is_pred = 1;
			t++;
			tn--;
		}
		if (tn == 0 || memchr(t, '(', tn) || memchr(t, ')', tn)) {
			rc = dict_diag(ld, ENT_DIAG_ERROR, "bad token in pattern '%.*s'", (int)n, s);
			goto skip;
		}
		if (tn == 1 && (t[0] == 'X' || t[0] == 'S')) {
			if (is_pred) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "the predicate cannot be %c", t[0]);
				goto skip;
			}
			dict_pat_elem(pb, t[0] == 'X' ? ENT_PE_TARGET : ENT_PE_SOURCE, flags, NULL, 0, 0, 0);
			continue;
		}
		if (t[0] == '&') {
			uint32_t syn;

			for (k = 1; k < tn; k++)
				if (!((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') ||
				      (t[k] >= '0' && t[k] <= '9') || t[k] == '_'))
					break;
			if (tn < 2 || k < tn || tn >= DICT_WORD_MAX) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "bad synset name '%.*s'", (int)tn, t);
				goto skip;
			}
			if ((rc = dict_synset_get(d, t + 1, tn - 1, &syn)))
				goto done;
			if (is_pred) {
				if (explicit_pred) {
					rc = dict_diag(ld, ENT_DIAG_ERROR, "two predicates in pattern '%.*s'",
					               (int)n, s);
					goto skip;
				}
				explicit_pred = 1;
				pred = (int)pb->nelems;
			}
			dict_pat_elem(pb, ENT_PE_WORD, flags | ENT_PE_SYNSET, NULL, 0, 0, syn);
			continue;
		}
		{
			/* a/b/c, each alternative words joined by '_' */
			uint32_t alts[256], ids[DICT_PHRASE_MAX];
			uint8_t caps[DICT_PHRASE_MAX];
			size_t alen = 0, a = 0;
			uint16_t nalts = 0;

			while (a <= tn) {
				size_t b = a;
				int nw;

				while (b < tn && t[b] != '/')
					b++;
				nw = b > a ? dict_phrase_words(d, t + a, b - a, 1, ids, caps, DICT_PHRASE_MAX) : 0;
				if (nw < -1) {
					rc = nw;
					goto done;
				}
				if (nw <= 0 || alen + (size_t)nw + 1 > sizeof alts / sizeof alts[0]) {
					rc = dict_diag(ld, ENT_DIAG_ERROR, "bad word '%.*s' in pattern '%.*s'",
					               (int)tn, t, (int)n, s);
					goto skip;
				}
				alts[alen++] = (uint32_t)nw;
				for (k = 0; k < (size_t)nw; k++) {
					alts[alen++] = ids[k];
					d->wflags[ids[k]] |= DICT_W_LEMMA;
				}
				nalts++;
				a = b + 1;
			}
			if (nalts == 1 && alts[0] == 1 && is_determiner(d, alts[1]) && !is_pred) {
				if ((rc = dict_diag(ld, ENT_DIAG_WARNING,
				                    "determiner '%.*s' is not written in patterns; skipped",
				                    (int)tn, t)))
					goto done;
				continue;
			}
			if (is_pred) {
				if (explicit_pred) {
					rc = dict_diag(ld, ENT_DIAG_ERROR, "two predicates in pattern '%.*s'",
					               (int)n, s);
					goto skip;
				}
				explicit_pred = 1;
				pred = (int)pb->nelems;
			}
			dict_pat_elem(pb, ENT_PE_WORD, flags, alts, alen, nalts, 0);
		}
	}
	if (pb->overflow) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "pattern too long: '%.*s'", (int)n, s);
		goto skip;
	}
	if (pred < 0) {
		for (k = 0; k < pb->nelems; k++)
			if (pb->elems[k].kind == ENT_PE_WORD && !(pb->elems[k].flags & ENT_PE_OPTIONAL)) {
				pred = (int)k;
				break;
			}
	}
	if (pred < 0) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "pattern '%.*s' has no predicate word", (int)n, s);
		goto skip;
	}
	if (pb->elems[pred].flags & ENT_PE_OPTIONAL) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "the predicate of '%.*s' cannot be optional", (int)n, s);
		goto skip;
	}
	pb->elems[pred].kind = ENT_PE_PRED;
	pb->pred = pred;
	if ((rc = dict_pat_commit(ld, pb, negated ? NULL : code, NULL,
	                          (negated ? ENT_PAT_NEGATED : 0) | (pb->nelems == 1 ? ENT_PAT_BARE : 0),
	                          s, n, &pat)))
		goto done;
	if (negated) {
		/* A negated pattern keeps the code it negates for reference. */
		d->patterns[pat].code = code;
	}
	if (pb->elems[pred].flags & ENT_PE_SYNSET) {
		rc = dict_pending_add(ld, pat, pb->elems[pred].synset);
		goto done;
	}
	{
		const uint32_t *a = pb->words + pb->elems[pred].alt_off;

		for (k = 0; k < pb->elems[pred].nalts; k++) {
			uint32_t entry;

			if ((rc = dict_lemma_verb(ld, a + 1, a[0], &entry)) ||
			    (rc = dict_group_add(d, d->entries[entry].group, pat)))
				goto done;
			if (pb->nelems == 1 && !negated && !d->entries[entry].code)
				d->entries[entry].code = code;
			a += 1 + a[0];
		}
	}
	goto done;
skip:
	/* rc is 0 here unless the diagnostic itself failed */
done:
	ent_free(pb);
	return rc;
}

/* The root a verbs file is for (verbs/04.txt -> 4), or 0. */
static int file_root(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (base[0] >= '0' && base[0] <= '9' && base[1] >= '0' && base[1] <= '9' &&
	    strcmp(base + 2, ".txt") == 0)
		return (base[0] - '0') * 10 + base[1] - '0';
	return 0;
}

/* [!]CODE | pattern; pattern */
static int verb_line(dict_load *ld, const char *s, size_t n, const char *bar)
{
	field f[MAX_FIELDS];
	int nf = split_fields(s, (size_t)(bar - s), f, MAX_FIELDS), rc, negated = 0, root;
	const char *code, *p, *rest = bar + 1;
	size_t cn, pn, i = 0, rn = (size_t)(s + n - bar - 1);
	int any = 0;

	if (nf != 1)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected CODE before '|'");
	code = f[0].s;
	cn = f[0].n;
	if (cn && code[0] == '!') {
		negated = 1;
		code++;
		cn--;
	}
	if (!digits(code, cn) || cn < 2 || cn > 4 || !dict_cameo_find(ld->d, code, cn))
		return dict_diag(ld, ENT_DIAG_ERROR, "unknown CAMEO code '%.*s'", (int)cn, code);
	root = (code[0] - '0') * 10 + code[1] - '0';
	if (file_root(ld->path) && file_root(ld->path) != root &&
	    (rc = dict_diag(ld, ENT_DIAG_WARNING, "code %.*s in the file for root %02d",
	                    (int)cn, code, file_root(ld->path))))
		return rc;
	code = dict_string(ld->d, code, cn);
	if (!code)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	while (i <= rn) {
		size_t j = i;

		while (j < rn && rest[j] != ';')
			j++;
		p = rest + i;
		pn = j - i;
		dict_trim(&p, &pn);
		if (pn) {
			if ((rc = own_pattern(ld, p, pn, code, negated)))
				return rc;
			any = 1;
		} else if (j < rn && (rc = dict_diag(ld, ENT_DIAG_ERROR, "empty pattern"))) {
			return rc;
		}
		i = j + 1;
	}
	if (!any)
		return dict_diag(ld, ENT_DIAG_ERROR, "no patterns after '|'");
	return ENT_OK;
}

int dict_load_own(dict_load *ld, const char *text, size_t len)
{
	dict_lines it;
	const char *s, *hash, *bar;
	size_t n;
	int rc;

	it.p = text;
	it.end = text + len;
	it.line = 0;
	while (dict_next_line(&it, &s, &n)) {
		ld->line = it.line;
		if ((hash = memchr(s, '#', n)) != NULL)
			n = (size_t)(hash - s);
		dict_trim(&s, &n);
		if (n == 0)
			continue;
		if (ld->format == ENT_DICT_FMT_VERBS && s[0] == '&') {
			if ((rc = synset_line(ld, s, n)))
				return rc;
			continue;
		}
		bar = memchr(s, '|', n);
		if (!bar) {
			if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "missing '|'")))
				return rc;
			continue;
		}
		switch (ld->format) {
		case ENT_DICT_FMT_ACTORS: rc = actor_line(ld, s, n, bar); break;
		case ENT_DICT_FMT_AGENTS: rc = agent_line(ld, s, n, bar); break;
		case ENT_DICT_FMT_VERBS: rc = verb_line(ld, s, n, bar); break;
		case ENT_DICT_FMT_DISCARDS: rc = discard_line(ld, s, n, bar); break;
		case ENT_DICT_FMT_RELATIONS: rc = relation_line(ld, s, n, bar); break;
		case ENT_DICT_FMT_CAMEO: rc = cameo_line(ld, s, n, bar); break;
		default: rc = ent_error_set(ENT_EINVALID, "not an entente dictionary format");
		}
		if (rc)
			return rc;
	}
	return ENT_OK;
}
