/*
 * transam.h
 *     Transaction ids, the commit log (2 status bits per xid) and the
 *     control file that persists the next xid.
 * Implemented in src/backend/access/transam/{varsup,clog,control}.c; the
 * file formats are tabulated in src/backend/access/transam/README.
 */
#ifndef ACCESS_TRANSAM_H
#define ACCESS_TRANSAM_H

#include "rustydb.h"

/*
 * Xids (and multixact ids, which share the counter) are 64-bit in memory
 * but stored in 48 bits in heap tuple headers (access/htup.h), so no id may
 * exceed MaxTransactionId.  Assignment refuses (SQLSTATE 54000) once the
 * counter reaches XidStopLimit, XID_STOP_MARGIN below it: the margin covers
 * the prefetch skip after a crash (varsup.c).  At a million transactions a
 * second the 2^48 ids last about nine years.
 */
#define MaxTransactionId ((TransactionId) ((UINT64_C(1) << 48) - 1))
#define XID_STOP_MARGIN ((TransactionId) 10000000)
#define XidStopLimit (MaxTransactionId - XID_STOP_MARGIN)

/*
 * TransactionIdCounterCheck -- ERROR (54000) if next, the counter's next
 * value, is at or past XidStopLimit: no new xid or multixact id may be
 * assigned.  Called by assignment under XidGenLock.
 */
extern void TransactionIdCounterCheck(TransactionId next);

/* 64-bit xids never wrap: plain integer comparison. */
#define TransactionIdEquals(a, b) ((a) == (b))
#define TransactionIdPrecedes(a, b) ((a) < (b))
#define TransactionIdPrecedesOrEquals(a, b) ((a) <= (b))
#define TransactionIdFollows(a, b) ((a) > (b))
#define TransactionIdFollowsOrEquals(a, b) ((a) >= (b))

/* Commit-log status values (2 bits). */
typedef enum XidStatus
{
    XID_STATUS_IN_PROGRESS = 0, /* or crashed before commit: see TransactionIdDidAbort */
    XID_STATUS_COMMITTED = 1,
    XID_STATUS_ABORTED = 2,
    XID_STATUS_SUB_COMMITTED = 3    /* reserved for subtransactions */
} XidStatus;

/* varsup.c */
/*
 * GetNewTransactionId -- assign the next xid to MyProc (under XidGenLock,
 * published in the proc array before the lock is released so that snapshots
 * see it as running).  Persists a new prefetch limit in the control file
 * when needed (so xids are never reused after a crash).
 */
extern TransactionId GetNewTransactionId(void);
/*
 * GetNewSubTransactionId -- the same for a subtransaction: the xid goes to
 * MyProc->subxids.  ERROR 54000 when PGPROC_MAX_SUBXIDS are in use.
 */
extern TransactionId GetNewSubTransactionId(void);
/*
 * GetNewMultiXactIdValue -- take the next value of the xid counter for a
 * multixact id (access/multixact.h): unique across crashes, never a
 * running or committed transaction.
 */
extern TransactionId GetNewMultiXactIdValue(void);
/* The next xid to be assigned (all xids below it have been handed out). */
extern TransactionId ReadNextTransactionId(void);
extern Size VarsupShmemSize(void);
extern void VarsupShmemInit(void);
/* Startup: next xid from the control file (exact after a clean shutdown, else the prefetch limit). */
extern void StartupTransactionIds(void);

/* clog.c */
extern Size ClogShmemSize(void);
extern void ClogShmemInit(void);
/* Record a final status (committed or aborted) for xid. */
extern void TransactionIdSetStatus(TransactionId xid, XidStatus status);
extern XidStatus TransactionIdGetStatus(TransactionId xid);
/* Make the commit-log pages covering xids up to next_xid exist (called at assignment). */
extern void ClogExtend(TransactionId xid);
/* Write and fsync every dirty commit-log page (checkpoint, shutdown). */
extern void ClogFlush(void);
/* Startup: drop stale cached pages (after crash restart). */
extern void ClogStartup(void);

/*
 * clog.c -- the status tests used by visibility code.
 * Bootstrap and frozen xids are always committed.  A normal xid that is
 * neither committed nor running is aborted (or crashed): callers must check
 * TransactionIdIsInProgress() first, then DidCommit; DidAbort answers true
 * for crashed transactions only when called after the in-progress check.
 */
extern bool TransactionIdDidCommit(TransactionId xid);
extern bool TransactionIdDidAbort(TransactionId xid);
extern void TransactionIdCommit(TransactionId xid);
extern void TransactionIdAbort(TransactionId xid);

/* control.c -- data/global/rustydb_control */
typedef enum DBState
{
    DB_STATE_STARTUP = 0,
    DB_STATE_SHUTDOWNED,        /* clean shutdown: next_xid is exact */
    DB_STATE_IN_PRODUCTION,     /* running, or crashed */
    DB_STATE_IN_RECOVERY        /* reserved for WAL recovery */
} DBState;

typedef struct ControlFileData
{
    uint32      magic;          /* RDB_CONTROL_MAGIC */
    uint32      version;        /* RDB_CONTROL_VERSION */
    uint64      system_identifier;  /* random, set by initdb (ControlFileCreate) */
    uint32      state;          /* DBState */
    uint32      blcksz;         /* BLCKSZ of the instance */
    TransactionId next_xid;     /* exact next xid when state == SHUTDOWNED */
    TransactionId xid_limit;    /* xids below this may have been handed out */
    Oid         next_oid;       /* for the catalog's OID counter (its module) */
    uint32      pad;
    XLogRecPtr  checkpoint_lsn; /* reserved for WAL: last checkpoint */
    XLogRecPtr  redo_lsn;       /* reserved for WAL: redo start point */
    int64       time_us;        /* last update, Unix microseconds */
    uint32      crc;            /* CRC32C of everything before this field */
} ControlFileData;

#define RDB_CONTROL_MAGIC 0x52445943U   /* "RDYC" */
/*
 * 2: B-tree entries version 2.  3: heap tuple headers of 27 bytes (48-bit
 * xmin/xmax) with t_hoff aligned for the row's columns, not MAXALIGNed.
 */
#define RDB_CONTROL_VERSION 3
#define RDB_CONTROL_FILE "global/rustydb_control"   /* under DataDir/data */

extern Size ControlFileShmemSize(void);
extern void ControlFileShmemInit(void);
/* initdb: write a fresh control file (next_xid = FirstNormalTransactionId). */
extern void ControlFileCreate(void);
/* Read and validate (ERROR/FATAL with XX001 on a bad CRC or version); loads shared copy. */
extern void ControlFileRead(void);
/* Write the shared copy atomically and durably; caller holds ControlFileLock exclusive. */
extern void ControlFileUpdate(void);
/* The shared copy; fields protected by ControlFileLock. */
extern ControlFileData *ControlFile;

#endif                          /* ACCESS_TRANSAM_H */
