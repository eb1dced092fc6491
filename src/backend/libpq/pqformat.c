/*
 * pqformat.c
 *     Building protocol messages (network byte order) and parsing message
 *     bodies with bounds checks; UTF-8 validation of client strings.
 * Entry points: pq_beginmessage()/pq_send*()/pq_endmessage(),
 * pq_getmsg*(), pq_verify_utf8().
 */
#include "rustydb.h"

#include "libpq/libpq.h"
#include "libpq/pqformat.h"
#include "utils/elog.h"
#include "utils/palloc.h"

void
pq_beginmessage(StringInfo buf, char msgtype)
{
    initStringInfo(buf);
    buf->cursor = (unsigned char) msgtype;
}

void
pq_beginmessage_reuse(StringInfo buf, char msgtype)
{
    resetStringInfo(buf);
    buf->cursor = (unsigned char) msgtype;
}

void
pq_sendbyte(StringInfo buf, uint8 byt)
{
    appendStringInfoChar(buf, (char) byt);
}

void
pq_sendint16(StringInfo buf, uint16 i)
{
    unsigned char b[2] = {(unsigned char) (i >> 8), (unsigned char) i};

    appendBinaryStringInfo(buf, b, 2);
}

void
pq_sendint32(StringInfo buf, uint32 i)
{
    unsigned char b[4] = {(unsigned char) (i >> 24), (unsigned char) (i >> 16),
                          (unsigned char) (i >> 8), (unsigned char) i};

    appendBinaryStringInfo(buf, b, 4);
}

void
pq_sendint64(StringInfo buf, uint64 i)
{
    pq_sendint32(buf, (uint32) (i >> 32));
    pq_sendint32(buf, (uint32) i);
}

void
pq_sendbytes(StringInfo buf, const void *data, int datalen)
{
    appendBinaryStringInfo(buf, data, datalen);
}

void
pq_sendstring(StringInfo buf, const char *str)
{
    appendBinaryStringInfo(buf, str, (int) strlen(str) + 1);
}

void
pq_sendcountedtext(StringInfo buf, const char *str, int len)
{
    if (str == NULL || len < 0)
    {
        pq_sendint32(buf, (uint32) -1);
        return;
    }
    pq_sendint32(buf, (uint32) len);
    appendBinaryStringInfo(buf, str, len);
}

void
pq_endmessage(StringInfo buf)
{
    (void) pq_putmessage((char) buf->cursor, buf->data, (Size) buf->len);
    pfree(buf->data);
    buf->data = NULL;
}

void
pq_endmessage_reuse(StringInfo buf)
{
    (void) pq_putmessage((char) buf->cursor, buf->data, (Size) buf->len);
}

static RDB_NORETURN void
insufficient_data(void)
{
    ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
            errmsg("insufficient data left in message"));
    rdb_unreachable();
}

int
pq_getmsgbyte(StringInfo msg)
{
    if (msg->cursor >= msg->len)
        insufficient_data();
    return (unsigned char) msg->data[msg->cursor++];
}

uint32
pq_getmsgint(StringInfo msg, int bytes)
{
    const unsigned char *p;
    uint32      v = 0;

    Assert(bytes == 1 || bytes == 2 || bytes == 4);
    p = (const unsigned char *) pq_getmsgbytes(msg, bytes);
    for (int i = 0; i < bytes; i++)
        v = (v << 8) | p[i];
    return v;
}

int64
pq_getmsgint64(StringInfo msg)
{
    uint64      hi = pq_getmsgint(msg, 4);
    uint64      lo = pq_getmsgint(msg, 4);

    return (int64) ((hi << 32) | lo);
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
    const char *p;

    if (datalen < 0 || datalen > msg->len - msg->cursor)
        insufficient_data();
    p = msg->data + msg->cursor;
    msg->cursor += datalen;
    return p;
}

void
pq_copymsgbytes(StringInfo msg, void *buf, int datalen)
{
    memcpy(buf, pq_getmsgbytes(msg, datalen), (size_t) datalen);
}

const char *
pq_getmsgstring(StringInfo msg)
{
    const char *str = msg->data + msg->cursor;
    const char *nul;

    if (msg->cursor >= msg->len)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid string in message"));
    nul = memchr(str, '\0', (size_t) (msg->len - msg->cursor));
    if (nul == NULL)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid string in message"));
    msg->cursor += (int) (nul - str) + 1;
    return str;
}

void
pq_getmsgend(StringInfo msg)
{
    if (msg->cursor != msg->len)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid message format"));
}

/* Expected length of the UTF-8 sequence starting with lead byte c (1 for invalid leads). */
static int
utf8_seq_length(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

/* utf8_valid_at -- is s[0..len) (len >= seq length) a valid, shortest-form, non-surrogate sequence? */
static bool
utf8_valid_at(const unsigned char *s, int avail, int *seqlen)
{
    unsigned char c = s[0];
    int         n = utf8_seq_length(c);
    uint32      cp;

    *seqlen = n;
    if (c == 0)
        return false;
    if (c < 0x80)
        return true;
    if (c < 0xC2 || c > 0xF4 || n > avail)
        return false;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return false;
    if (n == 2)
        return true;
    if (n == 3)
    {
        cp = ((uint32) (c & 0x0F) << 12) | ((uint32) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
    }
    cp = ((uint32) (c & 0x07) << 18) | ((uint32) (s[1] & 0x3F) << 12) |
        ((uint32) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return cp >= 0x10000 && cp <= 0x10FFFF;
}

int
pq_utf8_invalid_offset(const char *s, int len)
{
    const unsigned char *p = (const unsigned char *) s;
    int         i = 0;

    while (i < len)
    {
        int         n;

        if (p[i] < 0x80 && p[i] != 0)
        {
            i++;
            continue;
        }
        if (!utf8_valid_at(p + i, len - i, &n))
            return i;
        i += n;
    }
    return -1;
}

void
pq_verify_utf8(const char *s, int len)
{
    int         off = pq_utf8_invalid_offset(s, len);

    if (off >= 0)
    {
        const unsigned char *p = (const unsigned char *) s + off;
        int         n = Min(utf8_seq_length(p[0]), len - off);
        char        hex[4 * 5 + 1];
        size_t      hl = 0;

        if (p[0] == 0)
            ereport(ERROR, errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
                    errmsg("invalid byte sequence for encoding \"UTF8\": 0x00"));
        for (int i = 0; i < n; i++)
            hl += (size_t) snprintf(hex + hl, sizeof(hex) - hl, "%s0x%02x", i ? " " : "", p[i]);
        ereport(ERROR, errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
                errmsg("invalid byte sequence for encoding \"UTF8\": %s", hex));
    }
}
