/*
 * pqformat.h
 *     Building and parsing protocol messages in network byte order.
 * Implemented in src/backend/libpq/pqformat.c.
 *
 * Building: pq_beginmessage(&buf, 'T'); pq_sendint16(&buf, n); ...;
 * pq_endmessage(&buf) queues it (pq_putmessage) and frees the buffer.
 * Parsing: the message body is a StringInfo with cursor at 0; each
 * pq_getmsgXxx advances the cursor and raises ERROR 08P01 "insufficient
 * data left in message" when the body is too short; pq_getmsgend() raises
 * 08P01 "invalid message format" if bytes are left over.
 */
#ifndef LIBPQ_PQFORMAT_H
#define LIBPQ_PQFORMAT_H

#include "rustydb.h"
#include "lib/stringinfo.h"

/* The message type byte is kept in buf->cursor while building (as PostgreSQL). */
extern void pq_beginmessage(StringInfo buf, char msgtype);
extern void pq_beginmessage_reuse(StringInfo buf, char msgtype);
extern void pq_sendbyte(StringInfo buf, uint8 byt);
extern void pq_sendint16(StringInfo buf, uint16 i);
extern void pq_sendint32(StringInfo buf, uint32 i);
extern void pq_sendint64(StringInfo buf, uint64 i);
extern void pq_sendbytes(StringInfo buf, const void *data, int datalen);
/* NUL-terminated string (the NUL is sent). */
extern void pq_sendstring(StringInfo buf, const char *str);
/* int32 length + bytes (a DataRow column value); len -1 sends NULL. */
extern void pq_sendcountedtext(StringInfo buf, const char *str, int len);
/* Queue the message and free buf->data. */
extern void pq_endmessage(StringInfo buf);
/* Queue the message and keep buf for reuse with pq_beginmessage_reuse. */
extern void pq_endmessage_reuse(StringInfo buf);

extern int  pq_getmsgbyte(StringInfo msg);
/* Big-endian unsigned integer of 1, 2 or 4 bytes. */
extern uint32 pq_getmsgint(StringInfo msg, int bytes);
extern int64 pq_getmsgint64(StringInfo msg);
/* Pointer into msg for the next datalen bytes. */
extern const char *pq_getmsgbytes(StringInfo msg, int datalen);
extern void pq_copymsgbytes(StringInfo msg, void *buf, int datalen);
/*
 * pq_getmsgstring -- NUL-terminated string at the cursor (pointer into msg);
 * ERROR 08P01 "invalid string in message" if there is no NUL.  Does not
 * validate the encoding: callers do (pq_verify_utf8).
 */
extern const char *pq_getmsgstring(StringInfo msg);
extern void pq_getmsgend(StringInfo msg);

/*
 * pq_verify_utf8 -- ERROR 22021 'invalid byte sequence for encoding "UTF8":
 * 0x..' if s[0..len) is not valid UTF-8 (or contains a NUL byte).
 */
extern void pq_verify_utf8(const char *s, int len);
/* The same check without raising: byte offset of the first bad sequence or -1. */
extern int  pq_utf8_invalid_offset(const char *s, int len);

#endif                          /* LIBPQ_PQFORMAT_H */
