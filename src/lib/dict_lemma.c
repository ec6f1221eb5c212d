/*
 * dict_lemma.c - English word forms for the dictionaries: base-form
 * candidates of an inflected word (for matching lemma patterns when the
 * tagger has not set lemmas), the inflected forms that PETRARCH generates
 * for its verbs and nouns, and the short English words that a PETRARCH
 * one-word actor must not match in lower case.
 *
 * The candidates are guesses: "visited" gives visit and visite, "tries"
 * gives try and trie. Only candidates that are dictionary words are used,
 * so a wrong guess costs a hash probe and nothing else.
 */
#include <string.h>

#include "dict_int.h"

/* Irregular forms and their base form, sorted by form. */
static const struct irregular { const char *form, *base; } irregulars[] = {
	{"abode", "abide"}, {"analyses", "analysis"}, {"are", "be"}, {"arisen", "arise"},
	{"arose", "arise"}, {"ate", "eat"}, {"awoke", "awake"}, {"bade", "bid"},
	{"beaten", "beat"}, {"became", "become"}, {"been", "be"}, {"began", "begin"},
	{"begun", "begin"}, {"bent", "bend"}, {"bit", "bite"}, {"bitten", "bite"},
	{"bled", "bleed"}, {"blew", "blow"}, {"blown", "blow"}, {"bore", "bear"},
	{"borne", "bear"}, {"bought", "buy"}, {"bound", "bind"}, {"bred", "breed"},
	{"broke", "break"}, {"broken", "break"}, {"brought", "bring"}, {"built", "build"},
	{"burnt", "burn"}, {"came", "come"}, {"caught", "catch"}, {"children", "child"},
	{"chose", "choose"}, {"chosen", "choose"}, {"clung", "cling"}, {"crept", "creep"},
	{"crises", "crisis"}, {"dealt", "deal"}, {"did", "do"}, {"does", "do"},
	{"done", "do"}, {"drank", "drink"}, {"drawn", "draw"}, {"dreamt", "dream"},
	{"drew", "draw"}, {"driven", "drive"}, {"drove", "drive"}, {"drunk", "drink"},
	{"dug", "dig"}, {"dwelt", "dwell"}, {"eaten", "eat"}, {"fallen", "fall"},
	{"fed", "feed"}, {"feet", "foot"}, {"fell", "fall"}, {"felt", "feel"},
	{"fled", "flee"}, {"flew", "fly"}, {"flown", "fly"}, {"flung", "fling"},
	{"forbade", "forbid"}, {"forbidden", "forbid"}, {"foresaw", "foresee"},
	{"foreseen", "foresee"}, {"forgave", "forgive"}, {"forgiven", "forgive"},
	{"forgot", "forget"}, {"forgotten", "forget"}, {"forsaken", "forsake"},
	{"forsook", "forsake"}, {"fought", "fight"}, {"found", "find"},
	{"froze", "freeze"}, {"frozen", "freeze"}, {"gave", "give"}, {"given", "give"},
	{"goes", "go"}, {"gone", "go"}, {"got", "get"}, {"gotten", "get"},
	{"grew", "grow"}, {"ground", "grind"}, {"grown", "grow"}, {"had", "have"},
	{"has", "have"}, {"heard", "hear"}, {"held", "hold"}, {"hid", "hide"},
	{"hidden", "hide"}, {"hung", "hang"}, {"is", "be"}, {"kept", "keep"},
	{"knelt", "kneel"}, {"knew", "know"}, {"known", "know"}, {"laid", "lay"},
	{"lain", "lie"}, {"leapt", "leap"}, {"learnt", "learn"}, {"led", "lead"},
	{"left", "leave"}, {"lent", "lend"}, {"lit", "light"}, {"lives", "life"},
	{"lost", "lose"}, {"made", "make"}, {"meant", "mean"}, {"men", "man"},
	{"met", "meet"}, {"mice", "mouse"}, {"mistaken", "mistake"},
	{"mistook", "mistake"}, {"outdid", "outdo"}, {"outdone", "outdo"},
	{"overcame", "overcome"}, {"overran", "overrun"}, {"oversaw", "oversee"},
	{"overseen", "oversee"}, {"overtaken", "overtake"}, {"overthrew", "overthrow"},
	{"overthrown", "overthrow"}, {"overtook", "overtake"}, {"paid", "pay"},
	{"ran", "run"}, {"rang", "ring"}, {"rebuilt", "rebuild"}, {"redid", "redo"},
	{"redone", "redo"}, {"ridden", "ride"}, {"risen", "rise"}, {"rode", "ride"},
	{"rose", "rise"}, {"rung", "ring"}, {"said", "say"}, {"sang", "sing"},
	{"sank", "sink"}, {"sat", "sit"}, {"saw", "see"}, {"seen", "see"},
	{"sent", "send"}, {"shaken", "shake"}, {"shone", "shine"}, {"shook", "shake"},
	{"shot", "shoot"}, {"shown", "show"}, {"shrank", "shrink"}, {"shrunk", "shrink"},
	{"slain", "slay"}, {"slept", "sleep"}, {"slew", "slay"}, {"slid", "slide"},
	{"sold", "sell"}, {"sought", "seek"}, {"spat", "spit"}, {"sped", "speed"},
	{"spent", "spend"}, {"spoke", "speak"}, {"spoken", "speak"}, {"sprang", "spring"},
	{"sprung", "spring"}, {"stole", "steal"}, {"stolen", "steal"}, {"stood", "stand"},
	{"strove", "strive"}, {"struck", "strike"}, {"stuck", "stick"},
	{"stung", "sting"}, {"swam", "swim"}, {"swept", "sweep"}, {"swore", "swear"},
	{"sworn", "swear"}, {"swum", "swim"}, {"swung", "swing"}, {"taken", "take"},
	{"taught", "teach"}, {"teeth", "tooth"}, {"thieves", "thief"},
	{"thought", "think"}, {"threw", "throw"}, {"thrown", "throw"}, {"told", "tell"},
	{"took", "take"}, {"tore", "tear"}, {"torn", "tear"}, {"trod", "tread"},
	{"trodden", "tread"}, {"undergone", "undergo"}, {"understood", "understand"},
	{"undertaken", "undertake"}, {"undertook", "undertake"}, {"underwent", "undergo"},
	{"undid", "undo"}, {"upheld", "uphold"}, {"was", "be"}, {"went", "go"},
	{"wept", "weep"}, {"were", "be"}, {"withdrawn", "withdraw"},
	{"withdrew", "withdraw"}, {"withheld", "withhold"}, {"withstood", "withstand"},
	{"wives", "wife"}, {"woke", "wake"}, {"woken", "wake"}, {"women", "woman"},
	{"won", "win"}, {"wore", "wear"}, {"worn", "wear"}, {"wound", "wind"},
	{"written", "write"}, {"wrote", "write"}, {"wrung", "wring"}
};

size_t dict_irregular_count(void)
{
	return sizeof irregulars / sizeof irregulars[0];
}

void dict_irregular_at(size_t i, const char **form, const char **base)
{
	*form = irregulars[i].form;
	*base = irregulars[i].base;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Adds w[0..n) plus suffix as a candidate. */
static void add(char (*out)[DICT_WORD_MAX], int max, int *k, const char *w, size_t n,
                const char *suffix)
{
	size_t sl = strlen(suffix);
	int i;

	if (*k >= max || n == 0 || n + sl >= DICT_WORD_MAX)
		return;
	memcpy(out[*k], w, n);
	memcpy(out[*k] + n, suffix, sl + 1);
	for (i = 0; i < *k; i++)
		if (strcmp(out[i], out[*k]) == 0)
			return;
	(*k)++;
}

static int ends(const char *w, size_t n, const char *suffix)
{
	size_t sl = strlen(suffix);

	return n > sl && memcmp(w + n - sl, suffix, sl) == 0;
}

int dict_lemma_candidates(const char *w, size_t n, char (*out)[DICT_WORD_MAX], int max)
{
	int k = 0;

	if (n < 4 || n >= DICT_WORD_MAX)
		return 0;
	if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'') {
		if (ends(w, n, "ies"))
			add(out, max, &k, w, n - 3, "y");      /* tries -> try */
		if (ends(w, n, "es"))
			add(out, max, &k, w, n - 2, "");       /* watches -> watch */
		add(out, max, &k, w, n - 1, "");           /* visits -> visit */
	} else if (ends(w, n, "ed")) {
		if (ends(w, n, "ied"))
			add(out, max, &k, w, n - 3, "y");      /* tried -> try */
		if (n > 5 && w[n - 3] == w[n - 4] && !is_vowel(w[n - 3]) && w[n - 3] != 's' &&
		    w[n - 3] != 'l')
			add(out, max, &k, w, n - 3, "");       /* stopped -> stop */
		add(out, max, &k, w, n - 2, "");           /* visited -> visit */
		add(out, max, &k, w, n - 1, "");           /* agreed -> agree */
	} else if (ends(w, n, "ing") && n >= 5) {
		if (ends(w, n, "ying"))
			add(out, max, &k, w, n - 4, "ie");     /* lying -> lie */
		if (w[n - 4] == w[n - 5] && !is_vowel(w[n - 4]) && w[n - 4] != 's' &&
		    w[n - 4] != 'l')
			add(out, max, &k, w, n - 4, "");       /* stopping -> stop */
		add(out, max, &k, w, n - 3, "");           /* visiting -> visit */
		add(out, max, &k, w, n - 3, "e");          /* making -> make */
	}
	return k;
}

static int upper_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] >= 'a' && w[i] <= 'z')
			return 0;
	return 1;
}

/* Writes w + suffix (the suffix in the case of w) into out at o. */
static size_t put(char *out, size_t o, const char *suffix, int upper)
{
	for (; *suffix; suffix++)
		out[o++] = upper && *suffix >= 'a' && *suffix <= 'z' ? (char)(*suffix - 32) : *suffix;
	out[o] = '\0';
	return o;
}

static char lower_at(const char *w, size_t n, size_t back)
{
	char c = back <= n && back > 0 ? w[n - back] : '\0';

	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

size_t dict_plural(char *out, const char *w, size_t n)
{
	int up = upper_word(w, n);
	char z = lower_at(w, n, 1), y = lower_at(w, n, 2);

	memcpy(out, w, n);
	if (z == 'y' && n > 1 && !is_vowel(y))
		return put(out, n - 1, "ies", up);
	if (z == 's' || z == 'x' || z == 'z' || ((z == 'h') && (y == 'c' || y == 's')))
		return put(out, n, "es", up);
	return put(out, n, "s", up);
}

size_t dict_verb_s(char *out, const char *w, size_t n)
{
	return dict_plural(out, w, n);
}

size_t dict_verb_ed(char *out, const char *w, size_t n)
{
	int up = upper_word(w, n);
	char z = lower_at(w, n, 1), y = lower_at(w, n, 2);

	memcpy(out, w, n);
	if (z == 'e')
		return put(out, n, "d", up);
	if (z == 'y' && n > 1 && !is_vowel(y))
		return put(out, n - 1, "ied", up);
	return put(out, n, "ed", up);
}

size_t dict_verb_ing(char *out, const char *w, size_t n)
{
	int up = upper_word(w, n);
	char z = lower_at(w, n, 1), y = lower_at(w, n, 2);

	memcpy(out, w, n);
	/* make -> making, but agree -> agreeing, see -> seeing */
	if (z == 'e' && n > 2 && !is_vowel(y))
		return put(out, n - 1, "ing", up);
	return put(out, n, "ing", up);
}

/* Short English words that PETRARCH one-word actors spell ("US", "IS",
 * "WHO", "AT") and that running text uses in lower case. */
static const char *const caps_words[] = {
	"a", "ai", "all", "am", "an", "and", "any", "are", "as", "at", "be", "but",
	"by", "can", "do", "for", "go", "had", "has", "he", "her", "him", "his",
	"how", "i", "if", "in", "is", "it", "its", "may", "me", "my", "new", "no",
	"not", "now", "of", "on", "one", "or", "our", "out", "own", "say", "see",
	"she", "so", "the", "to", "top", "two", "up", "us", "use", "war", "was",
	"way", "we", "who", "why", "win", "yes", "yet", "you", NULL
};

int dict_petr_caps_word(const char *w, size_t n)
{
	size_t i;

	if (n > 3)
		return 0;
	for (i = 0; caps_words[i]; i++)
		if (strlen(caps_words[i]) == n && memcmp(caps_words[i], w, n) == 0)
			return 1;
	return 0;
}
