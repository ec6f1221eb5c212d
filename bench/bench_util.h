/* bench_util.h - what the benchmark programs share: a fixed pseudo-random
 * sequence (the same generated data on every run) and a failure exit.
 * BENCH_NAME names the program in messages. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "entente/entente.h"

static uint64_t lcg = 88172645463325252ULL;

static uint32_t rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(lcg >> 33);
}

/* n dyads between skewed actors (a few big powers in most of them), each
 * with a tone of +1 or -1: actors of one parity are friends, with a few
 * exceptions. */
static void bench_dyads(uint32_t *da, uint32_t *db, int *tone, size_t n, uint32_t actors)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t a = rnd() % actors * (rnd() % actors) / actors, b = rnd() % actors;

		if (a == b)
			b = (b + 1) % actors;
		da[i] = a;
		db[i] = b;
		tone[i] = ((a % 2 == b % 2) != ((a * 31 + b * 17) % 19 == 0)) ? 1 : -1;
	}
}

static void fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, ent_error_last());
	exit(1);
}

#endif
