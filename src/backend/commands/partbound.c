/*
 * partbound.c
 *     The partition key and the inline partition list of RustyDB's
 *     ALTER TABLE t PARTITION BY RANGE|LIST|HASH (cols)
 *         [(PARTITION p VALUES LESS THAN (v, ...) | (MAXVALUE), ...)]
 *     checked against the table, with the SQLSTATEs and messages PostgreSQL
 *     gives for the equivalent CREATE TABLE ... PARTITION BY and CREATE
 *     TABLE p PARTITION OF t FOR VALUES FROM (previous bound) TO (bound).
 * Entry point: CheckPartitionSpec().
 *
 * Partition i of the dialect's list holds [bound i-1, bound i), the first
 * one [MINVALUE, bound 0); so the bounds must ascend strictly, and a bound
 * that does not is reported as PostgreSQL reports the empty range
 * "FROM (bound i-1) TO (bound i)" (42P17).  The key is checked and bound
 * values analyzed, coerced and evaluated by the partitioning module
 * (partitioning/partition.h), as for PostgreSQL's own statements.
 */
#include "rustydb.h"

#include "catalog/namespace.h"
#include "commands_int.h"
#include "partitioning/partition.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void
check_partition_list(Relation rel, const PartitionSpec *ps, const PartitionKeyData *key,
                     const char *query)
{
    PartitionRangeDatumKind lokind[PARTITION_MAX_KEYS];
    Datum       lo[PARTITION_MAX_KEYS];
    List       *names = NIL;
    ListCell   *lc;

    for (int k = 0; k < key->nkeys; k++)
    {
        lokind[k] = PARTITION_RANGE_DATUM_MINVALUE;
        lo[k] = (Datum) 0;
    }
    foreach(lc, ps->partitions)
    {
        const PartitionDef *pd = lfirst(lc);
        PartitionRangeDatumKind hikind[PARTITION_MAX_KEYS];
        Datum       hi[PARTITION_MAX_KEYS];
        ListCell   *nc;

        if (key->strategy != PARTITION_STRATEGY_RANGE)
            ereport(ERROR, errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("invalid bound specification for a %s partition",
                           key->strategy == PARTITION_STRATEGY_LIST ? "list" : "hash"),
                    errposition(QueryErrorPosition(query, pd->location)));
        foreach(nc, names)
            if (strcmp(lfirst(nc), pd->name) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                        errmsg("relation \"%s\" already exists", pd->name));
        if (OidIsValid(RelnameGetRelidInNamespace(RelationGetNamespace(rel), pd->name)))
            ereport(ERROR, errcode(ERRCODE_DUPLICATE_TABLE),
                    errmsg("relation \"%s\" already exists", pd->name));
        names = lappend(names, pd->name);
        PartitionRangeSideEvaluate(pd->upperdatums, key, query, "VALUES LESS THAN", hikind, hi,
                                   -1);
        if (PartitionRangeCompare(key, lokind, lo, hikind, hi) >= 0)
            ereport(ERROR, errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
                    errmsg("empty range bound specified for partition \"%s\"", pd->name),
                    errdetail("Specified lower bound %s is greater than or equal to upper bound %s.",
                              PartitionRangeDatumsDeparse(key, lokind, lo),
                              PartitionRangeDatumsDeparse(key, hikind, hi)),
                    errposition(QueryErrorPosition(query,
                                                   ((PartitionRangeDatum *) linitial(pd->upperdatums))->location)));
        memcpy(lokind, hikind, sizeof(lokind));
        memcpy(lo, hi, sizeof(lo));
    }
}

void
CheckPartitionSpec(Relation rel, const PartitionSpec *ps, const char *query)
{
    PartitionKeyData key;

    PartitionKeyBuild(ps, RelationGetDescr(rel), query, &key);
    check_partition_list(rel, ps, &key, query);
}
