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
log_end(TransactionId xid, uint8 info)
{
    XactEndRecord rec = {xid, now_us()};

    XLogBeginInsert();
    XLogRegisterData(&rec, sizeof(rec));
    return XLogInsert(RM_XACT_ID, info);
}

XLogRecPtr
XactLogCommit(TransactionId xid, bool flush)
{
    XLogRecPtr  end = log_end(xid, XLOG_XACT_COMMIT);

    if (flush)
        XLogFlush(end);
    return end;
}

XLogRecPtr
XactLogAbort(TransactionId xid)
{
    return log_end(xid, XLOG_XACT_ABORT);
}

void
XactRedo(XLogReaderState *record)
{
    XactEndRecord rec;

    if (XLogRecGetDataLen(record) != sizeof(rec))
        elog(PANIC, "transaction WAL record has wrong length %u", XLogRecGetDataLen(record));
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    ClogExtend(rec.xid);
    switch (XLogRecGetInfo(record))
    {
        case XLOG_XACT_COMMIT:
            TransactionIdSetStatus(rec.xid, XID_STATUS_COMMITTED);
            break;
        case XLOG_XACT_ABORT:
            TransactionIdSetStatus(rec.xid, XID_STATUS_ABORTED);
            break;
        default:
            elog(PANIC, "unknown transaction WAL record kind %d", XLogRecGetInfo(record));
    }
}

void
XactDesc(StringInfo buf, XLogReaderState *record)
{
    XactEndRecord rec;

    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    appendStringInfo(buf, "%s xid %llu",
                     XLogRecGetInfo(record) == XLOG_XACT_COMMIT ? "commit" : "abort",
                     (unsigned long long) rec.xid);
}
