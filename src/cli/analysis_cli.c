/*
 * analysis_cli.c - shared parts of the analysis commands: options, the
 * store, the dyads read from the store's per-dyad aggregates (one actor
 * index per country or group root), and the evidence printer.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_cli.h"

void an_day(char *out, long day)
{
	int y, m, d;

	ent_day_civil((int32_t)day, &y, &m, &d);
	/* fields clamped so that the text always fits 11 bytes */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
}

static int parse_day(long *out, const char *s)
{
	ent_date d;

	if (ent_date_parse(&d, s, strlen(s)))
		return -1;
	*out = ent_date_days(&d);
	return 0;
}

int an_parse(an_opts *o, int argc, char **argv, void (*usage)(FILE *), int allow_dot,
             int *status)
{
	int i;

	memset(o, 0, sizeof *o);
	o->db = "entente.db";
	o->from = LONG_MIN;
	o->to = LONG_MAX;
	o->by = "month";
	o->min_events = 3;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (cli_is_help(a)) {
			usage(stdout);
			*status = EXIT_OK;
			return -1;
		}
		if (a[0] != '-' || !a[1]) {
			if (o->nargs < 4)
				o->args[o->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--events-only") == 0) {
			o->events_only = 1;
			continue;
		}
		if (!v) {
			cli_error("%s needs a value (see '%s -h')", a, argv[0]);
			*status = EXIT_USAGE;
			return -1;
		}
		i++;
		if (strcmp(a, "--db") == 0) {
			o->db = v;
		} else if (strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) {
			if (parse_day(strcmp(a, "--from") == 0 ? &o->from : &o->to, v)) {
				cli_error("%s: bad date '%s' (YYYY-MM-DD, YYYY-MM or YYYY)", a, v);
				*status = EXIT_USAGE;
				return -1;
			}
		} else if (strcmp(a, "--format") == 0) {
			if (strcmp(v, "table") == 0)
				o->format = OUT_TABLE;
			else if (strcmp(v, "csv") == 0)
				o->format = OUT_CSV;
			else if (strcmp(v, "json") == 0)
				o->format = OUT_JSON;
			else if (strcmp(v, "dot") == 0 && allow_dot)
				o->format = OUT_DOT;
			else {
				cli_error("unknown format '%s' (table, csv, json%s)", v, allow_dot ? ", dot" : "");
				*status = EXIT_USAGE;
				return -1;
			}
		} else if (strcmp(a, "--by") == 0) {
			if (ent_period_parse(v) < 0) {
				cli_error("--by: day, week, month or year, not '%s'", v);
				*status = EXIT_USAGE;
				return -1;
			}
			o->by = v;
		} else if (strcmp(a, "--min-events") == 0) {
			o->min_events = (unsigned)strtoul(v, NULL, 10);
		} else {
			cli_error("unknown option '%s' (see '%s -h')", a, argv[0]);
			*status = EXIT_USAGE;
			return -1;
		}
	}
	return 0;
}

int an_open(ent_store **out, const an_opts *o)
{
	if (ent_store_open(out, o->db)) {
		cli_lib_error();
		return strstr(ent_error_last(), "not an entente store") ? EXIT_DICT : EXIT_FAIL;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Dyads from the store's aggregates
 * ------------------------------------------------------------------- */

/* An actor root while loading: where it first appears in the order a
 * pass over the rows would meet it (events before relation statements,
 * then by day and id, a source before its target). */
typedef struct agg_actor {
	char *name;
	int kind;
	long day;
	long long id;
	int role;
	uint32_t final;   /* its index once sorted */
} agg_actor;

typedef struct agg_row {
	uint32_t source, target;   /* agg_actor indices */
	ent_dyad_day day;
} agg_row;

typedef struct agg_load {
	agg_actor *actors;
	size_t nactors, actors_cap;
	uint32_t *slot;            /* open addressing: actor index + 1 */
	size_t slot_cap;
	agg_row *rows;
	size_t nrows, rows_cap;
	int failed;
} agg_load;

static size_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

/* The index of root (added when new, with its first appearance updated
 * by this row); -1 when out of memory. */
static long agg_actor_of(agg_load *l, const char *root, const ent_store_agg *r, int role)
{
	size_t h, i;
	agg_actor *a;

	if ((l->nactors + 1) * 2 > l->slot_cap) {
		size_t cap = l->slot_cap ? l->slot_cap * 2 : 256;
		uint32_t *slot = calloc(cap, sizeof *slot);

		if (!slot)
			return -1;
		for (i = 0; i < l->nactors; i++) {
			for (h = name_hash(l->actors[i].name) & (cap - 1); slot[h]; h = (h + 1) & (cap - 1))
				;
			slot[h] = (uint32_t)i + 1;
		}
		free(l->slot);
		l->slot = slot;
		l->slot_cap = cap;
	}
	for (h = name_hash(root) & (l->slot_cap - 1); l->slot[h]; h = (h + 1) & (l->slot_cap - 1))
		if (strcmp(l->actors[l->slot[h] - 1].name, root) == 0)
			break;
	if (l->slot[h]) {
		a = &l->actors[l->slot[h] - 1];
		if (r->relation < a->kind ||
		    (r->relation == a->kind && (r->first_day < a->day ||
		     (r->first_day == a->day && (r->first_id < a->id ||
		      (r->first_id == a->id && role < a->role)))))) {
			a->kind = r->relation;
			a->day = r->first_day;
			a->id = r->first_id;
			a->role = role;
		}
		return (long)(a - l->actors);
	}
	if (l->nactors == l->actors_cap) {
		size_t cap = l->actors_cap ? l->actors_cap * 2 : 128;
		agg_actor *na = realloc(l->actors, cap * sizeof *na);

		if (!na)
			return -1;
		l->actors = na;
		l->actors_cap = cap;
	}
	a = &l->actors[l->nactors];
	if (!(a->name = strdup(root)))
		return -1;
	a->kind = r->relation;
	a->day = r->first_day;
	a->id = r->first_id;
	a->role = role;
	l->slot[h] = (uint32_t)++l->nactors;
	return (long)l->nactors - 1;
}

static int on_agg(const ent_store_agg *r, void *ctx)
{
	agg_load *l = ctx;
	long s, t;
	agg_row *row;

	if (r->count <= 0)
		return 0;
	if ((s = agg_actor_of(l, r->source, r, 0)) < 0 || (t = agg_actor_of(l, r->target, r, 1)) < 0)
		goto oom;
	if (l->nrows == l->rows_cap) {
		size_t cap = l->rows_cap ? l->rows_cap * 2 : 1024;
		agg_row *nr = realloc(l->rows, cap * sizeof *nr);

		if (!nr)
			goto oom;
		l->rows = nr;
		l->rows_cap = cap;
	}
	row = &l->rows[l->nrows++];
	row->source = (uint32_t)s;
	row->target = (uint32_t)t;
	row->day.day = (int32_t)r->start;
	row->day.count = (uint32_t)r->count;
	row->day.quad[0] = (uint32_t)r->quad[0];
	row->day.quad[1] = (uint32_t)r->quad[1];
	row->day.quad[2] = (uint32_t)r->quad[2];
	row->day.quad[3] = (uint32_t)r->quad[3];
	row->day.coop = r->coop;
	row->day.conflict = r->conflict;
	return 0;
oom:
	l->failed = 1;
	return 1;
}

static int actor_order(const void *x, const void *y)
{
	const agg_actor *a = *(agg_actor *const *)x, *b = *(agg_actor *const *)y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->role > b->role) - (a->role < b->role);
}

static int total_order(const void *x, const void *y)
{
	const ent_dyad_total *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Sums the rows per undirected dyad into d->totals, sorted by (a, b). */
static int sum_dyads(an_dyads *d, const agg_load *l)
{
	uint64_t *keys = NULL;
	uint32_t *slot = NULL;
	size_t cap = 1024, i, h;
	int rc = -1;

	while (cap < l->nrows * 2)
		cap *= 2;
	keys = malloc(cap * sizeof *keys);
	slot = malloc(cap * sizeof *slot);
	d->totals = malloc((l->nrows ? l->nrows : 1) * sizeof *d->totals);
	if (!keys || !slot || !d->totals)
		goto done;
	memset(keys, 0xff, cap * sizeof *keys);
	for (i = 0; i < l->nrows; i++) {
		const agg_row *r = &l->rows[i];
		uint32_t s = l->actors[r->source].final, t = l->actors[r->target].final;
		uint32_t a = s < t ? s : t, b = s < t ? t : s;
		uint64_t key = (uint64_t)a << 32 | b;
		ent_dyad_total *tot;

		h = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (cap - 1);
		while (keys[h] != UINT64_MAX && keys[h] != key)
			h = (h + 1) & (cap - 1);
		if (keys[h] == UINT64_MAX) {
			keys[h] = key;
			slot[h] = (uint32_t)d->ntotals;
			tot = &d->totals[d->ntotals++];
			memset(tot, 0, sizeof *tot);
			tot->a = a;
			tot->b = b;
		} else {
			tot = &d->totals[slot[h]];
		}
		tot->count += r->day.count;
		tot->quad[0] += r->day.quad[0];
		tot->quad[1] += r->day.quad[1];
		tot->quad[2] += r->day.quad[2];
		tot->quad[3] += r->day.quad[3];
		tot->coop += r->day.coop;
		tot->conflict += r->day.conflict;
	}
	for (i = 0; i < d->ntotals; i++)
		d->totals[i].net = d->totals[i].coop - d->totals[i].conflict;
	if (d->ntotals)
		qsort(d->totals, d->ntotals, sizeof *d->totals, total_order);
	rc = 0;
done:
	free(keys);
	free(slot);
	return rc;
}

int an_load_dyads(an_dyads *d, ent_store *store, const char *a, const char *b, int level,
                  const an_opts *o)
{
	ent_store_agg_query q;
	agg_load l;
	agg_actor **order = NULL;
	size_t i;
	int status = EXIT_FAIL;

	memset(d, 0, sizeof *d);
	memset(&l, 0, sizeof l);
	memset(&q, 0, sizeof q);
	q.a = a;
	q.b = b;
	q.from_day = o->from;
	q.to_day = o->to;
	q.level = level;
	q.with_relations = !o->events_only;
	if (ent_store_each_agg(store, &q, on_agg, &l)) {
		cli_lib_error();
		goto done;
	}
	if (l.failed)
		goto oom;
	/* Actors in the order a pass over the events would have met them,
	 * which the network's node order (and so every result that depends
	 * on it) follows. */
	order = malloc((l.nactors ? l.nactors : 1) * sizeof *order);
	d->names = calloc(l.nactors ? l.nactors : 1, sizeof *d->names);
	if (!order || !d->names)
		goto oom;
	for (i = 0; i < l.nactors; i++)
		order[i] = &l.actors[i];
	qsort(order, l.nactors, sizeof *order, actor_order);
	for (i = 0; i < l.nactors; i++) {
		order[i]->final = (uint32_t)i;
		d->names[i] = order[i]->name;
		order[i]->name = NULL;
	}
	d->nnames = l.nactors;
	{
		d->days = malloc((l.nrows ? l.nrows : 1) * sizeof *d->days);
		d->day_a = malloc((l.nrows ? l.nrows : 1) * sizeof *d->day_a);
		d->day_b = malloc((l.nrows ? l.nrows : 1) * sizeof *d->day_b);
		if (!d->days || !d->day_a || !d->day_b)
			goto oom;
		for (i = 0; i < l.nrows; i++) {
			uint32_t s = l.actors[l.rows[i].source].final, t = l.actors[l.rows[i].target].final;

			d->days[i] = l.rows[i].day;
			d->day_a[i] = s < t ? s : t;
			d->day_b[i] = s < t ? t : s;
		}
		d->ndays = l.nrows;
	}
	for (i = 0; i < l.nrows; i++)
		d->events += l.rows[i].day.count;
	if (sum_dyads(d, &l))
		goto oom;
	status = 0;
	goto done;
oom:
	cli_error("out of memory reading the store");
done:
	for (i = 0; i < l.nactors; i++)
		free(l.actors[i].name);
	free(l.actors);
	free(l.slot);
	free(l.rows);
	free(order);
	if (status)
		an_dyads_free(d);
	return status;
}

void an_dyads_free(an_dyads *d)
{
	size_t i;

	for (i = 0; d->names && i < d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	free(d->days);
	free(d->day_a);
	free(d->day_b);
	free(d->totals);
	memset(d, 0, sizeof *d);
}

typedef struct evidence_ctx {
	int shown, max;
} evidence_ctx;

static int print_evidence(const ent_store_row *r, void *ctx)
{
	evidence_ctx *e = ctx;
	char day[11];

	an_day(day, r->day);
	if (r->relation)
		printf("        %s %s~%s relation %+d: %s\n", day, r->source, r->target, r->polarity,
		       r->predicate_text ? r->predicate_text : "");
	else
		printf("        %s %s>%s %s: %s\n", day, r->source, r->target, r->code,
		       r->predicate_text ? r->predicate_text : "");
	return ++e->shown >= e->max;
}

void an_evidence(ent_store *store, const char *a, const char *b, long from, long to, int max,
                 const an_opts *o)
{
	ent_store_query q;
	evidence_ctx e = {0, max};

	memset(&q, 0, sizeof q);
	q.a = a;
	q.b = b;
	q.both_ways = 1;
	q.from_day = from;
	q.to_day = to;
	q.with_relations = !o->events_only;
	ent_store_each(store, &q, print_evidence, &e);
}
