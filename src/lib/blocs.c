/*
 * blocs.c - signed blocs: groups of states with positive ties inside and
 * negative ties between (research note 2.5).
 *
 * Two methods. Spinglass is Traag & Bruggeman's Potts model with negative
 * links as igraph implements it (IGRAPH_SPINCOMM_IMP_NEG); it chooses the
 * number of blocs itself, needs a connected graph, and so runs once per
 * connected component. Relocation is Doreian & Mrvar's: k blocs, the
 * criterion alpha*N + (1-alpha)*P (N negative ties inside blocs, P
 * positive ties between), greedy single-node moves from random starts,
 * the best start kept. Both are stochastic and seeded.
 */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "signed_int.h"

static double edge_weight(const ent_signed_edge *e, int weighted)
{
	return weighted ? fabs(e->weight) : 1.0;
}

/* Fills the violation counts and the criterion of b->member. */
static void score_blocs(ent_blocs *b, const ent_signed *g, double alpha, int weighted)
{
	double neg = 0, pos = 0;
	size_t i;

	b->neg_within = b->pos_between = 0;
	for (i = 0; i < g->nedges; i++) {
		const ent_signed_edge *e = &g->edges[i];
		int same = b->member[e->a] == b->member[e->b];

		if (same && e->sign < 0) {
			b->neg_within++;
			neg += edge_weight(e, weighted);
		} else if (!same && e->sign > 0) {
			b->pos_between++;
			pos += edge_weight(e, weighted);
		}
	}
	b->criterion = alpha * neg + (1 - alpha) * pos;
}

/*
 * Renumbers arbitrary labels (>= 0) as 0.. by bloc size, largest first,
 * ties by lowest node; isolated nodes (no edges) become blocs of their own
 * first. Sets b->nblocs. Returns 0 or ENT_ENOMEM.
 */
static int renumber(ent_blocs *b, const signed_csr *c)
{
	size_t n = b->nnodes, i, maxlab = 0, nb = 0;
	size_t *size = NULL, *first = NULL, *rank = NULL;
	int *map = NULL, rc = 0;

	for (i = 0; i < n; i++)
		if (c->off[i + 1] == c->off[i])
			b->member[i] = -1;
	for (i = 0; i < n; i++)
		if (b->member[i] >= 0 && (size_t)b->member[i] > maxlab)
			maxlab = (size_t)b->member[i];
	/* Isolated nodes take fresh labels above the others. */
	for (i = 0; i < n; i++)
		if (b->member[i] < 0)
			b->member[i] = (int)++maxlab;
	size = ent_calloc(maxlab + 1, sizeof *size);
	first = ent_malloc((maxlab + 1) * sizeof *first);
	rank = ent_malloc((maxlab + 1) * sizeof *rank);
	map = ent_malloc((maxlab + 1) * sizeof *map);
	if (!size || !first || !rank || !map) {
		rc = ent_error_set(ENT_ENOMEM, "blocs: out of memory");
		goto done;
	}
	for (i = 0; i <= maxlab; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < n; i++) {
		size_t l = (size_t)b->member[i];

		if (size[l]++ == 0)
			first[l] = i;
	}
	for (i = 0; i <= maxlab; i++)
		if (size[i])
			rank[nb++] = i;
	/* Insertion sort of the used labels: few blocs. */
	for (i = 1; i < nb; i++) {
		size_t l = rank[i], k = i;

		while (k > 0 && (size[rank[k - 1]] < size[l] ||
		                 (size[rank[k - 1]] == size[l] && first[rank[k - 1]] > first[l]))) {
			rank[k] = rank[k - 1];
			k--;
		}
		rank[k] = l;
	}
	for (i = 0; i < nb; i++)
		map[rank[i]] = (int)i;
	for (i = 0; i < n; i++)
		b->member[i] = map[b->member[i]];
	b->nblocs = (int)nb;
done:
	ent_free(size);
	ent_free(first);
	ent_free(rank);
	ent_free(map);
	return rc;
}

/* ---------------------------------------------------------------------
 * Spinglass (igraph)
 * ------------------------------------------------------------------- */

static int igraph_failure(igraph_error_t err)
{
	if (err == IGRAPH_ENOMEM)
		return ent_error_set(ENT_ENOMEM, "blocs: igraph: out of memory");
	return ent_error_set(ENT_EINVALID, "blocs: igraph: %s", igraph_strerror(err));
}

/*
 * Runs spinglass on every connected component with an edge, writing
 * labels unique across components into member. igraph's own allocations
 * are its business; ours go through ent_malloc.
 */
static int blocs_spinglass(ent_blocs *b, const ent_signed *g, const signed_csr *c,
                           const ent_blocs_opts *o)
{
	size_t n = g->nnodes, ncomp = 0, k, i, e;
	uint32_t *comp = ent_malloc((n + 1) * sizeof *comp);
	uint32_t *queue = ent_malloc((n + 1) * sizeof *queue);
	uint32_t *local = ent_malloc((n + 1) * sizeof *local);
	igraph_vector_int_t edges, membership, csize;
	igraph_vector_t weights;
	igraph_error_handler_t *old_err;
	igraph_warning_handler_t *old_warn;
	int have_vectors = 0, rc = 0, label = 0;
	igraph_error_t err;

	if (!comp || !queue || !local) {
		rc = ent_error_set(ENT_ENOMEM, "blocs: out of memory");
		goto done_ours;
	}
	signed_csr_components(c, comp, &ncomp, queue);

	old_err = igraph_set_error_handler(igraph_error_handler_ignore);
	old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);
	if ((err = igraph_vector_int_init(&edges, 0)) != IGRAPH_SUCCESS) {
		rc = igraph_failure(err);
		goto done;
	}
	if ((err = igraph_vector_int_init(&membership, 0)) != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&edges);
		rc = igraph_failure(err);
		goto done;
	}
	if ((err = igraph_vector_int_init(&csize, 0)) != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&edges);
		igraph_vector_int_destroy(&membership);
		rc = igraph_failure(err);
		goto done;
	}
	if ((err = igraph_vector_init(&weights, 0)) != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&edges);
		igraph_vector_int_destroy(&membership);
		igraph_vector_int_destroy(&csize);
		rc = igraph_failure(err);
		goto done;
	}
	have_vectors = 1;
	igraph_rng_seed(igraph_rng_default(), o->seed);

	for (k = 0; k < ncomp; k++) {
		size_t nk = 0, mk = 0;
		igraph_t graph;
		igraph_real_t modularity, temperature;

		for (i = 0; i < n; i++)
			if (comp[i] == k)
				local[i] = (uint32_t)nk++;
		if (nk < 2)
			continue; /* an isolated node: renumber() makes it a bloc */
		for (e = 0; e < g->nedges; e++)
			mk += comp[g->edges[e].a] == k;
		if ((err = igraph_vector_int_resize(&edges, (igraph_integer_t)(2 * mk))) != IGRAPH_SUCCESS ||
		    (err = igraph_vector_resize(&weights, (igraph_integer_t)mk)) != IGRAPH_SUCCESS) {
			rc = igraph_failure(err);
			goto done;
		}
		mk = 0;
		for (e = 0; e < g->nedges; e++) {
			const ent_signed_edge *ed = &g->edges[e];

			if (comp[ed->a] != k)
				continue;
			VECTOR(edges)[2 * mk] = local[ed->a];
			VECTOR(edges)[2 * mk + 1] = local[ed->b];
			VECTOR(weights)[mk] = ed->sign * edge_weight(ed, o->weighted);
			mk++;
		}
		if ((err = igraph_create(&graph, &edges, (igraph_integer_t)nk, IGRAPH_UNDIRECTED)) != IGRAPH_SUCCESS) {
			rc = igraph_failure(err);
			goto done;
		}
		err = igraph_community_spinglass(&graph, &weights, &modularity, &temperature,
		                                 &membership, &csize, o->k, 0, 1.0, 0.01, 0.99,
		                                 IGRAPH_SPINCOMM_UPDATE_CONFIG, o->gamma,
		                                 IGRAPH_SPINCOMM_IMP_NEG, o->gamma_minus);
		igraph_destroy(&graph);
		if (err != IGRAPH_SUCCESS) {
			rc = igraph_failure(err);
			goto done;
		}
		{
			int top = 0;

			for (i = 0; i < n; i++)
				if (comp[i] == k) {
					int l = (int)VECTOR(membership)[local[i]];

					b->member[i] = label + l;
					if (l > top)
						top = l;
				}
			label += top + 1;
		}
	}
done:
	if (have_vectors) {
		igraph_vector_int_destroy(&edges);
		igraph_vector_int_destroy(&membership);
		igraph_vector_int_destroy(&csize);
		igraph_vector_destroy(&weights);
	}
	igraph_set_error_handler(old_err);
	igraph_set_warning_handler(old_warn);
done_ours:
	ent_free(comp);
	ent_free(queue);
	ent_free(local);
	return rc;
}

/* ---------------------------------------------------------------------
 * Doreian-Mrvar relocation
 * ------------------------------------------------------------------- */

/* Scratch of the relocation search. */
typedef struct relocate_job {
	const ent_signed *g;
	const signed_csr *c;
	const ent_blocs_opts *o;
	size_t k;
	uint32_t *order;
	double *pos, *neg;   /* per-bloc weight from the node being moved */
	uint64_t rng;
} relocate_job;

static double criterion_of(const relocate_job *r, const int *member)
{
	ent_blocs trial;

	trial.member = (int *)member;
	score_blocs(&trial, r->g, r->o->alpha, r->o->weighted);
	return trial.criterion;
}

/*
 * Greedy descent: a node's cost in bloc h is alpha * (negative weight to
 * h) + (1 - alpha) * (positive weight outside h), computed in O(degree +
 * k) from per-bloc sums; each node moves to its cheapest bloc while that
 * strictly lowers the criterion, sweeping in random order until no move
 * helps.
 */
static void relocate_descend(relocate_job *r, int *cur)
{
	const signed_csr *c = r->c;
	double alpha = r->o->alpha;
	size_t n = c->n, s;
	int improved;

	do {
		improved = 0;
		for (s = n; s > 1; s--) {
			uint32_t x = signed_rng_below(&r->rng, (uint32_t)s), t = r->order[s - 1];

			r->order[s - 1] = r->order[x];
			r->order[x] = t;
		}
		for (s = 0; s < n; s++) {
			uint32_t v = r->order[s];
			double total_pos = 0, low;
			size_t h, e;
			int to = cur[v];

			for (e = c->off[v]; e < c->off[v + 1]; e++) {
				const ent_signed_edge *ed = &r->g->edges[c->eid[e]];
				double w = edge_weight(ed, r->o->weighted);
				int bl = cur[c->nbr[e]];

				if (ed->sign > 0) {
					r->pos[bl] += w;
					total_pos += w;
				} else {
					r->neg[bl] += w;
				}
			}
			low = alpha * r->neg[cur[v]] + (1 - alpha) * (total_pos - r->pos[cur[v]]);
			for (h = 0; h < r->k; h++) {
				double cost = alpha * r->neg[h] + (1 - alpha) * (total_pos - r->pos[h]);

				if (cost < low - 1e-12) {
					low = cost;
					to = (int)h;
				}
			}
			for (e = c->off[v]; e < c->off[v + 1]; e++)
				r->pos[cur[c->nbr[e]]] = r->neg[cur[c->nbr[e]]] = 0;
			if (to != cur[v]) {
				cur[v] = to;
				improved = 1;
			}
		}
	} while (improved);
}

#define ANNEAL_SWEEPS 500
#define ANNEAL_T0 1.0
#define ANNEAL_T1 0.02

/*
 * Simulated annealing over single-node moves: a random node to a random
 * other bloc, accepted when it does not raise the criterion or with
 * probability exp(-delta / T), T cooling geometrically from ANNEAL_T0 to
 * ANNEAL_T1 over ANNEAL_SWEEPS sweeps of n moves. Signnet's blockmodel
 * offers annealing for the same reason: greedy relocation from random
 * starts stalls in poor local minima on CoW-sized graphs.
 */
static void relocate_anneal(relocate_job *r, int *cur)
{
	const signed_csr *c = r->c;
	double alpha = r->o->alpha, t = ANNEAL_T0;
	double cool = pow(ANNEAL_T1 / ANNEAL_T0, 1.0 / ANNEAL_SWEEPS);
	size_t n = c->n, sweep, s;

	for (sweep = 0; sweep < ANNEAL_SWEEPS; sweep++, t *= cool) {
		for (s = 0; s < n; s++) {
			uint32_t v = signed_rng_below(&r->rng, (uint32_t)n);
			int from = cur[v], to = (int)signed_rng_below(&r->rng, (uint32_t)r->k - 1);
			double delta = 0;
			size_t e;

			if (to >= from)
				to++; /* a bloc other than the current one */
			for (e = c->off[v]; e < c->off[v + 1]; e++) {
				const ent_signed_edge *ed = &r->g->edges[c->eid[e]];
				double w = edge_weight(ed, r->o->weighted);
				int bl = cur[c->nbr[e]];

				if (ed->sign > 0)
					delta += (1 - alpha) * w * ((bl == from) - (bl == to));
				else
					delta += alpha * w * ((bl == to) - (bl == from));
			}
			if (delta <= 0 || (double)(signed_rng_next(&r->rng) >> 11) / 9007199254740992.0 < exp(-delta / t))
				cur[v] = to;
		}
	}
}

/*
 * Doreian-Mrvar relocation: from each random start, anneal, then descend
 * greedily to a local minimum; the best partition over all starts wins.
 */
static int blocs_relocate(ent_blocs *b, const ent_signed *g, const signed_csr *c,
                          const ent_blocs_opts *o)
{
	size_t n = g->nnodes, i;
	relocate_job r;
	int *cur = ent_malloc((n + 1) * sizeof *cur);
	double best = INFINITY;
	int start, rc = 0;

	r.g = g;
	r.c = c;
	r.o = o;
	r.k = (size_t)o->k;
	r.rng = o->seed;
	r.order = ent_malloc((n + 1) * sizeof *r.order);
	r.pos = ent_calloc(r.k, sizeof *r.pos);
	r.neg = ent_calloc(r.k, sizeof *r.neg);
	if (!cur || !r.order || !r.pos || !r.neg) {
		rc = ent_error_set(ENT_ENOMEM, "blocs: out of memory");
		goto done;
	}
	for (i = 0; i < n; i++)
		r.order[i] = (uint32_t)i;
	for (start = 0; start < o->restarts; start++) {
		double crit;

		for (i = 0; i < n; i++)
			cur[i] = (int)signed_rng_below(&r.rng, (uint32_t)r.k);
		if (r.k > 1)
			relocate_anneal(&r, cur);
		relocate_descend(&r, cur);
		crit = criterion_of(&r, cur);
		if (crit < best - 1e-12) {
			best = crit;
			memcpy(b->member, cur, n * sizeof *cur);
		}
	}
done:
	ent_free(cur);
	ent_free(r.order);
	ent_free(r.pos);
	ent_free(r.neg);
	return rc;
}

int ent_signed_blocs(ent_blocs **out, const ent_signed *g, const ent_blocs_opts *opts)
{
	ent_blocs_opts o = opts ? *opts : (ent_blocs_opts){0};
	ent_blocs *b = NULL;
	signed_csr c = {0};
	int rc;

	*out = NULL;
	if (o.method != ENT_BLOCS_SPINGLASS && o.method != ENT_BLOCS_RELOCATE)
		return ent_error_set(ENT_EINVALID, "blocs: unknown method %d", (int)o.method);
	if (o.k < 0 || o.restarts < 0 || o.alpha < 0 || o.alpha > 1 || o.gamma < 0 || o.gamma_minus < 0)
		return ent_error_set(ENT_EINVALID, "blocs: negative or out-of-range option");
	if (o.method == ENT_BLOCS_SPINGLASS) {
		if (o.k == 0)
			o.k = 25;
		if (o.k < 2 || o.k > 500)
			return ent_error_set(ENT_EINVALID, "blocs: spinglass needs 2 to 500 spins");
	} else if (o.k == 0) {
		o.k = 2;
	}
	if (o.alpha == 0)
		o.alpha = 0.5;
	if (o.gamma == 0)
		o.gamma = 1;
	if (o.gamma_minus == 0)
		o.gamma_minus = 1;
	if (o.restarts == 0)
		o.restarts = 50;
	if (o.seed == 0)
		o.seed = 42;

	b = ent_calloc(1, sizeof *b);
	if (!b)
		return ent_error_set(ENT_ENOMEM, "blocs: out of memory");
	b->nnodes = g->nnodes;
	b->member = ent_calloc(g->nnodes + 1, sizeof *b->member);
	if (!b->member) {
		rc = ent_error_set(ENT_ENOMEM, "blocs: out of memory");
		goto done;
	}
	if ((rc = signed_csr_build(&c, g)) < 0)
		goto done;
	rc = o.method == ENT_BLOCS_SPINGLASS ? blocs_spinglass(b, g, &c, &o)
	                                     : blocs_relocate(b, g, &c, &o);
	if (rc < 0 || (rc = renumber(b, &c)) < 0)
		goto done;
	score_blocs(b, g, o.alpha, o.weighted);
	*out = b;
	b = NULL;
done:
	signed_csr_free(&c);
	ent_blocs_free(b);
	return rc;
}

void ent_blocs_free(ent_blocs *b)
{
	if (!b)
		return;
	ent_free(b->member);
	ent_free(b);
}
