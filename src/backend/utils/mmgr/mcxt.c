/*
 * mcxt.c
 *     Memory contexts: a tree of allocation arenas whose lifetimes match the
 *     data in them (process, transaction, message, tuple).
 * Entry points: MemoryContextInit(), MemoryContextCreate(), palloc() family.
 * Design, invariants and the debug mode: see README.md in this directory.
 */
#include "rustydb.h"

#include <stdarg.h>

#include "utils/elog.h"
#include "utils/palloc.h"

/*
 * Every chunk is preceded by a ChunkHeader naming its context and its usable
 * size, so pfree()/repalloc() need only the pointer.  Small chunks are carved
 * from blocks and recycled through per-size-class free lists; large chunks
 * get a block of their own, returned to malloc on pfree().
 *
 * With RDB_MEMORY_DEBUG (set by SANITIZE=1 builds) every chunk is its own
 * malloc() block, so AddressSanitizer sees each use-after-free and overrun.
 */
#define CHUNK_MAGIC 0x5244424dU     /* "RDBM" */
#define NUM_FREELISTS 11            /* 8, 16, ..., 8192 bytes */
#define MIN_CHUNK_SHIFT 3
#define MAX_SMALL_CHUNK (1 << (MIN_CHUNK_SHIFT + NUM_FREELISTS - 1))
#define INIT_BLOCK_SIZE (8 * 1024)
#define MAX_BLOCK_SIZE (8 * 1024 * 1024)

typedef struct MemoryBlock
{
    struct MemoryBlock *prev;
    struct MemoryBlock *next;
    Size        size;           /* total bytes of this block, header included */
    char       *free_ptr;       /* first unused byte */
    char       *end_ptr;        /* one past the block */
} MemoryBlock;

typedef struct ChunkHeader
{
    struct MemoryContextData *context;
    Size        size;           /* usable bytes (size class or exact for large) */
    uint32      magic;
    uint32      is_large;       /* chunk owns its block */
} ChunkHeader;

#define BLOCK_HDRSZ MAXALIGN(sizeof(MemoryBlock))
#define CHUNK_HDRSZ MAXALIGN(sizeof(ChunkHeader))

typedef struct MemoryContextData
{
    struct MemoryContextData *parent;
    struct MemoryContextData *first_child;
    struct MemoryContextData *next_sibling;
    struct MemoryContextData *prev_sibling;
    char       *name;
    MemoryBlock *blocks;        /* doubly linked, newest first */
    MemoryBlock *active;        /* block small chunks are carved from, or NULL */
    Size        next_block_size;
    Size        total_allocated;    /* bytes obtained from malloc */
    ChunkHeader *freelist[NUM_FREELISTS];
} MemoryContextData;

MemoryContext TopMemoryContext = NULL;
MemoryContext CurrentMemoryContext = NULL;
MemoryContext ErrorContext = NULL;
MemoryContext MessageContext = NULL;
MemoryContext TopTransactionContext = NULL;

static RDB_NORETURN void out_of_memory(MemoryContext context, Size size);

/*
 * MemoryContextInit -- create TopMemoryContext and ErrorContext.
 * Idempotent.  ErrorContext gets a reserve so that reporting an
 * out-of-memory error does not itself need fresh memory.
 */
void
MemoryContextInit(void)
{
    if (TopMemoryContext != NULL)
        return;
    TopMemoryContext = MemoryContextCreate(NULL, "TopMemoryContext");
    CurrentMemoryContext = TopMemoryContext;
    ErrorContext = MemoryContextCreate(TopMemoryContext, "ErrorContext");
    /* Pre-grow ErrorContext so OOM reports still work; then give it back to freelists. */
    pfree(MemoryContextAlloc(ErrorContext, 4096));
}

/*
 * MemoryContextCreate -- a new empty context under parent (NULL: a root).
 * The context header itself is malloc'ed; it is freed by MemoryContextDelete.
 */
MemoryContext
MemoryContextCreate(MemoryContext parent, const char *name)
{
    size_t      namelen = strlen(name);
    MemoryContext context = malloc(sizeof(MemoryContextData) + namelen + 1);

    if (context == NULL)
        out_of_memory(parent, sizeof(MemoryContextData));
    memset(context, 0, sizeof(MemoryContextData));
    context->name = (char *) (context + 1);
    memcpy(context->name, name, namelen + 1);
    context->next_block_size = INIT_BLOCK_SIZE;
    context->parent = NULL;
    if (parent != NULL)
        MemoryContextSetParent(context, parent);
    return context;
}

void
MemoryContextSetParent(MemoryContext context, MemoryContext new_parent)
{
    Assert(context != new_parent);
    if (context->parent != NULL)
    {
        MemoryContext parent = context->parent;

        if (context->prev_sibling)
            context->prev_sibling->next_sibling = context->next_sibling;
        else
            parent->first_child = context->next_sibling;
        if (context->next_sibling)
            context->next_sibling->prev_sibling = context->prev_sibling;
    }
    context->parent = new_parent;
    context->prev_sibling = NULL;
    context->next_sibling = NULL;
    if (new_parent != NULL)
    {
        context->next_sibling = new_parent->first_child;
        if (new_parent->first_child)
            new_parent->first_child->prev_sibling = context;
        new_parent->first_child = context;
    }
}

const char *
MemoryContextName(MemoryContext context)
{
    return context->name;
}

/* free_blocks -- give every block of context back to malloc. */
static void
free_blocks(MemoryContext context)
{
    MemoryBlock *block = context->blocks;

    while (block != NULL)
    {
        MemoryBlock *next = block->next;

        free(block);
        block = next;
    }
    context->blocks = NULL;
    context->active = NULL;
    context->total_allocated = 0;
    context->next_block_size = INIT_BLOCK_SIZE;
    memset(context->freelist, 0, sizeof(context->freelist));
}

/*
 * MemoryContextReset -- free all memory of context and delete its children.
 * The context itself stays usable.
 */
void
MemoryContextReset(MemoryContext context)
{
    /*
     * Nothing allocated since the last reset: the usual case for per-row
     * contexts (a scan qual of by-value comparisons), reset once per row.
     * With no blocks there are no free-list chunks, no active block and
     * nothing allocated, so free_blocks() would change nothing.
     */
    if (context->blocks == NULL && context->first_child == NULL)
    {
        Assert(context->active == NULL && context->total_allocated == 0);
        return;
    }
    while (context->first_child != NULL)
        MemoryContextDelete(context->first_child);
    free_blocks(context);
}

/* MemoryContextDelete -- free context, its memory and all its descendants. */
void
MemoryContextDelete(MemoryContext context)
{
    Assert(context != TopMemoryContext || CurrentMemoryContext == NULL ||
           CurrentMemoryContext == TopMemoryContext);
    Assert(context != CurrentMemoryContext || context == TopMemoryContext);
    MemoryContextReset(context);
    MemoryContextSetParent(context, NULL);
    if (context == TopMemoryContext)
    {
        TopMemoryContext = NULL;
        CurrentMemoryContext = NULL;
        ErrorContext = NULL;
    }
    free(context);
}

Size
MemoryContextMemAllocated(MemoryContext context, bool recurse)
{
    Size        total = context->total_allocated;

    if (recurse)
    {
        for (MemoryContext child = context->first_child; child; child = child->next_sibling)
            total += MemoryContextMemAllocated(child, true);
    }
    return total;
}

static RDB_NORETURN void
out_of_memory(MemoryContext context, Size size)
{
    ereport(ERROR,
            errcode(ERRCODE_OUT_OF_MEMORY),
            errmsg("out of memory"),
            errdetail("Failed on request of size %zu in memory context \"%s\".",
                      size, context ? context->name : "(none)"));
    rdb_unreachable();
}

/* new_block -- put a fresh malloc'ed block at the head of the block list. */
static MemoryBlock *
new_block(MemoryContext context, Size size)
{
    MemoryBlock *block = malloc(size);

    if (block == NULL)
        out_of_memory(context, size);
    block->size = size;
    block->free_ptr = (char *) block + BLOCK_HDRSZ;
    block->end_ptr = (char *) block + size;
    block->prev = NULL;
    block->next = context->blocks;
    if (context->blocks)
        context->blocks->prev = block;
    context->blocks = block;
    context->total_allocated += size;
    return block;
}

static void
unlink_block(MemoryContext context, MemoryBlock *block)
{
    if (block->prev)
        block->prev->next = block->next;
    else
        context->blocks = block->next;
    if (block->next)
        block->next->prev = block->prev;
    context->total_allocated -= block->size;
    free(block);
}

static inline int
size_class(Size size)
{
    int         idx = 0;
    Size        cls = (Size) 1 << MIN_CHUNK_SHIFT;

    while (cls < size)
    {
        cls <<= 1;
        idx++;
    }
    return idx;
}

/* alloc_large -- a chunk that owns its block (always used in debug mode). */
static void *
alloc_large(MemoryContext context, Size size)
{
    Size        chunk_size = MAXALIGN(size);
    MemoryBlock *block = new_block(context, BLOCK_HDRSZ + CHUNK_HDRSZ + chunk_size);
    ChunkHeader *chunk = (ChunkHeader *) block->free_ptr;

    block->free_ptr = block->end_ptr;
    chunk->context = context;
    chunk->size = chunk_size;
    chunk->magic = CHUNK_MAGIC;
    chunk->is_large = 1;
    return (char *) chunk + CHUNK_HDRSZ;
}

#ifndef RDB_MEMORY_DEBUG
/* alloc_small -- a chunk of a power-of-two size class, from a free list or the active block. */
static void *
alloc_small(MemoryContext context, Size size)
{
    int         idx = size_class(size);
    Size        chunk_size = (Size) 1 << (idx + MIN_CHUNK_SHIFT);
    ChunkHeader *chunk;
    MemoryBlock *block;

    if (context->freelist[idx] != NULL)
    {
        chunk = context->freelist[idx];
        context->freelist[idx] = *(ChunkHeader **) ((char *) chunk + CHUNK_HDRSZ);
        chunk->magic = CHUNK_MAGIC;
        return (char *) chunk + CHUNK_HDRSZ;
    }
    block = context->active;
    if (block == NULL ||
        (Size) (block->end_ptr - block->free_ptr) < CHUNK_HDRSZ + chunk_size)
    {
        Size        block_size = context->next_block_size;

        /*
         * The remainder of the current block is abandoned rather than carved
         * into free-list chunks: simpler, and at most one chunk's worth.
         */
        while (block_size < BLOCK_HDRSZ + CHUNK_HDRSZ + chunk_size)
            block_size <<= 1;
        if (context->next_block_size < MAX_BLOCK_SIZE)
            context->next_block_size <<= 1;
        block = new_block(context, block_size);
        context->active = block;
    }
    chunk = (ChunkHeader *) block->free_ptr;
    block->free_ptr += CHUNK_HDRSZ + chunk_size;
    chunk->context = context;
    chunk->size = chunk_size;
    chunk->magic = CHUNK_MAGIC;
    chunk->is_large = 0;
    return (char *) chunk + CHUNK_HDRSZ;
}
#endif

/*
 * MemoryContextAlloc -- size bytes in context, MAXALIGNed, uninitialised.
 * Raises ERROR (53200) when memory is exhausted or the request is too big.
 */
void *
MemoryContextAlloc(MemoryContext context, Size size)
{
    Assert(context != NULL);
    if (!AllocSizeIsValid(size))
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("invalid memory alloc request size %zu", size));
#ifdef RDB_MEMORY_DEBUG
    return alloc_large(context, size);
#else
    if (size > MAX_SMALL_CHUNK)
        return alloc_large(context, size);
    return alloc_small(context, size);
#endif
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
    void       *p = MemoryContextAlloc(context, size);

    memset(p, 0, size);
    return p;
}

char *
MemoryContextStrdup(MemoryContext context, const char *string)
{
    Size        len = strlen(string) + 1;
    char       *p = MemoryContextAlloc(context, len);

    memcpy(p, string, len);
    return p;
}

static inline ChunkHeader *
chunk_of(void *pointer)
{
    ChunkHeader *chunk = (ChunkHeader *) ((char *) pointer - CHUNK_HDRSZ);

    if (chunk->magic != CHUNK_MAGIC)
        elog(PANIC, "pfree/repalloc called with invalid pointer %p", pointer);
    return chunk;
}

MemoryContext
GetMemoryChunkContext(void *pointer)
{
    return chunk_of(pointer)->context;
}

void *
palloc(Size size)
{
    return MemoryContextAlloc(CurrentMemoryContext, size);
}

void *
palloc0(Size size)
{
    return MemoryContextAllocZero(CurrentMemoryContext, size);
}

/* pfree -- return a chunk: large ones to malloc, small ones to their free list. */
void
pfree(void *pointer)
{
    ChunkHeader *chunk = chunk_of(pointer);
    MemoryContext context = chunk->context;

    chunk->magic = 0;
    if (chunk->is_large)
    {
        MemoryBlock *block = (MemoryBlock *) ((char *) chunk - BLOCK_HDRSZ);

        unlink_block(context, block);
        return;
    }
    {
        int         idx = size_class(chunk->size);

        *(ChunkHeader **) pointer = context->freelist[idx];
        context->freelist[idx] = chunk;
    }
}

/* repalloc -- resize, keeping the chunk in its own context. */
void *
repalloc(void *pointer, Size size)
{
    ChunkHeader *chunk = chunk_of(pointer);
    void       *newp;

    if (!AllocSizeIsValid(size))
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("invalid memory alloc request size %zu", size));
    if (!chunk->is_large && size <= chunk->size)
        return pointer;
    newp = MemoryContextAlloc(chunk->context, size);
    memcpy(newp, pointer, Min(chunk->size, size));
    pfree(pointer);
    return newp;
}

char *
pstrdup(const char *in)
{
    return MemoryContextStrdup(CurrentMemoryContext, in);
}

char *
pnstrdup(const char *in, Size len)
{
    Size        n = strnlen(in, len);
    char       *out = palloc(n + 1);

    memcpy(out, in, n);
    out[n] = '\0';
    return out;
}

char *
psprintf(const char *fmt, ...)
{
    va_list     args;
    int         needed;
    char       *buf;

    va_start(args, fmt);
    needed = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (needed < 0)
        elog(ERROR, "vsnprintf failed: %m");
    buf = palloc((Size) needed + 1);
    va_start(args, fmt);
    vsnprintf(buf, (Size) needed + 1, fmt, args);
    va_end(args);
    return buf;
}
