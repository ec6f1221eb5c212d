/*
 * test_analysis_signed.c - signed graphs on hand-made networks: building,
 * triangle census, walk balance, balancers, frustration, blocs, and the
 * out-of-memory paths of each.
 */
#include <math.h>
#include <stdlib.h>

#include "test.h"

typedef struct edge_spec {
	const char *a, *b;
	double w;
} edge_spec;

static ent_signed *graph_of(const edge_spec *e, size_t n)
{
	ent_signed *g;
	size_t i;

	if (ent_signed_new(&g) < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (ent_signed_add_edge(g, e[i].a, e[i].b, e[i].w) < 0) {
			ent_signed_free(g);
			return NULL;
		}
	return g;
}

/* The mission's triangle: Russia friendly with India and with Pakistan,
 * which are hostile to each other. */
static const edge_spec rus_ind_pak[] = {
	{"RUS", "IND", 1}, {"RUS", "PAK", 1}, {"IND", "PAK", -1},
};

TEST(analysis_signed_build)
{
	ent_signed *g;
	const ent_signed_edge *e;

	REQUIRE(ent_signed_new(&g) == 0);
	CHECK_INT(ent_signed_add_edge(g, "RUS", "IND", 2.5), 0);
	CHECK_INT(ent_signed_add_edge(g, "PAK", "IND", -1), 0);
	CHECK_INT(ent_signed_node_count(g), 3);
	CHECK_INT(ent_signed_edge_count(g), 2);
	CHECK_INT(ent_signed_negative_count(g), 1);
	CHECK_INT(ent_signed_find_node(g, "PAK"), 2);
	CHECK_INT(ent_signed_find_node(g, "USA"), -1);
	CHECK_STR(ent_signed_node_name(g, 1), "IND");
	CHECK(ent_signed_node_name(g, 3) == NULL);
	CHECK_INT(ent_signed_find_edge(g, 1, 2), 1);
	CHECK_INT(ent_signed_find_edge(g, 2, 1), 1);
	CHECK_INT(ent_signed_find_edge(g, 0, 2), -1);
	e = ent_signed_edge_at(g, 1);
	REQUIRE(e != NULL);
	CHECK_INT(e->a, 1);
	CHECK_INT(e->b, 2);
	CHECK_INT(e->sign, -1);
	CHECK(e->weight == -1);
	CHECK(ent_signed_edge_at(g, 2) == NULL);

	/* Rejected edges leave the graph as it was. */
	CHECK_INT(ent_signed_add_edge(g, "IND", "RUS", 1), ENT_EINVALID);
	CHECK(strstr(ent_error_last(), "twice") != NULL);
	CHECK_INT(ent_signed_add_edge(g, "USA", "USA", 1), ENT_EINVALID);
	CHECK_INT(ent_signed_add_edge(g, "USA", "CHN", 0), ENT_EINVALID);
	CHECK_INT(ent_signed_add_edge(g, "USA", "CHN", NAN), ENT_EINVALID);
	CHECK_INT(ent_signed_add_edge(g, "", "CHN", 1), ENT_EINVALID);
	CHECK_INT(ent_signed_node_count(g), 3);
	CHECK_INT(ent_signed_edge_count(g), 2);
	ent_signed_free(g);
	ent_signed_free(NULL);
}

TEST(analysis_signed_many_nodes)
{
	ent_signed *g;
	char a[16], b[16];
	int i;

	/* A ring of 1000 states: the name and edge tables grow. */
	REQUIRE(ent_signed_new(&g) == 0);
	for (i = 0; i < 1000; i++) {
		snprintf(a, sizeof a, "S%d", i);
		snprintf(b, sizeof b, "S%d", (i + 1) % 1000);
		REQUIRE(ent_signed_add_edge(g, a, b, i % 7 ? 1 : -1) == 0);
	}
	CHECK_INT(ent_signed_node_count(g), 1000);
	CHECK_INT(ent_signed_edge_count(g), 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(a, sizeof a, "S%d", i);
		CHECK_INT(ent_signed_find_node(g, a), i);
		CHECK_INT(ent_signed_find_edge(g, (size_t)i, (size_t)((i + 1) % 1000)), i);
	}
	ent_signed_free(g);
}

TEST(analysis_signed_balancer_triangle)
{
	ent_signed *g = graph_of(rus_ind_pak, 3);
	ent_triangle_census tc;
	ent_balancer *b = NULL;
	size_t nb = 0;
	char text[64];

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_triangles(&tc, g) == 0);
	CHECK_INT(tc.ppp, 0);
	CHECK_INT(tc.ppn, 1);
	CHECK_INT(tc.pnn, 0);
	CHECK_INT(tc.nnn, 0);
	CHECK_INT(tc.total, 1);
	CHECK(tc.balance == 0);

	REQUIRE(ent_signed_balancers(&b, &nb, g) == 0);
	REQUIRE(nb == 1);
	CHECK_STR(ent_signed_node_name(g, b[0].apex), "RUS");
	CHECK_STR(ent_signed_node_name(g, b[0].a), "IND");
	CHECK_STR(ent_signed_node_name(g, b[0].b), "PAK");
	CHECK_INT(b[0].edge_a, 0);
	CHECK_INT(b[0].edge_b, 1);
	CHECK_INT(b[0].edge_ab, 2);
	CHECK(b[0].strength == 1);
	CHECK_INT(ent_balancer_describe(text, sizeof text, g, &b[0]), 24);
	CHECK_STR(text, "RUS balances IND and PAK");
	ent_free(b);
	ent_signed_free(g);
}

TEST(analysis_signed_balancers_ranked)
{
	/* Two balancers; the one with the stronger weakest tie comes first.
	 * CHN is friends with PAK and RUS, who are friends: no balancing. */
	static const edge_spec e[] = {
		{"RUS", "IND", 4}, {"RUS", "PAK", 5}, {"IND", "PAK", -6},
		{"USA", "PAK", 1}, {"USA", "IND", 2},
		{"CHN", "PAK", 3}, {"CHN", "RUS", 3},
	};
	ent_signed *g = graph_of(e, sizeof e / sizeof *e);
	ent_balancer *b = NULL;
	size_t nb = 0;
	ent_triangle_census tc;
	char text[64];

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_balancers(&b, &nb, g) == 0);
	REQUIRE(nb == 2);
	ent_balancer_describe(text, sizeof text, g, &b[0]);
	CHECK_STR(text, "RUS balances IND and PAK");
	CHECK(b[0].strength == 4);
	ent_balancer_describe(text, sizeof text, g, &b[1]);
	CHECK_STR(text, "USA balances IND and PAK");
	CHECK(b[1].strength == 1);
	/* Truncation reports the length needed, as snprintf. */
	CHECK_INT(ent_balancer_describe(text, 4, g, &b[1]), 24);
	CHECK_STR(text, "USA");
	ent_free(b);

	REQUIRE(ent_signed_triangles(&tc, g) == 0);
	CHECK_INT(tc.ppp, 1); /* CHN-PAK-RUS */
	CHECK_INT(tc.ppn, 2);
	CHECK_INT(tc.total, 3);
	CHECK(fabs(tc.balance - 1.0 / 3) < 1e-12);
	ent_signed_free(g);
}

TEST(analysis_signed_no_triangles)
{
	static const edge_spec e[] = {{"A", "B", 1}, {"B", "C", -1}};
	ent_signed *g = graph_of(e, 2), *empty;
	ent_triangle_census tc;
	ent_balancer *b = NULL;
	size_t nb = 7;
	double k = 0;
	ent_frustration *f = NULL;

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_triangles(&tc, g) == 0);
	CHECK_INT(tc.total, 0);
	CHECK(isnan(tc.balance));
	REQUIRE(ent_signed_balancers(&b, &nb, g) == 0);
	CHECK_INT(nb, 0);
	CHECK(b == NULL);
	ent_signed_free(g);

	REQUIRE(ent_signed_new(&empty) == 0);
	REQUIRE(ent_signed_walk_balance(&k, empty) == 0);
	CHECK(k == 1);
	REQUIRE(ent_signed_frustration(&f, empty, NULL) == 0);
	CHECK_INT(f->index, 0);
	CHECK(f->optimal);
	CHECK(f->normalised == 1);
	ent_frustration_free(f);
	ent_signed_free(empty);
}

TEST(analysis_signed_walk_balance)
{
	/* Balanced (two camps): A is similar to |A|, K = 1. */
	static const edge_spec camps[] = {
		{"A", "B", 1}, {"C", "D", 1}, {"A", "C", -1}, {"A", "D", -1},
		{"B", "C", -1}, {"B", "D", -1},
	};
	ent_signed *g = graph_of(camps, 6);
	double k = 0, expect;

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_walk_balance(&k, g) == 0);
	CHECK(fabs(k - 1) < 1e-12);
	ent_signed_free(g);

	/* (+,+,-) triangle: switching-equivalent to the all-negative triangle,
	 * eigenvalues {-2, 1, 1}; |A| has {2, -1, -1}. */
	g = graph_of(rus_ind_pak, 3);
	REQUIRE(g != NULL);
	REQUIRE(ent_signed_walk_balance(&k, g) == 0);
	expect = (exp(-2) + 2 * exp(1)) / (exp(2) + 2 * exp(-1));
	CHECK(fabs(k - expect) < 1e-12);
	ent_signed_free(g);
}

TEST(analysis_signed_frustration_small)
{
	/* The all-negative K4: a 2-2 split leaves two negative edges inside. */
	static const edge_spec k4[] = {
		{"A", "B", -1}, {"A", "C", -1}, {"A", "D", -1},
		{"B", "C", -1}, {"B", "D", -1}, {"C", "D", -1},
	};
	/* Two camps plus one traitor edge: exactly that edge is frustrated. */
	static const edge_spec camps[] = {
		{"A", "B", 1}, {"B", "C", 1}, {"A", "C", 1},
		{"D", "E", 1}, {"E", "F", 1}, {"D", "F", 1},
		{"A", "D", -1}, {"B", "E", -1}, {"C", "F", 1}, {"C", "E", -1},
	};
	ent_signed *g = graph_of(k4, 6);
	ent_frustration *f = NULL;
	size_t i;

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_frustration(&f, g, NULL) == 0);
	CHECK_INT(f->index, 2);
	CHECK_INT(f->nedges, 2);
	CHECK(f->optimal);
	CHECK(fabs(f->normalised - (1 - 2.0 / 3)) < 1e-12);
	for (i = 0; i < f->nedges; i++)
		CHECK(f->side[ent_signed_edge_at(g, f->edges[i])->a] ==
		      f->side[ent_signed_edge_at(g, f->edges[i])->b]);
	ent_frustration_free(f);
	ent_signed_free(g);

	g = graph_of(camps, 10);
	REQUIRE(g != NULL);
	REQUIRE(ent_signed_frustration(&f, g, NULL) == 0);
	CHECK_INT(f->index, 1);
	REQUIRE(f->nedges == 1);
	CHECK_INT(f->edges[0], 8); /* C-F */
	CHECK(f->side[0] == f->side[1] && f->side[1] == f->side[2]);
	CHECK(f->side[3] != f->side[0]);
	ent_frustration_free(f);
	ent_signed_free(g);

	g = graph_of(rus_ind_pak, 3);
	REQUIRE(g != NULL);
	REQUIRE(ent_signed_frustration(&f, g, NULL) == 0);
	CHECK_INT(f->index, 1);
	ent_frustration_free(f);
	ent_signed_free(g);
	ent_frustration_free(NULL);
}

TEST(analysis_signed_frustration_time_limit)
{
	/* A random signed graph (a spin glass): hard for any exact method. A
	 * short limit returns the best colouring found, not proven. */
	ent_signed *g = NULL;
	ent_frustration_opts o = {0.3};
	ent_frustration *f = NULL;
	uint64_t r = 12345;
	char a[8], b[8];
	size_t i, l = 0;

	REQUIRE(ent_signed_new(&g) == 0);
	for (i = 0; i < 150; i++) {
		int k;

		for (k = 0; k < 3; k++) {
			size_t to;

			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			to = (size_t)(r >> 33) % 150;
			if (to == i)
				continue;
			snprintf(a, sizeof a, "N%zu", i);
			snprintf(b, sizeof b, "N%zu", to);
			ent_signed_add_edge(g, a, b, (r >> 20) % 10 < 3 ? -1 : 1);
		}
	}
	REQUIRE(ent_signed_frustration(&f, g, &o) == 0);
	CHECK(f->optimal == 0);
	CHECK(f->seconds < 2);
	CHECK(f->index > 0 && f->index == f->nedges);
	for (i = 0; i < ent_signed_edge_count(g); i++) {
		const ent_signed_edge *e = ent_signed_edge_at(g, i);

		l += (f->side[e->a] != f->side[e->b]) == (e->sign > 0);
	}
	CHECK_INT(l, f->index);
	ent_frustration_free(f);
	ent_signed_free(g);
}

/* Two blocs of five, positive inside, negative between, with two
 * components' worth of structure: relocation and spinglass both find them. */
static const char *const west[] = {"USA", "GBR", "FRA", "DEU", "ITA"};
static const char *const east[] = {"RUS", "BLR", "KAZ", "ARM", "KGZ"};

static ent_signed *two_camps(void)
{
	ent_signed *g;
	int i, j;

	if (ent_signed_new(&g) < 0)
		return NULL;
	for (i = 0; i < 5; i++)
		for (j = i + 1; j < 5; j++) {
			ent_signed_add_edge(g, west[i], west[j], 1);
			ent_signed_add_edge(g, east[i], east[j], 1);
		}
	for (i = 0; i < 5; i++)
		ent_signed_add_edge(g, west[i], east[(i + 2) % 5], -1);
	return g;
}

TEST(analysis_signed_blocs)
{
	ent_signed *g = two_camps();
	ent_blocs_opts o = {0};
	ent_blocs *b = NULL;
	int m;

	REQUIRE(g != NULL);
	CHECK_INT(ent_signed_edge_count(g), 25);
	for (m = 0; m < 2; m++) {
		size_t i;

		o.method = m ? ENT_BLOCS_RELOCATE : ENT_BLOCS_SPINGLASS;
		REQUIRE(ent_signed_blocs(&b, g, &o) == 0);
		CHECK_INT(b->nblocs, 2);
		CHECK_INT(b->neg_within, 0);
		CHECK_INT(b->pos_between, 0);
		CHECK(b->criterion == 0);
		CHECK_INT(b->nnodes, 10);
		/* Node 0 (USA) is in bloc 0 (equal sizes: lowest node first). */
		CHECK_INT(b->member[0], 0);
		for (i = 0; i < 5; i++) {
			CHECK_INT(b->member[ent_signed_find_node(g, west[i])], 0);
			CHECK_INT(b->member[ent_signed_find_node(g, east[i])], 1);
		}
		ent_blocs_free(b);
	}
	o.method = (ent_blocs_method)7;
	CHECK_INT(ent_signed_blocs(&b, g, &o), ENT_EINVALID);
	o.method = ENT_BLOCS_SPINGLASS;
	o.k = 1;
	CHECK_INT(ent_signed_blocs(&b, g, &o), ENT_EINVALID);
	CHECK(b == NULL);
	ent_blocs_free(NULL);
	ent_signed_free(g);
}

TEST(analysis_signed_blocs_components)
{
	/* Two separate components (spinglass runs per component) and a
	 * hostile pair that must be split. */
	static const edge_spec e[] = {
		{"A", "B", 1}, {"B", "C", 1}, {"A", "C", 1},
		{"X", "Y", -1},
	};
	ent_signed *g = graph_of(e, 4);
	ent_blocs *b = NULL;

	REQUIRE(g != NULL);
	REQUIRE(ent_signed_blocs(&b, g, NULL) == 0);
	CHECK_INT(b->nblocs, 3);
	CHECK_INT(b->member[0], 0);
	CHECK_INT(b->member[1], 0);
	CHECK_INT(b->member[2], 0);
	CHECK(b->member[3] != b->member[4]);
	CHECK_INT(b->neg_within, 0);
	ent_blocs_free(b);
	ent_signed_free(g);
}

/* Runs fn with the k-th allocation failing for k = 0, 1, ... until it
 * succeeds; every failure must be ENT_ENOMEM. Returns the attempts. */
static int oom_sweep(int (*fn)(void), const char *name)
{
	int k, rc = -1;

	for (k = 0; k < 10000; k++) {
		ent_alloc_fail_after(k);
		rc = fn();
		ent_alloc_fail_after(-1);
		if (rc == 0)
			break;
		if (rc != ENT_ENOMEM) {
			fprintf(stderr, "  %s: allocation %d failing gave %d (%s)\n", name, k, rc, ent_error_last());
			test_failures++;
			return k;
		}
	}
	CHECK(rc == 0);
	return k;
}

/* Two camps (by parity) with a few traitor edges: enough nodes and edges
 * to make the tables grow, and an easy program for the solver. */
static int build_camps(ent_signed **out, int n)
{
	ent_signed *g = NULL;
	char a[16], c[16];
	int rc, i;

	*out = NULL;
	if ((rc = ent_signed_new(&g)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		int to[2] = {(i * 7 + 3) % n, (i + 1) % n}, t;

		for (t = 0; t < 2; t++) {
			int sign = (i % 2 == to[t] % 2) == (i % 11 != 0) ? 1 : -1;

			snprintf(a, sizeof a, "N%d", i);
			snprintf(c, sizeof c, "N%d", to[t]);
			if (i != to[t] && (rc = ent_signed_add_edge(g, a, c, sign)) < 0 && rc != ENT_EINVALID) {
				ent_signed_free(g);
				return rc;
			}
		}
	}
	*out = g;
	return 0;
}

static ent_signed *oom_graph;

static int oom_build(void)
{
	ent_signed *g;
	int rc = build_camps(&g, 150);

	ent_signed_free(g);
	return rc;
}

static int oom_triangles(void)
{
	ent_triangle_census tc;

	return ent_signed_triangles(&tc, oom_graph);
}

static int oom_walk(void)
{
	double k;

	return ent_signed_walk_balance(&k, oom_graph);
}

static int oom_balancers(void)
{
	ent_balancer *b = NULL;
	size_t nb;
	int rc = ent_signed_balancers(&b, &nb, oom_graph);

	ent_free(b);
	return rc;
}

static int oom_frustration(void)
{
	ent_frustration *f = NULL;
	int rc = ent_signed_frustration(&f, oom_graph, NULL);

	ent_frustration_free(f);
	return rc;
}

static int oom_spinglass(void)
{
	ent_blocs *b = NULL;
	int rc = ent_signed_blocs(&b, oom_graph, NULL);

	ent_blocs_free(b);
	return rc;
}

static int oom_relocate(void)
{
	ent_blocs_opts o = {0};
	ent_blocs *b = NULL;
	int rc;

	o.method = ENT_BLOCS_RELOCATE;
	o.restarts = 2;
	rc = ent_signed_blocs(&b, oom_graph, &o);
	ent_blocs_free(b);
	return rc;
}

static int oom_rus_ind_pak(void)
{
	ent_signed *g = NULL;
	ent_balancer *b = NULL;
	size_t nb, i;
	int rc;

	if ((rc = ent_signed_new(&g)) < 0)
		return rc;
	for (i = 0; i < 3; i++) {
		rc = ent_signed_add_edge(g, rus_ind_pak[i].a, rus_ind_pak[i].b, rus_ind_pak[i].w);
		if (rc < 0) {
			/* A failed add leaves the graph consistent. */
			if (ent_signed_edge_count(g) != i || ent_signed_find_node(g, rus_ind_pak[i].b) >= (long)ent_signed_node_count(g))
				rc = ENT_EINVALID;
			goto done;
		}
	}
	if ((rc = ent_signed_balancers(&b, &nb, g)) == 0 && nb != 1)
		rc = ENT_EINVALID;
done:
	ent_free(b);
	ent_signed_free(g);
	return rc;
}

TEST(analysis_signed_out_of_memory)
{
	CHECK(oom_sweep(oom_rus_ind_pak, "triangle") > 3);
	CHECK(oom_sweep(oom_build, "build") > 20);
	REQUIRE(build_camps(&oom_graph, 40) == 0);
	CHECK(oom_sweep(oom_triangles, "triangles") > 1);
	CHECK(oom_sweep(oom_walk, "walk balance") > 1);
	CHECK(oom_sweep(oom_balancers, "balancers") > 1);
	CHECK(oom_sweep(oom_frustration, "frustration") > 5);
	CHECK(oom_sweep(oom_spinglass, "spinglass") > 3);
	CHECK(oom_sweep(oom_relocate, "relocate") > 3);
	ent_signed_free(oom_graph);
	oom_graph = NULL;
}
