/* test_coder.c - the event coder against tests/data/coder.test, with the
 * built-in dictionaries and parser model. */
#include <stdlib.h>
#include "test.h"

static ent_dict *dict;
static ent_model *model;
static ent_coder *coder;

static int setup(void)
{
	if (coder)
		return 0;
	if (ent_dict_load_builtin(&dict) || ent_model_builtin(&model) ||
	    ent_coder_new(&coder, dict, model, NULL))
		return -1;
	return 0;
}

/* Whether an event matches "SRC>TGT:CODE[@DATE][/mod]". */
static int event_matches(const ent_event *e, const char *spec)
{
	char src[32] = "", tgt[32] = "", code[16] = "", date[16] = "", mod[16] = "", d[11];
	const char *at = strchr(spec, '@'), *slash = strchr(spec, '/');

	/* the target may be empty ("SRC>:CODE", an event without one) */
	if (sscanf(spec, "%31[^>]>%31[^:]:%15[^@/ ]", src, tgt, code) != 3 &&
	    sscanf(spec, "%31[^>]>:%15[^@/ ]", src, code) != 2)
		return 0;
	if (at)
		sscanf(at + 1, "%15[^/ ]", date);
	if (slash)
		sscanf(slash + 1, "%15s", mod);
	if (strcmp(e->source, src) != 0 || strcmp(e->target ? e->target : "", tgt) != 0)
		return 0;
	if (strcmp(code, "*") != 0 && strcmp(e->code, code) != 0)
		return 0;
	ent_date_format(d, &e->date);
	if (date[0] && strcmp(d, date) != 0)
		return 0;
	if (mod[0] && strcmp(ent_modality_name(e->modality), mod) != 0)
		return 0;
	return 1;
}

static int relation_matches(const ent_relation *r, const char *spec)
{
	char a[16], b[16], trend[16];
	int pol;

	if (sscanf(spec, "%15[^~]~%15[^:]:%d:%15s", a, b, &pol, trend) != 4)
		return 0;
	return strcmp(r->a, a) == 0 && strcmp(r->b, b) == 0 && r->polarity == pol &&
	       strcmp(ent_trend_name(r->trend), trend) == 0;
}

static void report(const char *text, const ent_coded *c)
{
	size_t k;
	char d[11];

	fprintf(stderr, "    coded:");
	for (k = 0; k < c->nevents; k++) {
		ent_date_format(d, &c->events[k].date);
		fprintf(stderr, " %s>%s:%s@%s/%s", c->events[k].source, c->events[k].target,
		        c->events[k].code, d, ent_modality_name(c->events[k].modality));
	}
	for (k = 0; k < c->nrelations; k++)
		fprintf(stderr, " r %s~%s:%d:%s", c->relations[k].a, c->relations[k].b,
		        c->relations[k].polarity, ent_trend_name(c->relations[k].trend));
	fprintf(stderr, "\n    text: %s\n", text);
}

/* Runs the cases of one file (the format is described at the top of
 * tests/data/coder.test) with coder c; returns how many there were. */
static int run_cases(const char *path, const ent_coder *c)
{
	char *data = test_read_file(path, NULL), *line, *save = NULL;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char text[1024] = "";
	ent_arena *arena;
	ent_coded coded;
	ent_doc doc;
	int lineno = 0, cases = 0, have = 0;

	if (!data || ent_arena_new(&arena, 0) != 0) {
		free(data);
		test_failures++;
		fprintf(stderr, "  %s: cannot read\n", path);
		return 0;
	}
	memset(&doc, 0, sizeof doc);
	memset(&coded, 0, sizeof coded);
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (line[0] == '#')
			continue;
		if (line[0] == '>' && strstr(line, " | ")) {
			char *bar = strstr(line, " | ");

			snprintf(text, sizeof text, "%s", bar + 3);
			memset(&doc, 0, sizeof doc);
			doc.id = "case";
			doc.text = text;
			doc.text_len = strlen(text);
			ent_date_parse(&doc.date, line + 2, (size_t)(bar - line - 2));
			ent_arena_reset(arena);
			if (ent_coder_code(c, &doc, &coded, arena) != 0) {
				test_failures++;
				fprintf(stderr, "  %s:%d: coding failed\n", name, lineno);
				have = 0;
				continue;
			}
			have = 1;
			cases++;
			continue;
		}
		if (!have)
			continue;
		if (line[0] == '+' || line[0] == '-') {
			size_t k;
			int found = 0;

			for (k = 0; k < coded.nevents; k++)
				found |= event_matches(&coded.events[k], line + 2);
			if (found != (line[0] == '+')) {
				test_failures++;
				fprintf(stderr, "  %s:%d: %s\n", name, lineno, line);
				report(text, &coded);
			}
		} else if (line[0] == 'r') {
			size_t k;
			int found = 0;

			for (k = 0; k < coded.nrelations; k++)
				found |= relation_matches(&coded.relations[k], line + 2);
			if (!found) {
				test_failures++;
				fprintf(stderr, "  %s:%d: %s\n", name, lineno, line);
				report(text, &coded);
			}
		} else if (line[0] == 'n') {
			char a[16], b[16];
			size_t k;

			if (sscanf(line + 2, "%15[^~]~%15s", a, b) == 2)
				for (k = 0; k < coded.nrelations; k++)
					if (strcmp(coded.relations[k].a, a) == 0 && strcmp(coded.relations[k].b, b) == 0) {
						test_failures++;
						fprintf(stderr, "  %s:%d: unexpected relation %s\n", name, lineno, line);
						report(text, &coded);
					}
		} else if (line[0] == '0' && coded.nevents) {
			test_failures++;
			fprintf(stderr, "  %s:%d: expected no event\n", name, lineno);
			report(text, &coded);
		}
	}
	ent_arena_free(arena);
	free(data);
	return cases;
}

TEST(coder_cases)
{
	REQUIRE(setup() == 0);
	CHECK(run_cases("tests/data/coder.test", coder) >= 15);
}

/* Entries of the built-in dictionaries pinned down by sentences
 * (tests/data/dict_coding.test), coded with events that may lack a
 * target. */
TEST(dict_coding_cases)
{
	ent_coder *mc = NULL;
	ent_coder_opts opts;

	REQUIRE(setup() == 0);
	memset(&opts, 0, sizeof opts);
	opts.allow_monadic = 1;
	REQUIRE(ent_coder_new(&mc, dict, model, &opts) == 0);
	CHECK(run_cases("tests/data/dict_coding.test", mc) >= 10);
	ent_coder_free(mc);
}

/* PETRARCH-2 dictionary semantics, with small dictionaries in that format
 * written for the project (tests/fixtures/dict/petr-coder). */
TEST(coder_petr_cases)
{
	ent_dict *pd = NULL;
	ent_coder *pc = NULL;

	REQUIRE(setup() == 0);
	REQUIRE(ent_dict_load_dir(&pd, "tests/fixtures/dict/petr-coder") == 0);
	REQUIRE(ent_coder_new(&pc, pd, model, NULL) == 0);
	CHECK(run_cases("tests/data/coder_petr.test", pc) >= 3);
	ent_coder_free(pc);
	ent_dict_free(pd);
}

TEST(coder_mission_documents_do_not_fail)
{
	static const char *const seeds[] = {"seeds/000_5039e55038e57672.txt",
	                                    "seeds/003_78d4114ad03fd01b.txt", NULL};
	ent_arena *arena;
	size_t i;

	REQUIRE(setup() == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	for (i = 0; seeds[i]; i++) {
		const char *path = test_shared_path(seeds[i]);
		ent_buf text = ENT_BUF_INIT;
		char *raw;
		size_t len;
		ent_doc doc;
		ent_coded coded;

		if (!path) {
			test_skip("../shared/seeds not found");
			break;
		}
		raw = test_read_file(path, &len);
		REQUIRE(raw && ent_utf8_clean(&text, raw, len) == 0);
		memset(&doc, 0, sizeof doc);
		doc.id = "seed";
		doc.text = text.data;
		doc.text_len = text.len;
		ent_date_find(&doc.date, doc.text, doc.text_len);
		ent_arena_reset(arena);
		CHECK_INT(ent_coder_code(coder, &doc, &coded, arena), 0);
		CHECK(coded.nevents >= 10);
		CHECK(coded.nrelations >= 5);
		free(raw);
		ent_buf_free(&text);
	}
	ent_arena_free(arena);
}

TEST(coder_out_of_memory)
{
	static const char text[] = "Russia and Pakistan held talks in Moscow. Indo-Russian ties cooled.";
	ent_doc doc;
	long k;

	REQUIRE(setup() == 0);
	memset(&doc, 0, sizeof doc);
	doc.id = "oom";
	doc.text = text;
	doc.text_len = sizeof text - 1;
	for (k = 0; k < 40; k += 3) {
		ent_arena *arena = NULL;
		ent_coded coded;

		if (ent_arena_new(&arena, 4096))
			continue;
		ent_alloc_fail_after(k);
		ent_coder_code(coder, &doc, &coded, arena);
		ent_alloc_fail_after(-1);
		ent_arena_free(arena);
	}
}

/* Events without a target (as the gold evaluation codes them): a reporting
 * verb that attributes its sentence ("..., officials said") is no 010
 * statement; one that says nothing more is. */
TEST(coder_attribution)
{
	static const struct {
		const char *text;
		int statement;
	} cases[] = {
		{"The talks ended without an agreement, Russian officials said.", 0},
		{"The ceasefire collapsed on Monday, the Egyptian foreign ministry said.", 0},
		{"Irish guerrillas wounded two British soldiers in a bomb attack on Thursday, police said.", 0},
		{"Russian officials said on Monday.", 1},
	};
	ent_coder_opts opts;
	ent_coder *monadic;
	ent_arena *arena;
	size_t i, k;

	REQUIRE(setup() == 0);
	memset(&opts, 0, sizeof opts);
	opts.allow_monadic = 1;
	REQUIRE(ent_coder_new(&monadic, dict, model, &opts) == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ent_doc doc;
		ent_coded coded;
		int found = 0;

		memset(&doc, 0, sizeof doc);
		doc.id = "attribution";
		doc.text = cases[i].text;
		doc.text_len = strlen(cases[i].text);
		ent_arena_reset(arena);
		REQUIRE(ent_coder_code(monadic, &doc, &coded, arena) == 0);
		for (k = 0; k < coded.nevents; k++)
			found |= strcmp(coded.events[k].code, "010") == 0;
		CHECK_INT(found, cases[i].statement);
	}
	ent_arena_free(arena);
	ent_coder_free(monadic);
}
