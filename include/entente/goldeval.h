/*
 * goldeval.h - scoring coded events against the gold sets.
 *
 * A gold file (JSON Lines) is read into records; each kind of set says
 * what it has: full events (PETRARCH unit tests, PETR-2 GSR), a code per
 * sentence (CAMEO manual), sources and targets with a code (PLOVER GSR),
 * or source/target spans with a five-way class (ConfliBERT). The caller
 * codes each record's text and hands the events back with
 * ent_goldeval_add; ent_goldeval_report prints the measures.
 *
 * Actor codes match at their root: the country or group (first three
 * letters; six for IGO/NGO/MNC groups, e.g. IGOUNO). Events match as
 * multisets of (source root, target root, code) with the code compared at
 * the root (two digits) or in full.
 */
#ifndef ENTENTE_GOLDEVAL_H
#define ENTENTE_GOLDEVAL_H

#include "buf.h"
#include "doc.h"
#include "event.h"

typedef enum ent_gold_kind {
	ENT_GOLD_EVENTS = 1,  /* "events": [{source, target, code}], "noevents" */
	ENT_GOLD_CODE,        /* "cameo_code": one code per sentence, no actors */
	ENT_GOLD_PLOVER,      /* "sources"/"targets" with codes, "cameo_code_from_manual" */
	ENT_GOLD_SPANS        /* "spans" {S, T}, "pentaclass" 0-4 */
} ent_gold_kind;

typedef struct ent_gold_event {
	char source[24], target[24], code[8];
} ent_gold_event;

typedef struct ent_gold_record {
	const char *id;
	const char *text;
	ent_date date;
	ent_gold_event *events;  /* ENT_GOLD_EVENTS */
	size_t nevents;
	int noevents;            /* the record expects no event */
	int monadic;             /* EVENTS: the record's configuration lets
	                            an event lack a target (PETRARCH's
	                            require_dyad = false) */
	char code[8];            /* ENT_GOLD_CODE / PLOVER ("" when unknown) */
	const char **sources;    /* PLOVER: codes; SPANS: span texts */
	size_t nsources;
	const char **targets;
	size_t ntargets;
	int pentaclass;          /* SPANS: 0-4, -1 unknown */
} ent_gold_record;

typedef struct ent_goldeval ent_goldeval;

/* Reads a gold file; the kind is detected from the first record. Records
 * that cannot be used are reported through warn (may be NULL) and
 * skipped. */
int ent_goldeval_open(ent_goldeval **out, const char *path,
                      void (*warn)(const char *msg, void *ctx), void *ctx);
void ent_goldeval_free(ent_goldeval *eval);

ent_gold_kind ent_goldeval_kind(const ent_goldeval *eval);
size_t ent_goldeval_count(const ent_goldeval *eval);
/* Borrowed from the eval. */
const ent_gold_record *ent_goldeval_record(const ent_goldeval *eval, size_t i);

/* Scores the system events of record i (events[k].source/target/code are
 * read; source_text/target_text are spans into text for SPANS sets). */
int ent_goldeval_add(ent_goldeval *eval, size_t i, const ent_event *events,
                     size_t nevents, const char *text);

/* The measures, as a readable table (name first). */
int ent_goldeval_report(const ent_goldeval *eval, const char *name, ent_buf *out);

/* The main measures, for tests and tables. */
typedef struct ent_goldeval_scores {
	size_t records, gold, system;
	size_t match_root, match_full;      /* event matches by code level */
	double p_root, r_root, f_root, p_full, r_full, f_full;
	size_t exact;                       /* records coded exactly */
	size_t noevent_records, false_on_noevent;
	size_t with_gold_root;              /* CODE: records with an event of the gold root */
	size_t events_with_gold_root;       /* CODE: emitted events with the gold root */
	size_t quad_right, quad_total;      /* SPANS: five-way class */
	size_t span_source_right, span_target_right;
} ent_goldeval_scores;

void ent_goldeval_scores_get(const ent_goldeval *eval, ent_goldeval_scores *out);

#endif
