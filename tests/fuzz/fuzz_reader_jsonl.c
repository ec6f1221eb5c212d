/* fuzz_reader_jsonl.c - JSON Lines reader: any bytes, no crash, no leak,
 * every record either read or reported. */
#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	ent_reader_opts opts = {ENT_INPUT_JSONL, {0, 0, 0, 0}, 1 << 16};
	ent_reader *r;
	ent_arena *arena;
	ent_doc doc;
	int rc, n = 0;

	if (ent_arena_new(&arena, 0))
		return 0;
	if (ent_reader_open_mem(&r, (const char *)data, size, "fuzz.jsonl", &opts) == 0) {
		while ((rc = ent_reader_next(r, &doc, arena)) != 0 && n++ < 100000) {
			if (rc == 1) {
				ent_segmentation seg;

				ent_segment(&seg, doc.text, doc.text_len, arena);
			} else if (rc != ENT_EINVALID) {
				break;
			}
			ent_arena_reset(arena);
		}
		ent_reader_free(r);
	}
	ent_arena_free(arena);
	return 0;
}
