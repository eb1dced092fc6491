/*
 * catalog_funcs.c
 *     SQL-callable functions that read the catalogs, used by psql, drivers
 *     and the system views: pg_table_is_visible, pg_get_userbyid,
 *     pg_get_viewdef, pg_get_expr, to_regclass, format_type,
 *     current_database, current_schema, current_user, session_user,
 *     pg_relation_size, pg_table_size, pg_indexes_size, pg_total_relation_size.
 * Registered in builtins.list (block "# catalog functions").
 */
#include "rustydb.h"

#include "access/tupdesc.h"
#include "catalog/catalog.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/smgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"
#include "builtin_protos.h"
#include "catalog_int.h"

static Datum
name_datum(const char *s)
{
    NameData   *n = palloc0(sizeof(NameData));

    snprintf(n->data, NAMEDATALEN, "%s", s);
    return PointerGetDatum(n);
}

/* pg_table_is_visible(oid) -> bool */
Datum
pg_table_is_visible(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_BOOL(RelationIsVisible(RDB_GETARG_OID(0)));
}

/* pg_get_userbyid(oid) -> name; "unknown (OID=n)" for a missing role, as PostgreSQL. */
Datum
pg_get_userbyid(RDB_FUNCTION_ARGS)
{
    Oid         roleid = RDB_GETARG_OID(0);
    char       *name = RoleNameById(roleid);

    if (name == NULL)
        name = psprintf("unknown (OID=%u)", roleid);
    RDB_RETURN_DATUM(name_datum(name));
}

/* pg_get_viewdef(oid) -> text: the stored SELECT text; NULL for non-views. */
Datum
pg_get_viewdef(RDB_FUNCTION_ARGS)
{
    Relation    rel = try_table_open(RDB_GETARG_OID(0), AccessShareLock);
    const char *def;
    text       *result;

    if (rel == NULL)
        RDB_RETURN_NULL();
    def = RelationGetViewDefinition(rel);
    if (def == NULL)
    {
        table_close(rel, AccessShareLock);
        RDB_RETURN_NULL();
    }
    result = cstring_to_text(psprintf(" %s;", def));
    table_close(rel, AccessShareLock);
    RDB_RETURN_TEXT_P(result);
}

/* pg_get_expr(text, oid) -> text: expressions are stored as SQL text already. */
Datum
pg_get_expr(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(text_to_cstring(RDB_GETARG_TEXT_P(0))));
}

/*
 * RegclassLookup: the relation named by "[schema.]name" (quoted identifiers
 * allowed, unquoted ones folded to lower case), InvalidOid if there is none
 * or the text is not such a name.  Used by to_regclass and regclassin.
 */
Oid
RegclassLookup(const char *name)
{
    char       *s = pstrdup(name);
    char       *parts[2] = {NULL, NULL};
    int         nparts = 0;
    char       *p = s;

    while (*p != '\0' && nparts < 2)
    {
        char       *out = p;
        char       *start = p;

        if (*p == '"')
        {
            p++;
            while (*p != '\0')
            {
                if (*p == '"' && p[1] == '"')
                    p++;
                else if (*p == '"')
                {
                    p++;
                    break;
                }
                *out++ = *p++;
            }
        }
        else
        {
            while (*p != '\0' && *p != '.')
            {
                *out++ = (*p >= 'A' && *p <= 'Z') ? (char) (*p + 32) : *p;
                p++;
            }
        }
        if (*p == '.')
            p++;
        else if (*p != '\0')
            return InvalidOid;
        *out = '\0';
        parts[nparts++] = start;
    }
    if (*p != '\0' || nparts == 0)
        return InvalidOid;
    if (nparts == 2)
    {
        Oid         nspid = LookupNamespace(parts[0], true);

        return OidIsValid(nspid) ? RelnameGetRelidInNamespace(nspid, parts[1]) : InvalidOid;
    }
    return RelnameGetRelid(NULL, parts[0]);
}

/* to_regclass(text) -> oid: "[schema.]name" (quotes allowed), NULL if absent. */
Datum
to_regclass(RDB_FUNCTION_ARGS)
{
    Oid         relid = RegclassLookup(text_to_cstring(RDB_GETARG_TEXT_P(0)));

    if (!OidIsValid(relid))
        RDB_RETURN_NULL();
    RDB_RETURN_OID(relid);
}

/* format_type(oid, int4) -> text; non-strict: a NULL typmod means "none". */
Datum
format_type(RDB_FUNCTION_ARGS)
{
    Oid         typid;
    int32       typmod = -1;

    if (RDB_ARGISNULL(0))
        RDB_RETURN_NULL();
    typid = RDB_GETARG_OID(0);
    if (!RDB_ARGISNULL(1))
        typmod = RDB_GETARG_INT32(1);
    if (TypeInfoById(typid) == NULL)
        RDB_RETURN_TEXT_P(cstring_to_text("???"));
    RDB_RETURN_TEXT_P(cstring_to_text(FormatTypeWithTypmod(typid, typmod)));
}

/* current_database() -> name */
Datum
current_database(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_DATUM(name_datum(MyDatabaseName ? MyDatabaseName : ""));
}

/*
 * current_user() -> name: the role whose privileges apply.  There is no
 * SET ROLE / SECURITY DEFINER yet, so it is always the session user.
 */
Datum
current_user(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_DATUM(name_datum(MyRoleName ? MyRoleName : ""));
}

/* session_user() -> name: the role that connected (MyRoleName). */
Datum
session_user(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_DATUM(name_datum(MyRoleName ? MyRoleName : ""));
}

/*
 * current_schema() -> name: the first existing schema search_path names
 * (the implicit pg_catalog and temporary schema do not count), or NULL.
 */
Datum
current_schema(RDB_FUNCTION_ARGS)
{
    List       *path = SearchPathGetExplicitNamespaces();

    (void) fcinfo;
    if (path == NIL)
        RDB_RETURN_NULL();
    RDB_RETURN_DATUM(name_datum(NamespaceNameById(linitial_oid(path))));
}

/*
 * current_schemas(include_implicit bool) -> name[]: the existing schemas of
 * the effective search path, in search order; without the argument's
 * implicit ones (pg_catalog, the session's temporary schema) when false.
 */
Datum
current_schemas(RDB_FUNCTION_ARGS)
{
    List       *path = RDB_GETARG_BOOL(0) ? SearchPathGetNamespaces()
        : SearchPathGetExplicitNamespaces();
    Datum      *names = palloc(sizeof(Datum) * (list_length(path) + 1));
    int         n = 0;
    ListCell   *lc;

    foreach(lc, path)
        names[n++] = name_datum(NamespaceNameById(lfirst_oid(lc)));
    RDB_RETURN_DATUM(PointerGetDatum(ArrayConstruct(NAMEOID, names, NULL, n)));
}

/* pg_relation_size(oid) -> int8: main fork size in bytes; NULL if no such relation. */
Datum
pg_relation_size(RDB_FUNCTION_ARGS)
{
    Relation    rel = try_table_open(RDB_GETARG_OID(0), AccessShareLock);
    int64       size = 0;

    if (rel == NULL)
        RDB_RETURN_NULL();
    if (rel->rd_relkind == RELKIND_RELATION || rel->rd_relkind == RELKIND_INDEX)
        size = (int64) RelationGetNumberOfBlocksInFork(rel, MAIN_FORKNUM) * BLCKSZ;
    table_close(rel, AccessShareLock);
    RDB_RETURN_INT64(size);
}

/* All forks of an open relation, in bytes (forks that do not exist count 0). */
static int64
relation_all_forks_size(Relation rel)
{
    int64       size = 0;

    if (rel->rd_relkind != RELKIND_RELATION && rel->rd_relkind != RELKIND_INDEX)
        return 0;
    for (int fork = 0; fork <= MAX_FORKNUM; fork++)
    {
        if (fork == MAIN_FORKNUM || SmgrExists(RelationGetSmgr(rel), (ForkNumber) fork))
            size += (int64) RelationGetNumberOfBlocksInFork(rel, (ForkNumber) fork) * BLCKSZ;
    }
    return size;
}

/* Sum of the sizes of relid's indexes. */
static int64
indexes_size(Relation rel)
{
    List       *indexes = RelationGetIndexList(rel);
    ListCell   *lc;
    int64       size = 0;

    foreach(lc, indexes)
    {
        Relation    irel = try_table_open(lfirst_oid(lc), AccessShareLock);

        if (irel != NULL)
        {
            size += relation_all_forks_size(irel);
            table_close(irel, AccessShareLock);
        }
    }
    return size;
}

/*
 * pg_table_size(regclass) -> int8: all forks of the relation (RustyDB has
 * no TOAST tables); pg_indexes_size(regclass): its indexes;
 * pg_total_relation_size(regclass): both.  NULL if no such relation.
 */
Datum
pg_table_size(RDB_FUNCTION_ARGS)
{
    Relation    rel = try_table_open(RDB_GETARG_OID(0), AccessShareLock);
    int64       size;

    if (rel == NULL)
        RDB_RETURN_NULL();
    size = relation_all_forks_size(rel);
    table_close(rel, AccessShareLock);
    RDB_RETURN_INT64(size);
}

Datum
pg_indexes_size(RDB_FUNCTION_ARGS)
{
    Relation    rel = try_table_open(RDB_GETARG_OID(0), AccessShareLock);
    int64       size = 0;

    if (rel == NULL)
        RDB_RETURN_NULL();
    if (rel->rd_relkind == RELKIND_RELATION)
        size = indexes_size(rel);
    table_close(rel, AccessShareLock);
    RDB_RETURN_INT64(size);
}

Datum
pg_total_relation_size(RDB_FUNCTION_ARGS)
{
    Relation    rel = try_table_open(RDB_GETARG_OID(0), AccessShareLock);
    int64       size;

    if (rel == NULL)
        RDB_RETURN_NULL();
    size = relation_all_forks_size(rel);
    if (rel->rd_relkind == RELKIND_RELATION)
        size += indexes_size(rel);
    table_close(rel, AccessShareLock);
    RDB_RETURN_INT64(size);
}

/* ---------------- catalogs derived from the built-in table ---------------- */

/*
 * The rows of pg_operator and pg_cast (views in bootstrap.c): the built-in
 * operators and casts (catalog/pg_builtin.h), one text[] per row, as the
 * views' columns expect.  Returned one per call; the state is the index.
 */
typedef struct BuiltinRowsState
{
    int         next;
} BuiltinRowsState;

static ReturnSetInfo *
builtin_rows_srf(FunctionCallInfo fcinfo, BuiltinRowsState **st)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    if (rsi->state == NULL)
        rsi->state = MemoryContextAllocZero(rsi->multi_call_mcxt, sizeof(BuiltinRowsState));
    *st = rsi->state;
    return rsi;
}

static Datum
text_row(char **cols, int n)
{
    Datum      *d = palloc(sizeof(Datum) * n);
    bool       *nulls = palloc(sizeof(bool) * n);

    for (int i = 0; i < n; i++)
    {
        nulls[i] = cols[i] == NULL;
        d[i] = nulls[i] ? (Datum) 0 : PointerGetDatum(cstring_to_text(cols[i]));
    }
    return PointerGetDatum(ArrayConstruct(TEXTOID, d, nulls, n));
}

/*
 * rustydb_builtin_operators() -> setof text[]:
 * {oid, name, kind ('b' infix, 'l' prefix), left, right, result,
 *  implementing function, commutator, negator}
 */
Datum
rustydb_builtin_operators(RDB_FUNCTION_ARGS)
{
    BuiltinRowsState *st;
    ReturnSetInfo *rsi = builtin_rows_srf(fcinfo, &st);
    const OperInfo *op = OperInfoAt(st->next);
    char       *c[9];

    if (op == NULL)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    st->next++;
    c[0] = psprintf("%u", op->oid);
    c[1] = pstrdup(op->name);
    c[2] = pstrdup(OidIsValid(op->left) ? "b" : "l");
    c[3] = psprintf("%u", op->left);
    c[4] = psprintf("%u", op->right);
    c[5] = psprintf("%u", op->result);
    c[6] = psprintf("%u", op->func_oid);
    c[7] = psprintf("%u", op->commutator);
    c[8] = psprintf("%u", op->negator);
    return text_row(c, 9);
}

/*
 * rustydb_builtin_casts() -> setof text[]:
 * {oid, source, target, function (0: binary compatible), context (i/a/e),
 *  method (f: function, b: binary)}
 */
Datum
rustydb_builtin_casts(RDB_FUNCTION_ARGS)
{
    BuiltinRowsState *st;
    ReturnSetInfo *rsi = builtin_rows_srf(fcinfo, &st);
    Oid         oid;
    const CastInfo *cast = CastInfoAt(st->next, &oid);
    char       *c[6];

    if (cast == NULL)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    st->next++;
    c[0] = psprintf("%u", oid);
    c[1] = psprintf("%u", cast->source);
    c[2] = psprintf("%u", cast->target);
    c[3] = psprintf("%u", cast->func_oid);
    c[4] = psprintf("%c", cast->context);
    c[5] = pstrdup(OidIsValid(cast->func_oid) ? "f" : "b");
    return text_row(c, 6);
}

/* pg_type_is_visible(oid) -> bool: its schema is searched (NULL for no such type). */
Datum
pg_type_is_visible(RDB_FUNCTION_ARGS)
{
    /* every type is built in, in pg_catalog (catalog/README.md) */
    if (TypeInfoById(RDB_GETARG_OID(0)) == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_BOOL(list_member_oid(SearchPathGetNamespaces(), PG_CATALOG_NAMESPACE));
}

/*
 * pg_tablespace_location(oid) -> text: '' for pg_default and pg_global
 * (inside the data directory, as PostgreSQL says for them), NULL otherwise:
 * there are no other tablespaces.
 */
Datum
pg_tablespace_location(RDB_FUNCTION_ARGS)
{
    Oid         spc = RDB_GETARG_OID(0);

    if (spc != DEFAULTTABLESPACE_OID && spc != GLOBALTABLESPACE_OID)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(""));
}
