/*
 * rmgr.c
 *     The table of resource managers: for each RmgrId, its name and its redo
 *     and describe routines.  A resource manager whose module has no WAL
 *     support yet has a NULL redo; recovery refuses its records (PANIC)
 *     rather than skipping them.
 */
#include "rustydb.h"

#include "access/heapam_xlog.h"
#include "access/nbtree.h"
#include "access/rmgr.h"
#include "access/vacuum_xlog.h"
#include "access/xactwal.h"
#include "access/xlog.h"
#include "storage/smgr_xlog.h"

const RmgrData RmgrTable[RM_MAX_ID] = {
    [RM_XLOG_ID] = {"XLOG", XLogRedo, XLogDesc},
    [RM_XACT_ID] = {"Transaction", XactRedo, XactDesc},
    [RM_SMGR_ID] = {"Storage", SmgrRedo, SmgrDesc},
    [RM_DBASE_ID] = {"Database", DbaseRedo, DbaseDesc},
    [RM_HEAP_ID] = {"Heap", HeapRedo, HeapDesc},
    [RM_BTREE_ID] = {"Btree", BtreeRedo, BtreeDesc},
    [RM_CATALOG_ID] = {"Catalog", NULL, NULL},
    [RM_HEAP2_ID] = {"Heap2", Heap2Redo, Heap2Desc},   /* maintenance engine: vacuum_xlog.c */
};
