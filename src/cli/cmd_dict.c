/* command: dict 35 check, look up and summarise dictionaries (built-in or PETRARCH-2) */
/*
 * cmd_dict.c - entente dict: check, look up and summarise dictionaries.
 *
 *   entente dict check [DICT...]           every file, counts, bad lines
 *   entente dict lookup [--date D] TEXT    what each span of TEXT is
 *   entente dict stats                     counts by kind
 *   entente dict match [FILE...]           every phrase in documents
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente dict <command> [options]\n\n"
	        "Checks, looks up and summarises dictionaries: the built-in set, or with\n"
	        "--dict a directory, file, comma-separated list or glob of dictionaries in\n"
	        "entente's formats or the PETRARCH-2 formats (detected per file).\n\n"
	        "commands:\n"
	        "  check [DICT...]        read every file; print counts per file and every\n"
	        "                         line that cannot be used (exit 3 when any)\n"
	        "  lookup TEXT...         what each word span of TEXT is: kind, code, dates\n"
	        "  stats                  counts: countries, people, roles, organisations,\n"
	        "                         agents, verb patterns per CAMEO root, discards, synsets\n"
	        "  match [FILE...]        every dictionary phrase in each sentence of documents\n\n"
	        "'entente dict <command> -h' describes a command.\n");
}

static void usage_check(FILE *f)
{
	fprintf(f,
	        "usage: entente dict check [--format F] [-q] [DICT...]\n\n"
	        "Reads every file of each DICT (a directory, a file, a comma-separated list or a\n"
	        "glob; none: the built-in dictionaries) and prints, per file, its format and what\n"
	        "was used, then totals per kind. Every line that cannot be used is reported on\n"
	        "stderr as 'entente: FILE:LINE: what' (warnings and unsupported lines are marked).\n"
	        "Exit 0 when every line was used, 3 when some were not, 1 on I/O errors.\n\n"
	        "options:\n"
	        "  --format F   read the files as format F (actors, agents, verbs, discards,\n"
	        "               relations, cameo, petrarch-verbs, petrarch-actors,\n"
	        "               petrarch-agents, petrarch-discards, petrarch-issues)\n"
	        "  -e, --errors-only  report errors, not warnings and unsupported lines\n"
	        "  -q, --quiet  no per-file lines, no diagnostics: totals only\n"
	        "  -h, --help   this help\n");
}

static void usage_lookup(FILE *f)
{
	fprintf(f,
	        "usage: entente dict lookup [--date YYYY-MM-DD] [--dict DICT] [--patterns] TEXT...\n\n"
	        "Tokenises TEXT (the words given, joined by spaces) and prints every dictionary\n"
	        "phrase in it, one per line: token span, text, kind, code, details (kind of\n"
	        "actor, dates, polarity, patterns) and the file:line it comes from. Phrases\n"
	        "inside a longer one of the same family are marked 'inner'. Dated codes are\n"
	        "resolved at --date (none: the default codes).\n\n"
	        "options:\n"
	        "  --date D      the document date\n"
	        "  --dict DICT   dictionaries to use instead of the built-in ones\n"
	        "  --patterns    list the patterns of each verb\n"
	        "  -h, --help    this help\n");
}

static void usage_stats(FILE *f)
{
	fprintf(f,
	        "usage: entente dict stats [--dict DICT] [--time]\n\n"
	        "Prints counts: countries, people, roles, organisations, actor phrases, agents,\n"
	        "verbs, verb patterns per CAMEO root, discards, relation words, issues, synsets,\n"
	        "CAMEO codes, and the size of the compiled matcher.\n\n"
	        "options:\n"
	        "  --dict DICT   dictionaries to use instead of the built-in ones\n"
	        "  --time        also print how long loading took\n"
	        "  -h, --help    this help\n");
}

static void usage_match(FILE *f)
{
	fprintf(f,
	        "usage: entente dict match [--dict DICT] [--date D] [--input F] [--count] [FILE...]\n\n"
	        "Segments documents and prints, per sentence with matches, a JSON object with\n"
	        "the doc, the sentence index and its matches (token span, text, kind, code).\n"
	        "Dated codes are resolved at the document date.\n\n"
	        "options:\n"
	        "  --dict DICT       dictionaries to use instead of the built-in ones\n"
	        "  --input F         text, jsonl or xml (default: from the extension)\n"
	        "  --date D          document date for text files\n"
	        "  --count           print only totals and the matching speed (stderr)\n"
	        "  -q, --quiet       no progress on stderr\n"
	        "  -h, --help        this help\n");
}

/* Days since 1970-01-01 to YYYY-MM-DD (proleptic Gregorian). */
static void format_days(char *out, size_t cap, int32_t days)
{
	long z = (long)days + 719468, era, doe, yoe, doy, mp, y, m, d;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	snprintf(out, cap, "%04ld-%02ld-%02ld", y, m, d);
}

/* Milliseconds of wall time, or of this thread's CPU time. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Loads the dictionaries: spec, or the built-in set when NULL. Reports
 * and returns non-zero on failure. */
static int load(ent_dict **d, const char *spec, int warn_skipped)
{
	int rc = spec ? ent_dict_load_dir(d, spec) : ent_dict_load_builtin(d);

	if (rc) {
		cli_lib_error();
		return EXIT_DICT;
	}
	if (warn_skipped && ent_dict_nerrors(*d))
		cli_error("%zu dictionary lines could not be used (see 'entente dict check%s%s')",
		          ent_dict_nerrors(*d), spec ? " " : "", spec ? spec : "");
	return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* check                                                               */

static void print_diags(const ent_dict *d, int errors_only)
{
	size_t i;

	for (i = 0; i < ent_dict_ndiags(d); i++) {
		const ent_dict_diag *g = ent_dict_diag_get(d, i);
		const ent_dict_file_info *f = ent_dict_file(d, g->file);
		static const char *const tag[] = {"", "warning: ", "unsupported: "};

		if (errors_only && g->severity != ENT_DIAG_ERROR)
			continue;
		if (g->line)
			fprintf(stderr, "entente: %s:%lu: %s%s\n", f ? f->path : "?",
			        (unsigned long)g->line, tag[g->severity % 3], g->what);
		else
			fprintf(stderr, "entente: %s: %s%s\n", f ? f->path : "?", tag[g->severity % 3],
			        g->what);
	}
}

static void print_stats(const ent_dict *d, FILE *out)
{
	ent_dict_stats st;
	int r;

	ent_dict_get_stats(d, &st);
	fprintf(out, "countries      %zu\n", st.countries);
	fprintf(out, "people         %zu\n", st.people);
	fprintf(out, "roles          %zu\n", st.roles);
	fprintf(out, "organisations  %zu\n", st.organisations);
	fprintf(out, "actors         %zu records, %zu phrases\n", st.actors, st.actor_phrases);
	fprintf(out, "agents         %zu phrases\n", st.agents);
	fprintf(out, "verbs          %zu\n", st.verbs);
	fprintf(out, "patterns       %zu\n", st.patterns);
	fprintf(out, "patterns/root ");
	for (r = 1; r <= 20; r++)
		fprintf(out, " %02d:%zu", r, st.patterns_per_root[r]);
	if (st.patterns_per_root[0])
		fprintf(out, " other:%zu", st.patterns_per_root[0]);
	fprintf(out, "\n");
	fprintf(out, "discards       %zu\n", st.discards);
	fprintf(out, "relations      %zu\n", st.relations);
	fprintf(out, "issues         %zu\n", st.issues);
	fprintf(out, "synsets        %zu\n", st.synsets);
	fprintf(out, "cameo codes    %zu\n", st.cameo_codes);
	fprintf(out, "words          %zu\n", st.words);
	fprintf(out, "trie nodes     %zu\n", st.trie_nodes);
	fprintf(out, "memory         %.1f MB\n", st.bytes / 1048576.0);
}

static int check_one(const char *spec, int format, int quiet, int errors_only,
                     size_t *errors, size_t *warnings, size_t *unsupported)
{
	ent_dict *d = NULL;
	size_t i;
	int rc;

	if (format > 0) {
		char *copy = ent_strdup(spec), *part, *save = NULL;

		if ((rc = ent_dict_new(&d)) || !copy) {
			ent_free(copy);
			ent_dict_free(d);
			cli_error("out of memory");
			return EXIT_FAIL;
		}
		for (part = strtok_r(copy, ",", &save); part && !rc; part = strtok_r(NULL, ",", &save))
			rc = ent_dict_add_file(d, part, (ent_dict_format)format);
		ent_free(copy);
		if (!rc)
			rc = ent_dict_finish(d);
	} else {
		rc = spec ? ent_dict_load_dir(&d, spec) : ent_dict_load_builtin(&d);
	}
	if (rc) {
		cli_lib_error();
		ent_dict_free(d);
		return rc == ENT_ENOMEM ? EXIT_FAIL : rc == ENT_EIO ? EXIT_FAIL : EXIT_DICT;
	}
	if (!quiet) {
		print_diags(d, errors_only);
		printf("%-52s %-17s %6s %7s %7s %7s %6s %6s %6s %6s\n", "file", "format", "lines",
		       "entries", "phrases", "pattern", "synset", "errors", "warn", "unsup");
		for (i = 0; i < ent_dict_nfiles(d); i++) {
			const ent_dict_file_info *f = ent_dict_file(d, i);

			if (f->format == ENT_DICT_FMT_NONE) {
				printf("%-52s %-17s (not a dictionary file; skipped)\n", f->path, "-");
				continue;
			}
			printf("%-52s %-17s %6u %7u %7u %7u %6u %6u %6u %6u\n", f->path,
			       ent_dict_format_name(f->format), f->lines,
			       f->format == ENT_DICT_FMT_CAMEO ? f->codes : f->entries, f->phrases,
			       f->patterns, f->synsets, f->errors, f->warnings, f->unsupported);
		}
		printf("\n");
	}
	for (i = 0; i < ent_dict_nfiles(d); i++) {
		const ent_dict_file_info *f = ent_dict_file(d, i);

		*errors += f->errors;
		*warnings += f->warnings;
		*unsupported += f->unsupported;
	}
	print_stats(d, stdout);
	ent_dict_free(d);
	return EXIT_OK;
}

static int cmd_check(int argc, char **argv)
{
	int i, quiet = 0, format = 0, rc = EXIT_OK, errors_only = 0, multi;
	size_t errors = 0, warnings = 0, unsupported = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (cli_is_help(a)) {
			usage_check(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(a, "-e") == 0 || strcmp(a, "--errors-only") == 0) {
			errors_only = 1;
		} else if (cli_option_value(argc, argv, &i, "--format", &v)) {
			if (!v)
				return EXIT_USAGE;
			if ((format = ent_dict_format_parse(v)) < 0) {
				cli_error("unknown dictionary format '%s'", v);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			cli_error("dict check: unknown option '%s' (see 'entente dict check -h')", a);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if (i == argc) {
		if (format > 0) {
			cli_error("dict check: --format needs files");
			return EXIT_USAGE;
		}
		rc = check_one(NULL, 0, quiet, errors_only, &errors, &warnings, &unsupported);
	}
	multi = argc - i > 1;
	for (; i < argc; i++) {
		int r;

		if (multi && !quiet)
			printf("== %s\n", argv[i]);
		r = check_one(argv[i], format, quiet, errors_only, &errors, &warnings, &unsupported);
		if (r > rc)
			rc = r;
	}
	printf("\n%zu lines could not be used, %zu warnings, %zu unsupported\n", errors,
	       warnings, unsupported);
	if (rc == EXIT_OK && errors)
		rc = EXIT_DICT;
	return rc;
}

/* ------------------------------------------------------------------ */
/* lookup                                                              */

static void describe_entry(ent_buf *b, const ent_dict *d, const ent_dict_entry *e)
{
	char from[40], to[40];

	switch (e->kind) {
	case ENT_DICT_ACTOR:
		ent_buf_printf(b, "%s\t%s", e->code ? e->code : "---", ent_actor_kind_name(e->sub));
		if (e->flags & ENT_ENTRY_DATED) {
			if (e->from == ENT_DICT_OPEN_FROM)
				strcpy(from, "");
			else
				format_days(from, sizeof from, e->from);
			if (e->to == ENT_DICT_OPEN_TO)
				strcpy(to, "");
			else
				format_days(to, sizeof to, e->to);
			ent_buf_printf(b, " %s..%s", from, to);
		} else {
			ent_buf_puts(b, " default");
		}
		if (e->flags & ENT_ENTRY_NULL)
			ent_buf_puts(b, " (no code)");
		if (e->name)
			ent_buf_printf(b, " (%s)", e->name);
		break;
	case ENT_DICT_AGENT:
		ent_buf_printf(b, "%s%s%s\tagent", e->flags & ENT_ENTRY_PREFIX ? "" : "~", e->code,
		               e->flags & ENT_ENTRY_PREFIX ? "~" : "");
		break;
	case ENT_DICT_VERB: {
		size_t np;

		ent_dict_verb_patterns(d, (uint32_t)(e - ent_dict_entry_get(d, 0)), &np);
		ent_buf_printf(b, "%s\t%s, %zu patterns", e->code ? e->code : "-",
		               e->name ? e->name : "", np);
		break;
	}
	case ENT_DICT_DISCARD:
		ent_buf_printf(b, "-\t%s", e->sub == ENT_DISCARD_STORY ? "story" : "sentence");
		break;
	case ENT_DICT_RELATION:
		ent_buf_printf(b, "-\t%s %s %s", e->sub == ENT_REL_NOUN ? "noun" :
		               e->sub == ENT_REL_ADJ ? "adj" : "verb",
		               e->polarity > 0 ? "+" : e->polarity < 0 ? "-" : "0",
		               e->trend > 0 ? "up" : e->trend < 0 ? "down" : "none");
		break;
	case ENT_DICT_ISSUE:
		ent_buf_printf(b, "%s\t%s", e->code ? e->code : "-",
		               e->sub == ENT_ISSUE_CODE ? "issue" :
		               e->sub == ENT_ISSUE_EXCLUDE_SENTENCE ? "exclude sentence" : "exclude story");
		break;
	default:
		ent_buf_puts(b, "-\t-");
	}
}

static void put_pattern(ent_buf *b, const ent_dict *d, uint32_t id)
{
	const ent_pattern *p = ent_dict_pattern_get(d, id);
	const ent_dict_file_info *f = p ? ent_dict_file(d, p->file) : NULL;

	if (!p)
		return;
	ent_buf_printf(b, "\t\tpattern %s%s%s%s\t%s\t%s:%lu\n",
	               p->flags & ENT_PAT_NEGATED ? "!" : "",
	               p->code ? p->code : p->flags & ENT_PAT_NULL ? "---" : "",
	               p->pair_code ? ":" : "", p->pair_code ? p->pair_code : "",
	               p->text, f ? f->path : "?", (unsigned long)p->line);
}

static int cmd_lookup(int argc, char **argv)
{
	const char *spec = NULL, *dv;
	ent_date date;
	ent_dict *d = NULL;
	ent_arena *arena = NULL;
	ent_buf text = ENT_BUF_INIT, out = ENT_BUF_INIT;
	ent_segmentation seg;
	ent_dict_match *m;
	size_t n, k;
	int i, rc = EXIT_OK, patterns = 0;

	memset(&date, 0, sizeof date);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a)) {
			usage_lookup(stdout);
			return EXIT_OK;
		}
		if (cli_option_value(argc, argv, &i, "--dict", &spec)) {
			if (!spec)
				return EXIT_USAGE;
		} else if (cli_option_value(argc, argv, &i, "--date", &dv)) {
			if (!dv)
				return EXIT_USAGE;
			if (ent_date_parse(&date, dv, strlen(dv))) {
				cli_error("--date: %s", ent_error_last());
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--patterns") == 0) {
			patterns = 1;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			cli_error("dict lookup: unknown option '%s' (see 'entente dict lookup -h')", a);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if (i == argc) {
		cli_error("dict lookup: no TEXT (see 'entente dict lookup -h')");
		return EXIT_USAGE;
	}
	for (; i < argc; i++) {
		if (text.len)
			ent_buf_putc(&text, ' ');
		ent_buf_puts(&text, argv[i]);
	}
	if ((rc = load(&d, spec, 1)))
		goto done;
	if (ent_arena_new(&arena, 0) || ent_tokenize(&seg, text.data, text.len, arena) ||
	    ent_dict_match_tokens(&m, &n, d, text.data, seg.tokens, seg.ntokens, &date, arena)) {
		cli_lib_error();
		rc = EXIT_FAIL;
		goto done;
	}
	for (k = 0; k < n; k++) {
		const ent_dict_entry *e = ent_dict_entry_get(d, m[k].entry);
		const ent_dict_file_info *f = ent_dict_file(d, e->file);
		uint32_t s = seg.tokens[m[k].start].start, t = seg.tokens[m[k].end - 1].end;

		ent_buf_printf(&out, "%u-%u\t%.*s\t%s%s\t", m[k].start, m[k].end, (int)(t - s),
		               text.data + s, ent_dict_kind_name(m[k].kind),
		               m[k].flags & ENT_MATCH_INNER ? " inner" : "");
		describe_entry(&out, d, e);
		ent_buf_printf(&out, "\t%s:%lu\n", f ? f->path : "?", (unsigned long)e->line);
		if (patterns && e->kind == ENT_DICT_VERB) {
			size_t np, p;
			const uint32_t *ids = ent_dict_verb_patterns(d, m[k].entry, &np);

			for (p = 0; p < np; p++)
				put_pattern(&out, d, ids[p]);
		}
	}
	if (n == 0)
		ent_buf_puts(&out, "no dictionary phrases\n");
	if (cli_write(&out))
		rc = EXIT_FAIL;
done:
	ent_buf_free(&text);
	ent_buf_free(&out);
	ent_arena_free(arena);
	ent_dict_free(d);
	return rc;
}

/* ------------------------------------------------------------------ */
/* stats                                                               */

static int cmd_stats(int argc, char **argv)
{
	const char *spec = NULL;
	ent_dict *d = NULL;
	double t0, t1, c0, c1;
	int i, rc, timing = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a)) {
			usage_stats(stdout);
			return EXIT_OK;
		}
		if (cli_option_value(argc, argv, &i, "--dict", &spec)) {
			if (!spec)
				return EXIT_USAGE;
		} else if (strcmp(a, "--time") == 0) {
			timing = 1;
		} else {
			cli_error("dict stats: unknown argument '%s' (see 'entente dict stats -h')", a);
			return EXIT_USAGE;
		}
	}
	t0 = now_ms();
	c0 = cpu_ms();
	if ((rc = load(&d, spec, 1)))
		return rc;
	c1 = cpu_ms();
	t1 = now_ms();
	print_stats(d, stdout);
	if (timing)
		printf("load time      %.1f ms (%.1f ms cpu)\n", t1 - t0, c1 - c0);
	ent_dict_free(d);
	return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* match                                                               */

typedef struct match_ctx {
	const ent_dict *d;
	int count;
	size_t sentences, matches, tokens;
	double match_ms;
	ent_buf out;
} match_ctx;

static int on_doc(const ent_doc *doc, ent_arena *arena, void *ctx)
{
	match_ctx *c = ctx;
	ent_segmentation seg;
	size_t i, k;
	int rc = 0;

	if (ent_segment(&seg, doc->text, doc->text_len, arena)) {
		cli_error("%s: %s", doc->id, ent_error_last());
		return 0;
	}
	ent_buf_clear(&c->out);
	if (c->count) {
		/* The matcher alone, timed per document (CPU time). */
		double t0 = cpu_ms();

		for (i = 0; i < seg.nsents; i++) {
			ent_dict_match *m;
			size_t n;

			if (ent_dict_match_tokens(&m, &n, c->d, doc->text, seg.tokens + seg.sents[i].first,
			                          seg.sents[i].ntokens, &doc->date, arena)) {
				cli_error("%s: %s", doc->id, ent_error_last());
				return 1;
			}
			c->tokens += seg.sents[i].ntokens;
			c->matches += n;
		}
		c->match_ms += cpu_ms() - t0;
		c->sentences += seg.nsents;
		return 0;
	}
	for (i = 0; i < seg.nsents && !rc; i++) {
		const ent_sentence *s = &seg.sents[i];
		const ent_token *toks = seg.tokens + s->first;
		ent_dict_match *m;
		size_t n;

		if (ent_dict_match_tokens(&m, &n, c->d, doc->text, toks, s->ntokens, &doc->date,
		                          arena)) {
			cli_error("%s: %s", doc->id, ent_error_last());
			return 1;
		}
		if (!n)
			continue;
		rc |= ent_buf_puts(&c->out, "{\"doc\":");
		rc |= ent_buf_put_json_string(&c->out, doc->id, strlen(doc->id));
		rc |= ent_buf_printf(&c->out, ",\"sent\":%zu,\"matches\":[", i);
		for (k = 0; k < n; k++) {
			const ent_dict_entry *e = ent_dict_entry_get(c->d, m[k].entry);
			uint32_t a = toks[m[k].start].start, b = toks[m[k].end - 1].end;

			rc |= ent_buf_printf(&c->out, "%s{\"start\":%u,\"end\":%u,\"text\":", k ? "," : "",
			                     m[k].start, m[k].end);
			rc |= ent_buf_put_json_string(&c->out, doc->text + a, b - a);
			rc |= ent_buf_printf(&c->out, ",\"kind\":\"%s\",\"code\":",
			                     ent_dict_kind_name(m[k].kind));
			if (e->code)
				rc |= ent_buf_put_json_string(&c->out, e->code, strlen(e->code));
			else
				rc |= ent_buf_puts(&c->out, "null");
			if (m[k].flags & ENT_MATCH_INNER)
				rc |= ent_buf_puts(&c->out, ",\"inner\":true");
			rc |= ent_buf_putc(&c->out, '}');
		}
		rc |= ent_buf_puts(&c->out, "]}\n");
	}
	if (rc) {
		cli_error("%s: out of memory writing output", doc->id);
		return 1;
	}
	return cli_write(&c->out);
}

static int cmd_match(int argc, char **argv)
{
	const char *spec = NULL;
	cli_input_opts in;
	match_ctx c;
	ent_dict *d = NULL;
	int i, rc;

	memset(&c, 0, sizeof c);
	memset(&in, 0, sizeof in);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		rc = cli_common_option(&in, argc, argv, &i, usage_match);
		if (rc == CLI_OPT_END)
			break;
		if (rc == CLI_OPT_TAKEN)
			continue;
		if (rc != CLI_OPT_NONE)
			return rc == CLI_OPT_HELP ? EXIT_OK : EXIT_USAGE;
		if (cli_option_value(argc, argv, &i, "--dict", &spec)) {
			if (!spec)
				return EXIT_USAGE;
		} else if (strcmp(a, "--count") == 0) {
			c.count = 1;
		} else if (a[0] == '-' && a[1]) {
			cli_error("dict match: unknown option '%s' (see 'entente dict match -h')", a);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if ((rc = load(&d, spec, !in.quiet)))
		return rc;
	c.d = d;
	ent_buf_init(&c.out, 0);
	rc = cli_for_each_doc(argv + i, argc - i, &in, on_doc, &c);
	if (c.count)
		fprintf(stderr, "entente: %zu sentences, %zu tokens, %zu matches; matching %.3f s cpu "
		        "(%.0f sentences/s)\n", c.sentences, c.tokens, c.matches, c.match_ms / 1000,
		        c.match_ms > 0 ? c.sentences / (c.match_ms / 1000) : 0.0);
	ent_buf_free(&c.out);
	ent_dict_free(d);
	if (fflush(stdout) != 0) {
		cli_error("cannot write output");
		return EXIT_FAIL;
	}
	return rc;
}

int cmd_dict(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cli_is_help(argv[1])) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "lookup") == 0)
		return cmd_lookup(argc - 1, argv + 1);
	if (strcmp(argv[1], "stats") == 0)
		return cmd_stats(argc - 1, argv + 1);
	if (strcmp(argv[1], "match") == 0)
		return cmd_match(argc - 1, argv + 1);
	cli_error("dict: unknown command '%s' (check, lookup, stats, match)", argv[1]);
	return EXIT_USAGE;
}
