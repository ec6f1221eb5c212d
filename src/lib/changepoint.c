/*
 * changepoint.c - where a relationship turned, and where it is heading.
 *
 * PELT (Killick, Fearnhead & Eckley 2012) finds the segmentation of a
 * series that minimises the sum of segment costs plus a penalty per
 * changepoint, exactly, by optimal partitioning with inequality pruning
 * (research note 3.1). Costs come from cumulative sums, so each candidate
 * costs O(1). Mann-Kendall with Sen's slope (research note 3.5) tests for
 * a monotone trend; both S and the median of the pairwise slopes are
 * computed by merge counting in O(n log n), never materialising the
 * n(n-1)/2 pairs.
 */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/analysis.h"

#define MK_MAX_N 1000000
/* Up to this many pairwise slopes, Sen's slope lists them all and selects
 * the median exactly (16 MiB); beyond, bisection with merge counting. */
#define EXACT_PAIRS (UINT64_C(1) << 21)
/* Most slopes listed from a bisection bracket of tied slopes. */
#define SLAB_MAX ((size_t)1 << 22)

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;

	return a < b ? -1 : a > b;
}

/* Median of v[0..n) (n > 0); reorders v. */
static double median_inplace(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---------------------------------------------------------------------
 * PELT
 * ------------------------------------------------------------------- */

typedef struct pelt_cost {
	ent_cpt_cost kind;
	const double *s1, *s2; /* cumulative sums over 0..n */
	const double *loglen;  /* log(len) for len 0..n (0 unused) */
	int mbic;
} pelt_cost;

/* Likelihood cost of the segment of points s..t-1 (t > s), without the
 * MBIC term. */
static double likelihood_cost(const pelt_cost *pc, size_t s, size_t t)
{
	double len = (double)(t - s), sum = pc->s1[t] - pc->s1[s], c;

	if (pc->kind == ENT_CPT_POISSON)
		return sum > 0 ? 2 * sum * (pc->loglen[t - s] - log(sum)) : 0;
	c = (pc->s2[t] - pc->s2[s]) - sum * sum / len;
	return c < 0 ? 0 : c; /* rounding */
}

/* The full cost: likelihood plus log(len) under MBIC. */
static double segment_cost(const pelt_cost *pc, size_t s, size_t t)
{
	double c = likelihood_cost(pc, s, t);

	return pc->mbic ? c + pc->loglen[t - s] : c;
}

/*
 * Noise scale for the normal cost: MAD of the first differences / sqrt 2
 * (robust to the level shifts we look for), falling back to the standard
 * deviation of the differences when more than half of them are equal.
 * 0 means the series is constant.
 */
static int estimate_sigma(double *out, const double *y, size_t n)
{
	double *d, med, sd = 0;
	size_t i;

	*out = 0;
	if (n < 2)
		return 0;
	d = ent_malloc((n - 1) * sizeof *d);
	if (!d)
		return ent_error_set(ENT_ENOMEM, "changepoints: out of memory");
	for (i = 0; i + 1 < n; i++)
		d[i] = y[i + 1] - y[i];
	for (i = 0; i + 1 < n; i++)
		sd += d[i] * d[i];
	sd = sqrt(sd / (double)(n - 1));
	med = median_inplace(d, n - 1);
	for (i = 0; i + 1 < n; i++)
		d[i] = fabs(d[i] - med);
	*out = 1.482602218505602 * median_inplace(d, n - 1) / sqrt(2.0);
	if (!(*out > 0))
		*out = sd / sqrt(2.0);
	ent_free(d);
	return 0;
}

int ent_pelt(ent_changepoints **out, const double *y, size_t n,
             const ent_pelt_opts *opts)
{
	ent_pelt_opts o = opts ? *opts : (ent_pelt_opts){0};
	ent_changepoints *r = NULL;
	double *s1 = NULL, *s2 = NULL, *f = NULL, *val = NULL, *loglen = NULL, mean = 0, beta;
	size_t *last = NULL, *cand = NULL, *pruned = NULL, i, m, ncand, nseg;
	pelt_cost pc;
	int rc = 0;

	*out = NULL;
	if (o.cost != ENT_CPT_NORMAL_MEAN && o.cost != ENT_CPT_POISSON)
		return ent_error_set(ENT_EINVALID, "changepoints: unknown cost %d", (int)o.cost);
	for (i = 0; i < n; i++) {
		if (!isfinite(y[i]))
			return ent_error_set(ENT_EINVALID, "changepoints: value %zu is not a number", i);
		if (o.cost == ENT_CPT_POISSON && y[i] < 0)
			return ent_error_set(ENT_EINVALID, "changepoints: value %zu is negative under the Poisson cost", i);
	}
	m = o.min_seglen ? o.min_seglen : 2;
	beta = o.penalty > 0 ? o.penalty : 3 * log(n > 1 ? (double)n : 2.0);
	pc.kind = o.cost;
	pc.mbic = o.mbic > 0 || (o.mbic == 0 && !(o.penalty > 0));

	r = ent_calloc(1, sizeof *r);
	s1 = ent_malloc((n + 1) * sizeof *s1);
	s2 = ent_malloc((n + 1) * sizeof *s2);
	loglen = ent_malloc((n + 1) * sizeof *loglen);
	if (!r || !s1 || !s2 || !loglen)
		goto oom;
	loglen[0] = 0;
	for (i = 1; i <= n; i++)
		loglen[i] = log((double)i);
	pc.loglen = loglen;
	r->penalty = beta;
	r->sigma = 1;

	/* Cumulative sums; the normal cost works on (y - mean) / sigma,
	 * centred so that the sums do not lose precision. */
	if (o.cost == ENT_CPT_NORMAL_MEAN) {
		for (i = 0; i < n; i++)
			mean += y[i];
		mean = n ? mean / (double)n : 0;
		if (o.sigma > 0)
			r->sigma = o.sigma;
		else if ((rc = estimate_sigma(&r->sigma, y, n)) < 0)
			goto done;
	}
	s1[0] = s2[0] = 0;
	for (i = 0; i < n; i++) {
		double z = o.cost == ENT_CPT_NORMAL_MEAN ? (r->sigma > 0 ? (y[i] - mean) / r->sigma : 0) : y[i];

		s1[i + 1] = s1[i] + z;
		s2[i + 1] = s2[i] + z * z;
	}
	pc.s1 = s1;
	pc.s2 = s2;

	if (n < 2 * m || (o.cost == ENT_CPT_NORMAL_MEAN && !(r->sigma > 0))) {
		/* Too short to split, or constant: one segment. */
		nseg = n ? 1 : 0;
		r->segments = ent_malloc((nseg + 1) * sizeof *r->segments);
		if (!r->segments)
			goto oom;
		if (n) {
			r->segments[0].start = 0;
			r->segments[0].end = n;
			r->segments[0].mean = 0;
			for (i = 0; i < n; i++)
				r->segments[0].mean += y[i];
			r->segments[0].mean /= (double)n;
			r->cost = segment_cost(&pc, 0, n);
		}
		r->nsegments = nseg;
		goto ok;
	}

	/*
	 * Pruning. PELT drops a candidate tau at t when F(tau) + C(tau, t) +
	 * K > F(t), for a K with C(tau, T) >= C(tau, t) + C(t, T) + K for all
	 * T > t. The likelihood costs are superadditive (K = 0). The MBIC term
	 * log(len) is not: log(T - tau) - log(t - tau) - log(T - t) >=
	 * -log(t - tau), so K = -log(t - tau) per candidate, which cancels
	 * the candidate's own log term: compare F(tau) + likelihood(tau, t)
	 * with F(t). Exact, and prunes as hard as plain PELT.
	 */

	f = ent_malloc((n + 1) * sizeof *f);
	val = ent_malloc((n + 1) * sizeof *val);
	last = ent_malloc((n + 1) * sizeof *last);
	cand = ent_malloc((n + 1) * sizeof *cand);
	pruned = ent_malloc((n + 1) * sizeof *pruned);
	if (!f || !val || !last || !cand || !pruned)
		goto oom;

	/*
	 * F(t): least penalised cost of y[0..t), with F(0) = -beta. A
	 * candidate last changepoint tau is eligible at t when both tau and
	 * t - tau allow segments of length >= m. A candidate with
	 * F(tau) + C(tau, t) + K > F(t) can never be optimal for any t' >=
	 * t + m (the path through t beats it), so it is marked at t and
	 * dropped once t' reaches t + m; before that it still competes, since
	 * the path through t is not yet a valid segmentation.
	 */
	f[0] = -beta;
	last[0] = 0;
	cand[0] = 0;
	pruned[0] = SIZE_MAX;
	ncand = 1;
	for (i = 1; i < m; i++)
		f[i] = INFINITY;
	for (i = m; i <= n; i++) {
		size_t c, keep = 0, arg = 0;
		double best = INFINITY;

		if (i >= 2 * m) {
			cand[ncand] = i - m;
			pruned[ncand++] = SIZE_MAX;
		}
		for (c = 0; c < ncand; c++) {
			if (pruned[c] != SIZE_MAX && i >= pruned[c] + m)
				continue;
			val[c] = f[cand[c]] + segment_cost(&pc, cand[c], i) + beta;
			if (val[c] < best) {
				best = val[c];
				arg = cand[c];
			}
		}
		f[i] = best;
		last[i] = arg;
		for (c = 0; c < ncand; c++) {
			if (pruned[c] != SIZE_MAX && i >= pruned[c] + m)
				continue; /* dropped */
			if (pruned[c] == SIZE_MAX &&
			    val[c] - beta - (pc.mbic ? loglen[i - cand[c]] : 0) > best)
				pruned[c] = i;
			cand[keep] = cand[c];
			pruned[keep++] = pruned[c];
		}
		ncand = keep;
	}

	/* Back-track the segments. */
	nseg = 0;
	for (i = n; i > 0; i = last[i])
		nseg++;
	r->segments = ent_malloc(nseg * sizeof *r->segments);
	if (!r->segments)
		goto oom;
	r->nsegments = nseg;
	for (i = n; i > 0; i = last[i]) {
		ent_cpt_segment *s = &r->segments[--nseg];
		size_t t;

		s->start = last[i];
		s->end = i;
		s->mean = 0;
		for (t = s->start; t < s->end; t++)
			s->mean += y[t];
		s->mean /= (double)(s->end - s->start);
	}
	r->cost = f[n];
ok:
	*out = r;
	r = NULL;
	rc = 0;
	goto done;
oom:
	rc = ent_error_set(ENT_ENOMEM, "changepoints: out of memory");
done:
	ent_free(s1);
	ent_free(s2);
	ent_free(loglen);
	ent_free(f);
	ent_free(val);
	ent_free(last);
	ent_free(cand);
	ent_free(pruned);
	ent_changepoints_free(r);
	return rc;
}

void ent_changepoints_free(ent_changepoints *c)
{
	if (!c)
		return;
	ent_free(c->segments);
	ent_free(c);
}

/* ---------------------------------------------------------------------
 * Mann-Kendall and Sen's slope
 * ------------------------------------------------------------------- */

/*
 * Sorts u[0..n) ascending (stable) and returns the number of strict
 * inversions, pairs i < j with u_i > u_j. Bottom-up merge sort; tmp has n
 * entries. When idx is not NULL it is permuted along with u.
 */
static uint64_t inversions(double *u, uint32_t *idx, size_t n, double *tmp, uint32_t *itmp)
{
	uint64_t inv = 0;
	size_t width;

	for (width = 1; width < n; width *= 2) {
		size_t lo;

		for (lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t p = lo, q = mid, k = lo;

			while (p < mid && q < hi) {
				if (u[p] <= u[q]) {
					if (idx)
						itmp[k] = idx[p];
					tmp[k++] = u[p++];
				} else {
					inv += mid - p;
					if (idx)
						itmp[k] = idx[q];
					tmp[k++] = u[q++];
				}
			}
			while (p < mid) {
				if (idx)
					itmp[k] = idx[p];
				tmp[k++] = u[p++];
			}
			while (q < hi) {
				if (idx)
					itmp[k] = idx[q];
				tmp[k++] = u[q++];
			}
		}
		memcpy(u, tmp, n * sizeof *u);
		if (idx)
			memcpy(idx, itmp, n * sizeof *idx);
	}
	return inv;
}

typedef struct slope_work {
	const double *y;
	size_t n;
	double *u, *tmp, *slab;
	uint32_t *idx, *itmp;
	size_t slab_cap, nslab;
} slope_work;

/* Number of pairwise slopes strictly below theta: pair i < j has slope
 * < theta iff y_j - theta j < y_i - theta i, an inversion of u. */
static uint64_t slopes_below(slope_work *w, double theta)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		w->u[i] = w->y[i] - theta * (double)i;
	return inversions(w->u, NULL, w->n, w->tmp, NULL);
}

/*
 * Collects the slopes in [lo, hi): order the points by u at lo (the pairs
 * below lo are then exactly the ones out of index order), and the
 * inversions of u at hi in that order are the pairs with lo <= slope < hi.
 * A merge sort that lists the inversions it counts does it in
 * O(n log n + found). Stops collecting at slab_cap (returns -1).
 */
static int collect_slab(slope_work *w, double lo, double hi)
{
	size_t n = w->n, i, width;
	double *v = w->u;

	/* Order by u at lo, ties by index (stable sort of the index order). */
	for (i = 0; i < n; i++) {
		w->u[i] = w->y[i] - lo * (double)i;
		w->idx[i] = (uint32_t)i;
	}
	inversions(w->u, w->idx, n, w->tmp, w->itmp);
	/* Then merge-sort the values at hi in that order, listing inversions. */
	for (i = 0; i < n; i++)
		v[i] = w->y[w->idx[i]] - hi * (double)w->idx[i];
	w->nslab = 0;
	for (width = 1; width < n; width *= 2) {
		size_t l0;

		for (l0 = 0; l0 < n; l0 += 2 * width) {
			size_t mid = l0 + width < n ? l0 + width : n;
			size_t h0 = l0 + 2 * width < n ? l0 + 2 * width : n;
			size_t p = l0, q = mid, k = l0, t;

			while (p < mid && q < h0) {
				if (v[p] <= v[q]) {
					w->itmp[k] = w->idx[p];
					w->tmp[k++] = v[p++];
				} else {
					for (t = p; t < mid; t++) {
						uint32_t a = w->idx[t], b = w->idx[q];
						uint32_t i0 = a < b ? a : b, i1 = a < b ? b : a;

						if (w->nslab == w->slab_cap)
							return -1;
						w->slab[w->nslab++] = (w->y[i1] - w->y[i0]) / (double)(i1 - i0);
					}
					w->itmp[k] = w->idx[q];
					w->tmp[k++] = v[q++];
				}
			}
			while (p < mid) {
				w->itmp[k] = w->idx[p];
				w->tmp[k++] = v[p++];
			}
			while (q < h0) {
				w->itmp[k] = w->idx[q];
				w->tmp[k++] = v[q++];
			}
		}
		memcpy(v, w->tmp, n * sizeof *v);
		memcpy(w->idx, w->itmp, n * sizeof *w->idx);
	}
	return 0;
}

/*
 * The k-th smallest (0-based) of the n(n-1)/2 pairwise slopes. Bisection
 * keeps below(lo) <= k < below(hi), so the answer lies in [lo, hi); once
 * at most slab_cap slopes lie there (or the bracket cannot shrink in
 * floating point) they are listed and the answer picked by rank.
 */
static double kth_slope(slope_work *w, uint64_t k)
{
	double lo, hi, span;
	uint64_t c_lo = 0, c_hi, total = (uint64_t)w->n * (w->n - 1) / 2;
	size_t i;
	int iter;

	lo = hi = w->y[1] - w->y[0];
	/* Extreme pairwise slopes are between neighbours. */
	for (i = 1; i + 1 < w->n; i++) {
		double s = w->y[i + 1] - w->y[i];

		if (s < lo)
			lo = s;
		if (s > hi)
			hi = s;
	}
	span = hi - lo;
	hi += span > 0 ? span : fabs(hi) > 0 ? fabs(hi) : 1.0;
	c_hi = total;
	for (iter = 0; iter < 200 && c_hi - c_lo > w->slab_cap; iter++) {
		double mid = lo + (hi - lo) / 2;
		uint64_t c;

		if (mid <= lo || mid >= hi)
			break;
		c = slopes_below(w, mid);
		if (c <= k) {
			lo = mid;
			c_lo = c;
		} else {
			hi = mid;
			c_hi = c;
		}
	}
	if (collect_slab(w, lo, hi) < 0) {
		/* Bisection stopped on a bracket a few ulps wide (or 2^-200 of
		 * the range around 0) holding more slopes than fit: tied slopes.
		 * List them all if that is affordable; otherwise any slope
		 * listed is the answer to that precision. */
		size_t need = (size_t)(c_hi - c_lo) + 16;
		double *more = need <= SLAB_MAX ? ent_realloc(w->slab, need * sizeof *more) : NULL;

		if (more) {
			w->slab = more;
			w->slab_cap = need;
		}
		if (!more || collect_slab(w, lo, hi) < 0) {
			qsort(w->slab, w->nslab, sizeof *w->slab, cmp_double);
			return w->slab[w->nslab / 2];
		}
	}
	if (w->nslab == 0)
		return lo;
	qsort(w->slab, w->nslab, sizeof *w->slab, cmp_double);
	/* Rounding may disagree with the counts by a pair or two at the
	 * edges; clamp the rank into what was listed. */
	c_lo = slopes_below(w, lo);
	if (k < c_lo)
		return w->slab[0];
	if (k - c_lo >= w->nslab)
		return w->slab[w->nslab - 1];
	return w->slab[k - c_lo];
}

/* Rearranges v so that v[k] is the k-th smallest (0-based) and nothing
 * before it is larger: Hoare's selection with a median-of-three pivot. */
static double select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double a = v[lo], b = v[mid], c = v[hi], pivot;

		pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];

				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break; /* j < k < i: v[k] equals the pivot */
	}
	return v[k];
}

/* Sen's slope from all n(n-1)/2 slopes listed (exact); ENT_ENOMEM. */
static int sen_exact(double *out, const double *y, size_t n)
{
	size_t total = n * (n - 1) / 2, i, j, k = 0;
	double *sl = ent_malloc(total * sizeof *sl), upper;

	if (!sl)
		return ent_error_set(ENT_ENOMEM, "trend: out of memory");
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			sl[k++] = (y[j] - y[i]) / (double)(j - i);
	upper = select_kth(sl, total, total / 2);
	if (total % 2 == 0) {
		double lower = sl[0];

		/* The largest below the upper median. */
		for (i = 1; i < total / 2; i++)
			if (sl[i] > lower)
				lower = sl[i];
		upper = (lower + upper) / 2;
	}
	*out = upper;
	ent_free(sl);
	return 0;
}

int ent_mann_kendall(ent_trend_test *out, const double *y, size_t n)
{
	slope_work w = {0};
	double *sorted = NULL, ties = 0, nn = (double)n;
	uint64_t total, down, tie_pairs = 0;
	size_t i, run;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (n < 2)
		return ent_error_set(ENT_EINVALID, "trend: needs at least 2 values");
	if (n > MK_MAX_N)
		return ent_error_set(ENT_ELIMIT, "trend: %zu values exceed %d", n, MK_MAX_N);
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return ent_error_set(ENT_EINVALID, "trend: value %zu is not a number", i);

	w.y = y;
	w.n = n;
	w.slab_cap = 4 * n + 16;
	w.u = ent_malloc(n * sizeof *w.u);
	w.tmp = ent_malloc(n * sizeof *w.tmp);
	w.idx = ent_malloc(n * sizeof *w.idx);
	w.itmp = ent_malloc(n * sizeof *w.itmp);
	w.slab = ent_malloc(w.slab_cap * sizeof *w.slab);
	sorted = ent_malloc(n * sizeof *sorted);
	if (!w.u || !w.tmp || !w.idx || !w.itmp || !w.slab || !sorted) {
		rc = ent_error_set(ENT_ENOMEM, "trend: out of memory");
		goto done;
	}

	/* S = (increasing pairs) - (decreasing pairs); decreasing pairs are
	 * the strict inversions, tied pairs come from the sorted values. */
	total = (uint64_t)n * (n - 1) / 2;
	memcpy(sorted, y, n * sizeof *sorted);
	down = inversions(sorted, NULL, n, w.tmp, NULL);
	for (i = 0; i < n; i = run) {
		double t;

		for (run = i + 1; run < n && sorted[run] == sorted[i]; run++)
			;
		t = (double)(run - i);
		tie_pairs += (uint64_t)(run - i) * (run - i - 1) / 2;
		ties += t * (t - 1) * (2 * t + 5);
	}
	out->n = n;
	out->s = (double)(total - down - tie_pairs) - (double)down;
	out->var_s = (nn * (nn - 1) * (2 * nn + 5) - ties) / 18.0;
	if (out->var_s > 0 && out->s != 0)
		out->z = (out->s - (out->s > 0 ? 1 : -1)) / sqrt(out->var_s);
	out->p = out->var_s > 0 ? 2 * gsl_cdf_ugaussian_Q(fabs(out->z)) : 1.0;
	if (out->p > 1)
		out->p = 1;
	out->tau = out->s / (double)total;

	/* Sen's slope: the median of the pairwise slopes. */
	if (total <= EXACT_PAIRS) {
		if ((rc = sen_exact(&out->slope, y, n)) < 0)
			goto done;
	} else if (total % 2)
		out->slope = kth_slope(&w, total / 2);
	else
		out->slope = (kth_slope(&w, total / 2 - 1) + kth_slope(&w, total / 2)) / 2;
	for (i = 0; i < n; i++)
		sorted[i] = y[i] - out->slope * (double)i;
	out->intercept = median_inplace(sorted, n);
done:
	ent_free(w.u);
	ent_free(w.tmp);
	ent_free(w.idx);
	ent_free(w.itmp);
	ent_free(w.slab);
	ent_free(sorted);
	return rc;
}
