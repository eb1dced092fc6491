/*
 * resowner.c
 *     Resource owners: per-transaction (and later per-portal/subtransaction)
 *     registries of held resources, released together at commit or abort.
 * Entry points: see utils/resowner.h.  Design notes: README in this directory.
 *
 * Each owner keeps a flat array of (kind, value) entries; Forget searches
 * from the end because resources are usually released in LIFO order.
 * Release must not ERROR: kinds' release callbacks are written that way,
 * and WARNINGs for leaks are emitted after the entry is removed.
 */
#include "rustydb.h"

#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/resowner.h"

typedef struct ResourceEntry
{
    const ResourceKindDesc *kind;
    Datum       value;
} ResourceEntry;

typedef struct ResourceOwnerData
{
    ResourceOwner parent;
    ResourceOwner first_child;
    ResourceOwner next_sibling;
    const char *name;           /* static string supplied by the creator */
    int         nentries;
    int         capacity;
    ResourceEntry *entries;     /* TopMemoryContext */
} ResourceOwnerData;

ResourceOwner CurrentResourceOwner = NULL;
ResourceOwner TopTransactionResourceOwner = NULL;
ResourceOwner SessionResourceOwner = NULL;

ResourceOwner
ResourceOwnerCreate(ResourceOwner parent, const char *name)
{
    ResourceOwner owner = MemoryContextAllocZero(TopMemoryContext, sizeof(ResourceOwnerData));

    owner->name = name;
    owner->parent = parent;
    if (parent != NULL)
    {
        owner->next_sibling = parent->first_child;
        parent->first_child = owner;
    }
    return owner;
}

const char *
ResourceOwnerGetName(ResourceOwner owner)
{
    return owner->name;
}

void
ResourceOwnerEnlarge(ResourceOwner owner)
{
    int         new_capacity;

    if (owner == NULL || owner->nentries < owner->capacity)
        return;
    new_capacity = owner->capacity == 0 ? 16 : owner->capacity * 2;
    if (owner->entries == NULL)
        owner->entries = MemoryContextAlloc(TopMemoryContext,
                                            sizeof(ResourceEntry) * (Size) new_capacity);
    else
        owner->entries = repalloc(owner->entries, sizeof(ResourceEntry) * (Size) new_capacity);
    owner->capacity = new_capacity;
}

void
ResourceOwnerRemember(ResourceOwner owner, const ResourceKindDesc *kind, Datum value)
{
    Assert(owner != NULL);
    if (owner->nentries >= owner->capacity)
        ResourceOwnerEnlarge(owner);    /* may ERROR; callers avoid this by enlarging first */
    owner->entries[owner->nentries].kind = kind;
    owner->entries[owner->nentries].value = value;
    owner->nentries++;
}

void
ResourceOwnerForget(ResourceOwner owner, const ResourceKindDesc *kind, Datum value)
{
    Assert(owner != NULL);
    for (int i = owner->nentries - 1; i >= 0; i--)
    {
        if (owner->entries[i].kind == kind && owner->entries[i].value == value)
        {
            owner->nentries--;
            memmove(&owner->entries[i], &owner->entries[i + 1],
                    sizeof(ResourceEntry) * (Size) (owner->nentries - i));
            return;
        }
    }
    elog(ERROR, "%s %llu is not owned by resource owner %s",
         kind->name, (unsigned long long) value, owner->name);
}

int
ResourceOwnerCount(ResourceOwner owner, const ResourceKindDesc *kind)
{
    int         count = 0;

    for (int i = 0; i < owner->nentries; i++)
        if (owner->entries[i].kind == kind)
            count++;
    return count;
}

static void
release_phase(ResourceOwner owner, ResourceReleasePhase phase, bool is_commit)
{
    for (ResourceOwner child = owner->first_child; child != NULL; child = child->next_sibling)
        release_phase(child, phase, is_commit);

    for (int i = owner->nentries - 1; i >= 0; i--)
    {
        ResourceEntry entry = owner->entries[i];

        if (entry.kind->phase != phase)
            continue;
        owner->nentries--;
        memmove(&owner->entries[i], &owner->entries[i + 1],
                sizeof(ResourceEntry) * (Size) (owner->nentries - i));
        if (is_commit)
        {
            if (entry.kind->describe != NULL)
            {
                char       *what = entry.kind->describe(entry.value);

                elog(WARNING, "resource was not closed: %s", what);
                pfree(what);
            }
            else
                elog(WARNING, "resource was not closed: %s %llu", entry.kind->name,
                     (unsigned long long) entry.value);
        }
        entry.kind->release(entry.value);
    }
}

void
ResourceOwnerRelease(ResourceOwner owner, bool is_commit)
{
    if (owner == NULL)
        return;
    release_phase(owner, RESOURCE_RELEASE_BEFORE_LOCKS, is_commit);
    release_phase(owner, RESOURCE_RELEASE_LOCKS, is_commit);
    release_phase(owner, RESOURCE_RELEASE_AFTER_LOCKS, is_commit);
}

void
ResourceOwnerDelete(ResourceOwner owner)
{
    if (owner == NULL)
        return;
    while (owner->first_child != NULL)
        ResourceOwnerDelete(owner->first_child);
    if (owner->nentries != 0)
        elog(WARNING, "deleting resource owner %s with %d unreleased resources",
             owner->name, owner->nentries);
    if (owner->parent != NULL)
    {
        ResourceOwner *link = &owner->parent->first_child;

        while (*link != NULL && *link != owner)
            link = &(*link)->next_sibling;
        if (*link == owner)
            *link = owner->next_sibling;
    }
    if (CurrentResourceOwner == owner)
        CurrentResourceOwner = NULL;
    if (owner->entries != NULL)
        pfree(owner->entries);
    pfree(owner);
}
