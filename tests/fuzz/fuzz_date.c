/* fuzz_date.c - date parsing and finding on any bytes. */
#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	ent_date d;
	char out[11];

	if (ent_date_parse(&d, (const char *)data, size) == 0)
		ent_date_format(out, &d);
	if (ent_date_find(&d, (const char *)data, size))
		ent_date_format(out, &d);
	return 0;
}
