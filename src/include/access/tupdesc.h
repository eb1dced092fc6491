/*
 * tupdesc.h
 *     Tuple descriptors: the column layout of a row (names, types, typmods,
 *     storage properties).  Used by heap tuples, the catalog, the executor
 *     and the protocol layer (RowDescription).
 * Implemented in src/backend/access/common/tupdesc.c.
 */
#ifndef ACCESS_TUPDESC_H
#define ACCESS_TUPDESC_H

#include "rustydb.h"

typedef struct NameData
{
    char        data[NAMEDATALEN];
} NameData;

typedef struct AttributeData
{
    NameData    attname;
    Oid         atttypid;
    int32       atttypmod;      /* -1 if none; varchar(n): n + VARHDRSZ as PostgreSQL */
    int16       attlen;         /* copied from the type */
    bool        attbyval;
    char        attalign;
    int16       attnum;         /* 1-based column number */
    bool        attnotnull;
    bool        atthasdef;
    bool        attisdropped;
    int32       attstattarget;  /* -1 = default_statistics_target */
    Oid         attrelid;       /* owning relation, InvalidOid for transient rows */
} AttributeData;

typedef AttributeData *Attribute;

typedef struct TupleDescData
{
    int         natts;
    Oid         tdtypeid;       /* RECORDOID for transient row types */
    int         tdrefcount;     /* -1 if not reference-counted (transient) */
    AttributeData attrs[FLEXIBLE_ARRAY_MEMBER];
} TupleDescData;

typedef TupleDescData *TupleDesc;

#define TupleDescAttr(tupdesc, i) (&(tupdesc)->attrs[(i)])

/* All allocated in CurrentMemoryContext. */
extern TupleDesc CreateTemplateTupleDesc(int natts);
extern TupleDesc CreateTupleDescCopy(TupleDesc tupdesc);
/* Fill column attnum (1-based); len/byval/align are looked up from the type. */
extern void TupleDescInitEntry(TupleDesc desc, int attnum, const char *name,
                               Oid typid, int32 typmod);
extern bool EqualTupleDescs(TupleDesc a, TupleDesc b);
/*
 * TupleDescAlignData -- off (a header's length) rounded up to the strictest
 * attalign of the first natts columns ('d' 8, 'i' 4, 's' 2, 'c' 1): where a
 * heap row's or B-tree entry's data starts, so that every column is aligned
 * when the row itself starts MAXALIGNed.
 */
extern Size TupleDescAlignData(TupleDesc tupdesc, int natts, Size off);

#endif                          /* ACCESS_TUPDESC_H */
