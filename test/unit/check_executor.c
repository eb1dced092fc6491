/*
 * check_executor.c
 *     Unit tests for expression evaluation (executor/executor.h): trees of
 *     Const, OpExpr, FuncExpr, BoolExpr, CaseExpr, NullTest, CoalesceExpr,
 *     MinMaxExpr, DistinctExpr, NullIfExpr built by hand over the built-in
 *     functions, evaluated without any plan or table; plus the sort-key
 *     comparison helpers and constant folding.
 */
#include "rustydb.h"

#include <check.h>

#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "optimizer/planner.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#include "check_support.h"

static MemoryContext test_cxt;
static ExprContext *econtext;

static void
setup(void)
{
    MemoryContextInit();
    LogMinMessages = PANIC;
    test_cxt = MemoryContextCreate(TopMemoryContext, "executor test");
    MemoryContextSwitchTo(test_cxt);
    econtext = (ExprContext *) palloc0(sizeof(ExprContext));
    econtext->type = T_ExprContext;
    econtext->per_tuple_memory = MemoryContextCreate(test_cxt, "per tuple");
    econtext->caseNull = true;
}

static void
teardown(void)
{
    MemoryContextSwitchTo(TopMemoryContext);
    MemoryContextDelete(test_cxt);
}

/* ---------------- tree builders ---------------- */

static Node *
int4(int32 v)
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
null_of(Oid type)
{
    Const      *c = makeNode(Const);
    char        align;

    c->consttype = type;
    c->consttypmod = -1;
    TypeGetLenByvalAlign(type, &c->constlen, &c->constbyval, &align);
    c->constisnull = true;
    c->location = -1;
    return (Node *) c;
}

static Node *
boolc(int v)                    /* 1 true, 0 false, -1 NULL */
{
    Const      *c;

    if (v < 0)
        return null_of(BOOLOID);
    c = makeNode(Const);
    c->consttype = BOOLOID;
    c->consttypmod = -1;
    c->constlen = 1;
    c->constbyval = true;
    c->constvalue = BoolGetDatum(v != 0);
    c->location = -1;
    return (Node *) c;
}

static Node *
textc(const char *s)
{
    Const      *c = makeNode(Const);

    c->consttype = TEXTOID;
    c->consttypmod = -1;
    c->constlen = -1;
    c->constvalue = CStringGetTextDatum(s);
    c->location = -1;
    return (Node *) c;
}

/* The operator name(l, r) on int4 (or text for "||"). */
static const OperInfo *
find_op(const char *name, Oid left, Oid right)
{
    int         n;
    const OperInfo *const *cands = OperCandidatesByName(name, &n);

    for (int i = 0; i < n; i++)
        if (cands[i]->left == left && cands[i]->right == right)
            return cands[i];
    ck_abort_msg("no operator %s(%u,%u)", name, left, right);
    return NULL;
}

static Node *
op_typed(NodeTag tag, const char *name, Oid type, Node *l, Node *r)
{
    const OperInfo *oi = find_op(name, type, type);
    OpExpr     *op = (OpExpr *) newNode(sizeof(OpExpr), tag);

    op->opno = oi->oid;
    op->opfuncid = oi->func_oid;
    op->opresulttype = oi->result;
    op->args = list_make2(l, r);
    op->location = -1;
    return (Node *) op;
}

static Node *
op(const char *name, Node *l, Node *r)
{
    return op_typed(T_OpExpr, name, INT4OID, l, r);
}

static Node *
boolop(BoolExprType t, Node *a, Node *b)
{
    BoolExpr   *e = makeNode(BoolExpr);

    e->boolop = t;
    e->args = b ? list_make2(a, b) : list_make1(a);
    e->location = -1;
    return (Node *) e;
}

/* Evaluate expr; returns the datum and sets *isnull. */
static Datum
eval(Node *expr, bool *isnull)
{
    ExprState  *state = ExecInitExpr(expr, NULL);

    return ExecEvalExprSwitchContext(state, econtext, isnull);
}

static int32
eval_int(Node *expr)
{
    bool        isnull;
    Datum       d = eval(expr, &isnull);

    ck_assert_msg(!isnull, "unexpected NULL");
    return DatumGetInt32(d);
}

/* 1 true, 0 false, -1 NULL */
static int
eval_bool3(Node *expr)
{
    bool        isnull;
    Datum       d = eval(expr, &isnull);

    return isnull ? -1 : DatumGetBool(d) ? 1 : 0;
}

/* ---------------- tests ---------------- */

START_TEST(const_and_arithmetic)
{
    ck_assert_int_eq(eval_int(int4(42)), 42);
    ck_assert_int_eq(eval_int(op("+", int4(2), int4(3))), 5);
    ck_assert_int_eq(eval_int(op("*", op("-", int4(10), int4(4)), int4(7))), 42);
}
END_TEST

START_TEST(strict_operator_with_null_is_null)
{
    bool        isnull;

    (void) eval(op("+", int4(1), null_of(INT4OID)), &isnull);
    ck_assert(isnull);
    ck_assert_int_eq(eval_bool3(op("=", null_of(INT4OID), int4(1))), -1);
}
END_TEST

START_TEST(division_by_zero_raises)
{
    EXPECT_ERROR(eval_int(op("/", int4(1), int4(0))), "22012 division by zero");
}
END_TEST

START_TEST(three_valued_and_or_not)
{
    /* AND */
    ck_assert_int_eq(eval_bool3(boolop(AND_EXPR, boolc(1), boolc(1))), 1);
    ck_assert_int_eq(eval_bool3(boolop(AND_EXPR, boolc(1), boolc(-1))), -1);
    ck_assert_int_eq(eval_bool3(boolop(AND_EXPR, boolc(0), boolc(-1))), 0);
    ck_assert_int_eq(eval_bool3(boolop(AND_EXPR, boolc(-1), boolc(0))), 0);
    /* OR */
    ck_assert_int_eq(eval_bool3(boolop(OR_EXPR, boolc(0), boolc(0))), 0);
    ck_assert_int_eq(eval_bool3(boolop(OR_EXPR, boolc(0), boolc(-1))), -1);
    ck_assert_int_eq(eval_bool3(boolop(OR_EXPR, boolc(-1), boolc(1))), 1);
    /* NOT */
    ck_assert_int_eq(eval_bool3(boolop(NOT_EXPR, boolc(1), NULL)), 0);
    ck_assert_int_eq(eval_bool3(boolop(NOT_EXPR, boolc(-1), NULL)), -1);
}
END_TEST

START_TEST(and_short_circuits_before_errors)
{
    /* false AND (1/0 = 1) is false without evaluating the division */
    ck_assert_int_eq(eval_bool3(boolop(AND_EXPR, boolc(0),
                                       op("=", op("/", int4(1), int4(0)), int4(1)))), 0);
}
END_TEST

START_TEST(searched_and_simple_case)
{
    CaseExpr   *c = makeNode(CaseExpr);
    CaseWhen   *w1 = makeNode(CaseWhen);
    CaseWhen   *w2 = makeNode(CaseWhen);
    CaseTestExpr *t = makeNode(CaseTestExpr);
    NullTest   *nt = makeNode(NullTest);

    /* CASE WHEN 1 > 2 THEN 10 WHEN 2 > 1 THEN 20 ELSE 30 END */
    w1->expr = op(">", int4(1), int4(2));
    w1->result = int4(10);
    w2->expr = op(">", int4(2), int4(1));
    w2->result = int4(20);
    c->casetype = INT4OID;
    c->args = list_make2(w1, w2);
    c->defresult = int4(30);
    ck_assert_int_eq(eval_int((Node *) c), 20);

    /* no branch matches and no ELSE: NULL */
    w2->expr = boolc(-1);
    c->defresult = NULL;
    nt->arg = (Node *) c;
    nt->nulltesttype = IS_NULL;
    ck_assert_int_eq(eval_bool3((Node *) nt), 1);

    /* simple CASE 3 WHEN 3 THEN 100 ELSE 0 END */
    t->typeId = INT4OID;
    t->typeMod = -1;
    c = makeNode(CaseExpr);
    w1 = makeNode(CaseWhen);
    w1->expr = op("=", (Node *) t, int4(3));
    w1->result = int4(100);
    c->casetype = INT4OID;
    c->arg = int4(3);
    c->args = list_make1(w1);
    c->defresult = int4(0);
    ck_assert_int_eq(eval_int((Node *) c), 100);
}
END_TEST

START_TEST(coalesce_and_minmax)
{
    CoalesceExpr *co = makeNode(CoalesceExpr);
    MinMaxExpr *mm = makeNode(MinMaxExpr);
    bool        isnull;

    co->coalescetype = INT4OID;
    co->args = list_make3(null_of(INT4OID), int4(7), int4(8));
    ck_assert_int_eq(eval_int((Node *) co), 7);
    co->args = list_make1(null_of(INT4OID));
    (void) eval((Node *) co, &isnull);
    ck_assert(isnull);

    mm->minmaxtype = INT4OID;
    mm->op = IS_GREATEST;
    mm->args = list_make3(int4(3), null_of(INT4OID), int4(9));
    ck_assert_int_eq(eval_int((Node *) mm), 9);
    mm->op = IS_LEAST;
    ck_assert_int_eq(eval_int((Node *) mm), 3);
}
END_TEST

START_TEST(null_and_boolean_tests)
{
    NullTest   *nt = makeNode(NullTest);
    BooleanTest *bt = makeNode(BooleanTest);

    nt->arg = null_of(INT4OID);
    nt->nulltesttype = IS_NOT_NULL;
    ck_assert_int_eq(eval_bool3((Node *) nt), 0);
    bt->arg = boolc(-1);
    bt->booltesttype = IS_UNKNOWN;
    ck_assert_int_eq(eval_bool3((Node *) bt), 1);
    bt->booltesttype = IS_NOT_TRUE;
    ck_assert_int_eq(eval_bool3((Node *) bt), 1);
    bt->arg = boolc(0);
    bt->booltesttype = IS_FALSE;
    ck_assert_int_eq(eval_bool3((Node *) bt), 1);
}
END_TEST

START_TEST(distinct_and_nullif)
{
    bool        isnull;

    ck_assert_int_eq(eval_bool3(op_typed(T_DistinctExpr, "=", INT4OID, int4(1),
                                         null_of(INT4OID))), 1);
    ck_assert_int_eq(eval_bool3(op_typed(T_DistinctExpr, "=", INT4OID, null_of(INT4OID),
                                         null_of(INT4OID))), 0);
    ck_assert_int_eq(eval_bool3(op_typed(T_DistinctExpr, "=", INT4OID, int4(2), int4(2))), 0);
    (void) eval(op_typed(T_NullIfExpr, "=", INT4OID, int4(5), int4(5)), &isnull);
    ck_assert(isnull);
    ck_assert_int_eq(eval_int(op_typed(T_NullIfExpr, "=", INT4OID, int4(5), int4(6))), 5);
}
END_TEST

START_TEST(text_concatenation)
{
    bool        isnull;
    Datum       d = eval(op_typed(T_OpExpr, "||", TEXTOID, textc("ab"), textc("cd")), &isnull);

    ck_assert(!isnull);
    ck_assert_str_eq(TextDatumGetCString(d), "abcd");
}
END_TEST

START_TEST(qual_lists_treat_null_as_false)
{
    List       *qual = ExecInitExprList(list_make2(boolc(1), boolc(-1)), NULL);

    ck_assert(!ExecQual(qual, econtext));
    qual = ExecInitExprList(list_make2(boolc(1), op("<", int4(1), int4(2))), NULL);
    ck_assert(ExecQual(qual, econtext));
    ck_assert(ExecQual(NIL, econtext));
}
END_TEST

START_TEST(compare_keys_orders_nulls_and_desc)
{
    SortSupportData key;
    Datum       a[1] = {Int32GetDatum(1)};
    Datum       b[1] = {Int32GetDatum(2)};
    bool        nn[1] = {false};
    bool        isnull1[1] = {true};

    ExecSortSupportInit(&key, 0, INT4OID, false, false);
    ck_assert_int_lt(ExecCompareKeys(&key, 1, a, nn, b, nn), 0);
    ck_assert_int_gt(ExecCompareKeys(&key, 1, a, isnull1, b, nn), 0);     /* NULLS LAST */
    ExecSortSupportInit(&key, 0, INT4OID, true, true);
    ck_assert_int_gt(ExecCompareKeys(&key, 1, a, nn, b, nn), 0);          /* DESC */
    ck_assert_int_lt(ExecCompareKeys(&key, 1, a, isnull1, b, nn), 0);     /* NULLS FIRST */
}
END_TEST

START_TEST(constant_folding)
{
    Node       *folded = eval_const_expressions(op("+", int4(40), int4(2)));

    ck_assert(IsA(folded, Const));
    ck_assert_int_eq(DatumGetInt32(((Const *) folded)->constvalue), 42);
    folded = eval_const_expressions(boolop(AND_EXPR, boolc(0), boolc(-1)));
    ck_assert(IsA(folded, Const) && !((Const *) folded)->constisnull &&
              !DatumGetBool(((Const *) folded)->constvalue));
    folded = eval_const_expressions(boolop(OR_EXPR, boolc(0), boolc(-1)));
    ck_assert(IsA(folded, Const) && ((Const *) folded)->constisnull);
}
END_TEST

static Suite *
executor_suite(void)
{
    Suite      *s = suite_create("executor");
    TCase      *tc = tcase_create("expressions");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, const_and_arithmetic);
    tcase_add_test(tc, strict_operator_with_null_is_null);
    tcase_add_test(tc, division_by_zero_raises);
    tcase_add_test(tc, three_valued_and_or_not);
    tcase_add_test(tc, and_short_circuits_before_errors);
    tcase_add_test(tc, searched_and_simple_case);
    tcase_add_test(tc, coalesce_and_minmax);
    tcase_add_test(tc, null_and_boolean_tests);
    tcase_add_test(tc, distinct_and_nullif);
    tcase_add_test(tc, text_concatenation);
    tcase_add_test(tc, qual_lists_treat_null_as_false);
    tcase_add_test(tc, compare_keys_orders_nulls_and_desc);
    tcase_add_test(tc, constant_folding);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(executor_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
