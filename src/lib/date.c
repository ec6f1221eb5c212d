/*
 * date.c - calendar dates: parsing ISO forms, finding a publication date
 * in the first lines of a text, formatting by precision.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "entente/doc.h"

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

int ent_date_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return 1;
}

/* Reads exactly n digits at s; -1 when they are not all digits. */
static int digits(const char *s, size_t len, size_t n)
{
	int v = 0;
	size_t i;

	if (len < n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int ent_date_parse(ent_date *out, const char *s, size_t len)
{
	int y, m = 0, d = 0;

	memset(out, 0, sizeof *out);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	if (len == 8 && (y = digits(s, 8, 8)) >= 0) {
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else {
		y = digits(s, len, 4);
		if (y < 0 || (len != 4 && len != 7 && len != 10))
			goto bad;
		if (len >= 7 && (s[4] != '-' || (m = digits(s + 5, 2, 2)) < 0))
			goto bad;
		if (len == 10 && (s[7] != '-' || (d = digits(s + 8, 2, 2)) < 0))
			goto bad;
	}
	if (!ent_date_valid(y, m ? m : 1, d ? d : 1))
		goto bad;
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	out->precision = d ? ENT_DATE_DAY : m ? ENT_DATE_MONTH : ENT_DATE_YEAR;
	return ENT_OK;
bad:
	return ent_error_set(ENT_EINVALID, "bad date '%.*s' (expected YYYY-MM-DD, YYYY-MM or YYYY)",
	                     (int)(len > 40 ? 40 : len), s);
}

void ent_date_format(char *out, const ent_date *d)
{
	/* Fields are range-checked so the output always fits 11 bytes. */
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u,
	         day = (unsigned)d->day % 100u;

	switch (d->precision) {
	case ENT_DATE_DAY:
		snprintf(out, 11, "%04u-%02u-%02u", y, m, day);
		break;
	case ENT_DATE_MONTH:
		snprintf(out, 11, "%04u-%02u", y, m);
		break;
	case ENT_DATE_YEAR:
		snprintf(out, 11, "%04u", y);
		break;
	default:
		out[0] = '\0';
	}
}

long ent_date_days(const ent_date *d)
{
	/* Days from civil (Howard Hinnant's algorithm). */
	long y = d->year, m = d->month ? d->month : 1, day = d->day ? d->day : 1;
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Month number for a (possibly abbreviated, 3+ letters) month name at s. */
static int month_at(const char *s, size_t len, size_t *used)
{
	size_t n = 0;
	int m;

	while (n < len && isalpha((unsigned char)s[n]))
		n++;
	if (n < 3)
		return 0;
	for (m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);

		if ((n == full || (n == 3 || (n == 4 && m == 8))) && n <= full &&
		    strncasecmp(s, month_names[m], n) == 0) {
			*used = n;
			if (n < len && s[n] == '.')
				(*used)++;
			return m + 1;
		}
	}
	return 0;
}

static int set_day(ent_date *out, int y, int m, int d)
{
	if (y < 1900 || y > 2100 || !ent_date_valid(y, m, d))
		return 0;
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	out->precision = ENT_DATE_DAY;
	return 1;
}

/* Tries the date forms at s (s is at a word start). */
static int date_at(ent_date *out, const char *s, size_t len)
{
	int a, b, c, m;
	size_t used, i;

	/* 2017-09-25 */
	if ((a = digits(s, len, 4)) >= 0 && len >= 10 && s[4] == '-' && s[7] == '-' &&
	    (b = digits(s + 5, 2, 2)) >= 0 && (c = digits(s + 8, 2, 2)) >= 0 &&
	    (len == 10 || !isdigit((unsigned char)s[10])))
		return set_day(out, a, b, c);
	/* 25.09.2017 or 25/09/2017 (day first, as outside the US; a first
	 * number over 12 settles it, a second over 12 means month first). */
	if (len >= 8) {
		for (i = 0; i < len && i < 2 && isdigit((unsigned char)s[i]); i++)
			;
		if (i >= 1 && i < len && (s[i] == '.' || s[i] == '/')) {
			char sep = s[i];
			size_t j = i + 1, k;

			a = digits(s, i, i);
			for (k = j; k < len && k < j + 2 && isdigit((unsigned char)s[k]); k++)
				;
			size_t y = k + 1;

			/* "02.08. 2017" also occurs, with a space after the month */
			if (k > j && k + 1 < len && s[k] == sep && s[k + 1] == ' ')
				y = k + 2;
			if (k > j && k < len && s[k] == sep && (c = digits(s + y, len - y, 4)) >= 0 &&
			    (y + 4 >= len || !isdigit((unsigned char)s[y + 4]))) {
				b = digits(s + j, k - j, k - j);
				if (b > 12 && a <= 12)
					return set_day(out, c, a, b);
				return set_day(out, c, b, a);
			}
		}
	}
	/* September 25, 2017 / Sept. 25 2017 */
	if ((m = month_at(s, len, &used))) {
		i = used;
		while (i < len && s[i] == ' ')
			i++;
		for (a = 0, c = 0; i < len && isdigit((unsigned char)s[i]) && c < 2; i++, c++)
			a = a * 10 + (s[i] - '0');
		if (c == 0)
			return 0;
		if (i + 1 < len && isalpha((unsigned char)s[i]) && isalpha((unsigned char)s[i + 1]))
			i += 2;  /* 25th */
		if (i < len && s[i] == ',')
			i++;
		while (i < len && s[i] == ' ')
			i++;
		if ((b = digits(s + i, len - i, 4)) >= 0)
			return set_day(out, b, m, a);
		return 0;
	}
	/* 25 September 2017 */
	for (i = 0, a = 0; i < len && i < 2 && isdigit((unsigned char)s[i]); i++)
		a = a * 10 + (s[i] - '0');
	if (i >= 1) {
		if (i + 1 < len && isalpha((unsigned char)s[i]) && isalpha((unsigned char)s[i + 1]) &&
		    !month_at(s + i, len - i, &used))
			i += 2;  /* 25th */
		while (i < len && s[i] == ' ')
			i++;
		if ((m = month_at(s + i, len - i, &used))) {
			i += used;
			if (i < len && s[i] == ',')
				i++;
			while (i < len && s[i] == ' ')
				i++;
			if ((b = digits(s + i, len - i, 4)) >= 0)
				return set_day(out, b, m, a);
		}
	}
	return 0;
}

/* The first date in text[from..to) at a word start. */
static int scan(ent_date *out, const char *text, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (i > 0 && isalnum((unsigned char)text[i - 1]))
			continue;
		if (!isalnum((unsigned char)text[i]))
			continue;
		if (date_at(out, text + i, to - i))
			return 1;
	}
	return 0;
}

int ent_date_find(ent_date *out, const char *text, size_t len)
{
	size_t i, line = 0, limit = len;

	memset(out, 0, sizeof *out);
	/* Only the first ten lines (or 2,000 bytes): a publication date sits
	 * in the head of a document; dates in the body are event dates. */
	for (i = 0; i < len; i++) {
		if (text[i] == '\n' && ++line >= 10) {
			limit = i;
			break;
		}
	}
	if (limit > 2000)
		limit = 2000;
	if (scan(out, text, 0, limit))
		return 1;
	/* Then the last three lines, where analysis pieces and reports often
	 * put their date ("Image source: ... accessed on 02.08.2017"). */
	for (i = len, line = 0; i > 0; i--) {
		if (text[i - 1] == '\n' && i < len && ++line >= 3)
			break;
	}
	if (i > limit && scan(out, text, i, len))
		return 1;
	memset(out, 0, sizeof *out);
	return 0;
}
