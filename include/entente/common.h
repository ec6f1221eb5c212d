/*
 * common.h - error codes, the last-error message and the allocator hook.
 *
 * Every fallible library function returns int: 0 (ENT_OK) on success or a
 * negative ENT_E* code. The message that says what and where is kept per
 * thread and read with ent_error_last(). The library never aborts or exits.
 *
 * All allocation goes through ent_malloc/ent_realloc/ent_free so that tests
 * can make the k-th allocation fail (ent_alloc_fail_after).
 */
#ifndef ENTENTE_COMMON_H
#define ENTENTE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __GNUC__
#define ENT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ENT_PRINTF(f, a)
#endif

enum ent_error_code {
	ENT_OK = 0,
	ENT_ENOTFOUND = -1, /* no such file, entry, actor ... */
	ENT_EINVALID = -2,  /* malformed input: text, JSON, XML, request */
	ENT_ENOMEM = -3,    /* out of memory */
	ENT_EIO = -4,       /* read or write failed */
	ENT_ESTORE = -5,    /* the SQLite store failed */
	ENT_ELIMIT = -6,    /* a size limit was exceeded */
	ENT_EFORMAT = -7    /* bad dictionary or model file */
};

/* Sets the calling thread's last error to the formatted message and
 * returns code, so that callers can write `return ent_error_set(...)`. */
int ent_error_set(int code, const char *fmt, ...) ENT_PRINTF(2, 3);

/* The calling thread's last error message ("" when none). Borrowed: valid
 * until the next ent_error_set on this thread. */
const char *ent_error_last(void);

/* Clears the calling thread's last error. */
void ent_error_clear(void);

/* Short name of an error code ("invalid input", ...). */
const char *ent_error_name(int code);

/* Allocation. ent_malloc and ent_realloc return NULL on failure; they never
 * abort. ent_free is NULL-safe. */
void *ent_malloc(size_t size);
void *ent_calloc(size_t n, size_t size);
void *ent_realloc(void *ptr, size_t size);
void ent_free(void *ptr);
char *ent_strdup(const char *s);
char *ent_strndup(const char *s, size_t n);

/* Fault injection for tests: after k more successful allocations, every
 * further allocation fails until reset with k < 0. Not thread-safe; tests
 * only. */
void ent_alloc_fail_after(long k);
/* Number of allocations that ent_alloc_fail_after made fail so far. */
long ent_alloc_failures(void);

#endif
