/*
 * bench_analysis.c - throughput of the analysis library (built by make
 * bench, run by bench/bench_60_analysis.sh).
 *
 * Generates ten million events in memory (not timed), then times what
 * `entente dyad` and `entente balance` will do with them: interning the
 * actor codes of store rows into an event table, binning one
 * dyad's events by day and by month, binning per-day aggregates, summing
 * every dyad, building the signed network and measuring it; then PELT and
 * Mann-Kendall on a long series, and the exact frustration index on every
 * CoW window when ../shared is there.
 *
 * Prints lines in the bench format: stage, items per second, peak RSS MB,
 * notes.
 *
 * Usage: bench_analysis [EVENTS] [COW_DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "entente/entente.h"

#define BENCH_NAME "bench_analysis"
#include "bench_util.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double peak_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

static void line(const char *stage, double items, double secs, const char *notes)
{
	printf("%-28s %14.0f %10.1f  %s, %.3fs\n", stage, items / (secs > 1e-9 ? secs : 1e-9),
	       peak_mb(), notes, secs);
}

/* Frustration index on every CoW window listed in reference_measures. */
static void bench_cow(const char *dir)
{
	char path[1024], row[512];
	FILE *ref;
	double total = 0, worst = 0;
	int windows = 0;
	char worst_w[32] = "";

	snprintf(path, sizeof path, "%s/reference_measures.csv", dir);
	if (!(ref = fopen(path, "r"))) {
		printf("frustration (CoW)            skipped (%s not found)\n", path);
		return;
	}
	if (!fgets(row, sizeof row, ref)) {
		fclose(ref);
		return;
	}
	while (fgets(row, sizeof row, ref)) {
		char w[32], *a, *b, *s, buf[256];
		ent_signed *g;
		ent_frustration *f;
		FILE *in;

		if (sscanf(row, "\"%31[^\"]\"", w) != 1)
			continue;
		snprintf(path, sizeof path, "%s/cow_%s.csv", dir, w);
		if (!(in = fopen(path, "r")) || ent_signed_new(&g) < 0)
			fail(path);
		if (!fgets(buf, sizeof buf, in))
			fail(path);
		while (fgets(buf, sizeof buf, in)) {
			a = strtok(buf, ",\r\n");
			b = strtok(NULL, ",\r\n");
			s = strtok(NULL, ",\r\n");
			if (a && b && s && ent_signed_add_edge(g, a, b, atof(s)) < 0)
				fail(path);
		}
		fclose(in);
		if (ent_signed_frustration(&f, g, NULL) < 0)
			fail("frustration");
		total += f->seconds;
		if (f->seconds > worst) {
			worst = f->seconds;
			snprintf(worst_w, sizeof worst_w, "%s", w);
		}
		windows++;
		ent_frustration_free(f);
		ent_signed_free(g);
	}
	fclose(ref);
	snprintf(row, sizeof row, "%d CoW windows solved exactly, slowest %s %.3fs, mean %.3fs",
	         windows, worst_w, worst, windows ? total / windows : 0);
	line("frustration (CoW)", windows, total, row);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000000, i, nd = 0, nb = 0;
	const char *cow = argc > 2 ? argv[2] : NULL;
	enum { ACTORS = 200, DYADS = 4000 };
	static uint32_t dyad_a[DYADS], dyad_b[DYADS];
	static int dyad_tone[DYADS];
	char names_buf[ACTORS][8];
	const char *names[ACTORS];
	ent_event_obs *ev = malloc(n * sizeof *ev);
	ent_dyad_day *days = NULL;
	ent_day_count *totals = NULL;
	ent_dyad_total *dyads = NULL;
	ent_series *s = NULL;
	ent_signed *g = NULL;
	ent_balancer *bal = NULL;
	ent_triangle_census tc;
	ent_frustration *f = NULL;
	ent_changepoints *cp = NULL;
	ent_trend_test tr;
	ent_series_opts o = {ENT_PERIOD_MONTH, ENT_DAY_UNSET, ENT_DAY_UNSET, 30};
	int32_t first = 7305; /* 1990-01-01 */
	size_t span = 12784;  /* 35 years */
	double t, walk;
	char notes[256];

	if (!ev)
		return 1;
	for (i = 0; i < ACTORS; i++) {
		snprintf(names_buf[i], sizeof names_buf[i], "A%03zu", i);
		names[i] = names_buf[i];
	}
	/* Events: DYADS active dyads between skewed actors (a few big powers
	 * in most of them), used with skewed frequency; two camps by actor
	 * parity, friendly inside and hostile across, with a few dyads
	 * against their camps; Goldstein on CAMEO's grid around that tone,
	 * QuadClass from its sign; in day order, as the store returns them. */
	bench_dyads(dyad_a, dyad_b, dyad_tone, DYADS, ACTORS);
	for (i = 0; i < n; i++) {
		uint32_t r = rnd(), d = rnd() % DYADS * (rnd() % DYADS) / DYADS;
		double gs = 3.0 * dyad_tone[d] + (double)((int)(rnd() % 161) - 80) / 10.0;

		gs = gs > 10 ? 10 : gs < -10 ? -10 : gs;
		ev[i].day = first + (int32_t)((uint64_t)i * span / n);
		ev[i].source = dyad_a[d];
		ev[i].target = dyad_b[d];
		ev[i].goldstein = (float)gs;
		ev[i].quad = (int8_t)(gs >= 0 ? 1 + (r >> 7) % 2 : 3 + (r >> 7) % 2);
	}

	/* dyad: all n events as one dyad's series (the worst case). */
	t = now();
	if (ent_series_build(&s, ev, n, NULL, 0, &o) < 0)
		fail("series");
	t = now() - t;
	snprintf(notes, sizeof notes, "%zu events -> %zu months", n, ent_series_len(s));
	ent_series_free(s);
	line("dyad series (month)", (double)n, t, notes);

	o.period = ENT_PERIOD_DAY;
	t = now();
	if (ent_series_build(&s, ev, n, NULL, 0, &o) < 0)
		fail("series");
	t = now() - t;
	snprintf(notes, sizeof notes, "%zu events -> %zu days", n, ent_series_len(s));
	ent_series_free(s);
	line("dyad series (day)", (double)n, t, notes);

	/* The same from per-day aggregates plus daily totals for the share. */
	days = calloc(span, sizeof *days);
	totals = calloc(span, sizeof *totals);
	if (!days || !totals)
		return 1;
	for (i = 0; i < n; i++) {
		ent_dyad_day *d = &days[ev[i].day - first];

		d->day = ev[i].day;
		d->count++;
		d->quad[ev[i].quad - 1]++;
		if (ev[i].goldstein > 0)
			d->coop += ev[i].goldstein;
		else
			d->conflict -= ev[i].goldstein;
	}
	for (i = 0; i < span; i++) {
		totals[i].day = first + (int32_t)i;
		totals[i].count = days[i].count * 3;
	}
	o.period = ENT_PERIOD_WEEK;
	t = now();
	if (ent_series_build_days(&s, days, span, totals, span, &o) < 0)
		fail("series");
	t = now() - t;
	snprintf(notes, sizeof notes, "%zu day records -> %zu weeks, with shares", span, ent_series_len(s));
	line("dyad series (day records)", (double)span, t, notes);

	ent_series_free(s);

	/* pivots on the daily net cooperation, with a step planted halfway. */
	o.period = ENT_PERIOD_DAY;
	if (ent_series_build_days(&s, days, span, NULL, 0, &o) < 0)
		fail("series");
	{
		size_t len = ent_series_len(s);
		double *y = malloc(len * sizeof *y);
		const ent_dyad_bin *bins = ent_series_bins(s);

		for (i = 0; i < len; i++)
			y[i] = bins[i].net + (i >= len / 2 ? 2000 : 0);
		t = now();
		if (ent_pelt(&cp, y, len, NULL) < 0 || ent_mann_kendall(&tr, y, len) < 0)
			fail("pivots");
		t = now() - t;
		snprintf(notes, sizeof notes, "PELT + Mann-Kendall on %zu days: %zu segments, step at %zu",
		         len, cp->nsegments, cp->nsegments > 1 ? cp->segments[1].start : 0);
		line("pivots (daily series)", (double)len, t, notes);
		ent_changepoints_free(cp);
		free(y);
	}
	ent_series_free(s);

	/* What a command does with the store's rows: intern the codes. */
	{
		ent_event_table *tab = NULL;

		t = now();
		if (ent_event_table_new(&tab) < 0)
			fail("event table");
		for (i = 0; i < n; i++)
			if (ent_event_table_add(tab, ev[i].day, names[ev[i].source], names[ev[i].target],
			                        ev[i].quad, ev[i].goldstein) < 0)
				fail("event table");
		t = now() - t;
		snprintf(notes, sizeof notes, "%zu rows with actor codes -> %zu actors", n,
		         ent_event_table_actor_count(tab));
		ent_event_table_free(tab);
		line("event table (from rows)", (double)n, t, notes);
	}

	/* network / balance: every dyad, then the measures. */
	t = now();
	if (ent_dyad_totals(&dyads, &nd, ev, n, ENT_DAY_UNSET, ENT_DAY_UNSET) < 0)
		fail("dyad totals");
	t = now() - t;
	snprintf(notes, sizeof notes, "%zu events -> %zu dyads", n, nd);
	line("dyad totals", (double)n, t, notes);

	t = now();
	if (ent_network_build(&g, dyads, nd, names, ACTORS, NULL) < 0 ||
	    ent_signed_triangles(&tc, g) < 0 || ent_signed_walk_balance(&walk, g) < 0 ||
	    ent_signed_balancers(&bal, &nb, g) < 0 || ent_signed_frustration(&f, g, NULL) < 0)
		fail("balance");
	t = now() - t;
	snprintf(notes, sizeof notes, "%zu nodes, %zu edges, %zu triangles, %zu balancers, L %zu%s",
	         ent_signed_node_count(g), ent_signed_edge_count(g), tc.total, nb, f->index,
	         f->optimal ? "" : " (not proven)");
	line("balance (network measures)", (double)ent_signed_edge_count(g), t, notes);
	{
		ent_blocs *bl = NULL;
		ent_blocs_opts bo = {0};

		t = now();
		if (ent_signed_blocs(&bl, g, &bo) < 0)
			fail("blocs");
		t = now() - t;
		snprintf(notes, sizeof notes, "spinglass: %d blocs, %zu negative within, %zu positive between",
		         bl->nblocs, bl->neg_within, bl->pos_between);
		line("blocs (spinglass)", (double)ent_signed_edge_count(g), t, notes);
		ent_blocs_free(bl);
		bo.method = ENT_BLOCS_RELOCATE;
		bo.k = 4;
		t = now();
		if (ent_signed_blocs(&bl, g, &bo) < 0)
			fail("blocs");
		t = now() - t;
		snprintf(notes, sizeof notes, "relocation, k 4: %zu negative within, %zu positive between",
		         bl->neg_within, bl->pos_between);
		line("blocs (relocation)", (double)ent_signed_edge_count(g), t, notes);
		ent_blocs_free(bl);
	}
	ent_frustration_free(f);
	ent_free(bal);
	ent_signed_free(g);
	ent_free(dyads);

	if (cow)
		bench_cow(cow);
	free(days);
	free(totals);
	free(ev);
	return 0;
}
