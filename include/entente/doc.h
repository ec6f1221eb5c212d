/*
 * doc.h - documents and the readers that produce them.
 *
 * A reader walks one input (a file path, or "-" for standard input) in one
 * of the input formats and yields documents one at a time. A malformed
 * record is reported (ent_reader_next returns ENT_EINVALID with the last
 * error saying what and file:line) and the caller may go on reading: the
 * rest of the batch is never lost.
 *
 * Document text is valid UTF-8 in NFC: invalid bytes are replaced by
 * U+FFFD and CR LF becomes LF while reading, so that every byte offset
 * entente reports refers to the text as entente holds it.
 */
#ifndef ENTENTE_DOC_H
#define ENTENTE_DOC_H

#include "arena.h"

typedef enum ent_input_format {
	ENT_INPUT_AUTO = 0, /* from the file extension; text otherwise */
	ENT_INPUT_TEXT,
	ENT_INPUT_JSONL,
	ENT_INPUT_XML,
	ENT_INPUT_CONLLU
} ent_input_format;

/* Date precision, coarsest last. */
typedef enum ent_date_precision {
	ENT_DATE_NONE = 0,
	ENT_DATE_DAY,
	ENT_DATE_MONTH,
	ENT_DATE_YEAR
} ent_date_precision;

typedef struct ent_date {
	int16_t year;   /* 0 when unknown */
	int8_t month;   /* 1-12, 0 when unknown */
	int8_t day;     /* 1-31, 0 when unknown */
	uint8_t precision; /* ent_date_precision */
} ent_date;

typedef struct ent_doc {
	const char *id;     /* never NULL */
	const char *title;  /* NULL when absent */
	const char *source; /* NULL when absent */
	const char *url;    /* NULL when absent */
	ent_date date;      /* precision NONE when unknown */
	const char *text;   /* NUL-terminated UTF-8 (NFC) */
	size_t text_len;
	const char *file;   /* where the document came from ("-" for stdin) */
	long line;          /* line of the record in that file (1 for text) */
} ent_doc;

typedef struct ent_reader_opts {
	ent_input_format format;
	ent_date date;          /* --date: overrides dates found in text files */
	size_t max_doc_bytes;   /* 0: 64 MiB */
} ent_reader_opts;

typedef struct ent_reader ent_reader;

/* Opens path ("-" for standard input). Fails with ENT_ENOTFOUND or ENT_EIO
 * when it cannot be opened. */
int ent_reader_open(ent_reader **out, const char *path,
                    const ent_reader_opts *opts);
/* Opens a reader over data[0..len) in memory, named name in messages.
 * The data must outlive the reader. The format must not be AUTO unless
 * name has an extension that says it. */
int ent_reader_open_mem(ent_reader **out, const char *data, size_t len,
                        const char *name, const ent_reader_opts *opts);
void ent_reader_free(ent_reader *reader);

/* Reads the next document into *doc, its strings allocated from arena.
 * Returns 1 when a document was read, 0 at the end, ENT_EINVALID for a
 * malformed record (skipped: call again for the next), or another negative
 * code for an error that ends this input (I/O, out of memory). */
int ent_reader_next(ent_reader *reader, ent_doc *doc, ent_arena *arena);

/* The format a path is read in under ENT_INPUT_AUTO. */
ent_input_format ent_input_format_for_path(const char *path);
/* "text", "jsonl", "xml", "conllu" -> format; returns -1 when unknown. */
int ent_input_format_parse(const char *name);

/* Dates. ent_date_parse reads an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) or
 * YYYYMMDD; returns 0 or ENT_EINVALID. ent_date_find looks for a
 * publication date in the first lines of a text ("25.09.2017",
 * "September 25, 2017", "25 September 2017", "2017-09-25"); returns 1 when
 * found, 0 otherwise. ent_date_format writes YYYY-MM-DD, YYYY-MM or YYYY
 * into out (at least 11 bytes) by precision, "" when unknown. */
int ent_date_parse(ent_date *out, const char *s, size_t len);
int ent_date_find(ent_date *out, const char *text, size_t len);
void ent_date_format(char *out, const ent_date *date);
/* Days since 1970-01-01 for a date (unknown parts count as 1). */
long ent_date_days(const ent_date *date);
int ent_date_valid(int year, int month, int day);

#endif
