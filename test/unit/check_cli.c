/*
 * check_cli.c
 *     Unit tests for rusty-db-cli's pure parts: the statement splitter
 *     (src/bin/cli/scan.c) and the aligned printer (src/bin/cli/print.c).
 * Build: gcc -std=gnu17 -I/usr/include/postgresql test/unit/check_cli.c
 *        src/bin/cli/{scan,print,exec,input,command}.c
 *        $(pkg-config --cflags --libs check) -lpq -ledit
 * Expected printer output was captured from psql 15 ("psql -X -c") for the
 * same values, so these cases pin byte-for-byte compatibility.
 */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/bin/cli/cli_int.h"

#define OID_INT4 23
#define OID_NUMERIC 1700
#define OID_TEXT 25

static char *print_to_string(const char *title, int ncols, const char *const *names,
                             const unsigned int *types, int nrows,
                             const char *const *cells);
static size_t split_count(const char *sql, CliStatement **out);

/* print_to_string -- run CliPrintAligned() into a malloc'd string. */
static char *
print_to_string(const char *title, int ncols, const char *const *names,
                const unsigned int *types, int nrows, const char *const *cells)
{
    char       *buf = NULL;
    size_t      len = 0;
    FILE       *out = open_memstream(&buf, &len);

    ck_assert_ptr_nonnull(out);
    CliPrintAligned(out, title, ncols, names, types, nrows, cells, true);
    fclose(out);
    return buf;
}

static size_t
split_count(const char *sql, CliStatement **out)
{
    size_t      n;

    *out = CliSplitStatements(sql, &n);
    return n;
}

/* ---- statement splitter ---- */

START_TEST(split_two_statements_on_one_line)
{
    CliStatement *s;
    size_t      n = split_count("select 1; select 2;", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "select 1;");
    ck_assert_str_eq(s[1].text, "select 2;");
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_keeps_semicolon_inside_quotes)
{
    CliStatement *s;
    size_t      n = split_count("select 'a;b', \"c;d\", E'x\\';y', 'it''s;';", &s);

    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(s[0].text, "select 'a;b', \"c;d\", E'x\\';y', 'it''s;';");
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_backslash_is_literal_in_standard_string)
{
    CliStatement *s;
    /* 'a\' is a complete standard string, so the ';' after it ends the statement */
    size_t      n = split_count("select 'a\\'; select 2;", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "select 'a\\';");
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_respects_dollar_quotes)
{
    CliStatement *s;
    const char *body = "create function f() returns int as $fn$ begin return 1; end $fn$ language plpgsql;";
    size_t      n = split_count("select $$a;b$$; select $x$ $y$;$y$ $x$;", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "select $$a;b$$;");
    ck_assert_str_eq(s[1].text, "select $x$ $y$;$y$ $x$;");
    CliFreeStatements(s, n);

    n = split_count(body, &s);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(s[0].text, body);
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_positional_parameter_is_not_dollar_quote)
{
    CliStatement *s;
    size_t      n = split_count("prepare p as select $1; select a$b$c from t;", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "prepare p as select $1;");
    ck_assert_str_eq(s[1].text, "select a$b$c from t;");
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_skips_comments)
{
    CliStatement *s;
    size_t      n = split_count("-- lead; comment\nselect 1 -- x;y\n; /* a; /* nested; */ b; */ select 2;", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "select 1 -- x;y\n;");
    ck_assert_int_eq(s[0].first_line, 2);
    ck_assert_int_eq(s[0].last_line, 3);
    ck_assert_str_eq(s[1].text, "/* a; /* nested; */ b; */ select 2;");
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(split_parentheses_hold_semicolons)
{
    CliScanResult r = CliScanStatement("create rule r as on insert to t do (select 1; select 2);",
                                       strlen("create rule r as on insert to t do (select 1; select 2);"));

    ck_assert_uint_eq(r.statement_len, strlen("create rule r as on insert to t do (select 1; select 2);"));
}
END_TEST

START_TEST(split_drops_empty_and_keeps_unterminated_tail)
{
    CliStatement *s;
    size_t      n = split_count(";;  select 1;\n\nselect 2  \n\n", &s);

    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].text, "select 1;");
    ck_assert_str_eq(s[1].text, "select 2");
    ck_assert_int_eq(s[1].first_line, 3);
    CliFreeStatements(s, n);

    n = split_count("  -- only a comment\n", &s);
    ck_assert_uint_eq(n, 0);
    CliFreeStatements(s, n);
}
END_TEST

START_TEST(scan_reports_open_state_for_prompts)
{
    CliScanResult r;

    r = CliScanStatement("select 'abc", 11);
    ck_assert_uint_eq(r.statement_len, 0);
    ck_assert_int_eq(r.mode, CLI_SCAN_SQUOTE);

    r = CliScanStatement("select $q$ x", 12);
    ck_assert_int_eq(r.mode, CLI_SCAN_DOLLAR);

    r = CliScanStatement("select /* x", 11);
    ck_assert_int_eq(r.mode, CLI_SCAN_COMMENT);

    r = CliScanStatement("select \"ab", 10);
    ck_assert_int_eq(r.mode, CLI_SCAN_DQUOTE);

    r = CliScanStatement("select (1,", 10);
    ck_assert_int_eq(r.mode, CLI_SCAN_NORMAL);
    ck_assert_int_eq(r.paren_depth, 1);
    ck_assert(r.has_content);

    ck_assert(CliTextIsBlank("  -- c\n /* d */ \n"));
    ck_assert(!CliTextIsBlank("select"));
}
END_TEST

/* ---- aligned printer ---- */

START_TEST(print_null_and_numeric_alignment)
{
    const char *names[] = {"id", "name", "amount"};
    const unsigned int types[] = {OID_INT4, OID_TEXT, OID_NUMERIC};
    const char *cells[] = {
        "1", "alice", "10.5",
        "22", NULL, NULL,
    };
    char       *got = print_to_string(NULL, 3, names, types, 2, cells);

    ck_assert_str_eq(got,
                     " id | name  | amount \n"
                     "----+-------+--------\n"
                     "  1 | alice |   10.5\n"
                     " 22 |       |       \n"
                     "(2 rows)\n"
                     "\n");
    free(got);
}
END_TEST

START_TEST(print_multiline_values_and_headers)
{
    const char *names[] = {"a\nbc", "x"};
    const unsigned int types[] = {OID_INT4, OID_NUMERIC};
    const char *cells[] = {"1", "2.5"};
    const char *names2[] = {"x", "y"};
    const unsigned int types2[] = {OID_TEXT, OID_TEXT};
    const char *cells2[] = {"a\nb", "c"};
    char       *got = print_to_string(NULL, 2, names, types, 1, cells);

    ck_assert_str_eq(got,
                     " a +|  x  \n"
                     " bc |     \n"
                     "----+-----\n"
                     "  1 | 2.5\n"
                     "(1 row)\n"
                     "\n");
    free(got);

    got = print_to_string(NULL, 2, names2, types2, 1, cells2);
    ck_assert_str_eq(got,
                     " x | y \n"
                     "---+---\n"
                     " a+| c\n"
                     " b | \n"
                     "(1 row)\n"
                     "\n");
    free(got);
}
END_TEST

START_TEST(print_empty_result_and_zero_columns)
{
    const char *names[] = {"a", "b"};
    const unsigned int types[] = {OID_INT4, OID_TEXT};
    char       *got = print_to_string(NULL, 2, names, types, 0, NULL);

    ck_assert_str_eq(got, " a | b \n---+---\n(0 rows)\n\n");
    free(got);

    got = print_to_string(NULL, 0, NULL, NULL, 3, NULL);
    ck_assert_str_eq(got, "--\n(3 rows)\n\n");
    free(got);
}
END_TEST

START_TEST(print_control_characters_and_title)
{
    const char *names[] = {"x", "y"};
    const unsigned int types[] = {OID_TEXT, OID_INT4};
    const char *cells[] = {"a\tb\001c\rd", "1"};
    const char *names2[] = {"Schema", "Name", "Type", "Owner"};
    const char *cells2[] = {"public", "t", "table", "postgres"};
    char       *got = print_to_string(NULL, 2, names, types, 1, cells);

    ck_assert_str_eq(got,
                     "         x         | y \n"
                     "-------------------+---\n"
                     " a       b\\x01c\\rd | 1\n"
                     "(1 row)\n"
                     "\n");
    free(got);

    got = print_to_string("List of relations", 4, names2, NULL, 1, cells2);
    ck_assert_str_eq(got,
                     "        List of relations\n"
                     " Schema | Name | Type  |  Owner   \n"
                     "--------+------+-------+----------\n"
                     " public | t    | table | postgres\n"
                     "(1 row)\n"
                     "\n");
    free(got);
}
END_TEST

START_TEST(print_wide_characters_by_display_width)
{
    const char *names[] = {"x", "y"};
    const unsigned int types[] = {OID_TEXT, OID_TEXT};
    const char *cells[] = {"h\xc3\xa9llo w\xc3\xb6rld \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "ab"};
    char       *got;

    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
        return;                 /* no UTF-8 locale: widths fall back to bytes */
    ck_assert_int_eq(CliDisplayWidth("\xe6\x97\xa5", 3), 2);
    got = print_to_string(NULL, 2, names, types, 1, cells);
    ck_assert_str_eq(got,
                     "         x          | y  \n"
                     "--------------------+----\n"
                     " h\xc3\xa9llo w\xc3\xb6rld \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e | ab\n"
                     "(1 row)\n"
                     "\n");
    free(got);
    setlocale(LC_CTYPE, "C");
}
END_TEST

START_TEST(numeric_type_oids)
{
    ck_assert(CliTypeIsNumeric(20));
    ck_assert(CliTypeIsNumeric(21));
    ck_assert(CliTypeIsNumeric(23));
    ck_assert(CliTypeIsNumeric(26));
    ck_assert(CliTypeIsNumeric(700));
    ck_assert(CliTypeIsNumeric(701));
    ck_assert(CliTypeIsNumeric(1700));
    ck_assert(!CliTypeIsNumeric(25));
    ck_assert(!CliTypeIsNumeric(1043));
}
END_TEST

static Suite *
cli_suite(void)
{
    Suite      *s = suite_create("cli");
    TCase      *split = tcase_create("split");
    TCase      *print = tcase_create("print");

    tcase_add_test(split, split_two_statements_on_one_line);
    tcase_add_test(split, split_keeps_semicolon_inside_quotes);
    tcase_add_test(split, split_backslash_is_literal_in_standard_string);
    tcase_add_test(split, split_respects_dollar_quotes);
    tcase_add_test(split, split_positional_parameter_is_not_dollar_quote);
    tcase_add_test(split, split_skips_comments);
    tcase_add_test(split, split_parentheses_hold_semicolons);
    tcase_add_test(split, split_drops_empty_and_keeps_unterminated_tail);
    tcase_add_test(split, scan_reports_open_state_for_prompts);
    suite_add_tcase(s, split);

    tcase_add_test(print, print_null_and_numeric_alignment);
    tcase_add_test(print, print_multiline_values_and_headers);
    tcase_add_test(print, print_empty_result_and_zero_columns);
    tcase_add_test(print, print_control_characters_and_title);
    tcase_add_test(print, print_wide_characters_by_display_width);
    tcase_add_test(print, numeric_type_oids);
    suite_add_tcase(s, print);
    return s;
}

int
main(void)
{
    SRunner    *runner = srunner_create(cli_suite());
    int         failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
