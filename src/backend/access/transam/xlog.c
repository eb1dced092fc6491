/*
 * xlog.c
 *     The write-ahead log's shared state: the insertion ring buffer, writing
 *     and flushing segment files (group commit), checkpoints, and start-up
 *     (crash recovery).
 * Entry points: XLogShmemInit(), XLogInsertRecord() (from xloginsert.c),
 * XLogFlush(), CreateCheckPoint(), StartupXLOG(), BootstrapXLOG().
 * Design, on-disk format, invariants and lock order: README (WAL section).
 */
#include "rustydb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "access/transam.h"
#include "access/xlog.h"
#include "access/xlogreader.h"
#include "common/crc32c.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "postmaster/checkpointer.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "xlog_int.h"

/* Size of the shared insertion ring buffer. */
#define XLOG_BUFFER_BYTES (16 * 1024 * 1024)

typedef struct XLogCtlData
{
    LWLock      insert_lock;    /* serialises insertion: protects the fields below it */
    XLogRecPtr  insert_pos;     /* where the next record starts (8-aligned) */
    XLogRecPtr  prev_record;    /* start of the last inserted record */
    XLogRecPtr  redo_rec_ptr;   /* redo point of the running/last checkpoint */

    LWLock      write_lock;     /* serialises writing and syncing files */
    XLogRecPtr  written_upto;   /* handed to the kernel; write_lock */
    uint64      unsynced_from_seg;  /* lowest segment that may hold unsynced bytes; write_lock */
    XLogRecPtr  last_ckpt_redo; /* redo point of the last completed checkpoint; write_lock */

    _Atomic uint64 copied_upto; /* every byte below is in the ring buffer */
    _Atomic uint64 flushed_upto;    /* durable on disk */
    _Atomic uint64 redo_shadow; /* racy copy of redo_rec_ptr for image decisions */
    _Atomic uint64 async_commit_end;    /* end of the newest unflushed-at-commit record */
    atomic_bool in_recovery;

    /* statistics (atomics: updated by whoever does the work) */
    _Atomic uint64 n_records;
    _Atomic uint64 n_fpi;
    _Atomic uint64 n_bytes;
    _Atomic uint64 n_writes;
    _Atomic uint64 n_syncs;
    _Atomic uint64 n_ckpt_timed;
    _Atomic uint64 n_ckpt_req;
    _Atomic uint64 n_ckpt_buffers;
    _Atomic uint64 ckpt_write_us;
    _Atomic uint64 ckpt_sync_us;
    _Atomic int64 last_ckpt_time_us;
    atomic_bool last_ckpt_failed;

    LWLock      checkpoint_lock;    /* one checkpoint at a time */
    LWLock      commit_lock;    /* shared: committing (record in WAL, clog not yet set) */

    char        buffer[FLEXIBLE_ARRAY_MEMBER];  /* XLOG_BUFFER_BYTES ring */
} XLogCtlData;

static XLogCtlData *XLogCtl = NULL;

/* Per-process handle on the segment being written (under write_lock). */
static int  write_fd = -1;
static uint64 write_segno = 0;

static void write_out(XLogRecPtr upto);
static void sync_open_segment(void);
static int  open_segment(uint64 segno, bool create);
static void remove_old_segments(XLogRecPtr redo);
static int64 now_us(void);

Size
XLogShmemSize(void)
{
    return offsetof(XLogCtlData, buffer) + XLOG_BUFFER_BYTES;
}

void
XLogShmemInit(void)
{
    bool        found;

    XLogCtl = ShmemInitStruct("WAL", XLogShmemSize(), &found);
    if (found)
        return;
    memset(XLogCtl, 0, offsetof(XLogCtlData, buffer));
    LWLockInitialize(&XLogCtl->insert_lock, LWTRANCHE_WAL);
    LWLockInitialize(&XLogCtl->write_lock, LWTRANCHE_WAL);
    LWLockInitialize(&XLogCtl->checkpoint_lock, LWTRANCHE_WAL);
    LWLockInitialize(&XLogCtl->commit_lock, LWTRANCHE_WAL);
    XLogCtl->unsynced_from_seg = WalSegmentOf(WAL_FIRST_LSN);
    XLogCtl->insert_pos = WAL_FIRST_LSN;
    XLogCtl->written_upto = WAL_FIRST_LSN;
    atomic_init(&XLogCtl->copied_upto, WAL_FIRST_LSN);
    atomic_init(&XLogCtl->flushed_upto, WAL_FIRST_LSN);
    atomic_init(&XLogCtl->redo_shadow, WAL_FIRST_LSN);
    atomic_init(&XLogCtl->in_recovery, false);
}

static int64
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---------------- segment files ---------------- */

char *
WalSegmentPath(uint64 segno)
{
    char        rel[64];

    snprintf(rel, sizeof(rel), "wal/%016llX", (unsigned long long) segno);
    return DataFilePath(rel);
}

/*
 * open_segment -- open (and with create, create and preallocate) a segment
 * file; -1 if it does not exist and create is false.  A new file is
 * preallocated to its full size and its directory entry made durable, so
 * later fdatasync()s need no metadata update.
 */
static int
open_segment(uint64 segno, bool create)
{
    char       *path = WalSegmentPath(segno);
    int         fd = open(path, O_RDWR | (create ? O_CREAT : 0), 0600);
    struct stat st;

    if (fd < 0)
    {
        if (!create && errno == ENOENT)
        {
            pfree(path);
            return -1;
        }
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not open WAL segment \"%s\": %m", path));
    }
    if (create && fstat(fd, &st) == 0 && st.st_size < WAL_SEG_SIZE)
    {
        int         rc = posix_fallocate(fd, 0, WAL_SEG_SIZE);

        if (rc != 0)
        {
            errno = rc;
            ereport(PANIC, errcode_for_file_access(),
                    errmsg("could not allocate WAL segment \"%s\": %m", path));
        }
        if (EnableFsync)
        {
            char       *dir = DataFilePath("wal");

            if (fsync(fd) != 0)
                ereport(PANIC, errcode_for_file_access(),
                        errmsg("could not fsync WAL segment \"%s\": %m", path));
            FileSyncPath(dir, true, PANIC);
            pfree(dir);
        }
    }
    pfree(path);
    return fd;
}

/*
 * sync_segments_through -- make segments [unsynced_from_seg, last] durable.
 * Bytes in them may have been written, and not synced, by other processes
 * (a process syncs only the segment it has open); fsync through any
 * descriptor makes the whole file durable.  Afterwards only `last` can
 * receive unsynced bytes.  Caller holds write_lock.
 */
static void
sync_segments_through(uint64 last)
{
    for (uint64 seg = XLogCtl->unsynced_from_seg; seg <= last && EnableFsync; seg++)
    {
        int         fd;

        if (write_fd >= 0 && write_segno == seg)
        {
            sync_open_segment();
            continue;
        }
        fd = open_segment(seg, false);
        if (fd < 0)
            continue;           /* removed by a checkpoint: nothing to sync */
        if (fdatasync(fd) != 0)
            ereport(PANIC, errcode_for_file_access(),
                    errmsg("could not fsync WAL segment %016llX: %m", (unsigned long long) seg));
        close(fd);
        atomic_fetch_add(&XLogCtl->n_syncs, 1);
    }
    if (last > XLogCtl->unsynced_from_seg)
        XLogCtl->unsynced_from_seg = last;
}

static void
sync_open_segment(void)
{
    int         rc;

    if (write_fd < 0 || !EnableFsync)
        return;
    rc = (WalSyncMethod == GUC_WAL_SYNC_FSYNC) ? fsync(write_fd) : fdatasync(write_fd);
    /* A failed fsync may have dropped the dirty pages: never retry and carry on. */
    if (rc != 0)
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not fsync WAL segment %016llX: %m", (unsigned long long) write_segno));
    atomic_fetch_add(&XLogCtl->n_syncs, 1);
}

/*
 * write_out -- hand the ring buffer's bytes [written_upto, upto) to the
 * kernel, syncing each segment when leaving it.  Caller holds write_lock;
 * every byte below upto has been copied into the buffer.
 */
static void
write_out(XLogRecPtr upto)
{
    while (XLogCtl->written_upto < upto)
    {
        XLogRecPtr  pos = XLogCtl->written_upto;
        uint64      segno = WalSegmentOf(pos);
        Size        ring_off = pos % XLOG_BUFFER_BYTES;
        Size        n = upto - pos;

        n = Min(n, (Size) (WAL_SEG_SIZE - WalSegmentOffset(pos)));
        n = Min(n, XLOG_BUFFER_BYTES - ring_off);
        if (write_fd < 0 || write_segno != segno)
        {
            if (write_fd >= 0)
            {
                sync_open_segment();
                close(write_fd);
            }
            write_fd = open_segment(segno, true);
            write_segno = segno;
        }
        FileWriteFull(write_fd, XLogCtl->buffer + ring_off, n, WalSegmentOffset(pos), "WAL segment");
        XLogCtl->written_upto = pos + n;
        atomic_fetch_add(&XLogCtl->n_writes, 1);
    }
}

/* ---------------- insertion (called by xloginsert.c) ---------------- */

/*
 * XLogInsertRecord -- copy an assembled record (header first; crc holds the
 * CRC of everything after the header, not yet finished) into the ring.
 * Returns the record's end, or InvalidXLogRecPtr if the redo pointer moved
 * past redo_seen and needs_image_recheck is set (the caller re-assembles
 * with images).  *start_out gets the record's start.
 */
XLogRecPtr
XLogInsertRecord(char *rec, uint32 len, XLogRecPtr redo_seen, bool needs_image_recheck,
                 XLogRecPtr *start_out)
{
    XLogRecordHeader *hdr = (XLogRecordHeader *) rec;
    Size        aligned = MAXALIGN(len);
    XLogRecPtr  start;
    uint32      crc;

    if (aligned > XLOG_BUFFER_BYTES / 4)
        elog(PANIC, "WAL record of %u bytes is too large", len);
    if (atomic_load(&XLogCtl->in_recovery))
        elog(ERROR, "cannot write WAL during recovery");

    LWLockAcquire(&XLogCtl->insert_lock, LW_EXCLUSIVE);
    if (needs_image_recheck && XLogCtl->redo_rec_ptr > redo_seen)
    {
        LWLockRelease(&XLogCtl->insert_lock);
        return InvalidXLogRecPtr;
    }
    start = XLogCtl->insert_pos;
    /* Make room in the ring: everything older than start can be written out. */
    if (start + aligned - XLogCtl->written_upto > XLOG_BUFFER_BYTES)
    {
        LWLockAcquire(&XLogCtl->write_lock, LW_EXCLUSIVE);
        write_out(start);
        LWLockRelease(&XLogCtl->write_lock);
    }
    hdr->prev = XLogCtl->prev_record;
    crc = hdr->crc;
    hdr->crc = 0;
    crc = Crc32cUpdate(crc, hdr, SizeOfXLogRecordHeader);
    hdr->crc = CRC32C_FINISH(crc);

    for (Size done = 0; done < aligned;)
    {
        Size        ring_off = (start + done) % XLOG_BUFFER_BYTES;
        Size        n = Min(aligned - done, XLOG_BUFFER_BYTES - ring_off);

        if (done < len)
        {
            Size        from_rec = Min(n, len - done);

            memcpy(XLogCtl->buffer + ring_off, rec + done, from_rec);
            if (from_rec < n)
                memset(XLogCtl->buffer + ring_off + from_rec, 0, n - from_rec);
        }
        else
            memset(XLogCtl->buffer + ring_off, 0, n);
        done += n;
    }
    XLogCtl->insert_pos = start + aligned;
    XLogCtl->prev_record = start;
    atomic_store(&XLogCtl->copied_upto, start + aligned);
    LWLockRelease(&XLogCtl->insert_lock);

    atomic_fetch_add(&XLogCtl->n_records, 1);
    atomic_fetch_add(&XLogCtl->n_bytes, aligned);
    if (start_out)
        *start_out = start;
    return start + aligned;
}

void
XLogCountImage(void)
{
    atomic_fetch_add(&XLogCtl->n_fpi, 1);
}

XLogRecPtr
XLogGetRedoShadow(void)
{
    return atomic_load(&XLogCtl->redo_shadow);
}

/* ---------------- flushing ---------------- */

/*
 * XLogFlush -- make WAL durable up to upto.  Concurrent callers share one
 * write + fdatasync: whoever holds write_lock flushes everything inserted so
 * far, and those waiting behind it usually find their position covered
 * (group commit).  PANIC on an I/O error.
 */
void
XLogFlush(XLogRecPtr upto)
{
    XLogRecPtr  target;

    if (XLogCtl == NULL || atomic_load(&XLogCtl->in_recovery))
        return;
    if (atomic_load(&XLogCtl->flushed_upto) >= upto)
        return;
    LWLockAcquire(&XLogCtl->write_lock, LW_EXCLUSIVE);
    if (atomic_load(&XLogCtl->flushed_upto) >= upto)
    {
        LWLockRelease(&XLogCtl->write_lock);
        return;
    }
    target = atomic_load(&XLogCtl->copied_upto);
    if (target < upto)
        target = upto;          /* cannot happen for inserted records; be safe */
    write_out(target);
    sync_segments_through(WalSegmentOf(target - 1));
    atomic_store(&XLogCtl->flushed_upto, target);
    LWLockRelease(&XLogCtl->write_lock);
}

void
XLogDelayCheckpointStart(void)
{
    LWLockAcquire(&XLogCtl->commit_lock, LW_SHARED);
}

void
XLogDelayCheckpointEnd(void)
{
    LWLockRelease(&XLogCtl->commit_lock);
}

void
XLogSetAsyncCommitEnd(XLogRecPtr end)
{
    uint64      cur = atomic_load(&XLogCtl->async_commit_end);

    while (cur < end && !atomic_compare_exchange_weak(&XLogCtl->async_commit_end, &cur, end))
        ;
}

void
XLogFlushAsyncCommits(void)
{
    if (XLogCtl != NULL && !XLogAsyncCommitsFlushed())
        XLogFlush(atomic_load(&XLogCtl->async_commit_end));
}

bool
XLogAsyncCommitsFlushed(void)
{
    return XLogCtl == NULL ||
        atomic_load(&XLogCtl->async_commit_end) <= atomic_load(&XLogCtl->flushed_upto);
}

/* The buffer manager's page-LSN rule: WAL first, then the page. */
void
XLogFlushHook(XLogRecPtr lsn)
{
    XLogFlush(lsn);
}

void
XLogBackgroundFlush(void)
{
    XLogFlush(atomic_load(&XLogCtl->copied_upto));
}

XLogRecPtr
GetXLogInsertRecPtr(void)
{
    return atomic_load(&XLogCtl->copied_upto);
}

XLogRecPtr
GetFlushRecPtr(void)
{
    return atomic_load(&XLogCtl->flushed_upto);
}

XLogRecPtr
GetRedoRecPtr(void)
{
    return atomic_load(&XLogCtl->redo_shadow);
}

bool
RecoveryInProgress(void)
{
    return XLogCtl != NULL && atomic_load(&XLogCtl->in_recovery);
}

uint64
WalSinceLastCheckpoint(void)
{
    XLogRecPtr  insert = atomic_load(&XLogCtl->copied_upto);
    XLogRecPtr  redo = atomic_load(&XLogCtl->redo_shadow);

    return insert > redo ? insert - redo : 0;
}

void
GetWalStats(WalStats *out)
{
    out->records = atomic_load(&XLogCtl->n_records);
    out->fpi = atomic_load(&XLogCtl->n_fpi);
    out->bytes = atomic_load(&XLogCtl->n_bytes);
    out->writes = atomic_load(&XLogCtl->n_writes);
    out->syncs = atomic_load(&XLogCtl->n_syncs);
    out->checkpoints_timed = atomic_load(&XLogCtl->n_ckpt_timed);
    out->checkpoints_req = atomic_load(&XLogCtl->n_ckpt_req);
    out->buffers_checkpoint = atomic_load(&XLogCtl->n_ckpt_buffers);
    out->checkpoint_write_ms = atomic_load(&XLogCtl->ckpt_write_us) / 1000.0;
    out->checkpoint_sync_ms = atomic_load(&XLogCtl->ckpt_sync_us) / 1000.0;
    out->last_checkpoint_us = atomic_load(&XLogCtl->last_ckpt_time_us);
    out->last_checkpoint_failed = atomic_load(&XLogCtl->last_ckpt_failed);
}

/* ---------------- checkpoints ---------------- */

/*
 * remove_old_segments -- delete segment files wholly before the redo point:
 * recovery never reads them again.
 */
static void
remove_old_segments(XLogRecPtr redo)
{
    char       *dirpath = DataFilePath("wal");
    DIR        *dir = opendir(dirpath);
    struct dirent *de;
    uint64      keep_from = WalSegmentOf(redo);

    if (dir == NULL)
    {
        ereport(WARNING, errcode_for_file_access(),
                errmsg("could not open WAL directory \"%s\": %m", dirpath));
        pfree(dirpath);
        return;
    }
    while ((de = readdir(dir)) != NULL)
    {
        char       *end;
        unsigned long long segno;

        if (strlen(de->d_name) != 16)
            continue;
        segno = strtoull(de->d_name, &end, 16);
        if (*end != '\0' || segno >= keep_from)
            continue;
        {
            char       *path = WalSegmentPath(segno);

            if (unlink(path) != 0 && errno != ENOENT)
                ereport(WARNING, errcode_for_file_access(),
                        errmsg("could not remove WAL segment \"%s\": %m", path));
            pfree(path);
        }
    }
    closedir(dir);
    pfree(dirpath);
}

/*
 * CreateCheckPoint -- fix a redo point, write every dirty buffer and the
 * commit log, log a checkpoint record, flush it and point the control file
 * at it; then drop WAL segments before the redo point.  Afterwards the
 * first change of each page logs a full-page image again.
 */
void
CreateCheckPoint(int flags)
{
    CheckPointRecord ckpt;
    XLogRecPtr  start;
    XLogRecPtr  end;
    int64       t0;
    int64       t1;
    int64       t2;
    bool        shutdown = (flags & CHECKPOINT_IS_SHUTDOWN) != 0;

    /* Held to the end: an ERROR releases it with every other LWLock. */
    LWLockAcquire(&XLogCtl->checkpoint_lock, LW_EXCLUSIVE);
    atomic_store(&XLogCtl->last_ckpt_failed, true);
    LWLockAcquire(&XLogCtl->insert_lock, LW_EXCLUSIVE);
    ckpt.redo = XLogCtl->insert_pos;
    XLogCtl->redo_rec_ptr = ckpt.redo;
    atomic_store(&XLogCtl->redo_shadow, ckpt.redo);
    LWLockRelease(&XLogCtl->insert_lock);

    /*
     * A transaction whose commit record lies before the redo point but
     * whose commit-log bit is not set yet would be lost: recovery starts
     * after its record, and ClogFlush below would miss the bit.  Committers
     * hold commit_lock shared over that window; wait them out.
     */
    LWLockAcquire(&XLogCtl->commit_lock, LW_EXCLUSIVE);
    LWLockRelease(&XLogCtl->commit_lock);

    t0 = now_us();
    /*
     * Timed (and WAL-size) checkpoints spread their writes over
     * checkpoint_completion_target of the interval; requested, shutdown and
     * end-of-recovery ones write at full speed, and a spread one speeds up
     * when a request arrives (CheckpointerHurry).
     */
    if ((flags & (CHECKPOINT_REQUESTED | CHECKPOINT_IS_SHUTDOWN | CHECKPOINT_END_OF_RECOVERY)) == 0)
        FlushAllBuffersPaced(CheckpointCompletionTarget * CheckpointTimeoutS, CheckpointerHurry);
    else
        FlushAllBuffers();
    t1 = now_us();
    ClogFlush();
    t2 = now_us();

    ckpt.next_xid = ReadNextTransactionId();
    LWLockAcquire(MainLWLock(ControlFileLock), LW_SHARED);
    ckpt.next_oid = ControlFile->next_oid;
    LWLockRelease(MainLWLock(ControlFileLock));
    ckpt.pad = 0;
    ckpt.time_us = now_us();
    XLogBeginInsert();
    XLogRegisterData(&ckpt, sizeof(ckpt));
    end = XLogInsertWithStart(RM_XLOG_ID, shutdown ? XLOG_CHECKPOINT_SHUTDOWN : XLOG_CHECKPOINT_ONLINE,
                              &start);
    XLogFlush(end);

    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    ControlFile->checkpoint_lsn = start;
    ControlFile->redo_lsn = ckpt.redo;
    ControlFile->state = shutdown ? DB_STATE_SHUTDOWNED : DB_STATE_IN_PRODUCTION;
    if (shutdown)
        ControlFile->next_xid = ckpt.next_xid;
    ControlFileUpdate();
    LWLockRelease(MainLWLock(ControlFileLock));

    LWLockAcquire(&XLogCtl->write_lock, LW_EXCLUSIVE);
    XLogCtl->last_ckpt_redo = ckpt.redo;
    LWLockRelease(&XLogCtl->write_lock);
    remove_old_segments(ckpt.redo);

    if (flags & (CHECKPOINT_REQUESTED | CHECKPOINT_IS_SHUTDOWN | CHECKPOINT_END_OF_RECOVERY))
        atomic_fetch_add(&XLogCtl->n_ckpt_req, 1);
    else
        atomic_fetch_add(&XLogCtl->n_ckpt_timed, 1);
    atomic_fetch_add(&XLogCtl->ckpt_write_us, (uint64) (t1 - t0));
    atomic_fetch_add(&XLogCtl->ckpt_sync_us, (uint64) (t2 - t1));
    atomic_store(&XLogCtl->last_ckpt_time_us, ckpt.time_us);
    atomic_store(&XLogCtl->last_ckpt_failed, false);
    LWLockRelease(&XLogCtl->checkpoint_lock);
    if (LogCheckpoints)
        ereport(LOG, errmsg("checkpoint complete%s: redo %X/%X, write=%.3f s, sync=%.3f s",
                            shutdown ? " (shutdown)" : "",
                            (unsigned) (ckpt.redo >> 32), (unsigned) ckpt.redo,
                            (t1 - t0) / 1e6, (t2 - t1) / 1e6));
}

/* ---------------- start-up and recovery ---------------- */

/*
 * reset_wal_tail -- after recovery stopped at end, zero the rest of its
 * segment and remove every later segment, so that bytes of an old, torn
 * tail can never be mistaken for records written after the restart (the
 * prev-link check makes that unlikely, this makes it impossible).
 */
static void
reset_wal_tail(XLogRecPtr end)
{
    static const char zeros[64 * 1024];
    uint64      segno = WalSegmentOf(end);
    int         fd = open_segment(segno, true);
    char       *dirpath = DataFilePath("wal");
    DIR        *dir;
    struct dirent *de;

    for (uint32 off = WalSegmentOffset(end); off < WAL_SEG_SIZE;)
    {
        Size        n = Min(sizeof(zeros), (Size) (WAL_SEG_SIZE - off));

        FileWriteFull(fd, zeros, n, off, "WAL segment");
        off += (uint32) n;
    }
    if (EnableFsync && fdatasync(fd) != 0)
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not fsync WAL segment %016llX: %m", (unsigned long long) segno));
    close(fd);

    dir = opendir(dirpath);
    if (dir == NULL)
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not open WAL directory \"%s\": %m", dirpath));
    while ((de = readdir(dir)) != NULL)
    {
        char       *endp;
        unsigned long long seg;

        if (strlen(de->d_name) != 16)
            continue;
        seg = strtoull(de->d_name, &endp, 16);
        if (*endp == '\0' && seg > segno)
        {
            char       *path = WalSegmentPath(seg);

            if (unlink(path) != 0 && errno != ENOENT)
                ereport(PANIC, errcode_for_file_access(),
                        errmsg("could not remove WAL segment \"%s\": %m", path));
            pfree(path);
        }
    }
    closedir(dir);
    FileSyncPath(dirpath, true, PANIC);
    pfree(dirpath);
}

/*
 * BootstrapXLOG -- initdb: WAL starts empty at WAL_FIRST_LSN; write a
 * shutdown checkpoint so the new instance needs no recovery.
 */
void
BootstrapXLOG(void)
{
    CreateCheckPoint(CHECKPOINT_IS_SHUTDOWN);
}

void
StartupXLOG(void)
{
    XLogReaderState *reader;
    CheckPointRecord ckpt;
    XLogRecPtr  ckpt_lsn = ControlFile->checkpoint_lsn;
    bool        need_recovery;
    XLogRecPtr  lsn;
    XLogRecPtr  last = InvalidXLogRecPtr;
    uint64      replayed = 0;

    if (ckpt_lsn == InvalidXLogRecPtr)
        ereport(PANIC, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("control file has no checkpoint location"),
                errhint("The instance was not created by this version of rustydb-initdb."));
    reader = XLogReaderAllocate();
    if (!XLogReadRecord(reader, ckpt_lsn, InvalidXLogRecPtr) ||
        reader->header.rmid != RM_XLOG_ID ||
        (reader->header.info != XLOG_CHECKPOINT_SHUTDOWN &&
         reader->header.info != XLOG_CHECKPOINT_ONLINE) ||
        reader->main_len != sizeof(CheckPointRecord))
        ereport(PANIC, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("could not locate a valid checkpoint record at %X/%X: %s",
                       (unsigned) (ckpt_lsn >> 32), (unsigned) ckpt_lsn, reader->errormsg));
    memcpy(&ckpt, reader->main_data, sizeof(ckpt));

    need_recovery = ControlFile->state != DB_STATE_SHUTDOWNED ||
        reader->header.info != XLOG_CHECKPOINT_SHUTDOWN || ckpt.redo != ckpt_lsn;
    lsn = reader->EndRecPtr;
    last = ckpt_lsn;
    if (need_recovery)
    {
        XLogRecPtr  expected_prev = InvalidXLogRecPtr;

        ereport(LOG, errmsg("database system was not properly shut down; automatic recovery in progress"));
        atomic_store(&XLogCtl->in_recovery, true);
        LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
        ControlFile->state = DB_STATE_IN_RECOVERY;
        ControlFileUpdate();
        LWLockRelease(MainLWLock(ControlFileLock));
        atomic_store(&XLogCtl->redo_shadow, ckpt.redo);
        lsn = ckpt.redo;
        last = InvalidXLogRecPtr;
        ereport(LOG, errmsg("redo starts at %X/%X", (unsigned) (lsn >> 32), (unsigned) lsn));
        while (XLogReadRecord(reader, lsn, expected_prev))
        {
            const RmgrData *rmgr = &RmgrTable[reader->header.rmid];

            if (rmgr->redo == NULL)
                ereport(PANIC, errcode(ERRCODE_DATA_CORRUPTED),
                        errmsg("WAL record at %X/%X has resource manager %d with no redo routine",
                               (unsigned) (lsn >> 32), (unsigned) lsn, reader->header.rmid));
            rmgr->redo(reader);
            last = lsn;
            expected_prev = lsn;
            lsn = reader->EndRecPtr;
            replayed++;
        }
        ereport(LOG, errmsg("redo done at %X/%X: %llu records replayed; end of WAL: %s",
                            (unsigned) (lsn >> 32), (unsigned) lsn,
                            (unsigned long long) replayed, reader->errormsg));
    }
    XLogReaderFree(reader);
    if (need_recovery)
        reset_wal_tail(lsn);

    /* Continue the stream right after the last valid record. */
    LWLockAcquire(&XLogCtl->insert_lock, LW_EXCLUSIVE);
    XLogCtl->insert_pos = lsn;
    XLogCtl->prev_record = last;
    XLogCtl->redo_rec_ptr = ckpt.redo;
    LWLockRelease(&XLogCtl->insert_lock);
    LWLockAcquire(&XLogCtl->write_lock, LW_EXCLUSIVE);
    XLogCtl->written_upto = lsn;
    XLogCtl->unsynced_from_seg = WalSegmentOf(lsn);
    XLogCtl->last_ckpt_redo = ckpt.redo;
    LWLockRelease(&XLogCtl->write_lock);
    atomic_store(&XLogCtl->copied_upto, lsn);
    atomic_store(&XLogCtl->flushed_upto, lsn);
    atomic_store(&XLogCtl->redo_shadow, ckpt.redo);
    atomic_store(&XLogCtl->in_recovery, false);

    if (need_recovery)
        CreateCheckPoint(CHECKPOINT_END_OF_RECOVERY);
    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    ControlFile->state = DB_STATE_IN_PRODUCTION;
    ControlFileUpdate();
    LWLockRelease(MainLWLock(ControlFileLock));
}

/* Crash restart: forget the per-process segment handle (shared state is new). */
void
XLogResetProcessState(void)
{
    if (write_fd >= 0)
        close(write_fd);
    write_fd = -1;
}

/* ---------------- RM_XLOG_ID ---------------- */

void
XLogRedo(XLogReaderState *record)
{
    switch (XLogRecGetInfo(record))
    {
        case XLOG_CHECKPOINT_SHUTDOWN:
        case XLOG_CHECKPOINT_ONLINE:
        case XLOG_NOOP:
            break;
        case XLOG_FPI:
            for (int id = 0; id < XLR_MAX_BLOCKS; id++)
            {
                Buffer      buf;

                if (!XLogRecHasBlockRef(record, id))
                    continue;
                if (XLogReadBufferForRedo(record, id, &buf) != BLK_NOTFOUND)
                    UnlockReleaseBuffer(buf);
            }
            break;
        default:
            elog(PANIC, "unknown XLOG record kind %d", XLogRecGetInfo(record));
    }
}

void
XLogDesc(StringInfo buf, XLogReaderState *record)
{
    switch (XLogRecGetInfo(record))
    {
        case XLOG_CHECKPOINT_SHUTDOWN:
        case XLOG_CHECKPOINT_ONLINE:
            {
                CheckPointRecord ckpt;

                /* Describe what is there, never read past it (test/fuzz/fuzz_wal.c). */
                if (XLogRecGetDataLen(record) != sizeof(ckpt))
                {
                    appendStringInfo(buf, "invalid checkpoint record length %u",
                                     XLogRecGetDataLen(record));
                    break;
                }
                memcpy(&ckpt, XLogRecGetData(record), sizeof(ckpt));
                appendStringInfo(buf, "checkpoint redo %X/%X next_xid %llu",
                                 (unsigned) (ckpt.redo >> 32), (unsigned) ckpt.redo,
                                 (unsigned long long) ckpt.next_xid);
                break;
            }
        case XLOG_FPI:
            appendStringInfoString(buf, "full-page image");
            break;
        default:
            appendStringInfoString(buf, "noop");
            break;
    }
}
