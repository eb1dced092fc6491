/*
 * oid.c
 *     oid (and regproc, which shares its representation): unsigned 32-bit
 *     object identifiers.  Input accepts a decimal number in 0..4294967295
 *     (negative values wrap, as PostgreSQL accepts "-1" -> 4294967295).
 */
#include "rustydb.h"

#include "adt_int.h"

Datum
oidin(RDB_FUNCTION_ARGS)
{
    const char *s = RDB_GETARG_CSTRING(0);
    int64       v;
    bool        overflow;

    if (!AdtParseInt64(s, &v, &overflow))
        AdtInvalidSyntax("oid", s);
    if (overflow || v > (int64) UINT32_MAX || v < INT32_MIN)
        AdtOutOfRange("oid", s);
    RDB_RETURN_OID((Oid) (uint32) v);
}

Datum
oidout(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(psprintf("%u", RDB_GETARG_OID(0)));
}

Datum
oidrecv(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_OID((Oid) (uint32) AdtRecvInt((StringInfo) RDB_GETARG_POINTER(0), 4));
}

Datum
oidsend(RDB_FUNCTION_ARGS)
{
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, (int64) RDB_GETARG_OID(0), 4);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

#define OID_CMP(name, op) \
Datum name(RDB_FUNCTION_ARGS) { RDB_RETURN_BOOL(RDB_GETARG_OID(0) op RDB_GETARG_OID(1)); }
OID_CMP(oideq, ==)
OID_CMP(oidne, !=)
OID_CMP(oidlt, <)
OID_CMP(oidle, <=)
OID_CMP(oidgt, >)
OID_CMP(oidge, >=)

Datum
btoidcmp(RDB_FUNCTION_ARGS)
{
    Oid         a = RDB_GETARG_OID(0), b = RDB_GETARG_OID(1);

    RDB_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

Datum
hashoid(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) HashUint64(RDB_GETARG_OID(0)));
}

Datum
oidlarger(RDB_FUNCTION_ARGS)
{
    return RDB_GETARG_OID(0) >= RDB_GETARG_OID(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
oidsmaller(RDB_FUNCTION_ARGS)
{
    return RDB_GETARG_OID(0) <= RDB_GETARG_OID(1) ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}
