/* test_cli_help.c - every command in the table answers -h with its usage
 * on standard output and exit status 0. */
#include <stdlib.h>
#include <sys/wait.h>
#include "test.h"

TEST(cli_every_command_has_help)
{
	const char *bin = getenv("ENTENTE_BIN");
	char cmd[512], line[512];
	FILE *list;
	int commands = 0, in_list = 0;

	if (!bin)
		bin = "build/entente";
	snprintf(cmd, sizeof cmd, "%s --help", bin);
	list = popen(cmd, "r");
	REQUIRE(list != NULL);
	while (fgets(line, sizeof line, list)) {
		char name[64], help[600], out[256];
		FILE *h;
		int status, usage = 0;

		if (strncmp(line, "commands:", 9) == 0) {
			in_list = 1;
			continue;
		}
		if (!in_list || line[0] != ' ' || sscanf(line, " %63s", name) != 1)
			continue;
		commands++;
		snprintf(help, sizeof help, "%s %s -h", bin, name);
		h = popen(help, "r");
		REQUIRE(h != NULL);
		while (fgets(out, sizeof out, h))
			if (strstr(out, "usage: entente"))
				usage = 1;
		status = pclose(h);
		if (!usage || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			test_failures++;
			fprintf(stderr, "  'entente %s -h': no usage on stdout or exit %d\n", name,
			        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		}
	}
	pclose(list);
	CHECK(commands >= 4);
}
