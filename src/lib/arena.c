/*
 * arena.c - region allocator: blocks chained in a list, bump allocation.
 *
 * Requests larger than a quarter of the block size get a block of their
 * own, so a few big arrays do not waste the tail of the current block.
 */
#include <assert.h>
#include <string.h>

#include "entente/arena.h"

#define ARENA_ALIGN 16
#define ARENA_DEFAULT_BLOCK (64 * 1024)

typedef struct block {
	struct block *next;
	size_t size;  /* usable bytes after the header */
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
} block;

struct ent_arena {
	block *head;      /* current block, first in the list */
	size_t block_size;
	size_t used;      /* bytes handed out since the last reset */
};

static block *block_new(size_t size)
{
	block *b = ent_malloc(sizeof *b + size);

	if (!b)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

int ent_arena_new(ent_arena **out, size_t block_size)
{
	ent_arena *a;

	*out = NULL;
	a = ent_malloc(sizeof *a);
	if (!a)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	a->head = NULL;
	a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
	a->used = 0;
	*out = a;
	return ENT_OK;
}

void ent_arena_free(ent_arena *a)
{
	block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		ent_free(b);
	}
	ent_free(a);
}

void ent_arena_reset(ent_arena *a)
{
	block *b, *next, *keep = NULL;

	/* Keep the largest standard-size block: the last in the chain is the
	 * oldest, which was allocated at the standard size. */
	for (b = a->head; b; b = next) {
		next = b->next;
		if (!next && b->size == a->block_size) {
			keep = b;
			break;
		}
		ent_free(b);
	}
	a->head = keep;
	if (keep)
		keep->used = 0;
	a->used = 0;
}

void *ent_arena_alloc(ent_arena *a, size_t size)
{
	block *b = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);

	if (need < size) {
		ent_error_set(ENT_ENOMEM, "arena request too large");
		return NULL;
	}
	if (!b || b->size - b->used < need) {
		if (need > a->block_size / 4) {
			/* A block of its own, linked behind the current one so
			 * that the current block keeps serving small requests. */
			block *big = block_new(need);

			if (!big) {
				ent_error_set(ENT_ENOMEM, "out of memory");
				return NULL;
			}
			big->used = need;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			a->used += need;
			return big->mem;
		}
		b = block_new(a->block_size);
		if (!b) {
			ent_error_set(ENT_ENOMEM, "out of memory");
			return NULL;
		}
		b->next = a->head;
		a->head = b;
	}
	b->used += need;
	a->used += need;
	return b->mem + b->used - need;
}

void *ent_arena_calloc(ent_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size) {
		ent_error_set(ENT_ENOMEM, "arena request too large");
		return NULL;
	}
	p = ent_arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *ent_arena_strndup(ent_arena *a, const char *s, size_t n)
{
	char *copy = ent_arena_alloc(a, n + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

size_t ent_arena_used(const ent_arena *a)
{
	return a->used;
}
