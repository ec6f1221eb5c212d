/*
 * timex.h - time expressions in a sentence, resolved against the document
 * date: "in December 2016" (month), "on August 13" (day, year from the
 * document), "since 2013", "in 2007" (year), "Wednesday" (the last such
 * day on or before the document date), "yesterday", "last month", "last
 * year", "next week" ...
 */
#ifndef ENTENTE_TIMEX_H
#define ENTENTE_TIMEX_H

#include "doc.h"
#include "segment.h"

typedef enum ent_timex_kind {
	ENT_TIMEX_AT = 0,  /* a point or period: "on August 13", "in 2016" */
	ENT_TIMEX_SINCE,   /* "since 2013" */
	ENT_TIMEX_UNTIL    /* "until 2019", "by March" */
} ent_timex_kind;

typedef struct ent_timex {
	uint32_t first, last;  /* token indices within the sentence, inclusive */
	ent_date date;         /* resolved, with its precision */
	uint8_t kind;          /* ent_timex_kind */
	uint8_t relative;      /* resolved from the document date */
} ent_timex;

/* Finds the time expressions of a sentence (tokens[0..ntokens), whose
 * spans index text) and resolves them against doc_date (which may be
 * unknown: then relative expressions are skipped). Writes at most max
 * into out and returns how many were found. */
size_t ent_timex_find(ent_timex *out, size_t max, const ent_token *tokens,
                      size_t ntokens, const char *text, const ent_date *doc_date);

#endif
