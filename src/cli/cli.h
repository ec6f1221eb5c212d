/*
 * cli.h - what the command files share: the command table entry type,
 * option parsing helpers, input walking and error reporting.
 */
#ifndef ENTENTE_CLI_H
#define ENTENTE_CLI_H

#include <stdio.h>
#include "entente/entente.h"

/* Exit codes (DESIGN.md). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DICT = 3 };

typedef struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_command;

/* Prints "entente: <what>" to stderr. */
void cli_error(const char *fmt, ...) ENT_PRINTF(1, 2);
/* Prints "entente: <ent_error_last()>" to stderr. */
void cli_lib_error(void);

/* Whether arg is -h or --help. */
int cli_is_help(const char *arg);

/* Walks the inputs: files, directories (recursively, in name order, only
 * regular files with a known extension) and "-" for standard input; none
 * means standard input. Calls fn for each document. Malformed records are
 * reported on stderr and skipped. Returns EXIT_OK, or EXIT_FAIL when
 * anything was skipped or failed (after going through every input). fn
 * returns 0 to go on, or non-zero to stop (an output error). */
typedef int (*cli_doc_fn)(const ent_doc *doc, ent_arena *arena, void *ctx);

typedef struct cli_input_opts {
	ent_reader_opts reader;
	int quiet;         /* no progress on stderr */
} cli_input_opts;

int cli_for_each_doc(char **paths, int npaths, const cli_input_opts *opts,
                     cli_doc_fn fn, void *ctx);

/* Parses the common input options at argv[*i] (--input, --date); returns
 * 1 when consumed (advancing *i), 0 when not an input option, -1 on a
 * usage error (reported). */
int cli_input_option(cli_input_opts *opts, int argc, char **argv, int *i);

/* What cli_common_option found at argv[*i]. */
enum { CLI_OPT_ERROR = -1, CLI_OPT_NONE, CLI_OPT_TAKEN, CLI_OPT_END, CLI_OPT_HELP };

/* The options every document-reading command shares: help (writes usage
 * to stdout, CLI_OPT_HELP), "--" (ends the options and steps *i past it,
 * CLI_OPT_END) and the input options (CLI_OPT_TAKEN, or CLI_OPT_ERROR when
 * malformed, reported). CLI_OPT_NONE leaves argv[*i] to the command. */
int cli_common_option(cli_input_opts *opts, int argc, char **argv, int *i,
                      void (*usage)(FILE *));

/* Reads "--name VALUE" or "--name=VALUE" at argv[*i]: 1 when argv[*i] is
 * that option (*val is its value, or NULL with the error reported when
 * the value is missing), 0 when it is not. */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **val);

/* Writes buf to stdout; returns 0 or -1 on a write error (reported). */
int cli_write(const ent_buf *buf);

#endif
