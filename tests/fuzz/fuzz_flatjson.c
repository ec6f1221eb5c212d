/* fuzz_flatjson.c - the flat JSON reader used by ingest on any bytes. */
#include "entente/entente.h"
#include "entente/flatjson.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	ent_flatjson o;
	double v;
	size_t k;

	ent_flatjson_init(&o);
	if (ent_flatjson_parse(&o, (const char *)data, size) == 0) {
		for (k = 0; k < o.n; k++) {
			ent_flatjson_str(&o, o.fields[k].key);
			ent_flatjson_num(&o, o.fields[k].key, &v);
		}
	}
	ent_flatjson_free(&o);
	return 0;
}
