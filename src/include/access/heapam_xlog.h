/*
 * heapam_xlog.h
 *     WAL records of the heap (resource manager RM_HEAP_ID).
 * Implemented in src/backend/access/heap/heapam_xlog.c (redo, describe);
 * heapam.c writes them.  Record layouts: src/backend/access/heap/README.md.
 *
 * Heap records change tuples by line pointer number, so redo needs no
 * index of the page's contents; every block reference may instead carry a
 * full-page image (first change after a checkpoint), in which case the
 * delta is ignored.
 */
#ifndef ACCESS_HEAPAM_XLOG_H
#define ACCESS_HEAPAM_XLOG_H

#include "rustydb.h"

struct XLogReaderState;
struct StringInfoData;

/* RM_HEAP_ID record kinds */
#define XLOG_HEAP_INSERT 0x00   /* block 0: offnum (2 bytes), then the stored tuple */
#define XLOG_HEAP_DELETE 0x10   /* block 0: offnum, then the tuple's new fixed header */
#define XLOG_HEAP_UPDATE 0x20   /* main: XLogHeapUpdate; see below */
#define XLOG_HEAP_LOCK 0x30     /* block 0: offnum, then the new fixed header (row lock) */
#define XLOG_HEAP_SUPER_DELETE 0x40 /* block 0: offnum, then the new fixed header (xmin
                                     * invalid: heap_super_delete) */

/*
 * XLOG_HEAP_UPDATE: block 0 is the old version's page, its data the old
 * version's new fixed header.  The new version's stored bytes are the data
 * of block 1 when it went to another page, else they follow the header in
 * block 0's data.
 */
typedef struct XLogHeapUpdate
{
    uint16      old_offnum;
    uint16      new_offnum;
    uint8       same_page;
    uint8       pad[3];
} XLogHeapUpdate;

/* heapam_xlog.c */
extern void HeapRedo(struct XLogReaderState *record);
extern void HeapDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_HEAPAM_XLOG_H */
