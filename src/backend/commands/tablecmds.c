/*
 * tablecmds.c
 *     CREATE TABLE and the helpers other table commands share: type name
 *     resolution, reloptions, ownership checks, pg_class updates, storing
 *     constraints; also RelationSetNewRelfilenode / RelationUpdateStats.
 * Entry points: ExecCreateTableStmt(), RelationSetNewRelfilenode(),
 * RelationUpdateStats(), RelationSetHasIndex(); helpers in commands_int.h.
 * What is enforced and what is only recorded: README.md here.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "catalog/storage.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "commands/tempcmds.h"
#include "commands_int.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* ---------- shared helpers ---------- */

void
ResolveTypeName(const TypeName *tn, const char *query, Oid *typid, int32 *typmod)
{
    const char *name = strVal(llast(tn->names));
    const TypeInfo *type;
    Oid         result;

    if (list_length(tn->names) > 1)
    {
        const char *schema = strVal(list_nth(tn->names, list_length(tn->names) - 2));

        if (strcmp(schema, "pg_catalog") != 0)
        {
            (void) LookupNamespace(schema, false);
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("type \"%s.%s\" does not exist", schema, name),
                    errposition(QueryErrorPosition(query, tn->location)));
        }
    }
    type = OidIsValid(tn->typeOid) ? TypeInfoById(tn->typeOid) : TypeInfoByName(name);
    if (type == NULL || tn->setof || tn->pct_type)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("type \"%s\" does not exist", name),
                errposition(QueryErrorPosition(query, tn->location)));
    result = type->oid;
    *typmod = tn->typemod;
    if (tn->typmods != NIL)
    {
        Datum      *mods = palloc(sizeof(Datum) * list_length(tn->typmods));
        ListCell   *lc;
        int         n = 0;

        if (type->typmod_in == NULL)
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("type modifier is not allowed for type \"%s\"", type->name),
                    errposition(QueryErrorPosition(query, tn->location)));
        foreach(lc, tn->typmods)
        {
            Node       *mod = lfirst(lc);

            if (!IsA(mod, A_Const) || ((A_Const *) mod)->isnull ||
                !IsA(((A_Const *) mod)->val, Integer))
                ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("type modifiers must be simple constants or identifiers"),
                        errposition(QueryErrorPosition(query, tn->location)));
            mods[n++] = Int32GetDatum(intVal(((A_Const *) mod)->val));
        }
        *typmod = DatumGetInt32(DirectFunctionCall1(type->typmod_in,
                                                    PointerGetDatum(ArrayConstruct(INT4OID, mods,
                                                                                   NULL, n))));
    }
    if (tn->arrayBounds != NIL)
    {
        Oid         array = TypeArrayOf(result);

        if (!OidIsValid(array))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("could not find array type for data type %s", type->name),
                    errposition(QueryErrorPosition(query, tn->location)));
        result = array;
    }
    *typid = result;
}

/* Options a table accepts in WITH (...), as PostgreSQL's heap options. */
static const char *const known_reloptions[] = {
    "fillfactor", "autovacuum_enabled", "autovacuum_vacuum_threshold",
    "autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_threshold",
    "autovacuum_vacuum_insert_scale_factor", "autovacuum_analyze_threshold",
    "autovacuum_analyze_scale_factor", "autovacuum_vacuum_cost_delay",
    "autovacuum_vacuum_cost_limit", "autovacuum_freeze_min_age", "autovacuum_freeze_max_age",
    "autovacuum_freeze_table_age", "log_autovacuum_min_duration", "toast_tuple_target",
    "parallel_workers", "user_catalog_table", "vacuum_index_cleanup", "vacuum_truncate",
};

static char *
defelem_value_text(const DefElem *def)
{
    if (def->arg == NULL)
        return pstrdup("true");
    switch (nodeTag(def->arg))
    {
        case T_String:
            return pstrdup(strVal(def->arg));
        case T_Integer:
            return psprintf("%d", intVal(def->arg));
        case T_Float:
            return pstrdup(castNode(Float, def->arg)->fval);
        case T_Boolean:
            return pstrdup(boolVal(def->arg) ? "true" : "false");
        default:
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("invalid value for parameter \"%s\"", def->defname));
    }
    return NULL;                /* not reached */
}

/* Validate one option value by name. */
static void
check_reloption(const char *name, const char *value)
{
    bool        b;
    char       *end;

    if (strcmp(name, "autovacuum_enabled") == 0 || strcmp(name, "user_catalog_table") == 0 ||
        strcmp(name, "vacuum_truncate") == 0)
    {
        if (!GucParseBool(value, &b))
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("invalid value for boolean option \"%s\": %s", name, value));
        return;
    }
    if (strcmp(name, "vacuum_index_cleanup") == 0)
        return;
    (void) strtod(value, &end);
    if (end == value || *end != '\0')
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("invalid value for %s option \"%s\": %s",
                       strstr(name, "factor") || strstr(name, "delay") ? "floating point" :
                       "integer", name, value));
    if (strcmp(name, "fillfactor") == 0 && (atoi(value) < 10 || atoi(value) > 100))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("value %s out of bounds for option \"%s\"", value, name),
                errdetail("Valid values are between \"10\" and \"100\"."));
}

char *
BuildRelOptions(List *defs, const char *old_options, bool reset)
{
    List       *names = NIL;
    List       *values = NIL;
    ListCell   *lc;
    ListCell   *lv;
    StringInfoData buf;

    /* Start from the old list ("{a=b,c=d}"). */
    if (old_options != NULL && old_options[0] == '{')
    {
        const char *p = old_options + 1;

        while (*p != '\0' && *p != '}')
        {
            const char *end = p;
            const char *eq;

            while (*end != '\0' && *end != ',' && *end != '}')
                end++;
            eq = memchr(p, '=', (size_t) (end - p));
            if (eq != NULL)
            {
                names = lappend(names, pnstrdup(p, (Size) (eq - p)));
                values = lappend(values, pnstrdup(eq + 1, (Size) (end - eq - 1)));
            }
            p = (*end == ',') ? end + 1 : end;
        }
    }
    foreach(lc, defs)
    {
        DefElem    *def = lfirst(lc);
        ListCell   *lc2;
        bool        known = false;
        int         found = -1;

        for (size_t i = 0; i < lengthof(known_reloptions); i++)
            known = known || strcmp(def->defname, known_reloptions[i]) == 0;
        if (def->defnamespace != NULL || !known)
            ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("unrecognized parameter \"%s\"", def->defname));
        forboth(lc2, names, lv, values)
        {
            if (strcmp(lfirst(lc2), def->defname) == 0)
                found = foreach_current_index(lc2);
        }
        if (reset)
        {
            if (found >= 0)
            {
                names = list_delete_nth_cell(names, found);
                values = list_delete_nth_cell(values, found);
            }
            continue;
        }
        {
            char       *value = defelem_value_text(def);

            check_reloption(def->defname, value);
            if (found >= 0)
                list_nth_cell(values, found)->ptr_value = value;
            else
            {
                names = lappend(names, pstrdup(def->defname));
                values = lappend(values, value);
            }
        }
    }
    if (names == NIL)
        return NULL;
    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    forboth(lc, names, lv, values)
    {
        if (foreach_current_index(lc) > 0)
            appendStringInfoChar(&buf, ',');
        appendStringInfo(&buf, "%s=%s", (char *) lfirst(lc), (char *) lfirst(lv));
    }
    appendStringInfoChar(&buf, '}');
    return buf.data;
}

void
CheckOwnership(Oid owner, const char *objkind, const char *objname)
{
    if (owner != MyRoleId && !RoleIsSuperuser(MyRoleId))
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("must be owner of %s %s", objkind, objname));
}

void
CheckNotSystemRelation(Oid relid, Oid nspid, const char *relname)
{
    if (IsCatalogRelationId(relid) || (nspid == PG_CATALOG_NAMESPACE && relid < FirstNormalObjectId))
        ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                errmsg("permission denied: \"%s\" is a system catalog", relname));
}

void
UpdateClassRow(Oid relid, void (*mutate) (FormData_pg_class *row, void *arg), void *arg)
{
    Relation    rel = table_open(RelationRelationId, RowExclusiveLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_class row;
    ItemPointerData tid;
    bool        found = false;

    while (CatalogGetNext(scan, &row, &tid))
    {
        if (row.oid == relid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    if (!found)
        elog(ERROR, "cache lookup failed for relation %u", relid);
    mutate(&row, arg);
    CatalogUpdateRow(rel, &tid, &row);
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(relid);
}

/* ---------- constraints ---------- */

static int
column_number(TupleDesc desc, const char *name)
{
    for (int i = 0; i < desc->natts; i++)
    {
        Attribute   att = TupleDescAttr(desc, i);

        if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
            return i + 1;
    }
    return 0;
}

/* PostgreSQL's default constraint names: <table>_<cols>_<suffix>. */
static char *
choose_constraint_name(const char *relname, TupleDesc desc, const CatalogInt2Array *keys,
                       const char *suffix)
{
    StringInfoData buf;

    initStringInfo(&buf);
    appendStringInfoString(&buf, relname);
    if (strcmp(suffix, "pkey") != 0)
    {
        for (int i = 0; i < keys->n; i++)
            appendStringInfo(&buf, "_%s", NameStr(TupleDescAttr(desc, keys->values[i] - 1)->attname));
    }
    appendStringInfo(&buf, "_%s", suffix);
    if (buf.len >= NAMEDATALEN)
        buf.data[NAMEDATALEN - 1] = '\0';
    return buf.data;
}

static void
keys_from_names(CatalogInt2Array *keys, List *names, TupleDesc desc, const char *query,
                int location)
{
    ListCell   *lc;

    keys->n = 0;
    foreach(lc, names)
    {
        const char *name = strVal(lfirst(lc));
        int         attnum = column_number(desc, name);

        if (attnum == 0)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                    errmsg("column \"%s\" named in key does not exist", name),
                    errposition(QueryErrorPosition(query, location)));
        if (keys->n >= CATALOG_INT2ARRAY_MAX)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("cannot use more than %d columns in a constraint",
                           CATALOG_INT2ARRAY_MAX));
        keys->values[keys->n++] = (int16) attnum;
    }
}

static void
set_hastriggers(FormData_pg_class *row, void *arg)
{
    (void) arg;
    row->relhastriggers = true;
}

int
StoreTableConstraints(Oid relid, Oid nspid, const char *relname, TupleDesc desc,
                      List *constraints, const char *query)
{
    Relation    rel;
    ListCell   *lc;
    int         nchecks = 0;
    bool        have_pk = false;
    List       *fk_rels = NIL;

    if (constraints == NIL)
        return 0;
    rel = table_open(ConstraintRelationId, RowExclusiveLock);
    foreach(lc, constraints)
    {
        Constraint *con = lfirst(lc);
        FormData_pg_constraint row;
        const char *suffix;

        memset(&row, 0, sizeof(row));
        row.oid = GetNewObjectId();
        row.connamespace = nspid;
        row.conrelid = relid;
        row.condeferrable = con->deferrable;
        row.condeferred = con->initdeferred;
        row.convalidated = !con->skip_validation;
        row.confupdtype = ' ';
        row.confdeltype = ' ';
        row.confmatchtype = ' ';
        row.conislocal = true;
        row.connoinherit = con->is_no_inherit;
        row.conkey.n = -1;
        row.confkey.n = -1;
        /* Column constraints were given their column as keys by the caller. */
        keys_from_names(&row.conkey, con->keys, desc, query, con->location);
        switch (con->contype)
        {
            case CONSTR_PRIMARY:
                if (have_pk)
                    ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                            errmsg("multiple primary keys for table \"%s\" are not allowed",
                                   relname),
                            errposition(QueryErrorPosition(query, con->location)));
                have_pk = true;
                row.contype = 'p';
                suffix = "pkey";
                break;
            case CONSTR_UNIQUE:
                row.contype = 'u';
                suffix = "key";
                break;
            case CONSTR_CHECK:
                row.contype = 'c';
                suffix = "check";
                row.conbin = RawExprSourceText(query, con->raw_expr, -1);
                StripOuterParens(row.conbin);
                if (con->keys == NIL)
                    row.conkey.n = -1;
                nchecks++;
                break;
            case CONSTR_FOREIGN:
                {
                    Oid         pkrel = RangeVarGetRelid(con->pktable, false);
                    Relation    pk = table_open(pkrel, AccessShareLock);
                    bool        pk_temp = RelationGetPersistence(pk) == RELPERSISTENCE_TEMP;

                    if (pk_temp != IsTempNamespace(nspid))
                        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                                errmsg(pk_temp ?
                                       "constraints on permanent tables may reference only permanent tables" :
                                       "constraints on temporary tables may reference only temporary tables"));

                    row.contype = 'f';
                    suffix = "fkey";
                    row.confrelid = pkrel;
                    row.confupdtype = con->fk_upd_action ? con->fk_upd_action : 'a';
                    row.confdeltype = con->fk_del_action ? con->fk_del_action : 'a';
                    row.confmatchtype = con->fk_matchtype ? con->fk_matchtype : 's';
                    if (con->fk_attrs != NIL)
                        keys_from_names(&row.conkey, con->fk_attrs, desc, query, con->location);
                    if (con->pk_attrs != NIL)
                        keys_from_names(&row.confkey, con->pk_attrs, RelationGetDescr(pk), query,
                                        con->location);
                    table_close(pk, AccessShareLock);
                    break;
                }
            default:
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("constraint type is not supported yet"),
                        errposition(QueryErrorPosition(query, con->location)));
        }
        if (con->conname != NULL)
            snprintf(row.conname.data, NAMEDATALEN, "%s", con->conname);
        else
            snprintf(row.conname.data, NAMEDATALEN, "%s",
                     choose_constraint_name(relname, desc, &row.conkey, suffix));
        CatalogInsertRow(rel, &row);
        if (row.contype == 'f')
        {
            if (!list_member_oid(fk_rels, relid))
                fk_rels = lappend_oid(fk_rels, relid);
            if (!list_member_oid(fk_rels, row.confrelid))
                fk_rels = lappend_oid(fk_rels, row.confrelid);
        }
    }
    table_close(rel, RowExclusiveLock);
    CacheInvalidateRelation(relid);

    /*
     * Both ends of a foreign key get relhastriggers, as in PostgreSQL (whose
     * foreign keys are enforced by triggers): clients such as psql's \d read
     * the foreign-key and "Referenced by" lists only for such tables.
     */
    foreach(lc, fk_rels)
    {
        CommandCounterIncrement();
        UpdateClassRow(lfirst_oid(lc), set_hastriggers, NULL);
        CacheInvalidateRelation(lfirst_oid(lc));
    }
    if (fk_rels != NIL)
        CommandCounterIncrement();
    return nchecks;
}

/* ---------- CREATE TABLE ---------- */

static void
set_relchecks(FormData_pg_class *row, void *arg)
{
    row->relchecks = (int16) (intptr_t) arg;
}

void
ExecCreateTableStmt(CreateStmt *stmt, const char *query_string)
{
    RangeVar   *rv = stmt->relation;
    Oid         nspid;
    int         ncols = 0;
    ListCell   *lc;
    TupleDesc   desc;
    char      **defaults;
    List       *constraints = NIL;
    List       *pk_columns = NIL;
    char       *reloptions;
    Oid         relid;
    int         attnum;
    int         nchecks;

    if (stmt->partbound != NULL)
    {
        CreatePartitionOf(stmt, query_string);  /* partcmds.c */
        return;
    }
    if (stmt->inhRelations != NIL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("table inheritance is not supported yet"),
                errposition(QueryErrorPosition(query_string, rv->location)));
    if (stmt->accessMethod != NULL && strcmp(stmt->accessMethod, "heap") != 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("access method \"%s\" does not exist", stmt->accessMethod));
    if (stmt->tablespacename != NULL && strcmp(stmt->tablespacename, "pg_default") != 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                errmsg("tablespace \"%s\" does not exist", stmt->tablespacename));
    nspid = RangeVarGetCreationNamespace(rv);
    if (stmt->oncommit != RAW_ONCOMMIT_NOOP && rv->relpersistence != RELPERSISTENCE_TEMP)
        ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                errmsg("ON COMMIT can only be used on temporary tables"));
    if (OidIsValid(RelnameGetRelidInNamespace(nspid, rv->relname)))
    {
        if (stmt->if_not_exists)
        {
            ereport(NOTICE, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists, skipping", rv->relname));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                errmsg("relation \"%s\" already exists", rv->relname));
    }

    foreach(lc, stmt->tableElts)
        ncols += IsA(lfirst(lc), ColumnDef);
    if (ncols > MaxHeapAttributeNumber)
        ereport(ERROR, errcode(ERRCODE_TOO_MANY_COLUMNS),
                errmsg("tables can have at most %d columns", MaxHeapAttributeNumber));
    desc = CreateTemplateTupleDesc(ncols);
    defaults = palloc0(sizeof(char *) * Max(ncols, 1));
    attnum = 0;
    foreach(lc, stmt->tableElts)
    {
        Node       *elt = lfirst(lc);
        ColumnDef  *col;
        Oid         typid;
        int32       typmod;
        bool        notnull = false;
        bool        explicit_null = false;
        ListCell   *cc;

        if (IsA(elt, Constraint))
        {
            Constraint *con = (Constraint *) elt;

            if (con->contype == CONSTR_PRIMARY)
                pk_columns = list_concat(pk_columns, con->keys);
            if (con->contype == CONSTR_FOREIGN && con->keys == NIL)
                con->keys = con->fk_attrs;
            constraints = lappend(constraints, con);
            continue;
        }
        col = castNode(ColumnDef, elt);
        for (int i = 0; i < attnum; i++)
        {
            if (strcmp(NameStr(TupleDescAttr(desc, i)->attname), col->colname) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_COLUMN),
                        errmsg("column \"%s\" specified more than once", col->colname),
                        errposition(QueryErrorPosition(query_string, col->location)));
        }
        ResolveTypeName(col->typeName, query_string, &typid, &typmod);
        if (typid == UNKNOWNOID || TypeInfoById(typid)->category == TYPCATEGORY_PSEUDOTYPE)
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("column \"%s\" has pseudo-type %s", col->colname,
                           FormatTypeWithTypmod(typid, -1)));
        attnum++;
        TupleDescInitEntry(desc, attnum, col->colname, typid, typmod);
        notnull = col->is_not_null;
        foreach(cc, col->constraints)
        {
            Constraint *con = lfirst(cc);
            int         next_loc = -1;

            if (foreach_current_index(cc) + 1 < list_length(col->constraints))
                next_loc = ((Constraint *) list_nth(col->constraints,
                                                    foreach_current_index(cc) + 1))->location;
            switch (con->contype)
            {
                case CONSTR_NOTNULL:
                case CONSTR_NULL:
                    if ((con->contype == CONSTR_NOTNULL && explicit_null) ||
                        (con->contype == CONSTR_NULL && notnull))
                        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                                errmsg("conflicting NULL/NOT NULL declarations for column \"%s\" of table \"%s\"",
                                       col->colname, rv->relname),
                                errposition(QueryErrorPosition(query_string, con->location)));
                    notnull = notnull || con->contype == CONSTR_NOTNULL;
                    explicit_null = explicit_null || con->contype == CONSTR_NULL;
                    break;
                case CONSTR_DEFAULT:
                    if (defaults[attnum - 1] != NULL)
                        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                                errmsg("multiple default values specified for column \"%s\" of table \"%s\"",
                                       col->colname, rv->relname),
                                errposition(QueryErrorPosition(query_string, con->location)));
                    defaults[attnum - 1] = RawExprSourceText(query_string, con->raw_expr, next_loc);
                    break;
                case CONSTR_PRIMARY:
                    notnull = true;
                    /* FALLTHROUGH */
                case CONSTR_UNIQUE:
                case CONSTR_CHECK:
                case CONSTR_FOREIGN:
                    con->keys = list_make1(makeString(col->colname));
                    if (con->contype == CONSTR_FOREIGN)
                        con->fk_attrs = con->keys;
                    constraints = lappend(constraints, con);
                    break;
                case CONSTR_ATTR_DEFERRABLE:
                case CONSTR_ATTR_NOT_DEFERRABLE:
                case CONSTR_ATTR_DEFERRED:
                case CONSTR_ATTR_IMMEDIATE:
                    break;
                default:
                    ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                            errmsg("identity, generated and exclusion constraints are not supported yet"),
                            errposition(QueryErrorPosition(query_string, con->location)));
            }
        }
        TupleDescAttr(desc, attnum - 1)->attnotnull = notnull;
    }
    /* PRIMARY KEY columns are NOT NULL. */
    foreach(lc, pk_columns)
    {
        int         n = column_number(desc, strVal(lfirst(lc)));

        if (n == 0)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                    errmsg("column \"%s\" named in key does not exist", strVal(lfirst(lc))));
        TupleDescAttr(desc, n - 1)->attnotnull = true;
    }
    reloptions = BuildRelOptions(stmt->options, NULL, false);
    relid = RelationCreate(rv->relname, nspid,
                           stmt->partspec != NULL ? RELKIND_PARTITIONED_TABLE : RELKIND_RELATION,
                           rv->relpersistence ? rv->relpersistence : RELPERSISTENCE_PERMANENT,
                           desc, (const char *const *) defaults, MyRoleId, reloptions);
    CommandCounterIncrement();
    nchecks = StoreTableConstraints(relid, nspid, rv->relname, desc, constraints, query_string);
    if (nchecks > 0)
        UpdateClassRow(relid, set_relchecks, (void *) (intptr_t) nchecks);
    CommandCounterIncrement();
    if (stmt->partspec != NULL)
        PartitionedTableSetup(relid, rv->relname, stmt->partspec, query_string);
    /* PRIMARY KEY / UNIQUE get their unique indexes (catalog/index.c); not on a partitioned table */
    IndexCreateForConstraints(relid);
    RegisterOnCommitAction(relid, stmt->oncommit);
}

/* ---------- helpers for other commands ---------- */

typedef struct NewFilenodeArg
{
    Oid         relfilenode;
} NewFilenodeArg;

static void
set_relfilenode(FormData_pg_class *row, void *arg)
{
    row->relfilenode = ((NewFilenodeArg *) arg)->relfilenode;
    row->relpages = 0;
    row->reltuples = -1;
    row->relallvisible = 0;
}

Oid
RelationSetNewRelfilenode(Relation rel)
{
    NewFilenodeArg arg;
    RelFileLocator newloc = rel->rd_locator;

    if (IsCatalogRelationId(RelationGetRelid(rel)))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot rewrite system catalog \"%s\"", RelationGetRelationName(rel)));
    arg.relfilenode = GetNewRelationId();
    newloc.relNumber = arg.relfilenode;
    RelationCreateStorage(newloc);
    RelationDropStorageAtCommit(rel->rd_locator);
    UpdateClassRow(RelationGetRelid(rel), set_relfilenode, &arg);
    RelationCloseSmgr(rel);
    rel->rd_locator = newloc;
    rel->rd_nblocks_cache = InvalidBlockNumber;
    HeapSpaceNoteNewFile(RelationGetRelid(rel), rel->rd_relkind);   /* exact space restarts at 0 */
    /* A table's indexes start empty too (TRUNCATE; VACUUM FULL rebuilds them afterwards). */
    if (rel->rd_relkind == RELKIND_RELATION)
    {
        CommandCounterIncrement();
        RelationTruncateIndexes(rel);
    }
    return arg.relfilenode;
}

typedef struct StatsArg
{
    int32       relpages;
    float4      reltuples;
    int32       relallvisible;
} StatsArg;

static void
set_stats(FormData_pg_class *row, void *arg)
{
    const StatsArg *s = arg;

    row->relpages = s->relpages;
    row->reltuples = s->reltuples;
    row->relallvisible = s->relallvisible;
}

void
RelationUpdateStats(Oid relid, int32 relpages, float4 reltuples, int32 relallvisible)
{
    StatsArg    arg = {relpages, reltuples, relallvisible};

    UpdateClassRow(relid, set_stats, &arg);
}

static void
set_hasindex(FormData_pg_class *row, void *arg)
{
    row->relhasindex = arg != NULL;
}

void
RelationSetHasIndex(Oid relid, bool hasindex)
{
    UpdateClassRow(relid, set_hasindex, hasindex ? (void *) 1 : NULL);
}
