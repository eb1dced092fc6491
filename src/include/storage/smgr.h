/*
 * smgr.h
 *     Storage manager: relation fork files on disk, block-addressed.
 * Implemented in src/backend/storage/smgr/smgr.c; see the README there.
 *
 * A fork is one file of BLCKSZ blocks (no 1 GB segmenting: the file system
 * handles large files).  Every I/O error is reported with
 * errcode_for_file_access() and %m; short reads/writes are retried; reading
 * past the end of a fork is an ERROR.  Each process caches open file
 * descriptors in its SMgrRelation handles (SmgrOpen returns the same handle
 * for the same locator until SmgrClose / SmgrCloseAll).
 *
 * The storage manager does no checksumming and no buffering: the buffer
 * manager (bufmgr.h) is the only normal caller of read/write/extend.
 */
#ifndef STORAGE_SMGR_H
#define STORAGE_SMGR_H

#include "rustydb.h"
#include "storage/relfilelocator.h"

typedef struct SMgrRelationData
{
    RelFileLocator locator;     /* hash key */
    int         fd[NUM_FORKS];  /* -1 if not open */
    BlockNumber cached_nblocks[NUM_FORKS];  /* InvalidBlockNumber if unknown */
    char       *path[NUM_FORKS];    /* file path for messages, built on first use; or NULL */
} SMgrRelationData;

typedef SMgrRelationData *SMgrRelation;

/* smgr.c */
/* Handle for a locator; allocated in TopMemoryContext, cached per process. */
extern SMgrRelation SmgrOpen(RelFileLocator locator);
extern void SmgrClose(SMgrRelation reln);       /* closes fds, frees handle */
extern void SmgrCloseAll(void);
/* Create the fork's file (and the database directory); ERROR if it exists unless is_redo. */
extern void SmgrCreate(SMgrRelation reln, ForkNumber fork, bool is_redo);
extern bool SmgrExists(SMgrRelation reln, ForkNumber fork);
/* Remove one fork's file (fork = InvalidForkNumber: all forks); missing files are fine. */
extern void SmgrUnlink(RelFileLocator locator, ForkNumber fork);
/* Read one block into buffer (BLCKSZ bytes); ERROR if past end of file. */
extern void SmgrRead(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, void *buffer);
/* Overwrite an existing block. */
extern void SmgrWrite(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, const void *buffer);
/* Write block blkno, which must be == SmgrNblocks() (append). */
extern void SmgrExtend(SMgrRelation reln, ForkNumber fork, BlockNumber blkno, const void *buffer);
extern BlockNumber SmgrNblocks(SMgrRelation reln, ForkNumber fork);
/* Cut the fork to nblocks blocks. Caller must have dropped buffers beyond it. */
extern void SmgrTruncate(SMgrRelation reln, ForkNumber fork, BlockNumber nblocks);
/* fsync the fork's file now; failure PANICs (never retried: the kernel may have dropped the pages). */
extern void SmgrImmedSync(SMgrRelation reln, ForkNumber fork);
/* Relative path "base/<db>/<rel>[_fsm|_vm]" under DataDir/data, palloc'd. */
extern char *RelPath(RelFileLocator locator, ForkNumber fork);
extern const char *ForkName(ForkNumber fork);   /* "main", "fsm", "vm" */

#endif                          /* STORAGE_SMGR_H */
