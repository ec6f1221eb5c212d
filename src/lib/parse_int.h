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
	SEC_TABLE = 5,   /* string table: lemmas, tag dictionary, WordNet */
	SEC_LABELER = 6, /* linear model: arc labels */
	SEC_ACTIONS = 7, /* the parser's action classes (ent_actions) */
	SEC_TAGGER2 = 8  /* linear model: the tagger's second pass, preceded by
	                  * a float: the first pass's margin below which a
	                  * word is tagged again */
};

/* String table classes (the key's namespace). */
enum {
	TAB_LEMMA_EXACT = 0,   /* + xpos: (form, xpos) -> lemma */
	TAB_LEMMA_LOWER = 64,  /* + xpos: (lower form, xpos) -> lemma */
	TAB_EXC = 210,         /* + wordnet pos: irregular form -> lemma */
	TAB_LEX = 250          /* normalised form -> lexicon value (LEX_BYTES, or
	                        * only the class byte when no tags are known) */
};
/* The lexicon's value: tags seen in training (XPOS mask, u64; only for
 * words seen often enough), log2 frequency bucket (u8), word classes
 * (u8) and the word's one tag class + 1 (u8; 0 when it has several): bit p for "a lemma of WordNet class p" (WN_*), bit 4 + p for "an
 * irregular inflected form of class p" (p < 3), bit 7 for "a name: written
 * with a capital in WordNet". */
#define LEX_BYTES 11
enum { WN_NOUN = 0, WN_VERB = 1, WN_ADJ = 2, WN_ADV = 3 };

/* A linear model as decoded: int8 weights times scale (8 bits lose
 * nothing measurable against 16 and halve the memory read per feature).
 * The weight array has nslots + ENT_LIN_PAD(nclasses) entries so that rows
 * can be read in whole blocks of 32. A score sums at most 258 weights, so
 * it fits in 16 bits. */
#define ENT_LIN_PAD(n) (((n) + 31u) & ~31u)
typedef struct ent_lin {
	uint32_t nclasses;
	uint32_t nslots;       /* power of two */
	float scale;
	const int8_t *w;
	uint32_t slot_mask;    /* ent__slot as one mask: (uint32_t)(h >> 20) & slot_mask */
	const int8_t *w_last;  /* w + nclasses - 1: a row's last weight is w_last[slot] */
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

/* Unlabelled transitions. */
enum { ACT_SHIFT = 0, ACT_REDUCE = 1, ACT_LEFT = 2, ACT_RIGHT = 3, ENT_NACT = 4 };

/* The parser model's classes: 0 shift, 1 reduce, then nleft left-arc
 * classes and nright right-arc classes. An arc class names its label (the
 * frequent labels of each direction have their own class) or is
 * ENT_LAB_OTHER: the label model then picks one of the direction's other
 * labels. Serialised in SEC_ACTIONS as u64 other[2], u8 nleft, u8 nright,
 * and the arc classes' labels. */
#define ENT_LAB_OTHER 0xff
typedef struct ent_actions {
	int n, nleft, nright;
	int root_class;        /* the right-arc class labelled root */
	uint8_t label[256];    /* per class (arc classes only) */
	uint64_t other[2];     /* labels left to the label model: left, right */
} ent_actions;

static inline int ent__act_kind(const ent_actions *a, int k)
{
	return k < 2 ? k : k < 2 + a->nleft ? ACT_LEFT : ACT_RIGHT;
}

/* Decoding tables: for the parser's templates whose first value is a
 * tag (XPOS or UPOS: index value & 63, the root's 0xfe at 62 and "none",
 * 0xff, at 63) or a label or small count (index the value, at most 64),
 * the hash of the template with that first value, f1(template, value),
 * so that decoding looks it up where training hashes it (same values;
 * built at load). */
#define ENT_FT_TAG(X) \
	X(102) X(105) X(108) X(111) X(116) X(118) X(119) X(120) X(121) X(122) \
	X(123) X(124) X(125) X(127) X(129) X(131) X(133) X(135) X(137) X(139) \
	X(142) X(145) X(148) X(151) X(154) X(157) X(160) X(162) X(163) X(164) \
	X(165) X(167) X(169) X(171) X(173) X(174) X(175) X(178) X(179) X(190) \
	X(191) X(192) X(193) X(194) X(196)
#define ENT_FT_SMALL(X) \
	X(140) X(143) X(146) X(149) X(152) X(155) X(158) X(161) X(177)
#define ENT_FT_ENUM(t) FT_##t,
enum { ENT_FT_TAG(ENT_FT_ENUM) ENT_FT_SMALL(ENT_FT_ENUM) FT_COUNT };
#undef ENT_FT_ENUM
typedef struct ent_ftab {
	uint64_t hash[FT_COUNT][65];
} ent_ftab;

struct ent_model {
	unsigned char *owned;  /* the file bytes when copied; NULL if borrowed */
	int ntags;
	uint8_t tag_upos[256], tag_xpos[256];
	int nlabels;
	uint8_t labels[64];    /* parser label index -> deprel */
	int root_label;        /* parser label index of "root" */
	int punct_label, dep_label; /* of "punct" and "dep", -1 if none */
	ent_lin tagger, tagger2, parser, labeler;
	int32_t retag_margin;  /* in the first pass's score units */
	ent_actions act;
	ent_strtab table;
	ent_ftab ftab;         /* decoding tables of the parser's templates */
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

/* The first slot of a feature's row. Models of at most 4 classes keep
 * their rows aligned to 4 slots (one 8-byte read, never across a cache
 * line): the hashing is then per feature, not per (feature, class). */
static inline uint32_t ent__slot(uint64_t h, uint32_t nslots, uint32_t nclasses)
{
	uint32_t s = (uint32_t)(h >> 20) & (nslots - 1);

	return nclasses <= 4 ? s & ~3u : s;
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
	uint8_t fixed;         /* the word's one tag class + 1, 0 if ambiguous */
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
 * it (-1 for none) and, for the second pass, the first pass's classes r
 * of every token (NULL in the first pass); writes at most ENT_TAG_NFEAT
 * hashes, returns count. */
#define ENT_TAG_NFEAT 64
size_t ent__tag_features(uint64_t *out, const ent_tokinfo *ti, size_t i, size_t n,
                         int p1, int p2, const uint8_t *r);

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
	const uint64_t *suf;   /* n + 1 suffix values */
	const uint8_t *tag;    /* n + 1 tag values (XPOS) */
	const uint8_t *utag;   /* n + 1 UPOS values */
	const uint16_t *cverb; /* n + 1: verbs among words 1..i */
	const uint16_t *cpunct;/* n + 1: punctuation and conjunctions among 1..i */
} ent_pstate;

/* Per-sentence arrays of a parser state (each n + 1 long, filled from
 * the tokens' values and their XPOS tags). */
typedef struct ent_pwords {
	uint64_t *word, *suf;
	uint8_t *tag, *utag;
	uint16_t *cverb, *cpunct;
} ent_pwords;
void ent__pstate_words(ent_pstate *st, ent_pwords *w, const ent_tokinfo *ti,
                       const uint8_t *xpos, const uint8_t *upos, int n);

/* Unlabelled action classes; an arc's label is chosen by the label model
 * once the action model has chosen the arc. */

void ent__pstate_init(ent_pstate *st, int n);
/* Marks in valid[0..a->n) the classes allowed in st. */
void ent__act_valid(const ent_actions *a, const ent_pstate *st, uint8_t *valid);
/* Marks in valid[0..4) the actions allowed in st. */
void ent__pstate_valid(const ent_pstate *st, uint8_t *valid);
/* The head and dependent of the arc that action act (left or right)
 * would make. */
void ent__pstate_arc(const ent_pstate *st, int act, int *head, int *dep);
void ent__pstate_apply(ent_pstate *st, int act, int label);
int ent__pstate_done(const ent_pstate *st);
/* Attaches words left without a head (after the buffer is empty). */
void ent__pstate_finish(ent_pstate *st, int nlabels, int root_label, int punct_label,
                        int dep_label);

#define ENT_PARSE_NFEAT 96
size_t ent__parse_features(uint64_t *out, const ent_pstate *st);
/* The same features as decoding finds them with model m: the first slots
 * of their rows in m's parser, ent__slot of ent__parse_features' hashes
 * in another order (the decoder looks up what it can and hashes the rest
 * in vector rounds; a test checks that the two agree as sets). */
size_t ent__parse_slots(uint64_t *out, const ent_pstate *st, const ent_model *m);
/* Checks the vector ways of hashing the decoder's features that this
 * processor has against the plain one; returns the number of differences. */
int ent__hash_rounds_check(void);
/* Features of the label of the arc head -> dep in st. */
#define ENT_LABEL_NFEAT 48
size_t ent__label_features(uint64_t *out, const ent_pstate *st, int head, int dep);

/* Lemma of text[0..len) with the given tags (first: the sentence's first
 * word): from the model's tables or
 * rules; the result is borrowed from the model or allocated from arena
 * (NULL on out of memory). */
const char *ent__lemmatize(const ent_strtab *tab, const char *form, size_t len,
                           int upos, int xpos, int first, ent_arena *arena);

/* Reads a model from bytes (not copied); sets the fields of m. */
int ent__model_parse(ent_model *m, const unsigned char *bytes, size_t len);

#endif
