/*
 * datum.c
 *     Type-agnostic Datum helpers driven by (byval, typlen): size, copy,
 *     byte-image equality.
 * Entry points: DatumGetSize(), DatumCopy(), DatumImageEqual().
 */
#include "rustydb.h"

#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

Size
DatumGetSize(Datum value, bool byval, int16 typlen)
{
    if (byval)
        return (Size) typlen;
    if (typlen > 0)
        return (Size) typlen;
    if (typlen == -1)
        return VARSIZE(DatumGetPointer(value));
    if (typlen == -2)
        return strlen(DatumGetCString(value)) + 1;
    elog(ERROR, "invalid typlen %d", typlen);
    return 0;
}

/* Copy in CurrentMemoryContext; by-value Datums are returned unchanged. */
Datum
DatumCopy(Datum value, bool byval, int16 typlen)
{
    Size        size;
    char       *copy;

    if (byval)
        return value;
    size = DatumGetSize(value, byval, typlen);
    copy = palloc(size);
    memcpy(copy, DatumGetPointer(value), size);
    return PointerGetDatum(copy);
}

bool
DatumImageEqual(Datum a, Datum b, bool byval, int16 typlen)
{
    Size        sa, sb;

    if (byval)
        return a == b;
    sa = DatumGetSize(a, byval, typlen);
    sb = DatumGetSize(b, byval, typlen);
    return sa == sb && memcmp(DatumGetPointer(a), DatumGetPointer(b), sa) == 0;
}
