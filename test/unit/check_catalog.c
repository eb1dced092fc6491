/*
 * check_catalog.c
 *     Unit tests for the catalog module: bootstrap into a temporary
 *     directory in-process, name lookups, CREATE/DROP TABLE through the
 *     commands API with hand-built statements, relcache invalidation.
 * Linked with the server objects (make check-unit).
 */
#include "rustydb.h"

#include <check.h>
#include <stdlib.h>
#include <unistd.h>

#include "access/xact.h"
#include "catalog/bootstrap.h"
#include "catalog/catalog.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/tablecmds.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "storage/ipc.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

static char tmpdir[] = "/tmp/check_catalog_XXXXXX";

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    StorageInitForTests(tmpdir, 256);
    BootstrapCreateInstance("tester");
    /* Continue as a session on template1 (bootstrap left MyDatabaseId there). */
}

static void
teardown(void)
{
    char        cmd[256];

    StorageShutdownForTests();
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(tmpdir, "/tmp/check_catalog_XXXXXX");
}

static CreateStmt *
make_create(const char *relname, const char *colname, const char *typname)
{
    CreateStmt *stmt = makeNode(CreateStmt);
    ColumnDef  *col = makeNode(ColumnDef);
    TypeName   *tn = makeNode(TypeName);

    stmt->relation = makeNode(RangeVar);
    stmt->relation->relname = pstrdup(relname);
    stmt->relation->relpersistence = RELPERSISTENCE_PERMANENT;
    stmt->relation->location = -1;
    tn->names = list_make1(makeString(pstrdup(typname)));
    tn->typemod = -1;
    tn->location = -1;
    col->colname = pstrdup(colname);
    col->typeName = tn;
    col->location = -1;
    stmt->tableElts = list_make1(col);
    return stmt;
}

START_TEST(bootstrap_rows_are_found_by_name)
{
    StartTransactionCommand();
    ck_assert_uint_eq(LookupNamespace("pg_catalog", false), PG_CATALOG_NAMESPACE);
    ck_assert_uint_eq(LookupNamespace("public", false), PG_PUBLIC_NAMESPACE);
    ck_assert_uint_eq(LookupNamespace("nosuch", true), InvalidOid);
    ck_assert_uint_eq(DatabaseOidByName("template1"), Template1DbOid);
    ck_assert_uint_eq(DatabaseOidByName("rustydb"), RustydbDbOid);
    ck_assert_uint_eq(DatabaseOidByName("postgres"), PostgresDbOid);
    ck_assert_uint_eq(RoleOidByName("tester"), BOOTSTRAP_SUPERUSERID);
    ck_assert(RoleIsSuperuser(BOOTSTRAP_SUPERUSERID));
    ck_assert_str_eq(RoleNameById(BOOTSTRAP_SUPERUSERID), "tester");
    ck_assert_uint_eq(RelnameGetRelid(NULL, "pg_class"), RelationRelationId);
    ck_assert_uint_eq(RelnameGetRelid("pg_catalog", "pg_attribute"), AttributeRelationId);
    ck_assert_str_eq(RelationNameById(NamespaceRelationId), "pg_namespace");
    CommitTransactionCommand();
}
END_TEST

START_TEST(create_and_drop_table)
{
    Relation    rel;
    Oid         relid;
    DropStmt   *drop;

    StartTransactionCommand();
    ExecCreateTableStmt(make_create("t1", "a", "int4"), "CREATE TABLE t1 (a int)");
    CommitTransactionCommand();

    StartTransactionCommand();
    relid = RelnameGetRelid(NULL, "t1");
    ck_assert(relid >= FirstNormalObjectId);
    ck_assert(RelationIsVisible(relid));
    rel = table_open(relid, AccessShareLock);
    ck_assert_int_eq(RelationGetDescr(rel)->natts, 1);
    ck_assert_uint_eq(TupleDescAttr(RelationGetDescr(rel), 0)->atttypid, INT4OID);
    table_close(rel, AccessShareLock);
    CommitTransactionCommand();

    StartTransactionCommand();
    drop = makeNode(DropStmt);
    drop->removeType = OBJECT_TABLE;
    drop->objects = list_make1(list_make1(makeString("t1")));
    ExecDropStmt(drop);
    CommitTransactionCommand();

    StartTransactionCommand();
    ck_assert_uint_eq(RelnameGetRelid(NULL, "t1"), InvalidOid);
    ck_assert_ptr_null(RelationIdGetRelation(relid));
    CommitTransactionCommand();
}
END_TEST

START_TEST(aborted_create_leaves_nothing)
{
    StartTransactionCommand();
    ExecCreateTableStmt(make_create("t2", "a", "text"), "CREATE TABLE t2 (a text)");
    ck_assert_uint_ne(RelnameGetRelid(NULL, "t2"), InvalidOid);
    AbortCurrentTransaction();

    StartTransactionCommand();
    ck_assert_uint_eq(RelnameGetRelid(NULL, "t2"), InvalidOid);
    CommitTransactionCommand();
}
END_TEST

START_TEST(commit_of_ddl_bumps_catalog_version)
{
    uint64      before = CatalogVersionGet();

    StartTransactionCommand();
    ExecCreateTableStmt(make_create("t3", "a", "int8"), "CREATE TABLE t3 (a int8)");
    ck_assert_uint_eq(CatalogVersionGet(), before);
    CommitTransactionCommand();
    ck_assert_uint_gt(CatalogVersionGet(), before);

    /* A read-only transaction does not bump it. */
    before = CatalogVersionGet();
    StartTransactionCommand();
    AcceptInvalidationMessages();
    (void) RelnameGetRelid(NULL, "t3");
    CommitTransactionCommand();
    ck_assert_uint_eq(CatalogVersionGet(), before);
}
END_TEST

START_TEST(unknown_type_is_an_error)
{
    volatile bool failed = false;

    StartTransactionCommand();
    RDB_TRY();
    {
        ExecCreateTableStmt(make_create("t4", "a", "nosuchtype"), "CREATE TABLE t4 (a nosuchtype)");
    }
    RDB_CATCH();
    {
        ErrorData  *edata = CopyErrorData();

        FlushErrorState();
        ck_assert_str_eq(edata->message, "type \"nosuchtype\" does not exist");
        failed = true;
    }
    RDB_END_TRY();
    AbortCurrentTransaction();
    ck_assert(failed);
}
END_TEST

static Suite *
catalog_suite(void)
{
    Suite      *s = suite_create("catalog");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, bootstrap_rows_are_found_by_name);
    tcase_add_test(tc, create_and_drop_table);
    tcase_add_test(tc, aborted_create_leaves_nothing);
    tcase_add_test(tc, commit_of_ddl_bumps_catalog_version);
    tcase_add_test(tc, unknown_type_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(catalog_suite());
    int         failed;

    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
