/*
 * segment.h - sentence splitting and tokenisation.
 *
 * Tokens follow UD English (EWT) conventions: punctuation apart, clitics
 * split ("do|n't", "John|'s", "can|not", "gon|na"), hyphens apart
 * ("search|-|engine"), while abbreviations ("U.S.", "Gen."), numbers
 * ("3,000", "2.5"), URLs, e-mail addresses and emoticons stay whole.
 * Every token and sentence is a byte span [start, end) of the document
 * text; the form of a token is exactly text[start..end).
 *
 * The token fields that the tagger and parser fill (lemma, upos, xpos,
 * head, deprel) are zero after segmentation.
 */
#ifndef ENTENTE_SEGMENT_H
#define ENTENTE_SEGMENT_H

#include "arena.h"
#include "buf.h"

/* Universal POS tags, in the order of the UD documentation. */
typedef enum ent_upos {
	ENT_UPOS_NONE = 0,
	ENT_UPOS_ADJ, ENT_UPOS_ADP, ENT_UPOS_ADV, ENT_UPOS_AUX, ENT_UPOS_CCONJ,
	ENT_UPOS_DET, ENT_UPOS_INTJ, ENT_UPOS_NOUN, ENT_UPOS_NUM, ENT_UPOS_PART,
	ENT_UPOS_PRON, ENT_UPOS_PROPN, ENT_UPOS_PUNCT, ENT_UPOS_SCONJ,
	ENT_UPOS_SYM, ENT_UPOS_VERB, ENT_UPOS_X,
	ENT_UPOS_COUNT
} ent_upos;

/* Token flags. */
enum {
	ENT_TOK_SPACE_AFTER = 1 << 0, /* white space follows in the text */
	ENT_TOK_NEWLINE_AFTER = 1 << 1, /* a line break follows */
	ENT_TOK_CAPITAL = 1 << 2,     /* starts with an upper-case letter */
	ENT_TOK_ALLCAPS = 1 << 3,     /* has letters, all upper case */
	ENT_TOK_NUMBER = 1 << 4,      /* starts with a digit */
	ENT_TOK_PUNCT = 1 << 5,       /* punctuation or symbols only */
	ENT_TOK_ABBREV = 1 << 6,      /* ends with a period that is part of it */
	ENT_TOK_JOINED = 1 << 7,      /* split from the token before without a
	                                 space (a clitic: do|n't, can|not); the
	                                 two are one surface token in UD */
	ENT_TOK_NAME = 1 << 8         /* set by a caller before tagging: part of
	                                 a name a dictionary knows; the tagger
	                                 tags it a proper noun (NNP) */
};

/* Sentence flags. */
enum {
	ENT_SENT_HEADER = 1 << 0, /* a section header ("BACKGROUND:") */
	ENT_SENT_TITLE = 1 << 1,  /* a title or byline line without final punct */
	ENT_SENT_PARA = 1 << 2    /* starts a paragraph */
};

typedef struct ent_token {
	uint32_t start, end;  /* byte span in the document text */
	const char *lemma;    /* set by the lemmatiser (arena string) */
	uint16_t flags;       /* ENT_TOK_* */
	uint8_t upos;         /* ent_upos, set by the tagger */
	uint8_t xpos;         /* Penn tag index, set by the tagger */
	int16_t head;         /* 1-based head within the sentence, 0 = root */
	uint8_t deprel;       /* relation index, set by the parser */
	uint8_t feats;        /* reserved */
} ent_token;

typedef struct ent_sentence {
	uint32_t start, end;  /* byte span in the document text */
	uint32_t first;       /* index of its first token in tokens[] */
	uint32_t ntokens;
	uint32_t flags;       /* ENT_SENT_* */
} ent_sentence;

typedef struct ent_segmentation {
	ent_sentence *sents;
	size_t nsents;
	ent_token *tokens;
	size_t ntokens;
} ent_segmentation;

/* Splits text[0..len) into sentences and tokens. The arrays are allocated
 * from arena and belong to it. len may be at most 2^31. */
int ent_segment(ent_segmentation *out, const char *text, size_t len,
                ent_arena *arena);

/* The sentence-boundary model: an averaged perceptron over the gaps that
 * the rules leave open (data/model/sentsplit.bin, trained on UD English
 * EWT by `make model-splitter`). ent_segment uses the built-in model when
 * the build has one. */
typedef struct ent_splitter ent_splitter;

/* The built-in model, or NULL; loaded once, shared, never freed. */
const ent_splitter *ent_splitter_builtin(void);
/* Loads a model from memory (copied); ENT_EFORMAT when it is not one. */
int ent_splitter_load(ent_splitter **out, const void *data, size_t len);
void ent_splitter_free(ent_splitter *model);

/* ent_segment with a given model; NULL splits by the rules alone. */
int ent_segment_with(ent_segmentation *out, const char *text, size_t len,
                     const ent_splitter *model, ent_arena *arena);

/* Training: add documents with the byte offsets where their gold
 * sentences end, then run; the model's bytes are appended to model_out.
 * Deterministic: the same documents give the same bytes. */
typedef struct ent_splitter_trainer ent_splitter_trainer;
int ent_splitter_trainer_new(ent_splitter_trainer **out);
int ent_splitter_trainer_add(ent_splitter_trainer *trainer, const char *text,
                             size_t len, const uint32_t *ends, size_t nends);
int ent_splitter_trainer_run(ent_splitter_trainer *trainer, int epochs,
                             unsigned bits, ent_buf *model_out);
void ent_splitter_trainer_free(ent_splitter_trainer *trainer);

/* Tokenises text[0..len) as a single sentence (no sentence splitting),
 * as for gold-segmented input. */
int ent_tokenize(ent_segmentation *out, const char *text, size_t len,
                 ent_arena *arena);

/* The name of a UPOS tag ("NOUN"), and back (-1 when unknown). */
const char *ent_upos_name(int upos);
int ent_upos_parse(const char *name, size_t len);

#endif
