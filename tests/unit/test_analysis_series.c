/*
 * test_analysis_series.c - dyadic series on small hand-made event lists,
 * the calendar, dyad totals and the signed network of dyads, and the
 * out-of-memory paths.
 */
#include <math.h>
#include <stdlib.h>

#include "test.h"

static int32_t day_of(const char *iso)
{
	ent_date d;

	if (ent_date_parse(&d, iso, strlen(iso)) != 0)
		return INT32_MIN;
	return (int32_t)ent_date_days(&d);
}

static ent_event_obs ev(const char *iso, int quad, double g)
{
	ent_event_obs e;

	memset(&e, 0, sizeof e);
	e.day = day_of(iso);
	e.quad = (int8_t)quad;
	e.goldstein = (float)g;
	return e;
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-6 * (1 + fabs(b));
}

TEST(analysis_series_calendar)
{
	int32_t d;
	int y, m, md;
	char label[11];

	for (d = -800000; d <= 800000; d += 37) {
		ent_date date;

		ent_day_civil(d, &y, &m, &md);
		date.year = (int16_t)y;
		date.month = (int8_t)m;
		date.day = (int8_t)md;
		date.precision = ENT_DATE_DAY;
		if (ent_date_days(&date) != d) {
			CHECK_INT(ent_date_days(&date), d);
			break;
		}
	}
	CHECK_INT(ent_period_start(ENT_PERIOD_WEEK, day_of("2020-01-01")), day_of("2019-12-30"));
	CHECK_INT(ent_period_start(ENT_PERIOD_WEEK, day_of("2019-12-30")), day_of("2019-12-30"));
	CHECK_INT(ent_period_start(ENT_PERIOD_WEEK, day_of("2020-01-05")), day_of("2019-12-30"));
	CHECK_INT(ent_period_start(ENT_PERIOD_WEEK, day_of("1969-12-31")), day_of("1969-12-29"));
	CHECK_INT(ent_period_start(ENT_PERIOD_MONTH, day_of("2020-02-29")), day_of("2020-02-01"));
	CHECK_INT(ent_period_start(ENT_PERIOD_YEAR, day_of("1960-07-04")), day_of("1960-01-01"));
	CHECK_INT(ent_period_start(ENT_PERIOD_DAY, 12345), 12345);
	ent_period_label(label, ENT_PERIOD_WEEK, day_of("2020-01-01"));
	CHECK_STR(label, "2019-12-30");
	ent_period_label(label, ENT_PERIOD_MONTH, day_of("2017-09-25"));
	CHECK_STR(label, "2017-09");
	ent_period_label(label, ENT_PERIOD_YEAR, day_of("2017-09-25"));
	CHECK_STR(label, "2017");
	ent_period_label(label, ENT_PERIOD_DAY, day_of("2017-09-25"));
	CHECK_STR(label, "2017-09-25");
	CHECK_INT(ent_period_parse("week"), ENT_PERIOD_WEEK);
	CHECK_INT(ent_period_parse("fortnight"), -1);
	CHECK_INT(ent_period_parse(NULL), -1);
	CHECK_STR(ent_period_name(ENT_PERIOD_YEAR), "year");
}

/* Russia-Pakistan, by month, January to March 2020. */
static void sample_events(ent_event_obs *e)
{
	e[0] = ev("2020-01-05", 1, 3.0);
	e[1] = ev("2020-01-20", 4, -10.0);
	e[2] = ev("2020-01-31", 2, 7.4);
	e[3] = ev("2020-03-01", 3, -2.0);
	e[4] = ev("2020-03-02", 0, 0.0);
}

static void check_sample_bins(const ent_series *s)
{
	const ent_dyad_bin *b = ent_series_bins(s);
	double c, f;

	REQUIRE(ent_series_len(s) == 3);
	CHECK_INT(ent_series_period(s), ENT_PERIOD_MONTH);
	CHECK_INT(b[0].start, day_of("2020-01-05"));
	CHECK_INT(b[0].end, day_of("2020-01-31"));
	CHECK_INT(b[0].count, 3);
	CHECK_INT(b[0].quad[0], 1);
	CHECK_INT(b[0].quad[1], 1);
	CHECK_INT(b[0].quad[2], 0);
	CHECK_INT(b[0].quad[3], 1);
	CHECK(near(b[0].coop, 10.4));
	CHECK(near(b[0].conflict, 10.0));
	CHECK(near(b[0].net, 0.4));
	/* Decayed as of 2020-01-31, half-life 30 days. */
	c = 3.0 * exp2(-26.0 / 30) + 7.4f;
	f = 10.0 * exp2(-11.0 / 30);
	CHECK(near(b[0].decay_coop, c));
	CHECK(near(b[0].decay_conflict, f));
	CHECK(near(b[0].score, c - f));

	CHECK_INT(b[1].start, day_of("2020-02-01"));
	CHECK_INT(b[1].end, day_of("2020-02-29"));
	CHECK_INT(b[1].count, 0);
	CHECK(b[1].net == 0);
	CHECK(near(b[1].decay_coop, c * exp2(-29.0 / 30)));

	CHECK_INT(b[2].start, day_of("2020-03-01"));
	CHECK_INT(b[2].end, day_of("2020-03-02"));
	CHECK_INT(b[2].count, 2);
	CHECK_INT(b[2].quad[2], 1);
	CHECK(near(b[2].coop, 0));
	CHECK(near(b[2].conflict, 2));
	CHECK(near(b[2].net, -2));
	c = 3.0 * exp2(-57.0 / 30) + 7.4f * exp2(-31.0 / 30);
	f = 10.0 * exp2(-42.0 / 30) + 2.0 * exp2(-1.0 / 30);
	CHECK(near(b[2].decay_coop, c));
	CHECK(near(b[2].decay_conflict, f));
}

TEST(analysis_series_month)
{
	ent_event_obs e[5];
	ent_day_count totals[4];
	ent_series_opts o = {ENT_PERIOD_MONTH, ENT_DAY_UNSET, ENT_DAY_UNSET, 0};
	ent_series *s = NULL;
	const ent_dyad_bin *b;
	double c, f;

	sample_events(e);
	totals[0].day = day_of("2020-01-05"); totals[0].count = 10;
	totals[1].day = day_of("2020-01-20"); totals[1].count = 5;
	totals[2].day = day_of("2019-12-31"); totals[2].count = 100; /* outside */
	totals[3].day = day_of("2020-03-01"); totals[3].count = 4;
	REQUIRE(ent_series_build(&s, e, 5, totals, 4, &o) == 0);
	check_sample_bins(s);
	b = ent_series_bins(s);
	CHECK(near(b[0].share, 0.2));
	CHECK(b[1].share == 0);
	CHECK(near(b[2].share, 0.5));
	/* The bin's score equals the decayed state as of its last day. */
	ent_decay_state(e, 5, b[2].end, 30, &c, &f);
	CHECK(near(b[2].decay_coop, c));
	CHECK(near(b[2].decay_conflict, f));
	ent_series_free(s);

	/* Without totals the share is not a number. */
	REQUIRE(ent_series_build(&s, e, 5, NULL, 0, &o) == 0);
	CHECK(isnan(ent_series_bins(s)[0].share));
	ent_series_free(s);
	ent_series_free(NULL);
}

TEST(analysis_series_days_equal_events)
{
	ent_event_obs e[5];
	ent_dyad_day d[6];
	ent_series_opts o = {ENT_PERIOD_MONTH, ENT_DAY_UNSET, ENT_DAY_UNSET, 30};
	ent_series *s = NULL;
	size_t i;

	/* The same events as per-day aggregates, January 20th split over two
	 * records that add up. */
	sample_events(e);
	memset(d, 0, sizeof d);
	for (i = 0; i < 5; i++) {
		d[i].day = e[i].day;
		d[i].count = 1;
		if (e[i].quad)
			d[i].quad[e[i].quad - 1] = 1;
		d[i].coop = e[i].goldstein > 0 ? e[i].goldstein : 0;
		d[i].conflict = e[i].goldstein < 0 ? -e[i].goldstein : 0;
	}
	d[1].conflict = 6;
	d[5].day = e[1].day;
	d[5].conflict = 4;
	REQUIRE(ent_series_build_days(&s, d, 6, NULL, 0, &o) == 0);
	check_sample_bins(s);
	ent_series_free(s);
}

TEST(analysis_series_week_and_range)
{
	ent_event_obs e[3];
	ent_series_opts o = {ENT_PERIOD_WEEK, 0, 0, 10};
	ent_series *s = NULL;
	const ent_dyad_bin *b;

	e[0] = ev("2019-12-31", 2, 8.0);  /* before the range: decay only */
	e[1] = ev("2020-01-07", 1, 1.0);
	e[2] = ev("2020-02-01", 4, -9.0); /* after the range: ignored */
	o.from = day_of("2020-01-01");
	o.to = day_of("2020-01-14");
	REQUIRE(ent_series_build(&s, e, 3, NULL, 0, &o) == 0);
	REQUIRE(ent_series_len(s) == 3);
	b = ent_series_bins(s);
	CHECK_INT(b[0].start, day_of("2020-01-01"));
	CHECK_INT(b[0].end, day_of("2020-01-05"));
	CHECK_INT(b[1].start, day_of("2020-01-06"));
	CHECK_INT(b[1].end, day_of("2020-01-12"));
	CHECK_INT(b[2].start, day_of("2020-01-13"));
	CHECK_INT(b[2].end, day_of("2020-01-14"));
	CHECK_INT(b[0].count, 0);
	CHECK_INT(b[1].count, 1);
	CHECK_INT(b[2].count, 0);
	/* Half-life 10: the event of Dec 31st is 5 days old on Jan 5th. */
	CHECK(near(b[0].decay_coop, 8.0 * exp2(-0.5)));
	CHECK(near(b[1].decay_coop, 8.0 * exp2(-1.2) + 1.0 * exp2(-0.5)));
	CHECK(near(b[2].decay_conflict, 0));
	ent_series_free(s);

	/* One day, by year. */
	o.period = ENT_PERIOD_YEAR;
	o.to = o.from;
	REQUIRE(ent_series_build(&s, e, 3, NULL, 0, &o) == 0);
	REQUIRE(ent_series_len(s) == 1);
	CHECK(near(ent_series_bins(s)[0].score, 8.0 * exp2(-0.1)));
	ent_series_free(s);

	/* A range without events: empty bins. No events, no range: empty. */
	o.period = ENT_PERIOD_DAY;
	o.to = o.from + 9;
	REQUIRE(ent_series_build(&s, NULL, 0, NULL, 0, &o) == 0);
	CHECK_INT(ent_series_len(s), 10);
	ent_series_free(s);
	o.from = o.to = ENT_DAY_UNSET;
	REQUIRE(ent_series_build(&s, NULL, 0, NULL, 0, &o) == 0);
	CHECK_INT(ent_series_len(s), 0);
	ent_series_free(s);
	REQUIRE(ent_series_build(&s, e, 3, NULL, 0, NULL) == 0); /* defaults: by month */
	CHECK_INT(ent_series_len(s), 3);
	ent_series_free(s);
}

TEST(analysis_series_errors)
{
	ent_event_obs e[2];
	ent_series_opts o = {ENT_PERIOD_DAY, ENT_DAY_UNSET, ENT_DAY_UNSET, 0};
	ent_series *s = (ent_series *)1;

	e[0] = ev("2020-01-01", 5, 1.0);
	CHECK_INT(ent_series_build(&s, e, 1, NULL, 0, &o), ENT_EINVALID);
	CHECK(s == NULL);
	e[0] = ev("2020-01-01", 1, NAN);
	CHECK_INT(ent_series_build(&s, e, 1, NULL, 0, &o), ENT_EINVALID);
	e[0] = ev("2020-01-01", 1, 1.0);
	e[1] = ev("2020-01-02", 1, 1.0);
	o.from = e[1].day;
	o.to = e[0].day;
	CHECK_INT(ent_series_build(&s, e, 2, NULL, 0, &o), ENT_EINVALID);
	o.from = 0;
	o.to = ENT_SERIES_MAX_DAYS;
	CHECK_INT(ent_series_build(&s, e, 2, NULL, 0, &o), ENT_ELIMIT);
	CHECK(strstr(ent_error_last(), "exceeds") != NULL);
	o.period = (ent_period)9;
	CHECK_INT(ent_series_build(&s, e, 2, NULL, 0, &o), ENT_EINVALID);
	{
		ent_dyad_day d;

		memset(&d, 0, sizeof d);
		d.coop = -1;
		o.period = ENT_PERIOD_DAY;
		o.from = o.to = ENT_DAY_UNSET;
		CHECK_INT(ent_series_build_days(&s, &d, 1, NULL, 0, &o), ENT_EINVALID);
	}
}

/* Actors of the dyad tests. */
static const char *const actors[] = {"RUS", "IND", "PAK", "CHN", "USA"};
enum { RUS, IND, PAK, CHN, USA };

static ent_event_obs dyad_ev(const char *iso, uint32_t s, uint32_t t, int quad, double g)
{
	ent_event_obs e = ev(iso, quad, g);

	e.source = s;
	e.target = t;
	return e;
}

static size_t mission_events(ent_event_obs *e)
{
	size_t n = 0;

	e[n++] = dyad_ev("2017-01-10", RUS, IND, 1, 4);
	e[n++] = dyad_ev("2017-02-10", RUS, IND, 2, 4);
	e[n++] = dyad_ev("2017-03-10", IND, RUS, 1, 2);
	e[n++] = dyad_ev("2017-03-12", RUS, PAK, 1, 3);
	e[n++] = dyad_ev("2017-04-12", PAK, RUS, 2, 3);
	e[n++] = dyad_ev("2017-05-12", RUS, PAK, 1, 3);
	e[n++] = dyad_ev("2017-05-20", IND, PAK, 4, -8);
	e[n++] = dyad_ev("2017-06-20", PAK, IND, 3, -5);
	e[n++] = dyad_ev("2017-07-20", IND, PAK, 4, -8);
	e[n++] = dyad_ev("2017-07-21", IND, PAK, 1, 1);
	e[n++] = dyad_ev("2017-08-01", USA, CHN, 3, -2);  /* below the floor */
	e[n++] = dyad_ev("2017-08-02", RUS, RUS, 1, 5);   /* self: skipped */
	e[n++] = dyad_ev("2019-01-01", CHN, PAK, 2, 7);   /* outside the window */
	return n;
}

TEST(analysis_series_network)
{
	ent_event_obs e[16];
	size_t n = mission_events(e), nd = 0, nb = 0;
	ent_dyad_total *d = NULL;
	ent_signed *g = NULL;
	ent_balancer *b = NULL;
	ent_network_opts no = {3, 0};
	char text[64];
	const ent_signed_edge *edge;

	REQUIRE(ent_dyad_totals(&d, &nd, e, n, day_of("2017-01-01"), day_of("2017-12-31")) == 0);
	REQUIRE(nd == 4);
	/* Sorted by (a, b): RUS-IND, RUS-PAK, IND-PAK, CHN-USA. */
	CHECK_INT(d[0].a, RUS); CHECK_INT(d[0].b, IND);
	CHECK_INT(d[0].count, 3);
	CHECK(near(d[0].net, 10));
	CHECK_INT(d[0].quad[0], 2);
	CHECK_INT(d[1].a, RUS); CHECK_INT(d[1].b, PAK);
	CHECK(near(d[1].coop, 9));
	CHECK_INT(d[2].a, IND); CHECK_INT(d[2].b, PAK);
	CHECK_INT(d[2].count, 4);
	CHECK(near(d[2].coop, 1));
	CHECK(near(d[2].conflict, 21));
	CHECK(near(d[2].net, -20));
	CHECK_INT(d[2].quad[3], 2);
	CHECK_INT(d[3].a, CHN); CHECK_INT(d[3].b, USA);
	CHECK_INT(d[3].count, 1);

	REQUIRE(ent_network_build(&g, d, nd, actors, 5, &no) == 0);
	CHECK_INT(ent_signed_node_count(g), 3);
	CHECK_INT(ent_signed_edge_count(g), 3);
	CHECK_INT(ent_signed_negative_count(g), 1);
	edge = ent_signed_edge_at(g, (size_t)ent_signed_find_edge(g,
	        (size_t)ent_signed_find_node(g, "IND"), (size_t)ent_signed_find_node(g, "PAK")));
	REQUIRE(edge != NULL);
	CHECK_INT(edge->events, 4);
	CHECK_INT(edge->tag, 2); /* the dyad's index: where its evidence is */
	CHECK(near(edge->weight, -20));

	REQUIRE(ent_signed_balancers(&b, &nb, g) == 0);
	REQUIRE(nb == 1);
	ent_balancer_describe(text, sizeof text, g, &b[0]);
	CHECK_STR(text, "RUS balances IND and PAK");
	CHECK(near(b[0].strength, 9));
	ent_free(b);
	ent_signed_free(g);

	/* A bad actor index is an error, not a crash. */
	d[0].a = 99;
	CHECK_INT(ent_network_build(&g, d, nd, actors, 5, NULL), ENT_EINVALID);
	CHECK(g == NULL);
	ent_free(d);
}

TEST(analysis_series_dyad_totals_many)
{
	enum { NA = 300, NE = 20000 };
	static double net[NA][NA];
	static uint32_t count[NA][NA];
	ent_event_obs *e = malloc(NE * sizeof *e);
	ent_dyad_total *d = NULL;
	size_t nd = 0, i, expect = 0;
	uint64_t r = 7;

	REQUIRE(e != NULL);
	memset(net, 0, sizeof net);
	memset(count, 0, sizeof count);
	for (i = 0; i < NE; i++) {
		uint32_t a, b;

		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		a = (uint32_t)((r >> 33) % NA);
		b = (uint32_t)((r >> 13) % NA);
		e[i] = dyad_ev("2020-01-01", a, b, (int)(r % 5), (double)((int)(r >> 50) % 21 - 10));
		if (a == b)
			continue;
		if (a > b) {
			uint32_t t = a;

			a = b;
			b = t;
		}
		if (count[a][b]++ == 0)
			expect++;
		net[a][b] += e[i].goldstein;
	}
	REQUIRE(ent_dyad_totals(&d, &nd, e, NE, ENT_DAY_UNSET, ENT_DAY_UNSET) == 0);
	CHECK_INT(nd, expect);
	for (i = 0; i < nd; i++) {
		CHECK(d[i].a < d[i].b);
		if (i)
			CHECK(d[i - 1].a < d[i].a || (d[i - 1].a == d[i].a && d[i - 1].b < d[i].b));
		if (d[i].count != count[d[i].a][d[i].b] || !near(d[i].net, net[d[i].a][d[i].b])) {
			CHECK_INT(d[i].count, count[d[i].a][d[i].b]);
			break;
		}
	}
	ent_free(d);
	e[5].quad = 9;
	CHECK_INT(ent_dyad_totals(&d, &nd, e, NE, ENT_DAY_UNSET, ENT_DAY_UNSET), ENT_EINVALID);
	CHECK(d == NULL);
	free(e);
}

/* The store's rows carry actor codes: the event table interns them, and
 * the network of its events shows the mission's balancer. */
static int table_of_mission(ent_event_table **out)
{
	ent_event_obs e[16];
	size_t n = mission_events(e), i;
	ent_event_table *t;
	int rc;

	*out = NULL;
	if ((rc = ent_event_table_new(&t)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = ent_event_table_add(t, e[i].day, actors[e[i].source], actors[e[i].target],
		                              e[i].quad, e[i].goldstein)) < 0) {
			ent_event_table_free(t);
			return rc;
		}
	*out = t;
	return 0;
}

TEST(analysis_series_event_table)
{
	ent_event_table *t = NULL;
	ent_dyad_total *d = NULL;
	ent_signed *g = NULL;
	ent_balancer *b = NULL;
	size_t nd = 0, nb = 0;
	char text[64];
	const ent_event_obs *e;

	REQUIRE(table_of_mission(&t) == 0);
	CHECK_INT(ent_event_table_len(t), 13);
	CHECK_INT(ent_event_table_actor_count(t), 5);
	CHECK_STR(ent_event_table_actors(t)[0], "RUS");
	CHECK_STR(ent_event_table_actors(t)[4], "CHN"); /* order of first use */
	CHECK_INT(ent_event_table_find_actor(t, "PAK"), 2);
	CHECK_INT(ent_event_table_find_actor(t, "GBR"), -1);
	e = ent_event_table_events(t);
	CHECK_INT(e[6].source, 1);
	CHECK_INT(e[6].target, 2);
	CHECK_INT(e[6].quad, 4);
	CHECK(e[6].goldstein == -8);
	CHECK_INT(e[6].day, day_of("2017-05-20"));

	CHECK_INT(ent_event_table_add(t, 0, "RUS", "", 1, 1), ENT_EINVALID);
	CHECK_INT(ent_event_table_add(t, 0, "RUS", "IND", 7, 1), ENT_EINVALID);
	CHECK_INT(ent_event_table_add(t, 0, "RUS", "IND", 1, NAN), ENT_EINVALID);
	CHECK_INT(ent_event_table_add(t, 1L << 40, "RUS", "IND", 1, 1), ENT_EINVALID);
	CHECK_INT(ent_event_table_len(t), 13);

	REQUIRE(ent_dyad_totals(&d, &nd, ent_event_table_events(t), ent_event_table_len(t),
	                        day_of("2017-01-01"), day_of("2017-12-31")) == 0);
	REQUIRE(ent_network_build(&g, d, nd, ent_event_table_actors(t),
	                          ent_event_table_actor_count(t), NULL) == 0);
	REQUIRE(ent_signed_balancers(&b, &nb, g) == 0);
	REQUIRE(nb == 1);
	ent_balancer_describe(text, sizeof text, g, &b[0]);
	CHECK_STR(text, "RUS balances IND and PAK");
	ent_free(b);
	ent_signed_free(g);
	ent_free(d);
	ent_event_table_free(t);
	ent_event_table_free(NULL);
}

static int oom_event_table(void)
{
	ent_event_table *t = NULL;
	char a[8], b[8];
	int rc, i;

	if ((rc = table_of_mission(&t)) < 0)
		return rc;
	/* Grow past the first blocks of events and actors. */
	for (i = 0; i < 3000 && rc == 0; i++) {
		snprintf(a, sizeof a, "X%d", i % 150);
		snprintf(b, sizeof b, "Y%d", i % 7);
		rc = ent_event_table_add(t, i, a, b, 1, 1.5);
	}
	ent_event_table_free(t);
	return rc;
}

static int oom_series(void)
{
	ent_event_obs e[5];
	ent_day_count t = {0, 3};
	ent_series_opts o = {ENT_PERIOD_WEEK, ENT_DAY_UNSET, ENT_DAY_UNSET, 0};
	ent_series *s = NULL;
	int rc;

	sample_events(e);
	t.day = e[0].day;
	rc = ent_series_build(&s, e, 5, &t, 1, &o);
	ent_series_free(s);
	return rc;
}

static int oom_totals_network(void)
{
	enum { NE = 3000 };
	static ent_event_obs e[NE];
	static char names[40][8];
	const char *nm[40];
	ent_dyad_total *d = NULL;
	ent_signed *g = NULL;
	size_t nd, i;
	int rc;

	for (i = 0; i < 40; i++) {
		snprintf(names[i], sizeof names[i], "S%zu", i);
		nm[i] = names[i];
	}
	for (i = 0; i < NE; i++)
		e[i] = dyad_ev("2020-01-01", (uint32_t)(i % 40), (uint32_t)((i * 7 + i / 40) % 40), 1,
		               (i % 3) ? 2.0 : -3.0);
	rc = ent_dyad_totals(&d, &nd, e, NE, ENT_DAY_UNSET, ENT_DAY_UNSET);
	if (rc == 0)
		rc = ent_network_build(&g, d, nd, nm, 40, NULL);
	ent_signed_free(g);
	ent_free(d);
	return rc;
}

static int sweep(int (*fn)(void))
{
	int k, rc = -1;

	for (k = 0; k < 5000; k++) {
		ent_alloc_fail_after(k);
		rc = fn();
		ent_alloc_fail_after(-1);
		if (rc != ENT_ENOMEM)
			break;
	}
	CHECK_INT(rc, 0);
	return k;
}

TEST(analysis_series_out_of_memory)
{
	CHECK(sweep(oom_series) >= 3);
	CHECK(sweep(oom_totals_network) > 10);
	CHECK(sweep(oom_event_table) > 10);
}
