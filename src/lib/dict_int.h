/*
 * dict_int.h - what the dictionary modules share inside the library: the
 * layout of ent_dict, the word and string tables, the phrase trie, the
 * loading context with its diagnostics, and the English word-form helpers.
 *
 * dict.c       the object, tables, trie, finishing, matching, accessors
 * dict_load.c  file detection, directories, the built-in set, statistics
 * dict_own.c   entente's own formats (docs/dictionaries.md)
 * dict_petr.c  the PETRARCH-2 formats
 * dict_lemma.c inflection stripping and inflected forms of English words
 */
#ifndef ENTENTE_DICT_INT_H
#define ENTENTE_DICT_INT_H

#include <stdarg.h>

#include "entente/dict.h"
#include "entente/buf.h"

/* Key spaces of phrase words: a trie edge is labelled with a word id and
 * the space it matches in. A token offers its lower-cased form (FORM),
 * the same word again in CAPS when it is written in capitals, and its
 * lemmas (LEMMA: the form itself and its base forms). */
enum { DICT_FORM = 0, DICT_CAPS = 1, DICT_LEMMA = 2, DICT_NSPACES = 3 };
#define DICT_KEY(word, space) (((uint32_t)(word) << 2) | (uint32_t)(space))

/* Longest word (bytes, lower-cased) the tables hold. */
#define DICT_WORD_MAX 128
/* Most words in one phrase. */
#define DICT_PHRASE_MAX 32
/* Diagnostics kept per dictionary (the rest are only counted). */
#define DICT_DIAG_MAX 100000

/* A string table: each distinct string gets a small id (from 1). */
typedef struct dict_intern {
	uint64_t *slots;          /* open addressing: hash << 32 | id, or 0 */
	uint32_t mask;            /* slots - 1 (a power of two minus one) */
	const char **str;         /* str[id], NUL-terminated, in the arena */
	uint32_t *len;            /* len[id] */
	uint32_t *hash;           /* hash[id] */
	uint32_t n;               /* ids in use, plus one */
	size_t cap;
} dict_intern;

/* Word flags (ent_dict.wflags): the spaces a word is used in. */
enum { DICT_W_FORM = 1, DICT_W_CAPS = 2, DICT_W_LEMMA = 4, DICT_W_IRREGULAR = 8 };

/* A synset while loading: members are word sequences and references to
 * other synsets (PETRARCH +&NAME), flattened by ent_dict_finish. */
typedef struct dict_synset {
	uint32_t name;            /* id in d->synset_names */
	uint16_t file;
	uint32_t line;            /* where it was defined; 0: only referenced */
	uint32_t *alts;           /* packed [n, w...] while loading (malloc) */
	size_t nalts, alts_len, alts_cap;
	uint32_t *refs;           /* synset ids of +&NAME members */
	size_t nrefs, refs_cap;
	uint8_t state;            /* finish: 0 new, 1 visiting, 2 done */
	const uint32_t *final;    /* finished: packed alternatives (arena) */
	uint32_t nfinal;          /* finished: their number */
	size_t final_len;         /* finished: words in final */
} dict_synset;

/* A pattern element while loading. */
typedef struct dict_elem {
	uint8_t kind, flags;
	uint32_t synset;          /* ENT_PE_SYNSET */
	size_t alt_off, alt_len;  /* into dict_pat_build.words */
	uint16_t nalts;
} dict_elem;

/* A pattern being built from one line. */
typedef struct dict_pat_build {
	dict_elem elems[64];
	size_t nelems;
	uint32_t words[512];      /* packed alternatives of all elements */
	size_t nwords;
	int pred;                 /* index of the PRED element, -1 none */
	int overflow;             /* too many elements or words */
} dict_pat_build;

/* A link in a list (terminal entries of a trie node, patterns of a group)
 * while loading; compiled into flat arrays by ent_dict_finish. */
typedef struct dict_link {
	uint32_t id, next;
} dict_link;

typedef struct dict_list {
	dict_link *links;         /* links[0] unused: index 0 ends a list */
	uint32_t n;
	size_t cap;
} dict_list;

struct ent_dict {
	ent_arena *arena;         /* strings, compiled arrays, messages */
	ent_arena *scratch;       /* per-line temporaries while loading */
	int finished;

	dict_intern words;        /* lower-cased words */
	uint8_t *wflags;          /* per word id: DICT_W_* */
	size_t wflags_cap;
	dict_intern strings;      /* codes, names, file paths */
	dict_intern synset_names; /* upper-cased as PETRARCH writes them */

	/* The trie: node 0 is the root; edges in one hash table keyed by
	 * (node << 32 | key). */
	uint32_t nnodes;
	size_t nodes_cap;
	uint32_t *node_term;      /* loading: head of its entry list;
	                             finished: offset into term_ids */
	uint32_t *node_nterm;     /* loading: last link of its entry list;
	                             finished: number of terminal entries */
	uint64_t *edge_keys;      /* 0 = empty */
	uint32_t *edge_child;
	uint32_t edge_mask, nedges;
	uint32_t *root_child;     /* finished: child of the root by key */
	size_t nroot;             /* keys covered by root_child */
	dict_list term_links;
	uint32_t *term_ids;

	/* Entries. */
	ent_dict_entry *entries;
	size_t nentries, entries_cap;

	/* Verb patterns and groups (the patterns of a verb entry). */
	ent_pattern *patterns;
	uint8_t *pattern_dead;    /* an unresolved synset: dropped at finish */
	size_t npatterns, patterns_cap, pattern_dead_cap;
	uint32_t ngroups;
	size_t groups_cap;
	uint32_t *group_head;     /* loading: list head; finished: offset */
	uint32_t *group_n;        /* finished: count */
	dict_list group_links;
	uint32_t *group_ids;

	/* Entente patterns whose predicate is a &synset: their verbs are made
	 * when synsets are resolved. */
	struct dict_pending { uint32_t pattern, synset; uint16_t file; uint32_t line; } *pending;
	size_t npending, pending_cap;

	dict_synset *synsets;     /* by synset name id */
	size_t synsets_cap;

	/* PETRARCH-2 verb transformations, in file order. */
	ent_transform *transforms;
	size_t ntransforms, transforms_cap;

	/* The CAMEO code table, sorted by code. */
	ent_cameo_code *cameo;
	size_t ncameo, cameo_cap;
	int cameo_loaded;         /* a cameo.txt replaced the built-in one */

	/* Files and diagnostics. */
	ent_dict_file_info *files;
	size_t nfiles, files_cap;
	ent_dict_diag *diags;
	size_t ndiags, diags_cap, nerrors;

	int has_lemma;            /* some phrase word is in the LEMMA space */
	uint64_t lemma_bloom[1024]; /* finished: bit (hash & 0xFFFF) set for each
	                             LEMMA word: most candidates need no probe */
	uint32_t *irregular_base; /* finished: per word id, the base of an
	                             irregular form (went -> go), else 0 */
};

/* The context of loading one file. */
typedef struct dict_load {
	ent_dict *d;
	uint16_t file;            /* index in d->files */
	const char *path;
	uint32_t line;            /* current line, 1-based */
	int format;
	/* PETRARCH verbs: the current block */
	uint32_t group;           /* pattern group + 1 (0: no block yet) */
	const char *block;        /* block name */
	const char *block_code;   /* block default code (NULL: ---) */
	const char *block_pair; /* its paired code ([a:b]), if any */
	int in_synset;            /* PETRARCH: + lines are synset members */
	uint32_t synset;          /* current synset id */
	/* PETRARCH verbs: one-word verbs read so far and their codes, for
	 * the transformations at the end of the file (words point into the
	 * file's text) */
	struct dict_verb_code { const char *w; size_t n; const char *code; } *vcodes;
	size_t nvcodes, vcodes_cap;
} dict_load;

/* Adds a transformation to d (dict.c). */
int dict_transform_add(ent_dict *d, const ent_transform *t);

/* ---- dict.c ---- */

/* Records a diagnostic "path:line: what" for the current line of ld.
 * Returns 0, or ENT_ENOMEM. */
int dict_diag(dict_load *ld, int severity, const char *fmt, ...) ENT_PRINTF(3, 4);
int dict_diag_at(dict_load *ld, uint32_t line, int severity, const char *fmt, ...) ENT_PRINTF(4, 5);

/* Interns s[0..len) in t; *id gets its id. */
int dict_intern_add(ent_dict *d, dict_intern *t, const char *s, size_t len, uint32_t *id);
/* The id of s[0..len) in t, or 0. */
uint32_t dict_intern_find(const dict_intern *t, const char *s, size_t len);
/* The same with the hash of s (dict_hash) given. */
uint32_t dict_intern_find_h(const dict_intern *t, const char *s, size_t len, uint32_t h);
uint32_t dict_hash(const char *s, size_t len);
/* An interned copy of s[0..len) (for codes and names); NULL on ENOMEM. */
const char *dict_string(ent_dict *d, const char *s, size_t len);

/* Normalises a token form for the word table: lower case, U+2019 as an
 * apostrophe, and a final period dropped from dotted abbreviations
 * ("U.S." and "U.S" are one word). Writes at most cap bytes to out and
 * returns the length, or 0 when the form does not fit or is empty.
 * *caps gets 1 when the form has letters and all of them are capitals;
 * *letters the number of letters. */
size_t dict_norm(char *out, size_t cap, const char *s, size_t len,
                 int *caps, int *letters);

/* Appends an entry; *id gets its id. Fills file and line from ld. */
int dict_entry_add(dict_load *ld, const ent_dict_entry *e, uint32_t *id);

/* Phrase options. */
enum {
	DICT_PH_OWN_CAPS = 1,  /* entente: capitals of up to 4 letters match
	                          only capitals */
	DICT_PH_PETR_CAPS = 2, /* PETRARCH: a one-word phrase that is a short
	                          English word matches only in capitals */
	DICT_PH_THE = 4,       /* also without a leading "the" */
	DICT_PH_UNDERSCORE = 8 /* '_' separates words */
};

/* Tokenises phrase s[0..len) and adds it to the trie in space, with
 * entry as a terminal. Returns 0, 1 when the phrase has no words or too
 * many (nothing added: the caller reports it), or ENT_ENOMEM. */
int dict_phrase_add(dict_load *ld, const char *s, size_t len, int space,
                    int opts, uint32_t entry);

/* Splits phrase s[0..len) into word ids (interned; lower case) as the
 * tokeniser does; *caps[i] is set when word i was written in capitals.
 * Returns the number of words (0 for none), -1 when there are more than
 * max, or ENT_ENOMEM (negative, below -1). */
int dict_phrase_words(ent_dict *d, const char *s, size_t len, int underscore,
                      uint32_t *ids, uint8_t *caps, size_t max);

/* Adds the word sequence ids[0..n) in the given spaces (per word) to the
 * trie; *node gets the node where it ends. */
int dict_trie_insert(ent_dict *d, const uint32_t *ids, const uint8_t *spaces,
                     size_t n, uint32_t *node);
/* Makes entry a terminal of node. */
int dict_node_add(ent_dict *d, uint32_t node, uint32_t entry);

/* Patterns: a new empty build; elements; commit. */
void dict_pat_init(dict_pat_build *pb);
/* Adds an element; alts (packed [n, w...], alts_len words) are copied. */
int dict_pat_elem(dict_pat_build *pb, int kind, int flags, const uint32_t *alts,
                  size_t alts_len, uint16_t nalts, uint32_t synset);
/* Commits the pattern; *id gets the pattern id. */
int dict_pat_commit(dict_load *ld, const dict_pat_build *pb, const char *code,
                    const char *pair, int flags, const char *text,
                    size_t text_len, uint32_t *id);
/* A new pattern group; *group gets its id. */
int dict_group_new(ent_dict *d, uint32_t *group);
int dict_group_add(ent_dict *d, uint32_t group, uint32_t pattern);
/* The entente verb entry of a predicate (a lemma word sequence), made with
 * its pattern group on first use; *entry gets it. */
int dict_lemma_verb(dict_load *ld, const uint32_t *words, size_t n, uint32_t *entry);
/* Records an entente pattern whose predicate is a synset. */
int dict_pending_add(dict_load *ld, uint32_t pattern, uint32_t synset);

/* Synsets: the id for a name (made on first use, as a reference). */
int dict_synset_get(ent_dict *d, const char *name, size_t len, uint32_t *id);
/* Adds a member word sequence (or a reference, when ref != 0). */
int dict_synset_add(ent_dict *d, uint32_t synset, const uint32_t *ids, size_t n,
                    uint32_t ref);

/* The CAMEO row for code[0..len) or NULL. */
const ent_cameo_code *dict_cameo_find(const ent_dict *d, const char *code, size_t len);
/* Adds a row (cameo.txt); replaces the built-in table on first use. */
int dict_cameo_add(dict_load *ld, const ent_cameo_code *row);

/* ---- dict_own.c, dict_petr.c ---- */

int dict_load_own(dict_load *ld, const char *text, size_t len);
int dict_load_petr(dict_load *ld, const char *text, size_t len);

/* ---- dict_load.c ---- */

/* Loads the embedded cameo.txt into d (ent_dict_new). */
int dict_load_builtin_cameo(ent_dict *d);

/* ---- dict_lemma.c ---- */

/* The irregular forms dict_lemma knows (went -> go, men -> man). */
size_t dict_irregular_count(void);
void dict_irregular_at(size_t i, const char **form, const char **base);

/* Base-form candidates of a lower-cased word w[0..n) by stripping
 * inflections (visited -> visit, tries -> try, making -> make).
 * Writes up to max NUL-terminated candidates of at most DICT_WORD_MAX
 * bytes; returns how many. */
int dict_lemma_candidates(const char *w, size_t n, char (*out)[DICT_WORD_MAX], int max);

/* Inflected forms in PETRARCH's manner, upper- or lower-case as given:
 * plural of a noun, and the -s, -ed and -ing forms of a verb. Write into
 * out (at least n + 4 bytes) and return the length. */
size_t dict_plural(char *out, const char *w, size_t n);
size_t dict_verb_s(char *out, const char *w, size_t n);
size_t dict_verb_ed(char *out, const char *w, size_t n);
size_t dict_verb_ing(char *out, const char *w, size_t n);

/* Whether a lower-cased word is a short English word that a PETRARCH
 * one-word phrase must not match in lower case ("us", "is", "who"). */
int dict_petr_caps_word(const char *w, size_t n);

/* Lines: walks text line by line. */
typedef struct dict_lines {
	const char *p, *end;
	uint32_t line;
} dict_lines;

/* The next line (without its end of line) in *s, *len; 0 at the end. */
int dict_next_line(dict_lines *it, const char **s, size_t *len);

/* Trims white space at both ends of s[0..*len), moving *s. */
void dict_trim(const char **s, size_t *len);

#endif
