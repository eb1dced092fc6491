/*
 * smgr_xlog.c
 *     WAL for relation files (RM_SMGR_ID) and database directories
 *     (RM_DBASE_ID): the logging helpers and their redo routines.
 * Entry points: XLogSmgrCreate(), XLogSmgrTruncate(), XLogSmgrUnlink(),
 * XLogDbaseCreate(), XLogDbaseDrop(); SmgrRedo/SmgrDesc,
 * DbaseRedo/DbaseDesc (rmgr.c).
 *
 * Redo is idempotent: creating an existing file, truncating a file that is
 * already shorter and unlinking a missing file are no-ops.
 */
#include "rustydb.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/xlog.h"
#include "access/xlogreader.h"
#include "catalog/storage.h"
#include "lib/stringinfo.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/smgr.h"
#include "storage/smgr_xlog.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static XLogRecPtr
log_smgr(uint8 info, RelFileLocator locator, ForkNumber fork, BlockNumber nblocks)
{
    XLogSmgrRecord rec;

    memset(&rec, 0, sizeof(rec));
    rec.locator = locator;
    rec.fork = (int32) fork;
    rec.nblocks = nblocks;
    XLogBeginInsert();
    XLogRegisterData(&rec, sizeof(rec));
    return XLogInsert(RM_SMGR_ID, info);
}

void
XLogSmgrCreate(RelFileLocator locator, ForkNumber fork)
{
    (void) log_smgr(XLOG_SMGR_CREATE, locator, fork, 0);
}

/* Flushed at once: the file must not shrink before its record is durable. */
void
XLogSmgrTruncate(RelFileLocator locator, ForkNumber fork, BlockNumber nblocks)
{
    XLogFlush(log_smgr(XLOG_SMGR_TRUNCATE, locator, fork, nblocks));
}

void
XLogSmgrUnlink(RelFileLocator locator)
{
    (void) log_smgr(XLOG_SMGR_UNLINK, locator, InvalidForkNumber, 0);
}

static void
truncate_fork(SMgrRelation reln, ForkNumber fork, BlockNumber nblocks)
{
    if (SmgrExists(reln, fork) && SmgrNblocks(reln, fork) > nblocks)
        SmgrTruncate(reln, fork, nblocks);
}

void
SmgrRedo(XLogReaderState *record)
{
    XLogSmgrRecord rec;
    SMgrRelation reln;

    if (XLogRecGetDataLen(record) != sizeof(rec))
        elog(PANIC, "storage WAL record has wrong length %u", XLogRecGetDataLen(record));
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    switch (XLogRecGetInfo(record))
    {
        case XLOG_SMGR_CREATE:
            reln = SmgrOpen(rec.locator);
            if (!SmgrExists(reln, (ForkNumber) rec.fork))
                SmgrCreate(reln, (ForkNumber) rec.fork, true);
            break;
        case XLOG_SMGR_TRUNCATE:
            DropRelationBuffers(rec.locator, (ForkNumber) rec.fork, rec.nblocks);
            reln = SmgrOpen(rec.locator);
            if (rec.fork == InvalidForkNumber)
            {
                for (int f = 0; f < NUM_FORKS; f++)
                    truncate_fork(reln, (ForkNumber) f, rec.nblocks);
            }
            else
                truncate_fork(reln, (ForkNumber) rec.fork, rec.nblocks);
            break;
        case XLOG_SMGR_UNLINK:
            DropRelationBuffers(rec.locator, InvalidForkNumber, 0);
            SmgrUnlink(rec.locator, InvalidForkNumber);
            break;
        default:
            elog(PANIC, "unknown storage WAL record kind %d", XLogRecGetInfo(record));
    }
}

void
SmgrDesc(StringInfo buf, XLogReaderState *record)
{
    XLogSmgrRecord rec;
    static const char *const names[] = {"create", "truncate", "unlink"};
    int         kind = XLogRecGetInfo(record) >> 4;

    /* Describe what is there, never read past it (test/fuzz/fuzz_wal.c). */
    if (XLogRecGetDataLen(record) != sizeof(rec))
    {
        appendStringInfo(buf, "invalid storage record length %u", XLogRecGetDataLen(record));
        return;
    }
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    appendStringInfo(buf, "%s base/%u/%u fork %d", kind < 3 ? names[kind] : "?",
                     rec.locator.dbOid, rec.locator.relNumber, rec.fork);
    if (XLogRecGetInfo(record) == XLOG_SMGR_TRUNCATE)
        appendStringInfo(buf, " to %u blocks", rec.nblocks);
}

/* ---------------- database directories ---------------- */

static void
log_dbase(uint8 info, Oid db_oid, Oid template_db_oid, bool flush)
{
    XLogDbaseRecord rec = {db_oid, template_db_oid};
    XLogRecPtr  end;

    XLogBeginInsert();
    XLogRegisterData(&rec, sizeof(rec));
    end = XLogInsert(RM_DBASE_ID, info);
    if (flush)
        XLogFlush(end);
}

void
XLogDbaseCreate(Oid db_oid, Oid template_db_oid)
{
    log_dbase(XLOG_DBASE_CREATE, db_oid, template_db_oid, true);
}

void
XLogDbaseDrop(Oid db_oid)
{
    log_dbase(XLOG_DBASE_DROP, db_oid, InvalidOid, true);
}

/*
 * remove_directory -- rm -r of a database directory during redo.  PANIC on
 * failure: recovery must not continue with a half-removed database.
 */
static void
remove_directory(const char *path)
{
    DIR        *dir = opendir(path);
    struct dirent *de;

    if (dir == NULL)
    {
        if (errno == ENOENT)
            return;
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not open directory \"%s\": %m", path));
    }
    while ((de = readdir(dir)) != NULL)
    {
        char       *child;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        child = psprintf("%s/%s", path, de->d_name);
        if (unlink(child) != 0 && errno != ENOENT)
            ereport(PANIC, errcode_for_file_access(),
                    errmsg("could not remove file \"%s\": %m", child));
        pfree(child);
    }
    closedir(dir);
    if (rmdir(path) != 0 && errno != ENOENT)
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not remove directory \"%s\": %m", path));
}

void
DbaseRedo(XLogReaderState *record)
{
    XLogDbaseRecord rec;
    char       *rel;
    char       *path;

    if (XLogRecGetDataLen(record) != sizeof(rec))
        elog(PANIC, "database WAL record has wrong length %u", XLogRecGetDataLen(record));
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    rel = psprintf("base/%u", rec.db_oid);
    path = DataFilePath(rel);
    /* Both kinds start from nothing: the buffers and files of db_oid go. */
    DropDatabaseBuffers(rec.db_oid);
    SmgrCloseAll();
    remove_directory(path);
    switch (XLogRecGetInfo(record))
    {
        case XLOG_DBASE_CREATE:
            if (OidIsValid(rec.template_db_oid))
            {
                /* The template's pages must be on disk before copying its files. */
                FlushAllBuffers();
                DatabaseDirectoryCopy(rec.template_db_oid, rec.db_oid);
            }
            else
                DirectoryCreateRecursive(path);
            break;
        case XLOG_DBASE_DROP:
            break;
        default:
            elog(PANIC, "unknown database WAL record kind %d", XLogRecGetInfo(record));
    }
    pfree(path);
    pfree(rel);
}

void
DbaseDesc(StringInfo buf, XLogReaderState *record)
{
    XLogDbaseRecord rec;

    /* Describe what is there, never read past it (test/fuzz/fuzz_wal.c). */
    if (XLogRecGetDataLen(record) != sizeof(rec))
    {
        appendStringInfo(buf, "invalid database record length %u", XLogRecGetDataLen(record));
        return;
    }
    memcpy(&rec, XLogRecGetData(record), sizeof(rec));
    if (XLogRecGetInfo(record) == XLOG_DBASE_CREATE)
        appendStringInfo(buf, "create database %u from %u", rec.db_oid, rec.template_db_oid);
    else
        appendStringInfo(buf, "drop database %u", rec.db_oid);
}
