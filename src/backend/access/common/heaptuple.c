/*
 * heaptuple.c
 *     Forming and deforming heap tuples: header, null bitmap, attributes
 *     aligned per attalign, varlenas with their 4-byte header.
 * Entry points: see access/htup.h.  Layout: README in access/heap.
 *
 * Alignment is computed relative to the start of the tuple header, which
 * is MAXALIGNed both on pages and in palloc'd memory, so aligned columns
 * are aligned in memory too.  The data area starts at t_hoff: the header
 * and null bitmap rounded up to the strictest attalign of the row type's
 * columns (data_offset), so offsets relative to the data area are aligned
 * the same way.  Values are still moved with memcpy so that a tuple copied
 * to an unaligned place (e.g. a network buffer) decodes.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static inline Size
align_for(char attalign, Size offset)
{
    switch (attalign)
    {
        case 'c':
            return offset;
        case 's':
            return SHORTALIGN(offset);
        case 'i':
            return INTALIGN(offset);
        case 'd':
            return MAXALIGN(offset);
        default:
            break;
    }
    elog(ERROR, "invalid attalign '%c'", attalign);
    return offset;              /* keep the compiler quiet */
}

Size
datumGetSize(Datum value, bool typbyval, int typlen)
{
    if (typbyval)
        return (Size) typlen;
    if (typlen > 0)
        return (Size) typlen;
    if (typlen == -1)
    {
        uint32      hdr;

        memcpy(&hdr, DatumGetPointer(value), sizeof(hdr));
        if ((hdr & VARFLAG_EXTERNAL) != 0)
            elog(ERROR, "external TOAST pointers are not supported here");
        return hdr & VARLEN_MASK;
    }
    if (typlen == -2)
        return strlen(DatumGetCString(value)) + 1;
    elog(ERROR, "invalid typlen: %d", typlen);
    return 0;                   /* keep the compiler quiet */
}

Datum
datumCopy(Datum value, bool typbyval, int typlen)
{
    Size        size;
    char       *copy;

    if (typbyval)
        return value;
    size = datumGetSize(value, typbyval, typlen);
    copy = palloc(size);
    memcpy(copy, DatumGetPointer(value), size);
    return PointerGetDatum(copy);
}

/*
 * data_offset -- t_hoff for a row of tupdesc: the header and null bitmap
 * rounded up to the strictest alignment among all the columns, dropped ones
 * included (old rows still store their values).  Columns added later by
 * ALTER TABLE ADD COLUMN are beyond the stored rows' t_natts and never
 * read from them.
 */
static Size
data_offset(TupleDesc tupdesc, bool hasnull)
{
    Size        off = SizeofHeapTupleHeader;

    if (hasnull)
        off += (Size) BITMAPLEN(tupdesc->natts);
    return TupleDescAlignData(tupdesc, tupdesc->natts, off);
}

static bool
att_stored_null(const AttributeData *att, const bool *isnull, int i)
{
    return isnull[i] || att->attisdropped;
}

Size
heap_compute_data_size(TupleDesc tupdesc, const Datum *values, const bool *isnull)
{
    Size        size = 0;

    for (int i = 0; i < tupdesc->natts; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (att_stored_null(att, isnull, i))
            continue;
        size = align_for(att->attalign, size);
        size += datumGetSize(values[i], att->attbyval, att->attlen);
        if (size > MaxAllocSize)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("row is too big: size exceeds %zu bytes", (Size) MaxAllocSize));
    }
    return size;
}

static void
store_byval(char *dst, Datum value, int len)
{
    switch (len)
    {
        case 1:
            {
                uint8       v = (uint8) value;

                memcpy(dst, &v, 1);
                break;
            }
        case 2:
            {
                int16       v = (int16) value;

                memcpy(dst, &v, 2);
                break;
            }
        case 4:
            {
                int32       v = (int32) value;

                memcpy(dst, &v, 4);
                break;
            }
        case 8:
            memcpy(dst, &value, 8);
            break;
        default:
            elog(ERROR, "unsupported by-value length %d", len);
    }
}

static Datum
fetch_byval(const char *src, int len)
{
    switch (len)
    {
        case 1:
            {
                uint8       v;

                memcpy(&v, src, 1);
                return (Datum) v;
            }
        case 2:
            {
                int16       v;

                memcpy(&v, src, 2);
                return Int16GetDatum(v);
            }
        case 4:
            {
                int32       v;

                memcpy(&v, src, 4);
                return Int32GetDatum(v);
            }
        case 8:
            {
                Datum       v;

                memcpy(&v, src, 8);
                return v;
            }
        default:
            break;
    }
    elog(ERROR, "unsupported by-value length %d", len);
    return (Datum) 0;           /* keep the compiler quiet */
}

HeapTuple
heap_form_tuple(TupleDesc tupdesc, const Datum *values, const bool *isnull)
{
    int         natts = tupdesc->natts;
    bool        hasnull = false;
    bool        hasvarwidth = false;
    Size        hoff;
    Size        data_size;
    Size        len;
    HeapTuple   tuple;
    HeapTupleHeader hdr;
    char       *data;
    Size        off = 0;

    if (natts > MaxHeapAttributeNumber)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("number of columns (%d) exceeds limit (%d)", natts,
                       MaxHeapAttributeNumber));
    for (int i = 0; i < natts; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (att_stored_null(att, isnull, i))
            hasnull = true;
        else if (att->attlen < 0)
            hasvarwidth = true;
    }
    hoff = data_offset(tupdesc, hasnull);
    data_size = heap_compute_data_size(tupdesc, values, isnull);
    len = hoff + data_size;
    if (len > MaxAllocSize - HEAPTUPLESIZE)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("row is too big: size %zu", len));

    tuple = palloc0(HEAPTUPLESIZE + len);
    hdr = (HeapTupleHeader) ((char *) tuple + HEAPTUPLESIZE);
    tuple->t_len = (uint32) len;
    ItemPointerSetInvalid(&tuple->t_self);
    tuple->t_tableOid = InvalidOid;
    tuple->t_data = hdr;

    hdr->t_natts = (uint16) natts;
    hdr->t_hoff = (uint8) hoff;
    hdr->t_infomask = (uint16) ((hasnull ? HEAP_HASNULL : 0) |
                                (hasvarwidth ? HEAP_HASVARWIDTH : 0) | HEAP_XMAX_INVALID);
    ItemPointerSetInvalid(&hdr->t_ctid);

    data = (char *) hdr + hoff;
    for (int i = 0; i < natts; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);
        Size        size;

        if (att_stored_null(att, isnull, i))
            continue;           /* bitmap bit stays 0 */
        if (hasnull)
            hdr->t_bits[i >> 3] |= (uint8) (1 << (i & 7));
        off = align_for(att->attalign, off);
        if (att->attbyval)
        {
            store_byval(data + off, values[i], att->attlen);
            size = (Size) att->attlen;
        }
        else
        {
            size = datumGetSize(values[i], false, att->attlen);
            memcpy(data + off, DatumGetPointer(values[i]), size);
        }
        off += size;
    }
    Assert(off == data_size);
    return tuple;
}

static RDB_NORETURN void
corrupt_tuple(int attindex)
{
    ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
            errmsg("corrupted tuple: attribute %d extends beyond the end of the tuple",
                   attindex + 1));
    rdb_unreachable();
}

/*
 * check_tuple_header -- ERROR (XX001) unless the header fits in t_len bytes
 * and t_hoff is past the null bitmap by less than MAXIMUM_ALIGNOF (the
 * padding data_offset adds) and within the tuple.
 *
 * Why: t_len comes from the line pointer and everything else from the
 * stored bytes, so a corrupt tuple on an otherwise valid page used to make
 * deforming read the header and bitmap past the item, and a misaligned
 * t_hoff handed out misaligned pointers to by-reference values that output
 * functions dereference as structs (Interval).  Found by
 * test/fuzz/fuzz_page.c.  t_hoff is no longer MAXALIGNed, so deform_upto
 * aligns columns relative to the header start instead: for a valid t_hoff
 * (aligned for every column of the row) that is the same offset, and for a
 * corrupt one the pointers it hands out are still aligned.
 */
static inline void
check_tuple_header(HeapTuple tuple)
{
    HeapTupleHeader hdr = tuple->t_data;
    Size        min_hoff;

    if (tuple->t_len < SizeofHeapTupleHeader)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted tuple: length %u is shorter than the tuple header",
                       tuple->t_len));
    min_hoff = SizeofHeapTupleHeader;
    if ((hdr->t_infomask & HEAP_HASNULL) != 0)
        min_hoff += (Size) BITMAPLEN(hdr->t_natts);
    if (hdr->t_hoff < min_hoff || hdr->t_hoff >= min_hoff + MAXIMUM_ALIGNOF ||
        hdr->t_hoff > tuple->t_len)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("corrupted tuple: data offset %u is invalid (length %u, %u attributes)",
                       hdr->t_hoff, tuple->t_len, hdr->t_natts));
}

/*
 * deform_upto -- decode columns 0..limit-1 (limit <= tupdesc->natts).  Columns
 * the tuple does not store read as NULL.
 */
static void
deform_upto(HeapTuple tuple, TupleDesc tupdesc, int limit, Datum *values, bool *isnull)
{
    HeapTupleHeader hdr = tuple->t_data;
    int         stored;
    bool        hasnull;
    const char *data;
    Size        data_len;
    Size        off;

    check_tuple_header(tuple);
    stored = Min((int) hdr->t_natts, limit);
    hasnull = (hdr->t_infomask & HEAP_HASNULL) != 0;
    /* offsets relative to the header start (see check_tuple_header) */
    data = (const char *) hdr;
    data_len = tuple->t_len;
    off = hdr->t_hoff;

    for (int i = 0; i < stored; i++)
    {
        const AttributeData *att = TupleDescAttr(tupdesc, i);

        if (hasnull && (hdr->t_bits[i >> 3] & (1 << (i & 7))) == 0)
        {
            values[i] = (Datum) 0;
            isnull[i] = true;
            continue;
        }
        off = align_for(att->attalign, off);
        isnull[i] = false;
        if (att->attbyval)
        {
            if (off + (Size) att->attlen > data_len)
                corrupt_tuple(i);
            values[i] = fetch_byval(data + off, att->attlen);
            off += (Size) att->attlen;
        }
        else
        {
            Size        size;

            if (att->attlen > 0)
                size = (Size) att->attlen;
            else if (att->attlen == -1)
            {
                uint32      vhdr;

                if (off + sizeof(vhdr) > data_len)
                    corrupt_tuple(i);
                memcpy(&vhdr, data + off, sizeof(vhdr));
                size = vhdr & VARLEN_MASK;
                if (size < sizeof(vhdr))
                    corrupt_tuple(i);
            }
            else
                size = strnlen(data + off, data_len > off ? data_len - off : 0) + 1;
            if (off + size > data_len)
                corrupt_tuple(i);
            values[i] = PointerGetDatum(data + off);
            off += size;
        }
    }
    for (int i = stored; i < limit; i++)
    {
        values[i] = (Datum) 0;
        isnull[i] = true;
    }
}

void
heap_deform_tuple(HeapTuple tuple, TupleDesc tupdesc, Datum *values, bool *isnull)
{
    deform_upto(tuple, tupdesc, tupdesc->natts, values, isnull);
}

void
heap_deform_tuple_prefix(HeapTuple tuple, TupleDesc tupdesc, int natts, Datum *values,
                         bool *isnull)
{
    Assert(natts >= 0 && natts <= tupdesc->natts);
    deform_upto(tuple, tupdesc, natts, values, isnull);
}

Datum
heap_getattr(HeapTuple tuple, int attnum, TupleDesc tupdesc, bool *isnull)
{
    Datum       small_values[32];
    bool        small_nulls[32];
    Datum      *values = small_values;
    bool       *nulls = small_nulls;
    Datum       result;

    if (attnum < 1 || attnum > tupdesc->natts)
        elog(ERROR, "invalid attribute number %d", attnum);
    if (attnum > (int) lengthof(small_values))
    {
        values = palloc(sizeof(Datum) * (Size) attnum);
        nulls = palloc(sizeof(bool) * (Size) attnum);
    }
    deform_upto(tuple, tupdesc, attnum, values, nulls);
    result = values[attnum - 1];
    *isnull = nulls[attnum - 1];
    if (values != small_values)
    {
        pfree(values);
        pfree(nulls);
    }
    return result;
}

bool
heap_attisnull(HeapTuple tuple, int attnum, TupleDesc tupdesc)
{
    HeapTupleHeader hdr = tuple->t_data;

    (void) tupdesc;
    if (attnum < 1)
        elog(ERROR, "invalid attribute number %d", attnum);
    check_tuple_header(tuple);
    if (attnum > (int) hdr->t_natts)
        return true;
    if ((hdr->t_infomask & HEAP_HASNULL) == 0)
        return false;
    return (hdr->t_bits[(attnum - 1) >> 3] & (1 << ((attnum - 1) & 7))) == 0;
}

HeapTuple
heap_copytuple(HeapTuple tuple)
{
    HeapTuple   copy;

    if (tuple == NULL || tuple->t_data == NULL)
        return NULL;
    copy = palloc(HEAPTUPLESIZE + tuple->t_len);
    copy->t_len = tuple->t_len;
    copy->t_self = tuple->t_self;
    copy->t_tableOid = tuple->t_tableOid;
    copy->t_data = (HeapTupleHeader) ((char *) copy + HEAPTUPLESIZE);
    memcpy(copy->t_data, tuple->t_data, tuple->t_len);
    return copy;
}

void
heap_copytuple_with_tuple(HeapTuple src, HeapTuple dest)
{
    if (src == NULL || src->t_data == NULL)
    {
        dest->t_data = NULL;
        return;
    }
    dest->t_len = src->t_len;
    dest->t_self = src->t_self;
    dest->t_tableOid = src->t_tableOid;
    dest->t_data = palloc(src->t_len);
    memcpy(dest->t_data, src->t_data, src->t_len);
}

void
heap_freetuple(HeapTuple tuple)
{
    if (tuple != NULL)
        pfree(tuple);
}

HeapTuple
heap_modify_tuple(HeapTuple tuple, TupleDesc tupdesc, const Datum *values,
                  const bool *isnull, const bool *do_replace)
{
    int         natts = tupdesc->natts;
    Datum      *new_values = palloc(sizeof(Datum) * (Size) Max(natts, 1));
    bool       *new_nulls = palloc(sizeof(bool) * (Size) Max(natts, 1));
    HeapTuple   result;

    heap_deform_tuple(tuple, tupdesc, new_values, new_nulls);
    for (int i = 0; i < natts; i++)
    {
        if (do_replace[i])
        {
            new_values[i] = values[i];
            new_nulls[i] = isnull[i];
        }
    }
    result = heap_form_tuple(tupdesc, new_values, new_nulls);
    result->t_self = tuple->t_self;
    result->t_tableOid = tuple->t_tableOid;
    pfree(new_values);
    pfree(new_nulls);
    return result;
}
