/*
 * flatjson.h - a fast reader for flat JSON objects (one level: string,
 * number, true, false and null values), as in the event lines entente
 * writes. It exists for speed: ingesting events at hundreds of thousands
 * of lines a second leaves no room for a general JSON library's
 * allocations. Anything it does not accept (nested values, bad escapes,
 * trailing bytes) is an error with the column; callers that need general
 * JSON use jansson.
 */
#ifndef ENTENTE_FLATJSON_H
#define ENTENTE_FLATJSON_H

#include "buf.h"

#define ENT_FLATJSON_MAX_FIELDS 48

typedef struct ent_flatjson_field {
	const char *key;      /* NUL-terminated, unescaped */
	const char *value;    /* NUL-terminated: the unescaped string, or the
	                         number, true, false or null as written */
	int is_string;
} ent_flatjson_field;

typedef struct ent_flatjson {
	ent_flatjson_field fields[ENT_FLATJSON_MAX_FIELDS];
	size_t n;
	ent_buf store;        /* unescaped keys and values */
} ent_flatjson;

void ent_flatjson_init(ent_flatjson *obj);
void ent_flatjson_free(ent_flatjson *obj);

/* Parses s[0..len) (one object, white space around it allowed). Returns
 * 0, or ENT_EINVALID with "column N: what" in the last error. */
int ent_flatjson_parse(ent_flatjson *obj, const char *s, size_t len);

/* The string value of key (NULL when absent or not a string). */
const char *ent_flatjson_str(const ent_flatjson *obj, const char *key);
/* The number value of key into *out; 0 when present and a number. */
int ent_flatjson_num(const ent_flatjson *obj, const char *key, double *out);

#endif
