/*
 * timex.c - finds and resolves time expressions in a tokenised sentence.
 *
 * A small hand-written recogniser over tokens: month names (full and
 * abbreviated), day numbers and ordinals, four-digit years, weekdays, and
 * the deictic words of news (today, yesterday, last/next/this + unit).
 * A date without a year takes the document's year, or the year before
 * when that would put it more than a month after the document (a January
 * article about "December 20" means last December).
 */
#include <ctype.h>
#include <string.h>

#include "entente/timex.h"

static const char *const months[12][2] = {
	{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
	{"may", "may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
	{"september", "sep"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"}
};

static const char *const weekdays[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"
};

typedef struct cursor {
	const ent_token *tok;
	size_t n;
	const char *text;
} cursor;

static size_t tlen(const cursor *c, size_t i)
{
	return c->tok[i].end - c->tok[i].start;
}

static const char *tstr(const cursor *c, size_t i)
{
	return c->text + c->tok[i].start;
}

static int ascii_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* Whether the n bytes at s are w, ignoring ASCII case. */
static int same_word(const char *s, size_t n, const char *w)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!w[k] || ascii_lower((unsigned char)s[k]) != ascii_lower((unsigned char)w[k]))
			return 0;
	return w[n] == '\0';
}

/* Whether token i is w, ignoring ASCII case (as strncasecmp does in the C
 * locale). Called some ten times per token, nearly always for a word
 * that differs in its first letter, which is compared here, inline; the
 * rest letter by letter, with no strlen. */
static inline int is_word(const cursor *c, size_t i, const char *w)
{
	const char *s;
	size_t n;

	if (i >= c->n)
		return 0;
	n = tlen(c, i);
	s = tstr(c, i);
	if (n == 0)
		return w[0] == '\0';
	return ascii_lower((unsigned char)s[0]) == ascii_lower((unsigned char)w[0]) &&
	       same_word(s, n, w);
}

/* Month number (1-12) of token i, or 0. Capitalised only, except in
 * all-lower text, so that "may" the verb is not a month. "Sept." too. */
static int month_of(const cursor *c, size_t i)
{
	size_t n;
	const char *s;
	int m;

	if (i >= c->n)
		return 0;
	n = tlen(c, i);
	s = tstr(c, i);
	if (n && s[n - 1] == '.')
		n--;
	if (n < 3 || !(c->tok[i].flags & ENT_TOK_CAPITAL))
		return 0;
	for (m = 0; m < 12; m++) {
		if ((strlen(months[m][0]) == n && strncasecmp(s, months[m][0], n) == 0) ||
		    (n == 3 && strncasecmp(s, months[m][1], 3) == 0 && m != 4) ||
		    (n == 4 && m == 8 && strncasecmp(s, "sept", 4) == 0))
			return m + 1;
	}
	return 0;
}

/* The number of token i when it is digits (with an ordinal suffix when
 * ordinal is set: 13th, 1st), or -1. */
static int number_of(const cursor *c, size_t i, int ordinal)
{
	size_t n, k;
	const char *s;
	int v = 0;

	if (i >= c->n)
		return -1;
	n = tlen(c, i);
	s = tstr(c, i);
	for (k = 0; k < n && k < 5 && isdigit((unsigned char)s[k]); k++)
		v = v * 10 + (s[k] - '0');  /* at most 5 digits: no overflow */
	if (k == 0 || k > 4)
		return -1;
	if (k == n)
		return v;
	if (ordinal && n - k == 2 &&
	    (strncasecmp(s + k, "st", 2) == 0 || strncasecmp(s + k, "nd", 2) == 0 ||
	     strncasecmp(s + k, "rd", 2) == 0 || strncasecmp(s + k, "th", 2) == 0))
		return v;
	return -1;
}

static int year_of(const cursor *c, size_t i)
{
	int y = tlen(c, i) == 4 ? number_of(c, i, 0) : -1;

	return y >= 1900 && y <= 2100 ? y : -1;
}

static int weekday_of(const cursor *c, size_t i)
{
	int d;

	if (i >= c->n || !(c->tok[i].flags & ENT_TOK_CAPITAL))
		return -1;
	for (d = 0; d < 7; d++)
		if (is_word(c, i, weekdays[d]))
			return d;
	return -1;
}

static void set(ent_date *d, int y, int m, int day)
{
	d->year = (int16_t)y;
	d->month = (int8_t)m;
	d->day = (int8_t)day;
	d->precision = day ? ENT_DATE_DAY : m ? ENT_DATE_MONTH : ENT_DATE_YEAR;
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
static void from_days(ent_date *d, long z)
{
	long era, doe, yoe, y, doy, mp, day, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	day = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	set(d, (int)(y + (m <= 2)), (int)m, (int)day);
}

/* Year for a month (and day) written without one: the document's year,
 * or the year before when that would fall over a month after it. */
static int infer_year(const ent_date *doc, int m, int day)
{
	ent_date guess;

	set(&guess, doc->year, m, day ? day : 1);
	if (ent_date_days(&guess) - ent_date_days(doc) > 31)
		return doc->year - 1;
	return doc->year;
}

static int doc_known(const ent_date *doc)
{
	return doc && doc->precision != ENT_DATE_NONE && doc->year > 0;
}

size_t ent_timex_find(ent_timex *out, size_t max, const ent_token *tokens,
                      size_t ntokens, const char *text, const ent_date *doc)
{
	cursor c = {tokens, ntokens, text};
	size_t i = 0, found = 0;

	while (i < ntokens && found < max) {
		ent_timex t;
		size_t start = i, end = i;
		int m, d, y, w;
		int ok = 0;

		memset(&t, 0, sizeof t);
		if (i > 0 && is_word(&c, i - 1, "since"))
			t.kind = ENT_TIMEX_SINCE;
		else if (i > 0 && (is_word(&c, i - 1, "until") || is_word(&c, i - 1, "till")))
			t.kind = ENT_TIMEX_UNTIL;
		if ((m = month_of(&c, i))) {
			/* August 13(th)(,) (2017) | August 2017 | August */
			if ((d = number_of(&c, i + 1, 1)) >= 1 && d <= 31) {
				end = i + 1;
				if (is_word(&c, end + 1, ",") && year_of(&c, end + 2) > 0)
					end++;
				if ((y = year_of(&c, end + 1)) > 0) {
					end++;
				} else if (doc_known(doc)) {
					y = infer_year(doc, m, d);
					t.relative = 1;
				}
				if (y > 0 && ent_date_valid(y, m, d)) {
					set(&t.date, y, m, d);
					ok = 1;
				}
			} else if ((y = year_of(&c, i + 1)) > 0) {
				end = i + 1;
				set(&t.date, y, m, 0);
				ok = 1;
			} else if (doc_known(doc) && m != 5 && i > 0 &&
			           (is_word(&c, i - 1, "in") || is_word(&c, i - 1, "since") ||
			            is_word(&c, i - 1, "last") || is_word(&c, i - 1, "early") ||
			            is_word(&c, i - 1, "late") || is_word(&c, i - 1, "mid") ||
			            is_word(&c, i - 1, "until") || is_word(&c, i - 1, "by"))) {
				set(&t.date, infer_year(doc, m, 0), m, 0);
				t.relative = 1;
				ok = 1;
			}
		} else if ((d = number_of(&c, i, 1)) >= 1 && d <= 31 && (m = month_of(&c, i + 1))) {
			/* 13 August (2017) */
			end = i + 1;
			if ((y = year_of(&c, end + 1)) > 0) {
				end++;
			} else if (doc_known(doc)) {
				y = infer_year(doc, m, d);
				t.relative = 1;
			}
			if (y > 0 && ent_date_valid(y, m, d)) {
				set(&t.date, y, m, d);
				ok = 1;
			}
		} else if ((y = year_of(&c, i)) > 0 && i > 0 &&
		           (is_word(&c, i - 1, "in") || is_word(&c, i - 1, "since") ||
		            is_word(&c, i - 1, "during") || is_word(&c, i - 1, "until") ||
		            is_word(&c, i - 1, "by") || is_word(&c, i - 1, "of") ||
		            is_word(&c, i - 1, "early") || is_word(&c, i - 1, "late") ||
		            is_word(&c, i - 1, "mid") || is_word(&c, i - 1, "before") ||
		            is_word(&c, i - 1, "after") || is_word(&c, i - 1, "the")) &&
		           !(i + 1 < ntokens && (tokens[i + 1].flags & ENT_TOK_NUMBER))) {
			/* in 2007 (but not "the 2016 Uri attacks" as a date of
			 * the sentence's event: a year before a noun is kept, the
			 * coder decides by attachment) */
			set(&t.date, y, 0, 0);
			ok = 1;
		} else if ((w = weekday_of(&c, i)) >= 0 && doc_known(doc) &&
		           doc->precision == ENT_DATE_DAY) {
			/* the last such weekday on or before the document date
			 * (news reports the week's past days); "next Monday" is
			 * after it */
			long days = ent_date_days(doc);
			long dow = ((days % 7) + 7 + 4) % 7;  /* 1970-01-01 was a Thursday */
			long back = (dow - w + 7) % 7;

			if (i > 0 && is_word(&c, i - 1, "next")) {
				start = i - 1;
				from_days(&t.date, days + (back == 0 ? 7 : 7 - back));
			} else {
				if (i > 0 && is_word(&c, i - 1, "last")) {
					start = i - 1;
					if (back == 0)
						back = 7;
				}
				from_days(&t.date, days - back);
			}
			t.relative = 1;
			ok = 1;
		} else if (doc_known(doc) && doc->precision == ENT_DATE_DAY &&
		           (is_word(&c, i, "today") || is_word(&c, i, "yesterday") ||
		            is_word(&c, i, "tomorrow") || is_word(&c, i, "tonight"))) {
			long days = ent_date_days(doc);

			from_days(&t.date, days + (is_word(&c, i, "yesterday") ? -1 :
			                            is_word(&c, i, "tomorrow") ? 1 : 0));
			t.relative = 1;
			ok = 1;
		} else if (doc_known(doc) && (is_word(&c, i, "last") || is_word(&c, i, "next") ||
		                              is_word(&c, i, "this")) && i + 1 < ntokens) {
			int dir = is_word(&c, i, "last") ? -1 : is_word(&c, i, "next") ? 1 : 0;
			long days = ent_date_days(doc);

			end = i + 1;
			if (is_word(&c, i + 1, "year")) {
				set(&t.date, doc->year + dir, 0, 0);
				ok = 1;
			} else if (is_word(&c, i + 1, "month") && doc->month) {
				int mm = doc->month + dir, yy = doc->year;

				if (mm < 1)
					mm = 12, yy--;
				if (mm > 12)
					mm = 1, yy++;
				set(&t.date, yy, mm, 0);
				ok = 1;
			} else if (is_word(&c, i + 1, "week") && doc->precision == ENT_DATE_DAY) {
				/* a week is kept at day precision: the middle of it */
				from_days(&t.date, days + 7 * dir);
				ok = 1;
			}
			t.relative = 1;
		}
		if (ok) {
			t.first = (uint32_t)start;
			t.last = (uint32_t)end;
			out[found++] = t;
			i = end + 1;
		} else {
			i++;
		}
	}
	return found;
}
