/*
 * analysis_cli.c - shared parts of the analysis commands: options, the
 * store, and events read into the analysis library's observations (one
 * actor id per country or group root).
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

typedef struct load_ctx {
	an_events *ev;
	int failed;
	int events_only;
} load_ctx;

static int on_row(const ent_store_row *row, void *ctx)
{
	load_ctx *l = ctx;
	char sr[16], tr[16];
	double g;
	int quad = 0;

	if (!row->source || !row->target || !*row->target)
		return 0;
	if (row->relation && l->events_only)
		return 0;
	ent_actor_root(row->source, sr);
	ent_actor_root(row->target, tr);
	if (strcmp(sr, tr) == 0)
		return 0;  /* within one country: not a relation between states */
	if (row->relation) {
		/* A relation statement ("its arch-rival India", "relations
		 * cooled") counts as evidence of the tie's sign: +-3 by its
		 * polarity, +2 when rising, -4 when falling. */
		g = 3.0 * (row->polarity < 0 ? -1 : 1) + (row->trend > 0 ? 2 : row->trend < 0 ? -4 : 0);
	} else {
		g = row->goldstein;
		quad = row->quad >= 0 && row->quad <= 4 ? row->quad : 0;
	}
	if (ent_event_table_add(l->ev->table, row->day, sr, tr, quad, g) == ENT_ENOMEM) {
		l->failed = 1;
		return 1;
	}
	return 0;
}

int an_load(an_events *ev, ent_store *store, const char *a, const char *b, const an_opts *o)
{
	ent_store_query q;
	load_ctx l = {ev, 0, o->events_only};

	memset(ev, 0, sizeof *ev);
	if (ent_event_table_new(&ev->table)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	memset(&q, 0, sizeof q);
	q.a = a;
	q.b = b;
	q.both_ways = 1;
	q.from_day = o->from;
	q.to_day = o->to;
	q.with_relations = !o->events_only;
	if (ent_store_each(store, &q, on_row, &l)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	if (l.failed) {
		cli_error("out of memory reading events");
		return EXIT_FAIL;
	}
	ev->obs = ent_event_table_events(ev->table);
	ev->n = ent_event_table_len(ev->table);
	ev->names = ent_event_table_actors(ev->table);
	ev->nnames = ent_event_table_actor_count(ev->table);
	return 0;
}

void an_free(an_events *ev)
{
	ent_event_table_free(ev->table);
	memset(ev, 0, sizeof *ev);
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
