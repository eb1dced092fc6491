/*
 * catalog_defs.c
 *     SQL-callable functions that rebuild object definitions from the
 *     catalogs, for psql's describe commands and other clients:
 *     pg_get_constraintdef, pg_get_indexdef, pg_get_ruledef, pg_get_function_result,
 *     pg_get_function_arguments, pg_function_is_visible, pg_get_triggerdef,
 *     pg_get_statisticsobjdef_columns, pg_partition_ancestors,
 *     pg_relation_is_publishable, pg_encoding_to_char, obj_description,
 *     col_description, and the I/O of the regclass, regtype and regnamespace
 *     types.
 * Registered in builtins.list (block "# catalog functions").
 */
#include "rustydb.h"

#include <strings.h>

#include "access/genam.h"
#include "catalog/catalog.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "builtin_protos.h"
#include "catalog_int.h"

/* ---------------------------------------------------------------- helpers */

/* The name of column attnum of relation relid, or NULL. */
static char *
attribute_name(Oid relid, int attnum)
{
    Relation    rel = table_open(AttributeRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "attrelid", &relid);
    FormData_pg_attribute row;
    char       *result = NULL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.attrelid == relid && row.attnum == attnum && !row.attisdropped)
        {
            result = pstrdup(NameStr(row.attname));
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

/* "(a, b)" for the columns of relid listed in cols. */
/*
 * "REFERENCES t" without columns means t's primary key (resolved when the
 * FK is checked): the key columns for printing, as PostgreSQL stores them.
 */
static void
referenced_primary_key(Oid relid, CatalogInt2Array *keys)
{
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_constraint row;

    while (CatalogGetNext(scan, &row, NULL))
        if (row.conrelid == relid && row.contype == 'p')
        {
            *keys = row.conkey;
            break;
        }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
}

static void
append_column_list(StringInfo buf, Oid relid, const CatalogInt2Array *cols)
{
    appendStringInfoChar(buf, '(');
    for (int i = 0; i < cols->n; i++)
    {
        char       *name = attribute_name(relid, cols->values[i]);

        if (i > 0)
            appendStringInfoString(buf, ", ");
        appendStringInfoString(buf, QuoteIdentifier(name ? name : "?"));
    }
    appendStringInfoChar(buf, ')');
}

/* The relation's name, schema-qualified always (as pg_get_indexdef does). */
static char *
qualified_relation_name(Oid relid)
{
    char       *relname = RelationNameById(relid);
    char       *nspname = NamespaceNameById(RelationNamespaceById(relid));

    return psprintf("%s.%s", QuoteIdentifier(nspname ? nspname : "?"),
                    QuoteIdentifier(relname ? relname : "?"));
}

static const char *
fk_action(char action)
{
    switch (action)
    {
        case FKCONSTR_ACTION_RESTRICT:
            return "RESTRICT";
        case FKCONSTR_ACTION_CASCADE:
            return "CASCADE";
        case FKCONSTR_ACTION_SETNULL:
            return "SET NULL";
        case FKCONSTR_ACTION_SETDEFAULT:
            return "SET DEFAULT";
        default:
            return NULL;        /* NO ACTION: not printed */
    }
}

/* ---------------------------------------------------------------- constraints */

/*
 * pg_get_constraintdef(oid [, pretty bool]) -> text: the constraint as it is
 * written after ADD CONSTRAINT name; NULL for a missing constraint.
 */
Datum
pg_get_constraintdef(RDB_FUNCTION_ARGS)
{
    Oid         conoid = RDB_GETARG_OID(0);
    Relation    rel = table_open(ConstraintRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &conoid);
    FormData_pg_constraint con;
    bool        found = false;
    StringInfoData buf;

    while (CatalogGetNext(scan, &con, NULL))
    {
        if (con.oid == conoid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (!found)
        RDB_RETURN_NULL();

    initStringInfo(&buf);
    switch (con.contype)
    {
        case 'p':
        case 'u':
            appendStringInfoString(&buf, con.contype == 'p' ? "PRIMARY KEY " : "UNIQUE ");
            append_column_list(&buf, con.conrelid, &con.conkey);
            break;
        case 'c':
            appendStringInfo(&buf, "CHECK (%s)", con.conbin ? con.conbin : "");
            break;
        case 'f':
            {
                char       *refname = RelationQualifiedNameById(con.confrelid);
                const char *act;

                appendStringInfoString(&buf, "FOREIGN KEY ");
                append_column_list(&buf, con.conrelid, &con.conkey);
                appendStringInfo(&buf, " REFERENCES %s", refname ? refname : "?");
                if (con.confkey.n <= 0)
                    referenced_primary_key(con.confrelid, &con.confkey);
                append_column_list(&buf, con.confrelid, &con.confkey);
                if (con.confmatchtype == FKCONSTR_MATCH_FULL)
                    appendStringInfoString(&buf, " MATCH FULL");
                else if (con.confmatchtype == FKCONSTR_MATCH_PARTIAL)
                    appendStringInfoString(&buf, " MATCH PARTIAL");
                if ((act = fk_action(con.confupdtype)) != NULL)
                    appendStringInfo(&buf, " ON UPDATE %s", act);
                if ((act = fk_action(con.confdeltype)) != NULL)
                    appendStringInfo(&buf, " ON DELETE %s", act);
                break;
            }
        default:
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                            errmsg("invalid constraint type \"%c\"", con.contype)));
    }
    if (con.condeferrable)
        appendStringInfoString(&buf, " DEFERRABLE");
    if (con.condeferred)
        appendStringInfoString(&buf, " INITIALLY DEFERRED");
    if (!con.convalidated)
        appendStringInfoString(&buf, " NOT VALID");
    RDB_RETURN_TEXT_P(cstring_to_text(buf.data));
}

/* ---------------------------------------------------------------- indexes */

/*
 * pg_get_indexdef(oid [, column int4, pretty bool]) -> text: the CREATE
 * INDEX command, or with column > 0 that index column's definition alone.
 * NULL for a missing index.
 */
Datum
pg_get_indexdef(RDB_FUNCTION_ARGS)
{
    Oid         indexoid = RDB_GETARG_OID(0);
    int         colno = RDB_NARGS() > 1 ? RDB_GETARG_INT32(1) : 0;
    Relation    rel = table_open(IndexRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "indexrelid", &indexoid);
    FormData_pg_index ind;
    FormData_pg_class classrow;
    bool        found = false;
    StringInfoData buf;

    while (CatalogGetNext(scan, &ind, NULL))
    {
        if (ind.indexrelid == indexoid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (!found || !RelationClassRowById(indexoid, &classrow))
        RDB_RETURN_NULL();

    initStringInfo(&buf);
    if (colno > 0)
    {
        char       *name;

        if (colno > ind.indkey.n)
            RDB_RETURN_TEXT_P(cstring_to_text(""));
        name = attribute_name(ind.indrelid, ind.indkey.values[colno - 1]);
        RDB_RETURN_TEXT_P(cstring_to_text(QuoteIdentifier(name ? name : "?")));
    }

    appendStringInfo(&buf, "CREATE %sINDEX %s ON %s USING %s (",
                     ind.indisunique ? "UNIQUE " : "",
                     QuoteIdentifier(NameStr(classrow.relname)),
                     qualified_relation_name(ind.indrelid),
                     classrow.relam == HASH_AM_OID ? "hash" : "btree");
    for (int i = 0; i < ind.indkey.n; i++)
    {
        char       *name = attribute_name(ind.indrelid, ind.indkey.values[i]);

        if (i == ind.indnkeyatts)
            appendStringInfoString(&buf, ") INCLUDE (");
        else if (i > 0)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, QuoteIdentifier(name ? name : "?"));
        if (i < ind.indnkeyatts && i < ind.indoption.n)
        {
            int         opt = ind.indoption.values[i];

            if (opt & INDOPTION_DESC)
            {
                appendStringInfoString(&buf, " DESC");
                if (!(opt & INDOPTION_NULLS_FIRST))
                    appendStringInfoString(&buf, " NULLS LAST");
            }
            else if (opt & INDOPTION_NULLS_FIRST)
                appendStringInfoString(&buf, " NULLS FIRST");
        }
    }
    appendStringInfoChar(&buf, ')');
    if (classrow.reloptions != NULL && classrow.reloptions[0] == '{')
    {
        char       *opts = pstrdup(classrow.reloptions + 1);
        size_t      len = strlen(opts);

        if (len > 0 && opts[len - 1] == '}')
            opts[len - 1] = '\0';
        if (opts[0] != '\0')
        {
            appendStringInfoString(&buf, " WITH (");
            for (char *p = opts; *p; p++)
                appendStringInfoString(&buf, *p == ',' ? ", " : (char[]) {*p, '\0'});
            appendStringInfoChar(&buf, ')');
        }
    }
    if (ind.indpred != NULL)
        appendStringInfo(&buf, " WHERE %s", ind.indpred);
    RDB_RETURN_TEXT_P(cstring_to_text(buf.data));
}

/* ---------------------------------------------------------------- rules */

/*
 * pg_get_ruledef(oid [, pretty]) -> text: CREATE RULE for a pg_rewrite row
 * (only views' "_RETURN" rules exist); NULL for a missing rule.
 */
Datum
pg_get_ruledef(RDB_FUNCTION_ARGS)
{
    Oid         ruleoid = RDB_GETARG_OID(0);
    Relation    rel = table_open(RewriteRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &ruleoid);
    FormData_pg_rewrite rule;
    bool        found = false;
    char       *relname;

    while (CatalogGetNext(scan, &rule, NULL))
    {
        if (rule.oid == ruleoid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (!found)
        RDB_RETURN_NULL();
    relname = RelationQualifiedNameById(rule.ev_class);
    RDB_RETURN_TEXT_P(cstring_to_text(psprintf("CREATE RULE %s AS ON SELECT TO %s DO %s%s;",
                                               QuoteIdentifier(NameStr(rule.rulename)),
                                               relname ? relname : "?",
                                               rule.is_instead ? "INSTEAD " : "",
                                               rule.ev_action ? rule.ev_action : "NOTHING")));
}

/* ---------------------------------------------------------------- functions */

static bool
proc_row_by_oid(Oid procoid, FormData_pg_proc *out)
{
    Relation    rel = table_open(ProcedureRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginKeyScan(rel, "oid", &procoid);
    bool        found = false;

    while (CatalogGetNext(scan, out, NULL))
    {
        if (out->oid == procoid)
        {
            found = true;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return found;
}

/* pg_get_function_result(oid) -> text: "integer", "SETOF integer"; NULL if missing. */
Datum
pg_get_function_result(RDB_FUNCTION_ARGS)
{
    FormData_pg_proc proc;

    if (!proc_row_by_oid(RDB_GETARG_OID(0), &proc) || proc.prokind == 'p')
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(psprintf("%s%s", proc.proretset ? "SETOF " : "",
                                               FormatTypeWithTypmod(proc.prorettype, -1))));
}

/*
 * pg_function_is_visible(oid) -> bool: the function's schema is on
 * search_path (pg_catalog always is).  There are no user-defined functions,
 * so no function can be hidden by another of the same name and arguments.
 * NULL for a missing function.
 */
Datum
pg_function_is_visible(RDB_FUNCTION_ARGS)
{
    FormData_pg_proc proc;

    if (!proc_row_by_oid(RDB_GETARG_OID(0), &proc))
        RDB_RETURN_NULL();
    RDB_RETURN_BOOL(list_member_oid(SearchPathGetNamespaces(), proc.pronamespace));
}

/* The argument list of a pg_proc row: "integer, text". */
static char *
format_proc_arguments(const FormData_pg_proc *proc)
{
    StringInfoData buf;
    const char *p;

    initStringInfo(&buf);
    p = proc->proargtypes ? proc->proargtypes : "";
    while (*p != '\0')
    {
        char       *end;
        unsigned long typid = strtoul(p, &end, 10);

        if (end == p)
            break;
        if (buf.len > 0)
            appendStringInfoString(&buf, ", ");
        appendStringInfoString(&buf, FormatTypeWithTypmod((Oid) typid, -1));
        p = end;
        while (*p == ' ')
            p++;
    }
    return buf.data;
}

/* pg_get_function_arguments(oid) -> text: "integer, text"; NULL if missing. */
Datum
pg_get_function_arguments(RDB_FUNCTION_ARGS)
{
    FormData_pg_proc proc;

    if (!proc_row_by_oid(RDB_GETARG_OID(0), &proc))
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(format_proc_arguments(&proc)));
}

/*
 * pg_get_functiondef(oid) -> text: the CREATE OR REPLACE FUNCTION that
 * describes a built-in function (language internal, its C function as the
 * body), as psql's \sf shows it; NULL if missing; 42809 for an aggregate.
 */
Datum
pg_get_functiondef(RDB_FUNCTION_ARGS)
{
    FormData_pg_proc proc;
    StringInfoData buf;

    if (!proc_row_by_oid(RDB_GETARG_OID(0), &proc))
        RDB_RETURN_NULL();
    if (proc.prokind == 'a')
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("\"%s\" is an aggregate function", NameStr(proc.proname)));
    initStringInfo(&buf);
    appendStringInfo(&buf, "CREATE OR REPLACE FUNCTION %s.%s(%s)\n RETURNS %s%s\n LANGUAGE internal\n ",
                     NamespaceNameById(proc.pronamespace), NameStr(proc.proname),
                     format_proc_arguments(&proc), proc.proretset ? "SETOF " : "",
                     FormatTypeWithTypmod(proc.prorettype, -1));
    if (proc.prokind == 'w')
        appendStringInfoString(&buf, "WINDOW ");
    appendStringInfoString(&buf, proc.provolatile == 'i' ? "IMMUTABLE" :
                           proc.provolatile == 's' ? "STABLE" : "VOLATILE");
    if (proc.proparallel == 's')
        appendStringInfoString(&buf, " PARALLEL SAFE");
    if (proc.proisstrict)
        appendStringInfoString(&buf, " STRICT");
    appendStringInfo(&buf, "\nAS $function$%s$function$\n", proc.prosrc ? proc.prosrc : "");
    RDB_RETURN_TEXT_P(cstring_to_text(buf.data));
}

/* pg_get_function_sqlbody(oid) -> text: NULL: no function has a SQL-standard body. */
Datum
pg_get_function_sqlbody(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_NULL();
}

/*
 * pg_get_triggerdef(oid [, pretty]) and pg_get_statisticsobjdef_columns(oid):
 * there are no triggers or extended statistics objects, so no OID names one;
 * NULL, as PostgreSQL answers for a missing object.
 */
Datum
pg_get_triggerdef(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_NULL();
}

Datum
pg_get_statisticsobjdef_columns(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_NULL();
}

/*
 * pg_relation_is_publishable(regclass) -> bool: a permanent ordinary table
 * outside the system schemas; NULL for a missing relation.
 */
Datum
pg_relation_is_publishable(RDB_FUNCTION_ARGS)
{
    FormData_pg_class row;

    if (!RelationClassRowById(RDB_GETARG_OID(0), &row))
        RDB_RETURN_NULL();
    RDB_RETURN_BOOL((row.relkind == RELKIND_RELATION || row.relkind == RELKIND_PARTITIONED_TABLE) &&
                    row.relpersistence == RELPERSISTENCE_PERMANENT &&
                    !IsSystemNamespace(row.relnamespace) &&
                    row.oid >= FirstNormalObjectId);
}

/* ---------------------------------------------------------------- encodings */

/* PostgreSQL's encoding numbers (pg_database.encoding) and names. */
static const char *const encoding_names[] = {
    "SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW", "EUC_JIS_2004", "UTF8",
    "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
    "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874",
    "KOI8R", "WIN1251", "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7",
    "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254", "WIN1255", "WIN1257", "KOI8U",
    "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004",
};

/* pg_encoding_to_char(int4) -> name; "" for an unknown number. */
Datum
pg_encoding_to_char(RDB_FUNCTION_ARGS)
{
    int32       enc = RDB_GETARG_INT32(0);
    NameData   *n = palloc0(sizeof(NameData));

    if (enc >= 0 && enc < (int32) lengthof(encoding_names))
        snprintf(n->data, NAMEDATALEN, "%s", encoding_names[enc]);
    RDB_RETURN_DATUM(PointerGetDatum(n));
}

/* pg_char_to_encoding(name) -> int4: the encoding's number (case-insensitive); -1 if unknown. */
Datum
pg_char_to_encoding(RDB_FUNCTION_ARGS)
{
    const char *name = NameStr(*(NameData *) DatumGetPointer(RDB_GETARG_DATUM(0)));

    for (int i = 0; i < (int) lengthof(encoding_names); i++)
        if (strcasecmp(name, encoding_names[i]) == 0)
            RDB_RETURN_INT32(i);
    RDB_RETURN_INT32(-1);
}

/* getdatabaseencoding() -> name: every database is UTF8 (pg_database.encoding 6). */
Datum
getdatabaseencoding(RDB_FUNCTION_ARGS)
{
    NameData   *n = palloc0(sizeof(NameData));

    (void) fcinfo;
    snprintf(n->data, NAMEDATALEN, "%s", encoding_names[PG_ENCODING_UTF8]);
    RDB_RETURN_DATUM(PointerGetDatum(n));
}

/* ---------------------------------------------------------------- regclass */

/*
 * reg_literal_oid -- the input forms every reg* type shares: an OID in
 * digits (*out via oidin) or "-" (InvalidOid).  False for a name.
 */
static bool
reg_literal_oid(const char *s, Datum *out)
{
    const char *p = s;

    while (*p >= '0' && *p <= '9')
        p++;
    if (p != s && *p == '\0')
    {
        *out = DirectFunctionCall1(oidin, CStringGetDatum(s));
        return true;
    }
    if (strcmp(s, "-") == 0)
    {
        *out = ObjectIdGetDatum(InvalidOid);
        return true;
    }
    return false;
}

/*
 * regclassin(cstring): an OID in digits, or a relation name ("[schema.]name",
 * quoted identifiers allowed) looked up through search_path.
 */
Datum
regclassin(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    Oid         relid;
    Datum       literal;

    if (reg_literal_oid(s, &literal))
        return literal;
    relid = RegclassLookup(s);
    if (!OidIsValid(relid))
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                        errmsg("relation \"%s\" does not exist", s)));
    RDB_RETURN_OID(relid);
}

/* regclassout(regclass): the name, schema-qualified when not visible; digits if missing. */
Datum
regclassout(RDB_FUNCTION_ARGS)
{
    Oid         relid = RDB_GETARG_OID(0);
    char       *name;

    if (!OidIsValid(relid))
        RDB_RETURN_CSTRING(pstrdup("-"));
    name = RelationQualifiedNameById(relid);
    if (name == NULL)
        name = psprintf("%u", relid);
    RDB_RETURN_CSTRING(name);
}

/* ---------------------------------------------------------------- regnamespace */

/* regnamespacein(cstring): an OID in digits or a schema name. */
Datum
regnamespacein(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    Oid         nspid;
    Datum       literal;

    if (reg_literal_oid(s, &literal))
        return literal;
    nspid = LookupNamespace(s, true);
    if (!OidIsValid(nspid))
        ereport(ERROR, (errcode(ERRCODE_INVALID_SCHEMA_NAME),
                        errmsg("schema \"%s\" does not exist", s)));
    RDB_RETURN_OID(nspid);
}

/* regnamespaceout(regnamespace): the schema name (quoted if needed); digits if missing. */
Datum
regnamespaceout(RDB_FUNCTION_ARGS)
{
    Oid         nspid = RDB_GETARG_OID(0);
    char       *name;

    if (!OidIsValid(nspid))
        RDB_RETURN_CSTRING(pstrdup("-"));
    name = NamespaceNameById(nspid);
    RDB_RETURN_CSTRING(name ? pstrdup(QuoteIdentifier(name)) : psprintf("%u", nspid));
}

/* ---------------------------------------------------------------- regtype */

/* regtypein(cstring): an OID in digits or a type name ("integer", "int4", ...). */
Datum
regtypein(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    const TypeInfo *type;
    Datum       literal;

    if (reg_literal_oid(s, &literal))
        return literal;
    type = TypeInfoByName(s);
    if (type == NULL)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("type \"%s\" does not exist", s)));
    RDB_RETURN_OID(type->oid);
}

/* regtypeout(regtype): format_type's spelling; digits for an unknown OID. */
Datum
regtypeout(RDB_FUNCTION_ARGS)
{
    Oid         typid = RDB_GETARG_OID(0);

    if (!OidIsValid(typid))
        RDB_RETURN_CSTRING(pstrdup("-"));
    if (TypeInfoById(typid) == NULL)
        RDB_RETURN_CSTRING(psprintf("%u", typid));
    RDB_RETURN_CSTRING(FormatTypeWithTypmod(typid, -1));
}

/*
 * regprocin(cstring): a function named once among the built-ins ("abs" is
 * ambiguous: 42725, as PostgreSQL), optionally "pg_catalog."-qualified; an
 * OID in digits; "-".
 */
Datum
regprocin(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    const char *name = s;
    const FuncInfo *const *cands;
    Datum       literal;
    int         n;

    if (reg_literal_oid(s, &literal))
        return literal;
    if (strncmp(name, "pg_catalog.", 11) == 0)
        name += 11;
    cands = FuncCandidatesByName(name, &n);
    if (n == 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
                errmsg("function \"%s\" does not exist", s));
    if (n > 1)
        ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_FUNCTION),
                errmsg("more than one function named \"%s\"", s));
    RDB_RETURN_OID(cands[0]->oid);
}

/*
 * regprocout(regproc): the function's name, "pg_catalog."-qualified when it
 * is overloaded; digits for an unknown OID; "-" for 0.
 */
Datum
regprocout(RDB_FUNCTION_ARGS)
{
    Oid         funcid = RDB_GETARG_OID(0);
    const FuncInfo *f;
    int         n;

    if (!OidIsValid(funcid))
        RDB_RETURN_CSTRING(pstrdup("-"));
    f = FuncInfoById(funcid);
    if (f == NULL)
        RDB_RETURN_CSTRING(psprintf("%u", funcid));
    /* an overloaded name is qualified, as PostgreSQL does (it still does not read back) */
    (void) FuncCandidatesByName(f->name, &n);
    if (n > 1)
        RDB_RETURN_CSTRING(psprintf("pg_catalog.%s", f->name));
    RDB_RETURN_CSTRING(pstrdup(f->name));
}

/*
 * A type as format_type spells it: "integer", "character varying",
 * "\"char\"", "text[]".  NULL if unknown.
 */
static const TypeInfo *
type_by_sql_name(const char *name)
{
    size_t      len = strlen(name);

    if (len > 2 && strcmp(name + len - 2, "[]") == 0)
    {
        char       *elem = pnstrdup(name, len - 2);
        const TypeInfo *et = type_by_sql_name(elem);

        return et != NULL && OidIsValid(TypeArrayOf(et->oid)) ? TypeInfoById(TypeArrayOf(et->oid)) : NULL;
    }
    if (len > 2 && name[0] == '"' && name[len - 1] == '"')
        return TypeInfoByName(pnstrdup(name + 1, len - 2));
    return TypeInfoByName(name);
}

/*
 * regprocedurein(cstring): "name(type, ...)" (optionally "pg_catalog."-
 * qualified; types as the SQL spells them) naming one built-in function
 * exactly; an OID in digits; "-".
 */
Datum
regprocedurein(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    const char *open;
    char       *name;
    const FuncInfo *const *cands;
    Oid         argtypes[FUNC_MAX_ARGS];
    int         nargs = 0;
    int         n;
    Datum       literal;

    if (reg_literal_oid(s, &literal))
        return literal;
    open = strchr(s, '(');
    if (open == NULL)
        ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                errmsg("expected a left parenthesis"));
    name = pnstrdup(s, (Size) (open - s));
    while (*name == ' ')
        name++;
    for (char *e = name + strlen(name); e > name && e[-1] == ' '; e--)
        e[-1] = '\0';
    if (strncmp(name, "pg_catalog.", 11) == 0)
        name += 11;
    /* the argument types: split at top-level commas (typmods have their own) */
    {
        const char *p = open + 1;
        int         depth = 0;
        const char *start = p;
        bool        closed = false;

        for (; *p != '\0'; p++)
        {
            if (*p == '(')
                depth++;
            else if ((*p == ',' && depth == 0) || (*p == ')' && depth == 0))
            {
                char       *t = pnstrdup(start, (Size) (p - start));
                char       *e;
                const TypeInfo *type;

                while (*t == ' ')
                    t++;
                for (e = t + strlen(t); e > t && e[-1] == ' '; e--)
                    e[-1] = '\0';
                if (*t != '\0' || *p == ',')
                {
                    if (nargs >= FUNC_MAX_ARGS)
                        ereport(ERROR, errcode(ERRCODE_TOO_MANY_ARGUMENTS),
                                errmsg("too many arguments"));
                    type = type_by_sql_name(t);
                    if (type == NULL)
                        ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                                errmsg("type \"%s\" does not exist", t));
                    argtypes[nargs++] = type->oid;
                }
                start = p + 1;
                if (*p == ')')
                {
                    closed = true;
                    break;
                }
            }
            else if (*p == ')')
                depth--;
        }
        if (!closed)
            ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                    errmsg("expected a right parenthesis"));
        for (p++; *p == ' '; p++)
            ;
        if (*p != '\0')
            ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                    errmsg("expected a right parenthesis"));
    }
    cands = FuncCandidatesByName(name, &n);
    for (int i = 0; i < n; i++)
    {
        if (cands[i]->nargs != nargs)
            continue;
        if (nargs == 0 || memcmp(cands[i]->argtypes, argtypes, sizeof(Oid) * nargs) == 0)
            RDB_RETURN_OID(cands[i]->oid);
    }
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
            errmsg("function \"%s\" does not exist", s));
}

/* regprocedureout(regprocedure): "name(type,type)"; digits for an unknown OID; "-" for 0. */
Datum
regprocedureout(RDB_FUNCTION_ARGS)
{
    Oid         funcid = RDB_GETARG_OID(0);
    const FuncInfo *f;
    StringInfoData buf;

    if (!OidIsValid(funcid))
        RDB_RETURN_CSTRING(pstrdup("-"));
    f = FuncInfoById(funcid);
    if (f == NULL)
        RDB_RETURN_CSTRING(psprintf("%u", funcid));
    initStringInfo(&buf);
    appendStringInfo(&buf, "%s(", f->name);
    for (int i = 0; i < f->nargs; i++)
        appendStringInfo(&buf, "%s%s", i ? "," : "", FormatTypeWithTypmod(f->argtypes[i], -1));
    appendStringInfoChar(&buf, ')');
    RDB_RETURN_CSTRING(buf.data);
}

/* pg_operator_is_visible(oid) -> bool: built-in operators live in pg_catalog. */
Datum
pg_operator_is_visible(RDB_FUNCTION_ARGS)
{
    if (OperInfoById(RDB_GETARG_OID(0)) == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_BOOL(list_member_oid(SearchPathGetNamespaces(), PG_CATALOG_NAMESPACE));
}

/* pg_collation_is_visible(oid) -> bool: the three collations of pg_collation, in pg_catalog. */
Datum
pg_collation_is_visible(RDB_FUNCTION_ARGS)
{
    Oid         coll = RDB_GETARG_OID(0);

    if (coll != DEFAULT_COLLATION_OID && coll != C_COLLATION_OID && coll != POSIX_COLLATION_OID)
        RDB_RETURN_NULL();
    RDB_RETURN_BOOL(list_member_oid(SearchPathGetNamespaces(), PG_CATALOG_NAMESPACE));
}

/*
 * pg_ts_config_is_visible(oid), pg_conversion_is_visible(oid) -> bool:
 * NULL, as PostgreSQL answers for an OID that names no such object: there
 * are no text search configurations or conversions (pg_ts_config and
 * pg_conversion are empty).
 */
Datum
pg_ts_config_is_visible(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_NULL();
}

Datum
pg_conversion_is_visible(RDB_FUNCTION_ARGS)
{
    (void) fcinfo;
    RDB_RETURN_NULL();
}

/* ---------------------------------------------------------------- comments */

/* The comment of (objoid, classoid, objsubid) in pg_description, or NULL. */
static char *
lookup_description(Oid objoid, Oid classoid, int32 objsubid)
{
    Relation    rel = table_open(DescriptionRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_description row;
    char       *result = NULL;

    while (CatalogGetNext(scan, &row, NULL))
    {
        if (row.objoid == objoid && row.classoid == classoid && row.objsubid == objsubid)
        {
            result = row.description;
            break;
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    return result;
}

/* obj_description(oid, catalog name) -> text: the object's comment, or NULL. */
Datum
obj_description(RDB_FUNCTION_ARGS)
{
    Oid         objoid = RDB_GETARG_OID(0);
    const char *catname = NameStr(*(NameData *) RDB_GETARG_POINTER(1));
    Oid         classoid = RelnameGetRelidInNamespace(PG_CATALOG_NAMESPACE, catname);
    char       *desc;

    if (!OidIsValid(classoid))
        RDB_RETURN_NULL();
    desc = lookup_description(objoid, classoid, 0);
    if (desc == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(desc));
}

/* col_description(table oid, column number) -> text: the column's comment, or NULL. */
Datum
col_description(RDB_FUNCTION_ARGS)
{
    char       *desc = lookup_description(RDB_GETARG_OID(0), RelationRelationId, RDB_GETARG_INT32(1));

    if (desc == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(desc));
}
