/*
 * cmd_code.c - entente code: documents in, events and relation statements
 * out (JSON Lines, TSV or Phoenix-style TSV), in input order, coded by
 * N threads.
 */
/* command: code 40 code events and relation statements (JSONL, TSV, Phoenix TSV) */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BATCH_DOCS 64

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente code [options] [FILE...]\n\n"
	        "Codes CAMEO events (who did what to whom, when) and relation statements from\n"
	        "documents, each with its sentence, the words of source, target and predicate,\n"
	        "and the rule that matched.\n\n"
	        "options:\n"
	        "  --format jsonl|tsv|phoenix  output (default jsonl; TSV formats have a header\n"
	        "                              and hold events only)\n"
	        "  --dict DIR                  dictionaries: a directory in entente's or the\n"
	        "                              PETRARCH-2 formats, or a comma-separated list of\n"
	        "                              files (default: the built-in dictionaries)\n"
	        "  --input text|jsonl|xml      input format (default: from the file extension)\n"
	        "  --date YYYY-MM-DD           document date for texts that carry none\n"
	        "  -j N                        threads (default: all cores)\n"
	        "  --monadic                   also emit events that have no target\n"
	        "  --no-relations              events only\n"
	        "  -q, --quiet                 no progress or summary on stderr\n"
	        "  -h, --help                  this help\n\n"
	        "FILE may be a directory; '-' or none reads standard input.\n");
}

/* A document copied out of the reader, with its output. */
typedef struct job {
	ent_doc doc;
	ent_buf out;
	int failed;
	char message[512];
} job;

typedef struct pool {
	const ent_coder *coder;
	ent_event_format format;
	job *jobs;
	size_t njobs;
	size_t next;          /* next job to take */
	pthread_mutex_t lock;
} pool;

static void code_job(const ent_coder *coder, ent_event_format format, job *j, ent_arena *arena)
{
	ent_coded coded;
	size_t i;
	int rc;

	ent_buf_clear(&j->out);
	rc = ent_coder_code(coder, &j->doc, &coded, arena);
	if (rc) {
		j->failed = 1;
		snprintf(j->message, sizeof j->message, "%s: %s", j->doc.id, ent_error_last());
		return;
	}
	for (i = 0; i < coded.nevents && !rc; i++)
		rc = ent_event_write(&j->out, format, &j->doc, &coded.events[i]);
	for (i = 0; i < coded.nrelations && !rc; i++)
		rc = ent_relation_write(&j->out, format, &j->doc, &coded.relations[i]);
	if (rc) {
		j->failed = 1;
		snprintf(j->message, sizeof j->message, "%s: out of memory writing output", j->doc.id);
	}
}

static void *worker(void *arg)
{
	pool *p = arg;
	ent_arena *arena;

	if (ent_arena_new(&arena, 1 << 20))
		return NULL;
	for (;;) {
		size_t k;

		pthread_mutex_lock(&p->lock);
		k = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (k >= p->njobs)
			break;
		ent_arena_reset(arena);
		code_job(p->coder, p->format, &p->jobs[k], arena);
	}
	ent_arena_free(arena);
	return NULL;
}

typedef struct run {
	const ent_coder *coder;
	ent_event_format format;
	int threads;
	job jobs[BATCH_DOCS];
	size_t njobs;
	ent_arena *batch_arena;  /* copies of the batch's documents */
	long docs, events_bytes;
	int failed;
} run;

/* Codes the batch with the threads and writes the outputs in order. */
static int flush(run *r)
{
	pool p;
	pthread_t tid[64];
	int t, n = r->threads, started = 0, rc = 0;
	size_t i;

	if (r->njobs == 0)
		return 0;
	memset(&p, 0, sizeof p);
	p.coder = r->coder;
	p.format = r->format;
	p.jobs = r->jobs;
	p.njobs = r->njobs;
	pthread_mutex_init(&p.lock, NULL);
	if (n > (int)r->njobs)
		n = (int)r->njobs;
	for (t = 1; t < n && t < 64; t++)
		if (pthread_create(&tid[t], NULL, worker, &p) == 0)
			started = t;
	worker(&p);  /* this thread works too */
	for (t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&p.lock);
	for (i = 0; i < r->njobs; i++) {
		if (r->jobs[i].failed) {
			cli_error("%s", r->jobs[i].message);
			r->failed = 1;
		} else if (!rc) {
			rc = cli_write(&r->jobs[i].out);
		}
	}
	r->njobs = 0;
	ent_arena_reset(r->batch_arena);
	return rc;
}

static const char *copy_str(ent_arena *a, const char *s)
{
	return s ? ent_arena_strndup(a, s, strlen(s)) : NULL;
}

static int on_doc(const ent_doc *doc, ent_arena *arena, void *ctx)
{
	run *r = ctx;
	job *j;

	(void)arena;
	j = &r->jobs[r->njobs];
	j->doc = *doc;
	j->doc.id = copy_str(r->batch_arena, doc->id);
	j->doc.title = copy_str(r->batch_arena, doc->title);
	j->doc.source = copy_str(r->batch_arena, doc->source);
	j->doc.url = copy_str(r->batch_arena, doc->url);
	j->doc.file = copy_str(r->batch_arena, doc->file);
	j->doc.text = ent_arena_strndup(r->batch_arena, doc->text, doc->text_len);
	j->failed = 0;
	if (!j->doc.id || !j->doc.text) {
		cli_error("out of memory");
		return 1;
	}
	r->njobs++;
	r->docs++;
	if (r->njobs == BATCH_DOCS)
		return flush(r);
	return 0;
}

int cmd_code(int argc, char **argv)
{
	cli_input_opts in;
	run r;
	const char *dict_dir = NULL;
	ent_dict *dict = NULL;
	ent_model *model = NULL;
	ent_coder *coder = NULL;
	ent_coder_opts copts;
	int i, rc = EXIT_OK;
	size_t k;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(&in, 0, sizeof in);
	memset(&r, 0, sizeof r);
	memset(&copts, 0, sizeof copts);
	r.threads = cores > 0 ? (int)cores : 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int got;

		got = cli_common_option(&in, argc, argv, &i, usage);
		if (got == CLI_OPT_END)
			break;
		if (got == CLI_OPT_TAKEN)
			continue;
		if (got != CLI_OPT_NONE)
			return got == CLI_OPT_HELP ? EXIT_OK : EXIT_USAGE;
		if ((strcmp(a, "--format") == 0 || strcmp(a, "--dict") == 0 || strcmp(a, "-j") == 0) &&
		    i + 1 >= argc) {
			cli_error("%s needs a value", a);
			return EXIT_USAGE;
		}
		if (strcmp(a, "--format") == 0) {
			const char *v = argv[++i];

			if (strcmp(v, "jsonl") == 0)
				r.format = ENT_FORMAT_JSONL;
			else if (strcmp(v, "tsv") == 0)
				r.format = ENT_FORMAT_TSV;
			else if (strcmp(v, "phoenix") == 0)
				r.format = ENT_FORMAT_PHOENIX;
			else {
				cli_error("unknown format '%s' (jsonl, tsv, phoenix)", v);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--dict") == 0) {
			dict_dir = argv[++i];
		} else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
			const char *v = a[2] ? a + 2 : argv[++i];
			char *end;
			long n = strtol(v, &end, 10);

			if (*end || n < 1 || n > 64) {
				cli_error("-j wants a number of threads from 1 to 64, not '%s'", v);
				return EXIT_USAGE;
			}
			r.threads = (int)n;
		} else if (strcmp(a, "--monadic") == 0) {
			copts.allow_monadic = 1;
		} else if (strcmp(a, "--no-relations") == 0) {
			copts.no_relations = 1;
		} else if (a[0] == '-' && a[1]) {
			cli_error("code: unknown option '%s' (see 'entente code -h')", a);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if (dict_dir ? ent_dict_load_dir(&dict, dict_dir) : ent_dict_load_builtin(&dict)) {
		cli_lib_error();
		return EXIT_DICT;
	}
	if (ent_dict_nerrors(dict) && !in.quiet)
		cli_error("%zu dictionary lines could not be used (see 'entente dict check%s%s')",
		          ent_dict_nerrors(dict), dict_dir ? " " : "", dict_dir ? dict_dir : "");
	if (ent_model_builtin(&model)) {
		cli_lib_error();
		ent_dict_free(dict);
		return EXIT_DICT;
	}
	if (ent_coder_new(&coder, dict, model, &copts) || ent_arena_new(&r.batch_arena, 1 << 20)) {
		cli_lib_error();
		rc = EXIT_FAIL;
		goto done;
	}
	r.coder = coder;
	for (k = 0; k < BATCH_DOCS; k++)
		ent_buf_init(&r.jobs[k].out, 0);
	fputs(ent_event_header(r.format), stdout);
	rc = cli_for_each_doc(argv + i, argc - i, &in, on_doc, &r);
	if (flush(&r))
		rc = EXIT_FAIL;
	if (r.failed)
		rc = EXIT_FAIL;
	if (fflush(stdout) != 0) {
		cli_error("cannot write output");
		rc = EXIT_FAIL;
	}
	for (k = 0; k < BATCH_DOCS; k++)
		ent_buf_free(&r.jobs[k].out);
done:
	ent_arena_free(r.batch_arena);
	ent_coder_free(coder);
	ent_model_free(model);
	ent_dict_free(dict);
	return rc;
}
