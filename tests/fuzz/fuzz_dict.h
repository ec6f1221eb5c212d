/*
 * fuzz_dict.h - what the dictionary fuzz targets share: load any bytes as
 * a dictionary file of one format, finish, match a sentence, read the
 * diagnostics, free. Diagnostics are fine; crashes, leaks and undefined
 * behaviour are not. Each fuzz_dict_<format>.c calls fuzz_dict_run with
 * its formats.
 */
#ifndef ENTENTE_FUZZ_DICT_H
#define ENTENTE_FUZZ_DICT_H

#include "entente/entente.h"

static void fuzz_dict_run(const unsigned char *data, size_t size, ent_dict_format format)
{
	static const char text[] = "Russia's army chief visited the U.S. and WHO officials in 2017.";
	ent_dict *d = NULL;
	ent_arena *arena = NULL;
	ent_segmentation seg;
	ent_dict_match *m;
	ent_date date;
	size_t n, i;

	if (ent_dict_new(&d) || ent_dict_add_text(d, "fuzz.txt", (const char *)data, size, format) ||
	    ent_dict_finish(d) || ent_arena_new(&arena, 0) ||
	    ent_tokenize(&seg, text, sizeof text - 1, arena))
		goto done;
	ent_date_parse(&date, "2017-09-25", 10);
	if (ent_dict_match_tokens(&m, &n, d, text, seg.tokens, seg.ntokens, &date, arena) == 0)
		for (i = 0; i < n; i++) {
			size_t np;

			ent_dict_verb_patterns(d, m[i].entry, &np);
		}
	for (i = 0; i < ent_dict_ndiags(d); i++)
		(void)ent_dict_diag_get(d, i)->message;
done:
	ent_arena_free(arena);
	ent_dict_free(d);
}

#endif
