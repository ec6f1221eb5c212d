/*
 * event.h - coded events and relation statements, and their output
 * formats (JSON Lines, TSV, Phoenix-style TSV).
 *
 * The JSONL fields are a contract (DESIGN.md): every event line carries
 * kind, doc, sent, sentence, date, source, target, code, root, quad,
 * goldstein, plover, modality, source_text, target_text, predicate_text
 * and rule; every relation line kind, doc, sent, sentence, date, a, b,
 * polarity, trend, text and rule.
 */
#ifndef ENTENTE_EVENT_H
#define ENTENTE_EVENT_H

#include "buf.h"
#include "doc.h"

typedef enum ent_modality {
	ENT_MOD_ASSERTED = 0,
	ENT_MOD_HEDGED,        /* may, might, reportedly, allegedly, according to */
	ENT_MOD_FUTURE,        /* will, plans to, is to */
	ENT_MOD_HYPOTHETICAL   /* if, whether, would */
} ent_modality;

typedef enum ent_trend {
	ENT_TREND_NONE = 0,
	ENT_TREND_UP,
	ENT_TREND_DOWN
} ent_trend;

/* A byte span of the document text; start == end when absent. */
typedef struct ent_span {
	uint32_t start, end;
} ent_span;

typedef struct ent_event {
	const char *source;   /* actor code, e.g. "RUSGOV" */
	const char *target;   /* actor code; "" when the event has none */
	char code[8];         /* CAMEO code, 3 or 4 digits */
	char root[4];         /* its first two digits */
	int quad;             /* QuadClass 1-4 */
	double goldstein;
	const char *plover;   /* PLOVER event type, "" when dropped (01, 02) */
	ent_date date;
	int modality;         /* ent_modality */
	uint32_t sent;        /* sentence index in the document */
	ent_span sentence;    /* the sentence */
	ent_span source_text, target_text, predicate_text;
	const char *rule;     /* id of the rule that matched, "verbs/04.txt:12" */
} ent_event;

typedef struct ent_relation {
	const char *a, *b;    /* actor codes */
	int polarity;         /* +1 or -1 */
	int trend;            /* ent_trend */
	ent_date date;
	uint32_t sent;
	ent_span sentence;
	ent_span text;        /* the words that say it */
	const char *rule;
} ent_relation;

typedef enum ent_event_format {
	ENT_FORMAT_JSONL = 0,
	ENT_FORMAT_TSV,
	ENT_FORMAT_PHOENIX
} ent_event_format;

/* The length of the root of an actor code: the country or group, three
 * letters, or six for IGO, NGO and MNC groups ("IGOUNO" in "IGOUNOKID"). */
size_t ent_actor_root_len(const char *code);
/* The root of an actor code into root (at least 8 bytes). */
void ent_actor_root(const char *code, char *root);
/* Whether an actor code's root is one of CAMEO's regional codes (EUR,
 * AFR, MEA, CAU, WST...): a region, not a state or a group. */
int ent_actor_is_region(const char *code);

const char *ent_modality_name(int modality);
const char *ent_trend_name(int trend);

/* Header line for a TSV format ("" for JSONL), with its newline. */
const char *ent_event_header(ent_event_format format);

/* Appends one line (with its newline) for an event or a relation of doc.
 * TSV and Phoenix formats write events only; for a relation they append
 * nothing. */
int ent_event_write(ent_buf *out, ent_event_format format, const ent_doc *doc,
                    const ent_event *event);
int ent_relation_write(ent_buf *out, ent_event_format format, const ent_doc *doc,
                       const ent_relation *relation);

#endif
