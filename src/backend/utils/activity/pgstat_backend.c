/*
 * pgstat_backend.c
 *     Backend-side counting: per-transaction relation counters, folding them
 *     into pending per-table / per-index / per-database deltas at
 *     transaction end, and publishing the pending deltas into the shared
 *     hash without waiting (conditional partition locks).  Also the
 *     maintenance reports (VACUUM / ANALYZE) and the missing-index evidence.
 * Entry points: pgstat_initialize(), pgstat_rel_counts(), pgstat_count_*(),
 * pgstat_report_xact_end(), pgstat_flush(), pgstat_report_vacuum(),
 * pgstat_report_analyze(), pgstat_create_index().
 * Memory: per-transaction counters in "PgStat transaction" (reset at each
 * transaction end), pending deltas in "PgStat pending" (TopMemoryContext).
 */
#include "rustydb.h"

#include <string.h>
#include <time.h>

#include "access/xact.h"
#include "miscadmin.h"
#include "pgstat_int.h"
#include "storage/bufmgr.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/palloc.h"

bool        pgstat_track_counts = true;
bool        pgstat_track_activities = true;
bool        pgstat_track_statements = true;
int         pgstat_persist_interval_ms = 60000;

/* ---------- per-transaction relation counters ---------- */

#define XACT_HASH_INIT 32

static MemoryContext xact_cxt = NULL;
static PgStat_RelCounts **xact_rels = NULL;     /* open-addressing table of pointers */
static int  xact_rels_size = 0;                 /* power of two */
static int  xact_rels_used = 0;
static bool initialized = false;

/* ---------- pending deltas (published later) ---------- */

typedef struct PendingTable
{
    Oid         relid;
    int64       seq_scan, seq_tup_read, idx_scan, idx_tup_fetch;
    int64       ins, upd, hot_upd, del;
    int64       delta_live, delta_dead, mod_since_analyze, ins_since_vacuum;
    int64       blks_read, blks_hit;
    TimestampTz last_seq_scan;
} PendingTable;

typedef struct PendingIndex
{
    Oid         indexrelid;
    Oid         relid;
    int64       idx_scan, idx_tup_read, idx_tup_fetch;
    TimestampTz last_idx_scan;
} PendingIndex;

typedef struct PendingArray
{
    char       *items;
    int         count;
    int         capacity;
    Size        item_size;
} PendingArray;

static MemoryContext pending_cxt = NULL;
static PendingArray pending_tables = {NULL, 0, 0, sizeof(PendingTable)};
static PendingArray pending_indexes = {NULL, 0, 0, sizeof(PendingIndex)};
static PendingArray pending_missing = {NULL, 0, 0, sizeof(PgStat_MissingIndexEntry)};
static PgStat_DatabaseEntry pending_db;
static bool pending_db_dirty = false;
/* Relations the running transaction dropped: their statistics go at commit. */
static Oid *xact_dropped = NULL;    /* in pending_cxt */
static int  xact_ndropped = 0;
static int  xact_dropped_cap = 0;
static BufferUsage xact_buf_start;

/*
 * Publication schedule (see README "Publication interval").  With
 * interval_flush (client backends, whose traffic cop calls
 * pgstat_idle_flush() before each wait for the client) pending deltas are
 * published at transaction end only once next_flush_at has passed; other
 * processes publish at every transaction end.  0: nothing published yet,
 * so the first transaction's counts go out at once.
 */
static bool interval_flush = false;
static TimestampTz next_flush_at = 0;

/* Due, or the wall clock went back (a deadline too far ahead is not kept). */
static inline bool
flush_due(TimestampTz now)
{
    return now >= next_flush_at || next_flush_at - now > (TimestampTz) PGSTAT_FLUSH_INTERVAL_MS * 1000;
}

static void xact_callback(XactEvent event, void *arg);
static void at_exit_flush(int code, Datum arg);

static TimestampTz
now_ts(void)
{
    return GetCurrentTimestamp();
}

/*
 * pgstat_initialize -- called once a backend is connected to its database
 * (end of InitPostgres): transaction callback, exit flush, activity slot.
 */
void
pgstat_initialize(void)
{
    if (initialized)
        return;
    initialized = true;
    xact_cxt = MemoryContextCreate(TopMemoryContext, "PgStat transaction");
    pending_cxt = MemoryContextCreate(TopMemoryContext, "PgStat pending");
    RegisterXactCallback(xact_callback, NULL);
    OnProcExit(at_exit_flush, (Datum) 0);
    memset(&pending_db, 0, sizeof(pending_db));
    pending_db.sessions = 1;
    pending_db_dirty = true;
    xact_buf_start = BufferUsageCounters;
    pgstat_activity_init();
}

static inline uint32
relkey_hash(Oid relid, bool is_index)
{
    uint32      h = relid * 2654435761u;

    return h ^ (is_index ? 0x9e3779b9u : 0);
}

static void
xact_rels_grow(void)
{
    int         old_size = xact_rels_size;
    PgStat_RelCounts **old = xact_rels;

    xact_rels_size = old_size ? old_size * 2 : XACT_HASH_INIT;
    xact_rels = MemoryContextAllocZero(xact_cxt, sizeof(PgStat_RelCounts *) * (Size) xact_rels_size);
    for (int i = 0; i < old_size; i++)
    {
        PgStat_RelCounts *rc = old[i];
        uint32      j;

        if (rc == NULL)
            continue;
        j = relkey_hash(rc->relid, rc->is_index) & (uint32) (xact_rels_size - 1);
        while (xact_rels[j] != NULL)
            j = (j + 1) & (uint32) (xact_rels_size - 1);
        xact_rels[j] = rc;
    }
}

PgStat_RelCounts *
pgstat_rel_counts(Oid relid, bool is_index)
{
    uint32      j;
    PgStat_RelCounts *rc;

    if (!initialized || !pgstat_track_counts || !OidIsValid(relid))
        return NULL;
    if (xact_rels_size == 0 || (xact_rels_used + 1) * 2 > xact_rels_size)
        xact_rels_grow();
    j = relkey_hash(relid, is_index) & (uint32) (xact_rels_size - 1);
    while ((rc = xact_rels[j]) != NULL)
    {
        if (rc->relid == relid && rc->is_index == is_index)
            return rc;
        j = (j + 1) & (uint32) (xact_rels_size - 1);
    }
    rc = MemoryContextAllocZero(xact_cxt, sizeof(PgStat_RelCounts));
    rc->relid = relid;
    rc->is_index = is_index;
    xact_rels[j] = rc;
    xact_rels_used++;
    return rc;
}

void
pgstat_count_seq_scan(Oid relid)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(relid, false);

    if (rc)
        rc->numscans++;
}

void
pgstat_count_seq_tuples(Oid relid, int64 nreturned)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(relid, false);

    if (rc)
        rc->tuples_returned += nreturned;
}

void
pgstat_count_index_scan(Oid indexrelid, Oid heap_relid)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(indexrelid, true);

    if (rc)
    {
        rc->heap_relid = heap_relid;
        rc->numscans++;
    }
}

void
pgstat_count_index_tuples(Oid indexrelid, Oid heap_relid, int64 nread, int64 nfetched)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(indexrelid, true);

    if (rc)
    {
        rc->heap_relid = heap_relid;
        rc->tuples_returned += nread;
        rc->tuples_fetched += nfetched;
    }
}

void
pgstat_count_heap_insert(Oid relid, int64 n)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(relid, false);

    if (rc)
        rc->tuples_inserted += n;
}

void
pgstat_count_heap_update(Oid relid, bool hot)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(relid, false);

    if (rc)
    {
        rc->tuples_updated++;
        if (hot)
            rc->tuples_hot_updated++;
    }
}

void
pgstat_count_heap_delete(Oid relid)
{
    PgStat_RelCounts *rc = pgstat_rel_counts(relid, false);

    if (rc)
        rc->tuples_deleted++;
}

void
pgstat_count_temp_file(int64 bytes)
{
    if (!initialized)
        return;
    pending_db.temp_files++;
    pending_db.temp_bytes += bytes;
    pending_db_dirty = true;
}

void
pgstat_report_deadlock(void)
{
    if (!initialized)
        return;
    pending_db.deadlocks++;
    pending_db_dirty = true;
}

/* ---------- pending arrays ---------- */

static void *
pending_find(PendingArray *pa, Oid key, bool create)
{
    for (int i = 0; i < pa->count; i++)
    {
        void       *item = pa->items + pa->item_size * (Size) i;

        if (*(Oid *) item == key)
            return item;
    }
    if (!create)
        return NULL;
    if (pa->count == pa->capacity)
    {
        pa->capacity = pa->capacity ? pa->capacity * 2 : 16;
        if (pa->items == NULL)
            pa->items = MemoryContextAlloc(pending_cxt, pa->item_size * (Size) pa->capacity);
        else
            pa->items = repalloc(pa->items, pa->item_size * (Size) pa->capacity);
    }
    {
        void       *item = pa->items + pa->item_size * (Size) pa->count++;

        memset(item, 0, pa->item_size);
        *(Oid *) item = key;
        return item;
    }
}

static void *
pending_append(PendingArray *pa)
{
    void       *item;

    if (pa->count == pa->capacity)
    {
        pa->capacity = pa->capacity ? pa->capacity * 2 : 16;
        if (pa->items == NULL)
            pa->items = MemoryContextAlloc(pending_cxt, pa->item_size * (Size) pa->capacity);
        else
            pa->items = repalloc(pa->items, pa->item_size * (Size) pa->capacity);
    }
    item = pa->items + pa->item_size * (Size) pa->count++;
    memset(item, 0, pa->item_size);
    return item;
}

static void
pending_remove(PendingArray *pa, int i)
{
    pa->count--;
    if (i != pa->count)
        memcpy(pa->items + pa->item_size * (Size) i, pa->items + pa->item_size * (Size) pa->count,
               pa->item_size);
}

bool
pgstat_have_pending(void)
{
    return pending_db_dirty || pending_tables.count > 0 || pending_indexes.count > 0 ||
        pending_missing.count > 0;
}

/*
 * fold_xact -- move the transaction's relation counters into the pending
 * deltas.  Commit: inserted rows are live, updated/deleted versions dead,
 * all three count as modifications.  Abort: inserted rows and new versions
 * are dead, nothing was modified, deleted rows stay live.
 */
static void
fold_xact(bool committed)
{
    TimestampTz now = 0;

    for (int i = 0; i < xact_rels_size; i++)
    {
        PgStat_RelCounts *rc = xact_rels[i];

        if (rc == NULL)
            continue;
        if (rc->is_index)
        {
            PendingIndex *pi = pending_find(&pending_indexes, rc->relid, true);
            PendingTable *pt;

            pi->relid = rc->heap_relid;
            pi->idx_scan += rc->numscans;
            pi->idx_tup_read += rc->tuples_returned;
            pi->idx_tup_fetch += rc->tuples_fetched;
            if (rc->numscans > 0)
                pi->last_idx_scan = now ? now : (now = now_ts());
            if (OidIsValid(rc->heap_relid))
            {
                pt = pending_find(&pending_tables, rc->heap_relid, true);
                pt->idx_scan += rc->numscans;
                pt->idx_tup_fetch += rc->tuples_fetched;
            }
            pending_db.tup_returned += rc->tuples_returned;
            pending_db.tup_fetched += rc->tuples_fetched;
        }
        else
        {
            PendingTable *pt = pending_find(&pending_tables, rc->relid, true);

            pt->seq_scan += rc->numscans;
            pt->seq_tup_read += rc->tuples_returned;
            if (rc->numscans > 0)
                pt->last_seq_scan = now ? now : (now = now_ts());
            pt->ins += rc->tuples_inserted;
            pt->upd += rc->tuples_updated;
            pt->hot_upd += rc->tuples_hot_updated;
            pt->del += rc->tuples_deleted;
            if (committed)
            {
                pt->delta_live += rc->tuples_inserted - rc->tuples_deleted;
                pt->delta_dead += rc->tuples_updated + rc->tuples_deleted;
                pt->mod_since_analyze += rc->tuples_inserted + rc->tuples_updated + rc->tuples_deleted;
                pt->ins_since_vacuum += rc->tuples_inserted;
            }
            else
                pt->delta_dead += rc->tuples_inserted + rc->tuples_updated;
            pending_db.tup_returned += rc->tuples_returned;
            pending_db.tup_inserted += rc->tuples_inserted;
            pending_db.tup_updated += rc->tuples_updated;
            pending_db.tup_deleted += rc->tuples_deleted;
        }
    }
    MemoryContextReset(xact_cxt);
    xact_rels = NULL;
    xact_rels_size = 0;
    xact_rels_used = 0;
}

void
pgstat_drop_relation_at_commit(Oid relid)
{
    if (!initialized)
        return;
    if (xact_ndropped == xact_dropped_cap)
    {
        xact_dropped_cap = xact_dropped_cap ? xact_dropped_cap * 2 : 16;
        xact_dropped = xact_dropped == NULL
            ? MemoryContextAlloc(pending_cxt, sizeof(Oid) * (Size) xact_dropped_cap)
            : repalloc(xact_dropped, sizeof(Oid) * (Size) xact_dropped_cap);
    }
    xact_dropped[xact_ndropped++] = relid;
}

/* Commit of DROPs: our pending deltas for those relations, then their shared entries. */
static void
drop_committed_relations(void)
{
    for (int d = 0; d < xact_ndropped; d++)
    {
        Oid         relid = xact_dropped[d];

        for (int i = pending_tables.count - 1; i >= 0; i--)
            if (((PendingTable *) (pending_tables.items + sizeof(PendingTable) * (Size) i))->relid == relid)
                pending_remove(&pending_tables, i);
        for (int i = pending_indexes.count - 1; i >= 0; i--)
        {
            PendingIndex *pi = (PendingIndex *) (pending_indexes.items + sizeof(PendingIndex) * (Size) i);

            if (pi->indexrelid == relid || pi->relid == relid)
                pending_remove(&pending_indexes, i);
        }
        for (int i = pending_missing.count - 1; i >= 0; i--)
            if (((PgStat_MissingIndexEntry *) (pending_missing.items +
                                               sizeof(PgStat_MissingIndexEntry) * (Size) i))->relid == relid)
                pending_remove(&pending_missing, i);
        pgstat_drop_relation(MyDatabaseId, relid);
    }
}

void
pgstat_report_xact_end(bool committed)
{
    BufferUsage now = BufferUsageCounters;

    if (!initialized)
        return;
    if (committed)
        pending_db.xact_commit++;
    else
        pending_db.xact_rollback++;
    pending_db.blks_hit += (int64) (now.shared_hits - xact_buf_start.shared_hits);
    pending_db.blks_read += (int64) (now.shared_reads - xact_buf_start.shared_reads);
    xact_buf_start = now;
    pending_db_dirty = true;
    if (xact_rels_size > 0)
        fold_xact(committed);
    if (committed && xact_ndropped > 0)
        drop_committed_relations();
    xact_ndropped = 0;
    /* the last statement's start time (no clock read): a long one only delays */
    if (!interval_flush || flush_due(GetCurrentStatementStartTimestamp()))
        (void) pgstat_flush(false);
}

void
pgstat_enable_interval_flush(void)
{
    interval_flush = true;
}

int
pgstat_idle_flush(void)
{
    TimestampTz now;

    if (!initialized || PgStatShmem == NULL ||
        (!pgstat_have_pending() && !pgstat_statements_have_pending()))
        return 0;
    now = now_ts();
    if (flush_due(now) && pgstat_flush(false))
        return 0;
    /* not due yet, or a partition was busy (pgstat_flush set the retry time) */
    return (int) Max(1, (next_flush_at - now + 999) / 1000);
}

static void
xact_callback(XactEvent event, void *arg)
{
    (void) arg;
    switch (event)
    {
        case XACT_EVENT_START:
            pgstat_activity_xact_start();
            break;
        case XACT_EVENT_COMMIT:
            pgstat_report_xact_end(true);
            pgstat_activity_xact_end();
            break;
        case XACT_EVENT_ABORT:
            pgstat_statement_abort();
            pgstat_report_xact_end(false);
            pgstat_activity_xact_end();
            break;
        default:
            break;
    }
}

/* ---------- publishing ---------- */

static bool
lock_partition(LWLock *lock, bool force)
{
    if (force)
    {
        LWLockAcquire(lock, LW_EXCLUSIVE);
        return true;
    }
    return LWLockConditionalAcquire(lock, LW_EXCLUSIVE);
}

/*
 * lock_entry -- the shared entry for key (created if new) with its hash
 * partition locked exclusively; with wait false, gives up and returns false
 * when the lock is busy.  On true the lock is held and *entry may still be
 * NULL (the table is full): the caller releases *lockp either way.
 */
static bool
lock_entry(PgStatKind kind, const void *key, bool wait, LWLock **lockp, void **entry)
{
    uint32      hash = pgstat_hash_key(key, pgstat_kinds[kind].key_size);

    *lockp = pgstat_partition_lock(kind, hash);
    if (!lock_partition(*lockp, wait))
        return false;
    *entry = kind == PGSTAT_KIND_TABLE || kind == PGSTAT_KIND_INDEX
        ? pgstat_entry_lookup_live(kind, key, hash)
        : pgstat_entry_lookup(kind, key, hash, true);
    return true;
}

static bool
flush_table(const PendingTable *pt, bool force)
{
    PgStat_TableEntry key;
    LWLock     *lock;
    PgStat_TableEntry *e;

    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    key.relid = pt->relid;
    if (!lock_entry(PGSTAT_KIND_TABLE, &key, force, &lock, (void **) &e))
        return false;
    if (e != NULL)
    {
        e->seq_scan += pt->seq_scan;
        e->seq_tup_read += pt->seq_tup_read;
        e->idx_scan += pt->idx_scan;
        e->idx_tup_fetch += pt->idx_tup_fetch;
        e->n_tup_ins += pt->ins;
        e->n_tup_upd += pt->upd;
        e->n_tup_hot_upd += pt->hot_upd;
        e->n_tup_del += pt->del;
        e->n_live_tup = Max(0, e->n_live_tup + pt->delta_live);
        e->n_dead_tup = Max(0, e->n_dead_tup + pt->delta_dead);
        e->n_mod_since_analyze += pt->mod_since_analyze;
        e->n_ins_since_vacuum += pt->ins_since_vacuum;
        e->blks_read += pt->blks_read;
        e->blks_hit += pt->blks_hit;
        if (pt->last_seq_scan > e->last_seq_scan)
            e->last_seq_scan = pt->last_seq_scan;
    }
    LWLockRelease(lock);
    return true;
}

static bool
flush_index(const PendingIndex *pi, bool force)
{
    PgStat_IndexEntry key;
    LWLock     *lock;
    PgStat_IndexEntry *e;

    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    key.indexrelid = pi->indexrelid;
    if (!lock_entry(PGSTAT_KIND_INDEX, &key, force, &lock, (void **) &e))
        return false;
    if (e != NULL)
    {
        if (OidIsValid(pi->relid))
            e->relid = pi->relid;
        e->idx_scan += pi->idx_scan;
        e->idx_tup_read += pi->idx_tup_read;
        e->idx_tup_fetch += pi->idx_tup_fetch;
        if (pi->last_idx_scan > e->last_idx_scan)
            e->last_idx_scan = pi->last_idx_scan;
    }
    LWLockRelease(lock);
    return true;
}

static bool
flush_db(bool force)
{
    PgStat_DatabaseEntry key;
    LWLock     *lock;
    PgStat_DatabaseEntry *e;
    const PgStat_DatabaseEntry *p = &pending_db;

    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    if (!lock_entry(PGSTAT_KIND_DATABASE, &key, force, &lock, (void **) &e))
        return false;
    if (e != NULL)
    {
        e->xact_commit += p->xact_commit;
        e->xact_rollback += p->xact_rollback;
        e->blks_read += p->blks_read;
        e->blks_hit += p->blks_hit;
        e->tup_returned += p->tup_returned;
        e->tup_fetched += p->tup_fetched;
        e->tup_inserted += p->tup_inserted;
        e->tup_updated += p->tup_updated;
        e->tup_deleted += p->tup_deleted;
        e->temp_files += p->temp_files;
        e->temp_bytes += p->temp_bytes;
        e->deadlocks += p->deadlocks;
        e->sessions += p->sessions;
    }
    LWLockRelease(lock);
    memset(&pending_db, 0, sizeof(pending_db));
    pending_db_dirty = false;
    return true;
}

static bool
flush_missing(const PgStat_MissingIndexEntry *m, bool force)
{
    Size        key_size = pgstat_kinds[PGSTAT_KIND_MISSING_INDEX].key_size;
    uint32      hash = pgstat_hash_key(m, key_size);
    LWLock     *lock = pgstat_partition_lock(PGSTAT_KIND_MISSING_INDEX, hash);
    PgStat_MissingIndexEntry *e;

    if (!lock_partition(lock, force))
        return false;
    e = pgstat_entry_lookup(PGSTAT_KIND_MISSING_INDEX, m, hash, true);
    if (e != NULL)
    {
        e->executions += m->executions;
        e->rows_scanned += m->rows_scanned;
        e->rows_returned += m->rows_returned;
        e->actual_cost += m->actual_cost;
        e->hypothetical_cost += m->hypothetical_cost;
        e->example_queryid = m->example_queryid;
        if (m->last_seen > e->last_seen)
            e->last_seen = m->last_seen;
    }
    LWLockRelease(lock);
    return true;
}

bool
pgstat_flush(bool force)
{
    if (!initialized || PgStatShmem == NULL)
        return true;
    for (int i = pending_tables.count - 1; i >= 0; i--)
        if (flush_table((PendingTable *) (pending_tables.items + sizeof(PendingTable) * (Size) i), force))
            pending_remove(&pending_tables, i);
    for (int i = pending_indexes.count - 1; i >= 0; i--)
        if (flush_index((PendingIndex *) (pending_indexes.items + sizeof(PendingIndex) * (Size) i), force))
            pending_remove(&pending_indexes, i);
    for (int i = pending_missing.count - 1; i >= 0; i--)
        if (flush_missing((PgStat_MissingIndexEntry *)
                          (pending_missing.items + sizeof(PgStat_MissingIndexEntry) * (Size) i), force))
            pending_remove(&pending_missing, i);
    if (pending_db_dirty && OidIsValid(MyDatabaseId))
        (void) flush_db(force);
    pgstat_statements_flush(force);
    if (!pgstat_have_pending() && !pgstat_statements_have_pending())
    {
        if (interval_flush)
            next_flush_at = now_ts() + (TimestampTz) PGSTAT_FLUSH_INTERVAL_MS * 1000;
        return true;
    }
    /* a partition lock was busy: try again soon */
    if (interval_flush)
        next_flush_at = now_ts() + (TimestampTz) PGSTAT_FLUSH_RETRY_MS * 1000;
    return false;
}

static void
at_exit_flush(int code, Datum arg)
{
    (void) code;
    (void) arg;
    if (MyProc == NULL || PgStatShmem == NULL)
        return;
    /* still attached: publish what is left (never waits on the collector) */
    (void) pgstat_flush(true);
    pgstat_activity_clear();
}

/* ---------- missing-index evidence ---------- */

void
pgstat_count_missing_index(Oid relid, const int16 *attnums, int natts,
                           int64 rows_scanned, int64 rows_returned,
                           double actual_cost, double hypothetical_cost)
{
    PgStat_MissingIndexEntry key;
    PgStat_MissingIndexEntry *m = NULL;
    Size        key_size = pgstat_kinds[PGSTAT_KIND_MISSING_INDEX].key_size;

    if (!initialized || !pgstat_track_counts || natts <= 0)
        return;
    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    key.relid = relid;
    key.natts = (int16) Min(natts, PGSTAT_MISSING_INDEX_MAX_COLS);
    for (int i = 0; i < key.natts; i++)
        key.attnums[i] = attnums[i];
    for (int i = 0; i < pending_missing.count; i++)
    {
        PgStat_MissingIndexEntry *c = (PgStat_MissingIndexEntry *)
            (pending_missing.items + sizeof(PgStat_MissingIndexEntry) * (Size) i);

        if (memcmp(c, &key, key_size) == 0)
        {
            m = c;
            break;
        }
    }
    if (m == NULL)
    {
        m = pending_append(&pending_missing);
        memcpy(m, &key, sizeof(key));
    }
    m->executions++;
    m->rows_scanned += rows_scanned;
    m->rows_returned += rows_returned;
    m->actual_cost += actual_cost;
    m->hypothetical_cost += hypothetical_cost;
    m->example_queryid = pgstat_current_queryid;
    m->last_seen = now_ts();
}

/* ---------- maintenance reports (published immediately) ---------- */

static PgStat_TableEntry *
lock_table_entry(Oid relid, LWLock **lockp)
{
    PgStat_TableEntry key;
    PgStat_TableEntry *e;

    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    key.relid = relid;
    (void) lock_entry(PGSTAT_KIND_TABLE, &key, true, lockp, (void **) &e);
    if (e == NULL)
        LWLockRelease(*lockp);
    return e;
}

/*
 * lock_entry_for_maintenance -- the table's entry, locked, with the exact
 * live/dead counts a VACUUM or ANALYZE just measured; NULL if statistics are
 * off or the entry cannot be had.  Our own pending deltas for the table
 * predate those counts, so they are flushed first.  Caller releases *lock.
 */
static PgStat_TableEntry *
lock_entry_for_maintenance(Oid relid, int64 live_tuples, int64 dead_tuples, LWLock **lock)
{
    PgStat_TableEntry *e;

    if (PgStatShmem == NULL)
        return NULL;
    (void) pgstat_flush(true);
    e = lock_table_entry(relid, lock);
    if (e == NULL)
        return NULL;
    e->n_live_tup = Max(0, live_tuples);
    e->n_dead_tup = Max(0, dead_tuples);
    return e;
}

void
pgstat_report_vacuum(Oid relid, bool is_autovacuum, int64 live_tuples, int64 dead_tuples,
                     int64 removed_tuples, int64 duration_ms)
{
    LWLock     *lock;
    PgStat_TableEntry *e = lock_entry_for_maintenance(relid, live_tuples, dead_tuples, &lock);

    if (e == NULL)
        return;
    e->n_ins_since_vacuum = 0;
    if (is_autovacuum)
    {
        e->last_autovacuum = now_ts();
        e->autovacuum_count++;
    }
    else
    {
        e->last_vacuum = now_ts();
        e->vacuum_count++;
    }
    e->last_vacuum_duration_ms = duration_ms;
    e->last_vacuum_removed = removed_tuples;
    LWLockRelease(lock);
}

void
pgstat_report_analyze(Oid relid, bool is_autovacuum, int64 live_tuples, int64 dead_tuples)
{
    LWLock     *lock;
    PgStat_TableEntry *e = lock_entry_for_maintenance(relid, live_tuples, dead_tuples, &lock);

    if (e == NULL)
        return;
    e->n_mod_since_analyze = 0;
    if (is_autovacuum)
    {
        e->last_autoanalyze = now_ts();
        e->autoanalyze_count++;
    }
    else
    {
        e->last_analyze = now_ts();
        e->analyze_count++;
    }
    LWLockRelease(lock);
}

void
pgstat_create_index(Oid indexrelid, Oid heap_relid)
{
    PgStat_IndexEntry key;
    LWLock     *lock;
    PgStat_IndexEntry *e;

    if (PgStatShmem == NULL || MyProc == NULL)
        return;
    memset(&key, 0, sizeof(key));
    key.db = MyDatabaseId;
    key.indexrelid = indexrelid;
    (void) lock_entry(PGSTAT_KIND_INDEX, &key, true, &lock, (void **) &e);
    if (e != NULL)
    {
        e->relid = heap_relid;
        e->created_at = now_ts();
    }
    LWLockRelease(lock);
}
