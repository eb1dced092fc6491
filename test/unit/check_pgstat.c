/*
 * check_pgstat.c
 *     Unit tests for activity statistics (pgstat.h): statement
 *     normalisation, query id stability, counter merging with commit/abort
 *     semantics, the publication interval, maintenance reports, statement
 *     timing (Welford), and the stats file surviving a "crash" (new shared
 *     memory, same directory).
 */
#include "rustydb.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "miscadmin.h"
#include "pgstat.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "../../src/backend/utils/activity/pgstat_int.h"

static char tmpdir[64];

static void
setup(void)
{
    strcpy(tmpdir, "/tmp/rdb_pgstat_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    StorageInitForTests(tmpdir, 64);
    LogMinMessages = PANIC;
    MyDatabaseId = 5;
    MyRoleId = 10;
    pgstat_initialize();
}

static void
setup_memory(void)
{
    if (TopMemoryContext == NULL)
        MemoryContextInit();
}

static void
teardown(void)
{
    char        cmd[128];

    StorageShutdownForTests();
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* ---------- normalisation and query ids (no shared memory needed) ---------- */

START_TEST(constants_become_numbered_parameters)
{
    ck_assert_str_eq(PgStatNormalizeQuery("SELECT * FROM t WHERE a = 1 AND b = 'x''y'"),
                     "SELECT * FROM t WHERE a = $1 AND b = $2");
    ck_assert_str_eq(PgStatNormalizeQuery("select 1.5e3, -2, E'a\\'b', X'ff', $$dollar$$"),
                     "select $1, -$2, $3, $4, $5");
    /* numbering continues after parameters already in the text */
    ck_assert_str_eq(PgStatNormalizeQuery("SELECT $1 + 7"), "SELECT $1 + $2");
    /* identifiers with digits and quoted identifiers are kept */
    ck_assert_str_eq(PgStatNormalizeQuery("SELECT t1.c2 FROM \"T 3\" t1"), "SELECT t1.c2 FROM \"T 3\" t1");
}
END_TEST

START_TEST(comments_whitespace_and_semicolon_are_dropped)
{
    ck_assert_str_eq(PgStatNormalizeQuery("  SELECT   a -- note\n FROM /* c /* nested */ */ t ;  "),
                     "SELECT a FROM t");
}
END_TEST

START_TEST(query_id_ignores_constants_case_and_spacing)
{
    uint64      a = PgStatQueryId("SELECT * FROM t WHERE a = 1");
    uint64      b = PgStatQueryId("select *  from T where a=42;");

    ck_assert_uint_eq(a, b);
    ck_assert_uint_ne(a, PgStatQueryId("SELECT * FROM t WHERE b = 1"));
    ck_assert_uint_ne(a, PgStatQueryId("SELECT * FROM \"T\" WHERE a = 1"));
    ck_assert_uint_ne(a, 0);
}
END_TEST

START_TEST(query_id_is_stable_across_builds)
{
    /*
     * FNV-1a 64 over the token stream: fixed values.  If this fails, every
     * stored query id changes meaning: bump the stats file version.
     */
    ck_assert_uint_eq(PgStatQueryId("SELECT 1"), UINT64_C(0x2f72fe6b37a61f1c));
    ck_assert_uint_eq(PgStatQueryId("select 2"), UINT64_C(0x2f72fe6b37a61f1c));
    ck_assert_uint_eq(PgStatQueryId("SELECT * FROM t WHERE a = 1"), UINT64_C(0x65f814683dfc7265));
}
END_TEST

START_TEST(query_id_fast_path_matches_normalizer)
{
    /* pgstat_query_id() (every statement) must give normalize's id (new entries) */
    static const char *const corpus[] = {
        "SELECT 1", "SELECT 1;", "SELECT 1 ; ;; -- c\n", ";", ";;  ", "", "   ",
        "SELECT a; SELECT b", "SELECT a; SELECT b;", "SELECT ';' ;", "select $1, $2 + 3",
        "SELECT E'a\\'b', X'ff', B'01', N'x', U&'d' FROM t", "SELECT $q$ ; $q$ ;",
        "SELECT \"MiXeD\" FROM \"T\" WHERE x = 1.5e-3 /* ; */", "select 'unterminated",
        "SELECT /* unterminated comment", "SELECT caf\xc3\xa9 FROM t\tWHERE\va\f=\r1",
        "SELECT abalance FROM pgbench_accounts WHERE aid = 12345;",
        "UPDATE t SET a = a + 1 WHERE id IN (1, 2, 3) ; ",
        "SELECT a&b, u&x, e'x', ee'y', a'z', x'1F' FROM \"t\"\"q\"\n\n;\n",
        "select\r\n\tcol$1, _x, 9a, .5, 1.e3, 1..2 from t;;",
    };

    for (size_t i = 0; i < lengthof(corpus); i++)
    {
        char        out[256];
        size_t      len = strlen(corpus[i]);

        ck_assert_msg(pgstat_query_id(corpus[i], len) == pgstat_normalize(corpus[i], len, out, sizeof(out)),
                      "query id differs for <%s>", corpus[i]);
    }
    ck_assert_uint_ne(PgStatQueryId("SELECT a; SELECT b"), PgStatQueryId("SELECT a SELECT b"));
}
END_TEST

/* ---------- counters ---------- */

START_TEST(commit_merges_counts_into_shared_entry)
{
    PgStat_TableEntry e;

    pgstat_count_seq_scan(20000);
    pgstat_count_seq_tuples(20000, 100);
    pgstat_count_heap_insert(20000, 10);
    pgstat_count_heap_update(20000, false);
    pgstat_count_heap_delete(20000);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatGetTableEntry(5, 20000, &e));
    ck_assert_int_eq(e.seq_scan, 1);
    ck_assert_int_eq(e.seq_tup_read, 100);
    ck_assert_int_eq(e.n_tup_ins, 10);
    ck_assert_int_eq(e.n_live_tup, 9);
    ck_assert_int_eq(e.n_dead_tup, 2);
    ck_assert_int_eq(e.n_mod_since_analyze, 12);
    /* a second transaction adds to it */
    pgstat_count_seq_scan(20000);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatGetTableEntry(5, 20000, &e));
    ck_assert_int_eq(e.seq_scan, 2);
}
END_TEST

/*
 * Client backends publish on an interval: the first transaction at once,
 * later ones within PGSTAT_FLUSH_INTERVAL_MS stay pending until an idle
 * publication once the interval has passed (pgstat_idle_flush() says when).
 */
START_TEST(interval_flush_defers_then_publishes)
{
    PgStat_TableEntry e;
    TimestampTz first;
    int         ms;

    pgstat_enable_interval_flush();
    pgstat_count_seq_scan(20010);
    first = GetCurrentTimestamp();
    SetCurrentStatementStartTimestamp(first);
    pgstat_report_xact_end(true);
    ck_assert(PgStatGetTableEntry(5, 20010, &e));
    ck_assert_int_eq(e.seq_scan, 1);
    ck_assert_int_eq(pgstat_idle_flush(), 0);   /* nothing pending */

    pgstat_count_seq_scan(20010);
    SetCurrentStatementStartTimestamp(GetCurrentTimestamp());
    pgstat_report_xact_end(true);
    ms = pgstat_idle_flush();
    ck_assert(PgStatGetTableEntry(5, 20010, &e));
    /* unless this process was descheduled for the whole interval */
    if (GetCurrentTimestamp() - first < (TimestampTz) PGSTAT_FLUSH_INTERVAL_MS * 1000 - 50000)
    {
        ck_assert_int_eq(e.seq_scan, 1);
        ck_assert_int_gt(ms, 0);
        ck_assert_int_le(ms, PGSTAT_FLUSH_INTERVAL_MS);
        usleep((useconds_t) ms * 1000 + 2000);
        ck_assert_int_eq(pgstat_idle_flush(), 0);
        ck_assert(PgStatGetTableEntry(5, 20010, &e));
    }
    ck_assert_int_eq(e.seq_scan, 2);

    /* the readers' flush publishes at once whatever the interval */
    pgstat_count_seq_scan(20010);
    SetCurrentStatementStartTimestamp(GetCurrentTimestamp());
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatGetTableEntry(5, 20010, &e));
    ck_assert_int_eq(e.seq_scan, 3);
}
END_TEST

START_TEST(abort_turns_inserts_into_dead_rows)
{
    PgStat_TableEntry e;

    pgstat_count_heap_insert(20001, 5);
    pgstat_report_xact_end(false);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatGetTableEntry(5, 20001, &e));
    ck_assert_int_eq(e.n_tup_ins, 5);
    ck_assert_int_eq(e.n_live_tup, 0);
    ck_assert_int_eq(e.n_dead_tup, 5);
    ck_assert_int_eq(e.n_mod_since_analyze, 0);
    ck_assert(!PgStatGetTableEntry(5, 29999, &e));
}
END_TEST

START_TEST(vacuum_and_analyze_reports_reset_counters)
{
    PgStat_TableEntry e;

    pgstat_count_heap_insert(20002, 50);
    pgstat_report_xact_end(true);
    pgstat_report_analyze(20002, false, 50, 0);
    ck_assert(PgStatGetTableEntry(5, 20002, &e));
    ck_assert_int_eq(e.n_mod_since_analyze, 0);
    ck_assert_int_eq(e.analyze_count, 1);
    ck_assert(e.last_analyze != 0);
    pgstat_report_vacuum(20002, true, 48, 0, 2, 7);
    ck_assert(PgStatGetTableEntry(5, 20002, &e));
    ck_assert_int_eq(e.n_live_tup, 48);
    ck_assert_int_eq(e.autovacuum_count, 1);
    ck_assert_int_eq(e.last_vacuum_removed, 2);
    ck_assert_int_eq(e.last_vacuum_duration_ms, 7);
    ck_assert(e.last_autovacuum != 0 && e.last_vacuum == 0);
}
END_TEST

START_TEST(statement_times_merge_with_welford)
{
    PgStat_StatementCall c = {"SELECT 42", 0, 1.0, 1, 0, 0};
    PgStat_StatementEntry *s;
    int         n;
    bool        found = false;

    LogMinDurationStatementMs = -1;
    pgstat_report_statement(&c);
    c.duration_ms = 3.0;
    c.source_text = "select 7";
    pgstat_report_statement(&c);
    (void) pgstat_flush(true);
    s = PgStatSnapshotStatements(&n);
    for (int i = 0; i < n; i++)
    {
        if (strcmp(s[i].query, "SELECT $1") != 0)
            continue;
        found = true;
        ck_assert_int_eq(s[i].calls, 2);
        ck_assert(fabs(s[i].mean_time_ms - 2.0) < 1e-9);
        ck_assert(fabs(sqrt(s[i].sum_var_time / 2.0) - 1.0) < 1e-9);
        ck_assert(s[i].min_time_ms == 1.0 && s[i].max_time_ms == 3.0);
        ck_assert_int_eq(s[i].rows, 2);
    }
    ck_assert(found);
}
END_TEST

/* a known entry needs no text; after a reset (any backend) the text is built again */
static int64
calls_of(const char *text)
{
    PgStat_StatementEntry *s;
    int         n;
    int64       calls = -1;

    s = PgStatSnapshotStatements(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].query, text) == 0)
            calls = s[i].calls;
    return calls;
}

START_TEST(statement_text_after_reset)
{
    PgStat_StatementCall c = {"SELECT 42 FROM t", 0, 1.0, 1, 0, 0};

    LogMinDurationStatementMs = -1;
    pgstat_report_statement(&c);
    ck_assert(pgstat_flush(true));
    ck_assert_int_eq(calls_of("SELECT $1 FROM t"), 1);
    c.source_text = "SELECT 43 FROM t";
    pgstat_report_statement(&c);
    ck_assert(pgstat_flush(true));
    ck_assert_int_eq(calls_of("SELECT $1 FROM t"), 2);
    PgStatResetStatements();
    ck_assert_int_eq(calls_of("SELECT $1 FROM t"), -1);
    pgstat_report_statement(&c);
    ck_assert(pgstat_flush(true));
    ck_assert_int_eq(calls_of("SELECT $1 FROM t"), 1);
    /* another role (SET ROLE): its own entry, with the text */
    {
        Oid         save = MyRoleId;
        PgStat_StatementEntry *s;
        int         n;
        int         entries = 0;

        MyRoleId = save + 1;
        pgstat_report_statement(&c);
        ck_assert(pgstat_flush(true));
        MyRoleId = save;
        s = PgStatSnapshotStatements(&n);
        for (int i = 0; i < n; i++)
            if (strcmp(s[i].query, "SELECT $1 FROM t") == 0)
                entries++;
        ck_assert_int_eq(entries, 2);
    }
}
END_TEST

/* a DROP removes the entries; a delta another backend still holds does not bring them back */
START_TEST(dropped_relation_stays_dropped)
{
    PgStat_TableEntry e;
    PgStat_IndexEntry ie;

    pgstat_count_seq_scan(20010);
    pgstat_count_index_scan(20011, 20010);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatGetTableEntry(5, 20010, &e));
    ck_assert(PgStatGetIndexEntry(5, 20011, &ie));
    /* pending here when "another backend" drops the table and its index */
    pgstat_count_seq_scan(20010);
    pgstat_count_index_scan(20011, 20010);
    pgstat_report_xact_end(true);
    pgstat_drop_relation(5, 20010);
    pgstat_drop_relation(5, 20011);
    ck_assert(!PgStatGetTableEntry(5, 20010, &e));
    ck_assert(!PgStatGetIndexEntry(5, 20011, &ie));
    ck_assert(pgstat_flush(true));
    ck_assert(!PgStatGetTableEntry(5, 20010, &e));
    ck_assert(!PgStatGetIndexEntry(5, 20011, &ie));
    /* our own DROP: the pending delta goes at commit, not at abort */
    pgstat_count_seq_scan(20020);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    pgstat_drop_relation_at_commit(20020);
    pgstat_report_xact_end(false);
    ck_assert(PgStatGetTableEntry(5, 20020, &e));
    pgstat_count_seq_scan(20020);
    pgstat_drop_relation_at_commit(20020);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(!PgStatGetTableEntry(5, 20020, &e));
}
END_TEST

START_TEST(stats_file_survives_new_shared_memory)
{
    PgStat_TableEntry e;

    pgstat_count_seq_scan(20003);
    pgstat_report_xact_end(true);
    ck_assert(pgstat_flush(true));
    ck_assert(PgStatWriteFile());
    /* "crash": drop the segment, build a new one on the same directory */
    ProcSlotRelease();
    SharedMemoryDestroy();
    StorageInitForTests(tmpdir, 64);
    ck_assert(!PgStatGetTableEntry(5, 20003, &e));
    ck_assert(PgStatReadFile());
    ck_assert(PgStatGetTableEntry(5, 20003, &e));
    ck_assert_int_eq(e.seq_scan, 1);
}
END_TEST

int
main(void)
{
    Suite      *s = suite_create("pgstat");
    TCase      *pure = tcase_create("normalize");
    TCase      *tc = tcase_create("counters");
    SRunner    *sr;
    int         failed;

    tcase_add_checked_fixture(pure, setup_memory, NULL);
    tcase_add_test(pure, constants_become_numbered_parameters);
    tcase_add_test(pure, comments_whitespace_and_semicolon_are_dropped);
    tcase_add_test(pure, query_id_ignores_constants_case_and_spacing);
    tcase_add_test(pure, query_id_is_stable_across_builds);
    tcase_add_test(pure, query_id_fast_path_matches_normalizer);
    suite_add_tcase(s, pure);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, commit_merges_counts_into_shared_entry);
    tcase_add_test(tc, interval_flush_defers_then_publishes);
    tcase_add_test(tc, abort_turns_inserts_into_dead_rows);
    tcase_add_test(tc, vacuum_and_analyze_reports_reset_counters);
    tcase_add_test(tc, statement_times_merge_with_welford);
    tcase_add_test(tc, statement_text_after_reset);
    tcase_add_test(tc, dropped_relation_stays_dropped);
    tcase_add_test(tc, stats_file_survives_new_shared_memory);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
