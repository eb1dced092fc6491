/*
 * dropcmds.c
 *     DROP TABLE / VIEW / SCHEMA (and dispatch of DROP DATABASE / ROLE),
 *     and TRUNCATE.
 * Entry points: ExecDropStmt(), ExecTruncateStmt(), DropSchemaByName().
 * No dependency tracking yet (no pg_depend): DROP SCHEMA knows its
 * members through pg_class.relnamespace; views over a dropped table are
 * not noticed (README "known gaps").
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/heap.h"
#include "catalog/namespace.h"
#include "commands/dbcommands.h"
#include "commands/tablecmds.h"
#include "commands/user.h"
#include "commands_int.h"
#include "partitioning/partition.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static const char *
relkind_word(char relkind)
{
    switch (relkind)
    {
        case RELKIND_VIEW:
            return "view";
        case RELKIND_INDEX:
            return "index";
        case RELKIND_SEQUENCE:
            return "sequence";
        default:
            return "table";
    }
}

static char
objtype_relkind(ObjectType type)
{
    switch (type)
    {
        case OBJECT_VIEW:
            return RELKIND_VIEW;
        case OBJECT_INDEX:
            return RELKIND_INDEX;
        case OBJECT_SEQUENCE:
            return RELKIND_SEQUENCE;
        default:
            return RELKIND_RELATION;
    }
}

/* "a.b.c" from a name List for messages. */
static char *
name_list_string(List *names)
{
    char       *out = NULL;
    ListCell   *lc;

    foreach(lc, names)
        out = out ? psprintf("%s.%s", out, strVal(lfirst(lc))) : pstrdup(strVal(lfirst(lc)));
    return out ? out : pstrdup("");
}

/* Drop relid; a partitioned table's partitions go first (as PostgreSQL, without CASCADE). */
static void
drop_with_partitions(Oid relid)
{
    FormData_pg_class row;
    ListCell   *lc;

    if (!RelationClassRowById(relid, &row))
        return;                 /* a partition named in the same DROP, gone already */
    if (row.relkind == RELKIND_PARTITIONED_TABLE)
    {
        foreach(lc, PartitionGetChildren(relid))
        {
            Relation    part = table_open(lfirst_oid(lc), AccessExclusiveLock);

            table_close(part, NoLock);
            drop_with_partitions(lfirst_oid(lc));
        }
        CommandCounterIncrement();
    }
    RelationDrop(relid);
    CommandCounterIncrement();
}

static void
drop_relations(DropStmt *stmt)
{
    char        want = objtype_relkind(stmt->removeType);
    const char *word = relkind_word(want);
    List       *relids = NIL;
    ListCell   *lc;

    /* Resolve every name first: a missing one must not leave the others dropped. */
    foreach(lc, stmt->objects)
    {
        List       *names = lfirst(lc);
        const char *relname = strVal(llast(names));
        const char *schemaname = list_length(names) >= 2 ?
            strVal(list_nth(names, list_length(names) - 2)) : NULL;
        Oid         relid = InvalidOid;
        FormData_pg_class row;

        if (schemaname != NULL)
        {
            Oid         nspid = LookupNamespace(schemaname, stmt->missing_ok);

            if (OidIsValid(nspid))
                relid = RelnameGetRelidInNamespace(nspid, relname);
        }
        else
            relid = RelnameGetRelid(NULL, relname);
        if (!OidIsValid(relid))
        {
            if (stmt->missing_ok)
            {
                ereport(NOTICE, errmsg("%s \"%s\" does not exist, skipping", word,
                                       name_list_string(names)));
                continue;
            }
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                    errmsg("%s \"%s\" does not exist", word, name_list_string(names)));
        }
        if (!RelationClassRowById(relid, &row))
            elog(ERROR, "cache lookup failed for relation %u", relid);
        if (row.relkind != want && !(want == RELKIND_RELATION &&
                                     row.relkind == RELKIND_PARTITIONED_TABLE))
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("\"%s\" is not a %s", relname, word),
                    errhint("Use DROP %s to remove a %s.",
                            row.relkind == RELKIND_VIEW ? "VIEW" :
                            row.relkind == RELKIND_INDEX ? "INDEX" :
                            row.relkind == RELKIND_SEQUENCE ? "SEQUENCE" : "TABLE",
                            relkind_word(row.relkind)));
        CheckNotSystemRelation(relid, row.relnamespace, relname);
        CheckOwnership(row.relowner, word, relname);
        if (!list_member_oid(relids, relid))
            relids = lappend_oid(relids, relid);
    }
    foreach(lc, relids)
    {
        FormData_pg_class row;
        Relation    rel;

        if (!RelationClassRowById(lfirst_oid(lc), &row))
            continue;           /* a partition of a table dropped before it */
        rel = table_open(lfirst_oid(lc), AccessExclusiveLock);
        table_close(rel, NoLock);
        drop_with_partitions(lfirst_oid(lc));
    }
    CommandCounterIncrement();
}

typedef struct SchemaMember
{
    Oid         oid;
    char       *name;
} SchemaMember;

static int
cmp_member(const void *a, const void *b)
{
    Oid         x = ((const SchemaMember *) a)->oid;
    Oid         y = ((const SchemaMember *) b)->oid;

    return x < y ? -1 : x > y;
}

/*
 * Dependents in creation (OID) order, as PostgreSQL lists them, not in
 * pg_class's physical order (which an update of a row may change).
 */
static void
sort_members_by_oid(List **members, List **names)
{
    int         n = list_length(*members);
    SchemaMember *arr;
    ListCell   *lc;
    ListCell   *nc;
    int         i = 0;

    if (n < 2)
        return;
    arr = palloc(sizeof(SchemaMember) * n);
    forboth(lc, *members, nc, *names)
    {
        arr[i].oid = lfirst_oid(lc);
        arr[i].name = lfirst(nc);
        i++;
    }
    qsort(arr, n, sizeof(SchemaMember), cmp_member);
    *members = NIL;
    *names = NIL;
    for (i = 0; i < n; i++)
    {
        *members = lappend_oid(*members, arr[i].oid);
        *names = lappend(*names, arr[i].name);
    }
}

void
DropSchemaByName(const char *nspname, bool missing_ok, bool cascade)
{
    Oid         nspid = LookupNamespace(nspname, true);
    FormData_pg_namespace nsp;
    Relation    rel;
    CatalogScan scan;
    ItemPointerData tid;
    List       *members = NIL;
    List       *member_names = NIL;
    FormData_pg_class classrow;
    ListCell   *lc;

    if (!OidIsValid(nspid))
    {
        if (missing_ok)
        {
            ereport(NOTICE, errmsg("schema \"%s\" does not exist, skipping", nspname));
            return;
        }
        ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                errmsg("schema \"%s\" does not exist", nspname));
    }
    if (IsSystemNamespace(nspid) || nspid == PG_PUBLIC_NAMESPACE)
    {
        if (nspid != PG_PUBLIC_NAMESPACE || !RoleIsSuperuser(MyRoleId))
            ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                    errmsg("cannot drop schema %s because it is required by the database system",
                           nspname));
    }

    rel = table_open(RelationRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &classrow, NULL))
    {
        /* indexes go with their tables (and are not listed, as in PostgreSQL) */
        if (classrow.relnamespace == nspid && classrow.relkind != RELKIND_INDEX)
        {
            members = lappend_oid(members, classrow.oid);
            member_names = lappend(member_names,
                                   psprintf("%s %s.%s", relkind_word(classrow.relkind), nspname,
                                            NameStr(classrow.relname)));
        }
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    sort_members_by_oid(&members, &member_names);

    if (members != NIL && !cascade)
    {
        char       *detail = NULL;

        foreach(lc, member_names)
            detail = detail ? psprintf("%s\n%s depends on schema %s", detail, (char *) lfirst(lc),
                                       nspname) :
                psprintf("%s depends on schema %s", (char *) lfirst(lc), nspname);
        ereport(ERROR, errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
                errmsg("cannot drop schema %s because other objects depend on it", nspname),
                errdetail("%s", detail),
                errhint("Use DROP ... CASCADE to drop the dependent objects too."));
    }
    if (list_length(members) == 1)
        ereport(NOTICE, errmsg("drop cascades to %s", (char *) linitial(member_names)));
    else if (members != NIL)
    {
        char       *detail = NULL;

        foreach(lc, member_names)
            detail = detail ? psprintf("%s\ndrop cascades to %s", detail, (char *) lfirst(lc)) :
                psprintf("drop cascades to %s", (char *) lfirst(lc));
        ereport(NOTICE, errmsg("drop cascades to %d other objects", list_length(members)),
                errdetail("%s", detail));
    }
    foreach(lc, members)
    {
        RelationDrop(lfirst_oid(lc));
        CommandCounterIncrement();  /* the next drop sees this one's catalog changes */
    }

    rel = table_open(NamespaceRelationId, RowExclusiveLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &nsp, &tid))
    {
        if (nsp.oid == nspid)
        {
            CheckOwnership(nsp.nspowner, "schema", nspname);
            CatalogDeleteRow(rel, &tid);
        }
    }
    CatalogEndScan(scan);
    table_close(rel, RowExclusiveLock);
    DeleteCatalogRows(DescriptionRelationId, offsetof(FormData_pg_description, objoid), nspid);
    CacheInvalidateCatalog();
    CommandCounterIncrement();
}

void
ExecDropStmt(DropStmt *stmt)
{
    ListCell   *lc;

    switch (stmt->removeType)
    {
        case OBJECT_TABLE:
        case OBJECT_VIEW:
            drop_relations(stmt);
            break;
        case OBJECT_SCHEMA:
            /* Resolve all first (PostgreSQL reports the first missing one before dropping). */
            foreach(lc, stmt->objects)
            {
                const char *name = strVal(llast((List *) lfirst(lc)));

                if (!stmt->missing_ok && !OidIsValid(LookupNamespace(name, true)))
                    ereport(ERROR, errcode(ERRCODE_INVALID_SCHEMA_NAME),
                            errmsg("schema \"%s\" does not exist", name));
            }
            foreach(lc, stmt->objects)
                DropSchemaByName(strVal(llast((List *) lfirst(lc))), stmt->missing_ok,
                                 stmt->behavior == DROP_CASCADE);
            break;
        case OBJECT_DATABASE:
            ExecDropdbStmt(stmt);
            break;
        case OBJECT_ROLE:
            ExecDropRoleStmt(stmt);
            break;
        default:
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("DROP of this object type is not supported yet"));
    }
}

void
ExecTruncateStmt(TruncateStmt *stmt)
{
    List       *rels = NIL;
    ListCell   *lc;

    foreach(lc, stmt->relations)
    {
        RangeVar   *rv = lfirst(lc);
        Relation    rel = table_openrv(rv, AccessExclusiveLock);

        if (rel->rd_relkind == RELKIND_PARTITIONED_TABLE)
        {
            /* TRUNCATE of a partitioned table empties its partitions */
            ListCell   *pc;

            CheckOwnership(RelationGetOwner(rel), "table", RelationGetRelationName(rel));
            foreach(pc, PartitionGetChildren(RelationGetRelid(rel)))
            {
                Relation    part = table_open(lfirst_oid(pc), AccessExclusiveLock);

                if (!list_member_ptr(rels, part))
                    rels = lappend(rels, part);
                else
                    table_close(part, NoLock);
            }
            table_close(rel, NoLock);
            continue;
        }
        if (rel->rd_relkind != RELKIND_RELATION)
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("\"%s\" is not a table", RelationGetRelationName(rel)));
        CheckNotSystemRelation(RelationGetRelid(rel), RelationGetNamespace(rel),
                               RelationGetRelationName(rel));
        CheckOwnership(RelationGetOwner(rel), "table", RelationGetRelationName(rel));
        if (stmt->restart_seqs)
            ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("TRUNCATE ... RESTART IDENTITY is not supported yet"));
        if (!list_member_ptr(rels, rel))
            rels = lappend(rels, rel);
        else
            table_close(rel, NoLock);
    }
    foreach(lc, rels)
    {
        Relation    rel = lfirst(lc);

        RelationSetNewRelfilenode(rel);
        table_close(rel, NoLock);
    }
    CommandCounterIncrement();
}
