/*
 * segeval.c - scores the segmenter against a UD CoNLL-U file:
 * `entente segment --eval GOLD.conllu`.
 *
 * Documents are rebuilt from the `# newdoc`, `# newpar` and `# text`
 * lines: sentences of a paragraph joined by a space, paragraphs by a blank
 * line. Sentence boundaries are scored on the rebuilt documents (a
 * sentence is right when its byte span is exactly right). Tokens and words
 * are scored given the gold sentences: each gold sentence text is
 * tokenised alone. Tokens are surface tokens (a UD multiword token such as
 * "don't" is one; entente's clitic splits are joined for this); words are
 * the syntactic words (do, n't).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct span { uint32_t start, end; } span;

typedef struct span_list {
	span *v;
	size_t n, cap;
} span_list;

static int push(span_list *l, uint32_t start, uint32_t end)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		span *grown = realloc(l->v, cap * sizeof *grown);

		if (!grown)
			return -1;
		l->v = grown;
		l->cap = cap;
	}
	l->v[l->n].start = start;
	l->v[l->n].end = end;
	l->n++;
	return 0;
}

/* Matches of two sorted span lists (exact start and end). */
static size_t matches(const span_list *a, const span_list *b)
{
	size_t i = 0, j = 0, m = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i].start == b->v[j].start && a->v[i].end == b->v[j].end) {
			m++, i++, j++;
		} else if (a->v[i].start < b->v[j].start ||
		           (a->v[i].start == b->v[j].start && a->v[i].end < b->v[j].end)) {
			i++;
		} else {
			j++;
		}
	}
	return m;
}

typedef struct score {
	size_t gold, sys, match;
} score;

static void add(score *s, const span_list *gold, const span_list *sys)
{
	s->gold += gold->n;
	s->sys += sys->n;
	s->match += matches(gold, sys);
}

static void print_score(const char *name, const score *s)
{
	double p = s->sys ? (double)s->match / (double)s->sys : 0;
	double r = s->gold ? (double)s->match / (double)s->gold : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

	printf("%-10s %8zu %8zu %8zu   P %.4f  R %.4f  F1 %.4f\n", name, s->gold, s->sys,
	       s->match, p, r, f);
}

typedef struct gold_sent {
	size_t text_start, text_end;   /* in the document buffer */
	span_list tokens, words;       /* relative to the sentence start */
} gold_sent;

typedef struct gold_doc {
	ent_buf text;
	gold_sent *sents;
	size_t n, cap;
	int new_par;
} gold_doc;

/* Aligns a token form within the sentence text from *pos; returns the
 * span or fails (-1) when the form is not found next. */
static int align(const char *text, size_t len, size_t *pos, const char *form,
                 size_t flen, span *out)
{
	size_t p = *pos;

	while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n'))
		p++;
	if (p + flen <= len && memcmp(text + p, form, flen) == 0) {
		out->start = (uint32_t)p;
		out->end = (uint32_t)(p + flen);
		*pos = p + flen;
		return 0;
	}
	return -1;
}

static void doc_reset(gold_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->sents[i].tokens.v);
		free(d->sents[i].words.v);
	}
	d->n = 0;
	ent_buf_clear(&d->text);
	d->new_par = 0;
}

typedef struct eval_state {
	score sents, tokens, words;
	ent_arena *arena;
	size_t docs, misaligned;
	const ent_splitter *model;
	ent_splitter_trainer *trainer;  /* set when training */
} eval_state;

static void score_doc(eval_state *e, gold_doc *d)
{
	span_list gold = {0}, sys = {0};
	ent_segmentation seg;
	size_t i, k;

	if (d->n == 0)
		return;
	e->docs++;
	ent_arena_reset(e->arena);
	for (i = 0; i < d->n; i++)
		push(&gold, (uint32_t)d->sents[i].text_start, (uint32_t)d->sents[i].text_end);
	if (e->trainer) {
		uint32_t *ends = malloc((d->n ? d->n : 1) * sizeof *ends);

		if (ends) {
			for (i = 0; i < d->n; i++)
				ends[i] = (uint32_t)d->sents[i].text_end;
			if (ent_splitter_trainer_add(e->trainer, d->text.data, d->text.len, ends, d->n))
				cli_lib_error();
			free(ends);
		}
		free(gold.v);
		return;
	}
	if (ent_segment_with(&seg, d->text.data, d->text.len, e->model, e->arena) == 0)
		for (i = 0; i < seg.nsents; i++)
			push(&sys, seg.sents[i].start, seg.sents[i].end);
	add(&e->sents, &gold, &sys);
	if (getenv("ENTENTE_SEGEVAL_SHOW")) {
		/* Show the system sentences that are not gold (debugging). */
		size_t j = 0;

		for (i = 0; i < sys.n; i++) {
			int found = 0;

			for (j = 0; j < gold.n; j++)
				if (gold.v[j].start == sys.v[i].start && gold.v[j].end == sys.v[i].end)
					found = 1;
			if (!found)
				fprintf(stderr, "SYS| %.*s\n", (int)(sys.v[i].end - sys.v[i].start),
				        d->text.data + sys.v[i].start);
		}
		for (j = 0; j < gold.n; j++) {
			int found = 0;

			for (i = 0; i < sys.n; i++)
				if (gold.v[j].start == sys.v[i].start && gold.v[j].end == sys.v[i].end)
					found = 1;
			if (!found)
				fprintf(stderr, "GOLD| %.*s\n", (int)(gold.v[j].end - gold.v[j].start),
				        d->text.data + gold.v[j].start);
		}
	}
	for (i = 0; i < d->n; i++) {
		gold_sent *g = &d->sents[i];
		span_list toks = {0}, words = {0};

		ent_arena_reset(e->arena);
		if (ent_tokenize(&seg, d->text.data + g->text_start, g->text_end - g->text_start,
		                 e->arena) == 0) {
			for (k = 0; k < seg.ntokens; k++) {
				const ent_token *t = &seg.tokens[k];

				push(&words, t->start, t->end);
				if ((t->flags & ENT_TOK_JOINED) && toks.n)
					toks.v[toks.n - 1].end = t->end;
				else
					push(&toks, t->start, t->end);
			}
		}
		add(&e->tokens, &g->tokens, &toks);
		if (getenv("ENTENTE_SEGEVAL_TOKENS")) {
			size_t a = 0, b = 0;
			const char *base = d->text.data + g->text_start;

			for (a = 0; a < toks.n; a++) {
				int found = 0;

				for (b = 0; b < g->tokens.n; b++)
					if (g->tokens.v[b].start == toks.v[a].start &&
					    g->tokens.v[b].end == toks.v[a].end)
						found = 1;
				if (!found)
					fprintf(stderr, "SYS| %.*s\n", (int)(toks.v[a].end - toks.v[a].start),
					        base + toks.v[a].start);
			}
			for (b = 0; b < g->tokens.n; b++) {
				int found = 0;

				for (a = 0; a < toks.n; a++)
					if (g->tokens.v[b].start == toks.v[a].start &&
					    g->tokens.v[b].end == toks.v[a].end)
						found = 1;
				if (!found)
					fprintf(stderr, "GOLD| %.*s\n", (int)(g->tokens.v[b].end - g->tokens.v[b].start),
					        base + g->tokens.v[b].start);
			}
		}
		add(&e->words, &g->words, &words);
		free(toks.v);
		free(words.v);
	}
	free(gold.v);
	free(sys.v);
}

/* Reads the gold file and scores it (trainer NULL) or adds its documents
 * to the trainer. */
static int gold_walk(const char *path, eval_state *ext)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t linecap = 0;
	ssize_t got;
	gold_doc d;
	eval_state e;
	gold_sent *cur = NULL;
	size_t pos = 0, mwt_end = 0, lineno = 0;
	const char *stext = NULL;
	size_t slen = 0;
	span mwt = {0, 0};
	size_t mwt_pos = 0;
	int rc = EXIT_OK;

	if (!f) {
		cli_error("cannot open %s", path);
		return EXIT_FAIL;
	}
	memset(&d, 0, sizeof d);
	memset(&e, 0, sizeof e);
	e.model = ext->model;
	e.trainer = ext->trainer;
	ent_buf_init(&d.text, 0);
	if (ent_arena_new(&e.arena, 1 << 20)) {
		fclose(f);
		return EXIT_FAIL;
	}
	while ((got = getline(&line, &linecap, f)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (strncmp(line, "# newdoc", 8) == 0) {
			score_doc(&e, &d);
			doc_reset(&d);
			continue;
		}
		if (strncmp(line, "# newpar", 8) == 0) {
			d.new_par = 1;
			continue;
		}
		if (strncmp(line, "# text = ", 9) == 0) {
			if (d.n == d.cap) {
				size_t cap = d.cap ? d.cap * 2 : 64;
				gold_sent *grown = realloc(d.sents, cap * sizeof *grown);

				if (!grown)
					break;
				d.sents = grown;
				d.cap = cap;
			}
			if (d.text.len)
				ent_buf_puts(&d.text, d.new_par ? "\n\n" : " ");
			d.new_par = 0;
			cur = &d.sents[d.n++];
			memset(cur, 0, sizeof *cur);
			cur->text_start = d.text.len;
			ent_buf_puts(&d.text, line + 9);
			cur->text_end = d.text.len;
			pos = 0;
			mwt_end = 0;
			continue;
		}
		if (!cur || line[0] == '#' || line[0] == '\0')
			continue;
		stext = d.text.data + cur->text_start;
		slen = cur->text_end - cur->text_start;
		{
			char *tab1 = strchr(line, '\t'), *tab2;
			size_t id_first = strtoul(line, NULL, 10), id_last;
			span sp;

			if (!tab1)
				continue;
			tab2 = strchr(tab1 + 1, '\t');
			if (!tab2)
				continue;
			if (memchr(line, '.', (size_t)(tab1 - line)))
				continue;  /* empty nodes */
			if (memchr(line, '-', (size_t)(tab1 - line))) {
				id_last = strtoul(strchr(line, '-') + 1, NULL, 10);
				if (align(stext, slen, &pos, tab1 + 1, (size_t)(tab2 - tab1 - 1), &sp)) {
					e.misaligned++;
					continue;
				}
				push(&cur->tokens, sp.start, sp.end);
				mwt = sp;
				mwt_pos = sp.start;
				mwt_end = id_last;
				continue;
			}
			if (mwt_end && id_first <= mwt_end) {
				/* A word inside a multiword token: its span when the
				 * words spell the token, else the whole token. */
				size_t flen = (size_t)(tab2 - tab1 - 1);

				if (mwt_pos + flen <= mwt.end &&
				    strncasecmp(stext + mwt_pos, tab1 + 1, flen) == 0) {
					push(&cur->words, (uint32_t)mwt_pos, (uint32_t)(mwt_pos + flen));
					mwt_pos += flen;
				} else {
					push(&cur->words, mwt.start, mwt.end);
				}
				if (id_first == mwt_end)
					mwt_end = 0;
				continue;
			}
			if (align(stext, slen, &pos, tab1 + 1, (size_t)(tab2 - tab1 - 1), &sp)) {
				e.misaligned++;
				continue;
			}
			push(&cur->tokens, sp.start, sp.end);
			push(&cur->words, sp.start, sp.end);
		}
	}
	score_doc(&e, &d);
	doc_reset(&d);
	free(d.sents);
	ent_buf_free(&d.text);
	free(line);
	fclose(f);
	ent_arena_free(e.arena);
	if (e.trainer) {
		*ext = e;
		return rc;
	}
	printf("%s: %zu documents%s%s\n", path, e.docs,
	       e.misaligned ? " (some gold tokens did not align with the text)" : "",
	       e.model ? "" : " [rules only]");
	printf("%-10s %8s %8s %8s\n", "", "gold", "system", "match");
	print_score("sentences", &e.sents);
	print_score("tokens", &e.tokens);
	print_score("words", &e.words);
	return rc;
}

int segeval_run(const char *path, int use_model)
{
	eval_state e;

	memset(&e, 0, sizeof e);
	e.model = use_model ? ent_splitter_builtin() : NULL;
	return gold_walk(path, &e);
}

int segeval_train(const char *path, const char *out_path, int epochs)
{
	eval_state e;
	ent_buf model = ENT_BUF_INIT;
	FILE *f;
	int rc = EXIT_OK;

	memset(&e, 0, sizeof e);
	if (ent_splitter_trainer_new(&e.trainer)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	if (gold_walk(path, &e) != EXIT_OK || e.docs == 0) {
		cli_error("no training documents in %s", path);
		rc = EXIT_FAIL;
		goto done;
	}
	fprintf(stderr, "entente: training the sentence-boundary model on %zu documents, %d epochs\n",
	        e.docs, epochs);
	if (ent_splitter_trainer_run(e.trainer, epochs, 18, &model)) {
		cli_lib_error();
		rc = EXIT_FAIL;
		goto done;
	}
	f = fopen(out_path, "wb");
	if (!f || fwrite(model.data, 1, model.len, f) != model.len) {
		cli_error("cannot write %s", out_path);
		rc = EXIT_FAIL;
	}
	if (f && fclose(f) != 0)
		rc = EXIT_FAIL;
done:
	ent_splitter_trainer_free(e.trainer);
	ent_buf_free(&model);
	return rc;
}
