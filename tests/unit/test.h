/*
 * test.h - the in-process test runner's macros.
 *
 * A test is `TEST(name) { ... }` in a file tests/unit/test_NAME.c; the build finds
 * it (tools/gen-tests.sh). CHECK records a failure and goes on; REQUIRE
 * returns from the test. The runner prints `ok N - name` or
 * `not ok N - name` and ends with `N passed, N failed`.
 */
#ifndef ENTENTE_TEST_H
#define ENTENTE_TEST_H

#include <stdio.h>
#include <string.h>
#include "entente/entente.h"

extern int test_failures; /* failures in the current test */

#define TEST(name) void test_##name(void); void test_##name(void)

#define CHECK(cond) do { if (!(cond)) { test_failures++; \
	fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define REQUIRE(cond) do { if (!(cond)) { test_failures++; \
	fprintf(stderr, "  %s:%d: required: %s\n", __FILE__, __LINE__, #cond); return; } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) { test_failures++; \
	fprintf(stderr, "  %s:%d: '%s' != '%s'\n", __FILE__, __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { test_failures++; \
	fprintf(stderr, "  %s:%d: %s = %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); } } while (0)

/* Path of a file under ../shared, or NULL (with a note) when absent. */
const char *test_shared_path(const char *rel);
/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL on error. */
char *test_read_file(const char *path, size_t *len);
/* Marks the current test as skipped with a reason. */
void test_skip(const char *why);

#endif
