/*
 * htup.h
 *     Heap tuples: the on-disk row header (MVCC fields, ctid, hint bits,
 *     null bitmap) and forming/deforming rows from Datum arrays.
 * Implemented in src/backend/access/common/heaptuple.c; the on-disk layout
 * is tabulated in src/backend/access/heap/README.
 */
#ifndef ACCESS_HTUP_H
#define ACCESS_HTUP_H

#include "rustydb.h"
#include "access/transam.h"
#include "access/tupdesc.h"
#include "storage/itemptr.h"

/*
 * HeapTupleHeaderData -- the stored row header, at the start of every heap
 * item.  Offsets: t_xmin 0 (6 bytes), t_xmax 6 (6 bytes), t_cid 12, t_ctid
 * 16 (6 bytes), t_infomask 22, t_natts 24, t_hoff 26, t_bits 27: 27 bytes.
 *
 * Transaction ids are 64-bit in memory but stored in 48 bits, as 6 bytes in
 * little-endian order (least significant byte first): use the accessors
 * below, never the byte arrays.  Assignment stops well below 2^48
 * (MaxTransactionId, access/transam.h), for multixact ids too, which share
 * the counter and are stored in t_xmax.
 *
 * Data begins at t_hoff: the header and null bitmap rounded up to the
 * alignment of the most strictly aligned column of the row type (not
 * MAXALIGN: a row of int4 and text columns starts at 28).  Items are
 * MAXALIGNed on the page and in memory, so every column is aligned; the
 * other multi-byte fields may be read directly.
 */
typedef struct HeapTupleHeaderData
{
    uint8       t_xmin48[6];    /* inserting transaction, 48-bit little-endian */
    uint8       t_xmax48[6];    /* deleting/updating transaction or multixact, or 0 */
    CommandId   t_cid;          /* cmin, cmax, or a combo id (HEAP_COMBOCID) */
    ItemPointerData t_ctid;     /* own tid, or the newer version's tid */
    uint16      t_infomask;     /* HEAP_* flags below */
    uint16      t_natts;        /* number of attributes stored */
    uint8       t_hoff;         /* offset of user data */
    uint8       t_bits[FLEXIBLE_ARRAY_MEMBER];  /* null bitmap if HEAP_HASNULL: 1 = present */
} HeapTupleHeaderData;

typedef HeapTupleHeaderData *HeapTupleHeader;

#define SizeofHeapTupleHeader offsetof(HeapTupleHeaderData, t_bits)
StaticAssertDecl(offsetof(HeapTupleHeaderData, t_cid) == 12, "heap tuple header layout");
StaticAssertDecl(offsetof(HeapTupleHeaderData, t_ctid) == 16, "heap tuple header layout");
StaticAssertDecl(offsetof(HeapTupleHeaderData, t_bits) == 27, "heap tuple header layout");
StaticAssertDecl(MaxTransactionId == (UINT64_C(1) << 48) - 1, "xids are stored in 48 bits");

static inline TransactionId
heap_xid_load48(const uint8 *p)
{
    return (TransactionId) p[0] | (TransactionId) p[1] << 8 | (TransactionId) p[2] << 16 |
        (TransactionId) p[3] << 24 | (TransactionId) p[4] << 32 | (TransactionId) p[5] << 40;
}

static inline void
heap_xid_store48(uint8 *p, TransactionId xid)
{
    Assert(xid <= MaxTransactionId);
    p[0] = (uint8) xid;
    p[1] = (uint8) (xid >> 8);
    p[2] = (uint8) (xid >> 16);
    p[3] = (uint8) (xid >> 24);
    p[4] = (uint8) (xid >> 32);
    p[5] = (uint8) (xid >> 40);
}

/* t_xmin: the inserting transaction. */
static inline TransactionId
HeapTupleHeaderGetXmin(const HeapTupleHeaderData *h)
{
    return heap_xid_load48(h->t_xmin48);
}

static inline void
HeapTupleHeaderSetXmin(HeapTupleHeaderData *h, TransactionId xid)
{
    heap_xid_store48(h->t_xmin48, xid);
}

/*
 * t_xmax as stored: a transaction id, or a multixact id with
 * HEAP_XMAX_IS_MULTI; meaningless with HEAP_XMAX_INVALID.
 */
static inline TransactionId
HeapTupleHeaderGetRawXmax(const HeapTupleHeaderData *h)
{
    return heap_xid_load48(h->t_xmax48);
}

static inline void
HeapTupleHeaderSetXmax(HeapTupleHeaderData *h, TransactionId xid)
{
    heap_xid_store48(h->t_xmax48, xid);
}

/* t_infomask bits */
#define HEAP_HASNULL 0x0001         /* has a null bitmap */
#define HEAP_HASVARWIDTH 0x0002     /* has variable-width attributes */
#define HEAP_COMBOCID 0x0004        /* t_cid is a combo id (same xact inserted and deleted) */
#define HEAP_XMAX_LOCK_ONLY 0x0008  /* xmax only locked the row (row locks) */
#define HEAP_XMIN_COMMITTED 0x0010  /* hint: t_xmin committed */
#define HEAP_XMIN_INVALID 0x0020    /* hint: t_xmin aborted */
#define HEAP_XMAX_COMMITTED 0x0040  /* hint: t_xmax committed */
#define HEAP_XMAX_INVALID 0x0080    /* hint: t_xmax invalid or aborted */
#define HEAP_UPDATED 0x0100         /* this is an updated version (has a predecessor) */
#define HEAP_HOT_UPDATED 0x0200     /* updated by a heap-only successor on the same page */
#define HEAP_ONLY_TUPLE 0x0400      /* heap-only tuple: no index entry points at it */
#define HEAP_KEYS_UPDATED 0x0800    /* deleted, or updated with key change */
#define HEAP_XMIN_FROZEN (HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID)  /* never used: xids never wrap */
#define HEAP_XMAX_IS_MULTI 0x1000   /* xmax is a lock-only multixact id (access/multixact.h) */
/*
 * Strength of a single-xid row lock (with HEAP_XMAX_LOCK_ONLY, without
 * HEAP_XMAX_IS_MULTI): 0 = FOR UPDATE (also the in-flight update marker),
 * else one of the three below.  Multis keep each member's strength.
 */
#define HEAP_XMAX_LOCK_MASK 0x6000
#define HEAP_XMAX_KEYSHR_LOCK 0x2000    /* FOR KEY SHARE */
#define HEAP_XMAX_SHR_LOCK 0x4000       /* FOR SHARE */
#define HEAP_XMAX_NOKEYEXCL_LOCK 0x6000 /* FOR NO KEY UPDATE */
#define HEAP_XACT_MASK 0x7FF0       /* visibility- and lock-related bits */

/*
 * HeapTupleData -- an in-memory handle: length, identity and a pointer to
 * the header, which points either into a shared buffer (valid while the
 * buffer is pinned) or to palloc'd memory right after the HeapTupleData
 * (heap_form_tuple / heap_copytuple: one chunk, freed by heap_freetuple).
 */
typedef struct HeapTupleData
{
    uint32      t_len;          /* length of *t_data */
    ItemPointerData t_self;     /* where it is stored, or invalid */
    Oid         t_tableOid;     /* relation it came from, or InvalidOid */
    HeapTupleHeader t_data;
} HeapTupleData;

typedef HeapTupleData *HeapTuple;

#define HEAPTUPLESIZE MAXALIGN(sizeof(HeapTupleData))
/* Largest tuple that fits on an empty heap page. */
#define MaxHeapTupleSize (BLCKSZ - MAXALIGN(32 + sizeof(uint32)))
/* Attribute count limit (as PostgreSQL). */
#define MaxHeapAttributeNumber 1600
/* Null-bitmap length in bytes for natts attributes. */
#define BITMAPLEN(natts) (((int) (natts) + 7) / 8)

#define HeapTupleIsValid(t) ((t) != NULL)
#define HeapTupleHasNulls(t) (((t)->t_data->t_infomask & HEAP_HASNULL) != 0)
#define HeapTupleHeaderGetNatts(h) ((h)->t_natts)
#define HeapTupleHeaderXminCommitted(h) (((h)->t_infomask & HEAP_XMIN_COMMITTED) != 0)
#define HeapTupleHeaderXminInvalid(h) (((h)->t_infomask & HEAP_XMIN_INVALID) != 0)
/* HOT (heap README "HOT chains"): flags only; whether the chain really
 * continues also needs the successor's xmin to equal this xmax. */
#define HeapTupleHeaderIsHeapOnly(h) (((h)->t_infomask & HEAP_ONLY_TUPLE) != 0)
#define HeapTupleHeaderIsHotUpdated(h) \
    (((h)->t_infomask & (HEAP_HOT_UPDATED | HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_INVALID | \
                         HEAP_XMIN_INVALID)) == HEAP_HOT_UPDATED)

/* heaptuple.c */
/*
 * heap_form_tuple -- build a tuple from values/isnull (tupdesc->natts each).
 * Allocated in CurrentMemoryContext as one chunk (free with heap_freetuple).
 * MVCC fields are zero, t_ctid/t_self invalid.  Dropped columns are stored
 * as NULL.  Varlena values are copied with their 4-byte header; they must not
 * be external (TOAST pointers are for the TOAST module to handle).  ERROR
 * (54000) if the row is larger than MaxAllocSize or has too many columns.
 */
extern HeapTuple heap_form_tuple(TupleDesc tupdesc, const Datum *values, const bool *isnull);
/*
 * heap_deform_tuple -- extract all tupdesc->natts columns.  By-reference
 * datums point into the tuple (into the shared buffer if the tuple does):
 * valid as long as the tuple's storage is (buffer pin / palloc chunk).
 * Columns beyond the tuple's t_natts (added later by ALTER TABLE ADD COLUMN)
 * come back as NULL; the caller applies defaults.  Varlenas inside tuples
 * may be unaligned: use VARSIZE_ANY-safe accessors or copy (heap_getattr
 * returns them as stored).
 */
extern void heap_deform_tuple(HeapTuple tuple, TupleDesc tupdesc, Datum *values, bool *isnull);
/*
 * heap_deform_tuple_prefix -- the same for the first natts columns only
 * (0 <= natts <= tupdesc->natts); values[natts..] are left untouched.  Scans
 * use it to decode just the columns a qual reads.
 */
extern void heap_deform_tuple_prefix(HeapTuple tuple, TupleDesc tupdesc, int natts,
                                     Datum *values, bool *isnull);
/* One column (1-based attnum); same lifetime rules as heap_deform_tuple. */
extern Datum heap_getattr(HeapTuple tuple, int attnum, TupleDesc tupdesc, bool *isnull);
extern bool heap_attisnull(HeapTuple tuple, int attnum, TupleDesc tupdesc);
/* Copy into one palloc chunk in CurrentMemoryContext; NULL in, NULL out. */
extern HeapTuple heap_copytuple(HeapTuple tuple);
/* Copy into a caller-provided HeapTupleData; header data palloc'd. */
extern void heap_copytuple_with_tuple(HeapTuple src, HeapTuple dest);
extern void heap_freetuple(HeapTuple tuple);
/* Bytes the data area needs (no header); used by heap_form_tuple. */
extern Size heap_compute_data_size(TupleDesc tupdesc, const Datum *values, const bool *isnull);
/*
 * heap_modify_tuple -- new tuple from an old one with replaced columns
 * (do_replace[i] true: take values[i]/isnull[i]).  CurrentMemoryContext.
 */
extern HeapTuple heap_modify_tuple(HeapTuple tuple, TupleDesc tupdesc, const Datum *values,
                                   const bool *isnull, const bool *do_replace);
/* Copy a datum of the given type into CurrentMemoryContext (by-value: returned as is). */
extern Datum datumCopy(Datum value, bool typbyval, int typlen);
/* Size in bytes of a by-reference datum: typlen > 0, varlena (-1) or cstring (-2). */
extern Size datumGetSize(Datum value, bool typbyval, int typlen);

#endif                          /* ACCESS_HTUP_H */
