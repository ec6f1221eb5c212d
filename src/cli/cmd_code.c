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

/* A document copied out of the reader (into its own arena), with its
 * output. */
typedef struct job {
	ent_doc doc;
	ent_arena *copy;
	ent_buf out;
	int failed;
	int done;             /* coded, waiting to be written (under lock) */
	char message[512];
} job;

/* Documents flow through a ring of jobs: the main thread reads and
 * copies them in at the tail, the workers take them in order and code
 * them, and the main thread writes finished jobs from the head, so the
 * output keeps the input order while the workers never wait for a batch
 * to drain. With one thread the main thread codes each document as it
 * comes. */
#define JOBS_PER_THREAD 32

/* A coding arena's block: one holds a document's temporaries, and a
 * reset keeps it, so memory is not given back to the system and faulted
 * in again between documents (with 1 MB blocks that was 40% of the page
 * faults of coding Wikinews and about 3% of its CPU time, in the
 * kernel). Only the pages used count in the resident size. */
#define CODE_ARENA_BLOCK ((size_t)8 << 20)

typedef struct run {
	const ent_coder *coder;
	ent_event_format format;
	int threads;
	job *jobs;
	size_t njobs;         /* ring size */
	size_t head;          /* next job to write */
	size_t taken;         /* next job for a worker */
	size_t tail;          /* next job to fill */
	int stop;             /* no more documents */
	pthread_mutex_t lock;
	pthread_cond_t work;  /* a job to take, or stop */
	pthread_cond_t done;  /* a job finished */
	ent_arena *arena;     /* the main thread's, for -j 1 */
	int failed, write_failed;
} run;

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
	run *r = arg;
	ent_arena *arena;

	if (ent_arena_new(&arena, CODE_ARENA_BLOCK))
		return NULL;
	pthread_mutex_lock(&r->lock);
	for (;;) {
		job *j;

		while (r->taken == r->tail && !r->stop)
			pthread_cond_wait(&r->work, &r->lock);
		if (r->taken == r->tail)
			break;
		j = &r->jobs[r->taken++ % r->njobs];
		pthread_mutex_unlock(&r->lock);
		ent_arena_reset(arena);
		code_job(r->coder, r->format, j, arena);
		pthread_mutex_lock(&r->lock);
		j->done = 1;
		pthread_cond_signal(&r->done);
	}
	pthread_mutex_unlock(&r->lock);
	ent_arena_free(arena);
	return NULL;
}

/* Writes the finished job at the head (called without the lock). */
static void write_head(run *r)
{
	job *j = &r->jobs[r->head % r->njobs];

	if (j->failed) {
		cli_error("%s", j->message);
		r->failed = 1;
	} else if (!r->write_failed && cli_write(&j->out)) {
		r->write_failed = 1;
	}
	r->head++;
}

/* Writes the finished jobs at the head; with wait, also waits for jobs
 * until at most keep are left unwritten. */
static void drain(run *r, size_t keep)
{
	for (;;) {
		int ready;

		pthread_mutex_lock(&r->lock);
		while (r->head < r->tail && r->tail - r->head > keep &&
		       !r->jobs[r->head % r->njobs].done)
			pthread_cond_wait(&r->done, &r->lock);
		ready = r->head < r->tail && r->jobs[r->head % r->njobs].done;
		pthread_mutex_unlock(&r->lock);
		if (!ready)
			return;
		write_head(r);
	}
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
	if (r->threads > 1)
		drain(r, r->njobs - 1);  /* a free job at the tail */
	j = &r->jobs[r->tail % r->njobs];
	ent_arena_reset(j->copy);
	j->doc = *doc;
	j->doc.id = copy_str(j->copy, doc->id);
	j->doc.title = copy_str(j->copy, doc->title);
	j->doc.source = copy_str(j->copy, doc->source);
	j->doc.url = copy_str(j->copy, doc->url);
	j->doc.file = copy_str(j->copy, doc->file);
	j->doc.text = ent_arena_strndup(j->copy, doc->text, doc->text_len);
	j->failed = 0;
	j->done = 0;
	if (!j->doc.id || !j->doc.text) {
		cli_error("out of memory");
		return 1;
	}
	if (r->threads <= 1) {
		ent_arena_reset(r->arena);
		code_job(r->coder, r->format, j, r->arena);
		r->tail++;
		write_head(r);
		return r->write_failed;
	}
	pthread_mutex_lock(&r->lock);
	r->tail++;
	pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
	return r->write_failed;
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
	int i, t, started = 0, rc = EXIT_OK;
	size_t k;
	pthread_t tid[64];
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
	r.njobs = r.threads > 1 ? (size_t)r.threads * JOBS_PER_THREAD : 1;
	r.jobs = calloc(r.njobs, sizeof *r.jobs);
	if (ent_coder_new(&coder, dict, model, &copts) || !r.jobs ||
	    ent_arena_new(&r.arena, CODE_ARENA_BLOCK)) {
		if (r.jobs)
			cli_lib_error();
		else
			cli_error("out of memory");
		rc = EXIT_FAIL;
		goto done;
	}
	for (k = 0; k < r.njobs; k++) {
		ent_buf_init(&r.jobs[k].out, 0);
		if (ent_arena_new(&r.jobs[k].copy, 0)) {
			cli_lib_error();
			rc = EXIT_FAIL;
			goto done;
		}
	}
	r.coder = coder;
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.work, NULL);
	pthread_cond_init(&r.done, NULL);
	for (t = 0; t < r.threads && r.threads > 1; t++)
		if (pthread_create(&tid[t], NULL, worker, &r) == 0)
			started++;
	if (r.threads > 1 && !started) {
		r.threads = 1;  /* code in this thread */
		r.njobs = 1;
	}
	fputs(ent_event_header(r.format), stdout);
	rc = cli_for_each_doc(argv + i, argc - i, &in, on_doc, &r);
	pthread_mutex_lock(&r.lock);
	r.stop = 1;
	pthread_cond_broadcast(&r.work);
	pthread_mutex_unlock(&r.lock);
	if (r.threads > 1)
		drain(&r, 0);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_cond_destroy(&r.done);
	pthread_cond_destroy(&r.work);
	pthread_mutex_destroy(&r.lock);
	if (r.failed || r.write_failed)
		rc = EXIT_FAIL;
	if (fflush(stdout) != 0) {
		cli_error("cannot write output");
		rc = EXIT_FAIL;
	}
done:
	if (r.jobs)
		for (k = 0; k < r.njobs; k++) {
			ent_buf_free(&r.jobs[k].out);
			ent_arena_free(r.jobs[k].copy);
		}
	free(r.jobs);
	ent_arena_free(r.arena);
	ent_coder_free(coder);
	ent_model_free(model);
	ent_dict_free(dict);
	return rc;
}
