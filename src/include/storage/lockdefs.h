/*
 * lockdefs.h
 *     Table lock modes: PostgreSQL's eight heavyweight lock modes, numbered
 *     as PostgreSQL numbers them (and as RAW_LOCKMODE_* in parsenodes.h).
 *
 * Every table_open()/table_close() call site passes the mode it needs, so
 * that when the lock manager arrives (transactions issue) the calls start
 * locking without any call site changing.  Until then table_open() takes
 * no lock (see src/backend/utils/cache/README.md).
 *
 * Conflict table (X = conflicts), as PostgreSQL:
 *                          AS RS RE SUE S  SRE E  AE
 *   AccessShare  (1)                                X
 *   RowShare     (2)                             X  X
 *   RowExclusive (3)                    X   X    X  X
 *   ShareUpdateExclusive (4)        X   X   X    X  X
 *   Share        (5)             X  X       X    X  X
 *   ShareRowExclusive (6)        X  X   X   X    X  X
 *   Exclusive    (7)          X  X  X   X   X    X  X
 *   AccessExclusive (8)    X  X  X  X   X   X    X  X
 */
#ifndef STORAGE_LOCKDEFS_H
#define STORAGE_LOCKDEFS_H

typedef int LOCKMODE;

#define NoLock 0                    /* take no lock (caller already holds one) */
#define AccessShareLock 1           /* SELECT */
#define RowShareLock 2              /* SELECT FOR UPDATE/SHARE */
#define RowExclusiveLock 3          /* INSERT, UPDATE, DELETE */
#define ShareUpdateExclusiveLock 4  /* VACUUM (lazy), ANALYZE, CREATE INDEX CONCURRENTLY */
#define ShareLock 5                 /* CREATE INDEX */
#define ShareRowExclusiveLock 6     /* like EXCLUSIVE MODE, but allows ROW SHARE */
#define ExclusiveLock 7             /* blocks ROW SHARE, i.e. SELECT FOR UPDATE */
#define AccessExclusiveLock 8       /* ALTER TABLE, DROP TABLE, TRUNCATE, VACUUM FULL */

#define MaxLockMode 8

#endif                          /* STORAGE_LOCKDEFS_H */
