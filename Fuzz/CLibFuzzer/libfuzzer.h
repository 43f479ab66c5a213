// libFuzzer's driver entry point, for fuzz executables that keep their own `main`.
// The symbol comes from the runtime linked by `-sanitize=fuzzer`; there is no library here.
#ifndef KGQ_CLIBFUZZER_H
#define KGQ_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command-line arguments, calling `callback` for each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
