/*
 * series.c - dyadic event series, dyad totals and the signed network of
 * dyads.
 *
 * Everything here is one pass over a flat array: events (or per-day
 * aggregates) go into a per-day accumulator indexed by day - from, the
 * days then roll up into periods, and the decayed relationship score is a
 * first-order recursion over the days, S(t) = S(t-1) * 2^(-1/T) + x(t),
 * which is the exponentially decayed sum of the research note's section
 * 2.7 evaluated at day resolution. No allocation per event.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/analysis.h"

/* ---------------------------------------------------------------------
 * Calendar
 * ------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's
 * days_from_civil, written from the published derivation). */
static int64_t civil_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ent_day_civil(int32_t day, int *year, int *month, int *mday)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = m;
	*mday = d;
}

int ent_period_parse(const char *name)
{
	static const char *const names[] = {"day", "week", "month", "year"};
	int i;

	for (i = 0; name && i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

const char *ent_period_name(ent_period period)
{
	switch (period) {
	case ENT_PERIOD_DAY: return "day";
	case ENT_PERIOD_WEEK: return "week";
	case ENT_PERIOD_MONTH: return "month";
	case ENT_PERIOD_YEAR: return "year";
	}
	return "?";
}

/* Start of a period as 64-bit days, so that the start of the period after
 * the last representable day does not overflow. */
static int64_t period_start64(ent_period period, int64_t day)
{
	int y, m, d;

	switch (period) {
	case ENT_PERIOD_DAY:
		return day;
	case ENT_PERIOD_WEEK: {
		/* 1970-01-01 was a Thursday; Monday-based weekday is (day+3) mod 7. */
		int64_t wd = (day + 3) % 7;

		if (wd < 0)
			wd += 7;
		return day - wd;
	}
	case ENT_PERIOD_MONTH:
		ent_day_civil((int32_t)day, &y, &m, &d);
		return civil_days(y, m, 1);
	case ENT_PERIOD_YEAR:
		ent_day_civil((int32_t)day, &y, &m, &d);
		return civil_days(y, 1, 1);
	}
	return day;
}

/* First day of the period after the one starting at start. */
static int64_t period_next(ent_period period, int64_t start)
{
	int y, m, d;

	switch (period) {
	case ENT_PERIOD_DAY:
		return start + 1;
	case ENT_PERIOD_WEEK:
		return start + 7;
	case ENT_PERIOD_MONTH:
		ent_day_civil((int32_t)start, &y, &m, &d);
		return m == 12 ? civil_days((int64_t)y + 1, 1, 1) : civil_days(y, m + 1, 1);
	case ENT_PERIOD_YEAR:
		ent_day_civil((int32_t)start, &y, &m, &d);
		return civil_days((int64_t)y + 1, 1, 1);
	}
	return start + 1;
}

int32_t ent_period_start(ent_period period, int32_t day)
{
	int64_t s = period_start64(period, day);

	return s < INT32_MIN ? INT32_MIN : (int32_t)s;
}

void ent_period_label(char *out, ent_period period, int32_t day)
{
	int y, m, d;

	ent_day_civil(ent_period_start(period, day), &y, &m, &d);
	/* Years beyond four digits would not fit a fixed 11-byte buffer. */
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	switch (period) {
	case ENT_PERIOD_MONTH:
		snprintf(out, 11, "%04d-%02d", y, m);
		break;
	case ENT_PERIOD_YEAR:
		snprintf(out, 11, "%04d", y);
		break;
	default:
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		break;
	}
}

/* ---------------------------------------------------------------------
 * Event table
 * ------------------------------------------------------------------- */

struct ent_event_table {
	ent_event_obs *events;
	size_t n, cap;
	char **names;          /* one ent_strdup per actor */
	size_t nnames, names_cap;
	uint32_t *slot;        /* open addressing: actor index + 1, 0 empty */
	size_t slot_cap;       /* power of two */
	uint32_t last_source, last_target; /* runs of one dyad skip the hash */
};

static size_t code_hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603);

	while (*s)
		h = (h ^ (unsigned char)*s++) * UINT64_C(1099511628211);
	return (size_t)(h ^ (h >> 29));
}

int ent_event_table_new(ent_event_table **out)
{
	*out = ent_calloc(1, sizeof **out);
	return *out ? 0 : ent_error_set(ENT_ENOMEM, "event table: out of memory");
}

void ent_event_table_free(ent_event_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nnames; i++)
		ent_free(t->names[i]);
	ent_free(t->names);
	ent_free(t->slot);
	ent_free(t->events);
	ent_free(t);
}

long ent_event_table_find_actor(const ent_event_table *t, const char *code)
{
	size_t h;

	if (!t->slot_cap || !code)
		return -1;
	for (h = code_hash(code) & (t->slot_cap - 1); t->slot[h]; h = (h + 1) & (t->slot_cap - 1))
		if (strcmp(t->names[t->slot[h] - 1], code) == 0)
			return (long)t->slot[h] - 1;
	return -1;
}

/* Index of code, added when new; -1 on out of memory. */
static long actor_index(ent_event_table *t, const char *code)
{
	long id = ent_event_table_find_actor(t, code);
	size_t h, i;

	if (id >= 0)
		return id;
	if (t->nnames >= UINT32_MAX - 1)
		return -1;
	if (t->nnames == t->names_cap) {
		size_t cap = t->names_cap ? t->names_cap * 2 : 64;
		char **names = ent_realloc(t->names, cap * sizeof *names);

		if (!names)
			return -1;
		t->names = names;
		t->names_cap = cap;
	}
	if ((t->nnames + 1) * 2 > t->slot_cap) {
		size_t cap = t->slot_cap ? t->slot_cap * 2 : 128;
		uint32_t *slot = ent_calloc(cap, sizeof *slot);

		if (!slot)
			return -1;
		for (i = 0; i < t->nnames; i++) {
			for (h = code_hash(t->names[i]) & (cap - 1); slot[h]; h = (h + 1) & (cap - 1))
				;
			slot[h] = (uint32_t)i + 1;
		}
		ent_free(t->slot);
		t->slot = slot;
		t->slot_cap = cap;
	}
	if (!(t->names[t->nnames] = ent_strdup(code)))
		return -1;
	for (h = code_hash(code) & (t->slot_cap - 1); t->slot[h]; h = (h + 1) & (t->slot_cap - 1))
		;
	t->slot[h] = (uint32_t)t->nnames + 1;
	return (long)t->nnames++;
}

int ent_event_table_add(ent_event_table *t, long day, const char *source,
                        const char *target, int quad, double goldstein)
{
	ent_event_obs *e;
	long s, g;

	if (day < INT32_MIN + 1 || day > INT32_MAX)
		return ent_error_set(ENT_EINVALID, "event table: day %ld out of range", day);
	if (quad < 0 || quad > 4 || !isfinite(goldstein))
		return ent_error_set(ENT_EINVALID, "event table: bad QuadClass or Goldstein score");
	if (!source || !target || !*source || !*target)
		return ent_error_set(ENT_EINVALID, "event table: empty actor code");
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		ent_event_obs *ev = ent_realloc(t->events, cap * sizeof *ev);

		if (!ev)
			return ent_error_set(ENT_ENOMEM, "event table: out of memory");
		t->events = ev;
		t->cap = cap;
	}
	if (t->nnames && strcmp(t->names[t->last_source], source) == 0)
		s = t->last_source;
	else
		s = actor_index(t, source);
	if (s >= 0 && t->nnames && strcmp(t->names[t->last_target], target) == 0)
		g = t->last_target;
	else
		g = s < 0 ? -1 : actor_index(t, target);
	if (s < 0 || g < 0)
		return ent_error_set(ENT_ENOMEM, "event table: out of memory");
	t->last_source = (uint32_t)s;
	t->last_target = (uint32_t)g;
	e = &t->events[t->n++];
	memset(e, 0, sizeof *e);
	e->day = (int32_t)day;
	e->source = (uint32_t)s;
	e->target = (uint32_t)g;
	e->quad = (int8_t)quad;
	e->goldstein = (float)goldstein;
	return 0;
}

size_t ent_event_table_len(const ent_event_table *t)
{
	return t->n;
}

const ent_event_obs *ent_event_table_events(const ent_event_table *t)
{
	return t->events;
}

size_t ent_event_table_actor_count(const ent_event_table *t)
{
	return t->nnames;
}

const char *const *ent_event_table_actors(const ent_event_table *t)
{
	return (const char *const *)t->names;
}

/* ---------------------------------------------------------------------
 * Series
 * ------------------------------------------------------------------- */

struct ent_series {
	ent_period period;
	size_t n;
	ent_dyad_bin *bins;
};

/* Events of the dyad on one day. */
typedef struct day_acc {
	uint32_t count;
	uint32_t quad[4];
	double coop, conflict;
} day_acc;

static int check_opts(const ent_series_opts *opts, ent_series_opts *o)
{
	ent_series_opts def = {ENT_PERIOD_MONTH, ENT_DAY_UNSET, ENT_DAY_UNSET, 0};

	*o = opts ? *opts : def;
	if ((unsigned)o->period > ENT_PERIOD_YEAR)
		return ent_error_set(ENT_EINVALID, "series: unknown period %d", (int)o->period);
	if (!(o->half_life > 0))
		o->half_life = ENT_HALF_LIFE_DEFAULT;
	if (!isfinite(o->half_life))
		return ent_error_set(ENT_EINVALID, "series: half-life must be finite");
	return 0;
}

/*
 * The common builder: exactly one of ev and dd is non-NULL. Validates the
 * input, settles the range, accumulates per day, then rolls the days up
 * into bins while running the decay recursion.
 */
static int series_build(ent_series **out, const ent_event_obs *ev,
                        const ent_dyad_day *dd, size_t n,
                        const ent_day_count *totals, size_t ntotals,
                        const ent_series_opts *opts)
{
	ent_series_opts o;
	ent_series *s = NULL;
	day_acc *acc = NULL;
	uint64_t *tot = NULL;
	int64_t from, to, lo = INT64_MAX, hi = INT64_MIN, ndays, start, nbins;
	double pre_coop = 0, pre_conf = 0, r, dc, df;
	size_t i, b;
	int rc;

	*out = NULL;
	if ((rc = check_opts(opts, &o)) < 0)
		return rc;
	if (n && !ev && !dd)
		return ent_error_set(ENT_EINVALID, "series: no events given");

	/* Validate and find the data's range in one pass. */
	for (i = 0; i < n; i++) {
		int64_t day = ev ? ev[i].day : dd[i].day;

		if (ev) {
			if (!isfinite(ev[i].goldstein))
				return ent_error_set(ENT_EINVALID, "series: event %zu: Goldstein score is not a number", i);
			if (ev[i].quad < 0 || ev[i].quad > 4)
				return ent_error_set(ENT_EINVALID, "series: event %zu: QuadClass %d out of 0-4", i, ev[i].quad);
		} else if (!(dd[i].coop >= 0) || !(dd[i].conflict >= 0) ||
		           !isfinite(dd[i].coop) || !isfinite(dd[i].conflict)) {
			return ent_error_set(ENT_EINVALID, "series: day record %zu: cooperation and conflict must be finite and >= 0", i);
		}
		if (day < lo)
			lo = day;
		if (day > hi)
			hi = day;
	}
	from = o.from != ENT_DAY_UNSET ? o.from : lo;
	to = o.to != ENT_DAY_UNSET ? o.to : hi;

	s = ent_calloc(1, sizeof *s);
	if (!s)
		return ent_error_set(ENT_ENOMEM, "series: out of memory");
	s->period = o.period;
	if ((o.from == ENT_DAY_UNSET || o.to == ENT_DAY_UNSET) && n == 0)
		goto done_ok; /* nothing to bin and no range asked for */
	if (from > to) {
		rc = ent_error_set(ENT_EINVALID, "series: range starts after it ends");
		goto done;
	}
	ndays = to - from + 1;
	if (ndays > ENT_SERIES_MAX_DAYS) {
		rc = ent_error_set(ENT_ELIMIT, "series: range of %lld days exceeds %d",
		                   (long long)ndays, ENT_SERIES_MAX_DAYS);
		goto done;
	}

	acc = ent_calloc((size_t)ndays, sizeof *acc);
	if (!acc || (totals && !(tot = ent_calloc((size_t)ndays, sizeof *tot)))) {
		rc = ent_error_set(ENT_ENOMEM, "series: out of memory");
		goto done;
	}

	/* Per-day accumulation. Events before `from` only seed the decayed
	 * state as of day from-1 (skipped once their weight underflows). */
	if (ev) {
		for (i = 0; i < n; i++) {
			int64_t d = ev[i].day;
			double g = ev[i].goldstein;

			if (d > to)
				continue;
			if (d < from) {
				double age = (double)(from - 1 - d) / o.half_life;

				if (age < 1100) {
					if (g > 0)
						pre_coop += g * exp2(-age);
					else
						pre_conf -= g * exp2(-age);
				}
				continue;
			}
			day_acc *a = &acc[d - from];
			a->count++;
			if (ev[i].quad)
				a->quad[ev[i].quad - 1]++;
			if (g > 0)
				a->coop += g;
			else if (g < 0)
				a->conflict -= g;
		}
	} else {
		for (i = 0; i < n; i++) {
			int64_t d = dd[i].day;

			if (d > to)
				continue;
			if (d < from) {
				double age = (double)(from - 1 - d) / o.half_life;

				if (age < 1100) {
					pre_coop += dd[i].coop * exp2(-age);
					pre_conf += dd[i].conflict * exp2(-age);
				}
				continue;
			}
			day_acc *a = &acc[d - from];
			a->count += dd[i].count;
			for (b = 0; b < 4; b++)
				a->quad[b] += dd[i].quad[b];
			a->coop += dd[i].coop;
			a->conflict += dd[i].conflict;
		}
	}
	for (i = 0; totals && i < ntotals; i++)
		if (totals[i].day >= from && totals[i].day <= to)
			tot[totals[i].day - from] += totals[i].count;

	/* Count the bins, then fill them. */
	nbins = 0;
	for (start = period_start64(o.period, from); start <= to; start = period_next(o.period, start))
		nbins++;
	s->bins = ent_calloc((size_t)nbins, sizeof *s->bins);
	if (!s->bins) {
		rc = ent_error_set(ENT_ENOMEM, "series: out of memory");
		goto done;
	}
	s->n = (size_t)nbins;
	r = exp2(-1.0 / o.half_life);
	dc = pre_coop;
	df = pre_conf;
	start = period_start64(o.period, from);
	for (b = 0; b < s->n; b++) {
		int64_t next = period_next(o.period, start);
		int64_t first = start < from ? from : start;
		int64_t last = next - 1 > to ? to : next - 1;
		ent_dyad_bin *bin = &s->bins[b];
		uint64_t all = 0;
		int64_t d;

		bin->start = (int32_t)first;
		bin->end = (int32_t)last;
		for (d = first; d <= last; d++) {
			const day_acc *a = &acc[d - from];

			bin->count += a->count;
			bin->quad[0] += a->quad[0];
			bin->quad[1] += a->quad[1];
			bin->quad[2] += a->quad[2];
			bin->quad[3] += a->quad[3];
			bin->coop += a->coop;
			bin->conflict += a->conflict;
			dc = dc * r + a->coop;
			df = df * r + a->conflict;
			if (tot)
				all += tot[d - from];
		}
		bin->net = bin->coop - bin->conflict;
		bin->share = !tot ? NAN : all ? (double)bin->count / (double)all : 0.0;
		bin->decay_coop = dc;
		bin->decay_conflict = df;
		bin->score = dc - df;
		start = next;
	}
done_ok:
	*out = s;
	s = NULL;
	rc = 0;
done:
	ent_free(acc);
	ent_free(tot);
	ent_series_free(s);
	return rc;
}

int ent_series_build(ent_series **out, const ent_event_obs *events, size_t n,
                     const ent_day_count *totals, size_t ntotals,
                     const ent_series_opts *opts)
{
	static const ent_event_obs none;

	return series_build(out, events ? events : &none, NULL, events ? n : 0,
	                    totals, ntotals, opts);
}

int ent_series_build_days(ent_series **out, const ent_dyad_day *days, size_t n,
                          const ent_day_count *totals, size_t ntotals,
                          const ent_series_opts *opts)
{
	static const ent_dyad_day none;

	return series_build(out, NULL, days ? days : &none, days ? n : 0,
	                    totals, ntotals, opts);
}

void ent_series_free(ent_series *series)
{
	if (!series)
		return;
	ent_free(series->bins);
	ent_free(series);
}

size_t ent_series_len(const ent_series *series)
{
	return series->n;
}

const ent_dyad_bin *ent_series_bins(const ent_series *series)
{
	return series->bins;
}

ent_period ent_series_period(const ent_series *series)
{
	return series->period;
}

void ent_decay_state(const ent_event_obs *events, size_t n, int32_t day,
                     double half_life, double *coop, double *conflict)
{
	double c = 0, f = 0;
	size_t i;

	if (!(half_life > 0))
		half_life = ENT_HALF_LIFE_DEFAULT;
	for (i = 0; i < n; i++) {
		double age, w, g = events[i].goldstein;

		if (events[i].day > day || !isfinite(g))
			continue;
		age = ((double)day - events[i].day) / half_life;
		if (age >= 1100)
			continue;
		w = exp2(-age);
		if (g > 0)
			c += g * w;
		else
			f -= g * w;
	}
	if (coop)
		*coop = c;
	if (conflict)
		*conflict = f;
}

/* ---------------------------------------------------------------------
 * Dyad totals
 * ------------------------------------------------------------------- */

#define EMPTY_KEY UINT64_MAX /* (a << 32 | b) with a < b never has all bits set */

typedef struct dyad_table {
	uint64_t *keys;
	uint32_t *slot;       /* index into dyads */
	size_t cap;           /* power of two */
	int shift;            /* 64 - log2(cap) */
	ent_dyad_total *dyads;
	size_t n, dyad_cap;
} dyad_table;

static size_t dyad_hash(uint64_t key, int shift)
{
	return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> shift);
}

/* Doubles the table and re-inserts every key; 0 or ENT_ENOMEM. */
static int dyad_grow(dyad_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024, i;
	int shift = 64;
	uint64_t *keys;
	uint32_t *slot;

	for (i = cap; i > 1; i >>= 1)
		shift--;
	keys = ent_malloc(cap * sizeof *keys);
	slot = ent_malloc(cap * sizeof *slot);
	if (!keys || !slot) {
		ent_free(keys);
		ent_free(slot);
		return ENT_ENOMEM;
	}
	memset(keys, 0xff, cap * sizeof *keys);
	for (i = 0; i < t->cap; i++) {
		size_t h;

		if (t->keys[i] == EMPTY_KEY)
			continue;
		h = dyad_hash(t->keys[i], shift);
		while (keys[h] != EMPTY_KEY)
			h = (h + 1) & (cap - 1);
		keys[h] = t->keys[i];
		slot[h] = t->slot[i];
	}
	ent_free(t->keys);
	ent_free(t->slot);
	t->keys = keys;
	t->slot = slot;
	t->cap = cap;
	t->shift = shift;
	return 0;
}

/* The totals record of dyad a < b, created when new; NULL on OOM. */
static ent_dyad_total *dyad_get(dyad_table *t, uint32_t a, uint32_t b)
{
	uint64_t key = (uint64_t)a << 32 | b;
	size_t h;

	if ((t->n + 1) * 2 > t->cap && dyad_grow(t) < 0)
		return NULL;
	h = dyad_hash(key, t->shift);
	while (t->keys[h] != EMPTY_KEY) {
		if (t->keys[h] == key)
			return &t->dyads[t->slot[h]];
		h = (h + 1) & (t->cap - 1);
	}
	if (t->n == t->dyad_cap) {
		size_t cap = t->dyad_cap ? t->dyad_cap * 2 : 256;
		ent_dyad_total *d = ent_realloc(t->dyads, cap * sizeof *d);

		if (!d)
			return NULL;
		t->dyads = d;
		t->dyad_cap = cap;
	}
	t->keys[h] = key;
	t->slot[h] = (uint32_t)t->n;
	memset(&t->dyads[t->n], 0, sizeof t->dyads[t->n]);
	t->dyads[t->n].a = a;
	t->dyads[t->n].b = b;
	return &t->dyads[t->n++];
}

static int dyad_cmp(const void *x, const void *y)
{
	const ent_dyad_total *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

int ent_dyad_totals(ent_dyad_total **out, size_t *nout,
                    const ent_event_obs *events, size_t n,
                    int32_t from, int32_t to)
{
	dyad_table t = {0};
	uint32_t last_a = 0, last_b = 0;
	ent_dyad_total *last = NULL;
	size_t i;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i++) {
		const ent_event_obs *e = &events[i];
		uint32_t a = e->source < e->target ? e->source : e->target;
		uint32_t b = e->source < e->target ? e->target : e->source;
		double g = e->goldstein;

		if (a == b || (from != ENT_DAY_UNSET && e->day < from) ||
		    (to != ENT_DAY_UNSET && e->day > to))
			continue;
		if (!isfinite(g) || e->quad < 0 || e->quad > 4) {
			rc = ent_error_set(ENT_EINVALID, "dyad totals: event %zu: bad Goldstein score or QuadClass", i);
			goto done;
		}
		/* Runs of one dyad (the store's usual order) skip the lookup. */
		if (!last || a != last_a || b != last_b) {
			last = dyad_get(&t, a, b);
			if (!last) {
				rc = ent_error_set(ENT_ENOMEM, "dyad totals: out of memory");
				goto done;
			}
			last_a = a;
			last_b = b;
		}
		last->count++;
		if (e->quad)
			last->quad[e->quad - 1]++;
		if (g > 0)
			last->coop += g;
		else if (g < 0)
			last->conflict -= g;
	}
	for (i = 0; i < t.n; i++)
		t.dyads[i].net = t.dyads[i].coop - t.dyads[i].conflict;
	if (t.n)
		qsort(t.dyads, t.n, sizeof *t.dyads, dyad_cmp);
	*out = t.dyads;
	*nout = t.n;
	t.dyads = NULL;
done:
	ent_free(t.keys);
	ent_free(t.slot);
	ent_free(t.dyads);
	return rc;
}

int ent_network_build(ent_signed **out, const ent_dyad_total *dyads, size_t n,
                      const char *const *names, size_t nnames,
                      const ent_network_opts *opts)
{
	uint32_t min_events = opts && opts->min_events ? opts->min_events : 3;
	double min_net = opts && opts->min_net > 0 ? opts->min_net : 0;
	ent_signed *g = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = ent_signed_new(&g)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		const ent_dyad_total *d = &dyads[i];

		if (d->count < min_events || !(fabs(d->net) > min_net))
			continue;
		if (d->a >= nnames || d->b >= nnames || !names[d->a] || !names[d->b]) {
			rc = ent_error_set(ENT_EINVALID, "network: dyad %zu: actor index out of range", i);
			goto done;
		}
		rc = ent_signed_add_edge_ex(g, names[d->a], names[d->b], d->net, d->count, i);
		if (rc < 0)
			goto done;
	}
	*out = g;
	g = NULL;
done:
	ent_signed_free(g);
	return rc;
}
