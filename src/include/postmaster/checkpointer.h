/*
 * checkpointer.h
 *     The checkpointer process (timed and WAL-size checkpoints, CHECKPOINT
 *     requests) and the WAL writer (background flushes for
 *     synchronous_commit = off).
 * Implemented in src/postmaster/checkpointer.c and walwriter.c.
 */
#ifndef POSTMASTER_CHECKPOINTER_H
#define POSTMASTER_CHECKPOINTER_H

#include "rustydb.h"

extern Size CheckpointerShmemSize(void);
extern void CheckpointerShmemInit(void);

extern void CheckpointerMain(void);
/* True while a spread checkpoint should finish at full speed (a request or shutdown is waiting). */
extern bool CheckpointerHurry(void);
extern void WalWriterMain(void);

/*
 * RequestCheckpoint -- ask for an immediate checkpoint and wait for it to
 * complete (CHECKPOINT, the admin API).  Without a running checkpointer
 * (single-process tools) the checkpoint runs in this process.  ERROR if it
 * failed; interruptible by query cancel while waiting.
 */
extern void RequestCheckpoint(void);

#endif                          /* POSTMASTER_CHECKPOINTER_H */
