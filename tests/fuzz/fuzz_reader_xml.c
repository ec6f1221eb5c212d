/* fuzz_reader_xml.c - the xml document reader on any bytes: no crash, no
 * leak, every record either read or reported. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_reader_run(data, size, ENT_INPUT_XML, "fuzz.xml");
	return 0;
}
