/*
 * signed_int.h - internals of the signed graph shared by signed.c,
 * frustration.c and blocs.c. Not installed; not part of the API.
 */
#ifndef ENTENTE_SIGNED_INT_H
#define ENTENTE_SIGNED_INT_H

#include "entente/analysis.h"

struct ent_signed {
	size_t nnodes, node_cap;
	char **names;          /* owned, one ent_strdup per node */
	uint32_t *name_slot;   /* open addressing: node id + 1, 0 empty */
	size_t name_cap;       /* power of two */

	ent_signed_edge *edges;
	size_t nedges, edge_cap, nneg;
	uint64_t *edge_key;    /* open addressing over (a << 32 | b) */
	uint32_t *edge_slot;   /* edge id for each key */
	size_t edge_key_cap;   /* power of two, 0 before the first edge */
};

/* Compressed adjacency: the neighbours of node u are nbr[off[u] ..
 * off[u+1]), sorted ascending, with the id of the joining edge in eid. */
typedef struct signed_csr {
	size_t n;
	size_t *off;
	uint32_t *nbr;
	uint32_t *eid;
} signed_csr;

/* Builds the adjacency of g; 0 or ENT_ENOMEM (message set). */
int signed_csr_build(signed_csr *csr, const ent_signed *g);
void signed_csr_free(signed_csr *csr);

/* Calls fn once per triangle u < v < w with its three edge ids; stops
 * and returns fn's value when it is non-zero. */
typedef int (*signed_triangle_fn)(void *ctx, uint32_t u, uint32_t v, uint32_t w,
                                  uint32_t e_uv, uint32_t e_uw, uint32_t e_vw);
int signed_csr_triangles(const signed_csr *csr, signed_triangle_fn fn, void *ctx);

/* Connected components: comp[u] in 0..*ncomp-1, numbered in order of
 * their lowest node. comp has csr->n entries. */
void signed_csr_components(const signed_csr *csr, uint32_t *comp, size_t *ncomp,
                           uint32_t *queue);

/* splitmix64: the small seeded generator used for random restarts. */
static inline uint64_t signed_rng_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform integer in [0, bound), bound > 0. */
static inline uint32_t signed_rng_below(uint64_t *state, uint32_t bound)
{
	return (uint32_t)(((signed_rng_next(state) >> 32) * bound) >> 32);
}

#endif
