/*
 * cmd_pivots.c - entente pivots [A B]: where relationships turned
 * (changepoints in the monthly net cooperation of a dyad, PELT with an
 * MBIC penalty) and where they trend (Mann-Kendall with Sen's slope).
 */
/* command: pivots 85 where relationships turned (changepoints) and how they trend */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente pivots [options] [A B]\n\n"
	        "For one dyad, or every dyad with enough events: the series of net\n"
	        "cooperation per period (--by, default month), its changepoints (PELT with\n"
	        "the MBIC penalty) with the levels before and after, and its trend\n"
	        "(Mann-Kendall test with Sen's slope per period).\n\n"
	        "options:\n"
	        "  --db FILE                   the store (default entente.db)\n"
	        "  --by day|week|month|year    the period (default month)\n"
	        "  --from DATE --to DATE       the time window\n"
	        "  --min-events N              dyads with fewer events are left out (default 3)\n"
	        "  --events-only               leave relation statements out\n"
	        "  --format table|csv          output (default table)\n"
	        "  -h, --help                  this help\n");
}

/* Prints a few events of the dyad around day (within one period's
 * length either side). */
static void events_around(ent_store *store, const char *a, const char *b, long day,
                          long span, const an_opts *o)
{
	an_evidence(store, a, b, day - span, day + span, 4, o);
}

/* A day record of an_dyads by its dyad, to sort the records by dyad. */
typedef struct day_ref {
	uint32_t a, b;
	size_t i;
} day_ref;

static int day_ref_cmp(const void *x, const void *y)
{
	const day_ref *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

/* Analyses the dyad of actors x < y from its day records (refs[0..nrefs),
 * indices into ev->days). */
static int pivot_dyad(ent_store *store, const an_dyads *ev, uint32_t x, uint32_t y,
                      const day_ref *refs, size_t nrefs, const an_opts *o)
{
	ent_dyad_day *sub = malloc((nrefs ? nrefs : 1) * sizeof *sub);
	ent_series *series = NULL;
	ent_series_opts so;
	ent_changepoints *cp = NULL;
	ent_trend_test mk;
	double *net = NULL;
	size_t i, n = 0, nrec = 0, nb;
	const ent_dyad_bin *bins;
	int rc = 0;

	if (!sub)
		return -1;
	for (i = 0; i < nrefs; i++) {
		sub[nrec++] = ev->days[refs[i].i];
		n += ev->days[refs[i].i].count;
	}
	memset(&so, 0, sizeof so);
	so.period = (ent_period)ent_period_parse(o->by);
	so.from = o->from == LONG_MIN ? ENT_DAY_UNSET : (int32_t)o->from;
	so.to = o->to == LONG_MAX ? ENT_DAY_UNSET : (int32_t)o->to;
	if (n == 0 || ent_series_build_days(&series, sub, nrec, NULL, 0, &so)) {
		rc = n ? -1 : 0;
		goto done;
	}
	bins = ent_series_bins(series);
	nb = ent_series_len(series);
	net = malloc((nb ? nb : 1) * sizeof *net);
	if (!net) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < nb; i++)
		net[i] = bins[i].net;
	if (o->format == OUT_TABLE)
		printf("%s-%s: %zu events over %zu %ss\n", ev->names[x], ev->names[y], n, nb, o->by);
	if (nb >= 4 && ent_pelt(&cp, net, nb, NULL) == 0) {
		size_t k;

		for (k = 1; k < cp->nsegments; k++) {
			char label[32];

			ent_period_label(label, so.period, bins[cp->segments[k].start].start);
			if (o->format == OUT_CSV)
				printf("%s,%s,changepoint,%s,%.2f,%.2f\n", ev->names[x], ev->names[y], label,
				       cp->segments[k - 1].mean, cp->segments[k].mean);
			else {
				long at = bins[cp->segments[k].start].start;
				long span = bins[cp->segments[k].start].end - at + 1;

				printf("    turned in %s: net cooperation %+.1f -> %+.1f a %s; around it:\n", label,
				       cp->segments[k - 1].mean, cp->segments[k].mean, o->by);
				events_around(store, ev->names[x], ev->names[y], at, span, o);
			}
		}
		if (cp->nsegments <= 1 && o->format == OUT_TABLE)
			printf("    no changepoint (PELT, MBIC penalty %.1f)\n", cp->penalty);
	} else if (o->format == OUT_TABLE) {
		printf("    too short for changepoints (%zu %ss)\n", nb, o->by);
	}
	if (nb >= 3 && ent_mann_kendall(&mk, net, nb) == 0) {
		char since[32];

		ent_period_label(since, so.period, bins[0].start);
		if (o->format == OUT_CSV)
			printf("%s,%s,trend,%s,%.3f,%.4f\n", ev->names[x], ev->names[y], since, mk.slope, mk.p);
		else
			printf("    trend since %s: %s (Sen's slope %+.2f a %s, Mann-Kendall p = %.3f)\n", since,
			       mk.p < 0.05 ? (mk.slope > 0 ? "warming" : mk.slope < 0 ? "cooling" : "flat")
			                   : "no significant trend", mk.slope, o->by, mk.p);
	}
done:
	ent_changepoints_free(cp);
	ent_series_free(series);
	free(net);
	free(sub);
	return rc;
}

int cmd_pivots(int argc, char **argv)
{
	an_opts o;
	ent_store *store = NULL;
	an_dyads ev;
	day_ref *refs = NULL;
	size_t i, r = 0;
	int status = EXIT_OK, level;

	memset(&ev, 0, sizeof ev);
	if (an_parse(&o, argc, argv, usage, 0, &status))
		return status;
	if (o.nargs != 0 && o.nargs != 2) {
		cli_error("pivots takes two actors or none (see 'entente pivots -h')");
		return EXIT_USAGE;
	}
	if ((status = an_open(&store, &o)) != 0)
		return status;
	/* Bins need records no coarser than themselves: months for a series
	 * by month, years by year (only net cooperation per bin is used, no
	 * decayed score). */
	level = strcmp(o.by, "month") == 0 ? 1 : strcmp(o.by, "year") == 0 ? 2 : 0;
	if ((status = an_load_dyads(&ev, store, o.nargs ? o.args[0] : NULL, o.nargs ? o.args[1] : NULL,
	                            level, &o)) != 0)
		goto done;
	if (o.format == OUT_CSV)
		printf("a,b,kind,when,before_or_slope,after_or_p\n");
	/* the day records by dyad, in the order of the totals */
	refs = malloc((ev.ndays ? ev.ndays : 1) * sizeof *refs);
	if (!refs) {
		cli_error("out of memory");
		status = EXIT_FAIL;
		goto done;
	}
	for (i = 0; i < ev.ndays; i++) {
		refs[i].a = ev.day_a[i];
		refs[i].b = ev.day_b[i];
		refs[i].i = i;
	}
	qsort(refs, ev.ndays, sizeof *refs, day_ref_cmp);
	for (i = 0; i < ev.ntotals; i++) {
		size_t first;

		while (r < ev.ndays && (refs[r].a < ev.totals[i].a ||
		                        (refs[r].a == ev.totals[i].a && refs[r].b < ev.totals[i].b)))
			r++;
		for (first = r; r < ev.ndays && refs[r].a == ev.totals[i].a && refs[r].b == ev.totals[i].b; r++)
			;
		if (ev.totals[i].count >= (o.min_events ? o.min_events : 1) &&
		    pivot_dyad(store, &ev, ev.totals[i].a, ev.totals[i].b, refs + first, r - first, &o)) {
			cli_error("out of memory");
			status = EXIT_FAIL;
			break;
		}
	}
	if (ev.ntotals == 0 && o.format == OUT_TABLE)
		printf("no dyads in %s\n", o.db);
done:
	free(refs);
	an_dyads_free(&ev);
	ent_store_close(store);
	return status;
}
