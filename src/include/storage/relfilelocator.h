/*
 * relfilelocator.h
 *     Where a relation's files live: database oid + relfile number, or the
 *     shared (global/) directory for shared catalogs; and fork numbers.
 */
#ifndef STORAGE_RELFILELOCATOR_H
#define STORAGE_RELFILELOCATOR_H

#include "rustydb.h"

/*
 * RelFileLocator -- identifies a relation's storage.  Files are
 * DataDir/data/base/<dbOid>/<relNumber>[_fsm|_vm] or, when shared is true,
 * DataDir/data/global/<relNumber>[_fsm|_vm] (dbOid ignored, conventionally 0).
 * Compare with RelFileLocatorEquals, never memcmp (padding).
 */
typedef struct RelFileLocator
{
    Oid         dbOid;
    Oid         relNumber;
    bool        shared;
} RelFileLocator;

typedef enum ForkNumber
{
    InvalidForkNumber = -1,
    MAIN_FORKNUM = 0,
    FSM_FORKNUM,
    VISIBILITYMAP_FORKNUM,
    MAX_FORKNUM = VISIBILITYMAP_FORKNUM
} ForkNumber;

#define NUM_FORKS (MAX_FORKNUM + 1)

static inline bool
RelFileLocatorEquals(RelFileLocator a, RelFileLocator b)
{
    return a.relNumber == b.relNumber && a.shared == b.shared &&
        (a.shared || a.dbOid == b.dbOid);
}

#endif                          /* STORAGE_RELFILELOCATOR_H */
