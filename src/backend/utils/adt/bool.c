/*
 * bool.c
 *     boolean: input/output, binary I/O, comparison, hashing, and the
 *     transition functions of bool_and / bool_or / every.
 * AND/OR/NOT are evaluated by the executor (three-valued logic), not here.
 */
#include "rustydb.h"

#include <ctype.h>
#include <strings.h>

#include "adt_int.h"

/*
 * parse_bool_len -- PostgreSQL's spellings: any prefix of true/false/yes/no,
 * on/off (at least "on"/"of"), 1/0; case-insensitive.
 */
static bool
parse_bool_len(const char *v, size_t len, bool *result)
{
    if (len == 0)
        return false;
    switch (tolower((unsigned char) v[0]))
    {
        case 't':
            if (strncasecmp(v, "true", len) == 0 && len <= 4)
                return (*result = true), true;
            break;
        case 'f':
            if (strncasecmp(v, "false", len) == 0 && len <= 5)
                return (*result = false), true;
            break;
        case 'y':
            if (strncasecmp(v, "yes", len) == 0 && len <= 3)
                return (*result = true), true;
            break;
        case 'n':
            if (strncasecmp(v, "no", len) == 0 && len <= 2)
                return (*result = false), true;
            break;
        case 'o':
            if (len >= 2 && len <= 2 && strncasecmp(v, "on", len) == 0)
                return (*result = true), true;
            if (len >= 2 && len <= 3 && strncasecmp(v, "off", len) == 0)
                return (*result = false), true;
            break;
        case '1':
            if (len == 1)
                return (*result = true), true;
            break;
        case '0':
            if (len == 1)
                return (*result = false), true;
            break;
        default:
            break;
    }
    return false;
}

bool
ParseBoolString(const char *value, bool *result)
{
    return parse_bool_len(value, strlen(value), result);
}

Datum
boolin(RDB_FUNCTION_ARGS)
{
    const char *in = RDB_GETARG_CSTRING(0);
    const char *s = in;
    size_t      len;
    bool        result;

    while (isspace((unsigned char) *s))
        s++;
    len = strlen(s);
    while (len > 0 && isspace((unsigned char) s[len - 1]))
        len--;
    if (!parse_bool_len(s, len, &result))
        AdtInvalidSyntax("boolean", in);
    RDB_RETURN_BOOL(result);
}

Datum
boolout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(pstrdup(RDB_GETARG_BOOL(0) ? "t" : "f"));
}

Datum
boolrecv(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_BOOL(AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 1) != 0);
}

Datum
boolsend(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, RDB_GETARG_BOOL(0) ? 1 : 0, 1);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

/* Text form used by the bool -> text cast. */
Datum
booltext(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_TEXT_P(cstring_to_text(RDB_GETARG_BOOL(0) ? "true" : "false"));
}

#define BOOL_CMP(name, op) \
Datum name(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL((int) RDB_GETARG_BOOL(0) op (int) RDB_GETARG_BOOL(1)); }
BOOL_CMP(booleq, ==)
BOOL_CMP(boolne, !=)
BOOL_CMP(boollt, <)
BOOL_CMP(boolle, <=)
BOOL_CMP(boolgt, >)
BOOL_CMP(boolge, >=)

Datum
btboolcmp(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) RDB_GETARG_BOOL(0) - (int32) RDB_GETARG_BOOL(1));
}

Datum
hashbool(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) HashUint64(RDB_GETARG_BOOL(0) ? 1 : 0));
}

/* bool_and / every and bool_or: strict, state starts as the first input. */
Datum
booland_statefunc(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_BOOL(RDB_GETARG_BOOL(0) && RDB_GETARG_BOOL(1));
}

Datum
boolor_statefunc(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_BOOL(RDB_GETARG_BOOL(0) || RDB_GETARG_BOOL(1));
}
