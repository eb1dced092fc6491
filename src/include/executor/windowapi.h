/*
 * windowapi.h
 *     How window functions (FuncInfo.window: row_number, rank, lag, ...)
 *     see their window.  Implemented by the WindowAgg node
 *     (src/backend/executor/nodeWindowAgg.c); the functions themselves are
 *     in src/backend/utils/adt/windowfuncs.c.
 *
 * The WindowAgg node calls a window function once per row of a partition,
 * in order, with fcinfo->context = the WindowObject and no arguments in
 * fcinfo->args (nargs = the call's argument count; RDB_GETARG_TYPE works).
 * The function reads its arguments through the calls below, evaluated on
 * any row of the current partition:
 *   - positions are 0-based within the partition;
 *   - WinGetFuncArgInPartition: relative to the current row (SEEK_CURRENT)
 *     or to the first / last row of the partition (SEEK_HEAD / SEEK_TAIL);
 *     *isout tells that the position is outside the partition (the result
 *     is then NULL);
 *   - WinGetFuncArgInFrame: the same within the current row's frame
 *     (SEEK_HEAD: frame start, SEEK_TAIL: frame end);
 *   - WinGetFuncArgCurrent: the argument on the current row.
 * Returned values live in CurrentMemoryContext (per output row).  Memory
 * from WinGetPartitionLocalMemory is zeroed at each new partition and lives
 * until the next one: functions keep their running state there (dense_rank).
 * The partition is held in memory (see executor/README.md, "Window
 * functions").
 */
#ifndef EXECUTOR_WINDOWAPI_H
#define EXECUTOR_WINDOWAPI_H

#include "fmgr.h"

#define WINDOW_SEEK_CURRENT 0
#define WINDOW_SEEK_HEAD 1
#define WINDOW_SEEK_TAIL 2

typedef struct WindowObjectData *WindowObject;

/* fcinfo->context of a window function call, or NULL outside a WindowAgg */
extern WindowObject WinGetObject(FunctionCallInfo fcinfo);

extern int64 WinGetPartitionRowCount(WindowObject winobj);
extern int64 WinGetCurrentPosition(WindowObject winobj);
/* [*start, *end) is the current row's peer group (ORDER BY equal); all rows without ORDER BY */
extern void WinGetCurrentPeerGroup(WindowObject winobj, int64 *start, int64 *end);
extern void *WinGetPartitionLocalMemory(WindowObject winobj, Size size);

extern Datum WinGetFuncArgInPartition(WindowObject winobj, int argno, int64 relpos,
                                      int seektype, bool *isnull, bool *isout);
extern Datum WinGetFuncArgInFrame(WindowObject winobj, int argno, int64 relpos,
                                  int seektype, bool *isnull, bool *isout);
extern Datum WinGetFuncArgCurrent(WindowObject winobj, int argno, bool *isnull);

#endif                          /* EXECUTOR_WINDOWAPI_H */
