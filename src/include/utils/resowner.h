/*
 * resowner.h
 *     Resource owners: who holds which buffer pins (and later locks, files,
 *     relation references, snapshots) so that an abort releases them all.
 * Implemented in src/backend/utils/resowner/resowner.c; see the README there.
 *
 * A transaction runs with CurrentResourceOwner = TopTransactionResourceOwner
 * (per-portal or per-subtransaction children may come later).  Code that
 * acquires a tracked resource calls ResourceOwnerRemember() right after
 * acquiring it and ResourceOwnerForget() when releasing it normally.  At
 * commit, anything still remembered is a leak: released with a WARNING.  At
 * abort it is released silently.
 *
 * New resource kinds: define a static const ResourceKindDesc with a name, a
 * release phase and a release function, and use it with Remember/Forget.
 */
#ifndef UTILS_RESOWNER_H
#define UTILS_RESOWNER_H

#include "rustydb.h"

typedef struct ResourceOwnerData *ResourceOwner;

/* Release order: all of phase BEFORE_LOCKS, then LOCKS, then AFTER_LOCKS. */
typedef enum ResourceReleasePhase
{
    RESOURCE_RELEASE_BEFORE_LOCKS,  /* buffer pins, files, relation refs */
    RESOURCE_RELEASE_LOCKS,         /* heavyweight locks */
    RESOURCE_RELEASE_AFTER_LOCKS    /* catalog cache refs, snapshots */
} ResourceReleasePhase;

typedef struct ResourceKindDesc
{
    const char *name;           /* "buffer pin", for leak warnings */
    ResourceReleasePhase phase;
    void        (*release) (Datum value);   /* must not ERROR */
    /* Optional: describe value for a leak WARNING; NULL = print the Datum. */
    char       *(*describe) (Datum value);
} ResourceKindDesc;

extern ResourceOwner CurrentResourceOwner;
extern ResourceOwner TopTransactionResourceOwner;
/* Owner for resources held across transactions by the process itself (never released by abort). */
extern ResourceOwner SessionResourceOwner;

/* Allocated in TopMemoryContext; parent may be NULL. */
extern ResourceOwner ResourceOwnerCreate(ResourceOwner parent, const char *name);
/*
 * Release everything remembered in owner and its children, phase by phase.
 * is_commit: leftovers are leaks (WARNING each); otherwise silent.
 */
extern void ResourceOwnerRelease(ResourceOwner owner, bool is_commit);
/* Owner must be empty (released). Children are deleted too. */
extern void ResourceOwnerDelete(ResourceOwner owner);
/* Make sure one more Remember cannot fail (call before acquiring the resource). */
extern void ResourceOwnerEnlarge(ResourceOwner owner);
/* Never fails if ResourceOwnerEnlarge() was called since the last Remember. */
extern void ResourceOwnerRemember(ResourceOwner owner, const ResourceKindDesc *kind, Datum value);
/* ERROR (internal) if value is not remembered in owner. */
extern void ResourceOwnerForget(ResourceOwner owner, const ResourceKindDesc *kind, Datum value);
/* Number of remembered resources of kind in owner (tests). */
extern int  ResourceOwnerCount(ResourceOwner owner, const ResourceKindDesc *kind);
extern const char *ResourceOwnerGetName(ResourceOwner owner);

#endif                          /* UTILS_RESOWNER_H */
