#ifndef CNNC_LIBFUZZER_DRIVER_H
#define CNNC_LIBFUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>
/* libFuzzer's entry point for programs that have their own main (linked by -sanitize=fuzzer). */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
