/*
 * array.h
 *     One-dimensional arrays of the built-in base types (int4[], text[], ...).
 * Implemented in src/backend/utils/adt/arrayfuncs.c; layout in the README
 * there.  Multi-dimensional input is rejected with 0A000.
 */
#ifndef UTILS_ARRAY_H
#define UTILS_ARRAY_H

#include "rustydb.h"

/*
 * Varlena layout (all fields 4 bytes, host byte order):
 *   vl_len_ | ndim (0 or 1) | has_nulls (0/1) | elem_type | dim | lbound
 *   | null bitmap (has_nulls: ceil(dim/8) bytes, bit set = NOT null)
 *   | element data, each element aligned to the element type's alignment
 *     relative to the start of the varlena; NULL elements take no space.
 * An empty array has ndim 0, dim 0 and no data.
 */
typedef struct ArrayType
{
    uint32      vl_len_;
    int32       ndim;
    int32       has_nulls;
    Oid         elem_type;
    int32       dim;
    int32       lbound;
} ArrayType;

#define DatumGetArrayTypeP(d) ((ArrayType *) DatumGetPointer(d))
#define ArrayTypePGetDatum(a) PointerGetDatum(a)
#define ARR_NDIM(a) ((a)->ndim)
#define ARR_ELEMTYPE(a) ((a)->elem_type)
#define ARR_NELEMS(a) ((a)->ndim == 0 ? 0 : (a)->dim)
#define ARR_LBOUND(a) ((a)->lbound)

/*
 * ArrayConstruct -- build a 1-D array (lower bound 1) from nelems values;
 * nulls may be NULL when there are none.  By-reference elements are copied.
 * Result palloc'd in CurrentMemoryContext.
 */
extern ArrayType *ArrayConstruct(Oid elem_type, const Datum *values, const bool *nulls, int nelems);
extern ArrayType *ArrayConstructEmpty(Oid elem_type);
/*
 * ArrayDeconstruct -- *values / *nulls (palloc'd arrays of *nelems entries);
 * by-reference values point INTO the array, which must outlive them.
 */
extern void ArrayDeconstruct(const ArrayType *array, Datum **values, bool **nulls, int *nelems);

/*
 * Helpers for `expr op ANY (array)` / `ALL`: the executor deconstructs the
 * array once and applies the operator's function per element itself.
 */

#endif                          /* UTILS_ARRAY_H */
