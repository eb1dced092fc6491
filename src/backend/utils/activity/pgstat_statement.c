/*
 * pgstat_statement.c
 *     Per-statement statistics (pg_stat_statements, v$slow_queries) and the
 *     slow-query log.
 * Entry points: pgstat_statement_start(), pgstat_statement_end(),
 * pgstat_report_statement(), pgstat_statements_flush().
 *
 * A finished statement is folded into a pending delta in private memory
 * (calls, time sum/min/max, Welford mean and M2, rows, blocks), published by
 * pgstat_flush on the publication interval (README) if its partition lock
 * is free, otherwise at a later attempt.  Per statement: the query id (one
 * lexer pass over the text), two monotonic clock reads, no lock; the
 * normalised text is built only when the entry is not known to exist in
 * shared memory yet.  Deltas combine with the shared entry by the parallel
 * form of Welford's update (Chan et al.), so stddev stays exact.
 * logs/slow-query.log is appended by the backend itself (O_APPEND, one
 * write(2) per line, so lines of concurrent backends never interleave).
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "miscadmin.h"
#include "pgstat_int.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

uint64      pgstat_current_queryid = 0;

#define SLOW_QUERY_LOG_FILE "slow-query.log"

typedef struct PendingStatement
{
    uint64      queryid;
    int64       calls;
    double      total_time_ms;
    double      min_time_ms;
    double      max_time_ms;
    double      mean_time_ms;
    double      sum_var_time;
    int64       rows;
    int64       blks_hit;
    int64       blks_read;
    TimestampTz first_executed;
    TimestampTz last_executed;
    char       *query;          /* normalised text (pending memory), or NULL
                                 * when the shared entry is known to exist */
} PendingStatement;

static MemoryContext stmt_cxt = NULL;
static PendingStatement *pending = NULL;
static int  npending = 0;
static int  pending_capacity = 0;

/*
 * Query ids whose shared entry (for the current role and database) this
 * backend has seen (direct-mapped, a collision evicts): a statement whose id
 * is here needs no normalised text, so the text is built only for new
 * entries.  Valid for one role and one value of
 * PgStatShmem->statements_resets; a reset (by any backend) or a role change
 * empties it.
 */
#define KNOWN_IDS 1024
static uint64 known_ids[KNOWN_IDS];
static uint64 known_resets = 0;
static Oid  known_role = InvalidOid;

static inline bool
known_id(uint64 queryid)
{
    uint64      resets = atomic_load_explicit(&PgStatShmem->statements_resets, memory_order_relaxed);

    if (resets != known_resets || MyRoleId != known_role)
    {
        memset(known_ids, 0, sizeof(known_ids));
        known_resets = resets;
        known_role = MyRoleId;
    }
    return known_ids[queryid % KNOWN_IDS] == queryid;
}

bool
pgstat_statements_have_pending(void)
{
    return npending > 0;
}

static int64
monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Combine a (n, mean, M2) sample set into an accumulated one. */
static void
welford_merge(int64 *n, double *mean, double *m2, int64 n_b, double mean_b, double m2_b)
{
    int64       n_a = *n;
    double      delta;

    if (n_b == 0)
        return;
    if (n_a == 0)
    {
        *n = n_b;
        *mean = mean_b;
        *m2 = m2_b;
        return;
    }
    delta = mean_b - *mean;
    *mean = *mean + delta * (double) n_b / (double) (n_a + n_b);
    *m2 = *m2 + m2_b + delta * delta * (double) n_a * (double) n_b / (double) (n_a + n_b);
    *n = n_a + n_b;
}

/*
 * flush_one -- merge p into its shared entry.  False when the partition lock
 * was busy (and not force): p stays pending.  True when p is done with: merged,
 * or dropped because the area is full, or because the entry vanished (a reset
 * raced with us) and p has no text to create it with -- those calls belong
 * before the reset.
 */
static bool
flush_one(PendingStatement *p, bool force)
{
    PgStat_StatementEntry key;
    uint32      hash;
    LWLock     *lock;
    PgStat_StatementEntry *e;

    memset(&key, 0, offsetof(PgStat_StatementEntry, calls));
    key.queryid = p->queryid;
    key.userid = MyRoleId;
    key.db = MyDatabaseId;
    hash = pgstat_hash_key(&key, pgstat_kinds[PGSTAT_KIND_STATEMENT].key_size);
    lock = pgstat_partition_lock(PGSTAT_KIND_STATEMENT, hash);
    if (force)
        LWLockAcquire(lock, LW_EXCLUSIVE);
    else if (!LWLockConditionalAcquire(lock, LW_EXCLUSIVE))
        return false;
    e = pgstat_entry_lookup(PGSTAT_KIND_STATEMENT, &key, hash, p->query != NULL);
    if (e != NULL)
    {
        int64       n = e->calls;

        if (n == 0)
        {
            if (p->query != NULL)
                snprintf(e->query, sizeof(e->query), "%s", p->query);
            e->min_time_ms = p->min_time_ms;
            e->max_time_ms = p->max_time_ms;
            e->first_executed = p->first_executed;
        }
        else
        {
            e->min_time_ms = Min(e->min_time_ms, p->min_time_ms);
            e->max_time_ms = Max(e->max_time_ms, p->max_time_ms);
        }
        welford_merge(&n, &e->mean_time_ms, &e->sum_var_time, p->calls, p->mean_time_ms, p->sum_var_time);
        e->calls = n;
        e->total_time_ms += p->total_time_ms;
        e->rows += p->rows;
        e->shared_blks_hit += p->blks_hit;
        e->shared_blks_read += p->blks_read;
        if (p->last_executed > e->last_executed)
            e->last_executed = p->last_executed;
    }
    LWLockRelease(lock);
    if (e != NULL && MyRoleId == known_role)
        known_ids[p->queryid % KNOWN_IDS] = p->queryid;
    else if (known_ids[p->queryid % KNOWN_IDS] == p->queryid)
        known_ids[p->queryid % KNOWN_IDS] = 0;
    return true;
}

void
pgstat_statements_flush(bool force)
{
    if (PgStatShmem == NULL || MyProc == NULL)
        return;
    for (int i = npending - 1; i >= 0; i--)
    {
        if (flush_one(&pending[i], force))
        {
            if (pending[i].query)
                pfree(pending[i].query);
            npending--;
            if (i != npending)
                pending[i] = pending[npending];
        }
    }
}

/* Append one line to logs/slow-query.log (failures are logged, never raised). */
static void
write_slow_query_log(const PgStat_StatementCall *call, uint64 queryid)
{
    char        path[4096];
    char        line[8192];
    struct timeval tv;
    struct tm   tm;
    int         n;
    int         fd;
    const char *text = call->source_text;
    size_t      tlen = strlen(text);

    if (DataDir == NULL)
        return;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    n = snprintf(line, sizeof(line),
                 "%04d-%02d-%02d %02d:%02d:%02d.%03d UTC [%d] duration_ms=%.3f user=%s database=%s "
                 "query_id=%lld rows=%lld query: ",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 (int) (tv.tv_usec / 1000), (int) MyProcPid, call->duration_ms,
                 MyRoleName ? MyRoleName : "", MyDatabaseName ? MyDatabaseName : "",
                 (long long) (int64) queryid, (long long) call->rows);
    if (n < 0 || (size_t) n >= sizeof(line))
        return;
    /* the statement on one line: newlines become spaces */
    for (size_t i = 0; i < tlen && (size_t) n < sizeof(line) - 2; i++)
        line[n++] = (text[i] == '\n' || text[i] == '\r') ? ' ' : text[i];
    line[n++] = '\n';
    snprintf(path, sizeof(path), "%s/%s/%s", DataDir, INSTANCE_LOG_SUBDIR, SLOW_QUERY_LOG_FILE);
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        ereport(LOG, errcode_for_file_access(), errmsg("could not open \"%s\": %m", path));
        return;
    }
    if (write(fd, line, (size_t) n) != n)
        ereport(LOG, errcode_for_file_access(), errmsg("could not write \"%s\": %m", path));
    if (close(fd) != 0)
        ereport(LOG, errcode_for_file_access(), errmsg("could not close \"%s\": %m", path));
}

/*
 * report_call -- the common part: slow-query log, then the call folded into
 * the pending delta for queryid.  The normalised text is built (from
 * text/len, unless norm is given) only when the entry may be new.
 */
static void
report_call(const PgStat_StatementCall *call, uint64 queryid, const char *text, size_t len,
            const char *norm)
{
    PendingStatement *p = NULL;
    double      d = call->duration_ms;
    TimestampTz start_ts;

    if (LogMinDurationStatementMs >= 0 && d >= (double) LogMinDurationStatementMs)
        write_slow_query_log(call, queryid);
    if (!pgstat_track_statements || PgStatShmem == NULL || MyProc == NULL || !OidIsValid(MyDatabaseId))
        return;

    for (int i = 0; i < npending; i++)
        if (pending[i].queryid == queryid)
        {
            p = &pending[i];
            break;
        }
    if (p == NULL)
    {
        if (stmt_cxt == NULL)
            stmt_cxt = MemoryContextCreate(TopMemoryContext, "PgStat statements");
        if (npending == pending_capacity)
        {
            pending_capacity = pending_capacity ? pending_capacity * 2 : 8;
            pending = pending == NULL
                ? MemoryContextAlloc(stmt_cxt, sizeof(PendingStatement) * (Size) pending_capacity)
                : repalloc(pending, sizeof(PendingStatement) * (Size) pending_capacity);
        }
        p = &pending[npending++];
        memset(p, 0, sizeof(*p));
        p->queryid = queryid;
        p->min_time_ms = d;
        p->max_time_ms = d;
    }
    if (p->query == NULL && !known_id(queryid))
    {
        if (norm != NULL)
            p->query = MemoryContextStrdup(stmt_cxt, norm);
        else
        {
            char        buf[PGSTAT_STATEMENT_TEXT_MAX + 1];

            (void) pgstat_normalize(text, len, buf, sizeof(buf));
            p->query = MemoryContextStrdup(stmt_cxt, buf);
        }
    }
    /* Welford, one sample */
    p->calls++;
    {
        double      delta = d - p->mean_time_ms;

        p->mean_time_ms += delta / (double) p->calls;
        p->sum_var_time += delta * (d - p->mean_time_ms);
    }
    p->total_time_ms += d;
    p->min_time_ms = Min(p->min_time_ms, d);
    p->max_time_ms = Max(p->max_time_ms, d);
    p->rows += call->rows;
    p->blks_hit += call->blks_hit;
    p->blks_read += call->blks_read;
    /* no clock read: the statement's start time (tcop set it) plus its duration */
    start_ts = GetCurrentStatementStartTimestamp();
    if (start_ts == 0)
        start_ts = GetCurrentTimestamp();
    p->last_executed = start_ts + (TimestampTz) (d * 1000.0);
    if (p->first_executed == 0)
        p->first_executed = start_ts;
    /* published by pgstat_flush (README: publication interval), never waiting for a lock */
}

void
pgstat_report_statement(const PgStat_StatementCall *call)
{
    char        norm[PGSTAT_STATEMENT_TEXT_MAX + 1];
    uint64      id = pgstat_normalize(call->source_text, strlen(call->source_text), norm, sizeof(norm));

    report_call(call, call->queryid ? call->queryid : id, NULL, 0, norm);
}

/* The running top-level statement has an id (pgstat_current_queryid). */
static bool current_valid = false;
/* ExecStatement nests (ALTER TABLE runs SQL): only the outermost is timed. */
static int  stmt_depth = 0;

/* Transaction abort: an ERROR skipped the ends of the running statements. */
void
pgstat_statement_abort(void)
{
    stmt_depth = 0;
    current_valid = false;
}

void
pgstat_statement_start(PgStat_StatementTimer *timer, const char *text, size_t len)
{
    timer->text = NULL;
    if (stmt_depth++ > 0)
        return;
    timer->start_ns = monotonic_ns();
    timer->blks_hit = BufferUsageCounters.shared_hits;
    timer->blks_read = BufferUsageCounters.shared_reads;
    timer->text = text;
    timer->len = len;
    current_valid = pgstat_track_statements || LogMinDurationStatementMs >= 0 || pgstat_track_activities;
    pgstat_current_queryid = current_valid ? pgstat_query_id(text, len) : 0;
    if (pgstat_track_activities && PgStatShmem != NULL && MyProc != NULL)
        pgstat_activity_start_statement(text, len, pgstat_current_queryid);
}

void
pgstat_statement_end(PgStat_StatementTimer *timer, int64 rows)
{
    PgStat_StatementCall call;
    char       *text = NULL;

    if (timer->text == NULL)
    {
        stmt_depth = Max(0, stmt_depth - 1);
        return;
    }
    stmt_depth = 0;
    if (!current_valid || (!pgstat_track_statements && LogMinDurationStatementMs < 0))
        return;
    current_valid = false;
    call.queryid = pgstat_current_queryid;
    call.duration_ms = (double) (monotonic_ns() - timer->start_ns) / 1e6;
    /* the raw text is needed only for the slow-query log */
    if (LogMinDurationStatementMs >= 0 && call.duration_ms >= (double) LogMinDurationStatementMs)
        text = pnstrdup(timer->text, timer->len);
    call.source_text = text;
    call.rows = rows;
    call.blks_hit = (int64) (BufferUsageCounters.shared_hits - timer->blks_hit);
    call.blks_read = (int64) (BufferUsageCounters.shared_reads - timer->blks_read);
    report_call(&call, call.queryid, timer->text, timer->len, NULL);
    if (text)
        pfree(text);
}
