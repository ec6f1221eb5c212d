/*
 * test_analysis_cow.c - the balance measures against the reference values
 * on the 51 Correlates of War signed networks (../shared/data/cow):
 * triangle census, triangle balance and walk balance to 4 decimals, the
 * exact frustration index equal to L in every window. Skipped when the
 * data is absent.
 */
#include <math.h>
#include <stdlib.h>

#include "test.h"

typedef struct cow_ref {
	char window[16];
	long n, m, neg, ppp, ppn, pnn, nnn, l, status;
	double tri_balance, walk_balance, norm_frust;
} cow_ref;

/* Reads one CoW network (a,b,sign with a header line). */
static ent_signed *load_cow(const char *window)
{
	char rel[160], *data, *line, *save = NULL;
	const char *path;
	ent_signed *g = NULL;
	int first = 1;

	snprintf(rel, sizeof rel, "data/cow/cow_%.16s.csv", window);
	if (!(path = test_shared_path(rel)) || !(data = test_read_file(path, NULL)))
		return NULL;
	if (ent_signed_new(&g) < 0) {
		free(data);
		return NULL;
	}
	for (line = strtok_r(data, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		char *a = line, *b, *s;

		if (first) {
			first = 0;
			continue;
		}
		b = strchr(a, ',');
		s = b ? strchr(b + 1, ',') : NULL;
		if (!s)
			continue;
		*b++ = '\0';
		*s++ = '\0';
		if (ent_signed_add_edge(g, a, b, atof(s)) < 0) {
			fprintf(stderr, "  %s: %s\n", rel, ent_error_last());
			ent_signed_free(g);
			g = NULL;
			break;
		}
	}
	free(data);
	return g;
}

/* Parses reference_measures.csv into refs; returns the count. */
static size_t load_refs(cow_ref *refs, size_t max)
{
	const char *path = test_shared_path("data/cow/reference_measures.csv");
	char *data, *line, *save = NULL;
	size_t n = 0;

	if (!path || !(data = test_read_file(path, NULL)))
		return 0;
	line = strtok_r(data, "\r\n", &save); /* header */
	for (line = strtok_r(NULL, "\r\n", &save); line && n < max; line = strtok_r(NULL, "\r\n", &save)) {
		cow_ref *r = &refs[n];
		double secs;

		if (sscanf(line, "\"%15[^\"]\",%ld,%ld,%ld,%ld,%ld,%ld,%ld,%lf,%lf,%ld,%ld,%lf,%lf",
		           r->window, &r->n, &r->m, &r->neg, &r->ppp, &r->ppn, &r->pnn, &r->nnn,
		           &r->tri_balance, &r->walk_balance, &r->l, &r->status, &r->norm_frust, &secs) == 14)
			n++;
	}
	free(data);
	return n;
}

/* Equal to the reference's 4 decimals. */
static int same4(double x, double ref)
{
	return fabs(round(x * 1e4) / 1e4 - ref) < 1e-9;
}

TEST(analysis_cow_reference)
{
	static cow_ref refs[64];
	size_t nref = load_refs(refs, 64), i, matched = 0;
	double max_tri = 0, max_walk = 0, max_secs = 0, total_secs = 0;

	if (nref == 0) {
		test_skip("../shared/data/cow not found");
		return;
	}
	CHECK_INT(nref, 51);
	for (i = 0; i < nref; i++) {
		const cow_ref *r = &refs[i];
		ent_signed *g = load_cow(r->window);
		ent_triangle_census tc;
		ent_frustration *f = NULL;
		double walk = 0;
		int ok = 1;

		REQUIRE(g != NULL);
		CHECK_INT(ent_signed_node_count(g), r->n);
		CHECK_INT(ent_signed_edge_count(g), r->m);
		CHECK_INT(ent_signed_negative_count(g), r->neg);
		REQUIRE(ent_signed_triangles(&tc, g) == 0);
		REQUIRE(ent_signed_walk_balance(&walk, g) == 0);
		REQUIRE(ent_signed_frustration(&f, g, NULL) == 0);
		ok &= tc.ppp == (size_t)r->ppp && tc.ppn == (size_t)r->ppn &&
		      tc.pnn == (size_t)r->pnn && tc.nnn == (size_t)r->nnn;
		ok &= same4(tc.balance, r->tri_balance);
		ok &= same4(walk, r->walk_balance);
		ok &= f->optimal && f->index == (size_t)r->l && f->nedges == f->index;
		ok &= same4(f->normalised, r->norm_frust);
		if (!ok)
			fprintf(stderr, "  %s: census %zu/%zu/%zu/%zu (ref %ld/%ld/%ld/%ld) tri %.6f (%.4f) "
			        "walk %.6f (%.4f) L %zu%s (%ld)\n", r->window, tc.ppp, tc.ppn, tc.pnn, tc.nnn,
			        r->ppp, r->ppn, r->pnn, r->nnn, tc.balance, r->tri_balance, walk,
			        r->walk_balance, f->index, f->optimal ? "" : " not optimal", r->l);
		CHECK(ok);
		matched += ok;
		if (fabs(tc.balance - r->tri_balance) > max_tri)
			max_tri = fabs(tc.balance - r->tri_balance);
		if (fabs(walk - r->walk_balance) > max_walk)
			max_walk = fabs(walk - r->walk_balance);
		if (f->seconds > max_secs)
			max_secs = f->seconds;
		total_secs += f->seconds;
		ent_frustration_free(f);
		ent_signed_free(g);
	}
	fprintf(stderr, "  note: CoW: %zu/%zu windows match; max |dev| triangle %.2g, walk %.2g "
	        "(references are rounded to 4 decimals); frustration solve max %.3fs, total %.2fs\n",
	        matched, nref, max_tri, max_walk, max_secs, total_secs);
}

/* Signed blocs on two windows of the research note (section 2.9):
 * spinglass with negative links leaves 15 negative ties within and 27
 * positive ties between blocs on 1962-65 and 31 / 64 on 1996-99; and
 * Doreian-Mrvar relocation with k = 2, alpha = 1/2 reaches the exact
 * frustration index (criterion = L / 2), an independent check of both. */
TEST(analysis_cow_blocs)
{
	static const struct { const char *window; size_t neg_within, pos_between, l; } ref[] = {
		{"62-65", 15, 27, 36}, {"96-99", 31, 64, 45}, {"80-83", 0, 0, 48},
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		ent_signed *g = load_cow(ref[i].window);
		ent_blocs_opts o = {0};
		ent_blocs *b = NULL;

		if (!g) {
			test_skip("../shared/data/cow not found");
			return;
		}
		if (ref[i].neg_within) {
			REQUIRE(ent_signed_blocs(&b, g, NULL) == 0);
			fprintf(stderr, "  note: %s spinglass: %d blocs, %zu negative within, %zu positive between\n",
			        ref[i].window, b->nblocs, b->neg_within, b->pos_between);
			CHECK_INT(b->neg_within, ref[i].neg_within);
			CHECK_INT(b->pos_between, ref[i].pos_between);
			CHECK(b->nblocs >= 5);
			ent_blocs_free(b);
		}
		o.method = ENT_BLOCS_RELOCATE;
		o.k = 2;
		REQUIRE(ent_signed_blocs(&b, g, &o) == 0);
		CHECK(b->nblocs == 2);
		CHECK(fabs(2 * b->criterion - (double)ref[i].l) < 1e-9);
		ent_blocs_free(b);
		ent_signed_free(g);
	}
}
