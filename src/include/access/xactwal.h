/*
 * xactwal.h
 *     WAL records of transaction end (resource manager RM_XACT_ID): a commit
 *     record is flushed before the commit is acknowledged; redo sets the
 *     commit log.  Implemented in src/backend/access/transam/xactwal.c.
 */
#ifndef ACCESS_XACTWAL_H
#define ACCESS_XACTWAL_H

#include "rustydb.h"

struct XLogReaderState;
struct StringInfoData;

#define XLOG_XACT_COMMIT 0x00
#define XLOG_XACT_ABORT 0x10

typedef struct XactEndRecord
{
    TransactionId xid;
    int64       time_us;        /* commit/abort time, Unix microseconds */
} XactEndRecord;

/*
 * XactLogCommit -- insert the commit record of xid and make it durable
 * (or, with synchronous_commit off, leave the flush to the WAL writer).
 * Call before marking the commit log; returns the record's end.
 */
extern XLogRecPtr XactLogCommit(TransactionId xid, bool flush);
/* XactLogAbort -- insert an abort record (never flushed: losing it is harmless). */
extern XLogRecPtr XactLogAbort(TransactionId xid);

extern void XactRedo(struct XLogReaderState *record);
extern void XactDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_XACTWAL_H */
