/*
 * builtin.h - data files embedded in the library at build time
 * (dictionaries under data/dict, the parser model under data/model).
 */
#ifndef ENTENTE_BUILTIN_H
#define ENTENTE_BUILTIN_H

#include <stddef.h>

typedef struct ent_builtin_file {
	const char *path;           /* "data/dict/countries.txt" */
	const unsigned char *data;  /* NUL-terminated after size bytes */
	size_t size;
} ent_builtin_file;

/* The table, ended by an entry with path NULL. */
extern const ent_builtin_file ent_builtin_files[];

/* The embedded file at path, or NULL. */
const ent_builtin_file *ent_builtin_find(const char *path);

#endif
