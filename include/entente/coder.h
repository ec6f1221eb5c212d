/*
 * coder.h - the event coder: documents in, CAMEO events and relation
 * statements out, each with its evidence and the rule that matched.
 *
 * A coder holds a finished dictionary and (optionally) a parser model;
 * both are shared read-only, so one coder serves any number of threads,
 * each bringing its own arena.
 */
#ifndef ENTENTE_CODER_H
#define ENTENTE_CODER_H

#include "dict.h"
#include "event.h"
#include "parse.h"

typedef struct ent_coder ent_coder;

typedef struct ent_coder_opts {
	int allow_monadic;     /* emit events without a target */
	int keep_negated;      /* emit negated events (never by default) */
	int no_relations;      /* skip relation statements */
} ent_coder_opts;

/* A coder over dict and model (borrowed; they must outlive it). model
 * may be NULL: then sentences must come tagged and parsed. */
int ent_coder_new(ent_coder **out, const ent_dict *dict, const ent_model *model,
                  const ent_coder_opts *opts);
void ent_coder_free(ent_coder *coder);

/* What a document gave. Arrays and strings live in the arena passed to
 * ent_coder_code. */
typedef struct ent_coded {
	ent_segmentation seg;
	ent_event *events;
	size_t nevents;
	ent_relation *relations;
	size_t nrelations;
	int discarded;           /* the story matched a story discard */
} ent_coded;

/* Codes one document. Fails only on out of memory or a parser limit;
 * a sentence the coder cannot use gives no events. */
int ent_coder_code(const ent_coder *coder, const ent_doc *doc, ent_coded *out,
                   ent_arena *arena);

#endif
