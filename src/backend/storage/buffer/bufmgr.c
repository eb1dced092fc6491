/*
 * bufmgr.c
 *     The shared buffer pool: lookup through a partitioned mapping table,
 *     pins, content locks, I/O-in-progress coordination, clock-sweep
 *     replacement with write-back of dirty victims, flush and drop.
 * Entry points: see storage/bufmgr.h.
 * Invariants, lock order and crash behaviour: see README in this directory.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1           /* syncfs(); must precede every system header */
#endif
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "access/xact.h"
#include "buf_int.h"
#include "access/xlog.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/smgr.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"
#include "utils/resowner.h"

int         SharedBuffers = 16384;
BufferUsage BufferUsageCounters;

static BufferPoolControl *BufCtl = NULL;
static BufferDesc *BufDescs = NULL;
static int32 *BufBuckets = NULL;    /* head buffer id per bucket, -1 if empty */
static char *BufBlocks = NULL;

/* Per-process pin bookkeeping. */
static int32 *PrivateRefCount = NULL;
static int  PrivateRefCountSize = 0;
static int  PrivatePinTotal = 0;
/* The buffer whose I/O this process is doing, for abort cleanup. */
static BufferDesc *InProgressBuf = NULL;
static bool InProgressIsInput = false;

static void buffer_pin_release(Datum value);
static char *buffer_pin_describe(Datum value);

static const ResourceKindDesc buffer_pin_kind = {
    .name = "buffer pin",
    .phase = RESOURCE_RELEASE_BEFORE_LOCKS,
    .release = buffer_pin_release,
    .describe = buffer_pin_describe,
};

/* ---------- weak WAL hook ---------- */

/*
 * XLogFlushHook -- default: there is no WAL yet, nothing to flush.  The WAL
 * module overrides this symbol with a strong definition.
 */
__attribute__((weak)) void
XLogFlushHook(XLogRecPtr lsn)
{
    (void) lsn;
}

/* ---------- shared memory ---------- */

static uint32
bucket_count_for(int nbuffers)
{
    uint32      n = BUF_MAPPING_PARTITIONS;

    while (n < (uint32) nbuffers * 2)
        n <<= 1;
    return n;
}

Size
BufferShmemSize(void)
{
    Size        size = 0;

    if (SharedBuffers < 16)
        SharedBuffers = 16;
    size = add_size(size, MAXALIGN(sizeof(BufferPoolControl)));
    size = add_size(size, mul_size((Size) SharedBuffers, sizeof(BufferDesc)));
    size = add_size(size, mul_size(bucket_count_for(SharedBuffers), sizeof(int32)));
    size = add_size(size, mul_size((Size) SharedBuffers, BLCKSZ));
    /* four areas' alignment, plus page alignment of the blocks */
    return add_size(size, 4 * 64 + 4096);
}

void
BufferShmemInit(void)
{
    bool        found_ctl;
    bool        found_descs;
    bool        found_buckets;
    bool        found_blocks;
    uint32      nbuckets = bucket_count_for(SharedBuffers);
    char       *blocks;

    BufCtl = ShmemInitStruct("Buffer Pool Control", sizeof(BufferPoolControl), &found_ctl);
    BufDescs = ShmemInitStruct("Buffer Descriptors",
                               mul_size((Size) SharedBuffers, sizeof(BufferDesc)), &found_descs);
    BufBuckets = ShmemInitStruct("Buffer Mapping Table",
                                 mul_size(nbuckets, sizeof(int32)), &found_buckets);
    blocks = ShmemInitStruct("Buffer Blocks",
                             add_size(mul_size((Size) SharedBuffers, BLCKSZ), 4096), &found_blocks);
    BufBlocks = (char *) TYPEALIGN(4096, blocks);
    if (found_ctl)
        return;

    BufCtl->nbuffers = SharedBuffers;
    BufCtl->nbuckets = nbuckets;
    atomic_init(&BufCtl->next_victim, 0);
    atomic_init(&BufCtl->truncations, 0);
    for (int i = 0; i < BUF_MAPPING_PARTITIONS; i++)
        LWLockInitialize(&BufCtl->mapping_locks[i], LWTRANCHE_BUFFER_MAPPING);
    for (int i = 0; i < REL_EXTENSION_LOCKS; i++)
        LWLockInitialize(&BufCtl->extension_locks[i], LWTRANCHE_RELATION_EXTENSION);
    for (uint32 b = 0; b < nbuckets; b++)
        BufBuckets[b] = -1;
    for (int i = 0; i < SharedBuffers; i++)
    {
        BufferDesc *desc = &BufDescs[i];

        memset(&desc->tag, 0, sizeof(desc->tag));
        desc->tag.blkno = InvalidBlockNumber;
        desc->buf_id = i;
        desc->map_next = -1;
        atomic_init(&desc->state, 0);
        LWLockInitialize(&desc->content_lock, LWTRANCHE_BUFFER_CONTENT);
        LWLockInitialize(&desc->io_lock, LWTRANCHE_BUFFER_IO);
    }
    /* Per-process state of the creator refers to the old segment, if any. */
    PrivateRefCount = NULL;
    PrivateRefCountSize = 0;
    PrivatePinTotal = 0;
    InProgressBuf = NULL;
}

void
BufferInitBackend(void)
{
    Assert(BufCtl != NULL);
    if (PrivateRefCount != NULL && PrivateRefCountSize == BufCtl->nbuffers)
    {
        memset(PrivateRefCount, 0, sizeof(int32) * (Size) PrivateRefCountSize);
    }
    else
    {
        if (PrivateRefCount != NULL)
            pfree(PrivateRefCount);
        PrivateRefCount = MemoryContextAllocZero(TopMemoryContext,
                                                 sizeof(int32) * (Size) BufCtl->nbuffers);
        PrivateRefCountSize = BufCtl->nbuffers;
    }
    PrivatePinTotal = 0;
    InProgressBuf = NULL;
    memset(&BufferUsageCounters, 0, sizeof(BufferUsageCounters));
}

/* ---------- helpers ---------- */

static inline BufferDesc *
buffer_desc(Buffer buffer)
{
    if (buffer <= 0 || BufCtl == NULL || buffer > BufCtl->nbuffers)
        elog(ERROR, "bad buffer ID: %d", buffer);
    return &BufDescs[buffer - 1];
}

static inline Buffer
desc_buffer(const BufferDesc *desc)
{
    return desc->buf_id + 1;
}

static inline char *
desc_page(const BufferDesc *desc)
{
    return BufBlocks + (Size) desc->buf_id * BLCKSZ;
}

static void
sleep_us(long us)
{
    struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000};

    (void) nanosleep(&ts, NULL);
}

static inline void
tag_set(BufferTag *tag, RelFileLocator locator, ForkNumber fork, BlockNumber blkno)
{
    memset(tag, 0, sizeof(*tag));
    tag->locator.relNumber = locator.relNumber;
    tag->locator.shared = locator.shared;
    tag->locator.dbOid = locator.shared ? InvalidOid : locator.dbOid;
    tag->fork = fork;
    tag->blkno = blkno;
}

static inline bool
tag_equals(const BufferTag *a, const BufferTag *b)
{
    return a->blkno == b->blkno && a->fork == b->fork &&
        RelFileLocatorEquals(a->locator, b->locator);
}

static inline uint32
tag_hash(const BufferTag *tag)
{
    uint64      h = ((uint64) tag->locator.relNumber << 32) ^ tag->blkno;

    h ^= ((uint64) tag->locator.dbOid * 0x9E3779B97F4A7C15ULL) ^
        ((uint64) tag->fork << 61) ^ ((uint64) tag->locator.shared << 60);
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return (uint32) h;
}

static inline uint32
hash_bucket(uint32 hash)
{
    return hash & (BufCtl->nbuckets - 1);
}

static inline LWLock *
partition_lock(uint32 hash)
{
    /* nbuckets is a multiple of the partition count: a bucket's partition is fixed. */
    return &BufCtl->mapping_locks[hash_bucket(hash) % BUF_MAPPING_PARTITIONS];
}

/* Caller holds the partition lock (either mode). */
static int
map_lookup(const BufferTag *tag, uint32 hash)
{
    for (int id = BufBuckets[hash_bucket(hash)]; id >= 0; id = BufDescs[id].map_next)
        if (tag_equals(&BufDescs[id].tag, tag))
            return id;
    return -1;
}

/* Caller holds the partition lock exclusively. */
static void
map_insert(uint32 hash, BufferDesc *desc)
{
    uint32      b = hash_bucket(hash);

    desc->map_next = BufBuckets[b];
    BufBuckets[b] = desc->buf_id;
}

/* Caller holds the partition lock exclusively. */
static void
map_delete(uint32 hash, BufferDesc *desc)
{
    int32      *link = &BufBuckets[hash_bucket(hash)];

    while (*link >= 0)
    {
        if (*link == desc->buf_id)
        {
            *link = desc->map_next;
            desc->map_next = -1;
            return;
        }
        link = &BufDescs[*link].map_next;
    }
    /* Can't happen: a TAG_VALID buffer is always in its chain. */
    ereport(PANIC, errcode(ERRCODE_INTERNAL_ERROR),
            errmsg_internal("buffer %d missing from mapping table", desc->buf_id));
}

/*
 * Header lock: the BM_LOCKED bit.  Hold it for a few instructions only; no
 * ereport, no LWLock, no allocation while holding it.
 */
static uint32
lock_buf_hdr(BufferDesc *desc)
{
    int         spins = 0;

    for (;;)
    {
        uint32      old = atomic_fetch_or(&desc->state, BM_LOCKED);

        if ((old & BM_LOCKED) == 0)
            return old | BM_LOCKED;
        while ((atomic_load_explicit(&desc->state, memory_order_relaxed) & BM_LOCKED) != 0)
        {
            SpinDelayHint();
            if (++spins > 10000)
            {
                sleep_us(100);
                spins = 0;
            }
        }
    }
}

static inline void
unlock_buf_hdr(BufferDesc *desc, uint32 state)
{
    atomic_store(&desc->state, state & ~BM_LOCKED);
}

/* Wait until the header lock is free; returns the current state. */
static uint32
wait_buf_hdr_unlocked(BufferDesc *desc)
{
    uint32      st;

    while (((st = atomic_load(&desc->state)) & BM_LOCKED) != 0)
        SpinDelayHint();
    return st;
}

static void
remember_pin(BufferDesc *desc)
{
    if (CurrentResourceOwner != NULL)
        ResourceOwnerRemember(CurrentResourceOwner, &buffer_pin_kind,
                              (Datum) desc_buffer(desc));
}

/*
 * pin_buffer -- add a pin (shared count on the first private pin), bump the
 * usage count.  Returns whether the buffer is BM_VALID.  Caller did
 * ResourceOwnerEnlarge() and either holds the mapping partition lock for the
 * buffer's tag or already pins it (so the tag cannot change under us).
 */
static bool
pin_buffer(BufferDesc *desc, bool track)
{
    uint32      st;

    if (PrivateRefCount[desc->buf_id] == 0)
    {
        uint32      old = atomic_load(&desc->state);

        for (;;)
        {
            if ((old & BM_LOCKED) != 0)
            {
                old = wait_buf_hdr_unlocked(desc);
                continue;
            }
            st = old + BUF_REFCOUNT_ONE;
            if (BUF_STATE_USAGECOUNT(st) < BM_MAX_USAGE_COUNT)
                st += BUF_USAGECOUNT_ONE;
            if (atomic_compare_exchange_weak(&desc->state, &old, st))
                break;
        }
    }
    else
        st = atomic_load(&desc->state);
    PrivateRefCount[desc->buf_id]++;
    PrivatePinTotal++;
    if (track)
        remember_pin(desc);
    return (st & BM_VALID) != 0;
}

/* Pin a buffer whose header we hold locked (state st); releases the header lock. */
static void
pin_buffer_locked(BufferDesc *desc, uint32 st, bool track)
{
    Assert(PrivateRefCount[desc->buf_id] == 0);
    st += BUF_REFCOUNT_ONE;
    unlock_buf_hdr(desc, st);
    PrivateRefCount[desc->buf_id]++;
    PrivatePinTotal++;
    if (track)
        remember_pin(desc);
}

static void
unpin_buffer(BufferDesc *desc, bool forget)
{
    if (forget && CurrentResourceOwner != NULL)
        ResourceOwnerForget(CurrentResourceOwner, &buffer_pin_kind, (Datum) desc_buffer(desc));
    if (PrivateRefCount[desc->buf_id] <= 0)
        elog(ERROR, "buffer %d is not pinned by this process", desc_buffer(desc));
    PrivateRefCount[desc->buf_id]--;
    PrivatePinTotal--;
    if (PrivateRefCount[desc->buf_id] == 0)
    {
        uint32      old = atomic_load(&desc->state);

        Assert(!LWLockHeldByMe(&desc->content_lock));
        for (;;)
        {
            if ((old & BM_LOCKED) != 0)
            {
                old = wait_buf_hdr_unlocked(desc);
                continue;
            }
            Assert(BUF_STATE_REFCOUNT(old) > 0);
            if (atomic_compare_exchange_weak(&desc->state, &old, old - BUF_REFCOUNT_ONE))
                break;
        }
    }
}

/* Resource owner callback: release one pin without touching the owner. */
static void
buffer_pin_release(Datum value)
{
    Buffer      buffer = (Buffer) value;

    if (BufCtl == NULL || buffer <= 0 || buffer > BufCtl->nbuffers)
        return;
    /* ReleaseAllBufferPins() may have dropped it already. */
    if (PrivateRefCount == NULL || PrivateRefCount[buffer - 1] <= 0)
        return;
    unpin_buffer(&BufDescs[buffer - 1], false);
}

static char *
buffer_pin_describe(Datum value)
{
    Buffer      buffer = (Buffer) value;
    BufferDesc *desc = &BufDescs[buffer - 1];

    return psprintf("buffer %d (relation %u, fork %d, block %u)", buffer,
                    desc->tag.locator.relNumber, (int) desc->tag.fork, desc->tag.blkno);
}

/* ---------- I/O coordination ---------- */

/*
 * start_buffer_io -- become the process doing I/O on desc.  Returns false if
 * there is nothing to do (input: already valid; output: not dirty).  On true,
 * we hold desc->io_lock exclusively and BM_IO_IN_PROGRESS is set; others that
 * want the page block on io_lock until terminate_buffer_io().
 */
static bool
start_buffer_io(BufferDesc *desc, bool for_input)
{
    uint32      st;

    LWLockAcquire(&desc->io_lock, LW_EXCLUSIVE);
    st = lock_buf_hdr(desc);
    if (for_input ? (st & BM_VALID) != 0 : (st & BM_DIRTY) == 0)
    {
        unlock_buf_hdr(desc, st);
        LWLockRelease(&desc->io_lock);
        return false;
    }
    st |= BM_IO_IN_PROGRESS;
    if (!for_input)
        st &= ~BM_JUST_DIRTIED;
    unlock_buf_hdr(desc, st);
    InProgressBuf = desc;
    InProgressIsInput = for_input;
    return true;
}

static void
terminate_buffer_io(BufferDesc *desc, bool clear_dirty, uint32 set_flags)
{
    uint32      st = lock_buf_hdr(desc);

    Assert(InProgressBuf == desc);
    st &= ~(BM_IO_IN_PROGRESS | BM_IO_ERROR);
    if (clear_dirty && (st & BM_JUST_DIRTIED) == 0)
        st &= ~BM_DIRTY;
    st |= set_flags;
    unlock_buf_hdr(desc, st);
    InProgressBuf = NULL;
    LWLockRelease(&desc->io_lock);
}

/* Give up I/O in progress by this process (error path). */
static void
abort_buffer_io(void)
{
    BufferDesc *desc = InProgressBuf;
    uint32      st;

    if (desc == NULL)
        return;
    st = lock_buf_hdr(desc);
    st &= ~BM_IO_IN_PROGRESS;
    st |= BM_IO_ERROR;
    if (InProgressIsInput)
        st &= ~BM_VALID;
    unlock_buf_hdr(desc, st);
    InProgressBuf = NULL;
    if (LWLockHeldByMe(&desc->io_lock))
        LWLockRelease(&desc->io_lock);
}

void
AtAbort_Buffers(void)
{
    abort_buffer_io();
}

/*
 * flush_buffer -- write desc's page if dirty.  Caller pins desc and holds no
 * content lock on it.  The page is copied under a share lock and the copy is
 * checksummed and written, so concurrent hint-bit setters cannot tear the
 * checksum.  ERROR on I/O failure (the buffer stays dirty).
 */
static void
flush_buffer(BufferDesc *desc)
{
    static union
    {
        char        data[BLCKSZ];
        uint64      force_align;
    }           copy;
    SMgrRelation reln;

    LWLockAcquire(&desc->content_lock, LW_SHARED);
    if (!start_buffer_io(desc, false))
    {
        LWLockRelease(&desc->content_lock);
        return;
    }
    memcpy(copy.data, desc_page(desc), BLCKSZ);
    LWLockRelease(&desc->content_lock);

    PageSetChecksumInplace(copy.data, desc->tag.blkno);
    XLogFlushHook(PageGetLSN(copy.data));
    reln = SmgrOpen(desc->tag.locator);
    SmgrWrite(reln, desc->tag.fork, desc->tag.blkno, copy.data);
    BufferUsageCounters.shared_writes++;
    terminate_buffer_io(desc, true, 0);
}

/* ---------- replacement ---------- */

/*
 * get_victim_buffer -- clock sweep: the first unpinned buffer whose usage
 * count has decayed to zero.  Returns it pinned (tracked).  ERROR if every
 * buffer stays pinned for a full set of sweeps.
 */
static BufferDesc *
get_victim_buffer(void)
{
    int         nbuffers = BufCtl->nbuffers;
    int         tries = nbuffers * (BM_MAX_USAGE_COUNT + 1);

    for (;;)
    {
        uint32      id = atomic_fetch_add(&BufCtl->next_victim, 1) % (uint32) nbuffers;
        BufferDesc *desc = &BufDescs[id];
        uint32      st = atomic_load(&desc->state);

        if (BUF_STATE_REFCOUNT(st) == 0 && PrivateRefCount[id] == 0)
        {
            st = lock_buf_hdr(desc);
            if (BUF_STATE_REFCOUNT(st) == 0)
            {
                if (BUF_STATE_USAGECOUNT(st) > 0)
                {
                    unlock_buf_hdr(desc, st - BUF_USAGECOUNT_ONE);
                    tries = nbuffers * (BM_MAX_USAGE_COUNT + 1);
                    continue;
                }
                pin_buffer_locked(desc, st, true);
                return desc;
            }
            unlock_buf_hdr(desc, st);
        }
        if (--tries <= 0)
            ereport(ERROR, errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                    errmsg("no unpinned buffers available"),
                    errhint("Increase shared_buffers."));
    }
}

/*
 * buffer_alloc -- find or create the buffer for tag; returned pinned.
 * *need_io is true if the caller must read the page (it then owns the I/O:
 * start_buffer_io() succeeded).
 */
static BufferDesc *
buffer_alloc(const BufferTag *tag, bool *need_io)
{
    uint32      hash = tag_hash(tag);
    LWLock     *new_part = partition_lock(hash);
    int         id;

    ResourceOwnerEnlarge(CurrentResourceOwner);

    LWLockAcquire(new_part, LW_SHARED);
    id = map_lookup(tag, hash);
    if (id >= 0)
    {
        BufferDesc *desc = &BufDescs[id];
        bool        valid = pin_buffer(desc, true);

        LWLockRelease(new_part);
        *need_io = !valid && start_buffer_io(desc, true);
        return desc;
    }
    LWLockRelease(new_part);

    for (;;)
    {
        BufferDesc *victim = get_victim_buffer();
        uint32      st = atomic_load(&victim->state);
        bool        old_valid;
        BufferTag   old_tag;
        uint32      old_hash = 0;
        LWLock     *old_part = NULL;

        if ((st & BM_DIRTY) != 0)
            flush_buffer(victim);

        /* We pin it: the tag is stable. */
        old_valid = (st & BM_TAG_VALID) != 0;
        old_tag = victim->tag;
        if (old_valid)
        {
            old_hash = tag_hash(&old_tag);
            old_part = partition_lock(old_hash);
        }

        /* Partition locks in ascending address order (same array). */
        if (old_part == NULL || old_part == new_part)
            LWLockAcquire(new_part, LW_EXCLUSIVE);
        else if (old_part < new_part)
        {
            LWLockAcquire(old_part, LW_EXCLUSIVE);
            LWLockAcquire(new_part, LW_EXCLUSIVE);
        }
        else
        {
            LWLockAcquire(new_part, LW_EXCLUSIVE);
            LWLockAcquire(old_part, LW_EXCLUSIVE);
        }

        id = map_lookup(tag, hash);
        if (id >= 0)
        {
            /* Someone loaded it meanwhile: use theirs, give the victim back. */
            BufferDesc *desc = &BufDescs[id];
            bool        valid;

            ResourceOwnerEnlarge(CurrentResourceOwner);
            valid = pin_buffer(desc, true);
            LWLockRelease(new_part);
            if (old_part != NULL && old_part != new_part)
                LWLockRelease(old_part);
            unpin_buffer(victim, true);
            *need_io = !valid && start_buffer_io(desc, true);
            return desc;
        }

        st = lock_buf_hdr(victim);
        if (BUF_STATE_REFCOUNT(st) != 1 || (st & (BM_DIRTY | BM_IO_IN_PROGRESS)) != 0 ||
            (old_valid && !tag_equals(&victim->tag, &old_tag)))
        {
            /* Re-pinned or re-dirtied by someone: try another victim. */
            unlock_buf_hdr(victim, st);
            LWLockRelease(new_part);
            if (old_part != NULL && old_part != new_part)
                LWLockRelease(old_part);
            unpin_buffer(victim, true);
            continue;
        }
        if (old_valid)
            map_delete(old_hash, victim);
        victim->tag = *tag;
        map_insert(hash, victim);
        st &= ~(BM_VALID | BM_DIRTY | BM_JUST_DIRTIED | BM_IO_ERROR | BUF_USAGECOUNT_MASK);
        st |= BM_TAG_VALID | BUF_USAGECOUNT_ONE;
        unlock_buf_hdr(victim, st);
        LWLockRelease(new_part);
        if (old_part != NULL && old_part != new_part)
            LWLockRelease(old_part);

        *need_io = start_buffer_io(victim, true);
        return victim;
    }
}

/* ---------- reading ---------- */

static char *
relname_for_msg(const BufferTag *tag, const char *relname)
{
    if (relname != NULL && relname[0] != '\0')
        return psprintf("\"%s\"", relname);
    return RelPath(tag->locator, tag->fork);
}

static Buffer read_buffer_common(SMgrRelation reln, const char *relname, ForkNumber fork,
                                 BlockNumber blkno, ReadBufferMode mode);
static Buffer read_buffer_internal(SMgrRelation reln, const char *relname, ForkNumber fork,
                                   BlockNumber blkno, ReadBufferMode mode, bool extending);

static Buffer
extend_relation(SMgrRelation reln, const char *relname, ForkNumber fork, ReadBufferMode mode)
{
    static const union
    {
        char        data[BLCKSZ];
        uint64      force_align;
    }           zero_page;
    LWLock     *ext = &BufCtl->extension_locks[(reln->locator.relNumber ^ reln->locator.dbOid) %
                                               REL_EXTENSION_LOCKS];
    BlockNumber blkno;
    Buffer      buffer;

    /*
     * The extension lock makes "find the end, write a zero block there, claim
     * its buffer exclusively" atomic with respect to other extenders, so two
     * processes never initialise the same new page.  The zero block goes to
     * disk first so that the file length always equals the block count.
     */
    LWLockAcquire(ext, LW_EXCLUSIVE);
    blkno = SmgrNblocks(reln, fork);
    SmgrExtend(reln, fork, blkno, zero_page.data);
    buffer = read_buffer_internal(reln, relname, fork, blkno, RBM_ZERO_AND_LOCK, true);
    LWLockRelease(ext);
    BufferUsageCounters.shared_extends++;
    if (mode != RBM_ZERO_AND_LOCK)
        LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
    return buffer;
}

static Buffer
read_buffer_common(SMgrRelation reln, const char *relname, ForkNumber fork,
                   BlockNumber blkno, ReadBufferMode mode)
{
    return read_buffer_internal(reln, relname, fork, blkno, mode, false);
}

/*
 * read_buffer_internal -- extending: the block was just added to the file
 * (zero-filled) by extend_relation.  Once it is in the file, another
 * process may read it (ReadBuffer of the last block) and initialise it
 * before we get its buffer: such a buffer must then not be zeroed again,
 * or that process's tuples would silently vanish.
 */
static Buffer
read_buffer_internal(SMgrRelation reln, const char *relname, ForkNumber fork,
                     BlockNumber blkno, ReadBufferMode mode, bool extending)
{
    BufferTag   tag;
    BufferDesc *desc;
    bool        need_io;
    char       *page;

    if (BufCtl == NULL || PrivateRefCount == NULL)
        elog(ERROR, "buffer pool is not initialised in this process");
    if (blkno == P_NEW)
        return extend_relation(reln, relname, fork, mode);

    tag_set(&tag, reln->locator, fork, blkno);
    desc = buffer_alloc(&tag, &need_io);
    page = desc_page(desc);
    if (!need_io)
    {
        BufferUsageCounters.shared_hits++;
        if (mode == RBM_ZERO_AND_LOCK)
        {
            LWLockAcquire(&desc->content_lock, LW_EXCLUSIVE);
            if (!extending)
                memset(page, 0, BLCKSZ);
        }
        return desc_buffer(desc);
    }

    if (mode == RBM_ZERO_AND_LOCK)
        memset(page, 0, BLCKSZ);
    else
    {
        SmgrRead(reln, fork, blkno, page);
        BufferUsageCounters.shared_reads++;
        if (!PageIsVerified(page, blkno))
        {
            char       *name = relname_for_msg(&tag, relname);

            if (mode == RBM_ZERO_ON_ERROR)
            {
                ereport(WARNING, errcode(ERRCODE_DATA_CORRUPTED),
                        errmsg("invalid page in block %u of relation %s; zeroing out page",
                               blkno, name));
                memset(page, 0, BLCKSZ);
            }
            else
            {
                /* Leave the buffer invalid; the pin goes with the abort. */
                abort_buffer_io();
                ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                        errmsg("invalid page in block %u of relation %s", blkno, name));
            }
        }
    }
    terminate_buffer_io(desc, false, BM_VALID);
    if (mode == RBM_ZERO_AND_LOCK)
        LWLockAcquire(&desc->content_lock, LW_EXCLUSIVE);
    return desc_buffer(desc);
}

Buffer
ReadBuffer(Relation rel, BlockNumber blkno)
{
    return ReadBufferExtended(rel, MAIN_FORKNUM, blkno, RBM_NORMAL);
}

Buffer
ReadBufferExtended(Relation rel, ForkNumber fork, BlockNumber blkno, ReadBufferMode mode)
{
    return read_buffer_common(RelationGetSmgr(rel), RelationGetRelationName(rel), fork,
                              blkno, mode);
}

Buffer
ReadBufferWithoutRelcache(RelFileLocator locator, ForkNumber fork, BlockNumber blkno,
                          ReadBufferMode mode, const char *relname)
{
    return read_buffer_common(SmgrOpen(locator), relname, fork, blkno, mode);
}

Buffer
ExtendRelationBuffered(Relation rel, ForkNumber fork)
{
    return read_buffer_common(RelationGetSmgr(rel), RelationGetRelationName(rel), fork,
                              P_NEW, RBM_ZERO_AND_LOCK);
}

static uint64
truncations_so_far(void)
{
    return BufCtl != NULL ? atomic_load(&BufCtl->truncations) : 0;
}

BlockNumber
RelationGetNumberOfBlocksInFork(Relation rel, ForkNumber fork)
{
    uint64      gen = truncations_so_far();
    BlockNumber n = SmgrNblocks(RelationGetSmgr(rel), fork);

    if (fork == MAIN_FORKNUM)
    {
        rel->rd_nblocks_cache = n;
        rel->rd_nblocks_gen = gen;
    }
    return n;
}

/*
 * RelationBlockExists -- is blkno inside rel's main fork?  A relation only
 * shrinks through a truncation, and every truncation first drops the
 * relation's buffers (DropRelationBuffers), which counts it in shared
 * memory.  So while that count is unchanged since rd_nblocks_cache was read,
 * a block below it still exists and the fstat() behind
 * RelationGetNumberOfBlocks() is skipped -- it was a system call per index
 * fetch.  The truncating backend holds an AccessExclusiveLock while it
 * counts and truncates; a reader that then locks the relation sees the new
 * count.
 */
bool
RelationBlockExists(Relation rel, BlockNumber blkno)
{
    if (rel->rd_nblocks_cache != InvalidBlockNumber &&
        rel->rd_nblocks_gen == truncations_so_far() && blkno < rel->rd_nblocks_cache)
        return true;
    return blkno < RelationGetNumberOfBlocks(rel);
}

/* ---------- pins and locks ---------- */

void
ReleaseBuffer(Buffer buffer)
{
    unpin_buffer(buffer_desc(buffer), true);
}

void
UnlockReleaseBuffer(Buffer buffer)
{
    LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
    ReleaseBuffer(buffer);
}

void
IncrBufferRefCount(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    if (PrivateRefCount[desc->buf_id] <= 0)
        elog(ERROR, "buffer %d is not pinned by this process", buffer);
    ResourceOwnerEnlarge(CurrentResourceOwner);
    PrivateRefCount[desc->buf_id]++;
    PrivatePinTotal++;
    remember_pin(desc);
}

void
LockBuffer(Buffer buffer, int mode)
{
    BufferDesc *desc = buffer_desc(buffer);

    Assert(PrivateRefCount[desc->buf_id] > 0);
    if (mode == BUFFER_LOCK_UNLOCK)
        LWLockRelease(&desc->content_lock);
    else if (mode == BUFFER_LOCK_SHARE)
        LWLockAcquire(&desc->content_lock, LW_SHARED);
    else if (mode == BUFFER_LOCK_EXCLUSIVE)
        LWLockAcquire(&desc->content_lock, LW_EXCLUSIVE);
    else
        elog(ERROR, "unrecognized buffer lock mode: %d", mode);
}

bool
ConditionalLockBuffer(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    Assert(PrivateRefCount[desc->buf_id] > 0);
    return LWLockConditionalAcquire(&desc->content_lock, LW_EXCLUSIVE);
}

bool
ConditionalLockBufferForCleanup(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    if (PrivateRefCount[desc->buf_id] != 1)
        elog(ERROR, "cleanup lock needs exactly one pin on buffer %d", buffer);
    if (!LWLockConditionalAcquire(&desc->content_lock, LW_EXCLUSIVE))
        return false;
    if (BUF_STATE_REFCOUNT(atomic_load(&desc->state)) == 1)
        return true;
    LWLockRelease(&desc->content_lock);
    return false;
}

void
LockBufferForCleanup(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    if (PrivateRefCount[desc->buf_id] != 1)
        elog(ERROR, "cleanup lock needs exactly one pin on buffer %d", buffer);
    for (;;)
    {
        /*
         * New pins can appear only through the mapping table, and a process
         * that pins and then waits for our content lock has its pin counted:
         * so "refcount == 1 while we hold the exclusive lock" is stable.
         */
        LWLockAcquire(&desc->content_lock, LW_EXCLUSIVE);
        if (BUF_STATE_REFCOUNT(atomic_load(&desc->state)) == 1)
            return;
        LWLockRelease(&desc->content_lock);
        /* no content lock held: a cancel may end the wait (an idle cursor may hold the pin) */
        CHECK_FOR_INTERRUPTS();
        ProcSetWait(PROC_WAIT_IO, 0);
        sleep_us(1000);
        ProcSetWait(PROC_WAIT_NONE, 0);
    }
}

static void
mark_dirty(BufferDesc *desc)
{
    uint32      old = atomic_load(&desc->state);
    uint32      st;

    for (;;)
    {
        if ((old & BM_LOCKED) != 0)
        {
            old = wait_buf_hdr_unlocked(desc);
            continue;
        }
        st = old | BM_DIRTY | BM_JUST_DIRTIED;
        if (atomic_compare_exchange_weak(&desc->state, &old, st))
            break;
    }
    if ((old & BM_DIRTY) == 0)
        BufferUsageCounters.shared_dirtied++;
}

void
MarkBufferDirty(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    Assert(PrivateRefCount[desc->buf_id] > 0);
    Assert(LWLockHeldByMeInMode(&desc->content_lock, LW_EXCLUSIVE));
    mark_dirty(desc);
}

/*
 * MarkBufferDirtyHint -- a hint-only change (share lock is enough).
 * Pages carry checksums, so a torn write of a hint-only change would be
 * detected and must be repairable: if this is the page's first change since
 * the last checkpoint, a full-page image is logged first
 * (XLogSaveBufferForHint) and the page LSN advanced to it.  The LSN is
 * stored under the buffer header lock so two hint setters cannot move it
 * backwards.
 * XXX: a page flushed between the hint being set and the image being
 * logged is written without that image; PostgreSQL closes this window by
 * logging before setting the bit.
 */
void
MarkBufferDirtyHint(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);
    XLogRecPtr  lsn;

    Assert(PrivateRefCount[desc->buf_id] > 0);
    Assert(LWLockHeldByMe(&desc->content_lock));
    lsn = XLogSaveBufferForHint(buffer);
    if (lsn != InvalidXLogRecPtr)
    {
        uint32      st = lock_buf_hdr(desc);
        char       *page = desc_page(desc);

        if (PageGetLSN(page) < lsn)
            PageSetLSN(page, lsn);
        unlock_buf_hdr(desc, st);
    }
    mark_dirty(desc);
}

Page
BufferGetPage(Buffer buffer)
{
    return desc_page(buffer_desc(buffer));
}

BlockNumber
BufferGetBlockNumber(Buffer buffer)
{
    BufferDesc *desc = buffer_desc(buffer);

    Assert(PrivateRefCount[desc->buf_id] > 0);
    return desc->tag.blkno;
}

void
BufferGetTag(Buffer buffer, RelFileLocator *locator, ForkNumber *fork, BlockNumber *blkno)
{
    BufferDesc *desc = buffer_desc(buffer);

    Assert(PrivateRefCount[desc->buf_id] > 0);
    *locator = desc->tag.locator;
    *fork = desc->tag.fork;
    *blkno = desc->tag.blkno;
}

bool
BufferIsDirty(Buffer buffer)
{
    return (atomic_load(&buffer_desc(buffer)->state) & BM_DIRTY) != 0;
}

int
BufferGetPrivateRefCount(Buffer buffer)
{
    return PrivateRefCount[buffer_desc(buffer)->buf_id];
}

int
BufferGetSharedRefCount(Buffer buffer)
{
    return (int) BUF_STATE_REFCOUNT(atomic_load(&buffer_desc(buffer)->state));
}

int
BufferPinsHeldByMe(void)
{
    return PrivatePinTotal;
}

void
ReleaseAllBufferPins(void)
{
    if (PrivateRefCount == NULL)
        return;
    abort_buffer_io();
    for (int i = 0; i < PrivateRefCountSize && PrivatePinTotal > 0; i++)
    {
        while (PrivateRefCount[i] > 0)
        {
            if (LWLockHeldByMe(&BufDescs[i].content_lock))
                LWLockRelease(&BufDescs[i].content_lock);
            unpin_buffer(&BufDescs[i], false);
        }
    }
}

/* ---------- flushing and dropping ---------- */

typedef bool (*BufferFilter) (const BufferTag *tag, const void *arg);

/*
 * flush_matching -- write every dirty valid buffer whose tag passes filter.
 * Pins are untracked (released before returning, even on ERROR via the
 * caller's abort path through ReleaseAllBufferPins at worst).
 */
/* Pacing of a spread checkpoint (FlushAllBuffersPaced); NULL: write at full speed. */
typedef struct FlushPace
{
    double      seconds;        /* the whole flush should take about this long */
    bool        (*hurry) (void);    /* true: finish at full speed from now on */
    int         total;          /* dirty buffers counted at the start */
    int         written;
    int64       start_us;
} FlushPace;

static int64
mono_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* After each write: sleep while ahead of the schedule (written/total of seconds). */
static void
pace_after_write(FlushPace *pace)
{
    pace->written++;
    while (pace->hurry == NULL || !pace->hurry())
    {
        int64       due = pace->start_us +
            (int64) (pace->seconds * 1e6 * pace->written / Max(pace->total, 1));
        int64       ahead = due - mono_us();

        if (ahead <= 0)
            break;
        sleep_us(Min(ahead, 100000));
    }
}

static void
flush_matching_paced(BufferFilter filter, const void *arg, FlushPace *pace)
{
    for (int i = 0; i < BufCtl->nbuffers; i++)
    {
        BufferDesc *desc = &BufDescs[i];
        uint32      st = atomic_load(&desc->state);

        if ((st & (BM_VALID | BM_DIRTY)) != (BM_VALID | BM_DIRTY))
            continue;
        st = lock_buf_hdr(desc);
        if ((st & (BM_VALID | BM_DIRTY)) != (BM_VALID | BM_DIRTY) ||
            (filter != NULL && !filter(&desc->tag, arg)))
        {
            unlock_buf_hdr(desc, st);
            continue;
        }
        if (PrivateRefCount[i] > 0)
        {
            unlock_buf_hdr(desc, st);
            pin_buffer(desc, false);
        }
        else
            pin_buffer_locked(desc, st, false);
        flush_buffer(desc);
        unpin_buffer(desc, false);
        if (pace != NULL)
            pace_after_write(pace);
    }
}

static void
flush_matching(BufferFilter filter, const void *arg)
{
    flush_matching_paced(filter, arg, NULL);
}

static bool
tag_matches_locator(const BufferTag *tag, const void *arg)
{
    return RelFileLocatorEquals(tag->locator, *(const RelFileLocator *) arg);
}

void
FlushRelationBuffers(Relation rel)
{
    SMgrRelation reln = RelationGetSmgr(rel);
    RelFileLocator locator = reln->locator;

    flush_matching(tag_matches_locator, &locator);
    for (int f = 0; f < NUM_FORKS; f++)
        if (SmgrExists(reln, (ForkNumber) f))
            SmgrImmedSync(reln, (ForkNumber) f);
}

void
FlushAllBuffers(void)
{
    FlushAllBuffersPaced(0, NULL);
}

void
FlushAllBuffersPaced(double seconds, bool (*hurry) (void))
{
    char       *path;
    int         fd;

    if (BufCtl == NULL)
        return;
    if (seconds > 0)
    {
        FlushPace   pace = {seconds, hurry, 0, 0, mono_us()};

        for (int i = 0; i < BufCtl->nbuffers; i++)
            if ((atomic_load(&BufDescs[i].state) & BM_DIRTY) != 0)
                pace.total++;
        flush_matching_paced(NULL, NULL, &pace);
    }
    else
        flush_matching(NULL, NULL);

    /*
     * Writes by other processes (evictions) since the last flush are not
     * tracked per file yet, so make the whole data file system durable.
     * XXX: the checkpointer should keep a pending-fsync table instead.
     */
    path = DataFilePath("");
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not open directory \"%s\": %m", path));
    if (syncfs(fd) != 0)
    {
        int         save_errno = errno;

        close(fd);
        errno = save_errno;
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not synchronize file system of \"%s\": %m", path));
    }
    close(fd);
    pfree(path);
}

/*
 * invalidate_buffer -- remove desc from the map if it still has tag.  Waits
 * for other processes' transient pins (victim selection, flushes) to go.
 * ERROR if this process pins it.
 */
static void
invalidate_buffer(BufferDesc *desc, const BufferTag *tag)
{
    uint32      hash = tag_hash(tag);
    LWLock     *part = partition_lock(hash);

    for (;;)
    {
        uint32      st;

        if (PrivateRefCount[desc->buf_id] > 0)
            elog(ERROR, "cannot drop buffer %d of relation %u: pinned by this process",
                 desc_buffer(desc), tag->locator.relNumber);
        LWLockAcquire(part, LW_EXCLUSIVE);
        st = lock_buf_hdr(desc);
        if ((st & BM_TAG_VALID) == 0 || !tag_equals(&desc->tag, tag))
        {
            unlock_buf_hdr(desc, st);
            LWLockRelease(part);
            return;
        }
        if (BUF_STATE_REFCOUNT(st) == 0 && (st & BM_IO_IN_PROGRESS) == 0)
        {
            map_delete(hash, desc);
            memset(&desc->tag, 0, sizeof(desc->tag));
            desc->tag.blkno = InvalidBlockNumber;
            st &= ~(BM_VALID | BM_DIRTY | BM_JUST_DIRTIED | BM_TAG_VALID | BM_IO_ERROR |
                    BUF_USAGECOUNT_MASK);
            unlock_buf_hdr(desc, st);
            LWLockRelease(part);
            return;
        }
        unlock_buf_hdr(desc, st);
        LWLockRelease(part);
        sleep_us(1000);
    }
}

void
DropRelationBuffers(RelFileLocator locator, ForkNumber fork, BlockNumber first_del_block)
{
    BufferTag   want;

    if (BufCtl == NULL)
        return;
    atomic_fetch_add(&BufCtl->truncations, 1);
    tag_set(&want, locator, fork, first_del_block);
    for (int i = 0; i < BufCtl->nbuffers; i++)
    {
        BufferDesc *desc = &BufDescs[i];
        BufferTag   tag;
        uint32      st = lock_buf_hdr(desc);
        bool        match;

        tag = desc->tag;
        match = (st & BM_TAG_VALID) != 0 &&
            RelFileLocatorEquals(tag.locator, want.locator) &&
            (fork == InvalidForkNumber || tag.fork == fork) &&
            tag.blkno >= first_del_block;
        unlock_buf_hdr(desc, st);
        if (match)
            invalidate_buffer(desc, &tag);
    }
}

void
DropDatabaseBuffers(Oid db_oid)
{
    if (BufCtl == NULL)
        return;
    for (int i = 0; i < BufCtl->nbuffers; i++)
    {
        BufferDesc *desc = &BufDescs[i];
        BufferTag   tag;
        uint32      st = lock_buf_hdr(desc);
        bool        match;

        tag = desc->tag;
        match = (st & BM_TAG_VALID) != 0 && !tag.locator.shared && tag.locator.dbOid == db_oid;
        unlock_buf_hdr(desc, st);
        if (match)
            invalidate_buffer(desc, &tag);
    }
}
