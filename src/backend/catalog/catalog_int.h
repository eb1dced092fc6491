/*
 * catalog_int.h
 *     Declarations shared by the catalog module's files only.
 */
#ifndef CATALOG_CATALOG_INT_H
#define CATALOG_CATALOG_INT_H

#include "catalog/catalog.h"
#include "storage/itemptr.h"
#include "utils/palloc.h"

/* A hash index of a row set on one OID or name column, built on first use. */
#define CATALOG_SET_MAX_INDEXES 4
typedef struct CatalogSetIndex
{
    int         column;         /* index into desc->columns */
    uint32      nbuckets;       /* power of 2 */
    int        *heads;          /* first row per bucket, -1 = none */
    int        *next;           /* next row in the same bucket, per row */
} CatalogSetIndex;

/* catcache.c: every visible row of one catalog, deformed (README "catalog cache"). */
typedef struct CatalogRowSet
{
    uint64      version;        /* CatalogVersionGet() before the load */
    uint64      inval_count;    /* CacheInvalidationCounter() at the load */
    Oid         dbid;           /* MyDatabaseId at the load (a process may switch) */
    MemoryContext cxt;          /* owns the set, its rows and their text */
    size_t      row_size;
    int         nrows;
    char       *rows;           /* nrows * row_size */
    ItemPointerData *tids;
    int         nindexes;
    CatalogSetIndex indexes[CATALOG_SET_MAX_INDEXES];
} CatalogRowSet;

/* The current row set of rel's catalog, loading it if needed; NULL = scan the heap. */
extern CatalogRowSet *CatalogCacheGet(Relation rel, const CatalogDesc *desc);
/*
 * The hash index of set on column (building it if needed; NULL if the set
 * has no room for another), and the hash of a key for it (key: Oid * for an
 * OID column, char * for a name column).
 */
extern const CatalogSetIndex *CatalogCacheIndex(const CatalogDesc *desc, CatalogRowSet *set, int column);
extern uint32 CatalogKeyHash(const CatalogColumn *col, const void *key);
/* Does row (a FormData_pg_xxx) hold key in col? */
extern bool CatalogRowMatches(const CatalogColumn *col, const void *row, const void *key);
/* Copy row i of set into *row (text columns palloc'd in the current context). */
extern void CatalogCacheCopyRow(const CatalogDesc *desc, const CatalogRowSet *set, int i, void *row);

/* catalog_shmem.c: is the shared catalog version there (not in bootstrap or unit tests)? */
extern bool CatalogVersionAvailable(void);

/* catalog_funcs.c: "[schema.]name" -> relation OID via search_path, InvalidOid if none */
extern Oid RegclassLookup(const char *name);

#endif                          /* CATALOG_CATALOG_INT_H */
