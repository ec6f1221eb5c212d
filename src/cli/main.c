/*
 * main.c - the entente command: a table of subcommands, one file each.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The command table, generated from the "command:" line of each
 * src/cli/cmd_NAME.c (tools/gen-commands.sh). */
#include "commands.h"

static const cli_command commands[] = {
	ENT_COMMAND_TABLE
};

static void usage(FILE *out)
{
	const cli_command *c;

	fprintf(out, "usage: entente <command> [options] [FILE...]\n\n"
	             "entente turns news text into a traceable record of who did what to whom,\n"
	             "and analyses the relations between states that the record describes.\n\n"
	             "commands:\n");
	for (c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\n'entente <command> -h' describes a command. FILE '-' or none reads "
	             "standard input.\n");
}

int main(int argc, char **argv)
{
	const cli_command *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("entente %s\n", ENT_VERSION);
		return EXIT_OK;
	}
	for (c = commands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->run(argc - 1, argv + 1);
	cli_error("unknown command '%s' (see 'entente --help')", argv[1]);
	return EXIT_USAGE;
}
