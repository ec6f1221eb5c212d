/*
 * cmd_eval.c - entente eval: scores output against gold files.
 *
 * Modes, chosen by the first option:
 *   --conllu GOLD PRED   tagging, lemmas and dependency trees (CoNLL 2018
 *                        shared task definitions)
 * Further modes (event coding against gold JSONL) are added beside it as
 * more eval_* functions in the dispatch table below.
 */
/* command: eval 50 score output against gold files (--conllu GOLD PRED, --gold GOLD) */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entente/conllu.h"
#include "entente/parse.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente eval --conllu GOLD.conllu PRED.conllu\n"
	        "       entente eval --gold GOLD.jsonl [--dict DIR] [--show]\n\n"
	        "--gold codes every record of an event gold set (JSON Lines: PETRARCH unit\n"
	        "tests, PETR-2 GSR, CAMEO manual, PLOVER GSR, ConfliBERT) and reports event\n"
	        "precision, recall and F1 (actors at their country or group root, codes at\n"
	        "root and full level), records coded exactly, false events on records that\n"
	        "expect none, gold-root coverage or five-way class accuracy; --show prints\n"
	        "each record's gold and system events.\n\n"
	        "--conllu:\n"
	        "Scores predicted CoNLL-U against gold CoNLL-U with the definitions of the\n"
	        "CoNLL 2018 shared task: words are aligned by their character spans (so\n"
	        "the tokenisations may differ), precision, recall and F1 are reported for\n"
	        "each metric; UAS needs the head aligned, LAS also the relation (universal\n"
	        "part; 'LAS-full' also compares subtypes such as nsubj:pass); a gold lemma\n"
	        "'_' counts any predicted lemma as right.\n\n"
	        "options:\n"
	        "  --conllu GOLD PRED  the files to compare\n"
	        "  -h, --help          this help\n");
}

/* One syntactic word of a file, in file order. */
typedef struct ev_word {
	size_t start, end;   /* span in the stream of non-space characters */
	long head;           /* index of the head word in the file, -1 root */
	const char *lemma;
	uint8_t upos, xpos, deprel;
} ev_word;

typedef struct ev_file {
	ev_word *w;
	size_t n, cap;
	size_t chars;
	int bad;             /* sentences skipped */
	ent_arena *arena;    /* lemmas */
} ev_file;

static int read_words(ev_file *f, const char *path)
{
	ent_conllu_reader *r;
	ent_conllu_sent s;
	ent_arena *tmp = NULL;
	int rc;

	if (ent_conllu_open(&r, path)) {
		cli_lib_error();
		return -1;
	}
	if (ent_arena_new(&tmp, 1 << 16) || ent_arena_new(&f->arena, 1 << 20)) {
		cli_lib_error();
		ent_arena_free(tmp);
		ent_conllu_free(r);
		return -1;
	}
	for (;;) {
		size_t i, base = f->n;

		ent_arena_reset(tmp);
		rc = ent_conllu_next(r, &s, tmp);
		if (rc == 0)
			break;
		if (rc < 0) {
			cli_lib_error();
			f->bad++;
			if (rc == ENT_EINVALID)
				continue;
			break;
		}
		if (f->n + s.ntokens > f->cap) {
			size_t ncap = f->cap ? f->cap * 2 : 65536;
			ev_word *g;

			while (ncap < f->n + s.ntokens)
				ncap *= 2;
			g = realloc(f->w, ncap * sizeof *g);
			if (!g) {
				cli_error("out of memory");
				rc = -1;
				break;
			}
			f->w = g;
			f->cap = ncap;
		}
		for (i = 0; i < s.ntokens; i++) {
			const ent_token *t = &s.tokens[i];
			ev_word *w = &f->w[f->n++];
			size_t k, len = 0;

			for (k = t->start; k < t->end; k++)
				if (s.text[k] != ' ')
					len++;
			w->start = f->chars;
			w->end = f->chars + len;
			f->chars += len;
			w->head = t->head ? (long)(base + (size_t)t->head - 1) : -1;
			w->upos = t->upos;
			w->xpos = t->xpos;
			w->deprel = t->deprel;
			w->lemma = t->lemma ? ent_arena_strndup(f->arena, t->lemma, strlen(t->lemma)) : "_";
			if (!w->lemma) {
				cli_lib_error();
				rc = -1;
				break;
			}
		}
		if (rc < 0)
			break;
	}
	ent_arena_free(tmp);
	ent_conllu_free(r);
	return rc < 0 && rc != ENT_EINVALID ? -1 : 0;
}

/* The universal part of a relation name's length ("nsubj" of
 * "nsubj:pass"). */
static size_t universal_len(const char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? (size_t)(colon - name) : strlen(name);
}

static int same_universal(int a, int b)
{
	const char *x = ent_deprel_name(a), *y = ent_deprel_name(b);
	size_t n = universal_len(x);

	return n == universal_len(y) && memcmp(x, y, n) == 0;
}

enum { M_WORDS, M_UPOS, M_XPOS, M_LEMMA, M_UAS, M_LAS, M_LASFULL, M_COUNT };

static int eval_conllu(int argc, char **argv)
{
	static const char *const names[M_COUNT] = {"Words", "UPOS", "XPOS", "Lemmas", "UAS",
	                                           "LAS", "LAS-full"};
	ev_file gold, pred;
	long correct[M_COUNT] = {0};
	long *to_gold = NULL;
	size_t gi = 0, pi = 0, k;
	int rc = EXIT_OK, m;

	if (argc != 3) {
		cli_error("eval --conllu needs GOLD and PRED files (see 'entente eval -h')");
		return EXIT_USAGE;
	}
	memset(&gold, 0, sizeof gold);
	memset(&pred, 0, sizeof pred);
	if (read_words(&gold, argv[1]) || read_words(&pred, argv[2])) {
		rc = EXIT_FAIL;
		goto done;
	}
	if (gold.bad || pred.bad)
		cli_error("some sentences could not be read and were left out (see above)");
	if (gold.chars != pred.chars)
		cli_error("warning: the texts differ (%zu and %zu non-space characters)",
		          gold.chars, pred.chars);
	to_gold = malloc((pred.n + 1) * sizeof *to_gold);
	if (!to_gold) {
		cli_error("out of memory");
		rc = EXIT_FAIL;
		goto done;
	}
	/* align words with the same span */
	for (k = 0; k < pred.n; k++)
		to_gold[k] = -1;
	while (gi < gold.n && pi < pred.n) {
		const ev_word *g = &gold.w[gi], *p = &pred.w[pi];

		if (g->start == p->start && g->end == p->end) {
			to_gold[pi] = (long)gi;
			gi++, pi++;
		} else if (g->start < p->start || (g->start == p->start && g->end < p->end)) {
			gi++;
		} else {
			pi++;
		}
	}
	for (k = 0; k < pred.n; k++) {
		const ev_word *p = &pred.w[k], *g;
		int head_ok;

		if (to_gold[k] < 0)
			continue;
		g = &gold.w[to_gold[k]];
		correct[M_WORDS]++;
		correct[M_UPOS] += p->upos == g->upos;
		correct[M_XPOS] += p->xpos == g->xpos;
		correct[M_LEMMA] += strcmp(g->lemma, "_") == 0 || strcmp(p->lemma, g->lemma) == 0;
		head_ok = (p->head < 0 && g->head < 0) ||
		          (p->head >= 0 && g->head >= 0 && to_gold[p->head] == g->head);
		correct[M_UAS] += head_ok;
		correct[M_LAS] += head_ok && same_universal(p->deprel, g->deprel);
		correct[M_LASFULL] += head_ok && p->deprel == g->deprel;
	}
	printf("%-10s %9s %9s %9s\n", "Metric", "Precision", "Recall", "F1");
	for (m = 0; m < M_COUNT; m++) {
		double prec = pred.n ? 100.0 * (double)correct[m] / (double)pred.n : 0;
		double rec = gold.n ? 100.0 * (double)correct[m] / (double)gold.n : 0;
		double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;

		printf("%-10s %9.2f %9.2f %9.2f\n", names[m], prec, rec, f1);
	}
	printf("(%zu gold words, %zu predicted words)\n", gold.n, pred.n);
	if (gold.bad || pred.bad)
		rc = EXIT_FAIL;
done:
	free(to_gold);
	free(gold.w);
	free(pred.w);
	ent_arena_free(gold.arena);
	ent_arena_free(pred.arena);
	return rc;
}

typedef struct eval_mode {
	const char *option;
	int (*run)(int argc, char **argv); /* argv[0] is the option */
} eval_mode;

int eval_gold(int argc, char **argv);

static const eval_mode modes[] = {
	{"--conllu", eval_conllu},
	{"--gold", eval_gold},
	{NULL, NULL}
};

int cmd_eval(int argc, char **argv)
{
	const eval_mode *m;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cli_is_help(argv[1])) {
		usage(stdout);
		return EXIT_OK;
	}
	for (m = modes; m->option; m++)
		if (strcmp(argv[1], m->option) == 0)
			return m->run(argc - 1, argv + 1);
	cli_error("eval: unknown mode '%s' (see 'entente eval -h')", argv[1]);
	return EXIT_USAGE;
}
