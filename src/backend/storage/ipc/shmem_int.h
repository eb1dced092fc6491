/*
 * shmem_int.h
 *     Private to src/backend/storage/ipc: segment creation used by ipci.c.
 */
#ifndef STORAGE_IPC_SHMEM_INT_H
#define STORAGE_IPC_SHMEM_INT_H

#include "rustydb.h"

extern void ShmemSegmentCreate(Size size);
extern void ShmemSegmentDestroy(void);
extern Size ShmemHeaderSize(void);
extern Size ShmemAreaOverhead(void);

#endif                          /* STORAGE_IPC_SHMEM_INT_H */
