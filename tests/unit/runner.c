/*
 * runner.c - runs every unit test and fuzz-corpus replay in process, so
 * that ASan and valgrind see everything. Prints `ok N - name` lines and
 * ends with exactly `N passed, N failed`.
 *
 * Usage: test_runner [SUBSTRING]   runs the tests whose names contain it.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "test.h"

int test_failures;
static const char *skip_reason;

#define ENT_UNIT(name) void test_##name(void);
#define ENT_FUZZ(name) int fuzz_##name##_one(const unsigned char *, size_t);
#include "tests.h"
#undef ENT_UNIT
#undef ENT_FUZZ

typedef struct test_case {
	const char *name;
	void (*unit)(void);
	int (*fuzz)(const unsigned char *, size_t);
} test_case;

static const test_case cases[] = {
#define ENT_UNIT(name) {#name, test_##name, NULL},
#define ENT_FUZZ(name) {"fuzz_replay_" #name, NULL, fuzz_##name##_one},
#include "tests.h"
	{NULL, NULL, NULL}
};

void test_skip(const char *why)
{
	skip_reason = why;
}

const char *test_shared_path(const char *rel)
{
	static char path[4096];
	const char *root = getenv("SHARED");
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", root ? root : "../shared", rel);
	if (stat(path, &st) != 0) {
		fprintf(stderr, "  note: %s not found; skipping what needs it\n", path);
		return NULL;
	}
	return path;
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
		if (fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		} else {
			data[n] = '\0';
			if (len)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return data;
}

/* Replays every file in tests/fuzz/corpus/<name>/ through the target. */
static int replay(const char *name, int (*fn)(const unsigned char *, size_t))
{
	char dir[512], path[1024];
	DIR *d;
	struct dirent *e;
	int count = 0;

	snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", name + strlen("fuzz_replay_"));
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "  no corpus at %s\n", dir);
		test_failures++;
		return 0;
	}
	while ((e = readdir(d))) {
		size_t len;
		char *data;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		data = test_read_file(path, &len);
		if (!data)
			continue;
		fn((const unsigned char *)data, len);
		free(data);
		count++;
	}
	closedir(d);
	if (count == 0) {
		fprintf(stderr, "  empty corpus at %s\n", dir);
		test_failures++;
	}
	return count;
}

void cli_cases_run(const char *filter, int *n, int *passed, int *failed);

int main(int argc, char **argv)
{
	const test_case *t;
	int n = 0, passed = 0, failed = 0, skipped = 0;

	for (t = cases; t->name; t++) {
		if (argc > 1 && !strstr(t->name, argv[1]))
			continue;
		test_failures = 0;
		skip_reason = NULL;
		ent_alloc_fail_after(-1);
		ent_error_clear();
		if (t->unit)
			t->unit();
		else
			replay(t->name, t->fuzz);
		ent_alloc_fail_after(-1);
		n++;
		if (test_failures) {
			printf("not ok %d - %s\n", n, t->name);
			failed++;
		} else if (skip_reason) {
			printf("ok %d - %s # skip %s\n", n, t->name, skip_reason);
			skipped++;
		} else {
			printf("ok %d - %s\n", n, t->name);
			passed++;
		}
		fflush(stdout);
	}
	cli_cases_run(argc > 1 ? argv[1] : NULL, &n, &passed, &failed);
	if (skipped)
		printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
