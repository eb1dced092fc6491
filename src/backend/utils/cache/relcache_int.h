/*
 * relcache_int.h
 *     Private to src/backend/utils/cache: the relcache entry's catalog part
 *     and the hooks between relcache.c and inval.c.
 */
#ifndef RELCACHE_INT_H
#define RELCACHE_INT_H

#include "rustydb.h"
#include "nodes/pg_list.h"
#include "utils/palloc.h"
#include "utils/rel.h"

/*
 * What rd_catalog_private points to.  Everything here and everything the
 * RelationData points to (rd_att, strings, missing values) lives in mcxt,
 * except the RelationData struct itself, which lives in CacheMemoryContext
 * so that its address survives a rebuild (README, "rebuild in place").
 */
typedef struct RelCacheEntry
{
    MemoryContext mcxt;         /* owns this entry's descriptor data */
    Relation    rel;            /* back pointer */
    struct RelCacheEntry *next; /* hash chain */
    bool        invalid;        /* rebuild at next open */
    bool        opened;         /* in opened_rels: referenced in this transaction */
    Oid         owner;
    char        persistence;
    char       *reloptions;     /* or NULL */
    char       *viewdef;        /* views only */
    char      **defaults;       /* natts entries, NULL = none; NULL if no defaults */
    NullableDatum *missing;     /* natts entries; NULL if no column has a missing value */
    List       *checks;         /* char * CHECK expressions */
} RelCacheEntry;

/* inval.c: register the transaction-end callback (idempotent) */
extern void InvalRegisterCallbacks(void);

/* relcache.c */
extern MemoryContext CacheMemoryContext;
/* Invalidate one entry (relid) or all (InvalidOid). */
extern void RelationCacheInvalidateEntry(Oid relid);
/* Transaction end: drop references, free stale descriptors; on abort also forget own changes. */
extern void RelationCacheAtEOXact(bool commit, bool changed_catalogs);

#endif                          /* RELCACHE_INT_H */
