/* test_dict_coding.c - entries of the built-in dictionaries pinned down by
 * sentences: tests/data/dict_coding.test, coded with the built-in dictionaries
 * and parser model. The format is coder.test's, events only. */
#include <stdlib.h>
#include "test.h"

/* Whether an event matches "SRC>TGT:CODE" (TGT may be empty; '*' as code:
 * any code). */
static int event_is(const ent_event *e, const char *spec)
{
	const char *gt = strchr(spec, '>'), *colon = gt ? strchr(gt, ':') : NULL;
	const char *tgt = e->target ? e->target : "";

	if (!gt || !colon)
		return 0;
	return strlen(e->source) == (size_t)(gt - spec) && strncmp(e->source, spec, (size_t)(gt - spec)) == 0 &&
	       strlen(tgt) == (size_t)(colon - gt - 1) && strncmp(tgt, gt + 1, (size_t)(colon - gt - 1)) == 0 &&
	       (strcmp(colon + 1, "*") == 0 || strcmp(e->code, colon + 1) == 0);
}

TEST(dict_coding_cases)
{
	char *data = test_read_file("tests/data/dict_coding.test", NULL), *line, *save = NULL;
	char text[1024] = "";
	ent_dict *dict = NULL;
	ent_model *model = NULL;
	ent_coder *coder = NULL;
	ent_coder_opts opts;
	ent_arena *arena = NULL;
	ent_coded coded;
	ent_doc doc;
	int lineno = 0, cases = 0, have = 0;

	REQUIRE(data != NULL);
	memset(&opts, 0, sizeof opts);
	opts.allow_monadic = 1;
	REQUIRE(ent_dict_load_builtin(&dict) == 0);
	REQUIRE(ent_model_builtin(&model) == 0);
	REQUIRE(ent_coder_new(&coder, dict, model, &opts) == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	memset(&coded, 0, sizeof coded);
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t k;
		int found = 0;

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
			REQUIRE(ent_coder_code(coder, &doc, &coded, arena) == 0);
			have = 1;
			cases++;
			continue;
		}
		if (!have)
			continue;
		if (line[0] == '+' || line[0] == '-') {
			for (k = 0; k < coded.nevents; k++)
				found |= event_is(&coded.events[k], line + 2);
			if (found == (line[0] == '+'))
				continue;
		} else if (!(line[0] == '0' && coded.nevents)) {
			continue;
		}
		test_failures++;
		fprintf(stderr, "  dict_coding.test:%d: %s\n    coded:", lineno, line);
		for (k = 0; k < coded.nevents; k++)
			fprintf(stderr, " %s>%s:%s", coded.events[k].source,
			        coded.events[k].target ? coded.events[k].target : "", coded.events[k].code);
		fprintf(stderr, "\n    text: %s\n", text);
	}
	CHECK(cases >= 10);
	ent_arena_free(arena);
	ent_coder_free(coder);
	ent_model_free(model);
	ent_dict_free(dict);
	free(data);
}
