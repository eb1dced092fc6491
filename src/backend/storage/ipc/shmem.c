/*
 * shmem.c
 *     The shared memory segment's allocator: a bump pointer and a directory
 *     of named areas at the start of the segment.
 * Entry points: ShmemInitStruct(), add_size(), mul_size(); the segment is
 * created by ipci.c through ShmemSegmentCreate()/ShmemSegmentDestroy().
 * Invariants and crash behaviour: see README in this directory.
 */
#include "rustydb.h"

#include <errno.h>
#include <sys/mman.h>

#include "shmem_int.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/elog.h"

#define SHMEM_AREA_ALIGN 64     /* cache line: areas never share one */

typedef struct ShmemIndexEntry
{
    char        name[SHMEM_INDEX_KEYSIZE];
    Size        offset;         /* from the segment base */
    Size        size;
} ShmemIndexEntry;

/* Lives at offset 0 of the segment. */
typedef struct ShmemHeader
{
    Size        total_size;     /* immutable */
    slock_t     index_lock;     /* protects free_offset, nentries, index */
    Size        free_offset;
    int         nentries;
    ShmemIndexEntry index[SHMEM_INDEX_SIZE];
} ShmemHeader;

void       *ShmemBase = NULL;
static ShmemHeader *ShmemHdr = NULL;

Size
add_size(Size s1, Size s2)
{
    Size        result = s1 + s2;

    if (result < s1)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("requested shared memory size overflows size_t"));
    return result;
}

Size
mul_size(Size s1, Size s2)
{
    Size        result;

    if (__builtin_mul_overflow(s1, s2, &result))
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("requested shared memory size overflows size_t"));
    return result;
}

Size
ShmemHeaderSize(void)
{
    return TYPEALIGN(SHMEM_AREA_ALIGN, sizeof(ShmemHeader));
}

/* Slack each area may lose to alignment. */
Size
ShmemAreaOverhead(void)
{
    return SHMEM_AREA_ALIGN;
}

/*
 * ShmemSegmentCreate -- map size bytes shared and anonymous.  Huge pages are
 * tried first when the size is a multiple of 2 MB (silently falls back).
 * FATAL on failure: nothing can run without shared memory.
 */
void
ShmemSegmentCreate(Size size)
{
    void       *base = MAP_FAILED;

    Assert(ShmemBase == NULL);
    size = TYPEALIGN(4096, size);
#ifdef MAP_HUGETLB
    if (size % (2 * 1024 * 1024) == 0)
        base = mmap(NULL, size, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
#endif
    if (base == MAP_FAILED)
        base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        ereport(FATAL, errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                errmsg("could not map anonymous shared memory: %m"),
                errdetail("Failed request was for %zu bytes.", size),
                errhint("Reduce shared_buffers or max_connections."));
    ShmemBase = base;
    ShmemHdr = base;
    ShmemHdr->total_size = size;
    SpinLockInit(&ShmemHdr->index_lock);
    ShmemHdr->free_offset = ShmemHeaderSize();
    ShmemHdr->nentries = 0;
}

void
ShmemSegmentDestroy(void)
{
    if (ShmemBase == NULL)
        return;
    if (munmap(ShmemBase, ShmemHdr->total_size) != 0)
        ereport(LOG, errcode(ERRCODE_SYSTEM_ERROR),
                errmsg("could not unmap shared memory: %m"));
    ShmemBase = NULL;
    ShmemHdr = NULL;
}

void *
ShmemInitStruct(const char *name, Size size, bool *found)
{
    Size        offset = 0;
    Size        existing_size = 0;
    bool        exists = false;
    bool        full = false;
    bool        dir_full = false;

    if (ShmemHdr == NULL)
        elog(ERROR, "shared memory is not attached");
    if (strlen(name) >= SHMEM_INDEX_KEYSIZE)
        elog(ERROR, "shared memory area name too long: \"%s\"", name);
    size = MAXALIGN(size);

    /* Only memory reads and writes under the spinlock; report afterwards. */
    SpinLockAcquire(&ShmemHdr->index_lock);
    for (int i = 0; i < ShmemHdr->nentries; i++)
    {
        if (strcmp(ShmemHdr->index[i].name, name) == 0)
        {
            exists = true;
            offset = ShmemHdr->index[i].offset;
            existing_size = ShmemHdr->index[i].size;
            break;
        }
    }
    if (!exists)
    {
        Size        start = TYPEALIGN(SHMEM_AREA_ALIGN, ShmemHdr->free_offset);

        if (ShmemHdr->nentries >= SHMEM_INDEX_SIZE)
            dir_full = true;
        else if (start > ShmemHdr->total_size || size > ShmemHdr->total_size - start)
            full = true;
        else
        {
            ShmemIndexEntry *e = &ShmemHdr->index[ShmemHdr->nentries++];

            strcpy(e->name, name);
            e->offset = start;
            e->size = size;
            ShmemHdr->free_offset = start + size;
            offset = start;
        }
    }
    SpinLockRelease(&ShmemHdr->index_lock);

    if (dir_full)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY),
                errmsg("too many named shared memory areas (max %d)", SHMEM_INDEX_SIZE));
    if (full)
        ereport(ERROR, errcode(ERRCODE_OUT_OF_MEMORY),
                errmsg("out of shared memory allocating \"%s\" (%zu bytes)", name, size));
    if (exists && existing_size != size)
        elog(ERROR, "shared memory area \"%s\" has size %zu, expected %zu",
             name, existing_size, size);
    *found = exists;
    return (char *) ShmemBase + offset;
}

bool
ShmemAddrIsValid(const void *ptr)
{
    return ShmemBase != NULL && (const char *) ptr >= (const char *) ShmemBase &&
        (const char *) ptr < (const char *) ShmemBase + ShmemHdr->total_size;
}

Size
ShmemFreeSpace(void)
{
    Size        result;

    if (ShmemHdr == NULL)
        return 0;
    SpinLockAcquire(&ShmemHdr->index_lock);
    result = ShmemHdr->total_size - ShmemHdr->free_offset;
    SpinLockRelease(&ShmemHdr->index_lock);
    return result;
}
