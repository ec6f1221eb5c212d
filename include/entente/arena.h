/*
 * arena.h - region allocator for per-sentence and per-document temporaries.
 *
 * Memory handed out by an arena lives until ent_arena_reset or
 * ent_arena_free; nothing is freed one piece at a time, so the hot path
 * never calls malloc per token. A reset keeps the first block for reuse.
 */
#ifndef ENTENTE_ARENA_H
#define ENTENTE_ARENA_H

#include "common.h"

typedef struct ent_arena ent_arena;

/* Creates an arena whose blocks are at least block_size bytes (0 picks a
 * default of 64 KiB). */
int ent_arena_new(ent_arena **out, size_t block_size);
void ent_arena_free(ent_arena *arena);

/* Releases everything allocated since creation; keeps one block. */
void ent_arena_reset(ent_arena *arena);

/* size bytes aligned for any type, or NULL on out of memory (the last
 * error is set). Zero-filled for ent_arena_calloc. */
void *ent_arena_alloc(ent_arena *arena, size_t size);
void *ent_arena_calloc(ent_arena *arena, size_t n, size_t size);
/* A NUL-terminated copy of s[0..n). */
char *ent_arena_strndup(ent_arena *arena, const char *s, size_t n);

/* Bytes handed out since the last reset (for tests and statistics). */
size_t ent_arena_used(const ent_arena *arena);

#endif
