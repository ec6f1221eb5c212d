/*
 * flatjson.c - a strict, allocation-free (after warm-up) reader of flat
 * JSON objects. Values are unescaped into one buffer; \uXXXX escapes,
 * surrogate pairs included, become UTF-8; lone surrogates become U+FFFD.
 */
#include <stdlib.h>
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "entente/flatjson.h"
#include "entente/utf8.h"

void ent_flatjson_init(ent_flatjson *o)
{
	o->n = 0;
	ent_buf_init(&o->store, 64u << 20);
}

void ent_flatjson_free(ent_flatjson *o)
{
	ent_buf_free(&o->store);
	o->n = 0;
}

static int fail(size_t col, const char *what)
{
	return ent_error_set(ENT_EINVALID, "column %zu: %s", col + 1, what);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

static long hex4(const char *s, size_t left)
{
	long v = 0;
	int i, h;

	if (left < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if ((h = hexval(s[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Bytes that a string holds as they are (not '"', '\\' or a control
 * character). */
static const unsigned char plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
	R16(0), R16(0),
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20: '"' */
	R16(1), R16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50: '\\' */
	R16(1), R16(1),
	R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R16
};

/* Appends n bytes to the store, within the room that ent_flatjson_parse
 * reserved for the whole line (the unescaped text of a line is never
 * longer than the line). */
static void put_reserved(ent_buf *b, const char *p, size_t n)
{
	assert(b->len + n < b->cap);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* Reads a string starting after its opening quote at s[*i]; appends the
 * unescaped bytes and a NUL to the store, recording the offset. */
static int read_string(ent_flatjson *o, const char *s, size_t len, size_t *i, size_t *off)
{
	size_t p = *i, run;
	int rc;

	*off = o->store.len;
	while (p < len) {
		for (run = p; run < len && plain[(unsigned char)s[run]]; run++)
			;
		put_reserved(&o->store, s + p, run - p);
		p = run;
		if (p >= len)
			break;
		if (s[p] == '"') {
			*i = p + 1;
			put_reserved(&o->store, "", 1);
			return ENT_OK;
		}
		if ((unsigned char)s[p] < 0x20)
			return fail(p, "control character in a string");
		/* backslash */
		if (++p >= len)
			break;
		switch (s[p]) {
		case '"': case '\\': case '/':
			rc = ent_buf_putc(&o->store, s[p]);
			p++;
			break;
		case 'n': rc = ent_buf_putc(&o->store, '\n'); p++; break;
		case 't': rc = ent_buf_putc(&o->store, '\t'); p++; break;
		case 'r': rc = ent_buf_putc(&o->store, '\r'); p++; break;
		case 'b': rc = ent_buf_putc(&o->store, '\b'); p++; break;
		case 'f': rc = ent_buf_putc(&o->store, '\f'); p++; break;
		case 'u': {
			long cp = hex4(s + p + 1, len - p - 1);

			if (cp < 0)
				return fail(p, "bad \\u escape");
			p += 5;
			if (cp >= 0xD800 && cp < 0xDC00 && p + 1 < len && s[p] == '\\' && s[p + 1] == 'u') {
				long lo = hex4(s + p + 2, len - p - 2);

				if (lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				}
			}
			if ((cp >= 0xD800 && cp < 0xE000) || cp == 0)
				cp = cp ? 0xFFFD : ' ';  /* lone surrogate; NUL */
			rc = ent_utf8_put(&o->store, (int32_t)cp);
			break;
		}
		default:
			return fail(p, "bad escape");
		}
		if (rc)
			return rc;
	}
	return fail(len, "unterminated string");
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

int ent_flatjson_parse(ent_flatjson *o, const char *s, size_t len)
{
	size_t i = skip_ws(s, len, 0), koff[ENT_FLATJSON_MAX_FIELDS], voff[ENT_FLATJSON_MAX_FIELDS];
	size_t k;
	int rc;

	o->n = 0;
	ent_buf_clear(&o->store);
	/* Room for everything: unescaping never lengthens a string, and its
	 * NUL takes the place of a quote; a bare value gets one NUL each. */
	if (len > SIZE_MAX / 2)
		return fail(0, "line too long");
	if ((rc = ent_buf_grow(&o->store, len + ENT_FLATJSON_MAX_FIELDS + 16)) != 0)
		return rc;
	if (i >= len || s[i] != '{')
		return fail(i, "expected '{'");
	i = skip_ws(s, len, i + 1);
	if (i < len && s[i] == '}') {
		i = skip_ws(s, len, i + 1);
		return i == len ? ENT_OK : fail(i, "text after the object");
	}
	for (;;) {
		if (o->n == ENT_FLATJSON_MAX_FIELDS)
			return fail(i, "too many fields");
		if (i >= len || s[i] != '"')
			return fail(i, "expected a key");
		i++;
		if ((rc = read_string(o, s, len, &i, &koff[o->n])) != 0)
			return rc;
		i = skip_ws(s, len, i);
		if (i >= len || s[i] != ':')
			return fail(i, "expected ':'");
		i = skip_ws(s, len, i + 1);
		if (i >= len)
			return fail(i, "expected a value");
		o->fields[o->n].is_string = s[i] == '"';
		if (s[i] == '"') {
			i++;
			if ((rc = read_string(o, s, len, &i, &voff[o->n])) != 0)
				return rc;
		} else if (s[i] == '{' || s[i] == '[') {
			return fail(i, "nested values are not read here");
		} else {
			size_t start = i;

			while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ' ' &&
			       s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
				i++;
			if (!((i - start == 4 && (memcmp(s + start, "true", 4) == 0 ||
			                          memcmp(s + start, "null", 4) == 0)) ||
			      (i - start == 5 && memcmp(s + start, "false", 5) == 0))) {
				/* a number: -?digits(.digits)?([eE][+-]?digits)? */
				size_t p = start;
				int digits = 0;

				if (p < i && s[p] == '-')
					p++;
				while (p < i && s[p] >= '0' && s[p] <= '9')
					p++, digits++;
				if (p < i && s[p] == '.')
					for (p++; p < i && s[p] >= '0' && s[p] <= '9'; p++)
						digits++;
				if (p < i && (s[p] == 'e' || s[p] == 'E')) {
					p++;
					if (p < i && (s[p] == '+' || s[p] == '-'))
						p++;
					while (p < i && s[p] >= '0' && s[p] <= '9')
						p++;
				}
				if (!digits || p != i)
					return fail(start, "bad value");
			}
			voff[o->n] = o->store.len;
			put_reserved(&o->store, s + start, i - start);
			put_reserved(&o->store, "", 1);
		}
		o->n++;
		i = skip_ws(s, len, i);
		if (i < len && s[i] == ',') {
			i = skip_ws(s, len, i + 1);
			continue;
		}
		if (i < len && s[i] == '}')
			break;
		return fail(i, "expected ',' or '}'");
	}
	i = skip_ws(s, len, i + 1);
	if (i != len)
		return fail(i, "text after the object");
	/* The store does not move any more: point the fields into it. */
	for (k = 0; k < o->n; k++) {
		o->fields[k].key = o->store.data + koff[k];
		o->fields[k].value = o->store.data + voff[k];
	}
	return ENT_OK;
}

const char *ent_flatjson_str(const ent_flatjson *o, const char *key)
{
	size_t k;

	for (k = 0; k < o->n; k++)
		if (strcmp(o->fields[k].key, key) == 0)
			return o->fields[k].is_string ? o->fields[k].value : NULL;
	return NULL;
}

int ent_flatjson_num(const ent_flatjson *o, const char *key, double *out)
{
	size_t k;

	for (k = 0; k < o->n; k++)
		if (strcmp(o->fields[k].key, key) == 0) {
			const char *v = o->fields[k].value;

			if (o->fields[k].is_string || *v == 't' || *v == 'f' || *v == 'n')
				return ENT_EINVALID;
			*out = strtod(v, NULL);
			return ENT_OK;
		}
	return ENT_ENOTFOUND;
}
