/* fuzz_coder.c - the whole coding pipeline (segment, tag, parse, match,
 * code) on any text: no crash, no leak, no hang. */
#include <string.h>
#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static ent_dict *dict;
	static ent_model *model;
	static ent_coder *coder;
	ent_buf text = ENT_BUF_INIT;
	ent_arena *arena;
	ent_doc doc;
	ent_coded coded;

	if (!coder && (ent_dict_load_builtin(&dict) || ent_model_builtin(&model) ||
	               ent_coder_new(&coder, dict, model, NULL)))
		return 0;
	if (size > 1 << 16 || ent_arena_new(&arena, 0))
		return 0;
	if (ent_utf8_clean(&text, (const char *)data, size) == 0) {
		memset(&doc, 0, sizeof doc);
		doc.id = "fuzz";
		doc.text = text.data;
		doc.text_len = text.len;
		ent_date_find(&doc.date, doc.text, doc.text_len);
		ent_coder_code(coder, &doc, &coded, arena);
	}
	ent_buf_free(&text);
	ent_arena_free(arena);
	return 0;
}
