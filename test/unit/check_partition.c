/*
 * check_partition.c
 *     Unit tests for the partition bound logic of src/backend/partitioning
 *     (partition/partition.h): range comparison with MINVALUE/MAXVALUE,
 *     which bound a row belongs to, routing with and without a DEFAULT
 *     partition, overlap between bounds, PostgreSQL's texts of bounds and
 *     partition constraints, and plan-time pruning.
 */
#include "rustydb.h"

#include <check.h>

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "nodes/primnodes.h"
#include "partitioning/partition.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#include "check_support.h"

#define V PARTITION_RANGE_DATUM_VALUE
#define MINV PARTITION_RANGE_DATUM_MINVALUE
#define MAXV PARTITION_RANGE_DATUM_MAXVALUE

/* An int4 key on columns 1..nkeys named a, b, ... */
static PartitionKeyData
int_key(char strategy, int nkeys)
{
    static const char *const names[] = {"a", "b", "c"};
    PartitionKeyData key;

    memset(&key, 0, sizeof(key));
    key.strategy = strategy;
    key.nkeys = nkeys;
    for (int k = 0; k < nkeys; k++)
    {
        key.attnums[k] = (int16) (k + 1);
        key.typids[k] = INT4OID;
        key.typmods[k] = -1;
        key.colnames[k] = names[k];
        key.cmp[k] = TypeCompareFunction(INT4OID);
        key.hash[k] = TypeHashFunction(INT4OID);
    }
    return key;
}

/* Range [lo, hi) of one column; kinds V unless MINV/MAXV given. */
static PartitionBoundData *
range1(PartitionRangeDatumKind lokind, int lo, PartitionRangeDatumKind hikind, int hi)
{
    PartitionBoundData *b = palloc0(sizeof(PartitionBoundData));

    b->strategy = PARTITION_STRATEGY_RANGE;
    b->lokind[0] = lokind;
    b->lo[0] = Int32GetDatum(lo);
    b->hikind[0] = hikind;
    b->hi[0] = Int32GetDatum(hi);
    return b;
}

static PartitionBoundData *
range2(int lo0, int lo1, PartitionRangeDatumKind hikind1, int hi0, int hi1)
{
    PartitionBoundData *b = palloc0(sizeof(PartitionBoundData));

    b->strategy = PARTITION_STRATEGY_RANGE;
    b->lokind[0] = b->lokind[1] = V;
    b->lo[0] = Int32GetDatum(lo0);
    b->lo[1] = Int32GetDatum(lo1);
    b->hikind[0] = V;
    b->hikind[1] = hikind1;
    b->hi[0] = Int32GetDatum(hi0);
    b->hi[1] = Int32GetDatum(hi1);
    return b;
}

static PartitionBoundData *
list_of(const int *vals, int n, bool has_null)
{
    PartitionBoundData *b = palloc0(sizeof(PartitionBoundData));

    b->strategy = PARTITION_STRATEGY_LIST;
    b->values = palloc(sizeof(Datum) * Max(n, 1));
    for (int i = 0; i < n; i++)
        b->values[i] = Int32GetDatum(vals[i]);
    b->nvalues = n;
    b->has_null = has_null;
    return b;
}

static PartitionBoundData *
default_bound(char strategy)
{
    PartitionBoundData *b = palloc0(sizeof(PartitionBoundData));

    b->strategy = strategy;
    b->is_default = true;
    return b;
}

static bool
contains1(const PartitionKeyData *key, const PartitionBoundData *b, int v, bool isnull)
{
    Datum       d = Int32GetDatum(v);

    return PartitionBoundContains(key, b, &d, &isnull);
}

static bool
contains2(const PartitionKeyData *key, const PartitionBoundData *b, int v0, int v1)
{
    Datum       d[2] = {Int32GetDatum(v0), Int32GetDatum(v1)};
    bool        n[2] = {false, false};

    return PartitionBoundContains(key, b, d, n);
}

static PartitionDescData *
desc_of(PartitionKeyData key, PartitionBoundData **bounds, int n)
{
    PartitionDescData *d = palloc0(sizeof(PartitionDescData));

    d->key = key;
    d->nparts = n;
    d->bounds = bounds;
    d->oids = palloc(sizeof(Oid) * n);
    d->default_index = -1;
    for (int i = 0; i < n; i++)
    {
        d->oids[i] = 50000 + i;
        if (bounds[i]->is_default)
            d->default_index = i;
    }
    return d;
}

static int
route1(const PartitionDescData *d, int v, bool isnull)
{
    Datum       dv = Int32GetDatum(v);

    return PartitionFindForValues(d, &dv, &isnull);
}

START_TEST(range_bounds_compare_with_infinities)
{
    PartitionKeyData key = int_key(PARTITION_STRATEGY_RANGE, 2);
    PartitionRangeDatumKind minmin[2] = {MINV, MINV};
    PartitionRangeDatumKind vv[2] = {V, V};
    PartitionRangeDatumKind vmax[2] = {V, MAXV};
    PartitionRangeDatumKind maxmax[2] = {MAXV, MAXV};
    Datum       a[2] = {Int32GetDatum(5), Int32GetDatum(1)};
    Datum       b[2] = {Int32GetDatum(5), Int32GetDatum(2)};

    ck_assert_int_lt(PartitionRangeCompare(&key, minmin, a, vv, a), 0);
    ck_assert_int_gt(PartitionRangeCompare(&key, maxmax, a, vmax, a), 0);
    ck_assert_int_lt(PartitionRangeCompare(&key, vv, a, vv, b), 0);
    ck_assert_int_eq(PartitionRangeCompare(&key, vv, b, vv, b), 0);
    /* (5, MAXVALUE) is above every (5, x) */
    ck_assert_int_gt(PartitionRangeCompare(&key, vmax, a, vv, b), 0);
    /* after an infinite column the rest does not matter */
    ck_assert_int_eq(PartitionRangeCompare(&key, minmin, a, minmin, b), 0);
}
END_TEST

START_TEST(range_lower_inclusive_upper_exclusive)
{
    PartitionKeyData key = int_key(PARTITION_STRATEGY_RANGE, 1);
    PartitionBoundData *b = range1(V, 10, V, 20);
    PartitionBoundData *open = range1(MINV, 0, MAXV, 0);

    ck_assert(!contains1(&key, b, 9, false));
    ck_assert(contains1(&key, b, 10, false));
    ck_assert(contains1(&key, b, 19, false));
    ck_assert(!contains1(&key, b, 20, false));
    ck_assert(contains1(&key, open, INT32_MIN, false));
    ck_assert(contains1(&key, open, INT32_MAX, false));
    /* NULL keys belong to no range partition */
    ck_assert(!contains1(&key, open, 0, true));
}
END_TEST

START_TEST(multi_column_range_compares_column_by_column)
{
    PartitionKeyData key = int_key(PARTITION_STRATEGY_RANGE, 2);
    PartitionBoundData *b = range2(1, 2, V, 3, 4);
    PartitionBoundData *to_max = range2(3, 4, MAXV, 3, 0);

    ck_assert(contains2(&key, b, 1, 2));
    ck_assert(!contains2(&key, b, 1, 1));
    ck_assert(contains2(&key, b, 2, -1000));
    ck_assert(contains2(&key, b, 3, 3));
    ck_assert(!contains2(&key, b, 3, 4));
    /* [(3, 4), (3, MAXVALUE)): every (3, b >= 4) */
    ck_assert(contains2(&key, to_max, 3, 1000000));
    ck_assert(!contains2(&key, to_max, 4, 0));
}
END_TEST

START_TEST(routing_prefers_a_fitting_partition_over_default)
{
    PartitionKeyData key = int_key(PARTITION_STRATEGY_RANGE, 1);
    PartitionBoundData *bounds[3] = {range1(V, 0, V, 10), default_bound('r'), range1(V, 10, V, 20)};
    PartitionDescData *with_default = desc_of(key, bounds, 3);
    PartitionDescData *without = desc_of(key, bounds, 1);

    ck_assert_int_eq(route1(with_default, 5, false), 0);
    ck_assert_int_eq(route1(with_default, 15, false), 2);
    ck_assert_int_eq(route1(with_default, 25, false), 1);
    ck_assert_int_eq(route1(with_default, 0, true), 1);
    ck_assert_int_eq(route1(without, 10, false), -1);
}
END_TEST

START_TEST(list_and_hash_membership)
{
    PartitionKeyData lkey = int_key(PARTITION_STRATEGY_LIST, 1);
    PartitionKeyData hkey = int_key(PARTITION_STRATEGY_HASH, 1);
    static const int vals[] = {1, 3};
    PartitionBoundData *l = list_of(vals, 2, true);
    PartitionBoundData *h[3];
    int         counts[3] = {0, 0, 0};

    ck_assert(contains1(&lkey, l, 3, false));
    ck_assert(!contains1(&lkey, l, 2, false));
    ck_assert(contains1(&lkey, l, 0, true));
    /* each value goes to exactly one of modulus 3's remainders */
    for (int r = 0; r < 3; r++)
    {
        h[r] = palloc0(sizeof(PartitionBoundData));
        h[r]->strategy = PARTITION_STRATEGY_HASH;
        h[r]->modulus = 3;
        h[r]->remainder = r;
    }
    for (int v = 0; v < 300; v++)
    {
        int         n = 0;

        for (int r = 0; r < 3; r++)
            if (contains1(&hkey, h[r], v, false))
            {
                counts[r]++;
                n++;
            }
        ck_assert_int_eq(n, 1);
    }
    for (int r = 0; r < 3; r++)
        ck_assert_int_gt(counts[r], 50);
}
END_TEST

START_TEST(overlap_between_bounds)
{
    PartitionKeyData rkey = int_key(PARTITION_STRATEGY_RANGE, 1);
    PartitionKeyData lkey = int_key(PARTITION_STRATEGY_LIST, 1);
    PartitionKeyData hkey = int_key(PARTITION_STRATEGY_HASH, 1);
    static const int a[] = {1, 2};
    static const int b[] = {3};
    static const int c[] = {2, 9};
    PartitionBoundData h4 = {.strategy = 'h', .modulus = 4, .remainder = 1};
    PartitionBoundData h2 = {.strategy = 'h', .modulus = 2, .remainder = 1};
    PartitionBoundData h2b = {.strategy = 'h', .modulus = 2, .remainder = 0};

    /* adjacent ranges share no row */
    ck_assert(!PartitionBoundsOverlap(&rkey, range1(V, 0, V, 10), range1(V, 10, V, 20)));
    ck_assert(PartitionBoundsOverlap(&rkey, range1(V, 0, V, 11), range1(V, 10, V, 20)));
    ck_assert(PartitionBoundsOverlap(&rkey, range1(MINV, 0, V, 5), range1(V, 4, MAXV, 0)));
    ck_assert(!PartitionBoundsOverlap(&lkey, list_of(a, 2, false), list_of(b, 1, true)));
    ck_assert(PartitionBoundsOverlap(&lkey, list_of(a, 2, false), list_of(c, 2, false)));
    ck_assert(PartitionBoundsOverlap(&lkey, list_of(a, 0, true), list_of(b, 1, true)));
    ck_assert(PartitionBoundsOverlap(&hkey, &h4, &h2));
    ck_assert(!PartitionBoundsOverlap(&hkey, &h4, &h2b));
}
END_TEST

START_TEST(bound_and_constraint_texts)
{
    PartitionKeyData rkey = int_key(PARTITION_STRATEGY_RANGE, 1);
    PartitionKeyData r2 = int_key(PARTITION_STRATEGY_RANGE, 2);
    PartitionKeyData lkey = int_key(PARTITION_STRATEGY_LIST, 1);
    static const int vals[] = {7, -3};
    PartitionBoundData *bounds[2] = {range1(V, 1, V, 5), range1(V, 10, MAXV, 0)};
    PartitionDescData *d = desc_of(rkey, bounds, 2);

    ck_assert_str_eq(PartitionBoundDeparse(&rkey, range1(MINV, 0, V, -5)),
                     "FOR VALUES FROM (MINVALUE) TO ('-5')");
    ck_assert_str_eq(PartitionBoundDeparse(&lkey, list_of(vals, 2, true)),
                     "FOR VALUES IN (7, '-3', NULL)");
    ck_assert_str_eq(PartitionBoundDeparse(&rkey, default_bound('r')), "DEFAULT");
    ck_assert_str_eq(PartitionKeyDeparse(&r2), "RANGE (a, b)");
    ck_assert_str_eq(PartitionConstraintDeparse(&rkey, bounds[1], NULL, 1),
                     "((a IS NOT NULL) AND (a >= 10))");
    ck_assert_str_eq(PartitionConstraintDeparse(&r2, range2(1, 2, V, 3, 4), NULL, 1),
                     "((a IS NOT NULL) AND (b IS NOT NULL) AND ((a > 1) OR ((a = 1) AND (b >= 2))) "
                     "AND ((a < 3) OR ((a = 3) AND (b < 4))))");
    ck_assert_str_eq(PartitionConstraintDeparse(&lkey, list_of(vals, 2, false), NULL, 1),
                     "((a IS NOT NULL) AND (a = ANY (ARRAY['-3'::integer, 7])))");
    ck_assert_str_eq(PartitionConstraintDeparse(&rkey, default_bound('r'), d, 1),
                     "(NOT ((a IS NOT NULL) AND (((a >= 1) AND (a < 5)) OR (a >= 10))))");
    ck_assert_ptr_null(PartitionConstraintDeparse(&rkey, default_bound('r'), NULL, 1));
}
END_TEST

/* ---------- pruning ---------- */

static Node *
int_const(int v)
{
    Const      *c = makeNode(Const);

    c->consttype = INT4OID;
    c->consttypmod = -1;
    c->constlen = 4;
    c->constbyval = true;
    c->constvalue = Int32GetDatum(v);
    c->location = -1;
    return (Node *) c;
}

static Node *
key_var(void)
{
    Var        *v = makeNode(Var);

    v->varno = 1;
    v->varattno = 1;
    v->vartype = INT4OID;
    v->vartypmod = -1;
    v->location = -1;
    return (Node *) v;
}

/* "a op v" (or "v op a" with reversed) as the analyzer builds it. */
static Node *
compare(const char *op, int value, bool reversed)
{
    int         n;
    const OperInfo *const *cands = OperCandidatesByName(op, &n);
    OpExpr     *e = makeNode(OpExpr);

    for (int i = 0; i < n; i++)
        if (cands[i]->left == INT4OID && cands[i]->right == INT4OID)
            e->opno = cands[i]->oid;
    ck_assert(OidIsValid(e->opno));
    e->opresulttype = BOOLOID;
    e->args = reversed ? list_make2(int_const(value), key_var()) :
        list_make2(key_var(), int_const(value));
    e->location = -1;
    return (Node *) e;
}

static char *
kept(const PartitionDescData *d, List *quals)
{
    bool       *keep = palloc(sizeof(bool) * d->nparts);
    char       *out = palloc0(d->nparts + 1);

    PartitionPrune(d, quals, 1, keep);
    for (int i = 0; i < d->nparts; i++)
        out[i] = keep[i] ? 'x' : '.';
    return out;
}

START_TEST(pruning_by_comparisons)
{
    PartitionKeyData key = int_key(PARTITION_STRATEGY_RANGE, 1);
    PartitionBoundData *bounds[4] = {
        range1(MINV, 0, V, 10), range1(V, 10, V, 20), range1(V, 20, V, 30), default_bound('r')
    };
    PartitionDescData *d = desc_of(key, bounds, 4);
    BoolExpr   *or = makeNode(BoolExpr);
    NullTest   *isnull = makeNode(NullTest);

    ck_assert_str_eq(kept(d, NIL), "xxxx");
    ck_assert_str_eq(kept(d, list_make1(compare("=", 15, false))), ".x..");
    ck_assert_str_eq(kept(d, list_make1(compare("=", 99, false))), "...x");
    ck_assert_str_eq(kept(d, list_make1(compare("<", 10, false))), "x..x");
    ck_assert_str_eq(kept(d, list_make1(compare("<=", 10, false))), "xx.x");
    ck_assert_str_eq(kept(d, list_make1(compare(">", 10, true))), "x..x");     /* 10 > a */
    ck_assert_str_eq(kept(d, list_make1(compare(">=", 29, false))), "..xx");
    ck_assert_str_eq(kept(d, list_make2(compare(">=", 10, false), compare("<", 20, false))),
                     ".x.x");
    or->boolop = OR_EXPR;
    or->args = list_make2(compare("=", 5, false), compare("=", 25, false));
    ck_assert_str_eq(kept(d, list_make1(or)), "x.x.");
    isnull->arg = key_var();
    isnull->nulltesttype = IS_NULL;
    ck_assert_str_eq(kept(d, list_make1(isnull)), "...x");
    /* a clause on another relation's column prunes nothing */
    {
        OpExpr     *other = (OpExpr *) compare("=", 15, false);

        ((Var *) linitial(other->args))->varno = 2;
        ck_assert_str_eq(kept(d, list_make1(other)), "xxxx");
    }
}
END_TEST

static MemoryContext test_cxt;

static void
setup(void)
{
    MemoryContextInit();
    test_cxt = MemoryContextCreate(TopMemoryContext, "check_partition");
    MemoryContextSwitchTo(test_cxt);
}

static void
teardown(void)
{
    MemoryContextSwitchTo(TopMemoryContext);
    MemoryContextDelete(test_cxt);
}

static Suite *
partition_suite(void)
{
    Suite      *s = suite_create("partition");
    TCase      *tc = tcase_create("bounds");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, range_bounds_compare_with_infinities);
    tcase_add_test(tc, range_lower_inclusive_upper_exclusive);
    tcase_add_test(tc, multi_column_range_compares_column_by_column);
    tcase_add_test(tc, routing_prefers_a_fitting_partition_over_default);
    tcase_add_test(tc, list_and_hash_membership);
    tcase_add_test(tc, overlap_between_bounds);
    tcase_add_test(tc, bound_and_constraint_texts);
    tcase_add_test(tc, pruning_by_comparisons);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(partition_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
