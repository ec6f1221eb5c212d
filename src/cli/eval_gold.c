/*
 * eval_gold.c - `entente eval --gold FILE [--dict DIR]`: codes every
 * record of a gold set (JSON Lines in ../shared/data/gold) and scores the
 * events against it (goldeval.h says how).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void warn(const char *msg, void *ctx)
{
	(void)ctx;
	cli_error("%s", msg);
}

/* Prints a record's gold and system events (for --show). */
static void show(const ent_gold_record *r, const ent_coded *c, ent_gold_kind kind)
{
	size_t k;

	printf("-- %s: %s\n   gold:", r->id, r->text);
	if (kind == ENT_GOLD_EVENTS)
		for (k = 0; k < r->nevents; k++)
			printf(" %s>%s:%s", r->events[k].source, r->events[k].target, r->events[k].code);
	else
		printf(" %s", r->code);
	if (kind == ENT_GOLD_PLOVER || kind == ENT_GOLD_SPANS) {
		printf("  sources:");
		for (k = 0; k < r->nsources; k++)
			printf(" %s", r->sources[k]);
		printf("  targets:");
		for (k = 0; k < r->ntargets; k++)
			printf(" %s", r->targets[k]);
	}
	printf("\n   system:");
	for (k = 0; k < c->nevents; k++)
		printf(" %s>%s:%s(%s)", c->events[k].source, c->events[k].target, c->events[k].code,
		       c->events[k].rule);
	printf("\n");
}

int eval_gold(int argc, char **argv)
{
	const char *gold_path = NULL, *dict_dir = NULL;
	ent_goldeval *g = NULL;
	ent_dict *dict = NULL;
	ent_model *model = NULL;
	ent_coder *coder = NULL, *monadic = NULL;
	ent_arena *arena = NULL;
	ent_buf report = ENT_BUF_INIT;
	ent_coder_opts copts;
	int i, rc = EXIT_OK, show_all = 0;
	size_t k;

	memset(&copts, 0, sizeof copts);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc)
			gold_path = argv[++i];
		else if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc)
			dict_dir = argv[++i];
		else if (strcmp(argv[i], "--show") == 0)
			show_all = 1;
		else {
			cli_error("eval --gold: unknown argument '%s' (see 'entente eval -h')", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!gold_path) {
		cli_error("eval --gold needs a gold file");
		return EXIT_USAGE;
	}
	if (ent_goldeval_open(&g, gold_path, warn, NULL)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	if (dict_dir ? ent_dict_load_dir(&dict, dict_dir) : ent_dict_load_builtin(&dict)) {
		cli_lib_error();
		rc = EXIT_DICT;
		goto done;
	}
	/* Sets that give a code but no actors score events without targets. */
	copts.allow_monadic = ent_goldeval_kind(g) == ENT_GOLD_CODE ||
	                      ent_goldeval_kind(g) == ENT_GOLD_SPANS;
	if (ent_model_builtin(&model) || ent_coder_new(&coder, dict, model, &copts) ||
	    ent_arena_new(&arena, 1 << 20)) {
		cli_lib_error();
		rc = EXIT_FAIL;
		goto done;
	}
	/* Records whose configuration does not require a dyad (PETRARCH's
	 * require_dyad = false) are coded with events that lack a target. */
	copts.allow_monadic = 1;
	if (ent_coder_new(&monadic, dict, model, &copts)) {
		cli_lib_error();
		rc = EXIT_FAIL;
		goto done;
	}
	for (k = 0; k < ent_goldeval_count(g); k++) {
		const ent_gold_record *r = ent_goldeval_record(g, k);
		ent_doc doc;
		ent_coded coded;

		memset(&doc, 0, sizeof doc);
		doc.id = r->id;
		doc.text = r->text;
		doc.text_len = strlen(r->text);
		doc.date = r->date;
		doc.file = gold_path;
		ent_arena_reset(arena);
		if (ent_coder_code(r->monadic ? monadic : coder, &doc, &coded, arena)) {
			cli_error("%s: %s", r->id, ent_error_last());
			memset(&coded, 0, sizeof coded);
		}
		ent_goldeval_add(g, k, coded.events, coded.nevents, r->text);
		if (show_all)
			show(r, &coded, ent_goldeval_kind(g));
	}
	{
		const char *name = strrchr(gold_path, '/');

		name = name ? name + 1 : gold_path;
		if (ent_goldeval_report(g, name, &report) == 0)
			fputs(report.data, stdout);
	}
done:
	ent_buf_free(&report);
	ent_arena_free(arena);
	ent_coder_free(coder);
	ent_coder_free(monadic);
	ent_model_free(model);
	ent_dict_free(dict);
	ent_goldeval_free(g);
	return rc;
}
