/*
 * dict.c - the dictionary object: word and string tables, the phrase trie,
 * entries, verb patterns and synsets, diagnostics, finishing (synsets
 * resolved, lists compiled into flat arrays) and the one-pass matcher.
 *
 * The trie is a flat array of nodes whose edges live in one open-addressing
 * hash table keyed by (node, word key); the root's edges are also a direct
 * array indexed by word key, so most tokens of a sentence, which start no
 * phrase, cost one array read. Everything a dictionary owns comes from its
 * arena or from a few growable arrays; nothing is allocated per entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/utf8.h"
#include "dict_int.h"

/* ------------------------------------------------------------------ */
/* Growable arrays                                                     */

/* Returns ptr grown to hold need elements of size bytes (capacity *cap),
 * or ptr unchanged with *rc set to ENT_ENOMEM. */
static void *grow_array(void *ptr, size_t *cap, size_t need, size_t size, int *rc)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return ptr;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	np = ent_realloc(ptr, ncap * size);
	if (!np) {
		*rc = ent_error_set(ENT_ENOMEM, "out of memory");
		return ptr;
	}
	*cap = ncap;
	return np;
}

/* GROW(arr, cap, need, rc): makes room for need elements in arr; gives 0
 * or ENT_ENOMEM (also left in rc). cap is a size_t. */
#define GROW(arr, capv, need, rc) \
	((rc) = 0, (arr) = grow_array((arr), &(capv), (need), sizeof *(arr), &(rc)), (rc))

static int list_push(dict_list *l, uint32_t id, uint32_t next, uint32_t *at)
{
	int rc;

	if (l->n == 0)
		l->n = 1;  /* links[0] ends lists */
	if (l->n >= UINT32_MAX - 1)
		return ent_error_set(ENT_ELIMIT, "dictionary too large");
	if (GROW(l->links, l->cap, (size_t)l->n + 1, rc))
		return rc;
	l->links[l->n].id = id;
	l->links[l->n].next = next;
	*at = l->n++;
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* String tables                                                       */

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

uint32_t dict_hash(const char *s, size_t len)
{
	return hash_bytes(s, len);
}

uint32_t dict_intern_find(const dict_intern *t, const char *s, size_t len)
{
	return dict_intern_find_h(t, s, len, hash_bytes(s, len));
}

uint32_t dict_intern_find_h(const dict_intern *t, const char *s, size_t len, uint32_t h)
{
	uint32_t i;
	uint64_t slot;

	if (!t->slots)
		return 0;
	/* A slot holds the hash with the id, so that a probe reads the
	 * string only when the hashes agree. */
	for (i = h & t->mask;; i = (i + 1) & t->mask) {
		slot = t->slots[i];
		if (!slot)
			return 0;
		if ((uint32_t)(slot >> 32) == h) {
			uint32_t id = (uint32_t)slot;

			if (t->len[id] == len && memcmp(t->str[id], s, len) == 0)
				return id;
		}
	}
}

static int intern_rehash(dict_intern *t, uint32_t nslots)
{
	uint64_t *slots = ent_calloc(nslots, sizeof *slots);
	uint32_t id, i;

	if (!slots)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	for (id = 1; id < t->n; id++) {
		for (i = t->hash[id] & (nslots - 1); slots[i]; i = (i + 1) & (nslots - 1))
			;
		slots[i] = ((uint64_t)t->hash[id] << 32) | id;
	}
	ent_free(t->slots);
	t->slots = slots;
	t->mask = nslots - 1;
	return ENT_OK;
}

int dict_intern_add(ent_dict *d, dict_intern *t, const char *s, size_t len, uint32_t *id)
{
	uint32_t h, i, n;
	char *copy;
	int rc;

	if ((*id = dict_intern_find(t, s, len)) != 0)
		return ENT_OK;
	if (len > UINT32_MAX / 2)
		return ent_error_set(ENT_ELIMIT, "string too long");
	if (t->n == 0)
		t->n = 1;
	n = t->n;
	if (!t->slots || (size_t)(n + 1) * 2 > (size_t)t->mask + 1) {
		rc = intern_rehash(t, t->slots ? (t->mask + 1) * 2 : 1024);
		if (rc)
			return rc;
	}
	if (n >= UINT32_MAX / 4)
		return ent_error_set(ENT_ELIMIT, "too many words");
	if ((size_t)n + 1 > t->cap) {
		size_t c1 = t->cap, c2 = t->cap, c3 = t->cap;

		if (GROW(t->str, c1, (size_t)n + 1, rc) || GROW(t->len, c2, (size_t)n + 1, rc) ||
		    GROW(t->hash, c3, (size_t)n + 1, rc))
			return rc;
		t->cap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
	}
	copy = ent_arena_strndup(d->arena, s, len);
	if (!copy)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	h = hash_bytes(s, len);
	t->str[n] = copy;
	t->len[n] = (uint32_t)len;
	t->hash[n] = h;
	for (i = h & t->mask; t->slots[i]; i = (i + 1) & t->mask)
		;
	t->slots[i] = ((uint64_t)h << 32) | n;
	t->n = n + 1;
	*id = n;
	return ENT_OK;
}

static void intern_free(dict_intern *t)
{
	ent_free(t->slots);
	ent_free(t->str);
	ent_free(t->len);
	ent_free(t->hash);
}

const char *dict_string(ent_dict *d, const char *s, size_t len)
{
	uint32_t id;

	if (dict_intern_add(d, &d->strings, s, len, &id))
		return NULL;
	return d->strings.str[id];
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

static size_t put_utf8(char *out, int32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t dict_norm(char *out, size_t cap, const char *s, size_t len,
                 int *caps, int *letters)
{
	size_t i = 0, o = 0;
	int upper = 0, lower = 0, dots = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (o + 4 > cap)
			return 0;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z') {
				out[o++] = (char)(c + 32);
				upper++;
			} else {
				if (c >= 'a' && c <= 'z')
					lower++;
				else if (c == '.')
					dots++;
				out[o++] = (char)c;
			}
			i++;
			continue;
		}
		{
			int32_t cp = ent_utf8_decode(s + i, len - i, &n);

			i += (size_t)n;
			if (cp < 0) {
				cp = 0xFFFD;
			} else if (cp == 0x2019) {
				out[o++] = '\'';
				continue;
			} else if (ent_uc_is_upper(cp)) {
				upper++;
				cp = ent_uc_tolower(cp);
			} else if (ent_uc_is_letter(cp)) {
				lower++;
			}
			o += put_utf8(out + o, cp);
		}
	}
	/* U.S. and U.S are one word; so are U.S.S.R and U.S.S.R. */
	if (dots >= 2 && o > 2 && out[o - 1] == '.' && upper + lower > 0)
		o--;
	if (caps)
		*caps = upper > 0 && lower == 0;
	if (letters)
		*letters = upper + lower;
	return o;
}

static int word_add(ent_dict *d, const char *w, size_t n, uint32_t *id)
{
	int rc = dict_intern_add(d, &d->words, w, n, id);

	if (rc)
		return rc;
	if (*id >= d->wflags_cap) {
		size_t old = d->wflags_cap;

		if (GROW(d->wflags, d->wflags_cap, (size_t)*id + 1, rc))
			return rc;
		memset(d->wflags + old, 0, d->wflags_cap - old);
	}
	return ENT_OK;
}

uint32_t ent_dict_word_id(const ent_dict *d, const char *word, size_t len)
{
	char buf[DICT_WORD_MAX];
	size_t n = dict_norm(buf, sizeof buf, word, len, NULL, NULL);

	return n ? dict_intern_find(&d->words, buf, n) : 0;
}

const char *ent_dict_word(const ent_dict *d, uint32_t id)
{
	return id > 0 && id < d->words.n ? d->words.str[id] : NULL;
}

/* Whether a chunk of ASCII letters is one token for sure: the tokeniser
 * splits a few whole words ("cannot", "gonna", "dont"), all ending in one
 * of these pairs; the rest of an alphabetic chunk stays whole. */
static int plain_word(const char *s, size_t n)
{
	size_t i;
	char a, b;

	if (n < 2)
		return n == 1 && ((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z');
	for (i = 0; i < n; i++) {
		char c = (char)(s[i] | 32);

		if (c < 'a' || c > 'z')
			return 0;
	}
	a = (char)(s[n - 2] | 32);
	b = (char)(s[n - 1] | 32);
	return !((a == 'o' && b == 't') || (a == 'n' && b == 'a') || (a == 't' && b == 'a') ||
	         (a == 'n' && b == 't') || (a == 'm' && b == 'e'));
}

/* Adds one token s[0..n) to ids/caps. */
static int phrase_token(ent_dict *d, const char *s, size_t n, uint32_t *ids,
                        uint8_t *caps, size_t max, size_t *k)
{
	char buf[DICT_WORD_MAX];
	int c = 0, letters = 0, rc;
	size_t len;

	if (*k >= max)
		return -1;
	len = dict_norm(buf, sizeof buf, s, n, &c, &letters);
	if (!len)
		return -1;
	rc = word_add(d, buf, len, &ids[*k]);
	if (rc)
		return rc;
	/* bit 0: written in capitals; bits 1..: number of letters */
	caps[*k] = (uint8_t)((c ? 1 : 0) | ((letters > 100 ? 100 : letters) << 1));
	(*k)++;
	return 0;
}

int dict_phrase_words(ent_dict *d, const char *s, size_t len, int underscore,
                      uint32_t *ids, uint8_t *caps, size_t max)
{
	size_t i = 0, k = 0;
	int rc;

	while (i < len) {
		size_t j;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || (underscore && s[i] == '_')))
			i++;
		j = i;
		while (j < len && s[j] != ' ' && s[j] != '\t' && !(underscore && s[j] == '_'))
			j++;
		if (j == i)
			break;
		if (plain_word(s + i, j - i)) {
			rc = phrase_token(d, s + i, j - i, ids, caps, max, &k);
			if (rc)
				return rc == -1 ? -1 : rc;
		} else {
			ent_segmentation seg;
			size_t t;

			ent_arena_reset(d->scratch);
			rc = ent_tokenize(&seg, s + i, j - i, d->scratch);
			if (rc)
				return rc;
			for (t = 0; t < seg.ntokens; t++) {
				rc = phrase_token(d, s + i + seg.tokens[t].start,
				                  seg.tokens[t].end - seg.tokens[t].start,
				                  ids, caps, max, &k);
				if (rc)
					return rc == -1 ? -1 : rc;
			}
		}
		i = j;
	}
	return (int)k;
}

/* ------------------------------------------------------------------ */
/* The trie                                                            */

static uint32_t edge_slot(uint64_t key, uint32_t mask)
{
	return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

static uint32_t edge_find(const ent_dict *d, uint32_t node, uint32_t key)
{
	uint64_t k = ((uint64_t)node << 32) | key;
	uint32_t i;

	if (node == 0 && d->root_child)
		return key < d->nroot ? d->root_child[key] : 0;
	if (!d->edge_keys)
		return 0;
	for (i = edge_slot(k, d->edge_mask);; i = (i + 1) & d->edge_mask) {
		if (d->edge_keys[i] == k)
			return d->edge_child[i];
		if (d->edge_keys[i] == 0)
			return 0;
	}
}

static int edge_rehash(ent_dict *d, uint32_t nslots)
{
	uint64_t *keys = ent_calloc(nslots, sizeof *keys);
	uint32_t *child = ent_malloc((size_t)nslots * sizeof *child);
	uint32_t i, j;

	if (!keys || !child) {
		ent_free(keys);
		ent_free(child);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	if (d->edge_keys) {
		for (i = 0; i <= d->edge_mask; i++) {
			if (!d->edge_keys[i])
				continue;
			for (j = edge_slot(d->edge_keys[i], nslots - 1); keys[j]; j = (j + 1) & (nslots - 1))
				;
			keys[j] = d->edge_keys[i];
			child[j] = d->edge_child[i];
		}
	}
	ent_free(d->edge_keys);
	ent_free(d->edge_child);
	d->edge_keys = keys;
	d->edge_child = child;
	d->edge_mask = nslots - 1;
	return ENT_OK;
}

static int node_new(ent_dict *d, uint32_t *node)
{
	size_t c1 = d->nodes_cap, c2 = d->nodes_cap;
	int rc;

	if (d->nnodes >= UINT32_MAX - 1)
		return ent_error_set(ENT_ELIMIT, "dictionary too large");
	if ((size_t)d->nnodes + 1 > d->nodes_cap) {
		if (GROW(d->node_term, c1, (size_t)d->nnodes + 1, rc) ||
		    GROW(d->node_nterm, c2, (size_t)d->nnodes + 1, rc))
			return rc;
		d->nodes_cap = c1 < c2 ? c1 : c2;
	}
	d->node_term[d->nnodes] = 0;
	d->node_nterm[d->nnodes] = 0;
	*node = d->nnodes++;
	return ENT_OK;
}

int dict_trie_insert(ent_dict *d, const uint32_t *ids, const uint8_t *spaces,
                     size_t n, uint32_t *node)
{
	uint32_t cur = 0, i, child;
	size_t w;
	int rc;

	if (d->nnodes == 0 && (rc = node_new(d, &cur)))
		return rc;
	cur = 0;
	for (w = 0; w < n; w++) {
		uint32_t key = DICT_KEY(ids[w], spaces[w]);
		uint64_t k = ((uint64_t)cur << 32) | key;

		d->wflags[ids[w]] |= (uint8_t)(1u << spaces[w]);
		if (spaces[w] == DICT_LEMMA)
			d->has_lemma = 1;
		child = edge_find(d, cur, key);
		if (!child) {
			if (!d->edge_keys || ((size_t)d->nedges + 1) * 2 > (size_t)d->edge_mask + 1) {
				rc = edge_rehash(d, d->edge_keys ? (d->edge_mask + 1) * 2 : 4096);
				if (rc)
					return rc;
			}
			if ((rc = node_new(d, &child)))
				return rc;
			for (i = edge_slot(k, d->edge_mask); d->edge_keys[i]; i = (i + 1) & d->edge_mask)
				;
			d->edge_keys[i] = k;
			d->edge_child[i] = child;
			d->nedges++;
		}
		cur = child;
	}
	*node = cur;
	return ENT_OK;
}

int dict_node_add(ent_dict *d, uint32_t node, uint32_t entry)
{
	uint32_t at = 0, last = d->node_nterm[node];
	int rc;

	/* While loading, node_nterm holds the last link of the node's list:
	 * entries keep their load order. A repeat of the last entry is
	 * skipped here; other repeats are merged when matching. */
	if (last && d->term_links.links[last].id == entry)
		return ENT_OK;
	rc = list_push(&d->term_links, entry, 0, &at);
	if (rc)
		return rc;
	if (last)
		d->term_links.links[last].next = at;
	else
		d->node_term[node] = at;
	d->node_nterm[node] = at;
	return ENT_OK;
}

int dict_phrase_add(dict_load *ld, const char *s, size_t len, int space,
                    int opts, uint32_t entry)
{
	ent_dict *d = ld->d;
	uint32_t ids[DICT_PHRASE_MAX], node;
	uint8_t caps[DICT_PHRASE_MAX], spaces[DICT_PHRASE_MAX];
	int n, i, rc;

	n = dict_phrase_words(d, s, len, (opts & DICT_PH_UNDERSCORE) != 0, ids, caps,
	                      DICT_PHRASE_MAX);
	if (n < -1)
		return n;
	if (n <= 0)
		return 1;
	for (i = 0; i < n; i++) {
		int letters = caps[i] >> 1, c = caps[i] & 1;

		spaces[i] = (uint8_t)space;
		if ((opts & DICT_PH_OWN_CAPS) && c && letters <= 4)
			spaces[i] = DICT_CAPS;
		if ((opts & DICT_PH_PETR_CAPS) && n == 1 &&
		    dict_petr_caps_word(d->words.str[ids[i]], d->words.len[ids[i]]))
			spaces[i] = DICT_CAPS;
	}
	if ((rc = dict_trie_insert(d, ids, spaces, (size_t)n, &node)) ||
	    (rc = dict_node_add(d, node, entry)))
		return rc;
	if ((opts & DICT_PH_THE) && n > 1 && strcmp(d->words.str[ids[0]], "the") == 0) {
		if ((rc = dict_trie_insert(d, ids + 1, spaces + 1, (size_t)n - 1, &node)) ||
		    (rc = dict_node_add(d, node, entry)))
			return rc;
	}
	if (ld->file < d->nfiles)
		d->files[ld->file].phrases++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entries, diagnostics                                                */

int dict_entry_add(dict_load *ld, const ent_dict_entry *e, uint32_t *id)
{
	ent_dict *d = ld->d;
	int rc;

	if (GROW(d->entries, d->entries_cap, d->nentries + 1, rc))
		return rc;
	if (d->nentries >= UINT32_MAX - 1)
		return ent_error_set(ENT_ELIMIT, "too many dictionary entries");
	d->entries[d->nentries] = *e;
	d->entries[d->nentries].file = ld->file;
	d->entries[d->nentries].line = ld->line;
	*id = (uint32_t)d->nentries++;
	if (ld->file < d->nfiles)
		d->files[ld->file].entries++;
	return ENT_OK;
}

static int diag_v(dict_load *ld, uint32_t line, int severity, const char *fmt, va_list ap)
{
	ent_dict *d = ld->d;
	ent_dict_file_info *f = ld->file < d->nfiles ? &d->files[ld->file] : NULL;
	ent_buf msg = ENT_BUF_INIT;
	ent_dict_diag *g;
	size_t prefix;
	int rc;

	if (f) {
		if (severity == ENT_DIAG_ERROR)
			f->errors++;
		else if (severity == ENT_DIAG_WARNING)
			f->warnings++;
		else
			f->unsupported++;
	}
	if (severity == ENT_DIAG_ERROR)
		d->nerrors++;
	if (d->ndiags >= DICT_DIAG_MAX)
		return ENT_OK;
	if (GROW(d->diags, d->diags_cap, d->ndiags + 1, rc))
		return rc;
	if (line)
		rc = ent_buf_printf(&msg, "%s:%lu: ", ld->path, (unsigned long)line);
	else
		rc = ent_buf_printf(&msg, "%s: ", ld->path);
	prefix = msg.len;
	if (!rc)
		rc = ent_buf_vprintf(&msg, fmt, ap);
	if (rc) {
		ent_buf_free(&msg);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	g = &d->diags[d->ndiags];
	g->severity = (uint8_t)severity;
	g->file = ld->file;
	g->line = line;
	g->message = ent_arena_strndup(d->arena, msg.data, msg.len);
	ent_buf_free(&msg);
	if (!g->message)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	g->what = g->message + prefix;
	d->ndiags++;
	return ENT_OK;
}

int dict_diag(dict_load *ld, int severity, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = diag_v(ld, ld->line, severity, fmt, ap);
	va_end(ap);
	return rc;
}

int dict_diag_at(dict_load *ld, uint32_t line, int severity, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = diag_v(ld, line, severity, fmt, ap);
	va_end(ap);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Patterns, groups, synsets                                           */

void dict_pat_init(dict_pat_build *pb)
{
	pb->nelems = 0;
	pb->nwords = 0;
	pb->pred = -1;
	pb->overflow = 0;
}

int dict_pat_elem(dict_pat_build *pb, int kind, int flags, const uint32_t *alts,
                  size_t alts_len, uint16_t nalts, uint32_t synset)
{
	dict_elem *e;

	if (pb->nelems >= sizeof pb->elems / sizeof pb->elems[0] ||
	    pb->nwords + alts_len > sizeof pb->words / sizeof pb->words[0]) {
		pb->overflow = 1;
		return -1;
	}
	e = &pb->elems[pb->nelems];
	e->kind = (uint8_t)kind;
	e->flags = (uint8_t)flags;
	e->synset = synset;
	e->alt_off = pb->nwords;
	e->alt_len = alts_len;
	e->nalts = nalts;
	if (alts_len)
		memcpy(pb->words + pb->nwords, alts, alts_len * sizeof *alts);
	pb->nwords += alts_len;
	if (kind == ENT_PE_PRED)
		pb->pred = (int)pb->nelems;
	pb->nelems++;
	return 0;
}

int dict_pat_commit(dict_load *ld, const dict_pat_build *pb, const char *code,
                    const char *pair, int flags, const char *text,
                    size_t text_len, uint32_t *id)
{
	ent_dict *d = ld->d;
	ent_pattern_elem *elems;
	uint32_t *words = NULL;
	ent_pattern *p;
	size_t i;
	int rc;

	if (d->npatterns >= 0xFFFFFFF0u)
		return ent_error_set(ENT_ELIMIT, "too many patterns");
	if (GROW(d->patterns, d->patterns_cap, d->npatterns + 1, rc) ||
	    GROW(d->pattern_dead, d->pattern_dead_cap, d->npatterns + 1, rc))
		return rc;
	elems = ent_arena_calloc(d->arena, pb->nelems ? pb->nelems : 1, sizeof *elems);
	if (pb->nwords)
		words = ent_arena_alloc(d->arena, pb->nwords * sizeof *words);
	if (!elems || (pb->nwords && !words))
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if (pb->nwords)
		memcpy(words, pb->words, pb->nwords * sizeof *words);
	for (i = 0; i < pb->nelems; i++) {
		elems[i].kind = pb->elems[i].kind;
		elems[i].flags = pb->elems[i].flags;
		elems[i].nalts = pb->elems[i].nalts;
		elems[i].synset = pb->elems[i].synset;
		elems[i].alts = pb->elems[i].alt_len ? words + pb->elems[i].alt_off : NULL;
	}
	p = &d->patterns[d->npatterns];
	memset(p, 0, sizeof *p);
	p->code = code;
	p->pair_code = pair;
	p->flags = (uint8_t)flags;
	p->nelems = (uint16_t)pb->nelems;
	p->pred = (uint16_t)(pb->pred < 0 ? 0 : pb->pred);
	p->elems = elems;
	p->file = ld->file;
	p->line = ld->line;
	p->text = ent_arena_strndup(d->arena, text, text_len);
	if (!p->text)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	d->pattern_dead[d->npatterns] = 0;
	*id = (uint32_t)d->npatterns++;
	if (ld->file < d->nfiles)
		d->files[ld->file].patterns++;
	return ENT_OK;
}

int dict_group_new(ent_dict *d, uint32_t *group)
{
	int rc;

	if (d->ngroups >= UINT32_MAX - 1)
		return ent_error_set(ENT_ELIMIT, "too many verbs");
	if (GROW(d->group_head, d->groups_cap, (size_t)d->ngroups + 1, rc))
		return rc;
	d->group_head[d->ngroups] = 0;
	*group = d->ngroups++;
	return ENT_OK;
}

int dict_group_add(ent_dict *d, uint32_t group, uint32_t pattern)
{
	uint32_t at = 0;
	int rc;

	/* Prepended; ent_dict_finish restores the order of addition. */
	rc = list_push(&d->group_links, pattern, d->group_head[group], &at);
	if (rc)
		return rc;
	d->group_head[group] = at;
	return ENT_OK;
}

int dict_lemma_verb(dict_load *ld, const uint32_t *words, size_t n, uint32_t *entry)
{
	ent_dict *d = ld->d;
	uint8_t spaces[DICT_PHRASE_MAX];
	ent_dict_entry e;
	uint32_t node, l, group;
	size_t i;
	int rc;

	if (n == 0 || n > DICT_PHRASE_MAX)
		return ent_error_set(ENT_EINVALID, "bad predicate");
	for (i = 0; i < n; i++)
		spaces[i] = DICT_LEMMA;
	if ((rc = dict_trie_insert(d, words, spaces, n, &node)))
		return rc;
	for (l = d->node_term[node]; l; l = d->term_links.links[l].next) {
		const ent_dict_entry *x = &d->entries[d->term_links.links[l].id];

		if (x->kind == ENT_DICT_VERB && x->sub == 0) {
			*entry = d->term_links.links[l].id;
			return ENT_OK;
		}
	}
	if ((rc = dict_group_new(d, &group)))
		return rc;
	memset(&e, 0, sizeof e);
	e.kind = ENT_DICT_VERB;
	e.group = group;
	{
		ent_buf name = ENT_BUF_INIT;

		for (i = 0; i < n && !rc; i++) {
			if (i)
				rc = ent_buf_putc(&name, ' ');
			if (!rc)
				rc = ent_buf_puts(&name, d->words.str[words[i]]);
		}
		e.name = rc ? NULL : dict_string(d, name.data, name.len);
		ent_buf_free(&name);
		if (!e.name)
			return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	if ((rc = dict_entry_add(ld, &e, entry)))
		return rc;
	return dict_node_add(d, node, *entry);
}

int dict_pending_add(dict_load *ld, uint32_t pattern, uint32_t synset)
{
	ent_dict *d = ld->d;
	int rc;

	if (GROW(d->pending, d->pending_cap, d->npending + 1, rc))
		return rc;
	d->pending[d->npending].pattern = pattern;
	d->pending[d->npending].synset = synset;
	d->pending[d->npending].file = ld->file;
	d->pending[d->npending].line = ld->line;
	d->npending++;
	return ENT_OK;
}

int dict_synset_get(ent_dict *d, const char *name, size_t len, uint32_t *id)
{
	char up[DICT_WORD_MAX];
	size_t i;
	int rc;

	/* Synset names ignore case: &troops and &TROOPS are one. */
	if (len == 0 || len >= sizeof up)
		return ent_error_set(ENT_EINVALID, "bad synset name");
	for (i = 0; i < len; i++)
		up[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	if ((rc = dict_intern_add(d, &d->synset_names, up, len, id)))
		return rc;
	if (*id >= d->synsets_cap) {
		size_t old = d->synsets_cap;

		if (GROW(d->synsets, d->synsets_cap, (size_t)*id + 1, rc))
			return rc;
		memset(d->synsets + old, 0, (d->synsets_cap - old) * sizeof *d->synsets);
	}
	d->synsets[*id].name = *id;
	return ENT_OK;
}

int dict_synset_add(ent_dict *d, uint32_t synset, const uint32_t *ids, size_t n,
                    uint32_t ref)
{
	dict_synset *s = &d->synsets[synset];
	int rc;

	if (ref) {
		if (GROW(s->refs, s->refs_cap, s->nrefs + 1, rc))
			return rc;
		s->refs[s->nrefs++] = ref;
		return ENT_OK;
	}
	if (GROW(s->alts, s->alts_cap, s->alts_len + n + 1, rc))
		return rc;
	s->alts[s->alts_len++] = (uint32_t)n;
	memcpy(s->alts + s->alts_len, ids, n * sizeof *ids);
	s->alts_len += n;
	s->nalts++;
	return ENT_OK;
}

const char *ent_dict_synset_name(const ent_dict *d, uint32_t synset)
{
	return synset > 0 && synset < d->synset_names.n ? d->synset_names.str[synset] : NULL;
}

/* ------------------------------------------------------------------ */
/* The CAMEO table                                                     */

const ent_cameo_code *dict_cameo_find(const ent_dict *d, const char *code, size_t len)
{
	size_t lo = 0, hi = d->ncameo;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *c = d->cameo[mid].code;
		size_t clen = strlen(c);
		int cmp = memcmp(c, code, clen < len ? clen : len);

		if (cmp == 0)
			cmp = clen < len ? -1 : clen > len ? 1 : 0;
		if (cmp == 0)
			return &d->cameo[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int dict_cameo_add(dict_load *ld, const ent_cameo_code *row)
{
	ent_dict *d = ld->d;
	size_t i, at;
	int rc;

	if (ld->format == ENT_DICT_FMT_CAMEO && !d->cameo_loaded) {
		/* A cameo.txt replaces the built-in table. */
		d->ncameo = 0;
		d->cameo_loaded = 1;
	}
	if (GROW(d->cameo, d->cameo_cap, d->ncameo + 1, rc))
		return rc;
	/* Rows come sorted; insertion keeps the table sorted if not. */
	at = d->ncameo;
	while (at > 0 && strcmp(d->cameo[at - 1].code, row->code) > 0)
		at--;
	if (at > 0 && strcmp(d->cameo[at - 1].code, row->code) == 0)
		return dict_diag(ld, ENT_DIAG_ERROR, "code %s given twice", row->code);
	for (i = d->ncameo; i > at; i--)
		d->cameo[i] = d->cameo[i - 1];
	d->cameo[at] = *row;
	d->ncameo++;
	if (ld->file < d->nfiles)
		d->files[ld->file].codes++;
	return ENT_OK;
}

const ent_cameo_code *ent_dict_cameo(const ent_dict *d, const char *code)
{
	return code ? dict_cameo_find(d, code, strlen(code)) : NULL;
}

size_t ent_dict_ncameo(const ent_dict *d)
{
	return d->ncameo;
}

const ent_cameo_code *ent_dict_cameo_at(const ent_dict *d, size_t i)
{
	return i < d->ncameo ? &d->cameo[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                          */

int ent_dict_new(ent_dict **out)
{
	ent_dict *d;
	uint32_t root;
	int rc;

	*out = NULL;
	d = ent_calloc(1, sizeof *d);
	if (!d)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if ((rc = ent_arena_new(&d->arena, 256 * 1024)) ||
	    (rc = ent_arena_new(&d->scratch, 16 * 1024)) ||
	    (rc = node_new(d, &root)) ||
	    (rc = dict_load_builtin_cameo(d))) {
		ent_dict_free(d);
		return rc;
	}
	*out = d;
	return ENT_OK;
}

void ent_dict_free(ent_dict *d)
{
	size_t i;

	if (!d)
		return;
	intern_free(&d->words);
	intern_free(&d->strings);
	intern_free(&d->synset_names);
	ent_free(d->wflags);
	ent_free(d->node_term);
	ent_free(d->node_nterm);
	ent_free(d->edge_keys);
	ent_free(d->edge_child);
	ent_free(d->root_child);
	ent_free(d->irregular_base);
	ent_free(d->term_links.links);
	ent_free(d->term_ids);
	ent_free(d->entries);
	ent_free(d->patterns);
	ent_free(d->pattern_dead);
	ent_free(d->transforms);
	ent_free(d->group_head);
	ent_free(d->group_n);
	ent_free(d->group_links.links);
	ent_free(d->group_ids);
	ent_free(d->pending);
	for (i = 0; i < d->synsets_cap; i++) {
		ent_free(d->synsets[i].alts);
		ent_free(d->synsets[i].refs);
	}
	ent_free(d->synsets);
	ent_free(d->cameo);
	ent_free(d->files);
	ent_free(d->diags);
	ent_arena_free(d->arena);
	ent_arena_free(d->scratch);
	ent_free(d);
}

/* ------------------------------------------------------------------ */
/* Finishing                                                           */

/* A loading context for diagnostics raised while finishing. */
static void finish_ctx(dict_load *ld, ent_dict *d, uint16_t file, uint32_t line)
{
	memset(ld, 0, sizeof *ld);
	ld->d = d;
	ld->file = file;
	ld->line = line;
	ld->path = file < d->nfiles ? d->files[file].path : "(dictionary)";
}

/* Flattens synset s (members of referenced synsets included) into its
 * final packed array. */
static int synset_flatten(ent_dict *d, uint32_t id)
{
	dict_synset *s = &d->synsets[id];
	uint32_t *all = NULL;
	size_t len = 0, cap = 0, nalts = 0, r;
	int rc = ENT_OK;

	if (s->state == 2)
		return ENT_OK;
	if (s->state == 1) {
		dict_load ld;

		finish_ctx(&ld, d, s->file, s->line);
		s->state = 2;  /* cut the cycle here */
		return dict_diag(&ld, ENT_DIAG_ERROR, "synset &%s contains itself",
		                 d->synset_names.str[id]);
	}
	s->state = 1;
	if (s->alts_len) {
		if (GROW(all, cap, s->alts_len, rc))
			goto done;
		memcpy(all, s->alts, s->alts_len * sizeof *all);
		len = s->alts_len;
		nalts = s->nalts;
	}
	for (r = 0; r < s->nrefs; r++) {
		dict_synset *m = &d->synsets[s->refs[r]];

		if (m->line == 0) {
			dict_load ld;

			finish_ctx(&ld, d, s->file, s->line);
			if ((rc = dict_diag(&ld, ENT_DIAG_ERROR, "synset &%s names undefined synset &%s",
			                    d->synset_names.str[id], d->synset_names.str[s->refs[r]])))
				goto done;
			continue;
		}
		if ((rc = synset_flatten(d, s->refs[r])))
			goto done;
		s = &d->synsets[id];
		m = &d->synsets[s->refs[r]];
		if (m->final_len) {
			if (GROW(all, cap, len + m->final_len, rc))
				goto done;
			memcpy(all + len, m->final, m->final_len * sizeof *all);
			len += m->final_len;
			nalts += m->nfinal;
		}
	}
	s->final = NULL;
	if (len) {
		uint32_t *f = ent_arena_alloc(d->arena, len * sizeof *f);

		if (!f) {
			rc = ent_error_set(ENT_ENOMEM, "out of memory");
			goto done;
		}
		memcpy(f, all, len * sizeof *f);
		s->final = f;
	}
	s->final_len = len;
	s->nfinal = (uint32_t)(nalts > 65535 ? 65535 : nalts);
	s->state = 2;
done:
	ent_free(all);
	return rc;
}

static int finish_synsets(ent_dict *d)
{
	size_t i, k;
	int rc;

	for (i = 1; i < d->synset_names.n; i++)
		if ((rc = synset_flatten(d, (uint32_t)i)))
			return rc;
	/* Fill synset elements; a pattern naming an undefined synset is
	 * dropped and reported. */
	for (i = 0; i < d->npatterns; i++) {
		ent_pattern *p = &d->patterns[i];

		for (k = 0; k < p->nelems; k++) {
			ent_pattern_elem *e = (ent_pattern_elem *)&p->elems[k];
			dict_synset *s;

			if (!(e->flags & ENT_PE_SYNSET))
				continue;
			s = &d->synsets[e->synset];
			if (s->line == 0 || s->nfinal == 0) {
				dict_load ld;

				finish_ctx(&ld, d, p->file, p->line);
				if (!d->pattern_dead[i]) {
					rc = dict_diag(&ld, ENT_DIAG_ERROR, s->line == 0
					               ? "undefined synset &%s; pattern skipped"
					               : "synset &%s is empty; pattern skipped",
					               d->synset_names.str[e->synset]);
					if (rc)
						return rc;
					if (p->file < d->nfiles && d->files[p->file].patterns)
						d->files[p->file].patterns--;
				}
				d->pattern_dead[i] = 1;
				continue;
			}
			e->alts = s->final;
			e->nalts = (uint16_t)s->nfinal;
		}
	}
	/* Entente patterns whose predicate is a synset: one verb per member. */
	for (i = 0; i < d->npending; i++) {
		dict_synset *s = &d->synsets[d->pending[i].synset];
		const uint32_t *a = s->final;
		uint32_t pat = d->pending[i].pattern;
		size_t m;

		if (d->pattern_dead[pat] || !a)
			continue;
		for (m = 0; m < s->nfinal; m++) {
			dict_load ld;
			uint32_t entry;

			finish_ctx(&ld, d, d->pending[i].file, d->pending[i].line);
			if ((rc = dict_lemma_verb(&ld, a + 1, a[0], &entry)) ||
			    (rc = dict_group_add(d, d->entries[entry].group, pat)))
				return rc;
			a += 1 + a[0];
		}
	}
	return ENT_OK;
}

/* Adds the irregular forms of lemma words (went for go) to the word
 * table, so that matching finds their base with the lookup of the form. */
static int finish_irregulars(ent_dict *d)
{
	size_t i, n = dict_irregular_count();
	uint32_t form, base;
	int rc;

	for (i = 0; i < n; i++) {
		const char *f, *b;

		dict_irregular_at(i, &f, &b);
		base = dict_intern_find(&d->words, b, strlen(b));
		if (!base || !(d->wflags[base] & DICT_W_LEMMA))
			continue;
		if ((rc = word_add(d, f, strlen(f), &form)))
			return rc;
		d->wflags[form] |= DICT_W_IRREGULAR;
	}
	for (form = 1; form < d->words.n; form++)
		if (d->wflags[form] & DICT_W_LEMMA)
			d->lemma_bloom[(d->words.hash[form] >> 6) & 1023] |= 1ull << (d->words.hash[form] & 63);
	d->irregular_base = ent_calloc(d->words.n ? d->words.n : 1, sizeof *d->irregular_base);
	if (!d->irregular_base)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const char *f, *b;

		dict_irregular_at(i, &f, &b);
		form = dict_intern_find(&d->words, f, strlen(f));
		base = dict_intern_find(&d->words, b, strlen(b));
		if (form && base && (d->wflags[form] & DICT_W_IRREGULAR))
			d->irregular_base[form] = base;
	}
	return ENT_OK;
}

/* Compiles the terminal lists and the group lists into flat arrays and
 * the root's edges into a direct array. */
static int finish_compile(ent_dict *d)
{
	size_t total = 0, at = 0, i;
	uint32_t l;

	for (i = 0; i < d->nnodes; i++)
		for (l = d->node_term[i]; l; l = d->term_links.links[l].next)
			total++;
	d->term_ids = ent_malloc((total ? total : 1) * sizeof *d->term_ids);
	if (!d->term_ids)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	for (i = 0; i < d->nnodes; i++) {
		uint32_t n = 0;

		l = d->node_term[i];
		d->node_term[i] = (uint32_t)at;
		for (; l; l = d->term_links.links[l].next) {
			d->term_ids[at++] = d->term_links.links[l].id;
			n++;
		}
		d->node_nterm[i] = n;
	}
	ent_free(d->term_links.links);
	d->term_links.links = NULL;

	/* Groups: lists were prepended; write them back in order, dropping
	 * dead patterns. */
	total = 0;
	for (i = 0; i < d->ngroups; i++)
		for (l = d->group_head[i]; l; l = d->group_links.links[l].next)
			total++;
	d->group_ids = ent_malloc((total ? total : 1) * sizeof *d->group_ids);
	d->group_n = ent_malloc((d->ngroups ? d->ngroups : 1) * sizeof *d->group_n);
	if (!d->group_ids || !d->group_n)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	at = 0;
	for (i = 0; i < d->ngroups; i++) {
		size_t n = 0, k;

		for (l = d->group_head[i]; l; l = d->group_links.links[l].next)
			if (!d->pattern_dead[d->group_links.links[l].id])
				n++;
		k = at + n;
		for (l = d->group_head[i]; l; l = d->group_links.links[l].next)
			if (!d->pattern_dead[d->group_links.links[l].id])
				d->group_ids[--k] = d->group_links.links[l].id;
		d->group_head[i] = (uint32_t)at;
		d->group_n[i] = (uint32_t)n;
		at += n;
	}
	ent_free(d->group_links.links);
	d->group_links.links = NULL;

	/* The root's edges as a direct array. */
	d->nroot = (size_t)(d->words.n ? d->words.n : 1) << 2;
	d->root_child = ent_calloc(d->nroot, sizeof *d->root_child);
	if (!d->root_child)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if (d->edge_keys)
		for (i = 0; i <= d->edge_mask; i++)
			if (d->edge_keys[i] && (d->edge_keys[i] >> 32) == 0)
				d->root_child[(uint32_t)d->edge_keys[i]] = d->edge_child[i];
	return ENT_OK;
}

/* The bit of word id w in a first-word mask (ent_pattern_elem's
 * first_mask, a token's kmask). */
static inline uint64_t word_bit(uint32_t w)
{
	return 1ULL << ((w * 0x9E3779B1u) >> 26);
}

/* Sets the first-word masks of the patterns' WORD elements (their
 * alternatives are final once the synsets are). */
static void finish_first_masks(ent_dict *d)
{
	size_t i;
	uint16_t j, k;

	for (i = 0; i < d->npatterns; i++) {
		ent_pattern *p = &d->patterns[i];
		int nneed = 0;

		p->need[0] = p->need[1] = 0;
		for (j = 0; j < p->nelems; j++) {
			ent_pattern_elem *e = (ent_pattern_elem *)&p->elems[j];
			const uint32_t *a = e->alts;
			uint64_t mask = 0;

			if (e->kind != ENT_PE_WORD || !a)
				continue;
			if (j != p->pred && !(e->flags & ENT_PE_OPTIONAL) && e->nalts == 1 && a[0] > 0 &&
			    a[1] && nneed < 2)
				p->need[nneed++] = a[1];
			for (k = 0; k < e->nalts; k++) {
				if (a[0] > 0)
					mask |= word_bit(a[1]);
				a += 1 + a[0];
			}
			e->first_mask = mask;
		}
	}
}

int ent_dict_finish(ent_dict *d)
{
	int rc;

	if (d->finished)
		return ENT_OK;
	if ((rc = finish_synsets(d)) || (rc = finish_irregulars(d)) || (rc = finish_compile(d)))
		return rc;
	finish_first_masks(d);
	ent_arena_free(d->scratch);
	d->scratch = NULL;
	d->finished = 1;
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

size_t ent_dict_ndiags(const ent_dict *d)
{
	return d->ndiags;
}

const ent_dict_diag *ent_dict_diag_get(const ent_dict *d, size_t i)
{
	return i < d->ndiags ? &d->diags[i] : NULL;
}

size_t ent_dict_nerrors(const ent_dict *d)
{
	return d->nerrors;
}

size_t ent_dict_nfiles(const ent_dict *d)
{
	return d->nfiles;
}

const ent_dict_file_info *ent_dict_file(const ent_dict *d, size_t i)
{
	return i < d->nfiles ? &d->files[i] : NULL;
}

size_t ent_dict_nentries(const ent_dict *d)
{
	return d->nentries;
}

const ent_dict_entry *ent_dict_entry_get(const ent_dict *d, uint32_t id)
{
	return id < d->nentries ? &d->entries[id] : NULL;
}

int dict_transform_add(ent_dict *d, const ent_transform *t)
{
	int rc;

	if (GROW(d->transforms, d->transforms_cap, d->ntransforms + 1, rc))
		return rc;
	d->transforms[d->ntransforms++] = *t;
	return ENT_OK;
}

size_t ent_dict_ntransforms(const ent_dict *d)
{
	return d->ntransforms;
}

const ent_transform *ent_dict_transform_get(const ent_dict *d, size_t i)
{
	return i < d->ntransforms ? &d->transforms[i] : NULL;
}

size_t ent_dict_npatterns(const ent_dict *d)
{
	return d->npatterns;
}

const ent_pattern *ent_dict_pattern_get(const ent_dict *d, uint32_t id)
{
	return id < d->npatterns ? &d->patterns[id] : NULL;
}

const uint32_t *ent_dict_verb_patterns(const ent_dict *d, uint32_t entry, size_t *n)
{
	const ent_dict_entry *e = ent_dict_entry_get(d, entry);

	*n = 0;
	if (!e || e->kind != ENT_DICT_VERB || !d->finished || e->group >= d->ngroups)
		return NULL;
	*n = d->group_n[e->group];
#ifdef __GNUC__
	{
		/* the caller reads every pattern of the group, scattered over
		 * the pattern array: ask for them all now */
		const uint32_t *ids = d->group_ids + d->group_head[e->group];
		size_t k;

		for (k = 0; k < *n; k++)
			if (ids[k] < d->npatterns)
				__builtin_prefetch(&d->patterns[ids[k]]);
		/* (not their elements: most are ruled out by the words they
		 * need, in the pattern itself, see ent_dict_pattern_possible) */
	}
#endif
	return d->group_ids + d->group_head[e->group];
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */

#define TOKEN_KEYS 8     /* keys a token offers at most */
#define WALK_STATES 16   /* trie states followed at once */
#define SENT_BITS 4096   /* a sentence's word filter (ent_dict_sent.words) */

static inline uint32_t sent_bit(uint32_t w)
{
	return (w * 0x9E3779B1u) >> 20;
}

struct ent_dict_sent {
	const ent_dict *d;
	size_t ntokens;
	uint32_t *keys;      /* ntokens * TOKEN_KEYS, 0 ends a token's list */
	uint64_t *kmask;     /* per token: word_bit of each of its keys' words */
	uint8_t *nown;       /* per token: its first keys that are its own
	                        word's (form, capitals, the word as a lemma) */
	/* a bit (sent_bit) per word of the sentence's keys: a word whose bit
	 * is clear is no token's (ent_dict_pattern_possible) */
	uint64_t words[SENT_BITS / 64];
	uint64_t kmask_all;  /* the tokens' kmask together */
};

/* Adds key to a token's list unless there. */
static void key_push(uint32_t *keys, uint32_t key)
{
	int i;

	for (i = 0; i < TOKEN_KEYS; i++) {
		if (keys[i] == key)
			return;
		if (keys[i] == 0) {
			keys[i] = key;
			return;
		}
	}
}

/* Asks for the slot where a lookup of hash h in t starts. */
static void intern_prefetch(const dict_intern *t, uint32_t h)
{
#ifdef __GNUC__
	if (t->slots)
		__builtin_prefetch(&t->slots[h & t->mask]);
#else
	(void)t, (void)h;
#endif
}

#define PREP_BLOCK 16

int ent_dict_sent_prepare(ent_dict_sent **out, const ent_dict *d,
                          const char *text, const ent_token *tokens,
                          size_t ntokens, ent_arena *arena)
{
	ent_dict_sent *s;
	size_t t;
	char form[PREP_BLOCK][DICT_WORD_MAX];
	size_t form_len[PREP_BLOCK];
	uint32_t form_hash[PREP_BLOCK];
	int form_caps[PREP_BLOCK];

	*out = NULL;
	if (!d->finished)
		return ent_error_set(ENT_EINVALID, "dictionary not finished");
	s = ent_arena_alloc(arena, sizeof *s);
	if (!s)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	s->d = d;
	s->ntokens = ntokens;
	memset(s->words, 0, sizeof s->words);
	s->kmask_all = 0;
	s->keys = ent_arena_calloc(arena, ntokens ? ntokens * TOKEN_KEYS : 1, sizeof *s->keys);
	s->nown = ent_arena_calloc(arena, ntokens ? ntokens : 1, 1);
	s->kmask = ent_arena_alloc(arena, (ntokens ? ntokens : 1) * sizeof *s->kmask);
	if (!s->keys || !s->nown || !s->kmask)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	for (t = 0; t < ntokens; t++) {
		const ent_token *tok = &tokens[t];
		uint32_t *keys = s->keys + t * TOKEN_KEYS;
		size_t j = t % PREP_BLOCK, n;
		char *buf = form[j];
		int caps;
		uint32_t w;
		uint8_t f;

		if (j == 0) {
			/* normalise a block of words and ask for their slots in the
			 * word table before looking any up (a lookup is a cache
			 * miss or two) */
			size_t e = ntokens - t < PREP_BLOCK ? ntokens - t : PREP_BLOCK, i;

			for (i = 0; i < e; i++) {
				const ent_token *tk = &tokens[t + i];

				form_caps[i] = 0;
				form_len[i] = dict_norm(form[i], DICT_WORD_MAX, text + tk->start,
				                        tk->end - tk->start, &form_caps[i], NULL);
				form_hash[i] = hash_bytes(form[i], form_len[i]);
				intern_prefetch(&d->words, form_hash[i]);
			}
		}
		n = form_len[j];
		caps = form_caps[j];
		w = n ? dict_intern_find_h(&d->words, buf, n, form_hash[j]) : 0;
		f = w ? d->wflags[w] : 0;

		if (f & DICT_W_FORM)
			key_push(keys, DICT_KEY(w, DICT_FORM));
		if (caps && (f & DICT_W_CAPS))
			key_push(keys, DICT_KEY(w, DICT_CAPS));
		s->nown[t] = (uint8_t)(keys[0] != 0) + (keys[0] && keys[1]);
		if (!d->has_lemma || !n)
			continue;
		if (f & DICT_W_LEMMA)
			key_push(keys, DICT_KEY(w, DICT_LEMMA));
		{
			int k;

			for (k = 0; k < TOKEN_KEYS && keys[k]; k++)
				;
			s->nown[t] = (uint8_t)k;
		}
		if (f & DICT_W_IRREGULAR)
			key_push(keys, DICT_KEY(d->irregular_base[w], DICT_LEMMA));
		if (tok->lemma && tok->lemma[0]) {
			char lb[DICT_WORD_MAX];
			size_t ln = dict_norm(lb, sizeof lb, tok->lemma, strlen(tok->lemma), NULL, NULL);
			uint32_t lw = ln ? dict_intern_find(&d->words, lb, ln) : 0;

			if (lw && (d->wflags[lw] & DICT_W_LEMMA))
				key_push(keys, DICT_KEY(lw, DICT_LEMMA));
		} else {
			char cand[4][DICT_WORD_MAX];
			int k, nc = n >= 4 && (buf[n - 1] == 's' || buf[n - 1] == 'd' || buf[n - 1] == 'g')
			            ? dict_lemma_candidates(buf, n, cand, 4) : 0;

			for (k = 0; k < nc; k++) {
				size_t cl = strlen(cand[k]);
				uint32_t h = dict_hash(cand[k], cl), lw;

				if (!(d->lemma_bloom[(h >> 6) & 1023] & (1ull << (h & 63))))
					continue;  /* no lemma word has this hash */
				lw = dict_intern_find_h(&d->words, cand[k], cl, h);
				if (lw && (d->wflags[lw] & DICT_W_LEMMA))
					key_push(keys, DICT_KEY(lw, DICT_LEMMA));
			}
		}
	}
	for (t = 0; t < ntokens; t++) {
		const uint32_t *keys = s->keys + t * TOKEN_KEYS;
		uint64_t mask = 0;
		int i;

		for (i = 0; i < TOKEN_KEYS && keys[i]; i++) {
			uint32_t b = sent_bit(keys[i] >> 2);

			mask |= word_bit(keys[i] >> 2);
			s->words[b / 64] |= 1ULL << (b % 64);
		}
		s->kmask[t] = mask;
		s->kmask_all |= mask;
	}
	*out = s;
	return ENT_OK;
}

/* Whether the keys of a token (TOKEN_KEYS of them, 0 after the last)
 * hold word (not 0). */
static inline int keys_have(const uint32_t *keys, uint32_t word)
{
	int i;

	for (i = 0; i < TOKEN_KEYS && keys[i]; i++)
		if ((keys[i] >> 2) == word)
			return 1;
	return 0;
}

int ent_dict_token_is(const ent_dict_sent *s, size_t tok, uint32_t word)
{
	if (tok >= s->ntokens || !word)
		return 0;
	return keys_have(s->keys + tok * TOKEN_KEYS, word);
}

int ent_dict_elem_match(const ent_dict_sent *s, const ent_pattern_elem *e,
                        size_t tok, size_t *end)
{
	const uint32_t *a;
	uint16_t k;

	if (e->kind != ENT_PE_WORD || !e->alts || tok >= s->ntokens)
		return 0;
	/* no alternative's first word is among the token's */
	if (e->first_mask && !(e->first_mask & s->kmask[tok]))
		return 0;
	a = e->alts;
	for (k = 0; k < e->nalts; k++) {
		uint32_t n = a[0], w;

		/* an alternative longer than the words left cannot match */
		if (n > 0 && n <= s->ntokens - tok) {
			for (w = 0; w < n; w++)
				if (!a[1 + w] || !keys_have(s->keys + (tok + w) * TOKEN_KEYS, a[1 + w]))
					break;
			if (w == n) {
				*end = tok + n;
				return 1;
			}
		}
		a += 1 + n;
	}
	return 0;
}

/* Whether word w (not 0) may be a key of one of the sentence's tokens
 * (no when its bit is clear). */
static inline int sent_may_have(const ent_dict_sent *s, uint32_t w)
{
	uint32_t b = sent_bit(w);

	return w && (s->words[b / 64] >> (b % 64) & 1);
}

int ent_dict_pattern_possible(const ent_dict_sent *s, const ent_pattern *pat)
{
	size_t i;

	/* the words it needs, first: most patterns end here, their
	 * elements unread */
	if ((pat->need[0] && !sent_may_have(s, pat->need[0])) ||
	    (pat->need[1] && !sent_may_have(s, pat->need[1])))
		return 0;

	for (i = 0; i < pat->nelems; i++) {
		const ent_pattern_elem *e = &pat->elems[i];
		const uint32_t *a;
		uint16_t k;

		if (i == pat->pred || e->kind != ENT_PE_WORD || (e->flags & ENT_PE_OPTIONAL))
			continue;
		if (!e->alts)
			return 0;
		/* no alternative's first word is any token's (the test
		 * ent_dict_elem_match starts with), without reading them */
		if (e->first_mask && !(e->first_mask & s->kmask_all))
			return 0;
		/* ent_dict_elem_match needs an alternative whose words
		 * are all tokens' keys, in at most the sentence's tokens */
		a = e->alts;
		for (k = 0; k < e->nalts; k++) {
			uint32_t n = a[0], w;

			if (n > 0 && n <= s->ntokens) {
				for (w = 0; w < n && sent_may_have(s, a[1 + w]); w++)
					;
				if (w == n)
					break;
			}
			a += 1 + n;
		}
		if (k == e->nalts)
			return 0;
	}
	return 1;
}

typedef struct match_buf {
	ent_dict_match *items;
	size_t n, cap;
	ent_arena *arena;
} match_buf;

static int match_push(match_buf *m, uint32_t start, uint32_t end, uint32_t entry,
                      const ent_dict *d, uint8_t flags)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		ent_dict_match *items = ent_arena_alloc(m->arena, cap * sizeof *items);

		if (!items)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		if (m->n)
			memcpy(items, m->items, m->n * sizeof *items);
		m->items = items;
		m->cap = cap;
	}
	m->items[m->n].start = start;
	m->items[m->n].end = end;
	m->items[m->n].entry = entry;
	m->items[m->n].kind = d->entries[entry].kind;
	m->items[m->n].flags = flags;
	m->n++;
	return ENT_OK;
}

/* Adds the entries of node for span [start, end), actors resolved at the
 * date (day; have_date 0 when unknown). */
static int resolve_node(match_buf *m, const ent_dict *d, uint32_t node,
                        uint32_t start, uint32_t end, long day, int have_date, uint8_t flags)
{
	const uint32_t *ids = d->term_ids + d->node_term[node];
	uint32_t n = d->node_nterm[node], i;
	int dated_valid = 0, undated = 0, rc;
	int32_t latest = ENT_DICT_OPEN_FROM;

	for (i = 0; i < n; i++) {
		const ent_dict_entry *e = &d->entries[ids[i]];

		if (e->kind != ENT_DICT_ACTOR)
			continue;
		if (!(e->flags & ENT_ENTRY_DATED))
			undated = 1;
		else if (have_date && day >= e->from && day <= e->to)
			dated_valid = 1;
		else if (e->to > latest)
			latest = e->to;
	}
	for (i = 0; i < n; i++) {
		const ent_dict_entry *e = &d->entries[ids[i]];
		int take = 1;

		if (e->kind == ENT_DICT_ACTOR) {
			int dated = (e->flags & ENT_ENTRY_DATED) != 0;

			if (dated_valid)
				take = dated && day >= e->from && day <= e->to;
			else if (undated)
				take = !dated;
			else
				take = !have_date && e->to == latest;
		}
		if (take && (rc = match_push(m, start, end, ids[i], d, flags)))
			return rc;
	}
	return ENT_OK;
}

static int family(int kind)
{
	return kind == ENT_DICT_AGENT ? ENT_DICT_ACTOR : kind;
}

static int compare_matches(const void *a, const void *b)
{
	const ent_dict_match *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return 0;
}

int ent_dict_sent_match(ent_dict_match **out, size_t *nout,
                        const ent_dict_sent *s, const ent_date *date,
                        ent_arena *arena)
{
	const ent_dict *d = s->d;
	match_buf m;
	long day = 0;
	int have_date = date && date->precision != ENT_DATE_NONE && date->year;
	size_t i, j, w;
	int rc;

	*out = NULL;
	*nout = 0;
	memset(&m, 0, sizeof m);
	m.arena = arena;
	if (have_date)
		day = ent_date_days(date);
	for (i = 0; i < s->ntokens; i++) {
		uint32_t states[WALK_STATES], next[WALK_STATES];
		uint8_t own[WALK_STATES];  /* first word: reached by its own form */
		size_t nstates = 1, nnext;

		if (!s->keys[i * TOKEN_KEYS])
			continue;  /* a word no phrase has */
		states[0] = 0;
		for (j = i; j < s->ntokens && nstates; j++) {
			const uint32_t *keys = s->keys + j * TOKEN_KEYS;

			nnext = 0;
			for (w = 0; w < nstates; w++) {
				int k;

				for (k = 0; k < TOKEN_KEYS && keys[k]; k++) {
					uint32_t c = edge_find(d, states[w], keys[k]);
					size_t x;

					if (!c)
						continue;
					for (x = 0; x < nnext && next[x] != c; x++)
						;
					if (x == nnext && nnext < WALK_STATES) {
						own[nnext] = 0;
						next[nnext++] = c;
					}
					if (x < nnext && k < s->nown[j])
						own[x] = 1;
				}
			}
			for (w = 0; w < nnext; w++)
				if (d->node_nterm[next[w]] &&
				    (rc = resolve_node(&m, d, next[w], (uint32_t)i, (uint32_t)j + 1,
				                       day, have_date,
				                       j == i && !own[w] ? ENT_MATCH_LEMMA : 0)))
					return rc;
			memcpy(states, next, nnext * sizeof *next);
			nstates = nnext;
		}
	}
	if (m.n > 1) {
		size_t k = 0;

		qsort(m.items, m.n, sizeof *m.items, compare_matches);
		/* One match per span and entry; per span, one actor per code. */
		for (i = 0; i < m.n; i++) {
			const ent_dict_match *x = &m.items[i];
			int dup = 0;

			for (j = k; j > 0; j--) {
				const ent_dict_match *y = &m.items[j - 1];

				if (y->start != x->start || y->end != x->end)
					break;
				if (y->entry == x->entry ||
				    (x->kind == ENT_DICT_ACTOR && y->kind == ENT_DICT_ACTOR &&
				     d->entries[x->entry].code == d->entries[y->entry].code &&
				     d->entries[x->entry].flags == d->entries[y->entry].flags)) {
					dup = 1;
					break;
				}
			}
			if (!dup)
				m.items[k++] = *x;
		}
		m.n = k;
	}
	/* Inner matches: inside a longer one of the same family. */
	{
		uint32_t maxend[ENT_DICT_KIND_COUNT], group_max[ENT_DICT_KIND_COUNT];
		size_t g = 0;

		memset(maxend, 0, sizeof maxend);
		for (i = 0; i < m.n; i = g) {
			memcpy(group_max, maxend, sizeof maxend);
			for (g = i; g < m.n && m.items[g].start == m.items[i].start &&
			            m.items[g].end == m.items[i].end; g++) {
				int f = family(m.items[g].kind);

				if (maxend[f] >= m.items[g].end)
					m.items[g].flags |= ENT_MATCH_INNER;
				if (m.items[g].end > group_max[f])
					group_max[f] = m.items[g].end;
			}
			memcpy(maxend, group_max, sizeof maxend);
		}
	}
	*out = m.items;
	*nout = m.n;
	return ENT_OK;
}

int ent_dict_match_tokens(ent_dict_match **out, size_t *n, const ent_dict *d,
                          const char *text, const ent_token *tokens,
                          size_t ntokens, const ent_date *date,
                          ent_arena *arena)
{
	ent_dict_sent *s;
	int rc = ent_dict_sent_prepare(&s, d, text, tokens, ntokens, arena);

	if (rc) {
		*out = NULL;
		*n = 0;
		return rc;
	}
	return ent_dict_sent_match(out, n, s, date, arena);
}
