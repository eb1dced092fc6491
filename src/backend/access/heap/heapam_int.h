/*
 * heapam_int.h
 *     Private interface between heapam.c and heaplock.c (row locks).
 *     Nothing outside src/backend/access/heap includes it.
 */
#ifndef HEAPAM_INT_H
#define HEAPAM_INT_H

#include "access/heapam.h"

/* heapam.c */
/*
 * heap_fetch_for_modify -- pin and exclusively lock the page of tid and
 * point *tup at the tuple (ERROR if tid names no normal line pointer).
 */
extern Buffer heap_fetch_for_modify(Relation rel, ItemPointer tid, HeapTuple tup);
/* WAL-log hdr as the new fixed header of the tuple at tid (caller: exclusive lock, critical section). */
extern void heap_log_tuple_header(Buffer buffer, ItemPointer tid, HeapTupleHeader hdr, uint8 info);

/* heaplock.c */
/*
 * heap_xmax_blocker -- a running transaction, not ours, that keeps us
 * from taking mode on the tuple: its running updater, or a running row
 * locker whose strength conflicts with mode.  InvalidTransactionId if
 * none.  Caller holds the page's content lock.
 */
extern TransactionId heap_xmax_blocker(HeapTupleHeader t, LockTupleMode mode);
/*
 * heap_carry_key_share_lockers -- for a non-key UPDATE that found only
 * FOR KEY SHARE lockers of other transactions running on the old version
 * t: the xmax (single xid or new multixact) and HEAP_XMAX_* bits that
 * give the new version the same lockers; *xmax invalid if none.  May
 * ERROR (multixact table full): call before changing anything.
 */
extern void heap_carry_key_share_lockers(HeapTupleHeader t, TransactionId *xmax, uint16 *bits);

#endif                          /* HEAPAM_INT_H */
