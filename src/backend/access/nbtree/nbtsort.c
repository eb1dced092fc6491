/*
 * nbtsort.c
 *     Building a B-tree bottom-up: collect (key, heap TID) entries from the
 *     table, sort them in memory, fill leaf pages to the fill factor left to
 *     right, and build each upper level from the pages of the level below.
 * Entry points: BTreeBuild(), BTreeBuildFromEntries().
 *
 * Memory: the entries (key values and TIDs) are held in memory in a build
 * context, roughly the size of the finished index plus pointers; there is
 * no spill to disk yet (XXX: a table whose keys do not fit in memory fails
 * with out-of-memory; an external merge sort is the fix).  Pages are
 * written through shared buffers as each is finished and WAL-logged as
 * full-page images (XLOG_BTREE_NEWPAGE), so a built index survives a crash.
 * A page's block is allocated when the page is started, so the sibling
 * links are known when it is written.
 */
#include "rustydb.h"

#include <stdlib.h>

#include "access/heapam.h"
#include "access/xlog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "nbtree_int.h"
#include "storage/procarray.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#define BT_PAGE_SPACE (BLCKSZ - MAXALIGN(SizeOfPageHeaderData) - MAXALIGN(sizeof(BTPageOpaqueData)))

typedef struct BuildEntry
{
    Datum      *values;
    bool       *isnull;
    ItemPointerData tid;
    bool        alive;          /* counts for uniqueness (not recently dead) */
} BuildEntry;

/* One level under construction. */
typedef struct LevelState
{
    uint32      level;
    BlockNumber blkno;          /* block of the page being filled */
    BlockNumber prev;           /* its left sibling */
    IndexTuple  lowkey;         /* its lower bound (left sibling's high key), NULL for leftmost */
    IndexTuple *items;          /* entries for the page being filled */
    int         nitems;
    int         maxitems;
    Size        space;          /* bytes the items take (with line pointers) */
    int         npages;         /* pages started on this level */
    struct LevelState *parent;
} LevelState;

typedef struct BuildState
{
    Relation    index;
    const BTKeyDesc *desc;
    LevelState *leaf;
} BuildState;

static void level_add(BuildState *bs, LevelState *ls, IndexTuple itup);

static Size
item_space(IndexTuple itup)
{
    return MAXALIGN(IndexTupleSize(itup)) + sizeof(ItemIdData);
}

/* Extend the index by one (zeroed) block for a new page; the pin is not kept. */
static BlockNumber
allocate_block(Relation index)
{
    Buffer      buf = BTNewPage(index);
    BlockNumber blkno = BufferGetBlockNumber(buf);

    UnlockReleaseBuffer(buf);
    return blkno;
}

static LevelState *
level_create(Relation index, uint32 level)
{
    LevelState *ls = palloc0(sizeof(LevelState));

    ls->level = level;
    ls->maxitems = 64;
    ls->items = palloc(sizeof(IndexTuple) * ls->maxitems);
    ls->prev = P_NONE;
    ls->blkno = allocate_block(index);
    ls->npages = 1;
    return ls;
}

static void
level_push(LevelState *ls, IndexTuple itup)
{
    if (ls->nitems == ls->maxitems)
    {
        ls->maxitems *= 2;
        ls->items = repalloc(ls->items, sizeof(IndexTuple) * ls->maxitems);
    }
    ls->items[ls->nitems++] = itup;
    ls->space += item_space(itup);
}

/* Write the current page of ls: high key hikey (NULL: rightmost), right link next. */
static void
write_page(BuildState *bs, LevelState *ls, IndexTuple hikey, BlockNumber next, bool is_root)
{
    Buffer      buf = ReadBuffer(bs->index, ls->blkno);
    Page        page = BufferGetPage(buf);
    BTPageOpaque op;
    IndexSpaceMark mark;

    LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
    IndexSpacePageBegin(bs->index, page, ls->blkno, &mark);    /* exact space: a zeroed page so far */
    START_CRIT_SECTION();
    BTPageInit(page, (ls->level == 0 ? BTP_LEAF : 0) | (is_root ? BTP_ROOT : 0), ls->level);
    op = BTPageGetOpaque(page);
    op->btpo_prev = ls->prev;
    op->btpo_next = next;
    if (hikey != NULL &&
        PageAddItem(page, hikey, IndexTupleSize(hikey), InvalidOffsetNumber, 0) == InvalidOffsetNumber)
        elog(PANIC, "could not add the high key to block %u", ls->blkno);
    for (int i = 0; i < ls->nitems; i++)
    {
        IndexTuple  itup = ls->items[i];
        IndexTuple  minf = NULL;

        if (i == 0 && ls->level > 0)
            itup = minf = BTMakeMinusInfinity(BTTupleGetDownlink(itup));
        if (PageAddItem(page, itup, IndexTupleSize(itup), InvalidOffsetNumber, 0) ==
            InvalidOffsetNumber)
            elog(PANIC, "could not add item %d to block %u", i, ls->blkno);
        if (minf != NULL)
            pfree(minf);
    }
    MarkBufferDirty(buf);
    BTLogNewPage(buf);
    END_CRIT_SECTION();
    IndexSpacePageEnd(bs->index, page, ls->blkno, &mark);
    UnlockReleaseBuffer(buf);
}

/* The downlink item for the current page of ls (its lower bound -> its block). */
static IndexTuple
downlink_for(LevelState *ls)
{
    IndexTuple  d = ls->lowkey != NULL ? BTCopyTuple(ls->lowkey) : BTMakeMinusInfinity(ls->blkno);

    BTTupleSetDownlink(d, ls->blkno);
    return d;
}

/*
 * finish_page -- the current page of ls is full: next_first is the item that
 * starts the next page.  Items move to the next page if the high key does
 * not fit.
 */
static void
finish_page(BuildState *bs, LevelState *ls, IndexTuple next_first)
{
    IndexTuple *carry = palloc(sizeof(IndexTuple) * (ls->nitems + 1));
    int         ncarry = 0;
    IndexTuple  hikey;
    BlockNumber next;

    for (;;)
    {
        IndexTuple  first = ncarry > 0 ? carry[ncarry - 1] : next_first;

        hikey = ls->level == 0 ? BTMakePivot(bs->desc, first) : BTCopyTuple(first);
        ItemPointerSetInvalid(&hikey->t_tid);
        if (ls->space + item_space(hikey) <= BT_PAGE_SPACE || ls->nitems <= 1)
            break;
        pfree(hikey);
        carry[ncarry++] = ls->items[--ls->nitems];
        ls->space -= item_space(carry[ncarry - 1]);
    }
    next = allocate_block(bs->index);
    write_page(bs, ls, hikey, next, false);

    /* Tell the parent level about the finished page. */
    if (ls->parent == NULL)
        ls->parent = level_create(bs->index, ls->level + 1);
    level_add(bs, ls->parent, downlink_for(ls));

    for (int i = 0; i < ls->nitems; i++)
        pfree(ls->items[i]);
    ls->nitems = 0;
    ls->space = 0;
    if (ls->lowkey != NULL)
        pfree(ls->lowkey);
    ls->lowkey = hikey;
    ls->prev = ls->blkno;
    ls->blkno = next;
    ls->npages++;
    /* carried items come back in order, newest popped last */
    for (int i = ncarry - 1; i >= 0; i--)
        level_push(ls, carry[i]);
    pfree(carry);
}

static void
level_add(BuildState *bs, LevelState *ls, IndexTuple itup)
{
    Size        limit = (Size) BT_PAGE_SPACE * (ls->level == 0 ? BTREE_DEFAULT_FILLFACTOR :
                                               BTREE_NONLEAF_FILLFACTOR) / 100;

    if (ls->nitems >= 2 && ls->space + item_space(itup) > limit)
        finish_page(bs, ls, itup);
    level_push(ls, itup);
}

/* Write the last page of every level; the top level's single page is the root. */
static void
finish_levels(BuildState *bs, BlockNumber *root, uint32 *root_level)
{
    LevelState *ls = bs->leaf;

    for (;;)
    {
        if (ls->parent == NULL)
        {
            write_page(bs, ls, NULL, P_NONE, true);
            *root = ls->blkno;
            *root_level = ls->level;
            return;
        }
        write_page(bs, ls, NULL, P_NONE, false);
        level_add(bs, ls->parent, downlink_for(ls));
        ls = ls->parent;
    }
}

static int
entry_cmp(const void *a, const void *b, void *arg)
{
    const BTKeyDesc *desc = arg;
    const BuildEntry *ea = a;
    const BuildEntry *eb = b;

    for (int i = 0; i < desc->nkeyatts; i++)
    {
        int         r = BTCompareColumn(desc, i, ea->values[i], ea->isnull[i], eb->values[i],
                                        eb->isnull[i]);

        if (r != 0)
            return r;
    }
    return BTCompareTids(&ea->tid, &eb->tid);
}

static bool
keys_equal_nonnull(const BTKeyDesc *desc, const BuildEntry *a, const BuildEntry *b)
{
    for (int i = 0; i < desc->nkeyatts; i++)
    {
        if (a->isnull[i] || b->isnull[i] ||
            BTCompareColumn(desc, i, a->values[i], false, b->values[i], false) != 0)
            return false;
    }
    return true;
}

/* Sort, check uniqueness, load.  Shared by both entry points. */
static void
load_entries(Relation index, const BTKeyDesc *desc, BuildEntry *entries, int64 n, bool unique)
{
    BuildState  bs = {index, desc, NULL};
    BlockNumber root = P_NONE;
    uint32      root_level = 0;
    Buffer      metabuf;
    BTMetaPageData *meta;

    if (n > 1)
        qsort_r(entries, (size_t) n, sizeof(BuildEntry), entry_cmp, (void *) desc);
    if (unique)
    {
        for (int64 start = 0; start < n;)
        {
            int64       end = start + 1;
            int         alive = entries[start].alive ? 1 : 0;

            while (end < n && keys_equal_nonnull(desc, &entries[start], &entries[end]))
                alive += entries[end++].alive ? 1 : 0;
            if (alive > 1)
                ereport(ERROR, errcode(ERRCODE_UNIQUE_VIOLATION),
                        errmsg("could not create unique index \"%s\"", RelationGetRelationName(index)),
                        errdetail("Key %s is duplicated.",
                                  BTKeyDescription(desc, entries[start].values, entries[start].isnull,
                                                   desc->nkeyatts)));
            start = end;
        }
    }
    if (n == 0)
        return;

    bs.leaf = level_create(index, 0);
    for (int64 i = 0; i < n; i++)
    {
        IndexTuple  itup = BTFormTuple(desc->tupdesc, desc->natts, entries[i].values,
                                       entries[i].isnull, &entries[i].tid);

        if (IndexTupleSize(itup) > BTMaxItemSize)
            ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("index row size %zu exceeds btree maximum %zu for index \"%s\"",
                           IndexTupleSize(itup), (Size) BTMaxItemSize, RelationGetRelationName(index)),
                    errhint("Values larger than 1/3 of a buffer page cannot be indexed."));
        if ((i & 1023) == 0)
            CHECK_FOR_INTERRUPTS();
        level_add(&bs, bs.leaf, itup);
    }
    finish_levels(&bs, &root, &root_level);

    metabuf = ReadBuffer(index, BTREE_METAPAGE);
    LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
    START_CRIT_SECTION();
    meta = BTPageGetMeta(BufferGetPage(metabuf));
    meta->btm_root = meta->btm_fastroot = root;
    meta->btm_level = meta->btm_fastlevel = root_level;
    MarkBufferDirty(metabuf);
    BTLogNewPage(metabuf);
    END_CRIT_SECTION();
    UnlockReleaseBuffer(metabuf);
}

static void
ensure_metapage(Relation index, int natts, int nkeyatts, const int16 *indoption)
{
    if (RelationGetNumberOfBlocks(index) == 0)
        BTreeInitMetapage(index, natts, nkeyatts, indoption);
    else
    {
        BTMetaPageData meta;

        BTreeReadMeta(index, &meta);
        if (meta.btm_root != P_NONE)
            elog(ERROR, "index \"%s\" is not empty", RelationGetRelationName(index));
    }
}

void
BTreeBuildFromEntries(Relation indexrel, BTBuildEntry *entries, int64 nentries, int natts,
                      int nkeyatts, const int16 *indoption, bool unique, const char *heapname)
{
    MemoryContext cxt = MemoryContextCreate(CurrentMemoryContext, "btree build");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    BTKeyDesc   desc;
    BuildEntry *be = palloc(sizeof(BuildEntry) * Max(nentries, 1));

    (void) heapname;
    ensure_metapage(indexrel, natts, nkeyatts, indoption);
    BTKeyDescInit(&desc, indexrel);
    for (int64 i = 0; i < nentries; i++)
    {
        be[i].values = entries[i].values;
        be[i].isnull = entries[i].isnull;
        be[i].tid = entries[i].tid;
        be[i].alive = true;
    }
    load_entries(indexrel, &desc, be, nentries, unique);
    MemoryContextSwitchTo(old);
    MemoryContextDelete(cxt);
}

double
BTreeBuild(Relation heaprel, Relation indexrel, IndexInfo *info, Snapshot snapshot)
{
    MemoryContext cxt = MemoryContextCreate(CurrentMemoryContext, "btree build");
    MemoryContext old = MemoryContextSwitchTo(cxt);
    BTKeyDesc   desc;
    TupleDesc   hdesc = RelationGetDescr(heaprel);
    Datum      *hvalues = palloc(sizeof(Datum) * hdesc->natts);
    bool       *hnulls = palloc(sizeof(bool) * hdesc->natts);
    int64       n = 0;
    int64       cap = 1024;
    BuildEntry *entries = palloc(sizeof(BuildEntry) * cap);
    TransactionId oldest_xmin = snapshot == NULL ? GetOldestXmin(MyDatabaseId, false) :
        InvalidTransactionId;
    TableScanDesc scan;
    HeapTuple   tup;

    ensure_metapage(indexrel, info->natts, info->nkeyatts, info->indoption);
    BTKeyDescInit(&desc, indexrel);

    scan = heap_beginscan(heaprel, snapshot != NULL ? snapshot : SnapshotAny);
    while ((tup = heap_getnext(scan)) != NULL)
    {
        bool        alive = true;
        BuildEntry *e;
        ItemPointerData root;

        if (snapshot == NULL)
        {
            HTSV_Result r;
            bool        hot_updated;

            LockBuffer(scan->rs_cbuf, BUFFER_LOCK_SHARE);
            r = HeapTupleSatisfiesVacuum(tup, oldest_xmin, scan->rs_cbuf);
            hot_updated = HeapTupleHeaderIsHotUpdated(tup->t_data);
            LockBuffer(scan->rs_cbuf, BUFFER_LOCK_UNLOCK);
            if (r == HEAPTUPLE_DEAD)
                continue;
            /*
             * One entry per HOT chain, with the values of its newest member
             * (heap README "HOT chains and new indexes"): an older member
             * that a committed or in-progress update replaced within the
             * chain is reached through the same root entry.
             */
            if (hot_updated && (r == HEAPTUPLE_RECENTLY_DEAD || r == HEAPTUPLE_DELETE_IN_PROGRESS))
            {
                /*
                 * Snapshots that still see this member may have it under
                 * other values than the entry's (the update may have been
                 * HOT before the index existed): the index must be kept
                 * from them (indcheckxmin, catalog/index.c).
                 */
                info->broken_hot_chain = true;
                continue;
            }
            alive = r != HEAPTUPLE_RECENTLY_DEAD;
        }
        /* index entries name the chain root; an unreachable heap-only tuple is dead */
        if (!heap_scan_root_tid(scan, tup, &root))
            continue;
        RelationDeformTuple(heaprel, tup, hvalues, hnulls);
        if (info->predicate != NULL && !IndexPredicateMatches(info, heaprel, hvalues, hnulls))
            continue;
        if (n == cap)
        {
            cap *= 2;
            entries = repalloc(entries, sizeof(BuildEntry) * cap);
        }
        e = &entries[n++];
        e->values = palloc(sizeof(Datum) * info->natts);
        e->isnull = palloc(sizeof(bool) * info->natts);
        FormIndexDatum(info, hvalues, hnulls, e->values, e->isnull);
        for (int i = 0; i < info->natts; i++)
        {
            const AttributeData *att = TupleDescAttr(desc.tupdesc, i);

            if (!e->isnull[i] && !att->attbyval)
                e->values[i] = datumCopy(e->values[i], false, att->attlen);
        }
        e->tid = root;
        e->alive = alive;
        if ((n & 1023) == 0)
            CHECK_FOR_INTERRUPTS();
    }
    heap_endscan(scan);
    load_entries(indexrel, &desc, entries, n, info->unique);
    MemoryContextSwitchTo(old);
    MemoryContextDelete(cxt);
    return (double) n;
}
