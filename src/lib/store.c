/*
 * store.c - the event store on SQLite. The one file that includes
 * sqlite3.h: the rest of entente talks to the functions of store.h.
 *
 * Schema (version 2). documents: one row per id, with an integer key
 * (docno) that sentences, events and relations refer to, and a hash of the
 * text for duplicate stories. sentences (docno, index, text; keyed by
 * (docno << 20) + index, so that a document's sentences are one range of
 * the integer key, like its events and relations). events and
 * relations, with the roots of their actor codes, the day number of their
 * date and their evidence. actors: every code seen.
 *
 * dyad_agg: what the analysis commands read instead of the events. One
 * row per (level, period start, source root, target root, kind), all five
 * packed into one integer key (see agg_key_make; roots numbered by the
 * table roots; the view dyad_aggregates spells the key out): level 0
 * a day, 1 a calendar month, 2 a calendar year; kind 0 the asserted
 * events, kind 1 the relation statements (weighted by
 * ent_relation_weight). Each row holds the count, the count per QuadClass,
 * the Goldstein sums of cooperation (g > 0) and conflict (|g| of g < 0),
 * and the (day, id) of its first event. Only rows that say something about
 * a relation between two actors enter it: dated, both roots known and
 * different. The key orders rows by level, then time, then dyad, so that
 * the rows of a window are one range of it. Goldstein scores are summed as the analysis reads them
 * (rounded to float), so that the sums are exact and do not depend on the
 * order of summation: the aggregates give the numbers a pass over the
 * events would, to the bit. The table is kept by the writes of this file
 * (in memory during a batch, written at commit, so a batch and its
 * aggregates commit together; a dropped document's rows are subtracted)
 * and ent_store_rebuild_aggregates rebuilds it from events and relations.
 *
 * The one-a-day view (events_daily: an event counted once per day, dyad
 * and code) is derived from the events on demand, not aggregated: no
 * analysis command counts with it, and keeping it exact under deletion
 * would need a row per code.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>

#include "entente/analysis.h"
#include "entente/store.h"

#define STORE_VERSION "2"
#define ACTOR_SLOTS 8192
/* Pending aggregate rows flushed early when a batch holds more. */
#define AGG_FLUSH_AT 262144

/* Per connection (WAL, once set, stays with the file). Durability: in WAL
 * mode with synchronous=NORMAL a committed batch survives the process
 * being killed at any moment; a power cut may lose the last batches but
 * never leaves a corrupt file. */
static const char *const settings =
	"PRAGMA page_size=16384;"  /* a new store's: a quarter of the writes of 4096 */
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"PRAGMA cache_size=-65536;"
	"PRAGMA temp_store=MEMORY;";

/* Written once, when the store is created: an open of an existing store
 * writes nothing, so that readers never wait for a running ingest. */
static const char *const schema =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS documents("
	"  docno INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT, day INTEGER, title TEXT,"
	"  source TEXT, url TEXT, text_hash TEXT, duplicate_of TEXT,"
	"  ingested TEXT DEFAULT CURRENT_TIMESTAMP);"
	"CREATE INDEX IF NOT EXISTS documents_hash ON documents(text_hash) WHERE text_hash IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS sentences("
	"  id INTEGER PRIMARY KEY, docno INTEGER, sent INTEGER, text TEXT);"
	"CREATE TABLE IF NOT EXISTS events("
	"  id INTEGER PRIMARY KEY, docno INTEGER, sent INTEGER, day INTEGER, date TEXT,"
	"  precision INTEGER, source TEXT, target TEXT, source_root TEXT, target_root TEXT,"
	"  code TEXT, root TEXT, quad INTEGER, goldstein REAL, plover TEXT, modality INTEGER,"
	"  source_text TEXT, target_text TEXT, predicate_text TEXT, rule TEXT, dyad_day INTEGER);"
	"CREATE TABLE IF NOT EXISTS relations("
	"  id INTEGER PRIMARY KEY, docno INTEGER, sent INTEGER, day INTEGER, date TEXT,"
	"  precision INTEGER, a TEXT, b TEXT, a_root TEXT, b_root TEXT, polarity INTEGER,"
	"  trend INTEGER, text TEXT, rule TEXT, dyad_day INTEGER);"
	"CREATE TABLE IF NOT EXISTS actors(code TEXT PRIMARY KEY, root TEXT) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS roots(id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE);"
	"CREATE TABLE IF NOT EXISTS dyad_agg("
	"  key INTEGER PRIMARY KEY, n INTEGER, q1 INTEGER, q2 INTEGER, q3 INTEGER, q4 INTEGER,"
	"  coop REAL, conflict REAL, first_day INTEGER, first_id INTEGER);"
	"CREATE VIEW IF NOT EXISTS dyad_aggregates AS"
	"  SELECT key >> 59 AS level, ((key >> 33) & 67108863) - 33554432 AS start,"
	"  s.root AS source, t.root AS target, key & 1 AS kind, n, q1, q2, q3, q4, coop, conflict,"
	"  first_day, first_id FROM dyad_agg"
	"  LEFT JOIN roots s ON s.id = (key >> 17) & 65535 LEFT JOIN roots t ON t.id = (key >> 1) & 65535;"
	"CREATE VIEW IF NOT EXISTS events_daily AS"
	"  SELECT MIN(id) AS id, day, source_root, target_root, code, COUNT(*) AS reports"
	"  FROM events GROUP BY day, source_root, target_root, code;";

/* The indexes of events and relations by dyad and day (evidence,
 * explain; finding the first event of an aggregate row again): on one
 * integer, dyad_day (see dyad_day_make), which is cheap to sort and keep. A load into an empty store drops
 * them and builds them once at its end (ent_store_load_begin). */
static const char *const row_indexes =
	"CREATE INDEX IF NOT EXISTS events_dyad ON events(dyad_day);"
	"CREATE INDEX IF NOT EXISTS relations_dyad ON relations(dyad_day);";

enum {
	ST_DOC_FIND_HASH, ST_DOC_PUT, ST_DOC_NO, ST_DOC_STUB, ST_DROP_EVENTS, ST_DROP_RELATIONS,
	ST_DROP_SENTENCES, ST_DROP_DOC, ST_DOC_EVENTS, ST_DOC_RELATIONS, ST_SENT_PUT, ST_EVENT_PUT,
	ST_REL_PUT, ST_ACTOR_PUT, ST_AGG_PUT, ST_AGG_DROP_EMPTY, ST_AGG_FIRST_EVENT,
	ST_AGG_FIRST_RELATION, ST_AGG_SET_FIRST, ST_DOC_LAST_ROW, ST_ROOT_FIND, ST_ROOT_PUT,
	ST_AGG_RANGE, ST_AGG_ANY, ST_COUNT
};

static const char *const statements[ST_COUNT] = {
	"SELECT id FROM documents WHERE text_hash = ?1 AND id <> ?2 AND duplicate_of IS NULL LIMIT 1",
	"INSERT INTO documents(id, date, day, title, source, url, text_hash, duplicate_of)"
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO UPDATE SET date = excluded.date,"
	" day = excluded.day, title = excluded.title, source = excluded.source, url = excluded.url,"
	" text_hash = excluded.text_hash, duplicate_of = excluded.duplicate_of,"
	" ingested = CURRENT_TIMESTAMP RETURNING docno",
	"SELECT docno FROM documents WHERE id = ?1",
	"INSERT INTO documents(id, date, day, ingested) VALUES(?1, ?2, ?3, ?4)",
	"DELETE FROM events WHERE id BETWEEN ?2 AND ?3",
	"DELETE FROM relations WHERE id BETWEEN ?2 AND ?3",
	"DELETE FROM sentences WHERE id BETWEEN ?2 AND ?3",
	"DELETE FROM documents WHERE docno = ?1",
	"SELECT id, day, source_root, target_root, quad, goldstein FROM events"
	" WHERE id BETWEEN ?2 AND ?3 AND modality = 0 AND day IS NOT NULL",
	"SELECT id, day, a_root, b_root, polarity, trend FROM relations"
	" WHERE id BETWEEN ?2 AND ?3 AND day IS NOT NULL",
	"INSERT OR IGNORE INTO sentences(id, docno, sent, text) VALUES(?4, ?1, ?2, ?3)",
	"INSERT INTO events(id, docno, sent, day, date, precision, source, target, source_root,"
	" target_root, code, root, quad, goldstein, plover, modality, source_text, target_text,"
	" predicate_text, rule, dyad_day) VALUES(?20, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21)",
	"INSERT INTO relations(id, docno, sent, day, date, precision, a, b, a_root, b_root, polarity,"
	" trend, text, rule, dyad_day) VALUES(?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	" ?13, ?15)",
	"INSERT OR IGNORE INTO actors(code, root) VALUES(?1, ?2)",
	/* Adds a pending row to its stored row (SET reads the old values). */
	"INSERT INTO dyad_agg(key, n, q1, q2, q3, q4, coop, conflict, first_day, first_id)"
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	" ON CONFLICT(key) DO UPDATE SET n = n + excluded.n,"
	" q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3,"
	" q4 = q4 + excluded.q4, coop = coop + excluded.coop,"
	" conflict = conflict + excluded.conflict,"
	" first_day = CASE WHEN (excluded.first_day, excluded.first_id) < (first_day, first_id)"
	"   THEN excluded.first_day ELSE first_day END,"
	" first_id = CASE WHEN (excluded.first_day, excluded.first_id) < (first_day, first_id)"
	"   THEN excluded.first_id ELSE first_id END",
	"DELETE FROM dyad_agg WHERE key = ?1 AND n <= 0",
	"SELECT day, id FROM events WHERE dyad_day BETWEEN ?1 AND ?2 AND modality = 0"
	" ORDER BY dyad_day, id LIMIT 1",
	"SELECT day, id FROM relations WHERE dyad_day BETWEEN ?1 AND ?2 ORDER BY dyad_day, id LIMIT 1",
	"UPDATE dyad_agg SET first_day = ?2, first_id = ?3 WHERE key = ?1",
	"SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM events WHERE id BETWEEN ?1 AND ?2"
	" UNION ALL SELECT MAX(id) FROM relations WHERE id BETWEEN ?1 AND ?2)",
	"SELECT id FROM roots WHERE root = ?1",
	"INSERT INTO roots(root) VALUES(?1)",
	"SELECT key, n, q1, q2, q3, q4, coop, conflict, first_day, first_id FROM dyad_agg"
	" WHERE key BETWEEN ?1 AND ?2",
	"SELECT 1 FROM dyad_agg WHERE key BETWEEN ?1 AND ?2 LIMIT 1",
};

/* Events and relations of a document have ids (docno << DOC_SHIFT) + 0,
 * 1, 2, ... in the order written: a document's rows are one range of the
 * tables' integer keys, which replaces an index by document, and ids
 * still grow in the order rows arrive. */
#define DOC_SHIFT 20
#define DOC_ROWS_MAX ((int64_t)1 << DOC_SHIFT)

/* The key of a dyad_agg row: level (2 bits), period start (26 bits,
 * biased), source and target root numbers (16 bits each), kind (1 bit). */
#define KEY_START_BIAS ((int64_t)1 << 25)
#define ROOTS_MAX 65535

static int64_t agg_key_make(int level, long start, uint32_t src, uint32_t tgt, int kind)
{
	return (((((int64_t)level << 26 | (start + KEY_START_BIAS)) << 16 | src) << 16 | tgt) << 1) |
	       kind;
}

static void agg_key_split(int64_t key, int *level, long *start, uint32_t *src, uint32_t *tgt,
                          int *kind)
{
	*kind = (int)(key & 1);
	*tgt = (uint32_t)(key >> 1 & 0xffff);
	*src = (uint32_t)(key >> 17 & 0xffff);
	*start = (long)((key >> 33 & (((int64_t)1 << 26) - 1)) - KEY_START_BIAS);
	*level = (int)(key >> 59);
}

/* The dyad_day of an event or relation: its source and target root
 * numbers and its day in one integer, ordered by dyad, then day. */
static int64_t dyad_day_make(uint32_t src, uint32_t tgt, long day)
{
	return ((int64_t)src << 42) | ((int64_t)tgt << 26) | (day + KEY_START_BIAS);
}

/* A pending change to one dyad_agg row: what this batch added (and, for
 * a dropped document, took away). */
typedef struct agg_entry {
	int64_t key;
	int64_t n, quad[4];
	double coop, conflict;
	int32_t first_day;
	int64_t first_id;
	int used, dirty;   /* dirty: rows were taken away; first must be found again */
} agg_entry;

struct ent_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	int in_batch;
	char *path;
	char dup[512];
	/* the last actor code put into actors, to skip repeats cheaply */
	char last_actor[2][32];
	/* hashes of actor codes written by this handle */
	uint64_t actor_hash[ACTOR_SLOTS];
	size_t actor_count;
	/* the document of the last write or lookup: its id and key (0: known
	 * not to be stored), and the number of its next row */
	char last_doc[512];
	int64_t last_docno, next_row;
	/* the last sentence written (docno, index) */
	int64_t sent_docno;
	int last_sent;
	/* ent_store_each's queries between two roots, kept prepared:
	 * [relations][direction][all modalities][one a day] */
	sqlite3_stmt *each[2][2][2][2];
	/* the time of the batch, for documents' ingested */
	char now[24];
	/* the periods of the last day aggregated */
	long period_day;
	int32_t period_start[3];
	int period_known;
	/* pending aggregate rows (open addressing) */
	agg_entry *agg;
	size_t agg_cap, agg_n;
	/* the roots table: names by number, and numbers by name (open
	 * addressing; numbers start at 1, 0 marks an empty slot) */
	char **root_name;
	size_t root_cap;        /* entries of root_name */
	uint32_t *root_slot;
	size_t root_slot_cap;
	size_t nroots;
};

static int db_error(ent_store *s, const char *what)
{
	return ent_error_set(ENT_ESTORE, "store %s: %s: %s", s->path ? s->path : "",
	                     what, sqlite3_errmsg(s->db));
}

static int exec(ent_store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = ent_error_set(ENT_ESTORE, "store %s: %s", s->path,
		                       msg ? msg : sqlite3_errmsg(s->db));

		sqlite3_free(msg);
		return rc;
	}
	return ENT_OK;
}

/* Checks the schema version of an existing store, or creates the schema
 * of a new one. */
static int check_version(ent_store *s)
{
	sqlite3_stmt *q = NULL;
	int rc = ENT_OK;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'version'", -1, &q,
	                       NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(q, 0);

		if (!v || strcmp(v, STORE_VERSION) != 0)
			rc = ent_error_set(ENT_EFORMAT, "store %s: version %s, this entente reads version %s"
			                   " (ingest again into a new store)",
			                   s->path, v ? v : "?", STORE_VERSION);
		sqlite3_finalize(q);
		return rc;
	}
	sqlite3_finalize(q);
	rc = exec(s, "BEGIN IMMEDIATE");
	if (!rc)
		rc = exec(s, schema);
	if (!rc)
		rc = exec(s, row_indexes);
	if (!rc)
		rc = exec(s, "INSERT OR IGNORE INTO meta(key, value) VALUES('version', '" STORE_VERSION "')");
	if (!rc)
		rc = exec(s, "COMMIT");
	else
		exec(s, "ROLLBACK");
	return rc;
}

/* Whether the file holds tables of an older entente store, which the
 * schema below would half-upgrade: checked before creating anything. */
static int older_store(ent_store *s)
{
	sqlite3_stmt *q = NULL;
	int old = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_schema WHERE name = 'events'"
	                       " AND sql NOT LIKE '%docno%'", -1, &q, NULL) != SQLITE_OK)
		return -1;
	old = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return old;
}

int ent_store_open(ent_store **out, const char *path)
{
	ent_store *s;
	int rc, i, old;

	*out = NULL;
	s = ent_calloc(1, sizeof *s);
	if (!s)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	s->path = ent_strdup(path);
	if (!s->path) {
		ent_free(s);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	/* A store handle belongs to one thread at a time: no mutexes. */
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = ent_error_set(ENT_ESTORE, "cannot open store %s: %s", path,
		                   s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	/* Rows of events are built in lookaside memory rather than malloc'd
	 * one by one (the default slots are too small for them). */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 2048, 128);
	/* A file that is not SQLite fails here, on the first read. */
	old = older_store(s);
	if (old < 0) {
		const char *msg = sqlite3_errmsg(s->db);

		if (strstr(msg, "not a database"))
			rc = ent_error_set(ENT_EFORMAT, "%s is not an entente store (not a SQLite database)", path);
		else
			rc = db_error(s, "opening");
		goto fail;
	}
	if (old) {
		rc = ent_error_set(ENT_EFORMAT, "store %s: version 1, this entente reads version %s"
		                   " (ingest again into a new store)", path, STORE_VERSION);
		goto fail;
	}
	rc = exec(s, settings);
	if (rc) {
		if (strstr(ent_error_last(), "not a database"))
			rc = ent_error_set(ENT_EFORMAT, "%s is not an entente store (not a SQLite database)", path);
		goto fail;
	}
	rc = check_version(s);
	if (rc)
		goto fail;
	for (i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
		                       &s->st[i], NULL) != SQLITE_OK) {
			rc = db_error(s, "preparing statements");
			goto fail;
		}
	}
	*out = s;
	return ENT_OK;
fail:
	ent_store_close(s);
	return rc;
}

static void agg_clear(ent_store *s);
static void roots_clear(ent_store *s);
static int agg_flush(ent_store *s);

int ent_store_close(ent_store *s)
{
	int rc = ENT_OK, i;

	if (!s)
		return ENT_OK;
	if (s->in_batch)
		rc = ent_store_commit(s);
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	for (i = 0; i < 16; i++)
		sqlite3_finalize(s->each[i >> 3][i >> 2 & 1][i >> 1 & 1][i & 1]);
	if (s->db && sqlite3_close(s->db) != SQLITE_OK && !rc)
		rc = db_error(s, "closing");
	ent_free(s->agg);
	roots_clear(s);
	ent_free(s->path);
	ent_free(s);
	return rc;
}

int ent_store_begin(ent_store *s)
{
	int rc;

	if (s->in_batch)
		return ENT_OK;
	rc = exec(s, "BEGIN IMMEDIATE");
	if (!rc) {
		time_t t = time(NULL);
		struct tm tm;

		s->in_batch = 1;
		/* what CURRENT_TIMESTAMP gives, once a batch */
		if (!gmtime_r(&t, &tm) || !strftime(s->now, sizeof s->now, "%Y-%m-%d %H:%M:%S", &tm))
			s->now[0] = '\0';
	}
	return rc;
}

/* Abandons the open batch and what it holds in memory. */
static void rollback(ent_store *s)
{
	exec(s, "ROLLBACK");
	s->in_batch = 0;
	s->last_doc[0] = '\0';
	s->sent_docno = -1;
	agg_clear(s);
	roots_clear(s);   /* numbers given in the batch are gone with it */
}

int ent_store_commit(ent_store *s)
{
	int rc;

	if (!s->in_batch)
		return ENT_OK;
	rc = agg_flush(s);
	if (rc) {
		rollback(s);
		return rc;
	}
	rc = exec(s, "COMMIT");
	s->in_batch = 0;
	return rc;
}

/* Runs a prepared write statement to completion and resets it. Every
 * parameter of the statements run this way is bound on every use, so the
 * bindings need no clearing. */
static int step_done(ent_store *s, int which)
{
	sqlite3_stmt *q = s->st[which];
	int r = sqlite3_step(q);

	sqlite3_reset(q);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return db_error(s, "writing");
	return ENT_OK;
}

/* Binds a string that outlives the statement's step (every caller's
 * strings do: the statement is reset before they return). */
static void bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

/* Runs fn inside its own transaction unless a batch is open. */
#define AUTOCOMMIT_BEGIN(s) int own_ = !(s)->in_batch; \
	if (own_ && (rc = ent_store_begin(s)) != 0) return rc
#define AUTOCOMMIT_END(s) do { if (own_) { if (rc) rollback(s); \
	else rc = ent_store_commit(s); } } while (0)

static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Formats a date as the store keeps it (YYYY-MM-DD, YYYY-MM, YYYY or ""),
 * like ent_date_format without going through printf. */
static void date_text(char out[11], const ent_date *d)
{
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u,
	         day = (unsigned)d->day % 100u;
	size_t n = 0;

	if (!d->precision || d->precision > ENT_DATE_DAY) {
		out[0] = '\0';
		return;
	}
	out[n++] = (char)('0' + y / 1000);
	out[n++] = (char)('0' + y / 100 % 10);
	out[n++] = (char)('0' + y / 10 % 10);
	out[n++] = (char)('0' + y % 10);
	if (d->precision >= ENT_DATE_MONTH) {
		out[n++] = '-';
		out[n++] = (char)('0' + m / 10);
		out[n++] = (char)('0' + m % 10);
	}
	if (d->precision >= ENT_DATE_DAY) {
		out[n++] = '-';
		out[n++] = (char)('0' + day / 10);
		out[n++] = (char)('0' + day % 10);
	}
	out[n] = '\0';
}

/* Whether a query returns a row (-1 on error). */
static int any_row(ent_store *s, const char *sql)
{
	sqlite3_stmt *q = NULL;
	int r;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	r = sqlite3_step(q);
	sqlite3_finalize(q);
	return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

int ent_store_load_begin(ent_store *s)
{
	int any;

	if (s->in_batch && ent_store_commit(s))
		return ENT_ESTORE;
	any = any_row(s, "SELECT 1 FROM events UNION ALL SELECT 1 FROM relations LIMIT 1");
	if (any < 0)
		return db_error(s, "looking at the events");
	if (any)
		return ent_store_index(s);
	return exec(s, "DROP INDEX IF EXISTS events_dyad; DROP INDEX IF EXISTS relations_dyad;");
}

int ent_store_index(ent_store *s)
{
	int rc;

	if (s->in_batch && (rc = ent_store_commit(s)) != 0)
		return rc;
	return exec(s, row_indexes);
}

/* ---------------------------------------------------------------------
 * Aggregates
 * ------------------------------------------------------------------- */

double ent_relation_weight(int polarity, int trend)
{
	return 3.0 * (polarity < 0 ? -1 : 1) +
	       (trend == ENT_TREND_UP ? 2 : trend == ENT_TREND_DOWN ? -4 : 0);
}

/* First and last day of the period of a level that holds day. */
static void period_of(int level, long day, int32_t *start, int32_t *end)
{
	if (level == 0) {
		*start = *end = (int32_t)day;
	} else if (level == 1) {
		*start = ent_period_start(ENT_PERIOD_MONTH, (int32_t)day);
		*end = ent_period_start(ENT_PERIOD_MONTH, *start + 31) - 1;
	} else {
		*start = ent_period_start(ENT_PERIOD_YEAR, (int32_t)day);
		*end = ent_period_start(ENT_PERIOD_YEAR, *start + 366) - 1;
	}
}

/* ---- root numbers ---- */

static size_t root_hash(const char *r)
{
	uint64_t h = 1469598103934665603ULL;

	while (*r)
		h = (h ^ (unsigned char)*r++) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

static void roots_clear(ent_store *s)
{
	size_t i;

	for (i = 0; i < s->root_cap; i++)
		ent_free(s->root_name[i]);
	ent_free(s->root_name);
	ent_free(s->root_slot);
	s->root_name = NULL;
	s->root_slot = NULL;
	s->root_cap = s->root_slot_cap = s->nroots = 0;
}

/* Remembers that root has number id. */
static int roots_add(ent_store *s, uint32_t id, const char *root)
{
	size_t h;

	if (id >= s->root_cap) {
		size_t cap = s->root_cap ? s->root_cap : 64;
		char **names;

		while (cap <= id)
			cap *= 2;
		names = ent_realloc(s->root_name, cap * sizeof *names);
		if (!names)
			return ent_error_set(ENT_ENOMEM, "store: out of memory");
		memset(names + s->root_cap, 0, (cap - s->root_cap) * sizeof *names);
		s->root_name = names;
		s->root_cap = cap;
	}
	if (s->root_name[id])
		return ENT_OK;
	if ((s->nroots + 1) * 2 > s->root_slot_cap) {
		size_t cap = s->root_slot_cap ? s->root_slot_cap * 2 : 256, i;
		uint32_t *slot = ent_calloc(cap, sizeof *slot);

		if (!slot)
			return ent_error_set(ENT_ENOMEM, "store: out of memory");
		for (i = 0; i < s->root_cap; i++) {
			if (!s->root_name[i])
				continue;
			for (h = root_hash(s->root_name[i]) & (cap - 1); slot[h]; h = (h + 1) & (cap - 1))
				;
			slot[h] = (uint32_t)i;
		}
		ent_free(s->root_slot);
		s->root_slot = slot;
		s->root_slot_cap = cap;
	}
	if (!(s->root_name[id] = ent_strdup(root)))
		return ent_error_set(ENT_ENOMEM, "store: out of memory");
	for (h = root_hash(root) & (s->root_slot_cap - 1); s->root_slot[h];
	     h = (h + 1) & (s->root_slot_cap - 1))
		;
	s->root_slot[h] = id;
	s->nroots++;
	return ENT_OK;
}

/* Reads the roots table into memory (again). */
static int roots_load(ent_store *s)
{
	sqlite3_stmt *q = NULL;
	int r, rc = ENT_OK;

	roots_clear(s);
	if (sqlite3_prepare_v2(s->db, "SELECT id, root FROM roots", -1, &q, NULL) != SQLITE_OK)
		return db_error(s, "reading roots");
	while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		const char *root = (const char *)sqlite3_column_text(q, 1);

		if (id > 0 && id <= ROOTS_MAX && root)
			rc = roots_add(s, (uint32_t)id, root);
	}
	sqlite3_finalize(q);
	return rc;
}

/* The number of root: 0 when unknown and not create; created (inside the
 * open transaction) with create. */
/* The integer that prepared statement st (one text parameter) finds for
 * text; 0 when none. */
static int key_of(ent_store *s, int st, const char *text, const char *what, int64_t *out)
{
	sqlite3_stmt *q = s->st[st];
	int r;

	*out = 0;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	r = sqlite3_step(q);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_error(s, what);
	return ENT_OK;
}

static int root_number(ent_store *s, const char *root, int create, uint32_t *out)
{
	int64_t key;
	size_t h;
	int rc;

	*out = 0;
	if (s->root_slot_cap)
		for (h = root_hash(root) & (s->root_slot_cap - 1); s->root_slot[h];
		     h = (h + 1) & (s->root_slot_cap - 1))
			if (strcmp(s->root_name[s->root_slot[h]], root) == 0) {
				*out = s->root_slot[h];
				return ENT_OK;
			}
	/* not known to this handle: stored by another, or new */
	if ((rc = key_of(s, ST_ROOT_FIND, root, "looking up a root", &key)) != 0)
		return rc;
	*out = (uint32_t)key;
	if (!*out && create) {
		sqlite3_bind_text(s->st[ST_ROOT_PUT], 1, root, -1, SQLITE_STATIC);
		if ((rc = step_done(s, ST_ROOT_PUT)) != 0)
			return rc;
		if (sqlite3_last_insert_rowid(s->db) > ROOTS_MAX)
			return ent_error_set(ENT_ELIMIT, "store: more than %d actor roots", ROOTS_MAX);
		*out = (uint32_t)sqlite3_last_insert_rowid(s->db);
	}
	return *out ? roots_add(s, *out, root) : ENT_OK;
}

/* The name of root number id, or NULL. */
static const char *root_of(ent_store *s, uint32_t id)
{
	if (id >= s->root_cap || !s->root_name[id])
		roots_load(s);   /* numbered by another handle since */
	return id < s->root_cap ? s->root_name[id] : NULL;
}

/* ---- pending aggregates ---- */

static size_t agg_hash(int64_t key)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h ^ (h >> 29));
}

static void agg_clear(ent_store *s)
{
	if (s->agg_n)
		memset(s->agg, 0, s->agg_cap * sizeof *s->agg);
	s->agg_n = 0;
}

/* The pending entry of key, created when new; NULL on out of memory. */
static agg_entry *agg_get(ent_store *s, int64_t key)
{
	size_t i;

	if ((s->agg_n + 1) * 2 > s->agg_cap) {
		size_t cap = s->agg_cap ? s->agg_cap * 2 : 4096, k;
		agg_entry *t = ent_calloc(cap, sizeof *t);

		if (!t)
			return NULL;
		for (k = 0; k < s->agg_cap; k++) {
			if (!s->agg[k].used)
				continue;
			i = agg_hash(s->agg[k].key) & (cap - 1);
			while (t[i].used)
				i = (i + 1) & (cap - 1);
			t[i] = s->agg[k];
		}
		ent_free(s->agg);
		s->agg = t;
		s->agg_cap = cap;
	}
	i = agg_hash(key) & (s->agg_cap - 1);
	while (s->agg[i].used) {
		if (s->agg[i].key == key)
			return &s->agg[i];
		i = (i + 1) & (s->agg_cap - 1);
	}
	memset(&s->agg[i], 0, sizeof s->agg[i]);
	s->agg[i].key = key;
	s->agg[i].used = 1;
	s->agg[i].first_day = INT32_MAX;
	s->agg[i].first_id = INT64_MAX;
	s->agg_n++;
	return &s->agg[i];
}

/*
 * Adds (sign +1) or takes away (sign -1) one event or relation statement
 * in the pending aggregates of its day, month and year. Rows that say
 * nothing of a relation between two actors are left out (see the top of
 * the file). g is the Goldstein score or the relation's weight.
 */
static int agg_add(ent_store *s, int kind, long day, const char *sroot, const char *troot,
                   int quad, double g, int64_t id, int sign)
{
	float gf = (float)g;
	uint32_t src, tgt;
	int level, rc;

	if (!*sroot || !*troot || strcmp(sroot, troot) == 0 || !isfinite(gf) ||
	    day < -KEY_START_BIAS + 1 || day > KEY_START_BIAS - 400)
		return ENT_OK;
	if ((rc = root_number(s, sroot, 1, &src)) != 0 || (rc = root_number(s, troot, 1, &tgt)) != 0)
		return rc;
	if (!s->period_known || day != s->period_day) {
		int32_t end;

		for (level = 0; level < 3; level++)
			period_of(level, day, &s->period_start[level], &end);
		s->period_day = day;
		s->period_known = 1;
	}
	for (level = 0; level < 3; level++) {
		agg_entry *e;

		if (!(e = agg_get(s, agg_key_make(level, s->period_start[level], src, tgt, kind))))
			return ent_error_set(ENT_ENOMEM, "store: out of memory");
		e->n += sign;
		if (quad >= 1 && quad <= 4)
			e->quad[quad - 1] += sign;
		if (gf > 0)
			e->coop += sign * (double)gf;
		else if (gf < 0)
			e->conflict -= sign * (double)gf;
		if (sign < 0)
			e->dirty = 1;
		else if (day < e->first_day || (day == e->first_day && id < e->first_id)) {
			e->first_day = (int32_t)day;
			e->first_id = id;
		}
	}
	if (s->agg_n >= AGG_FLUSH_AT)
		return agg_flush(s);
	return ENT_OK;
}

/* After rows were taken away: drops a row left empty, or finds its
 * first event again. */
static int agg_settle(ent_store *s, int64_t key)
{
	sqlite3_stmt *q = s->st[ST_AGG_DROP_EMPTY];
	uint32_t src, tgt;
	int32_t start, end;
	long pstart;
	int level, kind, rc, r;

	sqlite3_bind_int64(q, 1, key);
	if ((rc = step_done(s, ST_AGG_DROP_EMPTY)) != 0)
		return rc;
	if (sqlite3_changes(s->db) > 0)
		return ENT_OK;
	agg_key_split(key, &level, &pstart, &src, &tgt, &kind);
	period_of(level, pstart, &start, &end);
	q = s->st[kind ? ST_AGG_FIRST_RELATION : ST_AGG_FIRST_EVENT];
	sqlite3_bind_int64(q, 1, dyad_day_make(src, tgt, start));
	sqlite3_bind_int64(q, 2, dyad_day_make(src, tgt, end));
	r = sqlite3_step(q);
	if (r == SQLITE_ROW) {
		sqlite3_stmt *u = s->st[ST_AGG_SET_FIRST];

		sqlite3_bind_int64(u, 1, key);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		sqlite3_bind_int64(u, 3, sqlite3_column_int64(q, 1));
		sqlite3_reset(q);
		return step_done(s, ST_AGG_SET_FIRST);
	}
	sqlite3_reset(q);
	return r == SQLITE_DONE ? ENT_OK : db_error(s, "finding a first event");
}

/* Writes the pending aggregates into dyad_agg (inside the open batch). */
static int agg_flush(ent_store *s)
{
	sqlite3_stmt *q = s->st[ST_AGG_PUT];
	size_t i;
	int rc = ENT_OK;

	for (i = 0; i < s->agg_cap && s->agg_n && !rc; i++) {
		const agg_entry *e = &s->agg[i];

		if (!e->used)
			continue;
		sqlite3_bind_int64(q, 1, e->key);
		sqlite3_bind_int64(q, 2, e->n);
		sqlite3_bind_int64(q, 3, e->quad[0]);
		sqlite3_bind_int64(q, 4, e->quad[1]);
		sqlite3_bind_int64(q, 5, e->quad[2]);
		sqlite3_bind_int64(q, 6, e->quad[3]);
		sqlite3_bind_double(q, 7, e->coop);
		sqlite3_bind_double(q, 8, e->conflict);
		sqlite3_bind_int64(q, 9, e->first_day);
		sqlite3_bind_int64(q, 10, e->first_id);
		rc = step_done(s, ST_AGG_PUT);
		if (!rc && e->dirty)
			rc = agg_settle(s, e->key);
	}
	agg_clear(s);
	return rc;
}

/* Adds (sign 1) or takes out (-1) the aggregate of the row q stands on:
 * id, day, source root, target root, then quad and goldstein for an
 * event (relation 0), polarity and trend for a relation statement. */
static int agg_add_row(ent_store *s, sqlite3_stmt *q, int relation, int sign)
{
	const char *sr = (const char *)sqlite3_column_text(q, 2);
	const char *tr = (const char *)sqlite3_column_text(q, 3);
	double g = relation ? ent_relation_weight(sqlite3_column_int(q, 4), sqlite3_column_int(q, 5))
	                    : sqlite3_column_double(q, 5);

	return agg_add(s, relation, (long)sqlite3_column_int64(q, 1), sr ? sr : "", tr ? tr : "",
	               relation ? 0 : sqlite3_column_int(q, 4), g, sqlite3_column_int64(q, 0), sign);
}

/* Takes the events and relations of docno out of the aggregates. */
static int agg_drop_doc(ent_store *s, int64_t docno)
{
	int pass, r = SQLITE_DONE, rc = ENT_OK;

	for (pass = 0; pass < 2 && !rc; pass++) {
		sqlite3_stmt *q = s->st[pass ? ST_DOC_RELATIONS : ST_DOC_EVENTS];

		sqlite3_bind_int64(q, 2, docno << DOC_SHIFT);
		sqlite3_bind_int64(q, 3, (docno << DOC_SHIFT) + DOC_ROWS_MAX - 1);
		while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW)
			rc = agg_add_row(s, q, pass, -1);
		if (!rc && r != SQLITE_DONE)
			rc = db_error(s, "reading a document's events");
		sqlite3_reset(q);
	}
	return rc;
}

int ent_store_rebuild_aggregates(ent_store *s)
{
	static const char *const sql[2] = {
		"SELECT id, day, source_root, target_root, quad, goldstein FROM events"
		" WHERE modality = 0 AND day IS NOT NULL",
		"SELECT id, day, a_root, b_root, polarity, trend FROM relations WHERE day IS NOT NULL",
	};
	int pass, r = SQLITE_DONE, rc;
	AUTOCOMMIT_BEGIN(s);

	rc = agg_flush(s);
	if (!rc)
		rc = exec(s, "DELETE FROM dyad_agg");
	for (pass = 0; pass < 2 && !rc; pass++) {
		sqlite3_stmt *q = NULL;

		if (sqlite3_prepare_v2(s->db, sql[pass], -1, &q, NULL) != SQLITE_OK) {
			rc = db_error(s, "rebuilding the aggregates");
			break;
		}
		while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW)
			rc = agg_add_row(s, q, pass, 1);
		if (!rc && r != SQLITE_DONE)
			rc = db_error(s, "rebuilding the aggregates");
		sqlite3_finalize(q);
	}
	if (!rc)
		rc = agg_flush(s);
	AUTOCOMMIT_END(s);
	return rc;
}

/* ---------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------- */

/* The key of document id, or 0 when the store does not hold it. */
static int doc_lookup(ent_store *s, const char *id, int64_t *out)
{
	return key_of(s, ST_DOC_NO, id, "looking up a document", out);
}

static void remember_doc(ent_store *s, const char *id, int64_t docno, int64_t next_row)
{
	size_t n = strlen(id);

	if (n < sizeof s->last_doc) {
		memcpy(s->last_doc, id, n + 1);
		s->last_docno = docno;
		s->next_row = next_row;
	} else {
		s->last_doc[0] = '\0';
	}
}

static int drop(ent_store *s, const char *id, int with_doc)
{
	static const int which[4] = {ST_DROP_EVENTS, ST_DROP_RELATIONS, ST_DROP_SENTENCES,
	                             ST_DROP_DOC};
	int64_t docno;
	int i, rc;

	s->last_doc[0] = '\0';
	s->sent_docno = -1;
	/* Nothing to drop for a document the store has never seen (the
	 * common case of a fresh ingest): one lookup instead of four
	 * deletes, and the next write to it need not look again. */
	if ((rc = doc_lookup(s, id, &docno)) != 0)
		return rc;
	if (!docno) {
		remember_doc(s, id, 0, 0);
		return ENT_OK;
	}
	rc = agg_drop_doc(s, docno);
	for (i = 0; i < (with_doc ? 4 : 3) && !rc; i++) {
		sqlite3_stmt *q = s->st[which[i]];

		if (i < 3) {
			sqlite3_bind_int64(q, 2, docno << DOC_SHIFT);
			sqlite3_bind_int64(q, 3, (docno << DOC_SHIFT) + DOC_ROWS_MAX - 1);
		} else {
			sqlite3_bind_int64(q, 1, docno);
		}
		rc = step_done(s, which[i]);
	}
	return rc;
}

int ent_store_drop_doc(ent_store *s, const char *id)
{
	int rc;
	AUTOCOMMIT_BEGIN(s);
	rc = drop(s, id, 1);
	AUTOCOMMIT_END(s);
	return rc;
}

int ent_store_put_doc(ent_store *s, const ent_doc *doc, const char **duplicate)
{
	char hash[17], date[11];
	sqlite3_stmt *q;
	int rc, r;

	*duplicate = NULL;
	snprintf(hash, sizeof hash, "%016llx",
	         (unsigned long long)text_hash(doc->text, doc->text_len));
	date_text(date, &doc->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = drop(s, doc->id, 0);
		q = s->st[ST_DOC_FIND_HASH];
		sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, doc->id, -1, SQLITE_STATIC);
		r = rc ? SQLITE_DONE : sqlite3_step(q);
		if (r == SQLITE_ROW) {
			snprintf(s->dup, sizeof s->dup, "%s", (const char *)sqlite3_column_text(q, 0));
			*duplicate = s->dup;
		} else if (r != SQLITE_DONE) {
			rc = db_error(s, "looking up duplicates");
		}
		sqlite3_reset(q);
		if (!rc) {
			q = s->st[ST_DOC_PUT];
			bind_text(q, 1, doc->id);
			bind_text(q, 2, date[0] ? date : NULL);
			if (doc->date.precision)
				sqlite3_bind_int64(q, 3, ent_date_days(&doc->date));
			else
				sqlite3_bind_null(q, 3);
			bind_text(q, 4, doc->title);
			bind_text(q, 5, doc->source);
			bind_text(q, 6, doc->url);
			bind_text(q, 7, hash);
			bind_text(q, 8, *duplicate);
			r = sqlite3_step(q);
			if (r == SQLITE_ROW)
				remember_doc(s, doc->id, sqlite3_column_int64(q, 0), 0);
			else
				rc = db_error(s, "writing a document");
			sqlite3_reset(q);
		}
		AUTOCOMMIT_END(s);
	}
	return rc;
}

/* Whether code was written to actors by this handle (a small open-
 * addressing set of hashes: a miss costs one INSERT OR IGNORE, so a
 * collision only costs time). Adds it. */
static int actor_seen(ent_store *s, const char *code)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p;
	size_t i;

	for (p = code; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	h |= 1;  /* 0 marks an empty slot */
	i = (size_t)h & (ACTOR_SLOTS - 1);
	while (s->actor_hash[i]) {
		if (s->actor_hash[i] == h)
			return 1;
		i = (i + 1) & (ACTOR_SLOTS - 1);
	}
	if (s->actor_count < ACTOR_SLOTS / 2) {
		s->actor_hash[i] = h;
		s->actor_count++;
	}
	return 0;
}

static int put_actor(ent_store *s, int slot, const char *code, const char *root)
{
	size_t n;

	if (!code || !*code || strcmp(s->last_actor[slot], code) == 0)
		return ENT_OK;
	n = strlen(code);
	if (n >= sizeof s->last_actor[slot])
		n = sizeof s->last_actor[slot] - 1;
	memcpy(s->last_actor[slot], code, n);
	s->last_actor[slot][n] = '\0';
	if (actor_seen(s, code))
		return ENT_OK;
	sqlite3_bind_text(s->st[ST_ACTOR_PUT], 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->st[ST_ACTOR_PUT], 2, root, -1, SQLITE_STATIC);
	return step_done(s, ST_ACTOR_PUT);
}

/* The key of document doc_id for a row written to it, and the id that
 * row gets: the document of the last write, a stored one, or a new stub
 * row (for events that come without their document). */
static int doc_for_row(ent_store *s, const char *doc_id, const ent_date *date, int64_t *out,
                       int64_t *row_id)
{
	sqlite3_stmt *q;
	char d[11];
	int64_t next = 0;
	int rc, known = s->last_doc[0] && strcmp(s->last_doc, doc_id) == 0;

	if (known && s->last_docno) {
		*out = s->last_docno;
	} else {
		if (known)
			*out = 0;
		else if ((rc = doc_lookup(s, doc_id, out)) != 0)
			return rc;
		if (*out) {
			/* a stored document that gets more rows */
			q = s->st[ST_DOC_LAST_ROW];
			sqlite3_bind_int64(q, 1, *out << DOC_SHIFT);
			sqlite3_bind_int64(q, 2, (*out << DOC_SHIFT) + DOC_ROWS_MAX - 1);
			if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) == SQLITE_INTEGER)
				next = (sqlite3_column_int64(q, 0) & (DOC_ROWS_MAX - 1)) + 1;
			sqlite3_reset(q);
		} else {
			q = s->st[ST_DOC_STUB];
			date_text(d, date);
			sqlite3_bind_text(q, 1, doc_id, -1, SQLITE_STATIC);
			bind_text(q, 2, d[0] ? d : NULL);
			if (date->precision)
				sqlite3_bind_int64(q, 3, ent_date_days(date));
			else
				sqlite3_bind_null(q, 3);
			bind_text(q, 4, s->now[0] ? s->now : NULL);
			if ((rc = step_done(s, ST_DOC_STUB)) != 0)
				return rc;
			*out = sqlite3_last_insert_rowid(s->db);
		}
		remember_doc(s, doc_id, *out, next);
		if (!s->last_doc[0])
			s->next_row = next;   /* an id too long to remember: this row only */
	}
	if (s->next_row >= DOC_ROWS_MAX || *out >= ((int64_t)1 << (62 - DOC_SHIFT)))
		return ent_error_set(ENT_ELIMIT, "store: document %s has more than %lld events and relations",
		                     doc_id, (long long)DOC_ROWS_MAX);
	*row_id = (*out << DOC_SHIFT) + s->next_row++;
	return ENT_OK;
}

/* Binds the dyad_day of a row with these roots (numbering new ones), or
 * NULL when it has no day or a root is unknown. */
static int bind_dyad_day(ent_store *s, sqlite3_stmt *q, int i, const char *sroot,
                         const char *troot, const ent_date *date, long day)
{
	uint32_t src = 0, tgt = 0;
	int rc;

	if (date->precision && *sroot && *troot && day > -KEY_START_BIAS && day < KEY_START_BIAS) {
		if ((rc = root_number(s, sroot, 1, &src)) != 0 || (rc = root_number(s, troot, 1, &tgt)) != 0)
			return rc;
		sqlite3_bind_int64(q, i, dyad_day_make(src, tgt, day));
	} else {
		sqlite3_bind_null(q, i);
	}
	return ENT_OK;
}

/* Puts the sentence text (once: the events of a sentence come together). */
static int put_sentence(ent_store *s, int64_t docno, int sent, const char *sentence)
{
	if (docno == s->sent_docno && sent == s->last_sent)
		return ENT_OK;
	s->sent_docno = docno;
	s->last_sent = sent;
	if (!sentence)
		return ENT_OK;
	if (sent < 0 || sent >= DOC_ROWS_MAX)
		return ent_error_set(ENT_ELIMIT, "store: sentence %d of a document: at most %lld a document",
		                     sent, (long long)DOC_ROWS_MAX);
	sqlite3_bind_int64(s->st[ST_SENT_PUT], 1, docno);
	sqlite3_bind_int(s->st[ST_SENT_PUT], 2, sent);
	sqlite3_bind_text(s->st[ST_SENT_PUT], 3, sentence, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->st[ST_SENT_PUT], 4, (docno << DOC_SHIFT) + (sent & (DOC_ROWS_MAX - 1)));
	return step_done(s, ST_SENT_PUT);
}

int ent_store_put_event(ent_store *s, const char *doc_id, const char *sentence,
                        const char *source_text, const char *target_text,
                        const char *predicate_text, const ent_event *e)
{
	sqlite3_stmt *q = s->st[ST_EVENT_PUT];
	char sroot[16], troot[16], date[11];
	int64_t docno = 0, id = 0;
	long day = 0;
	int rc;

	if (!isfinite((float)e->goldstein))
		return ent_error_set(ENT_EINVALID, "store: event of %s: Goldstein score %g out of range",
		                     doc_id, e->goldstein);
	ent_actor_root(e->source, sroot);
	ent_actor_root(e->target, troot);
	date_text(date, &e->date);
	if (e->date.precision)
		day = ent_date_days(&e->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = doc_for_row(s, doc_id, &e->date, &docno, &id);
		if (!rc)
			rc = put_sentence(s, docno, (int)e->sent, sentence);
		if (!rc) {
			sqlite3_bind_int64(q, 1, docno);
			sqlite3_bind_int(q, 2, (int)e->sent);
			if (e->date.precision)
				sqlite3_bind_int64(q, 3, day);
			else
				sqlite3_bind_null(q, 3);
			bind_text(q, 4, date[0] ? date : NULL);
			sqlite3_bind_int(q, 5, e->date.precision);
			bind_text(q, 6, e->source);
			bind_text(q, 7, e->target);
			bind_text(q, 8, sroot);
			bind_text(q, 9, troot);
			bind_text(q, 10, e->code);
			bind_text(q, 11, e->root);
			sqlite3_bind_int(q, 12, e->quad);
			sqlite3_bind_double(q, 13, e->goldstein);
			bind_text(q, 14, e->plover);
			sqlite3_bind_int(q, 15, e->modality);
			bind_text(q, 16, source_text);
			bind_text(q, 17, target_text);
			bind_text(q, 18, predicate_text);
			bind_text(q, 19, e->rule);
			sqlite3_bind_int64(q, 20, id);
			rc = bind_dyad_day(s, q, 21, sroot, troot, &e->date, day);
		}
		if (!rc) {
			rc = step_done(s, ST_EVENT_PUT);
		}
		if (!rc && e->date.precision && e->modality == ENT_MOD_ASSERTED)
			rc = agg_add(s, 0, day, sroot, troot, e->quad, e->goldstein, id, 1);
		if (!rc)
			rc = put_actor(s, 0, e->source, sroot);
		if (!rc)
			rc = put_actor(s, 1, e->target, troot);
		AUTOCOMMIT_END(s);
	}
	return rc;
}

int ent_store_put_relation(ent_store *s, const char *doc_id, const char *sentence,
                           const char *text, const ent_relation *r)
{
	sqlite3_stmt *q = s->st[ST_REL_PUT];
	char aroot[16], broot[16], date[11];
	int64_t docno = 0, id = 0;
	long day = 0;
	int rc;

	ent_actor_root(r->a, aroot);
	ent_actor_root(r->b, broot);
	date_text(date, &r->date);
	if (r->date.precision)
		day = ent_date_days(&r->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = doc_for_row(s, doc_id, &r->date, &docno, &id);
		if (!rc)
			rc = put_sentence(s, docno, (int)r->sent, sentence);
		if (!rc) {
			sqlite3_bind_int64(q, 1, docno);
			sqlite3_bind_int(q, 2, (int)r->sent);
			if (r->date.precision)
				sqlite3_bind_int64(q, 3, day);
			else
				sqlite3_bind_null(q, 3);
			bind_text(q, 4, date[0] ? date : NULL);
			sqlite3_bind_int(q, 5, r->date.precision);
			bind_text(q, 6, r->a);
			bind_text(q, 7, r->b);
			bind_text(q, 8, aroot);
			bind_text(q, 9, broot);
			sqlite3_bind_int(q, 10, r->polarity);
			sqlite3_bind_int(q, 11, r->trend);
			bind_text(q, 12, text);
			bind_text(q, 13, r->rule);
			sqlite3_bind_int64(q, 14, id);
			rc = bind_dyad_day(s, q, 15, aroot, broot, &r->date, day);
		}
		if (!rc) {
			rc = step_done(s, ST_REL_PUT);
		}
		if (!rc && r->date.precision)
			rc = agg_add(s, 1, day, aroot, broot, 0, ent_relation_weight(r->polarity, r->trend),
			             id, 1);
		AUTOCOMMIT_END(s);
	}
	return rc;
}

int ent_store_check(ent_store *s)
{
	sqlite3_stmt *q = NULL;
	int rc = ENT_OK, r;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &q, NULL) != SQLITE_OK)
		return db_error(s, "checking");
	r = sqlite3_step(q);
	if (r != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(q, 0), "ok") != 0)
		rc = ent_error_set(ENT_ESTORE, "store %s: integrity check: %s", s->path,
		                   r == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0)
		                                   : sqlite3_errmsg(s->db));
	sqlite3_finalize(q);
	if (!rc) {
		int orphans = any_row(s, "SELECT 1 FROM events WHERE docno NOT IN (SELECT docno FROM documents)"
		                         " UNION ALL SELECT 1 FROM relations WHERE docno NOT IN"
		                         " (SELECT docno FROM documents) UNION ALL SELECT 1 FROM sentences"
		                         " WHERE docno NOT IN (SELECT docno FROM documents) LIMIT 1");

		if (orphans)
			rc = orphans < 0 ? db_error(s, "checking")
			                 : ent_error_set(ENT_ESTORE, "store %s: rows of a document that is not stored",
			                                 s->path);
	}
	return rc;
}

static long long count(ent_store *s, const char *sql)
{
	sqlite3_stmt *q;
	long long n = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

int ent_store_counts_get(ent_store *s, ent_store_counts *out)
{
	out->documents = count(s, "SELECT COUNT(*) FROM documents WHERE duplicate_of IS NULL");
	out->duplicates = count(s, "SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL");
	out->events = count(s, "SELECT COUNT(*) FROM events");
	out->relations = count(s, "SELECT COUNT(*) FROM relations");
	out->actors = count(s, "SELECT COUNT(*) FROM actors");
	if (out->documents < 0 || out->events < 0)
		return db_error(s, "counting");
	return ENT_OK;
}

/* Reads the current row of a query of ent_store_each (pass 0 events, 1
 * relations) into row; returns the row's id. */
static int64_t read_row(sqlite3_stmt *q, int pass, ent_store_row *row)
{
	memset(row, 0, sizeof *row);
	row->doc = (const char *)sqlite3_column_text(q, 0);
	row->sent = sqlite3_column_int(q, 1);
	row->day = (long)sqlite3_column_int64(q, 2);
	row->precision = sqlite3_column_int(q, 3);
	row->source = (const char *)sqlite3_column_text(q, 4);
	row->target = (const char *)sqlite3_column_text(q, 5);
	if (pass == 0) {
		const char *code = (const char *)sqlite3_column_text(q, 6);
		size_t n = code ? strlen(code) : 0;

		if (n >= sizeof row->code)
			n = sizeof row->code - 1;
		memcpy(row->code, code ? code : "", n);
		row->code[n] = '\0';
		row->quad = sqlite3_column_int(q, 7);
		row->goldstein = sqlite3_column_double(q, 8);
		row->modality = sqlite3_column_int(q, 9);
		row->sentence = (const char *)sqlite3_column_text(q, 10);
		row->predicate_text = (const char *)sqlite3_column_text(q, 11);
		return sqlite3_column_int64(q, 12);
	}
	row->relation = 1;
	row->polarity = sqlite3_column_int(q, 6);
	row->trend = sqlite3_column_int(q, 7);
	row->sentence = (const char *)sqlite3_column_text(q, 8);
	row->predicate_text = (const char *)sqlite3_column_text(q, 9);
	return sqlite3_column_int64(q, 10);
}

/*
 * Between two roots, each direction is one range of the dyad_day index,
 * already in (day, id) order: the two are read side by side and merged, so
 * that a caller who wants the first few rows of a busy dyad reads only
 * those (no sort of all its rows). Otherwise one query, sorted.
 */
int ent_store_each(ent_store *s, const ent_store_query *qy,
                   int (*fn)(const ent_store_row *row, void *ctx), void *ctx)
{
	char sql[2048], where[256];
	sqlite3_stmt *q[2] = {NULL, NULL};
	uint32_t na = 0, nb = 0;
	int rc = ENT_OK, pass, dir, ndir, r[2];
	int dyad = qy->a && qy->b;
	long lo = qy->from_day < -KEY_START_BIAS + 1 ? -KEY_START_BIAS + 1 : qy->from_day;
	long hi = qy->to_day > KEY_START_BIAS - 1 ? KEY_START_BIAS - 1 : qy->to_day;

	if (dyad) {
		/* no rows for a root the store has not numbered */
		if ((rc = root_number(s, qy->a, 0, &na)) != 0 || (rc = root_number(s, qy->b, 0, &nb)) != 0)
			return rc;
		if (!na || !nb)
			return ENT_OK;
	}
	ndir = dyad && qy->both_ways ? 2 : 1;
	for (pass = 0; pass < (qy->with_relations ? 2 : 1) && !rc; pass++) {
		const char *t = pass == 0 ? "e" : "r";

		if (dyad)
			snprintf(where, sizeof where, "%s.dyad_day BETWEEN ?5 AND ?6", t);
		else if (qy->a && qy->both_ways)
			snprintf(where, sizeof where, "(%s.%s = ?1 OR %s.%s = ?1)", t,
			         pass ? "a_root" : "source_root", t, pass ? "b_root" : "target_root");
		else if (qy->a)
			snprintf(where, sizeof where, "%s.%s = ?1", t, pass ? "a_root" : "source_root");
		else
			snprintf(where, sizeof where, "1");
		if (pass == 0)
			snprintf(sql, sizeof sql,
			         "SELECT d.id, e.sent, e.day, e.precision, e.source, e.target, e.code, e.quad,"
			         " e.goldstein, e.modality, s.text, e.predicate_text, e.id FROM events e"
			         " LEFT JOIN documents d ON d.docno = e.docno"
			         " LEFT JOIN sentences s ON s.id = (e.docno << 20) + e.sent"  /* DOC_SHIFT */
			         " WHERE %s AND e.day BETWEEN ?3 AND ?4 %s %s ORDER BY %s e.id",
			         where, qy->all_modalities ? "" : "AND e.modality = 0",
			         qy->one_a_day ? "AND e.id IN (SELECT id FROM events_daily)" : "",
			         dyad ? "e.dyad_day," : "e.day,");
		else
			snprintf(sql, sizeof sql,
			         "SELECT d.id, r.sent, r.day, r.precision, r.a, r.b, r.polarity, r.trend,"
			         " s.text, r.text, r.id FROM relations r"
			         " LEFT JOIN documents d ON d.docno = r.docno"
			         " LEFT JOIN sentences s ON s.id = (r.docno << 20) + r.sent"
			         " WHERE %s AND r.day BETWEEN ?3 AND ?4 ORDER BY %s r.id", where,
			         dyad ? "r.dyad_day," : "r.day,");
		for (dir = 0; dir < ndir; dir++) {
			sqlite3_stmt **kept = dyad ? &s->each[pass][dir][!!qy->all_modalities][!!qy->one_a_day]
			                           : NULL;

			if (kept && *kept) {
				q[dir] = *kept;
			} else if (sqlite3_prepare_v3(s->db, sql, -1, kept ? SQLITE_PREPARE_PERSISTENT : 0,
			                              &q[dir], NULL) != SQLITE_OK) {
				rc = db_error(s, "querying");
				break;
			} else if (kept) {
				*kept = q[dir];
			}
			if (qy->a && !dyad)
				sqlite3_bind_text(q[dir], 1, qy->a, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(q[dir], 3, qy->from_day == LONG_MIN ? INT_MIN : qy->from_day);
			sqlite3_bind_int64(q[dir], 4, qy->to_day == LONG_MAX ? INT_MAX : qy->to_day);
			if (dyad) {
				sqlite3_bind_int64(q[dir], 5, dyad_day_make(dir ? nb : na, dir ? na : nb, lo));
				sqlite3_bind_int64(q[dir], 6, dyad_day_make(dir ? nb : na, dir ? na : nb, hi));
			}
			r[dir] = sqlite3_step(q[dir]);
		}
		/* merge the directions by (day, id) */
		while (!rc) {
			ent_store_row row[2];
			int64_t id[2] = {0, 0};
			int take = -1;

			for (dir = 0; dir < ndir; dir++) {
				if (r[dir] == SQLITE_ROW) {
					id[dir] = read_row(q[dir], pass, &row[dir]);
					if (take < 0 || row[dir].day < row[take].day ||
					    (row[dir].day == row[take].day && id[dir] < id[take]))
						take = dir;
				} else if (r[dir] != SQLITE_DONE) {
					rc = db_error(s, "reading events");
				}
			}
			if (take < 0 || rc)
				break;
			if (fn(&row[take], ctx))
				break;   /* the events; relation statements are asked for next */
			r[take] = sqlite3_step(q[take]);
		}
		for (dir = 0; dir < 2; dir++) {
			if (dyad)
				sqlite3_reset(q[dir]);   /* kept for the next call */
			else
				sqlite3_finalize(q[dir]);
			q[dir] = NULL;
		}
	}
	return rc;
}

/* ---------------------------------------------------------------------
 * Reading the aggregates
 * ------------------------------------------------------------------- */

/* Open ends of a window, as days every stored date lies between (years
 * -32768 to 32767 are about +-12.7 million days from 1970). */
#define DAY_LO (-20000000L)
#define DAY_HI 20000000L

typedef struct agg_reader {
	ent_store *s;
	const ent_store_agg_query *qy;
	uint32_t a, b;          /* root numbers of qy->a and qy->b (0: any) */
	int (*fn)(const ent_store_agg *row, void *ctx);
	void *ctx;
	int stopped;
} agg_reader;

/* Calls the reader's fn for the rows with keys in [lo, hi] that its
 * query asks for. */
static int agg_range(agg_reader *rd, int64_t lo, int64_t hi)
{
	sqlite3_stmt *q = rd->s->st[ST_AGG_RANGE];
	int r;

	if (rd->stopped)
		return ENT_OK;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		ent_store_agg row;
		int64_t key = sqlite3_column_int64(q, 0);
		uint32_t src, tgt;

		agg_key_split(key, &row.level, &row.start, &src, &tgt, &row.relation);
		if (row.relation && !rd->qy->with_relations)
			continue;
		if (rd->a && !((src == rd->a && (!rd->b || tgt == rd->b)) ||
		               (tgt == rd->a && (!rd->b || src == rd->b))))
			continue;
		row.source = root_of(rd->s, src);
		row.target = root_of(rd->s, tgt);
		if (!row.source || !row.target)
			continue;
		row.count = sqlite3_column_int64(q, 1);
		row.quad[0] = sqlite3_column_int64(q, 2);
		row.quad[1] = sqlite3_column_int64(q, 3);
		row.quad[2] = sqlite3_column_int64(q, 4);
		row.quad[3] = sqlite3_column_int64(q, 5);
		row.coop = sqlite3_column_double(q, 6);
		row.conflict = sqlite3_column_double(q, 7);
		row.first_day = (long)sqlite3_column_int64(q, 8);
		row.first_id = sqlite3_column_int64(q, 9);
		if (rd->fn(&row, rd->ctx)) {
			rd->stopped = 1;
			break;
		}
	}
	sqlite3_reset(q);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_error(rd->s, "reading the aggregates");
	return ENT_OK;
}

/* Calls the reader's fn for the rows of one level whose periods start in
 * [lo, hi]. */
static int agg_read(agg_reader *rd, int level, long lo, long hi)
{
	if (lo > hi)
		return ENT_OK;
	return agg_range(rd, agg_key_make(level, lo, 0, 0, 0),
	                 agg_key_make(level, hi, ROOTS_MAX, ROOTS_MAX, 1));
}

/* Whether a row of the pair (src, tgt) at this level starts at start. */
static int agg_any(ent_store *s, int level, long start, uint32_t src, uint32_t tgt)
{
	sqlite3_stmt *q = s->st[ST_AGG_ANY];
	int r;

	sqlite3_bind_int64(q, 1, agg_key_make(level, start, src, tgt, 0));
	sqlite3_bind_int64(q, 2, agg_key_make(level, start, src, tgt, 1));
	r = sqlite3_step(q);
	sqlite3_reset(q);
	return r == SQLITE_ROW;
}

/*
 * The rows of one dyad (both directions) that cover [lo, hi], no coarser
 * than level: the rows of one dyad are not next to each other (the key is
 * by time first), so this walks down from the years that hold rows of the
 * dyad to their months and their days, one short lookup each, taking a
 * whole year or month when level allows and the window holds it.
 */
static int agg_dyad_days(agg_reader *rd, long lo, long hi, int level)
{
	sqlite3_stmt *q;
	int64_t first, last;
	long y_lo, y_hi, year, month, day;
	uint32_t u1, u2;
	int dir, rc = ENT_OK, i1, i2;
	int32_t ps, pe;

	/* the years that hold any row */
	if (sqlite3_prepare_v2(rd->s->db, "SELECT MIN(key), MAX(key) FROM dyad_agg WHERE key BETWEEN ?1 AND ?2",
	                       -1, &q, NULL) != SQLITE_OK)
		return db_error(rd->s, "reading the aggregates");
	sqlite3_bind_int64(q, 1, agg_key_make(2, -KEY_START_BIAS, 0, 0, 0));
	sqlite3_bind_int64(q, 2, agg_key_make(2, KEY_START_BIAS - 1, ROOTS_MAX, ROOTS_MAX, 1));
	if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_type(q, 0) == SQLITE_NULL) {
		sqlite3_finalize(q);
		return ENT_OK;
	}
	first = sqlite3_column_int64(q, 0);
	last = sqlite3_column_int64(q, 1);
	sqlite3_finalize(q);
	agg_key_split(first, &i1, &y_lo, &u1, &u2, &i2);
	agg_key_split(last, &i1, &y_hi, &u1, &u2, &i2);
	period_of(2, lo, &ps, &pe);
	if (ps > y_lo)
		y_lo = ps;
	for (year = y_lo; year <= y_hi && year <= hi && !rc && !rd->stopped; year = pe + 1L) {
		period_of(2, year, &ps, &pe);
		for (dir = 0; dir < 2 && !rc && !rd->stopped; dir++) {
			uint32_t src = dir ? rd->b : rd->a, tgt = dir ? rd->a : rd->b;
			int32_t ms, me;

			if (!agg_any(rd->s, 2, year, src, tgt))
				continue;
			if (level >= 2 && year >= lo && pe <= hi) {
				rc = agg_range(rd, agg_key_make(2, year, src, tgt, 0),
				               agg_key_make(2, year, src, tgt, 1));
				continue;
			}
			for (month = year; month <= pe && month <= hi && !rc; month = me + 1L) {
				period_of(1, month, &ms, &me);
				if (me < lo)
					continue;
				if (level >= 1 && month >= lo && me <= hi) {
					rc = agg_range(rd, agg_key_make(1, month, src, tgt, 0),
					               agg_key_make(1, month, src, tgt, 1));
					continue;
				}
				if (!agg_any(rd->s, 1, month, src, tgt))
					continue;
				for (day = month < lo ? lo : month; day <= me && day <= hi && !rc; day++)
					rc = agg_range(rd, agg_key_make(0, day, src, tgt, 0),
					               agg_key_make(0, day, src, tgt, 1));
			}
		}
	}
	return rc;
}

/* Covers [lo, hi] with the coarsest whole periods, from level down. */
static int agg_tile(agg_reader *rd, int level, long lo, long hi)
{
	int32_t s0, e0, s1, e1;
	long first, last;
	int rc;

	if (lo > hi)
		return ENT_OK;
	if (level == 0)
		return agg_read(rd, 0, lo, hi);
	/* the first whole period starts at or after lo; the last ends at or
	 * before hi */
	period_of(level, lo, &s0, &e0);
	first = s0 == lo ? (long)s0 : (long)e0 + 1;
	period_of(level, hi, &s1, &e1);
	if (e1 == hi)
		last = s1;
	else
		period_of(level, (long)s1 - 1, &s0, &e0), last = s0;
	if (first > last)
		return agg_tile(rd, level - 1, lo, hi);
	period_of(level, last, &s1, &e1);
	if ((rc = agg_read(rd, level, first, last)) != 0 ||
	    (rc = agg_tile(rd, level - 1, lo, first - 1)) != 0)
		return rc;
	return agg_tile(rd, level - 1, (long)e1 + 1, hi);
}

int ent_store_each_agg(ent_store *s, const ent_store_agg_query *qy,
                       int (*fn)(const ent_store_agg *row, void *ctx), void *ctx)
{
	agg_reader rd;
	long lo = qy->from_day < DAY_LO ? DAY_LO : qy->from_day;
	long hi = qy->to_day > DAY_HI ? DAY_HI : qy->to_day;
	int rc;

	memset(&rd, 0, sizeof rd);
	rd.s = s;
	rd.qy = qy;
	rd.fn = fn;
	rd.ctx = ctx;
	if (s->in_batch && (rc = agg_flush(s)) != 0)
		return rc;
	if ((rc = roots_load(s)) != 0)
		return rc;
	if (qy->a && ((rc = root_number(s, qy->a, 0, &rd.a)) != 0 || !rd.a))
		return rc;
	if (qy->b && ((rc = root_number(s, qy->b, 0, &rd.b)) != 0 || !rd.b))
		return rc;
	if (rd.a && rd.b)
		return agg_dyad_days(&rd, lo, hi, qy->level);
	if (qy->level <= 0)
		return agg_read(&rd, 0, lo, hi);
	return agg_tile(&rd, qy->level > 2 ? 2 : qy->level, lo, hi);
}
