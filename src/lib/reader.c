/*
 * reader.c - document readers: plain text, JSON Lines, PETRARCH XML.
 *
 * A reader yields one document at a time with its strings in the caller's
 * arena. Text is cleaned to NFC UTF-8 (ent_utf8_clean) so that offsets
 * refer to the text as entente holds it. Malformed records give
 * ENT_EINVALID with "what: file:line" and the reader stays usable.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libxml/xmlreader.h>

#include "entente/doc.h"
#include "entente/buf.h"
#include "entente/flatjson.h"
#include "entente/utf8.h"

#define DEFAULT_MAX_DOC (64u << 20)

typedef struct ent_reader ent_reader;
static int open_reader(ent_reader **out, const char *path, const char *data,
                       size_t len, const ent_reader_opts *opts);

struct ent_reader {
	ent_input_format format;
	ent_reader_opts opts;
	char *path;          /* as given; "-" for stdin */
	FILE *file;
	int done;
	long line;           /* lines read so far (text, JSONL) */
	ent_buf linebuf;     /* JSONL line */
	char *line_data;     /* getline's buffer (malloc) */
	size_t line_cap;
	ent_buf text;        /* cleaned text of the current document */
	ent_flatjson flat;   /* JSONL records that read_flat takes */
	int flat_ready;      /* flat is initialised */
	xmlTextReaderPtr xml;
	char xml_error[512]; /* first error of the current XML record */
	int xml_error_line;
	long xml_count;      /* <Sentence> records seen */
};

ent_input_format ent_input_format_for_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return ENT_INPUT_TEXT;
	if (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".json") == 0 ||
	    strcmp(dot, ".ndjson") == 0)
		return ENT_INPUT_JSONL;
	if (strcmp(dot, ".xml") == 0)
		return ENT_INPUT_XML;
	if (strcmp(dot, ".conllu") == 0 || strcmp(dot, ".conll") == 0)
		return ENT_INPUT_CONLLU;
	return ENT_INPUT_TEXT;
}

int ent_input_format_parse(const char *name)
{
	static const char *const names[] = {"auto", "text", "jsonl", "xml", "conllu"};
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/* The document id of a text file: its name without directory and
 * extension. */
static const char *id_from_path(const char *path, ent_arena *arena)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	if (strcmp(path, "-") == 0)
		return "stdin";
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	return ent_arena_strndup(arena, base, (size_t)(dot - base));
}

static void xml_error_handler(void *arg, const char *msg,
                              xmlParserSeverities severity,
                              xmlTextReaderLocatorPtr loc)
{
	ent_reader *r = arg;
	size_t n;

	if (severity != XML_PARSER_SEVERITY_ERROR &&
	    severity != XML_PARSER_SEVERITY_VALIDITY_ERROR)
		return;
	if (r->xml_error[0])
		return;
	snprintf(r->xml_error, sizeof r->xml_error, "%s", msg);
	n = strlen(r->xml_error);
	while (n && (r->xml_error[n - 1] == '\n' || r->xml_error[n - 1] == ' '))
		r->xml_error[--n] = '\0';
	r->xml_error_line = xmlTextReaderLocatorLineNumber(loc);
}

int ent_reader_open(ent_reader **out, const char *path,
                    const ent_reader_opts *opts)
{
	return open_reader(out, path, NULL, 0, opts);
}

int ent_reader_open_mem(ent_reader **out, const char *data, size_t len,
                        const char *name, const ent_reader_opts *opts)
{
	return open_reader(out, name, data ? data : "", len, opts);
}

/* Opens path, or the memory data[0..len) named path when data is set. */
static int open_reader(ent_reader **out, const char *path, const char *data,
                       size_t len, const ent_reader_opts *opts)
{
	ent_reader *r;
	int rc = ENT_OK;

	*out = NULL;
	r = ent_calloc(1, sizeof *r);
	if (!r)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if (opts)
		r->opts = *opts;
	if (!r->opts.max_doc_bytes)
		r->opts.max_doc_bytes = DEFAULT_MAX_DOC;
	r->format = r->opts.format ? r->opts.format : ent_input_format_for_path(path);
	ent_buf_init(&r->linebuf, r->opts.max_doc_bytes);
	ent_buf_init(&r->text, r->opts.max_doc_bytes);
	r->path = ent_strdup(path);
	if (!r->path) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory");
		goto done;
	}
	if (r->format == ENT_INPUT_CONLLU) {
		rc = ent_error_set(ENT_EINVALID,
		                   "CoNLL-U is read by 'entente parse --input conllu': %s", path);
		goto done;
	}
	if (r->format == ENT_INPUT_XML) {
		int flags = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOWARNING |
		            XML_PARSE_NOERROR;

		if (data)
			r->xml = xmlReaderForMemory(data, (int)(len > INT32_MAX ? INT32_MAX : len),
			                            path, NULL, flags);
		else if (strcmp(path, "-") == 0)
			r->xml = xmlReaderForFd(0, "stdin", NULL, flags);
		else
			r->xml = xmlReaderForFile(path, NULL, flags);
		if (!r->xml) {
			rc = ent_error_set(errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO,
			                   "cannot open %s: %s", path, strerror(errno));
			goto done;
		}
		xmlTextReaderSetErrorHandler(r->xml, xml_error_handler, r);
		goto done;
	}
	if (data) {
		r->file = len ? fmemopen((void *)data, len, "rb") : fopen("/dev/null", "rb");
		if (!r->file) {
			rc = ent_error_set(ENT_EIO, "cannot read memory: %s", strerror(errno));
			goto done;
		}
	} else if (strcmp(path, "-") == 0) {
		r->file = stdin;
	} else {
		r->file = fopen(path, "rb");
		if (!r->file) {
			rc = ent_error_set(errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO,
			                   "cannot open %s: %s", path, strerror(errno));
			goto done;
		}
	}
done:
	if (rc) {
		ent_reader_free(r);
		return rc;
	}
	*out = r;
	return ENT_OK;
}

void ent_reader_free(ent_reader *r)
{
	if (!r)
		return;
	if (r->file && r->file != stdin)
		fclose(r->file);
	if (r->xml)
		xmlFreeTextReader(r->xml);
	ent_buf_free(&r->linebuf);
	if (r->flat_ready)
		ent_flatjson_free(&r->flat);
	ent_buf_free(&r->text);
	free(r->line_data);  /* allocated by getline */
	ent_free(r->path);
	ent_free(r);
}

/* Cleans raw[0..len) into r->text and points doc->text at an arena copy. */
static int set_text(ent_reader *r, ent_doc *doc, const char *raw, size_t len,
                    ent_arena *arena)
{
	int rc;

	ent_buf_clear(&r->text);
	rc = ent_utf8_clean(&r->text, raw, len);
	if (rc)
		return rc;
	doc->text = ent_arena_strndup(arena, r->text.data, r->text.len);
	if (!doc->text)
		return ENT_ENOMEM;
	doc->text_len = r->text.len;
	return ENT_OK;
}

static int read_text(ent_reader *r, ent_doc *doc, ent_arena *arena)
{
	ent_buf raw = ENT_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = ENT_OK;

	ent_buf_init(&raw, r->opts.max_doc_bytes);
	while ((n = fread(chunk, 1, sizeof chunk, r->file)) > 0) {
		rc = ent_buf_put(&raw, chunk, n);
		if (rc == ENT_ELIMIT) {
			rc = ent_error_set(ENT_EINVALID, "document longer than %zu bytes: %s",
			                   r->opts.max_doc_bytes, r->path);
			break;
		}
		if (rc)
			break;
	}
	if (!rc && ferror(r->file))
		rc = ent_error_set(ENT_EIO, "read error: %s: %s", r->path, strerror(errno));
	r->done = 1;
	if (rc)
		goto done;
	doc->id = id_from_path(r->path, arena);
	doc->file = r->path;
	doc->line = 1;
	rc = set_text(r, doc, raw.data, raw.len, arena);
	if (rc)
		goto done;
	if (r->opts.date.precision)
		doc->date = r->opts.date;
	else
		ent_date_find(&doc->date, doc->text, doc->text_len);
	rc = doc->id ? 1 : ENT_ENOMEM;
done:
	ent_buf_free(&raw);
	return rc;
}

/* Reads one line into r->linebuf (without the newline). Returns 1, 0 at
 * end of file, ENT_ELIMIT for an over-long line (skipped to its end), or
 * ENT_EIO. */
static int read_line(ent_reader *r)
{
	ssize_t got;
	size_t len;

	ent_buf_clear(&r->linebuf);
	errno = 0;
	got = getline(&r->line_data, &r->line_cap, r->file);
	if (got < 0) {
		if (ferror(r->file))
			return ent_error_set(errno == ENOMEM ? ENT_ENOMEM : ENT_EIO,
			                     "read error: %s: %s", r->path, strerror(errno));
		return 0;
	}
	r->line++;
	len = (size_t)got;
	if (len && r->line_data[len - 1] == '\n')
		len--;
	if (ent_buf_put(&r->linebuf, r->line_data, len) != ENT_OK)
		return ENT_ELIMIT;
	return 1;
}

/* Copies a JSON string member into the arena; NULL when absent. Numbers
 * are accepted for ids. Sets *bad when present but of the wrong type. */
static const char *json_member(json_t *obj, const char *key, ent_arena *arena,
                               int allow_number, int *bad)
{
	json_t *v = json_object_get(obj, key);
	char num[32];

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return ent_arena_strndup(arena, json_string_value(v), json_string_length(v));
	if (allow_number && json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return ent_arena_strndup(arena, num, strlen(num));
	}
	*bad = 1;
	return NULL;
}

/* The fields of a JSONL record that a document takes. */
typedef struct jsonl_record {
	const char *text;      /* not NUL-terminated in jansson's case */
	size_t text_len;
	const char *id, *title, *source, *url, *date;  /* arena copies or NULL */
} jsonl_record;

/* Reads the record in r->linebuf with the flat reader when it can be
 * sure jansson would read it the same way: a flat object with no \u
 * escape (jansson rejects lone surrogates and NULs, which the flat reader
 * replaces), strictly valid UTF-8 (jansson checks it), no key twice
 * (JSON_REJECT_DUPLICATES), no number (jansson rejects integers that
 * overflow), a string text and the other fields strings or null.
 * Returns 1 with rec filled, 0 when jansson must read the record, or
 * ENT_ENOMEM. jansson's parse allocates a value per field and copies
 * every string; this allocates nothing once warm. */
static int read_flat(ent_reader *r, jsonl_record *rec, ent_arena *arena)
{
	static const char *const keys[] = {"text", "id", "title", "source", "url", "date"};
	const char *line = r->linebuf.data, *val[6] = {NULL};
	size_t len = r->linebuf.len, i, j;

	for (i = 0; i + 1 < len; i++)
		if (line[i] == '\\' && line[i + 1] == 'u')
			return 0;
	for (i = 0; i < len; ) {
		int n;

		if ((unsigned char)line[i] < 0x80) {
			i++;
			continue;
		}
		if (ent_utf8_decode(line + i, len - i, &n) < 0)
			return 0;
		i += (size_t)n;
	}
	if (!r->flat_ready) {
		ent_flatjson_init(&r->flat);
		r->flat_ready = 1;
	}
	if (ent_flatjson_parse(&r->flat, line, len) != 0)
		return 0;
	for (i = 0; i < r->flat.n; i++) {
		const ent_flatjson_field *f = &r->flat.fields[i];
		int named = -1;

		for (j = 0; j < i; j++)
			if (strcmp(r->flat.fields[j].key, f->key) == 0)
				return 0;
		for (j = 0; j < 6; j++)
			if (strcmp(f->key, keys[j]) == 0)
				named = (int)j;
		if (f->is_string) {
			if (named >= 0)
				val[named] = f->value;
		} else if (strcmp(f->value, "null") == 0) {
			if (named == 0)
				return 0;
		} else if (named >= 0 || (strcmp(f->value, "true") != 0 &&
		                          strcmp(f->value, "false") != 0)) {
			return 0;
		}
	}
	if (!val[0])
		return 0;
	rec->text = val[0];
	rec->text_len = strlen(val[0]);
	rec->id = rec->title = rec->source = rec->url = rec->date = NULL;
	if ((val[1] && !(rec->id = ent_arena_strndup(arena, val[1], strlen(val[1])))) ||
	    (val[2] && !(rec->title = ent_arena_strndup(arena, val[2], strlen(val[2])))) ||
	    (val[3] && !(rec->source = ent_arena_strndup(arena, val[3], strlen(val[3])))) ||
	    (val[4] && !(rec->url = ent_arena_strndup(arena, val[4], strlen(val[4])))) ||
	    (val[5] && !(rec->date = ent_arena_strndup(arena, val[5], strlen(val[5])))))
		return ENT_ENOMEM;
	return 1;
}

static int read_jsonl(ent_reader *r, ent_doc *doc, ent_arena *arena)
{
	json_error_t jerr;
	json_t *obj = NULL, *text;
	jsonl_record rec;
	const char *date;
	int rc, bad = 0;

	for (;;) {
		size_t i;

		rc = read_line(r);
		if (rc == 0) {
			r->done = 1;
			return 0;
		}
		if (rc == ENT_ELIMIT)
			return ent_error_set(ENT_EINVALID, "record longer than %zu bytes: %s:%ld",
			                     r->opts.max_doc_bytes, r->path, r->line);
		if (rc < 0)
			return rc;
		for (i = 0; i < r->linebuf.len; i++)
			if (r->linebuf.data[i] != ' ' && r->linebuf.data[i] != '\t' &&
			    r->linebuf.data[i] != '\r')
				break;
		if (i < r->linebuf.len)
			break;  /* blank lines are skipped */
	}
	rc = read_flat(r, &rec, arena);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		obj = json_loadb(r->linebuf.data, r->linebuf.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!obj)
			return ent_error_set(ENT_EINVALID, "bad JSON (%s, column %d): %s:%ld",
			                     jerr.text, jerr.column, r->path, r->line);
		if (!json_is_object(obj)) {
			rc = ent_error_set(ENT_EINVALID, "record is not a JSON object: %s:%ld",
			                   r->path, r->line);
			goto done;
		}
		text = json_object_get(obj, "text");
		if (!json_is_string(text)) {
			rc = ent_error_set(ENT_EINVALID, "record has no \"text\" string: %s:%ld",
			                   r->path, r->line);
			goto done;
		}
		rec.text = json_string_value(text);
		rec.text_len = json_string_length(text);
		rec.id = json_member(obj, "id", arena, 1, &bad);
		rec.title = json_member(obj, "title", arena, 0, &bad);
		rec.source = json_member(obj, "source", arena, 0, &bad);
		rec.url = json_member(obj, "url", arena, 0, &bad);
		rec.date = json_member(obj, "date", arena, 0, &bad);
	}
	memset(doc, 0, sizeof *doc);
	doc->file = r->path;
	doc->line = r->line;
	doc->id = rec.id;
	doc->title = rec.title;
	doc->source = rec.source;
	doc->url = rec.url;
	date = rec.date;
	if (bad) {
		rc = ent_error_set(ENT_EINVALID,
		                   "a field of the wrong type (id, title, source, url and date are strings): %s:%ld",
		                   r->path, r->line);
		goto done;
	}
	if (!doc->id) {
		char id[64];

		snprintf(id, sizeof id, "line%ld", r->line);
		doc->id = ent_arena_strndup(arena, id, strlen(id));
	}
	if (r->opts.date.precision) {
		doc->date = r->opts.date;
	} else if (date && *date) {
		/* Accept "2017-09-25" and also timestamps "2017-09-25T10:00:00Z". */
		size_t dlen = strlen(date);

		if (dlen > 10 && (date[10] == 'T' || date[10] == ' '))
			dlen = 10;
		if (ent_date_parse(&doc->date, date, dlen)) {
			rc = ent_error_set(ENT_EINVALID, "bad date '%.40s' (expected YYYY-MM-DD): %s:%ld",
			                   date, r->path, r->line);
			goto done;
		}
	}
	rc = set_text(r, doc, rec.text, rec.text_len, arena);
	if (rc == ENT_OK)
		rc = doc->id ? 1 : ENT_ENOMEM;
done:
	json_decref(obj);
	return rc;
}

/* The text content of the first child element of node named name. */
static xmlNodePtr xml_child(xmlNodePtr node, const char *name)
{
	xmlNodePtr c;

	for (c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(c->name, (const xmlChar *)name) == 0)
			return c;
	return NULL;
}

static const char *xml_attr(xmlNodePtr node, const char *name, ent_arena *arena)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	const char *copy;

	if (!v)
		return NULL;
	copy = ent_arena_strndup(arena, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return copy;
}

static int read_xml(ent_reader *r, ent_doc *doc, ent_arena *arena)
{
	int ret;

	for (;;) {
		xmlNodePtr node, textnode;
		xmlChar *content;
		const char *date;
		long line;
		int rc;

		r->xml_error[0] = '\0';
		ret = xmlTextReaderRead(r->xml);
		if (ret <= 0)
			break;
		if (xmlTextReaderNodeType(r->xml) != XML_READER_TYPE_ELEMENT ||
		    xmlStrcasecmp(xmlTextReaderConstLocalName(r->xml),
		                  (const xmlChar *)"Sentence") != 0)
			continue;
		r->xml_count++;
		line = xmlTextReaderGetParserLineNumber(r->xml);
		node = xmlTextReaderExpand(r->xml);
		if (!node || r->xml_error[0]) {
			rc = ent_error_set(ENT_EINVALID, "bad XML (%s): %s:%d", r->xml_error[0] ? r->xml_error : "cannot read element",
			                   r->path, r->xml_error_line ? r->xml_error_line : (int)line);
			if (!node) {
				r->done = 1;
				return rc;
			}
			xmlTextReaderNext(r->xml);
			return rc;
		}
		memset(doc, 0, sizeof *doc);
		doc->file = r->path;
		doc->line = line;
		doc->id = xml_attr(node, "id", arena);
		doc->source = xml_attr(node, "source", arena);
		date = xml_attr(node, "date", arena);
		textnode = xml_child(node, "Text");
		if (!textnode) {
			xmlTextReaderNext(r->xml);
			return ent_error_set(ENT_EINVALID, "<Sentence> without <Text>: %s:%ld",
			                     r->path, line);
		}
		if (!doc->id) {
			char id[64];

			snprintf(id, sizeof id, "sentence%ld", r->xml_count);
			doc->id = ent_arena_strndup(arena, id, strlen(id));
		}
		if (r->opts.date.precision) {
			doc->date = r->opts.date;
		} else if (date && *date && ent_date_parse(&doc->date, date, strlen(date))) {
			xmlTextReaderNext(r->xml);
			return ent_error_set(ENT_EINVALID, "bad date '%.40s' (expected YYYYMMDD): %s:%ld",
			                     date, r->path, line);
		}
		content = xmlNodeGetContent(textnode);
		if (!content) {
			xmlTextReaderNext(r->xml);
			return ent_error_set(ENT_ENOMEM, "out of memory");
		}
		/* PETRARCH files wrap sentences over lines: join them. */
		{
			char *s = (char *)content;
			size_t i, len = strlen(s);

			for (i = 0; i < len; i++)
				if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
					s[i] = ' ';
			while (len && s[len - 1] == ' ')
				len--;
			while (len && *s == ' ')
				s++, len--;
			rc = set_text(r, doc, s, len, arena);
		}
		xmlFree(content);
		xmlTextReaderNext(r->xml);
		if (rc)
			return rc;
		return doc->id ? 1 : ENT_ENOMEM;
	}
	r->done = 1;
	if (ret < 0 || r->xml_error[0])
		return ent_error_set(ENT_EINVALID, "bad XML (%s): %s:%d",
		                     r->xml_error[0] ? r->xml_error : "parse error",
		                     r->path, r->xml_error_line);
	return 0;
}

int ent_reader_next(ent_reader *r, ent_doc *doc, ent_arena *arena)
{
	if (r->done)
		return 0;
	memset(doc, 0, sizeof *doc);
	switch (r->format) {
	case ENT_INPUT_JSONL:
		return read_jsonl(r, doc, arena);
	case ENT_INPUT_XML:
		return read_xml(r, doc, arena);
	default:
		return read_text(r, doc, arena);
	}
}
