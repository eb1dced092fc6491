/*
 * smgr_xlog.h
 *     WAL records of relation storage (resource manager RM_SMGR_ID: file
 *     create, truncate, unlink) and of database directories (RM_DBASE_ID:
 *     create by copying a template, drop).
 * Implemented in src/backend/storage/smgr/smgr_xlog.c.  See the README
 * there.
 */
#ifndef STORAGE_SMGR_XLOG_H
#define STORAGE_SMGR_XLOG_H

#include "rustydb.h"
#include "storage/relfilelocator.h"

struct XLogReaderState;
struct StringInfoData;

/* RM_SMGR_ID record kinds (main data: XLogSmgrRecord) */
#define XLOG_SMGR_CREATE 0x00
#define XLOG_SMGR_TRUNCATE 0x10
#define XLOG_SMGR_UNLINK 0x20

typedef struct XLogSmgrRecord
{
    RelFileLocator locator;
    int32       fork;           /* ForkNumber; InvalidForkNumber = all (unlink, truncate) */
    BlockNumber nblocks;        /* truncate: new length */
} XLogSmgrRecord;

/* RM_DBASE_ID record kinds (main data: XLogDbaseRecord) */
#define XLOG_DBASE_CREATE 0x00  /* directory base/<db> created, template files copied */
#define XLOG_DBASE_DROP 0x10    /* directory base/<db> removed */

typedef struct XLogDbaseRecord
{
    Oid         db_oid;
    Oid         template_db_oid;    /* create: copied from base/<template>; InvalidOid: empty */
} XLogDbaseRecord;

/*
 * smgr_xlog.c: logging helpers.  A file is logged before it is created or
 * unlinked; a truncation's record is flushed before the file shrinks (that
 * cannot be undone).  A database copy is logged after the copy and then a
 * checkpoint is forced (the redo copies the template as it is on disk
 * then); a database drop is logged when its directory is removed, after
 * the dropping transaction committed.
 */
extern void XLogSmgrCreate(RelFileLocator locator, ForkNumber fork);
extern void XLogSmgrTruncate(RelFileLocator locator, ForkNumber fork, BlockNumber nblocks);
extern void XLogSmgrUnlink(RelFileLocator locator);
extern void XLogDbaseCreate(Oid db_oid, Oid template_db_oid);
extern void XLogDbaseDrop(Oid db_oid);
extern void SmgrRedo(struct XLogReaderState *record);
extern void SmgrDesc(struct StringInfoData *buf, struct XLogReaderState *record);
extern void DbaseRedo(struct XLogReaderState *record);
extern void DbaseDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* STORAGE_SMGR_XLOG_H */
