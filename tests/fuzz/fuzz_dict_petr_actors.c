/* fuzz_dict_petr_actors.c - the dictionary reader for PETRARCH-2 actors (dates, synonyms) on any bytes: load,
 * finish, match a sentence, free. Diagnostics are fine; crashes, leaks
 * and undefined behaviour are not. */

#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_dict_run(data, size, ENT_DICT_FMT_PETR_ACTORS);
	return 0;
}
