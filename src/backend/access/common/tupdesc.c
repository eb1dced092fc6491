/*
 * tupdesc.c
 *     Tuple descriptors: creation, copying, column set-up and comparison.
 * Entry points: see access/tupdesc.h.  Descriptors are plain palloc'd
 * structs (one chunk); reference counting (tdrefcount >= 0) is the
 * relcache's business.
 */
#include "rustydb.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "catalog/pg_builtin.h"
#include "utils/elog.h"
#include "utils/palloc.h"

TupleDesc
CreateTemplateTupleDesc(int natts)
{
    TupleDesc   desc;

    if (natts < 0 || natts > MaxHeapAttributeNumber)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("tables can have at most %d columns", MaxHeapAttributeNumber));
    desc = palloc0(offsetof(TupleDescData, attrs) + sizeof(AttributeData) * (Size) natts);
    desc->natts = natts;
    desc->tdtypeid = RECORDOID;
    desc->tdrefcount = -1;
    return desc;
}

TupleDesc
CreateTupleDescCopy(TupleDesc tupdesc)
{
    TupleDesc   desc = CreateTemplateTupleDesc(tupdesc->natts);

    memcpy(desc->attrs, tupdesc->attrs, sizeof(AttributeData) * (Size) tupdesc->natts);
    desc->tdtypeid = tupdesc->tdtypeid;
    return desc;
}

void
TupleDescInitEntry(TupleDesc desc, int attnum, const char *name, Oid typid, int32 typmod)
{
    Attribute   att;

    if (attnum < 1 || attnum > desc->natts)
        elog(ERROR, "column number %d out of range 1..%d", attnum, desc->natts);
    att = TupleDescAttr(desc, attnum - 1);
    memset(att, 0, sizeof(*att));
    if (name != NULL)
    {
        size_t      len = strnlen(name, NAMEDATALEN - 1);

        memcpy(att->attname.data, name, len);   /* the rest is zero (memset above) */
    }
    att->atttypid = typid;
    att->atttypmod = typmod;
    att->attnum = (int16) attnum;
    att->attstattarget = -1;
    att->attrelid = InvalidOid;
    TypeGetLenByvalAlign(typid, &att->attlen, &att->attbyval, &att->attalign);
}

bool
EqualTupleDescs(TupleDesc a, TupleDesc b)
{
    if (a == b)
        return true;
    if (a == NULL || b == NULL)
        return false;
    if (a->natts != b->natts || a->tdtypeid != b->tdtypeid)
        return false;
    for (int i = 0; i < a->natts; i++)
    {
        const AttributeData *x = &a->attrs[i];
        const AttributeData *y = &b->attrs[i];

        if (strcmp(x->attname.data, y->attname.data) != 0 ||
            x->atttypid != y->atttypid || x->atttypmod != y->atttypmod ||
            x->attlen != y->attlen || x->attbyval != y->attbyval ||
            x->attalign != y->attalign || x->attnum != y->attnum ||
            x->attnotnull != y->attnotnull || x->atthasdef != y->atthasdef ||
            x->attisdropped != y->attisdropped)
            return false;
    }
    return true;
}

Size
TupleDescAlignData(TupleDesc tupdesc, int natts, Size off)
{
    Size        align = 1;

    for (int i = 0; i < natts && align < MAXIMUM_ALIGNOF; i++)
    {
        char        a = TupleDescAttr(tupdesc, i)->attalign;
        Size        need = a == 'd' ? MAXIMUM_ALIGNOF : a == 'i' ? 4 : a == 's' ? 2 : 1;

        if (need > align)
            align = need;
    }
    return TYPEALIGN(align, off);
}
