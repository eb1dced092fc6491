/*
 * fuzz_page.c
 *     libFuzzer target for reading data pages from disk: the input is one
 *     8 KiB block (truncated or zero-padded).  DESIGN.md: "torn/corrupt
 *     pages are detected, not served" -- so whatever the bytes, the server
 *     must either reject the page (PageIsVerified false, then XX001) or read
 *     it without touching memory outside it.
 *
 * Each input is checked twice:
 *  1. As read: PageIsVerified / PageHeaderIsSane.  Random bytes almost
 *     never carry a valid CRC32C, so
 *  2. the checksum is then recomputed in place (a page that was written
 *     corrupt, e.g. by a bug, or crafted) and, if PageIsVerified accepts it,
 *     the page is used the way the heap code uses a verified buffer
 *     (heapam.c scan_load_page/heap_fetch: line pointers and items are
 *     trusted): every LP_NORMAL item becomes a HeapTuple that is deformed
 *     with heap_deform_tuple / heap_getattr / heap_attisnull against a
 *     fixed TupleDesc, and every non-null column goes through its type's
 *     output function (that is how a SELECT serves it).  Finally
 *     PageGetHeapFreeSpace and PageRepairFragmentation (pruning) run on it.
 *
 * Tuples are deformed from an exact-size copy of the item (heap_fetch also
 * copies), so a tuple header that claims more than its line pointer's
 * length shows up as a heap-buffer-overflow instead of silently reading the
 * neighbouring item.
 *
 * ERROR is fine; crashes, sanitizer reports and failed Asserts are bugs.
 * Build: make fuzz.  Run: build-fuzz/fuzz_page test/fuzz/corpus/page
 */
#include "rustydb.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "fuzz_common.h"
#include "storage/bufpage.h"

/* Column types of the fixed row: the brief's four first, then one of each storage kind. */
static const Oid column_types[] = {
    INT4OID, TEXTOID, NUMERICOID, TIMESTAMPOID,
    BOOLOID, INT8OID, FLOAT8OID, VARCHAROID, NAMEOID, DATEOID, INTERVALOID, BYTEAOID,
    INT2OID, CHAROID, TIMESTAMPTZOID, FLOAT4OID,
};
#define FUZZ_NCOLUMNS ((int) lengthof(column_types))

static TupleDesc row_desc;

static void
build_row_desc(void)
{
    MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

    row_desc = CreateTemplateTupleDesc(FUZZ_NCOLUMNS);
    for (int i = 0; i < FUZZ_NCOLUMNS; i++)
    {
        char        name[16];

        snprintf(name, sizeof(name), "c%d", i + 1);
        TupleDescInitEntry(row_desc, i + 1, name, column_types[i], -1);
    }
    MemoryContextSwitchTo(old);
}

/* Output every non-null column: corrupt values must ERROR, not crash. */
static void
output_columns(const Datum *values, const bool *isnull)
{
    for (int i = 0; i < FUZZ_NCOLUMNS; i++)
    {
        if (isnull[i])
            continue;
        RDB_TRY();
        {
            (void) OutputFunctionCall(column_types[i], values[i]);
        }
        RDB_CATCH();
        {
            FlushErrorState();
        }
        RDB_END_TRY();
    }
}

/* deform_item -- one LP_NORMAL item, copied to a chunk of exactly its length. */
static void
deform_item(Page page, OffsetNumber off, ItemId lp)
{
    HeapTupleData tuple;
    Datum       values[FUZZ_NCOLUMNS];
    bool        isnull[FUZZ_NCOLUMNS];
    char       *copy;

    /* This is what the heap code does with a line pointer of a verified page. */
    copy = palloc(ItemIdGetLength(lp));
    memcpy(copy, PageGetItem(page, lp), ItemIdGetLength(lp));
    tuple.t_len = ItemIdGetLength(lp);
    ItemPointerSet(&tuple.t_self, 0, off);
    tuple.t_tableOid = InvalidOid;
    tuple.t_data = (HeapTupleHeader) copy;

    RDB_TRY();
    {
        HeapTuple   dup;

        heap_deform_tuple(&tuple, row_desc, values, isnull);
        output_columns(values, isnull);
        for (int attnum = 1; attnum <= FUZZ_NCOLUMNS; attnum++)
        {
            bool        null;

            (void) heap_getattr(&tuple, attnum, row_desc, &null);
            (void) heap_attisnull(&tuple, attnum, row_desc);
        }
        dup = heap_copytuple(&tuple);
        heap_freetuple(dup);
    }
    RDB_CATCH();
    {
        FlushErrorState();
    }
    RDB_END_TRY();
    pfree(copy);
}

/* use_verified_page -- what a scan, a fetch and pruning do with a page PageIsVerified accepted. */
static void
use_verified_page(Page page)
{
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    char       *scratch;

    for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
    {
        ItemId      lp = PageGetItemId(page, off);

        if (ItemIdIsNormal(lp) && ItemIdHasStorage(lp))
            deform_item(page, off, lp);
    }
    (void) PageGetHeapFreeSpace(page);

    scratch = palloc(BLCKSZ);
    memcpy(scratch, page, BLCKSZ);
    RDB_TRY();
    {
        PageRepairFragmentation(scratch);
        Assert(PageHeaderIsSane(scratch));
    }
    RDB_CATCH();
    {
        FlushErrorState();
    }
    RDB_END_TRY();
    pfree(scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemoryContext context = fuzz_setup("fuzz_page");
    MemoryContext old = MemoryContextSwitchTo(context);
    Page        page;
    bool        verified;

    if (row_desc == NULL)
        build_row_desc();

    /* A separate BLCKSZ chunk: reading past the page is an ASan report. */
    page = palloc0(BLCKSZ);
    memcpy(page, data, Min(size, (size_t) BLCKSZ));

    /* 1. As read from disk. */
    verified = PageIsVerified(page, 0);
    if (!PageIsNew(page))
        Assert(!verified || PageHeaderIsSane(page));

    /* 2. With a matching checksum: only the structure can stop it now. */
    if (!PageIsNew(page))
    {
        PageSetChecksumInplace(page, 0);
        verified = PageIsVerified(page, 0);
        if (verified)
            use_verified_page(page);
    }
    else if (verified)
        use_verified_page(page);    /* all zeroes: no line pointers */

    MemoryContextSwitchTo(old);
    MemoryContextReset(context);
    return 0;
}
