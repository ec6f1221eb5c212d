/* test_countries.c - every ISO 3166-1 country resolves by its name, and
 * by its adjective and capital where the built-in dictionary has them. */
#include <stdlib.h>
#include "test.h"
#include "entente/builtin.h"

/* Whether text looks up to an actor whose code starts with root. */
static int resolves(const ent_dict *d, ent_arena *a, const char *text, const char *root)
{
	ent_segmentation seg;
	ent_dict_match *m;
	size_t n, i;
	ent_date date = {2017, 9, 25, ENT_DATE_DAY};

	if (ent_tokenize(&seg, text, strlen(text), a) ||
	    ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, &date, a))
		return 0;
	for (i = 0; i < n; i++) {
		const ent_dict_entry *e = ent_dict_entry_get(d, m[i].entry);

		if (m[i].kind == ENT_DICT_ACTOR && m[i].start == 0 && m[i].end == seg.ntokens &&
		    e->code && strncmp(e->code, root, 3) == 0)
			return 1;
	}
	return 0;
}

TEST(countries_resolve_by_name_adjective_capital)
{
	const ent_builtin_file *iso = ent_builtin_find("data/dict/iso3166.txt");
	const ent_builtin_file *own = ent_builtin_find("data/dict/countries.txt");
	ent_dict *d;
	ent_arena *a;
	char *copy, *line, *save = NULL;
	int names = 0, named = 0, adjs = 0, adj_ok = 0, caps = 0, cap_ok = 0;

	REQUIRE(iso && own);
	REQUIRE(ent_dict_load_builtin(&d) == 0);
	REQUIRE(ent_arena_new(&a, 0) == 0);
	copy = strdup((const char *)iso->data);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char code[4], *bar = strchr(line, '|'), *semi;

		if (line[0] == '#' || !bar)
			continue;
		snprintf(code, sizeof code, "%.3s", line);
		bar += 2;
		if ((semi = strchr(bar, ';')))
			*semi = '\0';
		names++;
		ent_arena_reset(a);
		if (resolves(d, a, bar, code))
			named++;
		else
			fprintf(stderr, "  %s: name '%s' does not resolve\n", code, bar);
	}
	free(copy);
	save = NULL;
	copy = strdup((const char *)own->data);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char code[8], kind[16], *bar = strchr(line, '|'), *semi;
		int is_adj, is_cap;

		if (line[0] == '#' || !bar || sscanf(line, "%7s %15s", code, kind) != 2)
			continue;
		is_adj = strcmp(kind, "adj") == 0;
		is_cap = strcmp(kind, "capital") == 0;
		if (!is_adj && !is_cap)
			continue;
		bar += 1;
		while (*bar == ' ')
			bar++;
		if ((semi = strpbrk(bar, ";#")))
			*semi = '\0';
		while (*bar && bar[strlen(bar) - 1] == ' ')
			bar[strlen(bar) - 1] = '\0';
		ent_arena_reset(a);
		if (is_adj) {
			adjs++;
			adj_ok += resolves(d, a, bar, code);
		} else {
			caps++;
			cap_ok += resolves(d, a, bar, code);
		}
	}
	free(copy);
	fprintf(stderr, "  names %d/%d, adjective lines %d/%d, capital lines %d/%d\n", named, names,
	        adj_ok, adjs, cap_ok, caps);
	CHECK_INT(names, 249);
	CHECK_INT(named, names);
	CHECK(adj_ok * 100 >= adjs * 98);
	CHECK(cap_ok * 100 >= caps * 98);
	ent_arena_free(a);
	ent_dict_free(d);
}
