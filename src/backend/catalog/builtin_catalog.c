/*
 * builtin_catalog.c
 *     Lookups over the static built-in catalog (catalog/pg_builtin.h).
 *
 * The tables come from builtin_tables.h, generated from builtins.list by
 * scripts/gen_builtins.sh.  Function and operator OIDs are dense (assigned
 * in list order), so lookup by OID is an index.  Name lookups use pointer
 * arrays sorted by name, built on first use into static storage (no
 * allocation: every process builds its own copy, read-only afterwards).
 */
#include "rustydb.h"

#include <strings.h>

#include "catalog/pg_builtin.h"
#include "utils/elog.h"
#include "utils/numeric.h"
#include "utils/palloc.h"
#include "builtin_protos.h"

#include "builtin_tables.h"

#define NUM_FUNCS ((int) lengthof(builtin_funcs))
#define NUM_OPERS ((int) lengthof(builtin_opers))

static const FuncInfo *funcs_by_name[lengthof(builtin_funcs)];
static const OperInfo *opers_by_name[lengthof(builtin_opers)];
static bool name_index_built = false;

/* SQL spellings that are not a type's internal or format_type name. */
static const struct
{
    const char *alias;
    Oid         typid;
} type_aliases[] = {
    {"int", INT4OID}, {"integer", INT4OID}, {"smallint", INT2OID}, {"bigint", INT8OID},
    {"float", FLOAT8OID}, {"double precision", FLOAT8OID}, {"real", FLOAT4OID},
    {"decimal", NUMERICOID}, {"dec", NUMERICOID}, {"boolean", BOOLOID},
    {"char", BPCHAROID}, {"character", BPCHAROID}, {"\"char\"", CHAROID},
    {"varchar", VARCHAROID}, {"character varying", VARCHAROID}, {"char varying", VARCHAROID},
    {"timestamp", TIMESTAMPOID}, {"timestamp without time zone", TIMESTAMPOID},
    {"timestamptz", TIMESTAMPTZOID}, {"timestamp with time zone", TIMESTAMPTZOID},
    {"time", TIMEOID}, {"time without time zone", TIMEOID},
};

static int
cmp_func_name(const void *a, const void *b)
{
    const FuncInfo *fa = *(const FuncInfo *const *) a;
    const FuncInfo *fb = *(const FuncInfo *const *) b;
    int         c = strcmp(fa->name, fb->name);

    if (c != 0)
        return c;
    return fa->oid < fb->oid ? -1 : fa->oid > fb->oid;
}

static int
cmp_oper_name(const void *a, const void *b)
{
    const OperInfo *oa = *(const OperInfo *const *) a;
    const OperInfo *ob = *(const OperInfo *const *) b;
    int         c = strcmp(oa->name, ob->name);

    if (c != 0)
        return c;
    return oa->oid < ob->oid ? -1 : oa->oid > ob->oid;
}

static void
build_name_index(void)
{
    for (int i = 0; i < NUM_FUNCS; i++)
        funcs_by_name[i] = &builtin_funcs[i];
    qsort(funcs_by_name, NUM_FUNCS, sizeof(funcs_by_name[0]), cmp_func_name);
    for (int i = 0; i < NUM_OPERS; i++)
        opers_by_name[i] = &builtin_opers[i];
    qsort(opers_by_name, NUM_OPERS, sizeof(opers_by_name[0]), cmp_oper_name);
    name_index_built = true;
}

const TypeInfo *
TypeInfoById(Oid typid)
{
    for (size_t i = 0; i < lengthof(builtin_types); i++)
        if (builtin_types[i].oid == typid)
            return &builtin_types[i];
    return NULL;
}

const TypeInfo *
TypeInfoByName(const char *name)
{
    size_t      len = strlen(name);

    for (size_t i = 0; i < lengthof(type_aliases); i++)
        if (strcasecmp(type_aliases[i].alias, name) == 0)
            return TypeInfoById(type_aliases[i].typid);
    for (size_t i = 0; i < lengthof(builtin_types); i++)
        if (strcasecmp(builtin_types[i].internal_name, name) == 0 ||
            strcasecmp(builtin_types[i].name, name) == 0)
            return &builtin_types[i];
    /* "int4[]" / "integer[]": the array over a named element type */
    if (len > 2 && strcmp(name + len - 2, "[]") == 0)
    {
        char       *elem = pnstrdup(name, len - 2);
        const TypeInfo *et = TypeInfoByName(elem);

        pfree(elem);
        if (et && OidIsValid(et->array_type))
            return TypeInfoById(et->array_type);
    }
    return NULL;
}

const FuncInfo *
FuncInfoById(Oid funcid)
{
    if (funcid < BUILTIN_FIRST_FUNC_OID || funcid >= (Oid) (BUILTIN_FIRST_FUNC_OID + NUM_FUNCS))
        return NULL;
    Assert(builtin_funcs[funcid - BUILTIN_FIRST_FUNC_OID].oid == funcid);
    return &builtin_funcs[funcid - BUILTIN_FIRST_FUNC_OID];
}

/* First index in a name-sorted array whose name is >= name (binary search). */
#define LOWER_BOUND(arr, n, name, result) \
    do { \
        int lo_ = 0, hi_ = (n); \
        while (lo_ < hi_) \
        { \
            int mid_ = (lo_ + hi_) / 2; \
            if (strcmp((arr)[mid_]->name, (name)) < 0) \
                lo_ = mid_ + 1; \
            else \
                hi_ = mid_; \
        } \
        (result) = lo_; \
    } while (0)

const FuncInfo *const *
FuncCandidatesByName(const char *name, int *count)
{
    int         first, last;

    if (!name_index_built)
        build_name_index();
    LOWER_BOUND(funcs_by_name, NUM_FUNCS, name, first);
    for (last = first; last < NUM_FUNCS && strcmp(funcs_by_name[last]->name, name) == 0; last++)
        ;
    *count = last - first;
    return *count > 0 ? &funcs_by_name[first] : NULL;
}

const OperInfo *
OperInfoById(Oid operid)
{
    if (operid < BUILTIN_FIRST_OPER_OID || operid >= (Oid) (BUILTIN_FIRST_OPER_OID + NUM_OPERS))
        return NULL;
    return &builtin_opers[operid - BUILTIN_FIRST_OPER_OID];
}

const OperInfo *
OperInfoAt(int i)
{
    return i >= 0 && i < NUM_OPERS ? &builtin_opers[i] : NULL;
}

const OperInfo *const *
OperCandidatesByName(const char *name, int *count)
{
    int         first, last;

    if (!name_index_built)
        build_name_index();
    LOWER_BOUND(opers_by_name, NUM_OPERS, name, first);
    for (last = first; last < NUM_OPERS && strcmp(opers_by_name[last]->name, name) == 0; last++)
        ;
    *count = last - first;
    return *count > 0 ? &opers_by_name[first] : NULL;
}

const CastInfo *
CastLookup(Oid source, Oid target)
{
    for (size_t i = 0; i < lengthof(builtin_casts); i++)
        if (builtin_casts[i].source == source && builtin_casts[i].target == target)
            return &builtin_casts[i];
    return NULL;
}

/* Casts have no OIDs of their own: pg_cast numbers them from here, in table order. */
#define BUILTIN_FIRST_CAST_OID 14000
StaticAssertDecl(lengthof(builtin_casts) < 1000, "cast OIDs stay below the operators'");

const CastInfo *
CastInfoAt(int i, Oid *oid)
{
    if (i < 0 || i >= (int) lengthof(builtin_casts))
        return NULL;
    if (oid != NULL)
        *oid = (Oid) (BUILTIN_FIRST_CAST_OID + i);
    return &builtin_casts[i];
}

const AggInfo *
AggInfoByFuncId(Oid funcid)
{
    for (size_t i = 0; i < lengthof(builtin_aggs); i++)
        if (builtin_aggs[i].func_oid == funcid)
            return &builtin_aggs[i];
    return NULL;
}

bool
FuncIsAggregate(Oid funcid)
{
    return AggInfoByFuncId(funcid) != NULL;
}

bool
FuncIsWindow(Oid funcid)
{
    const FuncInfo *fi = FuncInfoById(funcid);

    return fi != NULL && fi->window;
}

static const TypeInfo *
type_or_error(Oid typid)
{
    const TypeInfo *t = TypeInfoById(typid);

    if (t == NULL)
        ereport(ERROR, errcode(ERRCODE_INTERNAL_ERROR), errmsg_internal("cache lookup failed for type %u", typid));
    return t;
}

void
TypeGetLenByvalAlign(Oid typid, int16 *len, bool *byval, char *align)
{
    const TypeInfo *t = type_or_error(typid);

    *len = t->len;
    *byval = t->byval;
    *align = t->align;
}

/*
 * FormatTypeWithTypmod -- the type's name as format_type() prints it, with
 * the typmod decoration: "character varying(20)", "numeric(10,2)",
 * "timestamp(3) without time zone", "integer[]".  Unknown OIDs print as
 * "???" like PostgreSQL.  Result palloc'd in CurrentMemoryContext.
 */
char *
FormatTypeWithTypmod(Oid typid, int32 typmod)
{
    const TypeInfo *t = TypeInfoById(typid);

    if (t == NULL)
        return pstrdup("???");
    if (OidIsValid(t->elem_type) && t->category == TYPCATEGORY_ARRAY)
    {
        char       *elem = FormatTypeWithTypmod(t->elem_type, typmod);
        char       *res = psprintf("%s[]", elem);

        pfree(elem);
        return res;
    }
    if (typmod < 0)
        return pstrdup(typid == BPCHAROID ? "bpchar" : t->name);
    switch (typid)
    {
        case BPCHAROID:
            return psprintf("character(%d)", typmod - VARHDRSZ);
        case VARCHAROID:
            return psprintf("character varying(%d)", typmod - VARHDRSZ);
        case NUMERICOID:
            return psprintf("numeric(%d,%d)", NUMERIC_TYPMOD_PRECISION(typmod), NUMERIC_TYPMOD_SCALE(typmod));
        case TIMESTAMPOID:
            return psprintf("timestamp(%d) without time zone", typmod);
        case TIMESTAMPTZOID:
            return psprintf("timestamp(%d) with time zone", typmod);
        case TIMEOID:
            return psprintf("time(%d) without time zone", typmod);
        default:
            return pstrdup(t->name);
    }
}

Oid
TypeArrayOf(Oid elem_type)
{
    const TypeInfo *t = TypeInfoById(elem_type);

    return t ? t->array_type : InvalidOid;
}

Oid
TypeElementOf(Oid array_type)
{
    const TypeInfo *t = TypeInfoById(array_type);

    return (t && t->category == TYPCATEGORY_ARRAY) ? t->elem_type : InvalidOid;
}

static const struct BuiltinTypeSupport *
support_entry(Oid typid)
{
    for (size_t i = 0; i < lengthof(builtin_type_support); i++)
        if (builtin_type_support[i].typid == typid)
            return &builtin_type_support[i];
    return NULL;
}

/*
 * The operators of a type that borrows them: varchar uses text's (they are
 * binary compatible, as in PostgreSQL), arrays use the anyarray operators.
 */
static Oid
operator_owner_type(Oid typid)
{
    const TypeInfo *t = TypeInfoById(typid);

    if (typid == VARCHAROID)
        return TEXTOID;
    /* the reg* types compare as OIDs (ORDER BY castsource::regtype) */
    if (typid == REGPROCOID || typid == REGPROCEDUREOID || typid == REGCLASSOID ||
        typid == REGTYPEOID || typid == REGNAMESPACEOID)
        return OIDOID;
    if (t && t->category == TYPCATEGORY_ARRAY)
        return ANYARRAYOID;
    return typid;
}

static const struct BuiltinTypeSupport *
type_support(Oid typid)
{
    return support_entry(typid);
}

RdbFunction
TypeCompareFunction(Oid typid)
{
    const struct BuiltinTypeSupport *s = type_support(typid);

    return s ? s->cmp : NULL;
}

RdbFunction
TypeHashFunction(Oid typid)
{
    const struct BuiltinTypeSupport *s = type_support(typid);

    return s ? s->hash : NULL;
}

Oid
TypeEqualityOperator(Oid typid)
{
    const struct BuiltinTypeSupport *s = support_entry(operator_owner_type(typid));

    return s ? s->eq : InvalidOid;
}

Oid
TypeLessThanOperator(Oid typid)
{
    const struct BuiltinTypeSupport *s = support_entry(operator_owner_type(typid));

    return s ? s->lt : InvalidOid;
}
