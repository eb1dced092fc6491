/*
 * xactwal.c
 *     WAL for transaction end (RM_XACT_ID): commit and abort records and
 *     their redo, which replays the commit log.
 * Entry points: XactLogCommit(), XactLogAbort(), XactRedo(), XactDesc().
 *
 * Ordering at commit (the durability rule): insert the commit record, flush
 * WAL through it, then set the commit-log bit and make the transaction
 * visible.  After a crash, redo of the record sets the bit again; a
 * transaction with no commit record in WAL stays "in progress" in the
 * commit log and is treated as aborted (no process runs it any more).
 */
#include "rustydb.h"

#include <time.h>

#include "access/transam.h"
#include "access/xactwal.h"
#include "access/xlog.h"
#include "access/xlogreader.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"

static int64
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static XLogRecPtr
log_end(TransactionId xid, int nsubxids, const TransactionId *subxids, uint8 info)
{
    XactEndRecord rec;

    memset(&rec, 0, sizeof(rec));
    rec.xid = xid;
    rec.time_us = now_us();
    rec.nsubxids = (uint32) nsubxids;
    XLogBeginInsert();
    XLogRegisterData(&rec, sizeof(rec));
    if (nsubxids > 0)
        XLogRegisterData(subxids, sizeof(TransactionId) * (uint32) nsubxids);
    return XLogInsert(RM_XACT_ID, info);
}

XLogRecPtr
XactLogCommit(TransactionId xid, int nsubxids, const TransactionId *subxids, bool flush)
{
    XLogRecPtr  end = log_end(xid, nsubxids, subxids, XLOG_XACT_COMMIT);

    if (flush)
        XLogFlush(end);
    else
        XLogSetAsyncCommitEnd(end);
    return end;
}

XLogRecPtr
XactLogAbort(TransactionId xid, int nsubxids, const TransactionId *subxids)
{
    return log_end(xid, nsubxids, subxids, XLOG_XACT_ABORT);
}

void
XactRedo(XLogReaderState *record)
{
    XactEndRecord rec;
    XidStatus   status;
    const char *data = XLogRecGetData(record);

    if (XLogRecGetDataLen(record) < sizeof(rec))
        elog(PANIC, "transaction WAL record has wrong length %u", XLogRecGetDataLen(record));
    memcpy(&rec, data, sizeof(rec));
    if (XLogRecGetDataLen(record) != sizeof(rec) + sizeof(TransactionId) * (Size) rec.nsubxids)
        elog(PANIC, "transaction WAL record has wrong length %u", XLogRecGetDataLen(record));
    switch (XLogRecGetInfo(record))
    {
        case XLOG_XACT_COMMIT:
            status = XID_STATUS_COMMITTED;
            break;
        case XLOG_XACT_ABORT:
            status = XID_STATUS_ABORTED;
            break;
        default:
            elog(PANIC, "unknown transaction WAL record kind %d", XLogRecGetInfo(record));
    }
    for (uint32 i = 0; i < rec.nsubxids; i++)
    {
        TransactionId sub;

        memcpy(&sub, data + sizeof(rec) + sizeof(TransactionId) * i, sizeof(sub));
        ClogExtend(sub);
        TransactionIdSetStatus(sub, status);
    }
    ClogExtend(rec.xid);
    TransactionIdSetStatus(rec.xid, status);
}

void
XactDesc(StringInfo buf, XLogReaderState *record)
{
    XactEndRecord rec;

    /* Describe what is there, never read past it (test/fuzz/fuzz_wal.c). */
    if (XLogRecGetDataLen(record) < sizeof(rec))
    {
        appendStringInfo(buf, "invalid transaction record length %u", XLogRecGetDataLen(record));
        return;
    }
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    appendStringInfo(buf, "%s xid %llu (%u subtransactions)",
                     XLogRecGetInfo(record) == XLOG_XACT_COMMIT ? "commit" : "abort",
                     (unsigned long long) rec.xid, rec.nsubxids);
}
