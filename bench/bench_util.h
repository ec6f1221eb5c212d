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

static void fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, ent_error_last());
	exit(1);
}

#endif
