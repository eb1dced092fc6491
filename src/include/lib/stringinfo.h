/*
 * stringinfo.h
 *     Growable strings/byte buffers allocated with palloc.
 * Implemented in src/backend/lib/stringinfo.c.  The data is always
 * NUL-terminated (binary data may contain NULs too); len excludes the NUL.
 */
#ifndef LIB_STRINGINFO_H
#define LIB_STRINGINFO_H

#include <stdarg.h>

#include "rustydb.h"

typedef struct StringInfoData
{
    char       *data;
    int         len;
    int         maxlen;
    int         cursor;         /* read position for message parsing */
} StringInfoData;

typedef StringInfoData *StringInfo;

extern StringInfo makeStringInfo(void);
extern void initStringInfo(StringInfo str);
extern void resetStringInfo(StringInfo str);
extern void appendStringInfo(StringInfo str, const char *fmt, ...) RDB_PRINTF(2, 3);
extern bool appendStringInfoVA(StringInfo str, const char *fmt, va_list args);
extern void appendStringInfoString(StringInfo str, const char *s);
extern void appendStringInfoChar(StringInfo str, char ch);
extern void appendStringInfoSpaces(StringInfo str, int count);
extern void appendBinaryStringInfo(StringInfo str, const void *data, int datalen);
extern void enlargeStringInfo(StringInfo str, int needed);

#endif                          /* LIB_STRINGINFO_H */
