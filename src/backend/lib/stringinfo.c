/*
 * stringinfo.c
 *     Growable NUL-terminated buffers allocated with palloc.
 * Entry points: see src/include/lib/stringinfo.h.
 */
#include "rustydb.h"

#include "lib/stringinfo.h"
#include "utils/elog.h"
#include "utils/palloc.h"

StringInfo
makeStringInfo(void)
{
    StringInfo  str = palloc(sizeof(StringInfoData));

    initStringInfo(str);
    return str;
}

void
initStringInfo(StringInfo str)
{
    str->maxlen = 1024;
    str->data = palloc((Size) str->maxlen);
    resetStringInfo(str);
}

void
resetStringInfo(StringInfo str)
{
    str->data[0] = '\0';
    str->len = 0;
    str->cursor = 0;
}

/*
 * appendStringInfoVA -- try to format into the free space; returns false
 * (after enlarging the buffer) if it did not fit: call again with a fresh
 * va_list.
 */
bool
appendStringInfoVA(StringInfo str, const char *fmt, va_list args)
{
    int         avail = str->maxlen - str->len;
    int         needed = vsnprintf(str->data + str->len, (Size) avail, fmt, args);

    if (needed < 0)
        elog(ERROR, "vsnprintf failed: %m");
    if (needed < avail)
    {
        str->len += needed;
        return true;
    }
    str->data[str->len] = '\0';
    enlargeStringInfo(str, needed);
    return false;
}

void
appendStringInfo(StringInfo str, const char *fmt, ...)
{
    for (;;)
    {
        va_list     args;
        bool        done;

        va_start(args, fmt);
        done = appendStringInfoVA(str, fmt, args);
        va_end(args);
        if (done)
            break;
    }
}

void
appendStringInfoString(StringInfo str, const char *s)
{
    appendBinaryStringInfo(str, s, (int) strlen(s));
}

void
appendStringInfoChar(StringInfo str, char ch)
{
    if (str->len + 1 >= str->maxlen)
        enlargeStringInfo(str, 1);
    str->data[str->len++] = ch;
    str->data[str->len] = '\0';
}

void
appendStringInfoSpaces(StringInfo str, int count)
{
    if (count <= 0)
        return;
    enlargeStringInfo(str, count);
    memset(str->data + str->len, ' ', (Size) count);
    str->len += count;
    str->data[str->len] = '\0';
}

void
appendBinaryStringInfo(StringInfo str, const void *data, int datalen)
{
    Assert(datalen >= 0);
    enlargeStringInfo(str, datalen);
    memcpy(str->data + str->len, data, (Size) datalen);
    str->len += datalen;
    str->data[str->len] = '\0';
}

/*
 * enlargeStringInfo -- make room for needed more bytes plus the NUL.
 * Raises ERROR past MaxAllocSize.
 */
void
enlargeStringInfo(StringInfo str, int needed)
{
    Size        newlen;

    if (needed < 0 || (Size) needed >= MaxAllocSize - (Size) str->len)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("out of memory"),
                errdetail("Cannot enlarge string buffer containing %d bytes by %d more bytes.",
                          str->len, needed));
    needed += str->len + 1;
    if (needed <= str->maxlen)
        return;
    newlen = 2 * (Size) str->maxlen;
    while (newlen < (Size) needed)
        newlen *= 2;
    if (newlen > MaxAllocSize)
        newlen = MaxAllocSize;
    str->data = repalloc(str->data, newlen);
    str->maxlen = (int) newlen;
}
