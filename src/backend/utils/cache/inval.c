/*
 * inval.c
 *     Cache invalidation: local (this backend's own catalog changes) and
 *     across backends (a shared catalog version bumped at commit).
 * Entry points: CacheInvalidateRelation(), CacheInvalidateCatalog(),
 * CacheNoteCatalogChange(), AcceptInvalidationMessages(),
 * RelationCacheInvalidate().
 *
 * Protocol (README.md, "invalidation"): a transaction that writes a
 * catalog row sets changed_catalogs; at commit (after the commit is
 * recorded, so that anyone who sees the new version also sees the new
 * rows in a fresh snapshot) the shared version is incremented.  Every
 * backend compares the shared version with the one it last saw at the
 * start of each statement and in table_open(); on a difference it drops
 * all its entries.  Coarse (whole cache) but cheap: DDL is rare.
 */
#include "rustydb.h"

#include "access/xact.h"
#include "catalog/catalog.h"
#include "relcache_int.h"
#include "utils/elog.h"
#include "utils/relcache.h"

static bool callback_registered = false;
static bool changed_catalogs = false;   /* this transaction wrote a catalog row */
static uint64 seen_version = 0;         /* shared version our cache reflects */
/*
 * Bumped whenever something cached from the catalogs may have become stale
 * in this backend: a catalog write of our own, a catalog abort, another
 * backend's committed change noticed.  Cached plans compare it
 * (CacheInvalidationCounter; added for tcop/portal.c).
 */
static uint64 local_inval_count = 1;

static void
inval_xact_callback(XactEvent event, void *arg)
{
    (void) arg;
    switch (event)
    {
        case XACT_EVENT_COMMIT:
            /* the shared version was bumped by AtCommit_Inval, under our locks */
            RelationCacheAtEOXact(true, changed_catalogs);
            CatalogCacheAtEOXact();
            changed_catalogs = false;
            break;
        case XACT_EVENT_ABORT:
            if (changed_catalogs)
                local_inval_count++;
            RelationCacheAtEOXact(false, changed_catalogs);
            CatalogCacheAtEOXact();
            changed_catalogs = false;
            break;
        case XACT_EVENT_START:
        case XACT_EVENT_PRE_COMMIT:
            break;
    }
}

/*
 * AtCommit_Inval -- publish this transaction's catalog changes.  Called by
 * commit once the commit is recorded and we left the proc array, and before
 * our heavyweight locks go: a backend waiting for one of them checks the
 * version right after it gets the lock (try_table_open), so it must already
 * see the bump there -- bumped after the locks went, a waiter kept a stale
 * entry (e.g. a relfile that VACUUM FULL had just replaced and removed).
 */
void
AtCommit_Inval(void)
{
    if (changed_catalogs)
        (void) CatalogVersionBump();
}

void
InvalRegisterCallbacks(void)
{
    if (!callback_registered)
    {
        RegisterXactCallback(inval_xact_callback, NULL);
        callback_registered = true;
    }
}

void
CacheNoteCatalogChange(void)
{
    InvalRegisterCallbacks();
    changed_catalogs = true;
    local_inval_count++;
}

void
CacheInvalidateRelation(Oid relid)
{
    CacheNoteCatalogChange();
    RelationCacheInvalidateEntry(relid);
}

void
CacheInvalidateCatalog(void)
{
    CacheNoteCatalogChange();
    RelationCacheInvalidateEntry(InvalidOid);
}

void
RelationCacheInvalidate(void)
{
    RelationCacheInvalidateEntry(InvalidOid);
}

void
CacheResetLocal(void)
{
    local_inval_count++;
    RelationCacheInvalidate();
}

void
AcceptInvalidationMessages(void)
{
    uint64      current = CatalogVersionGet();

    InvalRegisterCallbacks();
    if (current != seen_version)
    {
        seen_version = current;
        local_inval_count++;
        RelationCacheInvalidate();
    }
}

bool
CacheTransactionChangedCatalogs(void)
{
    return changed_catalogs;
}

uint64
CacheInvalidationCounter(void)
{
    return local_inval_count;
}
