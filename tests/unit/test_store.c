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
