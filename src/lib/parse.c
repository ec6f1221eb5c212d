/*
 * parse.c - the tagger, lemmatiser and dependency parser at run time:
 * model loading and checking, per-token feature values, the feature
 * templates, the arc-eager transition system and greedy decoding.
 *
 * Tagging is left to right with an averaged perceptron over joint
 * (UPOS, XPOS) classes: word, affixes, shape, the tags of the two words
 * before and the training tag sets of the words around (Collins 2002;
 * Ratnaparkhi 1996 for the templates). Parsing is greedy arc-eager (Nivre
 * 2003) with labelled actions and the feature templates of Zhang and Nivre
 * (2011), trained with the dynamic oracle of Goldberg and Nivre (2012).
 * Decoding allocates nothing but arena space proportional to the
 * sentence.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
#include <immintrin.h>
#endif

#include "entente/builtin.h"
#include "parse_int.h"

/* ---- name tables ---------------------------------------------------- */

static const char *const xpos_names[ENT_XPOS_COUNT] = {
	"_", "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", "VB", "NNS", ",", "CC",
	"VBD", "VBP", "VBZ", "VBN", "CD", "VBG", "TO", "MD", "PRP$", "WDT", "-RRB-",
	"-LRB-", ":", "WRB", "``", "''", "WP", "RP", "POS", "HYPH", "UH", "NNPS", "JJS",
	"JJR", "EX", "NFP", "ADD", "RBR", "GW", "$", "SYM", "PDT", "FW", "RBS", "LS",
	"AFX", "WP$", "XX"
};

static const char *const deprel_names[ENT_DEPREL_COUNT] = {
	"_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos",
	"aux", "aux:pass", "case", "cc", "cc:preconj", "ccomp", "clf", "compound",
	"compound:prt", "conj", "cop", "csubj", "csubj:outer", "csubj:pass", "dep",
	"det", "det:predet", "discourse", "dislocated", "expl", "fixed", "flat",
	"flat:foreign", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc",
	"nmod:npmod", "nmod:poss", "nmod:tmod", "nmod:unmarked", "nsubj",
	"nsubj:outer", "nsubj:pass", "nummod", "obj", "obl", "obl:agent",
	"obl:npmod", "obl:tmod", "obl:unmarked", "orphan", "parataxis", "punct",
	"reparandum", "root", "vocative", "xcomp"
};

const char *ent_xpos_name(int x)
{
	return x >= 0 && x < ENT_XPOS_COUNT ? xpos_names[x] : "_";
}

int ent_xpos_parse(const char *name, size_t len)
{
	int i;

	if (len == 0)
		return -1;
	for (i = 1; i < ENT_XPOS_COUNT; i++)
		if (xpos_names[i][0] == name[0] && strlen(xpos_names[i]) == len &&
		    memcmp(xpos_names[i], name, len) == 0)
			return i;
	return -1;
}

const char *ent_deprel_name(int d)
{
	return d >= 0 && d < ENT_DEPREL_COUNT ? deprel_names[d] : "_";
}

int ent_deprel_parse(const char *name, size_t len)
{
	int i;

	if (len == 0)
		return -1;
	for (i = 1; i < ENT_DEPREL_COUNT; i++)
		if (deprel_names[i][0] == name[0] && strlen(deprel_names[i]) == len &&
		    memcmp(deprel_names[i], name, len) == 0)
			return i;
	return -1;
}

/* ---- hashing and the string table ----------------------------------- */

#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

/* ent__hash_bytes, always inlined where it is called with short strings
 * of lengths the compiler can see (ent__tokinfo's affixes). */
static HOT_INLINE uint64_t hash_inline(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL);

	while (n >= 8) {
		uint64_t v;

		memcpy(&v, s, 8);
		h = (h ^ ent__mix(v)) * 0xff51afd7ed558ccdULL;
		s += 8;
		n -= 8;
	}
	if (n) {
		/* the last n < 8 bytes as the low bytes of v (what memcpy into a
		 * zeroed v gives on a little-endian machine, as the model files
		 * are), read in two overlapping pieces: bytes copied one by one
		 * into memory and read back as a word would stall the load */
		uint64_t v;

		if (n >= 4) {
			uint32_t lo, hi;

			memcpy(&lo, s, 4);
			memcpy(&hi, s + n - 4, 4);
			v = lo | (uint64_t)hi << (8 * (n - 4));
		} else if (n >= 2) {
			uint16_t lo, hi;

			memcpy(&lo, s, 2);
			memcpy(&hi, s + n - 2, 2);
			v = lo | (uint64_t)hi << (8 * (n - 2));
		} else {
			v = s[0];
		}
		h = (h ^ ent__mix(v ^ 0xa5)) * 0xff51afd7ed558ccdULL;
	}
	return ent__mix(h);
}

uint64_t ent__hash_bytes(const void *p, size_t n, uint64_t seed)
{
	return hash_inline(p, n, seed);
}

uint64_t ent__tab_hash(int cls, const char *key, size_t keylen)
{
	return ent__hash_bytes(key, keylen, 0x51ed270b27a3c9d1ULL + (uint64_t)cls);
}

/* ent__tab_get with the key's hash h (ent__tab_hash) already known. */
static const unsigned char *tab_get_h(const ent_strtab *t, int cls, const char *key,
                                      size_t keylen, uint64_t h, size_t *vallen)
{
	uint32_t mask, i, probes;

	if (!t->nslots || keylen > 255)
		return NULL;
	mask = t->nslots - 1;
	i = (uint32_t)h & mask;
	for (probes = 0; probes < t->nslots; probes++, i = (i + 1) & mask) {
		uint32_t off = t->slots[i];
		const unsigned char *e;

		if (!off)
			return NULL;
		e = t->blob + off - 1;
		if (e[0] == cls && e[1] == keylen && memcmp(e + 2, key, keylen) == 0) {
			*vallen = e[2 + keylen];
			return e + 3 + keylen;
		}
	}
	return NULL;
}

const unsigned char *ent__tab_get(const ent_strtab *t, int cls, const char *key,
                                  size_t keylen, size_t *vallen)
{
	if (!t->nslots || keylen > 255)
		return NULL;
	return tab_get_h(t, cls, key, keylen, ent__tab_hash(cls, key, keylen), vallen);
}

/* Prefetching for lookups of a block of words: the table is megabytes
 * and a lookup is two dependent reads (the slot, then its entry), so the
 * decoder asks for all the slots of a block, then for their entries,
 * before the lookups. Only speed depends on these. */
#define TAB_BLOCK 32

static void tab_prefetch_slot(const ent_strtab *t, uint64_t h)
{
#ifdef __GNUC__
	if (t->nslots)
		__builtin_prefetch(&t->slots[(uint32_t)h & (t->nslots - 1)]);
#else
	(void)t, (void)h;
#endif
}

/* Reads the first byte of the entry in h's slot, so that its line is on
 * its way: prefetch hints for these entries were dropped (perf put the
 * same share of time on the lookups with and without them), while loads
 * of a block of words' entries overlap (the lookups' share went from
 * 7.5% to 4% of coding time, 1.5 points less in all). */
static void tab_touch_entry(const ent_strtab *t, uint64_t h)
{
	if (t->nslots) {
		uint32_t off = t->slots[(uint32_t)h & (t->nslots - 1)];

		if (off) {
			volatile unsigned char first = t->blob[off - 1];

			(void)first;
		}
	}
}

/* ---- per-token values ----------------------------------------------- */

/* Lower-cases ASCII letters and maps digits to '0' (so that "1998" and
 * "2017" share features); at most cap bytes. */
static size_t normalise(char *dst, const char *s, size_t n, size_t cap)
{
	size_t i;

	if (n > cap)
		n = cap;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c >= '0' && c <= '9')
			c = '0';
		dst[i] = (char)c;
	}
	return n;
}

static size_t word_shape(char *dst, const char *s, size_t n)
{
	size_t i, k = 0;
	char last = 0;
	int run = 0;

	for (i = 0; i < n && k < 12; i++) {
		unsigned char c = (unsigned char)s[i];
		char m;

		if (c >= 'A' && c <= 'Z')
			m = 'X';
		else if (c >= 'a' && c <= 'z')
			m = 'x';
		else if (c >= '0' && c <= '9')
			m = 'd';
		else if (c >= 0x80)
			m = (c & 0xC0) == 0x80 ? 0 : 'u';
		else
			m = (char)c;
		if (!m)
			continue;
		if (m == last && ++run >= 2)
			continue;
		if (m != last)
			run = 0;
		dst[k++] = m;
		last = m;
	}
	return k;
}

static unsigned lex_classes(const ent_strtab *tab, const char *s, size_t n)
{
	size_t vlen;
	const unsigned char *v = ent__tab_get(tab, TAB_LEX, s, n, &vlen);

	return v && vlen == LEX_BYTES ? v[9] : v && vlen == 1 ? v[0] : 0;
}

/* Classes of the word's stem for a regular inflection: bit 0 "-s" of a
 * noun, 1 "-s" of a verb, 2 "-ed" of a verb, 3 "-ing" of a verb, 4 "-ly"
 * of an adjective, 5 "-er"/"-est" of an adjective. */
static unsigned stem_classes(const ent_strtab *tab, const char *s, size_t n)
{
	char buf[260];
	unsigned m = 0, c;

	if (n > 250)
		return 0;
	memcpy(buf, s, n);
	if (s[n - 1] == 's' && s[n - 2] != 's') {
		c = lex_classes(tab, s, n - 1);
		if (s[n - 2] == 'e')
			c |= lex_classes(tab, s, n - 2);
		m |= (c & 1) | (c & 2);
	}
	if (s[n - 2] == 'e' && s[n - 1] == 'd') {
		c = lex_classes(tab, s, n - 2) | lex_classes(tab, s, n - 1);
		if (c & 2)
			m |= 4;
	}
	if (n > 4 && memcmp(s + n - 3, "ing", 3) == 0) {
		buf[n - 3] = 'e';
		c = lex_classes(tab, s, n - 3) | lex_classes(tab, buf, n - 2);
		if (c & 2)
			m |= 8;
	}
	if (s[n - 2] == 'l' && s[n - 1] == 'y' && (lex_classes(tab, s, n - 2) & 4))
		m |= 16;
	if ((s[n - 2] == 'e' && s[n - 1] == 'r' && (lex_classes(tab, s, n - 2) & 4)) ||
	    (n > 4 && memcmp(s + n - 3, "est", 3) == 0 && (lex_classes(tab, s, n - 3) & 4)))
		m |= 32;
	return m;
}

/* The values of the words already seen in a batch of sentences, by
 * form: a word's values depend on its form alone (but TI_FIRST, on its
 * place), and news repeats its words (about half the words of a
 * Wikinews document are seen again in it). */
#define TI_CACHE_SLOTS 1024
typedef struct ti_cache {
	uint32_t n;                       /* entries */
	uint32_t klen[TI_CACHE_SLOTS];    /* form length + 1, 0 when empty */
	uint64_t key[TI_CACHE_SLOTS];     /* ent_tokinfo.form */
	const char *form[TI_CACHE_SLOTS];
	ent_tokinfo ti[TI_CACHE_SLOTS];
} ti_cache;

/* The cached values of form s[0..len) with hash h, or NULL; *slot is
 * where it would go. */
static const ent_tokinfo *ti_cache_find(const ti_cache *c, const char *s, size_t len,
                                        uint64_t h, uint32_t *slot)
{
	uint32_t i = (uint32_t)h & (TI_CACHE_SLOTS - 1);

	for (; c->klen[i]; i = (i + 1) & (TI_CACHE_SLOTS - 1))
		if (c->key[i] == h && c->klen[i] == len + 1 && memcmp(c->form[i], s, len) == 0)
			return &c->ti[i];
	*slot = i;
	return NULL;
}

/* ent__tokinfo, with the values of forms seen before taken from cache
 * (when not NULL) and the new ones added to it. */
static void tokinfo(ent_tokinfo *ti, const ent_token *tokens, size_t n, const char *text,
                    const ent_strtab *tab, ti_cache *cache)
{
	size_t i, k;
	uint64_t lexh[TAB_BLOCK], formh[TAB_BLOCK];
	const ent_tokinfo *seen[TAB_BLOCK];
	uint32_t at;

	for (i = 0; i < n; i++) {
		const char *s = text + tokens[i].start;
		size_t len = tokens[i].end - tokens[i].start, ln, j, vlen;
		char low[256], shape[16];
		const unsigned char *v;
		ent_tokinfo *t = &ti[i];
		int letters = 0, uppers = 0, punct = 1;

		if (i % TAB_BLOCK == 0) {
			/* ask for the lexicon entries of the next block of words
			 * not seen before */
			size_t e = n - i < TAB_BLOCK ? n - i : TAB_BLOCK;

			for (j = 0; j < e; j++) {
				const ent_token *tk = &tokens[i + j];

				formh[j] = ent__hash_bytes(text + tk->start, tk->end - tk->start, 1);
				seen[j] = cache ? ti_cache_find(cache, text + tk->start, tk->end - tk->start,
				                                formh[j], &at)
				                : NULL;
				if (seen[j])
					continue;
				ln = normalise(low, text + tk->start, tk->end - tk->start, sizeof low);
				lexh[j] = ent__tab_hash(TAB_LEX, low, ln);
				tab_prefetch_slot(tab, lexh[j]);
			}
			for (j = 0; j < e; j++)
				if (!seen[j])
					tab_touch_entry(tab, lexh[j]);
		}
		if (seen[i % TAB_BLOCK]) {
			*t = *seen[i % TAB_BLOCK];
			t->flags = (uint8_t)((t->flags & ~TI_FIRST) | (i == 0 ? TI_FIRST : 0));
			continue;
		}
		memset(t, 0, sizeof *t);
		ln = normalise(low, s, len, sizeof low);
		t->form = formh[i % TAB_BLOCK];
		t->lower = ent__hash_bytes(low, ln, 2);
		t->shape = ent__hash_bytes(shape, word_shape(shape, s, len), 3);
		for (k = 0; k < 4; k++)
			t->suf[k] = ln > k ? hash_inline(low + ln - (k + 1), k + 1, 10 + k) : 0;
		for (k = 0; k < 3; k++)
			t->pre[k] = ln > k + 1 ? hash_inline(low, k + 1, 20 + k) : 0;
		for (j = 0; j < len; j++) {
			unsigned char c = (unsigned char)s[j];

			if (c >= 'A' && c <= 'Z')
				letters++, uppers++, punct = 0;
			else if (c >= 'a' && c <= 'z')
				letters++, punct = 0;
			else if (c >= '0' && c <= '9')
				t->flags |= TI_DIGIT, punct = 0;
			else if (c == '-')
				t->flags |= TI_HYPHEN;
			else if (c >= 0x80)
				punct = 0;
		}
		if (s[0] >= 'A' && s[0] <= 'Z')
			t->flags |= TI_CAP;
		if (letters && letters == uppers)
			t->flags |= TI_ALLCAP;
		if (punct)
			t->flags |= TI_PUNCT;
		if (i == 0)
			t->flags |= TI_FIRST;
		/* (the hash of low is the block's, computed above) */
		v = tab_get_h(tab, TAB_LEX, low, ln, lexh[i % TAB_BLOCK], &vlen);
		if (v && vlen == LEX_BYTES) {
			memcpy(&t->tagset, v, 8);
			t->freq = v[8];
			t->lex = v[9];
			t->fixed = v[10];
		} else if (v && vlen == 1) {
			t->lex = v[0];
		}
		if (!(t->lex & 0x7f) && ln > 3)
			t->lex |= (uint16_t)(stem_classes(tab, low, ln) << 8);
		/* (a word repeated within its block was not found above:
		 * look again, and keep the first) */
		if (cache && cache->n < TI_CACHE_SLOTS / 4 * 3 &&
		    !ti_cache_find(cache, s, len, t->form, &at)) {
			cache->klen[at] = (uint32_t)len + 1;
			cache->key[at] = t->form;
			cache->form[at] = s;
			cache->ti[at] = *t;
			cache->n++;
		}
	}
}

void ent__tokinfo(ent_tokinfo *ti, const ent_token *tokens, size_t n, const char *text,
                  const ent_strtab *tab)
{
	tokinfo(ti, tokens, n, text, tab, NULL);
}

/* ---- feature templates ---------------------------------------------- */

/* The templates below are expanded into the decoder's loop: these small
 * helpers are called some 90 times per parser step and must not stay
 * calls (HOT_INLINE is defined with the hashing, above). */

/* What each value adds before a mix: R1 the template and first value,
 * R2 the second (xor), R3 the third (add). */
#define R1(t, a) ((a) + (uint64_t)(t) * 0x9E3779B97F4A7C15ULL)
#define R2(b) ((b) * 0xC2B2AE3D27D4EB4FULL + 0x27d4eb2f165667c5ULL)
#define R3(c) ((c) * 0x165667B19E3779F9ULL)

static HOT_INLINE uint64_t f1(uint64_t t, uint64_t a)
{
	return ent__mix(R1(t, a));
}

/* f2 and f3 continue the hash of their first values (g2, g3), so that
 * decoding can start from a looked-up f1 (see ent_ftab) or hash in
 * rounds (parse_slots). */
static HOT_INLINE uint64_t g2(uint64_t h, uint64_t b)
{
	return ent__mix(h ^ R2(b));
}

static HOT_INLINE uint64_t g3(uint64_t h, uint64_t c)
{
	return ent__mix(h + R3(c));
}

static HOT_INLINE uint64_t f2(uint64_t t, uint64_t a, uint64_t b)
{
	return g2(f1(t, a), b);
}

static HOT_INLINE uint64_t f3(uint64_t t, uint64_t a, uint64_t b, uint64_t c)
{
	return g3(f2(t, a, b), c);
}

#define NONE_W 0x6e6f6e65ULL  /* a position outside the sentence */
#define NONE_P 0xffU

/* Stores feature hash h as o[k] (the trainer's calls, pf NULL) or, when
 * decoding with model pf, the first slot of the feature's row in pf,
 * and asks for the row at once: the rows are scattered over megabytes,
 * and a row asked for while the rest of the features are still being
 * hashed has mostly arrived when lin_score reads it. put asks for the
 * first and last byte of the row, which covers rows of up to 64 classes
 * (the parser has 32, the label model 51); put_wide also for byte 64,
 * which covers up to 128 (the tagger has 108). Longer rows would only
 * be slower. */
static HOT_INLINE size_t put_row(uint64_t *o, size_t k, uint64_t h, const ent_lin *pf,
                                 int wide)
{
	if (pf) {
		uint32_t slot = (uint32_t)(h >> 20) & pf->slot_mask;  /* ent__slot */
#ifdef __GNUC__
		/* (locality 2, prefetcht1, not t0: with t0 perf found a ninth
		 * of the coding time on these prefetches, as if a step's
		 * hundred-odd requests filled the first level's miss
		 * buffers; with t1 coding Wikinews took 6% less CPU time,
		 * median of 8 runs against 8) */
		__builtin_prefetch(pf->w + slot, 0, 2);
		__builtin_prefetch(pf->w_last + slot, 0, 2);
		if (wide)
			__builtin_prefetch(pf->w + 64 + slot, 0, 2);
#else
		(void)wide;
#endif
		o[k] = slot;
	} else {
		o[k] = h;
	}
	return k + 1;
}

static HOT_INLINE size_t put(uint64_t *o, size_t k, uint64_t h, const ent_lin *pf)
{
	return put_row(o, k, h, pf, 0);
}

static HOT_INLINE size_t put_wide(uint64_t *o, size_t k, uint64_t h, const ent_lin *pf)
{
	return put_row(o, k, h, pf, 1);
}

static HOT_INLINE size_t
tag_features(uint64_t *o, const ent_tokinfo *ti, size_t i, size_t n, int p1, int p2,
             const uint8_t *r, const ent_lin *pf)
{
	const ent_tokinfo *t = &ti[i];
	uint64_t wm1 = i >= 1 ? ti[i - 1].lower : NONE_W;
	uint64_t wm2 = i >= 2 ? ti[i - 2].lower : NONE_W;
	uint64_t wp1 = i + 1 < n ? ti[i + 1].lower : NONE_W;
	uint64_t wp2 = i + 2 < n ? ti[i + 2].lower : NONE_W;
	uint64_t ap1 = i + 1 < n ? ti[i + 1].tagset : NONE_W;
	uint64_t ap2 = i + 2 < n ? ti[i + 2].tagset : NONE_W;
	uint64_t am1 = i >= 1 ? ti[i - 1].tagset : NONE_W;
	uint64_t sp1 = i + 1 < n ? ti[i + 1].suf[2] : NONE_W;
	uint64_t sm1 = i >= 1 ? ti[i - 1].suf[2] : NONE_W;
	uint64_t shp1 = i + 1 < n ? ti[i + 1].shape : NONE_W;
	uint64_t shm1 = i >= 1 ? ti[i - 1].shape : NONE_W;
	uint64_t P1 = (uint64_t)(p1 + 2), P2 = (uint64_t)(p2 + 2);
	size_t k = 0;
	int rare = t->freq < 3;

	k = put_wide(o, k, f1(1, 0), pf);
	k = put_wide(o, k, f1(2, t->lower), pf);
	k = put_wide(o, k, f1(3, t->form), pf);
	k = put_wide(o, k, f1(4, t->suf[0]), pf);
	k = put_wide(o, k, f1(5, t->suf[1]), pf);
	k = put_wide(o, k, f1(6, t->suf[2]), pf);
	k = put_wide(o, k, f1(7, t->suf[3]), pf);
	k = put_wide(o, k, f1(8, t->pre[0]), pf);
	k = put_wide(o, k, f1(9, t->pre[1]), pf);
	k = put_wide(o, k, f1(10, t->pre[2]), pf);
	k = put_wide(o, k, f1(11, t->shape), pf);
	k = put_wide(o, k, f1(12, P1), pf);
	k = put_wide(o, k, f2(13, P1, P2), pf);
	k = put_wide(o, k, f1(14, wm1), pf);
	k = put_wide(o, k, f1(15, wm2), pf);
	k = put_wide(o, k, f1(16, wp1), pf);
	k = put_wide(o, k, f1(17, wp2), pf);
	k = put_wide(o, k, f1(18, sm1), pf);
	k = put_wide(o, k, f1(19, sp1), pf);
	k = put_wide(o, k, f2(20, P1, t->lower), pf);
	k = put_wide(o, k, f1(21, t->tagset), pf);
	k = put_wide(o, k, f1(22, ap1), pf);
	k = put_wide(o, k, f1(23, ap2), pf);
	k = put_wide(o, k, f1(24, shp1), pf);
	k = put_wide(o, k, f1(25, shm1), pf);
	k = put_wide(o, k, f1(26, (uint64_t)(t->flags & (TI_CAP | TI_FIRST | TI_ALLCAP))), pf);
	k = put_wide(o, k, f2(27, t->lower, wp1), pf);
	k = put_wide(o, k, f2(28, wm1, t->lower), pf);
	k = put_wide(o, k, f2(29, P1, ap1), pf);
	k = put_wide(o, k, f2(30, t->tagset, ap1), pf);
	k = put_wide(o, k, f2(31, P1, t->suf[2]), pf);
	k = put_wide(o, k, f1(32, (uint64_t)t->flags), pf);
	k = put_wide(o, k, f1(33, (uint64_t)t->freq), pf);
	k = put_wide(o, k, f3(34, P2, P1, t->tagset), pf);
	k = put_wide(o, k, f2(35, P1, t->tagset), pf);
	k = put_wide(o, k, f2(36, am1, t->tagset), pf);
	k = put_wide(o, k, f3(37, P1, t->tagset, ap1), pf);
	k = put_wide(o, k, f2(38, t->tagset, wp1), pf);
	k = put_wide(o, k, f2(39, (uint64_t)(t->flags & (TI_CAP | TI_FIRST)), t->suf[1]), pf);
	k = put_wide(o, k, f2(40, P1, wp1), pf);
	k = put_wide(o, k, f1(44, t->lex), pf);
	k = put_wide(o, k, f2(45, t->lex, P1), pf);
	k = put_wide(o, k, f2(46, t->lex, t->suf[1]), pf);
	k = put_wide(o, k, f1(47, i + 1 < n ? ti[i + 1].lex : NONE_W), pf);
	k = put_wide(o, k, f2(48, t->lex, (uint64_t)(t->flags & (TI_CAP | TI_FIRST))), pf);
	if (rare) {
		k = put_wide(o, k, f2(41, t->shape, t->suf[2]), pf);
		k = put_wide(o, k, f2(42, P1, t->shape), pf);
		k = put_wide(o, k, f3(43, (uint64_t)(t->flags & (TI_CAP | TI_FIRST)), P1, t->suf[3]), pf);
	}
	if (r) {
		/* the second pass: the first pass's classes of this word and the
		 * two after it */
		uint64_t R0 = r[i], R1 = i + 1 < n ? r[i + 1] : NONE_P, R2 = i + 2 < n ? r[i + 2] : NONE_P;

		k = put_wide(o, k, f1(60, R0), pf);
		k = put_wide(o, k, f1(61, R1), pf);
		k = put_wide(o, k, f2(62, R1, R2), pf);
		k = put_wide(o, k, f2(63, R1, t->lower), pf);
		k = put_wide(o, k, f2(64, P1, R1), pf);
		k = put_wide(o, k, f2(65, R1, t->suf[2]), pf);
		k = put_wide(o, k, f2(66, t->tagset, R1), pf);
		k = put_wide(o, k, f2(67, R0, R1), pf);
		k = put_wide(o, k, f3(68, P1, R0, R1), pf);
		k = put_wide(o, k, f3(69, R0, R1, R2), pf);
	}
	return k;
}

size_t ent__tag_features(uint64_t *o, const ent_tokinfo *ti, size_t i, size_t n,
                         int p1, int p2, const uint8_t *r)
{
	return tag_features(o, ti, i, n, p1, p2, r, NULL);
}

#define IDX(x) ((x) < 0 ? NONE_W : st->word[x])
#define TAG(x) ((x) < 0 ? (uint64_t)NONE_P : (uint64_t)st->tag[x])
#define UTAG(x) ((x) < 0 ? (uint64_t)NONE_P : (uint64_t)st->utag[x])
#define LAB(x) ((x) <= 0 ? 0 : (uint64_t)st->node[x].label)
/* f1 of a template whose first value is a tag, or a label or small count:
 * looked up when decoding (ft, see ent_ftab) */
#define T1(t, v) (ft ? ft->hash[FT_##t][(v) & 63] : f1(t, v))
#define S1(t, v) (ft ? ft->hash[FT_##t][v] : f1(t, v))

/* The positions of the stack and buffer that the templates read and
 * their values, declared as locals of the template functions below (the
 * trainer's and the decoder's). */
#define PARSE_ROLES(st) \
	int n = st->n; \
	int s0 = st->sp > 0 ? st->stack[st->sp - 1] : -1; \
	int s1 = st->sp > 1 ? st->stack[st->sp - 2] : -1; \
	int n0 = st->b <= n ? st->b : -1; \
	int n1 = st->b + 1 <= n ? st->b + 1 : -1; \
	int n2 = st->b + 2 <= n ? st->b + 2 : -1; \
	int s0h = s0 > 0 && st->node[s0].head >= 0 ? st->node[s0].head : -1; \
	int s0h2 = s0h > 0 && st->node[s0h].head >= 0 ? st->node[s0h].head : -1; \
	int s0l = s0 >= 0 && st->node[s0].l1 ? st->node[s0].l1 : -1; \
	int s0l2 = s0 >= 0 && st->node[s0].l2 ? st->node[s0].l2 : -1; \
	int s0r = s0 >= 0 && st->node[s0].r1 ? st->node[s0].r1 : -1; \
	int s0r2 = s0 >= 0 && st->node[s0].r2 ? st->node[s0].r2 : -1; \
	int n0l = n0 >= 0 && st->node[n0].l1 ? st->node[n0].l1 : -1; \
	int n0l2 = n0 >= 0 && st->node[n0].l2 ? st->node[n0].l2 : -1; \
	uint64_t s0w = IDX(s0), s0p = TAG(s0), n0w = IDX(n0), n0p = TAG(n0); \
	uint64_t n1w = IDX(n1), n1p = TAG(n1), n2w = IDX(n2), n2p = TAG(n2); \
	uint64_t s0wp = f1(0, s0w ^ s0p), n0wp = f1(0, n0w ^ (n0p << 1)), n1wp = f1(0, n1w ^ (n1p << 2)); \
	uint64_t n2wp = f1(0, n2w ^ (n2p << 3)); \
	uint64_t d = 0, vl0 = 0, vr0 = 0, vln = 0, sl0 = 0, sr0 = 0, sln = 0; \
 \
	if (s0 >= 0 && n0 > 0) { \
		int dist = n0 - s0; \
 \
		d = dist < 5 ? (uint64_t)dist : dist < 7 ? 5 : dist < 10 ? 6 : 7; \
	} \
	if (s0 >= 0) { \
		vl0 = st->node[s0].nl > 7 ? 7 : st->node[s0].nl; \
		vr0 = st->node[s0].nr > 7 ? 7 : st->node[s0].nr; \
		sl0 = st->node[s0].lset; \
		sr0 = st->node[s0].rset; \
	} \
	if (n0 >= 0) { \
		vln = st->node[n0].nl > 7 ? 7 : st->node[n0].nl; \
		sln = st->node[n0].lset; \
	}

static HOT_INLINE size_t
parse_features(uint64_t *o, const ent_pstate *st, const ent_lin *pf)
{
	PARSE_ROLES(st);
	size_t k = 0;

	/* single words */
	k = put(o, k, f1(100, s0wp), pf);
	k = put(o, k, f1(101, s0w), pf);
	k = put(o, k, f1(102, s0p), pf);
	k = put(o, k, f1(103, n0wp), pf);
	k = put(o, k, f1(104, n0w), pf);
	k = put(o, k, f1(105, n0p), pf);
	k = put(o, k, f1(106, n1wp), pf);
	k = put(o, k, f1(107, n1w), pf);
	k = put(o, k, f1(108, n1p), pf);
	k = put(o, k, f1(109, n2wp), pf);
	k = put(o, k, f1(110, n2w), pf);
	k = put(o, k, f1(111, n2p), pf);
	/* pairs */
	k = put(o, k, f2(112, s0wp, n0wp), pf);
	k = put(o, k, f3(113, s0wp, n0w, 0), pf);
	k = put(o, k, f3(114, s0w, n0wp, 0), pf);
	k = put(o, k, f2(115, s0wp, n0p), pf);
	k = put(o, k, f2(116, s0p, n0wp), pf);
	k = put(o, k, f2(117, s0w, n0w), pf);
	k = put(o, k, f2(118, s0p, n0p), pf);
	k = put(o, k, f2(119, n0p, n1p), pf);
	/* three words */
	k = put(o, k, f3(120, n0p, n1p, n2p), pf);
	k = put(o, k, f3(121, s0p, n0p, n1p), pf);
	k = put(o, k, f3(122, TAG(s0h), s0p, n0p), pf);
	k = put(o, k, f3(123, s0p, TAG(s0l), n0p), pf);
	k = put(o, k, f3(124, s0p, TAG(s0r), n0p), pf);
	k = put(o, k, f3(125, s0p, n0p, TAG(n0l)), pf);
	/* distance */
	k = put(o, k, f2(126, s0w, d), pf);
	k = put(o, k, f2(127, s0p, d), pf);
	k = put(o, k, f2(128, n0w, d), pf);
	k = put(o, k, f2(129, n0p, d), pf);
	k = put(o, k, f3(130, s0w, n0w, d), pf);
	k = put(o, k, f3(131, s0p, n0p, d), pf);
	/* valency */
	k = put(o, k, f2(132, s0w, vr0), pf);
	k = put(o, k, f2(133, s0p, vr0), pf);
	k = put(o, k, f2(134, s0w, vl0), pf);
	k = put(o, k, f2(135, s0p, vl0), pf);
	k = put(o, k, f2(136, n0w, vln), pf);
	k = put(o, k, f2(137, n0p, vln), pf);
	/* unigrams of heads and dependents */
	k = put(o, k, f1(138, IDX(s0h)), pf);
	k = put(o, k, f1(139, TAG(s0h)), pf);
	k = put(o, k, f1(140, LAB(s0)), pf);
	k = put(o, k, f1(141, IDX(s0l)), pf);
	k = put(o, k, f1(142, TAG(s0l)), pf);
	k = put(o, k, f1(143, LAB(s0l)), pf);
	k = put(o, k, f1(144, IDX(s0r)), pf);
	k = put(o, k, f1(145, TAG(s0r)), pf);
	k = put(o, k, f1(146, LAB(s0r)), pf);
	k = put(o, k, f1(147, IDX(n0l)), pf);
	k = put(o, k, f1(148, TAG(n0l)), pf);
	k = put(o, k, f1(149, LAB(n0l)), pf);
	/* third order */
	k = put(o, k, f1(150, IDX(s0h2)), pf);
	k = put(o, k, f1(151, TAG(s0h2)), pf);
	k = put(o, k, f1(152, LAB(s0h)), pf);
	k = put(o, k, f1(153, IDX(s0l2)), pf);
	k = put(o, k, f1(154, TAG(s0l2)), pf);
	k = put(o, k, f1(155, LAB(s0l2)), pf);
	k = put(o, k, f1(156, IDX(s0r2)), pf);
	k = put(o, k, f1(157, TAG(s0r2)), pf);
	k = put(o, k, f1(158, LAB(s0r2)), pf);
	k = put(o, k, f1(159, IDX(n0l2)), pf);
	k = put(o, k, f1(160, TAG(n0l2)), pf);
	k = put(o, k, f1(161, LAB(n0l2)), pf);
	k = put(o, k, f3(162, s0p, TAG(s0l), TAG(s0l2)), pf);
	k = put(o, k, f3(163, s0p, TAG(s0r), TAG(s0r2)), pf);
	k = put(o, k, f3(164, s0p, TAG(s0h), TAG(s0h2)), pf);
	k = put(o, k, f3(165, n0p, TAG(n0l), TAG(n0l2)), pf);
	/* label sets */
	k = put(o, k, f2(166, s0w, sr0), pf);
	k = put(o, k, f2(167, s0p, sr0), pf);
	k = put(o, k, f2(168, s0w, sl0), pf);
	k = put(o, k, f2(169, s0p, sl0), pf);
	k = put(o, k, f2(170, n0w, sln), pf);
	k = put(o, k, f2(171, n0p, sln), pf);
	/* the second stack word (beyond Zhang and Nivre) */
	k = put(o, k, f1(172, IDX(s1)), pf);
	k = put(o, k, f1(173, TAG(s1)), pf);
	k = put(o, k, f3(174, TAG(s1), s0p, n0p), pf);
	k = put(o, k, f2(175, TAG(s1), n0p), pf);
	k = put(o, k, f3(176, IDX(s1), s0p, n0p), pf);
	k = put(o, k, f1(177, (uint64_t)(s0 > 0 && st->node[s0].head >= 0) + 2 * (uint64_t)(st->root_child > 0)), pf);
	k = put(o, k, f2(178, s0p, LAB(s0)), pf);
	k = put(o, k, f3(179, s0p, LAB(s0), n0p), pf);
	k = put(o, k, f3(180, n0wp, TAG(n0l), LAB(n0l)), pf);
	k = put(o, k, f2(181, n0w, n1w), pf);
	/* universal tags (AUX and VERB, SCONJ and ADP share Penn tags) */
	{
		uint64_t s0u = UTAG(s0), n0u = UTAG(n0), n1u = UTAG(n1);

		k = put(o, k, f1(190, s0u), pf);
		k = put(o, k, f1(191, n0u), pf);
		k = put(o, k, f2(192, s0u, n0u), pf);
		k = put(o, k, f3(193, s0u, n0u, n1u), pf);
		k = put(o, k, f2(194, s0u, n0w), pf);
		k = put(o, k, f2(195, s0w, n0u), pf);
		k = put(o, k, f3(196, UTAG(s1), s0u, n0u), pf);
	}
	return k;
}

size_t ent__parse_features(uint64_t *o, const ent_pstate *st)
{
	return parse_features(o, st, NULL);
}

/* The decoder's parser features: the same values as parse_features with
 * model pf, in another order (scores are sums, so the order does not
 * matter), hashed in rounds over arrays so that the hashing runs four or
 * eight features at a time (hash_rounds). f1 = mix(a + t K), f2 = mix(f1
 * ^ (b K2 + C)), f3 = mix(f2 + c K3) (see g2 and g3); the groups:
 *   A [0, PF_B)      f1 looked up in ft: final
 *   B [PF_B, PF_C)   f1: round 1
 *   C [PF_C, PF_D)   f2: rounds 1 and 2
 *   D [PF_D, PF_E)   f3: rounds 1, 2 and 3
 *   E [PF_E, PF_F)   f3 from f1 looked up: rounds 2 and 3
 *   F [PF_F, PF_N)   f2 from f1 looked up: round 2
 * x holds each feature's value, y what round 2 mixes in (xor), z what
 * round 3 does (add). Writes PF_N slots to o (which has room for PF_N
 * rounded up to 8) and asks for their rows. */
enum { PF_B = 24, PF_C = 41, PF_D = 54, PF_E = 59, PF_F = 74, PF_N = 89 };
static void hash_rounds(uint64_t *x, const uint64_t *y, const uint64_t *z, uint64_t *o,
                        uint32_t mask);

static HOT_INLINE size_t
parse_slots(uint64_t *o, const ent_pstate *st, const ent_lin *pf, const ent_ftab *ft)
{
	PARSE_ROLES(st);
	uint64_t s0u = UTAG(s0), n0u = UTAG(n0), n1u = UTAG(n1);
	uint64_t x[PF_N + 7], y[PF_N + 7], z[PF_N + 7];
	size_t i;

	/* A: f1 looked up (final) */
	x[0] = T1(102, s0p);
	x[1] = T1(105, n0p);
	x[2] = T1(108, n1p);
	x[3] = T1(111, n2p);
	x[4] = T1(139, TAG(s0h));
	x[5] = S1(140, LAB(s0));
	x[6] = T1(142, TAG(s0l));
	x[7] = S1(143, LAB(s0l));
	x[8] = T1(145, TAG(s0r));
	x[9] = S1(146, LAB(s0r));
	x[10] = T1(148, TAG(n0l));
	x[11] = S1(149, LAB(n0l));
	x[12] = T1(151, TAG(s0h2));
	x[13] = S1(152, LAB(s0h));
	x[14] = T1(154, TAG(s0l2));
	x[15] = S1(155, LAB(s0l2));
	x[16] = T1(157, TAG(s0r2));
	x[17] = S1(158, LAB(s0r2));
	x[18] = T1(160, TAG(n0l2));
	x[19] = S1(161, LAB(n0l2));
	x[20] = T1(173, TAG(s1));
	x[21] = S1(177, (uint64_t)(s0 > 0 && st->node[s0].head >= 0) + 2 * (uint64_t)(st->root_child > 0));
	x[22] = T1(190, s0u);
	x[23] = T1(191, n0u);
	/* B: f1 hashed: round 1 */
	x[24] = R1(100, s0wp);
	x[25] = R1(101, s0w);
	x[26] = R1(103, n0wp);
	x[27] = R1(104, n0w);
	x[28] = R1(106, n1wp);
	x[29] = R1(107, n1w);
	x[30] = R1(109, n2wp);
	x[31] = R1(110, n2w);
	x[32] = R1(138, IDX(s0h));
	x[33] = R1(141, IDX(s0l));
	x[34] = R1(144, IDX(s0r));
	x[35] = R1(147, IDX(n0l));
	x[36] = R1(150, IDX(s0h2));
	x[37] = R1(153, IDX(s0l2));
	x[38] = R1(156, IDX(s0r2));
	x[39] = R1(159, IDX(n0l2));
	x[40] = R1(172, IDX(s1));
	/* C: f2 hashed: rounds 1 and 2 */
	x[41] = R1(112, s0wp); y[41] = R2(n0wp);
	x[42] = R1(115, s0wp); y[42] = R2(n0p);
	x[43] = R1(117, s0w); y[43] = R2(n0w);
	x[44] = R1(126, s0w); y[44] = R2(d);
	x[45] = R1(128, n0w); y[45] = R2(d);
	x[46] = R1(132, s0w); y[46] = R2(vr0);
	x[47] = R1(134, s0w); y[47] = R2(vl0);
	x[48] = R1(136, n0w); y[48] = R2(vln);
	x[49] = R1(166, s0w); y[49] = R2(sr0);
	x[50] = R1(168, s0w); y[50] = R2(sl0);
	x[51] = R1(170, n0w); y[51] = R2(sln);
	x[52] = R1(181, n0w); y[52] = R2(n1w);
	x[53] = R1(195, s0w); y[53] = R2(n0u);
	/* D: f3 hashed: rounds 1, 2 and 3 */
	x[54] = R1(113, s0wp); y[54] = R2(n0w); z[54] = R3(0);
	x[55] = R1(114, s0w); y[55] = R2(n0wp); z[55] = R3(0);
	x[56] = R1(130, s0w); y[56] = R2(n0w); z[56] = R3(d);
	x[57] = R1(176, IDX(s1)); y[57] = R2(s0p); z[57] = R3(n0p);
	x[58] = R1(180, n0wp); y[58] = R2(TAG(n0l)); z[58] = R3(LAB(n0l));
	/* E: f3 looked up: rounds 2 and 3 */
	x[59] = T1(120, n0p); y[59] = R2(n1p); z[59] = R3(n2p);
	x[60] = T1(121, s0p); y[60] = R2(n0p); z[60] = R3(n1p);
	x[61] = T1(122, TAG(s0h)); y[61] = R2(s0p); z[61] = R3(n0p);
	x[62] = T1(123, s0p); y[62] = R2(TAG(s0l)); z[62] = R3(n0p);
	x[63] = T1(124, s0p); y[63] = R2(TAG(s0r)); z[63] = R3(n0p);
	x[64] = T1(125, s0p); y[64] = R2(n0p); z[64] = R3(TAG(n0l));
	x[65] = T1(131, s0p); y[65] = R2(n0p); z[65] = R3(d);
	x[66] = T1(162, s0p); y[66] = R2(TAG(s0l)); z[66] = R3(TAG(s0l2));
	x[67] = T1(163, s0p); y[67] = R2(TAG(s0r)); z[67] = R3(TAG(s0r2));
	x[68] = T1(164, s0p); y[68] = R2(TAG(s0h)); z[68] = R3(TAG(s0h2));
	x[69] = T1(165, n0p); y[69] = R2(TAG(n0l)); z[69] = R3(TAG(n0l2));
	x[70] = T1(174, TAG(s1)); y[70] = R2(s0p); z[70] = R3(n0p);
	x[71] = T1(179, s0p); y[71] = R2(LAB(s0)); z[71] = R3(n0p);
	x[72] = T1(193, s0u); y[72] = R2(n0u); z[72] = R3(n1u);
	x[73] = T1(196, UTAG(s1)); y[73] = R2(s0u); z[73] = R3(n0u);
	/* F: f2 looked up: round 2 */
	x[74] = T1(116, s0p); y[74] = R2(n0wp);
	x[75] = T1(118, s0p); y[75] = R2(n0p);
	x[76] = T1(119, n0p); y[76] = R2(n1p);
	x[77] = T1(127, s0p); y[77] = R2(d);
	x[78] = T1(129, n0p); y[78] = R2(d);
	x[79] = T1(133, s0p); y[79] = R2(vr0);
	x[80] = T1(135, s0p); y[80] = R2(vl0);
	x[81] = T1(137, n0p); y[81] = R2(vln);
	x[82] = T1(167, s0p); y[82] = R2(sr0);
	x[83] = T1(169, s0p); y[83] = R2(sl0);
	x[84] = T1(171, n0p); y[84] = R2(sln);
	x[85] = T1(175, TAG(s1)); y[85] = R2(n0p);
	x[86] = T1(178, s0p); y[86] = R2(LAB(s0));
	x[87] = T1(192, s0u); y[87] = R2(n0u);
	x[88] = T1(194, s0u); y[88] = R2(n0w);
	for (i = PF_N; i < PF_N + 7; i++)
		x[i] = 0;  /* read by the last block of slots */
	hash_rounds(x, y, z, o, pf->slot_mask);
#ifdef __GNUC__
	for (i = 0; i < PF_N; i++) {  /* (locality 2: see put_row) */
		__builtin_prefetch(pf->w + o[i], 0, 2);
		__builtin_prefetch(pf->w_last + o[i], 0, 2);
	}
#endif
	return PF_N;
}

_Static_assert(((PF_N + 7) & ~7) <= ENT_PARSE_NFEAT, "room for the last block of slots");

/* hash_rounds: round 1 over [PF_B, PF_E), round 2 over [PF_C, PF_N),
 * round 3 over [PF_D, PF_F), then o[i] = the slot of x[i] for i below
 * PF_N (see parse_slots); blocks of lanes, the last block of a round
 * merged with what it must leave. */
static void rounds_plain(uint64_t *x, const uint64_t *y, const uint64_t *z, uint64_t *o,
                         uint32_t mask)
{
	size_t i;

	for (i = PF_B; i < PF_E; i++)
		x[i] = ent__mix(x[i]);
	for (i = PF_C; i < PF_N; i++)
		x[i] = ent__mix(x[i] ^ y[i]);
	for (i = PF_D; i < PF_F; i++)
		x[i] = ent__mix(x[i] + z[i]);
	for (i = 0; i < PF_N; i++)
		o[i] = (uint32_t)(x[i] >> 20) & mask;
}

#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
/* AVX2 has no 64-bit multiply: x c from three 32-bit products. */
static inline __attribute__((always_inline, target("avx2"))) __m256i
mul64_avx2(__m256i x, uint64_t c)
{
	__m256i lo = _mm256_set1_epi64x((long long)(c & 0xffffffffu));
	__m256i hi = _mm256_set1_epi64x((long long)(c >> 32));
	__m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), lo),
	                                  _mm256_mul_epu32(x, hi));

	return _mm256_add_epi64(_mm256_mul_epu32(x, lo), _mm256_slli_epi64(cross, 32));
}

static inline __attribute__((always_inline, target("avx2"))) __m256i mix_avx2(__m256i x)
{
	x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 30));
	x = mul64_avx2(x, 0xbf58476d1ce4e5b9ULL);
	x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 27));
	x = mul64_avx2(x, 0x94d049bb133111ebULL);
	return _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
}

/* x[i] = mix(x[i] op v[i]) for i in [from, to); op 0: none, 1: xor, 2:
 * add. */
static inline __attribute__((always_inline, target("avx2"))) void
round_avx2(uint64_t *x, const uint64_t *v, size_t from, size_t to, int op)
{
	size_t i;

	for (i = from; i < to; i += 4) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(x + i)), r = a;

		if (op == 1)
			r = _mm256_xor_si256(r, _mm256_loadu_si256((const __m256i *)(const void *)(v + i)));
		else if (op == 2)
			r = _mm256_add_epi64(r, _mm256_loadu_si256((const __m256i *)(const void *)(v + i)));
		r = mix_avx2(r);
		if (to - i < 4)
			r = _mm256_blendv_epi8(a, r, _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(to - i)),
			                                                _mm256_setr_epi64x(0, 1, 2, 3)));
		_mm256_storeu_si256((__m256i *)(void *)(x + i), r);
	}
}

__attribute__((target("avx2")))
static void rounds_avx2(uint64_t *x, const uint64_t *y, const uint64_t *z, uint64_t *o,
                        uint32_t mask)
{
	__m256i m = _mm256_set1_epi64x((long long)mask);
	size_t i;

	round_avx2(x, NULL, PF_B, PF_E, 0);
	round_avx2(x, y, PF_C, PF_N, 1);
	round_avx2(x, z, PF_D, PF_F, 2);
	for (i = 0; i < PF_N; i += 4)
		_mm256_storeu_si256((__m256i *)(void *)(o + i),
		                    _mm256_and_si256(_mm256_srli_epi64(_mm256_loadu_si256(
		                        (const __m256i *)(const void *)(x + i)), 20), m));
}

/* With AVX-512 (F and DQ): eight lanes, a 64-bit multiply and masks. */
static inline __attribute__((always_inline, target("avx512f,avx512dq"))) __m512i
mix_avx512(__m512i x)
{
	x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 30));
	x = _mm512_mullo_epi64(x, _mm512_set1_epi64((long long)0xbf58476d1ce4e5b9ULL));
	x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 27));
	x = _mm512_mullo_epi64(x, _mm512_set1_epi64((long long)0x94d049bb133111ebULL));
	return _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
}

static inline __attribute__((always_inline, target("avx512f,avx512dq"))) void
round_avx512(uint64_t *x, const uint64_t *v, size_t from, size_t to, int op)
{
	size_t i;

	for (i = from; i < to; i += 8) {
		__mmask8 k = to - i >= 8 ? (__mmask8)0xff : (__mmask8)((1u << (to - i)) - 1);
		__m512i r = _mm512_maskz_loadu_epi64(k, x + i);

		if (op == 1)
			r = _mm512_xor_si512(r, _mm512_maskz_loadu_epi64(k, v + i));
		else if (op == 2)
			r = _mm512_add_epi64(r, _mm512_maskz_loadu_epi64(k, v + i));
		_mm512_mask_storeu_epi64(x + i, k, mix_avx512(r));
	}
}

__attribute__((target("avx512f,avx512dq")))
static void rounds_avx512(uint64_t *x, const uint64_t *y, const uint64_t *z, uint64_t *o,
                          uint32_t mask)
{
	__m512i m = _mm512_set1_epi64((long long)mask);
	size_t i;

	round_avx512(x, NULL, PF_B, PF_E, 0);
	round_avx512(x, y, PF_C, PF_N, 1);
	round_avx512(x, z, PF_D, PF_F, 2);
	for (i = 0; i < PF_N; i += 8)
		_mm512_storeu_si512(o + i, _mm512_and_si512(_mm512_srli_epi64(_mm512_loadu_si512(x + i), 20), m));
}
#endif

static void hash_rounds(uint64_t *x, const uint64_t *y, const uint64_t *z, uint64_t *o,
                        uint32_t mask)
{
#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
	if (__builtin_cpu_supports("avx512dq")) {
		rounds_avx512(x, y, z, o, mask);
		return;
	}
	if (__builtin_cpu_supports("avx2")) {
		rounds_avx2(x, y, z, o, mask);
		return;
	}
#endif
	rounds_plain(x, y, z, o, mask);
}

/* Each way of hash_rounds this processor has against the plain one, on
 * pseudo-random values: the number of slots that differ (for tests). */
int ent__hash_rounds_check(void)
{
	uint64_t x[PF_N + 7], y[PF_N + 7], z[PF_N + 7], ref[PF_N + 7], o[ENT_PARSE_NFEAT], r = 7;
	int bad = 0, way, i;

	for (way = 1; way < 3; way++) {
		for (i = 0; i < PF_N + 7; i++) {
			x[i] = (r = ent__mix(r + 1));
			y[i] = (r = ent__mix(r + 1));
			z[i] = (r = ent__mix(r + 1));
		}
		memcpy(ref, x, sizeof x);
		rounds_plain(ref, y, z, o, 0xffffffffu);
		memcpy(ref, o, PF_N * sizeof *o);
#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
		if (way == 1 && __builtin_cpu_supports("avx2"))
			rounds_avx2(x, y, z, o, 0xffffffffu);
		else if (way == 2 && __builtin_cpu_supports("avx512dq"))
			rounds_avx512(x, y, z, o, 0xffffffffu);
		else
			continue;
#else
		continue;
#endif
		for (i = 0; i < PF_N; i++)
			bad += o[i] != ref[i];
	}
	return bad;
}

size_t ent__parse_slots(uint64_t *o, const ent_pstate *st, const ent_model *m)
{
	return parse_slots(o, st, &m->parser, &m->ftab);
}

/* Fills the decoding tables (see ent_ftab): a tag template's entry v & 63
 * holds f1 of tag v (the root's 0xfe at 62, none's 0xff at 63; tags are
 * below 51), a small template's entry v f1 of v. */
_Static_assert(ENT_XPOS_COUNT <= 62 && ENT_UPOS_COUNT <= 62,
               "tags index the decoding tables below 62");

static void ftab_fill(ent_ftab *ft)
{
#define ENT_FT_NUM(t) t,
	static const uint16_t tag[] = { ENT_FT_TAG(ENT_FT_NUM) };
	static const uint16_t small[] = { ENT_FT_SMALL(ENT_FT_NUM) };
#undef ENT_FT_NUM
	size_t i, ntag = sizeof tag / sizeof *tag;
	uint64_t v;

	for (i = 0; i < ntag; i++)
		for (v = 0; v < 65; v++)
			ft->hash[i][v] = f1(tag[i], v == 62 ? 0xfe : v == 63 ? 0xff : v);
	for (i = 0; i < sizeof small / sizeof *small; i++)
		for (v = 0; v < 65; v++)
			ft->hash[ntag + i][v] = f1(small[i], v);
}

/* Label features: the words and tags of the head and the dependent, the
 * direction and distance, the dependents each already has (their labels
 * and tags) and the tags around the dependent. Every feature is split by
 * direction. */
static HOT_INLINE size_t
label_features(uint64_t *o, const ent_pstate *st, int h, int d, const ent_lin *pf)
{
	const ent_pnode *hn = &st->node[h], *dn = &st->node[d];
	int n = st->n, right = d > h;
	uint64_t D = (uint64_t)right << 40;
	uint64_t hw = st->word[h], hp = st->tag[h], dw = st->word[d], dp = st->tag[d];
	uint64_t dist, hh = hn->head > 0 ? st->tag[hn->head] : (uint64_t)NONE_P;
	uint64_t dm1 = d > 1 ? st->tag[d - 1] : (uint64_t)NONE_P;
	uint64_t dp1 = d < n ? st->tag[d + 1] : (uint64_t)NONE_P;
	uint64_t hp1 = h > 0 && h < n ? st->tag[h + 1] : (uint64_t)NONE_P;
	uint64_t hm1 = h > 1 ? st->tag[h - 1] : (uint64_t)NONE_P;
	uint64_t dl = dn->l1 ? st->tag[dn->l1] : (uint64_t)NONE_P;
	uint64_t dr = dn->r1 ? st->tag[dn->r1] : (uint64_t)NONE_P;
	uint64_t dll = dn->l1 ? (uint64_t)st->node[dn->l1].label : 0;
	uint64_t drl = dn->r1 ? (uint64_t)st->node[dn->r1].label : 0;
	int gap = right ? d - h : h - d;
	size_t k = 0;

	dist = (uint64_t)(gap < 4 ? gap : gap < 7 ? 4 : gap < 12 ? 5 : 6);
	k = put(o, k, f1(300, D), pf);
	k = put(o, k, f1(301, hw + D), pf);
	k = put(o, k, f1(302, hp + D), pf);
	k = put(o, k, f1(303, dw + D), pf);
	k = put(o, k, f1(304, dp + D), pf);
	k = put(o, k, f2(305, hw + D, hp), pf);
	k = put(o, k, f2(306, dw + D, dp), pf);
	k = put(o, k, f2(307, hp + D, dp), pf);
	k = put(o, k, f2(308, hw + D, dp), pf);
	k = put(o, k, f2(309, hp + D, dw), pf);
	k = put(o, k, f2(310, hw + D, dw), pf);
	k = put(o, k, f3(311, hp + D, dp, dist), pf);
	k = put(o, k, f2(312, dp + D, dn->lset), pf);
	k = put(o, k, f2(313, dp + D, dn->rset), pf);
	k = put(o, k, f2(314, hp + D, hn->lset), pf);
	k = put(o, k, f2(315, hp + D, hn->rset), pf);
	k = put(o, k, f3(316, hp + D, dp, hh), pf);
	k = put(o, k, f3(317, hp + D, dp, LAB(h)), pf);
	k = put(o, k, f3(318, dp + D, dm1, dp1), pf);
	k = put(o, k, f3(319, hp + D, dp, dp1), pf);
	k = put(o, k, f3(320, hp + D, dp, dm1), pf);
	k = put(o, k, f3(321, dp + D, dl, dr), pf);
	k = put(o, k, f3(322, hp + D, dp, dl), pf);
	k = put(o, k, f3(323, hp + D, dp, dr), pf);
	k = put(o, k, f3(324, dw + D, hp, hn->lset), pf);
	k = put(o, k, f3(325, hp + D, dp, hn->lset), pf);
	k = put(o, k, f3(326, hp + D, dp, dn->lset), pf);
	k = put(o, k, f3(327, hp + D, dp, (uint64_t)(d == n) + 2 * (uint64_t)(h == 0)), pf);
	k = put(o, k, f3(328, hp + D, hm1, hp1), pf);
	k = put(o, k, f3(329, hw + D, dp, dn->lset), pf);
	k = put(o, k, f3(330, dw + D, dp, hp), pf);
	k = put(o, k, f3(331, hw + D, hp, dp), pf);
	k = put(o, k, f3(332, hp + D, dp, (uint64_t)(hn->nl > 3 ? 3 : hn->nl) * 4 + (hn->nr > 3 ? 3 : hn->nr)), pf);
	k = put(o, k, f3(333, dp + D, dll, drl), pf);
	return k;
}

size_t ent__label_features(uint64_t *o, const ent_pstate *st, int h, int d)
{
	return label_features(o, st, h, d, NULL);
}

/* ---- the transition system ------------------------------------------ */

void ent__pstate_init(ent_pstate *st, int n)
{
	int i;

	st->n = n;
	st->sp = 1;
	st->stack[0] = 0;
	st->b = 1;
	st->root_child = 0;
	memset(st->node, 0, (size_t)(n + 1) * sizeof *st->node);
	for (i = 0; i <= n; i++)
		st->node[i].head = -1;
}

void ent__pstate_words(ent_pstate *st, ent_pwords *w, const ent_tokinfo *ti,
                       const uint8_t *xpos, const uint8_t *upos, int n)
{
	int i;

	w->word[0] = 0x726f6f74ULL;
	w->suf[0] = 0x726f6f74ULL;
	w->tag[0] = 0xfe;
	w->utag[0] = 0xfe;
	w->cverb[0] = w->cpunct[0] = 0;
	for (i = 0; i < n; i++) {
		int x = xpos[i];

		w->word[i + 1] = ti[i].lower;
		w->suf[i + 1] = ti[i].suf[2];
		w->tag[i + 1] = (uint8_t)x;
		w->utag[i + 1] = upos[i];
		/* VB VBD VBP VBZ VBN VBG MD; , : CC */
		w->cverb[i + 1] = (uint16_t)(w->cverb[i] + (x == 9 || (x >= 13 && x <= 16) || x == 18 ||
		                                            x == 20));
		w->cpunct[i + 1] = (uint16_t)(w->cpunct[i] + (x == 11 || x == 25 || x == 12));
	}
	st->word = w->word;
	st->suf = w->suf;
	st->tag = w->tag;
	st->utag = w->utag;
	st->cverb = w->cverb;
	st->cpunct = w->cpunct;
}

int ent__pstate_done(const ent_pstate *st)
{
	return st->b > st->n;
}

void ent__pstate_valid(const ent_pstate *st, uint8_t *valid)
{
	int s0 = st->stack[st->sp - 1], buf = st->b <= st->n;

	valid[ACT_SHIFT] = (uint8_t)buf;
	valid[ACT_REDUCE] = (uint8_t)(s0 > 0 && st->node[s0].head >= 0);
	valid[ACT_LEFT] = (uint8_t)(buf && s0 > 0 && st->node[s0].head < 0);
	/* a right-arc from the root makes the sentence's one root */
	valid[ACT_RIGHT] = (uint8_t)(buf && (s0 > 0 || st->root_child == 0));
	/* Shifting the last word when nothing can take it as a dependent of
	 * the root would leave it without a head; so would reducing away the
	 * only candidate. Both are allowed: ent__pstate_finish repairs. */
}

void ent__act_valid(const ent_actions *a, const ent_pstate *st, uint8_t *valid)
{
	uint8_t v[ENT_NACT];
	int k, atroot = st->stack[st->sp - 1] == 0;

	ent__pstate_valid(st, v);
	valid[ACT_SHIFT] = v[ACT_SHIFT];
	valid[ACT_REDUCE] = v[ACT_REDUCE];
	for (k = 2; k < 2 + a->nleft; k++)
		valid[k] = v[ACT_LEFT];
	for (; k < a->n; k++)
		valid[k] = (uint8_t)(v[ACT_RIGHT] && (k == a->root_class) == atroot);
}

void ent__pstate_arc(const ent_pstate *st, int act, int *head, int *dep)
{
	int s0 = st->stack[st->sp - 1];

	if (act == ACT_LEFT) {
		*head = st->b;
		*dep = s0;
	} else {
		*head = s0;
		*dep = st->b;
	}
}

static void add_arc(ent_pstate *st, int h, int d, int label)
{
	ent_pnode *hn = &st->node[h];

	st->node[d].head = (int16_t)h;
	st->node[d].label = (uint8_t)(label + 1);
	if (h == 0)
		st->root_child = d;
	if (d < h) {
		if (!hn->l1 || d < hn->l1) {
			hn->l2 = hn->l1;
			hn->l1 = (int16_t)d;
		} else if (!hn->l2 || d < hn->l2) {
			hn->l2 = (int16_t)d;
		}
		if (hn->nl < 255)
			hn->nl++;
		hn->lset |= 1ULL << (label & 63);
	} else {
		if (!hn->r1 || d > hn->r1) {
			hn->r2 = hn->r1;
			hn->r1 = (int16_t)d;
		} else if (!hn->r2 || d > hn->r2) {
			hn->r2 = (int16_t)d;
		}
		if (hn->nr < 255)
			hn->nr++;
		hn->rset |= 1ULL << (label & 63);
	}
}

void ent__pstate_apply(ent_pstate *st, int act, int label)
{
	int s0 = st->stack[st->sp - 1];

	if (act == ACT_SHIFT) {
		st->stack[st->sp++] = st->b++;
	} else if (act == ACT_REDUCE) {
		st->sp--;
	} else if (act == ACT_LEFT) {
		add_arc(st, st->b, s0, label);
		st->sp--;
	} else {
		add_arc(st, s0, st->b, label);
		st->stack[st->sp++] = st->b++;
	}
}

void ent__pstate_finish(ent_pstate *st, int nlabels, int root_label, int punct_label,
                        int dep_label)
{
	int i;

	(void)nlabels;
	for (i = 1; i < st->sp; i++) {
		int w = st->stack[i];

		if (st->node[w].head >= 0)
			continue;
		if (!st->root_child)
			add_arc(st, 0, w, root_label);
		else
			add_arc(st, st->root_child, w,
			        (st->tag[w] >= 1 && punct_label >= 0 &&
			         (st->tag[w] == 7 || st->tag[w] == 11 || st->tag[w] == 25 ||
			          st->tag[w] == 23 || st->tag[w] == 24 || st->tag[w] == 27 ||
			          st->tag[w] == 28 || st->tag[w] == 32 || st->tag[w] == 38))
			                ? punct_label : dep_label);
	}
}

/* ---- lemmatiser ----------------------------------------------------- */

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int known(const ent_strtab *tab, int wn, const char *s, size_t n)
{
	size_t vlen;

	const unsigned char *v = n > 0 ? ent__tab_get(tab, TAB_LEX, s, n, &vlen) : NULL;

	return v && ((vlen == LEX_BYTES && (v[9] >> wn & 1)) || (vlen == 1 && (v[0] >> wn & 1)));
}

/* Builds stem(s[0..n-cut)) + add into buf; returns its length. */
static size_t edit(char *buf, const char *s, size_t n, size_t cut, const char *add)
{
	size_t k = n - cut, a = strlen(add);

	memcpy(buf, s, k);
	memcpy(buf + k, add, a);
	buf[k + a] = '\0';
	return k + a;
}

static int ends(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Removes an inflectional suffix from the lower-case word s[0..n) of
 * WordNet class wn, trying Morphy's rules in order and keeping the first
 * candidate that is a known lemma, else a default guess. Writes into buf
 * (n + 4 bytes) and returns the length. */
static size_t strip_suffix(const ent_strtab *tab, int wn, const char *s, size_t n,
                           char *buf, int kind)
{
	/* kind: 0 plural/3sg -s, 1 past -ed, 2 -ing, 3 comparative -er, 4 -est */
	static const char *const rules[5][8] = {
		{"ies", "y", "ses", "s", "xes", "x", "zes", "z"},
		{"ied", "y", "ed", "e", "ed", "", NULL, NULL},
		{"ing", "e", "ing", "", NULL, NULL, NULL, NULL},
		{"ier", "y", "er", "", "er", "e", NULL, NULL},
		{"iest", "y", "est", "", "est", "e", NULL, NULL}
	};
	static const char *const more_s[] = {"ches", "ch", "shes", "sh", "men", "man", "es", "e",
	                                     "es", "", "s", "", NULL};
	size_t len, i;

	for (i = 0; i < 8 && rules[kind][i]; i += 2) {
		if (!ends(s, n, rules[kind][i]) || n <= strlen(rules[kind][i]) + 1)
			continue;
		len = edit(buf, s, n, strlen(rules[kind][i]), rules[kind][i + 1]);
		if (known(tab, wn, buf, len))
			return len;
		/* a doubled final consonant: stopped -> stop */
		if (kind >= 1 && rules[kind][i + 1][0] == '\0' && len >= 3 &&
		    buf[len - 1] == buf[len - 2] && !is_vowel(buf[len - 1]) &&
		    known(tab, wn, buf, len - 1)) {
			buf[len - 1] = '\0';
			return len - 1;
		}
	}
	if (kind == 0)
		for (i = 0; more_s[i]; i += 2) {
			if (!ends(s, n, more_s[i]) || n <= strlen(more_s[i]) + 1)
				continue;
			len = edit(buf, s, n, strlen(more_s[i]), more_s[i + 1]);
			if (known(tab, wn, buf, len))
				return len;
		}
	/* Not in the dictionaries: guess. */
	if (kind == 0) {
		if (ends(s, n, "ies") && n > 4)
			return edit(buf, s, n, 3, "y");
		if ((ends(s, n, "sses") || ends(s, n, "ches") || ends(s, n, "shes") ||
		     ends(s, n, "xes") || ends(s, n, "zes")) && n > 4)
			return edit(buf, s, n, 2, "");
		if (ends(s, n, "s") && !ends(s, n, "ss") && !ends(s, n, "us") &&
		    !ends(s, n, "is") && n > 2)
			return edit(buf, s, n, 1, "");
		return edit(buf, s, n, 0, "");
	}
	if (kind == 1 || kind == 2) {
		const char *suf = kind == 1 ? "ed" : "ing";
		size_t cut = strlen(suf);

		if (kind == 1 && ends(s, n, "ied") && n > 4)
			return edit(buf, s, n, 3, "y");
		if (!ends(s, n, suf) || n < cut + 2)
			return edit(buf, s, n, 0, "");
		len = edit(buf, s, n, cut, "");
		if (len >= 3 && buf[len - 1] == buf[len - 2] && !is_vowel(buf[len - 1]) &&
		    buf[len - 1] != 'l' && buf[len - 1] != 's' && buf[len - 1] != 'z') {
			buf[--len] = '\0';
			return len;
		}
		if (len >= 2 && (strchr("vzcgu", buf[len - 1]) ||
		                 (len >= 3 && !is_vowel(buf[len - 1]) && is_vowel(buf[len - 2]) &&
		                  !is_vowel(buf[len - 3]) && buf[len - 1] != 'w' &&
		                  buf[len - 1] != 'x' && buf[len - 1] != 'y' && len <= 4))) {
			buf[len++] = 'e';
			buf[len] = '\0';
		}
		return len;
	}
	{
		const char *suf = kind == 3 ? "er" : "est";

		if (ends(s, n, kind == 3 ? "ier" : "iest") && n > 4)
			return edit(buf, s, n, kind == 3 ? 3 : 4, "y");
		if (ends(s, n, suf) && n > strlen(suf) + 2)
			return edit(buf, s, n, strlen(suf), "");
		return edit(buf, s, n, 0, "");
	}
}

/* Numbers written with thousands separators lose them (1,100 -> 1100),
 * as in EWT; other numbers stay as written. */
static const char *number_lemma(const char *form, size_t len, ent_arena *arena)
{
	char buf[256];
	size_t i, k = 0, group = 0, lead = 0;
	int ok = len < sizeof buf;

	for (i = 0; ok && i < len; i++) {
		char c = form[i];

		if (c >= '0' && c <= '9') {
			buf[k++] = c;
			if (group)
				group++;
			else
				lead++;
		} else if (c == ',' && ((group == 0 && lead >= 1 && lead <= 3) || group == 4) &&
		           i + 1 < len) {
			group = 1;
		} else if (c == '.' && (group == 0 || group == 4)) {
			/* decimals: copy the rest as written if digits */
			for (; i < len; i++) {
				if (form[i] != '.' && !(form[i] >= '0' && form[i] <= '9'))
					ok = 0;
				buf[k++] = form[i];
			}
			group = group ? 4 : 0;
			break;
		} else {
			ok = 0;
		}
	}
	if (!ok || (group != 0 && group != 4) || k == 0)
		return ent_arena_strndup(arena, form, len);
	return ent_arena_strndup(arena, buf, k);
}

/* XPOS indices of xpos_names the lemmatiser asks about. */
enum { X_JJ = 5, X_NNS = 10, X_VBD = 13, X_VBZ = 15, X_VBN = 16, X_VBG = 18, X_NNPS = 34,
       X_JJS = 35, X_JJR = 36, X_RBR = 40, X_RBS = 46 };

const char *ent__lemmatize(const ent_strtab *tab, const char *form, size_t len,
                           int upos, int xpos, int first, ent_arena *arena)
{
	const unsigned char *v;
	size_t vlen, i, ln;
	char low[256], buf[264];
	int wn = -1, kind = -1;

	if (len > 255)
		return ent_arena_strndup(arena, form, len);
	v = ent__tab_get(tab, TAB_LEMMA_EXACT + xpos, form, len, &vlen);
	if (v)
		return (const char *)v;
	for (i = 0; i < len; i++)
		low[i] = (char)(form[i] >= 'A' && form[i] <= 'Z' ? form[i] + 32 : form[i]);
	ln = len;
	v = ent__tab_get(tab, TAB_LEMMA_LOWER + xpos, low, ln, &vlen);
	if (v) {
		/* a capitalised name seen in lower case keeps its capital
		 * (Holocaust, Edmonton) */
		if (upos == ENT_UPOS_PROPN && vlen == len && len > 1 && form[0] >= 'A' &&
		    form[0] <= 'Z' && form[1] >= 'a' && form[1] <= 'z' && v[0] >= 'a' && v[0] <= 'z' &&
		    strncasecmp((const char *)v, form, len) == 0)
			return ent_arena_strndup(arena, form, len);
		return (const char *)v;
	}
	if (upos == ENT_UPOS_PROPN || upos == ENT_UPOS_NUM || upos == ENT_UPOS_PUNCT ||
	    upos == ENT_UPOS_SYM || upos == ENT_UPOS_X) {
		if (upos == ENT_UPOS_NUM && memchr(form, ',', len))
			return number_lemma(form, len, arena);
		if (xpos != X_NNPS)
			return ent_arena_strndup(arena, form, len);
		/* plural proper nouns whose singular is a known noun: Americans ->
		 * American, Securities -> Security, but Sachs and Ecogas stay */
		for (i = 0; i < len; i++)
			low[i] = (char)(form[i] >= 'A' && form[i] <= 'Z' ? form[i] + 32 : form[i]);
		if (len > 3 && form[len - 1] == 's' && form[len - 2] != 's') {
			if (known(tab, WN_NOUN, low, len - 1))
				return ent_arena_strndup(arena, form, len - 1);
			if (len > 4 && ends(low, len, "ies")) {
				char y[256];

				memcpy(y, low, len - 3);
				y[len - 3] = 'y';
				if (known(tab, WN_NOUN, y, len - 2)) {
					char *r = ent_arena_strndup(arena, form, len - 2);

					if (r)
						r[len - 3] = form[len - 3] >= 'A' && form[len - 3] <= 'Z' ? 'Y' : 'y';
					return r;
				}
			}
		}
		return ent_arena_strndup(arena, form, len);
	}
	/* adjectives from names keep their capital inside a sentence:
	 * American, Iraqi (WordNet writes the noun with a capital) */
	if (!first && xpos == X_JJ && form[0] >= 'A' && form[0] <= 'Z' && len > 1 &&
	    !(form[1] >= 'A' && form[1] <= 'Z')) {
		size_t vl;
		const unsigned char *lv = ent__tab_get(tab, TAB_LEX, low, ln, &vl);

		if (lv && ((vl == LEX_BYTES && (lv[9] & 0x80)) || (vl == 1 && (lv[0] & 0x80))))
			return ent_arena_strndup(arena, form, len);
	}
	/* plurals written with an apostrophe: CD's, pic's */
	if (xpos == X_NNS && ln > 2 && low[ln - 1] == 's' &&
	    (low[ln - 2] == '\'' || (ln > 4 && (unsigned char)low[ln - 2] == 0x99 &&
	                            (unsigned char)low[ln - 3] == 0x80 &&
	                            (unsigned char)low[ln - 4] == 0xe2)))
		return ent_arena_strndup(arena, low, low[ln - 2] == '\'' ? ln - 2 : ln - 4);
	if (xpos == X_NNS)
		wn = WN_NOUN, kind = 0;
	else if (xpos == X_VBZ)
		wn = WN_VERB, kind = 0;
	else if (xpos == X_VBD || xpos == X_VBN)
		wn = WN_VERB, kind = 1;
	else if (xpos == X_VBG)
		wn = WN_VERB, kind = 2;
	else if (xpos == X_JJR)
		wn = WN_ADJ, kind = 3;
	else if (xpos == X_JJS)
		wn = WN_ADJ, kind = 4;
	else if (xpos == X_RBR)
		wn = WN_ADV, kind = 3;
	else if (xpos == X_RBS)
		wn = WN_ADV, kind = 4;
	if (wn < 0)
		return ent_arena_strndup(arena, low, ln);
	v = ent__tab_get(tab, TAB_EXC + wn, low, ln, &vlen);
	if (v)
		return (const char *)v;
	if (known(tab, wn, low, ln) && kind != 0 && kind != 1 && kind != 2)
		return ent_arena_strndup(arena, low, ln);
	ln = strip_suffix(tab, wn, low, ln, buf, kind);
	return ent_arena_strndup(arena, buf, ln);
}

/* ---- model files ---------------------------------------------------- */

static uint32_t rd32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static int read_lin(ent_lin *lin, const unsigned char *p, uint64_t len, const char *what)
{
	float scale;

	if (len < 16)
		return ent_error_set(ENT_EFORMAT, "model: %s section too short", what);
	lin->nclasses = rd32(p);
	lin->nslots = rd32(p + 4);
	memcpy(&scale, p + 8, 4);
	lin->scale = scale;
	if (!lin->nclasses || lin->nclasses > 256 || !lin->nslots ||
	    (lin->nslots & (lin->nslots - 1)) || lin->nslots > (1u << 28) ||
	    len < 16 + (uint64_t)lin->nslots + ENT_LIN_PAD(lin->nclasses))
		return ent_error_set(ENT_EFORMAT, "model: bad %s section", what);
	lin->w = (const int8_t *)(const void *)(p + 16);
	lin->w_last = lin->w + lin->nclasses - 1;
	lin->slot_mask = (lin->nslots - 1) & (lin->nclasses <= 4 ? ~3u : ~0u);
	return 0;
}

/* ent__model_parse; the checksum (a pass over all 15 MB) only with
 * check_sum: the built-in model is part of the binary, and its checksum
 * is tested (test_parse.c loads a copy with ent_model_load). */
static int model_parse(ent_model *m, const unsigned char *bytes, size_t len, int check_sum)
{
	uint32_t version, nsec, i;
	uint64_t total, sum;
	float margin = -1;
	size_t off = 32;
	int have = 0;
	const uint16_t probe = 1;

	if (len < 32 || memcmp(bytes, ENT_MODEL_MAGIC, 8) != 0)
		return ent_error_set(ENT_EFORMAT, "not an entente parser model");
	if (*(const unsigned char *)&probe != 1)
		return ent_error_set(ENT_EFORMAT, "models need a little-endian machine");
	if ((uintptr_t)bytes % 16)
		return ent_error_set(ENT_EFORMAT, "model bytes not aligned");
	version = rd32(bytes + 8);
	nsec = rd32(bytes + 12);
	total = rd64(bytes + 16);
	sum = rd64(bytes + 24);
	if (version != ENT_MODEL_VERSION)
		return ent_error_set(ENT_EFORMAT, "model format version %u, this library reads %d",
		                     version, ENT_MODEL_VERSION);
	if (total != len)
		return ent_error_set(ENT_EFORMAT, "model truncated or padded (%zu bytes, header says %llu)",
		                     len, (unsigned long long)total);
	if (check_sum && ent__hash_bytes(bytes + 32, len - 32, 0x6d6f64656cULL) != sum)
		return ent_error_set(ENT_EFORMAT, "model checksum mismatch (corrupt file)");
	for (i = 0; i < nsec; i++) {
		uint32_t id;
		uint64_t slen;
		const unsigned char *p;

		if (len - off < 16)
			return ent_error_set(ENT_EFORMAT, "model: section %u truncated", i);
		id = rd32(bytes + off);
		slen = rd64(bytes + off + 8);
		p = bytes + off + 16;
		if (slen > len - off - 16)
			return ent_error_set(ENT_EFORMAT, "model: section %u truncated", i);
		switch (id) {
		case SEC_TAGS: {
			uint64_t k;

			if (slen == 0 || slen % 2 || slen / 2 > 255)
				return ent_error_set(ENT_EFORMAT, "model: bad tag section");
			m->ntags = (int)(slen / 2);
			for (k = 0; k < slen / 2; k++) {
				m->tag_upos[k] = p[2 * k];
				m->tag_xpos[k] = p[2 * k + 1];
				if (p[2 * k] >= ENT_UPOS_COUNT || p[2 * k + 1] >= ENT_XPOS_COUNT)
					return ent_error_set(ENT_EFORMAT, "model: bad tag class");
			}
			have |= 1;
			break;
		}
		case SEC_LABELS: {
			uint64_t k;

			if (slen == 0 || slen > 64)
				return ent_error_set(ENT_EFORMAT, "model: bad label section");
			m->nlabels = (int)slen;
			m->root_label = m->punct_label = m->dep_label = -1;
			for (k = 0; k < slen; k++) {
				if (p[k] == 0 || p[k] >= ENT_DEPREL_COUNT)
					return ent_error_set(ENT_EFORMAT, "model: bad label");
				m->labels[k] = p[k];
				if (strcmp(deprel_names[p[k]], "root") == 0)
					m->root_label = (int)k;
				if (strcmp(deprel_names[p[k]], "punct") == 0)
					m->punct_label = (int)k;
				if (strcmp(deprel_names[p[k]], "dep") == 0)
					m->dep_label = (int)k;
			}
			if (m->root_label < 0)
				return ent_error_set(ENT_EFORMAT, "model: no root label");
			have |= 2;
			break;
		}
		case SEC_TAGGER:
			if (read_lin(&m->tagger, p, slen, "tagger"))
				return ENT_EFORMAT;
			have |= 4;
			break;
		case SEC_TAGGER2:
			if (slen < 16 || read_lin(&m->tagger2, p + 16, slen - 16, "tagger2"))
				return ent_error_set(ENT_EFORMAT, "model: bad tagger2 section");
			memcpy(&margin, p, 4);
			have |= 128;
			break;
		case SEC_PARSER:
			if (read_lin(&m->parser, p, slen, "parser"))
				return ENT_EFORMAT;
			have |= 8;
			break;
		case SEC_LABELER:
			if (read_lin(&m->labeler, p, slen, "labeler"))
				return ENT_EFORMAT;
			have |= 32;
			break;
		case SEC_ACTIONS: {
			ent_actions *a = &m->act;
			uint64_t k;

			if (slen < 18 || slen != 18 + (uint64_t)p[16] + p[17] || !p[16] || !p[17] ||
			    2 + p[16] + p[17] > 256)
				return ent_error_set(ENT_EFORMAT, "model: bad action section");
			a->other[0] = rd64(p);
			a->other[1] = rd64(p + 8);
			a->nleft = p[16];
			a->nright = p[17];
			a->n = 2 + a->nleft + a->nright;
			for (k = 0; k < (uint64_t)a->nleft + a->nright; k++)
				a->label[2 + k] = p[18 + k];
			have |= 64;
			break;
		}
		case SEC_TABLE: {
			uint32_t ns;
			uint64_t bl, k;

			if (slen < 16)
				return ent_error_set(ENT_EFORMAT, "model: bad table section");
			ns = rd32(p);
			bl = rd64(p + 8);
			if (!ns || (ns & (ns - 1)) || slen < 16 + 4 * (uint64_t)ns + bl)
				return ent_error_set(ENT_EFORMAT, "model: bad table section");
			m->table.nslots = ns;
			m->table.slots = (const uint32_t *)(const void *)(p + 16);
			m->table.blob = p + 16 + 4 * (uint64_t)ns;
			m->table.bloblen = (size_t)bl;
			/* every slot must point at a whole entry */
			for (k = 0; k < ns; k++) {
				uint32_t o = m->table.slots[k];
				const unsigned char *e;

				if (!o)
					continue;
				if (o - 1 + 3 > bl)
					return ent_error_set(ENT_EFORMAT, "model: bad table entry");
				e = m->table.blob + o - 1;
				if (o - 1 + 4 + (uint64_t)e[1] > bl ||
				    o - 1 + 4 + (uint64_t)e[1] + e[2 + e[1]] > bl ||
				    e[3 + e[1] + e[2 + e[1]]] != 0)
					return ent_error_set(ENT_EFORMAT, "model: bad table entry");
			}
			have |= 16;
			break;
		}
		default:
			break; /* unknown sections are skipped */
		}
		off += 16 + (size_t)slen;
		off = (off + 15) & ~(size_t)15;
		if (off > len)
			off = len;
	}
	if (have != 255)
		return ent_error_set(ENT_EFORMAT, "model: missing sections");
	{
		ent_actions *a = &m->act;
		int k;

		if (!(margin >= 0 && margin < 1e6f))
			return ent_error_set(ENT_EFORMAT, "model: bad tagger2 margin");
		m->retag_margin = (int32_t)(margin / m->tagger.scale);
		if ((int)m->tagger.nclasses != m->ntags || (int)m->tagger2.nclasses != m->ntags ||
		    (int)m->parser.nclasses != a->n ||
		    (int)m->labeler.nclasses != m->nlabels)
			return ent_error_set(ENT_EFORMAT, "model: class counts do not match");
		a->root_class = -1;
		for (k = 2; k < a->n; k++) {
			int l = a->label[k];

			if (l != ENT_LAB_OTHER && l >= m->nlabels)
				return ent_error_set(ENT_EFORMAT, "model: bad action label");
			if (l == m->root_label && k >= 2 + a->nleft)
				a->root_class = k;
		}
		if (a->root_class < 0 || (m->nlabels < 64 && ((a->other[0] | a->other[1]) >> m->nlabels)) ||
		    ((a->other[0] | a->other[1]) >> m->root_label & 1))
			return ent_error_set(ENT_EFORMAT, "model: bad action classes");
	}
	ftab_fill(&m->ftab);
	return 0;
}

int ent__model_parse(ent_model *m, const unsigned char *bytes, size_t len)
{
	return model_parse(m, bytes, len, 1);
}

/* Memory for a model's bytes: aligned to 2 MB and, where the system
 * offers it, in huge pages, since scoring reads the weights at random and
 * would otherwise miss the TLB on nearly every row. Freed with ent_free. */
static unsigned char *model_alloc(size_t len)
{
	const size_t huge = (size_t)2 << 20;
	void *p = NULL;

	if (len < 2 * huge)
		return ent_malloc(len ? len : 1);
	if (posix_memalign(&p, huge, (len + huge - 1) / huge * huge) != 0)
		return ent_malloc(len);
#ifdef MADV_HUGEPAGE
	madvise(p, (len + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
	return p;
}

static int model_load(ent_model **out, const void *bytes, size_t len, int check_sum)
{
	ent_model *m;
	int rc;

	*out = NULL;
	m = ent_calloc(1, sizeof *m);
	if (!m)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	m->owned = model_alloc(len);
	if (!m->owned) {
		ent_free(m);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	memcpy(m->owned, bytes, len);
	rc = model_parse(m, m->owned, len, check_sum);
	if (rc) {
		ent_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int ent_model_load(ent_model **out, const void *bytes, size_t len)
{
	return model_load(out, bytes, len, 1);
}

int ent_model_load_file(ent_model **out, const char *path)
{
	FILE *f = NULL;
	ent_model *m = NULL;
	long size;
	int rc = 0;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return ent_error_set(errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO,
		                     "cannot open model %s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		rc = ent_error_set(ENT_EIO, "cannot read model %s", path);
		goto done;
	}
	m = ent_calloc(1, sizeof *m);
	if (!m || !(m->owned = model_alloc((size_t)size + 1))) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory");
		goto done;
	}
	if (fread(m->owned, 1, (size_t)size, f) != (size_t)size) {
		rc = ent_error_set(ENT_EIO, "cannot read model %s", path);
		goto done;
	}
	rc = ent__model_parse(m, m->owned, (size_t)size);
	if (rc) {
		char msg[512];

		snprintf(msg, sizeof msg, "%s", ent_error_last());
		rc = ent_error_set(rc, "bad model %s: %s", path, msg);
		goto done;
	}
	*out = m;
	m = NULL;
done:
	ent_model_free(m);
	fclose(f);
	return rc;
}

int ent_model_builtin(ent_model **out)
{
	const ent_builtin_file *bf = ent_builtin_find("data/model/parser.bin");

	*out = NULL;
	if (!bf)
		return ent_error_set(ENT_ENOTFOUND, "no built-in parser model (run 'make model')");
	/* copied into huge pages: faster scoring (see model_alloc); the
	 * checksum is left out (see model_parse) */
	return model_load(out, bf->data, bf->size, 0);
}

void ent_model_free(ent_model *m)
{
	if (!m)
		return;
	ent_free(m->owned);
	ent_free(m);
}

/* ---- decoding ------------------------------------------------------- */

/* scores[c] = sum over the rows starting at slots f[0..nf) of their
 * weights, summed in 16 bits (see ENT_LIN_PAD); the feature templates
 * found the slots and asked for the rows (see put). Rows are read in
 * blocks of 16 lanes (the weight array is padded for that). */
static void lin_score_plain(const ent_lin *lin, const uint64_t *f, size_t nf, int32_t *scores)
{
	uint32_t c, j, nc = (lin->nclasses + 15u) & ~15u;
	int16_t acc[256];
	size_t i;

	memset(acc, 0, nc * sizeof *acc);
	for (i = 0; i < nf; i++) {
		const int8_t *w = lin->w + f[i];

		for (c = 0; c < nc; c += 16) {
			int16_t *s = acc + c;
			const int8_t *r = w + c;

			for (j = 0; j < 16; j++)
				s[j] = (int16_t)(s[j] + r[j]);
		}
	}
	for (c = 0; c < nc; c++)
		scores[c] = acc[c];
}

#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
/* With AVX2 (chosen at run time): the sums of up to 8 blocks stay in
 * registers, one body per number of blocks (the models have 2, 4 and 7),
 * and a block costs one widening load and one add. */
#define LIN_ADD(b) \
	if (nb > b) \
		a##b = _mm256_add_epi16(a##b, _mm256_cvtepi8_epi16( \
		           _mm_loadu_si128((const __m128i *)(const void *)(r + 16 * b))))
#define LIN_OUT(b) \
	if (nb > b) { \
		_mm256_storeu_si256((__m256i *)(void *)(scores + 16 * b), \
		                    _mm256_cvtepi16_epi32(_mm256_castsi256_si128(a##b))); \
		_mm256_storeu_si256((__m256i *)(void *)(scores + 16 * b + 8), \
		                    _mm256_cvtepi16_epi32(_mm256_extracti128_si256(a##b, 1))); \
	}

static inline __attribute__((always_inline, target("avx2"))) void
lin_sum_avx2(const ent_lin *lin, const uint64_t *f, size_t nf, uint32_t nb, int32_t *scores)
{
	__m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,
	        a6 = a0, a7 = a0;
	const int8_t *w = lin->w;
	size_t i;

	/* two rows an iteration: half the loop's own instructions */
	for (i = 0; i + 2 <= nf; i += 2) {
		const int8_t *r = w + f[i];

		LIN_ADD(0); LIN_ADD(1); LIN_ADD(2); LIN_ADD(3);
		LIN_ADD(4); LIN_ADD(5); LIN_ADD(6); LIN_ADD(7);
		r = w + f[i + 1];
		LIN_ADD(0); LIN_ADD(1); LIN_ADD(2); LIN_ADD(3);
		LIN_ADD(4); LIN_ADD(5); LIN_ADD(6); LIN_ADD(7);
	}
	if (i < nf) {
		const int8_t *r = w + f[i];

		LIN_ADD(0); LIN_ADD(1); LIN_ADD(2); LIN_ADD(3);
		LIN_ADD(4); LIN_ADD(5); LIN_ADD(6); LIN_ADD(7);
	}
	LIN_OUT(0) LIN_OUT(1) LIN_OUT(2) LIN_OUT(3)
	LIN_OUT(4) LIN_OUT(5) LIN_OUT(6) LIN_OUT(7)
}

__attribute__((target("avx2")))
static void lin_score_avx2(const ent_lin *lin, const uint64_t *f, size_t nf, int32_t *scores)
{
	switch ((lin->nclasses + 15u) / 16u) {
	case 1: lin_sum_avx2(lin, f, nf, 1, scores); break;
	case 2: lin_sum_avx2(lin, f, nf, 2, scores); break;
	case 3: lin_sum_avx2(lin, f, nf, 3, scores); break;
	case 4: lin_sum_avx2(lin, f, nf, 4, scores); break;
	case 5: lin_sum_avx2(lin, f, nf, 5, scores); break;
	case 6: lin_sum_avx2(lin, f, nf, 6, scores); break;
	case 7: lin_sum_avx2(lin, f, nf, 7, scores); break;
	case 8: lin_sum_avx2(lin, f, nf, 8, scores); break;
	default: lin_score_plain(lin, f, nf, scores); break;
	}
}
#endif

#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
/* Arg-max over scores with AVX2, eight classes at a time. The lanes
 * taken are the classes below n, but skip, that valid marks (every class
 * when valid is NULL); the blocks read run to n rounded up to 8, which
 * lin_score has written (it writes whole blocks of 16) and valid holds. */
static inline __attribute__((always_inline, target("avx2"))) __m256i
arg_lanes(int i, int n, const uint8_t *valid, int skip)
{
	__m256i idx = _mm256_add_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
	                               _mm256_set1_epi32(i));
	__m256i ok = _mm256_andnot_si256(_mm256_cmpeq_epi32(idx, _mm256_set1_epi32(skip)),
	                                 _mm256_cmpgt_epi32(_mm256_set1_epi32(n), idx));

	if (valid)
		ok = _mm256_and_si256(ok, _mm256_cmpgt_epi32(
		         _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(valid + i))),
		         _mm256_setzero_si256()));
	return ok;
}

/* The highest score of the lanes taken (INT32_MIN when none is taken;
 * scores themselves never are). */
__attribute__((target("avx2")))
static int32_t arg_max_avx2(const int32_t *scores, int n, const uint8_t *valid, int skip)
{
	const __m256i low = _mm256_set1_epi32(INT32_MIN);
	__m256i mx = low;
	int i;

	for (i = 0; i < n; i += 8) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(scores + i));

		mx = _mm256_max_epi32(mx, _mm256_blendv_epi8(low, v, arg_lanes(i, n, valid, skip)));
	}
	mx = _mm256_max_epi32(mx, _mm256_permute2x128_si256(mx, mx, 1));
	mx = _mm256_max_epi32(mx, _mm256_shuffle_epi32(mx, 0x4e));
	mx = _mm256_max_epi32(mx, _mm256_shuffle_epi32(mx, 0xb1));
	return _mm256_cvtsi256_si32(mx);
}

/* The first lane taken whose score is top, -1 if none. */
__attribute__((target("avx2")))
static int arg_first_avx2(const int32_t *scores, int n, const uint8_t *valid, int32_t top)
{
	__m256i t = _mm256_set1_epi32(top);
	int i;

	for (i = 0; i < n; i += 8) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(scores + i));
		int bits = _mm256_movemask_ps(_mm256_castsi256_ps(
		               _mm256_and_si256(_mm256_cmpeq_epi32(v, t), arg_lanes(i, n, valid, -1))));

		if (bits)
			return i + __builtin_ctz((unsigned)bits);
	}
	return -1;
}
#endif

static void lin_score(const ent_lin *lin, const uint64_t *f, size_t nf, int32_t *scores)
{
#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
	if (__builtin_cpu_supports("avx2")) {
		lin_score_avx2(lin, f, nf, scores);
		return;
	}
#endif
	lin_score_plain(lin, f, nf, scores);
}

/* The best class of scores[0..n): the first of the highest among the
 * classes valid marks (all when valid is NULL); -1 when none is valid.
 * With second, also the highest score of the other classes (INT32_MIN
 * when there are none; scores never are INT32_MIN). */
static int best_class(const int32_t *scores, int n, const uint8_t *valid, int32_t *second)
{
	int32_t top = 0, sec = INT32_MIN;
	int k, best = -1;

#if defined(__GNUC__) && defined(__x86_64__) && !defined(ENT_NO_AVX2)
	if (__builtin_cpu_supports("avx2")) {
		best = arg_first_avx2(scores, n, valid, arg_max_avx2(scores, n, valid, -1));
		if (second)
			*second = best < 0 ? INT32_MIN : arg_max_avx2(scores, n, valid, best);
		return best;
	}
#endif
	for (k = 0; k < n; k++) {
		if (valid && !valid[k])
			continue;
		if (best < 0 || scores[k] > top) {
			if (best >= 0)
				sec = top;
			best = k;
			top = scores[k];
		} else if (scores[k] > sec) {
			sec = scores[k];
		}
	}
	if (second)
		*second = sec;
	return best;
}

/* The best label of mask (a bit per label) by the label model. */
static int best_label(const ent_model *m, const ent_pstate *st, int h, int d, uint64_t mask,
                      uint64_t *feats, int32_t *scores)
{
	size_t nf = label_features(feats, st, h, d, &m->labeler);
	int k, best = -1;

	lin_score(&m->labeler, feats, nf, scores);
	for (k = 0; k < m->nlabels; k++)
		if ((mask >> k & 1) && (best < 0 || scores[k] > scores[best]))
			best = k;
	return best;
}

/* A sentence on its way through the tagger and the parser: its tokens,
 * where it is, and the step under way. A step is one word tagged or one
 * parser transition. */
enum { PH_TAG1, PH_TAG2, PH_PARSE };

typedef struct parse_job {
	ent_token *tokens;
	size_t n;
	const char *text;
	int phase;             /* PH_* */
	size_t i;              /* the word being tagged */
	int p1, p2;            /* the classes of the two words before it */
	ent_tokinfo *ti;
	uint8_t *r, *sure;     /* first pass: classes, and sure of them */
	ent_pstate st;
	ent_pwords pw;
	uint8_t *xpos, *upos;
	size_t nf;             /* features of the step under way; 0: forced */
	int forced;            /* the one valid class of a forced step */
	uint8_t valid[256];
	uint64_t feats[ENT_PARSE_NFEAT > ENT_TAG_NFEAT ? ENT_PARSE_NFEAT : ENT_TAG_NFEAT];
} parse_job;

/* Readies job to tag and parse tokens[0..n) (n > 0). */
static int job_start(const ent_model *m, parse_job *job, ent_token *tokens, size_t n,
                     const char *text, ti_cache *cache, ent_arena *arena)
{
	ent_pwords *pw = &job->pw;
	ent_pstate *st = &job->st;
	size_t i;

	if (n > ENT_PARSE_MAX_TOKENS)
		return ent_error_set(ENT_ELIMIT, "sentence of %zu tokens is longer than %d",
		                     n, ENT_PARSE_MAX_TOKENS);
	job->tokens = tokens;
	job->n = n;
	job->text = text;
	job->ti = ent_arena_alloc(arena, n * sizeof *job->ti);
	pw->word = ent_arena_alloc(arena, (n + 1) * sizeof *pw->word);
	pw->suf = ent_arena_alloc(arena, (n + 1) * sizeof *pw->suf);
	pw->cverb = ent_arena_alloc(arena, (n + 1) * sizeof *pw->cverb);
	pw->cpunct = ent_arena_alloc(arena, (n + 1) * sizeof *pw->cpunct);
	pw->tag = ent_arena_alloc(arena, n + 1);
	pw->utag = ent_arena_alloc(arena, n + 1);
	job->xpos = ent_arena_alloc(arena, n + 1);
	job->upos = ent_arena_alloc(arena, n + 1);
	job->r = ent_arena_alloc(arena, n);
	job->sure = ent_arena_alloc(arena, n);
	st->stack = ent_arena_alloc(arena, (n + 1) * sizeof *st->stack);
	st->node = ent_arena_alloc(arena, (n + 1) * sizeof *st->node);
	if (!job->ti || !pw->word || !pw->suf || !pw->cverb || !pw->cpunct || !pw->tag ||
	    !pw->utag || !job->xpos || !job->upos || !job->r || !job->sure || !st->stack ||
	    !st->node)
		return ENT_ENOMEM;
	tokinfo(job->ti, tokens, n, text, &m->table, cache);
	/* names the caller knows (a dictionary's actors, ENT_TOK_NAME) are
	 * proper nouns, however unusual the word */
	for (i = 0; i < n; i++)
		if (tokens[i].flags & ENT_TOK_NAME) {
			int k;

			for (k = 0; k < m->ntags && strcmp(ent_xpos_name(m->tag_xpos[k]), "NNP") != 0; k++)
				;
			if (k < m->ntags)
				job->ti[i].fixed = (uint8_t)(k + 1);
		}
	job->phase = PH_TAG1;
	job->i = 0;
	job->p1 = job->p2 = -1;
	return 0;
}

/* Lemmatises the tagged words, asking for the table entries of (form,
 * tag) of a block of words before looking them up, and readies the
 * parser. */
static int job_lemmas(const ent_model *m, parse_job *job, ent_arena *arena)
{
	ent_token *tokens = job->tokens;
	const char *text = job->text;
	size_t i, n = job->n;

	for (i = 0; i < n; i++) {
		if (i % TAB_BLOCK == 0) {
			uint64_t h[TAB_BLOCK];
			size_t j, e = n - i < TAB_BLOCK ? n - i : TAB_BLOCK;

			for (j = 0; j < e; j++) {
				const ent_token *tk = &tokens[i + j];

				h[j] = ent__tab_hash(TAB_LEMMA_EXACT + tk->xpos, text + tk->start,
				                     tk->end - tk->start);
				tab_prefetch_slot(&m->table, h[j]);
			}
			for (j = 0; j < e; j++)
				tab_touch_entry(&m->table, h[j]);
		}
		tokens[i].lemma = ent__lemmatize(&m->table, text + tokens[i].start,
		                                 tokens[i].end - tokens[i].start,
		                                 tokens[i].upos, tokens[i].xpos, i == 0, arena);
		if (!tokens[i].lemma)
			return ENT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		job->xpos[i] = tokens[i].xpos;
		job->upos[i] = tokens[i].upos;
	}
	ent__pstate_words(&job->st, &job->pw, job->ti, job->xpos, job->upos, (int)n);
	ent__pstate_init(&job->st, (int)n);
	return 0;
}

/* ent__act_valid for the decoder: marks the valid classes in valid (the
 * same marks), returns how many there are and sets *last to the highest
 * valid class (-1 when none). The classes are runs that share their
 * unlabelled action's validity, so they are set a run at a time rather
 * than a class at a time. */
static int step_valid(const ent_actions *a, const ent_pstate *st, uint8_t *valid, int *last)
{
	uint8_t v[ENT_NACT];
	int atroot = st->stack[st->sp - 1] == 0, nright = a->n - 2 - a->nleft, nvalid;
	int root = a->root_class;

	ent__pstate_valid(st, v);
	valid[ACT_SHIFT] = v[ACT_SHIFT];
	valid[ACT_REDUCE] = v[ACT_REDUCE];
	memset(valid + 2, v[ACT_LEFT], (size_t)a->nleft);
	/* right arcs: the root class alone at the root, the others elsewhere */
	memset(valid + 2 + a->nleft, v[ACT_RIGHT] && !atroot, (size_t)nright);
	if (root >= 2 + a->nleft && root < a->n)
		valid[root] = (uint8_t)(v[ACT_RIGHT] && atroot);
	nvalid = v[ACT_SHIFT] + v[ACT_REDUCE] + (v[ACT_LEFT] ? a->nleft : 0);
	*last = -1;
	if (v[ACT_RIGHT]) {
		int inrange = root >= 2 + a->nleft && root < a->n;

		if (atroot) {
			nvalid += inrange;
			if (inrange)
				*last = root;
		} else {
			nvalid += nright - inrange;
			if (nright - inrange > 0)
				*last = a->n - 1 == root ? a->n - 2 : a->n - 1;
		}
	}
	if (*last < 0)
		*last = v[ACT_LEFT] && a->nleft ? 1 + a->nleft
		      : v[ACT_REDUCE] ? ACT_REDUCE : v[ACT_SHIFT] ? ACT_SHIFT : -1;
	return nvalid;
}

/* The first half of a step: moves over what needs no scores (words of
 * one class, words the first pass is sure of, lemmas, forced parser
 * moves) up to the next scored step and hashes its features, which asks
 * for their rows. Returns 1 for a step, 0 when the sentence is done, or a
 * negative error code. The tagger's first pass goes left to right; the
 * second, which also sees the first pass's classes of the words after,
 * retags the words the first was unsure of. */
static int step_begin(const ent_model *m, parse_job *job, ent_arena *arena)
{
	const ent_tokinfo *ti = job->ti;
	size_t n = job->n;
	int nvalid, rc;

	for (;;) {
		switch (job->phase) {
		case PH_TAG1:
			while (job->i < n && ti[job->i].fixed && ti[job->i].fixed <= m->ntags) {
				job->r[job->i] = (uint8_t)(ti[job->i].fixed - 1);
				job->sure[job->i] = 1;
				job->p2 = job->p1;
				job->p1 = job->r[job->i++];
			}
			if (job->i < n) {
				job->nf = tag_features(job->feats, ti, job->i, n, job->p1, job->p2, NULL,
				                       &m->tagger);
				return 1;
			}
			job->phase = PH_TAG2;
			job->i = 0;
			job->p1 = job->p2 = -1;
			break;
		case PH_TAG2:
			while (job->i < n && job->sure[job->i]) {
				int best = job->r[job->i];

				job->tokens[job->i].upos = m->tag_upos[best];
				job->tokens[job->i++].xpos = m->tag_xpos[best];
				job->p2 = job->p1;
				job->p1 = best;
			}
			if (job->i < n) {
				job->nf = tag_features(job->feats, ti, job->i, n, job->p1, job->p2, job->r,
				                       &m->tagger2);
				return 1;
			}
			if ((rc = job_lemmas(m, job, arena)) != 0)
				return rc;
			job->phase = PH_PARSE;
			break;
		default:
			if (ent__pstate_done(&job->st))
				return 0;
			nvalid = step_valid(&m->act, &job->st, job->valid, &job->forced);
			if (nvalid == 0)
				return 0; /* cannot happen while the buffer has words */
			/* (a forced move, shift after the root's child, needs no
			 * scores) */
			job->nf = nvalid > 1 ? parse_slots(job->feats, &job->st, &m->parser, &m->ftab) : 0;
			return 1;
		}
	}
}

/* The second half: scores the features and takes the best class (with
 * the parser, the best valid one and its label, from the label model if
 * the class leaves the label to it). */
static void step_end(const ent_model *m, parse_job *job, uint64_t *feats, int32_t *scores)
{
	int best = 0, label = 0, kind, h, d;

	switch (job->phase) {
	case PH_TAG1: {
		int32_t second = INT32_MIN;  /* (scores are never INT32_MIN) */

		lin_score(&m->tagger, job->feats, job->nf, scores);
		best = best_class(scores, m->ntags, NULL, &second);
		job->r[job->i] = (uint8_t)best;
		job->sure[job->i++] = second == INT32_MIN || scores[best] - second >= m->retag_margin;
		job->p2 = job->p1;
		job->p1 = best;
		return;
	}
	case PH_TAG2:
		lin_score(&m->tagger2, job->feats, job->nf, scores);
		best = best_class(scores, m->ntags, NULL, NULL);
		job->tokens[job->i].upos = m->tag_upos[best];
		job->tokens[job->i++].xpos = m->tag_xpos[best];
		job->p2 = job->p1;
		job->p1 = best;
		return;
	default:
		break;
	}
	best = job->forced;
	if (job->nf) {
		lin_score(&m->parser, job->feats, job->nf, scores);
		best = best_class(scores, m->act.n, job->valid, NULL);
	}
	kind = ent__act_kind(&m->act, best);
	if (kind == ACT_LEFT || kind == ACT_RIGHT) {
		label = m->act.label[best];
		if (label == ENT_LAB_OTHER) {
			ent__pstate_arc(&job->st, kind, &h, &d);
			label = best_label(m, &job->st, h, d, m->act.other[kind == ACT_RIGHT], feats,
			                   scores);
		}
	}
	ent__pstate_apply(&job->st, kind, label);
}

/* Attaches the words left without a head and writes heads and labels. */
static void parse_end(const ent_model *m, parse_job *job)
{
	size_t i;

	ent__pstate_finish(&job->st, m->nlabels, m->root_label, m->punct_label,
	                   m->dep_label >= 0 ? m->dep_label : m->punct_label);
	for (i = 0; i < job->n; i++) {
		const ent_pnode *nd = &job->st.node[i + 1];

		job->tokens[i].head = nd->head < 0 ? 0 : nd->head;
		job->tokens[i].deprel = nd->label ? m->labels[nd->label - 1] : 0;
	}
}

/* Sentences tagged and parsed side by side: a step reads some 50 to 90
 * rows scattered over the model, so while the rows of one sentence's
 * step are on their way the features of the other sentence's step are
 * hashed. Each sentence's steps are the same as alone. */
#define PARSE_LANES 2

int ent_tag_parse_batch(const ent_model *m, const ent_parse_item *items, size_t count,
                        ent_arena *arena)
{
	parse_job jobs[PARSE_LANES], *lane[PARSE_LANES], *free_jobs[PARSE_LANES];
	uint64_t feats[ENT_LABEL_NFEAT];
	int32_t scores[256];
	size_t next = 0;
	int nlane = 0, nfree = PARSE_LANES, j, rc;
	/* (without memory for it, no cache: the same values, computed) */
	ti_cache *cache = count > 1 ? ent_arena_alloc(arena, sizeof *cache) : NULL;

	if (cache) {
		cache->n = 0;
		memset(cache->klen, 0, sizeof cache->klen);
	}
	for (j = 0; j < PARSE_LANES; j++)
		free_jobs[j] = &jobs[j];
	for (;;) {
		while (nfree > 0 && next < count) {
			const ent_parse_item *it = &items[next++];

			if (it->n == 0)
				continue;
			rc = job_start(m, free_jobs[nfree - 1], it->tokens, it->n, it->text, cache, arena);
			if (rc)
				return rc;
			lane[nlane++] = free_jobs[--nfree];
		}
		if (nlane == 0)
			return 0;
		for (j = 0; j < nlane; j++) {
			rc = step_begin(m, lane[j], arena);
			if (rc < 0)
				return rc;
			if (rc == 0) {
				parse_end(m, lane[j]);
				free_jobs[nfree++] = lane[j];
				lane[j--] = lane[--nlane];
			}
		}
		for (j = 0; j < nlane; j++)
			step_end(m, lane[j], feats, scores);
	}
}

int ent_tag_parse(const ent_model *m, ent_token *tokens, size_t n, const char *text,
                  ent_arena *arena)
{
	ent_parse_item it;

	it.tokens = tokens;
	it.n = n;
	it.text = text;
	return ent_tag_parse_batch(m, &it, 1, arena);
}

int ent_tag_parse_all(const ent_model *m, ent_segmentation *seg, const char *text,
                      ent_arena *arena)
{
	ent_parse_item items[64];
	size_t i = 0;
	int rc;

	/* in groups of 64 sentences, so that no memory is needed */
	while (i < seg->nsents) {
		size_t k;

		for (k = 0; k < 64 && i < seg->nsents; k++, i++) {
			items[k].tokens = seg->tokens + seg->sents[i].first;
			items[k].n = seg->sents[i].ntokens;
			items[k].text = text;
		}
		rc = ent_tag_parse_batch(m, items, k, arena);
		if (rc)
			return rc;
	}
	return 0;
}
