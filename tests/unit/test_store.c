/* test_store.c - the SQLite store: documents, duplicates, events, queries,
 * replacement, a killed ingest and its rerun; the flat JSON reader. */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "test.h"
#include "entente/flatjson.h"

static ent_event mk_event(const char *s, const char *t, const char *code, int y, int m, int d)
{
	ent_event e;

	memset(&e, 0, sizeof e);
	e.source = s;
	e.target = t;
	snprintf(e.code, sizeof e.code, "%s", code);
	snprintf(e.root, sizeof e.root, "%.2s", code);
	e.quad = 1;
	e.goldstein = 1.0;
	e.date.year = (int16_t)y;
	e.date.month = (int8_t)m;
	e.date.day = (int8_t)d;
	e.date.precision = ENT_DATE_DAY;
	e.rule = "test";
	return e;
}

static int count_rows(const ent_store_row *row, void *ctx)
{
	(void)row;
	++*(int *)ctx;
	return 0;
}

TEST(store_documents_events_queries)
{
	char path[] = "/tmp/entente-store-XXXXXX";
	int fd = mkstemp(path);
	ent_store *s;
	ent_doc d1, d2;
	const char *dup = NULL;
	ent_event e;
	ent_store_counts c;
	ent_store_query q;
	int n = 0;

	REQUIRE(fd >= 0);
	close(fd);
	unlink(path);
	REQUIRE(ent_store_open(&s, path) == 0);
	memset(&d1, 0, sizeof d1);
	d1.id = "a";
	d1.text = "Russia met Pakistan.";
	d1.text_len = strlen(d1.text);
	d2 = d1;
	d2.id = "b";  /* same story under another id */
	CHECK_INT(ent_store_put_doc(s, &d1, &dup), 0);
	CHECK(dup == NULL);
	CHECK_INT(ent_store_put_doc(s, &d2, &dup), 0);
	CHECK_STR(dup, "a");
	REQUIRE(ent_store_begin(s) == 0);
	e = mk_event("RUSGOV", "PAK", "040", 2017, 9, 1);
	CHECK_INT(ent_store_put_event(s, "a", "Russia met Pakistan.", "Russia", "Pakistan", "met", &e), 0);
	e = mk_event("PAKMIL", "RUS", "0611", 2017, 10, 1);
	CHECK_INT(ent_store_put_event(s, "a", "Pakistan drilled with Russia.", NULL, NULL, NULL, &e), 0);
	e = mk_event("IND", "CHN", "112", 2017, 10, 2);
	e.modality = ENT_MOD_HEDGED;
	CHECK_INT(ent_store_put_event(s, "c", NULL, NULL, NULL, NULL, &e), 0);
	REQUIRE(ent_store_commit(s) == 0);
	REQUIRE(ent_store_counts_get(s, &c) == 0);
	CHECK_INT(c.documents, 2);   /* a and the stub for c */
	CHECK_INT(c.duplicates, 1);
	CHECK_INT(c.events, 3);
	CHECK_INT(c.actors, 6);
	memset(&q, 0, sizeof q);
	q.a = "RUS";
	q.b = "PAK";
	q.both_ways = 1;
	q.from_day = LONG_MIN;
	q.to_day = LONG_MAX;
	CHECK_INT(ent_store_each(s, &q, count_rows, &n), 0);
	CHECK_INT(n, 2);
	n = 0;
	q.both_ways = 0;
	ent_store_each(s, &q, count_rows, &n);
	CHECK_INT(n, 1);
	n = 0;
	memset(&q, 0, sizeof q);
	q.from_day = LONG_MIN;
	q.to_day = LONG_MAX;
	ent_store_each(s, &q, count_rows, &n);
	CHECK_INT(n, 2);             /* the hedged event is left out */
	n = 0;
	q.all_modalities = 1;
	ent_store_each(s, &q, count_rows, &n);
	CHECK_INT(n, 3);
	/* replacing document a drops its events */
	CHECK_INT(ent_store_put_doc(s, &d1, &dup), 0);
	REQUIRE(ent_store_counts_get(s, &c) == 0);
	CHECK_INT(c.events, 1);
	CHECK_INT(ent_store_close(s), 0);
	unlink(path);
}

/* Appends every aggregate row of one query to buf, one line each. */
static int agg_line(const ent_store_agg *r, void *ctx)
{
	ent_buf *b = ctx;

	ent_buf_printf(b, "%d %ld %s>%s k%d n%lld q%lld,%lld,%lld,%lld c%.3f f%.3f first %ld/%lld\n",
	               r->level, r->start, r->source, r->target, r->relation, r->count, r->quad[0],
	               r->quad[1], r->quad[2], r->quad[3], r->coop, r->conflict, r->first_day,
	               r->first_id);
	return 0;
}

/* Adds up the counts of the rows. */
static int agg_count(const ent_store_agg *r, void *ctx)
{
	*(long long *)ctx += r->count;
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of b sorted, as a new string; frees b. */
static char *sorted_lines(ent_buf *b)
{
	ent_buf out = ENT_BUF_INIT;
	char **lines, *p;
	size_t n = 0, cap = 1, i;

	for (p = b->data; p && *p; p++)
		cap += *p == '\n';
	lines = malloc(cap * sizeof *lines);
	for (p = b->data; lines && p && *p && n < cap; ) {
		lines[n++] = p;
		if (!(p = strchr(p, '\n')))
			break;
		*p++ = '\0';
	}
	if (lines)
		qsort(lines, n, sizeof *lines, line_cmp);
	for (i = 0; lines && i < n; i++)
		ent_buf_printf(&out, "%s\n", lines[i]);
	free(lines);
	ent_buf_free(b);
	return ent_buf_detach(&out, NULL);
}

/* Every aggregate row the store gives for three windows (all time by day,
 * all time tiled, a window of whole months with days at its edges), as
 * sorted lines. */
static char *agg_snapshot(ent_store *s)
{
	ent_buf b = ENT_BUF_INIT;
	ent_store_agg_query q;
	int pass;

	for (pass = 0; pass < 3; pass++) {
		memset(&q, 0, sizeof q);
		q.from_day = pass == 2 ? 17212 : LONG_MIN;  /* 2017-02-15 */
		q.to_day = pass == 2 ? 17480 : LONG_MAX;    /* 2017-11-10 */
		q.level = pass == 0 ? 0 : 2;
		q.with_relations = 1;
		ent_buf_printf(&b, "pass %d\n", pass);
		ent_store_each_agg(s, &q, agg_line, &b);
	}
	return sorted_lines(&b);
}

TEST(store_aggregates_follow_writes_drops_and_rebuild)
{
	char path[] = "/tmp/entente-agg-XXXXXX";
	int fd = mkstemp(path), k;
	ent_store *s;
	ent_event e;
	ent_relation r;
	char *before, *after, *rebuilt;
	const char *dup;
	ent_doc d;

	REQUIRE(fd >= 0);
	close(fd);
	unlink(path);
	REQUIRE(ent_store_open(&s, path) == 0);
	REQUIRE(ent_store_begin(s) == 0);
	for (k = 0; k < 60; k++) {
		char doc[16];
		static const char *const src[] = {"RUSGOV", "PAK", "INDMIL", "IGOUNO", "RUS"};
		static const char *const tgt[] = {"PAK", "RUSMIL", "CHN", "RUS", "RUS"};

		snprintf(doc, sizeof doc, "d%d", k % 7);
		e = mk_event(src[k % 5], tgt[k % 5], k % 3 ? "042" : "112", 2016 + k % 3, 1 + k % 12, 1 + k % 28);
		e.quad = k % 3 ? 1 : 3;
		e.goldstein = k % 3 ? 1.9 : -2.0;
		e.modality = k % 11 == 0 ? ENT_MOD_HEDGED : ENT_MOD_ASSERTED;
		if (k % 13 == 0)
			e.date.precision = 0;  /* undated: not aggregated */
		CHECK_INT(ent_store_put_event(s, doc, "S.", NULL, NULL, NULL, &e), 0);
		if (k % 4 == 0) {
			memset(&r, 0, sizeof r);
			r.a = "IND";
			r.b = "PAKGOV";
			r.polarity = k % 8 ? 1 : -1;
			r.trend = k % 3;
			r.date = e.date;
			r.date.precision = ENT_DATE_DAY;
			CHECK_INT(ent_store_put_relation(s, doc, "S.", "ties", &r), 0);
		}
	}
	REQUIRE(ent_store_commit(s) == 0);
	before = agg_snapshot(s);
	CHECK(strstr(before, "0 17688 RUS>PAK k0 n1 q1,0,0,0 c1.900") != NULL);  /* 2018-06-06 */
	CHECK(strstr(before, "RUS>RUS") == NULL);   /* within one country */
	/* Replace d0 (it holds the first events) and drop d1; the rows they
	 * leave must go, and the first events be found again. */
	REQUIRE(ent_store_begin(s) == 0);
	memset(&d, 0, sizeof d);
	d.id = "d0";
	d.text = "Another text.";
	d.text_len = strlen(d.text);
	CHECK_INT(ent_store_put_doc(s, &d, &dup), 0);
	e = mk_event("CHN", "PAK", "057", 2017, 3, 3);
	e.goldstein = 8.0;
	CHECK_INT(ent_store_put_event(s, "d0", "S.", NULL, NULL, NULL, &e), 0);
	CHECK_INT(ent_store_drop_doc(s, "d1"), 0);
	REQUIRE(ent_store_commit(s) == 0);
	after = agg_snapshot(s);
	CHECK(strcmp(before, after) != 0);
	CHECK_INT(ent_store_rebuild_aggregates(s), 0);
	rebuilt = agg_snapshot(s);
	CHECK_STR(after, rebuilt);
	CHECK(strstr(after, "0 17228 CHN>PAK k0 n1 q1,0,0,0 c8.000") != NULL);
	{
		/* one dyad at every level and in two windows: the same sums */
		long long total[2][3];
		int level, w;

		for (w = 0; w < 2; w++)
			for (level = 0; level < 3; level++) {
				ent_store_agg_query q;

				memset(&q, 0, sizeof q);
				q.a = "PAK";
				q.b = "RUS";
				q.from_day = w ? 16900 : LONG_MIN;   /* 2016-04-09 */
				q.to_day = w ? 17500 : LONG_MAX;     /* 2017-11-30 */
				q.level = level;
				q.with_relations = 1;
				total[w][level] = 0;
				CHECK_INT(ent_store_each_agg(s, &q, agg_count, &total[w][level]), 0);
			}
		CHECK(total[0][0] > 0 && total[0][0] == total[0][1] && total[0][0] == total[0][2]);
		CHECK(total[1][0] > 0 && total[1][0] < total[0][0]);
		CHECK(total[1][0] == total[1][1] && total[1][0] == total[1][2]);
	}
	free(before);
	free(after);
	free(rebuilt);
	CHECK_INT(ent_store_close(s), 0);
	unlink(path);
}

TEST(store_relation_weight_by_polarity_and_trend)
{
	/* +-3 by polarity, +2 for a rising tie, -4 for a falling one */
	CHECK(ent_relation_weight(1, ENT_TREND_NONE) == 3.0);
	CHECK(ent_relation_weight(-1, ENT_TREND_NONE) == -3.0);
	CHECK(ent_relation_weight(1, ENT_TREND_UP) == 5.0);
	CHECK(ent_relation_weight(1, ENT_TREND_DOWN) == -1.0);
	CHECK(ent_relation_weight(-1, ENT_TREND_DOWN) == -7.0);
}

TEST(store_rejects_other_files)
{
	char path[] = "/tmp/entente-notdb-XXXXXX";
	int fd = mkstemp(path);
	ent_store *s = NULL;

	REQUIRE(fd >= 0);
	static const char junk[] = "this is not a database at all, just some text, long enough to fill a header.............";

	CHECK(write(fd, junk, sizeof junk - 1) == (ssize_t)(sizeof junk - 1));
	close(fd);
	CHECK_INT(ent_store_open(&s, path), ENT_EFORMAT);
	CHECK(s == NULL);
	unlink(path);
	CHECK(ent_store_open(&s, "/no/such/dir/x.db") == ENT_ESTORE);
}

/* Writes n documents of 5 events each as event JSON Lines. */
static void write_events(const char *path, int ndocs)
{
	FILE *f = fopen(path, "w");
	int d, k;

	if (!f)
		return;
	for (d = 0; d < ndocs; d++)
		for (k = 0; k < 5; k++)
			fprintf(f, "{\"kind\":\"event\",\"doc\":\"d%d\",\"sent\":%d,\"sentence\":\"S %d.\","
			           "\"date\":\"2017-%02d-%02d\",\"source\":\"RUSGOV\",\"target\":\"PAK\","
			           "\"code\":\"042\",\"root\":\"04\",\"quad\":1,\"goldstein\":1.9,"
			           "\"plover\":\"CONSULT\",\"modality\":\"asserted\",\"source_text\":\"Russia\","
			           "\"target_text\":\"Pakistan\",\"predicate_text\":\"visited\",\"rule\":\"t\"}\n",
			        d, k, k, 1 + d % 12, 1 + d % 28);
	fclose(f);
}

static pid_t run_ingest(const char *db, const char *file)
{
	const char *bin = getenv("ENTENTE_BIN");
	pid_t pid = fork();

	if (pid == 0) {
		execl(bin ? bin : "build/entente", "entente", "ingest", "-q", "--db", db, file,
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int count_events(const ent_store_row *row, void *ctx)
{
	(void)row;
	++*(long *)ctx;
	return 0;
}

TEST(store_killed_ingest_and_rerun)
{
	char db[] = "/tmp/entente-kill-XXXXXX", file[64];
	int fd = mkstemp(db), status, attempt;
	long n;
	pid_t pid;
	ent_store *s;
	ent_store_query q;
	struct timespec pause = {0, 150 * 1000 * 1000};

	REQUIRE(fd >= 0);
	close(fd);
	unlink(db);
	snprintf(file, sizeof file, "%s.jsonl", db);
	write_events(file, 40000);
	/* Kill it mid-way (at two different moments), check, then rerun. */
	for (attempt = 0; attempt < 2; attempt++) {
		pid = run_ingest(db, file);
		REQUIRE(pid > 0);
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		REQUIRE(ent_store_open(&s, db) == 0);
		CHECK_INT(ent_store_check(s), 0);
		memset(&q, 0, sizeof q);
		q.from_day = LONG_MIN;
		q.to_day = LONG_MAX;
		n = 0;
		CHECK_INT(ent_store_each(s, &q, count_events, &n), 0);
		CHECK(n % 5 == 0);   /* whole documents only */
		ent_store_close(s);
		pause.tv_nsec = 400 * 1000 * 1000;
	}
	pid = run_ingest(db, file);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	REQUIRE(ent_store_open(&s, db) == 0);
	n = 0;
	ent_store_each(s, &q, count_events, &n);
	CHECK_INT(n, 200000);
	ent_store_close(s);
	unlink(db);
	unlink(file);
	snprintf(file, sizeof file, "%s-wal", db);
	unlink(file);
	snprintf(file, sizeof file, "%s-shm", db);
	unlink(file);
}

/* Writes ndocs news-like documents as JSON Lines (coded when ingested). */
static void write_docs(const char *path, int ndocs)
{
	static const char *const who[] = {"Russia", "Pakistan", "India", "China", "the United States",
	                                  "Iran", "Afghanistan", "Britain", "France", "Turkey"};
	static const char *const what[] = {
		"%s and %s held joint military exercises.", "%s criticised %s on Monday.",
		"%s praised %s for its support.", "Relations between %s and %s cooled.",
		"%s accused %s of supporting terrorism.", "%s signed a trade agreement with %s.",
		"%s threatened %s with sanctions.", "The president of %s visited %s."};
	FILE *f = fopen(path, "w");
	uint64_t r = 12345;
	int d, k;

	if (!f)
		return;
	for (d = 0; d < ndocs; d++) {
		fprintf(f, "{\"id\":\"r%d\",\"date\":\"2017-%02d-%02d\",\"text\":\"", d, 1 + d % 12, 1 + d % 28);
		for (k = 0; k < 12; k++) {
			int a, b;

			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			a = (int)(r >> 33) % 10;
			b = (a + 1 + (int)(r >> 40) % 9) % 10;
			fprintf(f, what[(r >> 50) % 8], who[a], who[b]);
			fputc(' ', f);
		}
		fprintf(f, "This is report %d.\"}\n", d);
	}
	fclose(f);
}

static pid_t run_ingest_batch(const char *db, const char *file, const char *batch)
{
	const char *bin = getenv("ENTENTE_BIN");
	pid_t pid = fork();

	if (pid == 0) {
		execl(bin ? bin : "build/entente", "entente", "ingest", "-q", "--batch", batch, "--db", db,
		      file, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int dump_row(const ent_store_row *r, void *ctx)
{
	ent_buf_printf(ctx, "%s|%d|%ld|%s|%s|%s|%d|%.1f|%d|%d|%d|%s|%s\n", r->doc ? r->doc : "?", r->sent,
	               r->day, r->source ? r->source : "", r->target ? r->target : "", r->code,
	               r->quad, r->goldstein, r->modality, r->polarity, r->trend,
	               r->sentence ? r->sentence : "(no sentence)",
	               r->predicate_text ? r->predicate_text : "");
	return 0;
}

/* Every event and relation statement of the store, one sorted line each
 * beginning with its document's id. */
static char *store_dump(ent_store *s)
{
	ent_buf b = ENT_BUF_INIT;
	ent_store_query q;

	memset(&q, 0, sizeof q);
	q.from_day = LONG_MIN;
	q.to_day = LONG_MAX;
	q.all_modalities = 1;
	q.with_relations = 1;
	ent_store_each(s, &q, dump_row, &b);
	return sorted_lines(&b);
}

/* The lines of document doc in a dump (a run of lines, as it is sorted). */
static const char *doc_block(const char *dump, const char *doc, size_t *len)
{
	char key[64];
	const char *p, *end;

	snprintf(key, sizeof key, "%s|", doc);
	for (p = dump; p && *p; p = strchr(p, '\n') + 1)
		if (strncmp(p, key, strlen(key)) == 0)
			break;
	if (!p || !*p) {
		*len = 0;
		return NULL;
	}
	for (end = p; *end && strncmp(end, key, strlen(key)) == 0; end = strchr(end, '\n') + 1)
		;
	*len = (size_t)(end - p);
	return p;
}

/* Whether every document of part is in full what it is in whole. */
static int whole_documents(const char *part, const char *whole, int *docs)
{
	const char *p = part;

	*docs = 0;
	while (p && *p) {
		char doc[64];
		size_t n = strcspn(p, "|"), la, lb;
		const char *a, *b;

		snprintf(doc, sizeof doc, "%.*s", (int)(n < 63 ? n : 63), p);
		a = doc_block(part, doc, &la);
		b = doc_block(whole, doc, &lb);
		if (!a || !b || la != lb || memcmp(a, b, la) != 0) {
			fprintf(stderr, "  document %s: %zu bytes of rows after the kill, %zu in a clean ingest\n",
			        doc, la, lb);
			return 0;
		}
		++*docs;
		p = a + la;
	}
	return 1;
}

static void unlink_store(const char *db)
{
	char f[128];

	unlink(db);
	snprintf(f, sizeof f, "%s-wal", db);
	unlink(f);
	snprintf(f, sizeof f, "%s-shm", db);
	unlink(f);
}

/*
 * Documents coded on the way, killed at random moments: each time the
 * store passes SQLite's integrity check, holds no row of a missing
 * document, holds every document it holds in full (the same rows as a
 * clean ingest), and its aggregates equal a rebuild; a rerun completes
 * it and it then equals the clean ingest.
 */
TEST(store_killed_document_ingest_and_rerun)
{
	char dir[] = "/tmp/entente-killdocs-XXXXXX", file[96], clean[96], db[96], msg[160] = "";
	char *whole, *whole_agg, *part, *agg, *agg2;
	ent_store *s;
	ent_store_counts c1, c2;
	pid_t pid;
	int status, attempt, docs;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();

	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(file, sizeof file, "%s/docs.jsonl", dir);
	snprintf(clean, sizeof clean, "%s/clean.db", dir);
	snprintf(db, sizeof db, "%s/killed.db", dir);
	write_docs(file, 4000);
	pid = run_ingest_batch(clean, file, "400");
	REQUIRE(pid > 0);
	waitpid(pid, &status, 0);
	REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	REQUIRE(ent_store_open(&s, clean) == 0);
	whole = store_dump(s);
	whole_agg = agg_snapshot(s);
	CHECK_INT(ent_store_counts_get(s, &c1), 0);
	ent_store_close(s);
	CHECK(c1.documents == 4000 && c1.events > 40000);
	srand(seed);
	for (attempt = 0; attempt < 3; attempt++) {
		struct timespec pause;
		long ms = 50 + rand() % 600;

		pause.tv_sec = 0;
		pause.tv_nsec = ms * 1000000L;
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "%s%ld", attempt ? ", " : "", ms);
		pid = run_ingest_batch(db, file, "400");
		REQUIRE(pid > 0);
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		REQUIRE(ent_store_open(&s, db) == 0);
		CHECK_INT(ent_store_check(s), 0);
		part = store_dump(s);
		CHECK(whole_documents(part, whole, &docs));
		agg = agg_snapshot(s);
		CHECK_INT(ent_store_rebuild_aggregates(s), 0);
		agg2 = agg_snapshot(s);
		CHECK_STR(agg, agg2);
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " ms (%d documents)", docs);
		free(part);
		free(agg);
		free(agg2);
		ent_store_close(s);
	}
	fprintf(stderr, "  note: document ingest killed after %s\n", msg);
	pid = run_ingest_batch(db, file, "400");
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	REQUIRE(ent_store_open(&s, db) == 0);
	CHECK_INT(ent_store_check(s), 0);
	part = store_dump(s);
	agg = agg_snapshot(s);
	CHECK_INT(ent_store_counts_get(s, &c2), 0);
	CHECK(strcmp(part, whole) == 0);
	CHECK_STR(agg, whole_agg);
	CHECK(c1.documents == c2.documents && c1.events == c2.events && c1.relations == c2.relations &&
	      c1.actors == c2.actors);
	ent_store_close(s);
	free(part);
	free(agg);
	free(whole);
	free(whole_agg);
	unlink_store(clean);
	unlink_store(db);
	unlink(file);
	rmdir(dir);
}

TEST(flatjson_reads_and_rejects)
{
	ent_flatjson o;
	double v;
	static const char in[] = " {\"a\": \"x\\\"y\\u00e9\\ud83d\\ude00\", \"n\": -1.5e2, \"t\": true, \"z\": null} ";

	ent_flatjson_init(&o);
	CHECK_INT(ent_flatjson_parse(&o, in, sizeof in - 1), 0);
	CHECK_STR(ent_flatjson_str(&o, "a"), "x\"y\xC3\xA9\xF0\x9F\x98\x80");
	CHECK_INT(ent_flatjson_num(&o, "n", &v), 0);
	CHECK(v == -150.0);
	CHECK(ent_flatjson_str(&o, "t") == NULL);
	CHECK_INT(ent_flatjson_num(&o, "t", &v), ENT_EINVALID);
	CHECK_INT(ent_flatjson_num(&o, "missing", &v), ENT_ENOTFOUND);
	CHECK_INT(ent_flatjson_parse(&o, "{}", 2), 0);
	CHECK_INT(o.n, 0);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\": [1]}", 10), ENT_EINVALID);
	CHECK(strstr(ent_error_last(), "column 7") != NULL);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\": 1} x", 10), ENT_EINVALID);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\": 01x}", 10), ENT_EINVALID);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\": \"\\q\"}", 11), ENT_EINVALID);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\": \"open", 11), ENT_EINVALID);
	CHECK_INT(ent_flatjson_parse(&o, "{\"a\" 1}", 7), ENT_EINVALID);
	ent_flatjson_free(&o);
}
