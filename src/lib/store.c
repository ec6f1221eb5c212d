/*
 * store.c - the event store on SQLite. The one file that includes
 * sqlite3.h: the rest of entente talks to the functions of store.h.
 *
 * Schema (version 1): documents (one row per id, with a hash of the text
 * for duplicate stories), sentences (doc, index, text), events and
 * relations (with the roots of their actor codes, the day number of their
 * date and their evidence), actors (every code seen), and the view
 * events_daily that counts an event once per day, dyad and code.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "entente/store.h"

#define STORE_VERSION "1"
#define ACTOR_SLOTS 8192

static const char *const schema =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"PRAGMA cache_size=-65536;"
	"PRAGMA temp_store=MEMORY;"
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS documents("
	"  id TEXT PRIMARY KEY, date TEXT, day INTEGER, title TEXT, source TEXT, url TEXT,"
	"  text_hash TEXT, duplicate_of TEXT, ingested TEXT DEFAULT CURRENT_TIMESTAMP);"
	"CREATE INDEX IF NOT EXISTS documents_hash ON documents(text_hash);"
	"CREATE TABLE IF NOT EXISTS sentences("
	"  doc TEXT, sent INTEGER, text TEXT, PRIMARY KEY(doc, sent)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS events("
	"  id INTEGER PRIMARY KEY, doc TEXT, sent INTEGER, day INTEGER, date TEXT,"
	"  precision INTEGER, source TEXT, target TEXT, source_root TEXT, target_root TEXT,"
	"  code TEXT, root TEXT, quad INTEGER, goldstein REAL, plover TEXT, modality INTEGER,"
	"  source_text TEXT, target_text TEXT, predicate_text TEXT, rule TEXT);"
	"CREATE INDEX IF NOT EXISTS events_doc ON events(doc);"
	"CREATE INDEX IF NOT EXISTS events_dyad ON events(source_root, target_root, day);"
	"CREATE INDEX IF NOT EXISTS events_day ON events(day);"
	"CREATE TABLE IF NOT EXISTS relations("
	"  id INTEGER PRIMARY KEY, doc TEXT, sent INTEGER, day INTEGER, date TEXT,"
	"  precision INTEGER, a TEXT, b TEXT, a_root TEXT, b_root TEXT, polarity INTEGER,"
	"  trend INTEGER, text TEXT, rule TEXT);"
	"CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc);"
	"CREATE INDEX IF NOT EXISTS relations_dyad ON relations(a_root, b_root, day);"
	"CREATE TABLE IF NOT EXISTS actors(code TEXT PRIMARY KEY, root TEXT) WITHOUT ROWID;"
	"CREATE VIEW IF NOT EXISTS events_daily AS"
	"  SELECT MIN(id) AS id, day, source_root, target_root, code, COUNT(*) AS reports"
	"  FROM events GROUP BY day, source_root, target_root, code;";

enum {
	ST_DOC_FIND_HASH, ST_DOC_PUT, ST_DROP_EVENTS, ST_DROP_RELATIONS, ST_DROP_SENTENCES,
	ST_DROP_DOC, ST_SENT_PUT, ST_EVENT_PUT, ST_REL_PUT, ST_ACTOR_PUT, ST_DOC_STUB,
	ST_DOC_EXISTS, ST_COUNT
};

static const char *const statements[ST_COUNT] = {
	"SELECT id FROM documents WHERE text_hash = ?1 AND id <> ?2 AND duplicate_of IS NULL LIMIT 1",
	"INSERT OR REPLACE INTO documents(id, date, day, title, source, url, text_hash, duplicate_of)"
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"DELETE FROM events WHERE doc = ?1",
	"DELETE FROM relations WHERE doc = ?1",
	"DELETE FROM sentences WHERE doc = ?1",
	"DELETE FROM documents WHERE id = ?1",
	"INSERT OR IGNORE INTO sentences(doc, sent, text) VALUES(?1, ?2, ?3)",
	"INSERT INTO events(doc, sent, day, date, precision, source, target, source_root,"
	" target_root, code, root, quad, goldstein, plover, modality, source_text, target_text,"
	" predicate_text, rule) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, ?15, ?16, ?17, ?18, ?19)",
	"INSERT INTO relations(doc, sent, day, date, precision, a, b, a_root, b_root, polarity,"
	" trend, text, rule) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	"INSERT OR IGNORE INTO actors(code, root) VALUES(?1, ?2)",
	"INSERT OR IGNORE INTO documents(id, date, day) VALUES(?1, ?2, ?3)",
	"SELECT 1 FROM documents WHERE id = ?1",
};

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
	/* the last sentence written (doc, index) */
	char last_doc[512];
	int last_sent;
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

/* Checks or writes the schema version. */
static int check_version(ent_store *s)
{
	sqlite3_stmt *q = NULL;
	int rc = ENT_OK;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'version'", -1, &q,
	                       NULL) != SQLITE_OK)
		return db_error(s, "reading the version");
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(q, 0);

		if (!v || strcmp(v, STORE_VERSION) != 0)
			rc = ent_error_set(ENT_EFORMAT, "store %s: version %s, this entente reads version %s",
			                   s->path, v ? v : "?", STORE_VERSION);
	} else {
		rc = exec(s, "INSERT INTO meta(key, value) VALUES('version', '" STORE_VERSION "')");
	}
	sqlite3_finalize(q);
	return rc;
}

int ent_store_open(ent_store **out, const char *path)
{
	ent_store *s;
	int rc, i;

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
	/* A file that is not SQLite fails here, on the first read. */
	rc = exec(s, schema);
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

int ent_store_close(ent_store *s)
{
	int rc = ENT_OK, i;

	if (!s)
		return ENT_OK;
	if (s->in_batch)
		rc = ent_store_commit(s);
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db && sqlite3_close(s->db) != SQLITE_OK && !rc)
		rc = db_error(s, "closing");
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
	if (!rc)
		s->in_batch = 1;
	return rc;
}

int ent_store_commit(ent_store *s)
{
	int rc;

	if (!s->in_batch)
		return ENT_OK;
	rc = exec(s, "COMMIT");
	s->in_batch = 0;
	return rc;
}

/* Runs a prepared write statement to completion and resets it. */
static int step_done(ent_store *s, int which)
{
	sqlite3_stmt *q = s->st[which];
	int r = sqlite3_step(q);

	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (r != SQLITE_DONE)
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
#define AUTOCOMMIT_END(s) do { if (own_) { if (rc) { exec(s, "ROLLBACK"); (s)->in_batch = 0; } \
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

static int drop(ent_store *s, const char *id, int with_doc)
{
	static const int which[4] = {ST_DROP_EVENTS, ST_DROP_RELATIONS, ST_DROP_SENTENCES,
	                             ST_DROP_DOC};
	sqlite3_stmt *q = s->st[ST_DOC_EXISTS];
	int i, r, rc = ENT_OK;

	s->last_doc[0] = '\0';
	/* Nothing to drop for a document the store has never seen (the
	 * common case of a fresh ingest): one lookup instead of four
	 * deletes. */
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	r = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (r == SQLITE_DONE)
		return ENT_OK;
	if (r != SQLITE_ROW)
		return db_error(s, "looking up a document");
	for (i = 0; i < (with_doc ? 4 : 3) && !rc; i++) {
		sqlite3_bind_text(s->st[which[i]], 1, id, -1, SQLITE_STATIC);
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
	ent_date_format(date, &doc->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = drop(s, doc->id, 0);
		q = s->st[ST_DOC_FIND_HASH];
		sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, doc->id, -1, SQLITE_TRANSIENT);
		r = rc ? SQLITE_DONE : sqlite3_step(q);
		if (r == SQLITE_ROW) {
			snprintf(s->dup, sizeof s->dup, "%s", (const char *)sqlite3_column_text(q, 0));
			*duplicate = s->dup;
		} else if (r != SQLITE_DONE) {
			rc = db_error(s, "looking up duplicates");
		}
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		if (!rc) {
			q = s->st[ST_DOC_PUT];
			bind_text(q, 1, doc->id);
			bind_text(q, 2, date[0] ? date : NULL);
			if (doc->date.precision)
				sqlite3_bind_int64(q, 3, ent_date_days(&doc->date));
			bind_text(q, 4, doc->title);
			bind_text(q, 5, doc->source);
			bind_text(q, 6, doc->url);
			bind_text(q, 7, hash);
			bind_text(q, 8, *duplicate);
			rc = step_done(s, ST_DOC_PUT);
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
	if (!code || !*code || strcmp(s->last_actor[slot], code) == 0)
		return ENT_OK;
	snprintf(s->last_actor[slot], sizeof s->last_actor[slot], "%s", code);
	if (actor_seen(s, code))
		return ENT_OK;
	sqlite3_bind_text(s->st[ST_ACTOR_PUT], 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s->st[ST_ACTOR_PUT], 2, root, -1, SQLITE_TRANSIENT);
	return step_done(s, ST_ACTOR_PUT);
}

/* Puts the sentence text and a stub document row (for events that come
 * without their document). */
static int put_sentence(ent_store *s, const char *doc_id, int sent, const char *sentence,
                        const ent_date *date)
{
	int rc = ENT_OK, same_doc = strcmp(s->last_doc, doc_id) == 0;
	char d[11];

	/* Events of one sentence come together: write it once. */
	if (same_doc && sent == s->last_sent)
		return ENT_OK;
	if (!same_doc)
		snprintf(s->last_doc, sizeof s->last_doc, "%s", doc_id);
	s->last_sent = sent;
	if (sentence) {
		sqlite3_bind_text(s->st[ST_SENT_PUT], 1, doc_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s->st[ST_SENT_PUT], 2, sent);
		sqlite3_bind_text(s->st[ST_SENT_PUT], 3, sentence, -1, SQLITE_TRANSIENT);
		rc = step_done(s, ST_SENT_PUT);
	}
	if (!rc && !same_doc) {
		ent_date_format(d, date);
		sqlite3_bind_text(s->st[ST_DOC_STUB], 1, doc_id, -1, SQLITE_TRANSIENT);
		bind_text(s->st[ST_DOC_STUB], 2, d[0] ? d : NULL);
		if (date->precision)
			sqlite3_bind_int64(s->st[ST_DOC_STUB], 3, ent_date_days(date));
		rc = step_done(s, ST_DOC_STUB);
	}
	return rc;
}

int ent_store_put_event(ent_store *s, const char *doc_id, const char *sentence,
                        const char *source_text, const char *target_text,
                        const char *predicate_text, const ent_event *e)
{
	sqlite3_stmt *q = s->st[ST_EVENT_PUT];
	char sroot[16], troot[16], date[11];
	int rc;

	ent_actor_root(e->source, sroot);
	ent_actor_root(e->target, troot);
	ent_date_format(date, &e->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = put_sentence(s, doc_id, (int)e->sent, sentence, &e->date);
		if (!rc) {
			bind_text(q, 1, doc_id);
			sqlite3_bind_int(q, 2, (int)e->sent);
			if (e->date.precision)
				sqlite3_bind_int64(q, 3, ent_date_days(&e->date));
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
			rc = step_done(s, ST_EVENT_PUT);
		}
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
	int rc;

	ent_actor_root(r->a, aroot);
	ent_actor_root(r->b, broot);
	ent_date_format(date, &r->date);
	{
		AUTOCOMMIT_BEGIN(s);
		rc = put_sentence(s, doc_id, (int)r->sent, sentence, &r->date);
		if (!rc) {
			bind_text(q, 1, doc_id);
			sqlite3_bind_int(q, 2, (int)r->sent);
			if (r->date.precision)
				sqlite3_bind_int64(q, 3, ent_date_days(&r->date));
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
			rc = step_done(s, ST_REL_PUT);
		}
		AUTOCOMMIT_END(s);
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

int ent_store_each(ent_store *s, const ent_store_query *qy,
                   int (*fn)(const ent_store_row *row, void *ctx), void *ctx)
{
	char sql[2048];
	sqlite3_stmt *q = NULL;
	int rc = ENT_OK, r, pass;

	for (pass = 0; pass < (qy->with_relations ? 2 : 1) && !rc; pass++) {
		const char *x = pass == 0 ? "e.source_root" : "r.a_root";
		const char *y = pass == 0 ? "e.target_root" : "r.b_root";
		char where[512];

		if (qy->a && qy->b && qy->both_ways)
			snprintf(where, sizeof where, "((%s = ?1 AND %s = ?2) OR (%s = ?2 AND %s = ?1))",
			         x, y, x, y);
		else if (qy->a && qy->b)
			snprintf(where, sizeof where, "(%s = ?1 AND %s = ?2)", x, y);
		else if (qy->a && qy->both_ways)
			snprintf(where, sizeof where, "(%s = ?1 OR %s = ?1)", x, y);
		else if (qy->a)
			snprintf(where, sizeof where, "(%s = ?1)", x);
		else
			snprintf(where, sizeof where, "1");
		if (pass == 0)
			snprintf(sql, sizeof sql,
			         "SELECT e.doc, e.sent, e.day, e.precision, e.source, e.target, e.code, e.quad,"
			         " e.goldstein, e.modality, s.text, e.predicate_text FROM events e"
			         " LEFT JOIN sentences s ON s.doc = e.doc AND s.sent = e.sent"
			         " WHERE %s AND e.day BETWEEN ?3 AND ?4 %s %s ORDER BY e.day, e.id",
			         where, qy->all_modalities ? "" : "AND e.modality = 0",
			         qy->one_a_day ? "AND e.id IN (SELECT id FROM events_daily)" : "");
		else
			snprintf(sql, sizeof sql,
			         "SELECT r.doc, r.sent, r.day, r.precision, r.a, r.b, r.polarity, r.trend,"
			         " s.text, r.text FROM relations r"
			         " LEFT JOIN sentences s ON s.doc = r.doc AND s.sent = r.sent"
			         " WHERE %s AND r.day BETWEEN ?3 AND ?4 ORDER BY r.day, r.id", where);
		if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
			return db_error(s, "querying");
		if (qy->a)
			sqlite3_bind_text(q, 1, qy->a, -1, SQLITE_TRANSIENT);
		if (qy->b)
			sqlite3_bind_text(q, 2, qy->b, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 3, qy->from_day == LONG_MIN ? INT_MIN : qy->from_day);
		sqlite3_bind_int64(q, 4, qy->to_day == LONG_MAX ? INT_MAX : qy->to_day);
		while ((r = sqlite3_step(q)) == SQLITE_ROW) {
			ent_store_row row;

			memset(&row, 0, sizeof row);
			row.doc = (const char *)sqlite3_column_text(q, 0);
			row.sent = sqlite3_column_int(q, 1);
			row.day = (long)sqlite3_column_int64(q, 2);
			row.precision = sqlite3_column_int(q, 3);
			row.source = (const char *)sqlite3_column_text(q, 4);
			row.target = (const char *)sqlite3_column_text(q, 5);
			if (pass == 0) {
				const char *code = (const char *)sqlite3_column_text(q, 6);

				snprintf(row.code, sizeof row.code, "%s", code ? code : "");
				row.quad = sqlite3_column_int(q, 7);
				row.goldstein = sqlite3_column_double(q, 8);
				row.modality = sqlite3_column_int(q, 9);
				row.sentence = (const char *)sqlite3_column_text(q, 10);
				row.predicate_text = (const char *)sqlite3_column_text(q, 11);
			} else {
				row.relation = 1;
				row.polarity = sqlite3_column_int(q, 6);
				row.trend = sqlite3_column_int(q, 7);
				row.sentence = (const char *)sqlite3_column_text(q, 8);
				row.predicate_text = (const char *)sqlite3_column_text(q, 9);
			}
			if (fn(&row, ctx))
				break;
		}
		if (r != SQLITE_ROW && r != SQLITE_DONE)
			rc = db_error(s, "reading events");
		sqlite3_finalize(q);
		q = NULL;
	}
	return rc;
}
