/*
 * shmem.h
 *     Allocation inside the one shared memory segment: a directory of named
 *     areas, each carved out once at postmaster start.
 * Implemented in src/backend/storage/ipc/shmem.c; see the README there.
 *
 * Every subsystem with shared state provides XxxShmemSize() and
 * XxxShmemInit() and is listed in ipci.c (the single list).  XxxShmemInit()
 * calls ShmemInitStruct() and, when *found is false, initialises the area.
 */
#ifndef STORAGE_SHMEM_H
#define STORAGE_SHMEM_H

#include "rustydb.h"

/* Max length of an area's name, NUL included. */
#define SHMEM_INDEX_KEYSIZE 48
/* Max number of named areas. */
#define SHMEM_INDEX_SIZE 128

/*
 * ShmemInitStruct -- return the area called name, creating it with size bytes
 * (MAXALIGNed, cache-line aligned start) if it does not exist yet.  *found says
 * whether it existed.  ERROR if the segment is full, the directory is full, or
 * an existing area has a different size.  The memory is zeroed on creation.
 */
extern void *ShmemInitStruct(const char *name, Size size, bool *found);
/* Overflow-checked size arithmetic for XxxShmemSize(); ERROR on overflow. */
extern Size add_size(Size s1, Size s2);
extern Size mul_size(Size s1, Size s2);
/* True if ptr lies inside the segment (assertions). */
extern bool ShmemAddrIsValid(const void *ptr);
/* Bytes of the segment not yet handed out. */
extern Size ShmemFreeSpace(void);

/* Base address of the segment; NULL before creation. */
extern void *ShmemBase;

#endif                          /* STORAGE_SHMEM_H */
