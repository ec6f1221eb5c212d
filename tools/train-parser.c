/*
 * train-parser.c - trains entente's tagger, lemmatiser tables and parser
 * from UD CoNLL-U files and writes the model file (make model).
 *
 * usage: train-parser TRAIN.conllu DEV.conllu WORDNET_DIR OUT.bin
 *
 * Deterministic: sentences are shuffled with a fixed-seed generator and no
 * step depends on time or addresses, so the same data gives a
 * byte-identical model. The number of epochs of each model is chosen on
 * the development set (the averaged weights of the best epoch are kept).
 *
 * Tagger: averaged perceptron, greedy left to right. Parser: arc-eager
 * with labelled actions, averaged perceptron, dynamic oracle with
 * exploration (Goldberg and Nivre 2012), trained on tags predicted by
 * tagger models trained on the other parts of the training set
 * (jack-knifing), so that it learns from the tags it sees at run time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/conllu.h"
#include "../src/lib/parse_int.h"

static uint32_t TAG_SLOTS = 1u << 22;
static uint32_t TAG2_SLOTS = 1u << 21;
static uint32_t PARSE_SLOTS = 1u << 22;
static uint32_t LABEL_SLOTS = 1u << 20;
#define TAG_EPOCHS 12
static int PARSE_EPOCHS = 20;
#define JACKKNIFE 5

static void die(const char *what)
{
	fprintf(stderr, "train-parser: %s\n", what);
	exit(1);
}

/* ---- deterministic random numbers (xorshift64*) ---- */
static uint64_t rng_state = 0x2545F4914F6CDD1DULL;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static void shuffle(int *a, int n)
{
	int i;

	for (i = n - 1; i > 0; i--) {
		int j = (int)(rng() % (uint64_t)(i + 1)), t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

/* ---- corpora ---- */
typedef struct sent {
	const char *text;
	ent_token *tok;      /* gold annotation */
	int n;
	uint8_t *ptag;       /* predicted xpos for parser training */
	uint8_t *pupos;      /* and upos */
	uint8_t *p1cls;      /* the tagger's first-pass classes (jack-knifed in training) */
	int16_t *head;       /* projectivised gold heads (1-based, 0 root) */
	uint8_t *label;      /* parser label index per word */
	ent_tokinfo *ti;
} sent;

typedef struct corpus {
	sent *s;
	int n, cap;
} corpus;

static void read_corpus(corpus *c, const char *path, ent_arena *arena)
{
	ent_conllu_reader *r;
	ent_conllu_sent cs;
	int rc;

	if (ent_conllu_open(&r, path))
		die(ent_error_last());
	while ((rc = ent_conllu_next(r, &cs, arena)) != 0) {
		if (rc < 0) {
			fprintf(stderr, "train-parser: %s\n", ent_error_last());
			if (rc != ENT_EINVALID)
				exit(1);
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->s = realloc(c->s, (size_t)c->cap * sizeof *c->s);
			if (!c->s)
				die("out of memory");
		}
		memset(&c->s[c->n], 0, sizeof c->s[c->n]);
		c->s[c->n].text = cs.text;
		c->s[c->n].tok = cs.tokens;
		c->s[c->n].n = (int)cs.ntokens;
		c->n++;
	}
	ent_conllu_free(r);
}

/* ---- records counted by sorting ---- */
typedef struct strs {
	char **v;
	size_t n, cap;
} strs;

static void strs_add(strs *s, const char *str)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			die("out of memory");
	}
	s->v[s->n] = strdup(str);
	if (!s->v[s->n])
		die("out of memory");
	s->n++;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- string table builder ---- */
typedef struct tab_entry {
	int cls;
	char key[256];
	unsigned char val[256];
	int keylen, vallen;
} tab_entry;

typedef struct tab_builder {
	tab_entry *e;
	size_t n, cap;
} tab_builder;

static void tab_add(tab_builder *t, int cls, const char *key, size_t keylen,
                    const void *val, size_t vallen)
{
	tab_entry *e;

	if (keylen > 255 || vallen > 250 || keylen == 0)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 65536;
		t->e = realloc(t->e, t->cap * sizeof *t->e);
		if (!t->e)
			die("out of memory");
	}
	e = &t->e[t->n++];
	e->cls = cls;
	memcpy(e->key, key, keylen);
	e->keylen = (int)keylen;
	memcpy(e->val, val, vallen);
	e->vallen = (int)vallen;
}

/* Serialises the table section body (nslots, bloblen, slots, blob);
 * first entry of a (cls, key) wins. */
static unsigned char *tab_build(tab_builder *t, size_t *len_out, ent_strtab *view)
{
	uint32_t nslots = 1024, *slots, i;
	size_t bloblen = 0, cap = 0, k;
	unsigned char *blob = NULL, *out;

	while (nslots < t->n + t->n / 2)
		nslots *= 2;
	slots = calloc(nslots, 4);
	for (k = 0; k < t->n; k++) {
		tab_entry *e = &t->e[k];
		uint32_t mask = nslots - 1;
		int dup = 0;

		i = (uint32_t)ent__tab_hash(e->cls, e->key, (size_t)e->keylen) & mask;
		while (slots[i]) {
			const unsigned char *x = blob + slots[i] - 1;

			if (x[0] == e->cls && x[1] == e->keylen && memcmp(x + 2, e->key, (size_t)e->keylen) == 0) {
				dup = 1;
				break;
			}
			i = (i + 1) & mask;
		}
		if (dup)
			continue;
		if (bloblen + 4 + (size_t)e->keylen + (size_t)e->vallen > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			blob = realloc(blob, cap);
			if (!blob)
				die("out of memory");
		}
		slots[i] = (uint32_t)bloblen + 1;
		blob[bloblen++] = (unsigned char)e->cls;
		blob[bloblen++] = (unsigned char)e->keylen;
		memcpy(blob + bloblen, e->key, (size_t)e->keylen);
		bloblen += (size_t)e->keylen;
		blob[bloblen++] = (unsigned char)e->vallen;
		memcpy(blob + bloblen, e->val, (size_t)e->vallen);
		bloblen += (size_t)e->vallen;
		blob[bloblen++] = 0;
	}
	*len_out = 16 + 4 * (size_t)nslots + bloblen;
	out = calloc(1, *len_out + 16);
	memcpy(out, &nslots, 4);
	{
		uint64_t bl = bloblen;

		memcpy(out + 8, &bl, 8);
	}
	memcpy(out + 16, slots, 4 * (size_t)nslots);
	if (bloblen)
		memcpy(out + 16 + 4 * (size_t)nslots, blob, bloblen);
	free(slots);
	free(blob);
	view->nslots = nslots;
	view->slots = (const uint32_t *)(const void *)(out + 16);
	view->blob = out + 16 + 4 * (size_t)nslots;
	view->bloblen = bloblen;
	return out;
}

/* ---- the perceptron ---- */
typedef struct perc {
	uint32_t nclasses, nslots;
	float *w, *tot, *avg;
	uint32_t *stamp;
	uint32_t t;        /* update counter (instances seen) */
} perc;

static void perc_init(perc *p, uint32_t nclasses, uint32_t nslots)
{
	size_t n = (size_t)nslots + nclasses;

	p->nclasses = nclasses;
	p->nslots = nslots;
	p->w = calloc(n, sizeof *p->w);
	p->tot = calloc(n, sizeof *p->tot);
	p->avg = calloc(n, sizeof *p->avg);
	p->stamp = calloc(n, sizeof *p->stamp);
	p->t = 1;
	if (!p->w || !p->tot || !p->avg || !p->stamp)
		die("out of memory");
}

static void perc_free(perc *p)
{
	free(p->w);
	free(p->tot);
	free(p->avg);
	free(p->stamp);
}

static void perc_score(const perc *p, const float *w, const uint64_t *f, size_t nf, float *scores)
{
	uint32_t c;
	size_t i;

	memset(scores, 0, p->nclasses * sizeof *scores);
	for (i = 0; i < nf; i++) {
		const float *r = w + ent__slot(f[i], p->nslots, p->nclasses);

		for (c = 0; c < p->nclasses; c++)
			scores[c] += r[c];
	}
}

static void perc_upd(perc *p, const uint64_t *f, size_t nf, int cls, float delta)
{
	size_t i;

	for (i = 0; i < nf; i++) {
		size_t k = ent__slot(f[i], p->nslots, p->nclasses) + (size_t)cls;

		p->tot[k] += (float)(p->t - p->stamp[k]) * p->w[k];
		p->stamp[k] = p->t;
		p->w[k] += delta;
	}
}

/* Writes the averaged weights into p->avg. */
static void perc_average(perc *p)
{
	size_t k, n = (size_t)p->nslots + p->nclasses;

	for (k = 0; k < n; k++)
		p->avg[k] = (p->tot[k] + (float)(p->t - p->stamp[k]) * p->w[k]) / (float)p->t;
}

/* ---- tagging with float weights ---- */
static int ntags;
static uint8_t tag_upos[256], tag_xpos[256];
static int tag_of[ENT_UPOS_COUNT][ENT_XPOS_COUNT];

static int gold_tag(const ent_token *t)
{
	int c = tag_of[t->upos][t->xpos], k;

	if (c >= 0)
		return c;
	/* a pair without a class: the most frequent class of its XPOS */
	for (k = 0; k < ntags; k++)
		if (tag_xpos[k] == t->xpos)
			return k;
	return 0;
}

/* Tags s with weights w (the second pass when pass2); writes classes
 * into out and, when margin is given, the margins of the best classes. */
static void tag_sent(const perc *p, const float *w, const sent *s, int *out, int pass2,
                     float *margin)
{
	uint64_t f[ENT_TAG_NFEAT];
	float sc[256];
	int i, k, p1 = -1, p2 = -1;

	for (i = 0; i < s->n; i++) {
		size_t nf;
		int best = 0, second = -1;

		if (s->ti[i].fixed && s->ti[i].fixed <= ntags) {
			/* words of one class are not scored (as at run time) */
			out[i] = s->ti[i].fixed - 1;
			if (margin)
				margin[i] = 1e30f;
			p2 = p1;
			p1 = out[i];
			continue;
		}
		nf = ent__tag_features(f, s->ti, (size_t)i, (size_t)s->n, p1, p2,
		                       pass2 ? s->p1cls : NULL);
		perc_score(p, w, f, nf, sc);
		for (k = 1; k < ntags; k++)
			if (sc[k] > sc[best]) {
				second = best;
				best = k;
			} else if (second < 0 || sc[k] > sc[second]) {
				second = k;
			}
		out[i] = best;
		if (margin)
			margin[i] = second < 0 ? 1e30f : sc[best] - sc[second];
		p2 = p1;
		p1 = best;
	}
}

/* Both passes as at run time: words whose first-pass margin is below thr
 * are tagged again by the second pass (p1cls must hold the first pass's
 * classes). */
static void tag_sent2(const perc *p, const float *w1, const perc *q, const float *w2,
                      const sent *s, int *out, float thr, float *margin)
{
	uint64_t f[ENT_TAG_NFEAT];
	float sc[256];
	int i, k, p1 = -1, p2 = -1;

	tag_sent(p, w1, s, out, 0, margin);
	for (i = 0; i < s->n; i++)
		s->p1cls[i] = (uint8_t)out[i];
	for (i = 0; i < s->n; i++) {
		if (margin[i] < thr) {
			size_t nf = ent__tag_features(f, s->ti, (size_t)i, (size_t)s->n, p1, p2, s->p1cls);
			int best = 0;

			perc_score(q, w2, f, nf, sc);
			for (k = 1; k < ntags; k++)
				if (sc[k] > sc[best])
					best = k;
			out[i] = best;
		}
		p2 = p1;
		p1 = out[i];
	}
}

static void train_tagger_epoch(perc *p, corpus *c, int *order, int nord, int pass2)
{
	uint64_t f[ENT_TAG_NFEAT];
	float sc[256];
	int oi, i, k;

	for (oi = 0; oi < nord; oi++) {
		const sent *s = &c->s[order[oi]];
		int p1 = -1, p2 = -1;

		for (i = 0; i < s->n; i++) {
			size_t nf = ent__tag_features(f, s->ti, (size_t)i, (size_t)s->n, p1, p2,
			                              pass2 ? s->p1cls : NULL);
			int best = 0, g = gold_tag(&s->tok[i]);

			perc_score(p, p->w, f, nf, sc);
			for (k = 1; k < ntags; k++)
				if (sc[k] > sc[best])
					best = k;
			if (best != g) {
				perc_upd(p, f, nf, g, 1.0f);
				perc_upd(p, f, nf, best, -1.0f);
			}
			p->t++;
			/* the gold history during training */
			p2 = p1;
			p1 = g;
		}
	}
}

static double tag_accuracy(const perc *p, const float *w, corpus *c, double *upos_acc, int pass2)
{
	int i, k, *out = malloc(40000 * sizeof *out);
	long good = 0, ugood = 0, total = 0;

	for (i = 0; i < c->n; i++) {
		tag_sent(p, w, &c->s[i], out, pass2, NULL);
		for (k = 0; k < c->s[i].n; k++) {
			good += tag_xpos[out[k]] == c->s[i].tok[k].xpos;
			ugood += tag_upos[out[k]] == c->s[i].tok[k].upos;
			total++;
		}
	}
	free(out);
	if (upos_acc)
		*upos_acc = 100.0 * (double)ugood / (double)total;
	return 100.0 * (double)good / (double)total;
}

/* Trains a tagger on the sentences in idx[0..nidx) for the given number
 * of epochs (or, with epochs 0, chooses them on dev); leaves the averaged
 * weights in p->avg. */
static int train_tagger(perc *p, corpus *train, const int *idx, int nidx, corpus *dev,
                        int epochs, float *best_w, int pass2)
{
	int *order = malloc((size_t)nidx * sizeof *order), e, best_e = 0;
	double best = -1;
	size_t nw = (size_t)p->nslots + p->nclasses;

	memcpy(order, idx, (size_t)nidx * sizeof *order);
	for (e = 0; e < (epochs ? epochs : TAG_EPOCHS); e++) {
		shuffle(order, nidx);
		train_tagger_epoch(p, train, order, nidx, pass2);
		if (epochs)
			continue;
		perc_average(p);
		{
			double u, x = tag_accuracy(p, p->avg, dev, &u, pass2);

			fprintf(stderr, "tagger%s epoch %d: dev XPOS %.2f UPOS %.2f\n", pass2 ? " pass 2" : "",
			        e + 1, x, u);
			if (u > best) {
				best = u;
				best_e = e + 1;
				memcpy(best_w, p->avg, nw * sizeof *best_w);
			}
		}
	}
	free(order);
	if (epochs) {
		perc_average(p);
		memcpy(best_w, p->avg, nw * sizeof *best_w);
		return epochs;
	}
	return best_e;
}

/* ---- parser training ---- */
static int nlabels, root_label, punct_label, dep_label;
static uint8_t labels[64];
static int label_of[ENT_DEPREL_COUNT];

/* Lifts non-projective arcs until the tree is projective. */
static void projectivise(int16_t *h, int n)
{
	int changed = 1, guard = 0;

	while (changed && guard++ < 4 * n + 10) {
		int d, best = -1, bestspan = 1 << 30;

		changed = 0;
		for (d = 1; d <= n; d++) {
			int a = h[d] < d ? h[d] : d, b = h[d] < d ? d : h[d], k, np = 0;

			if (h[d] == 0)
				continue;
			for (k = a + 1; k < b && !np; k++) {
				int x = k, steps = 0;

				while (x != 0 && x != h[d] && steps++ <= n)
					x = h[x];
				if (x != h[d])
					np = 1;
			}
			if (np && b - a < bestspan) {
				bestspan = b - a;
				best = d;
			}
		}
		if (best > 0) {
			h[best] = h[h[best]];
			changed = 1;
		}
	}
}

/* Costs of the four unlabelled action kinds (Goldberg and Nivre 2012);
 * -1 when not applicable. */
static void action_costs(const ent_pstate *st, const int16_t *G, int *csh, int *cre,
                         int *cla, int *cra)
{
	int n = st->n, s0 = st->stack[st->sp - 1], b = st->b, k, i;

	*csh = *cre = *cla = *cra = 0;
	if (b > n)
		return;
	/* shift: b loses heads and dependents in the stack */
	for (i = 0; i < st->sp; i++) {
		k = st->stack[i];
		if (G[b] == k)
			(*csh)++;
		if (k > 0 && st->node[k].head < 0 && G[k] == b)
			(*csh)++;
	}
	/* right-arc: b loses heads in the stack (but s0) and in the buffer,
	 * and headless dependents in the stack */
	for (i = 0; i < st->sp; i++) {
		k = st->stack[i];
		if (k != s0 && G[b] == k)
			(*cra)++;
		if (k > 0 && st->node[k].head < 0 && G[k] == b)
			(*cra)++;
	}
	if (G[b] > b)
		(*cra)++;
	/* left-arc and reduce: s0 loses dependents in the buffer; left-arc
	 * also its head in the buffer (but b) */
	if (s0 > 0) {
		int deps = 0;

		for (k = b; k <= n; k++)
			if (G[k] == s0)
				deps++;
		*cre = deps;
		*cla = deps + (G[s0] > b ? 1 : 0);
	}
}

static int follow_gold; /* debugging: check that the oracle reaches the gold tree */
/* Settings fixed by ENT_SETTINGS_IN (a final model trained on more data
 * with the epochs and margin an earlier run chose on dev); 0 = choose. */
static int fix_t1, fix_t2, fix_parse, tag2_epochs_chosen;
static float fix_margin;
static ent_actions A;        /* the parser's classes */
static int class_of[2][64];  /* the arc class of a label, left and right */
static int explore_pct = 90; /* chance of following a wrong prediction */

/* Chooses the action classes: per direction the most frequent labels of
 * training arcs get a class of their own (root always), the rest share
 * one class whose label the label model picks. */
static void choose_actions(corpus *c, int nclasses)
{
	long cnt[2][64];
	int dir, i, k;

	memset(cnt, 0, sizeof cnt);
	for (i = 0; i < c->n; i++)
		for (k = 1; k <= c->s[i].n; k++)
			if (c->s[i].head[k] > 0)
				cnt[k > c->s[i].head[k]][c->s[i].label[k - 1]]++;
	A.n = 2;
	for (dir = 0; dir < 2; dir++) {
		int room = (nclasses - 2) / 2, nseen = 0, used = 0;
		uint8_t taken[64] = {0};

		for (k = 0; k < nlabels; k++)
			nseen += cnt[dir][k] > 0;
		if (dir == 1) {
			taken[root_label] = 1;
			class_of[1][root_label] = A.n;
			A.root_class = A.n;
			A.label[A.n++] = (uint8_t)root_label;
			room--;
		}
		while (used < nseen && (used < room - 1 || nseen - used == 1)) {
			int best = -1;

			for (k = 0; k < nlabels; k++)
				if (!taken[k] && cnt[dir][k] > 0 && (best < 0 || cnt[dir][k] > cnt[dir][best]))
					best = k;
			taken[best] = 1;
			class_of[dir][best] = A.n;
			A.label[A.n++] = (uint8_t)best;
			used++;
		}
		A.other[dir] = 0;
		if (used < nseen) {
			for (k = 0; k < nlabels; k++)
				if (!taken[k] && cnt[dir][k] > 0) {
					A.other[dir] |= 1ULL << k;
					class_of[dir][k] = A.n;
				}
			A.label[A.n++] = ENT_LAB_OTHER;
		}
		for (k = 0; k < nlabels; k++)
			if (!taken[k] && !(A.other[dir] >> k & 1)) {
				/* never seen in this direction: the shared class, if any */
				class_of[dir][k] = A.other[dir] ? A.n - 1 : -1;
			}
		if (dir == 0)
			A.nleft = A.n - 2;
		else
			A.nright = A.n - 2 - A.nleft;
	}
	fprintf(stderr, "train-parser: %d action classes (%d left, %d right)\n", A.n, A.nleft,
	        A.nright);
}

/* The label of the arc h -> d by the label model (lp with weights w). */
static int pick_label(const perc *lp, const float *w, const ent_pstate *st, int h, int d,
                      const uint64_t *f, size_t nf)
{
	float sc[256];
	uint64_t mask = A.other[d > h];
	int k, best = -1;

	perc_score(lp, w, f, nf, sc);
	for (k = 0; k < nlabels; k++)
		if ((mask >> k & 1) && (best < 0 || sc[k] > sc[best]))
			best = k;
	return best;
}

static int parse_train_sent(perc *p, perc *lp, sent *s, ent_pstate *st, ent_pwords *pw,
                            int explore, int train, int *uas_good, int *las_good)
{
	uint64_t f[ENT_PARSE_NFEAT], lf[ENT_LABEL_NFEAT];
	float sc[256];
	uint8_t valid[256];
	int cost[256], i, k;

	ent__pstate_words(st, pw, s->ti, s->ptag, s->pupos, s->n);
	ent__pstate_init(st, s->n);
	while (!ent__pstate_done(st)) {
		size_t nf = ent__parse_features(f, st), nlf;
		int pred = -1, gold = -1, mincost = 1 << 30, label = 0, kind, h, d;

		perc_score(p, train ? p->w : p->avg, f, nf, sc);
		ent__act_valid(&A, st, valid);
		for (k = 0; k < A.n; k++)
			if (valid[k] && (pred < 0 || sc[k] > sc[pred]))
				pred = k;
		if (train) {
			int base[ENT_NACT], s0 = st->stack[st->sp - 1], b = st->b;

			action_costs(st, s->head, &base[ACT_SHIFT], &base[ACT_REDUCE], &base[ACT_LEFT],
			             &base[ACT_RIGHT]);
			for (k = 0; k < A.n; k++) {
				int kd = ent__act_kind(&A, k);

				if (!valid[k]) {
					cost[k] = 1 << 29;
					continue;
				}
				cost[k] = base[kd];
				if (kd == ACT_LEFT && s0 > 0 && s->head[s0] == b)
					cost[k] += class_of[0][s->label[s0 - 1]] != k;
				else if (kd == ACT_RIGHT && s->head[b] == s0)
					cost[k] += class_of[1][s->label[b - 1]] != k;
				if (cost[k] < mincost)
					mincost = cost[k];
			}
			for (k = 0; k < A.n; k++)
				if (valid[k] && cost[k] == mincost && (gold < 0 || sc[k] > sc[gold]))
					gold = k;
			if (follow_gold) {
				pred = gold;
			} else if (cost[pred] > mincost) {
				perc_upd(p, f, nf, gold, 1.0f);
				perc_upd(p, f, nf, pred, -1.0f);
				if (!(explore && (int)(rng() % 100) < explore_pct))
					pred = gold;
			}
			p->t++;
		}
		kind = ent__act_kind(&A, pred);
		if (kind == ACT_LEFT || kind == ACT_RIGHT) {
			ent__pstate_arc(st, kind, &h, &d);
			label = A.label[pred];
			if (label == ENT_LAB_OTHER) {
				nlf = ent__label_features(lf, st, h, d);
				if (train && s->head[d] == h && (A.other[d > h] >> s->label[d - 1] & 1)) {
					int g = s->label[d - 1];

					label = follow_gold ? g : pick_label(lp, lp->w, st, h, d, lf, nlf);
					if (label != g) {
						perc_upd(lp, lf, nlf, g, 1.0f);
						perc_upd(lp, lf, nlf, label, -1.0f);
					}
					lp->t++;
					if (!(explore && (int)(rng() % 100) < explore_pct))
						label = g;
				} else {
					label = pick_label(lp, train ? lp->w : lp->avg, st, h, d, lf, nlf);
				}
			}
		}
		ent__pstate_apply(st, kind, label);
	}
	ent__pstate_finish(st, nlabels, root_label, punct_label, dep_label);
	if (uas_good)
		for (i = 1; i <= s->n; i++) {
			int gh = s->tok[i - 1].head, ph = st->node[i].head;
			int pl = st->node[i].label ? labels[st->node[i].label - 1] : 0;

			if (gh == ph) {
				(*uas_good)++;
				if (pl == s->tok[i - 1].deprel)
					(*las_good)++;
			}
		}
	return 0;
}

static void pw_alloc(ent_pwords *pw, int maxn)
{
	size_t n = (size_t)maxn + 2;

	pw->word = malloc(n * sizeof *pw->word);
	pw->suf = malloc(n * sizeof *pw->suf);
	pw->tag = malloc(n);
	pw->utag = malloc(n);
	pw->cverb = malloc(n * sizeof *pw->cverb);
	pw->cpunct = malloc(n * sizeof *pw->cpunct);
	if (!pw->word || !pw->suf || !pw->tag || !pw->utag || !pw->cverb || !pw->cpunct)
		die("out of memory");
}

static void parse_eval(perc *p, perc *lp, corpus *dev, ent_pstate *st, ent_pwords *pw,
                       double *uas, double *las)
{
	int i, ug = 0, lg = 0, total = 0;

	for (i = 0; i < dev->n; i++) {
		parse_train_sent(p, lp, &dev->s[i], st, pw, 0, 0, &ug, &lg);
		total += dev->s[i].n;
	}
	*uas = 100.0 * ug / total;
	*las = 100.0 * lg / total;
}

/* ---- the model file ---- */
typedef struct outbuf {
	unsigned char *d;
	size_t n, cap;
} outbuf;

static void out_put(outbuf *o, const void *p, size_t n)
{
	if (o->n + n > o->cap) {
		while (o->n + n > o->cap)
			o->cap = o->cap ? o->cap * 2 : 1 << 20;
		o->d = realloc(o->d, o->cap);
		if (!o->d)
			die("out of memory");
	}
	memcpy(o->d + o->n, p, n);
	o->n += n;
}

static void out_pad(outbuf *o)
{
	static const unsigned char z[16];

	if (o->n % 16)
		out_put(o, z, 16 - o->n % 16);
}

static void out_section(outbuf *o, uint32_t id, const void *p, size_t n)
{
	uint32_t hdr[2] = {id, 0};
	uint64_t len = n;

	out_put(o, hdr, 8);
	out_put(o, &len, 8);
	out_put(o, p, n);
	out_pad(o);
}

/* Quantises weights to int8 (one scale per model) and writes a linear
 * model section, after pre (npre bytes, a multiple of 16) when given.
 * Returns the scale (float units per int8 unit). */
static float out_lin_pre(outbuf *o, uint32_t id, const float *w, uint32_t nclasses,
                         uint32_t nslots, const void *pre, size_t npre)
{
	size_t n = (size_t)nslots + nclasses, k, len = 16 + (size_t)nslots + ENT_LIN_PAD(nclasses);
	unsigned char *buf = calloc(1, npre + len);
	int8_t *q = (int8_t *)(void *)(buf + npre + 16);
	float maxw = 0, scale, inv;

	if (npre)
		memcpy(buf, pre, npre);
	for (k = 0; k < n; k++)
		if (fabsf(w[k]) > maxw)
			maxw = fabsf(w[k]);
	scale = maxw > 0 ? 127.0f / maxw : 1.0f;
	for (k = 0; k < n; k++)
		q[k] = (int8_t)lrintf(w[k] * scale);
	memcpy(buf + npre, &nclasses, 4);
	memcpy(buf + npre + 4, &nslots, 4);
	inv = 1.0f / scale;
	memcpy(buf + npre + 8, &inv, 4);
	out_section(o, id, buf, npre + len);
	free(buf);
	return inv;
}

static void out_lin(outbuf *o, uint32_t id, const float *w, uint32_t nclasses, uint32_t nslots)
{
	out_lin_pre(o, id, w, nclasses, nslots, NULL, 0);
}

/* ---- the lexicon: word -> tag set, frequency, word classes ---- */
typedef struct lexrec {
	char key[256];
	uint64_t tagset;
	long count;
	unsigned cls;
	int jc;            /* joint tag class of a training occurrence, or -1 */
} lexrec;

static lexrec *lexv;
static size_t nlex, caplex;

static void lex_add(const char *key, size_t len, uint64_t tagset, long count, unsigned cls)
{
	size_t i;

	if (len == 0 || len > 255)
		return;
	if (nlex == caplex) {
		caplex = caplex ? caplex * 2 : 65536;
		lexv = realloc(lexv, caplex * sizeof *lexv);
		if (!lexv)
			die("out of memory");
	}
	for (i = 0; i < len; i++) {
		char c = key[i];

		lexv[nlex].key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c >= '0' && c <= '9' ? '0' : c);
	}
	lexv[nlex].key[len] = '\0';
	lexv[nlex].tagset = tagset;
	lexv[nlex].count = count;
	lexv[nlex].cls = cls;
	lexv[nlex].jc = -1;
	nlex++;
}

static int cmp_lex(const void *a, const void *b)
{
	return strcmp(((const lexrec *)a)->key, ((const lexrec *)b)->key);
}

/* Merges the records of each word and adds them to the table; tag sets
 * and frequencies only for words seen at least min_count times (for rare
 * words they would be the exact answer in training and missing for
 * unseen words at run time). */
static long fixed_min = 10, nfixed;

static void lex_build(tab_builder *tb, long min_count)
{
	size_t a = 0;

	qsort(lexv, nlex, sizeof *lexv, cmp_lex);
	while (a < nlex) {
		size_t b = a;
		uint64_t tagset = 0;
		long count = 0;
		unsigned cls = 0;
		unsigned char val[LEX_BYTES];
		int freq = 0, best = -1;
		long jcount[256] = {0};

		while (b < nlex && strcmp(lexv[b].key, lexv[a].key) == 0) {
			tagset |= lexv[b].tagset;
			count += lexv[b].count;
			cls |= lexv[b].cls;
			if (lexv[b].jc >= 0) {
				jcount[lexv[b].jc]++;
				if (best < 0 || jcount[lexv[b].jc] > jcount[best])
					best = lexv[b].jc;
			}
			b++;
		}
		if (count < min_count)
			tagset = 0, count = 0;
		while ((1L << freq) <= count && freq < 15)
			freq++;
		memcpy(val, &tagset, 8);
		val[8] = (unsigned char)freq;
		val[9] = (unsigned char)cls;
		/* words of one tag class: seen often, always (but 1 in 200) with
		 * that class; the tagger does not score them */
		val[10] = (unsigned char)(best >= 0 && count >= fixed_min &&
		                          jcount[best] * 200 >= count * 199 ? best + 1 : 0);
		if (tagset || cls)
			tab_add(tb, TAB_LEX, lexv[a].key, strlen(lexv[a].key), tagset ? val : val + 9,
			        tagset ? LEX_BYTES : 1);
		nfixed += val[10] != 0;
		a = b;
	}
}

/* ---- WordNet ---- */
static void read_wordnet(tab_builder *tb, const char *dir)
{
	static const char *const pos[4] = {"noun", "verb", "adj", "adv"};
	char path[1024], line[4096];
	int p;

	for (p = 0; p < 4; p++) {
		FILE *f;

		snprintf(path, sizeof path, "%s/%s.exc", dir, pos[p]);
		f = fopen(path, "r");
		if (!f) {
			fprintf(stderr, "train-parser: cannot open %s (install wordnet-base: make setup)\n", path);
			exit(1);
		}
		while (fgets(line, sizeof line, f)) {
			char *form = strtok(line, " \n"), *lemma = strtok(NULL, " \n");

			if (!form || !lemma || strchr(form, '_') || strchr(lemma, '_'))
				continue;
			tab_add(tb, TAB_EXC + p, form, strlen(form), lemma, strlen(lemma));
			if (p < 3)
				lex_add(form, strlen(form), 0, 0, 1u << (4 + p));
		}
		fclose(f);
		snprintf(path, sizeof path, "%s/index.%s", dir, pos[p]);
		f = fopen(path, "r");
		if (!f) {
			fprintf(stderr, "train-parser: cannot open %s\n", path);
			exit(1);
		}
		while (fgets(line, sizeof line, f)) {
			char *w;

			if (line[0] == ' ')
				continue;
			w = strtok(line, " \n");
			if (!w || strchr(w, '_'))
				continue;
			lex_add(w, strlen(w), 0, 0, 1u << p);
		}
		fclose(f);
	}
	/* Names: nouns written with a capital in WordNet's synsets (Beijing,
	 * Taliban, Kremlin) get the lexicon's bit 7. */
	snprintf(path, sizeof path, "%s/data.noun", dir);
	{
		FILE *f = fopen(path, "r");

		if (!f) {
			fprintf(stderr, "train-parser: cannot open %s\n", path);
			exit(1);
		}
		while (fgets(line, sizeof line, f)) {
			char *tok, *save = NULL;
			int field = 0, nwords = 0, w = 0;

			if (line[0] == ' ')
				continue;
			for (tok = strtok_r(line, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save), field++) {
				if (field == 3) {
					nwords = (int)strtol(tok, NULL, 16);
				} else if (field >= 4 && (field - 4) % 2 == 0) {
					if (w++ >= nwords)
						break;
					if (tok[0] >= 'A' && tok[0] <= 'Z' && !strchr(tok, '_'))
						lex_add(tok, strlen(tok), 0, 0, 1u << 7);
				}
			}
		}
		fclose(f);
	}
}

static int wn_class(int xpos)
{
	const char *x = ent_xpos_name(xpos);

	if (x[0] == 'N' && x[1] == 'N')
		return WN_NOUN;
	if (x[0] == 'V' && x[1] == 'B')
		return WN_VERB;
	if (x[0] == 'J' && x[1] == 'J')
		return WN_ADJ;
	if (x[0] == 'R' && x[1] == 'B')
		return WN_ADV;
	return -1;
}

static void lower_ascii(char *dst, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	dst[n] = '\0';
}

/* Picks the most frequent value per key from sorted "key\x01value"
 * records and adds them to the table under cls taken from the key's
 * first byte. */
static void add_most_frequent(tab_builder *tb, strs *recs)
{
	size_t i = 0;

	qsort(recs->v, recs->n, sizeof *recs->v, cmp_str);
	while (i < recs->n) {
		char *sep = strchr(recs->v[i], '\x01');
		size_t keylen = (size_t)(sep - recs->v[i]), j = i, best = i, bestn = 0;

		while (j < recs->n && strncmp(recs->v[j], recs->v[i], keylen + 1) == 0) {
			size_t r = j;

			while (j < recs->n && strcmp(recs->v[j], recs->v[r]) == 0)
				j++;
			if (j - r > bestn) {
				bestn = j - r;
				best = r;
			}
		}
		{
			const char *v = strchr(recs->v[best], '\x01') + 1;

			char hex[3] = {recs->v[i][0], recs->v[i][1], 0};

			tab_add(tb, (int)strtol(hex, NULL, 16), recs->v[i] + 2, keylen - 2, v,
			        strlen(v));
		}
		i = j;
	}
}

int main(int argc, char **argv)
{
	ent_arena *arena;
	corpus train = {0}, dev = {0};
	tab_builder tb = {0};
	strs lem = {0};
	ent_strtab view;
	unsigned char *tabsec;
	size_t tablen;
	perc tp, tp2, pp, lp;
	float *tag_best, *tag2_best, *parse_best, *label_best, retag_margin = 0;
	int i, k, e, tag_epochs, best_e = 0, *order, maxn = 0;
	long tagcount[ENT_UPOS_COUNT][ENT_XPOS_COUNT];
	int labcount[ENT_DEPREL_COUNT];
	ent_pstate st;
	ent_pwords pw;
	double best_las = -1;
	outbuf o = {0};

	int tagdict_min = 5;

	if (argc != 5) {
		fprintf(stderr, "usage: train-parser TRAIN.conllu DEV.conllu WORDNET_DIR OUT.bin\n");
		return 2;
	}
	if (getenv("ENT_PARSE_SLOTS_LOG2"))
		PARSE_SLOTS = 1u << atoi(getenv("ENT_PARSE_SLOTS_LOG2"));
	if (getenv("ENT_TAG_SLOTS_LOG2"))
		TAG_SLOTS = 1u << atoi(getenv("ENT_TAG_SLOTS_LOG2"));
	if (getenv("ENT_TAG2_SLOTS_LOG2"))
		TAG2_SLOTS = 1u << atoi(getenv("ENT_TAG2_SLOTS_LOG2"));
	if (getenv("ENT_LABEL_SLOTS_LOG2"))
		LABEL_SLOTS = 1u << atoi(getenv("ENT_LABEL_SLOTS_LOG2"));
	if (getenv("ENT_EXPLORE_PCT"))
		explore_pct = atoi(getenv("ENT_EXPLORE_PCT"));
	if (getenv("ENT_PARSE_EPOCHS"))
		PARSE_EPOCHS = atoi(getenv("ENT_PARSE_EPOCHS"));
	if (getenv("ENT_TAGDICT_MIN"))
		tagdict_min = atoi(getenv("ENT_TAGDICT_MIN"));
	if (ent_arena_new(&arena, 1 << 24))
		die("out of memory");
	read_corpus(&train, argv[1], arena);
	if (getenv("ENT_TRAIN_EXTRA"))
		read_corpus(&train, getenv("ENT_TRAIN_EXTRA"), arena);
	read_corpus(&dev, argv[2], arena);
	if (getenv("ENT_SETTINGS_IN")) {
		FILE *sf = fopen(getenv("ENT_SETTINGS_IN"), "r");

		if (!sf || fscanf(sf, "tagger %d tagger2 %d margin %f parser %d", &fix_t1, &fix_t2,
		                  &fix_margin, &fix_parse) != 4 || fix_t1 < 1 || fix_t2 < 1 ||
		    fix_parse < 1)
			die("cannot read the settings file");
		fclose(sf);
		PARSE_EPOCHS = fix_parse;
		fprintf(stderr, "train-parser: fixed settings: tagger %d, pass 2 %d, margin %.3f, parser %d\n",
		        fix_t1, fix_t2, fix_margin, fix_parse);
	}
	fprintf(stderr, "train-parser: %d training and %d development sentences\n", train.n, dev.n);

	/* tag classes, most frequent first */
	memset(tagcount, 0, sizeof tagcount);
	memset(labcount, 0, sizeof labcount);
	for (i = 0; i < train.n; i++)
		for (k = 0; k < train.s[i].n; k++) {
			tagcount[train.s[i].tok[k].upos][train.s[i].tok[k].xpos]++;
			labcount[train.s[i].tok[k].deprel]++;
		}
	memset(tag_of, -1, sizeof tag_of);
	for (;;) {
		long bestc = 0;
		int bu = -1, bx = -1, u, x;

		for (u = 0; u < ENT_UPOS_COUNT; u++)
			for (x = 0; x < ENT_XPOS_COUNT; x++)
				if (tag_of[u][x] < 0 && tagcount[u][x] > bestc)
					bestc = tagcount[u][x], bu = u, bx = x;
		if (bu < 0 || ntags == 255)
			break;
		tag_of[bu][bx] = ntags;
		tag_upos[ntags] = (uint8_t)bu;
		tag_xpos[ntags] = (uint8_t)bx;
		ntags++;
	}
	label_of[0] = -1; /* relations this library does not know: dep */
	for (i = 1; i < ENT_DEPREL_COUNT; i++) {
		label_of[i] = -1;
		if (labcount[i] && nlabels < 64) {
			label_of[i] = nlabels;
			labels[nlabels++] = (uint8_t)i;
		}
	}
	root_label = label_of[ent_deprel_parse("root", 4)];
	punct_label = label_of[ent_deprel_parse("punct", 5)];
	dep_label = label_of[ent_deprel_parse("dep", 3)];
	if (dep_label < 0)
		dep_label = punct_label;
	fprintf(stderr, "train-parser: %d tag classes, %d labels\n", ntags, nlabels);

	/* lemma and tag dictionary records */
	for (i = 0; i < train.n; i++)
		for (k = 0; k < train.s[i].n; k++) {
			const ent_token *t = &train.s[i].tok[k];
			const char *form = train.s[i].text + t->start;
			size_t len = t->end - t->start;
			char rec[1100], low[600];
			int wn;

			if (len > 255 || !t->lemma || strlen(t->lemma) > 250)
				continue;
			if (!t->xpos)
				continue;
			snprintf(rec, sizeof rec, "%02x%.*s\x01%s", TAB_LEMMA_EXACT + t->xpos,
			         (int)len, form, t->lemma);
			strs_add(&lem, rec);
			lower_ascii(low, form, len);
			snprintf(rec, sizeof rec, "%02x%.*s\x01%s", TAB_LEMMA_LOWER + t->xpos,
			         (int)len, low, t->lemma);
			strs_add(&lem, rec);
			wn = wn_class(t->xpos);
			if (wn >= 0) {
				char lowlem[300];

				lower_ascii(lowlem, t->lemma, strlen(t->lemma));
				lex_add(lowlem, strlen(lowlem), 0, 0, 1u << wn);
			}
			lex_add(form, len, 1ULL << (t->xpos & 63), 1, 0);
			if (len > 0 && len <= 255)
				lexv[nlex - 1].jc = gold_tag(t);
		}
	add_most_frequent(&tb, &lem);
	read_wordnet(&tb, argv[3]);
	lex_build(&tb, tagdict_min);
	tabsec = tab_build(&tb, &tablen, &view);
	fprintf(stderr, "train-parser: table of %zu entries, %zu bytes; %ld words of one tag class\n",
	        tb.n, tablen, nfixed);

	for (i = 0; i < train.n; i++) {
		train.s[i].ti = malloc((size_t)train.s[i].n * sizeof(ent_tokinfo));
		ent__tokinfo(train.s[i].ti, train.s[i].tok, (size_t)train.s[i].n, train.s[i].text, &view);
		if (train.s[i].n > maxn)
			maxn = train.s[i].n;
	}
	for (i = 0; i < dev.n; i++) {
		dev.s[i].ti = malloc((size_t)dev.s[i].n * sizeof(ent_tokinfo));
		ent__tokinfo(dev.s[i].ti, dev.s[i].tok, (size_t)dev.s[i].n, dev.s[i].text, &view);
		if (dev.s[i].n > maxn)
			maxn = dev.s[i].n;
	}

	/* tagger: epochs chosen on dev */
	order = malloc((size_t)train.n * sizeof *order);
	for (i = 0; i < train.n; i++)
		order[i] = i;
	perc_init(&tp, (uint32_t)ntags, TAG_SLOTS);
	tag_best = malloc(((size_t)TAG_SLOTS + (size_t)ntags) * sizeof *tag_best);
	tag_epochs = train_tagger(&tp, &train, order, train.n, &dev, fix_t1, tag_best, 0);
	fprintf(stderr, "train-parser: tagger uses epoch %d\n", tag_epochs);
	if (getenv("ENT_TAGGER_ONLY"))
		return 0;
	perc_free(&tp);

	/* jack-knifed first-pass classes for the second pass and tags for
	 * parser training; then the second pass, its margin, and the final
	 * tags of dev */
	{
		int fold, *idx = malloc((size_t)train.n * sizeof *idx), *out = malloc((size_t)maxn * sizeof *out);
		float *fw = malloc(((size_t)TAG_SLOTS + (size_t)ntags) * sizeof *fw);
		float *mg = malloc((size_t)maxn * sizeof *mg), *allm;
		long good = 0, total = 0, ndev = 0;
		int tag2_epochs;

		for (fold = 0; fold < JACKKNIFE; fold++) {
			int nidx = 0;
			perc fp;

			for (i = 0; i < train.n; i++)
				if (i % JACKKNIFE != fold)
					idx[nidx++] = i;
			perc_init(&fp, (uint32_t)ntags, TAG_SLOTS);
			train_tagger(&fp, &train, idx, nidx, NULL, tag_epochs, fw, 0);
			for (i = fold; i < train.n; i += JACKKNIFE) {
				sent *s = &train.s[i];

				s->ptag = malloc((size_t)s->n);
				s->pupos = malloc((size_t)s->n);
				s->p1cls = malloc((size_t)s->n);
				tag_sent(&fp, fw, s, out, 0, NULL);
				for (k = 0; k < s->n; k++) {
					s->p1cls[k] = (uint8_t)out[k];
					s->ptag[k] = tag_xpos[out[k]];
					s->pupos[k] = tag_upos[out[k]];
					good += s->ptag[k] == s->tok[k].xpos;
					total++;
				}
			}
			perc_free(&fp);
			fprintf(stderr, "train-parser: jack-knife fold %d done\n", fold + 1);
		}
		fprintf(stderr, "train-parser: jack-knifed XPOS accuracy %.2f\n", 100.0 * good / total);
		tp.nslots = TAG_SLOTS;
		tp.nclasses = (uint32_t)ntags;
		for (i = 0; i < dev.n; i++) {
			sent *s = &dev.s[i];

			s->ptag = malloc((size_t)s->n);
			s->pupos = malloc((size_t)s->n);
			s->p1cls = malloc((size_t)s->n);
			tag_sent(&tp, tag_best, s, out, 0, NULL);
			for (k = 0; k < s->n; k++)
				s->p1cls[k] = (uint8_t)out[k];
			ndev += s->n;
		}
		/* the second pass */
		perc_init(&tp2, (uint32_t)ntags, TAG2_SLOTS);
		tag2_best = malloc(((size_t)TAG2_SLOTS + (size_t)ntags) * sizeof *tag2_best);
		for (i = 0; i < train.n; i++)
			order[i] = i;
		tag2_epochs_chosen = tag2_epochs = train_tagger(&tp2, &train, order, train.n, &dev, fix_t2, tag2_best, 1);
		fprintf(stderr, "train-parser: tagger pass 2 uses epoch %d\n", tag2_epochs);
		perc_free(&tp2);
		tp2.nslots = TAG2_SLOTS;
		tp2.nclasses = (uint32_t)ntags;
		/* the margin: the smallest share of words tagged again that
		 * loses at most 0.02 points of UPOS against tagging all again */
		allm = malloc((size_t)ndev * sizeof *allm);
		if (fix_t1) {
			retag_margin = fix_margin;
		} else {
			long at = 0;

			for (i = 0; i < dev.n; i++) {
				tag_sent(&tp, tag_best, &dev.s[i], out, 0, allm + at);
				at += dev.s[i].n;
			}
			qsort(allm, (size_t)ndev, sizeof *allm, cmp_float);
		}
		if (!fix_t1) {
			static const double share[] = {0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0};
			double acc[7], full;
			int q;

			for (q = 0; q < 7; q++) {
				float thr = share[q] >= 1.0 ? 1e30f : allm[(long)(share[q] * (double)ndev)];
				long ug = 0;

				for (i = 0; i < dev.n; i++) {
					tag_sent2(&tp, tag_best, &tp2, tag2_best, &dev.s[i], out, thr, mg);
					for (k = 0; k < dev.s[i].n; k++)
						ug += tag_upos[out[k]] == dev.s[i].tok[k].upos;
				}
				acc[q] = 100.0 * (double)ug / (double)ndev;
				fprintf(stderr, "train-parser: second pass on %.0f%% of words: dev UPOS %.2f\n",
				        100 * share[q], acc[q]);
			}
			full = acc[6];
			for (q = 0; q < 7; q++)
				if (acc[q] >= full - 0.03)
					break;
			retag_margin = share[q] >= 1.0 ? 1e6f : allm[(long)(share[q] * (double)ndev)];
			if (retag_margin > 1e6f)
				retag_margin = 1e6f;
			fprintf(stderr, "train-parser: second pass below margin %.3f (%.0f%% of words)\n",
			        retag_margin, 100 * share[q]);
		}
		free(allm);
		for (i = 0; i < dev.n; i++) {
			sent *s = &dev.s[i];

			tag_sent2(&tp, tag_best, &tp2, tag2_best, s, out, retag_margin, mg);
			for (k = 0; k < s->n; k++) {
				s->ptag[k] = tag_xpos[out[k]];
				s->pupos[k] = tag_upos[out[k]];
			}
		}
		free(idx);
		free(out);
		free(fw);
		free(mg);
	}

	/* gold trees */
	for (i = 0; i < train.n; i++) {
		sent *s = &train.s[i];

		s->head = malloc((size_t)(s->n + 1) * sizeof *s->head);
		s->label = malloc((size_t)s->n);
		s->head[0] = 0;
		for (k = 0; k < s->n; k++) {
			int l = label_of[s->tok[k].deprel];

			s->head[k + 1] = s->tok[k].head;
			s->label[k] = (uint8_t)(l >= 0 ? l : dep_label);
		}
		projectivise(s->head, s->n);
	}
	{
		int nc = getenv("ENT_ACT_CLASSES") ? atoi(getenv("ENT_ACT_CLASSES")) : 32;

		choose_actions(&train, nc < 6 ? 6 : nc > 120 ? 120 : nc);
	}

	if (getenv("ENT_ORACLE_CHECK")) {
		long good = 0, lgood = 0, total = 0;

		follow_gold = 1;
		perc_init(&pp, (uint32_t)A.n, 1024);
		perc_init(&lp, (uint32_t)nlabels, 1024);
		st.stack = malloc((size_t)(maxn + 2) * sizeof *st.stack);
		st.node = malloc((size_t)(maxn + 2) * sizeof *st.node);
		pw_alloc(&pw, maxn);
		for (i = 0; i < train.n; i++) {
			sent *s = &train.s[i];

			parse_train_sent(&pp, &lp, s, &st, &pw, 0, 1, NULL, NULL);
			for (k = 1; k <= s->n; k++) {
				good += st.node[k].head == s->head[k];
				lgood += st.node[k].head == s->head[k] && st.node[k].label == s->label[k - 1] + 1;
				total++;
			}
		}
		fprintf(stderr, "oracle: UAS %.3f LAS %.3f against projectivised gold\n",
		        100.0 * good / total, 100.0 * lgood / total);
		return 0;
	}
	/* parser */
	perc_init(&pp, (uint32_t)A.n, PARSE_SLOTS);
	perc_init(&lp, (uint32_t)nlabels, LABEL_SLOTS);
	parse_best = malloc(((size_t)PARSE_SLOTS + (size_t)A.n) * sizeof *parse_best);
	label_best = malloc(((size_t)LABEL_SLOTS + (size_t)nlabels) * sizeof *label_best);
	st.stack = malloc((size_t)(maxn + 2) * sizeof *st.stack);
	st.node = malloc((size_t)(maxn + 2) * sizeof *st.node);
	pw_alloc(&pw, maxn);
	for (i = 0; i < train.n; i++)
		order[i] = i;
	for (e = 0; e < PARSE_EPOCHS; e++) {
		double uas, las;

		shuffle(order, train.n);
		for (i = 0; i < train.n; i++)
			parse_train_sent(&pp, &lp, &train.s[order[i]], &st, &pw,
			                 e > 0 && !getenv("ENT_NO_EXPLORE"), 1, NULL, NULL);
		perc_average(&pp);
		perc_average(&lp);
		parse_eval(&pp, &lp, &dev, &st, &pw, &uas, &las);
		fprintf(stderr, "parser epoch %d: dev UAS %.2f LAS %.2f\n", e + 1, uas, las);
		if (fix_parse ? e + 1 == fix_parse : las > best_las) {
			best_las = las;
			best_e = e + 1;
			memcpy(parse_best, pp.avg, ((size_t)PARSE_SLOTS + (size_t)A.n) * sizeof *parse_best);
			memcpy(label_best, lp.avg, ((size_t)LABEL_SLOTS + (size_t)nlabels) * sizeof *label_best);
		}
	}
	fprintf(stderr, "train-parser: parser uses epoch %d (dev LAS %.2f)\n", best_e, best_las);
	if (getenv("ENT_SETTINGS_OUT")) {
		FILE *sf = fopen(getenv("ENT_SETTINGS_OUT"), "w");

		if (!sf || fprintf(sf, "tagger %d tagger2 %d margin %.9g parser %d\n", tag_epochs,
		                   tag2_epochs_chosen, retag_margin, best_e) < 0 || fclose(sf) != 0)
			die("cannot write the settings file");
	}

	/* write */
	{
		unsigned char hdr[32] = "ENTMODEL";
		uint32_t version = ENT_MODEL_VERSION, nsec = 8;
		unsigned char pairs[512];
		uint64_t total, sum;
		FILE *f;

		out_put(&o, hdr, 32);
		for (k = 0; k < ntags; k++) {
			pairs[2 * k] = tag_upos[k];
			pairs[2 * k + 1] = tag_xpos[k];
		}
		out_section(&o, SEC_TAGS, pairs, 2 * (size_t)ntags);
		out_section(&o, SEC_LABELS, labels, (size_t)nlabels);
		out_lin(&o, SEC_TAGGER, tag_best, (uint32_t)ntags, TAG_SLOTS);
		{
			unsigned char pre[16] = {0};

			memcpy(pre, &retag_margin, 4);
			out_lin_pre(&o, SEC_TAGGER2, tag2_best, (uint32_t)ntags, TAG2_SLOTS, pre, 16);
		}
		out_lin(&o, SEC_PARSER, parse_best, (uint32_t)A.n, PARSE_SLOTS);
		out_lin(&o, SEC_LABELER, label_best, (uint32_t)nlabels, LABEL_SLOTS);
		{
			unsigned char ab[18 + 256];

			memcpy(ab, A.other, 16);
			ab[16] = (unsigned char)A.nleft;
			ab[17] = (unsigned char)A.nright;
			memcpy(ab + 18, A.label + 2, (size_t)(A.nleft + A.nright));
			out_section(&o, SEC_ACTIONS, ab, 18 + (size_t)(A.nleft + A.nright));
		}
		out_section(&o, SEC_TABLE, tabsec, tablen);
		total = o.n;
		memcpy(o.d + 8, &version, 4);
		memcpy(o.d + 12, &nsec, 4);
		memcpy(o.d + 16, &total, 8);
		sum = ent__hash_bytes(o.d + 32, o.n - 32, 0x6d6f64656cULL);
		memcpy(o.d + 24, &sum, 8);
		f = fopen(argv[4], "wb");
		if (!f || fwrite(o.d, 1, o.n, f) != o.n || fclose(f) != 0)
			die("cannot write the model");
		fprintf(stderr, "train-parser: wrote %s (%zu bytes)\n", argv[4], o.n);
	}
	return 0;
}
