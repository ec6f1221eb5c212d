/*
 * analysis_cli.h - what the analysis commands (dyad, network, balance,
 * pivots, explain) share: their options, reading the dyads from the
 * store's per-dyad aggregates, and output helpers.
 */
#ifndef ENTENTE_ANALYSIS_CLI_H
#define ENTENTE_ANALYSIS_CLI_H

#include "cli.h"

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_DOT } out_format;

typedef struct an_opts {
	const char *db;
	long from, to;            /* days; LONG_MIN / LONG_MAX when open */
	out_format format;
	const char *by;           /* dyad: day|week|month|year */
	unsigned min_events;      /* network floor */
	int events_only;          /* leave relation statements out */
	char *args[4];            /* positional arguments */
	int nargs;
} an_opts;

/* Parses the common options (--db, --from, --to, --format, --by,
 * --min-events) and positional arguments; prints usage on -h. Returns -1
 * to exit with *status, 0 to go on. */
int an_parse(an_opts *o, int argc, char **argv, void (*usage)(FILE *), int allow_dot,
             int *status);

/* The dyads of the store, read from its aggregates (not event by event):
 * the actor roots in the order in which a pass over the events in date
 * order meets them, the totals per undirected dyad (sorted by actor
 * indices, as ent_dyad_totals makes them), and the records read (both
 * directions), each dated by the first day of its period: with level 0
 * days (what a series by day or week, or a decayed score, needs), 1 months
 * inside the window and days at its edges (a series by month), 2 years,
 * months and days (totals, a series by year). Between a and b only when
 * both are given. Returns 0, or an exit status after a message. */
typedef struct an_dyads {
	char **names;
	size_t nnames;
	ent_dyad_total *totals;
	size_t ntotals;
	ent_dyad_day *days;          /* the records */
	uint32_t *day_a, *day_b;     /* the undirected dyad of each record, a < b */
	size_t ndays;
	unsigned long long events;   /* events and relation statements counted */
} an_dyads;

int an_load_dyads(an_dyads *d, ent_store *store, const char *a, const char *b, int level,
                  const an_opts *o);
void an_dyads_free(an_dyads *d);

/* Opens the store named by the options, with a message on failure. */
int an_open(ent_store **out, const an_opts *o);

/* The signed network of the dyads (edges with at least o->min_events
 * events); shared by network and balance. */
int an_network(ent_signed **out, const an_dyads *d, const an_opts *o);

/* Prints up to max events and relation statements between a and b dated
 * in [from, to], one indented line each: the evidence behind a tie. */
void an_evidence(ent_store *store, const char *a, const char *b, long from, long to, int max,
                 const an_opts *o);

/* Formats a day number as YYYY-MM-DD into out (11 bytes). */
void an_day(char *out, long day);

#endif
