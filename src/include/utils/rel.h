/*
 * rel.h
 *     The relation descriptor: what the storage and access layers need to
 *     know about an open table or index.
 * Built by the relation cache (utils/relcache.h, catalog engineer) or, for
 * relations not described by the catalog (tests, catalog bootstrap), by
 * RelationBuildTransient() in src/backend/access/common/relation.c.
 */
#ifndef UTILS_REL_H
#define UTILS_REL_H

#include "rustydb.h"
#include "access/tupdesc.h"
#include "storage/relfilelocator.h"

struct SMgrRelationData;

/* pg_class.relkind values (PostgreSQL's letters). */
#define RELKIND_RELATION 'r'
#define RELKIND_INDEX 'i'
#define RELKIND_SEQUENCE 'S'
#define RELKIND_TOASTVALUE 't'
#define RELKIND_VIEW 'v'
#define RELKIND_MATVIEW 'm'
#define RELKIND_PARTITIONED_TABLE 'p'
#define RELKIND_PARTITIONED_INDEX 'I'   /* index of a partitioned table: no storage */

typedef struct RelationData
{
    Oid         rd_id;          /* pg_class oid; InvalidOid for transient relations */
    RelFileLocator rd_locator;  /* where the files are */
    TupleDesc   rd_att;         /* column layout; owned by the relation */
    char        rd_relkind;     /* RELKIND_* */
    char        rd_relname[NAMEDATALEN];
    Oid         rd_namespace;
    int         rd_refcnt;      /* open references (relcache bookkeeping) */
    BlockNumber rd_nblocks_cache;   /* InvalidBlockNumber if unknown; hint only */
    uint64      rd_nblocks_gen;     /* truncation count when rd_nblocks_cache was read (bufmgr.c) */
    struct SMgrRelationData *rd_smgr;   /* cached storage handle or NULL; use RelationGetSmgr() */
    bool        rd_istransient; /* built by RelationBuildTransient */
    /*
     * Exact space of an index (commands/space_index.c): 1 + its shared
     * slot (checked against the file on every use), 0 not looked up, -1
     * none as of slot creation count rd_space_epoch.  Zeroed on rebuild.
     */
    int         rd_space_slot;
    uint64      rd_space_epoch;
    void       *rd_catalog_private;     /* for the relcache's own use */
} RelationData;

typedef struct RelationData *Relation;

#define RelationGetRelid(rel) ((rel)->rd_id)
#define RelationGetDescr(rel) ((rel)->rd_att)
#define RelationGetRelationName(rel) ((rel)->rd_relname)
#define RelationGetNamespace(rel) ((rel)->rd_namespace)
#define RelationGetForm_relkind(rel) ((rel)->rd_relkind)

/* relation.c (access/common) */
/*
 * RelationBuildTransient -- a Relation for a locator and layout that is not
 * in the catalog.  The descriptor is copied; everything is allocated in a
 * private memory context under TopMemoryContext, freed by
 * RelationFreeTransient().  rd_relkind = RELKIND_RELATION, rd_refcnt = 1.
 */
extern Relation RelationBuildTransient(RelFileLocator locator, TupleDesc tupdesc,
                                       const char *name);
extern void RelationFreeTransient(Relation rel);
/* The storage handle for rel, opening it on first use (cached in rd_smgr). */
extern struct SMgrRelationData *RelationGetSmgr(Relation rel);
/* Forget the cached storage handle (after the file was replaced). */
extern void RelationCloseSmgr(Relation rel);

#endif                          /* UTILS_REL_H */
