/*
 * dict_petr.c - readers for the PETRARCH-2 dictionary formats: verbs with
 * synsets, blocks and patterns (CAMEO.2.0.txt), actors with date
 * restrictions, agents with substitution sets, discards and issues.
 *
 * Written from the format description (docs/dictionaries.md, "PETRARCH-2
 * formats") and the files themselves. Every line is either used or
 * reported: errors for lines that cannot be used, "unsupported" for
 * well-formed lines that entente does not apply (transformations with
 * multi-word verbs).
 *
 * Words in these files are upper case and joined by '_' or blanks; they
 * are stored like entente's phrases (tokenised, lower case), so that one
 * matcher serves both.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dict_int.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* ------------------------------------------------------------------ */
/* Lines and comments                                                  */

typedef struct petr_lines {
	dict_lines it;
	int in_comment;   /* inside <!-- ... --> */
} petr_lines;

static const char *find(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what), i;

	for (i = 0; i + w <= n; i++)
		if (memcmp(s + i, what, w) == 0)
			return s + i;
	return NULL;
}

/* The next line without comments ('#' to the end of the line, <!-- -->
 * over one or more lines), trimmed; *blank is set when the line was empty
 * in the file (not just a comment). Returns 0 at the end. */
static int petr_next(dict_load *ld, petr_lines *pl, const char **s, size_t *n, int *blank)
{
	const char *p, *q;
	size_t k;

	if (!dict_next_line(&pl->it, &p, &k))
		return 0;
	ld->line = pl->it.line;
	{
		const char *t = p;
		size_t tn = k;

		dict_trim(&t, &tn);
		*blank = tn == 0 && !pl->in_comment;
	}
	if (pl->in_comment) {
		q = find(p, k, "-->");
		if (!q) {
			*s = p;
			*n = 0;
			return 1;
		}
		k -= (size_t)(q + 3 - p);
		p = q + 3;
		pl->in_comment = 0;
	}
	/* <!-- ... --> and TABARI's <! -- ... --> */
	while ((q = find(p, k, "<!")) != NULL) {
		const char *e = find(q, k - (size_t)(q - p), "-->");

		if (!e) {
			k = (size_t)(q - p);
			pl->in_comment = 1;
			break;
		}
		/* Only a comment at the start of the line is removed whole;
		 * elsewhere the rest of the line goes. */
		if (q == p) {
			k -= (size_t)(e + 3 - p);
			p = e + 3;
		} else {
			k = (size_t)(q - p);
		}
	}
	q = memchr(p, '#', k);
	if (q)
		k = (size_t)(q - p);
	dict_trim(&p, &k);
	*s = p;
	*n = k;
	return 1;
}

/* Strips '_' at both ends. */
static void trim_underscores(const char **s, size_t *n)
{
	while (*n && (*s)[*n - 1] == '_')
		(*n)--;
	while (*n && (*s)[0] == '_') {
		(*s)++;
		(*n)--;
	}
}

static int has_char(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(set, s[i]))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Codes and dates                                                     */

/* Reads a PETRARCH date, YYMMDD or YYYYMMDD, into days. */
static int petr_date(const char *s, size_t n, int32_t *days)
{
	int y, m, d;
	ent_date dt;
	size_t i;

	if (n != 6 && n != 8)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (n == 6) {
		y = (s[0] - '0') * 10 + s[1] - '0';
		y += y <= 30 ? 2000 : 1900;
		s += 2;
	} else {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
		s += 4;
	}
	m = (s[0] - '0') * 10 + s[1] - '0';
	d = (s[2] - '0') * 10 + s[3] - '0';
	if (!ent_date_valid(y, m, d))
		return -1;
	memset(&dt, 0, sizeof dt);
	dt.year = (int16_t)y;
	dt.month = (int8_t)m;
	dt.day = (int8_t)d;
	dt.precision = ENT_DATE_DAY;
	*days = (int32_t)ent_date_days(&dt);
	return 0;
}

/* Reads a date restriction ("", "<D", ">D", "D-D"; blanks already gone)
 * into e. Returns 0 or -1. */
static int petr_restriction(const char *s, size_t n, ent_dict_entry *e)
{
	const char *dash;
	int32_t a, b;

	e->from = ENT_DICT_OPEN_FROM;
	e->to = ENT_DICT_OPEN_TO;
	if (n == 0)
		return 0;
	e->flags |= ENT_ENTRY_DATED;
	if (s[0] == '<') {
		if (petr_date(s + 1, n - 1, &a))
			return -1;
		e->to = a - 1;  /* before the date */
		return 0;
	}
	if (s[0] == '>') {
		if (petr_date(s + 1, n - 1, &a))
			return -1;
		e->from = a + 1;  /* after the date */
		return 0;
	}
	dash = memchr(s, '-', n);
	if (!dash || petr_date(s, (size_t)(dash - s), &a) ||
	    petr_date(dash + 1, n - (size_t)(dash - s) - 1, &b) || a > b)
		return -1;
	e->from = a;
	e->to = b;
	return 0;
}

/* Checks a verb code ("042", "---", "" ): 1 when fine, 0 when bad. *null
 * is set for "---" and "". Codes outside the CAMEO codebook are warned
 * about. */
static int verb_code(dict_load *ld, const char *s, size_t n, const char **code, int *rc)
{
	size_t i;

	*code = NULL;
	*rc = 0;
	if (n == 0 || (n == 3 && memcmp(s, "---", 3) == 0))
		return 1;
	if (n < 2 || n > 4)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	if (!dict_cameo_find(ld->d, s, n))
		*rc = dict_diag(ld, ENT_DIAG_WARNING, "code %.*s is not in the CAMEO codebook; kept",
		                (int)n, s);
	*code = dict_string(ld->d, s, n);
	if (!*code)
		*rc = ent_error_set(ENT_ENOMEM, "out of memory");
	return 1;
}

/* Reads [a:b] codes inside open..close: a the event's code, b the code of
 * its paired event (from the target back to the source); either may be
 * empty or ---. Returns 1 when fine, 0 when bad. */
static int verb_codes(dict_load *ld, const char *open, const char *close, const char **code,
                      const char **pair, int *rc)
{
	const char *colon = memchr(open, ':', (size_t)(close - open));
	const char *a = open + 1, *p = colon ? colon + 1 : NULL;
	size_t an = (size_t)((colon ? colon : close) - a), pn = p ? (size_t)(close - p) : 0;

	*pair = NULL;
	dict_trim(&a, &an);
	dict_trim(&p, &pn);
	if (!verb_code(ld, a, an, code, rc))
		return 0;
	if (*rc)
		return 1;
	if (p && !verb_code(ld, p, pn, pair, rc))
		return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Phrases                                                             */

/* A phrase held until its record is complete. */
typedef struct held_phrase {
	uint32_t ids[DICT_PHRASE_MAX];
	uint8_t spaces[DICT_PHRASE_MAX];
	size_t n;
} held_phrase;

/* Splits s[0..n) (words joined by '_' or blanks) into p, in space.
 * Returns 1 when usable, 0 when not (too long, no words), or < 0. */
static int petr_phrase(ent_dict *d, const char *s, size_t n, int space, int petr_caps,
                       held_phrase *p)
{
	uint8_t caps[DICT_PHRASE_MAX];
	int k = dict_phrase_words(d, s, n, 1, p->ids, caps, DICT_PHRASE_MAX), i;

	if (k < -1)
		return k;
	if (k <= 0)
		return 0;
	p->n = (size_t)k;
	for (i = 0; i < k; i++) {
		p->spaces[i] = (uint8_t)space;
		if (petr_caps && k == 1 &&
		    dict_petr_caps_word(d->words.str[p->ids[i]], d->words.len[p->ids[i]]))
			p->spaces[i] = DICT_CAPS;
	}
	return 1;
}

static int held_add(ent_dict *d, const held_phrase *p, uint32_t entry)
{
	uint32_t node;
	int rc = dict_trie_insert(d, p->ids, p->spaces, p->n, &node);

	return rc ? rc : dict_node_add(d, node, entry);
}

/* ------------------------------------------------------------------ */
/* Actors                                                              */

typedef struct actor_rec {
	held_phrase *phrases;
	size_t nphrases, phrases_cap;
	ent_dict_entry *codes;
	uint32_t *code_lines;
	size_t ncodes, codes_cap;
	const char *name;
	uint32_t line;         /* of the primary phrase; 0: no record open */
} actor_rec;

static int rec_phrase(dict_load *ld, actor_rec *r, const char *s, size_t n)
{
	int rc;

	dict_trim(&s, &n);
	trim_underscores(&s, &n);
	if (n == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "empty actor phrase");
	if (has_char(s, n, "[]{}"))
		return dict_diag(ld, ENT_DIAG_ERROR, "stray bracket in actor phrase '%.*s'; skipped",
		                 (int)n, s);
	if (r->nphrases == r->phrases_cap) {
		size_t cap = r->phrases_cap ? r->phrases_cap * 2 : 8;
		held_phrase *p = ent_realloc(r->phrases, cap * sizeof *p);

		if (!p)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		r->phrases = p;
		r->phrases_cap = cap;
	}
	rc = petr_phrase(ld->d, s, n, DICT_FORM, 1, &r->phrases[r->nphrases]);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "actor phrase '%.*s' has too many words",
		                 (int)n, s);
	if (!r->name && !(r->name = dict_string(ld->d, s, n)))
		return ent_error_set(ENT_ENOMEM, "out of memory");
	r->nphrases++;
	return ENT_OK;
}

static int rec_code(dict_load *ld, actor_rec *r, const ent_dict_entry *e)
{
	if (r->ncodes == r->codes_cap) {
		size_t cap = r->codes_cap ? r->codes_cap * 2 : 8;
		ent_dict_entry *c = ent_realloc(r->codes, cap * sizeof *c);
		uint32_t *l;

		if (!c)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		r->codes = c;
		l = ent_realloc(r->code_lines, cap * sizeof *l);
		if (!l)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		r->code_lines = l;
		r->codes_cap = cap;
	}
	r->codes[r->ncodes] = *e;
	r->code_lines[r->ncodes] = ld->line;
	r->ncodes++;
	return ENT_OK;
}

/* Parses the [CODE DATES] blocks of s[0..n) into the record. */
static int rec_codes(dict_load *ld, actor_rec *r, const char *s, size_t n)
{
	size_t i = 0;
	int rc;

	while (i < n) {
		const char *open, *close, *c;
		char buf[96];
		size_t k = 0, j, cn;
		ent_dict_entry e;

		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		if (s[i] != '[')
			return dict_diag(ld, ENT_DIAG_WARNING, "text after the codes ignored: '%.*s'",
			                 (int)(n - i), s + i);
		open = s + i;
		close = memchr(open, ']', n - i);
		if (!close)
			return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '[' in '%.*s'", (int)(n - i), open);
		/* The code, then the restriction without blanks. */
		c = open + 1;
		while (c < close && is_space(*c))
			c++;
		for (cn = 0; c + cn < close && !is_space(c[cn]); cn++)
			;
		for (j = (size_t)(c + cn - s); s + j < close && k < sizeof buf; j++)
			if (!is_space(s[j]))
				buf[k++] = s[j];
		i = (size_t)(close - s) + 1;
		memset(&e, 0, sizeof e);
		e.kind = ENT_DICT_ACTOR;
		if (k >= sizeof buf || petr_restriction(buf, k, &e)) {
			if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "bad date restriction '%.*s'",
			                    (int)(close - open + 1), open)))
				return rc;
			continue;
		}
		if (cn == 3 && memcmp(c, "---", 3) == 0) {
			e.flags |= ENT_ENTRY_NULL;
			if ((rc = rec_code(ld, r, &e)))
				return rc;
			continue;
		}
		/* TABARI's CODE/CODE gives several codes. */
		while (cn > 0) {
			char code[64];
			size_t m = 0, x;
			int lower = 0, bad = 0;

			for (x = 0; x < cn && c[x] != '/'; x++) {
				char ch = c[x];

				if (ch >= 'a' && ch <= 'z') {
					ch = (char)(ch - 32);
					lower = 1;
				}
				if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) || m + 1 >= sizeof code)
					bad = 1;
				else
					code[m++] = ch;
			}
			if (bad || m < 2) {
				if ((rc = dict_diag(ld, ENT_DIAG_ERROR, "bad actor code '%.*s'", (int)x, c)))
					return rc;
			} else {
				if (lower && (rc = dict_diag(ld, ENT_DIAG_WARNING,
				                             "lower-case code '%.*s' read as %.*s",
				                             (int)x, c, (int)m, code)))
					return rc;
				e.code = dict_string(ld->d, code, m);
				if (!e.code)
					return ent_error_set(ENT_ENOMEM, "out of memory");
				if ((rc = rec_code(ld, r, &e)))
					return rc;
			}
			c += x;
			cn -= x;
			if (cn && c[0] == '/') {
				c++;
				cn--;
			}
		}
	}
	return ENT_OK;
}

/* Ends the open record: its codes become entries, its phrases point at
 * them. */
static int rec_close(dict_load *ld, actor_rec *r)
{
	ent_dict *d = ld->d;
	uint32_t save = ld->line, first = 0;
	size_t i, k;
	int rc = ENT_OK;

	if (!r->line)
		return ENT_OK;
	if (r->ncodes == 0 && r->nphrases > 0) {
		rc = dict_diag_at(ld, r->line, ENT_DIAG_ERROR, "actor '%s' has no code; skipped",
		                  r->name ? r->name : "?");
	} else if (r->nphrases > 0) {
		for (i = 0; i < r->ncodes && !rc; i++) {
			uint32_t id;

			r->codes[i].name = r->name;
			ld->line = r->code_lines[i];
			rc = dict_entry_add(ld, &r->codes[i], &id);
			if (i == 0)
				first = id;
		}
		for (k = 0; k < r->nphrases && !rc; k++) {
			for (i = 0; i < r->ncodes && !rc; i++)
				rc = held_add(d, &r->phrases[k], first + (uint32_t)i);
			if (!rc && ld->file < d->nfiles)
				d->files[ld->file].phrases++;
		}
	}
	ld->line = save;
	r->nphrases = 0;
	r->ncodes = 0;
	r->name = NULL;
	r->line = 0;
	return rc;
}

static int load_actors(dict_load *ld, const char *text, size_t len)
{
	petr_lines pl;
	actor_rec r;
	const char *s;
	size_t n;
	int blank, rc = ENT_OK;

	memset(&pl, 0, sizeof pl);
	memset(&r, 0, sizeof r);
	pl.it.p = text;
	pl.it.end = text + len;
	while (!rc && petr_next(ld, &pl, &s, &n, &blank)) {
		const char *open;

		if (n == 0) {
			/* A blank line ends a record that is still waiting for
			 * its codes. */
			if (blank && r.line && r.ncodes == 0)
				rc = rec_close(ld, &r);
			continue;
		}
		if (s[0] == '[') {
			if (!r.line)
				rc = dict_diag(ld, ENT_DIAG_ERROR, "code line without an actor");
			else
				rc = rec_codes(ld, &r, s, n);
			continue;
		}
		open = memchr(s, '[', n);
		if (s[0] == '+') {
			if (!r.line) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "synonym without an actor");
				continue;
			}
			rc = rec_phrase(ld, &r, s + 1, open ? (size_t)(open - s) - 1 : n - 1);
		} else {
			/* Primary lines in a row share the codes that follow
			 * them ("LEONID_BREZHNEV_", "SECRETARY_BREZHNEV", then
			 * the code lines). */
			if (!r.line || r.ncodes > 0) {
				if ((rc = rec_close(ld, &r)))
					break;
				r.line = ld->line;
			}
			rc = rec_phrase(ld, &r, s, open ? (size_t)(open - s) : n);
		}
		if (!rc && open)
			rc = rec_codes(ld, &r, open, n - (size_t)(open - s));
	}
	if (!rc) {
		ld->line = pl.it.line;
		rc = rec_close(ld, &r);
	}
	ent_free(r.phrases);
	ent_free(r.codes);
	ent_free(r.code_lines);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Agents                                                              */

#define MAX_SUBST 32

typedef struct subst_set {
	char name[32];
	char words[16][48];
	int nwords;
} subst_set;

/* !NAME! = A, B, C */
static int subst_line(dict_load *ld, subst_set *sets, int *nsets, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n), *end = memchr(s + 1, '!', n - 1);
	subst_set *set;
	size_t i;

	if (!eq || !end || end > eq || (size_t)(end - s - 1) >= sizeof sets[0].name || end == s + 1)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected '!NAME! = WORD, WORD'");
	if (*nsets >= MAX_SUBST)
		return dict_diag(ld, ENT_DIAG_ERROR, "too many substitution sets");
	set = &sets[(*nsets)++];
	memset(set, 0, sizeof *set);
	memcpy(set->name, s + 1, (size_t)(end - s - 1));
	i = (size_t)(eq - s) + 1;
	while (i < n) {
		size_t j = i;
		const char *w;
		size_t wn;

		while (j < n && s[j] != ',')
			j++;
		w = s + i;
		wn = j - i;
		dict_trim(&w, &wn);
		if (wn && wn < sizeof set->words[0] && set->nwords < 16) {
			memcpy(set->words[set->nwords], w, wn);
			set->words[set->nwords][wn] = '\0';
			set->nwords++;
		} else if (wn) {
			return dict_diag(ld, ENT_DIAG_ERROR, "substitution word '%.*s' not used (too long "
			                 "or too many)", (int)wn, w);
		}
		i = j + 1;
	}
	if (set->nwords == 0) {
		(*nsets)--;
		return dict_diag(ld, ENT_DIAG_ERROR, "substitution set !%s! is empty", set->name);
	}
	return ENT_OK;
}

/* Adds phrase s[0..n) for entry, after expanding !NAME! sets (each
 * expansion without plurals) or with its plurals (plurals: the {} text,
 * NULL for automatic). */
static int agent_phrases(dict_load *ld, const subst_set *sets, int nsets, const char *s,
                         size_t n, const char *plurals, size_t pn, uint32_t entry, int depth)
{
	const char *bang = memchr(s, '!', n);
	held_phrase p;
	int rc, i;

	if (bang) {
		const char *end = memchr(bang + 1, '!', n - (size_t)(bang - s) - 1);
		const subst_set *set = NULL;

		if (!end)
			return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '!' in '%.*s'", (int)n, s);
		for (i = 0; i < nsets; i++)
			if (strlen(sets[i].name) == (size_t)(end - bang - 1) &&
			    memcmp(sets[i].name, bang + 1, (size_t)(end - bang - 1)) == 0)
				set = &sets[i];
		if (!set)
			return dict_diag(ld, ENT_DIAG_ERROR, "undefined substitution set '%.*s'",
			                 (int)(end - bang + 1), bang);
		if (depth > 3)
			return dict_diag(ld, ENT_DIAG_ERROR, "too many substitutions in '%.*s'", (int)n, s);
		for (i = 0; i < set->nwords; i++) {
			char buf[512];
			int m = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(bang - s), s, set->words[i],
			                 (int)(n - (size_t)(end + 1 - s)), end + 1);

			if (m < 0 || (size_t)m >= sizeof buf)
				return dict_diag(ld, ENT_DIAG_ERROR, "agent phrase too long");
			if ((rc = agent_phrases(ld, sets, nsets, buf, (size_t)m, "", 0, entry, depth + 1)))
				return rc;
		}
		return ENT_OK;
	}
	rc = petr_phrase(ld->d, s, n, DICT_FORM, 1, &p);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "agent phrase '%.*s' has no words or too many",
		                 (int)n, s);
	if ((rc = held_add(ld->d, &p, entry)))
		return rc;
	if (ld->file < ld->d->nfiles)
		ld->d->files[ld->file].phrases++;
	if (!plurals) {
		/* The plural of the last word. */
		char buf[512];
		size_t w = n, m;

		while (w > 0 && s[w - 1] != '_' && !is_space(s[w - 1]))
			w--;
		if (n + 4 >= sizeof buf)
			return ENT_OK;
		memcpy(buf, s, w);
		m = w + dict_plural(buf + w, s + w, n - w);
		return agent_phrases(ld, sets, nsets, buf, m, "", 0, entry, depth + 1);
	}
	/* Listed plurals, separated by blanks. */
	{
		size_t i2 = 0;

		while (i2 < pn) {
			size_t j;

			while (i2 < pn && (is_space(plurals[i2]) || plurals[i2] == ','))
				i2++;
			for (j = i2; j < pn && !is_space(plurals[j]) && plurals[j] != ','; j++)
				;
			if (j > i2 && (rc = agent_phrases(ld, sets, nsets, plurals + i2, j - i2, "", 0,
			                                  entry, depth + 1)))
				return rc;
			i2 = j;
		}
	}
	return ENT_OK;
}

/* PHRASE {PLURALS}? [~CODE] or [CODE~] */
static int agent_line(dict_load *ld, const subst_set *sets, int nsets, const char *s, size_t n)
{
	const char *open = memchr(s, '[', n), *brace = memchr(s, '{', n), *close, *c, *plurals = NULL;
	size_t cn, pn = 0, phn;
	ent_dict_entry e;
	uint32_t id;
	int rc;

	if (!open)
		return dict_diag(ld, ENT_DIAG_ERROR, "agent without [code]; skipped");
	close = memchr(open, ']', n - (size_t)(open - s));
	if (!close)
		return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '[' in agent code");
	if (brace && brace > open)
		brace = NULL;
	phn = (size_t)((brace ? brace : open) - s);
	if (brace) {
		const char *end = memchr(brace, '}', (size_t)(open - brace));

		if (!end)
			return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '{' in agent plurals");
		plurals = brace + 1;
		pn = (size_t)(end - brace - 1);
	}
	{
		const char *t = close + 1;
		size_t tn = n - (size_t)(close + 1 - s);

		dict_trim(&t, &tn);
		if (tn)
			return dict_diag(ld, ENT_DIAG_ERROR, "unexpected text '%.*s' after the code",
			                 (int)tn, t);
	}
	c = open + 1;
	cn = (size_t)(close - c);
	dict_trim(&c, &cn);
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_AGENT;
	if (cn && c[0] == '~') {
		c++;
		cn--;
	} else if (cn && c[cn - 1] == '~') {
		cn--;
		e.flags |= ENT_ENTRY_PREFIX;
	} else {
		return dict_diag(ld, ENT_DIAG_ERROR, "agent code '%.*s' needs '~' (~GOV or NGO~)",
		                 (int)(close - open - 1), open + 1);
	}
	{
		size_t i;

		for (i = 0; i < cn; i++)
			if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9')))
				break;
		if (cn < 2 || i < cn || cn > 60)
			return dict_diag(ld, ENT_DIAG_ERROR, "bad agent code '%.*s'",
			                 (int)(close - open - 1), open + 1);
	}
	dict_trim(&s, &phn);
	trim_underscores(&s, &phn);
	if (phn == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "agent without a phrase");
	e.code = dict_string(ld->d, c, cn);
	e.name = dict_string(ld->d, s, phn);
	if (!e.code || !e.name)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if ((rc = dict_entry_add(ld, &e, &id)))
		return rc;
	/* A phrase with a substitution gets no automatic plural. */
	return agent_phrases(ld, sets, nsets, s, phn,
	                     plurals ? plurals : memchr(s, '!', phn) ? "" : NULL, pn, id, 0);
}

static int load_agents(dict_load *ld, const char *text, size_t len)
{
	petr_lines pl;
	subst_set *sets;
	int nsets = 0, blank, rc = ENT_OK;
	const char *s;
	size_t n;

	sets = ent_malloc(MAX_SUBST * sizeof *sets);
	if (!sets)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	memset(&pl, 0, sizeof pl);
	pl.it.p = text;
	pl.it.end = text + len;
	while (!rc && petr_next(ld, &pl, &s, &n, &blank)) {
		if (n == 0)
			continue;
		if (s[0] == '!' && memchr(s, '=', n))
			rc = subst_line(ld, sets, &nsets, s, n);
		else
			rc = agent_line(ld, sets, nsets, s, n);
	}
	ent_free(sets);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Discards                                                            */

static int load_discards(dict_load *ld, const char *text, size_t len)
{
	petr_lines pl;
	int blank, rc = ENT_OK;
	const char *s;
	size_t n;

	memset(&pl, 0, sizeof pl);
	pl.it.p = text;
	pl.it.end = text + len;
	while (!rc && petr_next(ld, &pl, &s, &n, &blank)) {
		ent_dict_entry e;
		held_phrase p;
		uint32_t id;

		if (n == 0)
			continue;
		memset(&e, 0, sizeof e);
		e.kind = ENT_DICT_DISCARD;
		if (s[0] == '+') {
			e.sub = ENT_DISCARD_STORY;
			s++;
			n--;
			dict_trim(&s, &n);
		}
		/* A final '_' asks for a word boundary, which whole-word
		 * matching always has. */
		trim_underscores(&s, &n);
		rc = petr_phrase(ld->d, s, n, DICT_LEMMA, 1, &p);
		if (rc < 0)
			break;
		if (rc == 0) {
			rc = dict_diag(ld, ENT_DIAG_ERROR, "discard '%.*s' has no words or too many",
			               (int)n, s);
			continue;
		}
		e.name = dict_string(ld->d, s, n);
		if (!e.name) {
			rc = ent_error_set(ENT_ENOMEM, "out of memory");
			break;
		}
		if ((rc = dict_entry_add(ld, &e, &id)) || (rc = held_add(ld->d, &p, id)))
			break;
		if (ld->file < ld->d->nfiles)
			ld->d->files[ld->file].phrases++;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Issues                                                              */

/* Adds the variants of an issue phrase: each a+b reads "a b" and "a-b";
 * a word marked n: or v: matches every inflection (lemma space). */
static int issue_phrase(dict_load *ld, const char *s, size_t n, uint32_t entry)
{
	ent_dict *d = ld->d;
	size_t nplus = 0, i;
	unsigned v;
	int rc;

	for (i = 0; i < n; i++)
		if (s[i] == '+' && i > 0 && i + 1 < n)
			nplus++;
	if (nplus > 6)
		return dict_diag(ld, ENT_DIAG_ERROR, "too many '+' in issue phrase");
	for (v = 0; v < (1u << nplus); v++) {
		uint32_t ids[DICT_PHRASE_MAX], wids[DICT_PHRASE_MAX], node;
		uint8_t spaces[DICT_PHRASE_MAX], caps[DICT_PHRASE_MAX];
		size_t marks[8], nmarks = 0, k = 0, w = 0, bn = 0, b = 0;
		char buf[512];

		if (n + 8 >= sizeof buf)
			return dict_diag(ld, ENT_DIAG_ERROR, "issue phrase too long");
		for (i = 0; i < n; i++) {
			if (s[i] == '+' && i > 0 && i + 1 < n) {
				buf[bn++] = (v >> b) & 1 ? '-' : ' ';
				b++;
			} else if ((s[i] == 'n' || s[i] == 'v') && i + 2 < n && s[i + 1] == ':' &&
			           (i == 0 || is_space(s[i - 1]) || s[i - 1] == '+')) {
				if (nmarks < 8)
					marks[nmarks++] = bn;
				i++;
			} else {
				buf[bn++] = s[i];
			}
		}
		/* Words separated by blanks; a word with a mark is a lemma. */
		while (w < bn) {
			size_t j, x;
			int space = DICT_FORM, m, y;

			while (w < bn && is_space(buf[w]))
				w++;
			if (w >= bn)
				break;
			for (j = w; j < bn && !is_space(buf[j]); j++)
				;
			for (x = 0; x < nmarks; x++)
				if (marks[x] >= w && marks[x] < j)
					space = DICT_LEMMA;
			m = dict_phrase_words(d, buf + w, j - w, 0, wids, caps, DICT_PHRASE_MAX);
			if (m < -1)
				return m;
			if (m <= 0 || k + (size_t)m > DICT_PHRASE_MAX)
				return dict_diag(ld, ENT_DIAG_ERROR, "bad issue phrase '%.*s'", (int)n, s);
			for (y = 0; y < m; y++) {
				ids[k] = wids[y];
				spaces[k++] = (uint8_t)space;
			}
			w = j;
		}
		if (k == 0)
			return dict_diag(ld, ENT_DIAG_ERROR, "bad issue phrase '%.*s'", (int)n, s);
		if ((rc = dict_trie_insert(d, ids, spaces, k, &node)) ||
		    (rc = dict_node_add(d, node, entry)))
			return rc;
		if (ld->file < d->nfiles)
			d->files[ld->file].phrases++;
	}
	return ENT_OK;
}

static int load_issues(dict_load *ld, const char *text, size_t len)
{
	petr_lines pl;
	int blank, rc = ENT_OK;
	const char *s;
	size_t n;

	memset(&pl, 0, sizeof pl);
	pl.it.p = text;
	pl.it.end = text + len;
	while (!rc && petr_next(ld, &pl, &s, &n, &blank)) {
		ent_dict_entry e;
		const char *open;
		uint32_t id;

		if (n == 0)
			continue;
		/* The <ISSUE ...> and </ISSUE> wrappers only group entries. */
		if ((n > 6 && memcmp(s, "<ISSUE", 6) == 0) || (n >= 8 && memcmp(s, "</ISSUE>", 8) == 0))
			continue;
		memset(&e, 0, sizeof e);
		e.kind = ENT_DICT_ISSUE;
		if (n > 2 && s[0] == '~' && s[1] == '~') {
			e.sub = ENT_ISSUE_EXCLUDE_STORY;
			s += 2;
			n -= 2;
		} else if (s[0] == '~') {
			e.sub = ENT_ISSUE_EXCLUDE_SENTENCE;
			s++;
			n--;
		}
		open = memchr(s, '[', n);
		if (e.sub == ENT_ISSUE_CODE) {
			const char *close = open ? memchr(open, ']', n - (size_t)(open - s)) : NULL;
			const char *t;
			size_t tn;

			if (!open || !close || close == open + 1) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "issue phrase without [CODE]; skipped");
				continue;
			}
			t = close + 1;
			tn = n - (size_t)(close + 1 - s);
			dict_trim(&t, &tn);
			if (tn) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "unexpected text '%.*s' after the code",
				               (int)tn, t);
				continue;
			}
			e.code = dict_string(ld->d, open + 1, (size_t)(close - open - 1));
			if (!e.code) {
				rc = ent_error_set(ENT_ENOMEM, "out of memory");
				break;
			}
			n = (size_t)(open - s);
		} else if (open) {
			rc = dict_diag(ld, ENT_DIAG_ERROR, "an issue exclusion has no code");
			continue;
		}
		dict_trim(&s, &n);
		if (n == 0) {
			rc = dict_diag(ld, ENT_DIAG_ERROR, "empty issue phrase");
			continue;
		}
		e.name = dict_string(ld->d, s, n);
		if (!e.name) {
			rc = ent_error_set(ENT_ENOMEM, "out of memory");
			break;
		}
		if ((rc = dict_entry_add(ld, &e, &id)))
			break;
		rc = issue_phrase(ld, s, n, id);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Verbs                                                               */

/* --- NAME [CODE] --- */
static int block_line(dict_load *ld, const char *s, size_t n)
{
	const char *open = memchr(s, '[', n), *close = open ? memchr(open, ']', n - (size_t)(open - s)) : NULL;
	const char *name = s + 3, *code, *pair;
	size_t nn;
	uint32_t group;
	int rc;

	if (!open || !close)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected '--- NAME [CODE] ---'");
	nn = (size_t)(open - name);
	dict_trim(&name, &nn);
	if (!verb_codes(ld, open, close, &code, &pair, &rc)) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "bad block code '%.*s'; the block has no default code",
		               (int)(close - open + 1), open);
		code = pair = NULL;
	}
	if (rc)
		return rc;
	if ((rc = dict_group_new(ld->d, &group)))
		return rc;
	ld->group = group + 1;
	ld->block_code = code;
	ld->block_pair = pair;
	ld->block = dict_string(ld->d, name, nn);
	if (!ld->block)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	return ENT_OK;
}

/* Adds one form of a verb (words joined by '_', the verb word marked
 * '+') for entry. */
static int verb_form(dict_load *ld, const char *s, size_t n, uint32_t entry)
{
	ent_dict *d = ld->d;
	char buf[256];
	const char *b = buf;
	size_t i, k = 0;
	held_phrase p;
	uint32_t node, x;
	int rc;

	if (n >= sizeof buf)
		return dict_diag(ld, ENT_DIAG_ERROR, "verb form too long");
	for (i = 0; i < n; i++)
		if (s[i] != '+')
			buf[k++] = s[i];
	trim_underscores(&b, &k);
	rc = petr_phrase(d, b, k, DICT_LEMMA, 0, &p);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "bad verb form '%.*s'", (int)n, s);
	if ((rc = dict_trie_insert(d, p.ids, p.spaces, p.n, &node)))
		return rc;
	/* The same verb twice in a block adds nothing. */
	for (x = d->node_term[node]; x; x = d->term_links.links[x].next) {
		const ent_dict_entry *o = &d->entries[d->term_links.links[x].id];

		if (o->kind == ENT_DICT_VERB && o->sub == 1 && o->group == d->entries[entry].group)
			return ENT_OK;
	}
	if ((rc = dict_node_add(d, node, entry)))
		return rc;
	if (ld->file < d->nfiles)
		d->files[ld->file].phrases++;
	return ENT_OK;
}

/* VERB {FORMS}? [CODE]? */
static int verb_line(dict_load *ld, const char *s, size_t n)
{
	const char *brace = memchr(s, '{', n), *open = memchr(s, '[', n), *code = NULL, *pair = NULL;
	const char *forms = NULL, *verb = s, *plus;
	size_t vn, fn = 0, i, w;
	ent_dict_entry e;
	uint32_t id;
	int rc, pred = 0;

	if (open && brace && brace > open)
		return dict_diag(ld, ENT_DIAG_ERROR, "expected VERB {FORMS} [CODE]");
	vn = (size_t)((brace ? brace : open ? open : s + n) - s);
	dict_trim(&verb, &vn);
	if (brace) {
		const char *end = memchr(brace, '}', n - (size_t)(brace - s));

		if (!end || (open && end > open))
			return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '{' in verb forms");
		forms = brace + 1;
		fn = (size_t)(end - brace - 1);
	}
	if (open) {
		const char *close = memchr(open, ']', n - (size_t)(open - s)), *t;
		size_t tn;

		if (!close)
			return dict_diag(ld, ENT_DIAG_ERROR, "unclosed '[' in verb code");
		if (!verb_codes(ld, open, close, &code, &pair, &rc)) {
			return dict_diag(ld, ENT_DIAG_ERROR, "bad verb code '%.*s'; verb skipped",
			                 (int)(close - open + 1), open);
		}
		if (rc)
			return rc;
		t = close + 1;
		tn = n - (size_t)(close + 1 - s);
		dict_trim(&t, &tn);
		if (tn)
			return dict_diag(ld, ENT_DIAG_ERROR, "unexpected text '%.*s'", (int)tn, t);
	} else {
		code = ld->block_code;
		pair = ld->block_pair;
	}
	if (vn == 0 || has_char(verb, vn, "{}[]()*"))
		return dict_diag(ld, ENT_DIAG_ERROR, "bad verb '%.*s'", (int)vn, verb);
	/* The verb word: the one marked '+', else the first. */
	plus = memchr(verb, '+', vn);
	if (plus) {
		for (i = 0; verb + i < plus; i++)
			if (verb[i] == '_' || is_space(verb[i]))
				pred++;
	}
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_VERB;
	e.sub = 1;
	e.code = code;
	e.pair_code = pair;
	e.group = ld->group - 1;
	e.pred = (uint16_t)pred;
	e.name = ld->block;
	if ((rc = dict_entry_add(ld, &e, &id)) || (rc = verb_form(ld, verb, vn, id)))
		return rc;
	if (!has_char(verb, vn, "_+ \t")) {
		/* a one-word verb: its code, for transformations */
		if (ld->nvcodes == ld->vcodes_cap) {
			size_t cap = ld->vcodes_cap ? ld->vcodes_cap * 2 : 256;
			struct dict_verb_code *v = ent_realloc(ld->vcodes, cap * sizeof *v);

			if (!v)
				return ent_error_set(ENT_ENOMEM, "out of memory");
			ld->vcodes = v;
			ld->vcodes_cap = cap;
		}
		ld->vcodes[ld->nvcodes].w = verb;
		ld->vcodes[ld->nvcodes].n = vn;
		ld->vcodes[ld->nvcodes].code = code;
		ld->nvcodes++;
	}
	if (forms) {
		/* Forms are separated by blanks (some files add commas). */
		for (i = 0; i < fn;) {
			while (i < fn && (is_space(forms[i]) || forms[i] == ','))
				i++;
			for (w = i; w < fn && !is_space(forms[w]) && forms[w] != ','; w++)
				;
			if (w > i && (rc = verb_form(ld, forms + i, w - i, id)))
				return rc;
			i = w;
		}
		return ENT_OK;
	}
	/* Regular forms of the verb word. */
	{
		const char *vw = verb, *ve;
		size_t (*make[3])(char *, const char *, size_t) = {dict_verb_s, dict_verb_ed, dict_verb_ing};
		int f;

		for (i = 0; (int)i < pred; i++) {
			while (*vw != '_' && !is_space(*vw))
				vw++;
			vw++;
		}
		if (*vw == '+')
			vw++;
		ve = vw;
		while (ve < verb + vn && *ve != '_' && !is_space(*ve))
			ve++;
		for (f = 0; f < 3; f++) {
			char buf[256];
			size_t k = (size_t)(vw - verb), m;

			if (vn + 8 >= sizeof buf)
				break;
			memcpy(buf, verb, k);
			m = make[f](buf + k, vw, (size_t)(ve - vw));
			memcpy(buf + k + m, ve, (size_t)(verb + vn - ve));
			if ((rc = verb_form(ld, buf, k + m + (size_t)(verb + vn - ve), id)))
				return rc;
		}
	}
	return ENT_OK;
}

/* The parser of one pattern's text. */
typedef struct pat_parse {
	dict_load *ld;
	dict_pat_build *pb;
	int compound;      /* a % before the '*' */
	int npred;
} pat_parse;

static int pat_word(pat_parse *pp, const char *w, size_t n, int flags, int *bad)
{
	ent_dict *d = pp->ld->d;
	uint32_t alts[DICT_PHRASE_MAX + 1];
	uint8_t caps[DICT_PHRASE_MAX];
	int k, i, rc;

	if (w[0] == '&') {
		uint32_t syn;

		if (n < 2 || has_char(w + 1, n - 1, "&+$%^!{}[]()"))
			return *bad = 1, 0;
		if ((rc = dict_synset_get(d, w + 1, n - 1, &syn)))
			return rc;
		dict_pat_elem(pp->pb, ENT_PE_WORD, flags | ENT_PE_SYNSET, NULL, 0, 0, syn);
		return 0;
	}
	k = dict_phrase_words(d, w, n, 0, alts + 1, caps, DICT_PHRASE_MAX);
	if (k < -1)
		return k;
	if (k <= 0)
		return *bad = 1, 0;
	alts[0] = (uint32_t)k;
	for (i = 0; i < k; i++)
		d->wflags[alts[1 + i]] |= DICT_W_LEMMA;
	dict_pat_elem(pp->pb, ENT_PE_WORD, flags, alts, (size_t)k + 1, 1, 0);
	return 0;
}

/* Parses PRE * POST into pp->pb; returns 0 with *bad set when malformed. */
static int pat_items(pat_parse *pp, const char *s, size_t n, int *bad)
{
	dict_pat_build *pb = pp->pb;
	size_t i = 0;
	int adjacent = 0, in_paren = 0, paren_first = 0, brace_start = -1, rc;

	while (i < n && !*bad) {
		char c = s[i];
		int flags;

		if (is_space(c)) {
			adjacent = 0;
			i++;
			continue;
		}
		if (c == '_') {
			adjacent = 1;
			i++;
			continue;
		}
		if (c == '{') {
			if (brace_start >= 0)
				return *bad = 1, 0;
			brace_start = (int)pb->nelems;
			i++;
			continue;
		}
		if (c == '}') {
			size_t k;

			if (brace_start < 0 || (size_t)brace_start >= pb->nelems)
				return *bad = 1, 0;
			for (k = (size_t)brace_start; k < pb->nelems; k++)
				pb->elems[k].flags |= k + 1 == pb->nelems ? ENT_PE_HEAD : ENT_PE_MOD;
			brace_start = -1;
			i++;
			continue;
		}
		if (c == '(') {
			if (in_paren || brace_start >= 0)
				return *bad = 1, 0;
			in_paren = 1;
			paren_first = 1;
			i++;
			continue;
		}
		if (c == ')') {
			if (!in_paren || brace_start >= 0 || paren_first)
				return *bad = 1, 0;
			in_paren = 0;
			i++;
			continue;
		}
		flags = adjacent ? ENT_PE_ADJACENT : 0;
		adjacent = 0;
		if (paren_first) {
			flags |= ENT_PE_PREP;
			paren_first = 0;
		}
		if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^') {
			i++;
			if (c == '*') {
				pp->npred++;
				dict_pat_elem(pb, ENT_PE_PRED, flags, NULL, 0, 0, 0);
			} else if (c == '$') {
				dict_pat_elem(pb, ENT_PE_SOURCE, flags, NULL, 0, 0, 0);
			} else if (c == '+') {
				dict_pat_elem(pb, ENT_PE_TARGET, flags, NULL, 0, 0, 0);
			} else if (c == '^') {
				dict_pat_elem(pb, ENT_PE_SKIP, flags, NULL, 0, 0, 0);
			} else if (pp->npred == 0) {
				pp->compound = 1;  /* % before the verb */
			} else {
				/* % after the verb: a (compound) target */
				dict_pat_elem(pb, ENT_PE_TARGET, flags, NULL, 0, 0, 0);
			}
			continue;
		}
		{
			size_t j = i;

			while (j < n && !is_space(s[j]) && !strchr("_{}()*", s[j]))
				j++;
			if (j == i)
				return *bad = 1, 0;
			if ((rc = pat_word(pp, s + i, j - i, flags, bad)))
				return rc;
			i = j;
		}
	}
	if (in_paren || brace_start >= 0)
		*bad = 1;
	return 0;
}

/* - PRE * POST [CODE] */
static int pattern_line(dict_load *ld, const char *s, size_t n)
{
	const char *open = NULL, *close, *code = NULL, *pair = NULL, *body = s + 1;
	size_t bn, i;
	dict_pat_build *pb;
	pat_parse pp;
	uint32_t pat;
	int rc = ENT_OK, bad = 0, flags = ENT_PAT_PETR;

	if (!ld->group)
		return dict_diag(ld, ENT_DIAG_ERROR, "pattern outside a verb block");
	for (i = n; i > 0; i--)
		if (s[i - 1] == '[') {
			open = s + i - 1;
			break;
		}
	close = open ? memchr(open, ']', n - (size_t)(open - s)) : NULL;
	if (!open || !close)
		return dict_diag(ld, ENT_DIAG_ERROR, "pattern without [CODE]; skipped");
	{
		const char *t = close + 1;
		size_t tn = n - (size_t)(close + 1 - s);

		dict_trim(&t, &tn);
		if (tn)
			return dict_diag(ld, ENT_DIAG_ERROR, "unexpected text '%.*s' after the code",
			                 (int)tn, t);
	}
	if (!verb_codes(ld, open, close, &code, &pair, &rc))
		return dict_diag(ld, ENT_DIAG_ERROR, "bad code '%.*s'; pattern skipped",
		                 (int)(close - open + 1), open);
	if (rc)
		return rc;
	if (!code && !pair)
		flags |= ENT_PAT_NULL;
	bn = (size_t)(open - body);
	dict_trim(&body, &bn);
	pb = ent_malloc(sizeof *pb);
	if (!pb)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	dict_pat_init(pb);
	memset(&pp, 0, sizeof pp);
	pp.ld = ld;
	pp.pb = pb;
	if ((rc = pat_items(&pp, body, bn, &bad)))
		goto done;
	if (bad || pb->overflow) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "cannot read pattern '%.*s'; skipped", (int)bn, body);
		goto done;
	}
	if (pp.npred != 1) {
		rc = dict_diag(ld, ENT_DIAG_ERROR, "pattern needs exactly one '*'; skipped");
		goto done;
	}
	if (pp.compound)
		flags |= ENT_PAT_COMPOUND;
	if (pb->nelems == 1)
		flags |= ENT_PAT_BARE;
	if ((rc = dict_pat_commit(ld, pb, code, pair, flags, s, n, &pat)))
		goto done;
	rc = dict_group_add(ld->d, ld->group - 1, pat);
done:
	ent_free(pb);
	return rc;
}

/* The code of a one-word verb read earlier in the file: the first of its
 * lines that has one. *known gets whether the verb was read at all. */
static const char *verb_code_of(const dict_load *ld, const char *w, size_t n, int *known)
{
	size_t i;

	*known = 0;
	for (i = 0; i < ld->nvcodes; i++)
		if (ld->vcodes[i].n == n && strncasecmp(ld->vcodes[i].w, w, n) == 0) {
			*known = 1;
			if (ld->vcodes[i].code)
				return ld->vcodes[i].code;
		}
	return NULL;
}

/* One word of a transformation line: the next run of characters that
 * are not blanks or parentheses; a parenthesis is a word of its own. */
static size_t tf_word(const char *s, size_t n, size_t *i, const char **w)
{
	size_t j;

	while (*i < n && is_space(s[*i]))
		(*i)++;
	*w = s + *i;
	if (*i >= n)
		return 0;
	if (s[*i] == '(' || s[*i] == ')' || s[*i] == '=') {
		(*i)++;
		return 1;
	}
	for (j = *i; j < n && !is_space(s[j]) && !strchr("()=", s[j]); j++)
		;
	j -= *i;
	*i += j;
	return j;
}

static int tf_var(const char *w, size_t n, char *out)
{
	if (n != 1 || !(isalpha((unsigned char)w[0]) || w[0] == '.' || w[0] == '_'))
		return 0;
	*out = (char)tolower((unsigned char)w[0]);
	return 1;
}

/* ~ a (b c LOWER) UPPER = x y CODE: a verb transformation (dictionaries.rst,
 * "Transformations"). The verbs must be one-word verbs of this file (a
 * "Q" for the lower verb is any verb; for the code, the lower verb's). */
static int transform_line(dict_load *ld, const char *s, size_t n)
{
	ent_transform t;
	const char *w[12];
	size_t wn[12], i = 1, k;
	int nw = 0, known;

	while (nw < 12 && (wn[nw] = tf_word(s, n, &i, &w[nw])) > 0)
		nw++;
	memset(&t, 0, sizeof t);
	if (nw != 11 || w[1][0] != '(' || w[5][0] != ')' ||
	    w[7][0] != '=' || !tf_var(w[0], wn[0], &t.upper_src) || !tf_var(w[2], wn[2], &t.lower_src) ||
	    !tf_var(w[3], wn[3], &t.lower_tgt) || !tf_var(w[8], wn[8], &t.out_src) ||
	    !tf_var(w[9], wn[9], &t.out_tgt))
		return dict_diag(ld, ENT_DIAG_ERROR, "cannot read transformation '%.*s'; expected "
		                 "'~ a (a b LOWER) UPPER = a b CODE'", (int)n, s);
	if (has_char(w[4], wn[4], "_+&") || has_char(w[6], wn[6], "_+&"))
		return dict_diag(ld, ENT_DIAG_UNSUPPORTED, "transformation with a multi-word verb is "
		                 "not supported; line not used");
	t.upper_verb = dict_string(ld->d, w[6], wn[6]);
	t.upper_code = verb_code_of(ld, w[6], wn[6], &known);
	if (!known)
		return dict_diag(ld, ENT_DIAG_ERROR, "transformation names verb '%.*s' that is not "
		                 "in this file; line not used", (int)wn[6], w[6]);
	if (!(wn[4] == 1 && toupper((unsigned char)w[4][0]) == 'Q')) {
		t.lower_verb = dict_string(ld->d, w[4], wn[4]);
		t.lower_code = verb_code_of(ld, w[4], wn[4], &known);
		if (!known)
			return dict_diag(ld, ENT_DIAG_ERROR, "transformation names verb '%.*s' that is "
			                 "not in this file; line not used", (int)wn[4], w[4]);
		if (!t.lower_verb)
			return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	if (!(wn[10] == 1 && toupper((unsigned char)w[10][0]) == 'Q')) {
		for (k = 0; k < wn[10]; k++)
			if (!isdigit((unsigned char)w[10][k]))
				break;
		if (k != wn[10] || wn[10] < 2 || wn[10] > 4)
			return dict_diag(ld, ENT_DIAG_ERROR, "bad transformation code '%.*s'; line not used",
			                 (int)wn[10], w[10]);
		t.code = dict_string(ld->d, w[10], wn[10]);
		if (!t.code)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		if (!ent_dict_cameo(ld->d, t.code))
			dict_diag(ld, ENT_DIAG_WARNING, "code %s is not in the CAMEO codebook; kept", t.code);
	}
	t.file = ld->file;
	t.line = ld->line;
	t.text = dict_string(ld->d, s, n);
	if (!t.upper_verb || !t.text)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	return dict_transform_add(ld->d, &t);
}

static int load_verbs(dict_load *ld, const char *text, size_t len)
{
	petr_lines pl;
	int blank, rc = ENT_OK;
	const char *s;
	size_t n;

	memset(&pl, 0, sizeof pl);
	pl.it.p = text;
	pl.it.end = text + len;
	while (!rc && petr_next(ld, &pl, &s, &n, &blank)) {
		if (n == 0) {
			if (blank)
				ld->in_synset = 0;
			continue;
		}
		if (s[0] == '&') {
			/* &NAME (a trailing _: members get no plurals) */
			const char *name = s + 1;
			size_t nn = n - 1;

			trim_underscores(&name, &nn);
			if (nn == 0 || has_char(name, nn, " \t&+[]{}()")) {
				rc = dict_diag(ld, ENT_DIAG_ERROR, "bad synset name '%.*s'", (int)n, s);
				ld->in_synset = 0;
				continue;
			}
			if ((rc = dict_synset_get(ld->d, name, nn, &ld->synset)))
				break;
			if (ld->d->synsets[ld->synset].line) {
				rc = dict_diag(ld, ENT_DIAG_WARNING, "synset &%.*s defined again; members "
				               "added to the first definition", (int)nn, name);
			} else {
				ld->d->synsets[ld->synset].file = ld->file;
				ld->d->synsets[ld->synset].line = ld->line;
				if (ld->file < ld->d->nfiles)
					ld->d->files[ld->file].synsets++;
			}
			ld->in_synset = 1;
			continue;
		}
		if (s[0] == '+' && ld->in_synset) {
			const char *m = s + 1;
			size_t mn = n - 1;

			trim_underscores(&m, &mn);
			if (mn > 1 && m[0] == '&') {
				uint32_t ref;

				if ((rc = dict_synset_get(ld->d, m + 1, mn - 1, &ref)) ||
				    (rc = dict_synset_add(ld->d, ld->synset, NULL, 0, ref)))
					break;
			} else {
				held_phrase p;

				rc = mn ? petr_phrase(ld->d, m, mn, DICT_LEMMA, 0, &p) : 0;
				if (rc < 0)
					break;
				if (rc == 0) {
					rc = dict_diag(ld, ENT_DIAG_ERROR, "bad synset member '%.*s'", (int)n, s);
					continue;
				}
				{
					size_t k;

					for (k = 0; k < p.n; k++)
						ld->d->wflags[p.ids[k]] |= DICT_W_LEMMA;
				}
				rc = dict_synset_add(ld->d, ld->synset, p.ids, p.n, 0);
			}
			continue;
		}
		ld->in_synset = 0;
		if (n >= 3 && memcmp(s, "---", 3) == 0) {
			rc = block_line(ld, s, n);
		} else if (s[0] == '-') {
			rc = pattern_line(ld, s, n);
		} else if (s[0] == '~') {
			rc = transform_line(ld, s, n);
		} else if (!ld->group) {
			rc = dict_diag(ld, ENT_DIAG_ERROR, "verb outside a verb block");
		} else {
			rc = verb_line(ld, s, n);
		}
	}
	ent_free(ld->vcodes);
	ld->vcodes = NULL;
	ld->nvcodes = ld->vcodes_cap = 0;
	return rc;
}

int dict_load_petr(dict_load *ld, const char *text, size_t len)
{
	switch (ld->format) {
	case ENT_DICT_FMT_PETR_VERBS: return load_verbs(ld, text, len);
	case ENT_DICT_FMT_PETR_ACTORS: return load_actors(ld, text, len);
	case ENT_DICT_FMT_PETR_AGENTS: return load_agents(ld, text, len);
	case ENT_DICT_FMT_PETR_DISCARDS: return load_discards(ld, text, len);
	case ENT_DICT_FMT_PETR_ISSUES: return load_issues(ld, text, len);
	default: return ent_error_set(ENT_EINVALID, "not a PETRARCH dictionary format");
	}
}
