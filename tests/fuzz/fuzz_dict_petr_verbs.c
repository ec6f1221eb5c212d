/* fuzz_dict_petr_verbs.c - the dictionary reader for PETRARCH-2 verbs (synsets, blocks, patterns) on any bytes: load,
 * finish, match a sentence, free. Diagnostics are fine; crashes, leaks
 * and undefined behaviour are not. */

#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_dict_run(data, size, ENT_DICT_FMT_PETR_VERBS);
	return 0;
}
