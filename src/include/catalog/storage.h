/*
 * storage.h
 *     Transactional file creation and removal for relations and database
 *     directories: files created by a transaction are removed if it
 *     aborts; files dropped by a transaction are removed only when it
 *     commits.
 * Implemented in src/backend/catalog/storage.c.
 */
#ifndef CATALOG_STORAGE_H
#define CATALOG_STORAGE_H

#include "rustydb.h"
#include "storage/relfilelocator.h"

/* Create the main fork now; remove it again if the transaction aborts. */
extern void RelationCreateStorage(RelFileLocator locator);
/* Remove every fork (and its buffers) when the transaction commits. */
extern void RelationDropStorageAtCommit(RelFileLocator locator);
/* Remove directory data/base/<dboid> at commit (dropped) or at abort (created). */
extern void DatabaseDirectoryRemoveAtCommit(Oid dboid);
extern void DatabaseDirectoryRemoveAtAbort(Oid dboid);
/*
 * DatabaseDirectoryCopy -- copy data/base/<src> to data/base/<dst> (files
 * only, flat), fsync'ing every file and the new directory.  The caller
 * flushed src's buffers and keeps src quiescent.  ERROR on failure.
 */
extern void DatabaseDirectoryCopy(Oid src, Oid dst);
/*
 * Top-level commit (xact.c), before the transaction's locks are released:
 * removes the files dropped or replaced by the transaction.  Must not ERROR.
 */
extern void AtCommit_Storage(void);
/*
 * Subtransaction end (xact.c), nest_level being the ending level: RELEASE
 * moves the level's requests to its parent; ROLLBACK TO removes the files
 * created at that level (or deeper) now and cancels its drops.  Must not
 * ERROR (failures to remove are WARNINGs).
 */
extern void AtSubCommit_Storage(int nest_level);
extern void AtSubAbort_Storage(int nest_level);
/* Process-wide set-up: registers the transaction callback (idempotent). */
extern void StorageCallbacksInit(void);

#endif                          /* CATALOG_STORAGE_H */
