/*
 * fuzz_conllu.c - libFuzzer target for the CoNLL-U reader, and for the
 * tagger and parser on whatever sentences it yields (the built-in model,
 * when the library has one). Also replayed over tests/fuzz/corpus/conllu
 * by the unit test runner.
 */
#include <stddef.h>
#include <stdint.h>

#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ent_model *model;
	static int tried;
	ent_conllu_reader *r = NULL;
	ent_arena *arena = NULL;
	ent_conllu_sent s;
	int rc, guard = 0;

	if (!tried) {
		tried = 1;
		if (ent_model_builtin(&model))
			model = NULL;
	}
	if (ent_arena_new(&arena, 0) ||
	    ent_conllu_open_mem(&r, (const char *)data, size, "fuzz"))
		goto done;
	while ((rc = ent_conllu_next(r, &s, arena)) != 0 && guard++ < 100000) {
		if (rc < 0 && rc != ENT_EINVALID)
			break;
		if (rc > 0 && model)
			ent_tag_parse(model, s.tokens, s.ntokens, s.text, arena);
		ent_arena_reset(arena);
	}
done:
	ent_conllu_free(r);
	ent_arena_free(arena);
	return 0;
}
