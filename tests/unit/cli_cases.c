/*
 * cli_cases.c - black-box tests of the entente binary, driven by the case
 * files tests/cli/NAME.t. A case starts with "=== name" and has lines:
 *
 *   args: segment --format tsv tests/fixtures/x.txt   (words; "..." quotes)
 *   stdin: a line of standard input          (repeatable)
 *   stdin-file: tests/fixtures/x.txt
 *   exit: 0                                  (expected exit status)
 *   stdout-has: text / stdout-lacks: text    (repeatable)
 *   stderr-has: text / stderr-lacks: text    (repeatable)
 *   stdout-lines: N                          (exact line count)
 *
 * Each case runs the binary named by $ENTENTE_BIN with a 120 s limit and
 * prints an ok/not ok line like the unit tests.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define MAX_ARGS 64
#define MAX_CHECKS 32

typedef struct cli_case {
	char name[256];
	char *args[MAX_ARGS];
	int nargs;
	ent_buf stdin_text;
	char stdin_file[512];
	int has_stdin;
	int exit_code;
	char *checks[MAX_CHECKS];   /* "stdout-has:..." lines */
	int nchecks;
	long stdout_lines;
	const char *file;
	int line;
} cli_case;

static void case_reset(cli_case *c)
{
	int i;

	for (i = 0; i < c->nargs; i++)
		free(c->args[i]);
	for (i = 0; i < c->nchecks; i++)
		free(c->checks[i]);
	ent_buf_free(&c->stdin_text);
	memset(c, 0, sizeof *c);
	c->stdout_lines = -1;
}

/* The directory that @TMP@ in a case's arguments names: tmp/ beside the
 * binary under test (build/tmp, build-asan/tmp), so that the stores the
 * cases write belong to one build of one worktree and not to every
 * entente that runs its tests on the machine. */
static const char *case_tmp_dir(void)
{
	static char dir[1024];
	const char *bin, *slash;
	DIR *d;

	if (dir[0])
		return dir;
	bin = getenv("ENTENTE_BIN");
	if (!bin)
		bin = "build/entente";
	slash = strrchr(bin, '/');
	snprintf(dir, sizeof dir, "%.*s/tmp", slash ? (int)(slash - bin) : 1, slash ? bin : ".");
	mkdir(dir, 0777);
	/* every run starts from an empty directory */
	if ((d = opendir(dir)) != NULL) {
		struct dirent *ent;

		while ((ent = readdir(d)) != NULL) {
			char path[2048];

			if (ent->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
			unlink(path);
		}
		closedir(d);
	}
	return dir;
}

/* Splits v into words with "..." quoting; @TMP@ becomes case_tmp_dir(). */
static void split_args(cli_case *c, const char *v)
{
	while (*v && c->nargs < MAX_ARGS - 1) {
		ent_buf w = ENT_BUF_INIT;

		while (*v == ' ')
			v++;
		if (!*v)
			break;
		if (*v == '"') {
			v++;
			while (*v && *v != '"')
				ent_buf_putc(&w, *v++);
			if (*v)
				v++;
		} else {
			while (*v && *v != ' ') {
				if (strncmp(v, "@TMP@", 5) == 0) {
					ent_buf_puts(&w, case_tmp_dir());
					v += 5;
					continue;
				}
				ent_buf_putc(&w, *v++);
			}
		}
		c->args[c->nargs++] = ent_buf_detach(&w, NULL);
	}
}

static char *slurp(const char *path, size_t *len)
{
	char *d = test_read_file(path, len);

	if (!d) {
		d = calloc(1, 1);
		*len = 0;
	}
	return d;
}

static long count_lines(const char *s, size_t len)
{
	long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* Runs one case; returns 1 when it passed. */
static int run_case(cli_case *c)
{
	const char *bin = getenv("ENTENTE_BIN");
	char out_path[] = "/tmp/entente-cli-out-XXXXXX";
	char err_path[] = "/tmp/entente-cli-err-XXXXXX";
	char in_path[] = "/tmp/entente-cli-in-XXXXXX";
	int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path), in_fd = -1;
	int status = 0, ok = 1, i;
	pid_t pid;
	char *out, *err;
	size_t out_len, err_len;

	if (!bin)
		bin = "build/entente";
	if (out_fd < 0 || err_fd < 0) {
		fprintf(stderr, "  cannot make temporary files\n");
		return 0;
	}
	if (c->has_stdin && !c->stdin_file[0]) {
		in_fd = mkstemp(in_path);
		if (in_fd >= 0 && write(in_fd, c->stdin_text.data, c->stdin_text.len) < 0)
			ok = 0;
		if (in_fd >= 0)
			lseek(in_fd, 0, SEEK_SET);
	} else if (c->stdin_file[0]) {
		in_fd = open(c->stdin_file, O_RDONLY);
		if (in_fd < 0) {
			fprintf(stderr, "  %s:%d: cannot open stdin-file %s\n", c->file, c->line, c->stdin_file);
			ok = 0;
		}
	} else {
		in_fd = open("/dev/null", O_RDONLY);
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		char *argv[MAX_ARGS + 1];

		argv[0] = (char *)bin;
		for (i = 0; i < c->nargs; i++)
			argv[i + 1] = c->args[i];
		argv[c->nargs + 1] = NULL;
		if (in_fd >= 0)
			dup2(in_fd, 0);
		dup2(out_fd, 1);
		dup2(err_fd, 2);
		alarm(120);
		execv(bin, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		ok = 0;
	close(out_fd);
	close(err_fd);
	if (in_fd >= 0)
		close(in_fd);
	if (c->has_stdin && !c->stdin_file[0])
		unlink(in_path);
	out = slurp(out_path, &out_len);
	err = slurp(err_path, &err_len);
	unlink(out_path);
	unlink(err_path);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "  %s:%d: killed by signal %d\n", c->file, c->line, WTERMSIG(status));
		ok = 0;
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != c->exit_code) {
		fprintf(stderr, "  %s:%d: exit %d, expected %d\n", c->file, c->line,
		        WIFEXITED(status) ? WEXITSTATUS(status) : -1, c->exit_code);
		ok = 0;
	}
	for (i = 0; i < c->nchecks; i++) {
		const char *chk = c->checks[i], *v = strchr(chk, ':') + 1;
		int is_out = strncmp(chk, "stdout", 6) == 0;
		int want = strstr(chk, "-has:") != NULL;
		const char *hay = is_out ? out : err;

		while (*v == ' ')
			v++;
		if ((strstr(hay, v) != NULL) != want) {
			fprintf(stderr, "  %s:%d: %s (got %s: %.300s)\n", c->file, c->line, chk,
			        is_out ? "stdout" : "stderr", hay);
			ok = 0;
		}
	}
	if (c->stdout_lines >= 0 && count_lines(out, out_len) != c->stdout_lines) {
		fprintf(stderr, "  %s:%d: %ld stdout lines, expected %ld\n", c->file, c->line,
		        count_lines(out, out_len), c->stdout_lines);
		ok = 0;
	}
	(void)err_len;
	free(out);
	free(err);
	return ok;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the cases of every tests/cli/NAME.t whose case name contains filter;
 * adds to *n, *passed, *failed. */
void cli_cases_run(const char *filter, int *n, int *passed, int *failed)
{
	DIR *d = opendir("tests/cli");
	struct dirent *e;
	char *files[256];
	int nfiles = 0, f;

	if (!d)
		return;
	while ((e = readdir(d)) && nfiles < 256) {
		size_t l = strlen(e->d_name);

		if (l > 2 && strcmp(e->d_name + l - 2, ".t") == 0)
			files[nfiles++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(files, (size_t)nfiles, sizeof *files, compare_names);
	for (f = 0; f < nfiles; f++) {
		char path[600], line[8192];
		FILE *fp;
		cli_case c;
		int lineno = 0, open_case = 0;

		snprintf(path, sizeof path, "tests/cli/%s", files[f]);
		fp = fopen(path, "r");
		memset(&c, 0, sizeof c);
		case_reset(&c);
		while (fp) {
			char *got = fgets(line, sizeof line, fp);
			size_t l;

			if (got) {
				lineno++;
				l = strlen(line);
				while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
					line[--l] = '\0';
			}
			if (!got || strncmp(line, "=== ", 4) == 0) {
				if (open_case && (!filter || strstr(c.name, filter))) {
					int ok = run_case(&c);

					++*n;
					printf("%s %d - cli: %s\n", ok ? "ok" : "not ok", *n, c.name);
					fflush(stdout);
					if (ok)
						++*passed;
					else
						++*failed;
				}
				case_reset(&c);
				open_case = 0;
				if (!got)
					break;
				snprintf(c.name, sizeof c.name, "%.250s", line + 4);
				c.file = files[f];
				c.line = lineno;
				open_case = 1;
				continue;
			}
			if (!open_case || line[0] == '#' || line[0] == '\0')
				continue;
			if (strncmp(line, "args:", 5) == 0) {
				split_args(&c, line + 5);
			} else if (strncmp(line, "stdin:", 6) == 0) {
				const char *v = line + 6;

				if (*v == ' ')
					v++;
				ent_buf_puts(&c.stdin_text, v);
				ent_buf_putc(&c.stdin_text, '\n');
				c.has_stdin = 1;
			} else if (strncmp(line, "stdin-file:", 11) == 0) {
				const char *v = line + 11;

				while (*v == ' ')
					v++;
				snprintf(c.stdin_file, sizeof c.stdin_file, "%.500s", v);
				c.has_stdin = 1;
			} else if (strncmp(line, "exit:", 5) == 0) {
				c.exit_code = atoi(line + 5);
			} else if (strncmp(line, "stdout-lines:", 13) == 0) {
				c.stdout_lines = atol(line + 13);
			} else if ((strncmp(line, "stdout-", 7) == 0 || strncmp(line, "stderr-", 7) == 0) &&
			           c.nchecks < MAX_CHECKS && strchr(line, ':')) {
				c.checks[c.nchecks++] = strdup(line);
			} else {
				fprintf(stderr, "  %s:%d: unknown case line: %s\n", path, lineno, line);
			}
		}
		if (fp)
			fclose(fp);
		case_reset(&c);
		free(files[f]);
	}
}
