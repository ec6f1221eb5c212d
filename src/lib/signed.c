/*
 * signed.c - undirected signed graphs of states: construction from an
 * edge list keyed by actor code, the signed triangle census and triangle
 * balance, walk balance, and balancers (apexes of (+,+,-) triangles).
 *
 * Graphs of states are small (hundreds of nodes, a few thousand edges);
 * the measures build a sorted adjacency (CSR) once per call and walk it.
 */
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signed_int.h"

#define WALK_MAX_NODES 5000

/* ---------------------------------------------------------------------
 * Construction
 * ------------------------------------------------------------------- */

int ent_signed_new(ent_signed **out)
{
	*out = ent_calloc(1, sizeof **out);
	if (!*out)
		return ent_error_set(ENT_ENOMEM, "signed graph: out of memory");
	return 0;
}

void ent_signed_free(ent_signed *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nnodes; i++)
		ent_free(g->names[i]);
	ent_free(g->names);
	ent_free(g->name_slot);
	ent_free(g->edges);
	ent_free(g->edge_key);
	ent_free(g->edge_slot);
	ent_free(g);
}

/* FNV-1a: actor codes are short. */
static size_t name_hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603);

	while (*s)
		h = (h ^ (unsigned char)*s++) * UINT64_C(1099511628211);
	return (size_t)(h ^ (h >> 29));
}

static size_t key_hash(uint64_t key)
{
	return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 17);
}

long ent_signed_find_node(const ent_signed *g, const char *code)
{
	size_t h;

	if (!g->name_cap || !code)
		return -1;
	h = name_hash(code) & (g->name_cap - 1);
	while (g->name_slot[h]) {
		uint32_t id = g->name_slot[h] - 1;

		if (strcmp(g->names[id], code) == 0)
			return id;
		h = (h + 1) & (g->name_cap - 1);
	}
	return -1;
}

/* Makes room for one more node in names[] and the name table. */
static int reserve_node(ent_signed *g)
{
	if (g->nnodes == g->node_cap) {
		size_t cap = g->node_cap ? g->node_cap * 2 : 64;
		char **names = ent_realloc(g->names, cap * sizeof *names);

		if (!names)
			return ENT_ENOMEM;
		g->names = names;
		g->node_cap = cap;
	}
	if ((g->nnodes + 1) * 2 > g->name_cap) {
		size_t cap = g->name_cap ? g->name_cap * 2 : 128, i;
		uint32_t *slot = ent_calloc(cap, sizeof *slot);

		if (!slot)
			return ENT_ENOMEM;
		for (i = 0; i < g->nnodes; i++) {
			size_t h = name_hash(g->names[i]) & (cap - 1);

			while (slot[h])
				h = (h + 1) & (cap - 1);
			slot[h] = (uint32_t)i + 1;
		}
		ent_free(g->name_slot);
		g->name_slot = slot;
		g->name_cap = cap;
	}
	return 0;
}

/* Node id of code, creating the node; -1 on out of memory. */
static long node_id(ent_signed *g, const char *code)
{
	long id = ent_signed_find_node(g, code);
	size_t h;
	char *copy;

	if (id >= 0)
		return id;
	if (g->nnodes >= UINT32_MAX - 1 || reserve_node(g) < 0 || !(copy = ent_strdup(code)))
		return -1;
	h = name_hash(code) & (g->name_cap - 1);
	while (g->name_slot[h])
		h = (h + 1) & (g->name_cap - 1);
	g->names[g->nnodes] = copy;
	g->name_slot[h] = (uint32_t)g->nnodes + 1;
	return (long)g->nnodes++;
}

long ent_signed_find_edge(const ent_signed *g, size_t a, size_t b)
{
	uint64_t key;
	size_t h;

	if (a == b || a >= g->nnodes || b >= g->nnodes || !g->edge_key_cap)
		return -1;
	key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	h = key_hash(key) & (g->edge_key_cap - 1);
	while (g->edge_key[h] != UINT64_MAX) {
		if (g->edge_key[h] == key)
			return g->edge_slot[h];
		h = (h + 1) & (g->edge_key_cap - 1);
	}
	return -1;
}

/* Makes room for one more edge in edges[] and the edge table. */
static int reserve_edge(ent_signed *g)
{
	if (g->nedges == g->edge_cap) {
		size_t cap = g->edge_cap ? g->edge_cap * 2 : 256;
		ent_signed_edge *e = ent_realloc(g->edges, cap * sizeof *e);

		if (!e)
			return ENT_ENOMEM;
		g->edges = e;
		g->edge_cap = cap;
	}
	if ((g->nedges + 1) * 2 > g->edge_key_cap) {
		size_t cap = g->edge_key_cap ? g->edge_key_cap * 2 : 512, i;
		uint64_t *key = ent_malloc(cap * sizeof *key);
		uint32_t *slot = ent_malloc(cap * sizeof *slot);

		if (!key || !slot) {
			ent_free(key);
			ent_free(slot);
			return ENT_ENOMEM;
		}
		memset(key, 0xff, cap * sizeof *key);
		for (i = 0; i < g->nedges; i++) {
			uint64_t k = (uint64_t)g->edges[i].a << 32 | g->edges[i].b;
			size_t h = key_hash(k) & (cap - 1);

			while (key[h] != UINT64_MAX)
				h = (h + 1) & (cap - 1);
			key[h] = k;
			slot[h] = (uint32_t)i;
		}
		ent_free(g->edge_key);
		ent_free(g->edge_slot);
		g->edge_key = key;
		g->edge_slot = slot;
		g->edge_key_cap = cap;
	}
	return 0;
}

int ent_signed_add_edge_ex(ent_signed *g, const char *a, const char *b,
                           double weight, uint32_t events, size_t tag)
{
	size_t nodes_before = g->nnodes;
	long ia, ib;
	uint64_t key;
	size_t h;
	ent_signed_edge *e;

	if (!a || !b || !*a || !*b)
		return ent_error_set(ENT_EINVALID, "signed graph: empty actor code");
	if (strcmp(a, b) == 0)
		return ent_error_set(ENT_EINVALID, "signed graph: self-loop on %s", a);
	if (weight == 0 || !isfinite(weight))
		return ent_error_set(ENT_EINVALID, "signed graph: edge %s-%s: weight must be non-zero and finite", a, b);
	if (g->nedges >= UINT32_MAX - 1)
		return ent_error_set(ENT_ELIMIT, "signed graph: too many edges");
	ia = node_id(g, a);
	ib = ia < 0 ? -1 : node_id(g, b);
	if (ib < 0 || reserve_edge(g) < 0)
		goto oom;
	if (ent_signed_find_edge(g, (size_t)ia, (size_t)ib) >= 0) {
		/* Nodes seen before: nothing was created, nothing to undo. */
		return ent_error_set(ENT_EINVALID, "signed graph: edge %s-%s given twice", a, b);
	}
	e = &g->edges[g->nedges];
	e->a = (uint32_t)(ia < ib ? ia : ib);
	e->b = (uint32_t)(ia < ib ? ib : ia);
	e->sign = weight > 0 ? 1 : -1;
	e->weight = weight;
	e->events = events;
	e->tag = tag;
	key = (uint64_t)e->a << 32 | e->b;
	h = key_hash(key) & (g->edge_key_cap - 1);
	while (g->edge_key[h] != UINT64_MAX)
		h = (h + 1) & (g->edge_key_cap - 1);
	g->edge_key[h] = key;
	g->edge_slot[h] = (uint32_t)g->nedges;
	g->nedges++;
	if (e->sign < 0)
		g->nneg++;
	return 0;
oom:
	/* Undo nodes created by this call so that the graph is unchanged. */
	while (g->nnodes > nodes_before) {
		char *name = g->names[--g->nnodes];
		size_t i = name_hash(name) & (g->name_cap - 1);

		while (g->name_slot[i] != g->nnodes + 1)
			i = (i + 1) & (g->name_cap - 1);
		g->name_slot[i] = 0;
		/* Re-seat the cluster after the hole (linear probing). */
		for (i = (i + 1) & (g->name_cap - 1); g->name_slot[i]; i = (i + 1) & (g->name_cap - 1)) {
			uint32_t id = g->name_slot[i];
			size_t j = name_hash(g->names[id - 1]) & (g->name_cap - 1);

			g->name_slot[i] = 0;
			while (g->name_slot[j])
				j = (j + 1) & (g->name_cap - 1);
			g->name_slot[j] = id;
		}
		ent_free(name);
	}
	return ent_error_set(ENT_ENOMEM, "signed graph: out of memory");
}

int ent_signed_add_edge(ent_signed *g, const char *a, const char *b, double weight)
{
	return ent_signed_add_edge_ex(g, a, b, weight, 0, g->nedges);
}

size_t ent_signed_node_count(const ent_signed *g)
{
	return g->nnodes;
}

size_t ent_signed_edge_count(const ent_signed *g)
{
	return g->nedges;
}

size_t ent_signed_negative_count(const ent_signed *g)
{
	return g->nneg;
}

const char *ent_signed_node_name(const ent_signed *g, size_t node)
{
	return node < g->nnodes ? g->names[node] : NULL;
}

const ent_signed_edge *ent_signed_edge_at(const ent_signed *g, size_t edge)
{
	return edge < g->nedges ? &g->edges[edge] : NULL;
}

/* ---------------------------------------------------------------------
 * Adjacency, triangles, components
 * ------------------------------------------------------------------- */

int signed_csr_build(signed_csr *c, const ent_signed *g)
{
	size_t i, *fill = NULL;

	memset(c, 0, sizeof *c);
	c->n = g->nnodes;
	c->off = ent_calloc(g->nnodes + 1, sizeof *c->off);
	c->nbr = ent_malloc((2 * g->nedges + 1) * sizeof *c->nbr);
	c->eid = ent_malloc((2 * g->nedges + 1) * sizeof *c->eid);
	fill = ent_malloc((g->nnodes + 1) * sizeof *fill);
	if (!c->off || !c->nbr || !c->eid || !fill) {
		ent_free(fill);
		signed_csr_free(c);
		return ent_error_set(ENT_ENOMEM, "signed graph: out of memory");
	}
	for (i = 0; i < g->nedges; i++) {
		c->off[g->edges[i].a + 1]++;
		c->off[g->edges[i].b + 1]++;
	}
	for (i = 0; i < g->nnodes; i++)
		c->off[i + 1] += c->off[i];
	memcpy(fill, c->off, (g->nnodes + 1) * sizeof *fill);
	for (i = 0; i < g->nedges; i++) {
		const ent_signed_edge *e = &g->edges[i];

		c->nbr[fill[e->a]] = e->b;
		c->eid[fill[e->a]++] = (uint32_t)i;
		c->nbr[fill[e->b]] = e->a;
		c->eid[fill[e->b]++] = (uint32_t)i;
	}
	ent_free(fill);
	/* Insertion sort per node: degrees are small and mostly sorted. */
	for (i = 0; i < g->nnodes; i++) {
		size_t lo = c->off[i], hi = c->off[i + 1], j, k;

		for (j = lo + 1; j < hi; j++) {
			uint32_t nb = c->nbr[j], ed = c->eid[j];

			for (k = j; k > lo && c->nbr[k - 1] > nb; k--) {
				c->nbr[k] = c->nbr[k - 1];
				c->eid[k] = c->eid[k - 1];
			}
			c->nbr[k] = nb;
			c->eid[k] = ed;
		}
	}
	return 0;
}

void signed_csr_free(signed_csr *c)
{
	ent_free(c->off);
	ent_free(c->nbr);
	ent_free(c->eid);
	memset(c, 0, sizeof *c);
}

int signed_csr_triangles(const signed_csr *c, signed_triangle_fn fn, void *ctx)
{
	size_t u;

	for (u = 0; u < c->n; u++) {
		size_t i;

		for (i = c->off[u]; i < c->off[u + 1]; i++) {
			uint32_t v = c->nbr[i];
			size_t p, q, pe, qe;

			if (v <= u)
				continue;
			/* Merge the neighbours of u and v above v. */
			p = i + 1;
			pe = c->off[u + 1];
			q = c->off[v];
			qe = c->off[v + 1];
			while (q < qe && c->nbr[q] <= v)
				q++;
			while (p < pe && q < qe) {
				if (c->nbr[p] < c->nbr[q]) {
					p++;
				} else if (c->nbr[p] > c->nbr[q]) {
					q++;
				} else {
					int rc = fn(ctx, (uint32_t)u, v, c->nbr[p],
					            c->eid[i], c->eid[p], c->eid[q]);

					if (rc)
						return rc;
					p++;
					q++;
				}
			}
		}
	}
	return 0;
}

void signed_csr_components(const signed_csr *c, uint32_t *comp, size_t *ncomp,
                           uint32_t *queue)
{
	size_t u, k = 0;

	for (u = 0; u < c->n; u++)
		comp[u] = UINT32_MAX;
	for (u = 0; u < c->n; u++) {
		size_t head = 0, tail = 0;

		if (comp[u] != UINT32_MAX)
			continue;
		comp[u] = (uint32_t)k;
		queue[tail++] = (uint32_t)u;
		while (head < tail) {
			uint32_t x = queue[head++];
			size_t i;

			for (i = c->off[x]; i < c->off[x + 1]; i++)
				if (comp[c->nbr[i]] == UINT32_MAX) {
					comp[c->nbr[i]] = (uint32_t)k;
					queue[tail++] = c->nbr[i];
				}
		}
		k++;
	}
	*ncomp = k;
}

/* ---------------------------------------------------------------------
 * Triangle census
 * ------------------------------------------------------------------- */

typedef struct census_ctx {
	const ent_signed *g;
	size_t count[4]; /* by number of negative edges */
} census_ctx;

static int census_one(void *ctx, uint32_t u, uint32_t v, uint32_t w,
                      uint32_t e1, uint32_t e2, uint32_t e3)
{
	census_ctx *c = ctx;
	const ent_signed_edge *e = c->g->edges;

	(void)u; (void)v; (void)w;
	c->count[(e[e1].sign < 0) + (e[e2].sign < 0) + (e[e3].sign < 0)]++;
	return 0;
}

int ent_signed_triangles(ent_triangle_census *out, const ent_signed *g)
{
	census_ctx ctx = {g, {0, 0, 0, 0}};
	signed_csr c;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = signed_csr_build(&c, g)) < 0)
		return rc;
	signed_csr_triangles(&c, census_one, &ctx);
	signed_csr_free(&c);
	out->ppp = ctx.count[0];
	out->ppn = ctx.count[1];
	out->pnn = ctx.count[2];
	out->nnn = ctx.count[3];
	out->total = out->ppp + out->ppn + out->pnn + out->nnn;
	out->balance = out->total ? (double)(out->ppp + out->pnn) / (double)out->total : NAN;
	return 0;
}

/* ---------------------------------------------------------------------
 * Walk balance
 * ------------------------------------------------------------------- */

/*
 * Eigenvalues of the symmetric matrix in m (n x n, row-major; destroyed)
 * into eval. GSL's error handler is switched off for the call so that a
 * failure comes back as a code instead of GSL's default abort.
 */
static int symm_eigenvalues(double *m, size_t n, double *eval)
{
	gsl_matrix_view mv = gsl_matrix_view_array(m, n, n);
	gsl_vector_view ev = gsl_vector_view_array(eval, n);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(n);
	int rc = 0;

	if (!w)
		rc = ent_error_set(ENT_ENOMEM, "walk balance: out of memory");
	else if (gsl_eigen_symm(&mv.matrix, &ev.vector, w) != GSL_SUCCESS)
		rc = ent_error_set(ENT_EINVALID, "walk balance: eigenvalues did not converge");
	gsl_eigen_symm_free(w);
	gsl_set_error_handler(old);
	return rc;
}

int ent_signed_walk_balance(double *out, const ent_signed *g)
{
	size_t n = g->nnodes, i;
	double *m = NULL, *eval = NULL, *eabs = NULL, top, num = 0, den = 0;
	int rc;

	*out = 1.0;
	if (g->nedges == 0)
		return 0;
	if (n > WALK_MAX_NODES)
		return ent_error_set(ENT_ELIMIT, "walk balance: %zu nodes exceed the dense limit of %d",
		                     n, WALK_MAX_NODES);
	m = ent_malloc(n * n * sizeof *m);
	eval = ent_malloc(n * sizeof *eval);
	eabs = ent_malloc(n * sizeof *eabs);
	if (!m || !eval || !eabs) {
		rc = ent_error_set(ENT_ENOMEM, "walk balance: out of memory");
		goto done;
	}
	/* A, then |A| in the same buffer. */
	memset(m, 0, n * n * sizeof *m);
	for (i = 0; i < g->nedges; i++) {
		m[g->edges[i].a * n + g->edges[i].b] = g->edges[i].sign;
		m[g->edges[i].b * n + g->edges[i].a] = g->edges[i].sign;
	}
	if ((rc = symm_eigenvalues(m, n, eval)) < 0)
		goto done;
	memset(m, 0, n * n * sizeof *m);
	for (i = 0; i < g->nedges; i++) {
		m[g->edges[i].a * n + g->edges[i].b] = 1;
		m[g->edges[i].b * n + g->edges[i].a] = 1;
	}
	if ((rc = symm_eigenvalues(m, n, eabs)) < 0)
		goto done;
	/* Shift both sums by the spectral radius of |A|, which bounds every
	 * eigenvalue of A (Perron-Frobenius), so that nothing overflows. */
	top = eabs[0];
	for (i = 1; i < n; i++)
		if (eabs[i] > top)
			top = eabs[i];
	for (i = 0; i < n; i++) {
		num += exp(eval[i] - top);
		den += exp(eabs[i] - top);
	}
	*out = num / den;
done:
	ent_free(m);
	ent_free(eval);
	ent_free(eabs);
	return rc;
}

/* ---------------------------------------------------------------------
 * Balancers
 * ------------------------------------------------------------------- */

typedef struct balancer_ctx {
	const ent_signed *g;
	ent_balancer *list;
	size_t n, cap;
} balancer_ctx;

static int balancer_one(void *ctx, uint32_t u, uint32_t v, uint32_t w,
                        uint32_t e_uv, uint32_t e_uw, uint32_t e_vw)
{
	balancer_ctx *c = ctx;
	const ent_signed_edge *e = c->g->edges;
	ent_balancer *b;
	uint32_t x, y;
	size_t ex, ey;

	if ((e[e_uv].sign < 0) + (e[e_uw].sign < 0) + (e[e_vw].sign < 0) != 1)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		ent_balancer *l = ent_realloc(c->list, cap * sizeof *l);

		if (!l)
			return ENT_ENOMEM;
		c->list = l;
		c->cap = cap;
	}
	b = &c->list[c->n++];
	if (e[e_vw].sign < 0) {        /* apex u */
		b->apex = u; x = v; y = w; ex = e_uv; ey = e_uw; b->edge_ab = e_vw;
	} else if (e[e_uw].sign < 0) { /* apex v */
		b->apex = v; x = u; y = w; ex = e_uv; ey = e_vw; b->edge_ab = e_uw;
	} else {                       /* apex w */
		b->apex = w; x = u; y = v; ex = e_uw; ey = e_vw; b->edge_ab = e_uv;
	}
	if (strcmp(c->g->names[x], c->g->names[y]) > 0) {
		uint32_t t = x; size_t te = ex;

		x = y; y = t; ex = ey; ey = te;
	}
	b->a = x;
	b->b = y;
	b->edge_a = ex;
	b->edge_b = ey;
	b->strength = fmin(fabs(e[ex].weight), fmin(fabs(e[ey].weight), fabs(e[b->edge_ab].weight)));
	return 0;
}

/* qsort has no context argument: the graph whose names order the
 * balancers goes through a thread-local pointer, set only during the sort. */
static _Thread_local const ent_signed *sort_graph;

static int balancer_cmp(const void *p, const void *q)
{
	const ent_balancer *x = p, *y = q;
	int c;

	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	if ((c = strcmp(sort_graph->names[x->apex], sort_graph->names[y->apex])))
		return c;
	if ((c = strcmp(sort_graph->names[x->a], sort_graph->names[y->a])))
		return c;
	return strcmp(sort_graph->names[x->b], sort_graph->names[y->b]);
}

int ent_signed_balancers(ent_balancer **out, size_t *nout, const ent_signed *g)
{
	balancer_ctx ctx = {g, NULL, 0, 0};
	signed_csr c;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = signed_csr_build(&c, g)) < 0)
		return rc;
	rc = signed_csr_triangles(&c, balancer_one, &ctx);
	signed_csr_free(&c);
	if (rc < 0) {
		ent_free(ctx.list);
		return ent_error_set(ENT_ENOMEM, "balancers: out of memory");
	}
	if (ctx.n > 1) {
		sort_graph = g;
		qsort(ctx.list, ctx.n, sizeof *ctx.list, balancer_cmp);
		sort_graph = NULL;
	}
	*out = ctx.list;
	*nout = ctx.n;
	return 0;
}

int ent_balancer_describe(char *out, size_t size, const ent_signed *g,
                          const ent_balancer *b)
{
	return snprintf(out, size, "%s balances %s and %s",
	                g->names[b->apex], g->names[b->a], g->names[b->b]);
}
