/* test_plumbing.c - error channel, allocator hook, arena, buffer. */
#include <stdlib.h>
#include "test.h"

TEST(error_last_message)
{
	CHECK_INT(ent_error_set(ENT_EINVALID, "bad %s at %d", "thing", 3), ENT_EINVALID);
	CHECK_STR(ent_error_last(), "bad thing at 3");
	ent_error_clear();
	CHECK_STR(ent_error_last(), "");
	CHECK_STR(ent_error_name(ENT_ENOMEM), "out of memory");
}

TEST(alloc_fault_injection)
{
	void *a, *b;

	ent_alloc_fail_after(1);
	a = ent_malloc(10);
	b = ent_malloc(10);
	CHECK(a != NULL);
	CHECK(b == NULL);
	CHECK_INT(ent_alloc_failures(), 1);
	ent_alloc_fail_after(-1);
	ent_free(a);
	ent_free(NULL);
}

TEST(arena_alloc_reset)
{
	ent_arena *a;
	size_t i;
	char *s;

	REQUIRE(ent_arena_new(&a, 1024) == 0);
	for (i = 0; i < 1000; i++) {
		int *p = ent_arena_alloc(a, sizeof(int) * (i % 50 + 1));

		REQUIRE(p != NULL);
		CHECK(((uintptr_t)p & 15) == 0);
		p[0] = (int)i;
	}
	s = ent_arena_strndup(a, "hello world", 5);
	CHECK_STR(s, "hello");
	CHECK(ent_arena_alloc(a, 100000) != NULL);  /* a block of its own */
	ent_arena_reset(a);
	CHECK_INT(ent_arena_used(a), 0);
	CHECK(ent_arena_calloc(a, 10, 8) != NULL);
	ent_arena_free(a);
	ent_arena_free(NULL);
}

TEST(arena_out_of_memory)
{
	long k;

	/* Every allocation point fails once; nothing leaks or crashes. */
	for (k = 0; k < 8; k++) {
		ent_arena *a = NULL;
		int rc;

		ent_alloc_fail_after(k);
		rc = ent_arena_new(&a, 256);
		if (rc == 0) {
			size_t i;

			for (i = 0; i < 20; i++)
				if (!ent_arena_alloc(a, 100))
					break;
		}
		ent_alloc_fail_after(-1);
		ent_arena_free(a);
	}
}

TEST(buf_basics_and_cap)
{
	ent_buf b;
	char *d;
	size_t len;

	ent_buf_init(&b, 16);
	CHECK_STR(b.data, "");
	CHECK_INT(ent_buf_puts(&b, "hello"), 0);
	CHECK_INT(ent_buf_printf(&b, " %d", 42), 0);
	CHECK_STR(b.data, "hello 42");
	CHECK_INT(ent_buf_puts(&b, " and more than sixteen"), ENT_ELIMIT);
	CHECK_STR(b.data, "hello 42");
	ent_buf_clear(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.data, "");
	ent_buf_puts(&b, "x");
	d = ent_buf_detach(&b, &len);
	CHECK_STR(d, "x");
	CHECK_INT(len, 1);
	ent_free(d);
	ent_buf_free(&b);
}

TEST(buf_json_escaping)
{
	ent_buf b = ENT_BUF_INIT;

	static const char in[] = "a\"b\\c\n\t\x01 \xE2\x80\x9Cq\xE2\x80\x9D \xFF";

	ent_buf_put_json_string(&b, in, sizeof in - 1);
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\t\\u0001 \xE2\x80\x9Cq\xE2\x80\x9D \xEF\xBF\xBD\"");
	ent_buf_clear(&b);
	ent_buf_put_tsv_field(&b, "a\tb\nc", 5);
	CHECK_STR(b.data, "a b c");
	ent_buf_free(&b);
}

TEST(buf_out_of_memory)
{
	long k;

	for (k = 0; k < 4; k++) {
		ent_buf b = ENT_BUF_INIT;
		int i, rc = 0;

		ent_alloc_fail_after(k);
		for (i = 0; i < 100 && !rc; i++)
			rc = ent_buf_puts(&b, "0123456789");
		ent_alloc_fail_after(-1);
		CHECK(rc == 0 || rc == ENT_ENOMEM);
		CHECK(b.len == strlen(b.data));
		ent_buf_free(&b);
	}
}

TEST(utf8_clean_normalises)
{
	ent_buf b = ENT_BUF_INIT;

	/* e + combining acute -> precomposed; invalid byte -> U+FFFD; CRLF -> LF */
	static const char in[] = "Cafe\xCC\x81 \xC3(\r\nx\0y";

	ent_utf8_clean(&b, in, sizeof in - 1);
	CHECK_STR(b.data, "Caf\xC3\xA9 \xEF\xBF\xBD(\nx y");
	ent_buf_free(&b);
}
