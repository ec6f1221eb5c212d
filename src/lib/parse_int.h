/*
 * parse_int.h - internals of the tagger and parser shared by the library
 * (decoding) and the trainer (tools/train-parser.c): the model layout,
 * per-token feature values, feature templates, the arc-eager transition
 * system and the lemmatiser. Not a public interface.
 *
 * Linear models are "row-offset hashed": a feature's 64-bit hash picks a
 * start slot s in a flat weight array, and the weights of its classes are
 * w[s .. s+nclasses). Rows of different features may overlap (that is
 * the hashing trick's collision), memory is fixed whatever the number of
 * features, and scoring a feature reads one contiguous run.
 */
#ifndef ENTENTE_PARSE_INT_H
#define ENTENTE_PARSE_INT_H

#include "entente/parse.h"

#define ENT_MODEL_MAGIC "ENTMODEL"

/* Section ids of the model file. */
enum {
	SEC_TAGS = 1,    /* tag classes: pairs of (upos, xpos) bytes */
	SEC_LABELS = 2,  /* parser labels: deprel bytes */
	SEC_TAGGER = 3,  /* linear model */
	SEC_PARSER = 4,  /* linear model */
	SEC_TABLE = 5    /* string table: lemmas, tag dictionary, WordNet */
};

/* String table classes (the key's namespace). */
enum {
	TAB_LEMMA_EXACT = 0,   /* + xpos: (form, xpos) -> lemma */
	TAB_LEMMA_LOWER = 64,  /* + xpos: (lower form, xpos) -> lemma */
	TAB_EXC = 210,         /* + wordnet pos: irregular form -> lemma */
	TAB_LEX = 250          /* normalised form -> ent_lex value (LEX_BYTES) */
};
/* The lexicon's value: tags seen in training (XPOS mask, u64; only for
 * words seen often enough), log2 frequency bucket (u8) and word classes
 * (u8): bit p for "a lemma of WordNet class p" (WN_*), bit 4 + p for "an
 * irregular inflected form of class p" (p < 3), bit 7 for "a name: written
 * with a capital in WordNet". */
#define LEX_BYTES 10
enum { WN_NOUN = 0, WN_VERB = 1, WN_ADJ = 2, WN_ADV = 3 };

/* A linear model as decoded: int16 weights times scale. The weight array
 * has nslots + ENT_LIN_PAD(nclasses) entries so that rows can be read in
 * whole blocks of 16. */
#define ENT_LIN_PAD(n) (((n) + 15u) & ~15u)
typedef struct ent_lin {
	uint32_t nclasses;
	uint32_t nslots;       /* power of two */
	float scale;
	const int16_t *w;
} ent_lin;

/* An open-addressed table of (class, key) -> value byte strings. slots
 * hold offset + 1 into blob (0 for empty); an entry is
 * [cls u8][keylen u8][key][vallen u8][value][NUL]. */
typedef struct ent_strtab {
	uint32_t nslots;       /* power of two */
	const uint32_t *slots;
	const unsigned char *blob;
	size_t bloblen;
} ent_strtab;

struct ent_model {
	unsigned char *owned;  /* the file bytes when copied; NULL if borrowed */
	int ntags;
	uint8_t tag_upos[256], tag_xpos[256];
	int nlabels;
	uint8_t labels[64];    /* parser label index -> deprel */
	int root_label;        /* parser label index of "root" */
	ent_lin tagger, parser;
	ent_strtab table;
};

/* Hashing. */
uint64_t ent__hash_bytes(const void *p, size_t n, uint64_t seed);
static inline uint64_t ent__mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* The first slot of a feature's row. */
static inline uint32_t ent__slot(uint64_t h, uint32_t nslots)
{
	return (uint32_t)(h >> 20) & (nslots - 1);
}

/* Table lookup: the value of (cls, key) and its length, or NULL. */
const unsigned char *ent__tab_get(const ent_strtab *t, int cls, const char *key,
                                  size_t keylen, size_t *vallen);
uint64_t ent__tab_hash(int cls, const char *key, size_t keylen);

/* Per-token values the features read, computed once per sentence. */
typedef struct ent_tokinfo {
	uint64_t form, lower, shape;
	uint64_t suf[4], pre[3];
	uint64_t tagset;       /* tags seen in training (XPOS mask), 0 if unseen */
	uint8_t freq;          /* log2 bucket of the training frequency */
	uint8_t flags;         /* TI_* */
	uint16_t lex;          /* word classes (LEX value) | stem classes << 8 */
} ent_tokinfo;

enum { TI_CAP = 1, TI_ALLCAP = 2, TI_DIGIT = 4, TI_HYPHEN = 8, TI_FIRST = 16,
       TI_PUNCT = 32 };

/* Fills ti[0..n) for tokens with spans into text, looking words up in the
 * tag dictionary of tab. */
void ent__tokinfo(ent_tokinfo *ti, const ent_token *tokens, size_t n, const char *text,
                  const ent_strtab *tab);

/* Tagger features of token i given the classes of the two tokens before
 * it (-1 for none); writes at most ENT_TAG_NFEAT hashes, returns count. */
#define ENT_TAG_NFEAT 56
size_t ent__tag_features(uint64_t *out, const ent_tokinfo *ti, size_t i, size_t n,
                         int p1, int p2);

/* The arc-eager transition system with a root on the stack bottom. Word
 * indices are 1..n; 0 is the root. */
typedef struct ent_pnode {
	int16_t head;          /* -1 while none */
	uint8_t label;         /* parser label index + 1, 0 while none */
	uint8_t nl, nr;        /* numbers of left and right dependents */
	int16_t l1, l2, r1, r2;/* leftmost two and rightmost two dependents, 0 none */
	uint64_t lset, rset;   /* label sets of left and right dependents */
} ent_pnode;

typedef struct ent_pstate {
	int n;
	int *stack;            /* stack[0] is the root (0) */
	int sp;                /* stack height */
	int b;                 /* buffer front, n + 1 when empty */
	int root_child;        /* the word attached to the root, 0 if none */
	ent_pnode *node;       /* n + 1 entries */
	const uint64_t *word;  /* n + 1 word values (0 is the root's) */
	const uint8_t *tag;    /* n + 1 tag values */
} ent_pstate;

/* Action classes: 0 shift, 1 reduce, 2 + k left-arc(label k),
 * 2 + nlabels + k right-arc(label k). */
enum { ACT_SHIFT = 0, ACT_REDUCE = 1 };

void ent__pstate_init(ent_pstate *st, int n);
/* Marks in valid[0..2+2*nlabels) the classes allowed in st. */
void ent__pstate_valid(const ent_pstate *st, int nlabels, int root_label, uint8_t *valid);
void ent__pstate_apply(ent_pstate *st, int nlabels, int act);
int ent__pstate_done(const ent_pstate *st);
/* Attaches words left without a head (after the buffer is empty). */
void ent__pstate_finish(ent_pstate *st, int nlabels, int root_label, int punct_label,
                        int dep_label);

#define ENT_PARSE_NFEAT 96
size_t ent__parse_features(uint64_t *out, const ent_pstate *st);

/* Lemma of text[0..len) with the given tags: from the model's tables or
 * rules; the result is borrowed from the model or allocated from arena
 * (NULL on out of memory). */
const char *ent__lemmatize(const ent_strtab *tab, const char *form, size_t len,
                           int upos, int xpos, ent_arena *arena);

/* Reads a model from bytes (not copied); sets the fields of m. */
int ent__model_parse(ent_model *m, const unsigned char *bytes, size_t len);

#endif
