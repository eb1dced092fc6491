/*
 * libpq.h
 *     Backend side of the client connection: buffered socket I/O, message
 *     framing, start-up packet, authentication, and sending errors and
 *     parameter changes to the client.
 * Implemented in src/backend/libpq/: pqcomm.c (I/O and framing),
 * startup.c (start-up packet), auth.c (authentication), pqsend.c
 * (ErrorResponse/NoticeResponse, ParameterStatus, ReadyForQuery).
 * See the README there.
 *
 * The backend talks to its client synchronously: reads block (interrupted
 * by signals, see pq_getbyte), writes go to a buffer flushed by pq_flush()
 * or when full.  Once the connection is known to be broken every further
 * write is discarded and the next read reports EOF, so an error while
 * sending an error cannot loop.
 */
#ifndef LIBPQ_LIBPQ_H
#define LIBPQ_LIBPQ_H

#include "rustydb.h"
#include "lib/stringinfo.h"

struct Port;
struct ErrorData;

/* ---------- pqcomm.c ---------- */

/* Start using sock for client I/O (blocking mode is set here). */
extern void pq_init(int sock);
/* Drop buffered input/output state (after an error while reading a message). */
extern void pq_comm_reset(void);

/*
 * pq_getbyte -- next byte from the client, or EOF (-1) when the connection
 * is closed or broken.  Blocks; while blocked, a pending termination request
 * is processed (FATAL) and, if idle_reload is set by the caller through
 * pq_set_idle(), a configuration reload is applied.
 */
extern int  pq_getbyte(void);
extern int  pq_peekbyte(void);
/* Read exactly len bytes; returns false on EOF. */
extern bool pq_getbytes(char *buf, Size len);

/*
 * pq_getmessage -- read the body of a message whose type byte has just
 * been read: the int32 length, then length-4 bytes into buf (reset first;
 * buf->cursor = 0).  maxlen bounds the length word.  Returns false on EOF
 * in the middle of the message; reports a COMMERROR-style LOG and returns
 * false on an invalid length (< 4 or > maxlen), after which the connection
 * must be dropped because the framing is lost.  *bad_length tells which.
 */
extern bool pq_getmessage(StringInfo buf, int maxlen, bool *bad_length);

/* True while in the middle of reading a message (for error recovery). */
extern bool pq_is_reading_msg(void);
/* Mark the connection idle (reads may apply a reload) or busy. */
extern void pq_set_idle(bool idle);
/*
 * Called when a signal interrupts a read while the connection is idle
 * (after any reload); must not raise an error.  NULL: none.
 */
extern void (*pq_idle_interrupt_hook) (void);

/*
 * pq_putmessage -- queue a message: type byte (0 for none, the start-up
 * replies 'N'/'S' use pq_putbytes), int32 length, data.  Returns false if
 * the connection is broken (the message is dropped).
 */
extern bool pq_putmessage(char msgtype, const char *data, Size len);
extern bool pq_putbytes(const char *data, Size len);
/* Send everything buffered; false if the connection is broken. */
extern bool pq_flush(void);
extern bool pq_connection_broken(void);

/* ---------- startup.c ---------- */

/*
 * ProcessStartupPacket -- read the start-up packet (answering SSLRequest and
 * GSSENCRequest with 'N'), fill in port.  Returns true for a normal start-up
 * request; false if the connection should just be closed (CancelRequest
 * handled, EOF, or an invalid packet already reported to the log/client).
 */
extern bool ProcessStartupPacket(struct Port *port);

/*
 * Hook the postmaster's child table lookup into the CancelRequest path:
 * returns true if (pid, key) matched and the process was signalled.
 */
typedef bool (*CancelRequestHook) (int32 pid, int32 key);
extern CancelRequestHook CancelRequestHandler;

/* ---------- auth.c ---------- */

/*
 * ClientAuthentication -- decide how port must authenticate (trust for
 * now; rustydb_hba.conf and SCRAM-SHA-256 later) and run the exchange.
 * Sends AuthenticationOk on success; FATAL 28000/28P01 on failure.
 */
extern void ClientAuthentication(struct Port *port);

/* ---------- pqsend.c ---------- */

/* ErrorSendToClientHook implementation: ErrorResponse or NoticeResponse. */
extern void SendErrorToClient(const struct ErrorData *edata);
/* ParameterStatus name=value. */
extern void SendParameterStatus(const char *name, const char *value);
/* ReadyForQuery with the transaction status byte 'I', 'T' or 'E'. */
extern void SendReadyForQuery(char xact_status);
/* BackendKeyData. */
extern void SendBackendKeyData(int32 pid, int32 key);

#endif                          /* LIBPQ_LIBPQ_H */
