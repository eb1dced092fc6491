/*
 * check_analyze.c
 *     Unit tests for parse analysis (parser/analyze.h) that need no
 *     catalog tables: type coercion, operator and function overload
 *     resolution, unknown-literal handling, common-type selection, output
 *     column naming, and the errors (SQLSTATE, message, position) for the
 *     same.  Expected results are what PostgreSQL 15 reports for the same
 *     statements (checked with \gdesc and pg_typeof); table-based behaviour
 *     is covered by test/regress/sql/{select,expressions,errors}.sql.
 */
#include "rustydb.h"

#include <check.h>

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "nodes/nodeFuncs.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static MemoryContext test_cxt;

static void
setup(void)
{
    MemoryContextInit();
    test_cxt = MemoryContextCreate(TopMemoryContext, "check_analyze");
    MemoryContextSwitchTo(test_cxt);
}

static void
teardown(void)
{
    MemoryContextSwitchTo(TopMemoryContext);
    MemoryContextDelete(test_cxt);
}

/* Analyze one statement; the Query, or NULL with *err set to "SQLSTATE message @pos". */
static Query *
analyze_sql(const char *sql, char **err)
{
    Query      *volatile q = NULL;
    MemoryContext cxt = CurrentMemoryContext;

    *err = NULL;
    RDB_TRY();
    {
        List       *raws = RawParser(sql);

        ck_assert_int_eq(list_length(raws), 1);
        q = parse_analyze(linitial(raws), sql, NULL, 0);
    }
    RDB_CATCH();
    {
        ErrorData  *e;
        char        st[6];

        MemoryContextSwitchTo(cxt);
        e = CopyErrorData();
        FlushErrorState();
        SqlstateToString(e->sqlerrcode, st);
        *err = psprintf("%s %s @%d", st, e->message, e->cursorpos);
    }
    RDB_END_TRY();
    return q;
}

/* "name:type name:type" of a query's result columns */
static char *
describe(const char *sql)
{
    char       *err;
    Query      *q = analyze_sql(sql, &err);
    TupleDesc   d;
    char       *out = pstrdup("");

    if (q == NULL)
        return err;
    d = QueryResultDesc(q);
    for (int i = 0; d && i < d->natts; i++)
        out = psprintf("%s%s%s:%s", out, i ? " " : "", TupleDescAttr(d, i)->attname.data,
                       FormatTypeWithTypmod(TupleDescAttr(d, i)->atttypid,
                                            TupleDescAttr(d, i)->atttypmod));
    return out;
}

#define EXPECT_DESC(sql, expected) ck_assert_str_eq(describe(sql), expected)

/* the first target entry's expression */
static Node *
first_expr(const char *sql)
{
    char       *err;
    Query      *q = analyze_sql(sql, &err);

    ck_assert_msg(q != NULL, "%s: %s", sql, err ? err : "");
    return (Node *) ((TargetEntry *) linitial(q->targetList))->expr;
}

START_TEST(literal_types)
{
    EXPECT_DESC("select 1, 2147483648, 9223372036854775808, 1.5, 1e3",
                "?column?:integer ?column?:bigint ?column?:numeric ?column?:numeric "
                "?column?:numeric");
    EXPECT_DESC("select 'a', null, true", "?column?:text ?column?:text ?column?:boolean");
    EXPECT_DESC("select -1, - 1.5, +2", "?column?:integer ?column?:numeric ?column?:integer");
}
END_TEST

START_TEST(unknown_takes_other_operand_type)
{
    Node       *e = first_expr("select 1 + '2'");
    OpExpr     *op;

    ck_assert(IsA(e, OpExpr));
    op = (OpExpr *) e;
    ck_assert_int_eq(exprType(lsecond(op->args)), INT4OID);
    ck_assert(IsA(lsecond(op->args), Const));
    ck_assert_int_eq(DatumGetInt32(((Const *) lsecond(op->args))->constvalue), 2);
    ck_assert_str_eq(describe("select 1 + 'a'"),
                     "22P02 invalid input syntax for type integer: \"a\" @12");
}
END_TEST

START_TEST(operator_resolution)
{
    EXPECT_DESC("select 1::int2 + 1::int8, 1::int2 + 1::int2, 1 / 2.0",
                "?column?:bigint ?column?:smallint ?column?:numeric");
    EXPECT_DESC("select 'a' || 'b'", "?column?:text");
    {
        /* 'a' || 'b' stays text || text; a non-text side picks text || anynonarray */
        OpExpr     *tt = (OpExpr *) first_expr("select 'a' || 'b'");
        OpExpr     *ta = (OpExpr *) first_expr("select 'a' || 1");
        OpExpr     *at = (OpExpr *) first_expr("select 1.5 || 'a'::text");

        ck_assert(IsA(tt, OpExpr) && IsA(ta, OpExpr) && IsA(at, OpExpr));
        ck_assert_int_eq(exprType(linitial(tt->args)), TEXTOID);
        ck_assert_int_eq(exprType(lsecond(tt->args)), TEXTOID);
        ck_assert_int_ne(ta->opfuncid, tt->opfuncid);
        ck_assert_int_eq(exprType(linitial(ta->args)), TEXTOID);
        ck_assert_int_eq(exprType(lsecond(ta->args)), INT4OID);
        ck_assert_int_eq(exprType(linitial(at->args)), NUMERICOID);
        ck_assert_int_eq(ta->opresulttype, TEXTOID);
    }
    EXPECT_DESC("select 'a' || 1, 1 || 'a'::varchar", "?column?:text ?column?:text");
    /* anynonarray rejects arrays, as in PostgreSQL */
    ck_assert_str_eq(describe("select 'a'::text || '{1}'::int[]"),
                     "42883 operator does not exist: text || integer[] @18");
    ck_assert_str_eq(describe("select 1 || 2"),
                     "42883 operator does not exist: integer || integer @10");
    ck_assert_str_eq(describe("select 1 + 'x'::text"),
                     "42883 operator does not exist: integer + text @10");
    ck_assert_str_eq(describe("select 'a' + 'b'"),
                     "42725 operator is not unique: unknown + unknown @12");
}
END_TEST

START_TEST(function_resolution)
{
    EXPECT_DESC("select abs(-1), length('abc'), abs(1.5)",
                "abs:integer length:integer abs:numeric");
    ck_assert_str_eq(describe("select foo(1)"),
                     "42883 function foo(integer) does not exist @8");
    ck_assert_str_eq(describe("select length(1)"),
                     "42883 function length(integer) does not exist @8");
    ck_assert_str_eq(describe("select sum('a')"),
                     "42725 function sum(unknown) is not unique @8");
}
END_TEST

START_TEST(casts)
{
    EXPECT_DESC("select cast(1 as text), 1::int8, 'abc'::varchar(2), 'abc'::char(2)",
                "text:text int8:bigint varchar:character varying(2) bpchar:character(2)");
    ck_assert_str_eq(describe("select 1::date"), "42846 cannot cast type integer to date @9");
    ck_assert_str_eq(describe("select 1::nosuchtype"),
                     "42704 type \"nosuchtype\" does not exist @11");
}
END_TEST

START_TEST(explicit_cast_truncates_constant)
{
    Node       *e = first_expr("select 'abcdef'::varchar(3)");

    ck_assert(IsA(e, Const));
    ck_assert_int_eq(((Const *) e)->consttypmod, 3 + VARHDRSZ);
    ck_assert_str_eq(OutputFunctionCall(VARCHAROID, ((Const *) e)->constvalue), "abc");
}
END_TEST

START_TEST(common_types)
{
    EXPECT_DESC("select case when true then 1 else 2.0 end, coalesce(null, 1, 2.5), "
                "coalesce('1', 2)",
                "case:numeric coalesce:numeric coalesce:integer");
    EXPECT_DESC("select greatest(1, 2.5), least('a', 'b'), nullif(1, 2)",
                "greatest:numeric least:text nullif:integer");
    EXPECT_DESC("select array[1, 2.5], array[1, 2]", "array:numeric[] array:integer[]");
    EXPECT_DESC("select array[[1, 2], [3, 4.5]], array[array[1], array[2]]",
                "array:numeric[] array:integer[]");
    ck_assert(((ArrayExpr *) first_expr("select array[[1, 2], [3, 4]]"))->multidims);
    ck_assert(((ArrayExpr *) first_expr("select array['{1}'::int[], '{2}']"))->multidims);
    ck_assert(!((ArrayExpr *) first_expr("select array['{1}', '{2}']"))->multidims);
    EXPECT_DESC("select 1 union select 2.5", "?column?:numeric");
    EXPECT_DESC("values (1, 'a'), (2, 'b')", "column1:integer column2:text");
    ck_assert_str_eq(describe("select coalesce(1, 'a')"),
                     "22P02 invalid input syntax for type integer: \"a\" @20");
    ck_assert_str_eq(describe("select array[]"),
                     "42P18 cannot determine type of empty array @8");
}
END_TEST

START_TEST(in_list_becomes_scalar_array_op)
{
    Node       *e = first_expr("select 1 in (1, 2, 3)");

    ck_assert(IsA(e, ScalarArrayOpExpr));
    ck_assert(((ScalarArrayOpExpr *) e)->useOr);
    ck_assert(IsA(lsecond(((ScalarArrayOpExpr *) e)->args), ArrayExpr));
    e = first_expr("select 1 not in (1, 2)");
    ck_assert(IsA(e, ScalarArrayOpExpr));
    ck_assert(!((ScalarArrayOpExpr *) e)->useOr);
}
END_TEST

START_TEST(between_becomes_comparisons)
{
    Node       *e = first_expr("select 1 between 0 and 2");

    ck_assert(IsA(e, BoolExpr));
    ck_assert_int_eq(((BoolExpr *) e)->boolop, AND_EXPR);
    e = first_expr("select 1 not between 0 and 2");
    ck_assert(IsA(e, BoolExpr));
    ck_assert_int_eq(((BoolExpr *) e)->boolop, OR_EXPR);
}
END_TEST

START_TEST(boolean_contexts)
{
    ck_assert_str_eq(describe("select 1 where 1"),
                     "42804 argument of WHERE must be type boolean, not type integer @16");
    ck_assert_str_eq(describe("select case when 1 then 1 end"),
                     "42804 argument of CASE/WHEN must be type boolean, not type integer @18");
    EXPECT_DESC("select 1 where 'true'", "?column?:integer");
}
END_TEST

START_TEST(aggregates)
{
    EXPECT_DESC("select count(*), sum(1), avg(1), max(1.5)",
                "count:bigint sum:bigint avg:numeric max:numeric");
    ck_assert_str_eq(describe("select sum(sum(1))"),
                     "42803 aggregate function calls cannot be nested @12");
    ck_assert_str_eq(describe("select 1 from (values (1)) a(x) where sum(x) > 1"),
                     "42803 aggregate functions are not allowed in WHERE @39");
    ck_assert_str_eq(describe("select x, count(*) from (values (1, 2)) v(x, y) group by 1 "
                              "order by y"),
                     "42803 column \"v.y\" must appear in the GROUP BY clause or be used in an "
                     "aggregate function @69");
}
END_TEST

START_TEST(sort_and_group_references)
{
    ck_assert_str_eq(describe("select 1 order by 2"),
                     "42P10 ORDER BY position 2 is not in select list @19");
    /* PostgreSQL points at the DISTINCT ON item, not at the target it names */
    ck_assert_str_eq(describe("select distinct on (1) 1, 2 order by 2"),
                     "42P10 SELECT DISTINCT ON expressions must match initial ORDER BY "
                     "expressions @21");
    EXPECT_DESC("select 1 as a union select 2 order by a", "a:integer");
}
END_TEST

START_TEST(names_and_scopes)
{
    ck_assert_str_eq(describe("select a from (select 1 as a, 2 as a) s"),
                     "42702 column reference \"a\" is ambiguous @8");
    ck_assert_str_eq(describe("select q.x from (values (1)) a(x)"),
                     "42P01 missing FROM-clause entry for table \"q\" @8");
    EXPECT_DESC("select * from (values (1, 2)) a(x, y) natural full join (values (2, 3)) b(x, z)",
                "x:integer y:integer z:integer");
    EXPECT_DESC("select (select max(a.x)) from (values (1)) a(x)", "max:integer");
    EXPECT_DESC("with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) "
                "select n from r", "n:integer");
    /* a FROM subquery without alias: position of its '(' (the outermost one) */
    ck_assert_str_eq(describe("select * from (select 1)"),
                     "42601 subquery in FROM must have an alias @15");
    ck_assert_str_eq(describe("select * from ((select 1))"),
                     "42601 subquery in FROM must have an alias @15");
    ck_assert_str_eq(describe("select * from (values (1)) a, (values (2))"),
                     "42601 VALUES in FROM must have an alias @31");
    /* DISTINCT ON / ORDER BY mismatch points at the DISTINCT ON expression */
    ck_assert_str_eq(describe("select distinct on (x) x, y from (values (1, 2)) v(x, y) "
                              "order by y"),
                     "42P10 SELECT DISTINCT ON expressions must match initial ORDER BY "
                     "expressions @21");
    ck_assert_str_eq(describe("select distinct on (x, y) x, y from (values (1, 2)) v(x, y) "
                              "order by x, 1 + 1, y"),
                     "42P10 SELECT DISTINCT ON expressions must match initial ORDER BY "
                     "expressions @24");
    EXPECT_DESC("select distinct on (x, y) x from (values (1, 2)) v(x, y) order by x desc",
                "x:integer");
}
END_TEST

START_TEST(copy_and_equal_roundtrip)
{
    char       *err;
    Query      *q = analyze_sql("select x, count(*) from (values (1, 'a'), (2, 'b')) v(x, y) "
                                "where y like 'a%' group by x order by 1 desc limit 3", &err);
    Query      *c;

    ck_assert_msg(q != NULL, "%s", err ? err : "");
    c = copyObject(q);
    ck_assert(c != q);
    ck_assert(equal(q, c));
    ((TargetEntry *) linitial(c->targetList))->resno = 9;
    ck_assert(!equal(q, c));
}
END_TEST

static Suite *
analyze_suite(void)
{
    Suite      *s = suite_create("analyze");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, literal_types);
    tcase_add_test(tc, unknown_takes_other_operand_type);
    tcase_add_test(tc, operator_resolution);
    tcase_add_test(tc, function_resolution);
    tcase_add_test(tc, casts);
    tcase_add_test(tc, explicit_cast_truncates_constant);
    tcase_add_test(tc, common_types);
    tcase_add_test(tc, in_list_becomes_scalar_array_op);
    tcase_add_test(tc, between_becomes_comparisons);
    tcase_add_test(tc, boolean_contexts);
    tcase_add_test(tc, aggregates);
    tcase_add_test(tc, sort_and_group_references);
    tcase_add_test(tc, names_and_scopes);
    tcase_add_test(tc, copy_and_equal_roundtrip);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(analyze_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
