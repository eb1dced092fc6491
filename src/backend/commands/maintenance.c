/*
 * maintenance.c
 *     Shared per-table maintenance counters, the executor's DML counting,
 *     maintenance runs as jobs (progress, cancellation), and exact space
 *     measurement.
 * Entry points: see commands/maintenance.h.
 *
 * The shared area "maintenance table stats" is an open-addressing hash
 * table of MAINT_TABLE_SLOTS entries keyed by (database, relation), under
 * one LWLock (a leaf lock: nothing else is taken while it is held, nothing
 * under it can ERROR).  When it is full, new tables are not tracked (their
 * autovacuum falls back to pg_class figures); a dropped table's slot
 * becomes a tombstone that later insertions reuse.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "access/heapam.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "common/crc32c.h"
#include "commands/jobqueue.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/autovacuum.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/lwlock.h"
#include "storage/procarray.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#define MAINT_TABLE_SLOTS 8192  /* power of two */

typedef struct MaintSlot
{
    bool        in_use;         /* under lock */
    bool        tombstone;      /* dropped: keeps probe chains intact */
    MaintTableStats stats;      /* under lock */
} MaintSlot;

/* Baseline measurements running at once (README "Exact space"). */
#define SPACE_MEASURE_SLOTS 8

/*
 * Exact space of B-tree indexes (README "Exact space", "Indexes"): one slot
 * per index file, keyed by (database << 32 | relfilenode).  Open addressing
 * like the table slots; key 0 = never used, INDEX_SPACE_TOMBSTONE = freed.
 */
#define INDEX_SPACE_SLOTS 8192  /* power of two */
#define INDEX_SPACE_TOMBSTONE UINT64_MAX

typedef struct IndexSpaceSlot
{
    _Atomic uint64 key;         /* written under lock; read lock-free by the index's writers */
    /* added to lock-free by the index's writers (under the changed page's buffer lock) */
    _Atomic int64 live_bytes;
    _Atomic int64 dead_bytes;
    _Atomic int64 free_bytes;
    _Atomic uint32 valid;       /* set under lock (baseline, new file, restore) */
    Oid         relid;          /* the index (informational); under lock */
    int64       measured_us;    /* when the baseline was taken; under lock */
} IndexSpaceSlot;

typedef struct MaintShared
{
    LWLock      lock;
    MaintSlot   slots[MAINT_TABLE_SLOTS];
    /* index slots: creations counted in index_epoch (a writer that found none retries then) */
    _Atomic uint64 index_epoch;
    IndexSpaceSlot index_slots[INDEX_SPACE_SLOTS];
    /*
     * Tables being measured for a baseline: (database << 32 | relation), 0
     * = free.  Written under lock, read without it by pruning: the key is
     * stored before nmeasuring counts it, both before the first page is read.
     */
    _Atomic uint32 nmeasuring;
    _Atomic uint64 measuring[SPACE_MEASURE_SLOTS];
} MaintShared;

static MaintShared *maint_shared = NULL;

Size
MaintenanceShmemSize(void)
{
    return sizeof(MaintShared);
}

void
MaintenanceShmemInit(void)
{
    bool        found;

    maint_shared = ShmemInitStruct("maintenance table stats", sizeof(MaintShared), &found);
    if (!found)
    {
        memset(maint_shared, 0, sizeof(MaintShared));
        LWLockInitialize(&maint_shared->lock, LWTRANCHE_OTHER);
    }
}

static int64
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A hash of (db, relation); callers mask it to their table's size. */
static uint32
slot_hash(Oid db, Oid relid)
{
    uint64      h = ((uint64) db << 32) ^ relid;

    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (uint32) h;
}

/* Find (create) the entry; NULL if absent (or no room).  Caller holds the lock. */
static MaintTableStats *
find_entry(Oid db, Oid relid, bool create)
{
    uint32      h = slot_hash(db, relid) & (MAINT_TABLE_SLOTS - 1);
    MaintSlot  *free_slot = NULL;

    for (int i = 0; i < MAINT_TABLE_SLOTS; i++)
    {
        MaintSlot  *s = &maint_shared->slots[(h + i) & (MAINT_TABLE_SLOTS - 1)];

        if (!s->in_use)
        {
            if (free_slot == NULL)
                free_slot = s;
            break;
        }
        if (s->tombstone)
        {
            if (free_slot == NULL)
                free_slot = s;
            continue;
        }
        if (s->stats.db_id == db && s->stats.relid == relid)
            return &s->stats;
    }
    if (!create || free_slot == NULL)
        return NULL;
    memset(free_slot, 0, sizeof(*free_slot));
    free_slot->in_use = true;
    free_slot->stats.db_id = db;
    free_slot->stats.relid = relid;
    return &free_slot->stats;
}

bool
MaintenanceGetTableStats(Oid db, Oid relid, MaintTableStats *out)
{
    MaintTableStats *e;

    if (maint_shared == NULL)
        return false;
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    e = find_entry(db, relid, false);
    if (e != NULL)
        *out = *e;
    LWLockRelease(&maint_shared->lock);
    return e != NULL;
}

int
MaintenanceListTableStats(Oid db, MaintTableStats *out, int max)
{
    int         n = 0;

    if (maint_shared == NULL)
        return 0;
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    for (int i = 0; i < MAINT_TABLE_SLOTS && n < max; i++)
    {
        MaintSlot  *s = &maint_shared->slots[i];

        if (s->in_use && !s->tombstone && (!OidIsValid(db) || s->stats.db_id == db))
            out[n++] = s->stats;
    }
    LWLockRelease(&maint_shared->lock);
    return n;
}

void
MaintenanceForgetTable(Oid db, Oid relid)
{
    MaintTableStats *e;

    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, false);
    if (e != NULL)
    {
        MaintSlot  *s = (MaintSlot *) ((char *) e - offsetof(MaintSlot, stats));

        s->tombstone = true;
    }
    LWLockRelease(&maint_shared->lock);
}

/*
 * ---------- bulk changes (per transaction, checked at commit) ----------
 * DML counts themselves are the statistics collector's (pgstat.h); here we
 * only remember the largest single statement per table.
 */

typedef struct PendingCounts
{
    Oid         relid;
    CommandId   cur_cid;        /* statement being counted */
    int64       cur_count;      /* its rows so far */
    int64       max_stmt;       /* largest single-statement change */
} PendingCounts;

/*
 * A bulk change must also touch at least this many rows: small loads (and
 * the regression tests' tables) keep PostgreSQL's behaviour of waiting for
 * the regular analyze threshold.
 */
#define BULK_CHANGE_MIN_ROWS 10000

#define MAX_PENDING 64
static PendingCounts pending[MAX_PENDING];
static int  npending = 0;
static bool xact_callback_registered = false;

/*
 * After commit: a statement that changed more than bulk_change_analyze_fraction
 * of a table (and at least autovacuum_analyze_threshold rows) gets its table
 * re-analyzed by an autovacuum worker right away.
 */
static void
queue_bulk_analyze(void)
{
    for (int i = 0; i < npending; i++)
    {
        PendingCounts *p = &pending[i];
        PgStat_TableEntry st;
        double      base;

        if (BulkChangeAnalyzeFraction <= 0 || p->max_stmt < AutovacuumAnalyzeThreshold ||
            p->max_stmt < BULK_CHANGE_MIN_ROWS)
            continue;
        (void) PgStatGetTableEntry(MyDatabaseId, p->relid, &st);
        /* the table's size before the transaction (our own counts are not published yet) */
        base = (double) Max(st.n_live_tup, 0);
        if (p->max_stmt > BulkChangeAnalyzeFraction * base)
            AutoVacuumRequestAnalyze(MyDatabaseId, p->relid);
    }
}

static void
maint_xact_callback(XactEvent event, void *arg)
{
    (void) arg;
    if (event == XACT_EVENT_COMMIT && npending > 0)
        queue_bulk_analyze();
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT)
        npending = 0;
}

void
MaintenanceCountChanges(Relation rel, int64 inserted, int64 updated, int64 deleted)
{
    PendingCounts *p = NULL;
    Oid         relid = RelationGetRelid(rel);

    if (!OidIsValid(relid) || inserted + updated + deleted == 0)
        return;
    if (!xact_callback_registered)
    {
        RegisterXactCallback(maint_xact_callback, NULL);
        xact_callback_registered = true;
    }
    for (int i = 0; i < npending; i++)
        if (pending[i].relid == relid)
            p = &pending[i];
    if (p == NULL)
    {
        if (npending == MAX_PENDING)
        {
            /* XXX: a transaction touching more tables loses the counts of the rest */
            return;
        }
        p = &pending[npending++];
        memset(p, 0, sizeof(*p));
        p->relid = relid;
    }
    {
        CommandId   cid = GetCurrentCommandId(false);

        if (cid != p->cur_cid)
        {
            p->cur_cid = cid;
            p->cur_count = 0;
        }
        p->cur_count += inserted + updated + deleted;
        p->max_stmt = Max(p->max_stmt, p->cur_count);
    }
}

/* ---------- results ---------- */

void
MaintenanceReportVacuum(Oid db, Oid relid, bool autovacuum, int64 tuples_removed,
                        int64 pages_freed, int64 live_tuples, int64 dead_tuples,
                        int64 duration_ms, const RelationSpace *space)
{
    MaintTableStats *e;
    int64       now = now_us();

    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, true);
    if (e != NULL)
    {
        if (autovacuum)
        {
            e->last_autovacuum_us = now;
            e->autovacuum_count++;
        }
        else
        {
            e->last_vacuum_us = now;
            e->vacuum_count++;
        }
        e->last_vacuum_tuples_removed = tuples_removed;
        e->last_vacuum_pages_freed = pages_freed;
        e->last_vacuum_duration_ms = duration_ms;
        e->tuples_removed_total += tuples_removed;
        e->pages_freed_total += pages_freed;
        /* a scan while writers run is no baseline: only informational, never over valid counters */
        if (space != NULL && !e->space_valid)
        {
            e->live_bytes = space->live_bytes;
            e->dead_bytes = space->dead_bytes;
            e->free_bytes = space->free_bytes;
            e->space_measured_us = now;
        }
    }
    LWLockRelease(&maint_shared->lock);
    if (db == MyDatabaseId)
        pgstat_report_vacuum(relid, autovacuum, live_tuples, dead_tuples, tuples_removed,
                             duration_ms);
}

void
MaintenanceReportAnalyze(Oid db, Oid relid, bool autoanalyze, int64 live_tuples,
                         int64 dead_tuples, int64 duration_ms)
{
    MaintTableStats *e;
    int64       now = now_us();

    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, true);
    if (e != NULL)
    {
        if (autoanalyze)
        {
            e->last_autoanalyze_us = now;
            e->autoanalyze_count++;
        }
        else
        {
            e->last_analyze_us = now;
            e->analyze_count++;
        }
        e->last_analyze_duration_ms = duration_ms;
    }
    LWLockRelease(&maint_shared->lock);
    if (db == MyDatabaseId)
        pgstat_report_analyze(relid, autoanalyze, live_tuples, dead_tuples);
}

void
MaintenanceReportPrune(Oid db, Oid relid, int64 tuples_removed)
{
    MaintTableStats *e;

    if (maint_shared == NULL || tuples_removed <= 0)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, true);
    if (e != NULL)
    {
        e->pruned_tuples_total += tuples_removed;
    }
    LWLockRelease(&maint_shared->lock);
}

/* ---------- exact space counters (the backend side is space.c) ---------- */

void
MaintenanceSpaceAdd(Oid db, Oid relid, int64 live, int64 dead, int64 free_bytes)
{
    MaintTableStats *e;

    if (maint_shared == NULL || (live == 0 && dead == 0 && free_bytes == 0))
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, false);
    if (e != NULL && e->space_valid)
    {
        e->live_bytes += live;
        e->dead_bytes += dead;
        e->free_bytes += free_bytes;
    }
    LWLockRelease(&maint_shared->lock);
}

void
MaintenanceSpaceInstall(Oid db, Oid relid, int64 live, int64 dead, int64 free_bytes)
{
    MaintTableStats *e;

    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    e = find_entry(db, relid, true);
    if (e != NULL)
    {
        e->live_bytes = live;
        e->dead_bytes = dead;
        e->free_bytes = free_bytes;
        e->space_measured_us = now_us();
        e->space_valid = true;
    }
    LWLockRelease(&maint_shared->lock);
}

void
MaintenanceSpaceInvalidate(Oid db, Oid relid)
{
    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    if (OidIsValid(relid))
    {
        MaintTableStats *e = find_entry(db, relid, false);

        if (e != NULL)
            e->space_valid = false;
    }
    else
    {
        for (int i = 0; i < MAINT_TABLE_SLOTS; i++)
        {
            MaintSlot  *s = &maint_shared->slots[i];

            if (s->in_use && !s->tombstone && s->stats.db_id == db)
                s->stats.space_valid = false;
        }
    }
    LWLockRelease(&maint_shared->lock);
}

bool
MaintenanceSpaceRead(Oid db, Oid relid, RelationSpace *out)
{
    MaintTableStats *e;
    bool        valid = false;

    if (maint_shared == NULL)
        return false;
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    e = find_entry(db, relid, false);
    if (e != NULL && e->space_valid)
    {
        out->live_bytes = e->live_bytes;
        out->dead_bytes = e->dead_bytes;
        out->free_bytes = e->free_bytes;
        valid = true;
    }
    LWLockRelease(&maint_shared->lock);
    return valid;
}

static uint64
measure_key(Oid db, Oid relid)
{
    return ((uint64) db << 32) | (uint64) relid;
}

int
MaintenanceSpaceBeginMeasure(Oid db, Oid relid)
{
    int         slot = -1;

    if (maint_shared == NULL)
        return -1;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    for (int i = 0; i < SPACE_MEASURE_SLOTS; i++)
        if (atomic_load(&maint_shared->measuring[i]) == 0)
        {
            slot = i;
            atomic_store(&maint_shared->measuring[i], measure_key(db, relid));
            atomic_fetch_add(&maint_shared->nmeasuring, 1);
            break;
        }
    LWLockRelease(&maint_shared->lock);
    return slot;
}

void
MaintenanceSpaceEndMeasure(int slot)
{
    if (maint_shared == NULL || slot < 0 || slot >= SPACE_MEASURE_SLOTS)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    if (atomic_load(&maint_shared->measuring[slot]) != 0)
    {
        atomic_store(&maint_shared->measuring[slot], 0);
        atomic_fetch_sub(&maint_shared->nmeasuring, 1);
    }
    LWLockRelease(&maint_shared->lock);
}

/* Lock-free: one atomic read when nothing is being measured (the usual case). */
bool
MaintenanceSpaceMeasuring(Oid db, Oid relid)
{
    uint64      key;

    if (maint_shared == NULL || atomic_load(&maint_shared->nmeasuring) == 0)
        return false;
    key = measure_key(db, relid);
    for (int i = 0; i < SPACE_MEASURE_SLOTS; i++)
        if (atomic_load(&maint_shared->measuring[i]) == key)
            return true;
    return false;
}

/*
 * ---------- exact space of indexes (the backend side is space_index.c) ----------
 *
 * Slots are created and freed under the lock; their counters are changed
 * with atomic additions by whoever changes a page of the index, without the
 * lock.  A slot is freed only when its file is removed (commit of a DROP,
 * REINDEX or TRUNCATE, abort of a creation): no writer of that file can be
 * running then, so a writer that checked the key of its cached slot never
 * adds to a slot that was reused meanwhile.
 */

static uint64
index_key(Oid db, Oid relfilenode)
{
    return ((uint64) db << 32) | (uint64) relfilenode;
}

/*
 * The slot of key, or -1; *reusable gets the first free slot of its probe
 * chain (-1: none).  Caller holds the lock.
 */
static int
index_slot_find(uint64 key, int *reusable)
{
    uint32      h = slot_hash((Oid) (key >> 32), (Oid) key) & (INDEX_SPACE_SLOTS - 1);

    *reusable = -1;
    for (int i = 0; i < INDEX_SPACE_SLOTS; i++)
    {
        int         n = (int) ((h + (uint32) i) & (INDEX_SPACE_SLOTS - 1));
        uint64      k = atomic_load(&maint_shared->index_slots[n].key);

        if (k == key)
            return n;
        if (k == 0)
        {
            if (*reusable < 0)
                *reusable = n;
            break;
        }
        if (k == INDEX_SPACE_TOMBSTONE && *reusable < 0)
            *reusable = n;
    }
    return -1;
}

/*
 * Find or create the slot of key (a new one: invalid, counters 0); -1 if
 * the area is full.  Caller holds the lock exclusively.
 */
static int
index_slot_create(uint64 key, Oid relid)
{
    int         reusable;
    int         n = index_slot_find(key, &reusable);
    IndexSpaceSlot *s;

    if (n >= 0 || reusable < 0)
        return n;
    s = &maint_shared->index_slots[reusable];
    atomic_store(&s->live_bytes, 0);
    atomic_store(&s->dead_bytes, 0);
    atomic_store(&s->free_bytes, 0);
    atomic_store(&s->valid, 0);
    s->relid = relid;
    s->measured_us = 0;
    atomic_store(&s->key, key);
    atomic_fetch_add(&maint_shared->index_epoch, 1);
    return reusable;
}

int
MaintenanceIndexSpaceSlot(Oid db, Oid relfilenode, Oid relid, bool create)
{
    uint64      key = index_key(db, relfilenode);
    int         reusable;
    int         n;

    if (maint_shared == NULL)
        return -1;
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    n = index_slot_find(key, &reusable);
    LWLockRelease(&maint_shared->lock);
    if (n >= 0 || !create)
        return n;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    n = index_slot_create(key, relid);
    LWLockRelease(&maint_shared->lock);
    return n;
}

bool
MaintenanceIndexSpaceSlotIs(int slot, Oid db, Oid relfilenode)
{
    return maint_shared != NULL && slot >= 0 && slot < INDEX_SPACE_SLOTS &&
        atomic_load_explicit(&maint_shared->index_slots[slot].key, memory_order_acquire) ==
        index_key(db, relfilenode);
}

uint64
MaintenanceIndexSpaceEpoch(void)
{
    return maint_shared != NULL ? atomic_load(&maint_shared->index_epoch) : 0;
}

void
MaintenanceIndexSpaceSlotAdd(int slot, int64 live, int64 dead, int64 free_bytes)
{
    IndexSpaceSlot *s;

    if (maint_shared == NULL || slot < 0 || slot >= INDEX_SPACE_SLOTS)
        return;
    s = &maint_shared->index_slots[slot];
    if (live != 0)
        atomic_fetch_add_explicit(&s->live_bytes, live, memory_order_relaxed);
    if (dead != 0)
        atomic_fetch_add_explicit(&s->dead_bytes, dead, memory_order_relaxed);
    if (free_bytes != 0)
        atomic_fetch_add_explicit(&s->free_bytes, free_bytes, memory_order_relaxed);
}

bool
MaintenanceIndexSpaceInstall(Oid db, Oid relfilenode, Oid relid, int64 live, int64 dead,
                             int64 free_bytes)
{
    int         n;

    if (maint_shared == NULL)
        return false;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    n = index_slot_create(index_key(db, relfilenode), relid);
    if (n >= 0)
    {
        IndexSpaceSlot *s = &maint_shared->index_slots[n];

        atomic_store(&s->live_bytes, live);
        atomic_store(&s->dead_bytes, dead);
        atomic_store(&s->free_bytes, free_bytes);
        s->relid = relid;
        s->measured_us = now_us();
        atomic_store(&s->valid, 1);
    }
    LWLockRelease(&maint_shared->lock);
    return n >= 0;
}

bool
MaintenanceIndexSpaceRead(Oid db, Oid relfilenode, RelationSpace *out)
{
    int         reusable;
    int         n;
    bool        valid = false;

    if (maint_shared == NULL)
        return false;
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    n = index_slot_find(index_key(db, relfilenode), &reusable);
    if (n >= 0 && atomic_load(&maint_shared->index_slots[n].valid))
    {
        IndexSpaceSlot *s = &maint_shared->index_slots[n];

        out->live_bytes = atomic_load(&s->live_bytes);
        out->dead_bytes = atomic_load(&s->dead_bytes);
        out->free_bytes = atomic_load(&s->free_bytes);
        valid = true;
    }
    LWLockRelease(&maint_shared->lock);
    return valid;
}

void
MaintenanceIndexSpaceForget(Oid db, Oid relfilenode)
{
    if (maint_shared == NULL)
        return;
    LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
    if (OidIsValid(relfilenode))
    {
        int         reusable;
        int         n = index_slot_find(index_key(db, relfilenode), &reusable);

        if (n >= 0)
        {
            atomic_store(&maint_shared->index_slots[n].valid, 0);
            atomic_store(&maint_shared->index_slots[n].key, INDEX_SPACE_TOMBSTONE);
        }
    }
    else
    {
        for (int i = 0; i < INDEX_SPACE_SLOTS; i++)
        {
            IndexSpaceSlot *s = &maint_shared->index_slots[i];
            uint64      k = atomic_load(&s->key);

            if (k != 0 && k != INDEX_SPACE_TOMBSTONE && (Oid) (k >> 32) == db)
            {
                atomic_store(&s->valid, 0);
                atomic_store(&s->key, INDEX_SPACE_TOMBSTONE);
            }
        }
    }
    LWLockRelease(&maint_shared->lock);
}

/*
 * ---------- exact space counters across a clean restart ----------
 *
 * File global/rustydb_space (native byte order): header (magic, version,
 * system identifier, the shutdown checkpoint's LSN, entry count and size),
 * the valid entries, CRC32C of everything before it.  Written by the
 * shutdown process after the shutdown checkpoint, when no other process is
 * left (every transaction has published).  Read once by the startup
 * process and removed at once: the entries are installed as valid only if
 * the checkpoint is still the last one, i.e. the start replayed nothing (a
 * crash recovery ends with a new checkpoint).  Any doubt: no file, all
 * counters invalid.
 */
#define SPACE_FILE "global/rustydb_space"
#define SPACE_FILE_MAGIC 0x50534452U    /* "RDSP" */
#define SPACE_FILE_VERSION 2    /* 2: index entries */
#define SPACE_ENTRY_TABLE 0
#define SPACE_ENTRY_INDEX 1     /* relid = the index's relfilenode, index_relid = the index */

typedef struct SpaceFileHeader
{
    uint32      magic;
    uint32      version;
    uint64      system_identifier;
    XLogRecPtr  checkpoint_lsn;
    uint32      nentries;
    uint32      entry_size;
} SpaceFileHeader;

typedef struct SpaceFileEntry
{
    Oid         db_id;
    Oid         relid;
    uint32      kind;           /* SPACE_ENTRY_* */
    Oid         index_relid;
    int64       live_bytes;
    int64       dead_bytes;
    int64       free_bytes;
    int64       measured_us;
} SpaceFileEntry;

/* FileWriteAtomic, a failure only logged: the counters are then invalid after the restart */
static void
write_quietly(const char *path, const char *buf, Size len)
{
    RDB_TRY();
    {
        FileWriteAtomic(path, buf, len);
    }
    RDB_CATCH();
    {
        EmitErrorReport();
        FlushErrorState();
    }
    RDB_END_TRY();
}

void
MaintenanceSpaceSave(void)
{
    SpaceFileHeader *hdr;
    SpaceFileEntry *ent;
    char       *buf;
    Size        len;
    uint32      n = 0;
    uint32      crc;
    char       *path;

    if (maint_shared == NULL || ControlFile == NULL)
        return;
    len = sizeof(SpaceFileHeader) + sizeof(SpaceFileEntry) * (MAINT_TABLE_SLOTS + INDEX_SPACE_SLOTS) +
        sizeof(uint32);
    buf = palloc0(len);
    hdr = (SpaceFileHeader *) buf;
    ent = (SpaceFileEntry *) (buf + sizeof(SpaceFileHeader));
    LWLockAcquire(&maint_shared->lock, LW_SHARED);
    for (int i = 0; i < MAINT_TABLE_SLOTS; i++)
    {
        MaintSlot  *s = &maint_shared->slots[i];

        if (!s->in_use || s->tombstone || !s->stats.space_valid)
            continue;
        ent[n].db_id = s->stats.db_id;
        ent[n].relid = s->stats.relid;
        ent[n].live_bytes = s->stats.live_bytes;
        ent[n].dead_bytes = s->stats.dead_bytes;
        ent[n].free_bytes = s->stats.free_bytes;
        ent[n].measured_us = s->stats.space_measured_us;
        n++;
    }
    for (int i = 0; i < INDEX_SPACE_SLOTS; i++)
    {
        IndexSpaceSlot *s = &maint_shared->index_slots[i];
        uint64      k = atomic_load(&s->key);

        if (k == 0 || k == INDEX_SPACE_TOMBSTONE || !atomic_load(&s->valid))
            continue;
        ent[n].db_id = (Oid) (k >> 32);
        ent[n].relid = (Oid) k;
        ent[n].kind = SPACE_ENTRY_INDEX;
        ent[n].index_relid = s->relid;
        ent[n].live_bytes = atomic_load(&s->live_bytes);
        ent[n].dead_bytes = atomic_load(&s->dead_bytes);
        ent[n].free_bytes = atomic_load(&s->free_bytes);
        ent[n].measured_us = s->measured_us;
        n++;
    }
    LWLockRelease(&maint_shared->lock);
    hdr->magic = SPACE_FILE_MAGIC;
    hdr->version = SPACE_FILE_VERSION;
    hdr->system_identifier = ControlFile->system_identifier;
    hdr->checkpoint_lsn = ControlFile->checkpoint_lsn;
    hdr->nentries = n;
    hdr->entry_size = sizeof(SpaceFileEntry);
    len = sizeof(SpaceFileHeader) + sizeof(SpaceFileEntry) * n;
    crc = Crc32c(buf, len);
    memcpy(buf + len, &crc, sizeof(crc));
    len += sizeof(crc);
    path = DataFilePath(SPACE_FILE);
    write_quietly(path, buf, len);
    pfree(path);
    pfree(buf);
}

void
MaintenanceSpaceRestore(void)
{
    char       *path = DataFilePath(SPACE_FILE);
    struct stat st;
    char       *buf = NULL;
    int         fd;
    const SpaceFileHeader *hdr;
    const SpaceFileEntry *ent;
    uint32      crc;
    const char *why = NULL;

    if (maint_shared == NULL || ControlFile == NULL || stat(path, &st) != 0)
    {
        pfree(path);
        return;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && st.st_size >= (off_t) (sizeof(SpaceFileHeader) + sizeof(uint32)) &&
        st.st_size <= (off_t) (sizeof(SpaceFileHeader) +
                               sizeof(SpaceFileEntry) * (MAINT_TABLE_SLOTS + INDEX_SPACE_SLOTS) +
                               sizeof(uint32)))
    {
        buf = palloc((Size) st.st_size);
        if (read(fd, buf, (size_t) st.st_size) != (ssize_t) st.st_size)
            why = "short read";
    }
    else
        why = "unreadable or of a wrong size";
    if (fd >= 0)
        close(fd);
    /* used once: a later crash must never bring these figures back */
    if (unlink(path) != 0 && why == NULL)
        why = "cannot be removed";
    if (why == NULL)
    {
        hdr = (const SpaceFileHeader *) buf;
        ent = (const SpaceFileEntry *) (buf + sizeof(SpaceFileHeader));
        memcpy(&crc, buf + st.st_size - sizeof(uint32), sizeof(uint32));
        if (hdr->magic != SPACE_FILE_MAGIC || hdr->version != SPACE_FILE_VERSION ||
            hdr->entry_size != sizeof(SpaceFileEntry) ||
            (off_t) (sizeof(SpaceFileHeader) + (Size) hdr->nentries * sizeof(SpaceFileEntry) +
                     sizeof(uint32)) != st.st_size ||
            crc != Crc32c(buf, (Size) st.st_size - sizeof(uint32)))
            why = "corrupted";
        else if (hdr->system_identifier != ControlFile->system_identifier ||
                 hdr->checkpoint_lsn != ControlFile->checkpoint_lsn)
            why = "not from the last shutdown checkpoint";
    }
    if (why != NULL)
        ereport(LOG, errmsg("exact space counters not restored: \"%s\" %s", SPACE_FILE, why));
    else
    {
        LWLockAcquire(&maint_shared->lock, LW_EXCLUSIVE);
        for (uint32 i = 0; i < hdr->nentries; i++)
        {
            MaintTableStats *e;

            if (ent[i].kind == SPACE_ENTRY_INDEX)
            {
                int         n = index_slot_create(index_key(ent[i].db_id, ent[i].relid),
                                                  ent[i].index_relid);

                if (n >= 0)
                {
                    IndexSpaceSlot *s = &maint_shared->index_slots[n];

                    atomic_store(&s->live_bytes, ent[i].live_bytes);
                    atomic_store(&s->dead_bytes, ent[i].dead_bytes);
                    atomic_store(&s->free_bytes, ent[i].free_bytes);
                    s->measured_us = ent[i].measured_us;
                    atomic_store(&s->valid, 1);
                }
                continue;
            }
            e = find_entry(ent[i].db_id, ent[i].relid, true);
            if (e == NULL)
                continue;
            e->live_bytes = ent[i].live_bytes;
            e->dead_bytes = ent[i].dead_bytes;
            e->free_bytes = ent[i].free_bytes;
            e->space_measured_us = ent[i].measured_us;
            e->space_valid = true;
        }
        LWLockRelease(&maint_shared->lock);
        ereport(LOG, errmsg("exact space counters restored for %u tables and indexes",
                            hdr->nentries));
    }
    if (buf != NULL)
        pfree(buf);
    pfree(path);
}

/* ---------- jobs ---------- */

static JobId current_job = InvalidJobId;
static JobProgress current_progress;
static JobResult current_result;
static int64 last_progress_us = 0;

JobId
MaintenanceJobBegin(JobOperation op, JobOrigin origin, uint32 options,
                    const char *const *tables, int ntables)
{
    JobRequest  req;

    if (current_job != InvalidJobId)
        return current_job;     /* nested (VACUUM ANALYZE, a job running SQL): one job */
    memset(&req, 0, sizeof(req));
    req.operation = op;
    req.origin = origin;
    req.database_id = MyDatabaseId;
    snprintf(req.database_name, sizeof(req.database_name), "%s",
             MyDatabaseName ? MyDatabaseName : "");
    req.options = options;
    req.ntables = Min(ntables, JOB_MAX_TABLES);
    for (int i = 0; i < req.ntables; i++)
        snprintf(req.tables[i], JOB_TABLE_NAME_LEN, "%s", tables[i]);
    current_job = JobSubmitRunning(&req);
    memset(&current_progress, 0, sizeof(current_progress));
    memset(&current_result, 0, sizeof(current_result));
    current_progress.tables_total = (uint32) req.ntables;
    last_progress_us = 0;
    return current_job;
}

void
MaintenanceJobAdopt(JobId id)
{
    current_job = id;
    memset(&current_progress, 0, sizeof(current_progress));
    memset(&current_result, 0, sizeof(current_result));
    last_progress_us = 0;
}

JobId
MaintenanceCurrentJob(void)
{
    return current_job;
}

void
MaintenanceJobProgress(const char *phase, uint64 pages_done, uint64 pages_total,
                       uint32 indexes_done, uint32 indexes_total)
{
    int64       now;

    if (current_job == InvalidJobId)
        return;
    snprintf(current_progress.phase, JOB_PHASE_LEN, "%s", phase);
    current_progress.pages_scanned = pages_done;
    current_progress.pages_total = pages_total;
    current_progress.indexes_done = indexes_done;
    current_progress.indexes_total = indexes_total;
    now = now_us();
    if (now - last_progress_us < 100000)    /* at most 10 updates a second */
        return;
    last_progress_us = now;
    JobSetProgress(current_job, &current_progress);
}

void
MaintenanceJobTableDone(const JobTableResult *result)
{
    if (current_job == InvalidJobId)
        return;
    if (current_result.ntables < JOB_MAX_RESULTS)
        current_result.tables[current_result.ntables++] = *result;
    current_progress.tables_done++;
    if (current_progress.tables_total < current_progress.tables_done)
        current_progress.tables_total = current_progress.tables_done;
    last_progress_us = 0;
    JobSetProgress(current_job, &current_progress);
}

void
MaintenanceJobEnd(JobStatus status, const char *error)
{
    if (current_job == InvalidJobId)
        return;
    JobFinish(current_job, status, error, &current_result);
    current_job = InvalidJobId;
}

void
MaintenanceCheckCancel(void)
{
    CHECK_FOR_INTERRUPTS();
    if (current_job != InvalidJobId && JobCancelRequested())
        ereport(ERROR, errcode(ERRCODE_QUERY_CANCELED),
                errmsg("canceling maintenance job %llu due to user request",
                       (unsigned long long) current_job));
}

/* ---------- exact space ---------- */

void
RelationMeasureSpace(Relation rel, RelationSpace *out)
{
    BlockNumber nblocks;
    TransactionId oldest_xmin;

    if (rel->rd_relkind == RELKIND_INDEX)
    {
        RelationMeasureIndexSpace(rel, out);
        return;
    }
    nblocks = RelationGetNumberOfBlocks(rel);
    oldest_xmin = GetOldestXmin(MyDatabaseId, IsSharedRelationId(RelationGetRelid(rel)));
    memset(out, 0, sizeof(*out));
    out->pages = nblocks;
    for (BlockNumber blk = 0; blk < nblocks; blk++)
    {
        Buffer      buf = ReadBuffer(rel, blk);
        Page        page;
        OffsetNumber maxoff;

        CHECK_FOR_INTERRUPTS();
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        if (PageIsNew(page))
        {
            out->free_bytes += BLCKSZ - SizeOfPageHeaderData;
            out->overhead_bytes += SizeOfPageHeaderData;
            UnlockReleaseBuffer(buf);
            continue;
        }
        maxoff = PageGetMaxOffsetNumber(page);
        out->free_bytes += (int64) PageGetExactFreeSpace(page);
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
        {
            ItemId      lp = PageGetItemId(page, off);
            HeapTupleData tup;

            if (ItemIdIsDead(lp))
            {
                out->dead_bytes += (int64) (sizeof(ItemIdData) + ItemIdGetLength(lp));
                continue;
            }
            if (!ItemIdIsNormal(lp))
                continue;
            tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
            tup.t_len = ItemIdGetLength(lp);
            tup.t_tableOid = RelationGetRelid(rel);
            ItemPointerSet(&tup.t_self, blk, off);
            switch (HeapTupleSatisfiesVacuum(&tup, oldest_xmin, buf))
            {
                case HEAPTUPLE_DEAD:
                case HEAPTUPLE_RECENTLY_DEAD:
                    out->dead_bytes += (int64) tup.t_len;
                    break;
                default:
                    out->live_bytes += (int64) tup.t_len;
                    break;
            }
        }
        UnlockReleaseBuffer(buf);
    }
    out->overhead_bytes = (int64) nblocks * BLCKSZ - out->live_bytes - out->dead_bytes -
        out->free_bytes;
}
