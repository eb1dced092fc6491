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

/* Main data: the header, then nsubxids TransactionIds. */
typedef struct XactEndRecord
{
    TransactionId xid;          /* the transaction, or the aborted subtransaction */
    int64       time_us;        /* commit/abort time, Unix microseconds */
    uint32      nsubxids;       /* subtransaction xids that share the outcome */
    uint32      pad;
} XactEndRecord;

/*
 * XactLogCommit -- insert the commit record of xid and of its committed
 * subtransactions subxids[nsubxids], and make it durable (or, with
 * synchronous_commit off, leave the flush to the WAL writer).  Call before
 * marking the commit log; returns the record's end.
 */
extern XLogRecPtr XactLogCommit(TransactionId xid, int nsubxids, const TransactionId *subxids,
                                bool flush);
/*
 * XactLogAbort -- an abort record for xid (a transaction or a rolled-back
 * subtransaction) and the subtransactions committed into it; never
 * flushed: losing it is harmless (no commit record means aborted).
 */
extern XLogRecPtr XactLogAbort(TransactionId xid, int nsubxids, const TransactionId *subxids);

extern void XactRedo(struct XLogReaderState *record);
extern void XactDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_XACTWAL_H */
