/*
 * nbtutils.c
 *     B-tree helpers: key descriptions (comparison function and ASC/DESC,
 *     NULLS FIRST/LAST per column), forming and reading index tuples and
 *     pivots, the entry order (key columns, then heap TID), page set-up and
 *     corruption reports.
 * Entry points: BTKeyDescInit(), BTFormTuple(), BTMakePivot(),
 * BTCompareItem(), BTCompareTuples(), BTKeyDescription(), BTPageInit(),
 * BTCheckPage(), BTReportCorruption().
 * Tuple layout and the order of entries: README in this directory.
 */
#include "rustydb.h"

#include <stdarg.h>
#include <stdio.h>

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nbtree_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* ---------- key descriptions ---------- */

void
BTKeyDescFromOptions(BTKeyDesc *desc, TupleDesc tupdesc, int natts, int nkeyatts,
                     const int16 *options, const char *relname)
{
    Assert(natts <= INDEX_MAX_KEYS && nkeyatts <= natts && natts <= tupdesc->natts);
    memset(desc, 0, sizeof(*desc));
    desc->tupdesc = tupdesc;
    desc->natts = natts;
    desc->nkeyatts = nkeyatts;
    for (int i = 0; i < nkeyatts; i++)
    {
        Oid         typid = TupleDescAttr(tupdesc, i)->atttypid;

        desc->cmp[i] = TypeCompareFunction(typid);
        if (desc->cmp[i] == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("data type %s has no default operator class for access method \"btree\"",
                           FormatTypeWithTypmod(typid, -1)),
                    errdetail("Index \"%s\" column %d.", relname, i + 1));
        desc->options[i] = options != NULL ? options[i] : 0;
    }
}

void
BTKeyDescInit(BTKeyDesc *desc, Relation rel)
{
    BTMetaPageData meta;
    int16       options[INDEX_MAX_KEYS];

    BTreeReadMeta(rel, &meta);
    for (int i = 0; i < INDEX_MAX_KEYS; i++)
        options[i] = (int16) meta.btm_options[i];
    if (meta.btm_natts > RelationGetDescr(rel)->natts || meta.btm_nkeyatts > meta.btm_natts ||
        meta.btm_nkeyatts == 0)
        BTReportCorruption(rel, BTREE_METAPAGE, "metapage column counts %u/%u do not match",
                           meta.btm_nkeyatts, meta.btm_natts);
    BTKeyDescFromOptions(desc, RelationGetDescr(rel), meta.btm_natts, meta.btm_nkeyatts,
                         options, RelationGetRelationName(rel));
}

/* ---------- tuple layout ---------- */

static inline Size
align_for(Size off, char align)
{
    switch (align)
    {
        case 's':
            return SHORTALIGN(off);
        case 'i':
            return INTALIGN(off);
        case 'd':
            return MAXALIGN(off);
        default:
            return off;
    }
}

static Size
datum_len(const AttributeData *att, Datum value)
{
    if (att->attlen > 0)
        return (Size) att->attlen;
    if (att->attlen == -1)
        return VARSIZE(DatumGetPointer(value));
    return strlen((const char *) DatumGetPointer(value)) + 1;
}

static Size
data_size(TupleDesc tupdesc, int natts, const Datum *values, const bool *isnull)
{
    Size        off = 0;

    for (int i = 0; i < natts; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (isnull[i])
            continue;
        off = align_for(off, att->attalign);
        off += datum_len(att, values[i]);
    }
    return off;
}

/*
 * Offset of the data: after the header and bitmap, aligned for the most
 * strictly aligned of the natts columns (not MAXALIGN: an int4 key starts at
 * 12 and its entry takes 16 bytes, not 24).  Entries start MAXALIGNed on the
 * page and in memory, so every column is then aligned as in a heap tuple.
 */
static Size
header_size(TupleDesc tupdesc, int natts, bool hasnull)
{
    return TupleDescAlignData(tupdesc, natts,
                              SizeOfIndexTupleHeader + (hasnull ? (Size) BITMAPLEN(natts) : 0));
}

/*
 * form_tuple -- the common part of leaf and pivot forming: header, bitmap,
 * data; extra bytes are reserved (zeroed) at the end for a pivot's TID.
 */
static IndexTuple
form_tuple(TupleDesc tupdesc, int natts, const Datum *values, const bool *isnull, Size extra)
{
    bool        hasnull = false;
    bool        hasvar = false;
    Size        hoff;
    Size        size;
    IndexTuple  itup;
    char       *data;
    Size        off = 0;

    for (int i = 0; i < natts; i++)
    {
        hasnull |= isnull[i];
        hasvar |= !isnull[i] && TupleDescAttr(tupdesc, i)->attlen < 0;
    }
    hoff = header_size(tupdesc, natts, hasnull);
    size = MAXALIGN(hoff + data_size(tupdesc, natts, values, isnull)) + extra;
    if (size > INDEX_SIZE_MASK)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("index row requires %zu bytes, maximum size is %d", size, INDEX_SIZE_MASK));
    itup = palloc0(size);
    ItemPointerSetInvalid(&itup->t_tid);
    itup->t_info = (uint16) size | (hasnull ? INDEX_NULL_MASK : 0) | (hasvar ? INDEX_VAR_MASK : 0);
    itup->t_natts = (uint16) natts;
    data = (char *) itup + hoff;
    for (int i = 0; i < natts; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (isnull[i])
            continue;
        if (hasnull)
            itup->t_bits[i / 8] |= (uint8) (1 << (i % 8));
        off = align_for(off, att->attalign);
        if (att->attbyval)
        {
            switch (att->attlen)
            {
                case 1:
                    *(uint8 *) (data + off) = (uint8) values[i];
                    break;
                case 2:
                    {
                        int16       v = (int16) values[i];

                        memcpy(data + off, &v, 2);
                        break;
                    }
                case 4:
                    {
                        int32       v = (int32) values[i];

                        memcpy(data + off, &v, 4);
                        break;
                    }
                default:
                    memcpy(data + off, &values[i], 8);
                    break;
            }
        }
        else
            memcpy(data + off, DatumGetPointer(values[i]), datum_len(att, values[i]));
        off += datum_len(att, values[i]);
    }
    return itup;
}

IndexTuple
BTFormTuple(TupleDesc tupdesc, int natts, const Datum *values, const bool *isnull,
            ItemPointer heap_tid)
{
    IndexTuple  itup = form_tuple(tupdesc, natts, values, isnull, 0);

    if (heap_tid != NULL)
        itup->t_tid = *heap_tid;
    return itup;
}

/* Deform the first n attributes (n <= t_natts). */
static void
deform_prefix(TupleDesc tupdesc, IndexTuple itup, int n, Datum *values, bool *isnull)
{
    bool        hasnull = IndexTupleHasNulls(itup);
    const char *data = (const char *) itup + header_size(tupdesc, itup->t_natts, hasnull);
    Size        off = 0;

    Assert(n <= itup->t_natts);
    for (int i = 0; i < n; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (hasnull && (itup->t_bits[i / 8] & (1 << (i % 8))) == 0)
        {
            values[i] = (Datum) 0;
            isnull[i] = true;
            continue;
        }
        isnull[i] = false;
        off = align_for(off, att->attalign);
        if (att->attbyval)
        {
            switch (att->attlen)
            {
                case 1:
                    values[i] = (Datum) *(const uint8 *) (data + off);
                    break;
                case 2:
                    {
                        int16       v;

                        memcpy(&v, data + off, 2);
                        values[i] = (Datum) (int64) v;
                        break;
                    }
                case 4:
                    {
                        int32       v;

                        memcpy(&v, data + off, 4);
                        values[i] = (Datum) (int64) v;
                        break;
                    }
                default:
                    memcpy(&values[i], data + off, 8);
                    break;
            }
        }
        else
            values[i] = PointerGetDatum(data + off);
        off += datum_len(att, values[i]);
    }
}

void
BTDeformTuple(TupleDesc tupdesc, IndexTuple itup, Datum *values, bool *isnull)
{
    deform_prefix(tupdesc, itup, itup->t_natts, values, isnull);
}

Datum
BTGetAttr(TupleDesc tupdesc, IndexTuple itup, int attnum, bool *isnull)
{
    Datum       values[INDEX_MAX_KEYS];
    bool        nulls[INDEX_MAX_KEYS];

    Assert(attnum >= 1 && attnum <= itup->t_natts);
    deform_prefix(tupdesc, itup, attnum, values, nulls);
    *isnull = nulls[attnum - 1];
    return values[attnum - 1];
}

IndexTuple
BTCopyTuple(IndexTuple src)
{
    IndexTuple  dst = palloc(IndexTupleSize(src));

    memcpy(dst, src, IndexTupleSize(src));
    return dst;
}

bool
BTTupleGetHeapTid(IndexTuple itup, bool leaf, ItemPointer out)
{
    if (leaf)
    {
        *out = itup->t_tid;
        return true;
    }
    if ((itup->t_info & INDEX_PIVOT_HEAPTID) == 0)
        return false;
    memcpy(out, (const char *) itup + IndexTupleSize(itup) - MAXALIGN(sizeof(ItemPointerData)),
           sizeof(ItemPointerData));
    return true;
}

BlockNumber
BTTupleGetDownlink(IndexTuple itup)
{
    return ItemPointerGetBlockNumber(&itup->t_tid);
}

void
BTTupleSetDownlink(IndexTuple itup, BlockNumber child)
{
    ItemPointerSet(&itup->t_tid, child, FirstOffsetNumber);
}

IndexTuple
BTMakePivot(const BTKeyDesc *desc, IndexTuple src)
{
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];
    ItemPointerData tid;
    bool        src_is_leaf = (src->t_info & INDEX_PIVOT_HEAPTID) == 0;
    IndexTuple  pivot;
    Size        tid_space = MAXALIGN(sizeof(ItemPointerData));

    if (!BTTupleGetHeapTid(src, src_is_leaf, &tid))
        elog(ERROR, "cannot make a pivot from a tuple without a heap TID");
    deform_prefix(desc->tupdesc, src, desc->nkeyatts, values, isnull);
    pivot = form_tuple(desc->tupdesc, desc->nkeyatts, values, isnull, tid_space);
    pivot->t_info |= INDEX_PIVOT_HEAPTID;
    memcpy((char *) pivot + IndexTupleSize(pivot) - tid_space, &tid, sizeof(tid));
    return pivot;
}

IndexTuple
BTMakeMinusInfinity(BlockNumber child)
{
    IndexTuple  itup = palloc0(MAXALIGN(SizeOfIndexTupleHeader));

    itup->t_info = (uint16) MAXALIGN(SizeOfIndexTupleHeader);
    itup->t_natts = 0;
    BTTupleSetDownlink(itup, child);
    return itup;
}

/* ---------- order ---------- */

int
BTCompareTids(const ItemPointerData *a, const ItemPointerData *b)
{
    BlockNumber ba = ItemPointerGetBlockNumber(a);
    BlockNumber bb = ItemPointerGetBlockNumber(b);

    if (ba != bb)
        return ba < bb ? -1 : 1;
    if (a->ip_posid != b->ip_posid)
        return a->ip_posid < b->ip_posid ? -1 : 1;
    return 0;
}

int
BTCompareColumn(const BTKeyDesc *desc, int i, Datum a, bool anull, Datum b, bool bnull)
{
    bool        nulls_first = (desc->options[i] & INDOPTION_NULLS_FIRST) != 0;
    int32       r;

    if (anull || bnull)
    {
        if (anull && bnull)
            return 0;
        if (anull)
            return nulls_first ? -1 : 1;
        return nulls_first ? 1 : -1;
    }
    r = DatumGetInt32(DirectFunctionCall2(desc->cmp[i], a, b));
    if (desc->options[i] & INDOPTION_DESC)
        return r < 0 ? 1 : (r > 0 ? -1 : 0);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

int
BTCompareItem(const BTSearchKey *key, Page page, OffsetNumber off)
{
    BTPageOpaque op = BTPageGetOpaque(page);
    IndexTuple  itup;
    bool        is_data_leaf;
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];
    ItemPointerData ttid;
    int         n;

    /* The first data item of an internal page is minus infinity. */
    if (!P_ISLEAF(op) && off == P_FIRSTDATAKEY(op))
        return 1;
    itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, off));
    is_data_leaf = P_ISLEAF(op) && off >= P_FIRSTDATAKEY(op);
    n = Min(key->nkeys, (int) itup->t_natts);
    deform_prefix(key->desc->tupdesc, itup, n, values, isnull);
    for (int i = 0; i < n; i++)
    {
        int         r = BTCompareColumn(key->desc, i, key->values[i], key->isnull[i], values[i],
                                        isnull[i]);

        if (r != 0)
            return r;
    }
    if (n < key->nkeys)
        return 1;               /* a truncated item sorts before every key it is a prefix of */
    if (key->nkeys < key->desc->nkeyatts || !key->has_tid)
        return key->nextkey ? 1 : -1;
    if (!BTTupleGetHeapTid(itup, is_data_leaf, &ttid))
        return 1;
    return BTCompareTids(&key->tid, &ttid);
}

int
BTCompareTuples(const BTKeyDesc *desc, IndexTuple a, bool a_leaf, IndexTuple b, bool b_leaf,
                bool *tid_compared)
{
    Datum       av[INDEX_MAX_KEYS];
    bool        an[INDEX_MAX_KEYS];
    Datum       bv[INDEX_MAX_KEYS];
    bool        bn[INDEX_MAX_KEYS];
    int         n = Min(desc->nkeyatts, Min((int) a->t_natts, (int) b->t_natts));
    ItemPointerData at;
    ItemPointerData bt;

    if (tid_compared != NULL)
        *tid_compared = false;
    deform_prefix(desc->tupdesc, a, n, av, an);
    deform_prefix(desc->tupdesc, b, n, bv, bn);
    for (int i = 0; i < n; i++)
    {
        int         r = BTCompareColumn(desc, i, av[i], an[i], bv[i], bn[i]);

        if (r != 0)
            return r;
    }
    if (!BTTupleGetHeapTid(a, a_leaf, &at) || !BTTupleGetHeapTid(b, b_leaf, &bt))
        return 0;
    if (tid_compared != NULL)
        *tid_compared = true;
    return BTCompareTids(&at, &bt);
}

void
BTSearchKeyFromTuple(BTSearchKey *key, const BTKeyDesc *desc, IndexTuple itup, bool leaf,
                     bool with_tid)
{
    memset(key, 0, sizeof(*key));
    key->desc = desc;
    key->nkeys = Min(desc->nkeyatts, (int) itup->t_natts);
    deform_prefix(desc->tupdesc, itup, key->nkeys, key->values, key->isnull);
    key->has_tid = with_tid && BTTupleGetHeapTid(itup, leaf, &key->tid);
}

char *
BTKeyDescription(const BTKeyDesc *desc, const Datum *values, const bool *isnull, int nkeys)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoChar(&buf, '(');
    for (int i = 0; i < nkeys; i++)
        appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "",
                         TupleDescAttr(desc->tupdesc, i)->attname.data);
    appendStringInfoString(&buf, ")=(");
    for (int i = 0; i < nkeys; i++)
    {
        if (i > 0)
            appendStringInfoString(&buf, ", ");
        if (isnull[i])
            appendStringInfoString(&buf, "null");
        else
            appendStringInfoString(&buf, OutputFunctionCall(TupleDescAttr(desc->tupdesc, i)->atttypid,
                                                            values[i]));
    }
    appendStringInfoChar(&buf, ')');
    return buf.data;
}

/* ---------- pages ---------- */

void
BTPageInit(Page page, uint16 flags, uint32 level)
{
    BTPageOpaque op;

    PageInit(page, BLCKSZ, sizeof(BTPageOpaqueData));
    op = BTPageGetOpaque(page);
    op->btpo_prev = P_NONE;
    op->btpo_next = P_NONE;
    op->btpo_level = level;
    op->btpo_flags = flags;
    op->btpo_magic = BTP_MAGIC;
}

void
BTCheckPage(Relation rel, Page page, BlockNumber blkno)
{
    BTPageOpaque op;

    if (PageIsNew(page))
        BTReportCorruption(rel, blkno, "unexpected zero page");
    if (PageGetSpecialSize(page) != MAXALIGN(sizeof(BTPageOpaqueData)))
        BTReportCorruption(rel, blkno, "wrong special space size %zu", PageGetSpecialSize(page));
    op = BTPageGetOpaque(page);
    if (op->btpo_magic != BTP_MAGIC || (op->btpo_flags & BTP_META) != 0)
        BTReportCorruption(rel, blkno, "not a B-tree page");
    if (P_ISLEAF(op) != (op->btpo_level == 0))
        BTReportCorruption(rel, blkno, "leaf flag does not match level %u", op->btpo_level);
}

void
BTReportCorruption(Relation rel, BlockNumber blkno, const char *fmt, ...)
{
    char        what[512];
    va_list     ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    ereport(ERROR, errcode(ERRCODE_INDEX_CORRUPTED),
            errmsg("index \"%s\" is corrupted: %s at block %u", RelationGetRelationName(rel),
                   what, blkno));
    rdb_unreachable();
}
