/* fuzz_dict_agents.c - the dictionary reader for agents, in entente's and PETRARCH's formats on any bytes: load,
 * finish, match a sentence, free. Diagnostics are fine; crashes, leaks
 * and undefined behaviour are not. */

#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_dict_run(data, size, ENT_DICT_FMT_AGENTS);
	fuzz_dict_run(data, size, ENT_DICT_FMT_PETR_AGENTS);
	return 0;
}
