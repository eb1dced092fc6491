/*
 * fuzz_common.h
 *     One-time set-up shared by the libFuzzer targets in this directory:
 *     memory contexts, silenced logging, and the per-iteration context that
 *     each target resets after every input.
 * Included only by test/fuzz/fuzz_*.c (each target is a single file).
 */
#ifndef TEST_FUZZ_FUZZ_COMMON_H
#define TEST_FUZZ_FUZZ_COMMON_H

#include "rustydb.h"

#include "utils/elog.h"
#include "utils/palloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * fuzz_setup -- on the first call create TopMemoryContext/ErrorContext, turn
 * every log and client message off (an ERROR is an expected outcome and
 * printing millions of them would dominate the run time) and create the
 * context named name, a child of TopMemoryContext that the target resets
 * after each input.  Later calls return the same context.
 */
static inline MemoryContext
fuzz_setup(const char *name)
{
    static MemoryContext iteration_context;

    if (iteration_context == NULL)
    {
        MemoryContextInit();
        LogMinMessages = PANIC;
        ClientMinMessages = PANIC;
        iteration_context = MemoryContextCreate(TopMemoryContext, name);
    }
    return iteration_context;
}

#endif                          /* TEST_FUZZ_FUZZ_COMMON_H */
