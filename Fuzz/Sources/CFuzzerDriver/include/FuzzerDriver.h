#ifndef FUZZER_DRIVER_H
#define FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver for a program that has its own main (LLVM 13 and later):
/// parses libFuzzer's flags from argc/argv and fuzzes `callback` until done.
/// SwiftPM gives every executable its own entry point (`<Target>_main`), so the
/// fuzz targets cannot use libFuzzer's main and call this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
