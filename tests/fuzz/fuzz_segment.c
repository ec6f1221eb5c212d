/* fuzz_segment.c - tokeniser and sentence splitter on any bytes (cleaned
 * to UTF-8 first, as the readers do): spans must be ordered and inside
 * the text. */
#include <stdlib.h>
#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	ent_buf text = ENT_BUF_INIT;
	ent_arena *arena;
	ent_segmentation seg;
	size_t i;
	uint32_t last = 0;

	if (ent_arena_new(&arena, 0))
		return 0;
	if (ent_utf8_clean(&text, (const char *)data, size) == 0 &&
	    ent_segment(&seg, text.data, text.len, arena) == 0) {
		for (i = 0; i < seg.ntokens; i++) {
			const ent_token *t = &seg.tokens[i];

			if (t->start < last || t->end <= t->start || t->end > text.len)
				abort();
			last = t->end;
		}
		for (i = 0; i < seg.nsents; i++) {
			const ent_sentence *s = &seg.sents[i];

			if (s->ntokens == 0 || s->first + s->ntokens > seg.ntokens)
				abort();
		}
		ent_tokenize(&seg, text.data, text.len, arena);
	}
	ent_buf_free(&text);
	ent_arena_free(arena);
	return 0;
}
