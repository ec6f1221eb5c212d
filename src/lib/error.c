/*
 * error.c - the per-thread last-error message and the allocator hook.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/common.h"

static _Thread_local char last_error[1024];

int ent_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	return code;
}

const char *ent_error_last(void)
{
	return last_error;
}

void ent_error_clear(void)
{
	last_error[0] = '\0';
}

const char *ent_error_name(int code)
{
	switch (code) {
	case ENT_OK: return "ok";
	case ENT_ENOTFOUND: return "not found";
	case ENT_EINVALID: return "invalid input";
	case ENT_ENOMEM: return "out of memory";
	case ENT_EIO: return "input/output error";
	case ENT_ESTORE: return "store error";
	case ENT_ELIMIT: return "limit exceeded";
	case ENT_EFORMAT: return "bad dictionary or model";
	default: return "unknown error";
	}
}

/*
 * Fault injection. fail_after counts down the allocations still allowed;
 * negative means no injection. Tests run single-threaded, so plain
 * variables do; the hot path pays one compare.
 */
static long fail_after = -1;
static long failures;

void ent_alloc_fail_after(long k)
{
	fail_after = k;
	failures = 0;
}

long ent_alloc_failures(void)
{
	return failures;
}

static int should_fail(void)
{
	if (fail_after < 0)
		return 0;
	if (fail_after == 0) {
		failures++;
		return 1;
	}
	fail_after--;
	return 0;
}

void *ent_malloc(size_t size)
{
	if (should_fail())
		return NULL;
	return malloc(size ? size : 1);
}

void *ent_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *ent_realloc(void *ptr, size_t size)
{
	if (should_fail())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

void ent_free(void *ptr)
{
	free(ptr);
}

char *ent_strndup(const char *s, size_t n)
{
	char *copy = ent_malloc(n + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *ent_strdup(const char *s)
{
	return ent_strndup(s, strlen(s));
}
