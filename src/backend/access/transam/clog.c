/*
 * clog.c
 *     The commit log: two status bits per transaction id, in BLCKSZ pages
 *     cached in shared memory and stored in segment files under
 *     DataDir/data/xact/.
 * Entry points: TransactionIdSetStatus(), TransactionIdGetStatus(),
 * ClogExtend(), ClogFlush(), ClogStartup().
 * File format, invariants and crash behaviour: README in this directory.
 *
 * All cache state is protected by ClogControlLock: shared for a lookup hit,
 * exclusive to load, evict, modify or flush.  Page I/O happens under the
 * exclusive lock (simple; the cache is large enough that misses are rare).
 * Every page write is followed by fsync, so a page once written is durable
 * and ClogFlush() need not know who wrote what.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <unistd.h>

#include "access/transam.h"
#include "access/xlog.h"
#include "storage/fd.h"
#include "storage/lwlock.h"
#include "storage/procarray.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#define CLOG_BITS_PER_XACT 2
#define CLOG_XACTS_PER_BYTE 4
#define CLOG_XACTS_PER_PAGE ((uint64) BLCKSZ * CLOG_XACTS_PER_BYTE)
#define CLOG_PAGES_PER_SEGMENT 32
#define CLOG_BUFFERS 64
#define CLOG_DIR "xact"

typedef struct ClogSlot
{
    int64       pageno;         /* -1 if empty */
    bool        dirty;
    _Atomic uint64 last_used;   /* LRU stamp; updated under a shared lock too */
} ClogSlot;

typedef struct ClogShared
{
    ClogSlot    slots[CLOG_BUFFERS];
    _Atomic uint64 use_counter;
    char        pages[CLOG_BUFFERS][BLCKSZ];
} ClogShared;

static ClogShared *Clog = NULL;

static inline int64
xid_page(TransactionId xid)
{
    return (int64) (xid / CLOG_XACTS_PER_PAGE);
}

Size
ClogShmemSize(void)
{
    return sizeof(ClogShared);
}

void
ClogShmemInit(void)
{
    bool        found;

    Clog = ShmemInitStruct("Commit Log", sizeof(ClogShared), &found);
    if (!found)
    {
        for (int i = 0; i < CLOG_BUFFERS; i++)
        {
            Clog->slots[i].pageno = -1;
            Clog->slots[i].dirty = false;
            atomic_init(&Clog->slots[i].last_used, 0);
        }
        atomic_init(&Clog->use_counter, 0);
    }
}

static char *
segment_path(int64 segno)
{
    char        rel[64];

    snprintf(rel, sizeof(rel), CLOG_DIR "/%016llX", (unsigned long long) segno);
    return DataFilePath(rel);
}

/* Read a page; missing file or short file reads as zeroes (xids never committed). */
static void
read_page(int64 pageno, char *page)
{
    char       *path = segment_path(pageno / CLOG_PAGES_PER_SEGMENT);
    int         fd = open(path, O_RDONLY | O_CLOEXEC);
    Size        n = 0;

    if (fd < 0)
    {
        if (errno != ENOENT)
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not open commit log file \"%s\": %m", path));
    }
    else
    {
        RDB_TRY();
        {
            n = FileReadFull(fd, page, BLCKSZ,
                             (off_t) (pageno % CLOG_PAGES_PER_SEGMENT) * BLCKSZ, path);
        }
        RDB_CATCH();
        {
            close(fd);
            ReThrowCurrentError();
        }
        RDB_END_TRY();
        close(fd);
    }
    if (n < BLCKSZ)
        memset(page + n, 0, BLCKSZ - n);
    pfree(path);
}

/*
 * Write and fsync a page (creating the segment file if needed).  Callers
 * first flush WAL past asynchronous commits (XLogFlushAsyncCommits): a
 * commit bit never reaches disk before its commit record.
 */
static void
write_page(int64 pageno, const char *page)
{
    char       *path = segment_path(pageno / CLOG_PAGES_PER_SEGMENT);
    int         fd = open(path, O_RDWR | O_CLOEXEC);
    bool        created = false;

    if (fd < 0 && errno == ENOENT)
    {
        char       *dir = DataFilePath(CLOG_DIR);

        DirectoryCreateRecursive(dir);
        pfree(dir);
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        created = true;
    }
    if (fd < 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not open commit log file \"%s\": %m", path));
    RDB_TRY();
    {
        FileWriteFull(fd, page, BLCKSZ, (off_t) (pageno % CLOG_PAGES_PER_SEGMENT) * BLCKSZ,
                      path);
        if (fsync(fd) != 0)
            ereport(PANIC, errcode_for_file_access(),
                    errmsg("could not fsync commit log file \"%s\": %m", path));
    }
    RDB_CATCH();
    {
        close(fd);
        ReThrowCurrentError();
    }
    RDB_END_TRY();
    if (close(fd) != 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not close commit log file \"%s\": %m", path));
    if (created)
    {
        char       *dir = DataFilePath(CLOG_DIR);

        FileSyncPath(dir, true, ERROR);
        pfree(dir);
    }
    pfree(path);
}

static void
touch_slot(int slot)
{
    atomic_store_explicit(&Clog->slots[slot].last_used,
                          atomic_fetch_add(&Clog->use_counter, 1) + 1,
                          memory_order_relaxed);
}

/* Caller holds ClogControlLock (any mode).  -1 if not cached. */
static int
find_slot(int64 pageno)
{
    for (int i = 0; i < CLOG_BUFFERS; i++)
        if (Clog->slots[i].pageno == pageno)
            return i;
    return -1;
}

/*
 * get_slot -- the slot holding pageno, loading it (or zero-filling it if
 * zero_fill) after evicting the least recently used page.  Caller holds
 * ClogControlLock exclusively.
 */
static int
get_slot(int64 pageno, bool zero_fill)
{
    int         slot = find_slot(pageno);
    uint64      oldest = UINT64_MAX;

    if (slot >= 0)
    {
        if (zero_fill && !Clog->slots[slot].dirty)
            memset(Clog->pages[slot], 0, BLCKSZ);
        touch_slot(slot);
        return slot;
    }
    for (int i = 0; i < CLOG_BUFFERS; i++)
    {
        uint64      used;

        if (Clog->slots[i].pageno < 0)
        {
            slot = i;
            break;
        }
        used = atomic_load_explicit(&Clog->slots[i].last_used, memory_order_relaxed);
        if (used < oldest)
        {
            oldest = used;
            slot = i;
        }
    }
    if (Clog->slots[slot].pageno >= 0 && Clog->slots[slot].dirty)
    {
        XLogFlushAsyncCommits();
        write_page(Clog->slots[slot].pageno, Clog->pages[slot]);
        Clog->slots[slot].dirty = false;
    }
    /* Mark empty while loading so a failed read leaves no half page behind. */
    Clog->slots[slot].pageno = -1;
    if (zero_fill)
    {
        memset(Clog->pages[slot], 0, BLCKSZ);
        Clog->slots[slot].dirty = true;
    }
    else
        read_page(pageno, Clog->pages[slot]);
    Clog->slots[slot].pageno = pageno;
    touch_slot(slot);
    return slot;
}

void
ClogExtend(TransactionId xid)
{
    int64       pageno = xid_page(xid);

    /* Only the first xid of a page creates it; others find it on demand. */
    if (xid % CLOG_XACTS_PER_PAGE != 0 && xid != FirstNormalTransactionId)
        return;
    LWLockAcquire(MainLWLock(ClogControlLock), LW_EXCLUSIVE);
    if (find_slot(pageno) < 0)
        (void) get_slot(pageno, true);
    LWLockRelease(MainLWLock(ClogControlLock));
}

void
TransactionIdSetStatus(TransactionId xid, XidStatus status)
{
    int64       pageno = xid_page(xid);
    uint64      index = xid % CLOG_XACTS_PER_PAGE;
    int         shift = (int) (index % CLOG_XACTS_PER_BYTE) * CLOG_BITS_PER_XACT;
    int         slot;
    uint8      *byte;

    Assert(TransactionIdIsNormal(xid));
    Assert(status == XID_STATUS_COMMITTED || status == XID_STATUS_ABORTED);
    LWLockAcquire(MainLWLock(ClogControlLock), LW_EXCLUSIVE);
    slot = get_slot(pageno, false);
    byte = (uint8 *) &Clog->pages[slot][index / CLOG_XACTS_PER_BYTE];
    *byte = (uint8) ((*byte & ~(0x3 << shift)) | ((unsigned) status << shift));
    Clog->slots[slot].dirty = true;
    LWLockRelease(MainLWLock(ClogControlLock));
}

XidStatus
TransactionIdGetStatus(TransactionId xid)
{
    int64       pageno = xid_page(xid);
    uint64      index = xid % CLOG_XACTS_PER_PAGE;
    int         shift = (int) (index % CLOG_XACTS_PER_BYTE) * CLOG_BITS_PER_XACT;
    int         slot;
    XidStatus   status;

    LWLockAcquire(MainLWLock(ClogControlLock), LW_SHARED);
    slot = find_slot(pageno);
    if (slot < 0)
    {
        LWLockRelease(MainLWLock(ClogControlLock));
        LWLockAcquire(MainLWLock(ClogControlLock), LW_EXCLUSIVE);
        slot = get_slot(pageno, false);
    }
    else
        touch_slot(slot);
    status = (XidStatus) ((Clog->pages[slot][index / CLOG_XACTS_PER_BYTE] >> shift) & 0x3);
    LWLockRelease(MainLWLock(ClogControlLock));
    return status;
}

void
ClogFlush(void)
{
    LWLockAcquire(MainLWLock(ClogControlLock), LW_EXCLUSIVE);
    for (int i = 0; i < CLOG_BUFFERS; i++)
    {
        if (Clog->slots[i].pageno >= 0 && Clog->slots[i].dirty)
        {
            XLogFlushAsyncCommits();
            write_page(Clog->slots[i].pageno, Clog->pages[i]);
            Clog->slots[i].dirty = false;
        }
    }
    LWLockRelease(MainLWLock(ClogControlLock));
}

void
ClogStartup(void)
{
    char       *dir = DataFilePath(CLOG_DIR);

    DirectoryCreateRecursive(dir);
    pfree(dir);
    LWLockAcquire(MainLWLock(ClogControlLock), LW_EXCLUSIVE);
    for (int i = 0; i < CLOG_BUFFERS; i++)
    {
        Clog->slots[i].pageno = -1;
        Clog->slots[i].dirty = false;
    }
    LWLockRelease(MainLWLock(ClogControlLock));
}

/* ---------- status tests (transam.h) ---------- */

bool
TransactionIdDidCommit(TransactionId xid)
{
    if (xid == BootstrapTransactionId || xid == FrozenTransactionId)
        return true;
    if (!TransactionIdIsNormal(xid))
        return false;
    return TransactionIdGetStatus(xid) == XID_STATUS_COMMITTED;
}

bool
TransactionIdDidAbort(TransactionId xid)
{
    XidStatus   status;

    if (!TransactionIdIsNormal(xid))
        return false;
    status = TransactionIdGetStatus(xid);
    if (status == XID_STATUS_ABORTED)
        return true;
    /* Never committed and no longer running: it crashed. */
    return status == XID_STATUS_IN_PROGRESS && xid < ReadNextTransactionId() &&
        !TransactionIdIsInProgress(xid);
}

void
TransactionIdCommit(TransactionId xid)
{
    TransactionIdSetStatus(xid, XID_STATUS_COMMITTED);
}

void
TransactionIdAbort(TransactionId xid)
{
    TransactionIdSetStatus(xid, XID_STATUS_ABORTED);
}
