/*
 * utf8.h - UTF-8 helpers over utf8proc.
 */
#ifndef ENTENTE_UTF8_H
#define ENTENTE_UTF8_H

#include "buf.h"

/* Decodes one code point at s[0..len); stores its byte length in *n
 * (at least 1). Invalid or truncated sequences give -1 with *n = 1. */
int32_t ent_utf8_decode(const char *s, size_t len, int *n);

/* Appends the UTF-8 encoding of cp. */
int ent_utf8_put(ent_buf *buf, int32_t cp);

/* Appends s[0..len) to out as valid NFC UTF-8: invalid bytes become
 * U+FFFD, CR LF and lone CR become LF, NUL and other C0 controls except
 * tab and LF become spaces. */
int ent_utf8_clean(ent_buf *out, const char *s, size_t len);

/* Character classes (Unicode general categories through utf8proc). */
int ent_uc_is_letter(int32_t cp);
int ent_uc_is_upper(int32_t cp);
int ent_uc_is_lower(int32_t cp);
int ent_uc_is_digit(int32_t cp);
int ent_uc_is_space(int32_t cp);
int ent_uc_is_punct(int32_t cp);  /* P* categories */
int ent_uc_is_symbol(int32_t cp); /* S* categories */
int32_t ent_uc_tolower(int32_t cp);

/* Appends the lower-cased s[0..len). */
int ent_utf8_lower(ent_buf *out, const char *s, size_t len);

#endif
