/*
 * cmd_ingest.c - entente ingest: events and relation statements (the JSON
 * Lines that `entente code` writes) into the SQLite store.
 *
 * A document's rows are replaced the first time the document is seen in a
 * run, so ingesting the same output twice leaves one copy. Batches commit
 * at document boundaries: a run killed at any moment leaves whole
 * documents, and running it again completes the store.
 */
/* command: ingest 60 store events and relation statements in an SQLite store */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "entente/flatjson.h"

typedef struct ingest ingest;
static int ingest_events(ingest *g, const char *path);

/* Rows (events, relations, documents) a transaction: a larger batch
 * aggregates better; a kill loses at most one. */
#define BATCH_ROWS 100000

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente ingest [options] [FILE...]\n\n"
	        "Stores events and relation statements in an SQLite store: the JSON Lines\n"
	        "that 'entente code' writes, or documents (text, JSON Lines with a \"text\"\n"
	        "field, PETRARCH XML, directories), which are coded on the way and stored\n"
	        "with their sentences. Ingesting a document again replaces what was stored\n"
	        "for it; the same text under another id is stored once.\n\n"
	        "options:\n"
	        "  --db FILE     the store (default entente.db; created when missing)\n"
	        "  --dict DIR    dictionaries for coding documents (default: built-in)\n"
	        "  --date D      document date for texts that carry none\n"
	        "  --batch N     rows a transaction (default 100000)\n"
	        "  --rebuild     recompute the per-dyad aggregates that the analysis\n"
	        "                commands read from the stored events (after the FILEs,\n"
	        "                if any; none are read from standard input then)\n"
	        "  -q, --quiet   no progress or summary on stderr\n"
	        "  -h, --help    this help\n\n"
	        "FILE '-' or none reads standard input.\n");
}

/* A set of document ids seen in this run (open addressing). */
typedef struct id_set {
	char **slots;
	size_t cap, n;
} id_set;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Adds id; returns 1 when it was new, 0 when present, -1 out of memory. */
static int id_set_add(id_set *set, const char *id)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024, k;
		char **slots = calloc(cap, sizeof *slots);

		if (!slots)
			return -1;
		for (k = 0; k < set->cap; k++) {
			if (!set->slots[k])
				continue;
			i = hash_str(set->slots[k]) & (cap - 1);
			while (slots[i])
				i = (i + 1) & (cap - 1);
			slots[i] = set->slots[k];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	i = hash_str(id) & (set->cap - 1);
	while (set->slots[i]) {
		if (strcmp(set->slots[i], id) == 0)
			return 0;
		i = (i + 1) & (set->cap - 1);
	}
	set->slots[i] = strdup(id);
	if (!set->slots[i])
		return -1;
	set->n++;
	return 1;
}

static void id_set_free(id_set *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
}

typedef struct ingest {
	ent_store *store;
	const char *dict_dir;
	ent_dict *dict;
	ent_model *model;
	ent_coder *coder;
	cli_input_opts input;
	long long duplicates;
	id_set seen;
	long long events, relations, lines, bad;
	long rows_in_batch, batch_rows;
	int quiet;
	time_t started, last_report;
	char last_doc[512];
} ingest;

/* The fields of an event or relation line that ingest reads, found in
 * one pass over the parsed line (the first of a repeated key counts, as
 * with ent_flatjson_str). */
enum {
	F_KIND, F_DOC, F_DATE, F_SENT, F_SOURCE, F_TARGET, F_CODE, F_QUAD, F_GOLDSTEIN, F_PLOVER, F_MODALITY, F_SENTENCE, F_SOURCE_TEXT, F_TARGET_TEXT, F_PREDICATE_TEXT, F_RULE, F_A, F_B, F_POLARITY, F_TREND, F_TEXT, F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"kind", "doc", "date", "sent", "source", "target", "code", "quad", "goldstein", "plover", "modality", "sentence", "source_text", "target_text", "predicate_text", "rule", "a", "b", "polarity", "trend", "text"
};

typedef struct line_fields {
	const ent_flatjson_field *f[F_COUNT];
} line_fields;

static void fields_find(line_fields *lf, const ent_flatjson *obj)
{
	size_t k;
	int i;

	memset(lf, 0, sizeof *lf);
	for (k = 0; k < obj->n; k++) {
		const char *key = obj->fields[k].key;

		for (i = 0; i < F_COUNT; i++)
			if (key[0] == field_names[i][0] && strcmp(key, field_names[i]) == 0) {
				if (!lf->f[i])
					lf->f[i] = &obj->fields[k];
				break;
			}
	}
}

/* The string value of a field, or NULL when absent or not a string. */
static const char *jstr(const line_fields *lf, int which)
{
	const ent_flatjson_field *f = lf->f[which];

	return f && f->is_string ? f->value : NULL;
}

/* The number value of a field: 0, or -1 when absent or not a number. */
static int jnum(const line_fields *lf, int which, double *out)
{
	const ent_flatjson_field *f = lf->f[which];

	const char *v;
	uint64_t m = 0;
	int digits = 0, frac = -1, neg;

	if (!f || f->is_string || *f->value == 't' || *f->value == 'f' || *f->value == 'n')
		return -1;
	/* Short decimals (all of event lines' numbers) without strtod: the
	 * digits and the power of ten are exact doubles, so one division
	 * rounds as strtod does. */
	v = f->value;
	neg = *v == '-';
	for (v += neg; *v && digits <= 15; v++) {
		if (*v >= '0' && *v <= '9') {
			m = m * 10 + (uint64_t)(*v - '0');
			digits++;
			if (frac >= 0)
				frac++;
		} else if (*v == '.' && frac < 0) {
			frac = 0;
		} else {
			break;
		}
	}
	if (*v || !digits || digits > 15 || frac == 0) {
		*out = strtod(f->value, NULL);
		return 0;
	}
	{
		static const double pow10[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
		double d = frac > 0 ? (double)m / pow10[frac] : (double)m;

		*out = neg ? -d : d;
	}
	return 0;
}

/* The integer value of a field, or fallback when absent or not a number. */
static long jint(const line_fields *lf, int which, long fallback)
{
	double v;

	return jnum(lf, which, &v) == 0 ? (long)v : fallback;
}

static void progress(ingest *g, int final)
{
	time_t now = time(NULL);

	if (g->quiet || (!final && (now - g->last_report < 2 || !isatty(2))))
		return;
	g->last_report = now;
	fprintf(stderr, "%sentente: ingest: %lld events, %lld relations (%lds)%s",
	        isatty(2) ? "\r" : "", g->events, g->relations, (long)(now - g->started),
	        final || !isatty(2) ? "\n" : "");
}

/* Ingests one parsed line; returns 0, or -1 for a store error (fatal). */
static int ingest_line(ingest *g, const ent_flatjson *obj, const char *file, long line)
{
	line_fields lf;
	const char *kind, *doc, *date;
	long sent;
	ent_date d;
	int rc, isnew;
	size_t n;

	fields_find(&lf, obj);
	kind = jstr(&lf, F_KIND);
	doc = jstr(&lf, F_DOC);
	date = jstr(&lf, F_DATE);
	sent = jint(&lf, F_SENT, -1);

	if (sent >= 1L << 20) {
		cli_error("sentence index %ld beyond the store's limit (2^20 a document): %s:%ld", sent, file,
		          line);
		g->bad++;
		return 0;
	}
	if (!kind || !doc || sent < 0 ||
	    (strcmp(kind, "event") != 0 && strcmp(kind, "relation") != 0)) {
		cli_error("not an event or relation line (needs kind, doc, sent): %s:%ld", file, line);
		g->bad++;
		return 0;
	}
	memset(&d, 0, sizeof d);
	if (date && *date && ent_date_parse(&d, date, strlen(date))) {
		cli_error("bad date '%.20s': %s:%ld", date, file, line);
		g->bad++;
		return 0;
	}
	/* A new document: commit the batch when it is full, then replace. */
	if (strcmp(g->last_doc, doc) != 0) {
		if (g->rows_in_batch >= g->batch_rows) {
			if (ent_store_commit(g->store) || ent_store_begin(g->store))
				return -1;
			g->rows_in_batch = 0;
			progress(g, 0);
		}
		n = strlen(doc);
		if (n >= sizeof g->last_doc)
			n = sizeof g->last_doc - 1;  /* never equal to doc: ids this long are looked up */
		memcpy(g->last_doc, doc, n);
		g->last_doc[n] = '\0';
		isnew = id_set_add(&g->seen, doc);
		if (isnew < 0) {
			ent_error_set(ENT_ENOMEM, "out of memory");
			return -1;
		}
		if (isnew && ent_store_drop_doc(g->store, doc))
			return -1;
	}
	if (strcmp(kind, "event") == 0) {
		ent_event e;
		const char *code = jstr(&lf, F_CODE), *mod = jstr(&lf, F_MODALITY);

		memset(&e, 0, sizeof e);
		e.source = jstr(&lf, F_SOURCE);
		e.target = jstr(&lf, F_TARGET);
		if (!e.source || !code || strlen(code) < 2 || strlen(code) > 4) {
			cli_error("event without source or a CAMEO code: %s:%ld", file, line);
			g->bad++;
			return 0;
		}
		memcpy(e.code, code, strlen(code) + 1);   /* 2-4 bytes and a NUL */
		memcpy(e.root, code, 2);
		e.root[2] = '\0';
		e.quad = (int)jint(&lf, F_QUAD, 0);
		if (jnum(&lf, F_GOLDSTEIN, &e.goldstein))
			e.goldstein = 0;
		if (!isfinite((float)e.goldstein)) {
			cli_error("Goldstein score out of range: %s:%ld", file, line);
			g->bad++;
			return 0;
		}
		e.plover = jstr(&lf, F_PLOVER);
		e.date = d;
		e.modality = !mod || strcmp(mod, "asserted") == 0 ? ENT_MOD_ASSERTED
		             : strcmp(mod, "hedged") == 0 ? ENT_MOD_HEDGED
		             : strcmp(mod, "future") == 0 ? ENT_MOD_FUTURE : ENT_MOD_HYPOTHETICAL;
		e.sent = (uint32_t)sent;
		e.rule = jstr(&lf, F_RULE);
		rc = ent_store_put_event(g->store, doc, jstr(&lf, F_SENTENCE), jstr(&lf, F_SOURCE_TEXT),
		                         jstr(&lf, F_TARGET_TEXT), jstr(&lf, F_PREDICATE_TEXT), &e);
		g->events++;
	} else {
		ent_relation r;
		const char *trend = jstr(&lf, F_TREND);

		memset(&r, 0, sizeof r);
		r.a = jstr(&lf, F_A);
		r.b = jstr(&lf, F_B);
		if (!r.a || !r.b) {
			cli_error("relation without actors a and b: %s:%ld", file, line);
			g->bad++;
			return 0;
		}
		r.polarity = jint(&lf, F_POLARITY, 1) < 0 ? -1 : 1;
		r.trend = !trend ? ENT_TREND_NONE : strcmp(trend, "up") == 0 ? ENT_TREND_UP
		          : strcmp(trend, "down") == 0 ? ENT_TREND_DOWN : ENT_TREND_NONE;
		r.date = d;
		r.sent = (uint32_t)sent;
		r.rule = jstr(&lf, F_RULE);
		rc = ent_store_put_relation(g->store, doc, jstr(&lf, F_SENTENCE), jstr(&lf, F_TEXT), &r);
		g->relations++;
	}
	g->rows_in_batch++;
	return rc ? -1 : 0;
}

/* Whether path holds event lines (from 'entente code'): a .jsonl whose
 * first record has "kind". Standard input is taken as event lines. */
static int holds_events(const char *path)
{
	FILE *f;
	char line[4096];
	int events = 0;

	if (strcmp(path, "-") == 0)
		return 1;
	if (ent_input_format_for_path(path) != ENT_INPUT_JSONL)
		return 0;
	f = fopen(path, "r");
	if (!f)
		return 1;  /* reported when read */
	while (fgets(line, sizeof line, f))
		if (line[0] != '\n') {
			events = strstr(line, "\"kind\"") != NULL;
			break;
		}
	fclose(f);
	return events;
}

/* The text of a span of doc, copied into the arena ("" when the span is
 * empty or not inside the text). */
static char *span_text(ent_arena *arena, const ent_doc *doc, ent_span sp)
{
	if (sp.end <= sp.start || sp.end > doc->text_len)
		return ent_arena_strndup(arena, "", 0);
	return ent_arena_strndup(arena, doc->text + sp.start, sp.end - sp.start);
}

/* Codes one document and stores it with its sentences, events and
 * relation statements. */
static int on_document(const ent_doc *doc, ent_arena *arena, void *ctx)
{
	ingest *g = ctx;
	ent_coded coded;
	const char *dup;
	size_t i;
	int rc;

	if (ent_coder_code(g->coder, doc, &coded, arena)) {
		cli_error("%s: %s", doc->id, ent_error_last());
		g->bad++;
		return 0;
	}
	if (g->rows_in_batch >= g->batch_rows) {
		if (ent_store_commit(g->store) || ent_store_begin(g->store))
			return -1;
		g->rows_in_batch = 0;
		progress(g, 0);
	}
	if (ent_store_put_doc(g->store, doc, &dup))
		return -1;
	if (dup) {
		g->duplicates++;
		return 0;  /* the same story under another id: stored once */
	}
	for (i = 0; i < coded.nevents; i++) {
		const ent_event *e = &coded.events[i];
		char *st = span_text(arena, doc, e->sentence), *so = span_text(arena, doc, e->source_text);
		char *ta = span_text(arena, doc, e->target_text), *pr = span_text(arena, doc, e->predicate_text);

		if ((rc = ent_store_put_event(g->store, doc->id, st, so, ta, pr, e)) != 0)
			return -1;
		g->events++;
	}
	for (i = 0; i < coded.nrelations; i++) {
		const ent_relation *r = &coded.relations[i];
		char *st = span_text(arena, doc, r->sentence), *tx = span_text(arena, doc, r->text);

		if ((rc = ent_store_put_relation(g->store, doc->id, st, tx, r)) != 0)
			return -1;
		g->relations++;
	}
	g->rows_in_batch += (long)(coded.nevents + coded.nrelations + 1);
	return 0;
}

/* Makes the coder for documents on first need. */
static int need_coder(ingest *g)
{
	if (g->coder)
		return 0;
	if (g->dict_dir ? ent_dict_load_dir(&g->dict, g->dict_dir) : ent_dict_load_builtin(&g->dict)) {
		cli_lib_error();
		return EXIT_DICT;
	}
	if (ent_model_builtin(&g->model) || ent_coder_new(&g->coder, g->dict, g->model, NULL)) {
		cli_lib_error();
		return EXIT_DICT;
	}
	return 0;
}

static int ingest_file(ingest *g, const char *path)
{
	if (!holds_events(path)) {
		char *paths[1];
		int rc;

		paths[0] = (char *)path;
		if ((rc = need_coder(g)) != 0)
			return rc;
		rc = cli_for_each_doc(paths, 1, &g->input, on_document, g);
		if (rc == EXIT_FAIL)
			g->bad++;
		return 0;
	}
	return ingest_events(g, path);
}

static int ingest_events(ingest *g, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long lineno = 0;
	int rc = 0;

	if (!f) {
		cli_error("cannot open %s: %s", path, strerror(errno));
		g->bad++;
		return 0;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	ent_flatjson obj;

	ent_flatjson_init(&obj);
	while ((got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		g->lines++;
		if (got <= 1)
			continue;
		if (ent_flatjson_parse(&obj, line, (size_t)got)) {
			cli_error("bad JSON (%s): %s:%ld", ent_error_last(), path, lineno);
			g->bad++;
			continue;
		}
		rc = ingest_line(g, &obj, path, lineno);
		if (rc)
			break;
	}
	ent_flatjson_free(&obj);
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cmd_ingest(int argc, char **argv)
{
	const char *db = "entente.db";
	ingest g;
	int i, rc = 0, rebuild = 0;
	ent_store_counts counts;

	memset(&g, 0, sizeof g);
	g.batch_rows = BATCH_ROWS;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a)) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			db = a + 5;
		} else if (strcmp(a, "--batch") == 0 && i + 1 < argc) {
			g.batch_rows = strtol(argv[++i], NULL, 10);
			if (g.batch_rows < 1) {
				cli_error("--batch: needs a number of rows above 0");
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--rebuild") == 0) {
			rebuild = 1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			g.quiet = 1;
			g.input.quiet = 1;
		} else if (strcmp(a, "--dict") == 0 && i + 1 < argc) {
			g.dict_dir = argv[++i];
		} else if (strcmp(a, "--date") == 0 && i + 1 < argc) {
			if (ent_date_parse(&g.input.reader.date, argv[i + 1], strlen(argv[i + 1]))) {
				cli_error("--date: %s", ent_error_last());
				return EXIT_USAGE;
			}
			i++;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			cli_error("ingest: unknown option '%s' (see 'entente ingest -h')", a);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if (ent_store_open(&g.store, db)) {
		cli_lib_error();
		return ent_error_last()[0] && strstr(ent_error_last(), "not an entente store") ? EXIT_DICT : EXIT_FAIL;
	}
	g.started = g.last_report = time(NULL);
	if (ent_store_load_begin(g.store) || ent_store_begin(g.store)) {
		cli_lib_error();
		ent_store_close(g.store);
		return EXIT_FAIL;
	}
	if (i == argc && !rebuild)
		rc = ingest_file(&g, "-");
	for (; i < argc && !rc; i++)
		rc = ingest_file(&g, argv[i]);
	if (rc && rc != EXIT_DICT)
		cli_lib_error();  /* a dictionary error was reported already */
	if (ent_store_commit(g.store)) {
		cli_lib_error();
		rc = -1;
	}
	if (ent_store_index(g.store)) {
		cli_lib_error();
		rc = -1;
	}
	if (!rc && rebuild && ent_store_rebuild_aggregates(g.store)) {
		cli_lib_error();
		rc = -1;
	}
	if (!rc && ent_store_counts_get(g.store, &counts) == 0 && !g.quiet) {
		progress(&g, 1);
		if (g.duplicates)
			fprintf(stderr, "entente: %lld documents were duplicates of stored stories\n", g.duplicates);
		fprintf(stderr, "entente: store %s: %lld documents (%lld duplicates), %lld events, %lld relations, %lld actors\n",
		        db, counts.documents, counts.duplicates, counts.events, counts.relations, counts.actors);
	}
	ent_store_close(g.store);
	ent_coder_free(g.coder);
	ent_model_free(g.model);
	ent_dict_free(g.dict);
	id_set_free(&g.seen);
	if (g.bad && !g.quiet)
		cli_error("%lld lines skipped (see the messages above)", g.bad);
	return rc == EXIT_DICT ? EXIT_DICT : rc ? EXIT_FAIL : g.bad ? EXIT_FAIL : EXIT_OK;
}
