/*
 * test_analysis_changepoint.c - PELT finds the changepoints of synthetic
 * piecewise-constant series exactly (fixed seeds, our own generator) and
 * agrees with brute-force optimal partitioning; Mann-Kendall and Sen's
 * slope on known monotone and flat series and against brute force.
 */
#include <math.h>
#include <stdlib.h>

#include "test.h"

/* splitmix64 and Box-Muller: reproducible on every platform. */
static uint64_t rng_state;

static double uniform01(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

static double gauss(void)
{
	double u = uniform01(), v = uniform01();

	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* Poisson by inversion (small rates). */
static double poisson(double rate)
{
	double p = exp(-rate), c = p, u = uniform01();
	int k = 0;

	while (u > c && k < 1000) {
		k++;
		p *= rate / k;
		c += p;
	}
	return k;
}

/* Fills y with the levels between the changepoints plus N(0, sd^2). */
static void piecewise(double *y, size_t n, const size_t *cps, const double *level,
                      size_t ncp, double sd)
{
	size_t i, seg = 0;

	for (i = 0; i < n; i++) {
		while (seg < ncp && i >= cps[seg])
			seg++;
		y[i] = level[seg] + sd * gauss();
	}
}

/* 1 when the segmentation's changepoints are exactly cps. */
static int same_changepoints(const ent_changepoints *c, const size_t *cps, size_t ncp)
{
	size_t i;

	if (c->nsegments != ncp + 1)
		return 0;
	for (i = 0; i < ncp; i++)
		if (c->segments[i + 1].start != cps[i] || c->segments[i].end != cps[i])
			return 0;
	return 1;
}

/* 1 when the segmentation has ncp changepoints, each within tol of cps. */
static int near_changepoints(const ent_changepoints *c, const size_t *cps, size_t ncp, size_t tol)
{
	size_t i;

	if (c->nsegments != ncp + 1)
		return 0;
	for (i = 0; i < ncp; i++) {
		size_t at = c->segments[i + 1].start;

		if ((at > cps[i] ? at - cps[i] : cps[i] - at) > tol)
			return 0;
	}
	return 1;
}

TEST(analysis_pelt_synthetic_exact)
{
	static const size_t cps[] = {100, 220, 300};
	/* Shifts of 6-8 sd: a point beyond half a shift from its own level
	 * is a 3-sd event, so the boundaries are identifiable to the point. */
	static const double level[] = {0, 8, 2, 9};
	double y[400];
	ent_changepoints *c = NULL;
	int seed, exact = 0;

	for (seed = 1; seed <= 50; seed++) {
		rng_state = (uint64_t)seed;
		piecewise(y, 400, cps, level, 3, 1.0);
		REQUIRE(ent_pelt(&c, y, 400, NULL) == 0);
		if (same_changepoints(c, cps, 3))
			exact++;
		else
			fprintf(stderr, "  seed %d: %zu segments\n", seed, c->nsegments);
		if (seed == 1) {
			/* Levels before and after, and the scale estimate. */
			CHECK(fabs(c->segments[0].mean - 0) < 0.3);
			CHECK(fabs(c->segments[1].mean - 8) < 0.3);
			CHECK(fabs(c->segments[2].mean - 2) < 0.3);
			CHECK(fabs(c->segments[3].mean - 9) < 0.3);
			CHECK(fabs(c->sigma - 1) < 0.2);
			CHECK(fabs(c->penalty - 3 * log(400.0)) < 1e-12);
		}
		ent_changepoints_free(c);
	}
	CHECK_INT(exact, 50);
}

TEST(analysis_pelt_synthetic_detection)
{
	static const size_t cps[] = {100, 220, 300};
	static const double mid[] = {0, 4, 0.5, 5};    /* 3.5-4.5 sd */
	static const double small[] = {0, 2.5, 0, 2.5}; /* 2.5 sd */
	double y[400];
	ent_changepoints *c = NULL;
	int seed, exact_mid = 0, near_mid = 0, exact_small = 0, near_small = 0;

	/* With noise at the boundary a point may sit nearer the other level;
	 * then the optimum is off by one. Count exact and near (+-3) hits. */
	for (seed = 1; seed <= 50; seed++) {
		rng_state = (uint64_t)seed;
		piecewise(y, 400, cps, mid, 3, 1.0);
		REQUIRE(ent_pelt(&c, y, 400, NULL) == 0);
		exact_mid += same_changepoints(c, cps, 3);
		near_mid += near_changepoints(c, cps, 3, 3);
		ent_changepoints_free(c);
		rng_state = (uint64_t)seed + 1000;
		piecewise(y, 400, cps, small, 3, 1.0);
		REQUIRE(ent_pelt(&c, y, 400, NULL) == 0);
		exact_small += same_changepoints(c, cps, 3);
		near_small += near_changepoints(c, cps, 3, 3);
		ent_changepoints_free(c);
	}
	fprintf(stderr, "  note: PELT, 50 series each: 3.5-4.5 sd shifts exact %d, within 3 %d; "
	        "2.5 sd shifts exact %d, within 3 %d\n", exact_mid, near_mid, exact_small, near_small);
	CHECK_INT(near_mid, 50);
	CHECK(near_small >= 45);
}

TEST(analysis_pelt_no_change_and_edges)
{
	double y[500], flat[10] = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
	double steps[12] = {1, 1, 1, 1, 5, 5, 5, 5, 5, 2, 2, 2};
	ent_changepoints *c = NULL;
	ent_pelt_opts o = {0};
	size_t i;
	int false_alarms = 0, seed;

	/* Noise alone: MBIC keeps one segment. */
	for (seed = 1; seed <= 20; seed++) {
		rng_state = (uint64_t)seed + 77;
		for (i = 0; i < 500; i++)
			y[i] = 3 + 2 * gauss();
		REQUIRE(ent_pelt(&c, y, 500, NULL) == 0);
		false_alarms += c->nsegments != 1;
		ent_changepoints_free(c);
	}
	CHECK_INT(false_alarms, 0);

	/* Constant: one segment with its level. */
	REQUIRE(ent_pelt(&c, flat, 10, NULL) == 0);
	CHECK_INT(c->nsegments, 1);
	CHECK(c->segments[0].mean == 2);
	ent_changepoints_free(c);

	/* Noise-free steps are found exactly. */
	REQUIRE(ent_pelt(&c, steps, 12, NULL) == 0);
	{
		static const size_t cps[] = {4, 9};

		CHECK(same_changepoints(c, cps, 2));
		CHECK(c->segments[1].mean == 5);
	}
	ent_changepoints_free(c);

	/* Too short to split; empty. */
	REQUIRE(ent_pelt(&c, steps, 3, NULL) == 0);
	CHECK_INT(c->nsegments, 1);
	ent_changepoints_free(c);
	REQUIRE(ent_pelt(&c, steps, 0, NULL) == 0);
	CHECK_INT(c->nsegments, 0);
	ent_changepoints_free(c);
	ent_changepoints_free(NULL);

	/* Errors. */
	y[3] = NAN;
	CHECK_INT(ent_pelt(&c, y, 10, NULL), ENT_EINVALID);
	CHECK(c == NULL);
	o.cost = ENT_CPT_POISSON;
	steps[2] = -1;
	CHECK_INT(ent_pelt(&c, steps, 12, &o), ENT_EINVALID);
	o.cost = (ent_cpt_cost)5;
	CHECK_INT(ent_pelt(&c, steps, 12, &o), ENT_EINVALID);
}

TEST(analysis_pelt_poisson)
{
	static const size_t cps[] = {60, 130};
	static const double rate[] = {2, 9, 4};
	double y[200];
	ent_pelt_opts o = {0};
	ent_changepoints *c = NULL;
	size_t i;
	int seed, exact = 0, near = 0;

	o.cost = ENT_CPT_POISSON;
	for (seed = 1; seed <= 20; seed++) {
		size_t seg = 0;

		rng_state = (uint64_t)seed + 500;
		for (i = 0; i < 200; i++) {
			while (seg < 2 && i >= cps[seg])
				seg++;
			y[i] = poisson(rate[seg]);
		}
		REQUIRE(ent_pelt(&c, y, 200, &o) == 0);
		exact += same_changepoints(c, cps, 2);
		near += near_changepoints(c, cps, 2, 3);
		ent_changepoints_free(c);
	}
	fprintf(stderr, "  note: PELT (Poisson), 20 count series: exact %d, within 3 %d\n", exact, near);
	CHECK_INT(near, 20);
}

/*
 * Brute-force optimal partitioning with the same costs, O(n^2): the
 * reference PELT must reproduce exactly (pruning never loses the optimum).
 */
static double op_cost(const double *y, size_t s, size_t t, int poisson_cost, int mbic)
{
	double sum = 0, sq = 0, len = (double)(t - s), c;
	size_t i;

	for (i = s; i < t; i++) {
		sum += y[i];
		sq += y[i] * y[i];
	}
	if (poisson_cost)
		c = sum > 0 ? 2 * sum * (log(len) - log(sum)) : 0;
	else
		c = sq - sum * sum / len;
	return mbic ? c + log(len) : c;
}

static double brute_force(const double *y, size_t n, double beta, size_t m,
                          int poisson_cost, int mbic, size_t *last)
{
	double *f = malloc((n + 1) * sizeof *f), best;
	size_t t, s;

	f[0] = -beta;
	for (t = 1; t <= n; t++) {
		f[t] = INFINITY;
		for (s = 0; s + m <= t; s++) {
			double v;

			if (s != 0 && s < m)
				continue;
			if (!isfinite(f[s]))
				continue;
			v = f[s] + op_cost(y, s, t, poisson_cost, mbic) + beta;
			if (v < f[t]) {
				f[t] = v;
				last[t] = s;
			}
		}
	}
	best = f[n];
	free(f);
	return best;
}

TEST(analysis_pelt_equals_optimal_partitioning)
{
	double y[160];
	size_t last[161];
	int trial, mismatches = 0;

	for (trial = 0; trial < 60; trial++) {
		ent_pelt_opts o = {0};
		ent_changepoints *c = NULL;
		size_t n = 40 + (size_t)(trial * 2) % 120, i, ncp = 0, cps[8];
		int poisson_cost = trial % 3 == 2, mbic;
		double want;

		rng_state = (uint64_t)trial * 31 + 5;
		for (i = 0; i < 1 + (size_t)trial % 5; i++)
			cps[ncp++] = (size_t)(uniform01() * (double)n);
		for (i = 0; i < n; i++) {
			double level = 0;
			size_t j;

			for (j = 0; j < ncp; j++)
				level += i >= cps[j] ? (j % 2 ? -1.5 : 2.0) : 0;
			y[i] = poisson_cost ? poisson(3 + level) : level + gauss();
		}
		o.cost = poisson_cost ? ENT_CPT_POISSON : ENT_CPT_NORMAL_MEAN;
		o.sigma = 1; /* the brute force works on y as is */
		o.min_seglen = 1 + (size_t)trial % 4;
		if (trial % 4 == 3) {
			o.penalty = 2 * log((double)n); /* BIC-like, no log-length term */
			o.mbic = -1;
		}
		mbic = !(o.penalty > 0);
		if (!poisson_cost) {
			/* The normal cost centres the series; so does the reference. */
			double mean = 0;

			for (i = 0; i < n; i++)
				mean += y[i];
			mean /= (double)n;
			for (i = 0; i < n; i++)
				y[i] -= mean;
		}
		REQUIRE(ent_pelt(&c, y, n, &o) == 0);
		want = brute_force(y, n, o.penalty > 0 ? o.penalty : 3 * log((double)n),
		                   o.min_seglen, poisson_cost, mbic, last);
		if (fabs(c->cost - want) > 1e-7 * (1 + fabs(want))) {
			fprintf(stderr, "  trial %d: PELT cost %.9f, optimal %.9f\n", trial, c->cost, want);
			mismatches++;
		} else {
			/* Same segmentation, back-tracked from the reference. */
			size_t t = n, seg = c->nsegments;

			while (t > 0 && seg > 0 && c->segments[seg - 1].start == last[t]) {
				t = last[t];
				seg--;
			}
			if (t != 0 || seg != 0) {
				fprintf(stderr, "  trial %d: segmentation differs\n", trial);
				mismatches++;
			}
		}
		ent_changepoints_free(c);
	}
	CHECK_INT(mismatches, 0);
}

/* Brute-force Mann-Kendall S, variance and Sen's slope. */
static int cmp_d(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;

	return a < b ? -1 : a > b;
}

static void brute_mk(const double *y, size_t n, double *s, double *var, double *slope)
{
	size_t i, j, k = 0, npairs = n * (n - 1) / 2;
	double *sl = malloc(npairs * sizeof *sl), *sorted = malloc(n * sizeof *sorted), ties = 0;

	*s = 0;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			*s += (y[j] > y[i]) - (y[j] < y[i]);
			sl[k++] = (y[j] - y[i]) / (double)(j - i);
		}
	qsort(sl, npairs, sizeof *sl, cmp_d);
	*slope = npairs % 2 ? sl[npairs / 2] : (sl[npairs / 2 - 1] + sl[npairs / 2]) / 2;
	memcpy(sorted, y, n * sizeof *y);
	qsort(sorted, n, sizeof *sorted, cmp_d);
	for (i = 0; i < n; i = j) {
		double t;

		for (j = i + 1; j < n && sorted[j] == sorted[i]; j++)
			;
		t = (double)(j - i);
		ties += t * (t - 1) * (2 * t + 5);
	}
	*var = ((double)n * (n - 1) * (2 * n + 5) - ties) / 18;
	free(sl);
	free(sorted);
}

TEST(analysis_mann_kendall_known)
{
	double up[10], down[10], flat[8], line[50];
	ent_trend_test t;
	size_t i;

	for (i = 0; i < 10; i++) {
		up[i] = (double)i;
		down[i] = 10 - (double)i;
	}
	REQUIRE(ent_mann_kendall(&t, up, 10) == 0);
	CHECK_INT(t.n, 10);
	CHECK(t.s == 45);
	CHECK(fabs(t.var_s - 125) < 1e-12);
	CHECK(fabs(t.z - 44 / sqrt(125.0)) < 1e-12);
	CHECK(fabs(t.p - 8.30e-5) < 0.05e-5);
	CHECK(t.tau == 1);
	CHECK(t.slope == 1);
	CHECK(t.intercept == 0);

	REQUIRE(ent_mann_kendall(&t, down, 10) == 0);
	CHECK(t.s == -45);
	CHECK(fabs(t.z + 44 / sqrt(125.0)) < 1e-12);
	CHECK(t.tau == -1);
	CHECK(t.slope == -1);
	CHECK(t.intercept == 10);

	for (i = 0; i < 8; i++)
		flat[i] = 3;
	REQUIRE(ent_mann_kendall(&t, flat, 8) == 0);
	CHECK(t.s == 0);
	CHECK(t.var_s == 0);
	CHECK(t.z == 0);
	CHECK(t.p == 1);
	CHECK(t.slope == 0);
	CHECK(t.intercept == 3);

	/* Noise around a line: the slope and intercept come back. */
	rng_state = 99;
	for (i = 0; i < 50; i++)
		line[i] = 2 + 0.5 * (double)i + 0.01 * gauss();
	REQUIRE(ent_mann_kendall(&t, line, 50) == 0);
	CHECK(fabs(t.slope - 0.5) < 0.001);
	CHECK(fabs(t.intercept - 2) < 0.02);
	CHECK(t.p < 1e-10);

	/* Ties: {1, 2, 2, 3, 1}: S = 3 + 0 + 0 - 1, tie groups {1,1}, {2,2}. */
	{
		double y[5] = {1, 2, 2, 3, 1};

		REQUIRE(ent_mann_kendall(&t, y, 5) == 0);
		CHECK(t.s == 2);
		CHECK(fabs(t.var_s - (5 * 4 * 15 - 2 * (2 * 1 * 9)) / 18.0) < 1e-12);
		CHECK(fabs(t.z - 1 / sqrt(t.var_s)) < 1e-12);
	}

	CHECK_INT(ent_mann_kendall(&t, up, 1), ENT_EINVALID);
	up[4] = NAN;
	CHECK_INT(ent_mann_kendall(&t, up, 10), ENT_EINVALID);
}

TEST(analysis_mann_kendall_brute_force)
{
	double y[300];
	int trial, bad = 0;

	for (trial = 0; trial < 80; trial++) {
		size_t n = 2 + (size_t)(trial * 37) % 298, i;
		double s, var, slope;
		ent_trend_test t;

		rng_state = (uint64_t)trial + 4242;
		for (i = 0; i < n; i++) {
			switch (trial % 4) {
			case 0: y[i] = floor(uniform01() * 5); break;           /* heavy ties */
			case 1: y[i] = gauss() + 0.01 * (double)i; break;       /* trend */
			case 2: y[i] = floor(poisson(2) + 0.05 * (double)i); break;
			default: y[i] = (double)(i % 7) - 0.3 * (double)i; break;
			}
		}
		REQUIRE(ent_mann_kendall(&t, y, n) == 0);
		brute_mk(y, n, &s, &var, &slope);
		if (t.s != s || fabs(t.var_s - var) > 1e-9 * var || t.slope != slope) {
			fprintf(stderr, "  trial %d (n %zu): S %.0f/%.0f var %.3f/%.3f slope %.17g/%.17g\n",
			        trial, n, t.s, s, t.var_s, var, t.slope, slope);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
}

TEST(analysis_mann_kendall_bisection)
{
	/* Above 2^21 pairs Sen's slope is found by bisection: check it
	 * against the full list on series with ties, with near-ties, and
	 * without. */
	enum { N = 2100 };
	double *y = malloc(N * sizeof *y);
	int trial;

	REQUIRE(y != NULL);
	for (trial = 0; trial < 3; trial++) {
		double s, var, slope;
		ent_trend_test t;
		size_t i;

		rng_state = (uint64_t)trial + 17;
		for (i = 0; i < N; i++)
			y[i] = trial == 0 ? floor(poisson(3) + 0.002 * (double)i)
			     : trial == 1 ? (double)(i % 7) - 0.3 * (double)i
			     : gauss() - 0.001 * (double)i;
		REQUIRE(ent_mann_kendall(&t, y, N) == 0);
		brute_mk(y, N, &s, &var, &slope);
		CHECK(t.s == s);
		if (fabs(t.slope - slope) > 1e-14 * (1 + fabs(slope))) {
			fprintf(stderr, "  trial %d: slope %.17g, all pairs %.17g\n", trial, t.slope, slope);
			test_failures++;
		}
	}
	free(y);
}

TEST(analysis_mann_kendall_long)
{
	enum { N = 200000 };
	double *y = malloc(N * sizeof *y);
	ent_trend_test t;
	size_t i;

	REQUIRE(y != NULL);
	rng_state = 2024;
	for (i = 0; i < N; i++)
		y[i] = 0.001 * (double)i + gauss();
	REQUIRE(ent_mann_kendall(&t, y, N) == 0);
	CHECK(fabs(t.slope - 0.001) < 2e-5);
	CHECK(t.z > 100);
	free(y);
}

static int oom_pelt(void)
{
	static const size_t cps[] = {30, 60};
	static const double level[] = {0, 5, 1};
	double y[90];
	ent_changepoints *c = NULL;
	int rc;

	rng_state = 3;
	piecewise(y, 90, cps, level, 2, 1.0);
	rc = ent_pelt(&c, y, 90, NULL);
	ent_changepoints_free(c);
	return rc;
}

static int oom_mk(void)
{
	double y[40];
	ent_trend_test t;
	size_t i;

	for (i = 0; i < 40; i++)
		y[i] = (double)(i % 9);
	return ent_mann_kendall(&t, y, 40);
}

TEST(analysis_changepoint_out_of_memory)
{
	int fn, k;

	for (fn = 0; fn < 2; fn++) {
		int rc = -1;

		for (k = 0; k < 1000; k++) {
			ent_alloc_fail_after(k);
			rc = fn ? oom_mk() : oom_pelt();
			ent_alloc_fail_after(-1);
			if (rc != ENT_ENOMEM)
				break;
		}
		CHECK_INT(rc, 0);
		CHECK(k >= 3);
	}
}
