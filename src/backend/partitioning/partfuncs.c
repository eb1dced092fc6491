/*
 * partfuncs.c
 *     SQL functions describing partitioning for clients (psql's \d):
 *     pg_get_partkeydef(oid) and pg_get_partition_constraintdef(oid).
 * Entry points: pg_get_partkeydef(), pg_get_partition_constraintdef()
 * (registered in catalog/builtins.list).
 */
#include "rustydb.h"

#include "../catalog/builtin_protos.h"    /* prototypes of the registered built-ins */
#include "fmgr.h"
#include "partitioning/partition.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* pg_get_partkeydef(oid) -> "RANGE (order_date)", NULL if not partitioned. */
Datum
pg_get_partkeydef(RDB_FUNCTION_ARGS)
{
    PartitionKeyData key;

    if (!PartitionKeyLoad(RDB_GETARG_OID(0), &key))
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(PartitionKeyDeparse(&key)));
}

/* pg_get_partition_constraintdef(oid) -> the partition's implied constraint, NULL if none. */
Datum
pg_get_partition_constraintdef(RDB_FUNCTION_ARGS)
{
    Oid         relid = RDB_GETARG_OID(0);
    Oid         parent = PartitionGetParent(relid);
    PartitionKeyData key;
    PartitionBoundData *bound;
    char       *def;

    if (!OidIsValid(parent) || !PartitionKeyLoad(parent, &key))
        RDB_RETURN_NULL();
    bound = PartitionBoundLoad(relid, &key);
    if (bound == NULL)
        RDB_RETURN_NULL();
    def = PartitionConstraintDeparse(&key, bound,
                                     bound->is_default ? RelationGetPartitionDesc(parent) : NULL,
                                     parent);
    if (def == NULL)
        RDB_RETURN_NULL();
    RDB_RETURN_TEXT_P(cstring_to_text(def));
}

typedef struct AncestorsState
{
    Oid         oids[64];
    int         n;
    int         next;
} AncestorsState;

/*
 * pg_partition_ancestors(regclass) -> setof regclass: the relation itself
 * and the tables it is a partition of, upwards; no rows for a relation in
 * no partition tree.
 */
Datum
pg_partition_ancestors(RDB_FUNCTION_ARGS)
{
    ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->context;
    AncestorsState *st;

    if (rsi == NULL || nodeTag(rsi) != T_ReturnSetInfo)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("set-valued function called in context that cannot accept a set"));
    st = rsi->state;
    if (st == NULL)
    {
        Oid         relid = RDB_GETARG_OID(0);
        PartitionKeyData key;
        Oid         parent = PartitionGetParent(relid);

        st = MemoryContextAllocZero(rsi->multi_call_mcxt, sizeof(AncestorsState));
        rsi->state = st;
        if (OidIsValid(parent) || PartitionKeyLoad(relid, &key))
        {
            st->oids[st->n++] = relid;
            while (OidIsValid(parent) && st->n < (int) lengthof(st->oids))
            {
                st->oids[st->n++] = parent;
                parent = PartitionGetParent(parent);
            }
        }
    }
    if (st->next >= st->n)
    {
        rsi->is_done = true;
        RDB_RETURN_NULL();
    }
    return ObjectIdGetDatum(st->oids[st->next++]);
}
