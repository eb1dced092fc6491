/*
 * check_storage.c
 *     Unit tests for the storage layer: CRC32C, slotted pages, checksums,
 *     heap tuple forming/deforming, the buffer pool (eviction, pins,
 *     corruption detection), the commit log and the control file.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* nftw(), mkdtemp() */
#endif
#include "rustydb.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "access/heapam.h"
#include "access/htup.h"
#include "access/transam.h"
#include "access/xact.h"
#include "check_storage_support.h"
#include "common/crc32c.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/smgr.h"

/* ---------- CRC32C ---------- */

START_TEST(crc32c_known_vector)
{
    ck_assert_uint_eq(Crc32c("123456789", 9), 0xE3069283U);
    ck_assert_uint_eq(Crc32c("", 0), 0);
}
END_TEST

START_TEST(crc32c_hardware_matches_table)
{
    unsigned char buf[1027];

    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char) (i * 131 + 7);
    for (size_t len = 0; len < sizeof(buf); len += 37)
        for (size_t start = 0; start < 9; start++)
        {
            size_t      n = len > start ? len - start : 0;

            ck_assert_uint_eq(Crc32cUpdate(CRC32C_INIT, buf + start, n),
                              Crc32cUpdateSoftware(CRC32C_INIT, buf + start, n));
        }
}
END_TEST

/* ---------- pages ---------- */

static union
{
    char        data[BLCKSZ];
    uint64      align;
}           test_page;

START_TEST(page_add_and_get_items)
{
    Page        page = test_page.data;
    char        item[100];
    Size        before;

    PageInit(page, BLCKSZ, 0);
    ck_assert(!PageIsNew(page));
    ck_assert_int_eq(PageGetMaxOffsetNumber(page), 0);
    before = PageGetFreeSpace(page);
    ck_assert_uint_eq(before, BLCKSZ - SizeOfPageHeaderData - sizeof(ItemIdData));
    for (int i = 1; i <= 10; i++)
    {
        memset(item, 'a' + i, sizeof(item));
        ck_assert_int_eq(PageAddItem(page, item, 50 + i, InvalidOffsetNumber, 0), i);
    }
    ck_assert_int_eq(PageGetMaxOffsetNumber(page), 10);
    for (int i = 1; i <= 10; i++)
    {
        ItemId      id = PageGetItemId(page, (OffsetNumber) i);
        char       *p = PageGetItem(page, id);

        ck_assert(ItemIdIsNormal(id));
        ck_assert_uint_eq(ItemIdGetLength(id), 50 + i);
        ck_assert_int_eq(p[0], 'a' + i);
        ck_assert_int_eq(p[49 + i], 'a' + i);
        ck_assert_uint_eq((uintptr_t) p % MAXIMUM_ALIGNOF, 0);
    }
    ck_assert(PageGetFreeSpace(page) < before);
    ck_assert(PageHeaderIsSane(page));
}
END_TEST

START_TEST(page_full_returns_invalid_offset)
{
    Page        page = test_page.data;
    char        item[1000];
    int         added = 0;

    memset(item, 'x', sizeof(item));
    PageInit(page, BLCKSZ, 0);
    while (PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, 0) != InvalidOffsetNumber)
        added++;
    ck_assert_int_eq(added, 8);
    ck_assert_uint_lt(PageGetFreeSpace(page), MAXALIGN(sizeof(item)));
    ck_assert(PageHeaderIsSane(page));
}
END_TEST

START_TEST(page_compaction_reclaims_space)
{
    Page        page = test_page.data;
    char        item[200];
    Size        free_before;

    PageInit(page, BLCKSZ, 0);
    for (int i = 1; i <= 20; i++)
    {
        memset(item, i, sizeof(item));
        ck_assert_int_eq(PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, 0), i);
    }
    free_before = PageGetExactFreeSpace(page);
    /* Kill every even item, mark the last one unused. */
    for (int i = 2; i <= 20; i += 2)
        ItemIdMarkDead(PageGetItemId(page, (OffsetNumber) i));
    ItemIdSetUnused(PageGetItemId(page, 20));
    PageRepairFragmentation(page);

    ck_assert_uint_eq(PageGetExactFreeSpace(page),
                      free_before + 10 * MAXALIGN(sizeof(item)) + sizeof(ItemIdData));
    ck_assert_int_eq(PageGetMaxOffsetNumber(page), 19);
    for (int i = 1; i <= 19; i++)
    {
        ItemId      id = PageGetItemId(page, (OffsetNumber) i);

        if (i % 2 == 1)
        {
            char       *p = PageGetItem(page, id);

            ck_assert(ItemIdIsNormal(id));
            ck_assert_int_eq(p[0], i);
            ck_assert_int_eq(p[sizeof(item) - 1], i);
        }
        else
        {
            ck_assert(ItemIdIsDead(id));
            ck_assert(!ItemIdHasStorage(id));
        }
    }
    /* A freed slot is reused after marking it unused. */
    ItemIdSetUnused(PageGetItemId(page, 2));
    ((PageHeader) page)->pd_flags |= PD_HAS_FREE_LINES;
    ck_assert_int_eq(PageAddItem(page, item, 10, InvalidOffsetNumber, 0), 2);
    ck_assert(PageHeaderIsSane(page));
}
END_TEST

/*
 * A heap item that fits exactly into a free line pointer's slot is
 * accepted: PageGetHeapFreeSpace counts no new line pointer then, and
 * PageAddItem indeed reuses the slot.  Without the free slot, one pointer's
 * bytes are still counted.
 */
START_TEST(page_heap_free_space_counts_reusable_slot)
{
    Page        page = test_page.data;
    char        item[136];
    OffsetNumber n = 0;
    Size        exact;

    memset(item, 'a', sizeof(item));
    PageInit(page, BLCKSZ, 0);
    while (PageGetHeapFreeSpace(page) >= sizeof(item))
        ck_assert_int_eq(PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, PAI_IS_HEAP), ++n);
    /* take one item away (as pruning a heap-only version does), then compact */
    ItemIdSetUnused(PageGetItemId(page, 3));
    PageRepairFragmentation(page);
    ck_assert(PageHasFreeLinePointers(page));
    /* shrink the hole to exactly one item (the bytes cut off belong to no item) */
    ck_assert_uint_ge(PageGetExactFreeSpace(page), sizeof(item));
    ((PageHeader) page)->pd_upper -= PageGetExactFreeSpace(page) - sizeof(item);
    exact = PageGetExactFreeSpace(page);
    ck_assert_uint_eq(exact, sizeof(item));
    ck_assert_uint_eq(PageGetHeapFreeSpace(page), sizeof(item));
    ck_assert_int_eq(PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, PAI_IS_HEAP), 3);
    ck_assert_uint_eq(PageGetHeapFreeSpace(page), 0);
    ck_assert(PageHeaderIsSane(page));
}
END_TEST

START_TEST(page_index_tuple_delete_shifts)
{
    Page        page = test_page.data;
    char        item[128];

    PageInit(page, BLCKSZ, 16);
    ck_assert_uint_eq(PageGetSpecialSize(page), 16);
    for (int i = 1; i <= 5; i++)
    {
        memset(item, i, sizeof(item));
        PageAddItem(page, item, 16 * i, InvalidOffsetNumber, 0);
    }
    PageIndexTupleDelete(page, 2);
    ck_assert_int_eq(PageGetMaxOffsetNumber(page), 4);
    for (int i = 1; i <= 4; i++)
    {
        int         expect = i == 1 ? 1 : i + 1;
        ItemId      id = PageGetItemId(page, (OffsetNumber) i);
        char       *p = PageGetItem(page, id);

        ck_assert_uint_eq(ItemIdGetLength(id), 16 * expect);
        ck_assert_int_eq(p[0], expect);
        ck_assert_int_eq(p[16 * expect - 1], expect);
    }
    /* Insert in the middle without overwrite shifts later pointers up. */
    memset(item, 9, sizeof(item));
    ck_assert_int_eq(PageAddItem(page, item, 8, 2, 0), 2);
    ck_assert_uint_eq(ItemIdGetLength(PageGetItemId(page, 3)), 48);
    ck_assert(PageHeaderIsSane(page));
}
END_TEST

START_TEST(page_checksum_mismatch_detected)
{
    Page        page = test_page.data;
    char        item[40] = "checksummed";

    memset(page, 0, BLCKSZ);
    ck_assert(PageIsVerified(page, 7));         /* all-zero page is valid */
    PageInit(page, BLCKSZ, 0);
    PageAddItem(page, item, sizeof(item), InvalidOffsetNumber, 0);
    PageSetChecksumInplace(page, 7);
    ck_assert(PageIsVerified(page, 7));
    ck_assert(!PageIsVerified(page, 8));        /* right page, wrong place */
    page[BLCKSZ - 3] ^= 0x10;
    ck_assert(!PageIsVerified(page, 7));
    page[BLCKSZ - 3] ^= 0x10;
    ck_assert(PageIsVerified(page, 7));
    ((PageHeader) page)->pd_upper = 3;          /* insane header */
    ck_assert(!PageIsVerified(page, 7));
}
END_TEST

/* ---------- tuples ---------- */

START_TEST(tuple_roundtrip_every_alignment)
{
    TupleDesc   desc = CreateTemplateTupleDesc(9);
    Datum       values[9];
    bool        nulls[9] = {false};
    Datum       out[9];
    bool        out_nulls[9];
    HeapTuple   tup;
    text       *t = make_text("hello, tuple");
    NameData    name;
    char        cstr[] = "c string";
    char        interval[16];

    set_att(desc, 1, "b", BOOLOID, 1, true, 'c');
    set_att(desc, 2, "s", INT2OID, 2, true, 's');
    set_att(desc, 3, "i", INT4OID, 4, true, 'i');
    set_att(desc, 4, "t", TEXTOID, -1, false, 'i');
    set_att(desc, 5, "d", FLOAT8OID, 8, true, 'd');
    set_att(desc, 6, "n", NAMEOID, NAMEDATALEN, false, 'c');
    set_att(desc, 7, "c", CSTRINGOID, -2, false, 'c');
    set_att(desc, 8, "iv", INTERVALOID, 16, false, 'd');
    set_att(desc, 9, "l", INT8OID, 8, true, 'd');
    memset(&name, 0, sizeof(name));
    strcpy(name.data, "a_name");
    for (int i = 0; i < 16; i++)
        interval[i] = (char) (i + 1);

    values[0] = BoolGetDatum(true);
    values[1] = Int16GetDatum(-12345);
    values[2] = Int32GetDatum(-7);
    values[3] = PointerGetDatum(t);
    values[4] = Float8GetDatum(3.25);
    values[5] = PointerGetDatum(&name);
    values[6] = CStringGetDatum(cstr);
    values[7] = PointerGetDatum(interval);
    values[8] = Int64GetDatum(INT64_MIN + 5);

    tup = heap_form_tuple(desc, values, nulls);
    ck_assert_int_eq(tup->t_data->t_hoff, 32);
    ck_assert((tup->t_data->t_infomask & HEAP_HASNULL) == 0);
    ck_assert((tup->t_data->t_infomask & HEAP_HASVARWIDTH) != 0);
    heap_deform_tuple(tup, desc, out, out_nulls);
    for (int i = 0; i < 9; i++)
        ck_assert(!out_nulls[i]);
    ck_assert(DatumGetBool(out[0]));
    ck_assert_int_eq(DatumGetInt16(out[1]), -12345);
    ck_assert_int_eq(DatumGetInt32(out[2]), -7);
    ck_assert_uint_eq(VARSIZE(DatumGetPointer(out[3])), VARSIZE(t));
    ck_assert(memcmp(DatumGetPointer(out[3]), t, VARSIZE(t)) == 0);
    ck_assert_uint_eq((uintptr_t) DatumGetPointer(out[3]) % 4, 0);
    ck_assert(DatumGetFloat8(out[4]) == 3.25);
    ck_assert_str_eq(DatumGetPointer(out[5]), "a_name");
    ck_assert_str_eq(DatumGetCString(out[6]), "c string");
    ck_assert(memcmp(DatumGetPointer(out[7]), interval, 16) == 0);
    ck_assert_uint_eq((uintptr_t) DatumGetPointer(out[7]) % 8, 0);
    ck_assert(DatumGetInt64(out[8]) == INT64_MIN + 5);

    /* heap_getattr agrees, and copies are independent. */
    {
        bool        isnull;
        HeapTuple   copy = heap_copytuple(tup);

        ck_assert_int_eq(DatumGetInt32(heap_getattr(copy, 3, desc, &isnull)), -7);
        ck_assert(!isnull);
        ck_assert_str_eq(DatumGetCString(heap_getattr(copy, 7, desc, &isnull)), "c string");
        heap_freetuple(copy);
    }
    heap_freetuple(tup);
}
END_TEST

START_TEST(tuple_nulls_and_missing_columns)
{
    TupleDesc   desc3 = CreateTemplateTupleDesc(3);
    TupleDesc   desc5 = CreateTemplateTupleDesc(5);
    Datum       values[3] = {Int32GetDatum(1), 0, Int64GetDatum(99)};
    bool        nulls[3] = {false, true, false};
    Datum       out[5];
    bool        out_nulls[5];
    HeapTuple   tup;
    bool        isnull;

    set_att(desc3, 1, "a", INT4OID, 4, true, 'i');
    set_att(desc3, 2, "b", TEXTOID, -1, false, 'i');
    set_att(desc3, 3, "c", INT8OID, 8, true, 'd');
    for (int i = 1; i <= 3; i++)
        *TupleDescAttr(desc5, i - 1) = *TupleDescAttr(desc3, i - 1);
    set_att(desc5, 4, "d", INT4OID, 4, true, 'i');
    set_att(desc5, 5, "e", TEXTOID, -1, false, 'i');

    tup = heap_form_tuple(desc3, values, nulls);
    ck_assert((tup->t_data->t_infomask & HEAP_HASNULL) != 0);
    ck_assert((tup->t_data->t_infomask & HEAP_HASVARWIDTH) == 0);
    heap_deform_tuple(tup, desc3, out, out_nulls);
    ck_assert(!out_nulls[0] && out_nulls[1] && !out_nulls[2]);
    ck_assert_int_eq(DatumGetInt32(out[0]), 1);
    ck_assert(DatumGetInt64(out[2]) == 99);
    ck_assert(heap_attisnull(tup, 2, desc3));
    ck_assert(!heap_attisnull(tup, 3, desc3));

    /* Columns added later (ALTER TABLE ADD COLUMN) read as NULL. */
    heap_deform_tuple(tup, desc5, out, out_nulls);
    ck_assert(out_nulls[3] && out_nulls[4]);
    ck_assert(DatumGetInt64(out[2]) == 99);
    (void) heap_getattr(tup, 5, desc5, &isnull);
    ck_assert(isnull);
    ck_assert(heap_attisnull(tup, 4, desc5));

    /* Dropped columns are stored as NULL. */
    TupleDescAttr(desc3, 0)->attisdropped = true;
    nulls[1] = false;
    values[1] = PointerGetDatum(make_text("x"));
    tup = heap_form_tuple(desc3, values, nulls);
    heap_deform_tuple(tup, desc3, out, out_nulls);
    ck_assert(out_nulls[0] && !out_nulls[1] && !out_nulls[2]);
}
END_TEST

START_TEST(tuple_modify_replaces_columns)
{
    TupleDesc   desc = make_int_text_desc();
    Datum       values[2] = {Int32GetDatum(5), PointerGetDatum(make_text("old"))};
    bool        nulls[2] = {false, false};
    Datum       repl[2] = {0, PointerGetDatum(make_text("a much longer new value"))};
    bool        repl_nulls[2] = {false, false};
    bool        do_repl[2] = {false, true};
    HeapTuple   tup = heap_form_tuple(desc, values, nulls);
    HeapTuple   mod = heap_modify_tuple(tup, desc, repl, repl_nulls, do_repl);
    bool        isnull;
    text       *t;

    ck_assert_int_eq(DatumGetInt32(heap_getattr(mod, 1, desc, &isnull)), 5);
    t = DatumGetTextP(heap_getattr(mod, 2, desc, &isnull));
    ck_assert_uint_eq(VARSIZE_EXHDR(t), strlen("a much longer new value"));
}
END_TEST

START_TEST(tuple_header_xids_take_48_bits)
{
    union
    {
        uint64      align;
        char        bytes[64];
    }           buf;
    HeapTupleHeader h = (HeapTupleHeader) buf.bytes;
    const TransactionId values[] = {InvalidTransactionId, FirstNormalTransactionId,
        UINT64_C(0x123456789ABC), (TransactionId) UINT32_MAX + 1, XidStopLimit - 1,
    XidStopLimit, MaxTransactionId - 1, MaxTransactionId};

    ck_assert_uint_eq(SizeofHeapTupleHeader, 27);
    memset(buf.bytes, 0xA5, sizeof(buf.bytes));
    h->t_cid = 0xDEADBEEF;
    h->t_infomask = 0x1234;
    for (size_t i = 0; i < lengthof(values); i++)
    {
        TransactionId xmax = values[lengthof(values) - 1 - i];

        HeapTupleHeaderSetXmin(h, values[i]);
        HeapTupleHeaderSetXmax(h, xmax);
        ck_assert_uint_eq(HeapTupleHeaderGetXmin(h), values[i]);
        ck_assert_uint_eq(HeapTupleHeaderGetRawXmax(h), xmax);
        /* neighbours untouched */
        ck_assert_uint_eq(h->t_cid, 0xDEADBEEF);
        ck_assert_uint_eq(h->t_infomask, 0x1234);
    }
    /* little-endian, 6 bytes each: xmin at 0, xmax at 6 */
    HeapTupleHeaderSetXmin(h, UINT64_C(0x0102030405A6));
    HeapTupleHeaderSetXmax(h, MaxTransactionId);
    ck_assert_int_eq((uint8) buf.bytes[0], 0xA6);
    ck_assert_int_eq((uint8) buf.bytes[5], 0x01);
    for (int i = 6; i < 12; i++)
        ck_assert_int_eq((uint8) buf.bytes[i], 0xFF);
    ck_assert_uint_eq(HeapTupleHeaderGetXmin(h), UINT64_C(0x0102030405A6));
}
END_TEST

/* t_hoff of a row of tupdesc (values all 1 / "x"), null in column null_at (0: none) */
static int
form_hoff(TupleDesc desc, int null_at, uint32 *len)
{
    Datum       values[12];
    bool        nulls[12] = {false};
    Datum       out[12];
    bool        out_nulls[12];
    HeapTuple   tup;
    int         hoff;

    ck_assert_int_le(desc->natts, 12);
    for (int i = 0; i < desc->natts; i++)
        values[i] = TupleDescAttr(desc, i)->attbyval ? (Datum) 1 :
            PointerGetDatum(make_text("x"));
    if (null_at > 0)
        nulls[null_at - 1] = true;
    tup = heap_form_tuple(desc, values, nulls);
    hoff = tup->t_data->t_hoff;
    *len = tup->t_len;
    heap_deform_tuple(tup, desc, out, out_nulls);
    for (int i = 0; i < desc->natts; i++)
    {
        const AttributeData *att = TupleDescAttr(desc, i);

        ck_assert(out_nulls[i] == (nulls[i] || att->attisdropped));
        if (out_nulls[i])
            continue;
        if (att->attbyval)
            ck_assert_uint_eq(out[i], 1);
        else
            ck_assert_uint_eq(VARSIZE(DatumGetPointer(out[i])), VARHDRSZ + 1);
    }
    heap_freetuple(tup);
    return hoff;
}

START_TEST(tuple_data_offset_follows_strictest_column)
{
    TupleDesc   bools = CreateTemplateTupleDesc(3);
    TupleDesc   int2s = CreateTemplateTupleDesc(2);
    TupleDesc   accounts = CreateTemplateTupleDesc(4);
    TupleDesc   with_int8 = CreateTemplateTupleDesc(3);
    TupleDesc   wide = CreateTemplateTupleDesc(9);
    Datum       values[4];
    bool        nulls[4] = {false};
    char        filler[85];
    HeapTuple   tup;
    uint32      len;

    for (int i = 1; i <= 3; i++)
        set_att(bools, i, "b", BOOLOID, 1, true, 'c');
    set_att(int2s, 1, "a", BOOLOID, 1, true, 'c');
    set_att(int2s, 2, "s", INT2OID, 2, true, 's');
    set_att(with_int8, 1, "a", INT4OID, 4, true, 'i');
    set_att(with_int8, 2, "b", INT8OID, 8, true, 'd');
    set_att(with_int8, 3, "c", TEXTOID, -1, false, 'i');
    for (int i = 1; i <= 9; i++)
        set_att(wide, i, "i", INT4OID, 4, true, 'i');

    /* 27-byte header; the data follows at the alignment its columns need */
    ck_assert_int_eq(form_hoff(bools, 0, &len), 27);
    ck_assert_uint_eq(len, 30);
    ck_assert_int_eq(form_hoff(bools, 2, &len), 28);   /* + 1 bitmap byte */
    ck_assert_uint_eq(len, 30);
    ck_assert_int_eq(form_hoff(int2s, 0, &len), 28);
    ck_assert_uint_eq(len, 32);
    ck_assert_int_eq(form_hoff(with_int8, 0, &len), 32);
    ck_assert_uint_eq(len, 32 + 4 + 4 + 8 + VARHDRSZ + 1);
    ck_assert_int_eq(form_hoff(with_int8, 3, &len), 32);
    ck_assert_int_eq(form_hoff(wide, 0, &len), 28);
    ck_assert_uint_eq(len, 28 + 36);
    ck_assert_int_eq(form_hoff(wide, 5, &len), 32);   /* 27 + 2 bitmap bytes */
    ck_assert_uint_eq(len, 32 + 32);
    /* a dropped int8 column still counts: old rows store its values */
    TupleDescAttr(with_int8, 1)->attisdropped = true;
    ck_assert_int_eq(form_hoff(with_int8, 0, &len), 32);

    /* a pgbench_accounts row (3 x int4, char(84)) takes 128 bytes, as in PostgreSQL */
    set_att(accounts, 1, "aid", INT4OID, 4, true, 'i');
    set_att(accounts, 2, "bid", INT4OID, 4, true, 'i');
    set_att(accounts, 3, "abalance", INT4OID, 4, true, 'i');
    set_att(accounts, 4, "filler", TEXTOID, -1, false, 'i');
    memset(filler, ' ', 84);
    filler[84] = '\0';
    for (int i = 0; i < 3; i++)
        values[i] = Int32GetDatum(i + 1);
    values[3] = PointerGetDatum(make_text(filler));
    tup = heap_form_tuple(accounts, values, nulls);
    ck_assert_int_eq(tup->t_data->t_hoff, 28);
    ck_assert_uint_eq(tup->t_len, 128);

    /* Corrupt t_hoff: inside the header or past the padding is an error. */
    tup->t_data->t_hoff = 36;
    EXPECT_ERROR(heap_deform_tuple(tup, accounts, values, nulls), ERRCODE_DATA_CORRUPTED);
    tup->t_data->t_hoff = 26;
    EXPECT_ERROR(heap_deform_tuple(tup, accounts, values, nulls), ERRCODE_DATA_CORRUPTED);

    /*
     * A misaligned one still hands out aligned pointers: columns align
     * relative to the header start.  (int2, text): data at 28, the text at
     * 32; read with t_hoff 27 the text is still found at 32.
     */
    set_att(int2s, 1, "s", INT2OID, 2, true, 's');
    set_att(int2s, 2, "t", TEXTOID, -1, false, 'i');
    values[0] = Int16GetDatum(7);
    values[1] = PointerGetDatum(make_text("aligned"));
    tup = heap_form_tuple(int2s, values, nulls);
    ck_assert_int_eq(tup->t_data->t_hoff, 28);
    tup->t_data->t_hoff = 27;
    heap_deform_tuple(tup, int2s, values, nulls);
    ck_assert_uint_eq((uintptr_t) DatumGetPointer(values[1]) % 4, 0);
    ck_assert_uint_eq((char *) DatumGetPointer(values[1]) - (char *) tup->t_data, 32);
    ck_assert_int_eq(DatumGetInt16(values[0]), 7);
}
END_TEST

/* ---------- buffer pool ---------- */

static void
write_marker_page(Relation rel, uint32 marker)
{
    Buffer      buf = ExtendRelationBuffered(rel, MAIN_FORKNUM);
    Page        page = BufferGetPage(buf);

    ck_assert(PageIsNew(page));
    PageInit(page, BLCKSZ, 0);
    ck_assert_int_eq(PageAddItem(page, &marker, sizeof(marker), InvalidOffsetNumber, 0), 1);
    MarkBufferDirty(buf);
    UnlockReleaseBuffer(buf);
}

static uint32
read_marker(Relation rel, BlockNumber blkno)
{
    Buffer      buf = ReadBuffer(rel, blkno);
    Page        page;
    uint32      marker;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    memcpy(&marker, PageGetItem(page, PageGetItemId(page, 1)), sizeof(marker));
    UnlockReleaseBuffer(buf);
    return marker;
}

START_TEST(buffer_pool_evicts_and_writes_back)
{
    Relation    rel = make_test_relation(20001, make_int_text_desc(), "big");
    const uint32 npages = 1000;
    uint64      writes_before;

    StartTransactionCommand();
    for (uint32 i = 0; i < npages; i++)
        write_marker_page(rel, i * 7 + 1);
    CommitTransactionCommand();
    ck_assert_uint_eq(RelationGetNumberOfBlocks(rel), npages);
    /* 16 buffers for 1000 dirty pages: almost all were written by eviction. */
    ck_assert_uint_ge(BufferUsageCounters.shared_writes, npages - (uint32) test_nbuffers);

    StartTransactionCommand();
    writes_before = BufferUsageCounters.shared_reads;
    for (uint32 i = 0; i < npages; i++)
        ck_assert_uint_eq(read_marker(rel, i), i * 7 + 1);
    for (uint32 i = npages; i-- > 0;)
        ck_assert_uint_eq(read_marker(rel, i), i * 7 + 1);
    CommitTransactionCommand();
    ck_assert_uint_ge(BufferUsageCounters.shared_reads - writes_before, 2 * (npages - 2 * (uint32) test_nbuffers));
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);

    /* On disk every page carries a valid checksum. */
    FlushAllBuffers();
    {
        char       *path = DataFilePath(RelPath(rel->rd_locator, MAIN_FORKNUM));
        int         fd = open(path, O_RDONLY);
        static char page[BLCKSZ];

        ck_assert_int_ge(fd, 0);
        for (uint32 i = 0; i < npages; i++)
        {
            ck_assert_int_eq(pread(fd, page, BLCKSZ, (off_t) i * BLCKSZ), BLCKSZ);
            ck_assert(PageIsVerified(page, i));
            ck_assert_uint_ne(((PageHeader) page)->pd_checksum, 0);
        }
        close(fd);
    }
}
END_TEST

START_TEST(buffer_pin_twice_unpins_once_each)
{
    Relation    rel = make_test_relation(20002, make_int_text_desc(), "pins");
    Buffer      a;
    Buffer      b;

    StartTransactionCommand();
    write_marker_page(rel, 42);
    a = ReadBuffer(rel, 0);
    ck_assert_int_eq(BufferGetPrivateRefCount(a), 1);
    ck_assert_int_eq(BufferGetSharedRefCount(a), 1);
    b = ReadBuffer(rel, 0);
    ck_assert_int_eq(a, b);
    ck_assert_int_eq(BufferGetPrivateRefCount(a), 2);
    ck_assert_int_eq(BufferGetSharedRefCount(a), 1);   /* one process, one shared pin */
    IncrBufferRefCount(a);
    ck_assert_int_eq(BufferPinsHeldByMe(), 3);
    ReleaseBuffer(a);
    ReleaseBuffer(a);
    ck_assert_int_eq(BufferGetPrivateRefCount(a), 1);
    ck_assert_int_eq(BufferGetSharedRefCount(a), 1);
    ReleaseBuffer(a);
    ck_assert_int_eq(BufferGetPrivateRefCount(a), 0);
    ck_assert_int_eq(BufferGetSharedRefCount(a), 0);
    ck_assert_int_eq(BufferGetBlockNumber(b = ReadBuffer(rel, 0)), 0);
    ReleaseBuffer(b);
    CommitTransactionCommand();
}
END_TEST

START_TEST(buffer_cleanup_lock_needs_sole_pin)
{
    Relation    rel = make_test_relation(20008, make_int_text_desc(), "cleanup");
    Buffer      buf;

    StartTransactionCommand();
    write_marker_page(rel, 3);
    buf = ReadBuffer(rel, 0);
    ck_assert(ConditionalLockBufferForCleanup(buf));
    LockBuffer(buf, BUFFER_LOCK_UNLOCK);
    LockBufferForCleanup(buf);
    LockBuffer(buf, BUFFER_LOCK_UNLOCK);
    IncrBufferRefCount(buf);
    EXPECT_ERROR((void) ConditionalLockBufferForCleanup(buf), ERRCODE_INTERNAL_ERROR);
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);
}
END_TEST

START_TEST(buffer_abort_releases_pins_and_locks)
{
    Relation    rel = make_test_relation(20003, make_int_text_desc(), "abortpins");
    Buffer      a;

    StartTransactionCommand();
    write_marker_page(rel, 1);
    write_marker_page(rel, 2);
    CommitTransactionCommand();

    StartTransactionCommand();
    a = ReadBuffer(rel, 0);
    (void) ReadBuffer(rel, 1);
    (void) ReadBuffer(rel, 1);
    LockBuffer(a, BUFFER_LOCK_EXCLUSIVE);
    ck_assert_int_eq(BufferPinsHeldByMe(), 3);
    AbortCurrentTransaction();
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);
    ck_assert_int_eq(LWLockNumHeldByMe(), 0);
    ck_assert_int_eq(BufferGetSharedRefCount(a), 0);
    ck_assert_int_eq(TransactionBlockStatusCode(), 'I');
}
END_TEST

START_TEST(buffer_all_pinned_is_an_error)
{
    Relation    rel = make_test_relation(20004, make_int_text_desc(), "allpinned");

    StartTransactionCommand();
    for (int i = 0; i < test_nbuffers + 1; i++)
        write_marker_page(rel, (uint32) i);
    CommitTransactionCommand();

    StartTransactionCommand();
    for (int i = 0; i < test_nbuffers; i++)
        (void) ReadBuffer(rel, (BlockNumber) i);
    EXPECT_ERROR((void) ReadBuffer(rel, (BlockNumber) test_nbuffers),
                 ERRCODE_INSUFFICIENT_RESOURCES);
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);
    /* The pool is usable again. */
    StartTransactionCommand();
    ck_assert_uint_eq(read_marker(rel, (BlockNumber) test_nbuffers), (uint32) test_nbuffers);
    CommitTransactionCommand();
}
END_TEST

START_TEST(buffer_read_past_end_is_an_error)
{
    Relation    rel = make_test_relation(20005, make_int_text_desc(), "short");

    StartTransactionCommand();
    EXPECT_ERROR((void) ReadBuffer(rel, 3), ERRCODE_DATA_CORRUPTED);
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);
}
END_TEST

START_TEST(buffer_checksum_failure_raises_data_corrupted)
{
    Relation    rel = make_test_relation(20006, make_int_text_desc(), "corrupt");
    char       *path;
    int         fd;
    char        byte;
    Buffer      buf;

    StartTransactionCommand();
    write_marker_page(rel, 777);
    CommitTransactionCommand();
    FlushRelationBuffers(rel);
    DropRelationBuffers(rel->rd_locator, InvalidForkNumber, 0);

    /* Flip one bit of the stored item. */
    path = DataFilePath(RelPath(rel->rd_locator, MAIN_FORKNUM));
    fd = open(path, O_RDWR);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pread(fd, &byte, 1, BLCKSZ - 8), 1);
    byte ^= 0x01;
    ck_assert_int_eq(pwrite(fd, &byte, 1, BLCKSZ - 8), 1);
    close(fd);

    StartTransactionCommand();
    EXPECT_ERROR((void) ReadBuffer(rel, 0), ERRCODE_DATA_CORRUPTED);
    ck_assert_str_eq(caught_message, "invalid page in block 0 of relation \"corrupt\"");
    ck_assert_int_eq(BufferPinsHeldByMe(), 0);

    /* Still detected on a second try: the bad page was never cached as valid. */
    StartTransactionCommand();
    EXPECT_ERROR((void) ReadBuffer(rel, 0), ERRCODE_DATA_CORRUPTED);

    /* Repair mode hands back a zeroed page instead. */
    StartTransactionCommand();
    buf = ReadBufferExtended(rel, MAIN_FORKNUM, 0, RBM_ZERO_ON_ERROR);
    ck_assert(PageIsNew(BufferGetPage(buf)));
    ReleaseBuffer(buf);
    CommitTransactionCommand();
}
END_TEST

START_TEST(buffer_drop_relation_forgets_pages)
{
    Relation    rel = make_test_relation(20007, make_int_text_desc(), "dropme");

    StartTransactionCommand();
    for (uint32 i = 0; i < 5; i++)
        write_marker_page(rel, i + 100);
    CommitTransactionCommand();
    StartTransactionCommand();
    heap_truncate_all(rel);
    ck_assert_uint_eq(RelationGetNumberOfBlocks(rel), 0);
    write_marker_page(rel, 9);
    ck_assert_uint_eq(read_marker(rel, 0), 9);
    CommitTransactionCommand();
}
END_TEST

/* ---------- commit log and control file ---------- */

START_TEST(clog_survives_clean_restart)
{
    TransactionId committed;
    TransactionId aborted;

    StartTransactionCommand();
    committed = GetCurrentTransactionId();
    ck_assert(TransactionIdIsNormal(committed));
    ck_assert(TransactionIdIsCurrentTransactionId(committed));
    CommitTransactionCommand();
    StartTransactionCommand();
    aborted = GetCurrentTransactionId();
    ck_assert_uint_eq(aborted, committed + 1);
    AbortCurrentTransaction();

    ck_assert(TransactionIdDidCommit(committed));
    ck_assert(!TransactionIdDidAbort(committed));
    ck_assert(TransactionIdDidAbort(aborted));
    ck_assert(!TransactionIdDidCommit(aborted));

    StorageShutdownForTests();
    StorageInitForTests(test_dir, test_nbuffers);
    ck_assert_int_eq(TransactionIdGetStatus(committed), XID_STATUS_COMMITTED);
    ck_assert_int_eq(TransactionIdGetStatus(aborted), XID_STATUS_ABORTED);
    ck_assert_uint_eq(ReadNextTransactionId(), aborted + 1);
    ck_assert(TransactionIdDidCommit(BootstrapTransactionId));
    ck_assert(TransactionIdDidCommit(FrozenTransactionId));
}
END_TEST

START_TEST(xids_never_reused_after_crash)
{
    TransactionId before;

    StartTransactionCommand();
    before = GetCurrentTransactionId();
    CommitTransactionCommand();

    /* Crash: no shutdown checkpoint, shared memory simply goes away. */
    ProcSlotRelease();
    SharedMemoryDestroy();
    StorageInitForTests(test_dir, test_nbuffers);
    ck_assert_uint_gt(ReadNextTransactionId(), before);
    StartTransactionCommand();
    ck_assert_uint_gt(GetCurrentTransactionId(), before);
    CommitTransactionCommand();
}
END_TEST

START_TEST(clog_many_pages_with_tiny_cache)
{
    /* Status of xids spread over more pages than the cache holds. */
    const TransactionId base = 1000;
    const uint64 stride = (uint64) BLCKSZ * 4;   /* one xid per clog page */

    for (uint64 i = 0; i < 200; i++)
        TransactionIdSetStatus(base + i * stride,
                               i % 3 == 0 ? XID_STATUS_ABORTED : XID_STATUS_COMMITTED);
    for (uint64 i = 0; i < 200; i++)
        ck_assert_int_eq(TransactionIdGetStatus(base + i * stride),
                         i % 3 == 0 ? XID_STATUS_ABORTED : XID_STATUS_COMMITTED);
    ClogFlush();
    StorageShutdownForTests();
    StorageInitForTests(test_dir, test_nbuffers);
    for (uint64 i = 0; i < 200; i++)
        ck_assert_int_eq(TransactionIdGetStatus(base + i * stride),
                         i % 3 == 0 ? XID_STATUS_ABORTED : XID_STATUS_COMMITTED);
}
END_TEST

START_TEST(proc_slots_run_out)
{
    int         saved = MaxConnections;

    /* Tear down and rebuild with room for 1 client + the auxiliary slots. */
    StorageShutdownForTests();
    MaxConnections = 1;
    StorageInitForTests(test_dir, test_nbuffers);
    ck_assert_int_eq(ProcGlobalSlotCount(), 1 + NUM_AUXILIARY_PROC_SLOTS);
    /* Our standalone slot took a reserved one; one client slot is left. */
    ck_assert_ptr_nonnull(MyProc);
    ProcSlotRelease();
    ck_assert_ptr_nonnull(ProcSlotAcquire(B_BACKEND));
    {
        PGPROC     *mine = MyProc;

        MyProc = NULL;
        ck_assert_ptr_null(ProcSlotAcquire(B_BACKEND));  /* 53300 for the caller */
        MyProc = mine;
    }
    MaxConnections = saved;
}
END_TEST

static Suite *
storage_suite(void)
{
    Suite      *s = suite_create("storage");
    TCase      *tc_pure = tcase_create("pure");
    TCase      *tc_shm = tcase_create("shared");

    tcase_add_test(tc_pure, crc32c_known_vector);
    tcase_add_test(tc_pure, crc32c_hardware_matches_table);
    tcase_add_test(tc_pure, page_add_and_get_items);
    tcase_add_test(tc_pure, page_full_returns_invalid_offset);
    tcase_add_test(tc_pure, page_compaction_reclaims_space);
    tcase_add_test(tc_pure, page_heap_free_space_counts_reusable_slot);
    tcase_add_test(tc_pure, page_index_tuple_delete_shifts);
    tcase_add_test(tc_pure, page_checksum_mismatch_detected);
    tcase_add_checked_fixture(tc_pure, storage_setup, storage_teardown);
    tcase_add_test(tc_pure, tuple_roundtrip_every_alignment);
    tcase_add_test(tc_pure, tuple_nulls_and_missing_columns);
    tcase_add_test(tc_pure, tuple_modify_replaces_columns);
    tcase_add_test(tc_pure, tuple_header_xids_take_48_bits);
    tcase_add_test(tc_pure, tuple_data_offset_follows_strictest_column);
    suite_add_tcase(s, tc_pure);

    tcase_add_checked_fixture(tc_shm, storage_setup, storage_teardown);
    tcase_set_timeout(tc_shm, 60);
    tcase_add_test(tc_shm, buffer_pool_evicts_and_writes_back);
    tcase_add_test(tc_shm, buffer_pin_twice_unpins_once_each);
    tcase_add_test(tc_shm, buffer_abort_releases_pins_and_locks);
    tcase_add_test(tc_shm, buffer_cleanup_lock_needs_sole_pin);
    tcase_add_test(tc_shm, buffer_all_pinned_is_an_error);
    tcase_add_test(tc_shm, buffer_read_past_end_is_an_error);
    tcase_add_test(tc_shm, buffer_checksum_failure_raises_data_corrupted);
    tcase_add_test(tc_shm, buffer_drop_relation_forgets_pages);
    tcase_add_test(tc_shm, clog_survives_clean_restart);
    tcase_add_test(tc_shm, xids_never_reused_after_crash);
    tcase_add_test(tc_shm, clog_many_pages_with_tiny_cache);
    tcase_add_test(tc_shm, proc_slots_run_out);
    suite_add_tcase(s, tc_shm);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(storage_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
