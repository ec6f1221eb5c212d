/*
 * frustration.c - the exact frustration index of a signed graph.
 *
 * The frustration index L is the least number of edges whose removal (or
 * sign flip) leaves a balanced graph; equivalently, over all 2-colourings
 * of the nodes, the least number of positive edges between colours plus
 * negative edges within a colour (research note 2.4; Aref, Mason & Wilson
 * 2020). Computing it is NP-hard, but graphs of states are small and a
 * binary program solves them exactly:
 *
 *   minimise   sum_e f_e            over x_i, f_e in {0, 1}
 *   positive e=(i,j):  f_e >= x_i - x_j,      f_e >= x_j - x_i
 *   negative e=(i,j):  f_e >= x_i + x_j - 1,  f_e >= 1 - x_i - x_j
 *
 * The LP relaxation of this model alone is useless (x = 1/2 gives 0), so
 * we add, for every unbalanced triangle, f_1 + f_2 + f_3 >= 1: valid
 * because the sign product of a cycle equals (-1)^(frustrated edges on
 * it), so an unbalanced cycle holds an odd number, at least one. With
 * these the relaxation is tight enough that GLPK's branch and bound closes
 * every CoW window in about 0.1 s. (The even-parity inequalities of
 * balanced triangles, f_a <= f_b + f_c, are valid too but tripled the
 * rows and made the solves ten times slower on CoW.) The colour of one
 * node per connected component is fixed (the mirror colouring is
 * equivalent), and a local search provides the first incumbent.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "signed_int.h"

/* Everything the solver needs; lives in the caller's frame so that it
 * survives GLPK's error longjmp. */
typedef struct frust_job {
	const ent_signed *g;
	signed_csr csr;
	uint32_t *comp;        /* component of each node */
	size_t ncomp;
	int *best;             /* best colouring known */
	size_t best_l;
	int *work;             /* scratch colouring */
	uint32_t *order;       /* scratch node order / BFS queue */
	/* unbalanced triangles, as triples of edge ids */
	uint32_t *tri;
	size_t ntri, tri_cap;
	/* odd-cycle separation: Dijkstra on the doubled graph (2n nodes) */
	double *dist;          /* 2n */
	uint32_t *prev;        /* 2n: previous doubled node */
	uint32_t *prev_edge;   /* 2n: edge used to get here */
	uint32_t *heap, *pos;  /* binary heap of doubled nodes, position + 1 */
	uint32_t *walk, *walk_edge, *seen; /* cycle extraction; seen: n */
	unsigned char *cross;  /* per walk step: took the edge across layers */
	int *ind;              /* 1-based row indices for a cut */
	double *val;
	double *y;             /* LP value of "endpoints differ" per edge */
	uint64_t *cut_hash;    /* cuts added in this round */
	size_t ncut_hash;
	/* GLPK */
	glp_prob *lp;
	int *ia, *ja;
	double *ar;
	double *heur;          /* 1-based column values of the incumbent */
	int heur_given;
	int optimal;
	jmp_buf env;
} frust_job;

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Frustrated edges of a colouring. */
static size_t count_frustrated(const ent_signed *g, const int *side)
{
	size_t i, l = 0;

	for (i = 0; i < g->nedges; i++) {
		const ent_signed_edge *e = &g->edges[i];

		l += (side[e->a] != side[e->b]) == (e->sign > 0);
	}
	return l;
}

/*
 * Local search for a good colouring: a colouring that satisfies a BFS
 * spanning forest (first start) or a random one (later starts), then
 * single-node flips while they reduce the frustration. Fast, and on
 * graphs of states usually within a few edges of the optimum: it gives
 * branch and bound an incumbent to prune against from the start.
 */
static void local_search(frust_job *j, int starts)
{
	const signed_csr *c = &j->csr;
	const ent_signed *g = j->g;
	uint64_t rng = 42;
	int s;

	j->best_l = SIZE_MAX;
	for (s = 0; s < starts; s++) {
		size_t u, k, l;
		int improved;

		if (s == 0) {
			/* BFS forest: positive edges keep the colour, negative flip it. */
			for (u = 0; u < c->n; u++)
				j->work[u] = -1;
			for (u = 0; u < c->n; u++) {
				size_t head = 0, tail = 0;

				if (j->work[u] >= 0)
					continue;
				j->work[u] = 0;
				j->order[tail++] = (uint32_t)u;
				while (head < tail) {
					uint32_t x = j->order[head++];
					size_t i;

					for (i = c->off[x]; i < c->off[x + 1]; i++) {
						uint32_t y = c->nbr[i];

						if (j->work[y] < 0) {
							j->work[y] = g->edges[c->eid[i]].sign > 0 ? j->work[x] : 1 - j->work[x];
							j->order[tail++] = y;
						}
					}
				}
			}
		} else {
			for (u = 0; u < c->n; u++)
				j->work[u] = (int)(signed_rng_next(&rng) >> 63);
		}
		for (u = 0; u < c->n; u++)
			j->order[u] = (uint32_t)u;
		do {
			improved = 0;
			/* Random order each sweep (Fisher-Yates). */
			for (k = c->n; k > 1; k--) {
				uint32_t r = signed_rng_below(&rng, (uint32_t)k), t = j->order[k - 1];

				j->order[k - 1] = j->order[r];
				j->order[r] = t;
			}
			for (k = 0; k < c->n; k++) {
				uint32_t x = j->order[k];
				long delta = 0;
				size_t i;

				for (i = c->off[x]; i < c->off[x + 1]; i++) {
					int same = j->work[c->nbr[i]] == j->work[x];
					int frustrated = same != (g->edges[c->eid[i]].sign > 0);

					delta += frustrated ? -1 : 1;
				}
				if (delta < 0) {
					j->work[x] = 1 - j->work[x];
					improved = 1;
				}
			}
		} while (improved);
		l = count_frustrated(g, j->work);
		if (l < j->best_l) {
			j->best_l = l;
			memcpy(j->best, j->work, c->n * sizeof *j->best);
		}
	}
}

static int collect_triangle(void *ctx, uint32_t u, uint32_t v, uint32_t w,
                            uint32_t e1, uint32_t e2, uint32_t e3)
{
	frust_job *j = ctx;
	const ent_signed_edge *e = j->g->edges;

	(void)u; (void)v; (void)w;
	if ((((e[e1].sign < 0) + (e[e2].sign < 0) + (e[e3].sign < 0)) & 1) == 0)
		return 0; /* balanced */
	if (j->ntri == j->tri_cap) {
		size_t cap = j->tri_cap ? j->tri_cap * 2 : 1024;
		uint32_t *t = ent_realloc(j->tri, 3 * cap * sizeof *t);

		if (!t)
			return ENT_ENOMEM;
		j->tri = t;
		j->tri_cap = cap;
	}
	j->tri[3 * j->ntri] = e1;
	j->tri[3 * j->ntri + 1] = e2;
	j->tri[3 * j->ntri + 2] = e3;
	j->ntri++;
	return 0;
}

/* ---------------------------------------------------------------------
 * Odd-cycle inequalities
 *
 * With y_e = 1 when the endpoints of e get different colours (y_e = f_e
 * for a positive edge, 1 - f_e for a negative one), every colouring
 * satisfies, for each cycle C and odd subset F of C,
 *     sum_{e in F} y_e - sum_{e in C \ F} y_e <= |F| - 1
 * (a cycle crosses between colours an even number of times). The
 * triangle rows above are the triangles' share of these; on sparse graphs
 * the short cycles are longer than triangles and the LP bound stays weak
 * without the rest. Barahona and Mahjoub's separation finds the most
 * violated one for each start node s as a shortest path from (s, 0) to
 * (s, 1) in the doubled graph where an edge keeps the layer at cost y_e
 * (e not in F) or switches it at cost 1 - y_e (e in F): a path shorter
 * than 1 is a violated inequality. Runs as GLPK's cut generator at every
 * node of the branch-and-bound tree.
 * ------------------------------------------------------------------- */

#define CUTS_PER_ROUND 400

static void heap_up(frust_job *j, size_t i)
{
	uint32_t x = j->heap[i];

	while (i > 0 && j->dist[j->heap[(i - 1) / 2]] > j->dist[x]) {
		j->heap[i] = j->heap[(i - 1) / 2];
		j->pos[j->heap[i]] = (uint32_t)i + 1;
		i = (i - 1) / 2;
	}
	j->heap[i] = x;
	j->pos[x] = (uint32_t)i + 1;
}

static uint32_t heap_pop(frust_job *j, size_t *len)
{
	uint32_t top = j->heap[0], x = j->heap[--*len];
	size_t i = 0;

	j->pos[top] = 0;
	if (*len == 0)
		return top;
	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= *len)
			break;
		if (c + 1 < *len && j->dist[j->heap[c + 1]] < j->dist[j->heap[c]])
			c++;
		if (j->dist[j->heap[c]] >= j->dist[x])
			break;
		j->heap[i] = j->heap[c];
		j->pos[j->heap[i]] = (uint32_t)i + 1;
		i = c;
	}
	j->heap[i] = x;
	j->pos[x] = (uint32_t)i + 1;
	return top;
}

/* Dijkstra from (s, 0), stopped at (s, 1) or at distance 1. Returns the
 * length of the closed walk found (0 when none shorter than 1). Doubled
 * node 2u + layer. */
static size_t shortest_odd_walk(frust_job *j, uint32_t s)
{
	const signed_csr *c = &j->csr;
	size_t n2 = 2 * c->n, len = 0, k, steps = 0;
	uint32_t target = 2 * s + 1, x;

	for (k = 0; k < n2; k++) {
		j->dist[k] = INFINITY;
		j->pos[k] = 0;
	}
	j->dist[2 * s] = 0;
	j->heap[len++] = 2 * s;
	j->pos[2 * s] = 1;
	while (len) {
		size_t i;

		x = heap_pop(j, &len);
		if (x == target || j->dist[x] >= 1 - 1e-6)
			break;
		for (i = c->off[x / 2]; i < c->off[x / 2 + 1]; i++) {
			uint32_t e = c->eid[i], layer;

			for (layer = 0; layer < 2; layer++) {
				uint32_t to = 2 * c->nbr[i] + ((x & 1) ^ layer);
				double d = j->dist[x] + (layer ? 1 - j->y[e] : j->y[e]);

				if (d < j->dist[to]) {
					j->dist[to] = d;
					j->prev[to] = x;
					j->prev_edge[to] = e;
					if (!j->pos[to]) {
						j->heap[len] = to;
						j->pos[to] = (uint32_t)++len;
					}
					heap_up(j, j->pos[to] - 1);
				}
			}
		}
	}
	if (!(j->dist[target] < 1 - 1e-6))
		return 0;
	/* Walk back from (s, 1) to (s, 0). */
	for (x = target; x != 2 * s; x = j->prev[x]) {
		if (steps >= c->n * 2)
			return 0; /* cannot happen on a shortest-path tree */
		j->walk[steps] = x / 2;
		j->walk_edge[steps] = j->prev_edge[x];
		j->cross[steps++] = (x & 1) != (j->prev[x] & 1);
	}
	return steps;
}

/*
 * Reduces the closed walk s = v_0, v_1 .. v_steps = s (v_k = walk[k] for
 * k > 0, step k along walk_edge[k] from v_k to v_k+1) with an odd number
 * of layer crossings to a simple cycle with the same property and no
 * larger length. The nodes are pushed on a stack; when a node comes back,
 * the loop since its earlier visit is the answer if it crosses an odd
 * number of times and is dropped otherwise (the rest then still crosses
 * an odd number of times). Leaves the cycle's steps at the front of
 * walk/walk_edge/cross and returns its length (0 if none).
 */
static size_t simple_odd_cycle(frust_job *j, uint32_t s, size_t steps)
{
	size_t top = 0, k, t;

	j->seen[s] = 0;
	for (k = 1; k < steps; k++)
		j->seen[j->walk[k]] = 0;
	for (k = 0; k <= steps; k++) {
		uint32_t v = k == 0 || k == steps ? s : j->walk[k];

		if (j->seen[v]) {
			size_t p = j->seen[v] - 1;
			unsigned odd = 0;

			for (t = p; t < top; t++)
				odd ^= j->cross[t];
			if (odd) {
				memmove(j->walk, j->walk + p, (top - p) * sizeof *j->walk);
				memmove(j->walk_edge, j->walk_edge + p, (top - p) * sizeof *j->walk_edge);
				memmove(j->cross, j->cross + p, top - p);
				return top - p;
			}
			for (t = p + 1; t < top; t++)
				j->seen[j->walk[t]] = 0;
			top = p + 1;
			if (k < steps) {
				j->walk_edge[p] = j->walk_edge[k];
				j->cross[p] = j->cross[k];
			}
			continue;
		}
		/* Writes at top <= k: the walk ahead is not overwritten. */
		j->walk[top] = v;
		j->seen[v] = (uint32_t)top + 1;
		if (k < steps) {
			j->walk_edge[top] = j->walk_edge[k];
			j->cross[top] = j->cross[k];
		}
		top++;
	}
	return 0;
}

static void separate_cycles(frust_job *j, glp_tree *tree)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	const ent_signed *g = j->g;
	size_t n = g->nnodes, e, s, added = 0;

	for (e = 0; e < g->nedges; e++) {
		double f = glp_get_col_prim(lp, (int)(n + e) + 1);

		f = f < 0 ? 0 : f > 1 ? 1 : f;
		j->y[e] = g->edges[e].sign > 0 ? f : 1 - f;
	}
	j->ncut_hash = 0;
	for (s = 0; s < n && added < CUTS_PER_ROUND; s++) {
		size_t steps = shortest_odd_walk(j, (uint32_t)s), len, k, nf = 0;
		double rhs, lhs = 0;
		uint64_t h = 0;

		if (!steps || (len = simple_odd_cycle(j, (uint32_t)s, steps)) < 3)
			continue;
		for (k = 0; k < len; k++)
			h += (uint64_t)(j->walk_edge[k] + 1) * UINT64_C(0x9E3779B97F4A7C15) ^ j->cross[k];
		for (k = 0; k < j->ncut_hash && j->cut_hash[k] != h; k++)
			;
		if (k < j->ncut_hash)
			continue; /* found from another node of the same cycle */
		/* sum_F y - sum_{C\F} y <= |F| - 1, in terms of f. */
		rhs = -1;
		for (k = 0; k < len; k++) {
			const ent_signed_edge *ed = &g->edges[j->walk_edge[k]];
			int in_f = j->cross[k], pos = ed->sign > 0;

			nf += in_f;
			j->ind[k + 1] = (int)(n + j->walk_edge[k]) + 1;
			/* y = f (positive) or 1 - f (negative) */
			j->val[k + 1] = (in_f ? 1 : -1) * (pos ? 1 : -1);
			if (!pos)
				rhs -= in_f ? 1 : -1;
			lhs += (in_f ? 1 : -1) * j->y[j->walk_edge[k]];
		}
		rhs += (double)nf;
		if ((nf & 1) == 0 || lhs <= (double)nf - 1 + 1e-6)
			continue; /* not odd, or not violated after all */
		glp_ios_add_row(tree, NULL, 101, 0, (int)len, j->ind, j->val, GLP_UP, rhs);
		j->cut_hash[j->ncut_hash++] = h;
		added++;
	}
}

/* GLPK's branch-and-cut callback: hands over the local-search colouring
 * as the first incumbent, and generates odd-cycle cuts. */
static void mip_callback(glp_tree *tree, void *info)
{
	frust_job *j = info;

	switch (glp_ios_reason(tree)) {
	case GLP_IHEUR:
		if (!j->heur_given) {
			j->heur_given = 1;
			glp_ios_heur_sol(tree, j->heur);
		}
		break;
	case GLP_ICUTGEN:
		separate_cycles(j, tree);
		break;
	default:
		break;
	}
}

/* GLPK calls this on a fatal error instead of aborting; we leave through
 * longjmp and free GLPK's environment there. */
static void glpk_error_hook(void *info)
{
	frust_job *j = info;

	longjmp(j->env, 1);
}

/*
 * Builds and solves the program. Runs between setjmp and GLPK's possible
 * longjmp, so it keeps all state in *j (memory outside this frame).
 * Returns 0, or ENT_ENOMEM when GLPK failed fatally.
 */
static int solve_glpk(frust_job *j, double time_limit)
{
	double t0 = now_seconds();
	const ent_signed *g = j->g;
	size_t n = g->nnodes, m = g->nedges, i, k, nz, rows;
	glp_smcp smcp;
	glp_iocp iocp;

	if (setjmp(j->env)) {
		glp_error_hook(NULL, NULL);
		j->lp = NULL;
		glp_free_env(); /* frees every GLPK object of this thread */
		return ent_error_set(ENT_ENOMEM, "frustration: GLPK stopped with a fatal error (out of memory?)");
	}
	glp_error_hook(glpk_error_hook, j);

	j->lp = glp_create_prob();
	glp_set_obj_dir(j->lp, GLP_MIN);
	glp_add_cols(j->lp, (int)(n + m));
	for (i = 0; i < n + m; i++) {
		glp_set_col_kind(j->lp, (int)i + 1, GLP_BV);
		glp_set_obj_coef(j->lp, (int)i + 1, i < n ? 0.0 : 1.0);
	}
	/* One fixed colour per component: the node of highest degree. */
	{
		size_t c;

		for (c = 0; c < j->ncomp; c++) {
			size_t best = SIZE_MAX, deg = 0;

			for (i = 0; i < n; i++)
				if (j->comp[i] == c && (best == SIZE_MAX || j->csr.off[i + 1] - j->csr.off[i] > deg)) {
					best = i;
					deg = j->csr.off[i + 1] - j->csr.off[i];
				}
			if (best != SIZE_MAX)
				glp_set_col_bnds(j->lp, (int)best + 1, GLP_FX, 0.0, 0.0);
		}
	}

	rows = 2 * m + j->ntri;
	glp_add_rows(j->lp, (int)rows);
	nz = 0;
	rows = 0;
	for (i = 0; i < m; i++) {
		const ent_signed_edge *e = &g->edges[i];
		int f = (int)(n + i) + 1, a = (int)e->a + 1, b = (int)e->b + 1, r, s;

		for (s = 0; s < 2; s++) {
			r = (int)++rows;
			j->ia[++nz] = r; j->ja[nz] = f; j->ar[nz] = 1;
			if (e->sign > 0) {
				/* f - x_a + x_b >= 0, f + x_a - x_b >= 0 */
				j->ia[++nz] = r; j->ja[nz] = a; j->ar[nz] = s ? 1 : -1;
				j->ia[++nz] = r; j->ja[nz] = b; j->ar[nz] = s ? -1 : 1;
				glp_set_row_bnds(j->lp, r, GLP_LO, 0.0, 0.0);
			} else {
				/* f - x_a - x_b >= -1, f + x_a + x_b >= 1 */
				j->ia[++nz] = r; j->ja[nz] = a; j->ar[nz] = s ? 1 : -1;
				j->ia[++nz] = r; j->ja[nz] = b; j->ar[nz] = s ? 1 : -1;
				glp_set_row_bnds(j->lp, r, GLP_LO, s ? 1.0 : -1.0, 0.0);
			}
		}
	}
	for (k = 0; k < j->ntri; k++) {
		/* f1 + f2 + f3 >= 1 */
		int r = (int)++rows, t;

		for (t = 0; t < 3; t++) {
			j->ia[++nz] = r; j->ja[nz] = (int)(n + j->tri[3 * k + t]) + 1; j->ar[nz] = 1;
		}
		glp_set_row_bnds(j->lp, r, GLP_LO, 1.0, 0.0);
	}
	glp_load_matrix(j->lp, (int)nz, j->ia, j->ja, j->ar);

	/* The incumbent in column order. */
	for (i = 0; i < n; i++)
		j->heur[i + 1] = j->best[i];
	for (i = 0; i < m; i++) {
		const ent_signed_edge *e = &g->edges[i];

		j->heur[n + i + 1] = (j->best[e->a] != j->best[e->b]) == (e->sign > 0);
	}
	/* The fixed node may carry colour 1 in the local-search colouring:
	 * mirror that component's colours so the incumbent respects the fix. */
	for (i = 0; i < n; i++) {
		if (glp_get_col_type(j->lp, (int)i + 1) == GLP_FX && j->heur[i + 1] > 0.5) {
			size_t u;

			for (u = 0; u < n; u++)
				if (j->comp[u] == j->comp[i])
					j->heur[u + 1] = 1 - j->heur[u + 1];
		}
	}

	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = time_limit * 1000 >= INT_MAX ? INT_MAX : (int)(time_limit * 1000);
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.tm_lim = smcp.tm_lim;
	iocp.cb_func = mip_callback;
	iocp.cb_info = j;
	iocp.br_tech = GLP_BR_DTH;
	iocp.bt_tech = GLP_BT_BLB;
	iocp.presolve = GLP_OFF; /* keep the columns as built, for the incumbent */

	if (glp_simplex(j->lp, &smcp) == 0 && glp_get_status(j->lp) == GLP_OPT) {
		int ret;

		/* The time limit covers both stages. */
		iocp.tm_lim -= (int)((now_seconds() - t0) * 1000);
		if (iocp.tm_lim < 1)
			iocp.tm_lim = 1;
		ret = glp_intopt(j->lp, &iocp);
		int status = glp_mip_status(j->lp);

		if (status == GLP_OPT || status == GLP_FEAS) {
			size_t l;

			for (i = 0; i < n; i++)
				j->work[i] = glp_mip_col_val(j->lp, (int)i + 1) > 0.5;
			l = count_frustrated(g, j->work);
			if (l <= j->best_l) {
				j->best_l = l;
				memcpy(j->best, j->work, n * sizeof *j->best);
			}
			j->optimal = ret == 0 && status == GLP_OPT;
		}
	}
	glp_delete_prob(j->lp);
	j->lp = NULL;
	glp_error_hook(NULL, NULL);
	return 0;
}

int ent_signed_frustration(ent_frustration **out, const ent_signed *g,
                           const ent_frustration_opts *opts)
{
	double time_limit = opts && opts->time_limit > 0 ? opts->time_limit : 60.0;
	double t0 = now_seconds();
	frust_job j;
	ent_frustration *f = NULL;
	size_t n = g->nnodes, m = g->nedges, i, nz;
	int rc, term;

	*out = NULL;
	memset(&j, 0, sizeof j);
	j.g = g;
	f = ent_calloc(1, sizeof *f);
	if (!f || (rc = signed_csr_build(&j.csr, g)) < 0) {
		rc = ent_error_set(ENT_ENOMEM, "frustration: out of memory");
		goto done;
	}
	j.comp = ent_malloc((n + 1) * sizeof *j.comp);
	j.order = ent_malloc((n + 1) * sizeof *j.order);
	j.best = ent_malloc((n + 1) * sizeof *j.best);
	j.work = ent_malloc((n + 1) * sizeof *j.work);
	f->side = ent_calloc(n + 1, sizeof *f->side);
	if (!j.comp || !j.order || !j.best || !j.work || !f->side) {
		rc = ent_error_set(ENT_ENOMEM, "frustration: out of memory");
		goto done;
	}
	signed_csr_components(&j.csr, j.comp, &j.ncomp, j.order);
	local_search(&j, 20);

	if (m > 0 && j.best_l > 0) {
		if (signed_csr_triangles(&j.csr, collect_triangle, &j) < 0) {
			rc = ent_error_set(ENT_ENOMEM, "frustration: out of memory");
			goto done;
		}
		nz = 6 * m + 3 * j.ntri;
		if (nz >= INT_MAX || n + m >= INT_MAX) {
			rc = ent_error_set(ENT_ELIMIT, "frustration: graph too large for the solver");
			goto done;
		}
		j.ia = ent_malloc((nz + 1) * sizeof *j.ia);
		j.ja = ent_malloc((nz + 1) * sizeof *j.ja);
		j.ar = ent_malloc((nz + 1) * sizeof *j.ar);
		j.heur = ent_malloc((n + m + 1) * sizeof *j.heur);
		j.dist = ent_malloc((2 * n + 1) * sizeof *j.dist);
		j.prev = ent_malloc((2 * n + 1) * sizeof *j.prev);
		j.prev_edge = ent_malloc((2 * n + 1) * sizeof *j.prev_edge);
		j.heap = ent_malloc((2 * n + 1) * sizeof *j.heap);
		j.pos = ent_malloc((2 * n + 1) * sizeof *j.pos);
		j.walk = ent_malloc((2 * n + 1) * sizeof *j.walk);
		j.walk_edge = ent_malloc((2 * n + 1) * sizeof *j.walk_edge);
		j.cross = ent_malloc(2 * n + 1);
		j.seen = ent_malloc((n + 1) * sizeof *j.seen);
		j.ind = ent_malloc((2 * n + 2) * sizeof *j.ind);
		j.val = ent_malloc((2 * n + 2) * sizeof *j.val);
		j.y = ent_malloc((m + 1) * sizeof *j.y);
		j.cut_hash = ent_malloc((CUTS_PER_ROUND + 1) * sizeof *j.cut_hash);
		if (!j.ia || !j.ja || !j.ar || !j.heur || !j.dist || !j.prev || !j.prev_edge ||
		    !j.heap || !j.pos || !j.walk || !j.walk_edge || !j.cross || !j.seen ||
		    !j.ind || !j.val || !j.y || !j.cut_hash) {
			rc = ent_error_set(ENT_ENOMEM, "frustration: out of memory");
			goto done;
		}
		term = glp_term_out(GLP_OFF);
		rc = solve_glpk(&j, time_limit);
		glp_term_out(term);
		if (rc < 0)
			goto done;
	} else {
		j.optimal = 1; /* no edges, or the local search found a balanced colouring */
	}

	f->index = j.best_l;
	f->optimal = j.optimal;
	f->nnodes = n;
	for (i = 0; i < n; i++)
		f->side[i] = j.best[i];
	f->edges = ent_malloc((j.best_l + 1) * sizeof *f->edges);
	if (!f->edges) {
		rc = ent_error_set(ENT_ENOMEM, "frustration: out of memory");
		goto done;
	}
	for (i = 0; i < m; i++) {
		const ent_signed_edge *e = &g->edges[i];

		if ((j.best[e->a] != j.best[e->b]) == (e->sign > 0))
			f->edges[f->nedges++] = i;
	}
	f->normalised = m ? 1.0 - (double)f->index / ((double)m / 2.0) : 1.0;
	f->seconds = now_seconds() - t0;
	*out = f;
	f = NULL;
	rc = 0;
done:
	signed_csr_free(&j.csr);
	ent_free(j.comp);
	ent_free(j.order);
	ent_free(j.best);
	ent_free(j.work);
	ent_free(j.tri);
	ent_free(j.ia);
	ent_free(j.ja);
	ent_free(j.ar);
	ent_free(j.heur);
	ent_free(j.dist);
	ent_free(j.prev);
	ent_free(j.prev_edge);
	ent_free(j.heap);
	ent_free(j.pos);
	ent_free(j.walk);
	ent_free(j.walk_edge);
	ent_free(j.cross);
	ent_free(j.seen);
	ent_free(j.ind);
	ent_free(j.val);
	ent_free(j.y);
	ent_free(j.cut_hash);
	ent_frustration_free(f);
	return rc;
}

void ent_frustration_free(ent_frustration *f)
{
	if (!f)
		return;
	ent_free(f->edges);
	ent_free(f->side);
	ent_free(f);
}
