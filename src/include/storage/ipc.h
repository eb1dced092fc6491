/*
 * ipc.h
 *     Creating and destroying the shared memory segment and the list of
 *     subsystems that live in it; test support.
 * Implemented in src/backend/storage/ipc/ipci.c (the single list of
 * subsystems: add yours there) and shmem.c.
 */
#ifndef STORAGE_IPC_H
#define STORAGE_IPC_H

#include "rustydb.h"
#include "storage/proc.h"

/* Sum of every subsystem's XxxShmemSize() plus the directory and slack. */
extern Size ShmemTotalSize(void);
/*
 * SharedMemoryCreate -- map one anonymous MAP_SHARED segment of
 * ShmemTotalSize() bytes and run every subsystem's XxxShmemInit().  Called by
 * the postmaster before forking; children inherit the mapping through fork.
 * FATAL if the mapping cannot be created.
 */
extern void SharedMemoryCreate(void);
/* Unmap the segment (crash restart: then SharedMemoryCreate() again). */
extern void SharedMemoryDestroy(void);
/* True once the segment exists in this process. */
extern bool SharedMemoryIsAttached(void);

/*
 * Process start-up for anything that touches shared state after fork:
 * acquires a proc slot (caller handles NULL), sets up per-process buffer
 * bookkeeping and the transaction system.  Returns false if no slot is free.
 */
extern bool StorageAttachProcess(BackendType backend_type);
/*
 * Start-up of the storage layer in the postmaster or a standalone process:
 * reads the control file, sets the next xid, opens the commit log.  Run once
 * per instance start (after SharedMemoryCreate, before any transaction).
 */
extern void StorageStartup(void);
/*
 * Clean shutdown: FlushAllBuffers(), flush the commit log, write the control
 * file with the exact next xid and state "shut down".  Caller must be
 * attached (has a proc slot) and no transactions may be running.
 */
extern void StorageShutdown(void);

/*
 * StorageInitForTests -- single-process set-up for unit tests: MemoryContext
 * initialisation if needed, DataDir = tmpdir (its data/ subdirectories are
 * created), shared memory with nbuffers buffers, StorageStartup() and a
 * B_STANDALONE proc slot.  May be called again after StorageShutdownForTests().
 */
extern void StorageInitForTests(const char *tmpdir, int nbuffers);
/* StorageShutdown() + release the slot + SharedMemoryDestroy(). */
extern void StorageShutdownForTests(void);

#endif                          /* STORAGE_IPC_H */
