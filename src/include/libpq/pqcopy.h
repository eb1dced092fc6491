/*
 * pqcopy.h
 *     The COPY sub-protocol on the backend side: CopyInResponse /
 *     CopyOutResponse, CopyData in both directions, CopyDone, CopyFail.
 * Implemented in src/backend/libpq/pqcopy.c; used by commands/copy*.c.
 *
 * Only text-format COPY is spoken (overall format 0, every column format
 * 0): the text and CSV formats of COPY both travel as text.
 */
#ifndef LIBPQ_PQCOPY_H
#define LIBPQ_PQCOPY_H

#include "rustydb.h"
#include "lib/stringinfo.h"

/* CopyOutResponse for natts columns; CopyData/CopyDone follow. */
extern void pq_copy_begin_out(int natts);
/* One CopyData message (a row, newline included, in COPY TO). */
extern void pq_copy_send_data(const char *data, int len);
/* CopyDone. */
extern void pq_copy_end_out(void);

/* CopyInResponse for natts columns, flushed: the client starts sending. */
extern void pq_copy_begin_in(int natts);
/*
 * pq_copy_get_data -- the next CopyData payload, appended to buf (not
 * reset).  Returns false at CopyDone.  Flush and Sync in between are
 * ignored (as PostgreSQL).  CopyFail raises ERROR 57014 "COPY from stdin
 * failed: <client message>"; another message type raises 08P01; a lost
 * connection raises FATAL 08006.
 */
extern bool pq_copy_get_data(StringInfo buf);

#endif                          /* LIBPQ_PQCOPY_H */
