/*
 * builtin.c - lookup of the data files embedded at build time.
 */
#include <string.h>

#include "entente/builtin.h"

const ent_builtin_file *ent_builtin_find(const char *path)
{
	const ent_builtin_file *f;

	for (f = ent_builtin_files; f->path; f++)
		if (strcmp(f->path, path) == 0)
			return f;
	return NULL;
}
