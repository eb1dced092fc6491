/*
 * libpq_params.c
 *     Parameterized queries through libpq against a running server:
 *     PQexecParams, PQprepare, PQexecPrepared and PQdescribePrepared with
 *     text and binary parameters and results of int4, int8, text, numeric,
 *     bool, float8, timestamp and bytea, and NULLs.
 * Built and run by libpq_params_test.sh.  Connection from the usual libpq
 * environment (PGHOST, PGPORT, PGUSER, PGDATABASE).  Prints one "ok" or
 * "FAIL" line per check; exit status is the number of failures.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#define INT4OID 23
#define INT8OID 20
#define TEXTOID 25
#define NUMERICOID 1700
#define BOOLOID 16
#define FLOAT8OID 701
#define TIMESTAMPOID 1114
#define BYTEAOID 17

/* 2000-01-02 03:04:05.5 as microseconds since 2000-01-01 (binary timestamp). */
#define TS_MICROS (INT64_C(86400000000) + INT64_C(3) * 3600000000 + INT64_C(4) * 60000000 + 5500000)

static int failures = 0;

static void
check(int cond, const char *what)
{
    printf("%s %s\n", cond ? "ok  " : "FAIL", what);
    if (!cond)
        failures++;
}

/* PGresult status check with the server's message on failure. */
static int
result_ok(PGresult *res, ExecStatusType want, const char *what)
{
    int         ok = res != NULL && PQresultStatus(res) == want;

    if (!ok)
        printf("FAIL %s: %s", what, res ? PQresultErrorMessage(res) : "no result\n");
    else
        printf("ok   %s\n", what);
    if (!ok)
        failures++;
    return ok;
}

static int
sqlstate_is(PGresult *res, const char *code)
{
    const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

    return s != NULL && strcmp(s, code) == 0;
}

static void
exec_simple(PGconn *conn, const char *sql)
{
    PGresult   *res = PQexec(conn, sql);

    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
    {
        printf("FAIL %s: %s", sql, PQresultErrorMessage(res));
        failures++;
    }
    PQclear(res);
}

static void
put_be32(char *p, uint32_t v)
{
    v = htonl(v);
    memcpy(p, &v, 4);
}

static void
put_be64(char *p, uint64_t v)
{
    put_be32(p, (uint32_t) (v >> 32));
    put_be32(p + 4, (uint32_t) v);
}

static uint64_t
get_be64(const char *p)
{
    uint32_t    hi;
    uint32_t    lo;

    memcpy(&hi, p, 4);
    memcpy(&lo, p + 4, 4);
    return ((uint64_t) ntohl(hi) << 32) | ntohl(lo);
}

static uint32_t
get_be32(const char *p)
{
    uint32_t    v;

    memcpy(&v, p, 4);
    return ntohl(v);
}

/* Text parameters in, text results out: every type, and a NULL. */
static void
text_params(PGconn *conn)
{
    const char *sql = "SELECT $1::int4 + 1, $2::int8 * 2, $3::text || '!', $4::numeric + 0.5, "
        "NOT $5::bool, $6::float8 / 2, $7::timestamp + interval '1 day', length($8::bytea), "
        "$9::int4 IS NULL";
    const char *values[9] = {"41", "4398046511104", "héllo", "1.25", "false", "5", "2000-01-02 03:04:05.5",
                             "\\x00ff10", NULL};
    PGresult   *res = PQexecParams(conn, sql, 9, NULL, values, NULL, NULL, 0);

    if (result_ok(res, PGRES_TUPLES_OK, "PQexecParams with 9 text parameters"))
    {
        const char *want[9] = {"42", "8796093022208", "héllo!", "1.75", "t", "2.5", "2000-01-03 03:04:05.5",
                               "3", "t"};
        char        what[128];

        for (int i = 0; i < 9; i++)
        {
            snprintf(what, sizeof(what), "text column %d = %s (got %s)", i + 1, want[i],
                     PQgetisnull(res, 0, i) ? "NULL" : PQgetvalue(res, 0, i));
            check(!PQgetisnull(res, 0, i) && strcmp(PQgetvalue(res, 0, i), want[i]) == 0, what);
        }
    }
    PQclear(res);
}

/* Binary parameters with explicit types, binary results. */
static void
binary_params(PGconn *conn)
{
    char        i4[4];
    char        i8[8];
    char        f8[8];
    char        ts[8];
    char        b = 1;
    char        bytes[3] = {0, (char) 0xff, 'z'};
    /* numeric 123.45: ndigits 2, weight 0, sign +, dscale 2, digits 123 4500 */
    char        num[12];
    double      d = 2.5;
    uint64_t    dbits;
    Oid         types[9] = {INT4OID, INT8OID, TEXTOID, BOOLOID, FLOAT8OID, TIMESTAMPOID, BYTEAOID,
                            NUMERICOID, INT4OID};
    const char *values[9];
    int         lengths[9] = {4, 8, 3, 1, 8, 8, 3, 12, 0};
    int         formats[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    PGresult   *res;
    uint16_t    numparts[6] = {2, 0, 0, 2, 123, 4500};

    put_be32(i4, (uint32_t) -7);
    put_be64(i8, UINT64_C(1) << 40);
    memcpy(&dbits, &d, 8);
    put_be64(f8, dbits);
    put_be64(ts, (uint64_t) TS_MICROS);
    for (int i = 0; i < 6; i++)
    {
        uint16_t    v = htons(numparts[i]);

        memcpy(num + 2 * i, &v, 2);
    }
    values[0] = i4;
    values[1] = i8;
    values[2] = "abc";
    values[3] = &b;
    values[4] = f8;
    values[5] = ts;
    values[6] = bytes;
    values[7] = num;
    values[8] = NULL;

    res = PQexecParams(conn, "SELECT $1, $2, $3, $4, $5, $6, $7, $9", 9, types, values, lengths, formats, 1);
    if (result_ok(res, PGRES_TUPLES_OK, "PQexecParams: 9 binary parameters, binary results"))
    {
        check(PQnfields(res) == 8, "8 columns");
        check(PQfformat(res, 0) == 1, "result format binary");
        check(PQgetlength(res, 0, 0) == 4 && (int32_t) get_be32(PQgetvalue(res, 0, 0)) == -7, "int4 -7");
        check(PQgetlength(res, 0, 1) == 8 && get_be64(PQgetvalue(res, 0, 1)) == (UINT64_C(1) << 40),
              "int8 2^40");
        check(PQgetlength(res, 0, 2) == 3 && memcmp(PQgetvalue(res, 0, 2), "abc", 3) == 0, "text abc");
        check(PQgetlength(res, 0, 3) == 1 && PQgetvalue(res, 0, 3)[0] == 1, "bool true");
        check(PQgetlength(res, 0, 4) == 8 && get_be64(PQgetvalue(res, 0, 4)) == dbits, "float8 2.5");
        check(PQgetlength(res, 0, 5) == 8 && (int64_t) get_be64(PQgetvalue(res, 0, 5)) == TS_MICROS,
              "timestamp 2000-01-02 03:04:05.5");
        check(PQgetlength(res, 0, 6) == 3 && memcmp(PQgetvalue(res, 0, 6), bytes, 3) == 0, "bytea 00 ff 7a");
        check(PQgetisnull(res, 0, 7), "NULL int4");
        check(PQftype(res, 0) == INT4OID && PQftype(res, 5) == TIMESTAMPOID && PQftype(res, 6) == BYTEAOID,
              "result column types");
    }
    PQclear(res);

    /* numeric: binary in, text out */
    res = PQexecParams(conn, "SELECT $1::numeric * 2", 1, &types[7], &values[7], &lengths[7], &formats[7], 0);
    if (result_ok(res, PGRES_TUPLES_OK, "binary numeric parameter"))
        check(strcmp(PQgetvalue(res, 0, 0), "246.90") == 0, "numeric 123.45 * 2 = 246.90");
    PQclear(res);
}

/* PQprepare / PQdescribePrepared / PQexecPrepared, mixed formats, errors. */
static void
prepared(PGconn *conn)
{
    PGresult   *res;
    Oid         types[3] = {INT4OID, 0, 0};
    char        what[128];
    int         ok_inserts = 0;

    exec_simple(conn, "DROP TABLE IF EXISTS libpq_params");
    exec_simple(conn, "CREATE TABLE libpq_params (id int4, name text, amount numeric, flag bool)");

    res = PQprepare(conn, "ins", "INSERT INTO libpq_params VALUES ($1, $2, $3, $4) RETURNING id", 3, types);
    result_ok(res, PGRES_COMMAND_OK, "PQprepare ins (one type given, three inferred)");
    PQclear(res);

    res = PQdescribePrepared(conn, "ins");
    if (result_ok(res, PGRES_COMMAND_OK, "PQdescribePrepared ins"))
    {
        check(PQnparams(res) == 4, "4 parameters");
        check(PQparamtype(res, 0) == INT4OID && PQparamtype(res, 1) == TEXTOID &&
              PQparamtype(res, 2) == NUMERICOID && PQparamtype(res, 3) == BOOLOID,
              "parameter types int4, text, numeric, bool (inferred from the columns)");
        check(PQnfields(res) == 1 && PQftype(res, 0) == INT4OID, "result: one int4 column");
    }
    PQclear(res);

    for (int i = 1; i <= 20; i++)
    {
        char        id[16];
        char        amount[32];
        const char *values[4];

        snprintf(id, sizeof(id), "%d", i);
        snprintf(amount, sizeof(amount), "%d.%02d", i, i);
        values[0] = id;
        values[1] = (i % 5 == 0) ? NULL : "row";
        values[2] = amount;
        values[3] = (i % 2) ? "t" : "f";
        res = PQexecPrepared(conn, "ins", 4, values, NULL, NULL, 0);
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
            atoi(PQgetvalue(res, 0, 0)) == i)
            ok_inserts++;
        else
            printf("     insert %d: %s", i, PQresultErrorMessage(res));
        PQclear(res);
    }
    snprintf(what, sizeof(what), "20 PQexecPrepared inserts returned their ids (%d)", ok_inserts);
    check(ok_inserts == 20, what);

    res = PQprepare(conn, "sum", "SELECT count(*), sum(amount), count(name) FROM libpq_params WHERE flag = $1",
                    1, NULL);
    result_ok(res, PGRES_COMMAND_OK, "PQprepare sum");
    PQclear(res);
    {
        const char *values[1] = {"t"};

        res = PQexecPrepared(conn, "sum", 1, values, NULL, NULL, 0);
        if (result_ok(res, PGRES_TUPLES_OK, "PQexecPrepared sum"))
        {
            snprintf(what, sizeof(what), "10 odd rows, sum 101.00, 8 names (got %s %s %s)",
                     PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2));
            check(strcmp(PQgetvalue(res, 0, 0), "10") == 0 && strcmp(PQgetvalue(res, 0, 1), "101.00") == 0 &&
                  strcmp(PQgetvalue(res, 0, 2), "8") == 0, what);
        }
        PQclear(res);
    }

    res = PQprepare(conn, "ins", "SELECT 1", 0, NULL);
    check(sqlstate_is(res, "42P05"), "PQprepare of an existing name -> 42P05");
    PQclear(res);
    res = PQexecPrepared(conn, "nosuch", 0, NULL, NULL, NULL, 0);
    check(sqlstate_is(res, "26000"), "PQexecPrepared of an unknown name -> 26000");
    PQclear(res);
    {
        const char *values[1] = {"not-a-number"};

        res = PQexecParams(conn, "SELECT $1::int4", 1, NULL, values, NULL, NULL, 0);
        check(sqlstate_is(res, "22P02"), "bad int4 text parameter -> 22P02");
        PQclear(res);
    }
    res = PQexec(conn, "SELECT 1");
    check(PQresultStatus(res) == PGRES_TUPLES_OK, "connection usable after errors");
    PQclear(res);
    exec_simple(conn, "DROP TABLE libpq_params");
}

int
main(void)
{
    PGconn     *conn = PQconnectdb("");

    if (PQstatus(conn) != CONNECTION_OK)
    {
        printf("FAIL connect: %s", PQerrorMessage(conn));
        return 1;
    }
    text_params(conn);
    binary_params(conn);
    prepared(conn);
    PQfinish(conn);
    printf("%d failure(s)\n", failures);
    return failures;
}
