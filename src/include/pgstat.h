/*
 * pgstat.h
 *     Cumulative activity statistics: per-database, per-table, per-index and
 *     per-statement counters, the "missing index" evidence, and the API the
 *     executor, the transaction machinery and maintenance (VACUUM / ANALYZE /
 *     autovacuum) use to feed and read them.
 * Implemented in src/backend/utils/activity/ (backend-side accumulation,
 * the shared hash, statement normalisation, persistence) and
 * src/postmaster/pgstat.c (the stats collector process); the SQL functions
 * behind the views are in src/backend/utils/adt/pgstatfuncs.c.  Design,
 * locking and the on-disk format: src/backend/utils/activity/README.md.
 *
 * Flow: a backend counts into private memory while a transaction runs
 * (cheap increments, no locks).  At transaction end it folds the counts
 * into the shared hash (partition LWLocks taken *conditionally*: a busy
 * partition leaves the counts pending for the next transaction end, so a
 * backend never waits).  The collector writes the shared hash to
 * data/global/rustydb_stats every stats_persist_interval and at shutdown
 * (temp file + fsync + rename) and the startup path reloads it, also after
 * a crash restart (then from the last periodic write).
 */
#ifndef PGSTAT_H
#define PGSTAT_H

#include "rustydb.h"
#include "utils/datetime.h"

/* ------------------------------------------------------------------------
 * Shared entries (what readers get).  All counters are cumulative since the
 * entry was created or reset.  Timestamps are 0 when the event never
 * happened.
 * ------------------------------------------------------------------------ */

typedef struct PgStat_TableEntry
{
    Oid         db;                 /* key: database oid (0: shared catalog) */
    Oid         relid;              /* key: table oid */
    int64       seq_scan;           /* sequential scans started */
    int64       seq_tup_read;       /* live rows returned by sequential scans */
    int64       idx_scan;           /* index scans started on this table's indexes */
    int64       idx_tup_fetch;      /* live rows fetched by index scans */
    int64       n_tup_ins;          /* rows inserted (committed or not) */
    int64       n_tup_upd;
    int64       n_tup_del;
    int64       n_tup_hot_upd;
    int64       n_live_tup;         /* estimate; set exactly by VACUUM/ANALYZE */
    int64       n_dead_tup;         /* estimate; set exactly by VACUUM */
    int64       n_mod_since_analyze;    /* committed ins+upd+del since last ANALYZE */
    int64       n_ins_since_vacuum;     /* committed inserts since last VACUUM */
    int64       blks_read;          /* heap blocks read from disk */
    int64       blks_hit;           /* heap blocks found in the buffer pool */
    TimestampTz last_seq_scan;
    TimestampTz last_vacuum;        /* manual VACUUM */
    TimestampTz last_autovacuum;
    TimestampTz last_analyze;       /* manual ANALYZE */
    TimestampTz last_autoanalyze;
    int64       vacuum_count;
    int64       autovacuum_count;
    int64       analyze_count;
    int64       autoanalyze_count;
    int64       last_vacuum_duration_ms;    /* 0 when never vacuumed */
    int64       last_vacuum_removed;        /* dead rows removed by the last vacuum */
} PgStat_TableEntry;

typedef struct PgStat_IndexEntry
{
    Oid         db;                 /* key */
    Oid         indexrelid;         /* key */
    Oid         relid;              /* the indexed table */
    int64       idx_scan;           /* index scans started */
    int64       idx_tup_read;       /* index entries returned */
    int64       idx_tup_fetch;      /* live heap rows fetched through it */
    int64       blks_read;
    int64       blks_hit;
    TimestampTz last_idx_scan;      /* 0: never used */
    TimestampTz created_at;         /* first time the stats system saw it (CREATE INDEX) */
} PgStat_IndexEntry;

typedef struct PgStat_DatabaseEntry
{
    Oid         db;                 /* key */
    int64       xact_commit;
    int64       xact_rollback;
    int64       blks_read;
    int64       blks_hit;
    int64       tup_returned;
    int64       tup_fetched;
    int64       tup_inserted;
    int64       tup_updated;
    int64       tup_deleted;
    int64       conflicts;          /* always 0: no standbys */
    int64       temp_files;
    int64       temp_bytes;
    int64       deadlocks;
    int64       sessions;
    double      blk_read_time_ms;   /* 0 unless track_io_timing */
    double      blk_write_time_ms;
    TimestampTz stats_reset;
} PgStat_DatabaseEntry;

/* Longest normalised statement text kept (bytes, NUL excluded); longer is cut. */
#define PGSTAT_STATEMENT_TEXT_MAX 1023

typedef struct PgStat_StatementEntry
{
    uint64      queryid;            /* key (with userid, db): stable 64-bit id */
    Oid         userid;             /* key */
    Oid         db;                 /* key */
    int64       calls;
    double      total_time_ms;
    double      min_time_ms;
    double      max_time_ms;
    double      mean_time_ms;
    double      sum_var_time;       /* Welford's M2, for stddev */
    int64       rows;
    int64       shared_blks_hit;
    int64       shared_blks_read;
    TimestampTz first_executed;
    TimestampTz last_executed;
    char        query[PGSTAT_STATEMENT_TEXT_MAX + 1];   /* normalised text */
} PgStat_StatementEntry;

/* Columns of a missing-index suggestion (ordered by attnum; at most this many). */
#define PGSTAT_MISSING_INDEX_MAX_COLS 4

typedef struct PgStat_MissingIndexEntry
{
    Oid         db;                 /* key */
    Oid         relid;              /* key */
    int16       natts;              /* key: number of columns in attnums */
    int16       attnums[PGSTAT_MISSING_INDEX_MAX_COLS];    /* key */
    int64       executions;         /* seq scans that gave this evidence */
    int64       rows_scanned;
    int64       rows_returned;
    double      actual_cost;        /* summed planner cost of the seq scans */
    double      hypothetical_cost;  /* summed cost with a btree on attnums */
    uint64      example_queryid;
    TimestampTz last_seen;
} PgStat_MissingIndexEntry;

/* Statement-level call summary (pgstat_report_statement). */
typedef struct PgStat_StatementCall
{
    const char *source_text;        /* the statement as sent (for normalisation) */
    uint64      queryid;            /* from PgStatQueryId(); 0 = compute from text */
    double      duration_ms;
    int64       rows;
    int64       blks_hit;
    int64       blks_read;
} PgStat_StatementCall;

/* ------------------------------------------------------------------------
 * Settings (bound in the GUC table).
 * ------------------------------------------------------------------------ */
extern bool pgstat_track_counts;            /* track_counts (superuser) */
extern bool pgstat_track_activities;        /* track_activities (superuser) */
extern bool pgstat_track_statements;        /* track_statements (superuser; RustyDB) */
extern int  pgstat_persist_interval_ms;     /* stats_persist_interval, ms (reload; RustyDB) */
/* slow statements: log_min_duration_statement (utils/guc.h) */

/*
 * pgstat_initialize -- set up statistics for a backend connected to its
 * database (end of InitPostgres): transaction callback, exit-time flush,
 * the pg_stat_activity slot.
 */
extern void pgstat_initialize(void);

/* ------------------------------------------------------------------------
 * Backend side: counting (activity/pgstat_relation.c, pgstat_xact.c).
 * All of these are cheap, never block and never ERROR; outside a
 * transaction-capable process, or with track_counts off, they do nothing.
 * The counts are private until the transaction ends.
 * ------------------------------------------------------------------------ */

/* Per-relation private counters, for callers that cache a pointer. */
typedef struct PgStat_RelCounts
{
    Oid         relid;
    bool        is_index;
    Oid         heap_relid;         /* indexes: the table */
    int64       numscans;
    int64       tuples_returned;    /* seq: rows returned; index: entries read */
    int64       tuples_fetched;     /* index scans: heap rows fetched */
    int64       tuples_inserted;
    int64       tuples_updated;
    int64       tuples_hot_updated;
    int64       tuples_deleted;
    int64       blocks_fetched;
    int64       blocks_hit;
} PgStat_RelCounts;

/*
 * pgstat_rel_counts -- the private counter block of a relation for the
 * current transaction (created on first use, in TopMemoryContext).  Valid
 * until the next pgstat_report_xact_end() / flush.  NULL when counting is off.
 */
extern PgStat_RelCounts *pgstat_rel_counts(Oid relid, bool is_index);

/* Executor instrumentation points. */
extern void pgstat_count_seq_scan(Oid relid);
extern void pgstat_count_seq_tuples(Oid relid, int64 nreturned);
extern void pgstat_count_index_scan(Oid indexrelid, Oid heap_relid);
/* entries read from the index and heap rows fetched (visible) through it */
extern void pgstat_count_index_tuples(Oid indexrelid, Oid heap_relid, int64 nread, int64 nfetched);
extern void pgstat_count_heap_insert(Oid relid, int64 n);
extern void pgstat_count_heap_update(Oid relid, bool hot);
extern void pgstat_count_heap_delete(Oid relid);

/*
 * pgstat_count_missing_index -- evidence from a finished sequential scan:
 * rows_scanned rows were read, rows_returned passed the quals, which compare
 * the columns attnums (natts of them) with constants/params by equality or
 * range, and no index on relid has attnums' leading column.  actual_cost is
 * the plan's seq-scan cost, hypothetical_cost the cost the planner computes
 * for an index scan on a btree over those columns.
 */
extern void pgstat_count_missing_index(Oid relid, const int16 *attnums, int natts,
                                       int64 rows_scanned, int64 rows_returned,
                                       double actual_cost, double hypothetical_cost);

/*
 * pgstat_report_seqscan -- a sequential scan of rel ended (ExecEndSeqScan,
 * rescan): rows_scanned rows read, rows_returned passed plan_quals (the
 * SeqScan plan node's qual list).  Counts the rows read and, when the scan
 * was selective on indexable conditions with no usable index, records
 * missing-index evidence (pgstat_missing.c).
 */
struct RelationData;
struct List;
extern void pgstat_report_seqscan(struct RelationData *rel, struct List *plan_quals,
                                  int64 rows_scanned, int64 rows_returned);

/* Temporary files (sorts, hashes that spill). */
extern void pgstat_count_temp_file(int64 bytes);
/* A deadlock was detected in this backend (deadlock.c / lock.c). */
extern void pgstat_report_deadlock(void);

/*
 * Transaction end (xact.c): fold the private counters into the pending
 * counts with commit or abort semantics (inserts of an aborted transaction
 * become dead rows, nothing counts as modified), then try to publish if due
 * (PGSTAT_FLUSH_INTERVAL_MS below).
 */
extern void pgstat_report_xact_end(bool committed);

/*
 * Publication interval of client backends: pending counts go to shared
 * memory at a transaction end or an idle moment at least this long after
 * the previous publication (the first one at once); a partial publication
 * (a partition lock was busy) is retried after PGSTAT_FLUSH_RETRY_MS.
 */
#define PGSTAT_FLUSH_INTERVAL_MS 500
#define PGSTAT_FLUSH_RETRY_MS 10

/*
 * pgstat_enable_interval_flush -- publish on the interval above instead of
 * at every transaction end.  Only for a process that calls
 * pgstat_idle_flush() whenever it waits (the traffic cop); others keep
 * publishing at every transaction end.
 */
extern void pgstat_enable_interval_flush(void);

/*
 * pgstat_idle_flush -- the backend is about to wait for its client: publish
 * if due.  Returns 0 when nothing is left pending, else the milliseconds
 * after which to call it again (the caller sets a timer that interrupts the
 * wait).  Never waits for a lock, never raises an error.
 */
extern int  pgstat_idle_flush(void);

/*
 * pgstat_flush -- publish pending counts to shared memory.  force: wait for
 * partition locks (used by rustydb_stat_flush() and at backend exit);
 * otherwise busy partitions stay pending.  Returns true when nothing is
 * left pending.
 */
extern bool pgstat_flush(bool force);

/* ------------------------------------------------------------------------
 * Statements (activity/pgstat_statement.c, normalize.c)
 * ------------------------------------------------------------------------ */

/*
 * PgStatNormalizeQuery -- replace constants (numeric literals and string
 * literals, including E'..', B'..', X'..' and typed 'literal'::type forms'
 * quoted part) with $1, $2, ... (numbering after any $n already in the
 * text), collapse whitespace runs to one space, strip comments and a
 * trailing semicolon.  Result palloc'd in the current context.
 */
extern char *PgStatNormalizeQuery(const char *query);
/*
 * PgStatQueryId -- the 64-bit id of a statement: a hash of its normalised
 * text with identifiers folded to lower case and keyword case ignored, so
 * "SELECT * FROM t WHERE a = 1" and "select *  from T where a=2" share it.
 * Never 0.  Stable across restarts, processes and builds (FNV-1a 64).
 */
extern uint64 PgStatQueryId(const char *query);

/* The query id of the statement running now in this backend (0: none). */
extern uint64 pgstat_current_queryid;

/*
 * pgstat_report_statement -- called once per top-level statement that
 * finished (ExecutorEnd-level, from tcop), successful or not: updates the
 * statement counters (when tracking is on) and writes slow-query.log when
 * duration_ms >= log_min_duration_statement.
 */
extern void pgstat_report_statement(const PgStat_StatementCall *call);

/*
 * Statement timing for the traffic cop: pgstat_statement_start() before a
 * statement runs (pg_stat_activity state "active", query text, start time,
 * buffer counters), pgstat_statement_end() after it succeeded with rows
 * processed; text/len is the statement's own part of the query string.
 */
typedef struct PgStat_StatementTimer
{
    int64       start_ns;       /* CLOCK_MONOTONIC */
    uint64      blks_hit;
    uint64      blks_read;
    const char *text;
    size_t      len;
} PgStat_StatementTimer;

extern void pgstat_statement_start(PgStat_StatementTimer *timer, const char *text, size_t len);
extern void pgstat_statement_end(PgStat_StatementTimer *timer, int64 rows);
/* The backend is about to wait for the client (state idle / idle in transaction). */
extern void pgstat_report_idle(bool in_transaction, bool aborted);

/* ------------------------------------------------------------------------
 * Maintenance side (VACUUM / ANALYZE / autovacuum)
 * ------------------------------------------------------------------------ */

/*
 * pgstat_report_vacuum -- a VACUUM of relid in MyDatabaseId finished:
 * live/dead become live_tuples/dead_tuples (exact counts of the scan),
 * n_ins_since_vacuum resets, last_(auto)vacuum = now, count++, and the
 * duration and removed count are kept for v$table_statistics.  Published
 * immediately (waits for the partition lock; never for the collector).
 */
extern void pgstat_report_vacuum(Oid relid, bool is_autovacuum,
                                 int64 live_tuples, int64 dead_tuples,
                                 int64 removed_tuples, int64 duration_ms);
/*
 * pgstat_report_analyze -- an ANALYZE of relid finished: n_live_tup and
 * n_dead_tup take the sampled estimates, n_mod_since_analyze resets to 0
 * (modifications made by transactions still open when ANALYZE ran are
 * counted later, when they commit), last_(auto)analyze = now, count++.
 */
extern void pgstat_report_analyze(Oid relid, bool is_autovacuum,
                                  int64 live_tuples, int64 dead_tuples);

/*
 * PgStatGetTableEntry -- copy the shared entry of (db, relid) to *out.
 * Returns false (and zeroes *out, with relid/db set) if the table has no
 * statistics yet.  Takes the partition lock shared; callable from any
 * attached process (autovacuum launcher and workers included).  Does not
 * include the caller's own unpublished counts.
 */
extern bool PgStatGetTableEntry(Oid db, Oid relid, PgStat_TableEntry *out);
extern bool PgStatGetIndexEntry(Oid db, Oid indexrelid, PgStat_IndexEntry *out);
extern bool PgStatGetDatabaseEntry(Oid db, PgStat_DatabaseEntry *out);

/*
 * Forget a dropped table/index now: its entry, its indexes' entries and its
 * missing-index suggestions; a delta still pending in another backend does
 * not bring it back (TRUNCATE keeps the statistics).
 */
extern void pgstat_drop_relation(Oid db, Oid relid);
/*
 * DROP of relid in the running transaction (RelationDrop, for the table and
 * each of its indexes): at commit its statistics and this backend's pending
 * deltas for it are removed; at abort nothing happens.
 */
extern void pgstat_drop_relation_at_commit(Oid relid);
/* Record the creation time of an index (CREATE INDEX / REINDEX). */
extern void pgstat_create_index(Oid indexrelid, Oid heap_relid);

/* ------------------------------------------------------------------------
 * Snapshots for the SQL views (pgstatfuncs.c).  Each returns a palloc'd
 * array (current context) copied under the partition locks, *count set.
 * ------------------------------------------------------------------------ */
extern PgStat_TableEntry *PgStatSnapshotTables(Oid db, int *count);
extern PgStat_IndexEntry *PgStatSnapshotIndexes(Oid db, int *count);
extern PgStat_DatabaseEntry *PgStatSnapshotDatabases(int *count);
extern PgStat_StatementEntry *PgStatSnapshotStatements(int *count);
extern PgStat_MissingIndexEntry *PgStatSnapshotMissingIndexes(Oid db, int *count);
/* pg_stat_statements_reset() / pg_stat_reset(): zero entries of db (InvalidOid: all). */
extern void PgStatResetStatements(void);
extern void PgStatResetDatabase(Oid db);

/* ------------------------------------------------------------------------
 * Shared memory and persistence (activity/pgstat_shmem.c, pgstat_file.c)
 * ------------------------------------------------------------------------ */
extern Size PgStatShmemSize(void);
extern void PgStatShmemInit(void);

/* data/global/rustydb_stats, relative to DataDir */
#define PGSTAT_STAT_FILE "global/rustydb_stats"

/*
 * PgStatWriteFile -- write every shared entry to PGSTAT_STAT_FILE atomically
 * (temp + fsync + rename + directory fsync).  Reports problems at LOG and
 * returns false; never ERRORs.
 */
extern bool PgStatWriteFile(void);
/*
 * PgStatReadFile -- load PGSTAT_STAT_FILE into the (empty) shared hash.
 * A missing file is not an error; a corrupt one (bad magic, version or CRC)
 * is logged and ignored.  Called once per shared-memory lifetime, by the
 * startup process after recovery.
 */
extern bool PgStatReadFile(void);

/* The stats collector (src/postmaster/pgstat.c). */
extern void PgStatCollectorMain(void);

#endif                          /* PGSTAT_H */
