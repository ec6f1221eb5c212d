/*
 * store.h - the event store (SQLite, embedded): documents, sentences,
 * events, relation statements and actors, with the queries the analysis
 * commands need. Only src/lib/store.c includes sqlite3.h.
 *
 * Writes go in batches, one transaction each; the database runs in WAL
 * mode so that readers work during an ingest, and a process killed at any
 * moment leaves the store as it was after the last committed batch.
 * Ingesting a document id again replaces that document and everything
 * coded from it; the same text under another id is stored once (the
 * second id is recorded as a duplicate of the first).
 */
#ifndef ENTENTE_STORE_H
#define ENTENTE_STORE_H

#include "doc.h"
#include "event.h"

typedef struct ent_store ent_store;

/* Opens (creating when missing) the store at path. ENT_ESTORE with
 * SQLite's message when it cannot; ENT_EFORMAT when the file is a SQLite
 * database but not an entente store of this version. */
int ent_store_open(ent_store **out, const char *path);
/* Commits a pending batch and closes. NULL-safe. */
int ent_store_close(ent_store *store);

/* Starts a batch (a transaction); ent_store_commit ends it. Writes
 * outside a batch each get a transaction of their own. */
int ent_store_begin(ent_store *store);
int ent_store_commit(ent_store *store);

/* A large load: when the store holds no events yet, drops the indexes of
 * events and relations, which ent_store_index then builds once (much
 * faster than row by row); otherwise builds any that are missing. Until
 * then (also after a load killed half-way, until the next load) queries
 * work, only slower. */
int ent_store_load_begin(ent_store *store);
/* Commits a pending batch and builds the indexes of events and relations
 * that are missing. */
int ent_store_index(ent_store *store);

/* Adds a document (replacing any earlier one with its id, with its
 * sentences, events and relations). Sets *duplicate to the id of an
 * earlier document with the same text (borrowed until the next call), or
 * NULL; a duplicate is recorded but its events should not be added. */
int ent_store_put_doc(ent_store *store, const ent_doc *doc, const char **duplicate);
/* Adds an event of doc (added with ent_store_put_doc or known only by
 * id: events ingested from JSON Lines name their doc and sentence).
 * ENT_EINVALID for a Goldstein score that is not a finite float;
 * ENT_ELIMIT past 2^20 events and relations (or sentences) a document. */
int ent_store_put_event(ent_store *store, const char *doc_id,
                        const char *sentence, const char *source_text,
                        const char *target_text, const char *predicate_text,
                        const ent_event *event);
int ent_store_put_relation(ent_store *store, const char *doc_id,
                           const char *sentence, const char *text,
                           const ent_relation *relation);
/* Removes what is stored for a document id (before re-adding it). */
int ent_store_drop_doc(ent_store *store, const char *doc_id);

/* Checks the file (SQLite's integrity check) and that every sentence,
 * event and relation belongs to a stored document. ENT_ESTORE saying what
 * is wrong. */
int ent_store_check(ent_store *store);

/* Counts, for progress and tests. */
typedef struct ent_store_counts {
	long long documents, duplicates, events, relations, actors;
} ent_store_counts;
int ent_store_counts_get(ent_store *store, ent_store_counts *out);

/* One event as read back for analysis: dates as days since 1970-01-01. */
typedef struct ent_store_row {
	const char *doc;
	int sent;
	long day;
	int precision;     /* ent_date_precision */
	const char *source, *target;   /* actor codes */
	char code[8];
	int quad;
	double goldstein;
	int modality;
	const char *sentence;          /* the evidence */
	const char *predicate_text;
	int relation;                  /* 1 for a relation statement row */
	int polarity, trend;           /* relation rows */
} ent_store_row;

/* Calls fn for every event (and, when with_relations, relation
 * statement) whose source and target roots are a and b (either order
 * when both_ways; NULL for any), dated in [from_day, to_day] (LONG_MIN /
 * LONG_MAX for open), in date order. Only asserted events unless
 * all_modalities. one_a_day counts an event once per day, dyad and code.
 * fn returns non-zero to stop reading events (relation statements, when
 * asked for, come after the events and are read all the same). Strings
 * are borrowed for the call only. */
typedef struct ent_store_query {
	const char *a, *b;
	int both_ways;
	long from_day, to_day;
	int all_modalities;
	int one_a_day;
	int with_relations;
} ent_store_query;

int ent_store_each(ent_store *store, const ent_store_query *query,
                   int (*fn)(const ent_store_row *row, void *ctx), void *ctx);

/*
 * Per-dyad aggregates: what the analysis reads instead of the events.
 * The store keeps, for every day, calendar month and calendar year, and
 * every ordered pair of actor roots, the asserted events (kind 0) and the
 * relation statements (kind 1) between them: their count, their count per
 * QuadClass, the Goldstein sums of cooperation (g > 0) and of conflict
 * (|g| of g < 0), and the (day, id) of the first of them. Only rows dated
 * and with two different, known roots count. A relation statement counts
 * with the Goldstein-like weight ent_relation_weight(polarity, trend).
 * Kept on every write and drop; rebuilt from the events and relations by
 * ent_store_rebuild_aggregates.
 */
typedef struct ent_store_agg {
	const char *source, *target;   /* actor roots */
	int relation;                  /* 0: asserted events; 1: relation statements */
	int level;                     /* 0 day, 1 month, 2 year */
	long start;                    /* the period's first day */
	long long count, quad[4];
	double coop, conflict;
	long first_day;                /* the first row's day and id (ids of events */
	long long first_id;            /* and of relations are counted apart) */
} ent_store_agg;

/* Rows between roots a and b (both directions; both NULL for all dyads)
 * that cover [from_day, to_day] (LONG_MIN / LONG_MAX for open) exactly,
 * with the fewest rows no coarser than level: 0 day rows only; 1 whole
 * months inside the window and days at its edges; 2 whole years, then
 * months, then days. Each row lies in one calendar month (level <= 1) or
 * year, so a series by month (or year) can be binned from them. Relation
 * statements only with with_relations. */
typedef struct ent_store_agg_query {
	const char *a, *b;
	long from_day, to_day;
	int level;
	int with_relations;
} ent_store_agg_query;

/* Calls fn for each row (in no particular order; strings borrowed for the
 * call); fn returns non-zero to stop. */
int ent_store_each_agg(ent_store *store, const ent_store_agg_query *query,
                       int (*fn)(const ent_store_agg *row, void *ctx), void *ctx);
/* Recomputes every aggregate from the events and relations. */
int ent_store_rebuild_aggregates(ent_store *store);
/* The Goldstein-like weight of a relation statement: +-3 by its polarity,
 * +2 when it says the tie rises, -4 when it says it falls. */
double ent_relation_weight(int polarity, int trend);

#endif
