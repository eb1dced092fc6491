/*
 * partition.h
 *     Declarative partitioning: partition keys and bounds, the catalog rows
 *     that hold them (pg_partitioned_table, pg_inherits, pg_class.relpartbound),
 *     the per-backend partition descriptor, row routing and plan-time pruning.
 * Implemented in src/backend/partitioning/: partbounds.c (bound logic, no
 * catalog access), partdesc.c (catalog rows, descriptor cache, evaluating and
 * storing bounds), partprune.c (pruning by WHERE clauses).  See the README there.
 */
#ifndef PARTITIONING_PARTITION_H
#define PARTITIONING_PARTITION_H

#include "rustydb.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "utils/rel.h"

#define PARTITION_MAX_KEYS 32

#define PARTITION_STRATEGY_RANGE 'r'
#define PARTITION_STRATEGY_LIST 'l'
#define PARTITION_STRATEGY_HASH 'h'

/* The partition key of a partitioned table (pg_partitioned_table + column types). */
typedef struct PartitionKeyData
{
    char        strategy;       /* PARTITION_STRATEGY_* */
    int         nkeys;
    int16       attnums[PARTITION_MAX_KEYS];   /* key columns (no expressions) */
    Oid         typids[PARTITION_MAX_KEYS];
    int32       typmods[PARTITION_MAX_KEYS];
    const char *colnames[PARTITION_MAX_KEYS];
    RdbFunction cmp[PARTITION_MAX_KEYS];   /* (a, b) -> int4; range and list */
    RdbFunction hash[PARTITION_MAX_KEYS];  /* (a) -> int4; hash */
} PartitionKeyData;

/*
 * One partition's bound, evaluated.  Range: [lower, upper) compared column
 * by column, MINVALUE below and MAXVALUE above every value.  List: the
 * values (one key column) and whether NULL is listed.  Hash: the row's
 * combined key hash modulo modulus equals remainder.
 */
typedef struct PartitionBoundData
{
    char        strategy;
    bool        is_default;
    /* range */
    PartitionRangeDatumKind lokind[PARTITION_MAX_KEYS];
    PartitionRangeDatumKind hikind[PARTITION_MAX_KEYS];
    Datum       lo[PARTITION_MAX_KEYS];
    Datum       hi[PARTITION_MAX_KEYS];
    /* list */
    int         nvalues;
    Datum      *values;
    bool        has_null;
    /* hash */
    int         modulus;
    int         remainder;
} PartitionBoundData;

/*
 * A PRIMARY KEY / UNIQUE constraint of a partitioned table that lacks a
 * partition key column (kept by ALTER TABLE ... PARTITION BY), enforced
 * across partitions by executor/execPartition.c.
 */
typedef struct PartitionGlobalUnique
{
    Oid         conoid;
    char        conname[NAMEDATALEN];
    int         nkeys;
    int16       attnums[32];    /* INDEX_MAX_KEYS */
    Oid        *part_index;     /* per partition: its unique index for the constraint */
} PartitionGlobalUnique;

/* A partitioned table's key and partitions, as this backend last read them. */
typedef struct PartitionDescData
{
    Oid         parent;
    PartitionKeyData key;
    int         nparts;
    Oid        *oids;           /* partitions, ordered by their OID */
    PartitionBoundData **bounds;
    int         default_index;  /* the DEFAULT partition's index, or -1 */
    int         nglobal;
    PartitionGlobalUnique *global;  /* nglobal entries */
} PartitionDescData;

typedef PartitionDescData *PartitionDesc;

/* ---------- partbounds.c: bound logic (no catalog access) ---------- */

/* Range bounds: <0, 0, >0 comparing (kinds a, values a) with (kinds b, values b). */
extern int  PartitionRangeCompare(const PartitionKeyData *key,
                                  const PartitionRangeDatumKind *akind, const Datum *a,
                                  const PartitionRangeDatumKind *bkind, const Datum *b);
/*
 * Does the row whose key values are values/isnull (by key column) belong to
 * bound?  False for a DEFAULT bound (see PartitionRowBelongsTo).
 */
extern bool PartitionBoundContains(const PartitionKeyData *key, const PartitionBoundData *bound,
                                   const Datum *values, const bool *isnull);
/*
 * PartitionFindForValues -- the index into desc of the partition for key
 * values (by key column), the default partition if none other fits, or -1.
 */
extern int  PartitionFindForValues(const PartitionDescData *desc, const Datum *values,
                                   const bool *isnull);
/*
 * PartitionRouteRow -- the index into desc of the partition for the table
 * row (values/isnull by attribute number - 1); ERROR 23514 "no partition of
 * relation \"parentname\" found for row", with the key, if none takes it.
 */
extern int  PartitionRouteRow(const PartitionDescData *desc, const char *parentname,
                              const Datum *rowvalues, const bool *rowisnull);
/*
 * PartitionRowBelongsTo -- does the table row (values/isnull by attribute
 * number - 1) belong to partition partoid of desc?  For a DEFAULT partition:
 * no other partition takes it.
 */
extern bool PartitionRowBelongsTo(const PartitionDescData *desc, Oid partoid,
                                  const Datum *rowvalues, const bool *rowisnull);
/* The key values of a table row (values/isnull by attribute number - 1) into out arrays. */
extern void PartitionExtractKey(const PartitionKeyData *key, const Datum *rowvalues,
                                const bool *rowisnull, Datum *values, bool *isnull);
/* Do the two non-default bounds share a possible row? (hash: same slot of the smaller modulus) */
extern bool PartitionBoundsOverlap(const PartitionKeyData *key, const PartitionBoundData *a,
                                   const PartitionBoundData *b);
/* The combined hash of the key values (NULLs hash to 0), as used for hash bounds. */
extern uint64 PartitionHashValues(const PartitionKeyData *key, const Datum *values,
                                  const bool *isnull);
/* PostgreSQL's text of a bound ("FOR VALUES FROM (...) TO (...)", "DEFAULT"); palloc'd. */
extern char *PartitionBoundDeparse(const PartitionKeyData *key, const PartitionBoundData *bound);
/* A range bound's values "(v, MAXVALUE)" as PostgreSQL prints them in messages. */
extern char *PartitionRangeDatumsDeparse(const PartitionKeyData *key,
                                         const PartitionRangeDatumKind *kinds, const Datum *values);
/* A constant as PostgreSQL prints it in a partition bound ('2025-01-01', 10, true). */
extern void PartitionAppendConstant(struct StringInfoData *buf, Oid typid, Datum value);
/* pg_get_partkeydef's text: "RANGE (order_date)". */
extern char *PartitionKeyDeparse(const PartitionKeyData *key);
/*
 * pg_get_partition_constraintdef's text for bound of a partition of parent
 * (siblings: the parent's descriptor, needed for a DEFAULT bound); NULL for
 * a default partition without siblings.
 */
extern char *PartitionConstraintDeparse(const PartitionKeyData *key,
                                        const PartitionBoundData *bound,
                                        const PartitionDescData *siblings, Oid parent);
/* "(order_date) = (2027-01-01)" for the failing-row details. */
extern char *PartitionKeyValuesDescribe(const PartitionKeyData *key, const Datum *values,
                                        const bool *isnull);

/* ---------- partdesc.c: catalogs, descriptor, bounds from SQL ---------- */

/*
 * PartitionKeyBuild -- check a PARTITION BY clause against the columns of
 * desc (errors as PostgreSQL) and fill *key.  query: the statement text for
 * error positions.
 */
extern void PartitionKeyBuild(const PartitionSpec *spec, TupleDesc desc, const char *query,
                              PartitionKeyData *key);
/* Write relid's pg_partitioned_table row. */
extern void PartitionKeyStore(Oid relid, const PartitionKeyData *key);
/* Read relid's partition key (its column types from the relation's columns); false if none. */
extern bool PartitionKeyLoad(Oid relid, PartitionKeyData *key);
/*
 * PartitionBoundEvaluate -- the bound of FOR VALUES spec for a partition of
 * a table with key (values analyzed and coerced to the key columns' types,
 * evaluated once); errors as PostgreSQL's for CREATE TABLE ... PARTITION OF.
 * partname: for messages.
 */
extern PartitionBoundData *PartitionBoundEvaluate(const PartitionBoundSpec *spec,
                                                  const PartitionKeyData *key,
                                                  const char *partname, const char *query);
/*
 * PartitionRangeSideEvaluate -- one side of a range bound (PartitionRangeDatum
 * list, one per key column: 42P16 "<which> must specify exactly one value
 * per partitioning column" otherwise, at location if >= 0) into kinds and
 * values: NULL 42P17, a value after MINVALUE/MAXVALUE 42804; values coerced
 * to the key column types and evaluated.
 */
extern void PartitionRangeSideEvaluate(const List *datums, const PartitionKeyData *key,
                                       const char *query, const char *which,
                                       PartitionRangeDatumKind *kinds, Datum *values,
                                       int location);
/*
 * PartitionCheckNewBound -- error (42P17) if bound overlaps a partition of
 * parent's current descriptor.
 */
extern void PartitionCheckNewBound(Oid parent, const PartitionKeyData *key,
                                   const PartitionBoundData *bound, const char *partname,
                                   const char *query, int location);
/*
 * PartitionAttach -- make relid a partition of parent with bound: pg_inherits
 * row, relispartition, relpartbound (PostgreSQL's text), and
 * pg_partitioned_table.partdefid for a default partition.
 */
extern void PartitionAttach(Oid parent, Oid relid, const PartitionKeyData *key,
                            const PartitionBoundData *bound);
/* PartitionDetach -- undo PartitionAttach for relid. */
extern void PartitionDetach(Oid parent, Oid relid);
/*
 * PartitionIndexLink -- record index childidx (of a partition) as the
 * partition's part of partitioned index parentidx (a pg_inherits row, as
 * PostgreSQL); PartitionGetChildren(parentidx) lists them.
 */
extern void PartitionIndexLink(Oid childidx, Oid parentidx);
/* The parent of partition relid, or InvalidOid. */
extern Oid  PartitionGetParent(Oid relid);
/* The partitions of parent (pg_inherits), in OID order. */
extern List *PartitionGetChildren(Oid parent);
/* Remove parent's pg_partitioned_table row (DROP TABLE). */
extern void PartitionKeyDrop(Oid parent);
/*
 * RelationGetPartitionDesc -- the descriptor of partitioned table parent
 * (key, partitions, bounds, global unique constraints), cached per backend
 * and rebuilt after a catalog invalidation.  Read-only; valid at least
 * until the end of the current transaction.
 */
extern PartitionDesc RelationGetPartitionDesc(Oid parent);
/* The bound of partition relid (from relpartbound), evaluated for key; NULL if none. */
extern PartitionBoundData *PartitionBoundLoad(Oid relid, const PartitionKeyData *key);
/* Is relkind a partitioned table? */
static inline bool
RelKindIsPartitioned(char relkind)
{
    return relkind == RELKIND_PARTITIONED_TABLE;
}

/* ---------- partprune.c: plan-time pruning ---------- */

/*
 * PartitionPrune -- which partitions of desc can hold rows satisfying every
 * clause of quals (implicit AND; Vars of the partitioned table have varno
 * varno, level 0).  keep[i] is set for partition i that may match.  Clauses
 * comparing a key column with a constant (=, <, <=, >, >=, IS NULL, IS NOT
 * NULL, IN lists of constants) are used; others keep every partition.
 */
extern void PartitionPrune(const PartitionDescData *desc, List *quals, int varno, bool *keep);

#endif                          /* PARTITIONING_PARTITION_H */
