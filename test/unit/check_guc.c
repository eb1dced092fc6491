/*
 * check_guc.c
 *     Unit tests for the configuration settings (utils/guc.h): value
 *     parsing with units, ranges and enums, the SHOW format, SET / SET
 *     LOCAL / transaction end, the configuration-file parser and reload,
 *     ALTER SYSTEM, and that conf/rustydb.conf.sample lists every setting.
 * Expected messages and SQLSTATEs are PostgreSQL 15's.
 */
#include "rustydb.h"

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "nodes/value.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

#include "check_support.h"

/* ---------- harness ---------- */

static char tmpdir[] = "/tmp/check_guc.XXXXXX";

static void
setup(void)
{
    MemoryContextInit();
    /* Keep the test output quiet: only real problems go to stderr. */
    LogMinMessages = ERROR;
    GucInitialize();
    LogMinMessages = ERROR;
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    DataDir = tmpdir;
}

static void
teardown(void)
{
    char        cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    strcpy(tmpdir, "/tmp/check_guc.XXXXXX");
}

static void
write_file(const char *name, const char *contents)
{
    char       *path = psprintf("%s/%s", tmpdir, name);
    FILE       *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(contents, f) >= 0, 1);
    ck_assert_int_eq(fclose(f), 0);
}

static char *
read_file(const char *name)
{
    char       *path = psprintf("%s/%s", tmpdir, name);
    FILE       *f = fopen(path, "r");
    char        buf[4096];
    size_t      n;

    if (f == NULL)
        return NULL;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return pstrdup(buf);
}

static bool
set(const char *name, const char *value)
{
    return GucSetOption(name, value, GUC_CTX_SUSET, GUC_SRC_SESSION, GUC_ACTION_SET, ERROR);
}

static bool
set_local(const char *name, const char *value)
{
    return GucSetOption(name, value, GUC_CTX_SUSET, GUC_SRC_SESSION, GUC_ACTION_LOCAL, ERROR);
}

static VariableSetStmt *
make_set(VariableSetKind kind, const char *name, const char *value)
{
    VariableSetStmt *s = makeNode(VariableSetStmt);

    s->kind = kind;
    s->name = name ? pstrdup(name) : NULL;
    if (value)
    {
        A_Const    *c = makeNode(A_Const);

        c->val = (Node *) makeString(pstrdup(value));
        s->args = list_make1(c);
    }
    return s;
}

static void
alter_system(VariableSetKind kind, const char *name, const char *value)
{
    AlterSystemStmt *a = makeNode(AlterSystemStmt);

    a->setstmt = make_set(kind, name, value);
    ExecAlterSystemStmt(a);
}

/* ---------- value parsing ---------- */

START_TEST(int_units_convert_to_base_unit)
{
    int         v;
    const char *hint;

    ck_assert(GucParseInt("8MB", GUC_UNIT_KB, &v, &hint));
    ck_assert_int_eq(v, 8192);
    ck_assert(GucParseInt("128MB", GUC_UNIT_BLOCKS, &v, &hint));
    ck_assert_int_eq(v, 16384);
    ck_assert(GucParseInt("1GB", GUC_UNIT_MB, &v, &hint));
    ck_assert_int_eq(v, 1024);
    ck_assert(GucParseInt("1.5GB", GUC_UNIT_KB, &v, &hint));
    ck_assert_int_eq(v, 1572864);
    ck_assert(GucParseInt("5min", GUC_UNIT_S, &v, &hint));
    ck_assert_int_eq(v, 300);
    ck_assert(GucParseInt("1 day", GUC_UNIT_S, &v, &hint));
    ck_assert_int_eq(v, 86400);
    ck_assert(GucParseInt("2 hours", GUC_UNIT_MIN, &v, &hint));
    ck_assert_int_eq(v, 120);
    ck_assert(GucParseInt(" 250 ms ", GUC_UNIT_MS, &v, &hint));
    ck_assert_int_eq(v, 250);
    ck_assert(GucParseInt("1s", GUC_UNIT_MS, &v, &hint));
    ck_assert_int_eq(v, 1000);
    ck_assert(GucParseInt("42", GUC_UNIT_S, &v, &hint));
    ck_assert_int_eq(v, 42);
    ck_assert(GucParseInt("-1", GUC_UNIT_MS, &v, &hint));
    ck_assert_int_eq(v, -1);
    ck_assert(GucParseInt("0x10", 0, &v, &hint));
    ck_assert_int_eq(v, 16);
}
END_TEST

START_TEST(int_junk_and_bad_units_are_rejected)
{
    int         v;
    const char *hint;

    ck_assert(!GucParseInt("", GUC_UNIT_KB, &v, &hint));
    ck_assert(!GucParseInt("abc", GUC_UNIT_KB, &v, &hint));
    ck_assert(!GucParseInt("10 mb", GUC_UNIT_KB, &v, &hint));  /* units are case-sensitive */
    ck_assert_str_eq(hint, "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
    ck_assert(!GucParseInt("10 parsecs", GUC_UNIT_S, &v, &hint));
    ck_assert_str_eq(hint, "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
    ck_assert(!GucParseInt("10MB", 0, &v, &hint));               /* unit-less setting */
    ck_assert(!GucParseInt("3000000000", 0, &v, &hint));
    ck_assert(!GucParseInt("5 min extra", GUC_UNIT_S, &v, &hint));
}
END_TEST

START_TEST(real_and_bool_parse)
{
    double      d;
    bool        b;
    const char *hint;

    ck_assert(GucParseReal("0.9", 0, &d, &hint));
    ck_assert(d == 0.9);
    ck_assert(GucParseReal("2ms", GUC_UNIT_MS, &d, &hint));
    ck_assert(d == 2.0);
    ck_assert(!GucParseReal("x", 0, &d, &hint));
    ck_assert(GucParseBool("on", &b) && b);
    ck_assert(GucParseBool("OFF", &b) && !b);
    ck_assert(GucParseBool("true", &b) && b);
    ck_assert(GucParseBool("t", &b) && b);
    ck_assert(GucParseBool("ye", &b) && b);
    ck_assert(GucParseBool("no", &b) && !b);
    ck_assert(GucParseBool("0", &b) && !b);
    ck_assert(GucParseBool("1", &b) && b);
    ck_assert(!GucParseBool("o", &b));           /* on or off? */
    ck_assert(!GucParseBool("maybe", &b));
}
END_TEST

START_TEST(show_format_uses_largest_exact_unit)
{
    char        buf[64];

    GucFormatUnits(16384, GUC_UNIT_BLOCKS, buf, sizeof(buf));
    ck_assert_str_eq(buf, "128MB");
    GucFormatUnits(4096, GUC_UNIT_KB, buf, sizeof(buf));
    ck_assert_str_eq(buf, "4MB");
    GucFormatUnits(300, GUC_UNIT_S, buf, sizeof(buf));
    ck_assert_str_eq(buf, "5min");
    GucFormatUnits(86400, GUC_UNIT_S, buf, sizeof(buf));
    ck_assert_str_eq(buf, "1d");
    GucFormatUnits(1500, GUC_UNIT_MS, buf, sizeof(buf));
    ck_assert_str_eq(buf, "1500ms");
    GucFormatUnits(17, GUC_UNIT_BLOCKS, buf, sizeof(buf));
    ck_assert_str_eq(buf, "136kB");
    GucFormatUnits(0, GUC_UNIT_MS, buf, sizeof(buf));
    ck_assert_str_eq(buf, "0");
    GucFormatUnits(-1, GUC_UNIT_MS, buf, sizeof(buf));
    ck_assert_str_eq(buf, "-1");
}
END_TEST

/* ---------- defaults and SET / SHOW ---------- */

START_TEST(defaults_match_postgresql)
{
    ck_assert_str_eq(GucGetOption("shared_buffers", false), "128MB");
    ck_assert_int_eq(SharedBuffers, 16384);
    ck_assert_str_eq(GucGetOption("work_mem", false), "4MB");
    ck_assert_str_eq(GucGetOption("port", false), "5432");
    ck_assert_str_eq(GucGetOption("DateStyle", false), "ISO, MDY");
    ck_assert_str_eq(GucGetOption("datestyle", false), "ISO, MDY");
    ck_assert_str_eq(GucGetOption("TimeZone", false), "UTC");
    ck_assert_str_eq(GucGetOption("server_version", false), RDB_PG_COMPAT_VERSION);
    ck_assert_str_eq(GucGetOption("server_version_num", false), "150000");
    ck_assert_str_eq(GucGetOption("log_min_duration_statement", false), "1s");
    ck_assert_str_eq(GucGetOption("statistics_gather_interval", false), "1d");
    ck_assert_str_eq(GucGetOption("auto_statistics_gather", false), "on");
    ck_assert_str_eq(GucGetOption("checkpoint_timeout", false), "5min");
    ck_assert_str_eq(GucGetOption("max_wal_size", false), "1GB");
    ck_assert_str_eq(GucGetOption("checkpoint_completion_target", false), "0.9");
    ck_assert_str_eq(GucGetOption("autovacuum_vacuum_cost_delay", false), "2ms");
    ck_assert_str_eq(GucGetOption("search_path", false), "\"$user\", public");
    ck_assert_str_eq(GucGetOption("transaction_isolation", false), "read committed");
    ck_assert_str_eq(GucGetOption("admin_api_port", false), "8080");
    ck_assert_str_eq(GucCanonicalName("timezone"), "TimeZone");
    ck_assert_ptr_null(GucGetOption("no_such_setting", true));
}
END_TEST

START_TEST(set_and_show)
{
    ck_assert(set("work_mem", "64MB"));
    ck_assert_int_eq(WorkMemKb, 65536);
    ck_assert_str_eq(GucGetOption("work_mem", false), "64MB");
    ck_assert(set("statement_timeout", "1.5s"));
    ck_assert_int_eq(StatementTimeoutMs, 1500);
    ck_assert(set("client_min_messages", "WARNING"));
    ck_assert_str_eq(GucGetOption("client_min_messages", false), "warning");
    ck_assert_int_eq(ClientMinMessages, WARNING);
    ck_assert(set("DateStyle", "german"));
    ck_assert_str_eq(GucGetOption("DateStyle", false), "German, DMY");
    ck_assert(set("datestyle", "iso, ymd"));
    ck_assert_str_eq(GucGetOption("DateStyle", false), "ISO, YMD");
    ck_assert_int_eq(DateStyleOrder, GUC_DATEORDER_YMD);
    ck_assert(set("application_name", "psql"));
    ck_assert_str_eq(ApplicationName, "psql");
    ck_assert(set("client_encoding", "utf-8"));
    ck_assert_str_eq(ClientEncoding, "UTF8");
    /* RESET goes back to the default. */
    ck_assert(GucSetOption("work_mem", NULL, GUC_CTX_USERSET, GUC_SRC_SESSION, GUC_ACTION_SET, ERROR));
    ck_assert_str_eq(GucGetOption("work_mem", false), "4MB");
}
END_TEST

START_TEST(set_errors_have_postgresql_sqlstates)
{
    EXPECT_ERROR(set("no_such_thing", "1"),
                 "42704 unrecognized configuration parameter \"no_such_thing\"");
    EXPECT_ERROR(set("work_mem", "lots"), "22023 invalid value for parameter \"work_mem\": \"lots\"");
    EXPECT_ERROR(set("work_mem", "10"),
                 "22023 10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)");
    EXPECT_ERROR(set("escape_string_warning", "maybe"),
                 "22023 parameter \"escape_string_warning\" requires a Boolean value");
    EXPECT_ERROR(set("client_min_messages", "loud"),
                 "22023 invalid value for parameter \"client_min_messages\": \"loud\"");
    EXPECT_ERROR(set("port", "5433"),
                 "55P02 parameter \"port\" cannot be changed without restarting the server");
    EXPECT_ERROR(set("server_version", "16"), "55P02 parameter \"server_version\" cannot be changed");
    EXPECT_ERROR(set("fsync", "off"), "55P02 parameter \"fsync\" cannot be changed now");
    EXPECT_ERROR(set("log_connections", "on"),
                 "55P02 parameter \"log_connections\" cannot be set after connection start");
    EXPECT_ERROR(GucSetOption("log_min_messages", "debug1", GUC_CTX_USERSET, GUC_SRC_SESSION,
                              GUC_ACTION_SET, ERROR),
                 "42501 permission denied to set parameter \"log_min_messages\"");
    EXPECT_ERROR(set("DateStyle", "ISO, Nonsense"), "22023 invalid value for parameter \"DateStyle\": \"ISO, Nonsense\"");
    EXPECT_ERROR(set("client_encoding", "LATIN1"),
                 "22023 invalid value for parameter \"client_encoding\": \"LATIN1\"");
    /* Nothing changed by the failures. */
    ck_assert_str_eq(GucGetOption("work_mem", false), "4MB");
    /* Below ERROR the caller gets false. */
    ck_assert(!GucSetOption("work_mem", "lots", GUC_CTX_USERSET, GUC_SRC_SESSION, GUC_ACTION_SET, DEBUG1));
}
END_TEST

START_TEST(set_local_reverts_at_transaction_end)
{
    ck_assert(set("work_mem", "1MB"));
    AtEOXact_GUC(true);
    ck_assert(set_local("work_mem", "2MB"));
    ck_assert_int_eq(WorkMemKb, 2048);
    AtEOXact_GUC(true);
    ck_assert_int_eq(WorkMemKb, 1024);

    /* SET after SET LOCAL in one transaction: the SET wins at commit. */
    ck_assert(set_local("work_mem", "2MB"));
    ck_assert(set("work_mem", "3MB"));
    AtEOXact_GUC(true);
    ck_assert_int_eq(WorkMemKb, 3072);

    /* Abort undoes even plain SET. */
    ck_assert(set("work_mem", "5MB"));
    AtEOXact_GUC(false);
    ck_assert_int_eq(WorkMemKb, 3072);
    AtEOXact_GUC(false);            /* idempotent */
    ck_assert_int_eq(WorkMemKb, 3072);
}
END_TEST

START_TEST(startup_packet_values_become_reset_values)
{
    ck_assert(GucSetOption("application_name", "app1", GUC_CTX_BACKEND, GUC_SRC_CLIENT,
                           GUC_ACTION_SET, ERROR));
    ck_assert(set("application_name", "other"));
    AtEOXact_GUC(true);
    ck_assert(GucSetOption("application_name", NULL, GUC_CTX_USERSET, GUC_SRC_SESSION,
                           GUC_ACTION_SET, ERROR));
    AtEOXact_GUC(true);
    ck_assert_str_eq(ApplicationName, "app1");
}
END_TEST

/* ---------- configuration files ---------- */

START_TEST(config_file_syntax)
{
    GucFileItem *items;
    GucFileItem *it;

    write_file("inc.conf", "work_mem = 2MB\n");
    write_file("a.conf",
               "# comment\n"
               "\n"
               "  shared_buffers = 256MB   # trailing comment\n"
               "search_path = '\"$user\", public'\n"
               "log_line_prefix='it''s %m '\n"
               "statistics_gather_interval = '1 day'\n"
               "checkpoint_completion_target 0.5\n"
               "include 'inc.conf'\n"
               "include_if_exists 'missing.conf'\n"
               "escaped = 'a\\\\b\\n'\n");
    ck_assert(GucParseConfigFile(psprintf("%s/a.conf", tmpdir), false, DEBUG1, &items));
    it = items;
    ck_assert_str_eq(it->name, "shared_buffers");
    ck_assert_str_eq(it->value, "256MB");
    ck_assert_int_eq(it->lineno, 3);
    it = it->next;
    ck_assert_str_eq(it->value, "\"$user\", public");
    it = it->next;
    ck_assert_str_eq(it->value, "it's %m ");
    it = it->next;
    ck_assert_str_eq(it->value, "1 day");
    it = it->next;
    ck_assert_str_eq(it->name, "checkpoint_completion_target");
    ck_assert_str_eq(it->value, "0.5");
    it = it->next;
    ck_assert_str_eq(it->name, "work_mem");
    ck_assert_int_eq(it->lineno, 1);
    ck_assert(strstr(it->filename, "inc.conf") != NULL);
    it = it->next;
    ck_assert_str_eq(it->value, "a\\b\n");
    ck_assert_ptr_null(it->next);
}
END_TEST

START_TEST(config_file_syntax_errors)
{
    GucFileItem *items;

    write_file("b.conf", "work_mem = 'unterminated\n");
    ck_assert(!GucParseConfigFile(psprintf("%s/b.conf", tmpdir), false, DEBUG1, &items));
    write_file("c.conf", "work_mem = 4MB junk\n");
    ck_assert(!GucParseConfigFile(psprintf("%s/c.conf", tmpdir), false, DEBUG1, &items));
    write_file("d.conf", "= 4MB\n");
    ck_assert(!GucParseConfigFile(psprintf("%s/d.conf", tmpdir), false, DEBUG1, &items));
    write_file("e.conf", "work_mem =\n");
    ck_assert(!GucParseConfigFile(psprintf("%s/e.conf", tmpdir), false, DEBUG1, &items));
    write_file("f.conf", "include 'f.conf'\n");     /* endless recursion */
    ck_assert(!GucParseConfigFile(psprintf("%s/f.conf", tmpdir), false, DEBUG1, &items));
    ck_assert(!GucParseConfigFile(psprintf("%s/none.conf", tmpdir), false, DEBUG1, &items));
    ck_assert(GucParseConfigFile(psprintf("%s/none.conf", tmpdir), true, DEBUG1, &items));
    ck_assert_ptr_null(items);
    /* At ERROR level the message names the file and line. */
    EXPECT_ERROR(GucParseConfigFile(psprintf("%s/c.conf", tmpdir), false, ERROR, &items),
                 psprintf("42601 syntax error in file \"%s/c.conf\" line 1, near token \"junk\"", tmpdir));
}
END_TEST

START_TEST(reload_applies_whole_file_or_nothing)
{
    write_file(INSTANCE_CONFIG_FILE, "maintenance_work_mem = 128MB\ncheckpoint_timeout = 10min\n");
    ck_assert(GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 131072);
    ck_assert_int_eq(CheckpointTimeoutS, 600);

    /* One bad line: nothing from the file is applied. */
    write_file(INSTANCE_CONFIG_FILE, "maintenance_work_mem = 256MB\ncheckpoint_timeout = soon\n");
    ck_assert(!GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 131072);
    write_file(INSTANCE_CONFIG_FILE, "maintenance_work_mem = 256MB\nno_such_setting = 1\n");
    ck_assert(!GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 131072);

    /* The auto file is read after the main one and wins. */
    write_file(INSTANCE_CONFIG_FILE, "maintenance_work_mem = 256MB\n");
    write_file(INSTANCE_AUTO_CONFIG_FILE, "maintenance_work_mem = '512MB'\n");
    ck_assert(GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 524288);

    /* A line removed: back to the default.  Restart-only changes are skipped. */
    write_file(INSTANCE_CONFIG_FILE, "port = 6000\n");
    write_file(INSTANCE_AUTO_CONFIG_FILE, "");
    ck_assert(GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 65536);
    ck_assert_int_eq(CheckpointTimeoutS, 300);
    ck_assert_int_eq(PostPortNumber, 5432);

    /* A session SET outranks the file. */
    ck_assert(set("maintenance_work_mem", "2MB"));
    write_file(INSTANCE_CONFIG_FILE, "maintenance_work_mem = 256MB\n");
    ck_assert(GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(MaintenanceWorkMemKb, 2048);
}
END_TEST

/* Kept apart from the caller: sigsetjmp in a function clobbers its locals. */
static void
alter_system_rejects_bad_input(void)
{
    EXPECT_ERROR(alter_system(VAR_SET_VALUE, "work_mem", "lots"),
                 "22023 invalid value for parameter \"work_mem\": \"lots\"");
    EXPECT_ERROR(alter_system(VAR_SET_VALUE, "nope", "1"),
                 "42704 unrecognized configuration parameter \"nope\"");
    EXPECT_ERROR(alter_system(VAR_SET_VALUE, "server_version", "1"),
                 "55P02 parameter \"server_version\" cannot be changed");
}

START_TEST(alter_system_writes_auto_conf_atomically)
{
    char       *text;

    alter_system(VAR_SET_VALUE, "work_mem", "32MB");
    alter_system(VAR_SET_VALUE, "statistics_gather_interval", "1 day");
    alter_system(VAR_SET_VALUE, "auto_statistics_gather", "true");
    text = read_file(INSTANCE_AUTO_CONFIG_FILE);
    ck_assert_ptr_nonnull(text);
    ck_assert(strstr(text, "work_mem = '32MB'\n") != NULL);
    ck_assert(strstr(text, "statistics_gather_interval = '1 day'\n") != NULL);
    ck_assert(strstr(text, "auto_statistics_gather = 'true'\n") != NULL);
    /* Not applied until reload, as PostgreSQL. */
    ck_assert_int_eq(WorkMemKb, 4096);

    /* Replacing keeps one line. */
    alter_system(VAR_SET_VALUE, "work_mem", "16MB");
    text = read_file(INSTANCE_AUTO_CONFIG_FILE);
    ck_assert(strstr(text, "work_mem = '16MB'\n") != NULL);
    ck_assert(strstr(text, "32MB") == NULL);

    /* Bad name or value: error, file untouched. */
    alter_system_rejects_bad_input();
    ck_assert_str_eq(read_file(INSTANCE_AUTO_CONFIG_FILE), text);
    ck_assert(access(psprintf("%s/%s.tmp", tmpdir, INSTANCE_AUTO_CONFIG_FILE), F_OK) != 0);

    /* The written file reads back. */
    ck_assert(GucProcessConfigFiles(GUC_CTX_SIGHUP));
    ck_assert_int_eq(WorkMemKb, 16384);

    alter_system(VAR_RESET, "work_mem", NULL);
    text = read_file(INSTANCE_AUTO_CONFIG_FILE);
    ck_assert(strstr(text, "work_mem") == NULL);
    ck_assert(strstr(text, "statistics_gather_interval") != NULL);
    alter_system(VAR_RESET_ALL, NULL, NULL);
    text = read_file(INSTANCE_AUTO_CONFIG_FILE);
    ck_assert(strstr(text, "statistics_gather_interval") == NULL);
}
END_TEST

/* ---------- the sample file ---------- */

START_TEST(sample_file_lists_every_setting)
{
    const char *srcfile = __FILE__;
    const char *cut = strstr(srcfile, "test/unit/check_guc.c");
    char       *path = psprintf("%.*sconf/rustydb.conf.sample", (int) (cut ? cut - srcfile : 0), srcfile);
    FILE       *f = fopen(path, "r");
    StringInfoData text;
    char        buf[4096];
    size_t      n;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    initStringInfo(&text);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        appendBinaryStringInfo(&text, buf, (int) n);
    fclose(f);
    for (int i = 0; i < GucSettingCount(); i++)
    {
        char       *needle = psprintf("\n#%s = ", GucSettingName(i));

        ck_assert_msg(strstr(text.data, needle) != NULL,
                      "setting %s is missing from conf/rustydb.conf.sample "
                      "(regenerate: build/bin/rustydb --describe-config > conf/rustydb.conf.sample)", GucSettingName(i));
    }
}
END_TEST

static Suite *
guc_suite(void)
{
    Suite      *s = suite_create("guc");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, int_units_convert_to_base_unit);
    tcase_add_test(tc, int_junk_and_bad_units_are_rejected);
    tcase_add_test(tc, real_and_bool_parse);
    tcase_add_test(tc, show_format_uses_largest_exact_unit);
    tcase_add_test(tc, defaults_match_postgresql);
    tcase_add_test(tc, set_and_show);
    tcase_add_test(tc, set_errors_have_postgresql_sqlstates);
    tcase_add_test(tc, set_local_reverts_at_transaction_end);
    tcase_add_test(tc, startup_packet_values_become_reset_values);
    tcase_add_test(tc, config_file_syntax);
    tcase_add_test(tc, config_file_syntax_errors);
    tcase_add_test(tc, reload_applies_whole_file_or_nothing);
    tcase_add_test(tc, alter_system_writes_auto_conf_atomically);
    tcase_add_test(tc, sample_file_lists_every_setting);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(guc_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
