/*
 * bufmgr.h
 *     The shared buffer pool: SharedBuffers pages of BLCKSZ in shared memory,
 *     a partitioned (tag -> buffer) mapping table, pins, content locks,
 *     clock-sweep replacement, write-back of dirty victims with checksums.
 * Implemented in src/backend/storage/buffer/{bufmgr,buf_table,freelist}.c;
 * see the README there for invariants and the lock order.
 *
 * Usage pattern:
 *     Buffer buf = ReadBuffer(rel, blkno);       -- pinned, not locked
 *     LockBuffer(buf, BUFFER_LOCK_SHARE);
 *     Page page = BufferGetPage(buf);            -- valid while pinned
 *     ... read ...
 *     LockBuffer(buf, BUFFER_LOCK_UNLOCK);
 *     ReleaseBuffer(buf);
 * Modifying: hold BUFFER_LOCK_EXCLUSIVE, change the page, MarkBufferDirty().
 * Pins are tracked by CurrentResourceOwner and released on abort.
 */
#ifndef STORAGE_BUFMGR_H
#define STORAGE_BUFMGR_H

#include "rustydb.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "storage/relfilelocator.h"

typedef struct RelationData *Relation;

/* Defined in bufmgr.c; bound to shared_buffers by the configuration module. */
extern int  SharedBuffers;      /* number of BLCKSZ buffers, default 16384 (128MB) */

/* Block number meaning "extend the relation by one block" in ReadBufferExtended. */
#define P_NEW InvalidBlockNumber

typedef enum ReadBufferMode
{
    RBM_NORMAL,                 /* read from disk; verify checksum (ERROR on mismatch) */
    RBM_ZERO_AND_LOCK,          /* don't read: zero-fill and return exclusively locked */
    RBM_ZERO_ON_ERROR           /* read; a corrupt page is zeroed with a WARNING (VACUUM repair) */
} ReadBufferMode;

#define BUFFER_LOCK_UNLOCK 0
#define BUFFER_LOCK_SHARE 1
#define BUFFER_LOCK_EXCLUSIVE 2

/* Cumulative counters for statistics (process-local; the stats module ships them). */
typedef struct BufferUsage
{
    uint64      shared_hits;    /* found in the pool */
    uint64      shared_reads;   /* read from disk */
    uint64      shared_writes;  /* written back (any reason) by this process */
    uint64      shared_dirtied; /* clean buffers this process dirtied */
    uint64      shared_extends; /* blocks added to relations */
} BufferUsage;

extern BufferUsage BufferUsageCounters;

/*
 * WAL hook: before a dirty page whose LSN is lsn is written, the buffer
 * manager calls XLogFlushHook(lsn) so the WAL is durable up to that point
 * (write-ahead rule).  The default, defined weak in bufmgr.c, does nothing;
 * the WAL module defines the strong symbol.  Called with the buffer pinned
 * and its I/O in progress (lsn is that of the private copy being written),
 * no content lock and no spinlock held; may sleep and may ERROR.
 */
extern void XLogFlushHook(XLogRecPtr lsn);

/* bufmgr.c */
extern Size BufferShmemSize(void);
extern void BufferShmemInit(void);
/* Per-process set-up (private pin array); called by StorageAttachProcess(). */
extern void BufferInitBackend(void);

/* ReadBufferExtended(rel, MAIN_FORKNUM, blkno, RBM_NORMAL). */
extern Buffer ReadBuffer(Relation rel, BlockNumber blkno);
/*
 * ReadBufferExtended -- return the block pinned (not locked unless
 * RBM_ZERO_AND_LOCK).  blkno == P_NEW extends the fork by one zeroed,
 * initialised-on-disk block and returns it pinned (and locked exclusively
 * for RBM_ZERO_AND_LOCK); use BufferGetBlockNumber() for its number.
 * ERROR (XX001) "invalid page in block %u of relation %s" on checksum
 * failure; ERROR on I/O failure or a block past the end.
 */
extern Buffer ReadBufferExtended(Relation rel, ForkNumber fork, BlockNumber blkno,
                                 ReadBufferMode mode);
/* Same, for callers that have a locator but no Relation (name used in messages). */
extern Buffer ReadBufferWithoutRelcache(RelFileLocator locator, ForkNumber fork,
                                        BlockNumber blkno, ReadBufferMode mode,
                                        const char *relname);
/*
 * ExtendRelationBuffered -- add one block to the fork and return it pinned
 * and exclusively locked, zero-filled (the caller PageInit()s it and marks
 * it dirty).  Serialised per relation with a relation-extension lock.
 * Another process reading the new last block may have initialised (and
 * used) it before we got its lock: callers test PageIsNew() rather than
 * assume an empty page.
 */
extern Buffer ExtendRelationBuffered(Relation rel, ForkNumber fork);
/* Number of blocks in the fork (asks the storage manager). */
extern BlockNumber RelationGetNumberOfBlocksInFork(Relation rel, ForkNumber fork);
/* blkno < the main fork's size, without a system call when known this transaction. */
extern bool RelationBlockExists(Relation rel, BlockNumber blkno);
#define RelationGetNumberOfBlocks(rel) RelationGetNumberOfBlocksInFork((rel), MAIN_FORKNUM)

extern void ReleaseBuffer(Buffer buffer);
extern void UnlockReleaseBuffer(Buffer buffer);
/* Take another pin on a buffer we already pin. */
extern void IncrBufferRefCount(Buffer buffer);
/*
 * LockBuffer -- take or release the content lock.  Lock order: at most one
 * content lock at a time unless taking them in ascending block number of one
 * relation (heap_update holds two that way).
 */
extern void LockBuffer(Buffer buffer, int mode);
extern bool ConditionalLockBuffer(Buffer buffer);   /* exclusive, no wait */
/*
 * Cleanup lock (VACUUM page compaction): the exclusive content lock while
 * ours is the only pin, so no other process holds pointers into the page.
 * The caller pins the buffer exactly once.  LockBufferForCleanup waits
 * (polling, 1 ms; a cancel ends the wait) for other pins to go; the
 * conditional form gives up.
 */
extern void LockBufferForCleanup(Buffer buffer);
extern bool ConditionalLockBufferForCleanup(Buffer buffer);
/* Caller holds the exclusive content lock. */
extern void MarkBufferDirty(Buffer buffer);
/* For hint bits: share lock is enough; the page is written eventually. */
extern void MarkBufferDirtyHint(Buffer buffer);
extern Page BufferGetPage(Buffer buffer);
extern BlockNumber BufferGetBlockNumber(Buffer buffer);
extern void BufferGetTag(Buffer buffer, RelFileLocator *locator, ForkNumber *fork,
                         BlockNumber *blkno);
extern bool BufferIsDirty(Buffer buffer);
/* This process's pin count on the buffer (tests, assertions). */
extern int  BufferGetPrivateRefCount(Buffer buffer);
/* Total pins across processes (racy snapshot; tests and VACUUM cleanup lock). */
extern int  BufferGetSharedRefCount(Buffer buffer);

/* Write every dirty buffer of the relation (all forks) and fsync the files. */
extern void FlushRelationBuffers(Relation rel);
/*
 * DropRelationBuffers -- forget buffers of the fork at or beyond
 * first_del_block without writing them (TRUNCATE, DROP).  fork =
 * InvalidForkNumber: all forks.  Caller holds a lock that prevents
 * concurrent access to the relation; ERROR if a buffer is still pinned.
 */
extern void DropRelationBuffers(RelFileLocator locator, ForkNumber fork,
                                BlockNumber first_del_block);
/* Drop every buffer of a database (DROP DATABASE). */
extern void DropDatabaseBuffers(Oid db_oid);
/* Write every dirty buffer and fsync the files (clean shutdown, CHECKPOINT). */
extern void FlushAllBuffers(void);
/*
 * The same, spread over about `seconds` (timed checkpoints:
 * checkpoint_completion_target x checkpoint_timeout): after each write it
 * sleeps while ahead of schedule, unless hurry() (may be NULL) says a
 * request is waiting, from which point it writes at full speed.
 */
extern void FlushAllBuffersPaced(double seconds, bool (*hurry) (void));
/*
 * Transaction abort, before LWLockReleaseAll(): if this process was in the
 * middle of a buffer read or write, mark that I/O failed so others retry.
 */
extern void AtAbort_Buffers(void);
/* Release every pin this process holds (error cleanup at top level, exit). */
extern void ReleaseAllBufferPins(void);
/* Number of pins this process holds (leak checks). */
extern int  BufferPinsHeldByMe(void);

#endif                          /* STORAGE_BUFMGR_H */
