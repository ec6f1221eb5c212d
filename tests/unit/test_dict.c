/*
 * test_dict.c - dictionaries: lookups against tests/data/dict_lookup.test,
 * malformed lines (tests/fixtures/dict/bad, each bad line marked with what
 * must be reported for it), allocation failures, patterns, the CAMEO table
 * (checked against ../shared/data/cameo when present), the built-in set
 * and the PETRARCH-2 files in ../shared.
 */
#include <stdlib.h>
#include <time.h>

#include "test.h"
#include "../../src/lib/dict_int.h"
#include "../../tools/cameo_csv.h"

/* ------------------------------------------------------------------ */
/* Lookups                                                             */

/* The canonical form of a match: START-END:KIND:CODE. */
static void put_match(ent_buf *b, const ent_dict *d, const ent_dict_match *m)
{
	const ent_dict_entry *e = ent_dict_entry_get(d, m->entry);

	ent_buf_printf(b, "%u-%u:%s:", m->start, m->end, ent_dict_kind_name(m->kind));
	switch (e->kind) {
	case ENT_DICT_ACTOR:
		ent_buf_puts(b, e->code ? e->code : "---");
		break;
	case ENT_DICT_AGENT:
		ent_buf_printf(b, "%s%s%s", e->flags & ENT_ENTRY_PREFIX ? "" : "~", e->code,
		               e->flags & ENT_ENTRY_PREFIX ? "~" : "");
		break;
	case ENT_DICT_VERB:
		ent_buf_puts(b, e->code ? e->code : "-");
		break;
	case ENT_DICT_DISCARD:
		ent_buf_puts(b, e->sub == ENT_DISCARD_STORY ? "story" : "sentence");
		break;
	case ENT_DICT_RELATION:
		ent_buf_printf(b, "%s/%s", e->polarity > 0 ? "+" : e->polarity < 0 ? "-" : "0",
		               e->trend > 0 ? "up" : e->trend < 0 ? "down" : "none");
		break;
	case ENT_DICT_ISSUE:
		ent_buf_puts(b, e->sub == ENT_ISSUE_CODE ? e->code : "exclude");
		break;
	default:
		ent_buf_puts(b, "?");
	}
}

TEST(dict_lookup_cases)
{
	char *data = test_read_file("tests/data/dict_lookup.test", NULL), *line, *save = NULL;
	ent_dict *d = NULL;
	ent_arena *arena;
	ent_date date;
	ent_buf got = ENT_BUF_INIT;
	char text[1024] = "";
	int lineno = 0, cases = 0;

	REQUIRE(data != NULL);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	memset(&date, 0, sizeof date);
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (strncmp(line, "dict ", 5) == 0) {
			ent_dict_free(d);
			d = NULL;
			if (ent_dict_load_dir(&d, line + 5) != 0 || ent_dict_nerrors(d) != 0) {
				fprintf(stderr, "  dict_lookup.test: cannot load %s cleanly: %s\n", line + 5,
				        ent_error_last());
				test_failures++;
				break;
			}
		} else if (strncmp(line, "date ", 5) == 0) {
			memset(&date, 0, sizeof date);
			if (strcmp(line + 5, "-") != 0)
				CHECK(ent_date_parse(&date, line + 5, strlen(line + 5)) == 0);
		} else if (strncmp(line, "text ", 5) == 0) {
			snprintf(text, sizeof text, "%s", line + 5);
		} else if (line[0] == '=' && d) {
			int all = line[1] == '*';
			const char *want = line + (all ? 2 : 1);
			ent_segmentation seg;
			ent_dict_match *m;
			size_t n, k;

			while (*want == ' ')
				want++;
			ent_arena_reset(arena);
			REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
			REQUIRE(ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens,
			                              &date, arena) == 0);
			ent_buf_clear(&got);
			for (k = 0; k < n; k++) {
				if (!all && (m[k].flags & ENT_MATCH_INNER))
					continue;
				if (got.len)
					ent_buf_putc(&got, ' ');
				put_match(&got, d, &m[k]);
			}
			if (strcmp(got.data, want) != 0) {
				test_failures++;
				fprintf(stderr, "  tests/data/dict_lookup.test:%d: %s\n    want '%s'\n    got  '%s'\n",
				        lineno, text, want, got.data);
			}
			cases++;
		}
	}
	CHECK(cases >= 60);
	ent_buf_free(&got);
	ent_dict_free(d);
	ent_arena_free(arena);
	free(data);
}

/* The sentence's tokens with lemmas that a tagger set. */
TEST(dict_tagger_lemmas)
{
	ent_dict *d;
	ent_arena *arena;
	ent_segmentation seg;
	ent_dict_match *m;
	ent_date date;
	const char *text = "Moscow hosts Pakistan";
	size_t n;

	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/own") == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	memset(&date, 0, sizeof date);
	REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
	/* Without lemmas: "hosts" is stripped to host. */
	REQUIRE(ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, &date, arena) == 0);
	REQUIRE(n == 3);
	CHECK_STR(ent_dict_entry_get(d, m[1].entry)->name, "host");
	/* With a lemma the tagger set, the lemma decides. */
	seg.tokens[1].lemma = "visit";
	REQUIRE(ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, &date, arena) == 0);
	REQUIRE(n == 3);
	CHECK_STR(ent_dict_entry_get(d, m[1].entry)->name, "visit");
	ent_arena_free(arena);
	ent_dict_free(d);
}

/* ------------------------------------------------------------------ */
/* Patterns                                                            */

/* The pattern of a verb whose text is text, or NULL. */
static const ent_pattern *find_pattern(const ent_dict *d, const char *verb, const char *text)
{
	uint32_t w = ent_dict_word_id(d, verb, strlen(verb));
	size_t i;

	(void)w;
	for (i = 0; i < ent_dict_nentries(d); i++) {
		const ent_dict_entry *e = ent_dict_entry_get(d, (uint32_t)i);
		const uint32_t *ids;
		size_t n, k;

		if (e->kind != ENT_DICT_VERB)
			continue;
		ids = ent_dict_verb_patterns(d, (uint32_t)i, &n);
		for (k = 0; k < n; k++) {
			const ent_pattern *p = ent_dict_pattern_get(d, ids[k]);

			if (strstr(p->text, text))
				return p;
		}
	}
	return NULL;
}

TEST(dict_patterns)
{
	ent_dict *d;
	const ent_pattern *p;

	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/own") == 0);
	/* pay ~visit to X: the noun is the predicate, pay before it */
	p = find_pattern(d, "visit", "pay ~visit to X");
	REQUIRE(p != NULL);
	CHECK_STR(p->code, "042");
	REQUIRE(p->nelems == 4);
	CHECK_INT(p->pred, 1);
	CHECK_INT(p->elems[1].kind, ENT_PE_PRED);
	CHECK(p->elems[1].flags & ENT_PE_NOUN);
	CHECK_INT(p->elems[0].kind, ENT_PE_WORD);
	CHECK_STR(ent_dict_word(d, p->elems[0].alts[1]), "pay");
	CHECK_INT(p->elems[3].kind, ENT_PE_TARGET);
	/* a bare verb line */
	p = find_pattern(d, "visit", "visit");
	REQUIRE(p != NULL);
	CHECK(p->flags & ENT_PAT_BARE);
	/* alternatives, one of them two words; negation */
	p = find_pattern(d, "visit", "call_off/postpone ~visit");
	REQUIRE(p != NULL);
	CHECK(p->flags & ENT_PAT_NEGATED);
	CHECK_INT(p->elems[0].nalts, 2);
	CHECK_INT(p->elems[0].alts[0], 2);  /* call off */
	/* a synset element, defined in another file */
	p = find_pattern(d, "send", "send &troops to X");
	REQUIRE(p != NULL);
	CHECK(p->elems[1].flags & ENT_PE_SYNSET);
	CHECK_STR(ent_dict_synset_name(d, p->elems[1].synset), "TROOPS");
	CHECK_INT(p->elems[1].nalts, 4);
	/* optional words */
	p = find_pattern(d, "shell", "(heavy) shell X");
	REQUIRE(p != NULL);
	CHECK(p->elems[0].flags & ENT_PE_OPTIONAL);
	CHECK_INT(p->pred, 1);
	ent_dict_free(d);

	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/petr") == 0);
	p = find_pattern(d, "tour", "(TO {CAPITAL CITY})");
	REQUIRE(p != NULL);
	CHECK_STR(p->code, "042");
	CHECK_STR(p->pair_code, "043");
	CHECK(p->flags & ENT_PAT_PETR);
	REQUIRE(p->nelems == 4);
	CHECK_INT(p->elems[0].kind, ENT_PE_PRED);
	CHECK(p->elems[1].flags & ENT_PE_PREP);
	CHECK(p->elems[2].flags & ENT_PE_MOD);
	CHECK(p->elems[3].flags & ENT_PE_HEAD);
	p = find_pattern(d, "give", "$ * + (WITH &MONEY)");
	REQUIRE(p != NULL);
	CHECK_INT(p->elems[0].kind, ENT_PE_SOURCE);
	CHECK_INT(p->elems[2].kind, ENT_PE_TARGET);
	CHECK(p->elems[4].flags & ENT_PE_SYNSET);
	CHECK_INT(p->elems[4].nalts, 4);  /* CASH plus &CURRENCY's three */
	p = find_pattern(d, "give", "WEAPONS");
	REQUIRE(p != NULL);
	CHECK(p->code == NULL);
	CHECK_STR(p->pair_code, "072");
	p = find_pattern(d, "give", "NOTHING");
	REQUIRE(p != NULL);
	CHECK(p->flags & ENT_PAT_NULL);
	p = find_pattern(d, "attack", "IN_*");
	REQUIRE(p != NULL);
	CHECK(p->elems[1].flags & ENT_PE_ADJACENT);
	ent_dict_free(d);
}

TEST(dict_elem_match)
{
	ent_dict *d;
	ent_arena *arena;
	ent_segmentation seg;
	ent_dict_sent *s;
	const ent_pattern *p;
	const char *text = "Russia sent soldiers to Syria";
	size_t end = 0;

	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/own") == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
	REQUIRE(ent_dict_sent_prepare(&s, d, text, seg.tokens, seg.ntokens, arena) == 0);
	p = find_pattern(d, "send", "send &troops to X");
	REQUIRE(p != NULL);
	CHECK(ent_dict_token_is(s, 1, ent_dict_word_id(d, "send", 4)));
	CHECK(ent_dict_elem_match(s, &p->elems[1], 2, &end) == 1);  /* soldiers */
	CHECK_INT(end, 3);
	CHECK(ent_dict_elem_match(s, &p->elems[2], 3, &end) == 1);  /* to */
	CHECK(ent_dict_elem_match(s, &p->elems[2], 2, &end) == 0);
	CHECK(ent_dict_elem_match(s, &p->elems[3], 4, &end) == 0);  /* X: the coder's */
	CHECK(ent_dict_pattern_possible(s, p));
	/* without "to" the pattern cannot match; without troops neither */
	text = "Russia sent soldiers into Syria";
	REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
	REQUIRE(ent_dict_sent_prepare(&s, d, text, seg.tokens, seg.ntokens, arena) == 0);
	CHECK(!ent_dict_pattern_possible(s, p));
	text = "Russia sent money to Syria";
	REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
	REQUIRE(ent_dict_sent_prepare(&s, d, text, seg.tokens, seg.ntokens, arena) == 0);
	CHECK(!ent_dict_pattern_possible(s, p));
	ent_arena_free(arena);
	ent_dict_free(d);
}

/* ------------------------------------------------------------------ */
/* Malformed lines                                                     */

/* Loads a bad fixture as format and checks that its diagnostics are
 * exactly the lines marked "# expect: TEXT", each naming file:line. */
static void check_bad(const char *path, ent_dict_format format)
{
	char *data = test_read_file(path, NULL), *p;
	ent_dict *d;
	int lineno = 0, expected[128], nexp = 0, i;
	char *what[128];
	size_t k;

	REQUIRE(data != NULL);
	for (p = data; *p; ) {
		char *nl = strchr(p, '\n'), *mark;

		if (nl)
			*nl = '\0';
		lineno++;
		if ((mark = strstr(p, "# expect: ")) && nexp < 128) {
			expected[nexp] = lineno;
			what[nexp++] = mark + 10;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	REQUIRE(ent_dict_new(&d) == 0);
	REQUIRE(ent_dict_add_file(d, path, format) == 0);
	REQUIRE(ent_dict_finish(d) == 0);
	for (k = 0; k < ent_dict_ndiags(d); k++) {
		const ent_dict_diag *g = ent_dict_diag_get(d, k);
		char prefix[600];
		int ok = 0;

		snprintf(prefix, sizeof prefix, "%s:%lu: ", path, (unsigned long)g->line);
		if (strncmp(g->message, prefix, strlen(prefix)) != 0) {
			fprintf(stderr, "  message without file:line: %s\n", g->message);
			test_failures++;
		}
		for (i = 0; i < nexp; i++)
			ok |= expected[i] == (int)g->line;
		if (!ok) {
			fprintf(stderr, "  unexpected diagnostic: %s\n", g->message);
			test_failures++;
		}
	}
	for (i = 0; i < nexp; i++) {
		int found = 0;

		for (k = 0; k < ent_dict_ndiags(d); k++) {
			const ent_dict_diag *g = ent_dict_diag_get(d, k);

			found |= (int)g->line == expected[i] && strstr(g->message, what[i]) != NULL;
		}
		if (!found) {
			fprintf(stderr, "  %s:%d: no diagnostic containing '%s'\n", path, expected[i],
			        what[i]);
			test_failures++;
		}
	}
	CHECK(nexp > 0);
	ent_dict_free(d);
	free(data);
}

TEST(dict_bad_lines)
{
	static const struct { const char *file; ent_dict_format format; } files[] = {
		{"actors.txt", ENT_DICT_FMT_ACTORS}, {"agents.txt", ENT_DICT_FMT_AGENTS},
		{"verbs.txt", ENT_DICT_FMT_VERBS}, {"discards.txt", ENT_DICT_FMT_DISCARDS},
		{"relations.txt", ENT_DICT_FMT_RELATIONS}, {"cameo.txt", ENT_DICT_FMT_CAMEO},
		{"petr-actors.txt", ENT_DICT_FMT_PETR_ACTORS},
		{"petr-agents.txt", ENT_DICT_FMT_PETR_AGENTS},
		{"petr-verbs.txt", ENT_DICT_FMT_PETR_VERBS},
		{"petr-discards.txt", ENT_DICT_FMT_PETR_DISCARDS},
		{"petr-issues.txt", ENT_DICT_FMT_PETR_ISSUES},
	};
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[256];

		snprintf(path, sizeof path, "tests/fixtures/dict/bad/%s", files[i].file);
		check_bad(path, files[i].format);
	}
}

TEST(dict_fixtures_load_clean)
{
	ent_dict *d;
	size_t i;

	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/own") == 0);
	for (i = 0; i < ent_dict_ndiags(d); i++)
		fprintf(stderr, "  %s\n", ent_dict_diag_get(d, i)->message);
	CHECK_INT(ent_dict_ndiags(d), 0);
	CHECK_INT(ent_dict_nfiles(d), 9);
	ent_dict_free(d);
	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/petr") == 0);
	CHECK_INT(ent_dict_nerrors(d), 0);
	CHECK_INT(ent_dict_ndiags(d), 0);
	{
		/* ~ a (a b ATTACK) SAY = a b 015 */
		const ent_transform *t = ent_dict_transform_get(d, 0);

		CHECK_INT(ent_dict_ntransforms(d), 1);
		REQUIRE(t != NULL);
		CHECK(t->upper_src == 'a' && t->lower_src == 'a' && t->lower_tgt == 'b');
		CHECK(t->out_src == 'a' && t->out_tgt == 'b');
		CHECK_STR(t->upper_verb, "SAY");
		CHECK_STR(t->upper_code, "010");
		CHECK_STR(t->lower_verb, "ATTACK");
		CHECK_STR(t->lower_code, "190");
		CHECK_STR(t->code, "015");
	}
	for (i = 0; i < ent_dict_nfiles(d); i++)
		CHECK(ent_dict_file(d, i)->format >= ENT_DICT_FMT_PETR_VERBS);
	ent_dict_free(d);
}

TEST(dict_load_errors)
{
	ent_dict *d = (ent_dict *)1;

	CHECK_INT(ent_dict_load_dir(&d, "no/such/dir"), ENT_ENOTFOUND);
	CHECK(d == NULL);
	CHECK(strstr(ent_error_last(), "no/such/dir") != NULL);
	CHECK_INT(ent_dict_load_dir(&d, "tests/unit"), ENT_ENOTFOUND);
	CHECK(strstr(ent_error_last(), "no dictionary files") != NULL);
	CHECK_INT(ent_dict_load_dir(&d, "tests/fixtures/dict/own/nothing*"), ENT_ENOTFOUND);
	/* a list and a glob */
	REQUIRE(ent_dict_load_dir(&d, "tests/fixtures/dict/own/agents.txt,"
	                             "tests/fixtures/dict/petr/*.actors.txt") == 0);
	CHECK_INT(ent_dict_nfiles(d), 2);
	CHECK_INT(ent_dict_file(d, 1)->format, ENT_DICT_FMT_PETR_ACTORS);
	ent_dict_free(d);
	ent_dict_free(NULL);
}

/* ------------------------------------------------------------------ */
/* Allocation failures                                                 */

/* Makes the k-th allocation of a load (and a match) fail for every k
 * until one succeeds: each failure must be a clean error (ASan checks
 * for leaks). */
static void fail_each_allocation(const char *spec)
{
	long k;
	int failures = 0;

	for (k = 0; k < 100000; k++) {
		ent_dict *d = NULL;
		ent_arena *arena = NULL;
		ent_segmentation seg;
		ent_dict_match *m;
		size_t n;
		const char *text = "Putin visited Pakistan's army in Moscow.";
		int rc;

		ent_alloc_fail_after(k);
		rc = ent_dict_load_dir(&d, spec);
		if (rc == 0)
			rc = ent_arena_new(&arena, 0);
		if (rc == 0)
			rc = ent_tokenize(&seg, text, strlen(text), arena);
		if (rc == 0)
			rc = ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, NULL, arena);
		ent_alloc_fail_after(-1);
		ent_arena_free(arena);
		if (rc == 0) {
			ent_dict_free(d);
			break;
		}
		failures++;
		if (rc != ENT_ENOMEM) {
			fprintf(stderr, "  %s: allocation %ld failed with %d (%s), not ENT_ENOMEM\n",
			        spec, k, rc, ent_error_last());
			test_failures++;
		}
		if (d && rc != ENT_ENOMEM) {
			fprintf(stderr, "  %s: failed load left a dictionary\n", spec);
			test_failures++;
		}
		ent_dict_free(d);
	}
	CHECK(failures > 10);
	CHECK(k < 100000);
}

TEST(dict_alloc_failures)
{
	fail_each_allocation("tests/fixtures/dict/own");
	fail_each_allocation("tests/fixtures/dict/petr");
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

TEST(dict_phrase_tokens_as_tokeniser)
{
	static const char *const words[] = {
		"cannot", "gonna", "dont", "wanna", "lemme", "president", "AFGHANISTAN", "Ms",
		"the", "a", "I", "can", "not", "tot", "cannot", "GIMME", "ISNT", "want", NULL
	};
	ent_dict *d;
	ent_arena *arena;
	int i;

	REQUIRE(ent_dict_new(&d) == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	for (i = 0; words[i]; i++) {
		uint32_t ids[DICT_PHRASE_MAX];
		uint8_t caps[DICT_PHRASE_MAX];
		ent_segmentation seg;
		int n = dict_phrase_words(d, words[i], strlen(words[i]), 1, ids, caps, DICT_PHRASE_MAX);

		REQUIRE(ent_tokenize(&seg, words[i], strlen(words[i]), arena) == 0);
		if (n != (int)seg.ntokens) {
			fprintf(stderr, "  '%s': %d words, the tokeniser %zu\n", words[i], n, seg.ntokens);
			test_failures++;
		}
	}
	ent_arena_free(arena);
	ent_dict_free(d);
}

TEST(dict_word_forms)
{
	char out[64], cand[4][DICT_WORD_MAX];
	int n, i, found;

	dict_plural(out, "POLICY", 6);
	CHECK_STR(out, "POLICIES");
	dict_plural(out, "ENVOY", 5);
	CHECK_STR(out, "ENVOYS");
	dict_plural(out, "church", 6);
	CHECK_STR(out, "churches");
	dict_verb_ed(out, "AGREE", 5);
	CHECK_STR(out, "AGREED");
	dict_verb_ed(out, "CARRY", 5);
	CHECK_STR(out, "CARRIED");
	dict_verb_ing(out, "MAKE", 4);
	CHECK_STR(out, "MAKING");
	dict_verb_ing(out, "AGREE", 5);
	CHECK_STR(out, "AGREEING");
	dict_verb_s(out, "PUSH", 4);
	CHECK_STR(out, "PUSHES");
	n = dict_lemma_candidates("stopped", 7, cand, 4);
	for (i = 0, found = 0; i < n; i++)
		found |= strcmp(cand[i], "stop") == 0;
	CHECK(found);
	n = dict_lemma_candidates("tries", 5, cand, 4);
	for (i = 0, found = 0; i < n; i++)
		found |= strcmp(cand[i], "try") == 0;
	CHECK(found);
	n = dict_lemma_candidates("making", 6, cand, 4);
	for (i = 0, found = 0; i < n; i++)
		found |= strcmp(cand[i], "make") == 0;
	CHECK(found);
	CHECK_INT(dict_lemma_candidates("us", 2, cand, 4), 0);
	CHECK(dict_petr_caps_word("us", 2));
	CHECK(!dict_petr_caps_word("iraq", 4));
	/* the irregular table is sorted and unique (binary search elsewhere) */
	for (i = 1; (size_t)i < dict_irregular_count(); i++) {
		const char *a, *b, *x;

		dict_irregular_at((size_t)i - 1, &a, &x);
		dict_irregular_at((size_t)i, &b, &x);
		CHECK(strcmp(a, b) < 0);
	}
}

/* ------------------------------------------------------------------ */
/* The CAMEO table                                                     */

TEST(dict_cameo_table)
{
	ent_dict *d;
	const ent_cameo_code *c;
	size_t i;

	REQUIRE(ent_dict_new(&d) == 0);
	CHECK(ent_dict_ncameo(d) >= 300);
	c = ent_dict_cameo(d, "042");
	REQUIRE(c != NULL);
	CHECK_STR(c->name, "Make a visit");
	CHECK(c->goldstein > 1.89 && c->goldstein < 1.91);
	CHECK_INT(c->quad, 1);
	CHECK_INT(c->root, 4);
	CHECK_STR(c->plover, "CONSULT");
	CHECK_STR(c->plover_mode, "visit");
	c = ent_dict_cameo(d, "19");
	REQUIRE(c != NULL);
	CHECK_INT(c->quad, 4);
	CHECK_STR(c->plover, "ASSAULT");
	c = ent_dict_cameo(d, "010");
	REQUIRE(c != NULL);
	CHECK(c->plover == NULL);
	CHECK(ent_dict_cameo(d, "999") == NULL);
	CHECK(ent_dict_cameo(d, "04") != NULL);
	CHECK(ent_dict_cameo(d, NULL) == NULL);
	for (i = 1; i < ent_dict_ncameo(d); i++)
		CHECK(strcmp(ent_dict_cameo_at(d, i - 1)->code, ent_dict_cameo_at(d, i)->code) < 0);
	for (i = 0; i < ent_dict_ncameo(d); i++) {
		c = ent_dict_cameo_at(d, i);
		CHECK(c->quad == (c->root <= 5 ? 1 : c->root <= 8 ? 2 : c->root <= 13 ? 3 : 4));
	}
	ent_dict_free(d);
}

/* data/dict/cameo.txt agrees with the public tables it was made from. */
TEST(dict_cameo_matches_shared)
{
	static cameo_row rows[1024];
	const char *dir = test_shared_path("data/cameo/cameo-codes.csv");
	char path[4096];
	ent_dict *d;
	int n, i;

	if (!dir) {
		test_skip("../shared/data/cameo not found");
		return;
	}
	snprintf(path, sizeof path, "%s", dir);
	n = cameo_read_codes(path, rows, 1024);
	REQUIRE(n > 300);
	dir = test_shared_path("data/cameo/CAMEO2PLOVER-2021.txt");
	REQUIRE(dir != NULL);
	REQUIRE(cameo_read_plover(dir, rows, n) == 0);
	REQUIRE(ent_dict_new(&d) == 0);
	CHECK_INT(ent_dict_ncameo(d), n);
	for (i = 0; i < n; i++) {
		const ent_cameo_code *c = ent_dict_cameo(d, rows[i].code);

		if (!c) {
			fprintf(stderr, "  code %s missing from cameo.txt\n", rows[i].code);
			test_failures++;
			continue;
		}
		if (strcmp(c->name, rows[i].name) != 0 ||
		    c->goldstein < rows[i].goldstein - 0.001 || c->goldstein > rows[i].goldstein + 0.001 ||
		    strcmp(c->plover ? c->plover : "", rows[i].plover) != 0 ||
		    strcmp(c->plover_mode ? c->plover_mode : "", rows[i].mode) != 0) {
			fprintf(stderr, "  code %s differs from ../shared: %s %.1f %s %s\n", rows[i].code,
			        c->name, c->goldstein, c->plover ? c->plover : "-",
			        c->plover_mode ? c->plover_mode : "-");
			test_failures++;
		}
	}
	ent_dict_free(d);
}

/* ------------------------------------------------------------------ */
/* The built-in set and the PETRARCH files                             */

TEST(dict_builtin_loads)
{
	ent_dict *d;
	size_t i;

	REQUIRE(ent_dict_load_builtin(&d) == 0);
	for (i = 0; i < ent_dict_ndiags(d); i++)
		if (ent_dict_diag_get(d, i)->severity == ENT_DIAG_ERROR)
			fprintf(stderr, "  %s\n", ent_dict_diag_get(d, i)->message);
	CHECK_INT(ent_dict_nerrors(d), 0);
	CHECK(ent_dict_ncameo(d) >= 300);
	ent_dict_free(d);
}

TEST(dict_petrarch_shared)
{
	const char *dir = test_shared_path("data/petrarch/Phoenix.Countries.actors.txt");
	char spec[4096];
	ent_dict *d;
	ent_arena *arena;
	ent_segmentation seg;
	ent_dict_match *m;
	ent_date date;
	ent_dict_stats st;
	const char *text = "Russian President Vladimir Putin visited Pakistan.";
	size_t n, i, patterns = 0, errors = 0;
	int putin = 0;

	if (!dir) {
		test_skip("../shared/data/petrarch not found");
		return;
	}
	snprintf(spec, sizeof spec, "%.*sPhoenix.*,%.*sCAMEO.2.0.txt",
	         (int)(strlen(dir) - strlen("Phoenix.Countries.actors.txt")), dir,
	         (int)(strlen(dir) - strlen("Phoenix.Countries.actors.txt")), dir);
	REQUIRE(ent_dict_load_dir(&d, spec) == 0);
	ent_dict_get_stats(d, &st);
	CHECK(st.actors > 30000);
	CHECK(st.people > 10000);
	CHECK(st.agents > 4000);
	CHECK(st.discards > 400);
	CHECK(st.issues > 3000);
	CHECK(st.synsets >= 40);
	for (i = 0; i < ent_dict_nfiles(d); i++) {
		const ent_dict_file_info *f = ent_dict_file(d, i);

		CHECK(f->format != ENT_DICT_FMT_NONE);
		if (f->format == ENT_DICT_FMT_PETR_VERBS) {
			patterns = f->patterns;
			errors = f->errors;
		}
	}
	/* Every pattern line of CAMEO.2.0.txt is used or reported. */
	CHECK(patterns > 4600);
	CHECK(errors < 20);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
	REQUIRE(ent_date_parse(&date, "2017-09-25", 10) == 0);
	REQUIRE(ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, &date, arena) == 0);
	for (i = 0; i < n; i++) {
		const ent_dict_entry *e = ent_dict_entry_get(d, m[i].entry);

		if (m[i].start == 0 && m[i].end == 4 && e->code && strcmp(e->code, "RUSGOV") == 0)
			putin = 1;
	}
	CHECK(putin);
	ent_arena_free(arena);
	ent_dict_free(d);
}
