/*
 * conllu.h - a reader of CoNLL-U files (UD treebanks), sentence by
 * sentence, for 'entente parse --input conllu' and 'entente eval'.
 *
 * Each sentence comes back as a text and a token array in the shape the
 * segmenter produces (ent_token with byte spans into the text), with the
 * file's annotations filled in: lemma, upos, xpos, head, deprel (0 or
 * NULL where the file has "_" or a value this library does not know).
 * The text is rebuilt from the word forms and SpaceAfter=No, so that
 * token spans are exact; the "# text" comment is kept apart.
 *
 * Multiword token lines ("3-4") and comments are kept verbatim for
 * writing back; empty nodes ("8.1", enhanced graphs only) are skipped.
 * A malformed sentence is reported (ENT_EINVALID, message "file:line:
 * what") and skipped; the next call goes on with the next sentence.
 */
#ifndef ENTENTE_CONLLU_H
#define ENTENTE_CONLLU_H

#include "segment.h"

/* A verbatim line kept with the sentence: a comment (before = -1) or a
 * multiword token range line written before the word with 0-based index
 * before. */
typedef struct ent_conllu_line {
	const char *text;   /* without the newline */
	int before;
} ent_conllu_line;

typedef struct ent_conllu_sent {
	const char *text;        /* rebuilt from forms; NUL-terminated */
	size_t text_len;
	ent_token *tokens;
	size_t ntokens;
	const char **feats;      /* FEATS column per word, "_" if none */
	const char **misc;       /* MISC column per word, "_" if none */
	const char *sent_id;     /* "# sent_id = ..." or NULL */
	const char *doc_id;      /* the last "# newdoc id = ..." seen, or NULL */
	ent_conllu_line *lines;  /* comments and range lines, in file order */
	size_t nlines;
	long line;               /* line number of the sentence's first line */
} ent_conllu_sent;

typedef struct ent_conllu_reader ent_conllu_reader;

/* Opens path ("-" for standard input). ENT_ENOTFOUND / ENT_EIO when it
 * cannot be opened. */
int ent_conllu_open(ent_conllu_reader **out, const char *path);
/* Reads from memory (data need not be NUL-terminated; it is borrowed and
 * must outlive the reader). name is used in messages. */
int ent_conllu_open_mem(ent_conllu_reader **out, const char *data, size_t len,
                        const char *name);
void ent_conllu_free(ent_conllu_reader *reader);

/* Reads the next sentence into *out, everything allocated from arena.
 * Returns 1 when a sentence was read, 0 at the end of the input,
 * ENT_EINVALID for a malformed sentence (skipped; call again), or another
 * negative code for an error that ends the input. Sentences of more than
 * ENT_CONLLU_MAX_TOKENS words are malformed (ENT_EINVALID). */
#define ENT_CONLLU_MAX_TOKENS 30000
int ent_conllu_next(ent_conllu_reader *reader, ent_conllu_sent *out,
                    ent_arena *arena);

#endif
