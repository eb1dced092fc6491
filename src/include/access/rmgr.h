/*
 * rmgr.h
 *     Resource managers: each kind of WAL record belongs to one, which knows
 *     how to redo and describe it.  The table is in
 *     src/backend/access/transam/rmgr.c; to add one, add an id here and a row
 *     there.
 */
#ifndef ACCESS_RMGR_H
#define ACCESS_RMGR_H

#include "access/xlogrecord.h"

struct XLogReaderState;
struct StringInfoData;

typedef enum RmgrIds
{
    RM_XLOG_ID = 0,             /* checkpoints, full-page images for hint bits */
    RM_XACT_ID,                 /* commit, abort */
    RM_SMGR_ID,                 /* relation file create / truncate / unlink */
    RM_DBASE_ID,                /* database directory create / drop */
    RM_HEAP_ID,                 /* heap tuples */
    RM_BTREE_ID,                /* B-tree pages */
    RM_CATALOG_ID,              /* catalog-level events (relcache invalidation counters) */
    RM_HEAP2_ID,                /* page cleaning: prune, VACUUM, visibility map (access/vacuum_xlog.h) */
    RM_MAX_ID
} RmgrIds;

typedef struct RmgrData
{
    const char *name;
    void        (*redo) (struct XLogReaderState *record);
    void        (*desc) (struct StringInfoData *buf, struct XLogReaderState *record);
} RmgrData;

/* Entries for resource managers whose module is not linked are NULL-named. */
extern const RmgrData RmgrTable[RM_MAX_ID];

#endif                          /* ACCESS_RMGR_H */
