/*
 * cmd_segment.c - entente segment: sentences and tokens of documents.
 */
/* command: segment 10 split documents into sentences and tokens (JSONL, CoNLL-U, TSV) */
#include <string.h>

#include "cli.h"

int segeval_run(const char *path, int use_model);
int segeval_train(const char *path, const char *out_path, int epochs);

typedef enum { FMT_JSONL, FMT_CONLLU, FMT_TSV } seg_format;

typedef struct seg_ctx {
	seg_format format;
	int rules_only;
	ent_buf out;
} seg_ctx;

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente segment [options] [FILE...]\n\n"
	        "Splits documents into sentences and tokens (UD English conventions) with\n"
	        "byte offsets into the document text.\n\n"
	        "options:\n"
	        "  --format jsonl|conllu|tsv  output: one JSON object per sentence (default),\n"
	        "                             CoNLL-U without tags, or a TSV table of sentences\n"
	        "  --input text|jsonl|xml     input format (default: from the file extension)\n"
	        "  --date YYYY-MM-DD          document date for text files\n"
	        "  -q, --quiet                no progress or summary on stderr\n"
	        "  --eval GOLD.conllu         score sentence boundaries, tokens and words\n"
	        "                             against a UD treebank (documents rebuilt from\n"
	        "                             its # newdoc, # newpar and # text lines)\n"
	        "  --rules-only               split by the rules alone, without the\n"
	        "                             built-in boundary model\n"
	        "  --train-splitter GOLD.conllu MODEL.bin\n"
	        "                             train the boundary model (make model-splitter)\n"
	        "  -h, --help                 this help\n\n"
	        "FILE may be a directory (its .txt, .jsonl and .xml files are read) or '-'\n"
	        "for standard input (the default).\n");
}

static int put_jsonl(seg_ctx *c, const ent_doc *doc, const ent_segmentation *seg)
{
	size_t i, k;
	char date[11];
	int rc = 0;

	ent_date_format(date, &doc->date);
	for (i = 0; i < seg->nsents && !rc; i++) {
		const ent_sentence *s = &seg->sents[i];

		rc |= ent_buf_puts(&c->out, "{\"doc\":");
		rc |= ent_buf_put_json_string(&c->out, doc->id, strlen(doc->id));
		rc |= ent_buf_printf(&c->out, ",\"sent\":%zu,\"date\":\"%s\",\"start\":%u,\"end\":%u,\"text\":",
		                     i, date, s->start, s->end);
		rc |= ent_buf_put_json_string(&c->out, doc->text + s->start, s->end - s->start);
		if (s->flags & ENT_SENT_HEADER)
			rc |= ent_buf_puts(&c->out, ",\"header\":true");
		if (s->flags & ENT_SENT_TITLE)
			rc |= ent_buf_puts(&c->out, ",\"title\":true");
		rc |= ent_buf_puts(&c->out, ",\"tokens\":[");
		for (k = 0; k < s->ntokens; k++) {
			const ent_token *t = &seg->tokens[s->first + k];

			rc |= ent_buf_printf(&c->out, "%s[", k ? "," : "");
			rc |= ent_buf_put_json_string(&c->out, doc->text + t->start, t->end - t->start);
			rc |= ent_buf_printf(&c->out, ",%u,%u]", t->start, t->end);
		}
		rc |= ent_buf_puts(&c->out, "]}\n");
	}
	return rc;
}

static int put_conllu(seg_ctx *c, const ent_doc *doc, const ent_segmentation *seg)
{
	size_t i, k;
	int rc = ent_buf_printf(&c->out, "# newdoc id = %s\n", doc->id);

	for (i = 0; i < seg->nsents && !rc; i++) {
		const ent_sentence *s = &seg->sents[i];

		rc |= ent_buf_printf(&c->out, "# sent_id = %s-%zu\n# text = ", doc->id, i + 1);
		/* The text line must be one line. */
		rc |= ent_buf_put_tsv_field(&c->out, doc->text + s->start, s->end - s->start);
		rc |= ent_buf_putc(&c->out, '\n');
		for (k = 0; k < s->ntokens; k++) {
			const ent_token *t = &seg->tokens[s->first + k];

			rc |= ent_buf_printf(&c->out, "%zu\t", k + 1);
			rc |= ent_buf_put_tsv_field(&c->out, doc->text + t->start, t->end - t->start);
			rc |= ent_buf_printf(&c->out, "\t_\t_\t_\t_\t_\t_\t_\t%sTokenRange=%u:%u\n",
			                     (t->flags & ENT_TOK_SPACE_AFTER) || k + 1 == s->ntokens
			                             ? "" : "SpaceAfter=No|",
			                     t->start, t->end);
		}
		rc |= ent_buf_putc(&c->out, '\n');
	}
	return rc;
}

static int put_tsv(seg_ctx *c, const ent_doc *doc, const ent_segmentation *seg)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < seg->nsents && !rc; i++) {
		const ent_sentence *s = &seg->sents[i];

		rc |= ent_buf_put_tsv_field(&c->out, doc->id, strlen(doc->id));
		rc |= ent_buf_printf(&c->out, "\t%zu\t%u\t%u\t%u\t", i, s->start, s->end, s->ntokens);
		rc |= ent_buf_put_tsv_field(&c->out, doc->text + s->start, s->end - s->start);
		rc |= ent_buf_putc(&c->out, '\n');
	}
	return rc;
}

static int on_doc(const ent_doc *doc, ent_arena *arena, void *ctx)
{
	seg_ctx *c = ctx;
	ent_segmentation seg;
	int rc;

	if (ent_segment_with(&seg, doc->text, doc->text_len,
	                     c->rules_only ? NULL : ent_splitter_builtin(), arena)) {
		cli_error("%s: %s", doc->id, ent_error_last());
		return 0;
	}
	ent_buf_clear(&c->out);
	if (c->format == FMT_JSONL)
		rc = put_jsonl(c, doc, &seg);
	else if (c->format == FMT_CONLLU)
		rc = put_conllu(c, doc, &seg);
	else
		rc = put_tsv(c, doc, &seg);
	if (rc) {
		cli_error("%s: out of memory writing output", doc->id);
		return 1;
	}
	return cli_write(&c->out);
}

int cmd_segment(int argc, char **argv)
{
	seg_ctx c;
	cli_input_opts in;
	const char *v;
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
		if (strcmp(a, "--eval") == 0) {
			if (i + 1 >= argc) {
				cli_error("--eval needs a CoNLL-U file");
				return EXIT_USAGE;
			}
			return segeval_run(argv[i + 1], !c.rules_only);
		}
		if (strcmp(a, "--rules-only") == 0) {
			c.rules_only = 1;
			continue;
		}
		if (strcmp(a, "--train-splitter") == 0) {
			if (i + 2 >= argc) {
				cli_error("usage: entente segment --train-splitter TRAIN.conllu MODEL.bin");
				return EXIT_USAGE;
			}
			return segeval_train(argv[i + 1], argv[i + 2], 8);
		}
		if (cli_option_value(argc, argv, &i, "--format", &v)) {
			if (!v)
				return EXIT_USAGE;
			if (strcmp(v, "jsonl") == 0)
				c.format = FMT_JSONL;
			else if (strcmp(v, "conllu") == 0)
				c.format = FMT_CONLLU;
			else if (strcmp(v, "tsv") == 0)
				c.format = FMT_TSV;
			else {
				cli_error("unknown format '%s' (jsonl, conllu, tsv)", v);
				return EXIT_USAGE;
			}
			continue;
		}
		if (a[0] == '-' && a[1]) {
			cli_error("segment: unknown option '%s' (see 'entente segment -h')", a);
			return EXIT_USAGE;
		}
		break;
	}
	if (c.format == FMT_TSV)
		fputs("doc\tsent\tstart\tend\ttokens\ttext\n", stdout);
	rc = cli_for_each_doc(argv + i, argc - i, &in, on_doc, &c);
	ent_buf_free(&c.out);
	if (fflush(stdout) != 0) {
		cli_error("cannot write output");
		return EXIT_FAIL;
	}
	return rc;
}
