/*
 * guc_tables.c
 *     The one table of configuration settings: name, type, context,
 *     category, description, unit, range or allowed values, default, and
 *     the C variable each binds to.  Everything else (SHOW ALL, the sample
 *     file conf/rustydb.conf.sample via `rustydb --describe-config`, the
 *     unit test that checks the sample) is derived from this table.
 * Entry points: GucDefinitions[], GucDescribeConfig().
 *
 * Adding a setting: define its variable here (or bind to the owner's
 * variable, declared in the owner's header), declare it in utils/guc.h,
 * add one entry below in its category, regenerate the sample file
 * (build/bin/rustydb --describe-config > conf/rustydb.conf.sample).
 * Defaults are strings in file syntax and go through the same parser as
 * user input, so a bad default fails at start.
 */
#include "rustydb.h"

#include <limits.h>
#include <string.h>

#include "access/snapshot.h"
#include "access/xact.h"
#include "commands/jobqueue.h"
#include "guc_int.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* ---------- variables (declared in utils/guc.h) ---------- */
int         PostPortNumber;
char       *ListenAddresses;
char       *UnixSocketDirectories;
int         SuperuserReservedConnections;
int         AuthenticationTimeoutS;
char       *PasswordEncryption;
int         WorkMemKb;
int         MaintenanceWorkMemKb;
char       *LogLinePrefix;
bool        LogConnections;
bool        LogDisconnections;
int         LogMinDurationStatementMs;
int         LogStatement;
bool        LogCheckpoints;
int         LogAutovacuumMinDurationMs;
int         LogRotationSizeKb;
int         LogRotationAgeMin;
char       *LogTimezone;
char       *DateStyleString;
int         DateStyleOutput;
int         DateStyleOrder;
char       *TimeZoneString;
int         IntervalStyle;
int         ExtraFloatDigits;
int         ByteaOutput;
char       *SearchPath;
char       *ApplicationName;
int         StatementTimeoutMs;
int         LockTimeoutMs;
int         IdleInTransactionSessionTimeoutMs;
char       *ClientEncoding;
bool        StandardConformingStrings;
bool        EscapeStringWarning;
int         DefaultStatisticsTarget;
bool        EnableSeqscan;
bool        EnableIndexscan;
bool        EnableIndexonlyscan;
bool        EnableNestloop;
bool        EnableHashjoin;
bool        EnableMergejoin;
bool        EnableSort;
bool        EnableMaterial;
static bool enable_bitmapscan;
char       *LcMessages;
char       *LcMonetary;
char       *LcNumeric;
char       *LcTime;
int         DeadlockTimeoutMs;
bool        EnableFsync;
int         SynchronousCommit;
int         WalSyncMethod;
int         WalCompression;
int         CheckpointTimeoutS;
int         MaxWalSizeMb;
double      CheckpointCompletionTarget;
bool        AutovacuumEnabled;
int         AutovacuumNaptimeS;
int         AutovacuumMaxWorkers;
int         AutovacuumVacuumThreshold;
double      AutovacuumVacuumScaleFactor;
int         AutovacuumAnalyzeThreshold;
double      AutovacuumAnalyzeScaleFactor;
int         AutovacuumVacuumCostLimit;
double      AutovacuumVacuumCostDelayMs;
double      BulkChangeAnalyzeFraction;  /* maintenance engine (postmaster/autovacuum.c) */
int         VacuumCostLimit;
double      VacuumCostDelayMs;
bool        AutoStatisticsGather;
int         StatisticsGatherIntervalS;
int         AdminApiPort;
char       *AdminListenAddresses;
char       *AdminApiToken;
char       *DataDirectorySetting;

/* Read-only settings: their variables exist only so the table can bind them. */
static char *server_version_string;
static int  server_version_num;
static char *server_encoding_string;
static bool integer_datetimes;
static int  max_identifier_length;
static int  block_size;
static char *lc_collate_string;
static char *lc_ctype_string;
static bool in_hot_standby;
static bool is_superuser_setting;
static char *session_authorization_string;

/* ---------- enum value lists ---------- */
static const GucEnumOption message_level_options[] = {
    {"debug5", DEBUG5, false}, {"debug4", DEBUG4, false}, {"debug3", DEBUG3, false},
    {"debug2", DEBUG2, false}, {"debug1", DEBUG1, false}, {"debug", DEBUG2, true},
    {"info", INFO, false}, {"notice", NOTICE, false}, {"warning", WARNING, false},
    {"error", ERROR, false}, {"log", LOG, false}, {"fatal", FATAL, false},
    {"panic", PANIC, false}, {NULL, 0, false}
};

static const GucEnumOption client_message_level_options[] = {
    {"debug5", DEBUG5, false}, {"debug4", DEBUG4, false}, {"debug3", DEBUG3, false},
    {"debug2", DEBUG2, false}, {"debug1", DEBUG1, false}, {"debug", DEBUG2, true},
    {"log", LOG, false}, {"info", INFO, true}, {"notice", NOTICE, false},
    {"warning", WARNING, false}, {"error", ERROR, false}, {NULL, 0, false}
};

static const GucEnumOption log_error_verbosity_options[] = {
    {"terse", LOG_ERROR_TERSE, false}, {"default", LOG_ERROR_DEFAULT, false},
    {"verbose", LOG_ERROR_VERBOSE, false}, {NULL, 0, false}
};

static const GucEnumOption log_statement_options[] = {
    {"none", GUC_LOGSTMT_NONE, false}, {"ddl", GUC_LOGSTMT_DDL, false},
    {"mod", GUC_LOGSTMT_MOD, false}, {"all", GUC_LOGSTMT_ALL, false}, {NULL, 0, false}
};

static const GucEnumOption interval_style_options[] = {
    {"postgres", GUC_INTSTYLE_POSTGRES, false},
    {"postgres_verbose", GUC_INTSTYLE_POSTGRES_VERBOSE, false},
    {"sql_standard", GUC_INTSTYLE_SQL_STANDARD, false},
    {"iso_8601", GUC_INTSTYLE_ISO_8601, false}, {NULL, 0, false}
};

static const GucEnumOption bytea_output_options[] = {
    {"hex", GUC_BYTEA_OUTPUT_HEX, false}, {"escape", GUC_BYTEA_OUTPUT_ESCAPE, false},
    {NULL, 0, false}
};

static const GucEnumOption isolation_level_options[] = {
    {"serializable", XACT_SERIALIZABLE, false},
    {"repeatable read", XACT_REPEATABLE_READ, false},
    {"read committed", XACT_READ_COMMITTED, false},
    {"read uncommitted", XACT_READ_UNCOMMITTED, false}, {NULL, 0, false}
};

static const GucEnumOption synchronous_commit_options[] = {
    {"local", GUC_SYNC_COMMIT_LOCAL, false}, {"remote_write", GUC_SYNC_COMMIT_REMOTE_WRITE, false},
    {"remote_apply", GUC_SYNC_COMMIT_REMOTE_APPLY, false}, {"on", GUC_SYNC_COMMIT_ON, false},
    {"off", GUC_SYNC_COMMIT_OFF, false}, {"true", GUC_SYNC_COMMIT_ON, true},
    {"false", GUC_SYNC_COMMIT_OFF, true}, {"yes", GUC_SYNC_COMMIT_ON, true},
    {"no", GUC_SYNC_COMMIT_OFF, true}, {"1", GUC_SYNC_COMMIT_ON, true},
    {"0", GUC_SYNC_COMMIT_OFF, true}, {NULL, 0, false}
};

static const GucEnumOption wal_sync_method_options[] = {
    {"fsync", GUC_WAL_SYNC_FSYNC, false}, {"fdatasync", GUC_WAL_SYNC_FDATASYNC, false},
    {"open_sync", GUC_WAL_SYNC_OPEN_SYNC, false},
    {"open_datasync", GUC_WAL_SYNC_OPEN_DATASYNC, false}, {NULL, 0, false}
};

static const GucEnumOption wal_compression_options[] = {
    {"lz4", GUC_WAL_COMPRESSION_LZ4, false}, {"on", GUC_WAL_COMPRESSION_LZ4, false},
    {"off", GUC_WAL_COMPRESSION_OFF, false}, {"true", GUC_WAL_COMPRESSION_LZ4, true},
    {"false", GUC_WAL_COMPRESSION_OFF, true}, {"yes", GUC_WAL_COMPRESSION_LZ4, true},
    {"no", GUC_WAL_COMPRESSION_OFF, true}, {"1", GUC_WAL_COMPRESSION_LZ4, true},
    {"0", GUC_WAL_COMPRESSION_OFF, true}, {NULL, 0, false}
};

/* ---------- hooks ---------- */

/*
 * check_datestyle -- accept a comma-separated list of one output style
 * (ISO, Postgres, SQL, German) and/or one field order (MDY/US/NonEuro,
 * DMY/Euro/European, YMD), as PostgreSQL; canonicalise to "ISO, MDY" form.
 * Missing parts keep their current value.
 */
static bool
check_datestyle(GucValue *newval, GucSource source, const char **detail)
{
    static const char *const style_names[] = {"ISO", "Postgres", "SQL", "German"};
    static const char *const order_names[] = {"MDY", "DMY", "YMD"};
    int         style = DateStyleString ? DateStyleOutput : GUC_DATESTYLE_ISO;
    int         order = DateStyleString ? DateStyleOrder : GUC_DATEORDER_MDY;
    bool        have_style = false;
    bool        have_order = false;
    char       *copy = pstrdup(newval->stringval);
    char       *saveptr = NULL;

    (void) source;
    for (char *tok = strtok_r(copy, ", \t", &saveptr); tok; tok = strtok_r(NULL, ", \t", &saveptr))
    {
        int         new_style = -1;
        int         new_order = -1;

        if (strcasecmp(tok, "ISO") == 0)
            new_style = GUC_DATESTYLE_ISO;
        else if (strcasecmp(tok, "Postgres") == 0)
            new_style = GUC_DATESTYLE_POSTGRES;
        else if (strcasecmp(tok, "SQL") == 0)
            new_style = GUC_DATESTYLE_SQL;
        else if (strcasecmp(tok, "German") == 0)
        {
            new_style = GUC_DATESTYLE_GERMAN;
            if (!have_order)
                order = GUC_DATEORDER_DMY;
        }
        else if (strcasecmp(tok, "MDY") == 0 || strcasecmp(tok, "US") == 0 ||
                 strcasecmp(tok, "NonEuro") == 0 || strcasecmp(tok, "NonEuropean") == 0)
            new_order = GUC_DATEORDER_MDY;
        else if (strcasecmp(tok, "DMY") == 0 || strcasecmp(tok, "Euro") == 0 ||
                 strcasecmp(tok, "European") == 0)
            new_order = GUC_DATEORDER_DMY;
        else if (strcasecmp(tok, "YMD") == 0)
            new_order = GUC_DATEORDER_YMD;
        else if (strcasecmp(tok, "DEFAULT") == 0)
        {
            new_style = GUC_DATESTYLE_ISO;
            new_order = GUC_DATEORDER_MDY;
        }
        else
        {
            *detail = psprintf("Unrecognized key word: \"%s\".", tok);
            pfree(copy);
            return false;
        }
        if (new_style >= 0)
        {
            if (have_style && new_style != style)
            {
                *detail = "Conflicting \"datestyle\" specifications.";
                pfree(copy);
                return false;
            }
            style = new_style;
            have_style = true;
        }
        if (new_order >= 0)
        {
            if (have_order && new_order != order)
            {
                *detail = "Conflicting \"datestyle\" specifications.";
                pfree(copy);
                return false;
            }
            order = new_order;
            have_order = true;
        }
    }
    pfree(copy);
    pfree(newval->stringval);
    newval->stringval = MemoryContextStrdup(GucMemoryContext,
                                            psprintf("%s, %s", style_names[style], order_names[order]));
    return true;
}

static void
assign_datestyle(const GucValue *newval)
{
    const char *v = newval->stringval;

    DateStyleOutput = strncmp(v, "ISO", 3) == 0 ? GUC_DATESTYLE_ISO :
        strncmp(v, "Postgres", 8) == 0 ? GUC_DATESTYLE_POSTGRES :
        strncmp(v, "SQL", 3) == 0 ? GUC_DATESTYLE_SQL : GUC_DATESTYLE_GERMAN;
    v = strchr(v, ',');
    DateStyleOrder = (v && strstr(v, "DMY")) ? GUC_DATEORDER_DMY :
        (v && strstr(v, "YMD")) ? GUC_DATEORDER_YMD : GUC_DATEORDER_MDY;
}

/*
 * check_timezone -- the session time zone module (utils/adt/tz.c) decides
 * what names are valid; we try the new name and put the old one back, so
 * that a value that passes check but is never assigned (ALTER SYSTEM,
 * GUC_SRC_TEST) leaves the session unchanged.
 */
static bool
check_timezone(GucValue *newval, GucSource source, const char **detail)
{
    char       *old = pstrdup(SessionTimeZoneName());
    bool        ok;

    (void) source;
    ok = SessionTimeZoneSet(newval->stringval);
    if (!ok)
    {
        *detail = psprintf("time zone \"%s\" not recognized", newval->stringval);
        pfree(old);
        return false;
    }
    (void) SessionTimeZoneSet(old);
    pfree(old);
    return true;
}

static void
assign_timezone(const GucValue *newval)
{
    if (!SessionTimeZoneSet(newval->stringval))
        ereport(LOG, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("could not apply time zone \"%s\"", newval->stringval));
}

/*
 * check_client_encoding -- the server works in UTF8 only.  SQL_ASCII is
 * accepted because libpq asks for it under the C locale; no conversion is
 * ever applied (bytes go out as stored, which is UTF-8).
 */
static bool
check_client_encoding(GucValue *newval, GucSource source, const char **detail)
{
    static const char *const utf8_names[] = {"UTF8", "UTF-8", "UNICODE", "UTF_8"};
    const char *canonical = NULL;

    (void) source;
    for (size_t i = 0; i < lengthof(utf8_names); i++)
        if (strcasecmp(newval->stringval, utf8_names[i]) == 0)
            canonical = "UTF8";
    if (strcasecmp(newval->stringval, "SQL_ASCII") == 0)
        canonical = "SQL_ASCII";
    if (canonical == NULL)
    {
        *detail = "Only UTF8 is supported as client encoding.";
        return false;
    }
    pfree(newval->stringval);
    newval->stringval = MemoryContextStrdup(GucMemoryContext, canonical);
    return true;
}

/* check_only_on -- for compatibility settings whose other value we do not implement. */
static bool
check_only_on(GucValue *newval, GucSource source, const char **detail)
{
    (void) source;
    if (!newval->boolval)
    {
        *detail = "Only \"on\" is supported.";
        return false;
    }
    return true;
}

/*
 * check_transaction_isolation -- as PostgreSQL: a transaction's isolation
 * level may change only before its first query and not in a savepoint.
 */
static bool
check_transaction_isolation(GucValue *newval, GucSource source, const char **detail)
{
    (void) detail;
    if (source != GUC_SRC_SESSION || newval->intval == XactIsoLevel || !IsTransactionState())
        return true;
    if (TransactionSnapshotTaken())
        ereport(ERROR, errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                errmsg("SET TRANSACTION ISOLATION LEVEL must be called before any query"));
    if (GetCurrentTransactionNestLevel() > 1)
        ereport(ERROR, errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
                errmsg("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction"));
    return true;
}

/* check_c_locale -- lc_* settings: only the C locale exists for now. */
static bool
check_c_locale(GucValue *newval, GucSource source, const char **detail)
{
    (void) source;
    if (strcmp(newval->stringval, "C") != 0 && strcmp(newval->stringval, "POSIX") != 0 &&
        strcasecmp(newval->stringval, "C.UTF-8") != 0 && strcasecmp(newval->stringval, "C.UTF8") != 0 &&
        newval->stringval[0] != '\0')
    {
        *detail = "Only the C locale is supported.";
        return false;
    }
    return true;
}

static const char *
show_data_directory(void)
{
    return DataDir ? DataDir : "";
}

/* ---------- the table ---------- */

#define CAT_FILES "File Locations"
#define CAT_CONN "Connections and Authentication"
#define CAT_RESOURCES "Resource Usage"
#define CAT_WAL "Write-Ahead Log"
#define CAT_QUERY "Query Tuning"
#define CAT_LOGGING "Reporting and Logging"
#define CAT_STATS "Statistics"
#define CAT_AUTOVACUUM "Autovacuum"
#define CAT_CLIENT "Client Connection Defaults"
#define CAT_LOCKS "Lock Management"
#define CAT_COMPAT "Version and Platform Compatibility"
#define CAT_ADMIN "Admin API"
#define CAT_PRESET "Preset Options"

/* Shorthands: one line per setting. */
#define BOOL(name, ctx, cat, desc, flags, var, boot, check) \
    {name, GUC_TYPE_BOOL, ctx, cat, desc, flags, var, boot, 0, 0, NULL, check, NULL, NULL}
#define INT(name, ctx, cat, desc, flags, var, boot, min, max) \
    {name, GUC_TYPE_INT, ctx, cat, desc, flags, var, boot, min, max, NULL, NULL, NULL, NULL}
#define REAL(name, ctx, cat, desc, flags, var, boot, min, max) \
    {name, GUC_TYPE_REAL, ctx, cat, desc, flags, var, boot, min, max, NULL, NULL, NULL, NULL}
#define STRING(name, ctx, cat, desc, flags, var, boot, check, assign, show) \
    {name, GUC_TYPE_STRING, ctx, cat, desc, flags, var, boot, 0, 0, NULL, check, assign, show}
#define ENUM(name, ctx, cat, desc, flags, var, boot, options) \
    {name, GUC_TYPE_ENUM, ctx, cat, desc, flags, var, boot, 0, 0, options, NULL, NULL, NULL}
#define ENUM_CHECKED(name, ctx, cat, desc, flags, var, boot, options, check) \
    {name, GUC_TYPE_ENUM, ctx, cat, desc, flags, var, boot, 0, 0, options, check, NULL, NULL}

#define NYU GUC_NOT_YET_USED
#define GUC_STRINGIFY_(x) #x
#define GUC_STRINGIFY(x) GUC_STRINGIFY_(x)

StaticAssertDecl(NAMEDATALEN == 64, "max_identifier_length below assumes NAMEDATALEN 64");

const GucDefinition GucDefinitions[] = {
    /* File Locations */
    STRING("data_directory", GUC_CTX_INTERNAL, CAT_FILES,
           "Instance directory given with -D (read-only)", 0,
           &DataDirectorySetting, "", NULL, NULL, show_data_directory),

    /* Connections and Authentication */
    STRING("listen_addresses", GUC_CTX_POSTMASTER, CAT_CONN,
           "TCP addresses to listen on: comma-separated host names or IPs, '*' for all",
           GUC_LIST_INPUT, &ListenAddresses, "localhost", NULL, NULL, NULL),
    INT("port", GUC_CTX_POSTMASTER, CAT_CONN, "TCP port the server listens on", 0,
        &PostPortNumber, "5432", 1, 65535),
    INT("max_connections", GUC_CTX_POSTMASTER, CAT_CONN,
        "Maximum number of concurrent client connections", 0,
        &MaxConnections, "100", 1, 262143),
    INT("superuser_reserved_connections", GUC_CTX_POSTMASTER, CAT_CONN,
        "Connection slots reserved for superusers", NYU,
        &SuperuserReservedConnections, "3", 0, 262143),
    STRING("unix_socket_directories", GUC_CTX_POSTMASTER, CAT_CONN,
           "Directories for the Unix-domain socket, comma-separated ('' for none)",
           GUC_LIST_INPUT, &UnixSocketDirectories, "/tmp", NULL, NULL, NULL),
    INT("authentication_timeout", GUC_CTX_SIGHUP, CAT_CONN,
        "Maximum time to complete client start-up and authentication", GUC_UNIT_S,
        &AuthenticationTimeoutS, "1min", 1, 600),
    STRING("password_encryption", GUC_CTX_USERSET, CAT_CONN,
           "Algorithm used to store new passwords (scram-sha-256)", NYU,
           &PasswordEncryption, "scram-sha-256", NULL, NULL, NULL),

    /* Resource Usage */
    INT("shared_buffers", GUC_CTX_POSTMASTER, CAT_RESOURCES,
        "Memory for the shared buffer pool", GUC_UNIT_BLOCKS,
        &SharedBuffers, "128MB", 16, INT_MAX / 2),
    INT("work_mem", GUC_CTX_USERSET, CAT_RESOURCES,
        "Memory per sort or hash operation before spilling to disk", GUC_UNIT_KB,
        &WorkMemKb, "4MB", 64, INT_MAX),
    INT("maintenance_work_mem", GUC_CTX_USERSET, CAT_RESOURCES,
        "Memory for maintenance operations (VACUUM, CREATE INDEX)", GUC_UNIT_KB,
        &MaintenanceWorkMemKb, "64MB", 1024, INT_MAX),
    REAL("vacuum_cost_delay", GUC_CTX_USERSET, CAT_RESOURCES,
         "Sleep after vacuum_cost_limit is reached (0 disables cost-based delay)", GUC_UNIT_MS,
         &VacuumCostDelayMs, "0", 0, 100),
    INT("vacuum_cost_limit", GUC_CTX_USERSET, CAT_RESOURCES,
        "Work a vacuum does before it sleeps for vacuum_cost_delay", 0,
        &VacuumCostLimit, "200", 1, 10000),

    /* Write-Ahead Log */
    BOOL("fsync", GUC_CTX_SIGHUP, CAT_WAL,
         "Force writes to disk (turning this off risks data loss on a crash)", 0,
         &EnableFsync, "on", NULL),
    ENUM("synchronous_commit", GUC_CTX_USERSET, CAT_WAL,
         "Wait for the commit's WAL to be flushed before reporting success", 0,
         &SynchronousCommit, "on", synchronous_commit_options),
    ENUM("wal_sync_method", GUC_CTX_SIGHUP, CAT_WAL,
         "Method used to force WAL to disk", 0,
         &WalSyncMethod, "fdatasync", wal_sync_method_options),
    ENUM("wal_compression", GUC_CTX_SUSET, CAT_WAL,
         "Compress full-page images in the WAL (on = lz4)", 0,
         &WalCompression, "lz4", wal_compression_options),  /* issue 3: lz4 by default */
    INT("checkpoint_timeout", GUC_CTX_SIGHUP, CAT_WAL,
        "Maximum time between automatic checkpoints", GUC_UNIT_S,
        &CheckpointTimeoutS, "5min", 30, 86400),
    INT("max_wal_size", GUC_CTX_SIGHUP, CAT_WAL,
        "WAL size that triggers a checkpoint", GUC_UNIT_MB,
        &MaxWalSizeMb, "1GB", 2, INT_MAX),
    REAL("checkpoint_completion_target", GUC_CTX_SIGHUP, CAT_WAL,
         "Fraction of the checkpoint interval over which to spread checkpoint writes", 0,
         &CheckpointCompletionTarget, "0.9", 0, 1),

    /* Query Tuning */
    INT("default_statistics_target", GUC_CTX_USERSET, CAT_QUERY,
        "Default number of histogram buckets / common values ANALYZE keeps per column", 0,
        &DefaultStatisticsTarget, "100", 1, 10000),
    BOOL("enable_seqscan", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of sequential-scan plans", 0, &EnableSeqscan, "on", NULL),
    BOOL("enable_indexscan", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of index-scan plans", 0, &EnableIndexscan, "on", NULL),
    BOOL("enable_bitmapscan", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of bitmap-scan plans (there are none yet)", NYU,
         &enable_bitmapscan, "on", NULL),
    BOOL("enable_indexonlyscan", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of index-only-scan plans", 0, &EnableIndexonlyscan, "on", NULL),
    BOOL("enable_nestloop", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of nested-loop join plans", 0, &EnableNestloop, "on", NULL),
    BOOL("enable_hashjoin", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of hash join plans", 0, &EnableHashjoin, "on", NULL),
    BOOL("enable_mergejoin", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of merge join plans", 0, &EnableMergejoin, "on", NULL),
    BOOL("enable_sort", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of explicit sort steps", 0, &EnableSort, "on", NULL),
    BOOL("enable_material", GUC_CTX_USERSET, CAT_QUERY,
         "Enables the planner's use of materialization", 0, &EnableMaterial, "on", NULL),

    /* Reporting and Logging */
    ENUM("log_min_messages", GUC_CTX_SUSET, CAT_LOGGING,
         "Lowest message level written to the server log", 0,
         &LogMinMessages, "warning", message_level_options),
    ENUM("log_error_verbosity", GUC_CTX_SUSET, CAT_LOGGING,
         "Detail written to the server log for each message (verbose adds SQLSTATE and location)", 0,
         &LogErrorVerbosity, "default", log_error_verbosity_options),
    ENUM("client_min_messages", GUC_CTX_USERSET, CAT_LOGGING,
         "Lowest message level sent to the client", 0,
         &ClientMinMessages, "notice", client_message_level_options),
    INT("log_min_duration_statement", GUC_CTX_SUSET, CAT_LOGGING,
        "Log statements running at least this long (-1 disables, 0 logs all)", GUC_UNIT_MS,
        &LogMinDurationStatementMs, "1s", -1, INT_MAX),
    ENUM("log_statement", GUC_CTX_SUSET, CAT_LOGGING,
         "Kinds of statements logged when they start", 0,
         &LogStatement, "none", log_statement_options),
    STRING("log_line_prefix", GUC_CTX_SIGHUP, CAT_LOGGING,
           "Printf-style prefix of each log line: %m time, %p pid, %u user, %d database, "
           "%a application, %h host, %b process type, %e SQLSTATE, %% percent", 0,
           &LogLinePrefix, "%m [%p] %q%u@%d ", NULL, NULL, NULL),
    BOOL("log_connections", GUC_CTX_BACKEND, CAT_LOGGING,
         "Log each successful connection", 0, &LogConnections, "off", NULL),
    BOOL("log_disconnections", GUC_CTX_BACKEND, CAT_LOGGING,
         "Log the end of each session with its duration", 0, &LogDisconnections, "off", NULL),
    BOOL("log_checkpoints", GUC_CTX_SIGHUP, CAT_LOGGING,
         "Log each checkpoint", NYU, &LogCheckpoints, "on", NULL),
    INT("log_autovacuum_min_duration", GUC_CTX_SIGHUP, CAT_LOGGING,
        "Log autovacuum runs taking at least this long (-1 disables)", GUC_UNIT_MS | NYU,
        &LogAutovacuumMinDurationMs, "10min", -1, INT_MAX),
    INT("log_rotation_size", GUC_CTX_SIGHUP, CAT_LOGGING,
        "Rotate logs/rustydb.log after this much output (0 disables)", GUC_UNIT_KB,
        &LogRotationSizeKb, "10MB", 0, INT_MAX / 1024),
    INT("log_rotation_age", GUC_CTX_SIGHUP, CAT_LOGGING,
        "Rotate logs/rustydb.log after this much time (0 disables)", GUC_UNIT_MIN,
        &LogRotationAgeMin, "1d", 0, INT_MAX / 60),
    STRING("log_timezone", GUC_CTX_SIGHUP, CAT_LOGGING,
           "Time zone used for timestamps in the server log", NYU,
           &LogTimezone, "UTC", NULL, NULL, NULL),

    /* Statistics */
    BOOL("track_activities", GUC_CTX_SUSET, CAT_STATS,
         "Publish each session's current command (pg_stat_activity)", 0,
         &pgstat_track_activities, "on", NULL),
    BOOL("track_counts", GUC_CTX_SUSET, CAT_STATS,
         "Collect per-table and per-index activity counters", 0,
         &pgstat_track_counts, "on", NULL),
    BOOL("track_statements", GUC_CTX_SUSET, CAT_STATS,
         "Collect per-statement statistics (pg_stat_statements, v$slow_queries)", 0,
         &pgstat_track_statements, "on", NULL),
    INT("stats_persist_interval", GUC_CTX_SIGHUP, CAT_STATS,
        "How often the statistics are saved to disk (0: only at shutdown)", GUC_UNIT_MS,
        &pgstat_persist_interval_ms, "1min", 0, INT_MAX),
    BOOL("auto_statistics_gather", GUC_CTX_SIGHUP, CAT_STATS,
         "Gather optimizer statistics automatically every statistics_gather_interval", 0,
         &AutoStatisticsGather, "on", NULL),
    INT("statistics_gather_interval", GUC_CTX_SIGHUP, CAT_STATS,
        "Interval between automatic statistics gathering runs", GUC_UNIT_S,
        &StatisticsGatherIntervalS, "1d", 60, INT_MAX),

    /* Autovacuum */
    BOOL("autovacuum", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
         "Start the autovacuum launcher", 0, &AutovacuumEnabled, "on", NULL),
    INT("autovacuum_max_workers", GUC_CTX_POSTMASTER, CAT_AUTOVACUUM,
        "Maximum number of concurrent autovacuum workers (at most 8)", 0,
        &AutovacuumMaxWorkers, "3", 1, 262143),
    INT("autovacuum_naptime", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
        "Time between autovacuum runs on one database", GUC_UNIT_S,
        &AutovacuumNaptimeS, "1min", 1, INT_MAX / 1000),
    INT("autovacuum_vacuum_threshold", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
        "Minimum number of updated or deleted tuples before vacuum", 0,
        &AutovacuumVacuumThreshold, "50", 0, INT_MAX),
    REAL("autovacuum_vacuum_scale_factor", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
         "Fraction of the table size added to autovacuum_vacuum_threshold", 0,
         &AutovacuumVacuumScaleFactor, "0.2", 0, 100),
    INT("autovacuum_analyze_threshold", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
        "Minimum number of inserted, updated or deleted tuples before analyze", 0,
        &AutovacuumAnalyzeThreshold, "50", 0, INT_MAX),
    REAL("autovacuum_analyze_scale_factor", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
         "Fraction of the table size added to autovacuum_analyze_threshold", 0,
         &AutovacuumAnalyzeScaleFactor, "0.1", 0, 100),
    INT("autovacuum_vacuum_cost_limit", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
        "Vacuum cost limit for autovacuum (-1 uses vacuum_cost_limit)", 0,
        &AutovacuumVacuumCostLimit, "-1", -1, 10000),
    REAL("bulk_change_analyze_fraction", GUC_CTX_USERSET, CAT_AUTOVACUUM,
         "Re-analyze a table right after a statement changed more than this fraction of it (0 disables)", 0,
         &BulkChangeAnalyzeFraction, "0.5", 0, 100),
    REAL("autovacuum_vacuum_cost_delay", GUC_CTX_SIGHUP, CAT_AUTOVACUUM,
         "Vacuum cost delay for autovacuum (-1 uses vacuum_cost_delay)", GUC_UNIT_MS,
         &AutovacuumVacuumCostDelayMs, "2ms", -1, 100),

    /* Client Connection Defaults */
    STRING("search_path", GUC_CTX_USERSET, CAT_CLIENT,
           "Schemas searched for unqualified names", GUC_LIST_INPUT | GUC_LIST_QUOTE,
           &SearchPath, "\"$user\", public", NULL, NULL, NULL),
    ENUM("default_transaction_isolation", GUC_CTX_USERSET, CAT_CLIENT,
         "Isolation level of new transactions", 0,
         &DefaultXactIsoLevel, "read committed", isolation_level_options),
    ENUM_CHECKED("transaction_isolation", GUC_CTX_USERSET, CAT_CLIENT,
                 "Isolation level of the current transaction", GUC_DISALLOW_IN_FILE,
                 &XactIsoLevel, "read committed", isolation_level_options,
                 check_transaction_isolation),
    BOOL("default_transaction_read_only", GUC_CTX_USERSET, CAT_CLIENT,
         "Start new transactions read-only", GUC_REPORT, &DefaultXactReadOnly, "off", NULL),
    BOOL("transaction_read_only", GUC_CTX_USERSET, CAT_CLIENT,
         "The current transaction is read-only", GUC_DISALLOW_IN_FILE,
         &XactReadOnly, "off", NULL),
    INT("statement_timeout", GUC_CTX_USERSET, CAT_CLIENT,
        "Cancel statements running longer than this (0 disables)", GUC_UNIT_MS,
        &StatementTimeoutMs, "0", 0, INT_MAX),
    INT("lock_timeout", GUC_CTX_USERSET, CAT_CLIENT,
        "Give up waiting for a lock after this long (0 disables)", GUC_UNIT_MS,
        &LockTimeoutMs, "0", 0, INT_MAX),
    INT("idle_in_transaction_session_timeout", GUC_CTX_USERSET, CAT_CLIENT,
        "End sessions idle inside a transaction longer than this (0 disables)", GUC_UNIT_MS | NYU,
        &IdleInTransactionSessionTimeoutMs, "0", 0, INT_MAX),
    STRING("DateStyle", GUC_CTX_USERSET, CAT_CLIENT,
           "Display format of dates and times, and the field order of ambiguous input",
           GUC_REPORT | GUC_LIST_INPUT, &DateStyleString, "ISO, MDY",
           check_datestyle, assign_datestyle, NULL),
    ENUM("IntervalStyle", GUC_CTX_USERSET, CAT_CLIENT, "Display format of intervals",
         GUC_REPORT, &IntervalStyle, "postgres", interval_style_options),
    STRING("TimeZone", GUC_CTX_USERSET, CAT_CLIENT,
           "Time zone for displaying and interpreting timestamps", GUC_REPORT,
           &TimeZoneString, "UTC", check_timezone, assign_timezone, NULL),
    INT("extra_float_digits", GUC_CTX_USERSET, CAT_CLIENT,
        "Digits displayed for floating-point values (1 or more: shortest exact form)", 0,
        &ExtraFloatDigits, "1", -15, 3),
    ENUM("bytea_output", GUC_CTX_USERSET, CAT_CLIENT, "Output format of bytea values", 0,
         &ByteaOutput, "hex", bytea_output_options),
    STRING("client_encoding", GUC_CTX_USERSET, CAT_CLIENT,
           "Client character set (UTF8 only)", GUC_REPORT,
           &ClientEncoding, "UTF8", check_client_encoding, NULL, NULL),
    STRING("application_name", GUC_CTX_USERSET, CAT_CLIENT,
           "Application name reported in statistics and logs", GUC_REPORT,
           &ApplicationName, "", NULL, NULL, NULL),
    STRING("lc_messages", GUC_CTX_SUSET, CAT_CLIENT, "Language of messages (C only)", 0,
           &LcMessages, "C", check_c_locale, NULL, NULL),
    STRING("lc_monetary", GUC_CTX_USERSET, CAT_CLIENT, "Locale for money formatting (C only)", 0,
           &LcMonetary, "C", check_c_locale, NULL, NULL),
    STRING("lc_numeric", GUC_CTX_USERSET, CAT_CLIENT, "Locale for number formatting (C only)", 0,
           &LcNumeric, "C", check_c_locale, NULL, NULL),
    STRING("lc_time", GUC_CTX_USERSET, CAT_CLIENT, "Locale for date/time formatting (C only)", 0,
           &LcTime, "C", check_c_locale, NULL, NULL),

    /* Lock Management */
    INT("deadlock_timeout", GUC_CTX_SUSET, CAT_LOCKS,
        "Time to wait on a lock before checking for a deadlock", GUC_UNIT_MS,
        &DeadlockTimeoutMs, "1s", 1, INT_MAX),

    /* Version and Platform Compatibility */
    BOOL("standard_conforming_strings", GUC_CTX_USERSET, CAT_COMPAT,
         "'...' strings treat backslashes literally (only on is supported)", GUC_REPORT,
         &StandardConformingStrings, "on", check_only_on),
    BOOL("escape_string_warning", GUC_CTX_USERSET, CAT_COMPAT,
         "Warn about backslash escapes in ordinary string literals", 0,
         &EscapeStringWarning, "on", NULL),

    /* Admin API */
    INT("admin_api_port", GUC_CTX_POSTMASTER, CAT_ADMIN,
        "TCP port of the HTTP admin API (0 disables it)", 0, &AdminApiPort, "8080", 0, 65535),
    STRING("admin_listen_addresses", GUC_CTX_POSTMASTER, CAT_ADMIN,
           "Addresses the admin API listens on", GUC_LIST_INPUT,
           &AdminListenAddresses, "localhost", NULL, NULL, NULL),
    STRING("admin_api_token", GUC_CTX_SIGHUP, CAT_ADMIN,
           "Bearer token the admin API requires ('' = none, loopback only)",
           GUC_SUPERUSER_ONLY, &AdminApiToken, "", NULL, NULL, NULL),
    INT("maintenance_job_history", GUC_CTX_POSTMASTER, CAT_ADMIN,
        "Maintenance jobs kept in the job table (running and recent)", 0,
        &JobQueueSlots, "256", 16, 65536),

    /* Preset Options: read-only */
    STRING("server_version", GUC_CTX_INTERNAL, CAT_PRESET,
           "PostgreSQL version the server is compatible with", GUC_REPORT,
           &server_version_string, RDB_PG_COMPAT_VERSION, NULL, NULL, NULL),
    INT("server_version_num", GUC_CTX_INTERNAL, CAT_PRESET,
        "Compatible PostgreSQL version as a number", 0,
        &server_version_num, GUC_STRINGIFY(RDB_PG_COMPAT_VERSION_NUM), 100000, 999999),
    STRING("server_encoding", GUC_CTX_INTERNAL, CAT_PRESET, "Server character set", GUC_REPORT,
           &server_encoding_string, "UTF8", NULL, NULL, NULL),
    BOOL("integer_datetimes", GUC_CTX_INTERNAL, CAT_PRESET,
         "Date/time values are 64-bit integers", GUC_REPORT, &integer_datetimes, "on", NULL),
    INT("max_identifier_length", GUC_CTX_INTERNAL, CAT_PRESET,
        "Maximum identifier length in bytes", 0,
        &max_identifier_length, "63", 63, 63),
    INT("block_size", GUC_CTX_INTERNAL, CAT_PRESET, "Size of a disk page in bytes", 0,
        &block_size, GUC_STRINGIFY(BLCKSZ), BLCKSZ, BLCKSZ),
    STRING("lc_collate", GUC_CTX_INTERNAL, CAT_PRESET, "Collation order (C)", 0,
           &lc_collate_string, "C", NULL, NULL, NULL),
    STRING("lc_ctype", GUC_CTX_INTERNAL, CAT_PRESET, "Character classification (C)", 0,
           &lc_ctype_string, "C", NULL, NULL, NULL),
    BOOL("in_hot_standby", GUC_CTX_INTERNAL, CAT_PRESET, "The server is a hot standby",
         GUC_REPORT, &in_hot_standby, "off", NULL),
    BOOL("is_superuser", GUC_CTX_INTERNAL, CAT_PRESET, "The session user is a superuser",
         GUC_REPORT | GUC_NO_SHOW_ALL, &is_superuser_setting, "off", NULL),
    STRING("session_authorization", GUC_CTX_INTERNAL, CAT_PRESET,
           "Session user name", GUC_REPORT | GUC_NO_SHOW_ALL | GUC_DISALLOW_IN_FILE,
           &session_authorization_string, "", NULL, NULL, NULL),
};

const int   GucDefinitionCount = (int) lengthof(GucDefinitions);

/*
 * GucDescribeConfig -- the sample file: settings grouped by category in
 * table order, each as "#name = default    # description" (commented out:
 * the defaults are built in).  Read-only settings are listed in a final
 * comment block for reference only.
 */
void
GucDescribeConfig(FILE *out)
{
    const char *category = NULL;

    fprintf(out,
            "# rustydb.conf -- RustyDB instance configuration\n"
            "#\n"
            "# Generated from src/backend/utils/misc/guc_tables.c with\n"
            "#   build/bin/rustydb --describe-config > conf/rustydb.conf.sample\n"
            "# Do not edit by hand; check_guc verifies every setting is listed.\n"
            "#\n"
            "# Syntax: name = value   # comment.  Strings in single quotes ('' for a quote).\n"
            "# Memory units: B kB MB GB TB.  Time units: us ms s min h d (also '1 day', '5 minutes').\n"
            "# \"include 'file'\" and \"include_if_exists 'file'\" read another file.\n"
            "# Contexts: (restart) needs a server restart, (reload) applies on SIGHUP /\n"
            "# rustydb-ctl reload, others can also be SET per session.\n"
            "# Settings marked (not yet used) are accepted and shown, but the feature\n"
            "# they control does not exist yet.\n"
            "# ALTER SYSTEM writes rustydb.auto.conf, which is read after this file.\n");
    for (int pass = 0; pass < 2; pass++)
    {
        if (pass == 1)
            fprintf(out, "\n#------------------------------------------------------------------------------\n"
                    "# %s (read-only, listed for reference)\n"
                    "#------------------------------------------------------------------------------\n\n",
                    CAT_PRESET);
        for (int i = 0; i < GucDefinitionCount; i++)
        {
            const GucDefinition *def = &GucDefinitions[i];
            bool        internal = def->context == GUC_CTX_INTERNAL;
            const char *ctx;
            char        value[256];

            if ((pass == 0) == internal)
                continue;
            if (pass == 0 && (category == NULL || strcmp(category, def->category) != 0))
            {
                category = def->category;
                fprintf(out, "\n#------------------------------------------------------------------------------\n"
                        "# %s\n"
                        "#------------------------------------------------------------------------------\n\n",
                        category);
            }
            ctx = def->context == GUC_CTX_POSTMASTER ? " (restart)" :
                (def->context == GUC_CTX_SIGHUP || def->context == GUC_CTX_BACKEND) ? " (reload)" : "";
            if (def->type == GUC_TYPE_STRING)
            {
                size_t      n = 0;

                value[n++] = '\'';
                for (const char *p = def->boot_value; *p && n < sizeof(value) - 3; p++)
                {
                    if (*p == '\'')
                        value[n++] = '\'';
                    value[n++] = *p;
                }
                value[n++] = '\'';
                value[n] = '\0';
            }
            else
                snprintf(value, sizeof(value), "%s", def->boot_value);
            fprintf(out, "#%s = %s%*s# %s%s%s\n", def->name, value,
                    (int) Max(1, 40 - (int) (strlen(def->name) + strlen(value) + 4)), "",
                    def->description, ctx, (def->flags & GUC_NOT_YET_USED) ? " (not yet used)" : "");
        }
    }
}

int
GucSettingCount(void)
{
    return GucDefinitionCount;
}

const char *
GucSettingName(int index)
{
    Assert(index >= 0 && index < GucDefinitionCount);
    return GucDefinitions[index].name;
}

int
GucSettingFlags(int index)
{
    Assert(index >= 0 && index < GucDefinitionCount);
    return GucDefinitions[index].flags;
}
