/*
 * fuzz_reader.h - what the reader fuzz targets share: read any bytes as
 * documents of one input format, segment each one read, go on after
 * malformed records; every record is either read or reported.
 */
#ifndef ENTENTE_FUZZ_READER_H
#define ENTENTE_FUZZ_READER_H

#include "entente/entente.h"

static void fuzz_reader_run(const unsigned char *data, size_t size, ent_input_format format,
                            const char *name)
{
	ent_reader_opts opts = {format, {0, 0, 0, 0}, 1 << 16};
	ent_reader *r;
	ent_arena *arena;
	ent_doc doc;
	int rc, n = 0;

	if (ent_arena_new(&arena, 0))
		return;
	if (ent_reader_open_mem(&r, (const char *)data, size, name, &opts) == 0) {
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
}

#endif
