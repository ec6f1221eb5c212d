/* fuzz_dict_actors.c - the dictionary reader for entente's actor files (countries, people, orgs) on any bytes: load,
 * finish, match a sentence, free. Diagnostics are fine; crashes, leaks
 * and undefined behaviour are not. */

#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_dict_run(data, size, ENT_DICT_FMT_ACTORS);
	return 0;
}
