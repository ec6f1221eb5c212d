/*
 * buf.h - the growable byte buffer, always NUL-terminated, with a cap.
 *
 * A buffer starts empty (data points at a static "" until the first write).
 * Writes that would grow it past max fail with ENT_ELIMIT and leave it
 * unchanged; max 0 means no cap. Writes return 0 or a negative ENT_E code.
 */
#ifndef ENTENTE_BUF_H
#define ENTENTE_BUF_H

#include <stdarg.h>
#include "common.h"

typedef struct ent_buf {
	char *data;   /* NUL-terminated contents */
	size_t len;   /* bytes before the NUL */
	size_t cap;   /* bytes allocated (0 while data is the static "") */
	size_t max;   /* cap on len, 0 for none */
} ent_buf;

#define ENT_BUF_INIT {(char *)"", 0, 0, 0}

void ent_buf_init(ent_buf *buf, size_t max);
void ent_buf_free(ent_buf *buf);          /* back to the empty state */
void ent_buf_clear(ent_buf *buf);         /* len 0, keeps memory */
int ent_buf_grow(ent_buf *buf, size_t extra);
int ent_buf_put(ent_buf *buf, const void *data, size_t len);
int ent_buf_puts(ent_buf *buf, const char *s);
int ent_buf_putc(ent_buf *buf, int c);
int ent_buf_printf(ent_buf *buf, const char *fmt, ...) ENT_PRINTF(2, 3);
int ent_buf_vprintf(ent_buf *buf, const char *fmt, va_list ap);
/* Appends s[0..len) as a JSON string literal, quotes included. Invalid
 * UTF-8 bytes are written as U+FFFD. */
int ent_buf_put_json_string(ent_buf *buf, const char *s, size_t len);
/* Appends s[0..len) for a TSV field: tabs, newlines and CRs become spaces. */
int ent_buf_put_tsv_field(ent_buf *buf, const char *s, size_t len);
/* Hands the contents to the caller (must ent_free) and empties buf. */
char *ent_buf_detach(ent_buf *buf, size_t *len_out);

#endif
