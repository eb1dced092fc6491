/*
 * palloc.h
 *     Memory contexts: every allocation belongs to a lifetime (STYLE.md §5).
 * Implemented in src/backend/utils/mmgr/mcxt.c; see the README there.
 *
 * palloc() never returns NULL: on exhaustion it raises ERROR (53200).
 * Deleting or resetting a context frees everything allocated in it and in
 * its children.  Memory is 8-byte (MAXALIGN) aligned.
 */
#ifndef UTILS_PALLOC_H
#define UTILS_PALLOC_H

#include "rustydb.h"

typedef struct MemoryContextData *MemoryContext;

extern MemoryContext TopMemoryContext;      /* process lifetime */
extern MemoryContext CurrentMemoryContext;  /* where palloc() allocates */
extern MemoryContext ErrorContext;          /* reserved for error reporting */
extern MemoryContext MessageContext;        /* one client message; reset per message */
extern MemoryContext TopTransactionContext; /* current transaction; reset at its end */

/* Called once per process before anything else allocates. */
extern void MemoryContextInit(void);

extern MemoryContext MemoryContextCreate(MemoryContext parent, const char *name);
extern void MemoryContextDelete(MemoryContext context);
extern void MemoryContextReset(MemoryContext context);     /* frees contents and children */
extern void MemoryContextSetParent(MemoryContext context, MemoryContext new_parent);
extern const char *MemoryContextName(MemoryContext context);
extern Size MemoryContextMemAllocated(MemoryContext context, bool recurse);
extern MemoryContext GetMemoryChunkContext(void *pointer);

extern void *MemoryContextAlloc(MemoryContext context, Size size);
extern void *MemoryContextAllocZero(MemoryContext context, Size size);
extern char *MemoryContextStrdup(MemoryContext context, const char *string);

extern void *palloc(Size size);
extern void *palloc0(Size size);
extern void *repalloc(void *pointer, Size size);
extern void pfree(void *pointer);
extern char *pstrdup(const char *in);
extern char *pnstrdup(const char *in, Size len);   /* copies at most len bytes, NUL-terminates */
extern char *psprintf(const char *fmt, ...) RDB_PRINTF(1, 2);

/* The largest single request we accept (1 GiB - 1, as PostgreSQL). */
#define MaxAllocSize ((Size) 0x3fffffff)
#define AllocSizeIsValid(size) ((Size) (size) <= MaxAllocSize)

static inline MemoryContext
MemoryContextSwitchTo(MemoryContext context)
{
    MemoryContext old = CurrentMemoryContext;

    CurrentMemoryContext = context;
    return old;
}

#endif                          /* UTILS_PALLOC_H */
