/*
 * errors.c
 *     The standard error reports of the data-type code, worded exactly as
 *     PostgreSQL's so clients and tests see the same text and SQLSTATE.
 * Entry points: AdtInvalidSyntax(), AdtOutOfRange(), AdtIntOutOfRange(),
 * AdtDivisionByZero().
 */
#include "rustydb.h"

#include "adt_int.h"

/* 22P02: invalid input syntax for type integer: "abc" */
void
AdtInvalidSyntax(const char *type_name, const char *str)
{
    ereport(ERROR, errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
            errmsg("invalid input syntax for type %s: \"%s\"", type_name, str));
    rdb_unreachable();
}

/* 22003: value "99999999999" is out of range for type integer */
void
AdtOutOfRange(const char *type_name, const char *str)
{
    ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
            errmsg("value \"%s\" is out of range for type %s", str, type_name));
    rdb_unreachable();
}

/* 22003: "integer out of range", "bigint out of range", "smallint out of range" */
void
AdtIntOutOfRange(const char *what)
{
    ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
            errmsg("%s out of range", what));
    rdb_unreachable();
}

/* 22012 */
void
AdtDivisionByZero(void)
{
    ereport(ERROR, errcode(ERRCODE_DIVISION_BY_ZERO), errmsg("division by zero"));
    rdb_unreachable();
}
