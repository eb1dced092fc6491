/*
 * pqformat.c
 *     Binary (network byte order) encoding helpers for the types' send and
 *     recv functions.  A recv function reads from a StringInfo at
 *     buf->cursor; a send function returns a bytea.
 * Entry points: AdtRecvBytes(), AdtRecvInt(), AdtSendBegin()/AdtSendInt()/
 * AdtSendEnd().
 */
#include "rustydb.h"

#include "adt_int.h"

/* Pointer to the next n bytes of buf; ERROR 22P03 if fewer remain. */
const char *
AdtRecvBytes(StringInfo buf, int n)
{
    const char *p;

    if (n < 0 || buf->cursor + n > buf->len)
        ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                errmsg("insufficient data left in message"));
    p = buf->data + buf->cursor;
    buf->cursor += n;
    return p;
}

/* Big-endian signed integer of 1, 2, 4 or 8 bytes. */
int64
AdtRecvInt(StringInfo buf, int bytes)
{
    const unsigned char *p = (const unsigned char *) AdtRecvBytes(buf, bytes);
    uint64      v = 0;

    for (int i = 0; i < bytes; i++)
        v = (v << 8) | p[i];
    if (bytes < 8 && (v & (UINT64_C(1) << (bytes * 8 - 1))))
        v |= ~UINT64_C(0) << (bytes * 8);  /* sign-extend */
    return (int64) v;
}

/* Start a send buffer: a StringInfo whose first 4 bytes hold the varlena header. */
void
AdtSendBegin(StringInfo buf)
{
    initStringInfo(buf);
    appendBinaryStringInfo(buf, "\0\0\0\0", VARHDRSZ);
}

void
AdtSendInt(StringInfo buf, int64 value, int bytes)
{
    unsigned char tmp[8];

    for (int i = bytes - 1; i >= 0; i--)
    {
        tmp[i] = (unsigned char) (value & 0xFF);
        value = (int64) ((uint64) value >> 8);
    }
    appendBinaryStringInfo(buf, (const char *) tmp, bytes);
}

/* Finish: the buffer becomes a bytea (ownership passes to the caller). */
bytea *
AdtSendEnd(StringInfo buf)
{
    bytea      *result = (bytea *) buf->data;

    SET_VARSIZE(result, buf->len);
    return result;
}
