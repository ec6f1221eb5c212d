/*
 * cmd_parse.c - entente parse: part-of-speech tags, lemmas and dependency
 * trees as CoNLL-U, from raw documents (segmented by the foundation's
 * segmenter) or from CoNLL-U whose tokens and sentences are kept.
 */
/* command: parse 20 tag, lemmatise and parse documents into dependency trees (CoNLL-U) */
#include <string.h>

#include "cli.h"
#include "entente/conllu.h"
#include "entente/parse.h"

typedef struct parse_ctx {
	ent_model *model;
	ent_buf out;
	int quiet;
	int failed;
} parse_ctx;

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente parse [options] [FILE...]\n\n"
	        "Tags (UPOS and Penn XPOS), lemmatises and parses documents into labelled\n"
	        "dependency trees (UD English), written as CoNLL-U. MISC holds the token's\n"
	        "byte span in the document text (TokenRange=start:end) and SpaceAfter=No.\n\n"
	        "options:\n"
	        "  --input text|jsonl|xml|conllu  input format (default: from the file\n"
	        "                             extension). With conllu the tokens and\n"
	        "                             sentences are kept and the tags, lemmas and\n"
	        "                             trees replaced by the parser's\n"
	        "  --model FILE               a model file instead of the built-in one\n"
	        "  --date YYYY-MM-DD          document date for text files\n"
	        "  -q, --quiet                no progress or summary on stderr\n"
	        "  -h, --help                 this help\n\n"
	        "FILE may be a directory (its .txt, .jsonl and .xml files are read) or '-'\n"
	        "for standard input (the default). Exit status 3 when the model is bad.\n");
}

/* Writes the decimal digits of v. */
static int put_uint(ent_buf *b, size_t v)
{
	char d[24];
	size_t k = sizeof d;

	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return ent_buf_put(b, d + k, sizeof d - k);
}

/* One word line, written without printf (it is a large share of the time
 * of 'entente parse' on CoNLL-U). */
static int put_word(ent_buf *b, size_t id, const char *text, const ent_token *t,
                    const char *misc)
{
	int rc = put_uint(b, id);

	rc |= ent_buf_putc(b, '\t');
	rc |= ent_buf_put_tsv_field(b, text + t->start, t->end - t->start);
	rc |= ent_buf_putc(b, '\t');
	if (t->lemma)
		rc |= ent_buf_put_tsv_field(b, t->lemma, strlen(t->lemma));
	else
		rc |= ent_buf_putc(b, '_');
	rc |= ent_buf_putc(b, '\t');
	rc |= ent_buf_puts(b, ent_upos_name(t->upos));
	rc |= ent_buf_putc(b, '\t');
	rc |= ent_buf_puts(b, ent_xpos_name(t->xpos));
	rc |= ent_buf_put(b, "\t_\t", 3);
	rc |= put_uint(b, t->head >= 0 ? (size_t)t->head : 0);
	rc |= ent_buf_putc(b, '\t');
	rc |= ent_buf_puts(b, ent_deprel_name(t->deprel));
	rc |= ent_buf_put(b, "\t_\t", 3);
	if (misc)
		rc |= ent_buf_puts(b, misc);
	return rc | ent_buf_putc(b, '\n');
}

static int on_doc(const ent_doc *doc, ent_arena *arena, void *vctx)
{
	parse_ctx *c = vctx;
	ent_segmentation seg;
	size_t i, k;
	int rc;

	if (ent_segment(&seg, doc->text, doc->text_len, arena) ||
	    ent_tag_parse_all(c->model, &seg, doc->text, arena)) {
		cli_error("%s: %s", doc->id, ent_error_last());
		c->failed = 1;
		return 0;
	}
	ent_buf_clear(&c->out);
	rc = ent_buf_printf(&c->out, "# newdoc id = %s\n", doc->id);
	for (i = 0; i < seg.nsents && !rc; i++) {
		const ent_sentence *s = &seg.sents[i];

		rc |= ent_buf_printf(&c->out, "# sent_id = %s-%zu\n# text = ", doc->id, i + 1);
		rc |= ent_buf_put_tsv_field(&c->out, doc->text + s->start, s->end - s->start);
		rc |= ent_buf_putc(&c->out, '\n');
		for (k = 0; k < s->ntokens; k++) {
			const ent_token *t = &seg.tokens[s->first + k];
			char misc[64];

			snprintf(misc, sizeof misc, "%sTokenRange=%u:%u",
			         (t->flags & ENT_TOK_SPACE_AFTER) || k + 1 == s->ntokens
			                 ? "" : "SpaceAfter=No|", t->start, t->end);
			rc |= put_word(&c->out, k + 1, doc->text, t, misc);
		}
		rc |= ent_buf_putc(&c->out, '\n');
	}
	if (rc) {
		cli_error("%s: out of memory writing output", doc->id);
		return 1;
	}
	return cli_write(&c->out);
}

/* Writes sentence s as parsed. Returns 0, or -1 when output failed. */
static int write_conllu(parse_ctx *c, const char *path, const ent_conllu_sent *s)
{
	size_t i, l = 0;
	int rc = 0;

	ent_buf_clear(&c->out);
	for (; l < s->nlines && s->lines[l].before < 0; l++)
		rc |= ent_buf_puts(&c->out, s->lines[l].text) | ent_buf_putc(&c->out, '\n');
	for (i = 0; i < s->ntokens; i++) {
		for (; l < s->nlines && s->lines[l].before == (int)i; l++)
			rc |= ent_buf_puts(&c->out, s->lines[l].text) | ent_buf_putc(&c->out, '\n');
		rc |= put_word(&c->out, i + 1, s->text, &s->tokens[i], s->misc[i]);
	}
	rc |= ent_buf_putc(&c->out, '\n');
	if (rc) {
		cli_error("%s:%ld: out of memory writing output", path, s->line);
		return -1;
	}
	return cli_write(&c->out) ? -1 : 0;
}

/* Parses and writes the group of sentences read so far: all at once
 * (faster), or, when that fails, one by one so that each bad sentence is
 * reported and skipped. Returns 0, or -1 when output failed. */
#define CONLLU_GROUP 32
static int flush_conllu(parse_ctx *c, const char *path, ent_conllu_sent *sents, size_t n,
                        ent_arena *arena)
{
	ent_parse_item items[CONLLU_GROUP];
	size_t i;
	int all;

	for (i = 0; i < n; i++) {
		items[i].tokens = sents[i].tokens;
		items[i].n = sents[i].ntokens;
		items[i].text = sents[i].text;
	}
	all = ent_tag_parse_batch(c->model, items, n, arena) == 0;
	for (i = 0; i < n; i++) {
		if (!all && ent_tag_parse_batch(c->model, &items[i], 1, arena)) {
			cli_error("%s:%ld: %s", path, sents[i].line, ent_error_last());
			c->failed = 1;
			continue;
		}
		if (write_conllu(c, path, &sents[i]))
			return -1;
	}
	return 0;
}

/* Parses one CoNLL-U input in groups of sentences; bad sentences are
 * reported and skipped, in input order with the output. Returns 0, or -1
 * when output failed. */
static int parse_conllu(parse_ctx *c, const char *path, ent_arena *arena)
{
	ent_conllu_reader *r;
	ent_conllu_sent sents[CONLLU_GROUP];
	size_t n = 0;
	int rc, out_err = 0;

	if (ent_conllu_open(&r, path)) {
		cli_lib_error();
		c->failed = 1;
		return 0;
	}
	ent_arena_reset(arena);
	for (;;) {
		char msg[512];

		rc = ent_conllu_next(r, &sents[n], arena);
		if (rc == 1 && ++n < CONLLU_GROUP)
			continue;
		if (rc < 0)
			snprintf(msg, sizeof msg, "%s", ent_error_last());
		/* the group is full, or the input ends or has an error: what
		 * was read goes out before the error is told */
		if (n && flush_conllu(c, path, sents, n, arena)) {
			out_err = 1;
			break;
		}
		n = 0;
		ent_arena_reset(arena);
		if (rc == 0)
			break;
		if (rc < 0) {
			cli_error("%s", *msg ? msg : "unknown error");
			c->failed = 1;
			if (rc == ENT_EINVALID)
				continue;
			break;
		}
	}
	ent_conllu_free(r);
	return out_err ? -1 : 0;
}

int cmd_parse(int argc, char **argv)
{
	parse_ctx c;
	cli_input_opts in;
	const char *model_path = NULL;
	int i, rc;

	memset(&c, 0, sizeof c);
	memset(&in, 0, sizeof in);
	ent_buf_init(&c.out, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		rc = cli_common_option(&in, argc, argv, &i, usage);
		if (rc == CLI_OPT_END)
			break;
		if (rc == CLI_OPT_TAKEN)
			continue;
		if (rc != CLI_OPT_NONE)
			return rc == CLI_OPT_HELP ? EXIT_OK : EXIT_USAGE;
		if (cli_option_value(argc, argv, &i, "--model", &model_path)) {
			if (!model_path)
				return EXIT_USAGE;
			continue;
		}
		if (a[0] == '-' && a[1]) {
			cli_error("parse: unknown option '%s' (see 'entente parse -h')", a);
			return EXIT_USAGE;
		}
		break;
	}
	rc = model_path ? ent_model_load_file(&c.model, model_path) : ent_model_builtin(&c.model);
	if (rc) {
		cli_lib_error();
		return rc == ENT_ENOMEM ? EXIT_FAIL : EXIT_DICT;
	}
	c.quiet = in.quiet;
	if (in.reader.format == ENT_INPUT_CONLLU ||
	    (argc - i > 0 && in.reader.format == ENT_INPUT_AUTO &&
	     ent_input_format_for_path(argv[i]) == ENT_INPUT_CONLLU)) {
		ent_arena *arena = NULL;
		char *stdin_path[] = {(char *)"-"};
		char **paths = argc - i > 0 ? argv + i : stdin_path;
		int n = argc - i > 0 ? argc - i : 1, k;

		if (ent_arena_new(&arena, 1 << 16)) {
			cli_lib_error();
			rc = EXIT_FAIL;
		} else {
			rc = EXIT_OK;
			for (k = 0; k < n; k++)
				if (parse_conllu(&c, paths[k], arena) < 0) {
					rc = EXIT_FAIL;
					break;
				}
			if (c.failed) {
				if (!in.quiet)
					cli_error("some input was skipped (see the messages above)");
				rc = EXIT_FAIL;
			}
		}
		ent_arena_free(arena);
	} else {
		rc = cli_for_each_doc(argv + i, argc - i, &in, on_doc, &c);
		if (c.failed)
			rc = EXIT_FAIL;
	}
	ent_buf_free(&c.out);
	ent_model_free(c.model);
	if (fflush(stdout) != 0) {
		cli_error("cannot write output");
		return EXIT_FAIL;
	}
	return rc;
}
