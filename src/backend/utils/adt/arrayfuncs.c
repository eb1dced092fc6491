/*
 * arrayfuncs.c
 *     Arrays of the built-in types, up to ARR_MAXDIM dimensions: text I/O
 *     ("{{1,2},{3,NULL}}", PostgreSQL's quoting rules), construction/
 *     deconstruction helpers, comparison and hashing, array_length/
 *     cardinality/array_to_string/array_upper/array_lower/array_ndims/
 *     array_append, unnest() and array_agg().
 *
 * Layout: see utils/array.h and README.md.  The element type is stored in
 * the array, so functions over anyarray need no argument type information.
 * Lower bounds are always 1: nothing can set another one yet (dimension
 * decorations "[2:3]={...}" in input raise 0A000).
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>

#include "adt_int.h"


typedef struct ElemInfo
{
    int16       len;
    bool        byval;
    char        align;
} ElemInfo;

static ElemInfo
elem_info(Oid elem_type)
{
    ElemInfo    e;

    TypeGetLenByvalAlign(elem_type, &e.len, &e.byval, &e.align);
    return e;
}

static int
align_of(char a)
{
    return a == 'd' ? 8 : a == 'i' ? 4 : a == 's' ? 2 : 1;
}

static Size
elem_size(const ElemInfo *e, Datum v)
{
    return DatumGetSize(v, e->byval, e->len);
}

static void
store_elem(const ElemInfo *e, Datum v, char *p)
{
    if (e->byval)
    {
        switch (e->len)
        {
            case 1: *(uint8 *) p = (uint8) v; break;
            case 2: { int16 x = DatumGetInt16(v); memcpy(p, &x, 2); break; }
            case 4: { uint32 x = (uint32) v; memcpy(p, &x, 4); break; }
            default: memcpy(p, &v, 8); break;
        }
    }
    else
        memcpy(p, DatumGetPointer(v), elem_size(e, v));
}

static Datum
fetch_elem(const ElemInfo *e, const char *p)
{
    if (e->byval)
    {
        switch (e->len)
        {
            case 1: return (Datum) *(const uint8 *) p;
            case 2: { int16 x; memcpy(&x, p, 2); return Int16GetDatum(x); }
            case 4: { uint32 x; memcpy(&x, p, 4); return (Datum) x; }
            default: { Datum x; memcpy(&x, p, 8); return x; }
        }
    }
    return PointerGetDatum(p);
}

int
ArrayGetNItems(int ndim, const int32 *dims)
{
    int64       n = ndim > 0 ? 1 : 0;

    for (int i = 0; i < ndim; i++)
    {
        Assert(dims[i] >= 0);
        n *= dims[i];
        if (n > (int64) (MaxAllocSize / sizeof(Datum)))
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("array size exceeds the maximum allowed (%d)",
                           (int) (MaxAllocSize / sizeof(Datum))));
    }
    return (int) n;
}

ArrayType *
ArrayConstructEmpty(Oid elem_type)
{
    ArrayType  *a = palloc0(ARR_OVERHEAD(0));

    SET_VARSIZE(a, ARR_OVERHEAD(0));
    a->ndim = 0;
    a->elem_type = elem_type;
    ARR_DIMS(a)[0] = 0;
    ARR_LBOUNDS(a)[0] = 1;
    return a;
}

ArrayType *
ArrayConstruct(Oid elem_type, const Datum *values, const bool *nulls, int nelems)
{
    int32       dim = nelems;

    return ArrayConstructMD(elem_type, values, nulls, 1, &dim, NULL);
}

ArrayType *
ArrayConstructMD(Oid elem_type, const Datum *values, const bool *nulls,
                 int ndim, const int32 *dims, const int32 *lbounds)
{
    ElemInfo    e = elem_info(elem_type);
    int         al = align_of(e.align);
    int         nelems;
    bool        has_nulls = false;
    Size        size, off;
    ArrayType  *a;
    uint8      *bitmap;

    if (ndim > ARR_MAXDIM)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("number of array dimensions (%d) exceeds the maximum allowed (%d)",
                       ndim, ARR_MAXDIM));
    nelems = ArrayGetNItems(ndim, dims);
    if (nelems == 0)
        return ArrayConstructEmpty(elem_type);
    for (int i = 0; nulls && i < nelems; i++)
        has_nulls |= nulls[i];
    size = ARR_OVERHEAD(ndim) + (has_nulls ? (nelems + 7) / 8 : 0);
    for (int i = 0; i < nelems; i++)
        if (!(nulls && nulls[i]))
            size = TYPEALIGN(al, size) + elem_size(&e, values[i]);
    if (!AllocSizeIsValid(size))
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("array size exceeds the maximum allowed (%d)", (int) MaxAllocSize));
    a = palloc0(size);
    SET_VARSIZE(a, size);
    a->ndim = ndim;
    a->has_nulls = has_nulls;
    a->elem_type = elem_type;
    for (int d = 0; d < ndim; d++)
    {
        ARR_DIMS(a)[d] = dims[d];
        ARR_LBOUNDS(a)[d] = lbounds ? lbounds[d] : 1;
    }
    bitmap = (uint8 *) a + ARR_OVERHEAD(ndim);
    off = ARR_OVERHEAD(ndim) + (has_nulls ? (nelems + 7) / 8 : 0);
    for (int i = 0; i < nelems; i++)
    {
        if (nulls && nulls[i])
            continue;
        if (has_nulls)
            bitmap[i / 8] |= (uint8) (1 << (i % 8));
        off = TYPEALIGN(al, off);
        store_elem(&e, values[i], (char *) a + off);
        off += elem_size(&e, values[i]);
    }
    return a;
}

void
ArrayDeconstruct(const ArrayType *a, Datum **values, bool **nulls, int *nelems)
{
    ElemInfo    e = elem_info(a->elem_type);
    int         al = align_of(e.align);
    int         n = ARR_NELEMS(a);
    const uint8 *bitmap = (const uint8 *) a + ARR_OVERHEAD(a->ndim);
    Size        off = ARR_OVERHEAD(a->ndim) + (a->has_nulls ? (n + 7) / 8 : 0);

    *values = palloc(sizeof(Datum) * Max(n, 1));
    *nulls = palloc(sizeof(bool) * Max(n, 1));
    *nelems = n;
    for (int i = 0; i < n; i++)
    {
        if (a->has_nulls && !(bitmap[i / 8] & (1 << (i % 8))))
        {
            (*values)[i] = (Datum) 0;
            (*nulls)[i] = true;
            continue;
        }
        off = TYPEALIGN(al, off);
        (*values)[i] = fetch_elem(&e, (const char *) a + off);
        (*nulls)[i] = false;
        off += elem_size(&e, (*values)[i]);
    }
}

ArrayType *
ArrayConstructFromSubarrays(Oid elem_type, const Datum *subarrays, const bool *nulls, int n)
{
    int         nsub = 0;       /* non-empty sub-arrays */
    bool        have_empty = false;
    const ArrayType *first = NULL;
    int         total = 0;
    int         ndim;
    int32       dims[ARR_MAXDIM];
    int32       lbounds[ARR_MAXDIM];
    Datum      *values;
    bool       *elem_nulls;

    for (int i = 0; i < n; i++)
    {
        const ArrayType *sub;

        if (nulls && nulls[i])
        {
            have_empty = true;
            continue;
        }
        sub = DatumGetArrayTypeP(subarrays[i]);
        if (sub->elem_type != elem_type)
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("cannot merge incompatible arrays"),
                    errdetail("Array with element type %s cannot be included in ARRAY "
                              "construct with element type %s.",
                              FormatTypeWithTypmod(sub->elem_type, -1),
                              FormatTypeWithTypmod(elem_type, -1)));
        if (sub->ndim == 0)
        {
            have_empty = true;
            continue;
        }
        if (first == NULL)
            first = sub;
        else if (sub->ndim != first->ndim ||
                 memcmp(ARR_DIMS(sub), ARR_DIMS(first), sizeof(int32) * sub->ndim) != 0 ||
                 memcmp(ARR_LBOUNDS(sub), ARR_LBOUNDS(first), sizeof(int32) * sub->ndim) != 0)
            ereport(ERROR, errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                    errmsg("multidimensional arrays must have array expressions with matching dimensions"));
        nsub++;
    }
    if (nsub == 0)
        return ArrayConstructEmpty(elem_type);
    if (have_empty)
        ereport(ERROR, errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                errmsg("multidimensional arrays must have array expressions with matching dimensions"));
    ndim = first->ndim + 1;
    if (ndim > ARR_MAXDIM)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("number of array dimensions (%d) exceeds the maximum allowed (%d)",
                       ndim, ARR_MAXDIM));
    dims[0] = nsub;
    lbounds[0] = 1;
    for (int d = 1; d < ndim; d++)
    {
        dims[d] = ARR_DIMS(first)[d - 1];
        lbounds[d] = ARR_LBOUNDS(first)[d - 1];
    }
    total = ArrayGetNItems(ndim, dims);
    values = palloc(sizeof(Datum) * total);
    elem_nulls = palloc(sizeof(bool) * total);
    total = 0;
    for (int i = 0; i < n; i++)
    {
        Datum      *v;
        bool       *nl;
        int         k;

        if (nulls && nulls[i])
            continue;
        ArrayDeconstruct(DatumGetArrayTypeP(subarrays[i]), &v, &nl, &k);
        memcpy(values + total, v, sizeof(Datum) * k);
        memcpy(elem_nulls + total, nl, sizeof(bool) * k);
        total += k;
    }
    return ArrayConstructMD(elem_type, values, elem_nulls, ndim, dims, lbounds);
}

Datum
AdtMakeArrayResult(Oid elemtype, Datum *values, bool *nulls, int n)
{
    return PointerGetDatum(ArrayConstruct(elemtype, values, nulls, n));
}

/* ---------- text I/O ---------- */

static RDB_NORETURN void
malformed(const char *str, const char *detail)
{
    ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
            errmsg("malformed array literal: \"%s\"", str), errdetail("%s", detail));
    rdb_unreachable();
}

/*
 * ArrayParse -- state of array_in's recursive descent over "{...}".
 * ndim is -1 until the first element (not sub-array) is met; from then on
 * every level above ndim - 1 must hold sub-arrays and level ndim - 1 only
 * elements.  dims[level] is fixed by the first sub-array that closes at
 * that level; every later one must have as many items.
 */
typedef struct ArrayParse
{
    const char *str;            /* the whole literal, for messages */
    const char *p;              /* scan position */
    Oid         elem_type;
    int         ndim;
    int32       dims[ARR_MAXDIM];
    bool        dim_known[ARR_MAXDIM];
    int         n;              /* elements read so far */
    int         cap;
    Datum      *values;
    bool       *nulls;
    StringInfoData item;
} ArrayParse;

static void
skip_blanks(ArrayParse *ps)
{
    while (isspace((unsigned char) *ps->p))
        ps->p++;
}

/* parse_element -- one element (quoted or not) up to the next ',' or '}'. */
static void
parse_element(ArrayParse *ps)
{
    const char *str = ps->str;
    StringInfo  item = &ps->item;
    bool        quoted = false;     /* inside "..." now */
    bool        had_quotes = false; /* element used quotes: never NULL */
    int         significant = 0;    /* length without trailing blanks */

    resetStringInfo(item);
    while (*ps->p && (quoted || (*ps->p != ',' && *ps->p != '}')))
    {
        char        c = *ps->p;

        if (c == '\\')
        {
            ps->p++;
            if (*ps->p == '\0')
                malformed(str, "Unexpected end of input.");
            appendStringInfoChar(item, *ps->p++);
            significant = item->len;
        }
        else if (c == '"')
        {
            if (!quoted && (had_quotes || item->len > 0))
                malformed(str, "Unexpected array element.");
            quoted = !quoted;
            had_quotes = true;
            ps->p++;
            significant = item->len;
        }
        else if (!quoted && c == '{')
            malformed(str, "Unexpected \"{\" character.");
        else
        {
            if (!quoted && had_quotes && !isspace((unsigned char) c))
                malformed(str, "Unexpected array element.");
            appendStringInfoChar(item, c);
            ps->p++;
            if (quoted || !isspace((unsigned char) c))
                significant = item->len;
        }
    }
    if (*ps->p == '\0')
        malformed(str, "Unexpected end of input.");
    item->len = significant;
    item->data[item->len] = '\0';
    if (item->len == 0 && !had_quotes)
        malformed(str, *ps->p == ',' ? "Unexpected \",\" character." : "Unexpected \"}\" character.");
    if (ps->n == ps->cap)
    {
        ps->cap *= 2;
        ps->values = repalloc(ps->values, sizeof(Datum) * ps->cap);
        ps->nulls = repalloc(ps->nulls, sizeof(bool) * ps->cap);
    }
    if (!had_quotes && strcasecmp(item->data, "NULL") == 0)
    {
        ps->values[ps->n] = (Datum) 0;
        ps->nulls[ps->n++] = true;
    }
    else
    {
        ps->values[ps->n] = InputFunctionCall(ps->elem_type, item->data, -1);
        ps->nulls[ps->n++] = false;
    }
}

/*
 * parse_level -- "{ item, ... }" at nesting depth level; ps->p is at the
 * '{'.  On return ps->p is just past the matching '}'.
 */
static void
parse_level(ArrayParse *ps, int level)
{
    int32       count = 0;

    if (level >= ARR_MAXDIM)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("number of array dimensions (%d) exceeds the maximum allowed (%d)",
                       level + 1, ARR_MAXDIM));
    Assert(*ps->p == '{');
    ps->p++;
    skip_blanks(ps);
    if (*ps->p == '}')
        ps->p++;                /* an empty level: count stays 0 */
    else
    {
        for (;;)
        {
            skip_blanks(ps);
            if (*ps->p == '{')
            {
                if (ps->ndim >= 0 && level >= ps->ndim - 1)
                    malformed(ps->str, "Unexpected \"{\" character.");
                parse_level(ps, level + 1);
                skip_blanks(ps);
                if (*ps->p != ',' && *ps->p != '}')
                    malformed(ps->str, *ps->p == '\0' ? "Unexpected end of input." :
                              "Unexpected array element.");
            }
            else
            {
                if (ps->ndim < 0)
                    ps->ndim = level + 1;
                else if (level != ps->ndim - 1)
                    malformed(ps->str, "Unexpected array element.");
                parse_element(ps);
            }
            count++;
            if (*ps->p++ == '}')
                break;
        }
    }
    if (!ps->dim_known[level])
    {
        ps->dims[level] = count;
        ps->dim_known[level] = true;
    }
    else if (ps->dims[level] != count)
        malformed(ps->str, "Multidimensional arrays must have sub-arrays with matching dimensions.");
}

Datum
array_in(RDB_FUNCTION_ARGS)
{
    const char *str = RDB_GETARG_CSTRING(0);
    Oid         elem_type = TypeElementOf(fcinfo->result_type);
    ArrayParse  ps;

    if (!OidIsValid(elem_type))
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("array_in without an array result type"));
    memset(&ps, 0, sizeof(ps));
    ps.str = str;
    ps.p = str;
    ps.elem_type = elem_type;
    ps.ndim = -1;
    ps.cap = 8;
    ps.values = palloc(sizeof(Datum) * ps.cap);
    ps.nulls = palloc(sizeof(bool) * ps.cap);
    initStringInfo(&ps.item);
    skip_blanks(&ps);
    if (*ps.p == '[')
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("array dimension decorations are not supported"));
    if (*ps.p != '{')
        malformed(str, "Array value must start with \"{\" or dimension information.");
    parse_level(&ps, 0);
    skip_blanks(&ps);
    if (*ps.p != '\0')
        malformed(str, "Junk after closing right brace.");
    /* only empty braces ("{}", "{{},{}}"): the empty array */
    if (ps.n == 0)
        RDB_RETURN_POINTER(ArrayConstructEmpty(elem_type));
    /* empty sub-arrays met before the first element can still disagree */
    if (ArrayGetNItems(ps.ndim, ps.dims) != ps.n)
        malformed(str, "Multidimensional arrays must have sub-arrays with matching dimensions.");
    RDB_RETURN_POINTER(ArrayConstructMD(elem_type, ps.values, ps.nulls, ps.ndim, ps.dims, NULL));
}

static bool
needs_quotes(const char *s)
{
    if (*s == '\0' || strcasecmp(s, "NULL") == 0)
        return true;
    for (const char *p = s; *p; p++)
        if (*p == '{' || *p == '}' || *p == ',' || *p == '"' || *p == '\\' || isspace((unsigned char) *p))
            return true;
    return false;
}

/*
 * array_out -- "{...}" with one brace level per dimension, e.g.
 * "{{1,2},{3,NULL}}".  Any lower bound other than 1 is written as a
 * PostgreSQL dimension decoration ("[0:1]={...}") first.
 */
Datum
array_out(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = DatumGetArrayTypeP(RDB_GETARG_DATUM(0));
    int         ndim = ARR_NDIM(a);
    const int32 *dims = ARR_DIMS(a);
    const int32 *lbounds = ARR_LBOUNDS(a);
    int64       stride[ARR_MAXDIM];     /* elements per sub-array at each level */
    Datum      *values;
    bool       *nulls;
    int         n;
    StringInfoData out;

    ArrayDeconstruct(a, &values, &nulls, &n);
    initStringInfo(&out);
    if (n == 0)
    {
        appendStringInfoString(&out, "{}");
        RDB_RETURN_CSTRING(out.data);
    }
    Assert(ndim >= 1 && ndim <= ARR_MAXDIM);
    for (int d = 0; d < ndim; d++)
        if (lbounds[d] != 1)
        {
            for (int k = 0; k < ndim; k++)
                appendStringInfo(&out, "[%d:%d]", lbounds[k], lbounds[k] + dims[k] - 1);
            appendStringInfoChar(&out, '=');
            break;
        }
    stride[ndim - 1] = dims[ndim - 1];
    for (int d = ndim - 2; d >= 0; d--)
        stride[d] = stride[d + 1] * dims[d];
    for (int i = 0; i < n; i++)
    {
        if (i > 0)
            appendStringInfoChar(&out, ',');
        for (int d = 0; d < ndim; d++)
            if (i % stride[d] == 0)
                appendStringInfoChar(&out, '{');
        if (nulls[i])
            appendStringInfoString(&out, "NULL");
        else
        {
            char       *s = OutputFunctionCall(a->elem_type, values[i]);

            if (needs_quotes(s))
            {
                appendStringInfoChar(&out, '"');
                for (char *q = s; *q; q++)
                {
                    if (*q == '"' || *q == '\\')
                        appendStringInfoChar(&out, '\\');
                    appendStringInfoChar(&out, *q);
                }
                appendStringInfoChar(&out, '"');
            }
            else
                appendStringInfoString(&out, s);
            pfree(s);
        }
        for (int d = 0; d < ndim; d++)
            if ((i + 1) % stride[d] == 0)
                appendStringInfoChar(&out, '}');
    }
    RDB_RETURN_CSTRING(out.data);
}

/* ---------- comparison / hashing ---------- */

static int
array_compare(ArrayType *a, ArrayType *b)
{
    Datum      *va, *vb;
    bool       *na, *nb;
    int         ca, cb;
    RdbFunction cmp = TypeCompareFunction(a->elem_type);

    if (a->elem_type != b->elem_type)
        ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                errmsg("cannot compare arrays of different element types"));
    if (cmp == NULL)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                errmsg("could not identify a comparison function for type %s",
                       FormatTypeWithTypmod(a->elem_type, -1)));
    ArrayDeconstruct(a, &va, &na, &ca);
    ArrayDeconstruct(b, &vb, &nb, &cb);
    for (int i = 0; i < Min(ca, cb); i++)
    {
        int         c;

        if (na[i] || nb[i])
        {
            if (na[i] && nb[i])
                continue;
            return na[i] ? 1 : -1;  /* NULLs sort after non-NULLs */
        }
        c = DatumGetInt32(DirectFunctionCall2(cmp, va[i], vb[i]));
        if (c != 0)
            return c < 0 ? -1 : 1;
    }
    if (ca != cb)
        return ca < cb ? -1 : 1;
    /*
     * Same elements: order by shape, so that arrays of different
     * dimensions never compare equal ({1,2,3,4} <> {{1,2},{3,4}}), as in
     * PostgreSQL: number of dimensions, then the dimensions, then the
     * lower bounds.
     */
    if (a->ndim != b->ndim)
        return a->ndim < b->ndim ? -1 : 1;
    for (int d = 0; d < a->ndim; d++)
        if (ARR_DIMS(a)[d] != ARR_DIMS(b)[d])
            return ARR_DIMS(a)[d] < ARR_DIMS(b)[d] ? -1 : 1;
    for (int d = 0; d < a->ndim; d++)
        if (ARR_LBOUNDS(a)[d] != ARR_LBOUNDS(b)[d])
            return ARR_LBOUNDS(a)[d] < ARR_LBOUNDS(b)[d] ? -1 : 1;
    return 0;
}

#define ARR_ARG(n) DatumGetArrayTypeP(RDB_GETARG_DATUM(n))
#define ARRAY_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = array_compare(ARR_ARG(0), ARR_ARG(1)); RDB_RETURN_BOOL(expr); }
ARRAY_CMP(array_eq, c == 0)
ARRAY_CMP(array_ne, c != 0)
ARRAY_CMP(array_lt, c < 0)
ARRAY_CMP(array_le, c <= 0)
ARRAY_CMP(array_gt, c > 0)
ARRAY_CMP(array_ge, c >= 0)

Datum btarraycmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(array_compare(ARR_ARG(0), ARR_ARG(1))); }

Datum
array_larger(RDB_FUNCTION_ARGS)
{
    return array_compare(ARR_ARG(0), ARR_ARG(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
array_smaller(RDB_FUNCTION_ARGS)
{
    return array_compare(ARR_ARG(0), ARR_ARG(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
hash_array(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = ARR_ARG(0);
    RdbFunction hash = TypeHashFunction(a->elem_type);
    Datum      *v;
    bool       *nl;
    int         n;
    uint32      h = 1;

    if (hash == NULL)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                errmsg("could not identify a hash function for type %s", FormatTypeWithTypmod(a->elem_type, -1)));
    ArrayDeconstruct(a, &v, &nl, &n);
    for (int i = 0; i < n; i++)
    {
        uint32      eh = nl[i] ? 0 : (uint32) DatumGetInt32(DirectFunctionCall1(hash, v[i]));

        h = (h << 5) - h + eh;
    }
    RDB_RETURN_INT32((int32) h);
}

/* ---------- functions ---------- */

/*
 * dim_index -- the 0-based dimension for array_length/upper/lower's
 * 1-based argument, or -1 when the array has no such dimension (NULL).
 */
static int
dim_index(const ArrayType *a, int32 dim)
{
    if (dim < 1 || dim > a->ndim)
        return -1;
    return dim - 1;
}

Datum
array_length(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = ARR_ARG(0);
    int         d = dim_index(a, RDB_GETARG_INT32(1));

    if (d < 0)
        RDB_RETURN_NULL();
    RDB_RETURN_INT32(ARR_DIMS(a)[d]);
}

Datum
array_upper(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = ARR_ARG(0);
    int         d = dim_index(a, RDB_GETARG_INT32(1));

    if (d < 0)
        RDB_RETURN_NULL();
    RDB_RETURN_INT32(ARR_LBOUNDS(a)[d] + ARR_DIMS(a)[d] - 1);
}

Datum
array_lower(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = ARR_ARG(0);
    int         d = dim_index(a, RDB_GETARG_INT32(1));

    if (d < 0)
        RDB_RETURN_NULL();
    RDB_RETURN_INT32(ARR_LBOUNDS(a)[d]);
}

Datum
array_cardinality(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32(ARR_NELEMS(ARR_ARG(0)));
}

Datum
array_ndims(RDB_FUNCTION_ARGS)
{
    ArrayType  *a = ARR_ARG(0);

    if (a->ndim == 0)
        RDB_RETURN_NULL();
    RDB_RETURN_INT32(a->ndim);
}

/* array_to_string(anyarray, delimiter [, null_string]); non-strict for the 3rd arg */
Datum
array_to_text_null(RDB_FUNCTION_ARGS)
{
    ArrayType  *a;
    char       *delim;
    char       *null_str = NULL;
    Datum      *v;
    bool       *nl;
    int         n;
    bool        first = true;
    StringInfoData out;

    if (RDB_ARGISNULL(0) || RDB_ARGISNULL(1))
        RDB_RETURN_NULL();
    a = ARR_ARG(0);
    delim = text_to_cstring(RDB_GETARG_TEXT_P(1));
    if (RDB_NARGS() > 2 && !RDB_ARGISNULL(2))
        null_str = text_to_cstring(RDB_GETARG_TEXT_P(2));
    ArrayDeconstruct(a, &v, &nl, &n);
    initStringInfo(&out);
    for (int i = 0; i < n; i++)
    {
        if (nl[i] && null_str == NULL)
            continue;
        if (!first)
            appendStringInfoString(&out, delim);
        first = false;
        if (nl[i])
            appendStringInfoString(&out, null_str);
        else
            appendStringInfoString(&out, OutputFunctionCall(a->elem_type, v[i]));
    }
    RDB_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* array_append(anyarray, anyelement): non-strict (NULL array = empty, NULL element appended) */
Datum
array_append(RDB_FUNCTION_ARGS)
{
    Oid         elem_type;
    Datum      *v;
    bool       *nl;
    int         n = 0;

    if (RDB_ARGISNULL(0))
    {
        elem_type = RDB_GETARG_TYPE(1);
        v = palloc(sizeof(Datum));
        nl = palloc(sizeof(bool));
    }
    else
    {
        ArrayType  *a = ARR_ARG(0);
        int         k;

        if (a->ndim > 1)
            ereport(ERROR, errcode(ERRCODE_DATA_EXCEPTION),
                    errmsg("argument must be empty or one-dimensional array"));
        elem_type = a->elem_type;
        ArrayDeconstruct(a, &v, &nl, &k);
        n = k;
        v = repalloc(v, sizeof(Datum) * (n + 1));
        nl = repalloc(nl, sizeof(bool) * (n + 1));
    }
    if (!OidIsValid(elem_type))
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("array_append: unknown element type"));
    v[n] = RDB_ARGISNULL(1) ? (Datum) 0 : RDB_GETARG_DATUM(1);
    nl[n] = RDB_ARGISNULL(1);
    RDB_RETURN_POINTER(ArrayConstruct(elem_type, v, nl, n + 1));
}

/* unnest(anyarray) -> setof anyelement (value-per-call SRF, see fmgr.h) */
typedef struct UnnestState
{
    Datum      *values;
    bool       *nulls;
    int         n;
    int         next;
} UnnestState;

Datum
array_unnest(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;
    UnnestState *st;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    st = rsi->state;
    if (st == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(rsi->multi_call_mcxt);
        ArrayType  *a = ARR_ARG(0);
        ArrayType  *copy = palloc(VARSIZE(a));

        memcpy(copy, a, VARSIZE(a));
        st = palloc0(sizeof(UnnestState));
        ArrayDeconstruct(copy, &st->values, &st->nulls, &st->n);
        rsi->state = st;
        MemoryContextSwitchTo(old);
    }
    if (st->next >= st->n)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    if (st->nulls[st->next])
    {
        st->next++;
        RDB_RETURN_NULL();
    }
    return st->values[st->next++];
}

/* ---------- array_agg(anyelement) ---------- */

typedef struct ArrayAggState
{
    Oid         elem_type;
    ElemInfo    info;
    int         n;
    int         cap;
    Datum      *values;
    bool       *nulls;
} ArrayAggState;

/* Non-strict transition: state is internal, NULL elements are kept. */
Datum
array_agg_transfn(RDB_FUNCTION_ARGS)
{
    MemoryContext aggcxt = AdtAggContext(fcinfo);
    ArrayAggState *st = RDB_ARGISNULL(0) ? NULL : (ArrayAggState *) RDB_GETARG_POINTER(0);
    MemoryContext old = MemoryContextSwitchTo(aggcxt);

    if (st == NULL)
    {
        Oid         t = RDB_GETARG_TYPE(1);

        if (!OidIsValid(t) || !OidIsValid(TypeArrayOf(t)))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("could not find array type for data type %s", FormatTypeWithTypmod(t, -1)));
        st = palloc0(sizeof(ArrayAggState));
        st->elem_type = t;
        st->info = elem_info(t);
        st->cap = 16;
        st->values = palloc(sizeof(Datum) * st->cap);
        st->nulls = palloc(sizeof(bool) * st->cap);
    }
    if (st->n == st->cap)
    {
        st->cap *= 2;
        st->values = repalloc(st->values, sizeof(Datum) * st->cap);
        st->nulls = repalloc(st->nulls, sizeof(bool) * st->cap);
    }
    st->nulls[st->n] = RDB_ARGISNULL(1);
    st->values[st->n] = RDB_ARGISNULL(1) ? (Datum) 0 :
        DatumCopy(RDB_GETARG_DATUM(1), st->info.byval, st->info.len);
    st->n++;
    MemoryContextSwitchTo(old);
    RDB_RETURN_POINTER(st);
}

Datum
array_agg_finalfn(RDB_FUNCTION_ARGS)
{
    ArrayAggState *st = (ArrayAggState *) RDB_GETARG_POINTER(0);

    RDB_RETURN_POINTER(ArrayConstruct(st->elem_type, st->values, st->nulls, st->n));
}

/*
 * array_cat(anyarray, anyarray) -> anyarray: the || operator on two arrays
 * (strict, as every operator function here; PostgreSQL's is not).  An empty
 * side yields the other; two one-dimensional arrays give one array keeping
 * the left lower bound.
 */
Datum
array_cat(RDB_FUNCTION_ARGS)
{
    ArrayType  *a;
    ArrayType  *b;
    ArrayType  *result;
    Datum      *av;
    Datum      *bv;
    bool       *an;
    bool       *bn;
    int         na;
    int         nb;
    Datum      *values;
    bool       *nulls;

    a = ARR_ARG(0);
    b = ARR_ARG(1);
    if (ARR_NDIM(b) == 0)
        RDB_RETURN_DATUM(RDB_GETARG_DATUM(0));
    if (ARR_NDIM(a) == 0)
        RDB_RETURN_DATUM(RDB_GETARG_DATUM(1));
    if (ARR_NDIM(a) != 1 || ARR_NDIM(b) != 1)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("concatenating multidimensional arrays is not supported yet")));
    if (ARR_ELEMTYPE(a) != ARR_ELEMTYPE(b))
        ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                        errmsg("cannot concatenate incompatible arrays")));
    ArrayDeconstruct(a, &av, &an, &na);
    ArrayDeconstruct(b, &bv, &bn, &nb);
    values = palloc(sizeof(Datum) * (na + nb));
    nulls = palloc(sizeof(bool) * (na + nb));
    memcpy(values, av, sizeof(Datum) * na);
    memcpy(values + na, bv, sizeof(Datum) * nb);
    memcpy(nulls, an, sizeof(bool) * na);
    memcpy(nulls + na, bn, sizeof(bool) * nb);
    result = ArrayConstruct(ARR_ELEMTYPE(a), values, nulls, na + nb);
    ARR_LBOUNDS(result)[0] = ARR_LBOUND(a);
    RDB_RETURN_DATUM(ArrayTypePGetDatum(result));
}
