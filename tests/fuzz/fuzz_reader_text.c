/* fuzz_reader_text.c - the text document reader on any bytes: no crash, no
 * leak, every record either read or reported. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_reader_run(data, size, ENT_INPUT_TEXT, "fuzz.txt");
	return 0;
}
