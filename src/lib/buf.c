/*
 * buf.c - the growable, NUL-terminated byte buffer with a size cap.
 */
#include <stdio.h>
#include <string.h>

#include "entente/buf.h"
#include "entente/utf8.h"

void ent_buf_init(ent_buf *b, size_t max)
{
	b->data = (char *)"";
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void ent_buf_free(ent_buf *b)
{
	if (b->cap)
		ent_free(b->data);
	ent_buf_init(b, b->max);
}

void ent_buf_clear(ent_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

int ent_buf_grow(ent_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap;
	char *data;

	if (need < extra)
		return ent_error_set(ENT_ENOMEM, "buffer size overflow");
	if (b->max && b->len + extra > b->max)
		return ent_error_set(ENT_ELIMIT, "text longer than %zu bytes",
		                     b->max);
	if (need <= b->cap)
		return ENT_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap * 2 > cap ? cap * 2 : need;
	data = b->cap ? ent_realloc(b->data, cap) : ent_malloc(cap);
	if (!data)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	if (!b->cap)
		data[0] = '\0';
	b->data = data;
	b->cap = cap;
	return ENT_OK;
}

int ent_buf_put(ent_buf *b, const void *data, size_t len)
{
	int rc = ent_buf_grow(b, len);

	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return ENT_OK;
}

int ent_buf_puts(ent_buf *b, const char *s)
{
	return ent_buf_put(b, s, strlen(s));
}

int ent_buf_putc(ent_buf *b, int c)
{
	char ch = (char)c;

	return ent_buf_put(b, &ch, 1);
}

int ent_buf_vprintf(ent_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n, rc;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return ent_error_set(ENT_EINVALID, "bad format string");
	rc = ent_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return ENT_OK;
}

int ent_buf_printf(ent_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ent_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int ent_buf_put_json_string(ent_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run;
	int rc = ent_buf_putc(b, '"');

	while (!rc && i < len) {
		unsigned char c = (unsigned char)s[i];

		/* Copy runs of plain printable ASCII in one go. */
		for (run = i; run < len; run++) {
			c = (unsigned char)s[run];
			if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
				break;
		}
		if (run > i) {
			rc = ent_buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		if (c >= 0x80) {
			int n;
			int32_t cp = ent_utf8_decode(s + i, len - i, &n);

			if (cp < 0)
				rc = ent_buf_puts(b, "\xEF\xBF\xBD");
			else
				rc = ent_buf_put(b, s + i, (size_t)n);
			i += (size_t)n;
			continue;
		}
		switch (c) {
		case '"': rc = ent_buf_puts(b, "\\\""); break;
		case '\\': rc = ent_buf_puts(b, "\\\\"); break;
		case '\n': rc = ent_buf_puts(b, "\\n"); break;
		case '\t': rc = ent_buf_puts(b, "\\t"); break;
		case '\r': rc = ent_buf_puts(b, "\\r"); break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};

			rc = ent_buf_puts(b, esc);
		}
		}
		i++;
	}
	return rc ? rc : ent_buf_putc(b, '"');
}

int ent_buf_put_tsv_field(ent_buf *b, const char *s, size_t len)
{
	size_t i;
	int rc = ent_buf_grow(b, len);

	if (rc)
		return rc;
	for (i = 0; i < len; i++) {
		char c = s[i];

		b->data[b->len++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
	}
	b->data[b->len] = '\0';
	return ENT_OK;
}

char *ent_buf_detach(ent_buf *b, size_t *len_out)
{
	char *data;

	if (!b->cap && ent_buf_grow(b, 0))
		return NULL;
	data = b->data;
	if (len_out)
		*len_out = b->len;
	ent_buf_init(b, b->max);
	return data;
}
