/*
 * smgr.c
 *     Storage manager: one file per relation fork under DataDir/data,
 *     block-addressed reads, writes and extension, with a per-process cache
 *     of open file descriptors.
 * Entry points: see storage/smgr.h.  Invariants and crash behaviour: see
 * README in this directory.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/fd.h"
#include "storage/smgr.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#define SMGR_HASH_BUCKETS 256

typedef struct SmgrEntry
{
    SMgrRelationData rel;       /* first: SMgrRelation points here */
    struct SmgrEntry *next;
} SmgrEntry;

static SmgrEntry *smgr_hash[SMGR_HASH_BUCKETS];

static const char *const fork_suffix[NUM_FORKS] = {"", "_fsm", "_vm"};
static const char *const fork_names[NUM_FORKS] = {"main", "fsm", "vm"};

static uint32
locator_hash(RelFileLocator locator)
{
    uint32      h = locator.relNumber * 0x9E3779B1U;

    if (!locator.shared)
        h ^= locator.dbOid * 0x85EBCA77U;
    return h % SMGR_HASH_BUCKETS;
}

const char *
ForkName(ForkNumber fork)
{
    Assert(fork >= 0 && fork < NUM_FORKS);
    return fork_names[fork];
}

char *
RelPath(RelFileLocator locator, ForkNumber fork)
{
    Assert(fork >= 0 && fork < NUM_FORKS);
    if (locator.shared)
        return psprintf("global/%u%s", locator.relNumber, fork_suffix[fork]);
    return psprintf("base/%u/%u%s", locator.dbOid, locator.relNumber, fork_suffix[fork]);
}

/* Absolute path, palloc'd. */
static char *
fork_path(RelFileLocator locator, ForkNumber fork)
{
    char       *rel = RelPath(locator, fork);
    char       *path = DataFilePath(rel);

    pfree(rel);
    return path;
}

SMgrRelation
SmgrOpen(RelFileLocator locator)
{
    uint32      h = locator_hash(locator);
    SmgrEntry  *e;

    for (e = smgr_hash[h]; e != NULL; e = e->next)
        if (RelFileLocatorEquals(e->rel.locator, locator))
            return &e->rel;
    e = MemoryContextAllocZero(TopMemoryContext, sizeof(SmgrEntry));
    e->rel.locator = locator;
    if (locator.shared)
        e->rel.locator.dbOid = InvalidOid;
    for (int f = 0; f < NUM_FORKS; f++)
    {
        e->rel.fd[f] = -1;
        e->rel.cached_nblocks[f] = InvalidBlockNumber;
    }
    e->next = smgr_hash[h];
    smgr_hash[h] = e;
    return &e->rel;
}

static void
close_forks(SMgrRelation reln)
{
    for (int f = 0; f < NUM_FORKS; f++)
    {
        if (reln->fd[f] >= 0)
        {
            /* A close error after successful fsyncs loses nothing; report it. */
            if (close(reln->fd[f]) != 0)
                ereport(LOG, errcode_for_file_access(),
                        errmsg("could not close file of relation %u: %m",
                               reln->locator.relNumber));
            reln->fd[f] = -1;
        }
        reln->cached_nblocks[f] = InvalidBlockNumber;
        if (reln->path[f] != NULL)
        {
            pfree(reln->path[f]);
            reln->path[f] = NULL;
        }
    }
}

void
SmgrClose(SMgrRelation reln)
{
    uint32      h = locator_hash(reln->locator);
    SmgrEntry **link = &smgr_hash[h];

    close_forks(reln);
    while (*link != NULL)
    {
        if (&(*link)->rel == reln)
        {
            SmgrEntry  *e = *link;

            *link = e->next;
            pfree(e);
            return;
        }
        link = &(*link)->next;
    }
}

void
SmgrCloseAll(void)
{
    for (int h = 0; h < SMGR_HASH_BUCKETS; h++)
    {
        while (smgr_hash[h] != NULL)
            SmgrClose(&smgr_hash[h]->rel);
    }
}

/* Close every cached descriptor (to recover from EMFILE); handles stay. */
static void
close_all_fds(void)
{
    for (int h = 0; h < SMGR_HASH_BUCKETS; h++)
        for (SmgrEntry *e = smgr_hash[h]; e != NULL; e = e->next)
            close_forks(&e->rel);
}

static int
open_retry(const char *path, int flags)
{
    int         fd = open(path, flags | O_CLOEXEC, 0600);

    if (fd < 0 && (errno == EMFILE || errno == ENFILE))
    {
        close_all_fds();
        fd = open(path, flags | O_CLOEXEC, 0600);
    }
    return fd;
}

/*
 * fork_fd -- the open descriptor of a fork; ERROR if the file is missing
 * (unless missing_ok, then -1).
 */
static int
fork_fd(SMgrRelation reln, ForkNumber fork, bool missing_ok)
{
    char       *path;
    int         fd;

    Assert(fork >= 0 && fork < NUM_FORKS);
    if (reln->fd[fork] >= 0)
        return reln->fd[fork];
    path = fork_path(reln->locator, fork);
    fd = open_retry(path, O_RDWR);
    if (fd < 0)
    {
        if (missing_ok && errno == ENOENT)
        {
            pfree(path);
            return -1;
        }
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not open file \"%s\": %m", path));
    }
    pfree(path);
    reln->fd[fork] = fd;
    return fd;
}

void
SmgrCreate(SMgrRelation reln, ForkNumber fork, bool is_redo)
{
    char       *path = fork_path(reln->locator, fork);
    char       *dir = pstrdup(path);
    int         fd;

    *strrchr(dir, '/') = '\0';
    DirectoryCreateRecursive(dir);
    fd = open_retry(path, O_RDWR | O_CREAT | (is_redo ? 0 : O_EXCL));
    if (fd < 0)
    {
        if (errno == EEXIST)
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_FILE),
                    errmsg("could not create file \"%s\": %m", path));
        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not create file \"%s\": %m", path));
    }
    if (reln->fd[fork] >= 0)
        close(reln->fd[fork]);
    reln->fd[fork] = fd;
    reln->cached_nblocks[fork] = InvalidBlockNumber;
    /* Make the directory entry durable so the file survives a crash. */
    FileSyncPath(dir, true, ERROR);
    pfree(dir);
    pfree(path);
}

bool
SmgrExists(SMgrRelation reln, ForkNumber fork)
{
    return fork_fd(reln, fork, true) >= 0;
}

void
SmgrUnlink(RelFileLocator locator, ForkNumber fork)
{
    SMgrRelation reln = SmgrOpen(locator);

    for (int f = 0; f < NUM_FORKS; f++)
    {
        char       *path;

        if (fork != InvalidForkNumber && f != (int) fork)
            continue;
        if (reln->fd[f] >= 0)
        {
            close(reln->fd[f]);
            reln->fd[f] = -1;
        }
        reln->cached_nblocks[f] = InvalidBlockNumber;
        path = fork_path(locator, (ForkNumber) f);
        if (unlink(path) != 0 && errno != ENOENT)
            ereport(ERROR, errcode_for_file_access(),
                    errmsg("could not remove file \"%s\": %m", path));
        pfree(path);
    }
}

static char *
fork_path_for_msg(SMgrRelation reln, ForkNumber fork)
{
    /* Kept with the handle: every read and write names its file for a possible error. */
    if (reln->path[fork] == NULL)
    {
        MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

        reln->path[fork] = fork_path(reln->locator, fork);
        MemoryContextSwitchTo(old);
    }
    return reln->path[fork];
}

void
SmgrRead(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, void *buffer)
{
    int         fd = fork_fd(reln, fork, false);
    const char *path = fork_path_for_msg(reln, fork);
    Size        n;

    n = FileReadFull(fd, buffer, BLCKSZ, (off_t) blkno * BLCKSZ, path);
    if (n != BLCKSZ)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("could not read block %u in file \"%s\": read only %zu of %d bytes",
                       blkno, path, n, BLCKSZ));
}

void
SmgrWrite(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, const void *buffer)
{
    int         fd = fork_fd(reln, fork, false);
    const char *path = fork_path_for_msg(reln, fork);

    FileWriteFull(fd, buffer, BLCKSZ, (off_t) blkno * BLCKSZ, path);
}

void
SmgrExtend(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, const void *buffer)
{
    if (blkno == InvalidBlockNumber)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("cannot extend relation %u beyond %u blocks",
                       reln->locator.relNumber, InvalidBlockNumber));
    SmgrWrite(reln, fork, blkno, buffer);
    reln->cached_nblocks[fork] = blkno + 1;
}

BlockNumber
SmgrNblocks(SMgrRelation reln, ForkNumber fork)
{
    int         fd = fork_fd(reln, fork, false);
    struct stat st;

    if (fstat(fd, &st) != 0)
    {
        const char *path = fork_path_for_msg(reln, fork);

        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not stat file \"%s\": %m", path));
    }
    /* A trailing partial block (torn extension) does not count. */
    return (BlockNumber) (st.st_size / BLCKSZ);
}

void
SmgrTruncate(SMgrRelation reln, ForkNumber fork, BlockNumber nblocks)
{
    int         fd = fork_fd(reln, fork, false);

    if (ftruncate(fd, (off_t) nblocks * BLCKSZ) != 0)
    {
        const char *path = fork_path_for_msg(reln, fork);

        ereport(ERROR, errcode_for_file_access(),
                errmsg("could not truncate file \"%s\" to %u blocks: %m", path, nblocks));
    }
    reln->cached_nblocks[fork] = nblocks;
}

void
SmgrImmedSync(SMgrRelation reln, ForkNumber fork)
{
    int         fd = fork_fd(reln, fork, false);

    if (fsync(fd) != 0)
    {
        const char *path = fork_path_for_msg(reln, fork);

        /* Never retried: the kernel may have dropped the dirty pages. */
        ereport(PANIC, errcode_for_file_access(),
                errmsg("could not fsync file \"%s\": %m", path));
    }
}
