/* test_timex.c - time expressions against tests/data/timex.test. */
#include <stdlib.h>
#include "test.h"
#include "entente/timex.h"

TEST(timex_cases)
{
	char *data = test_read_file("tests/data/timex.test", NULL), *line, *save = NULL;
	ent_arena *arena;
	int cases = 0, lineno = 0;
	ent_date doc;
	ent_buf got = ENT_BUF_INIT;
	char text[512] = "";

	REQUIRE(data != NULL);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	memset(&doc, 0, sizeof doc);
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (line[0] == '>' && strstr(line, " | ")) {
			char *bar = strstr(line, " | ");

			memset(&doc, 0, sizeof doc);
			if (line[2] != '-')
				ent_date_parse(&doc, line + 2, (size_t)(bar - line - 2));
			snprintf(text, sizeof text, "%s", bar + 3);
		} else if (line[0] == '=') {
			ent_segmentation seg;
			ent_timex tx[8];
			size_t n, k;
			const char *want = line[1] == ' ' ? line + 2 : "";

			ent_arena_reset(arena);
			REQUIRE(ent_tokenize(&seg, text, strlen(text), arena) == 0);
			n = ent_timex_find(tx, 8, seg.tokens, seg.ntokens, text, &doc);
			ent_buf_clear(&got);
			for (k = 0; k < n; k++) {
				char d[11];

				ent_date_format(d, &tx[k].date);
				ent_buf_printf(&got, "%s%s%s", k ? "," : "",
				               tx[k].kind == ENT_TIMEX_SINCE ? "+" : "", d);
			}
			if (strcmp(got.data, want) != 0) {
				test_failures++;
				fprintf(stderr, "  timex.test:%d: %s\n    want '%s' got '%s'\n", lineno, text,
				        want, got.data);
			}
			cases++;
		}
	}
	CHECK(cases >= 10);
	ent_buf_free(&got);
	ent_arena_free(arena);
	free(data);
}
