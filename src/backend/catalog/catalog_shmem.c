/*
 * catalog_shmem.c
 *     The catalog module's shared memory: the OID counter and the catalog
 *     version counter.
 * Entry points: CatalogShmemSize(), CatalogShmemInit(), GetNewObjectId(),
 * GetNewRelationId(), SetNextObjectId(), CatalogVersionGet(),
 * CatalogVersionBump().
 *
 * OID counter persistence: like transaction ids, OIDs are handed out from
 * a range [next_oid, oid_limit) whose upper end is first written to the
 * control file (ControlFile->next_oid).  After a crash or restart the
 * counter resumes at the persisted limit, so no OID is handed out twice;
 * at most OID_PREFETCH OIDs are skipped per restart.
 */
#include "rustydb.h"

#include <stdatomic.h>

#include "access/transam.h"
#include "catalog/catalog.h"
#include "catalog_int.h"
#include "catalog/catalog_rows.h"
#include "miscadmin.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/smgr.h"
#include "utils/elog.h"
#include "utils/relcache.h"

/* OIDs reserved per control-file write. */
#define OID_PREFETCH 8192

typedef struct CatalogShared
{
    LWLock      oid_lock;       /* protects next_oid, oid_limit */
    Oid         next_oid;       /* next to hand out; 0 = not loaded from the control file */
    uint64      oid_limit;      /* persisted limit: next_oid < oid_limit (64-bit: 2^32 fits) */
    _Atomic uint64 catalog_version;     /* lock-free; only ever incremented */
} CatalogShared;

static CatalogShared *catalog_shared = NULL;

Size
CatalogShmemSize(void)
{
    return MAXALIGN(sizeof(CatalogShared));
}

void
CatalogShmemInit(void)
{
    bool        found;

    catalog_shared = ShmemInitStruct("catalog", CatalogShmemSize(), &found);
    if (!found)
    {
        LWLockInitialize(&catalog_shared->oid_lock, LWTRANCHE_OTHER);
        catalog_shared->next_oid = InvalidOid;
        catalog_shared->oid_limit = 0;
        atomic_init(&catalog_shared->catalog_version, 1);
    }
}

/* Persist a new limit; caller holds oid_lock exclusively. */
static void
persist_oid_limit(uint64 limit)
{
    LWLockAcquire(MainLWLock(ControlFileLock), LW_EXCLUSIVE);
    ControlFile->next_oid = (Oid) Min(limit, (uint64) UINT32_MAX);
    ControlFileUpdate();
    LWLockRelease(MainLWLock(ControlFileLock));
    catalog_shared->oid_limit = limit;
}

Oid
GetNewObjectId(void)
{
    Oid         result;

    Assert(catalog_shared != NULL);
    LWLockAcquire(&catalog_shared->oid_lock, LW_EXCLUSIVE);
    if (catalog_shared->next_oid == InvalidOid)
    {
        /* First use since shared memory was created: resume after the persisted limit. */
        LWLockAcquire(MainLWLock(ControlFileLock), LW_SHARED);
        catalog_shared->next_oid = ControlFile->next_oid;
        LWLockRelease(MainLWLock(ControlFileLock));
        if (catalog_shared->next_oid < FirstNormalObjectId)
            catalog_shared->next_oid = FirstNormalObjectId;
        catalog_shared->oid_limit = catalog_shared->next_oid;
    }
    if ((uint64) catalog_shared->next_oid >= catalog_shared->oid_limit)
        persist_oid_limit((uint64) catalog_shared->next_oid + OID_PREFETCH);
    result = catalog_shared->next_oid;
    if (result == UINT32_MAX)
    {
        /* Wraparound: start over; uniqueness is checked by the callers that need it. */
        catalog_shared->next_oid = FirstNormalObjectId;
        persist_oid_limit((uint64) FirstNormalObjectId + OID_PREFETCH);
    }
    else
        catalog_shared->next_oid = result + 1;
    LWLockRelease(&catalog_shared->oid_lock);
    return result;
}

void
SetNextObjectId(Oid next)
{
    Assert(catalog_shared != NULL);
    LWLockAcquire(&catalog_shared->oid_lock, LW_EXCLUSIVE);
    catalog_shared->next_oid = next;
    persist_oid_limit((uint64) next + OID_PREFETCH);
    LWLockRelease(&catalog_shared->oid_lock);
}

/* Is oid used as a pg_class oid or relfile number in the current database? */
static bool
relation_id_in_use(Oid oid)
{
    Relation    rel = table_open(RelationRelationId, AccessShareLock);
    CatalogScan scan = CatalogBeginScan(rel);
    FormData_pg_class row;
    bool        used = false;

    while (!used && CatalogGetNext(scan, &row, NULL))
    {
        used = row.oid == oid || row.relfilenode == oid;
        if (row.reloptions)
            pfree(row.reloptions);
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    if (!used)
    {
        RelFileLocator locator = {MyDatabaseId, oid, false};
        SMgrRelation reln = SmgrOpen(locator);

        used = SmgrExists(reln, MAIN_FORKNUM);
        SmgrClose(reln);
    }
    return used;
}

Oid
GetNewRelationId(void)
{
    for (;;)
    {
        Oid         oid = GetNewObjectId();

        if (!IsCatalogRelationId(oid) && !relation_id_in_use(oid))
            return oid;
    }
}

bool
CatalogVersionAvailable(void)
{
    return catalog_shared != NULL;
}

uint64
CatalogVersionGet(void)
{
    if (catalog_shared == NULL)
        return 0;
    return atomic_load(&catalog_shared->catalog_version);
}

uint64
CatalogVersionBump(void)
{
    Assert(catalog_shared != NULL);
    return atomic_fetch_add(&catalog_shared->catalog_version, 1) + 1;
}
