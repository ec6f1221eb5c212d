/*
 * utf8.c - UTF-8 decoding, cleaning and character classes (utf8proc).
 */
#include <string.h>
#include <utf8proc.h>

#include "entente/utf8.h"

int32_t ent_utf8_decode(const char *s, size_t len, int *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (len && (unsigned char)s[0] < 0x80) {
		*n = 1;
		return (unsigned char)s[0];
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
	                     (utf8proc_ssize_t)(len > 4 ? 4 : len), &cp);
	if (k <= 0 || cp < 0) {
		*n = 1;
		return -1;
	}
	*n = (int)k;
	return cp;
}

int ent_utf8_put(ent_buf *b, int32_t cp)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);

	if (n <= 0)
		return ent_buf_puts(b, "\xEF\xBF\xBD");
	return ent_buf_put(b, enc, (size_t)n);
}

/* Whether NFC could change a text made of these code points. Below
 * U+0300 nothing composes or decomposes except with a combining mark
 * (U+0300 and up); general punctuation, currency signs, arrows, box
 * drawing, CJK ideographs and full-width forms are stable too. */
static int nfc_may_change(int32_t cp)
{
	if (cp < 0x300)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
	    (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFFFD)
		return 0;
	return 1;
}

/* Whether s[0..len) is plain ASCII without controls other than tab/LF. */
static int plain_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n'))
			return 0;
	}
	return 1;
}

int ent_utf8_clean(ent_buf *out, const char *s, size_t len)
{
	ent_buf tmp = ENT_BUF_INIT;
	utf8proc_uint8_t *nfc;
	size_t i = 0, start = out->len;
	int rc;

	if (plain_ascii(s, len))
		return ent_buf_put(out, s, len);  /* ASCII is already NFC */
	int need_nfc = 0;

	rc = ent_buf_grow(&tmp, len);
	while (!rc && i < len) {
		unsigned char c = (unsigned char)s[i];
		int n;
		int32_t cp;

		if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') {
			/* a run of plain ASCII goes as it is */
			size_t j = i + 1;

			while (j < len && (((unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F) ||
			                   s[j] == '\t' || s[j] == '\n'))
				j++;
			rc = ent_buf_put(&tmp, s + i, j - i);
			i = j;
			continue;
		}
		if (c == '\r') {
			rc = ent_buf_putc(&tmp, '\n');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n') {
			rc = ent_buf_putc(&tmp, ' ');
			i++;
			continue;
		}
		cp = ent_utf8_decode(s + i, len - i, &n);
		need_nfc |= nfc_may_change(cp);
		if (cp < 0 || (cp >= 0xD800 && cp < 0xE000))
			rc = ent_buf_puts(&tmp, "\xEF\xBF\xBD");
		else if (cp >= 0x7F && cp < 0xA0)
			rc = ent_buf_putc(&tmp, ' ');  /* C1 controls, DEL */
		else
			rc = ent_buf_put(&tmp, s + i, (size_t)n);
		i += (size_t)n;
	}
	if (rc)
		goto done;
	if (!need_nfc) {
		rc = ent_buf_put(out, tmp.data, tmp.len);
		goto done;
	}
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)tmp.data);
	if (!nfc) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory normalising text");
		goto done;
	}
	rc = ent_buf_puts(out, (const char *)nfc);
	free(nfc);  /* utf8proc allocates with malloc */
	if (rc)
		out->len = start;
done:
	ent_buf_free(&tmp);
	return rc;
}

static utf8proc_category_t category(int32_t cp)
{
	return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

int ent_uc_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	switch (category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return 1;
	default:
		return 0;
	}
}

int ent_uc_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return category(cp) == UTF8PROC_CATEGORY_LU ||
	       category(cp) == UTF8PROC_CATEGORY_LT;
}

int ent_uc_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return category(cp) == UTF8PROC_CATEGORY_LL;
}

int ent_uc_is_digit(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return category(cp) == UTF8PROC_CATEGORY_ND;
}

int ent_uc_is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		       cp == '\f' || cp == '\v';
	switch (category(cp)) {
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return cp == 0x200B || cp == 0xFEFF; /* zero-width space, BOM */
	}
}

/* ASCII's punctuation (P*) and symbols (S*), as utf8proc classes them
 * (the punctuation: ! " # % & ' ( ) * , - . / : ; ? @ [ backslash ] _ { };
 * the symbols: $ + < = > ^ ` | ~), a bit per character: the segmenter
 * asks about every character. */
static int ascii_in(int32_t cp, uint64_t lo, uint64_t hi)
{
	return (int)((cp < 64 ? lo >> cp : hi >> (cp - 64)) & 1);
}

int ent_uc_is_punct(int32_t cp)
{
	utf8proc_category_t c;

	if (cp >= 0 && cp < 0x80)
		return ascii_in(cp, 0x8c00f7ee00000000ULL, 0x28000000b8000001ULL);
	c = category(cp);
	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

int ent_uc_is_symbol(int32_t cp)
{
	utf8proc_category_t c;

	if (cp >= 0 && cp < 0x80)
		return ascii_in(cp, 0x7000081000000000ULL, 0x5000000140000000ULL);
	c = category(cp);
	return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

int32_t ent_uc_tolower(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	return utf8proc_tolower(cp);
}

int ent_utf8_lower(ent_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	int rc = ent_buf_grow(out, len);

	while (!rc && i < len) {
		unsigned char c = (unsigned char)s[i];
		int n;
		int32_t cp;

		if (c < 0x80) {
			rc = ent_buf_putc(out, (c >= 'A' && c <= 'Z') ? c + 32 : c);
			i++;
			continue;
		}
		cp = ent_utf8_decode(s + i, len - i, &n);
		rc = cp < 0 ? ent_buf_put(out, s + i, 1)
		            : ent_utf8_put(out, ent_uc_tolower(cp));
		i += (size_t)n;
	}
	return rc;
}
