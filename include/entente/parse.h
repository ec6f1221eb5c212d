/*
 * parse.h - part-of-speech tagger, lemmatiser and labelled dependency
 * parser (UD English, trained on UD English EWT).
 *
 * A model is one binary file (data/model/parser.bin, embedded in the
 * library) that holds the tagger's and the parser's weights and the
 * lemmatiser's tables. ent_tag_parse fills the lemma, upos, xpos, head and
 * deprel fields of a sentence's tokens in place: greedy averaged-perceptron
 * tagging (joint UPOS and Penn XPOS), lemmas from training statistics,
 * WordNet exceptions and suffix rules, and a greedy arc-eager transition
 * parser (projective trees, one root per sentence).
 *
 * A model is read-only after loading and may be shared between threads;
 * each thread brings its own arena.
 */
#ifndef ENTENTE_PARSE_H
#define ENTENTE_PARSE_H

#include "segment.h"

typedef struct ent_model ent_model;

/* The version of the model format this library reads. */
#define ENT_MODEL_VERSION 2

/* Loads a model from len bytes (copied: the caller keeps bytes). Fails
 * with ENT_EFORMAT when the bytes are not a model of this version or are
 * truncated or corrupt, ENT_ENOMEM when out of memory. */
int ent_model_load(ent_model **out, const void *bytes, size_t len);
/* Loads a model file; ENT_ENOTFOUND or ENT_EIO when it cannot be read,
 * ENT_EFORMAT (with the path in the message) when it is no model. */
int ent_model_load_file(ent_model **out, const char *path);
/* The model embedded in the library (not copied); ENT_ENOTFOUND when the
 * library was built without one. */
int ent_model_builtin(ent_model **out);
void ent_model_free(ent_model *model);

/* Tags, lemmatises and parses one sentence: tokens[0..n) are its tokens,
 * whose spans index text. Lemmas are allocated from arena (or borrowed
 * from the model); work space comes from arena too. Heads are 1-based
 * within the sentence (0 for the root). Sentences longer than
 * ENT_PARSE_MAX_TOKENS tokens fail with ENT_ELIMIT. */
#define ENT_PARSE_MAX_TOKENS 30000
int ent_tag_parse(const ent_model *model, ent_token *tokens, size_t n,
                  const char *text, ent_arena *arena);
/* The same for every sentence of a segmentation. */
int ent_tag_parse_all(const ent_model *model, ent_segmentation *seg,
                      const char *text, ent_arena *arena);
/* The same for count sentences, each its tokens, their number and the
 * text their spans index; faster than one at a time (the parser works on
 * two sentences at once). Stops at the first error. */
typedef struct ent_parse_item {
	ent_token *tokens;
	size_t n;
	const char *text;
} ent_parse_item;
int ent_tag_parse_batch(const ent_model *model, const ent_parse_item *items, size_t count,
                        ent_arena *arena);

/* Penn Treebank XPOS tags as used by EWT (index 0 is "_", none). */
enum { ENT_XPOS_COUNT = 51 };
const char *ent_xpos_name(int xpos);
/* -1 when unknown. */
int ent_xpos_parse(const char *name, size_t len);

/* UD relations with the subtypes EWT and PUD use (index 0 is "_",
 * none). */
enum { ENT_DEPREL_COUNT = 58 };
const char *ent_deprel_name(int deprel);
/* -1 when unknown. */
int ent_deprel_parse(const char *name, size_t len);

#endif
