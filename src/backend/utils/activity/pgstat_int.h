/*
 * pgstat_int.h
 *     Private to src/backend/utils/activity and src/postmaster/pgstat.c:
 *     the layout of the shared statistics area and the generic hash on it.
 * See README.md in this directory for the design and the lock rules.
 */
#ifndef PGSTAT_INT_H
#define PGSTAT_INT_H

#include "pgstat.h"
#include "storage/lwlock.h"

/* Kinds of entries; each has its own partitioned slot array. */
typedef enum PgStatKind
{
    PGSTAT_KIND_TABLE = 0,
    PGSTAT_KIND_INDEX,
    PGSTAT_KIND_DATABASE,
    PGSTAT_KIND_STATEMENT,
    PGSTAT_KIND_MISSING_INDEX,
    PGSTAT_NUM_KINDS
} PgStatKind;

/* Partitions per kind; a partition is a contiguous run of slots + one LWLock. */
#define PGSTAT_NUM_PARTITIONS 16

/* Capacities (entries per kind; multiples of PGSTAT_NUM_PARTITIONS). */
#define PGSTAT_MAX_TABLES 8192
#define PGSTAT_MAX_INDEXES 8192
#define PGSTAT_MAX_DATABASES 128
#define PGSTAT_MAX_STATEMENTS 4096
#define PGSTAT_MAX_MISSING_INDEXES 512

/* Slot states */
#define PGSTAT_SLOT_EMPTY 0
#define PGSTAT_SLOT_USED 1
#define PGSTAT_SLOT_DELETED 2       /* tombstone: probing continues past it */

/*
 * A slot: state + hash, then the entry (PgStat_TableEntry, ...).  The key
 * of every entry kind is its first key_size bytes (see pgstat_kinds[]).
 * Protected by the partition lock of its kind: shared to read, exclusive to
 * create, change or delete.
 */
typedef struct PgStatSlot
{
    uint32      state;
    uint32      hash;
    /* entry follows, MAXALIGNed */
} PgStatSlot;

#define PGSTAT_SLOT_HDR MAXALIGN(sizeof(PgStatSlot))

typedef struct PgStatKindInfo
{
    const char *name;
    Size        entry_size;     /* sizeof(PgStat_XxxEntry) */
    Size        key_size;       /* leading bytes of the entry that form its key */
    int         capacity;
} PgStatKindInfo;

extern const PgStatKindInfo pgstat_kinds[PGSTAT_NUM_KINDS];

/*
 * Per-backend activity (pg_stat_activity).  One per proc slot, written by
 * the owner only.  Readers copy it while changecount is even and unchanged
 * (the owner increments it before and after each change).
 */
#define PGSTAT_ACTIVITY_QUERY_MAX 1024
#define PGSTAT_APPNAME_MAX 64
#define PGSTAT_ADDR_MAX 64

typedef struct PgStatActivity
{
    _Atomic uint32 changecount;
    int         state;          /* PgStatActivityState */
    TimestampTz backend_start;
    TimestampTz xact_start;
    TimestampTz query_start;
    TimestampTz state_change;
    uint64      queryid;
    char        application_name[PGSTAT_APPNAME_MAX];
    char        client_addr[PGSTAT_ADDR_MAX];   /* "" for Unix socket */
    int         client_port;                    /* -1 for Unix socket */
    char        query[PGSTAT_ACTIVITY_QUERY_MAX];
} PgStatActivity;

/*
 * Recently dropped relations, per partition of the table and index kinds:
 * a backend whose delta for a relation was still pending when another one
 * dropped it must not create the entry again (pgstat_entry_lookup_live).
 * A ring: the oldest is forgotten.  Protected by the partition lock.
 */
#define PGSTAT_GONE_PER_PARTITION 8

typedef struct PgStatGoneKey
{
    Oid         db;
    Oid         relid;
} PgStatGoneKey;

/* The shared area. */
typedef struct PgStatShared
{
    LWLock      locks[PGSTAT_NUM_KINDS][PGSTAT_NUM_PARTITIONS];
    char       *slots[PGSTAT_NUM_KINDS];    /* start of each kind's slot array */
    Size        slot_size[PGSTAT_NUM_KINDS];
    int         slots_per_partition[PGSTAT_NUM_KINDS];
    _Atomic int64 dropped[PGSTAT_NUM_KINDS];    /* inserts refused: partition full */
    _Atomic bool loaded;            /* stats file read for this segment */
    _Atomic int64 last_write_us;    /* Unix us of the last successful file write */
    _Atomic TimestampTz stats_reset;
    _Atomic uint64 log_generation;  /* bumped at each log rotation (logrotate.c) */
    _Atomic uint64 statements_resets;   /* bumped by PgStatResetStatements() */
    PgStatGoneKey gone[2][PGSTAT_NUM_PARTITIONS][PGSTAT_GONE_PER_PARTITION];  /* table, index */
    uint32      gone_next[2][PGSTAT_NUM_PARTITIONS];
    int         nactivity;          /* = ProcGlobalSlotCount(); immutable */
    PgStatActivity *activity;       /* nactivity entries */
} PgStatShared;

extern PgStatShared *PgStatShmem;

/* pgstat_shmem.c: the generic hash.  Caller holds the partition lock. */
extern uint32 pgstat_hash_key(const void *key, Size len);
extern LWLock *pgstat_partition_lock(PgStatKind kind, uint32 hash);
/* NULL if absent (or, with create, if the partition is full). */
extern void *pgstat_entry_lookup(PgStatKind kind, const void *key, uint32 hash, bool create);
extern void pgstat_entry_delete(PgStatKind kind, void *entry);
/*
 * As pgstat_entry_lookup with create, except that a table or index entry
 * whose relation was dropped recently is not created again (NULL).
 */
extern void *pgstat_entry_lookup_live(PgStatKind kind, const void *key, uint32 hash);
/* Iterate one partition: calls fn(entry, arg) for every used slot (lock held by caller). */
typedef void (*PgStatEntryFn) (void *entry, void *arg);
extern void pgstat_partition_foreach(PgStatKind kind, int partition, PgStatEntryFn fn, void *arg);

/* normalize.c */
/*
 * pgstat_normalize -- normalise query (len bytes) into out (outsize bytes,
 * NUL-terminated, cut at a character boundary) and return its query id.
 */
extern uint64 pgstat_normalize(const char *query, size_t len, char *out, size_t outsize);
/* The same id without the text (one pass, no output). */
extern uint64 pgstat_query_id(const char *query, size_t len);

/* pgstat_backend.c */
extern bool pgstat_have_pending(void);

/* pgstat_statement.c */
extern void pgstat_statements_flush(bool force);
extern bool pgstat_statements_have_pending(void);
extern void pgstat_statement_abort(void);

/* pgstat_activity.c */
typedef enum PgStatActivityState
{
    PGSTAT_STATE_UNDEFINED = 0,
    PGSTAT_STATE_IDLE,
    PGSTAT_STATE_RUNNING,
    PGSTAT_STATE_IDLE_IN_XACT,
    PGSTAT_STATE_IDLE_IN_XACT_ABORTED
} PgStatActivityState;

extern void pgstat_activity_init(void);
extern void pgstat_activity_clear(void);
extern void pgstat_activity_xact_start(void);
extern void pgstat_activity_xact_end(void);
extern void pgstat_activity_set(PgStatActivityState state, const char *query, size_t len,
                                uint64 queryid);
/* State "active" for a statement starting: query_start is the statement's start time. */
extern void pgstat_activity_start_statement(const char *query, size_t len, uint64 queryid);
/* Copy slot procno consistently; false if the slot is unused. */
extern bool pgstat_activity_read(int procno, PgStatActivity *out);

#endif                          /* PGSTAT_INT_H */
