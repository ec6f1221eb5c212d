/* test_segment.c - the segmenter against tests/data/segment.test, and
 * the invariants of its output. */
#include <stdlib.h>
#include "test.h"

/* Renders a segmentation as "tok | tok || tok" for comparison. */
static void render(ent_buf *out, const char *text, const ent_segmentation *seg)
{
	size_t i, k;

	for (i = 0; i < seg->nsents; i++) {
		if (i)
			ent_buf_puts(out, " || ");
		for (k = 0; k < seg->sents[i].ntokens; k++) {
			const ent_token *t = &seg->tokens[seg->sents[i].first + k];

			if (k)
				ent_buf_puts(out, " | ");
			ent_buf_put(out, text + t->start, t->end - t->start);
		}
	}
}

TEST(segment_cases)
{
	char *data = test_read_file("tests/data/segment.test", NULL), *line, *save = NULL;
	ent_buf input = ENT_BUF_INIT, got = ENT_BUF_INIT;
	ent_arena *arena;
	int lineno = 0, cases = 0, have_input = 0;

	REQUIRE(data != NULL);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (line[0] == '>' && line[1] == ' ') {
			const char *p;

			ent_buf_clear(&input);
			for (p = line + 2; *p; p++) {
				if (p[0] == '\\' && p[1] == 'n') {
					ent_buf_putc(&input, '\n');
					p++;
				} else {
					ent_buf_putc(&input, *p);
				}
			}
			have_input = 1;
		} else if (line[0] == '=' && line[1] == ' ' && have_input) {
			ent_segmentation seg;

			ent_arena_reset(arena);
			ent_buf_clear(&got);
			REQUIRE(ent_segment(&seg, input.data, input.len, arena) == 0);
			render(&got, input.data, &seg);
			if (strcmp(got.data, line + 2) != 0) {
				test_failures++;
				fprintf(stderr, "  segment.test case before line ~%d:\n    input: %s\n    want:  %s\n    got:   %s\n",
				        lineno, input.data, line + 2, got.data);
			}
			cases++;
			have_input = 0;
		}
	}
	CHECK(cases >= 20);
	ent_buf_free(&input);
	ent_buf_free(&got);
	ent_arena_free(arena);
	free(data);
}

TEST(segment_offsets_and_flags)
{
	const char *text = "Russia's envoy didn't meet NATO.\n\nBACKGROUND: It is Gen. Ali's plan.";
	ent_arena *arena;
	ent_segmentation seg;
	size_t i;

	REQUIRE(ent_arena_new(&arena, 0) == 0);
	REQUIRE(ent_segment(&seg, text, strlen(text), arena) == 0);
	CHECK_INT(seg.nsents, 3);
	CHECK(seg.sents[1].flags & ENT_SENT_HEADER);
	CHECK(seg.sents[2].flags == 0);
	CHECK(seg.sents[0].flags & ENT_SENT_PARA);
	for (i = 0; i < seg.ntokens; i++) {
		CHECK(seg.tokens[i].end > seg.tokens[i].start);
		CHECK(seg.tokens[i].head == -1);
		if (i)
			CHECK(seg.tokens[i].start >= seg.tokens[i - 1].end);
	}
	/* "'s" is a clitic joined to Russia; "n't" to "did" */
	CHECK(seg.tokens[1].flags & ENT_TOK_JOINED);
	CHECK(!(seg.tokens[0].flags & ENT_TOK_SPACE_AFTER));
	CHECK(seg.tokens[0].flags & ENT_TOK_CAPITAL);
	CHECK(seg.tokens[6].flags & ENT_TOK_ALLCAPS);  /* NATO */
	ent_arena_free(arena);
}

TEST(segment_empty_and_space)
{
	ent_arena *arena;
	ent_segmentation seg;

	REQUIRE(ent_arena_new(&arena, 0) == 0);
	CHECK_INT(ent_segment(&seg, "", 0, arena), 0);
	CHECK_INT(seg.ntokens, 0);
	CHECK_INT(seg.nsents, 0);
	CHECK_INT(ent_segment(&seg, " \n\t \n", 5, arena), 0);
	CHECK_INT(seg.nsents, 0);
	CHECK_INT(ent_segment(&seg, "...", 3, arena), 0);
	CHECK_INT(seg.ntokens, 1);
	ent_arena_free(arena);
}

TEST(segment_out_of_memory)
{
	const char *text = "Russia met Pakistan. India met China. The U.S. objected strongly.";
	long k;

	for (k = 0; k < 6; k++) {
		ent_arena *arena = NULL;
		ent_segmentation seg;

		if (ent_arena_new(&arena, 128))
			continue;
		ent_alloc_fail_after(k);
		ent_segment(&seg, text, strlen(text), arena);
		ent_alloc_fail_after(-1);
		ent_arena_free(arena);
	}
}

TEST(segment_long_text_linear)
{
	/* 200,000 sentences in one document: must finish (no quadratic
	 * behaviour) and count right. */
	ent_buf text = ENT_BUF_INIT;
	ent_arena *arena;
	ent_segmentation seg;
	int i;

	for (i = 0; i < 200000; i++)
		ent_buf_puts(&text, "Russia met Pakistan in Moscow. ");
	REQUIRE(ent_arena_new(&arena, 1 << 20) == 0);
	REQUIRE(ent_segment(&seg, text.data, text.len, arena) == 0);
	CHECK_INT(seg.nsents, 200000);
	CHECK_INT(seg.ntokens, 1200000);
	ent_arena_free(arena);
	ent_buf_free(&text);
}

TEST(splitter_model_load_errors)
{
	ent_splitter *m = NULL;
	unsigned char bad[16] = "NOTAMODEL";
	ent_buf good = ENT_BUF_INIT;
	ent_splitter_trainer *t;
	uint32_t ends[2] = {20, 41};
	const char *doc = "Russia met Pakistan. India met China in May";

	CHECK_INT(ent_splitter_load(&m, bad, sizeof bad), ENT_EFORMAT);
	CHECK(m == NULL);
	CHECK(strstr(ent_error_last(), "bad magic") != NULL);
	REQUIRE(ent_splitter_trainer_new(&t) == 0);
	REQUIRE(ent_splitter_trainer_add(t, doc, strlen(doc), ends, 2) == 0);
	REQUIRE(ent_splitter_trainer_run(t, 2, 10, &good) == 0);
	CHECK_INT(good.len, 12 + 4 * 1024);
	/* truncated */
	CHECK_INT(ent_splitter_load(&m, good.data, good.len - 1), ENT_EFORMAT);
	CHECK_INT(ent_splitter_load(&m, good.data, good.len), 0);
	ent_splitter_free(m);
	ent_splitter_trainer_free(t);
	ent_buf_free(&good);
}

TEST(splitter_training_is_deterministic)
{
	const char *doc = "Russia met Pakistan. India met China. Kabul 08/16/2000 12:05 PM I wrote";
	uint32_t ends[3] = {20, 37, 60};
	ent_buf a = ENT_BUF_INIT, b = ENT_BUF_INIT;
	int round;

	for (round = 0; round < 2; round++) {
		ent_splitter_trainer *t;

		REQUIRE(ent_splitter_trainer_new(&t) == 0);
		ent_splitter_trainer_add(t, doc, strlen(doc), ends, 3);
		ent_splitter_trainer_run(t, 3, 12, round ? &b : &a);
		ent_splitter_trainer_free(t);
	}
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	ent_buf_free(&a);
	ent_buf_free(&b);
}

/* Whether text starts with prefix, reading a no-break space in text as a
 * space. */
static int starts_with(const char *text, const char *prefix)
{
	while (*prefix) {
		if ((unsigned char)text[0] == 0xC2 && (unsigned char)text[1] == 0xA0) {
			if (*prefix != ' ')
				return 0;
			text += 2;
		} else if (*text++ != *prefix) {
			return 0;
		}
		prefix++;
	}
	return 1;
}

/* The mission documents (../shared/seeds) must segment without a single
 * wrong boundary: every sentence listed here must come out exactly, in
 * order, and the counts must match a reading done by hand. */
static void check_seed(const char *rel, size_t want_sents, const char *const *starts)
{
	const char *path = test_shared_path(rel);
	char *raw;
	size_t len, i, j = 0;
	ent_buf text = ENT_BUF_INIT;
	ent_arena *arena;
	ent_segmentation seg;

	if (!path) {
		test_skip("../shared/seeds not found");
		return;
	}
	raw = test_read_file(path, &len);
	REQUIRE(raw != NULL);
	REQUIRE(ent_utf8_clean(&text, raw, len) == 0);
	REQUIRE(ent_arena_new(&arena, 0) == 0);
	REQUIRE(ent_segment(&seg, text.data, text.len, arena) == 0);
	CHECK_INT(seg.nsents, want_sents);
	for (i = 0; i < seg.nsents && starts[j]; i++) {
		const char *s = text.data + seg.sents[i].start;

		if (starts_with(s, starts[j]))
			j++;
	}
	if (starts[j]) {
		test_failures++;
		fprintf(stderr, "  %s: no sentence starts with \"%s\"\n", rel, starts[j]);
	}
	ent_arena_free(arena);
	ent_buf_free(&text);
	free(raw);
}

TEST(segment_mission_documents)
{
	static const char *const doc000[] = {
		"BACKGROUND:", "While there is good reason", "First, there is reason to see",
		"IMPLICATIONS:", "Neither are they likely", "CONCLUSIONS:",
		"In 2007, Russia’s ambassador to Israel, Andrei Demidov, stated",
		"AUTHOR’S BIO:", "Image source:kremlin.ru accessed on 02.08. 2017", NULL
	};
	static const char *const doc003[] = {
		"Russia’s Foreign Policy Challenges", "Spearhead Opinion – 25.09.2017",
		"By Shirin Naseer", "Research Analyst",
		"President Trump’s August 21 speech", "Shortly after, Pakistan put off the visit",
		"Days after Pakistan and Russia held negotiations", "Moscow vetoed on the April 19 UN resolution",
		"This can be of special interest to Pakistan", NULL
	};

	check_seed("seeds/000_5039e55038e57672.txt", 56, doc000);
	check_seed("seeds/003_78d4114ad03fd01b.txt", 49, doc003);
}
