/*
 * check_parser.c
 *     Unit tests for the SQL scanner and grammar (parser/parser.h): trees
 *     for each statement family, operator precedence, and error messages
 *     and positions checked against PostgreSQL 15 (psql's caret position).
 */
#include "rustydb.h"

#include <check.h>

#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void
setup(void)
{
    MemoryContextInit();
    LogMinMessages = PANIC;     /* keep NOTICEs out of the test output */
}

/* The tree of the only statement in sql, without its RawStmt wrapper. */
static char *
tree(const char *sql)
{
    List       *stmts = RawParser(sql);

    ck_assert_int_eq(list_length(stmts), 1);
    return RawNodeToString(linitial_node(RawStmt, stmts)->stmt);
}

/* Parse sql expecting an error; returns its data (caller checks fields). */
static ErrorData *
parse_error(const char *sql)
{
    ErrorData  *volatile edata = NULL;
    MemoryContext cxt = CurrentMemoryContext;

    RDB_TRY();
    {
        (void) RawParser(sql);
    }
    RDB_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        edata = CopyErrorData();
        FlushErrorState();
    }
    RDB_END_TRY();
    ck_assert_msg(edata != NULL, "no error for: %s", sql);
    return edata;
}

static void
check_error(const char *sql, const char *sqlstate, int position, const char *message)
{
    ErrorData  *e = parse_error(sql);
    char        state[6];

    SqlstateToString(e->sqlerrcode, state);
    ck_assert_msg(strcmp(state, sqlstate) == 0, "%s: sqlstate %s, want %s", sql, state, sqlstate);
    ck_assert_msg(e->cursorpos == position, "%s: position %d, want %d", sql, e->cursorpos,
                  position);
    ck_assert_msg(strcmp(e->message, message) == 0, "%s: message \"%s\", want \"%s\"", sql,
                  e->message, message);
}

/* ---------------------------------------------------------------- precedence */

START_TEST(precedence_mul_over_add)
{
    ck_assert_str_eq(tree("select 1+2*3"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"+\") :lexpr 1 "
                     ":rexpr {A_Expr :name (\"*\") :lexpr 2 :rexpr 3}}})}");
}
END_TEST

START_TEST(precedence_and_over_or)
{
    ck_assert_str_eq(tree("select a OR b AND c"),
                     "{SelectStmt :targetList ({ResTarget :val {RawBoolExpr :boolop 1 :args "
                     "({ColumnRef :fields (\"a\")} {RawBoolExpr :args ({ColumnRef :fields (\"b\")} "
                     "{ColumnRef :fields (\"c\")})})}})}");
}
END_TEST

START_TEST(precedence_not_below_comparison)
{
    ck_assert_str_eq(tree("select NOT a = b"),
                     "{SelectStmt :targetList ({ResTarget :val {RawBoolExpr :boolop 2 :args "
                     "({A_Expr :name (\"=\") :lexpr {ColumnRef :fields (\"a\")} "
                     ":rexpr {ColumnRef :fields (\"b\")}})}})}");
}
END_TEST

START_TEST(precedence_unary_minus_over_power)
{
    /* PostgreSQL folds the minus into the constant: (-2)^2 */
    ck_assert_str_eq(tree("select -2^2"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"^\") :lexpr -2 "
                     ":rexpr 2}})}");
}
END_TEST

START_TEST(precedence_cast_to_array)
{
    ck_assert_str_eq(tree("select a::int[]"),
                     "{SelectStmt :targetList ({ResTarget :val {TypeCast :arg {ColumnRef :fields "
                     "(\"a\")} :typeName {TypeName :names (\"pg_catalog\" \"int4\") :typemod -1 "
                     ":arrayBounds (-1)}}})}");
}
END_TEST

START_TEST(precedence_left_assoc)
{
    ck_assert_str_eq(tree("select 1 - 2 - 3"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"-\") :lexpr "
                     "{A_Expr :name (\"-\") :lexpr 1 :rexpr 2} :rexpr 3}})}");
    ck_assert_str_eq(tree("select 2^3^2"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"^\") :lexpr "
                     "{A_Expr :name (\"^\") :lexpr 2 :rexpr 3} :rexpr 2}})}");
}
END_TEST

START_TEST(precedence_cast_over_minus)
{
    ck_assert_str_eq(tree("select -a::int"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"-\") :rexpr "
                     "{TypeCast :arg {ColumnRef :fields (\"a\")} :typeName {TypeName :names "
                     "(\"pg_catalog\" \"int4\") :typemod -1}}}})}");
}
END_TEST

START_TEST(precedence_generic_op_below_arith)
{
    ck_assert_str_eq(tree("select a || b = c"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"=\") :lexpr "
                     "{A_Expr :name (\"||\") :lexpr {ColumnRef :fields (\"a\")} :rexpr {ColumnRef "
                     ":fields (\"b\")}} :rexpr {ColumnRef :fields (\"c\")}}})}");
}
END_TEST

START_TEST(between_binds_tighter_than_and)
{
    ck_assert_str_eq(tree("select a between 1 and 2 and b"),
                     "{SelectStmt :targetList ({ResTarget :val {RawBoolExpr :args ({A_Expr :kind 9 "
                     ":name (\"BETWEEN\") :lexpr {ColumnRef :fields (\"a\")} :rexpr (1 2)} "
                     "{ColumnRef :fields (\"b\")})}})}");
}
END_TEST

START_TEST(in_list_and_subquery)
{
    ck_assert_str_eq(tree("select x not in (1, 2)"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :kind 5 :name (\"<>\") "
                     ":lexpr {ColumnRef :fields (\"x\")} :rexpr (1 2)}})}");
    ck_assert_str_eq(tree("select x in (select 1)"),
                     "{SelectStmt :targetList ({ResTarget :val {RawSubLink :subLinkType 2 "
                     ":testexpr {ColumnRef :fields (\"x\")} :operName (\"=\") :subselect "
                     "{SelectStmt :targetList ({ResTarget :val 1})}}})}");
}
END_TEST

START_TEST(nonassoc_comparisons_accepted_like_postgres)
{
    /* accepted by PostgreSQL: the first rule ends with a keyword/paren */
    (void) tree("select 1 where 1 is null is null");
    (void) tree("select 1 isnull isnull");
    (void) tree("select 1 = any(array[1]) = true");
    (void) tree("select 1 where 1 in (1) like 'a'");
}
END_TEST

/* ---------------------------------------------------------------- queries */

START_TEST(select_names_and_qualified)
{
    ck_assert_str_eq(tree("select t.a, t.*, f(x) from s.t"),
                     "{SelectStmt :targetList ({ResTarget :val {ColumnRef :fields (\"t\" \"a\")}} "
                     "{ResTarget :val {ColumnRef :fields (\"t\" {A_Star})}} {ResTarget :val "
                     "{FuncCall :funcname (\"f\") :args ({ColumnRef :fields (\"x\")})}}) "
                     ":fromClause ({RangeVar :schemaname \"s\" :relname \"t\" :inh "
                     ":relpersistence p})}");
}
END_TEST

START_TEST(select_dollar_in_identifier)
{
    ck_assert_str_eq(tree("select 1 from v$slow_queries"),
                     "{SelectStmt :targetList ({ResTarget :val 1}) :fromClause ({RangeVar "
                     ":relname \"v$slow_queries\" :inh :relpersistence p})}");
}
END_TEST

START_TEST(select_window_and_filter)
{
    ck_assert_str_eq(tree("select count(*) filter (where a > 0) over (partition by b order by c "
                          "desc nulls last) from t"),
                     "{SelectStmt :targetList ({ResTarget :val {FuncCall :funcname (\"count\") "
                     ":agg_filter {A_Expr :name (\">\") :lexpr {ColumnRef :fields (\"a\")} :rexpr 0} "
                     ":over {RawWindowDef :partitionClause ({ColumnRef :fields (\"b\")}) "
                     ":orderClause ({SortBy :node {ColumnRef :fields (\"c\")} :sortby_dir 2 "
                     ":sortby_nulls 2}) :frameOptions 1058} :agg_star}}) :fromClause ({RangeVar "
                     ":relname \"t\" :inh :relpersistence p})}");
}
END_TEST

START_TEST(select_typed_literals_and_sql_functions)
{
    ck_assert_str_eq(tree("select interval '1' day, date '2024-01-01', current_timestamp(3)"),
                     "{SelectStmt :targetList ({ResTarget :val {TypeCast :arg \"1\" :typeName "
                     "{TypeName :names (\"pg_catalog\" \"interval\") :typmods (8) :typemod -1}}} "
                     "{ResTarget :val {TypeCast :arg \"2024-01-01\" :typeName {TypeName :names "
                     "(\"date\") :typemod -1}}} {ResTarget :val {RawSQLValueFunction :op 4 "
                     ":typmod 3}})}");
}
END_TEST

START_TEST(select_with_recursive_union_limit)
{
    ck_assert_str_eq(tree("with recursive x(n) as (select 1 union all select n+1 from x) "
                          "select * from x limit 5"),
                     "{SelectStmt :targetList ({ResTarget :val {ColumnRef :fields ({A_Star})}}) "
                     ":fromClause ({RangeVar :relname \"x\" :inh :relpersistence p}) :limitCount 5 "
                     ":limitOption 1 :withClause {WithClause :ctes ({RawCommonTableExpr :ctename "
                     "\"x\" :aliascolnames (\"n\") :ctequery {SelectStmt :op 1 :all :larg "
                     "{SelectStmt :targetList ({ResTarget :val 1})} :rarg {SelectStmt :targetList "
                     "({ResTarget :val {A_Expr :name (\"+\") :lexpr {ColumnRef :fields (\"n\")} "
                     ":rexpr 1}}) :fromClause ({RangeVar :relname \"x\" :inh :relpersistence "
                     "p})}}}) :recursive}}");
}
END_TEST

START_TEST(select_accepts_postgres_forms)
{
    static const char *const ok[] = {
        "select", "select from t", "select distinct on (a) a, b from t order by a",
        "values (1, 2), (3, 4)", "table t", "(select 1) union (select 2) order by 1",
        "select * from ((select 1) union (select 2)) x", "select ((select 1)) + 1",
        "select * from a join b join c on true on true",
        "select * from t1 left join t2 using (a) natural join t3 cross join t4",
        "select * from generate_series(1, 10) as g(x)", "select * from t, lateral f(t.a) g",
        "select * from (t join u on true) as j", "select * from only t", "select * from t*",
        "select 1 as x, 2 y, 3 \"z\", 4 as select",
        "select * from t offset 2 rows fetch first 3 rows only",
        "select * from t for no key update of t skip locked",
        "select * from t limit 5 for update nowait", "select 1 for read only",
        "select case when a then 1 else 2 end, case a when 1 then 2 end",
        "select coalesce(a, b), nullif(a, b), greatest(1, 2), least(1, 2)",
        "select array[1, 2], array[[1], [2]], array(select 1), a[1], a[1:2], (a).b",
        "select row(1, 2), (1, 2), exists(select 1), 1 = any(array[1]), 1 < all(select 1)",
        "select extract(year from now()), substring('abc' from 2 for 1)",
        "select position('b' in 'abc'), trim(both 'x' from 'xax'), overlay('abc' placing 'x' from 2)",
        "select current_date, localtimestamp, current_user, session_user, user, current_schema",
        "select f(distinct a order by b), string_agg(x, ',' order by y), g() within group (order by x)",
        "select sum(a) over w from t window w as (partition by a order by b rows between "
        "1 preceding and 1 following exclude ties)",
        "select a at time zone 'utc', a collate \"C\", operator(pg_catalog.+) 1",
        "select 1 similar to 'x' escape 'y', 'a' not ilike 'b', 'a' like any (array['x'])",
        "select x::double precision, x::character varying(3), x::timestamp(3) with time zone",
        "select x::interval day to second(3), x::bit varying(3), x::\"MyType\", x::s.t(1, 2)",
        "select $1, $2[1], e'a\\nb', $$x$$, $t$y$t$, b'01', x'1f', U&'d\\0061t'",
        "select 1 /* a /* nested */ b */ + 1 -- trailing",
        "select 'a'\n 'b'",
        "with x as materialized (select 1), y as not materialized (select 2) select 1",
        "with x as (insert into t values (1) returning *) select * from x",
    };

    for (size_t i = 0; i < lengthof(ok); i++)
        ck_assert_int_eq(list_length(RawParser(ok[i])), 1);
}
END_TEST

/* ---------------------------------------------------------------- DML */

START_TEST(insert_values_on_conflict_returning)
{
    ck_assert_str_eq(tree("insert into t (a) values (1, default) on conflict (a) do nothing "
                          "returning *"),
                     "{InsertStmt :relation {RangeVar :relname \"t\" :inh :relpersistence p} :cols "
                     "({ResTarget :name \"a\"}) :selectStmt {SelectStmt :valuesLists ((1 "
                     "{RawSetToDefault}))} :onConflictClause {OnConflictClause :action 1 :infer "
                     "{InferClause :indexElems ({IndexElem :name \"a\"})}} :returningList "
                     "({ResTarget :val {ColumnRef :fields ({A_Star})}})}");
}
END_TEST

START_TEST(update_multi_assignment)
{
    ck_assert_str_eq(tree("update t set (a, b) = (1, 2) where c"),
                     "{UpdateStmt :relation {RangeVar :relname \"t\" :inh :relpersistence p} "
                     ":targetList ({ResTarget :name \"a\" :val {MultiAssignRef :source {RawRowExpr "
                     ":args (1 2)} :colno 1 :ncolumns 2}} {ResTarget :name \"b\" :val "
                     "{MultiAssignRef :source {RawRowExpr :args (1 2)} :colno 2 :ncolumns 2}}) "
                     ":whereClause {ColumnRef :fields (\"c\")}}");
}
END_TEST

START_TEST(dml_accepts)
{
    static const char *const ok[] = {
        "insert into t default values", "insert into t (a, b) select 1, 2",
        "insert into t as x (a) values (1) on conflict (a) do update set b = excluded.b "
        "where x.a > 0 returning a",
        "insert into t (select 1)", "insert into t (a[1], b.c) values (1, 2)",
        "update t x set a = 1, b = default from u where x.id = u.id returning a",
        "update t set (a, b) = (select 1, 2)", "delete from t using u where t.a = u.a returning *",
        "with x as (select 1) delete from t",
    };

    for (size_t i = 0; i < lengthof(ok); i++)
        ck_assert_int_eq(list_length(RawParser(ok[i])), 1);
}
END_TEST

START_TEST(where_current_of_rejected)
{
    check_error("update t set a = 1 where current of c", "0A000", 26,
                "WHERE CURRENT OF is not supported");
}
END_TEST

/* ---------------------------------------------------------------- DDL */

START_TEST(create_table_columns_and_constraints)
{
    ck_assert_str_eq(tree("create table t (a int primary key, b varchar(10) not null default 'x')"),
                     "{CreateStmt :relation {RangeVar :relname \"t\" :inh :relpersistence p} "
                     ":tableElts ({ColumnDef :colname \"a\" :typeName {TypeName :names "
                     "(\"pg_catalog\" \"int4\") :typemod -1} :constraints ({Constraint :contype 6 "
                     ":initially_valid})} {ColumnDef :colname \"b\" :typeName {TypeName :names "
                     "(\"pg_catalog\" \"varchar\") :typmods (10) :typemod -1} :constraints "
                     "({Constraint :contype 1 :initially_valid} {Constraint :contype 2 :raw_expr "
                     "\"x\" :initially_valid})})}");
}
END_TEST

START_TEST(drop_table_list)
{
    ck_assert_str_eq(tree("drop table if exists a, s.b cascade"),
                     "{DropStmt :objects ((\"a\") (\"s\" \"b\")) :behavior 1 :missing_ok}");
}
END_TEST

START_TEST(create_index_full_form)
{
    ck_assert_str_eq(tree("create unique index concurrently if not exists i on t using btree "
                          "(lower(e) desc) where a"),
                     "{IndexStmt :idxname \"i\" :relation {RangeVar :relname \"t\" :inh "
                     ":relpersistence p} :accessMethod \"btree\" :indexParams ({IndexElem :expr "
                     "{FuncCall :funcname (\"lower\") :args ({ColumnRef :fields (\"e\")})} "
                     ":ordering 2}) :whereClause {ColumnRef :fields (\"a\")} :unique :concurrent "
                     ":if_not_exists}");
}
END_TEST

START_TEST(alter_table_partition_by_dialect)
{
    ck_assert_str_eq(tree("alter table orders partition by range (order_date) (partition p1 "
                          "values less than ('2025-01-01'), partition p2 values less than "
                          "(maxvalue))"),
                     "{AlterTableStmt :relation {RangeVar :relname \"orders\" :inh "
                     ":relpersistence p} :cmds ({AlterTableCmd :subtype 15 :def {PartitionSpec "
                     ":strategy \"range\" :partParams ({PartitionElem :name \"order_date\"}) "
                     ":partitions ({PartitionDef :name \"p1\" :upperdatums ({PartitionRangeDatum "
                     ":value \"2025-01-01\"})} {PartitionDef :name \"p2\" :upperdatums "
                     "({PartitionRangeDatum :kind 1})})} :recurse})}");
}
END_TEST

START_TEST(ddl_accepts)
{
    static const char *const ok[] = {
        "create temp table if not exists t (a int)",
        "create table t (a int default 1 not null, b text collate \"C\" unique, "
        "c numeric(10,2) check (c > 0), d int references u(id) on delete cascade on update set null, "
        "constraint pk primary key (a) include (b), foreign key (d) references u (id) match full, "
        "unique nulls not distinct (b, c))",
        "create table t (a int generated always as identity, b int generated by default as "
        "identity (start with 10), c int generated always as (a * 2) stored)",
        "create table t as select 1 with no data", "create table t (a, b) as select 1, 2",
        "create table p partition of t for values from (minvalue) to (10)",
        "create table p partition of t for values in (1, 2)", "create table p partition of t default",
        "create table t (a int, b date) partition by range (b) with (fillfactor = 70)",
        "create unlogged table t (a int)", "create global temporary table t (a int) on commit drop",
        "drop index concurrently if exists i", "drop view v", "drop schema s restrict",
        "drop database if exists d with (force)", "drop role r", "drop user u",
        "create database d with owner = x encoding 'UTF8' connection limit = 10",
        "create schema if not exists s", "create schema authorization joe",
        "create or replace view v (a) as select 1 with local check option",
        "create role r with superuser login password 'x' connection limit 5 in role a",
        "create user u password 'x' nosuperuser", "alter role r with nologin",
        "alter user u rename to v", "truncate table t restart identity cascade", "truncate t, u",
        "alter table t add column c int default 0, add d text",
        "alter table if exists t drop column if exists c cascade",
        "alter table t alter column c set default 1, alter c drop default",
        "alter table t alter c set not null, alter c drop not null, alter c set statistics 100",
        "alter table t alter c type bigint using c::bigint, alter d set data type text",
        "alter table t add constraint c check (a > 0), add primary key (a), drop constraint c",
        "alter table t rename column a to b", "alter table t rename to u",
        "alter table t set (fillfactor = 50), reset (fillfactor)", "alter index i rename to j",
        "alter table t partition by range (d) (partition p1 values less than maxvalue)",
        "create index on t (a)", "create index i on t (a text_pattern_ops nulls first)",
        "create sequence if not exists s as bigint start with 1 increment by 2 no maxvalue cycle",
        "alter sequence s restart with 5",
    };

    for (size_t i = 0; i < lengthof(ok); i++)
        ck_assert_int_eq(list_length(RawParser(ok[i])), 1);
}
END_TEST

/* ---------------------------------------------------------------- maintenance and utility */

START_TEST(vacuum_keyword_options)
{
    ck_assert_str_eq(tree("vacuum full verbose users (a)"),
                     "{VacuumStmt :options ({DefElem :defname \"full\"} {DefElem :defname "
                     "\"verbose\"}) :rels ({VacuumRelation :relation {RangeVar :relname \"users\" "
                     ":inh :relpersistence p} :va_cols (\"a\")}) :is_vacuumcmd}");
}
END_TEST

START_TEST(analyze_table_and_schema_dialect)
{
    ck_assert_str_eq(tree("analyze table customers"),
                     "{VacuumStmt :rels ({VacuumRelation :relation {RangeVar :relname "
                     "\"customers\" :inh :relpersistence p}}) :target_kind 1}");
    ck_assert_str_eq(tree("analyze schema public"),
                     "{VacuumStmt :target_kind 2 :schemaname \"public\"}");
    /* a table named "schema", as in PostgreSQL */
    ck_assert_str_eq(tree("analyze schema"),
                     "{VacuumStmt :rels ({VacuumRelation :relation {RangeVar :relname \"schema\" "
                     ":inh :relpersistence p}})}");
}
END_TEST

START_TEST(reindex_concurrently)
{
    ck_assert_str_eq(tree("reindex index concurrently i"),
                     "{ReindexStmt :relation {RangeVar :relname \"i\" :inh :relpersistence p} "
                     ":concurrent}");
    ck_assert_str_eq(tree("reindex (concurrently) schema s"),
                     "{ReindexStmt :kind 2 :name \"s\" :concurrent :params ({DefElem :defname "
                     "\"concurrently\"})}");
}
END_TEST

START_TEST(set_show_alter_system)
{
    ck_assert_str_eq(tree("alter system set work_mem = '8MB'"),
                     "{AlterSystemStmt :setstmt {VariableSetStmt :name \"work_mem\" :args "
                     "(\"8MB\")}}");
    ck_assert_str_eq(tree("set time zone 'UTC'"),
                     "{VariableSetStmt :name \"timezone\" :args (\"UTC\")}");
    ck_assert_str_eq(tree("show transaction isolation level"),
                     "{VariableShowStmt :name \"transaction_isolation\"}");
    ck_assert_str_eq(tree("set statement_timeout = -1"),
                     "{VariableSetStmt :name \"statement_timeout\" :args (-1)}");
}
END_TEST

START_TEST(transaction_modes)
{
    ck_assert_str_eq(tree("begin isolation level repeatable read, read only"),
                     "{TransactionStmt :options ({DefElem :defname \"transaction_isolation\" "
                     ":arg \"repeatable read\"} {DefElem :defname \"transaction_read_only\" :arg "
                     "true})}");
}
END_TEST

START_TEST(copy_explain_lock)
{
    ck_assert_str_eq(tree("copy t from stdin with (format csv, header)"),
                     "{CopyStmt :relation {RangeVar :relname \"t\" :inh :relpersistence p} "
                     ":is_from :options ({DefElem :defname \"format\" :arg \"csv\"} {DefElem "
                     ":defname \"header\"})}");
    ck_assert_str_eq(tree("explain (analyze, format json) select 1"),
                     "{ExplainStmt :query {SelectStmt :targetList ({ResTarget :val 1})} :options "
                     "({DefElem :defname \"analyze\"} {DefElem :defname \"format\" :arg "
                     "\"json\"})}");
    ck_assert_str_eq(tree("lock table t in share row exclusive mode nowait"),
                     "{LockStmt :relations ({RangeVar :relname \"t\" :inh :relpersistence p}) "
                     ":mode 6 :nowait}");
}
END_TEST

START_TEST(utility_accepts)
{
    static const char *const ok[] = {
        /* the operator's guide, as written */
        "VACUUM users;", "VACUUM;", "VACUUM FULL users;", "ANALYZE TABLE customers;", "ANALYZE;",
        "ANALYZE SCHEMA public;", "REINDEX TABLE customers;", "REINDEX SCHEMA public;",
        "REINDEX INDEX idx_customers_email;", "REINDEX INDEX CONCURRENTLY idx_customers_email;",
        "CHECKPOINT;", "SELECT COUNT(*) FROM customers;",
        "CREATE INDEX CONCURRENTLY idx_customers_email ON customers(email);",
        "CREATE UNIQUE INDEX idx_customers_email ON customers(email);",
        "CREATE INDEX idx_active_customers ON customers(email) WHERE active = true;",
        "ALTER TABLE customers ADD COLUMN loyalty_points INT DEFAULT 0;",
        "ALTER TABLE customers ADD COLUMN notes TEXT;",
        "\nALTER TABLE orders PARTITION BY RANGE (order_date) (\n"
        "    PARTITION orders_2024 VALUES LESS THAN ('2025-01-01'),\n"
        "    PARTITION orders_2025 VALUES LESS THAN ('2026-01-01')\n);\n",
        "\nSELECT\n    query_id,\n    query_text\nFROM v$slow_queries\n"
        "WHERE avg_execution_time_ms > 1000\nORDER BY avg_execution_time_ms DESC\nLIMIT 10;\n",
        "SELECT table_name FROM v$index_usage WHERE scans = 0\n"
        "  AND created_at < NOW() - INTERVAL '30 days';",
        "ALTER SYSTEM SET auto_statistics_gather = true;",
        "ALTER SYSTEM SET statistics_gather_interval = '1 day';",
        /* PostgreSQL forms */
        "vacuum (verbose, index_cleanup off, parallel 4, skip_locked) t (a), u",
        "analyse (verbose) t (a)", "reindex (verbose) database d", "reindex system",
        "explain analyze verbose select 1", "explain (select 1)", "explain execute p(1)",
        "start transaction isolation level serializable read write not deferrable",
        "commit and chain", "end work", "rollback and no chain", "abort", "savepoint s",
        "release s", "release savepoint s", "rollback to s", "rollback work to savepoint s",
        "prepare transaction 'x'", "commit prepared 'x'",
        "set transaction isolation level read committed",
        "set session characteristics as transaction read only", "set local a to 'x', b, 3",
        "set search_path to public, \"$user\"", "set a to default", "set time zone local",
        "set time zone interval '1' hour", "set names 'utf8'", "set x.y = on", "set a from current",
        "set session authorization default", "set role r", "reset all", "reset time zone",
        "show all", "show time zone", "alter system reset all", "alter system set a to default",
        "lock t", "lock table t, u in access exclusive mode",
        "copy t (a, b) to stdout with (format csv, header, delimiter ',')",
        "copy t from '/tmp/x' csv header delimiter as ',' null as ''",
        "copy t to '/tmp/x' csv force quote *", "copy (select 1) to stdout", "copy binary t from '/x'",
        "prepare p (int, text) as select $1, $2", "execute p (1, 'a')", "deallocate prepare p",
        "deallocate all", "discard all", "listen c", "notify c, 'x'", "unlisten *",
        "do $$ begin end $$",
    };

    for (size_t i = 0; i < lengthof(ok); i++)
        ck_assert_msg(list_length(RawParser(ok[i])) == 1, "%s", ok[i]);
}
END_TEST

/* ---------------------------------------------------------------- errors vs PostgreSQL */

typedef struct ErrorCase
{
    const char *sql;
    const char *sqlstate;
    int         position;
    const char *message;
} ErrorCase;

/* Every row was checked against PostgreSQL 15 (SQLSTATE, position, message). */
static const ErrorCase error_cases[] = {
    {"select 1 2 'abc", "42601", 10, "syntax error at or near \"2\""},
    {"SELECT 1 +", "42601", 11, "syntax error at end of input"},
    {"select a from t where", "42601", 22, "syntax error at end of input"},
    {"select 1 < 2 < 3", "42601", 14, "syntax error at or near \"<\""},
    {"select 1 where 1 is distinct from 2 is null", "42601", 37, "syntax error at or near \"is\""},
    {"select 1 where 'a' like 'b' in ('x')", "42601", 29, "syntax error at or near \"in\""},
    {"select 1 between 0 and 2 between true and false", "42601", 26,
     "syntax error at or near \"between\""},
    {"select 'abc", "42601", 8, "unterminated quoted string at or near \"'abc\""},
    {"select /* x", "42601", 8, "unterminated /* comment at or near \"/* x\""},
    {"select \"\"", "42601", 8, "zero-length delimited identifier at or near \"\"\"\""},
    {"select \"abc", "42601", 8, "unterminated quoted identifier at or near \"\"abc\""},
    {"select $$abc", "42601", 8, "unterminated dollar-quoted string at or near \"$$abc\""},
    {"select x'", "42601", 8, "unterminated hexadecimal string literal at or near \"x'\""},
    {"select b'", "42601", 8, "unterminated bit string literal at or near \"b'\""},
    {"select 123abc", "42601", 8, "trailing junk after numeric literal at or near \"123abc\""},
    {"select 1e", "42601", 8, "trailing junk after numeric literal at or near \"1e\""},
    {"select $1abc", "42601", 8, "trailing junk after parameter at or near \"$1abc\""},
    {"select $a", "42601", 8, "syntax error at or near \"$\""},
    {"select 1.5.6", "42601", 11, "syntax error at or near \".6\""},
    {"select 'a'  'b'", "42601", 13, "syntax error at or near \"'b'\""},
    {"select distinct from t", "42601", 17, "syntax error at or near \"from\""},
    {"select 1 order by 1 union select 2", "42601", 21, "syntax error at or near \"union\""},
    {"(select 1 order by 1) order by 1", "42601", 32, "multiple ORDER BY clauses not allowed"},
    {"select * from t limit 1, 2", "42601", 17, "LIMIT #,# syntax is not supported"},
    {"select * from (t)", "42601", 17, "syntax error at or near \")\""},
    {"select * from a.b.c.d", "42601", 15, "improper qualified name (too many dotted names): a.b.c.d"},
    {"select left from t", "42601", 13, "syntax error at or near \"from\""},
    {"select f(", "42601", 10, "syntax error at end of input"},
    {"select * from t where a in ()", "42601", 29, "syntax error at or near \")\""},
    {"create table t (a)", "42601", 19, "syntax error at end of input"},
    {"drop table", "42601", 11, "syntax error at end of input"},
    {"select float(60) '1'", "22023", 14, "precision for type float must be less than 54 bits"},
    {"select float(0) '1'", "22023", 14, "precision for type float must be at least 1 bit"},
    {"select sum(a) over (rows unbounded following) from t", "42P20", 26,
     "frame start cannot be UNBOUNDED FOLLOWING"},
    {"select sum(a) over (rows between current row and 1 preceding) from t", "42P20", 50,
     "frame starting from current row cannot have preceding rows"},
    {"select 1 x y", "42601", 12, "syntax error at or near \"y\""},
    {"create role r foo", "42601", 15, "unrecognized role option \"foo\""},
    {"select 1 where a overlaps b", "42601", 18, "syntax error at or near \"overlaps\""},
    {"explain analyze", "42601", 16, "syntax error at end of input"},
    {"alter table t partition by range (d) (partition p1 values greater than (1))", "42601", 59,
     "syntax error at or near \"greater\""},
    {"select é from", "42601", 14, "syntax error at end of input"},
    {"select 'é' é é", "42601", 14, "syntax error at or near \"é\""},
};

START_TEST(errors_match_postgres)
{
    const ErrorCase *c = &error_cases[_i];

    check_error(c->sql, c->sqlstate, c->position, c->message);
}
END_TEST

START_TEST(with_ties_needs_order_by)
{
    ErrorData  *e = parse_error("select 1 fetch next 5 rows with ties");

    ck_assert_str_eq(e->message, "WITH TIES cannot be specified without ORDER BY clause");
    (void) tree("select 1 order by 1 fetch first 5 rows with ties");
}
END_TEST

/* ---------------------------------------------------------------- scanner details */

START_TEST(statement_locations)
{
    const char *sql = "  select 1 ;; /* c */ select 2\n;\n  ";
    List       *stmts = RawParser(sql);
    RawStmt    *s1;
    RawStmt    *s2;

    ck_assert_int_eq(list_length(stmts), 2);
    s1 = linitial_node(RawStmt, stmts);
    s2 = castNode(RawStmt, lsecond(stmts));
    ck_assert_int_eq(s1->stmt_location, 2);
    ck_assert_int_eq(s1->stmt_len, 8);
    ck_assert_int_eq(s2->stmt_location, 22);
    ck_assert_int_eq(s2->stmt_len, 8);
    ck_assert(RawParser("  ;; -- nothing\n ") == NIL);
    ck_assert(RawParser("") == NIL);
}
END_TEST

START_TEST(node_locations)
{
    ck_assert_str_eq(RawNodeToStringWithLocations(
                         linitial_node(RawStmt, RawParser("select a + -1 from t"))->stmt),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"+\") :lexpr "
                     "{ColumnRef :fields (\"a\") @7} :rexpr -1@11 @9} @7}) :fromClause "
                     "({RangeVar :relname \"t\" :inh :relpersistence p @19})}");
}
END_TEST

START_TEST(identifiers_downcase_quote_and_truncate)
{
    char        longname[100];
    char       *t;

    ck_assert_str_eq(tree("select AbC, \"AbC\", \"a\"\"b\" from T"),
                     "{SelectStmt :targetList ({ResTarget :val {ColumnRef :fields (\"abc\")}} "
                     "{ResTarget :val {ColumnRef :fields (\"AbC\")}} {ResTarget :val {ColumnRef "
                     ":fields (\"a\\\"b\")}}) :fromClause ({RangeVar :relname \"t\" :inh "
                     ":relpersistence p})}");
    memset(longname, 'x', 70);
    strcpy(longname + 70, " from t");
    t = tree(psprintf("select %s", longname));
    ck_assert_ptr_nonnull(strstr(t, psprintf("\"%.63s\"", longname)));
    ck_assert_ptr_null(strstr(t, psprintf("\"%.64s", longname)));
    ck_assert_str_eq(IdentifierDowncase("ABC_d", 5, false), "abc_d");
}
END_TEST

START_TEST(strings_and_numbers)
{
    ck_assert_str_eq(tree("select 'it''s', e'a\\tb\\x41\\u00e9', $q$x'y$q$, 'a'\n  'b', "
                          "2147483647, 2147483648, 1.5e3, .5"),
                     "{SelectStmt :targetList ({ResTarget :val \"it's\"} {ResTarget :val "
                     "\"a\tbA\xc3\xa9\"} {ResTarget :val \"x'y\"} {ResTarget :val \"ab\"} "
                     "{ResTarget :val 2147483647} {ResTarget :val 2147483648} {ResTarget :val "
                     "1.5e3} {ResTarget :val .5})}");
    check_error("select e'\\xc3'", "22021", 0, "invalid byte sequence for encoding \"UTF8\": 0xc3");
}
END_TEST

START_TEST(operators_scan_like_postgres)
{
    /* "*-" splits into * and prefix -, "@-" stays one operator, != becomes <> */
    ck_assert_str_eq(tree("select 1 *- 2, 1 @- 2, 1 != 2"),
                     "{SelectStmt :targetList ({ResTarget :val {A_Expr :name (\"*\") :lexpr 1 "
                     ":rexpr -2}} {ResTarget :val {A_Expr :name (\"@-\") :lexpr 1 :rexpr 2}} "
                     "{ResTarget :val {A_Expr :name (\"<>\") :lexpr 1 :rexpr 2}})}");
    ck_assert_str_eq(tree("select 1--2\n"), "{SelectStmt :targetList ({ResTarget :val 1})}");
}
END_TEST

START_TEST(error_position_counts_characters)
{
    ck_assert_int_eq(ParserErrorPosition("é x", 3), 3);
    ck_assert_int_eq(ParserErrorPosition("abc", 0), 1);
    ck_assert_int_eq(ParserErrorPosition("abc", -1), 0);
}
END_TEST

START_TEST(deep_nesting_is_an_error_not_a_crash)
{
    int         depth = 100000;
    char       *sql = palloc(depth * 2 + 20);
    char       *p = sql;
    ErrorData  *e;

    p += sprintf(p, "select ");
    for (int i = 0; i < depth; i++)
        *p++ = '(';
    *p++ = '1';
    for (int i = 0; i < depth; i++)
        *p++ = ')';
    *p = '\0';
    e = parse_error(sql);
    ck_assert_int_eq(e->sqlerrcode, ERRCODE_STATEMENT_TOO_COMPLEX);

    p = sql;
    p += sprintf(p, "select ");
    for (int i = 0; i < depth / 4; i++)
        p += sprintf(p, "not ");
    sprintf(p, "1");
    e = parse_error(sql);
    ck_assert_int_eq(e->sqlerrcode, ERRCODE_STATEMENT_TOO_COMPLEX);

    /* long flat lists are fine */
    p = sql;
    p += sprintf(p, "select 1");
    for (int i = 0; i < depth / 4; i++)
        p += sprintf(p, "+1");
    ck_assert_int_eq(list_length(RawParser(sql)), 1);
}
END_TEST

START_TEST(token_pointers_survive_buffer_growth)
{
    /* found by fuzz_parser: a Token kept across a call that scans >256 more */
    char        sql[1000];
    char       *p = sql;

    p += sprintf(p, "select ");
    for (int i = 0; i < 600; i++)
        *p++ = '-';
    strcpy(p, "1 + x");
    ck_assert_int_eq(list_length(RawParser(sql)), 1);
}
END_TEST

START_TEST(keyword_categories_and_quoting)
{
    ck_assert_int_eq(KeywordLookup("select"), KEYWORD_RESERVED);
    ck_assert_int_eq(KeywordLookup("schema"), KEYWORD_UNRESERVED);
    ck_assert_int_eq(KeywordLookup("left"), KEYWORD_TYPE_FUNC_NAME);
    ck_assert_int_eq(KeywordLookup("between"), KEYWORD_COL_NAME);
    ck_assert_int_eq(KeywordLookup("customers"), -1);
    ck_assert_str_eq(QuoteIdentifier("abc"), "abc");
    ck_assert_str_eq(QuoteIdentifier("schema"), "schema");
    ck_assert_str_eq(QuoteIdentifier("table"), "\"table\"");
    ck_assert_str_eq(QuoteIdentifier("Ab\"c"), "\"Ab\"\"c\"");
}
END_TEST

static Suite *
parser_suite(void)
{
    Suite      *s = suite_create("parser");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, precedence_mul_over_add);
    tcase_add_test(tc, precedence_and_over_or);
    tcase_add_test(tc, precedence_not_below_comparison);
    tcase_add_test(tc, precedence_unary_minus_over_power);
    tcase_add_test(tc, precedence_cast_to_array);
    tcase_add_test(tc, precedence_left_assoc);
    tcase_add_test(tc, precedence_cast_over_minus);
    tcase_add_test(tc, precedence_generic_op_below_arith);
    tcase_add_test(tc, between_binds_tighter_than_and);
    tcase_add_test(tc, in_list_and_subquery);
    tcase_add_test(tc, nonassoc_comparisons_accepted_like_postgres);
    tcase_add_test(tc, select_names_and_qualified);
    tcase_add_test(tc, select_dollar_in_identifier);
    tcase_add_test(tc, select_window_and_filter);
    tcase_add_test(tc, select_typed_literals_and_sql_functions);
    tcase_add_test(tc, select_with_recursive_union_limit);
    tcase_add_test(tc, select_accepts_postgres_forms);
    tcase_add_test(tc, insert_values_on_conflict_returning);
    tcase_add_test(tc, update_multi_assignment);
    tcase_add_test(tc, dml_accepts);
    tcase_add_test(tc, where_current_of_rejected);
    tcase_add_test(tc, create_table_columns_and_constraints);
    tcase_add_test(tc, drop_table_list);
    tcase_add_test(tc, create_index_full_form);
    tcase_add_test(tc, alter_table_partition_by_dialect);
    tcase_add_test(tc, ddl_accepts);
    tcase_add_test(tc, vacuum_keyword_options);
    tcase_add_test(tc, analyze_table_and_schema_dialect);
    tcase_add_test(tc, reindex_concurrently);
    tcase_add_test(tc, set_show_alter_system);
    tcase_add_test(tc, transaction_modes);
    tcase_add_test(tc, copy_explain_lock);
    tcase_add_test(tc, utility_accepts);
    tcase_add_loop_test(tc, errors_match_postgres, 0, (int) lengthof(error_cases));
    tcase_add_test(tc, with_ties_needs_order_by);
    tcase_add_test(tc, statement_locations);
    tcase_add_test(tc, node_locations);
    tcase_add_test(tc, identifiers_downcase_quote_and_truncate);
    tcase_add_test(tc, strings_and_numbers);
    tcase_add_test(tc, operators_scan_like_postgres);
    tcase_add_test(tc, error_position_counts_characters);
    tcase_add_test(tc, deep_nesting_is_an_error_not_a_crash);
    tcase_add_test(tc, token_pointers_survive_buffer_growth);
    tcase_add_test(tc, keyword_categories_and_quoting);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(parser_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
