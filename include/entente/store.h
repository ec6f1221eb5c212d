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

/* Adds a document (replacing any earlier one with its id, with its
 * sentences, events and relations). Sets *duplicate to the id of an
 * earlier document with the same text (borrowed until the next call), or
 * NULL; a duplicate is recorded but its events should not be added. */
int ent_store_put_doc(ent_store *store, const ent_doc *doc, const char **duplicate);
/* Adds an event of doc (added with ent_store_put_doc or known only by
 * id: events ingested from JSON Lines name their doc and sentence). */
int ent_store_put_event(ent_store *store, const char *doc_id,
                        const char *sentence, const char *source_text,
                        const char *target_text, const char *predicate_text,
                        const ent_event *event);
int ent_store_put_relation(ent_store *store, const char *doc_id,
                           const char *sentence, const char *text,
                           const ent_relation *relation);
/* Removes what is stored for a document id (before re-adding it). */
int ent_store_drop_doc(ent_store *store, const char *doc_id);

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
 * fn returns non-zero to stop. Strings are borrowed for the call only. */
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

#endif
