/*
 * heap.h
 *     Creating and removing relations in the catalog: the pg_class,
 *     pg_attribute, pg_attrdef rows and the storage, in one place.
 * Implemented in src/backend/catalog/heap.c; see the README there.
 */
#ifndef CATALOG_HEAP_H
#define CATALOG_HEAP_H

#include "rustydb.h"
#include "access/tupdesc.h"
#include "nodes/pg_list.h"

/*
 * RelationCreate -- create relation relname in nspid with the columns of
 * desc (names, types, typmods, attnotnull; atthasdef is taken from
 * defaults), owned by owner.  defaults: NULL or an array of desc->natts SQL
 * texts (NULL entries: no default).  relkind RELKIND_RELATION gets a new
 * empty main fork (removed again if the transaction aborts);
 * RELKIND_VIEW none.  reloptions: stored text or NULL.  Caller checked
 * that the name is free (42P07).  Returns the new OID; the caller does
 * CommandCounterIncrement() before using it.
 */
extern Oid  RelationCreate(const char *relname, Oid nspid, char relkind, char relpersistence,
                           TupleDesc desc, const char *const *defaults, Oid owner,
                           const char *reloptions);

/*
 * RelationDrop -- delete relid's catalog rows (pg_class, pg_attribute,
 * pg_attrdef, pg_constraint, pg_rewrite, pg_description, pg_index) and
 * schedule its files for removal at commit; a table's indexes are dropped
 * with it.  No dependency checks (callers do them).
 * RelationCreate also accepts RELKIND_INDEX (relam btree, storage created;
 * catalog/index.c fills pg_index).
 */
extern void RelationDrop(Oid relid);

/*
 * StoreColumnDefault -- set (text non-NULL) or remove column attnum's
 * default: the pg_attrdef row and pg_attribute.atthasdef.
 */
extern void StoreColumnDefault(Oid relid, int attnum, const char *text);

/*
 * AttributeRowGet -- the pg_attribute row of (relid, attnum) and its tid;
 * false if none.  AttributeRowUpdate writes a modified row back.
 */
struct FormData_pg_attribute;
struct ItemPointerData;
extern bool AttributeRowGet(Oid relid, int attnum, struct FormData_pg_attribute *out,
                            struct ItemPointerData *tid);
extern void AttributeRowUpdate(struct ItemPointerData *tid, const struct FormData_pg_attribute *row);
/* A pg_attribute row for column attnum of relid from a TupleDesc entry. */
extern void AttributeRowFromDesc(Oid relid, const AttributeData *att, int attnum,
                                 struct FormData_pg_attribute *out);
/*
 * DeleteCatalogRows -- delete every row of catalog catid whose Oid field at
 * key_offset (offsetof in its FormData struct) equals key.  Returns the count.
 */
extern int  DeleteCatalogRows(Oid catid, size_t key_offset, Oid key);

#endif                          /* CATALOG_HEAP_H */
