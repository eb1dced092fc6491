/*
 * guc.h
 *     Configuration settings ("GUCs"): the one table of settings, the
 *     variables they are bound to, value parsing with units, the
 *     configuration-file reader, SET / SHOW / RESET / ALTER SYSTEM.
 * Implemented in src/backend/utils/misc/: guc_tables.c (the table: the one
 * source of truth, also used to generate conf/rustydb.conf.sample),
 * guc.c (values, stacking, SET/SHOW), guc_file.c (file parser, reload,
 * ALTER SYSTEM).  See the README there.
 *
 * Reading a setting: just read its C variable (e.g. WorkMemKb).  Variables
 * always hold the value in the setting's base unit (the unit named next to
 * the declaration).  Never assign to them directly: use GucSetOption().
 */
#ifndef UTILS_GUC_H
#define UTILS_GUC_H

#include "rustydb.h"

struct VariableSetStmt;
struct VariableShowStmt;
struct AlterSystemStmt;
struct DestReceiver;
struct TupleDescData;

/*
 * When a setting may change (PostgreSQL's contexts).  Ordered: a context
 * can set anything whose context is >= its own.
 */
typedef enum GucContext
{
    GUC_CTX_INTERNAL,           /* never: read-only, computed (server_version) */
    GUC_CTX_POSTMASTER,         /* at server start only (config file, -c) */
    GUC_CTX_SIGHUP,             /* config file, applied on reload */
    GUC_CTX_BACKEND,            /* config file or connection start-up packet */
    GUC_CTX_SUSET,              /* SET by superusers */
    GUC_CTX_USERSET             /* SET by anyone */
} GucContext;

/* Where the current value came from; a lower source never overrides a higher. */
typedef enum GucSource
{
    GUC_SRC_DEFAULT,            /* built-in default */
    GUC_SRC_FILE,               /* rustydb.conf / rustydb.auto.conf */
    GUC_SRC_ARGV,               /* postmaster -c / -p */
    GUC_SRC_CLIENT,             /* start-up packet (options, client_encoding, ...) */
    GUC_SRC_SESSION,            /* SET */
    GUC_SRC_TEST                /* validation only: nothing is assigned */
} GucSource;

typedef enum GucType
{
    GUC_TYPE_BOOL,
    GUC_TYPE_INT,
    GUC_TYPE_REAL,
    GUC_TYPE_STRING,
    GUC_TYPE_ENUM
} GucType;

/* How GucSetOption applies a value. */
typedef enum GucAction
{
    GUC_ACTION_SET,             /* SET / file / start-up: lasts past the transaction (unless it aborts) */
    GUC_ACTION_LOCAL            /* SET LOCAL: reverts at transaction end */
} GucAction;

/* Flags (bits) in a setting's table entry. */
#define GUC_UNIT_KB         0x0001      /* integer, kilobytes */
#define GUC_UNIT_BLOCKS     0x0002      /* integer, BLCKSZ pages */
#define GUC_UNIT_MB         0x0004      /* integer, megabytes */
#define GUC_UNIT_MS         0x0010      /* milliseconds */
#define GUC_UNIT_S          0x0020      /* seconds */
#define GUC_UNIT_MIN        0x0040      /* minutes */
#define GUC_UNIT_MEMORY     (GUC_UNIT_KB | GUC_UNIT_BLOCKS | GUC_UNIT_MB)
#define GUC_UNIT_TIME       (GUC_UNIT_MS | GUC_UNIT_S | GUC_UNIT_MIN)
#define GUC_UNIT            (GUC_UNIT_MEMORY | GUC_UNIT_TIME)
#define GUC_REPORT          0x0100      /* send ParameterStatus to the client when it changes */
#define GUC_LIST_INPUT      0x0200      /* SET x = a, b accepted (search_path, listen_addresses) */
#define GUC_NO_SHOW_ALL     0x0400      /* omitted from SHOW ALL */
#define GUC_SUPERUSER_ONLY  0x0800      /* value shown only to superusers (secrets) */
#define GUC_NOT_IN_SAMPLE   0x1000      /* not listed in rustydb.conf.sample (internal) */
#define GUC_NOT_YET_USED    0x2000      /* accepted and shown, but its feature does not exist yet */
#define GUC_DISALLOW_IN_FILE 0x4000     /* may not appear in a config file (transaction_isolation) */
#define GUC_LIST_QUOTE      0x8000      /* SET list elements are identifiers: quote as needed */

/* ---------- setting variables (guc_tables.c unless noted) ---------- */

/* connections */
extern int  PostPortNumber;             /* port */
extern char *ListenAddresses;           /* listen_addresses */
extern char *UnixSocketDirectories;     /* unix_socket_directories */
/* MaxConnections: storage/proc.h */
extern int  SuperuserReservedConnections; /* superuser_reserved_connections */
extern int  AuthenticationTimeoutS;     /* authentication_timeout, s */
extern char *PasswordEncryption;        /* password_encryption (enum text) */

/* resources; SharedBuffers (8kB blocks): storage/bufmgr.h */
extern int  WorkMemKb;                  /* work_mem, kB */
extern int  MaintenanceWorkMemKb;       /* maintenance_work_mem, kB */

/* logging; LogMinMessages / ClientMinMessages: utils/elog.h */
extern char *LogLinePrefix;             /* log_line_prefix */
extern bool LogConnections;             /* log_connections */
extern bool LogDisconnections;          /* log_disconnections */
extern int  LogMinDurationStatementMs;  /* log_min_duration_statement, ms; -1 off */
extern int  LogStatement;               /* log_statement: GUC_LOGSTMT_* */
extern bool LogCheckpoints;             /* log_checkpoints */
extern int  LogAutovacuumMinDurationMs; /* log_autovacuum_min_duration, ms; -1 off */
extern int  LogRotationSizeKb;          /* log_rotation_size, kB; 0 off */
extern int  LogRotationAgeMin;          /* log_rotation_age, min; 0 off */
extern char *LogTimezone;               /* log_timezone */

typedef enum GucLogStatement
{
    GUC_LOGSTMT_NONE,
    GUC_LOGSTMT_DDL,
    GUC_LOGSTMT_MOD,
    GUC_LOGSTMT_ALL
} GucLogStatement;

/* client defaults */
extern char *DateStyleString;           /* DateStyle, canonical "ISO, MDY" */
extern int  DateStyleOutput;            /* parsed from DateStyle: GUC_DATESTYLE_* */
extern int  DateStyleOrder;             /* parsed from DateStyle: GUC_DATEORDER_* */
extern char *TimeZoneString;            /* TimeZone (applied via SessionTimeZoneSet) */
extern int  IntervalStyle;              /* IntervalStyle: GUC_INTSTYLE_* */
extern int  ExtraFloatDigits;           /* extra_float_digits, -15..3 */
extern int  ByteaOutput;                /* bytea_output: GUC_BYTEA_OUTPUT_* */
extern char *SearchPath;                /* search_path, e.g. "\"$user\", public" */
extern char *ApplicationName;           /* application_name */
extern int  StatementTimeoutMs;         /* statement_timeout, ms; 0 off */
extern int  LockTimeoutMs;              /* lock_timeout, ms; 0 off */
extern int  IdleInTransactionSessionTimeoutMs; /* idle_in_transaction_session_timeout, ms */
/*
 * default_transaction_isolation, transaction_isolation,
 * default_transaction_read_only, transaction_read_only: DefaultXactIsoLevel,
 * XactIsoLevel, DefaultXactReadOnly, XactReadOnly in access/xact.h.
 */
extern char *ClientEncoding;            /* client_encoding: "UTF8" or "SQL_ASCII" */
extern bool StandardConformingStrings;  /* standard_conforming_strings (on only) */
extern bool EscapeStringWarning;        /* escape_string_warning */
extern int  DefaultStatisticsTarget;    /* default_statistics_target */
/*
 * Planner method switches (enable_*): a disabled method is still used when
 * nothing else can do the job; its paths just cost disable_cost more, as
 * PostgreSQL.
 */
extern bool EnableSeqscan;              /* enable_seqscan */
extern bool EnableIndexscan;            /* enable_indexscan */
extern bool EnableIndexonlyscan;        /* enable_indexonlyscan */
extern bool EnableNestloop;             /* enable_nestloop */
extern bool EnableHashjoin;             /* enable_hashjoin */
extern bool EnableMergejoin;            /* enable_mergejoin */
extern bool EnableSort;                 /* enable_sort */
extern bool EnableMaterial;             /* enable_material */
extern char *LcMessages;                /* lc_messages (C only for now) */
extern char *LcMonetary;
extern char *LcNumeric;
extern char *LcTime;

typedef enum GucDateStyle
{
    GUC_DATESTYLE_ISO,
    GUC_DATESTYLE_POSTGRES,
    GUC_DATESTYLE_SQL,
    GUC_DATESTYLE_GERMAN
} GucDateStyle;

typedef enum GucDateOrder
{
    GUC_DATEORDER_MDY,
    GUC_DATEORDER_DMY,
    GUC_DATEORDER_YMD
} GucDateOrder;

typedef enum GucIntervalStyle
{
    GUC_INTSTYLE_POSTGRES,
    GUC_INTSTYLE_POSTGRES_VERBOSE,
    GUC_INTSTYLE_SQL_STANDARD,
    GUC_INTSTYLE_ISO_8601
} GucIntervalStyle;

typedef enum GucByteaOutput
{
    GUC_BYTEA_OUTPUT_HEX,
    GUC_BYTEA_OUTPUT_ESCAPE
} GucByteaOutput;

/* locks */
extern int  DeadlockTimeoutMs;          /* deadlock_timeout, ms */

/* write-ahead log and checkpoints */
extern bool EnableFsync;                /* fsync */
extern int  SynchronousCommit;          /* synchronous_commit: GUC_SYNC_COMMIT_* */
extern int  WalSyncMethod;              /* wal_sync_method: GUC_WAL_SYNC_* */
extern int  WalCompression;             /* wal_compression: GUC_WAL_COMPRESSION_* */
extern int  CheckpointTimeoutS;         /* checkpoint_timeout, s */
extern int  MaxWalSizeMb;               /* max_wal_size, MB */
extern double CheckpointCompletionTarget; /* checkpoint_completion_target, 0..1 */

typedef enum GucSyncCommit
{
    GUC_SYNC_COMMIT_OFF,
    GUC_SYNC_COMMIT_LOCAL,
    GUC_SYNC_COMMIT_REMOTE_WRITE,
    GUC_SYNC_COMMIT_ON,
    GUC_SYNC_COMMIT_REMOTE_APPLY
} GucSyncCommit;

typedef enum GucWalSyncMethod
{
    GUC_WAL_SYNC_FDATASYNC,
    GUC_WAL_SYNC_FSYNC,
    GUC_WAL_SYNC_OPEN_SYNC,
    GUC_WAL_SYNC_OPEN_DATASYNC
} GucWalSyncMethod;

typedef enum GucWalCompression
{
    GUC_WAL_COMPRESSION_OFF,
    GUC_WAL_COMPRESSION_LZ4     /* "on" means lz4 */
} GucWalCompression;

/* autovacuum and statistics */
extern bool AutovacuumEnabled;          /* autovacuum */
extern int  AutovacuumNaptimeS;         /* autovacuum_naptime, s */
extern int  AutovacuumMaxWorkers;       /* autovacuum_max_workers (restart) */
extern int  AutovacuumVacuumThreshold;  /* autovacuum_vacuum_threshold, tuples */
extern double AutovacuumVacuumScaleFactor;
extern int  AutovacuumAnalyzeThreshold;
extern double AutovacuumAnalyzeScaleFactor;
extern int  AutovacuumVacuumCostLimit;  /* -1 = use vacuum_cost_limit */
extern double AutovacuumVacuumCostDelayMs; /* ms, -1 = use vacuum_cost_delay */
extern double BulkChangeAnalyzeFraction;    /* bulk_change_analyze_fraction (maintenance engine) */
extern int  VacuumCostLimit;            /* vacuum_cost_limit */
extern double VacuumCostDelayMs;        /* vacuum_cost_delay, ms; 0 off */
extern bool AutoStatisticsGather;       /* auto_statistics_gather (RustyDB) */
extern int  StatisticsGatherIntervalS;  /* statistics_gather_interval, s (RustyDB) */

/* admin API (RustyDB) */
extern int  AdminApiPort;               /* admin_api_port; 0 disables the admin API */
extern char *AdminListenAddresses;      /* admin_listen_addresses */
extern char *AdminApiToken;             /* admin_api_token ("" = no token required on loopback) */

/* file locations (set from -D; shown read-only) */
extern char *DataDirectorySetting;      /* data_directory */

/* ---------- guc.c: the settings machinery ---------- */

/*
 * GucInitialize -- build the lookup index and assign every built-in
 * default.  Called once per process before anything reads a setting (the
 * postmaster; children inherit the state through fork).
 */
extern void GucInitialize(void);

/*
 * GucSetOption -- validate value for setting name and, unless source is
 * GUC_SRC_TEST, assign it.  value NULL means "reset to the default from
 * the file/start-up (the reset value)".  context is the caller's privilege
 * (GUC_CTX_SIGHUP for a file reload, GUC_CTX_USERSET/SUSET for SET, ...).
 * On failure reports at elevel: at ERROR and above it does not return; below
 * ERROR it reports and returns false.  Errors: 42704 unknown name, 22023 bad
 * value (hint with range/units/allowed values), 55P02 restart-only setting,
 * 42501 superuser-only setting.
 */
extern bool GucSetOption(const char *name, const char *value, GucContext context,
                         GucSource source, GucAction action, int elevel);

/*
 * GucGetOption -- the current value as SHOW prints it ("128MB", "on", "1d")
 * or NULL for an unknown name when missing_ok (else ERROR 42704).
 * Allocated in the caller's current context.
 */
extern char *GucGetOption(const char *name, bool missing_ok);

/* The canonical name ("DateStyle" for "datestyle"), or NULL if unknown. */
extern const char *GucCanonicalName(const char *name);

/*
 * GucReportChangedSettings -- send a ParameterStatus message for every
 * GUC_REPORT setting whose value changed since the last call (the backend
 * main loop calls it before ReadyForQuery).  GucReportAllSettings sends all
 * of them (at connection start).
 */
extern void GucReportChangedSettings(void);
extern void GucReportAllSettings(void);

/*
 * Transaction hooks.  AtStartXact_GUC is optional (SET works without it).
 * AtEOXact_GUC(commit) must run once when a transaction ends: on commit,
 * SET values stay and SET LOCAL values revert; on abort every change made
 * in the transaction reverts.  Idempotent: a second call is a no-op.
 */
extern void AtEOXact_GUC(bool commit);

/* Apply settings marked pending by a SIGHUP reload (backends call it when idle). */
extern void GucProcessPendingReload(void);

/* ---------- value parsing (guc.c; exported for the tests and tools) ---------- */

/*
 * GucParseBool -- on/off/true/false/yes/no/1/0, and unambiguous prefixes of
 * true/false/yes/no ("t", "ye"); case-insensitive, as PostgreSQL.
 */
extern bool GucParseBool(const char *value, bool *result);

/*
 * GucParseInt -- integer with an optional unit ("8MB", "5min", "250 ms",
 * "1 day"), converted to the unit in flags (GUC_UNIT_*).  Without a unit
 * the number is in the setting's own unit.  A fractional value with a unit
 * ("1.5GB") is allowed and rounded.  On failure returns false and sets
 * *hint to a static string (may be NULL).
 */
extern bool GucParseInt(const char *value, int flags, int *result, const char **hint);
/* GucParseReal -- like GucParseInt for floating-point settings. */
extern bool GucParseReal(const char *value, int flags, double *result, const char **hint);

/*
 * GucFormatUnits -- the SHOW form of an integer in base unit flags, using
 * the largest unit that divides it exactly ("128MB" for 16384 blocks,
 * "1d" for 86400 s, "-1" stays unit-less).  Writes into buf.
 */
extern void GucFormatUnits(int64 value, int flags, char *buf, size_t buflen);

/* ---------- guc_file.c: configuration files ---------- */

/* One "name = value" line read from a file. */
typedef struct GucFileItem
{
    char       *name;
    char       *value;          /* quotes removed, escapes resolved */
    char       *filename;
    int         lineno;
    struct GucFileItem *next;
} GucFileItem;

/*
 * GucParseConfigFile -- read path (following "include 'file'" and
 * "include_if_exists 'file'" lines relative to its directory) and return
 * its items in order, allocated in the caller's current context.  On a
 * syntax error reports at elevel ("syntax error in file \"%s\" line %d, near
 * token \"%s\"", 42601 / F0000) and returns false (when elevel < ERROR).
 * missing_ok: a missing file yields true and no items.
 */
extern bool GucParseConfigFile(const char *path, bool missing_ok, int elevel,
                               GucFileItem **items);

/*
 * GucProcessConfigFiles -- read DataDir/rustydb.conf then
 * rustydb.auto.conf and apply them with the given context: GUC_CTX_POSTMASTER
 * at start (any error is FATAL), GUC_CTX_SIGHUP on reload (a file with any
 * error is ignored as a whole, reported at LOG; restart-only changes are
 * logged as "parameter \"%s\" cannot be changed without restarting the
 * server" and skipped).  Settings removed from the file revert to their
 * defaults on reload.  Returns false if anything was rejected.
 */
extern bool GucProcessConfigFiles(GucContext context);

/*
 * GucWriteAutoConfFile -- write the given items (name/value pairs) as the
 * new rustydb.auto.conf atomically: temp file, fsync, rename, fsync dir.
 * ERROR on any I/O failure (the old file is left untouched).
 */
extern void GucWriteAutoConfFile(const char *dir, const GucFileItem *items);

/* ---------- SQL commands (guc.c, guc_file.c) ---------- */

/* SET [LOCAL|SESSION] name {TO|=} value | DEFAULT; RESET name | ALL; SET TIME ZONE ... */
extern void ExecSetVariableStmt(struct VariableSetStmt *stmt);
/* SHOW name | ALL: sends the result rows to dest. */
extern void ExecShowStmt(struct VariableShowStmt *stmt, struct DestReceiver *dest);
/* Column layout of SHOW's result (one text column named after the setting, or name/setting/description). */
extern struct TupleDescData *ShowStmtResultDesc(struct VariableShowStmt *stmt);
/* ALTER SYSTEM SET name = value | DEFAULT; ALTER SYSTEM RESET name | ALL. */
extern void ExecAlterSystemStmt(struct AlterSystemStmt *stmt);

/* ---------- introspection (guc_tables.c) ---------- */

/*
 * GucDescribeConfig -- write one line per setting to out in the sample-file
 * format (used by `rustydb --describe-config` to generate
 * conf/rustydb.conf.sample and by the unit tests).
 */
extern void GucDescribeConfig(FILE *out);
extern int  GucSettingCount(void);
extern const char *GucSettingName(int index);
extern int  GucSettingFlags(int index);

#endif                          /* UTILS_GUC_H */
