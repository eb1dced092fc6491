/*
 * partprune.c
 *     Plan-time partition pruning: from the restriction clauses of a scan of
 *     a partitioned table, the partitions that cannot hold a matching row.
 * Entry point: PartitionPrune().
 *
 * A clause prunes when it compares a key column (a plain Var of the
 * partitioned table) with a non-NULL constant of the column's type by =, <,
 * <=, > or >= (either operand order), or tests a key column IS [NOT] NULL;
 * AND combines (a partition survives every conjunct), OR unions its arms.
 * Anything else keeps every partition: pruning only ever removes
 * partitions that provably hold no matching row.  Range keys of several
 * columns are pruned on their first column only (the rows of a partition
 * have that column within [lower, upper], both ends included).  Hash
 * partitions are pruned when every key column is compared with = to a
 * constant.  The default partition is pruned only by = on a value that
 * another partition holds (list, range) -- the cases it provably cannot
 * contain.  The executor calls it again at startup with a generic plan's
 * parameters bound and folded (executor/nodeAppend.c); no pruning while
 * executing (nested-loop parameters).
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "nodes/nodeFuncs.h"
#include "partitioning/partition.h"
#include "utils/elog.h"
#include "utils/palloc.h"

typedef enum PruneOp
{
    PRUNE_LT,
    PRUNE_LE,
    PRUNE_EQ,
    PRUNE_GE,
    PRUNE_GT
} PruneOp;

typedef struct PruneCtx
{
    const PartitionDescData *desc;
    int         varno;
} PruneCtx;

static void prune_clause(const PruneCtx *ctx, Node *clause, bool *keep);

static Node *
strip_relabel(Node *n)
{
    while (n != NULL && IsA(n, RelabelType))
        n = (Node *) ((RelabelType *) n)->arg;
    return n;
}

/* The key column index that n (a Var of ctx's table) is, or -1. */
static int
key_index(const PruneCtx *ctx, Node *n)
{
    Var        *v;

    n = strip_relabel(n);
    if (n == NULL || !IsA(n, Var))
        return -1;
    v = (Var *) n;
    if (v->varno != ctx->varno || v->varlevelsup != 0)
        return -1;
    for (int k = 0; k < ctx->desc->key.nkeys; k++)
        if (ctx->desc->key.attnums[k] == v->varattno)
            return k;
    return -1;
}

static bool
op_from_name(const char *name, PruneOp *op)
{
    static const struct
    {
        const char *name;
        PruneOp     op;
    }           ops[] = {
        {"<", PRUNE_LT}, {"<=", PRUNE_LE}, {"=", PRUNE_EQ}, {">=", PRUNE_GE}, {">", PRUNE_GT}
    };

    for (size_t i = 0; i < lengthof(ops); i++)
        if (strcmp(name, ops[i].name) == 0)
        {
            *op = ops[i].op;
            return true;
        }
    return false;
}

static PruneOp
commute(PruneOp op)
{
    switch (op)
    {
        case PRUNE_LT:
            return PRUNE_GT;
        case PRUNE_LE:
            return PRUNE_GE;
        case PRUNE_GT:
            return PRUNE_LT;
        case PRUNE_GE:
            return PRUNE_LE;
        default:
            return op;
    }
}

/* Does a value v with "column op c" possibly exist in [lo, hi] / [lo, hi)? */
static bool
interval_matches(const PartitionKeyData *key, int k, PartitionRangeDatumKind lokind, Datum lo,
                 PartitionRangeDatumKind hikind, Datum hi, bool hi_inclusive, PruneOp op, Datum c)
{
    int         clo = lokind == PARTITION_RANGE_DATUM_MINVALUE ? -1 :
        lokind == PARTITION_RANGE_DATUM_MAXVALUE ? 1 :
        DatumGetInt32(DirectFunctionCall2(key->cmp[k], lo, c));  /* lo vs c */
    int         chi = hikind == PARTITION_RANGE_DATUM_MAXVALUE ? 1 :
        hikind == PARTITION_RANGE_DATUM_MINVALUE ? -1 :
        DatumGetInt32(DirectFunctionCall2(key->cmp[k], hi, c));  /* hi vs c */

    switch (op)
    {
        case PRUNE_EQ:
            return clo <= 0 && (hi_inclusive ? chi >= 0 : chi > 0);
        case PRUNE_LT:
            return clo < 0;
        case PRUNE_LE:
            return clo <= 0;
        case PRUNE_GT:
            return chi > 0;
        case PRUNE_GE:
            return hi_inclusive ? chi >= 0 : chi > 0;
    }
    return true;
}

static bool
bound_matches(const PartitionKeyData *key, const PartitionBoundData *b, int k, PruneOp op, Datum c)
{
    switch (key->strategy)
    {
        case PARTITION_STRATEGY_RANGE:
            if (k != 0)
                return true;
            return interval_matches(key, 0, b->lokind[0], b->lo[0], b->hikind[0], b->hi[0],
                                    key->nkeys > 1, op, c);
        case PARTITION_STRATEGY_LIST:
            for (int i = 0; i < b->nvalues; i++)
            {
                int         r = DatumGetInt32(DirectFunctionCall2(key->cmp[0], b->values[i], c));

                if ((op == PRUNE_EQ && r == 0) || (op == PRUNE_LT && r < 0) ||
                    (op == PRUNE_LE && r <= 0) || (op == PRUNE_GT && r > 0) ||
                    (op == PRUNE_GE && r >= 0))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

static void
prune_comparison(const PruneCtx *ctx, int k, PruneOp op, const Const *c, bool *keep)
{
    const PartitionDescData *desc = ctx->desc;
    bool        covered = false;

    if (c->constisnull)
    {
        /* a comparison with NULL is never true */
        memset(keep, 0, sizeof(bool) * desc->nparts);
        return;
    }
    if (c->consttype != desc->key.typids[k] || desc->key.strategy == PARTITION_STRATEGY_HASH)
        return;
    for (int i = 0; i < desc->nparts; i++)
    {
        if (desc->bounds[i]->is_default)
            continue;
        if (!bound_matches(&desc->key, desc->bounds[i], k, op, c->constvalue))
            keep[i] = false;
        else if (op == PRUNE_EQ && desc->key.nkeys == 1)
            covered = true;
    }
    if (covered && desc->default_index >= 0)
        keep[desc->default_index] = false;
}

static void
prune_nulltest(const PruneCtx *ctx, int k, bool is_null, bool *keep)
{
    const PartitionDescData *desc = ctx->desc;

    for (int i = 0; i < desc->nparts; i++)
    {
        const PartitionBoundData *b = desc->bounds[i];

        /* a list partition taking NULL leaves none for the default partition */
        if (is_null && desc->key.strategy == PARTITION_STRATEGY_LIST && !b->is_default &&
            b->has_null && desc->default_index >= 0)
            keep[desc->default_index] = false;
        if (b->is_default || desc->key.strategy == PARTITION_STRATEGY_HASH)
            continue;
        if (desc->key.strategy == PARTITION_STRATEGY_RANGE)
        {
            if (is_null)
                keep[i] = false;    /* range partitions hold no NULL keys */
        }
        else if (is_null ? !b->has_null : b->nvalues == 0)
            keep[i] = false;
        (void) k;
    }
}

/* Hash: every key column = constant picks one remainder per modulus. */
static void
prune_hash(const PruneCtx *ctx, List *quals, bool *keep)
{
    const PartitionDescData *desc = ctx->desc;
    Datum       values[PARTITION_MAX_KEYS];
    bool        isnull[PARTITION_MAX_KEYS];
    bool        have[PARTITION_MAX_KEYS] = {false};
    uint64      h;
    ListCell   *lc;

    foreach(lc, quals)
    {
        Node       *n = lfirst(lc);
        OpExpr     *op;
        const OperInfo *oi;
        Node       *l;
        Node       *r;
        int         k;

        if (IsA(n, NullTest) && ((NullTest *) n)->nulltesttype == IS_NULL &&
            (k = key_index(ctx, (Node *) ((NullTest *) n)->arg)) >= 0)
        {
            have[k] = true;
            isnull[k] = true;
            continue;
        }
        if (!IsA(n, OpExpr) || list_length(((OpExpr *) n)->args) != 2)
            continue;
        op = (OpExpr *) n;
        oi = OperInfoById(op->opno);
        if (oi == NULL || strcmp(oi->name, "=") != 0)
            continue;
        l = strip_relabel(linitial(op->args));
        r = strip_relabel(lsecond(op->args));
        if ((k = key_index(ctx, l)) < 0 || !IsA(r, Const))
        {
            Node       *t = l;

            l = r;
            r = t;
            if ((k = key_index(ctx, l)) < 0 || !IsA(r, Const))
                continue;
        }
        if (((Const *) r)->consttype != desc->key.typids[k] || ((Const *) r)->constisnull)
            continue;
        have[k] = true;
        isnull[k] = false;
        values[k] = ((Const *) r)->constvalue;
    }
    for (int k = 0; k < desc->key.nkeys; k++)
        if (!have[k])
            return;
    h = PartitionHashValues(&desc->key, values, isnull);
    for (int i = 0; i < desc->nparts; i++)
        if ((int) (h % (uint64) desc->bounds[i]->modulus) != desc->bounds[i]->remainder)
            keep[i] = false;
}

static void
prune_clause(const PruneCtx *ctx, Node *clause, bool *keep)
{
    int         n = ctx->desc->nparts;

    clause = strip_relabel(clause);
    if (IsA(clause, BoolExpr))
    {
        BoolExpr   *b = (BoolExpr *) clause;
        ListCell   *lc;

        if (b->boolop == AND_EXPR)
        {
            foreach(lc, b->args)
                prune_clause(ctx, lfirst(lc), keep);
        }
        else if (b->boolop == OR_EXPR)
        {
            bool       *any = palloc0(sizeof(bool) * n);
            bool       *arm = palloc(sizeof(bool) * n);

            foreach(lc, b->args)
            {
                for (int i = 0; i < n; i++)
                    arm[i] = true;
                prune_clause(ctx, lfirst(lc), arm);
                for (int i = 0; i < n; i++)
                    any[i] = any[i] || arm[i];
            }
            for (int i = 0; i < n; i++)
                keep[i] = keep[i] && any[i];
        }
        return;
    }
    if (IsA(clause, Const))
    {
        Const      *c = (Const *) clause;

        if (c->consttype == BOOLOID && (c->constisnull || !DatumGetBool(c->constvalue)))
            memset(keep, 0, sizeof(bool) * n);
        return;
    }
    if (IsA(clause, NullTest))
    {
        NullTest   *nt = (NullTest *) clause;
        int         k = key_index(ctx, (Node *) nt->arg);

        if (k >= 0)
            prune_nulltest(ctx, k, nt->nulltesttype == IS_NULL, keep);
        return;
    }
    if (IsA(clause, OpExpr) && list_length(((OpExpr *) clause)->args) == 2)
    {
        OpExpr     *op = (OpExpr *) clause;
        const OperInfo *oi = OperInfoById(op->opno);
        Node       *l = strip_relabel(linitial(op->args));
        Node       *r = strip_relabel(lsecond(op->args));
        PruneOp     pop;
        int         k;

        if (oi == NULL || !op_from_name(oi->name, &pop))
            return;
        if ((k = key_index(ctx, l)) >= 0 && IsA(r, Const))
            prune_comparison(ctx, k, pop, (Const *) r, keep);
        else if ((k = key_index(ctx, r)) >= 0 && IsA(l, Const))
            prune_comparison(ctx, k, commute(pop), (Const *) l, keep);
    }
}

void
PartitionPrune(const PartitionDescData *desc, List *quals, int varno, bool *keep)
{
    PruneCtx    ctx = {desc, varno};
    ListCell   *lc;

    for (int i = 0; i < desc->nparts; i++)
        keep[i] = true;
    foreach(lc, quals)
        prune_clause(&ctx, lfirst(lc), keep);
    if (desc->key.strategy == PARTITION_STRATEGY_HASH)
        prune_hash(&ctx, quals, keep);
}
