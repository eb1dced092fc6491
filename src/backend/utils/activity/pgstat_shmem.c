/*
 * pgstat_shmem.c
 *     The shared statistics area: a fixed-capacity, partitioned open-
 *     addressing hash per entry kind, the per-backend activity slots, and the
 *     readers' entry points (PgStatGet*Entry, PgStatSnapshot*, resets).
 * Entry points: PgStatShmemSize(), PgStatShmemInit(), pgstat_entry_lookup(),
 * PgStatGetTableEntry() and friends.
 * Locking: one LWLock per (kind, partition); see README.md.
 */
#include "rustydb.h"

#include <string.h>

#include "miscadmin.h"
#include "pgstat_int.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/palloc.h"

PgStatShared *PgStatShmem = NULL;

const PgStatKindInfo pgstat_kinds[PGSTAT_NUM_KINDS] = {
    [PGSTAT_KIND_TABLE] = {"table", sizeof(PgStat_TableEntry), 2 * sizeof(Oid), PGSTAT_MAX_TABLES},
    [PGSTAT_KIND_INDEX] = {"index", sizeof(PgStat_IndexEntry), 2 * sizeof(Oid), PGSTAT_MAX_INDEXES},
    [PGSTAT_KIND_DATABASE] = {"database", sizeof(PgStat_DatabaseEntry), sizeof(Oid), PGSTAT_MAX_DATABASES},
    [PGSTAT_KIND_STATEMENT] = {"statement", sizeof(PgStat_StatementEntry),
                               sizeof(uint64) + 2 * sizeof(Oid), PGSTAT_MAX_STATEMENTS},
    [PGSTAT_KIND_MISSING_INDEX] = {"missing index", sizeof(PgStat_MissingIndexEntry),
                                   offsetof(PgStat_MissingIndexEntry, attnums) +
                                   sizeof(int16) * PGSTAT_MISSING_INDEX_MAX_COLS,
                                   PGSTAT_MAX_MISSING_INDEXES},
};

StaticAssertDecl(offsetof(PgStat_TableEntry, relid) == sizeof(Oid), "table key layout");
StaticAssertDecl(offsetof(PgStat_IndexEntry, indexrelid) == sizeof(Oid), "index key layout");
StaticAssertDecl(sizeof(PgStatGoneKey) == 2 * sizeof(Oid), "a gone key is a table or index key");
StaticAssertDecl(offsetof(PgStat_StatementEntry, db) == sizeof(uint64) + sizeof(Oid),
                 "statement key layout");

static Size
kind_slot_size(PgStatKind kind)
{
    return PGSTAT_SLOT_HDR + MAXALIGN(pgstat_kinds[kind].entry_size);
}

Size
PgStatShmemSize(void)
{
    Size        size = MAXALIGN(sizeof(PgStatShared));

    for (int k = 0; k < PGSTAT_NUM_KINDS; k++)
        size = add_size(size, mul_size(kind_slot_size(k), (Size) pgstat_kinds[k].capacity));
    size = add_size(size, mul_size(sizeof(PgStatActivity), (Size) ProcGlobalSlotCount()));
    return size;
}

void
PgStatShmemInit(void)
{
    bool        found;
    char       *p;

    PgStatShmem = ShmemInitStruct("pgstat", PgStatShmemSize(), &found);
    if (found)
        return;
    p = (char *) PgStatShmem + MAXALIGN(sizeof(PgStatShared));
    for (int k = 0; k < PGSTAT_NUM_KINDS; k++)
    {
        Assert(pgstat_kinds[k].capacity % PGSTAT_NUM_PARTITIONS == 0);
        for (int i = 0; i < PGSTAT_NUM_PARTITIONS; i++)
            LWLockInitialize(&PgStatShmem->locks[k][i], LWTRANCHE_STATS);
        PgStatShmem->slots[k] = p;
        PgStatShmem->slot_size[k] = kind_slot_size(k);
        PgStatShmem->slots_per_partition[k] = pgstat_kinds[k].capacity / PGSTAT_NUM_PARTITIONS;
        p += kind_slot_size(k) * (Size) pgstat_kinds[k].capacity;
    }
    PgStatShmem->nactivity = ProcGlobalSlotCount();
    PgStatShmem->activity = (PgStatActivity *) p;
    PgStatShmem->stats_reset = 0;
}

/* pgstat_hash_key -- FNV-1a over the key bytes, finished with a mixer. */
uint32
pgstat_hash_key(const void *key, Size len)
{
    const unsigned char *s = key;
    uint64      h = UINT64_C(14695981039346656037);

    for (Size i = 0; i < len; i++)
    {
        h ^= s[i];
        h *= UINT64_C(1099511628211);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    return (uint32) h;
}

LWLock *
pgstat_partition_lock(PgStatKind kind, uint32 hash)
{
    return &PgStatShmem->locks[kind][hash % PGSTAT_NUM_PARTITIONS];
}

static inline PgStatSlot *
slot_at(PgStatKind kind, int partition, int i)
{
    Size        idx = (Size) partition * (Size) PgStatShmem->slots_per_partition[kind] + (Size) i;

    return (PgStatSlot *) (PgStatShmem->slots[kind] + idx * PgStatShmem->slot_size[kind]);
}

static inline void *
slot_entry(PgStatSlot *slot)
{
    return (char *) slot + PGSTAT_SLOT_HDR;
}

/*
 * pgstat_entry_lookup -- find the entry with key in kind's hash; with
 * create, insert a zeroed entry carrying the key when absent.  Caller holds
 * the partition lock (exclusive with create).  NULL when absent, or full.
 */
void *
pgstat_entry_lookup(PgStatKind kind, const void *key, uint32 hash, bool create)
{
    int         part = (int) (hash % PGSTAT_NUM_PARTITIONS);
    int         n = PgStatShmem->slots_per_partition[kind];
    int         start = (int) ((hash / PGSTAT_NUM_PARTITIONS) % (uint32) n);
    Size        key_size = pgstat_kinds[kind].key_size;
    PgStatSlot *free_slot = NULL;

    for (int i = 0; i < n; i++)
    {
        PgStatSlot *slot = slot_at(kind, part, (start + i) % n);

        if (slot->state == PGSTAT_SLOT_EMPTY)
        {
            if (free_slot == NULL)
                free_slot = slot;
            break;
        }
        if (slot->state == PGSTAT_SLOT_DELETED)
        {
            if (free_slot == NULL)
                free_slot = slot;
            continue;
        }
        if (slot->hash == hash && memcmp(slot_entry(slot), key, key_size) == 0)
            return slot_entry(slot);
    }
    if (!create)
        return NULL;
    if (free_slot == NULL)
    {
        atomic_fetch_add(&PgStatShmem->dropped[kind], 1);
        return NULL;
    }
    memset(slot_entry(free_slot), 0, pgstat_kinds[kind].entry_size);
    memcpy(slot_entry(free_slot), key, key_size);
    free_slot->hash = hash;
    free_slot->state = PGSTAT_SLOT_USED;
    return slot_entry(free_slot);
}

/* The gone ring of (kind, partition of hash); NULL for kinds without one. */
static PgStatGoneKey *
gone_ring(PgStatKind kind, uint32 hash, uint32 **next)
{
    int         k = kind == PGSTAT_KIND_TABLE ? 0 : kind == PGSTAT_KIND_INDEX ? 1 : -1;
    int         part = (int) (hash % PGSTAT_NUM_PARTITIONS);

    if (k < 0)
        return NULL;
    *next = &PgStatShmem->gone_next[k][part];
    return PgStatShmem->gone[k][part];
}

void *
pgstat_entry_lookup_live(PgStatKind kind, const void *key, uint32 hash)
{
    void       *e = pgstat_entry_lookup(kind, key, hash, false);
    uint32     *next;
    PgStatGoneKey *ring;

    if (e != NULL)
        return e;
    ring = gone_ring(kind, hash, &next);
    if (ring != NULL)
    {
        PgStatGoneKey k;

        memcpy(&k, key, sizeof(k));     /* table and index keys: (db, relid) */
        for (int i = 0; i < PGSTAT_GONE_PER_PARTITION; i++)
            if (ring[i].db == k.db && ring[i].relid == k.relid)
                return NULL;
    }
    return pgstat_entry_lookup(kind, key, hash, true);
}

/* Delete an entry found by pgstat_entry_lookup (partition lock exclusive). */
void
pgstat_entry_delete(PgStatKind kind, void *entry)
{
    PgStatSlot *slot = (PgStatSlot *) ((char *) entry - PGSTAT_SLOT_HDR);

    (void) kind;
    slot->state = PGSTAT_SLOT_DELETED;
}

void
pgstat_partition_foreach(PgStatKind kind, int partition, PgStatEntryFn fn, void *arg)
{
    int         n = PgStatShmem->slots_per_partition[kind];

    for (int i = 0; i < n; i++)
    {
        PgStatSlot *slot = slot_at(kind, partition, i);

        if (slot->state == PGSTAT_SLOT_USED)
            fn(slot_entry(slot), arg);
    }
}

/* ---------- readers ---------- */

static bool
get_entry(PgStatKind kind, const void *key, void *out)
{
    uint32      hash = pgstat_hash_key(key, pgstat_kinds[kind].key_size);
    LWLock     *lock;
    void       *e;

    if (PgStatShmem == NULL)
        return false;
    lock = pgstat_partition_lock(kind, hash);
    LWLockAcquire(lock, LW_SHARED);
    e = pgstat_entry_lookup(kind, key, hash, false);
    if (e)
        memcpy(out, e, pgstat_kinds[kind].entry_size);
    LWLockRelease(lock);
    return e != NULL;
}

bool
PgStatGetTableEntry(Oid db, Oid relid, PgStat_TableEntry *out)
{
    PgStat_TableEntry key;

    memset(&key, 0, sizeof(key));
    key.db = db;
    key.relid = relid;
    if (get_entry(PGSTAT_KIND_TABLE, &key, out))
        return true;
    *out = key;
    out->last_vacuum_duration_ms = -1;
    return false;
}

bool
PgStatGetIndexEntry(Oid db, Oid indexrelid, PgStat_IndexEntry *out)
{
    PgStat_IndexEntry key;

    memset(&key, 0, sizeof(key));
    key.db = db;
    key.indexrelid = indexrelid;
    if (get_entry(PGSTAT_KIND_INDEX, &key, out))
        return true;
    *out = key;
    return false;
}

bool
PgStatGetDatabaseEntry(Oid db, PgStat_DatabaseEntry *out)
{
    PgStat_DatabaseEntry key;

    memset(&key, 0, sizeof(key));
    key.db = db;
    if (get_entry(PGSTAT_KIND_DATABASE, &key, out))
        return true;
    *out = key;
    return false;
}

typedef struct SnapshotState
{
    PgStatKind  kind;
    Oid         db;             /* InvalidOid: all */
    char       *items;
    int         count;
    int         capacity;
} SnapshotState;

static void
snapshot_one(void *entry, void *arg)
{
    SnapshotState *st = arg;
    Size        esz = pgstat_kinds[st->kind].entry_size;
    Oid         db;

    /* every kind but statements starts with its db; statements have it third */
    if (st->kind == PGSTAT_KIND_STATEMENT)
        db = ((PgStat_StatementEntry *) entry)->db;
    else
        memcpy(&db, entry, sizeof(Oid));
    if (OidIsValid(st->db) && db != st->db)
        return;
    if (st->count == st->capacity)
    {
        st->capacity *= 2;
        st->items = repalloc(st->items, esz * (Size) st->capacity);
    }
    memcpy(st->items + esz * (Size) st->count, entry, esz);
    st->count++;
}

/* Copy every entry of kind (of db, unless InvalidOid) into a palloc'd array. */
static void *
snapshot_kind(PgStatKind kind, Oid db, int *count)
{
    SnapshotState st = {kind, db, NULL, 0, 64};

    st.items = palloc(pgstat_kinds[kind].entry_size * (Size) st.capacity);
    if (PgStatShmem != NULL)
    {
        for (int p = 0; p < PGSTAT_NUM_PARTITIONS; p++)
        {
            LWLock     *lock = &PgStatShmem->locks[kind][p];

            LWLockAcquire(lock, LW_SHARED);
            pgstat_partition_foreach(kind, p, snapshot_one, &st);
            LWLockRelease(lock);
        }
    }
    *count = st.count;
    return st.items;
}

PgStat_TableEntry *
PgStatSnapshotTables(Oid db, int *count)
{
    return snapshot_kind(PGSTAT_KIND_TABLE, db, count);
}

PgStat_IndexEntry *
PgStatSnapshotIndexes(Oid db, int *count)
{
    return snapshot_kind(PGSTAT_KIND_INDEX, db, count);
}

PgStat_DatabaseEntry *
PgStatSnapshotDatabases(int *count)
{
    return snapshot_kind(PGSTAT_KIND_DATABASE, InvalidOid, count);
}

PgStat_StatementEntry *
PgStatSnapshotStatements(int *count)
{
    return snapshot_kind(PGSTAT_KIND_STATEMENT, InvalidOid, count);
}

PgStat_MissingIndexEntry *
PgStatSnapshotMissingIndexes(Oid db, int *count)
{
    return snapshot_kind(PGSTAT_KIND_MISSING_INDEX, db, count);
}

/* ---------- resets and drops ---------- */

typedef struct DeleteState
{
    PgStatKind  kind;
    Oid         db;
    Oid         relid;          /* tables/indexes/missing: only this relation */
} DeleteState;

static void
delete_matching(void *entry, void *arg)
{
    DeleteState *st = arg;
    Oid         db;
    Oid         relid;

    if (st->kind == PGSTAT_KIND_STATEMENT)
    {
        pgstat_entry_delete(st->kind, entry);
        return;
    }
    memcpy(&db, entry, sizeof(Oid));
    if (OidIsValid(st->db) && db != st->db)
        return;
    if (OidIsValid(st->relid))
    {
        if (st->kind == PGSTAT_KIND_INDEX)
            relid = ((PgStat_IndexEntry *) entry)->indexrelid;
        else if (st->kind == PGSTAT_KIND_DATABASE)
            return;
        else
            memcpy(&relid, (char *) entry + sizeof(Oid), sizeof(Oid));
        if (relid != st->relid &&
            !(st->kind == PGSTAT_KIND_INDEX && ((PgStat_IndexEntry *) entry)->relid == st->relid))
            return;
    }
    if (st->kind == PGSTAT_KIND_DATABASE)
    {
        PgStat_DatabaseEntry *d = entry;
        Oid         keep = d->db;

        memset(d, 0, sizeof(*d));
        d->db = keep;
        d->stats_reset = GetCurrentTimestamp();
        return;
    }
    pgstat_entry_delete(st->kind, entry);
}

static void
delete_kind(PgStatKind kind, Oid db, Oid relid)
{
    DeleteState st = {kind, db, relid};

    if (PgStatShmem == NULL)
        return;
    for (int p = 0; p < PGSTAT_NUM_PARTITIONS; p++)
    {
        LWLock     *lock = &PgStatShmem->locks[kind][p];

        LWLockAcquire(lock, LW_EXCLUSIVE);
        pgstat_partition_foreach(kind, p, delete_matching, &st);
        LWLockRelease(lock);
    }
}

void
PgStatResetStatements(void)
{
    delete_kind(PGSTAT_KIND_STATEMENT, InvalidOid, InvalidOid);
    /* backends forget which entries they saw (pgstat_statement.c) */
    atomic_fetch_add(&PgStatShmem->statements_resets, 1);
}

/* pg_stat_reset(): the database's counters and its tables', indexes' and suggestions. */
void
PgStatResetDatabase(Oid db)
{
    pgstat_flush(true);
    delete_kind(PGSTAT_KIND_TABLE, db, InvalidOid);
    delete_kind(PGSTAT_KIND_INDEX, db, InvalidOid);
    delete_kind(PGSTAT_KIND_MISSING_INDEX, db, InvalidOid);
    delete_kind(PGSTAT_KIND_DATABASE, db, InvalidOid);
    atomic_store(&PgStatShmem->stats_reset, GetCurrentTimestamp());
}

/*
 * pgstat_drop_relation -- forget a dropped table or index: its entry (table
 * or index kind), the entries of the table's indexes, and its missing-index
 * suggestions.  The (db, relid) key is also remembered as gone, so a delta
 * another backend still holds for it does not bring the entry back.
 */
void
pgstat_drop_relation(Oid db, Oid relid)
{
    if (PgStatShmem == NULL)
        return;
    for (int k = 0; k < 2; k++)
    {
        PgStatKind  kind = k == 0 ? PGSTAT_KIND_TABLE : PGSTAT_KIND_INDEX;
        PgStatGoneKey key = {db, relid};
        uint32      hash = pgstat_hash_key(&key, pgstat_kinds[kind].key_size);
        LWLock     *lock = pgstat_partition_lock(kind, hash);
        uint32     *next;
        PgStatGoneKey *ring;
        void       *e;

        LWLockAcquire(lock, LW_EXCLUSIVE);
        e = pgstat_entry_lookup(kind, &key, hash, false);
        if (e != NULL)
            pgstat_entry_delete(kind, e);
        ring = gone_ring(kind, hash, &next);
        ring[*next % PGSTAT_GONE_PER_PARTITION] = key;
        (*next)++;
        LWLockRelease(lock);
    }
    delete_kind(PGSTAT_KIND_INDEX, db, relid);  /* the table's indexes (by their relid) */
    delete_kind(PGSTAT_KIND_MISSING_INDEX, db, relid);
}
