/*
 * buf_int.h
 *     Private to src/backend/storage/buffer: buffer descriptors, the state
 *     word, the mapping table layout.
 */
#ifndef STORAGE_BUFFER_BUF_INT_H
#define STORAGE_BUFFER_BUF_INT_H

#include <stdatomic.h>

#include "rustydb.h"
#include "storage/buf.h"
#include "storage/lwlock.h"
#include "storage/relfilelocator.h"

typedef struct BufferTag
{
    RelFileLocator locator;     /* dbOid is 0 when shared */
    ForkNumber  fork;
    BlockNumber blkno;
} BufferTag;

/*
 * State word layout (32 bits):
 *   bits  0..17  shared pin count (all processes)
 *   bits 18..21  usage count for clock sweep (0..BM_MAX_USAGE_COUNT)
 *   bits 22..31  flags
 */
#define BUF_REFCOUNT_ONE 1U
#define BUF_REFCOUNT_MASK ((1U << 18) - 1)
#define BUF_USAGECOUNT_SHIFT 18
#define BUF_USAGECOUNT_ONE (1U << BUF_USAGECOUNT_SHIFT)
#define BUF_USAGECOUNT_MASK (0xFU << BUF_USAGECOUNT_SHIFT)
#define BM_MAX_USAGE_COUNT 5

#define BM_LOCKED (1U << 22)            /* header lock (spinlock bit) */
#define BM_DIRTY (1U << 23)             /* page differs from disk */
#define BM_VALID (1U << 24)             /* page contents are loaded */
#define BM_TAG_VALID (1U << 25)         /* tag is meaningful, buffer is in the map */
#define BM_IO_IN_PROGRESS (1U << 26)    /* a read or write is under way */
#define BM_IO_ERROR (1U << 27)          /* the last I/O failed */
#define BM_JUST_DIRTIED (1U << 28)      /* dirtied since the current write started */

#define BUF_STATE_REFCOUNT(s) ((s) & BUF_REFCOUNT_MASK)
#define BUF_STATE_USAGECOUNT(s) (((s) & BUF_USAGECOUNT_MASK) >> BUF_USAGECOUNT_SHIFT)

/*
 * One buffer.  tag and map_next change only with the header lock and the
 * mapping partition lock(s) held exclusively; while a process holds a pin,
 * the tag of that buffer cannot change.
 */
typedef struct BufferDesc
{
    BufferTag   tag;
    int         buf_id;         /* immutable */
    int         map_next;       /* next buffer in the hash chain or -1 */
    atomic_uint state;          /* see above */
    LWLock      content_lock;   /* protects the page contents */
    LWLock      io_lock;        /* held exclusively by the process doing I/O */
} __attribute__((aligned(64))) BufferDesc;

#define BUF_MAPPING_PARTITIONS 128
#define REL_EXTENSION_LOCKS 64

typedef struct BufferPoolControl
{
    int         nbuffers;       /* immutable */
    uint32      nbuckets;       /* power of 2, >= 2 * nbuffers and >= partitions */
    atomic_uint next_victim;    /* clock hand */
    _Atomic uint64 truncations; /* DropRelationBuffers calls so far (see RelationBlockExists) */
    LWLock      mapping_locks[BUF_MAPPING_PARTITIONS];
    LWLock      extension_locks[REL_EXTENSION_LOCKS];
} BufferPoolControl;

#endif                          /* STORAGE_BUFFER_BUF_INT_H */
