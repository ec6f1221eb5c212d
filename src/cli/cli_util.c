/*
 * cli_util.c - what every command shares: error messages, help flags,
 * walking inputs (files, directories, standard input) document by
 * document with progress, and the common input options.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("entente: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_lib_error(void)
{
	const char *msg = ent_error_last();

	cli_error("%s", *msg ? msg : "unknown error");
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_write(const ent_buf *buf)
{
	if (buf->len && fwrite(buf->data, 1, buf->len, stdout) != buf->len) {
		cli_error("cannot write output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int cli_input_option(cli_input_opts *opts, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *val = NULL;
	size_t n;

	if (strncmp(arg, "--input", 7) == 0 && (arg[7] == '\0' || arg[7] == '=')) {
		n = 7;
	} else if (strncmp(arg, "--date", 6) == 0 && (arg[6] == '\0' || arg[6] == '=')) {
		n = 6;
	} else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
		opts->quiet = 1;
		return 1;
	} else {
		return 0;
	}
	if (arg[n] == '=') {
		val = arg + n + 1;
	} else if (*i + 1 < argc) {
		val = argv[++*i];
	} else {
		cli_error("%s needs a value", arg);
		return -1;
	}
	if (n == 7) {
		int f = ent_input_format_parse(val);

		if (f < 0) {
			cli_error("unknown input format '%s' (text, jsonl, xml, conllu)", val);
			return -1;
		}
		opts->reader.format = (ent_input_format)f;
	} else {
		if (ent_date_parse(&opts->reader.date, val, strlen(val))) {
			cli_error("--date: %s", ent_error_last());
			return -1;
		}
	}
	return 1;
}

int cli_common_option(cli_input_opts *opts, int argc, char **argv, int *i,
                      void (*usage)(FILE *))
{
	int rc;

	if (cli_is_help(argv[*i])) {
		usage(stdout);
		return CLI_OPT_HELP;
	}
	if (strcmp(argv[*i], "--") == 0) {
		++*i;
		return CLI_OPT_END;
	}
	rc = cli_input_option(opts, argc, argv, i);
	return rc < 0 ? CLI_OPT_ERROR : rc > 0 ? CLI_OPT_TAKEN : CLI_OPT_NONE;
}

typedef struct walk {
	const cli_input_opts *opts;
	cli_doc_fn fn;
	void *ctx;
	ent_arena *arena;
	int failed;   /* something was skipped */
	int stopped;  /* the callback asked to stop */
	long docs;
	time_t started, last_report;
} walk;

static void progress(walk *w, int final)
{
	time_t now = time(NULL);

	if (w->opts->quiet || !isatty(2))
		return;
	if (!final && now - w->last_report < 2)
		return;
	w->last_report = now;
	fprintf(stderr, "\rentente: %ld documents (%lds)%s", w->docs,
	        (long)(now - w->started), final ? "\n" : "");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_path(walk *w, const char *path, int top);

static void walk_dir(walk *w, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d) {
		cli_error("cannot open directory %s: %s", path, strerror(errno));
		w->failed = 1;
		return;
	}
	while ((e = readdir(d))) {
		char *full;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		len = strlen(path) + strlen(e->d_name) + 2;
		full = malloc(len);
		if (!full)
			break;
		snprintf(full, len, "%s/%s", path, e->d_name);
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names);

			if (!grown) {
				free(full);
				break;
			}
			names = grown;
		}
		names[n++] = full;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	for (i = 0; i < n; i++) {
		if (!w->stopped)
			walk_path(w, names[i], 0);
		free(names[i]);
	}
	free(names);
}

/* Whether a file found inside a directory is one entente reads. */
static int readable_name(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return 0;
	return strcmp(dot, ".txt") == 0 || strcmp(dot, ".jsonl") == 0 ||
	       strcmp(dot, ".xml") == 0 || strcmp(dot, ".text") == 0;
}

static void walk_path(walk *w, const char *path, int top)
{
	struct stat st;
	ent_reader *r = NULL;
	ent_doc doc;
	int rc;

	if (strcmp(path, "-") != 0) {
		if (stat(path, &st) != 0) {
			cli_error("cannot open %s: %s", path, strerror(errno));
			w->failed = 1;
			return;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_dir(w, path);
			return;
		}
		if (!top && (!S_ISREG(st.st_mode) || !readable_name(path)))
			return;
	}
	if (ent_reader_open(&r, path, &w->opts->reader)) {
		cli_lib_error();
		w->failed = 1;
		return;
	}
	for (;;) {
		ent_arena_reset(w->arena);
		rc = ent_reader_next(r, &doc, w->arena);
		if (rc == 0)
			break;
		if (rc < 0) {
			cli_lib_error();
			w->failed = 1;
			if (rc == ENT_EINVALID)
				continue;
			break;
		}
		w->docs++;
		if (w->fn(&doc, w->arena, w->ctx)) {
			w->stopped = 1;
			break;
		}
		progress(w, 0);
	}
	ent_reader_free(r);
}

int cli_for_each_doc(char **paths, int npaths, const cli_input_opts *opts,
                     cli_doc_fn fn, void *ctx)
{
	walk w;
	char *stdin_path[] = {(char *)"-"};
	int i;

	memset(&w, 0, sizeof w);
	w.opts = opts;
	w.fn = fn;
	w.ctx = ctx;
	w.started = w.last_report = time(NULL);
	if (ent_arena_new(&w.arena, 1 << 20)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	if (npaths == 0) {
		paths = stdin_path;
		npaths = 1;
	}
	for (i = 0; i < npaths && !w.stopped; i++)
		walk_path(&w, paths[i], 1);
	if (w.docs > 50 || time(NULL) - w.started >= 2)
		progress(&w, 1);
	ent_arena_free(w.arena);
	if (w.failed && !opts->quiet)
		cli_error("some input was skipped (see the messages above)");
	return w.failed || w.stopped ? EXIT_FAIL : EXIT_OK;
}

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
	} else if (*i + 1 < argc) {
		*val = argv[++*i];
	} else {
		cli_error("%s needs a value", name);
		*val = NULL;
	}
	return 1;
}
