/*
 * dict.h - dictionaries: actors, agents, verb patterns, discards, relation
 * words, issues and the CAMEO code table, in one object with a compiled
 * phrase matcher.
 *
 * A dictionary is loaded from entente's own formats (docs/dictionaries.md:
 * the built-in set under data/dict, embedded in the library) or from the
 * PETRARCH-2 formats (verbs with synsets and patterns, actors with date
 * restrictions, agents, discards, issues); a directory may hold either and
 * the format of each file is detected from its name and content.
 *
 * Loading is lenient: a line that cannot be used is reported as a
 * diagnostic ("file:line: what") and skipped, and the rest of the file
 * loads. ent_dict_nerrors tells whether anything was skipped; `entente
 * dict check` turns that into an exit status.
 *
 * After loading, a dictionary is immutable: any number of threads may match
 * sentences against it at once.
 *
 * Matching works on the tokens of a sentence (ent_tokenize/ent_segment):
 * every phrase of every kind that occurs in the sentence is found in one
 * pass, longest first at each start, with date restrictions resolved at
 * the document date. Phrases were tokenised with the same tokeniser when
 * they were loaded, so "Indo-" and "Pakistan 's" line up with the text.
 */
#ifndef ENTENTE_DICT_H
#define ENTENTE_DICT_H

#include "doc.h"
#include "segment.h"

typedef struct ent_dict ent_dict;

/* ------------------------------------------------------------------ */
/* Kinds and formats                                                   */

/* What a dictionary entry is. */
typedef enum ent_dict_kind {
	ENT_DICT_NONE = 0,
	ENT_DICT_ACTOR,     /* a named actor: country, person, organisation */
	ENT_DICT_AGENT,     /* a role noun: president, army, officials */
	ENT_DICT_VERB,      /* a predicate (verb or eventive noun) with patterns */
	ENT_DICT_DISCARD,   /* a phrase that discards its sentence or story */
	ENT_DICT_RELATION,  /* a relation word: ties, arch-rival, cooled */
	ENT_DICT_ISSUE,     /* a PETRARCH issue phrase or issue exclusion */
	ENT_DICT_KIND_COUNT
} ent_dict_kind;

/* The KIND column of entente's actor files (ENT_ACTOR_OTHER for PETRARCH
 * actors, whose files do not say). */
typedef enum ent_actor_kind {
	ENT_ACTOR_OTHER = 0,
	/* countries.txt */
	ENT_ACTOR_NAME, ENT_ACTOR_ADJ, ENT_ACTOR_PEOPLE, ENT_ACTOR_PREFIX,
	ENT_ACTOR_CAPITAL, ENT_ACTOR_SEAT,
	/* people.txt: offices */
	ENT_ACTOR_HEAD_OF_STATE, ENT_ACTOR_HEAD_OF_GOVERNMENT,
	ENT_ACTOR_FOREIGN_MINISTER, ENT_ACTOR_DEFENCE_MINISTER,
	ENT_ACTOR_ARMY_CHIEF, ENT_ACTOR_SECRETARY_GENERAL, ENT_ACTOR_LEADER,
	ENT_ACTOR_OFFICIAL,
	/* orgs.txt */
	ENT_ACTOR_IGO, ENT_ACTOR_NGO, ENT_ACTOR_ARMED, ENT_ACTOR_PARTY,
	ENT_ACTOR_MEDIA, ENT_ACTOR_COMPANY, ENT_ACTOR_AGENCY,
	ENT_ACTOR_KIND_COUNT
} ent_actor_kind;

/* Sub-kinds of the other entry kinds (ent_dict_entry.sub). */
enum {
	ENT_DISCARD_SENTENCE = 0, ENT_DISCARD_STORY = 1,
	ENT_REL_NOUN = 0, ENT_REL_ADJ = 1, ENT_REL_VERB = 2,
	ENT_ISSUE_CODE = 0, ENT_ISSUE_EXCLUDE_SENTENCE = 1, ENT_ISSUE_EXCLUDE_STORY = 2
};

/* Entry flags. */
enum {
	ENT_ENTRY_DATED = 1 << 0,  /* valid only from..to (actors) */
	ENT_ENTRY_NULL = 1 << 1,   /* PETRARCH [---]: recognised, but no code */
	ENT_ENTRY_PREFIX = 1 << 2  /* agent code written XXX~: goes before the country */
};

/* File formats. */
typedef enum ent_dict_format {
	ENT_DICT_FMT_NONE = 0,     /* not a dictionary file (skipped) */
	ENT_DICT_FMT_ACTORS,       /* entente: countries.txt, people.txt, orgs.txt */
	ENT_DICT_FMT_AGENTS,       /* entente: agents.txt */
	ENT_DICT_FMT_VERBS,        /* entente: verbs/NN.txt */
	ENT_DICT_FMT_DISCARDS,     /* entente: discards.txt */
	ENT_DICT_FMT_RELATIONS,    /* entente: relations.txt */
	ENT_DICT_FMT_CAMEO,        /* entente: cameo.txt (the CAMEO code table) */
	ENT_DICT_FMT_PETR_VERBS,   /* PETRARCH-2 verbs (CAMEO.2.0.txt) */
	ENT_DICT_FMT_PETR_ACTORS,  /* PETRARCH-2 actors (*.actors.txt) */
	ENT_DICT_FMT_PETR_AGENTS,  /* PETRARCH-2 agents */
	ENT_DICT_FMT_PETR_DISCARDS,/* PETRARCH-2 discards */
	ENT_DICT_FMT_PETR_ISSUES,  /* PETRARCH-2 issues */
	ENT_DICT_FMT_COUNT
} ent_dict_format;

/* Names for messages and the CLI ("actors", "petrarch-verbs", "person
 * office head_of_state", ...); "?" when out of range. ent_dict_format_parse
 * returns -1 for an unknown name. */
const char *ent_dict_kind_name(int kind);
const char *ent_actor_kind_name(int actor_kind);
const char *ent_dict_format_name(int format);
int ent_dict_format_parse(const char *name);

/* ------------------------------------------------------------------ */
/* Loading                                                             */

/* An empty dictionary that already holds the built-in CAMEO code table
 * (a cameo.txt loaded later replaces it). Add files, then ent_dict_finish
 * before matching. */
int ent_dict_new(ent_dict **out);

/* Loads one file; format ENT_DICT_FMT_NONE detects it from the name and
 * content (a file that is no dictionary is recorded as skipped and gives
 * 0). Lines that cannot be used become diagnostics. Fails only when the
 * file cannot be read (ENT_ENOTFOUND, ENT_EIO) or memory runs out. */
int ent_dict_add_file(ent_dict *d, const char *path, ent_dict_format format);

/* Loads text[0..len) as if it were a file called name (for the embedded
 * files, tests and fuzzing). The text is not kept. */
int ent_dict_add_text(ent_dict *d, const char *name, const char *text,
                      size_t len, ent_dict_format format);

/* Resolves synsets, compiles the matcher. Call once, after the last add;
 * nothing can be added afterwards. */
int ent_dict_finish(ent_dict *d);

/* The built-in dictionaries (every embedded data/dict file), finished. */
int ent_dict_load_builtin(ent_dict **out);

/* Loads spec, finished: a directory (every dictionary file in it and its
 * subdirectories, in name order; other files are recorded as skipped), a
 * file, or a comma-separated list of them; each may be a glob pattern
 * ("../shared/data/petrarch/Phoenix.*"). Fails with ENT_ENOTFOUND when
 * spec names nothing or no dictionary file. */
int ent_dict_load_dir(ent_dict **out, const char *spec);

void ent_dict_free(ent_dict *d);

/* ------------------------------------------------------------------ */
/* Diagnostics and statistics                                          */

typedef enum ent_diag_severity {
	ENT_DIAG_ERROR = 0,       /* the line (or the part named) was skipped */
	ENT_DIAG_WARNING,         /* used, but something is odd */
	ENT_DIAG_UNSUPPORTED      /* well-formed, but entente does not use it */
} ent_diag_severity;

typedef struct ent_dict_diag {
	uint8_t severity;     /* ent_diag_severity */
	uint16_t file;        /* index for ent_dict_file */
	uint32_t line;        /* 1-based; 0 for the file as a whole */
	const char *message;  /* "file:line: what" */
	const char *what;     /* the "what" part of message */
} ent_dict_diag;

/* Diagnostics in the order found. At most 100,000 are kept; the counts in
 * ent_dict_file_info include the rest. Borrowed from d. */
size_t ent_dict_ndiags(const ent_dict *d);
const ent_dict_diag *ent_dict_diag_get(const ent_dict *d, size_t i);
/* Diagnostics of severity ENT_DIAG_ERROR over all files. */
size_t ent_dict_nerrors(const ent_dict *d);

/* What was read from one file. Counts are of what was used. */
typedef struct ent_dict_file_info {
	const char *path;
	uint8_t format;           /* ent_dict_format; NONE when skipped */
	uint32_t lines;           /* lines in the file */
	uint32_t entries;         /* actor records, agents, verbs, discards, ... */
	uint32_t phrases;         /* phrases put into the matcher */
	uint32_t patterns;        /* verb patterns */
	uint32_t synsets;
	uint32_t codes;           /* CAMEO table rows */
	uint32_t errors, warnings, unsupported;
} ent_dict_file_info;

size_t ent_dict_nfiles(const ent_dict *d);
const ent_dict_file_info *ent_dict_file(const ent_dict *d, size_t i);

typedef struct ent_dict_stats {
	size_t countries;         /* distinct country codes named (entente) */
	size_t people;            /* person records (dated actor records) */
	size_t roles;             /* distinct agent role codes */
	size_t organisations;     /* organisation records */
	size_t actors;            /* actor records of any kind */
	size_t actor_phrases;
	size_t agents;            /* agent phrases */
	size_t verbs;             /* predicates */
	size_t patterns;          /* verb patterns */
	size_t patterns_per_root[21]; /* by CAMEO root 01..20; [0]: other */
	size_t discards, relations, issues;
	size_t synsets;
	size_t cameo_codes;
	size_t words;             /* distinct words */
	size_t trie_nodes;
	size_t bytes;             /* memory held by the dictionary */
} ent_dict_stats;

void ent_dict_get_stats(const ent_dict *d, ent_dict_stats *out);

/* ------------------------------------------------------------------ */
/* Entries                                                             */

#define ENT_DICT_OPEN_FROM INT32_MIN
#define ENT_DICT_OPEN_TO INT32_MAX

typedef struct ent_dict_entry {
	uint8_t kind;        /* ent_dict_kind */
	uint8_t sub;         /* actor: ent_actor_kind; discard, relation,
	                        issue: ENT_DISCARD_*, ENT_REL_*, ENT_ISSUE_* */
	uint8_t flags;       /* ENT_ENTRY_* */
	int8_t polarity;     /* relation: -1, 0, +1 */
	int8_t trend;        /* relation: -1 down, 0 none, +1 up */
	uint16_t pred;       /* verb: index of the verb word in its phrase */
	uint16_t file;       /* ent_dict_file */
	uint32_t line;
	const char *code;    /* actor code (RUSGOV); agent role (GOV, NGO);
	                        verb default code (NULL: none); issue code;
	                        NULL for discards, relations, [---] actors */
	const char *pair_code; /* PETRARCH verb [a:b]: the code of the paired
	                        event, coded from the target to the source
	                        ("visit" 032 and "receive a visit" 033);
	                        NULL: none */
	int32_t from, to;    /* DATED: days since 1970-01-01 (ent_date_days),
	                        inclusive; ENT_DICT_OPEN_* for an open end */
	uint32_t group;      /* verb: its patterns (ent_dict_verb_patterns) */
	const char *name;    /* actor: the first phrase of its record; verb:
	                        the verb as written; PETRARCH verb: block name */
} ent_dict_entry;

size_t ent_dict_nentries(const ent_dict *d);
/* Borrowed from d; NULL when id is out of range. */
const ent_dict_entry *ent_dict_entry_get(const ent_dict *d, uint32_t id);

/* The word with this id (lower case, as stored), or NULL. */
const char *ent_dict_word(const ent_dict *d, uint32_t id);
/* The id of a word (any case), or 0 when the dictionary has no such word. */
uint32_t ent_dict_word_id(const ent_dict *d, const char *word, size_t len);

/* ------------------------------------------------------------------ */
/* Verb patterns                                                       */

/* Pattern elements, in sentence order around the predicate. */
typedef enum ent_pattern_elem_kind {
	ENT_PE_WORD = 0,   /* one of alts (a word, a/b/c, &synset) */
	ENT_PE_PRED,       /* the predicate: the verb (or noun) that matched */
	ENT_PE_TARGET,     /* X: the target actor */
	ENT_PE_SOURCE,     /* S: the source actor, where not the subject */
	ENT_PE_SKIP        /* TABARI's ^: one noun phrase, skipped */
} ent_pattern_elem_kind;

enum {
	ENT_PE_OPTIONAL = 1 << 0, /* (word): may be absent */
	ENT_PE_NOUN = 1 << 1,     /* PRED: the predicate is a noun (~visit) */
	ENT_PE_ADJACENT = 1 << 2, /* follows the element before it directly
	                             (PETRARCH words joined by _) */
	ENT_PE_PREP = 1 << 3,     /* a preposition, (PREP ...) in PETRARCH */
	ENT_PE_HEAD = 1 << 4,     /* head noun of a PETRARCH {...} phrase */
	ENT_PE_MOD = 1 << 5,      /* modifier in a PETRARCH {...} phrase */
	ENT_PE_SYNSET = 1 << 6    /* alts come from synset */
};

typedef struct ent_pattern_elem {
	uint8_t kind;            /* ent_pattern_elem_kind */
	uint8_t flags;           /* ENT_PE_* */
	uint16_t nalts;          /* WORD: number of alternatives */
	uint32_t synset;         /* ENT_PE_SYNSET: ent_dict_synset_name id */
	/* WORD: the alternatives, each a word sequence, packed as
	 * [n, w1 .. wn, n, w1 .. wn, ...] (word ids, lemma forms) */
	const uint32_t *alts;
	/* WORD: a bit per first word of an alternative (ent_dict_finish
	 * sets it; 0 means unknown), so that a token can be ruled out
	 * without going through the alternatives */
	uint64_t first_mask;
} ent_pattern_elem;

/* Pattern flags. */
enum {
	ENT_PAT_NEGATED = 1 << 0, /* entente !CODE: the event does not happen */
	ENT_PAT_NULL = 1 << 1,    /* PETRARCH [---]: matches, codes nothing */
	ENT_PAT_BARE = 1 << 2,    /* the predicate alone ("042 | visit") */
	ENT_PAT_PETR = 1 << 3,    /* from a PETRARCH verb file */
	ENT_PAT_COMPOUND = 1 << 4 /* TABARI's % before the verb: the subject
	                             is compound and the event is coded among
	                             its members */
};

typedef struct ent_pattern {
	const char *code;         /* CAMEO code (active voice); NULL for none */
	const char *pair_code;    /* PETRARCH [a:b] codes: the code of the
	                             paired event, from the target to the
	                             source; NULL: none */
	uint8_t flags;            /* ENT_PAT_* */
	uint16_t nelems;
	uint16_t pred;            /* index of the ENT_PE_PRED element */
	const ent_pattern_elem *elems;
	uint16_t file;
	uint32_t line;
	const char *text;         /* the pattern as written: the rule's id
	                             together with file:line */
	/* the first words of up to two words the pattern needs (its
	 * non-optional WORD elements of one alternative; 0: none), read
	 * without its elements (ent_dict_pattern_possible) */
	uint32_t need[2];
} ent_pattern;

size_t ent_dict_npatterns(const ent_dict *d);
const ent_pattern *ent_dict_pattern_get(const ent_dict *d, uint32_t id);
/* The patterns that apply to a verb entry (its group), as pattern ids;
 * *n gets their number. Borrowed from d. */
const uint32_t *ent_dict_verb_patterns(const ent_dict *d, uint32_t entry,
                                       size_t *n);
/* The name of a synset ("troops", "CURRENCY"), or NULL. */
const char *ent_dict_synset_name(const ent_dict *d, uint32_t synset);

/* A PETRARCH-2 verb transformation, "~ a (b . ATTACK) SAY = a b 112":
 * when a verb coded like SAY, whose source is a, governs a verb coded
 * like ATTACK whose source b is another actor (its target: any), the
 * pair is coded a -> b 112 instead of the events of either verb. The
 * variables are letters (the same letter: the same actor), '.' (any
 * actor, or none) and '_' (no actor of its own: "wants to attack X"). */
typedef struct ent_transform {
	char upper_src;            /* the governing verb's source */
	char lower_src, lower_tgt; /* the governed verb's source and target */
	char out_src, out_tgt;     /* the result's source and target */
	const char *upper_verb;    /* the verbs as written ("SAY") */
	const char *lower_verb;    /* NULL: Q, any verb */
	const char *upper_code;    /* their codes in the same file; NULL */
	const char *lower_code;    /*   when the verb has none */
	const char *code;          /* the result; NULL: the governed verb's */
	uint16_t file;
	uint32_t line;
	const char *text;          /* the line as written */
} ent_transform;

size_t ent_dict_ntransforms(const ent_dict *d);
/* Borrowed from d; NULL when i is out of range. */
const ent_transform *ent_dict_transform_get(const ent_dict *d, size_t i);

/* ------------------------------------------------------------------ */
/* Matching                                                            */

/* Match flags. */
enum {
	/* Lies inside a longer match of the same family (actors and agents
	 * form one family; each other kind its own). */
	ENT_MATCH_INNER = 1 << 0,
	/* A one-word match made only through the word's lemma ("left" as
	 * LEAVE), not through its own form ("left" as LEFT). */
	ENT_MATCH_LEMMA = 1 << 1
};

typedef struct ent_dict_match {
	uint32_t start, end;   /* token span in the sentence: [start, end) */
	uint32_t entry;        /* ent_dict_entry_get */
	uint8_t kind;          /* the entry's ent_dict_kind */
	uint8_t flags;         /* ENT_MATCH_* */
} ent_dict_match;

/* A sentence prepared for matching: the dictionary's word ids for its
 * tokens (forms, all-capitals forms and lemmas). Lemmas come from
 * ent_token.lemma where the tagger set it, else from the lower-cased form
 * with simple inflection stripping. Allocated from the arena. */
typedef struct ent_dict_sent ent_dict_sent;

int ent_dict_sent_prepare(ent_dict_sent **out, const ent_dict *d,
                          const char *text, const ent_token *tokens,
                          size_t ntokens, ent_arena *arena);

/* Every phrase occurrence in the sentence, sorted by start, longest first,
 * then by entry id; *out is allocated from arena, *n gets the count.
 * Actors are resolved at date: a phrase with dated codes gives those valid
 * at the date, else its undated (default) codes; with no date (precision
 * NONE or date NULL) it gives its default codes, else the codes with the
 * latest end. A phrase with no valid code gives no match. */
int ent_dict_sent_match(ent_dict_match **out, size_t *n,
                        const ent_dict_sent *sent, const ent_date *date,
                        ent_arena *arena);

/* ent_dict_sent_prepare and ent_dict_sent_match in one call. */
int ent_dict_match_tokens(ent_dict_match **out, size_t *n, const ent_dict *d,
                          const char *text, const ent_token *tokens,
                          size_t ntokens, const ent_date *date,
                          ent_arena *arena);

/* Whether token tok of a prepared sentence is the word (in lemma space:
 * its form or one of its lemmas). */
int ent_dict_token_is(const ent_dict_sent *sent, size_t tok, uint32_t word);

/* Whether a WORD element matches at token tok: returns 1 and sets *end to
 * the token after it when one of its alternatives matches there, else 0
 * (always 0 for PRED, TARGET and SOURCE elements). */
int ent_dict_elem_match(const ent_dict_sent *sent, const ent_pattern_elem *elem,
                        size_t tok, size_t *end);

/* Whether pattern pat may match in the sentence: 0 when one of its WORD
 * elements other than the predicate that is not optional has no
 * alternative whose words are all among the sentence's tokens (then
 * ent_dict_elem_match finds it nowhere); 1 otherwise. A cheap test
 * before placing a pattern's words one by one. */
int ent_dict_pattern_possible(const ent_dict_sent *sent, const ent_pattern *pat);

/* ------------------------------------------------------------------ */
/* The CAMEO code table                                                */

typedef struct ent_cameo_code {
	const char *code;      /* "042" */
	const char *name;      /* "Make a visit" */
	double goldstein;      /* -10 .. +10 */
	uint8_t quad;          /* QuadClass 1-4 */
	uint8_t root;          /* 1-20 */
	const char *plover;    /* PLOVER event type ("CONSULT"); NULL when
	                          PLOVER has none (roots 01, 02) */
	const char *plover_mode; /* PLOVER mode ("visit"), NULL when none */
} ent_cameo_code;

/* The row of code ("042", "0331", "19"), or NULL when it is no CAMEO
 * code. Borrowed from d. */
const ent_cameo_code *ent_dict_cameo(const ent_dict *d, const char *code);
size_t ent_dict_ncameo(const ent_dict *d);
const ent_cameo_code *ent_dict_cameo_at(const ent_dict *d, size_t i);

#endif
