/*
 * conllu.c - the CoNLL-U reader: sentences of UD treebank files as token
 * arrays with their annotations (see conllu.h).
 *
 * Lines come from a FILE (read in chunks into a growable buffer) or from
 * memory. A sentence's words are gathered in reader-owned scratch arrays
 * that grow by doubling and are copied into the caller's arena when the
 * sentence is complete, so there is no allocation per word.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/buf.h"
#include "entente/conllu.h"
#include "entente/parse.h"

#define MAX_LINE (16u << 20)

typedef struct word {
	uint32_t start, end;     /* span in the rebuilt text */
	const char *lemma;       /* arena copies */
	const char *feats, *misc;
	uint8_t upos, xpos, deprel;
	int16_t head;
	int has_head;
} word;

struct ent_conllu_reader {
	FILE *file;              /* NULL when reading memory */
	int own_file;
	const char *mem;
	size_t mem_len, mem_pos;
	char *name;
	long lineno;
	ent_buf line;            /* the current line (file mode) */
	ent_buf text;            /* the sentence text being rebuilt */
	word *words;
	size_t nwords, cap_words;
	ent_conllu_line *lines;
	size_t nlines, cap_lines;
	char *doc_id;
	int eof;
};

static int reader_new(ent_conllu_reader **out, const char *name)
{
	ent_conllu_reader *r = ent_calloc(1, sizeof *r);

	*out = NULL;
	if (!r)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	r->name = ent_strdup(name);
	if (!r->name) {
		ent_free(r);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	ent_buf_init(&r->line, MAX_LINE);
	ent_buf_init(&r->text, MAX_LINE);
	*out = r;
	return 0;
}

int ent_conllu_open(ent_conllu_reader **out, const char *path)
{
	ent_conllu_reader *r;
	int rc = reader_new(&r, path);

	*out = NULL;
	if (rc)
		return rc;
	if (strcmp(path, "-") == 0) {
		r->file = stdin;
	} else {
		r->file = fopen(path, "rb");
		if (!r->file) {
			rc = ent_error_set(errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO,
			                   "cannot open %s: %s", path, strerror(errno));
			ent_conllu_free(r);
			return rc;
		}
		r->own_file = 1;
	}
	*out = r;
	return 0;
}

int ent_conllu_open_mem(ent_conllu_reader **out, const char *data, size_t len,
                        const char *name)
{
	ent_conllu_reader *r;
	int rc = reader_new(&r, name ? name : "(memory)");

	*out = NULL;
	if (rc)
		return rc;
	r->mem = data;
	r->mem_len = len;
	*out = r;
	return 0;
}

void ent_conllu_free(ent_conllu_reader *r)
{
	if (!r)
		return;
	if (r->own_file)
		fclose(r->file);
	ent_buf_free(&r->line);
	ent_buf_free(&r->text);
	ent_free(r->words);
	ent_free(r->lines);
	ent_free(r->doc_id);
	ent_free(r->name);
	ent_free(r);
}

/* Reads the next line without its newline (and CR) into line and len.
 * Returns 1, 0 at the end, or a negative code. In memory mode the line
 * points into the data and is not NUL-terminated: callers use len. */
static int next_line(ent_conllu_reader *r, const char **line, size_t *len)
{
	if (r->eof)
		return 0;
	if (!r->file) {
		const char *p = r->mem + r->mem_pos, *nl;
		size_t left = r->mem_len - r->mem_pos;

		if (!left) {
			r->eof = 1;
			return 0;
		}
		nl = memchr(p, '\n', left);
		*line = p;
		*len = nl ? (size_t)(nl - p) : left;
		r->mem_pos += *len + (nl ? 1 : 0);
	} else {
		char chunk[4096];
		int got = 0;

		ent_buf_clear(&r->line);
		while (fgets(chunk, sizeof chunk, r->file)) {
			size_t n = strlen(chunk);

			got = 1;
			if (ent_buf_put(&r->line, chunk, n))
				return ent_error_set(ENT_ELIMIT, "%s:%ld: line too long",
				                     r->name, r->lineno + 1);
			if (n && chunk[n - 1] == '\n')
				break;
		}
		if (ferror(r->file))
			return ent_error_set(ENT_EIO, "%s: read error: %s", r->name, strerror(errno));
		if (!got) {
			r->eof = 1;
			return 0;
		}
		*line = r->line.data;
		*len = r->line.len;
		if (*len && (*line)[*len - 1] == '\n')
			(*len)--;
	}
	if (*len && (*line)[*len - 1] == '\r')
		(*len)--;
	r->lineno++;
	return 1;
}

static int is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Parses a non-negative decimal integer s[0..n); -1 when it is none. */
static long parse_uint(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	p = ent_realloc(*arr, ncap * size);
	if (!p)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	*arr = p;
	*cap = ncap;
	return 0;
}

static int keep_line(ent_conllu_reader *r, const char *s, size_t n, int before,
                     ent_arena *arena)
{
	char *copy;

	if (grow((void **)&r->lines, &r->cap_lines, r->nlines + 1, sizeof *r->lines))
		return ENT_ENOMEM;
	copy = ent_arena_strndup(arena, s, n);
	if (!copy)
		return ENT_ENOMEM;
	r->lines[r->nlines].text = copy;
	r->lines[r->nlines].before = before;
	r->nlines++;
	return 0;
}

static int has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

/* Whether the MISC field s[0..n) says SpaceAfter=No. */
static int no_space_after(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && s[j] != '|')
			j++;
		if (j - i == 13 && memcmp(s + i, "SpaceAfter=No", 13) == 0)
			return 1;
		i = j + 1;
	}
	return 0;
}

/* Parses one word line (10 fields) into r->words; returns 0 or sets the
 * error (file:line) and returns ENT_EINVALID. *space_after tells whether
 * a space follows the word in the rebuilt text. */
static int word_line(ent_conllu_reader *r, const char *s, size_t n, ent_arena *arena,
                     int *range_end, int *range_nospace)
{
	const char *f[10];
	size_t fl[10], i = 0, k;
	long id, head;
	word *w;
	int nospace;

	for (k = 0; k < 10; k++) {
		size_t j = i;

		if (i > n)
			return ent_error_set(ENT_EINVALID, "%s:%ld: expected 10 tab-separated fields, found %zu",
			                     r->name, r->lineno, k);
		while (j < n && s[j] != '\t')
			j++;
		f[k] = s + i;
		fl[k] = j - i;
		i = j + 1;
	}
	if (i <= n)
		return ent_error_set(ENT_EINVALID, "%s:%ld: more than 10 tab-separated fields",
		                     r->name, r->lineno);
	/* ID: a word, a range a-b, or an empty node a.b */
	if (memchr(f[0], '.', fl[0]))
		return 1; /* empty node: skipped */
	if (memchr(f[0], '-', fl[0])) {
		const char *dash = memchr(f[0], '-', fl[0]);
		long a = parse_uint(f[0], (size_t)(dash - f[0]));
		long b = parse_uint(dash + 1, fl[0] - (size_t)(dash - f[0]) - 1);

		if (a != (long)r->nwords + 1 || b < a)
			return ent_error_set(ENT_EINVALID, "%s:%ld: bad token range '%.*s'",
			                     r->name, r->lineno, (int)fl[0], f[0]);
		*range_end = (int)b;
		*range_nospace = no_space_after(f[9], fl[9]);
		return keep_line(r, s, n, (int)r->nwords, arena) ? ENT_ENOMEM : 2;
	}
	id = parse_uint(f[0], fl[0]);
	if (id != (long)r->nwords + 1)
		return ent_error_set(ENT_EINVALID, "%s:%ld: word ID '%.*s' out of sequence (expected %zu)",
		                     r->name, r->lineno, (int)fl[0] > 20 ? 20 : (int)fl[0], f[0],
		                     r->nwords + 1);
	if (r->nwords >= ENT_CONLLU_MAX_TOKENS)
		return ent_error_set(ENT_EINVALID, "%s:%ld: sentence longer than %d words",
		                     r->name, r->lineno, ENT_CONLLU_MAX_TOKENS);
	if (fl[1] == 0)
		return ent_error_set(ENT_EINVALID, "%s:%ld: empty FORM", r->name, r->lineno);
	if (fl[6] == 1 && f[6][0] == '_') {
		head = -1;
	} else {
		head = parse_uint(f[6], fl[6]);
		if (head < 0)
			return ent_error_set(ENT_EINVALID, "%s:%ld: bad HEAD '%.*s'", r->name,
			                     r->lineno, (int)fl[6] > 20 ? 20 : (int)fl[6], f[6]);
	}
	if (grow((void **)&r->words, &r->cap_words, r->nwords + 1, sizeof *r->words))
		return ENT_ENOMEM;
	w = &r->words[r->nwords];
	memset(w, 0, sizeof *w);
	w->start = (uint32_t)r->text.len;
	if (ent_buf_put(&r->text, f[1], fl[1]))
		return ent_error_set(ENT_ELIMIT, "%s:%ld: sentence too long", r->name, r->lineno);
	w->end = (uint32_t)r->text.len;
	if (!(fl[2] == 1 && f[2][0] == '_' && !(fl[1] == 1 && f[1][0] == '_'))) {
		w->lemma = ent_arena_strndup(arena, f[2], fl[2]);
		if (!w->lemma)
			return ENT_ENOMEM;
	}
	{
		int u = ent_upos_parse(f[3], fl[3]);
		int x = ent_xpos_parse(f[4], fl[4]);
		int d = ent_deprel_parse(f[7], fl[7]);

		w->upos = (uint8_t)(u > 0 ? u : 0);
		w->xpos = (uint8_t)(x > 0 ? x : 0);
		w->deprel = (uint8_t)(d > 0 ? d : 0);
	}
	w->feats = ent_arena_strndup(arena, f[5], fl[5]);
	w->misc = ent_arena_strndup(arena, f[9], fl[9]);
	if (!w->feats || !w->misc)
		return ENT_ENOMEM;
	w->head = (int16_t)(head < 0 ? 0 : head);
	w->has_head = head >= 0;
	r->nwords++;
	/* Inside a multiword token, words are joined without spaces; its last
	 * word takes the range line's SpaceAfter. */
	if (*range_end > 0 && (long)r->nwords < *range_end)
		nospace = 1;
	else if (*range_end > 0 && (long)r->nwords == *range_end)
		nospace = *range_nospace, *range_end = 0;
	else
		nospace = no_space_after(f[9], fl[9]);
	if (!nospace && ent_buf_putc(&r->text, ' '))
		return ent_error_set(ENT_ELIMIT, "%s:%ld: sentence too long", r->name, r->lineno);
	return 0;
}

/* Skips to the end of the current sentence after an error. */
static void skip_sentence(ent_conllu_reader *r)
{
	const char *s;
	size_t n;

	while (next_line(r, &s, &n) == 1)
		if (is_blank(s, n))
			return;
}

static void set_field(const char **dst, const char *s, size_t n, const char *prefix,
                      ent_arena *arena)
{
	size_t k = strlen(prefix);

	while (k < n && s[k] == ' ')
		k++;
	*dst = ent_arena_strndup(arena, s + k, n - k);
}

int ent_conllu_next(ent_conllu_reader *r, ent_conllu_sent *out, ent_arena *arena)
{
	const char *s;
	size_t n, i;
	int rc, range_end = 0, range_nospace = 0, started = 0;
	ent_token *toks;

	memset(out, 0, sizeof *out);
	r->nwords = 0;
	r->nlines = 0;
	ent_buf_clear(&r->text);
	for (;;) {
		rc = next_line(r, &s, &n);
		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		if (is_blank(s, n)) {
			if (started)
				break;
			continue;
		}
		if (!started) {
			started = 1;
			out->line = r->lineno;
		}
		if (s[0] == '#') {
			if (r->nwords) {
				rc = ent_error_set(ENT_EINVALID, "%s:%ld: comment inside a sentence",
				                   r->name, r->lineno);
				skip_sentence(r);
				return rc;
			}
			if (has_prefix(s, n, "# newdoc id =")) {
				char *id = ent_strndup(s + 13, n - 13), *p = id;

				if (!id)
					return ent_error_set(ENT_ENOMEM, "out of memory");
				while (*p == ' ')
					p++;
				memmove(id, p, strlen(p) + 1);
				ent_free(r->doc_id);
				r->doc_id = id;
			} else if (has_prefix(s, n, "# sent_id =")) {
				set_field(&out->sent_id, s, n, "# sent_id =", arena);
				if (!out->sent_id)
					return ENT_ENOMEM;
			}
			if (keep_line(r, s, n, -1, arena))
				return ENT_ENOMEM;
			continue;
		}
		rc = word_line(r, s, n, arena, &range_end, &range_nospace);
		if (rc == ENT_ENOMEM)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		if (rc < 0) {
			skip_sentence(r);
			return rc;
		}
	}
	if (!started)
		return 0;
	if (r->nwords == 0)
		return ent_error_set(ENT_EINVALID, "%s:%ld: sentence without words",
		                     r->name, out->line);
	for (i = 0; i < r->nwords; i++)
		if (r->words[i].head > (long)r->nwords)
			return ent_error_set(ENT_EINVALID, "%s:%ld: HEAD %d of word %zu is past the sentence end",
			                     r->name, out->line, r->words[i].head, i + 1);
	/* Drop the space after the last word. */
	if (r->text.len && r->text.data[r->text.len - 1] == ' ' &&
	    r->text.len > r->words[r->nwords - 1].end)
		r->text.len--, r->text.data[r->text.len] = '\0';
	out->text = ent_arena_strndup(arena, r->text.data, r->text.len);
	out->text_len = r->text.len;
	toks = ent_arena_calloc(arena, r->nwords, sizeof *toks);
	out->feats = ent_arena_alloc(arena, r->nwords * sizeof *out->feats);
	out->misc = ent_arena_alloc(arena, r->nwords * sizeof *out->misc);
	out->lines = ent_arena_alloc(arena, (r->nlines + 1) * sizeof *out->lines);
	if (!out->text || !toks || !out->feats || !out->misc || !out->lines)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	for (i = 0; i < r->nwords; i++) {
		const word *w = &r->words[i];
		ent_token *t = &toks[i];

		t->start = w->start;
		t->end = w->end;
		t->lemma = w->lemma;
		t->upos = w->upos;
		t->xpos = w->xpos;
		t->head = w->head;
		t->deprel = w->deprel;
		if (w->end < r->text.len && r->text.data[w->end] == ' ')
			t->flags |= ENT_TOK_SPACE_AFTER;
		out->feats[i] = w->feats;
		out->misc[i] = w->misc;
	}
	if (r->nlines)
		memcpy(out->lines, r->lines, r->nlines * sizeof *out->lines);
	out->nlines = r->nlines;
	out->tokens = toks;
	out->ntokens = r->nwords;
	if (r->doc_id) {
		out->doc_id = ent_arena_strndup(arena, r->doc_id, strlen(r->doc_id));
		if (!out->doc_id)
			return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	return 1;
}
