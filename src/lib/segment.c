/*
 * segment.c - tokenisation and sentence splitting, UD English conventions.
 *
 * Two passes over a document. The tokeniser cuts each run of non-space
 * characters (a chunk) into tokens: leading punctuation, a core word, and
 * trailing punctuation, with clitics, hyphens and slashes split inside the
 * core the way UD English EWT does. URLs, e-mail addresses, numbers and
 * abbreviations stay whole. The splitter then walks the tokens and decides
 * boundaries from terminal punctuation, the case of the next word,
 * abbreviations, line structure (paragraphs, titles, bylines, section
 * headers such as "BACKGROUND:") and quotation.
 *
 * Everything is allocated from the caller's arena; no malloc per token.
 */
#include <pthread.h>
#include <string.h>

#include "entente/builtin.h"
#include "entente/segment.h"
#include "entente/utf8.h"

/* ------------------------------------------------------------------ */
/* Word lists                                                          */

typedef struct word {
	const char *text;  /* lower case */
	size_t len;
} word;

#define W(s) {s, sizeof s - 1}

/* Abbreviations that keep their period (compared without case, without
 * the final period). Single letters and dotted letter sequences (U.S.,
 * e.g., a.m.) are recognised by shape. */
static const word abbreviations[] = {
	W("mr"), W("mrs"), W("ms"), W("dr"), W("prof"), W("gen"), W("lt"), W("col"),
	W("maj"), W("capt"), W("cpt"), W("sgt"), W("cmdr"), W("adm"), W("gov"),
	W("sen"), W("rep"), W("reps"), W("rev"), W("hon"), W("pres"), W("amb"),
	W("sr"), W("jr"), W("st"), W("ft"), W("mt"), W("no"), W("nos"), W("vol"),
	W("vols"), W("jan"), W("feb"), W("mar"), W("apr"), W("jun"), W("jul"),
	W("aug"), W("sep"), W("sept"), W("oct"), W("nov"), W("dec"), W("mon"),
	W("tue"), W("tues"), W("wed"), W("thu"), W("thur"), W("thurs"), W("fri"),
	W("sat"), W("sun"), W("inc"), W("ltd"), W("co"), W("corp"), W("bros"),
	W("dept"), W("univ"), W("assn"), W("ave"), W("blvd"), W("rd"), W("etc"),
	W("vs"), W("viz"), W("cf"), W("al"), W("approx"), W("est"), W("fig"),
	W("figs"), W("ed"), W("eds"), W("p"), W("pp"), W("ch"), W("ext"), W("tel"),
	W("attn"), W("arrv"), W("spec"), W("lb"), W("lbs"), W("oz"), W("eg"),
	W("ie"), W("mln"), W("bln"), W("ca"), W("apt"), W("msgr"), W("supt"),
	W("insp"), W("cmdt"), W("brig"), W("gens"), W("messrs"), W("mme"),
	W("mlle"), W("esq"), W("ala"), W("ariz"), W("ark"), W("calif"), W("colo"),
	W("conn"), W("del"), W("fla"), W("ga"), W("ill"), W("ind"), W("kan"),
	W("kans"), W("ky"), W("la"), W("md"), W("mass"), W("mich"), W("minn"),
	W("miss"), W("mo"), W("mont"), W("neb"), W("nev"), W("okla"), W("ore"),
	W("pa"), W("penn"), W("tenn"), W("tex"), W("va"), W("vt"), W("wash"),
	W("wis"), W("wyo"), {NULL, 0}
};

/* Abbreviations after which a sentence does not end even before a
 * capitalised word: titles and other words that precede a name or number. */
static const word title_abbreviations[] = {
	W("mr"), W("mrs"), W("ms"), W("dr"), W("prof"), W("gen"), W("lt"), W("col"),
	W("maj"), W("capt"), W("cpt"), W("sgt"), W("cmdr"), W("adm"), W("gov"),
	W("sen"), W("rep"), W("reps"), W("rev"), W("hon"), W("pres"), W("amb"),
	W("st"), W("ft"), W("mt"), W("no"), W("nos"), W("vol"), W("vols"), W("p"),
	W("pp"), W("ch"), W("fig"), W("figs"), W("jan"), W("feb"), W("mar"),
	W("apr"), W("jun"), W("jul"), W("aug"), W("sep"), W("sept"), W("oct"),
	W("nov"), W("dec"), W("vs"), W("cf"), W("ext"), W("tel"), W("attn"),
	W("apt"), W("msgr"), W("supt"), W("insp"), W("cmdt"), W("brig"), W("gens"),
	W("messrs"), W("mme"), W("mlle"), W("approx"), W("ca"), {NULL, 0}
};

/* Capitalised words that usually begin a sentence; after an abbreviation
 * that could end a sentence ("in the U.S. The ..."), they say it did. */
static const word sentence_starters[] = {
	W("the"), W("a"), W("an"), W("he"), W("she"), W("it"), W("they"), W("we"),
	W("i"), W("you"), W("this"), W("that"), W("these"), W("those"), W("there"),
	W("but"), W("and"), W("or"), W("so"), W("yet"), W("however"), W("in"),
	W("on"), W("at"), W("for"), W("as"), W("if"), W("when"), W("while"),
	W("after"), W("before"), W("since"), W("although"), W("though"), W("his"),
	W("her"), W("its"), W("their"), W("our"), W("my"), W("your"), W("what"),
	W("who"), W("why"), W("how"), W("where"), W("meanwhile"), W("moreover"),
	W("still"), W("then"), W("now"), W("today"), W("yesterday"), W("also"),
	W("many"), W("some"), W("most"), W("both"), W("all"), W("no"), W("not"),
	W("one"), W("nevertheless"), W("indeed"), W("instead"), W("thus"),
	W("first"), W("second"), W("finally"), W("earlier"), W("later"), W("last"),
	W("during"), W("under"), W("with"), W("from"), W("by"), W("to"),
	W("neither"), W("nor"), W("such"), W("each"), W("every"), W("few"),
	W("several"), W("other"), W("another"), W("despite"), W("because"),
	W("unless"), W("until"), W("whether"), W("whereas"), W("besides"),
	W("furthermore"), W("nonetheless"), W("accordingly"), W("consequently"),
	W("hence"), W("therefore"), W("here"), W("only"), W("even"), W("much"),
	W("more"), W("less"), W("given"), W("according"), W("unlike"), W("like"),
	W("among"), W("about"), W("over"), W("against"), W("without"), W("within"),
	W("through"), W("beyond"), W("following"), W("next"), W("yes"),
	W("perhaps"), W("maybe"), W("once"), W("either"), W("let"), W("do"),
	W("does"), W("did"), W("is"), W("are"), W("was"), W("were"), W("has"),
	W("have"), W("had"), W("will"), W("would"), W("can"), W("could"),
	W("should"), W("may"), W("might"), W("must"), W("which"), W("whose"),
	W("whom"), W("what"), W("any"), W("none"), W("nothing"), W("everyone"),
	W("nobody"), W("people"), W("officials"), W("analysts"), W("critics"),
	W("experts"), {NULL, 0}
};

/* Prefixes that UD English keeps attached to the word after the hyphen
 * ("co-workers", "post-war", "e-mail"). */
static const word hyphen_prefixes[] = {
	W("e"), W("co"), W("non"), W("pre"), W("post"), W("anti"), W("pro"),
	W("ex"), W("multi"), W("mid"), W("re"), W("semi"), W("un"), W("de"),
	W("inter"), W("intra"), W("sub"), W("vice"), W("neo"), W("quasi"),
	W("pseudo"), W("mis"), {NULL, 0}
};

/* Whole words that UD English splits into two: "cannot" -> can not. The
 * number is the length of the first part. */
static const struct { const char *word; size_t len; int first; } split_words[] = {
	{"cannot", 6, 3}, {"gonna", 5, 3}, {"wanna", 5, 3}, {"gotta", 5, 3}, {"dont", 4, 2},
	{"doesnt", 6, 4}, {"didnt", 5, 3}, {"cant", 4, 2}, {"wont", 4, 2}, {"isnt", 4, 2},
	{"arent", 5, 3}, {"wasnt", 5, 3}, {"werent", 6, 4}, {"havent", 6, 4}, {"hasnt", 5, 3},
	{"hadnt", 5, 3}, {"couldnt", 7, 5}, {"wouldnt", 7, 5}, {"shouldnt", 8, 6},
	{"aint", 4, 2}, {"lemme", 5, 3}, {"gimme", 5, 3}, {NULL, 0, 0}
};

/* Whether s[0..len) equals (ignoring ASCII case) one of list. Lists are
 * short and the length check rejects most entries at once. */
static int in_list(const word *list, const char *s, size_t len)
{
	size_t i;
	unsigned char first;

	if (len == 0 || len > 16)
		return 0;
	first = (unsigned char)(s[0] | 32);
	for (i = 0; list[i].text; i++)
		if (list[i].len == len && (unsigned char)list[i].text[0] == first &&
		    strncasecmp(list[i].text, s, len) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Characters                                                          */

typedef struct seg_state {
	const char *text;
	size_t len;
	ent_arena *arena;
	ent_token *tokens;
	size_t ntokens, cap;
	int failed;
} seg_state;

/* Code point at text[i] and its length in *n; -1 for invalid bytes. */
/* ent_uc_is_letter, _upper, _lower and _digit with their ASCII answers
 * (the same as utf8.c's) inline: the segmenter asks about every
 * character. */
static inline int uc_letter(int32_t c)
{
	return c < 0x80 ? (c | 32) >= 'a' && (c | 32) <= 'z' : ent_uc_is_letter(c);
}

static inline int uc_upper(int32_t c)
{
	return c < 0x80 ? c >= 'A' && c <= 'Z' : ent_uc_is_upper(c);
}

static inline int uc_lower(int32_t c)
{
	return c < 0x80 ? c >= 'a' && c <= 'z' : ent_uc_is_lower(c);
}

static inline int uc_digit(int32_t c)
{
	return c < 0x80 ? c >= '0' && c <= '9' : ent_uc_is_digit(c);
}

/* (ASCII, nearly every character, without the call) */
static inline int32_t cp_at(const seg_state *st, size_t i, int *n)
{
	if (i < st->len && (unsigned char)st->text[i] < 0x80) {
		*n = 1;
		return (unsigned char)st->text[i];
	}
	return ent_utf8_decode(st->text + i, st->len - i, n);
}

/* The code point that ends before text[i] and its length. */
static int32_t cp_before(const char *text, size_t i, int *n)
{
	size_t j = i;

	if (i == 0) {
		*n = 0;
		return -1;
	}
	do
		j--;
	while (j > 0 && i - j < 4 && ((unsigned char)text[j] & 0xC0) == 0x80);
	return ent_utf8_decode(text + j, i - j, n);
}

static inline int is_space_cp(int32_t c)
{
	if (c >= 0 && c < 0x80)  /* as ent_uc_is_space says for ASCII */
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	return ent_uc_is_space(c);
}

static int is_alnum_cp(int32_t c)
{
	return uc_letter(c) || uc_digit(c);
}

static int is_apostrophe(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static int is_dash(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 ||
	       c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212;
}

/* Opening punctuation split off the front of a chunk. */
static int is_opening(int32_t c)
{
	return c == '"' || c == '(' || c == '[' || c == '{' || c == '<' ||
	       c == '`' || c == 0x201C || c == 0x2018 || c == 0x201E ||
	       c == 0x00AB || c == 0x2039 || c == 0x300C || c == 0x201A ||
	       c == '\'' || c == '*' || c == '#' || c == '~' || c == 0xBF ||
	       c == 0xA1 || c == 0x2022 || c == 0xB7 || c == 0x25CF || c == '>' ||
	       c == '$' || c == 0xA3 || c == 0x20AC || c == 0xA5 || c == 0x20B9 ||
	       c == '&' || c == '=' || c == '+' || c == '|' || c == '^' || c == '_';
}

/* Closing punctuation split off the end of a chunk. */
static int is_closing(int32_t c)
{
	return c == '"' || c == ')' || c == ']' || c == '}' || c == '>' ||
	       c == ',' || c == ';' || c == ':' || c == 0x201D || c == 0x2019 ||
	       c == 0x00BB || c == 0x203A || c == 0x300D || c == '\'' ||
	       c == '*' || c == '%' || c == 0x2026 || c == '~' || c == '|' ||
	       c == '=' || c == '+' || c == '_' || c == '^' || c == 0xB0;
}

static int is_terminal(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C ||
	       c == 0x2047 || c == 0x2048 || c == 0x2049;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static void emit(seg_state *st, size_t start, size_t end)
{
	ent_token *t;
	int n;
	int32_t c;
	size_t i;
	int letters = 0, upper = 0, digits = 0;

	if (st->failed || end <= start)
		return;
	if (st->ntokens == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 256;
		ent_token *grown = ent_arena_alloc(st->arena, cap * sizeof *grown);

		if (!grown) {
			st->failed = 1;
			return;
		}
		if (st->ntokens)
			memcpy(grown, st->tokens, st->ntokens * sizeof *grown);
		st->tokens = grown;
		st->cap = cap;
	}
	t = &st->tokens[st->ntokens++];
	memset(t, 0, sizeof *t);
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->head = -1;
	for (i = start; i < end; i += (size_t)n) {
		c = cp_at(st, i, &n);
		if (uc_letter(c)) {
			letters++;
			upper += uc_upper(c);
		} else if (uc_digit(c)) {
			digits++;
		}
		if (i == start) {
			if (uc_upper(c))
				t->flags |= ENT_TOK_CAPITAL;
			if (uc_digit(c))
				t->flags |= ENT_TOK_NUMBER;
		}
	}
	if (letters && upper == letters)
		t->flags |= ENT_TOK_ALLCAPS;
	if (!letters && !digits)
		t->flags |= ENT_TOK_PUNCT;
	if (end - start > 1 && st->text[end - 1] == '.' && letters)
		t->flags |= ENT_TOK_ABBREV;
}

/* Emits a clitic split from the token before it (one UD surface token). */
static void emit_joined(seg_state *st, size_t start, size_t end)
{
	size_t before = st->ntokens;

	emit(st, start, end);
	if (st->ntokens > before && before > 0 && st->tokens[before - 1].end == start)
		st->tokens[before].flags |= ENT_TOK_JOINED;
}

/* Length of a URL or e-mail address at s[0..len), or 0. */
static size_t protected_length(const char *s, size_t len)
{
	size_t i, at = 0, dots = 0;
	char c0 = (char)(s[0] | 32);

	if ((c0 == 'h' || c0 == 'w' || c0 == 'f') && ((len > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (len > 8 && strncasecmp(s, "https://", 8) == 0) ||
	    (len > 4 && strncasecmp(s, "www.", 4) == 0) ||
	    (len > 6 && strncasecmp(s, "ftp://", 6) == 0))) {
		/* To the end of the chunk, less trailing punctuation. */
		i = len;
		while (i > 0 && strchr(".,;:!?)\"']>", s[i - 1]))
			i--;
		return i;
	}
	if (!memchr(s, '@', len))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '@' && i > 0)
			at = i;
		else if (s[i] == '.' && at)
			dots++;
		else if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') &&
		         !(s[i] >= '0' && s[i] <= '9') && !strchr("._-+%", s[i]))
			break;
	}
	if (at && dots) {
		while (i > at && s[i - 1] == '.')
			i--;
		return i;
	}
	return 0;
}

/* Emoticons kept as one token. */
static size_t emoticon_length(const char *s, size_t len)
{
	static const char *const faces[] = {
		":-)", ":-(", ":-D", ";-)", ":-P", ":-p", ":)", ":(", ":D", ";)",
		":P", ":p", ":/", ":-/", "<3", ":'(", "=)", "^_^", "XD", NULL
	};
	size_t i, n;

	if (len < 2 || len > 4 || !strchr(":;<=^X", s[0]))
		return 0;
	for (i = 0; faces[i]; i++) {
		n = strlen(faces[i]);
		if (len == n && memcmp(s, faces[i], n) == 0)
			return n;
	}
	return 0;
}

/* Whether the word w[0..n) (without a final period) followed by a period
 * is an abbreviation: a known one, a single letter (an initial), or
 * dotted letters ("U.S", "e.g", "a.m"). */
static int is_abbreviation(const char *w, size_t n)
{
	size_t i;
	int letters = 0, dots = 0, run = 0;

	if (n == 0)
		return 0;
	if (in_list(abbreviations, w, n))
		return 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c == '.') {
			if (run == 0 || run > 2)
				return 0;
			dots++;
			run = 0;
		} else if (((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80) {
			letters++;
			run++;
		} else {
			return 0;
		}
	}
	if (dots == 0)
		return n == 1 && ((w[0] >= 'A' && w[0] <= 'Z'));  /* initial */
	return run >= 1 && run <= 2;
}

/* Whether w[0..n) looks like a phone number or code (713-853-3989,
 * 345-9945, 1-800-991-9019): digit groups joined by hyphens where some
 * group has three or more digits and the last has four. A range such as
 * 1969-1970 or 4-12 is not one (UD splits it). */
static int phone_like(const char *w, size_t n)
{
	size_t i, group = 0, groups = 1, last = 0;
	int big = 0;

	for (i = 0; i < n; i++) {
		if (w[i] >= '0' && w[i] <= '9') {
			group++;
		} else if (w[i] == '-') {
			if (group >= 3)
				big = 1;
			groups++;
			group = 0;
		} else {
			return 0;
		}
	}
	last = group;
	return groups >= 2 && last == 4 && (big || groups >= 3) &&
	       !(groups == 2 && group == 4 && w[0] != '0' && n == 9 &&
	         (w[0] == '1' || w[0] == '2'));  /* 1969-1970 */
}

/* Units that UD splits from the number before them (170m, 5pm, 10km). */
static const word number_units[] = {
	W("m"), W("bn"), W("b"), W("k"), W("km"), W("kg"), W("mm"), W("cm"),
	W("pm"), W("am"), W("mph"), W("lb"), W("lbs"), W("ft"), W("mb"), W("gb"),
	W("kb"), W("hrs"), W("hr"), W("min"), W("mins"), W("yrs"), W("yr"), W("mw"),
	W("gw"), W("kw"), W("mg"), W("ml"), W("sec"), W("secs"), W("x"), W("tn"),
	W("mn"), W("p.m."), W("a.m."), W("p.m"), W("a.m"), {NULL, 0}
};

/* Length of the number at the start of w[0..n) followed by a unit that
 * fills the rest, or 0. */
static size_t number_before_unit(const char *w, size_t n)
{
	size_t i = 0;

	while (i < n && ((w[i] >= '0' && w[i] <= '9') ||
	                 ((w[i] == '.' || w[i] == ',' || w[i] == ':') && i > 0 &&
	                  i + 1 < n && w[i + 1] >= '0' && w[i + 1] <= '9')))
		i++;
	if (i == 0 || i == n)
		return 0;
	return in_list(number_units, w + i, n - i) ? i : 0;
}

/* Splits the core of a chunk, [s, e), on clitics, hyphens, slashes and
 * inner punctuation, emitting tokens. */
static void split_core(seg_state *st, size_t s, size_t e)
{
	const char *t = st->text;
	size_t i, w, k;
	int n, m;
	int32_t c, prev, next;

	if (e <= s)
		return;
	/* Whole words that split: cannot -> can not (words of 4 to 8
	 * letters; the first letter is compared before the rest). */
	for (k = 0; e - s >= 4 && e - s <= 8 && split_words[k].word; k++) {
		size_t wl = split_words[k].len;

		if (e - s == wl && (t[s] | 32) == split_words[k].word[0] &&
		    strncasecmp(t + s, split_words[k].word, wl) == 0) {
			emit(st, s, s + (size_t)split_words[k].first);
			emit_joined(st, s + (size_t)split_words[k].first, e);
			return;
		}
	}
	k = number_before_unit(t + s, e - s);
	if (k) {
		emit(st, s, s + k);
		emit(st, s + k, e);
		return;
	}
	/* Clitics at the end: n't, 's, 're, 've, 'll, 'd, 'm. */
	for (i = s + 1; i < e; i += (size_t)n) {
		c = cp_at(st, i, &n);
		if (!is_apostrophe(c))
			continue;
		{
			size_t after = i + (size_t)n, rest = e - after;
			const char *r = t + after;
			int clitic = 0;

			if (rest == 1 && ((r[0] | 32) == 's' || (r[0] | 32) == 'd' || (r[0] | 32) == 'm'))
				clitic = 1;
			else if (rest == 2 && (strncasecmp(r, "re", 2) == 0 || strncasecmp(r, "ve", 2) == 0 ||
			                       strncasecmp(r, "ll", 2) == 0))
				clitic = 1;
			else if (rest == 1 && (r[0] | 32) == 't' && i > s + 1 && (t[i - 1] | 32) == 'n') {
				/* n't: the n goes with the clitic (do|n't, ca|n't) */
				split_core(st, s, i - 1);
				emit_joined(st, i - 1, e);
				return;
			}
			if (clitic) {
				split_core(st, s, i);
				emit_joined(st, i, e);
				return;
			}
		}
	}
	/* Inner punctuation. */
	w = s;
	for (i = s; i < e; i += (size_t)n) {
		c = cp_at(st, i, &n);
		if (is_alnum_cp(c) || c < 0)
			continue;
		prev = cp_before(t, i, &m);
		next = i + (size_t)n < e ? cp_at(st, i + (size_t)n, &m) : -1;
		if (is_dash(c)) {
			/* Digits on both sides (phone numbers, scores, ranges like
			 * 4-12) and prefixes such as co- and post- stay together. */
			if (i > w && uc_digit(prev) && uc_digit(next) &&
			    phone_like(t + w, e - w))
				continue;
			if (c == '-' && i > w && in_list(hyphen_prefixes, t + w, i - w) &&
			    next >= 0 && uc_letter(next))
				continue;
			/* Mixed letters and digits (codes like "F-16", "S-35")
			 * stay together when the digits follow the hyphen. */
			if (c == '-' && i > w && next >= 0 && uc_digit(next) &&
			    uc_upper(prev) && i - w <= 3)
				continue;
			emit(st, w, i);
			/* Runs of dashes are one token ("--"). */
			k = i + (size_t)n;
			while (k < e && is_dash(cp_at(st, k, &m)))
				k += (size_t)m;
			emit(st, i, k);
			n = (int)(k - i);
			w = k;
			continue;
		}
		if (c == '/') {
			/* Between digits (dates, fractions) it stays. */
			if (i > w && uc_digit(prev) && next >= 0 && uc_digit(next))
				continue;
			/* Short letter codes (l/c, w/o) stay. */
			if (i - w == 1 && next >= 0 && (i + (size_t)n + 1 >= e ||
			    !uc_letter(cp_at(st, i + (size_t)n + 1, &m))))
				continue;
			emit(st, w, i);
			emit(st, i, i + (size_t)n);
			w = i + (size_t)n;
			continue;
		}
		if (c == '.' || c == ',' || c == ':') {
			/* Numbers (3,000 2.5 10:30), dotted abbreviations and
			 * file or domain names stay whole. */
			if (i > w && next >= 0 && c == ',' && uc_digit(next) &&
			    uc_digit(prev))
				continue;
			if (i > w && next >= 0 && c != ',' && is_alnum_cp(next) && is_alnum_cp(prev))
				continue;
			if (c == '.' && next == '.') {
				/* An inner ellipsis: word...word */
				k = i;
				while (k < e && t[k] == '.')
					k++;
				if (k - i >= 2) {
					emit(st, w, i);
					emit(st, i, k);
					n = (int)(k - i);
					w = k;
				}
				continue;
			}
			if (c == '.' && prev >= 0 && uc_letter(prev))
				continue;
			emit(st, w, i);
			emit(st, i, i + (size_t)n);
			w = i + (size_t)n;
			continue;
		}
		if (c == '&' || c == '\'' || c == 0x2019 || c == '@' || c == '_' ||
		    c == '+' || c == '#' || c == '%' || c == '*') {
			/* AT&T, O'Brien, rock'n'roll, C++ stay whole. */
			continue;
		}
		if (c == '$' || c == 0xA3 || c == 0x20AC) {
			/* US$5 -> US$ 5 */
			emit(st, w, i + (size_t)n);
			w = i + (size_t)n;
			continue;
		}
		/* Brackets, quotes and other symbols inside a word. */
		if (c == '(' || c == ')' || c == '[' || c == ']' || c == '"' ||
		    c == 0x201C || c == 0x201D || c == ';' || c == '!' || c == '?' ||
		    c == '=' || c == '<' || c == '>' || c == 0x2026) {
			emit(st, w, i);
			emit(st, i, i + (size_t)n);
			w = i + (size_t)n;
			continue;
		}
	}
	if (w > s && (k = number_before_unit(t + w, e - w)) > 0) {
		emit(st, w, w + k);  /* US$20bn -> US$ 20 bn */
		emit(st, w + k, e);
		return;
	}
	emit(st, w, e);
}

/* Tokenises the chunk text[s..e) (no white space inside). */
static void tokenize_chunk(seg_state *st, size_t s, size_t e)
{
	const char *t = st->text;
	size_t tail_start[64], tail_end[64], ntail = 0, plen, k;
	unsigned char tail_joined[64] = {0};
	size_t chunk_start = s;
	int n, m;
	int32_t c;

	/* Leading punctuation. */
	while (s < e) {
		plen = protected_length(t + s, e - s);
		if (plen) {
			emit(st, s, s + plen);
			s += plen;
			continue;
		}
		if (emoticon_length(t + s, e - s)) {
			emit(st, s, e);
			return;
		}
		c = cp_at(st, s, &n);
		if (is_apostrophe(c) && s + (size_t)n < e) {
			/* '90s stays whole; 's, 're... at a chunk start are
			 * clitics and make the core ("Pakistan 's"). */
			size_t r = s + (size_t)n;
			size_t rest = e - r;

			if (uc_digit(cp_at(st, r, &m)))
				break;
			if ((rest == 1 && strchr("sdmSDM", t[r])) ||
			    (rest == 2 && (strncasecmp(t + r, "re", 2) == 0 ||
			                   strncasecmp(t + r, "ve", 2) == 0 ||
			                   strncasecmp(t + r, "ll", 2) == 0)))
				break;
		}
		if (is_dash(c)) {
			k = s;
			while (k < e && is_dash(cp_at(st, k, &m)))
				k += (size_t)m;
			if (c == '-' && k - s == 1 && k < e &&
			    uc_digit(cp_at(st, k, &m)))
				break;  /* a negative number */
			emit(st, s, k);
			s = k;
			continue;
		}
		if (c == '.') {
			if (s + 1 < e && uc_digit(cp_at(st, s + 1, &m)))
				break;  /* .5 */
			k = s;
			while (k < e && t[k] == '.')
				k++;
			emit(st, s, k);
			s = k;
			continue;
		}
		if ((c == '#' || c == '@') && s + 1 < e &&
		    is_alnum_cp(cp_at(st, s + 1, &m)))
			break;  /* hashtags and handles stay whole */
		if (is_opening(c) || ent_uc_is_punct(c) || ent_uc_is_symbol(c)) {
			k = s + (size_t)n;
			/* Runs of one ASCII mark are one token: << ** == `` '' */
			if (c < 0x80 && c != '(' && c != '[' && c != '"')
				while (k < e && t[k] == (char)c)
					k++;
			emit(st, s, k);
			s = k;
			continue;
		}
		break;
	}
	if (s >= e)
		return;
	/* Trailing punctuation, collected from the end. */
	while (e > s && ntail < 64) {
		int32_t last = cp_before(t, e, &m);
		size_t b = e;

		if (emoticon_length(t + s, e - s))
			break;
		if (is_terminal(last)) {
			/* A run of terminal marks ("...", "!!", "?!", ".?") is one
			 * token; a single period may belong to an abbreviation. */
			int32_t p;

			while (b > s) {
				p = cp_before(t, b, &m);
				if (is_terminal(p))
					b -= (size_t)m;
				else
					break;
			}
			if (b == s)
				break;  /* all dots: handled as the core */
			if (e - b == 1 && last == '.' && is_abbreviation(t + s, b - s))
				break;
		} else if (is_dash(last)) {
			/* A combining form keeps nothing: "Indo-" -> Indo - */
			while (b > s && is_dash(cp_before(t, b, &m)))
				b -= (size_t)m;
			if (b == s)
				break;
		} else if (is_closing(last) || ent_uc_is_punct(last) ||
		           (ent_uc_is_symbol(last) && last != '+' && last != '$')) {
			if (last == '#' || last == '@' || last == '&')
				break;
			if (last == '+' && b - s >= 2)
				break;  /* C++ */
			b -= (size_t)m;
			if (last < 0x80 && last != ')' && last != ']' && last != '"')
				while (b > s && t[b - 1] == (char)last)
					b--;
			if (b == s)
				break;
			if (is_apostrophe(last) && (t[b - 1] == 's' || t[b - 1] == 'S') &&
			    !is_apostrophe(cp_at(st, chunk_start, &n)) &&
			    cp_at(st, chunk_start, &n) != 0x2018) {
				/* plural possessive: taxpayers' (one UD surface token) */
				tail_joined[ntail] = 1;
			}
		} else {
			break;
		}
		tail_start[ntail] = b;
		tail_end[ntail] = e;
		ntail++;
		e = b;
	}
	if (e > s) {
		/* A core made only of dots ("...") or of punctuation. */
		split_core(st, s, e);
	}
	while (ntail > 0) {
		ntail--;
		if (tail_joined[ntail])
			emit_joined(st, tail_start[ntail], tail_end[ntail]);
		else
			emit(st, tail_start[ntail], tail_end[ntail]);
	}
}

/* Cuts text into chunks at white space and tokenises each; sets the
 * SPACE_AFTER and NEWLINE_AFTER flags from what follows each token. */
static void tokenize_all(seg_state *st)
{
	size_t i = 0, s, k;
	int n;

	while (i < st->len && !st->failed) {
		int32_t c = cp_at(st, i, &n);

		if (is_space_cp(c)) {
			i += (size_t)n;
			continue;
		}
		s = i;
		while (i < st->len) {
			c = cp_at(st, i, &n);
			if (is_space_cp(c))
				break;
			i += (size_t)n;
		}
		tokenize_chunk(st, s, i);
	}
	for (k = 0; k < st->ntokens; k++) {
		size_t end = st->tokens[k].end;
		size_t next = k + 1 < st->ntokens ? st->tokens[k + 1].start : st->len;

		for (i = end; i < next; i++) {
			if (st->text[i] == '\n')
				st->tokens[k].flags |= ENT_TOK_NEWLINE_AFTER;
			st->tokens[k].flags |= ENT_TOK_SPACE_AFTER;
		}
	}
}

/* Newlines between token k and token k+1 (2 means a paragraph break:
 * a blank line between them). */
static int newlines_after(const seg_state *st, size_t k)
{
	size_t i, end = st->tokens[k].end;
	size_t next = k + 1 < st->ntokens ? st->tokens[k + 1].start : st->len;
	int nl = 0;

	for (i = end; i < next; i++)
		if (st->text[i] == '\n')
			nl++;
	return nl;
}

/* Whether the text is hard-wrapped prose (lines broken at a fixed width
 * inside sentences), where a single newline does not end a sentence. */
static int is_wrapped(const char *text, size_t len, size_t *width)
{
	size_t i, start = 0, lines = 0, long_lines = 0, max = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || text[i] == '\n') {
			size_t l = i - start;

			if (l > 0) {
				lines++;
				if (l > max)
					max = l;
				if (l >= 50)
					long_lines++;
			}
			start = i + 1;
		}
	}
	*width = max;
	return lines >= 3 && max <= 120 && long_lines * 10 >= lines * 6;
}

/* Length of the line that ends just before offset pos (a newline). */
static size_t line_length_before(const char *text, size_t pos)
{
	size_t i = pos;

	while (i > 0 && text[i - 1] != '\n')
		i--;
	return pos - i;
}

static int tok_is(const seg_state *st, const ent_token *t, const char *s)
{
	size_t n = strlen(s);

	return t->end - t->start == n && memcmp(st->text + t->start, s, n) == 0;
}

/* A token made only of terminal marks: . ! ? ... */
static int tok_terminal(const seg_state *st, const ent_token *t)
{
	size_t i;
	int n;

	for (i = t->start; i < t->end; i += (size_t)n)
		if (!is_terminal(cp_at(st, i, &n)))
			return 0;
	return 1;
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int tok_closer(const seg_state *st, const ent_token *t)
{
	int n;
	int32_t c = cp_at(st, t->start, &n);

	if (t->end - t->start != (size_t)n)
		return 0;
	return c == 0x201D || c == 0x2019 || c == ')' || c == ']' || c == '}' ||
	       c == 0x00BB || c == '"' || c == '\'';
}

/* Whether token t is made of 1-2 digits, a period and 1-2 digits (the
 * day and month of "02.08. 2017"). */
static int tok_day_month(const seg_state *st, const ent_token *t)
{
	const char *w = st->text + t->start;
	size_t n = t->end - t->start, i, dot = 0;

	if (n < 3 || n > 5)
		return 0;
	for (i = 0; i < n; i++) {
		if (w[i] == '.' && !dot && i > 0)
			dot = i;
		else if (w[i] < '0' || w[i] > '9')
			return 0;
	}
	return dot && n - dot - 1 >= 1 && n - dot - 1 <= 2;
}

/* Whether token t is a year (four digits starting 1 or 2). */
static int tok_year(const seg_state *st, const ent_token *t)
{
	const char *w = st->text + t->start;

	return t->end - t->start == 4 && (w[0] == '1' || w[0] == '2') &&
	       w[1] >= '0' && w[1] <= '9' && w[2] >= '0' && w[2] <= '9' &&
	       w[3] >= '0' && w[3] <= '9';
}

/* Whether the sentence ends after the terminal mark at token mark (and
 * the closers up to token last): a capital, digit or opening quote after
 * it starts a new sentence; so does a lower-case word after a plain stop
 * or question mark, as in mail and chat ("where did you grow up? india?"),
 * but not after an ellipsis, after a quotation closed by the mark ("Why?"
 * she asked) or before punctuation that continues the sentence. */
static int can_follow_stop(const seg_state *st, size_t mark, size_t last)
{
	const ent_token *next = &st->tokens[last + 1];
	const ent_token *m = &st->tokens[mark];
	int n;
	int32_t c = cp_at(st, next->start, &n);

	if (uc_lower(c)) {
		if (last != mark)
			return 0;
		if (m->end - m->start > 1 && st->text[m->start] == '.')
			return 0;  /* ellipsis */
		if (cp_at(st, m->start, &n) == 0x2026)
			return 0;
		return 1;
	}
	if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']')
		return 0;
	/* "02.08. 2017": a date split by a space */
	if (mark == last && mark > 0 && tok_is(st, m, ".") &&
	    tok_day_month(st, &st->tokens[mark - 1]) && tok_year(st, next) &&
	    st->tokens[mark - 1].end == m->start)
		return 0;
	return 1;
}

/* Whether the abbreviation token t (ending in a period) can end a
 * sentence before next. */
static int abbrev_ends_sentence(const seg_state *st, const ent_token *t,
                                const ent_token *next)
{
	size_t n = t->end - t->start - 1;
	const char *w = st->text + t->start;

	if (in_list(title_abbreviations, w, n))
		return 0;
	if (n == 1)
		return 0;  /* an initial: "J. Smith" */
	if (!(next->flags & ENT_TOK_CAPITAL))
		return 0;
	return in_list(sentence_starters, st->text + next->start,
	               next->end - next->start);
}

/* Whether tokens [first, colon) are a section header: one to four
 * all-capital words at the start of a line. */
static int is_header(const seg_state *st, size_t first, size_t colon)
{
	size_t k;

	if (colon == first || colon - first > 4)
		return 0;
	for (k = first; k < colon; k++) {
		const ent_token *t = &st->tokens[k];

		if (!(t->flags & ENT_TOK_ALLCAPS) || t->end - t->start < 2 ||
		    (t->flags & ENT_TOK_PUNCT))
			return 0;
	}
	return 1;
}

static int add_sentence(seg_state *st, ent_segmentation *out, size_t *cap,
                        size_t first, size_t last, uint32_t flags)
{
	ent_sentence *s;

	if (out->nsents == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		ent_sentence *grown = ent_arena_alloc(st->arena, ncap * sizeof *grown);

		if (!grown)
			return ENT_ENOMEM;
		if (out->nsents)
			memcpy(grown, out->sents, out->nsents * sizeof *grown);
		out->sents = grown;
		*cap = ncap;
	}
	s = &out->sents[out->nsents++];
	s->first = (uint32_t)first;
	s->ntokens = (uint32_t)(last - first + 1);
	s->start = st->tokens[first].start;
	s->end = st->tokens[last].end;
	s->flags = flags;
	return ENT_OK;
}

/* What the rules say of the gap after each token. */
enum {
	GAP_BREAK = 1,   /* a sentence ends here */
	GAP_FIXED = 2,   /* decided by layout or structure; the model keeps it */
	GAP_HEADER = 4,  /* the sentence ending here is a section header */
	GAP_TITLE = 8,   /* ... a title or byline line */
	GAP_PARA = 16    /* the next sentence starts a paragraph */
};

/* Fills gap[k] for every token from the rules. */
static void rule_gaps(const seg_state *st, unsigned char *gap)
{
	size_t k, first = 0, width;
	int wrapped = is_wrapped(st->text, st->len, &width);

	for (k = 0; k < st->ntokens; k++) {
		const ent_token *t = &st->tokens[k];
		unsigned char g = 0;
		int nl;

		gap[k] = 0;
		if (k + 1 == st->ntokens) {
			g = GAP_BREAK | GAP_FIXED;
		} else if ((nl = newlines_after(st, k)) > 0) {
			if (nl >= 2) {
				g = GAP_BREAK | GAP_FIXED | GAP_PARA;
			} else if (!wrapped) {
				g = GAP_BREAK | GAP_FIXED;
			} else {
				size_t l = line_length_before(st->text, st->tokens[k].end);

				if (tok_terminal(st, t) || tok_closer(st, t) || l * 2 < width)
					g = GAP_BREAK | GAP_FIXED;
			}
			if ((g & GAP_BREAK) && !tok_terminal(st, t) && !tok_closer(st, t) &&
			    !tok_is(st, t, ":"))
				g |= GAP_TITLE;
		} else if (tok_is(st, t, ":") && is_header(st, first, k)) {
			g = GAP_BREAK | GAP_FIXED | GAP_HEADER;
		} else if (tok_terminal(st, t)) {
			/* Closing quotes and brackets right after the mark stay
			 * with this sentence. */
			size_t mark = k;

			while (k + 1 < st->ntokens && tok_closer(st, &st->tokens[k + 1]) &&
			       !(st->tokens[k].flags & ENT_TOK_SPACE_AFTER)) {
				gap[k] = GAP_FIXED;
				k++;
			}
			if (k + 1 == st->ntokens)
				g = GAP_BREAK | GAP_FIXED;
			else if (newlines_after(st, k) >= 2)
				g = GAP_BREAK | GAP_FIXED | GAP_PARA;
			else if (newlines_after(st, k) == 1)
				g = GAP_BREAK | GAP_FIXED;
			else if (can_follow_stop(st, mark, k))
				g = GAP_BREAK;
		} else if ((t->flags & ENT_TOK_ABBREV) &&
		           (t->flags & ENT_TOK_SPACE_AFTER)) {
			if (abbrev_ends_sentence(st, t, &st->tokens[k + 1]))
				g = GAP_BREAK;
		}
		gap[k] = g;
		if (g & GAP_BREAK)
			first = k + 1;
	}
}

/* ------------------------------------------------------------------ */
/* The boundary model: an averaged perceptron over the gaps the rules  */
/* leave open, with the rules' own decision among its features. It     */
/* learns what punctuation alone does not show: mail headers and       */
/* signatures, lines run together, headlines before a sentence.        */

#define SPLIT_MAGIC "ENTSS\001\0\0"
#define SPLIT_MAX_FEATS 32
#define SPLIT_MARGIN 2.0f

struct ent_splitter {
	uint32_t mask;     /* table size - 1 (a power of two) */
	float *weights;
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* A coarse class of a token: word shape for the model. */
static char tok_class(const seg_state *st, const ent_token *t)
{
	int n;
	int32_t c = cp_at(st, t->start, &n);

	if (t->flags & ENT_TOK_NUMBER)
		return 'd';
	if (t->flags & ENT_TOK_PUNCT) {
		if (tok_terminal(st, t))
			return '.';
		if (tok_closer(st, t))
			return ')';
		return c == ',' ? ',' : c == ':' ? ':' : is_dash(c) ? '-' : 'p';
	}
	if (t->flags & ENT_TOK_ALLCAPS)
		return t->end - t->start == 1 ? 'C' : 'A';
	if (t->flags & ENT_TOK_CAPITAL)
		return 'X';
	if (uc_letter(c))
		return 'x';
	return 'o';
}

/* The lower-cased form of a token, cut to 24 bytes, into buf. */
static size_t tok_lower(const seg_state *st, const ent_token *t, char *buf)
{
	size_t n = t->end - t->start, i;

	if (n > 24)
		n = 24;
	for (i = 0; i < n; i++) {
		char c = st->text[t->start + i];

		buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	return n;
}

/* Hashes of the features of the gap after token k. since is the number of
 * tokens since the last boundary; rule is the rules' decision. */
static size_t gap_features(const seg_state *st, size_t k, int rule,
                           size_t since, uint64_t *f)
{
	char w[4][32], cls[4];
	size_t wl[4], n = 0, i;
	ptrdiff_t off[4] = {-1, 0, 1, 2};
	char len_bucket = since < 3 ? 'a' : since < 6 ? 'b' : since < 11 ? 'c' :
	                  since < 21 ? 'd' : 'e';
	char r = rule ? 'R' : 'r';
	uint64_t base = 1469598103934665603ULL;

	for (i = 0; i < 4; i++) {
		ptrdiff_t j = (ptrdiff_t)k + off[i];

		if (j < 0 || (size_t)j >= st->ntokens) {
			memcpy(w[i], "<>", 2);
			wl[i] = 2;
			cls[i] = '_';
		} else {
			wl[i] = tok_lower(st, &st->tokens[j], w[i]);
			cls[i] = tok_class(st, &st->tokens[j]);
		}
	}
	/* index 1 is the token before the gap, 2 the one after */
#define F1(tag, a, an) (f[n++] = fnv(fnv(base, tag, 2), a, an))
#define F2(tag, a, an, b, bn) (f[n++] = fnv(fnv(fnv(fnv(base, tag, 2), a, an), "|", 1), b, bn))
	F1("b_", "", 0);
	F1("r_", &r, 1);
	F1("w0", w[1], wl[1]);
	F1("w1", w[2], wl[2]);
	F1("wm", w[0], wl[0]);
	F1("wp", w[3], wl[3]);
	F2("rw", &r, 1, w[1], wl[1]);
	F2("rx", &r, 1, w[2], wl[2]);
	F2("c0", &r, 1, &cls[1], 1);
	F2("c1", &r, 1, &cls[2], 1);
	F2("cc", &cls[1], 1, &cls[2], 1);
	F2("cC", cls, 2, cls + 2, 2);
	F2("wc", w[1], wl[1], &cls[2], 1);
	F2("cw", &cls[1], 1, w[2], wl[2]);
	F2("ww", w[1], wl[1], w[2], wl[2]);
	F2("rl", &r, 1, &len_bucket, 1);
	F2("lc", &len_bucket, 1, &cls[2], 1);
	F2("sp", &r, 1, (st->tokens[k].flags & ENT_TOK_SPACE_AFTER) ? "s" : "n", 1);
	if (wl[1] >= 3)
		F2("s0", &cls[1], 1, w[1] + wl[1] - 3, 3);
#undef F1
#undef F2
	return n;
}

static float gap_score(const ent_splitter *m, const uint64_t *f, size_t n)
{
	float s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += m->weights[f[i] & m->mask];
	return s;
}

int ent_splitter_load(ent_splitter **out, const void *data, size_t len)
{
	const unsigned char *d = data;
	ent_splitter *m;
	uint32_t bits;

	*out = NULL;
	if (len < 12 || memcmp(d, SPLIT_MAGIC, 8) != 0)
		return ent_error_set(ENT_EFORMAT, "not an entente sentence-splitter model (bad magic)");
	bits = (uint32_t)d[8] | (uint32_t)d[9] << 8 | (uint32_t)d[10] << 16 | (uint32_t)d[11] << 24;
	if (bits < 8 || bits > 24 || len != 12 + ((size_t)4 << bits))
		return ent_error_set(ENT_EFORMAT, "sentence-splitter model: bad size (%zu bytes, %u bits)",
		                     len, bits);
	m = ent_malloc(sizeof *m);
	if (!m)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	m->mask = (1u << bits) - 1;
	m->weights = ent_malloc((size_t)4 << bits);
	if (!m->weights) {
		ent_free(m);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	memcpy(m->weights, d + 12, (size_t)4 << bits);  /* little-endian IEEE floats */
	*out = m;
	return ENT_OK;
}

void ent_splitter_free(ent_splitter *m)
{
	if (!m)
		return;
	ent_free(m->weights);
	ent_free(m);
}

/* Whether the model is asked about the gap after token k. It may remove
 * any break the rules made; it may add one only after a token that could
 * end a line of mail or a label (not after a comma, a plain word or an
 * editorial bracket "[Prime Minister Narendra] Modi"). This keeps it off
 * most gaps, which is also what keeps segmentation fast. */
static int model_may_decide(const seg_state *st, size_t k, int rule_break)
{
	char c;

	if (rule_break)
		return 1;
	if (k + 1 >= st->ntokens)
		return 0;
	c = tok_class(st, &st->tokens[k]);
	if (c == 'x' || c == ',' || c == '-')
		return 0;
	if (c == ')' && st->text[st->tokens[k].start] == ']')
		return 0;
	c = tok_class(st, &st->tokens[k + 1]);
	return c != 'x' && c != ',' && c != ')' && c != '.';
}

/* Applies the model to the open gaps, left to right. */
static void model_gaps(const seg_state *st, const ent_splitter *m, unsigned char *gap)
{
	size_t k, since = 0;
	uint64_t f[SPLIT_MAX_FEATS];

	for (k = 0; k < st->ntokens; k++) {
		since++;
		if (!(gap[k] & GAP_FIXED) && model_may_decide(st, k, gap[k] & GAP_BREAK)) {
			size_t n = gap_features(st, k, gap[k] & GAP_BREAK, since, f);

			float score = gap_score(m, f, n);

			/* The model overrules the rules only with a margin: on EWT
			 * dev a margin of 2 keeps most of what the model gains on
			 * web text while edited news (UD PUD) and the mission
			 * documents split exactly as by the rules. */
			if ((gap[k] & GAP_BREAK) ? score < -SPLIT_MARGIN : score > SPLIT_MARGIN)
				gap[k] ^= GAP_BREAK;
		}
		if (gap[k] & GAP_BREAK)
			since = 0;
	}
}

/* Builds the sentences from the gaps. */
static int split_sentences(seg_state *st, ent_segmentation *out,
                           const ent_splitter *model)
{
	size_t k, first = 0, cap = 0;
	uint32_t flags = ENT_SENT_PARA;
	unsigned char *gap = ent_arena_alloc(st->arena, st->ntokens);
	int rc;

	if (!gap)
		return ENT_ENOMEM;
	rule_gaps(st, gap);
	if (model)
		model_gaps(st, model, gap);
	for (k = 0; k < st->ntokens; k++) {
		if (!(gap[k] & GAP_BREAK))
			continue;
		rc = add_sentence(st, out, &cap, first, k,
		                  flags | (gap[k] & GAP_HEADER ? ENT_SENT_HEADER : 0) |
		                  (gap[k] & GAP_TITLE ? ENT_SENT_TITLE : 0));
		if (rc)
			return rc;
		first = k + 1;
		flags = gap[k] & GAP_PARA ? ENT_SENT_PARA : 0;
	}
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* Training                                                            */

static int run_tokens(seg_state *st, ent_segmentation *out, const char *text,
                      size_t len, ent_arena *arena);

typedef struct train_doc {
	char *text;
	size_t len;
	uint32_t *ends;  /* gold sentence end offsets, ascending */
	size_t nends;
} train_doc;

struct ent_splitter_trainer {
	train_doc *docs;
	size_t ndocs, cap;
};

int ent_splitter_trainer_new(ent_splitter_trainer **out)
{
	*out = ent_calloc(1, sizeof **out);
	return *out ? ENT_OK : ent_error_set(ENT_ENOMEM, "out of memory");
}

void ent_splitter_trainer_free(ent_splitter_trainer *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ndocs; i++) {
		ent_free(t->docs[i].text);
		ent_free(t->docs[i].ends);
	}
	ent_free(t->docs);
	ent_free(t);
}

int ent_splitter_trainer_add(ent_splitter_trainer *t, const char *text, size_t len,
                             const uint32_t *ends, size_t nends)
{
	train_doc *d;

	if (t->ndocs == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		train_doc *grown = ent_realloc(t->docs, cap * sizeof *grown);

		if (!grown)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		t->docs = grown;
		t->cap = cap;
	}
	d = &t->docs[t->ndocs];
	d->text = ent_strndup(text, len);
	d->ends = ent_malloc((nends ? nends : 1) * sizeof *ends);
	if (!d->text || !d->ends) {
		ent_free(d->text);
		ent_free(d->ends);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	memcpy(d->ends, ends, nends * sizeof *ends);
	d->len = len;
	d->nends = nends;
	t->ndocs++;
	return ENT_OK;
}

/* Gold label of the gap after token k: +1 when a gold sentence ends
 * between the end of token k and the start of token k+1. */
static int gold_label(const seg_state *st, size_t k, const train_doc *d, size_t *cursor)
{
	uint32_t lo = st->tokens[k].end;
	uint32_t hi = k + 1 < st->ntokens ? st->tokens[k + 1].start : (uint32_t)st->len;

	while (*cursor < d->nends && d->ends[*cursor] < lo)
		(*cursor)++;
	return *cursor < d->nends && d->ends[*cursor] <= hi ? 1 : -1;
}

int ent_splitter_trainer_run(ent_splitter_trainer *t, int epochs, unsigned bits,
                             ent_buf *model_out)
{
	size_t size = (size_t)1 << bits, i, k;
	float *w = NULL, *acc = NULL;
	ent_arena *arena = NULL;
	double c = 1;
	int rc = ENT_OK, e;
	uint64_t f[SPLIT_MAX_FEATS];

	if (bits < 8 || bits > 24)
		return ent_error_set(ENT_EINVALID, "model size must be 2^8 to 2^24");
	w = ent_calloc(size, sizeof *w);
	acc = ent_calloc(size, sizeof *acc);
	if (!w || !acc || ent_arena_new(&arena, 1 << 20)) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory");
		goto done;
	}
	for (e = 0; e < epochs; e++) {
		for (i = 0; i < t->ndocs; i++) {
			const train_doc *d = &t->docs[i];
			ent_segmentation seg;
			seg_state st;
			unsigned char *gap;
			size_t since = 0, cursor = 0;
			ent_splitter cur = {(uint32_t)size - 1, w};

			ent_arena_reset(arena);
			if ((rc = run_tokens(&st, &seg, d->text, d->len, arena)) != 0)
				goto done;
			if (st.ntokens == 0)
				continue;
			gap = ent_arena_alloc(arena, st.ntokens);
			if (!gap) {
				rc = ENT_ENOMEM;
				goto done;
			}
			rule_gaps(&st, gap);
			for (k = 0; k < st.ntokens; k++) {
				int y = gold_label(&st, k, d, &cursor), pred;
				size_t n, j;

				since++;
				if ((gap[k] & GAP_FIXED) || !model_may_decide(&st, k, gap[k] & GAP_BREAK)) {
					if (gap[k] & GAP_BREAK)
						since = 0;
					continue;
				}
				n = gap_features(&st, k, gap[k] & GAP_BREAK, since, f);
				pred = gap_score(&cur, f, n) > 0 ? 1 : -1;
				if (pred != y) {
					for (j = 0; j < n; j++) {
						w[f[j] & (size - 1)] += (float)y;
						acc[f[j] & (size - 1)] += (float)(c * y);
					}
				}
				c++;
				if (pred > 0)
					since = 0;
			}
		}
	}
	/* Averaged weights: w - acc / c. */
	for (i = 0; i < size; i++)
		w[i] -= acc[i] / (float)c;
	rc = ent_buf_put(model_out, SPLIT_MAGIC, 8);
	if (!rc) {
		unsigned char b[4] = {(unsigned char)bits, 0, 0, 0};

		rc = ent_buf_put(model_out, b, 4);
	}
	if (!rc)
		rc = ent_buf_put(model_out, w, size * sizeof *w);
done:
	ent_free(w);
	ent_free(acc);
	ent_arena_free(arena);
	return rc;
}

/* Tokenises text into st and seg (tokens only). */
static int run_tokens(seg_state *st, ent_segmentation *out, const char *text,
                      size_t len, ent_arena *arena)
{
	memset(out, 0, sizeof *out);
	if (len > ((size_t)1 << 31))
		return ent_error_set(ENT_ELIMIT, "text longer than 2 GiB");
	memset(st, 0, sizeof *st);
	st->text = text;
	st->len = len;
	st->arena = arena;
	st->cap = len / 4 + 16;
	st->tokens = ent_arena_alloc(arena, st->cap * sizeof *st->tokens);
	if (!st->tokens)
		return ENT_ENOMEM;
	tokenize_all(st);
	if (st->failed)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	out->tokens = st->tokens;
	out->ntokens = st->ntokens;
	return ENT_OK;
}

int ent_segment_with(ent_segmentation *out, const char *text, size_t len,
                     const ent_splitter *model, ent_arena *arena)
{
	seg_state st;
	int rc = run_tokens(&st, out, text, len, arena);

	if (rc || st.ntokens == 0)
		return rc;
	rc = split_sentences(&st, out, model);
	return rc ? ent_error_set(rc, "out of memory") : ENT_OK;
}

/* The built-in boundary model, loaded once. */
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static ent_splitter *builtin_model;

static void load_builtin(void)
{
	const ent_builtin_file *f = ent_builtin_find("data/model/sentsplit.bin");

	if (f)
		ent_splitter_load(&builtin_model, f->data, f->size);
}

const ent_splitter *ent_splitter_builtin(void)
{
	pthread_once(&builtin_once, load_builtin);
	return builtin_model;
}

int ent_segment(ent_segmentation *out, const char *text, size_t len,
                ent_arena *arena)
{
	return ent_segment_with(out, text, len, ent_splitter_builtin(), arena);
}

int ent_tokenize(ent_segmentation *out, const char *text, size_t len,
                 ent_arena *arena)
{
	seg_state st;
	size_t cap = 0;
	int rc = run_tokens(&st, out, text, len, arena);

	if (rc || st.ntokens == 0)
		return rc;
	rc = add_sentence(&st, out, &cap, 0, st.ntokens - 1, 0);
	return rc ? ent_error_set(rc, "out of memory") : ENT_OK;
}

static const char *const upos_names[ENT_UPOS_COUNT] = {
	"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"
};

const char *ent_upos_name(int upos)
{
	return upos > 0 && upos < ENT_UPOS_COUNT ? upos_names[upos] : "_";
}

int ent_upos_parse(const char *name, size_t len)
{
	int i;

	for (i = 1; i < ENT_UPOS_COUNT; i++)
		if (strlen(upos_names[i]) == len && memcmp(upos_names[i], name, len) == 0)
			return i;
	return -1;
}
