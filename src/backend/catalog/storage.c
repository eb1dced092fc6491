/*
 * storage.c
 *     Transactional creation and removal of relation files and database
 *     directories ("pending deletes").
 * Entry points: RelationCreateStorage(), RelationDropStorageAtCommit(),
 * DatabaseDirectoryRemoveAtCommit(), DatabaseDirectoryRemoveAtAbort(),
 * StorageCallbacksInit(), AtSubCommit_Storage(), AtSubAbort_Storage().
 *
 * A file created by a transaction is removed if the transaction aborts; a
 * file dropped by a transaction is removed only after it commits (other
 * backends may still read it until then).  Each request remembers the
 * subtransaction level that made it: ROLLBACK TO a savepoint removes the
 * files created since the savepoint at once and forgets the drops made
 * since (the relation is alive again); RELEASE hands the requests to the
 * parent level.  XXX: without WAL a crash
 * between commit and removal leaves an orphaned file; a crash before
 * commit leaves a created file behind.  Neither is visible in the
 * catalogs; a future "orphan file" sweep at startup removes them.
 */
#include "rustydb.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/heapam.h"
#include "access/xact.h"
#include "catalog/storage.h"
#include "commands/maintenance.h"
#include "storage/bufmgr.h"
#include "storage/fd.h"
#include "storage/smgr.h"
#include "storage/smgr_xlog.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef enum PendingKind
{
    PENDING_RELATION,
    PENDING_DATABASE_DIR
} PendingKind;

typedef struct PendingDelete
{
    PendingKind kind;
    RelFileLocator locator;     /* PENDING_RELATION */
    Oid         dboid;          /* PENDING_DATABASE_DIR */
    bool        at_commit;      /* true: remove at commit; false: at abort */
    int         nest_level;     /* subtransaction level that made the request */
    struct PendingDelete *next;
} PendingDelete;

/* Allocated in TopMemoryContext: must survive until the callback runs. */
static PendingDelete *pending = NULL;
static bool callbacks_registered = false;

static void storage_xact_callback(XactEvent event, void *arg);

void
StorageCallbacksInit(void)
{
    if (!callbacks_registered)
    {
        RegisterXactCallback(storage_xact_callback, NULL);
        callbacks_registered = true;
    }
}

static void
add_pending(PendingKind kind, RelFileLocator locator, Oid dboid, bool at_commit)
{
    PendingDelete *p = MemoryContextAllocZero(TopMemoryContext, sizeof(PendingDelete));

    StorageCallbacksInit();
    p->kind = kind;
    p->locator = locator;
    p->dboid = dboid;
    p->at_commit = at_commit;
    p->nest_level = GetCurrentTransactionNestLevel();
    p->next = pending;
    pending = p;
}

void
RelationCreateStorage(RelFileLocator locator)
{
    add_pending(PENDING_RELATION, locator, InvalidOid, false);
    heap_create_storage(locator);
}

void
RelationDropStorageAtCommit(RelFileLocator locator)
{
    add_pending(PENDING_RELATION, locator, InvalidOid, true);
}

void
DatabaseDirectoryRemoveAtCommit(Oid dboid)
{
    RelFileLocator none = {0};

    add_pending(PENDING_DATABASE_DIR, none, dboid, true);
}

void
DatabaseDirectoryRemoveAtAbort(Oid dboid)
{
    RelFileLocator none = {0};

    add_pending(PENDING_DATABASE_DIR, none, dboid, false);
}

/*
 * remove_tree -- rm -r path.  Runs at transaction end, where we must not
 * raise ERROR: failures are logged as WARNING and leave files behind.
 */
static void
remove_tree(const char *path)
{
    DIR        *dir = opendir(path);
    struct dirent *de;

    if (dir == NULL)
    {
        if (errno != ENOENT)
            ereport(WARNING, errcode_for_file_access(),
                    errmsg("could not open directory \"%s\": %m", path));
        return;
    }
    while ((de = readdir(dir)) != NULL)
    {
        char       *child;
        struct stat st;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        child = psprintf("%s/%s", path, de->d_name);
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(child);
        else if (unlink(child) != 0 && errno != ENOENT)
            ereport(WARNING, errcode_for_file_access(),
                    errmsg("could not remove file \"%s\": %m", child));
        pfree(child);
    }
    closedir(dir);
    if (rmdir(path) != 0 && errno != ENOENT)
        ereport(WARNING, errcode_for_file_access(),
                errmsg("could not remove directory \"%s\": %m", path));
}

/*
 * do_pending -- carry out (the files of) the requests made at nest_level or
 * deeper whose time has come (at commit, or at abort) and forget the
 * others of those levels; requests of outer levels stay pending, in order.
 * nest_level 0: every request (end of the top-level transaction).
 */
static void
do_pending(bool commit, int nest_level)
{
    PendingDelete *volatile p = pending;
    PendingDelete *volatile kept = NULL;
    PendingDelete *volatile kept_tail = NULL;

    pending = NULL;
    while (p != NULL)
    {
        PendingDelete *next = p->next;

        if (p->nest_level < nest_level)
        {
            p->next = NULL;
            if (kept_tail != NULL)
                kept_tail->next = p;
            else
                kept = p;
            kept_tail = p;
            p = next;
            continue;
        }
        if (p->at_commit == commit)
        {
            if (p->kind == PENDING_RELATION)
            {
                /*
                 * heap_drop_storage drops buffers and unlinks every fork.  We
                 * are past the commit/abort point: a failure only leaves an
                 * orphaned file, so it is reported as a WARNING.
                 */
                RDB_TRY();
                {
                    heap_drop_storage(p->locator);
                }
                RDB_CATCH();
                {
                    ErrorData  *edata = CopyErrorData();

                    FlushErrorState();
                    ereport(WARNING, errcode(edata->sqlerrcode),
                            errmsg("could not remove files of relation %u: %s",
                                   p->locator.relNumber, edata->message));
                    FreeErrorData(edata);
                }
                RDB_END_TRY();
                /* an index file's exact space counters go with it (no ERROR) */
                MaintenanceIndexSpaceForget(p->locator.dbOid, p->locator.relNumber);
            }
            else
            {
                char       *rel = psprintf("base/%u", p->dboid);
                char       *path = DataFilePath(rel);

                /* (transactions issue, WAL) redo removes the directory too */
                XLogDbaseDrop(p->dboid);
                DropDatabaseBuffers(p->dboid);
                MaintenanceIndexSpaceForget(p->dboid, InvalidOid);
                remove_tree(path);
                pfree(path);
                pfree(rel);
            }
        }
        pfree(p);
        p = next;
    }
    pending = kept;
}

static void
storage_xact_callback(XactEvent event, void *arg)
{
    (void) arg;
    if (event == XACT_EVENT_ABORT)
        do_pending(false, 0);
}

/*
 * AtCommit_Storage -- remove the files this transaction dropped (or
 * replaced: TRUNCATE, VACUUM FULL, REINDEX).  Called by commit before the
 * transaction's locks are released, as PostgreSQL: nobody can have the
 * relation open by its old file any more.
 */
void
AtCommit_Storage(void)
{
    do_pending(true, 0);
}

void
AtSubCommit_Storage(int nest_level)
{
    for (PendingDelete *p = pending; p != NULL; p = p->next)
        if (p->nest_level >= nest_level)
            p->nest_level = nest_level - 1;
}

void
AtSubAbort_Storage(int nest_level)
{
    do_pending(false, nest_level);
}

void
DatabaseDirectoryCopy(Oid src, Oid dst)
{
    char       *srcrel = psprintf("base/%u", src);
    char       *dstrel = psprintf("base/%u", dst);
    char       *srcdir = DataFilePath(srcrel);
    char       *dstdir = DataFilePath(dstrel);
    DIR        *dir;
    struct dirent *de;
    char       *buf = palloc(BLCKSZ * 16);

    if (mkdir(dstdir, 0700) != 0)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not create directory \"%s\": %m", dstdir));
    dir = opendir(srcdir);
    if (dir == NULL)
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not open directory \"%s\": %m", srcdir));
    while ((de = readdir(dir)) != NULL)
    {
        char       *from;
        char       *to;
        int         infd;
        int         outfd;
        off_t       off = 0;
        struct stat st;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        from = psprintf("%s/%s", srcdir, de->d_name);
        to = psprintf("%s/%s", dstdir, de->d_name);
        if (stat(from, &st) != 0 || !S_ISREG(st.st_mode))
        {
            pfree(from);
            pfree(to);
            continue;
        }
        infd = open(from, O_RDONLY);
        if (infd < 0)
        {
            int         save = errno;

            closedir(dir);
            errno = save;
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not open file \"%s\": %m", from));
        }
        outfd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (outfd < 0)
        {
            int         save = errno;

            close(infd);
            closedir(dir);
            errno = save;
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not create file \"%s\": %m", to));
        }
        for (;;)
        {
            Size        n = FileReadFull(infd, buf, BLCKSZ * 16, off, from);

            if (n == 0)
                break;
            FileWriteFull(outfd, buf, n, off, to);
            off += (off_t) n;
        }
        close(infd);
        if (close(outfd) != 0)
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not close file \"%s\": %m", to));
        FileSyncPath(to, false, ERROR);
        pfree(from);
        pfree(to);
    }
    closedir(dir);
    FileSyncPath(dstdir, true, ERROR);
    pfree(buf);
}
