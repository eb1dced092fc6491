/*
 * relation.c
 *     Relations that are not described by the catalog (tests, catalog
 *     bootstrap), and the Relation -> storage handle link.
 * Entry points: RelationBuildTransient(), RelationFreeTransient(),
 * RelationGetSmgr(), RelationCloseSmgr().
 */
#include "rustydb.h"

#include "storage/smgr.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"

Relation
RelationBuildTransient(RelFileLocator locator, TupleDesc tupdesc, const char *name)
{
    MemoryContext cxt = MemoryContextCreate(TopMemoryContext, "transient relation");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    Relation    rel = palloc0(sizeof(RelationData));

    rel->rd_id = InvalidOid;
    rel->rd_locator = locator;
    if (locator.shared)
        rel->rd_locator.dbOid = InvalidOid;
    rel->rd_att = tupdesc != NULL ? CreateTupleDescCopy(tupdesc) : CreateTemplateTupleDesc(0);
    rel->rd_relkind = RELKIND_RELATION;
    snprintf(rel->rd_relname, NAMEDATALEN, "%s", name != NULL ? name : "");
    rel->rd_namespace = InvalidOid;
    rel->rd_refcnt = 1;
    rel->rd_nblocks_cache = InvalidBlockNumber;
    rel->rd_smgr = NULL;
    rel->rd_istransient = true;
    /* Transient relations are not the catalog's: the slot holds our context. */
    rel->rd_catalog_private = cxt;
    MemoryContextSwitchTo(old);
    return rel;
}

void
RelationFreeTransient(Relation rel)
{
    if (rel == NULL)
        return;
    if (!rel->rd_istransient)
        elog(ERROR, "relation \"%s\" is not transient", rel->rd_relname);
    /* The smgr handle is per-process and shared by locator: leave it cached. */
    MemoryContextDelete((MemoryContext) rel->rd_catalog_private);
}

struct SMgrRelationData *
RelationGetSmgr(Relation rel)
{
    /*
     * Always look up: SmgrCloseAll() may have freed a cached handle, and the
     * per-process hash lookup is cheap.
     */
    rel->rd_smgr = SmgrOpen(rel->rd_locator);
    return rel->rd_smgr;
}

void
RelationCloseSmgr(Relation rel)
{
    SmgrClose(SmgrOpen(rel->rd_locator));
    rel->rd_smgr = NULL;
}
