/*
 * array.h
 *     Arrays of the built-in base types (int4[], text[], ...), with up to
 *     ARR_MAXDIM dimensions.  Implemented in
 * src/backend/utils/adt/arrayfuncs.c; layout in the README there.
 */
#ifndef UTILS_ARRAY_H
#define UTILS_ARRAY_H

#include "rustydb.h"

/* PostgreSQL's limit (MAXDIM): more dimensions raise 54000. */
#define ARR_MAXDIM 6

/*
 * Varlena layout (all fields 4 bytes, host byte order):
 *   vl_len_ | ndim (0 .. ARR_MAXDIM) | has_nulls (0/1) | elem_type
 *   | dims[k] | lbounds[k]       where k = Max(ndim, 1)
 *   | null bitmap (has_nulls: ceil(nelems/8) bytes, bit set = NOT null)
 *   | element data in row-major order (last subscript varies fastest), each
 *     element aligned to the element type's alignment relative to the start
 *     of the varlena; NULL elements take no space.
 * An empty array has ndim 0 and still carries one dims/lbounds slot
 * (dims[0] = 0, lbounds[0] = 1), so a 1-D array and an empty one have the
 * fixed 24-byte header they had before multi-dimensional support.  Every
 * dims[i] of a non-empty array is >= 1.
 */
typedef struct ArrayType
{
    uint32      vl_len_;
    int32       ndim;
    int32       has_nulls;
    Oid         elem_type;
    /* int32 dims[Max(ndim, 1)] and int32 lbounds[Max(ndim, 1)] follow */
} ArrayType;

#define DatumGetArrayTypeP(d) ((ArrayType *) DatumGetPointer(d))
#define ArrayTypePGetDatum(a) PointerGetDatum(a)
/* Bytes before the null bitmap for an array of ndim dimensions. */
#define ARR_OVERHEAD(ndim) ((int) sizeof(ArrayType) + 2 * (int) sizeof(int32) * Max((ndim), 1))
#define ARR_NDIM(a) ((a)->ndim)
#define ARR_ELEMTYPE(a) ((a)->elem_type)
#define ARR_DIMS(a) ((int32 *) ((char *) (a) + sizeof(ArrayType)))
#define ARR_LBOUNDS(a) (ARR_DIMS(a) + Max((a)->ndim, 1))
#define ARR_NELEMS(a) ArrayGetNItems((a)->ndim, ARR_DIMS(a))
#define ARR_LBOUND(a) (ARR_LBOUNDS(a)[0])

/*
 * ArrayGetNItems -- the number of elements of an array with these
 * dimensions (0 for ndim 0).  Raises 54000 if it exceeds what an
 * allocation can hold.
 */
extern int  ArrayGetNItems(int ndim, const int32 *dims);

/*
 * ArrayConstruct -- build a 1-D array (lower bound 1) from nelems values;
 * nulls may be NULL when there are none.  By-reference elements are copied.
 * Result palloc'd in CurrentMemoryContext.
 */
extern ArrayType *ArrayConstruct(Oid elem_type, const Datum *values, const bool *nulls, int nelems);
extern ArrayType *ArrayConstructEmpty(Oid elem_type);
/*
 * ArrayConstructMD -- the same for ndim dimensions dims[] (lower bounds
 * lbounds[], or all 1 when lbounds is NULL); values are in row-major order
 * and there must be exactly ArrayGetNItems(ndim, dims) of them.  ndim 0 or
 * a zero dimension gives the empty array.
 */
extern ArrayType *ArrayConstructMD(Oid elem_type, const Datum *values, const bool *nulls,
                                   int ndim, const int32 *dims, const int32 *lbounds);
/*
 * ArrayConstructFromSubarrays -- ARRAY[[...], [...]]: an array of one more
 * dimension from n arrays of elem_type (nulls may be NULL).  NULL and empty
 * sub-arrays are ignored when all are; otherwise every sub-array must have
 * the same dimensions (2202E), as in PostgreSQL.  Result palloc'd in
 * CurrentMemoryContext.
 */
extern ArrayType *ArrayConstructFromSubarrays(Oid elem_type, const Datum *subarrays,
                                              const bool *nulls, int n);
/*
 * ArrayDeconstruct -- *values / *nulls (palloc'd arrays of *nelems entries,
 * all elements in row-major order whatever the dimensions); by-reference
 * values point INTO the array, which must outlive them.
 */
extern void ArrayDeconstruct(const ArrayType *array, Datum **values, bool **nulls, int *nelems);

/*
 * Helpers for `expr op ANY (array)` / `ALL`: the executor deconstructs the
 * array once and applies the operator's function per element itself.
 */

#endif                          /* UTILS_ARRAY_H */
