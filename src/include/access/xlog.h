/*
 * xlog.h
 *     The write-ahead log: building and inserting records, flushing
 *     (group commit), checkpoints and crash recovery.
 * Implemented in src/backend/access/transam/xlog.c (buffers, files,
 * flush, checkpoint, startup and the redo loop) and xloginsert.c (record
 * assembly, full-page images); reading is xlogreader.h.  Design: the WAL
 * section of src/backend/access/transam/README.md.
 *
 * How to WAL-log a change to a page (the recipe every access method follows):
 *   1. Lock the buffer exclusively; START_CRIT_SECTION().
 *   2. Change the page; MarkBufferDirty(buf).
 *   3. XLogBeginInsert(); XLogRegisterBuffer(0, buf, flags);
 *      XLogRegisterBufData(0, delta, len); XLogRegisterData(main, len);
 *      lsn = XLogInsert(RM_xxx_ID, info);
 *   4. PageSetLSN(page, lsn); END_CRIT_SECTION(); unlock.
 * The buffer manager flushes WAL up to a page's LSN before writing the page.
 * Commit calls XLogFlush(commit_lsn) before acknowledging.
 */
#ifndef ACCESS_XLOG_H
#define ACCESS_XLOG_H

#include "access/rmgr.h"
#include "storage/buf.h"

/* Settings (fsync, synchronous_commit, wal_compression, checkpoint_*) live in utils/guc.h. */

/* xlog.c: shared state */
extern Size XLogShmemSize(void);
extern void XLogShmemInit(void);

/* xloginsert.c: building a record (process-local; not re-entrant) */
#define REGBUF_STANDARD 0x00        /* page has the standard layout: omit the free-space hole */
#define REGBUF_WILL_INIT 0x01       /* redo rebuilds the page: never needs an image */
#define REGBUF_FORCE_IMAGE 0x02     /* always include an image */
#define REGBUF_NO_IMAGE 0x04        /* never include an image (caller logs the whole page itself) */

extern void XLogBeginInsert(void);
extern void XLogRegisterData(const void *data, uint32 len);
extern void XLogRegisterBuffer(int block_id, Buffer buffer, uint8 flags);
extern void XLogRegisterBlock(int block_id, RelFileLocator locator, ForkNumber fork,
                              BlockNumber blkno, const char *page, uint8 flags);
extern void XLogRegisterBufData(int block_id, const void *data, uint32 len);
/*
 * XLogInsert -- assemble and insert the registered record; returns its end
 * LSN (the value for PageSetLSN and XLogFlush).  Must be called inside a
 * critical section when pages were changed.
 */
extern XLogRecPtr XLogInsert(RmgrId rmid, uint8 info);
/* Forget a half-built record (transaction abort: an ERROR between Begin and Insert). */
extern void XLogResetInsertion(void);
/* The transaction id stamped on records of this process (set by xact.c). */
extern void XLogSetRecordXid(TransactionId xid);
/* Log a full-page image of buf if it is its first change since the checkpoint (hint bits). */
extern XLogRecPtr XLogSaveBufferForHint(Buffer buffer);

/* xlog.c: positions and flushing */
extern void XLogFlush(XLogRecPtr upto);     /* durable up to upto (no-op if already) */
extern void XLogBackgroundFlush(void);      /* WAL writer: flush whatever is inserted */
/*
 * XLogDelayCheckpointStart/End -- bracket "insert the commit record ...
 * set the commit-log bit" at commit.  A checkpoint waits for brackets in
 * progress after choosing its redo point, so a commit whose record precedes
 * the redo point always has its bit in the commit log the checkpoint
 * flushes.  (An LWLock held shared; no other lock may be taken inside
 * except WAL's own and the commit log's.)
 */
extern void XLogDelayCheckpointStart(void);
extern void XLogDelayCheckpointEnd(void);

/*
 * Asynchronous commits (synchronous_commit = off): XactLogCommit() notes
 * the end of each unflushed commit record.  Until WAL is flushed past all
 * of them, "committed" hint bits must not be set: a page carrying one could
 * reach disk before the commit record does and outlive a crash that loses
 * the commit.  (Coarse, all transactions at once; simple and safe.)
 */
extern void XLogSetAsyncCommitEnd(XLogRecPtr end);
extern bool XLogAsyncCommitsFlushed(void);
/*
 * Flush WAL past every asynchronous commit record; the commit log calls it
 * before writing a page (a commit bit must not reach disk before its
 * record).  Order: may be called holding ClogControlLock.
 */
extern void XLogFlushAsyncCommits(void);
extern XLogRecPtr GetXLogInsertRecPtr(void);
extern XLogRecPtr GetFlushRecPtr(void);
extern XLogRecPtr GetRedoRecPtr(void);
extern bool RecoveryInProgress(void);

/* Counters for statistics and the admin API. */
typedef struct WalStats
{
    uint64      records;
    uint64      fpi;                /* full-page images */
    uint64      bytes;
    uint64      writes;
    uint64      syncs;
    uint64      checkpoints_timed;
    uint64      checkpoints_req;
    uint64      buffers_checkpoint; /* buffers written by checkpoints */
    double      checkpoint_write_ms;
    double      checkpoint_sync_ms;
    int64       last_checkpoint_us; /* Unix microseconds, 0 if none */
    bool        last_checkpoint_failed;
} WalStats;
extern void GetWalStats(WalStats *out);

/* Checkpoints */
#define CHECKPOINT_IS_SHUTDOWN 0x01
#define CHECKPOINT_END_OF_RECOVERY 0x02
#define CHECKPOINT_REQUESTED 0x04   /* CHECKPOINT command, max_wal_size: not timed */
extern void CreateCheckPoint(int flags);
/* Bytes of WAL written since the last checkpoint's redo point. */
extern uint64 WalSinceLastCheckpoint(void);

/*
 * StartupXLOG -- at instance start, before any transaction: read the
 * control file, replay WAL from the last checkpoint's redo point if the
 * instance did not shut down cleanly, then write an end-of-recovery
 * checkpoint.  Runs in the startup process.
 */
extern void StartupXLOG(void);
/* initdb: the first checkpoint record, so a new instance starts consistent. */
extern void BootstrapXLOG(void);
/* Forget this process's open WAL segment (new shared memory: crash restart, tests). */
extern void XLogResetProcessState(void);

/* Record kinds of RM_XLOG_ID */
#define XLOG_CHECKPOINT_SHUTDOWN 0x00
#define XLOG_CHECKPOINT_ONLINE 0x10
#define XLOG_FPI 0x20               /* a block image alone (hint bits, VACUUM FULL) */
#define XLOG_NOOP 0x30

typedef struct CheckPointRecord
{
    XLogRecPtr  redo;
    TransactionId next_xid;
    Oid         next_oid;
    uint32      pad;
    int64       time_us;
} CheckPointRecord;

/* xlog.c: rmgr callbacks for RM_XLOG_ID */
struct XLogReaderState;
struct StringInfoData;
extern void XLogRedo(struct XLogReaderState *record);
extern void XLogDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_XLOG_H */
