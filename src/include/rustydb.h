/*
 * rustydb.h
 *     Base definitions included first by every server and test source file:
 *     fixed-width types, Datum, object ids, transaction ids, varlena, asserts.
 * The analogue of PostgreSQL's c.h + postgres.h, written for RustyDB.
 */
#ifndef RUSTYDB_H
#define RUSTYDB_H

#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- fixed-width integer names used throughout the tree ---------- */
typedef int8_t int8;
typedef int16_t int16;
typedef int32_t int32;
typedef int64_t int64;
typedef uint8_t uint8;
typedef uint16_t uint16;
typedef uint32_t uint32;
typedef uint64_t uint64;
typedef float float4;
typedef double float8;
typedef size_t Size;

#define RDB_INT16_MIN INT16_MIN
#define RDB_INT16_MAX INT16_MAX
#define RDB_INT32_MIN INT32_MIN
#define RDB_INT32_MAX INT32_MAX
#define RDB_INT64_MIN INT64_MIN
#define RDB_INT64_MAX INT64_MAX

/* ---------- identifiers ---------- */
typedef uint32 Oid;                 /* catalog object id; PostgreSQL's OIDs for built-ins */
#define InvalidOid ((Oid) 0)
#define OidIsValid(o) ((o) != InvalidOid)

/*
 * Transaction ids are 64 bits and never wrap (DESIGN.md §1): no freezing.
 * 1 = bootstrap (always committed), 2 = frozen (always committed, visible to
 * all), normal ids start at 3.
 */
typedef uint64 TransactionId;
#define InvalidTransactionId ((TransactionId) 0)
#define BootstrapTransactionId ((TransactionId) 1)
#define FrozenTransactionId ((TransactionId) 2)
#define FirstNormalTransactionId ((TransactionId) 3)
#define TransactionIdIsValid(x) ((x) != InvalidTransactionId)
#define TransactionIdIsNormal(x) ((x) >= FirstNormalTransactionId)

typedef uint32 CommandId;
#define FirstCommandId ((CommandId) 0)
#define InvalidCommandId (~(CommandId) 0)

typedef uint32 BlockNumber;
#define InvalidBlockNumber ((BlockNumber) 0xFFFFFFFF)
typedef uint16 OffsetNumber;        /* 1-based line pointer number in a page */
#define InvalidOffsetNumber ((OffsetNumber) 0)
#define FirstOffsetNumber ((OffsetNumber) 1)

typedef uint64 XLogRecPtr;          /* byte position in the WAL stream */
#define InvalidXLogRecPtr ((XLogRecPtr) 0)

/* ---------- sizes ---------- */
#define BLCKSZ 8192                 /* page size in bytes (DESIGN.md §1) */
#define NAMEDATALEN 64              /* max identifier length + 1, as PostgreSQL */
#define MAXIMUM_ALIGNOF 8
#define TYPEALIGN(a, len) (((uintptr_t) (len) + ((a) - 1)) & ~((uintptr_t) ((a) - 1)))
#define MAXALIGN(len) TYPEALIGN(MAXIMUM_ALIGNOF, (len))
#define INTALIGN(len) TYPEALIGN(4, (len))
#define SHORTALIGN(len) TYPEALIGN(2, (len))

#define lengthof(array) (sizeof(array) / sizeof((array)[0]))
#define Max(a, b) ((a) > (b) ? (a) : (b))
#define Min(a, b) ((a) < (b) ? (a) : (b))
#define likely(x) __builtin_expect((x) != 0, 1)
#define unlikely(x) __builtin_expect((x) != 0, 0)
#define rdb_unreachable() __builtin_unreachable()
#define RDB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define RDB_NORETURN __attribute__((noreturn))
#define RDB_UNUSED __attribute__((unused))
#define FLEXIBLE_ARRAY_MEMBER /* empty */

/* ---------- assertions: on in assert-enabled (default) builds ---------- */
#ifdef USE_ASSERT_CHECKING
extern RDB_NORETURN void ExceptionalCondition(const char *condition, const char *file, int line);
#define Assert(cond) \
    do { if (unlikely(!(cond))) ExceptionalCondition(#cond, __FILE__, __LINE__); } while (0)
#define AssertMacro(cond) ((void) ((cond) || (ExceptionalCondition(#cond, __FILE__, __LINE__), 0)))
#else
#define Assert(cond) ((void) 0)
#define AssertMacro(cond) ((void) 0)
#endif
#define StaticAssertDecl(cond, msg) _Static_assert(cond, msg)

/* ---------- Datum: one machine word holding any SQL value ---------- */
/*
 * By-value types (bool, int2/4/8, float4/8, date, timestamp, oid) are stored
 * in the Datum itself; everything else is a pointer to a varlena or a
 * fixed-length struct.  The type's typbyval says which.
 */
typedef uint64 Datum;
typedef struct NullableDatum
{
    Datum       value;
    bool        isnull;
} NullableDatum;

#define DatumGetBool(d) ((bool) ((d) != 0))
#define BoolGetDatum(b) ((Datum) ((b) ? 1 : 0))
#define DatumGetChar(d) ((char) (d))
#define CharGetDatum(c) ((Datum) (uint8) (c))
#define DatumGetInt16(d) ((int16) (d))
#define Int16GetDatum(i) ((Datum) (uint64) (int64) (int16) (i))
#define DatumGetInt32(d) ((int32) (d))
#define Int32GetDatum(i) ((Datum) (uint64) (int64) (int32) (i))
#define DatumGetUInt32(d) ((uint32) (d))
#define UInt32GetDatum(i) ((Datum) (uint32) (i))
#define DatumGetInt64(d) ((int64) (d))
#define Int64GetDatum(i) ((Datum) (int64) (i))
#define DatumGetObjectId(d) ((Oid) (d))
#define ObjectIdGetDatum(o) ((Datum) (Oid) (o))
#define DatumGetTransactionId(d) ((TransactionId) (d))
#define TransactionIdGetDatum(x) ((Datum) (x))
#define DatumGetPointer(d) ((char *) (uintptr_t) (d))
#define PointerGetDatum(p) ((Datum) (uintptr_t) (p))
#define DatumGetCString(d) ((char *) DatumGetPointer(d))
#define CStringGetDatum(s) PointerGetDatum(s)

static inline float4
DatumGetFloat4(Datum d)
{
    uint32 bits = (uint32) d;
    float4 f;
    memcpy(&f, &bits, sizeof(f));
    return f;
}

static inline Datum
Float4GetDatum(float4 f)
{
    uint32 bits;
    memcpy(&bits, &f, sizeof(bits));
    return (Datum) bits;
}

static inline float8
DatumGetFloat8(Datum d)
{
    float8 f;
    memcpy(&f, &d, sizeof(f));
    return f;
}

static inline Datum
Float8GetDatum(float8 f)
{
    Datum d;
    memcpy(&d, &f, sizeof(d));
    return d;
}

/* ---------- varlena: variable-length values (text, bytea, numeric, arrays) ---------- */
/*
 * Every varlena starts with a 4-byte header holding the total length in
 * bytes, header included, in the low 30 bits.  The top two bits are flags
 * reserved for TOAST: VARFLAG_COMPRESSED (lz4-compressed inline datum) and
 * VARFLAG_EXTERNAL (pointer to an out-of-line datum).  A plain in-memory
 * value has both clear.  The header is stored unaligned-safe (memcpy) on
 * disk; in memory varlenas are at least 4-byte aligned.
 */
typedef struct varlena
{
    uint32      vl_len_;
    char        vl_dat[FLEXIBLE_ARRAY_MEMBER];
} varlena;

typedef varlena text;
typedef varlena bytea;
typedef varlena BpChar;
typedef varlena VarChar;

#define VARHDRSZ ((int32) sizeof(uint32))
#define VARFLAG_COMPRESSED 0x80000000U
#define VARFLAG_EXTERNAL 0x40000000U
#define VARLEN_MASK 0x3FFFFFFFU
#define VARSIZE(p) ((Size) (((const varlena *) (p))->vl_len_ & VARLEN_MASK))
#define VARFLAGS(p) (((const varlena *) (p))->vl_len_ & ~VARLEN_MASK)
#define SET_VARSIZE(p, len) (((varlena *) (p))->vl_len_ = (uint32) (len))
#define VARDATA(p) (((varlena *) (p))->vl_dat)
#define VARSIZE_EXHDR(p) (VARSIZE(p) - VARHDRSZ)
#define DatumGetTextP(d) ((text *) DatumGetPointer(d))
#define DatumGetByteaP(d) ((bytea *) DatumGetPointer(d))

/* ---------- misc ---------- */
#define RDB_VERSION_STR "0.1.0"
/* What we report as server_version so that libpq, psql and drivers accept us. */
#define RDB_PG_COMPAT_VERSION "15.0"
#define RDB_PG_COMPAT_VERSION_NUM 150000

#endif                          /* RUSTYDB_H */
