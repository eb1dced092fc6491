/*
 * fuzz_parser.c
 *     libFuzzer target for the SQL scanner and grammar: every input is
 *     parsed as a query string; ERRORs are expected and caught, crashes,
 *     sanitizer reports and leaks across iterations are bugs.
 * Build: make fuzz (clang -fsanitize=fuzzer,address,undefined).
 * Run:   build-fuzz/fuzz_parser -max_len=4096 [corpus dir]
 */
#include "rustydb.h"

#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static MemoryContext fuzz_context;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemoryContext old;
    char       *query;

    if (fuzz_context == NULL)
    {
        MemoryContextInit();
        LogMinMessages = PANIC;
        ClientMinMessages = PANIC;
        fuzz_context = MemoryContextCreate(TopMemoryContext, "fuzz_parser");
    }
    old = MemoryContextSwitchTo(fuzz_context);

    /* the wire protocol delivers NUL-terminated strings: stop at a NUL */
    query = pnstrdup((const char *) data, size);

    RDB_TRY();
    {
        List       *stmts = RawParser(query);
        ListCell   *lc;

        /* walk every tree so that the printer is fuzzed too */
        foreach(lc, stmts)
            (void) RawNodeToStringWithLocations(lfirst(lc));
    }
    RDB_CATCH();
    {
        FlushErrorState();
    }
    RDB_END_TRY();

    MemoryContextSwitchTo(old);
    MemoryContextReset(fuzz_context);
    return 0;
}
