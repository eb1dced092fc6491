/*
 * nbtinsert.c
 *     Inserting into a B-tree: the uniqueness check, placing the entry on
 *     its leaf, page splits (left page keeps its block, the new right page
 *     is appended), downlink insertion into the parent level by key, and new
 *     root creation.
 * Entry points: BTreeInsert(), BTInsertOnLevel().
 * Locking (README "Locking"): descent share-locks one page at a time and
 * takes the target leaf exclusively; moving right during a unique insert
 * couples locks left to right; a split holds left, new right and old
 * right sibling (in that order) exclusively, releases them all, then
 * inserts the downlink with a fresh descent.  No process ever holds a page
 * lock while waiting for a lock on a page of a higher level.
 */
#include "rustydb.h"

#include "access/heapam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "nbtree_int.h"
#include "storage/lock.h"
#include "utils/elog.h"
#include "utils/palloc.h"

static void insert_on_page(Relation rel, const BTKeyDesc *desc, const BTSearchKey *key,
                           Buffer buf, IndexTuple itup);
static void insert_downlink(Relation rel, const BTKeyDesc *desc, IndexTuple pivot, uint32 level);

/* Usable bytes on a B-tree page (header and special space excluded). */
#define BT_PAGE_SPACE (BLCKSZ - MAXALIGN(SizeOfPageHeaderData) - MAXALIGN(sizeof(BTPageOpaqueData)))

/* ---------- uniqueness ---------- */

/* Are the key columns of the item at off equal to the key (no NULLs involved)? */
static bool
keys_equal(const BTSearchKey *key, Page page, OffsetNumber off)
{
    IndexTuple  itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, off));
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];

    if ((int) itup->t_natts < key->nkeys)
        return false;
    BTDeformTuple(key->desc->tupdesc, itup, values, isnull);
    for (int i = 0; i < key->nkeys; i++)
    {
        if (isnull[i] || BTCompareColumn(key->desc, i, key->values[i], false, values[i], false) != 0)
            return false;
    }
    return true;
}

/*
 * check_unique -- look for a conflicting entry, starting on the locked
 * leaf buf (kept locked) and continuing right while the high key still
 * equals the key (those pages are share-locked one at a time while buf
 * stays locked).  Returns the transaction to wait for, or
 * InvalidTransactionId if there is no conflict; raises 23505 on a live
 * duplicate -- or, with *duplicate non-NULL (speculative insertion), sets
 * it instead.
 */
static TransactionId
check_unique(Relation rel, Relation heaprel, const BTSearchKey *key, Buffer buf,
             ItemPointer own_tid, bool *duplicate)
{
    Buffer      cur = buf;
    Page        page = BufferGetPage(cur);
    OffsetNumber off = BTBinarySearch(key, page);

    for (;;)
    {
        BTPageOpaque op = BTPageGetOpaque(page);
        OffsetNumber maxoff = PageGetMaxOffsetNumber(page);

        for (; off <= maxoff; off++)
        {
            IndexTuple  itup;
            SnapshotData dirty;
            HeapTuple   htup = NULL;

            if (!keys_equal(key, page, off))
                goto done;
            itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, off));
            if (ItemPointerEquals(&itup->t_tid, own_tid))
                continue;
            InitDirtySnapshot(dirty);
            /* any member of the entry's HOT chain that is live or may become so */
            if (heap_hot_search(heaprel, &dirty, &itup->t_tid, false, &htup))
            {
                TransactionId xwait = TransactionIdIsValid(dirty.dirty_xmin) ?
                    dirty.dirty_xmin : dirty.dirty_xmax;

                heap_freetuple(htup);
                if (TransactionIdIsValid(xwait) && !TransactionIdIsCurrentTransactionId(xwait))
                {
                    if (cur != buf)
                        UnlockReleaseBuffer(cur);
                    return xwait;
                }
                if (duplicate != NULL)
                {
                    *duplicate = true;
                    goto done;
                }
                ereport(ERROR, errcode(ERRCODE_UNIQUE_VIOLATION),
                        errmsg("duplicate key value violates unique constraint \"%s\"",
                               RelationGetRelationName(rel)),
                        errdetail("Key %s already exists.",
                                  BTKeyDescription(key->desc, key->values, key->isnull,
                                                   key->nkeys)));
            }
        }
        /* Past the last item: equal entries may continue on the right sibling. */
        if (P_RIGHTMOST(op) || !keys_equal(key, page, P_HIKEY))
            break;
        {
            BlockNumber next = op->btpo_next;

            if (cur != buf)
                UnlockReleaseBuffer(cur);
            cur = BTGetBuf(rel, next, BUFFER_LOCK_SHARE);
            page = BufferGetPage(cur);
            BTCheckPage(rel, page, next);
            off = P_FIRSTDATAKEY(BTPageGetOpaque(page));
        }
    }
done:
    if (cur != buf)
        UnlockReleaseBuffer(cur);
    return InvalidTransactionId;
}

/* Move right with lock coupling (exclusive) while the key belongs beyond the high key. */
static Buffer
move_right_coupled(Relation rel, const BTSearchKey *key, Buffer buf)
{
    for (;;)
    {
        Page        page = BufferGetPage(buf);
        BTPageOpaque op = BTPageGetOpaque(page);
        Buffer      next;

        if (P_RIGHTMOST(op) || BTCompareItem(key, page, P_HIKEY) < 0)
            return buf;
        next = BTGetBuf(rel, op->btpo_next, BUFFER_LOCK_EXCLUSIVE);
        BTCheckPage(rel, BufferGetPage(next), op->btpo_next);
        UnlockReleaseBuffer(buf);
        buf = next;
    }
}

bool
BTreeInsert(Relation indexrel, const Datum *values, const bool *isnull, ItemPointer heap_tid,
            Relation heaprel, IndexUniqueCheck check_unique_mode)
{
    BTKeyDesc   desc;
    IndexTuple  itup;
    BTSearchKey key;
    bool        has_null_key = false;
    bool        duplicate = false;

    BTKeyDescInit(&desc, indexrel);
    itup = BTFormTuple(desc.tupdesc, desc.natts, values, isnull, heap_tid);
    if (IndexTupleSize(itup) > BTMaxItemSize)
        ereport(ERROR, errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                errmsg("index row size %zu exceeds btree maximum %zu for index \"%s\"",
                       IndexTupleSize(itup), (Size) BTMaxItemSize,
                       RelationGetRelationName(indexrel)),
                errhint("Values larger than 1/3 of a buffer page cannot be indexed."));
    for (int i = 0; i < desc.nkeyatts; i++)
        has_null_key |= isnull[i];

    if (check_unique_mode == UNIQUE_CHECK_NO || has_null_key)
    {
        BTInsertOnLevel(indexrel, &desc, itup, 0);
        pfree(itup);
        return true;
    }
    if (heaprel == NULL)
        elog(ERROR, "unique check on index \"%s\" needs its table",
             RelationGetRelationName(indexrel));

    for (;;)
    {
        Buffer      buf;
        TransactionId xwait;

        BTSearchKeyFromTuple(&key, &desc, itup, true, false);
        buf = BTSearch(indexrel, &key, BUFFER_LOCK_EXCLUSIVE, 0);
        if (!BufferIsValid(buf))
        {
            /* Empty index: create the root leaf, then search again. */
            UnlockReleaseBuffer(BTGetRoot(indexrel, BUFFER_LOCK_SHARE, true));
            continue;
        }
        /*
         * Holding the first page where the key can be exclusively serialises
         * inserters of equal keys: the second one sees the first's entry.
         */
        xwait = check_unique(indexrel, heaprel, &key, buf, heap_tid,
                             check_unique_mode == UNIQUE_CHECK_SPECULATIVE ? &duplicate : NULL);
        if (TransactionIdIsValid(xwait))
        {
            UnlockReleaseBuffer(buf);
            XactLockTableWait(xwait);
            continue;
        }
        if (duplicate)
        {
            /* speculative insertion: report the conflict, insert nothing */
            UnlockReleaseBuffer(buf);
            pfree(itup);
            return false;
        }
        key.has_tid = true;
        key.tid = *heap_tid;
        buf = move_right_coupled(indexrel, &key, buf);
        insert_on_page(indexrel, &desc, &key, buf, itup);
        break;
    }
    pfree(itup);
    return true;
}

void
BTInsertOnLevel(Relation rel, const BTKeyDesc *desc, IndexTuple itup, uint32 level)
{
    BTSearchKey key;
    Buffer      buf;

    if (level > 0)
    {
        insert_downlink(rel, desc, itup, level);
        return;
    }
    BTSearchKeyFromTuple(&key, desc, itup, true, true);
    buf = BTSearch(rel, &key, BUFFER_LOCK_EXCLUSIVE, 0);
    if (!BufferIsValid(buf))
        buf = BTMoveRight(rel, &key, BTGetRoot(rel, BUFFER_LOCK_EXCLUSIVE, true),
                          BUFFER_LOCK_EXCLUSIVE);
    insert_on_page(rel, desc, &key, buf, itup);
}

/* ---------- splits ---------- */

typedef struct SplitItem
{
    IndexTuple  itup;
    Size        space;          /* MAXALIGN(size) + line pointer */
} SplitItem;

static Size
item_space(IndexTuple itup)
{
    return MAXALIGN(IndexTupleSize(itup)) + sizeof(ItemIdData);
}

static void
add_item(Relation rel, Page page, IndexTuple itup, BlockNumber blkno)
{
    if (PageAddItem(page, itup, IndexTupleSize(itup), InvalidOffsetNumber, 0) ==
        InvalidOffsetNumber)
        elog(PANIC, "could not add an item to page %u of index \"%s\" during a split", blkno,
             RelationGetRelationName(rel));
}

/*
 * choose_split -- index s: items [0, s) stay left, [s, n) go right.  A
 * page that is the rightmost of its level receiving its new last item is
 * split "ascending": the left page is filled to the fill factor, so that
 * sequential inserts leave full pages behind.  Otherwise the free space is
 * balanced.  Both halves must fit (left: + new high key, right: + old high key).
 */
static int
choose_split(const SplitItem *items, int n, bool leaf, bool rightmost, bool new_is_last,
             Size old_hikey_space)
{
    Size        total = 0;
    Size        prefix = 0;
    int         best = -1;
    Size        best_diff = SIZE_MAX;
    Size        target = (Size) BT_PAGE_SPACE * (leaf ? BTREE_DEFAULT_FILLFACTOR :
                                                BTREE_NONLEAF_FILLFACTOR) / 100;

    for (int i = 0; i < n; i++)
        total += items[i].space;
    for (int s = 1; s < n; s++)
    {
        Size        hikey = items[s].space + MAXALIGN(sizeof(ItemPointerData));
        Size        left;
        Size        right;
        Size        diff;

        prefix += items[s - 1].space;
        left = prefix + hikey;
        right = total - prefix + old_hikey_space;
        if (left > BT_PAGE_SPACE || right > BT_PAGE_SPACE)
            continue;
        if (rightmost && new_is_last)
        {
            if (left <= target || best < 0)
                best = s;
            continue;
        }
        diff = left > right ? left - right : right - left;
        if (diff < best_diff)
        {
            best_diff = diff;
            best = s;
        }
    }
    if (best < 0)
        elog(ERROR, "could not find a split point for %d items", n);
    return best;
}

/*
 * split_page -- buf (exclusively locked, full) gets newitem at newoff by
 * splitting.  Returns the pivot (palloc'd) to insert as the downlink of the
 * new right page one level up.  Releases every buffer.
 */
static IndexTuple
split_page(Relation rel, const BTKeyDesc *desc, Buffer buf, IndexTuple newitem,
           OffsetNumber newoff)
{
    Page        page = BufferGetPage(buf);
    BTPageOpaque op = BTPageGetOpaque(page);
    bool        leaf = P_ISLEAF(op);
    BlockNumber leftblk = BufferGetBlockNumber(buf);
    OffsetNumber first = P_FIRSTDATAKEY(op);
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    int         n = 0;
    SplitItem  *items = palloc(sizeof(SplitItem) * (maxoff + 2));
    IndexTuple  old_hikey = NULL;
    int         s;
    Page        leftpage = palloc(BLCKSZ);
    Buffer      rbuf;
    Page        rightpage;
    BlockNumber rightblk;
    Buffer      sbuf = InvalidBuffer;
    IndexTuple  hikey;
    IndexTuple  pivot;
    BTPageOpaque lop;
    BTPageOpaque rop;
    XlBtreeSplitSibling sib;
    XLogRecPtr  lsn;
    IndexSpaceMark left_mark;
    IndexSpaceMark right_mark;

    if (!P_RIGHTMOST(op))
        old_hikey = BTCopyTuple((IndexTuple) PageGetItem(page, PageGetItemId(page, P_HIKEY)));
    for (OffsetNumber o = first; o <= maxoff + 1; o++)
    {
        if (o == newoff)
        {
            items[n].itup = newitem;
            items[n].space = item_space(newitem);
            n++;
        }
        if (o <= maxoff)
        {
            items[n].itup = BTCopyTuple((IndexTuple) PageGetItem(page, PageGetItemId(page, o)));
            items[n].space = item_space(items[n].itup);
            n++;
        }
    }
    s = choose_split(items, n, leaf, P_RIGHTMOST(op), newoff > maxoff,
                     old_hikey ? item_space(old_hikey) : 0);

    /* The left page's new high key is the first right item as a pivot. */
    if (leaf)
        hikey = BTMakePivot(desc, items[s].itup);
    else
        hikey = BTCopyTuple(items[s].itup);
    ItemPointerSetInvalid(&hikey->t_tid);

    rbuf = BTNewPage(rel);
    rightpage = BufferGetPage(rbuf);
    rightblk = BufferGetBlockNumber(rbuf);
    if (!P_RIGHTMOST(op))
    {
        sbuf = BTGetBuf(rel, op->btpo_next, BUFFER_LOCK_EXCLUSIVE);
        BTCheckPage(rel, BufferGetPage(sbuf), op->btpo_next);
        if (BTPageGetOpaque(BufferGetPage(sbuf))->btpo_prev != leftblk)
            BTReportCorruption(rel, op->btpo_next, "left link %u does not point to split page %u",
                               BTPageGetOpaque(BufferGetPage(sbuf))->btpo_prev, leftblk);
    }

    /* Build the left page aside: the shared page changes only in the critical section. */
    BTPageInit(leftpage, op->btpo_flags & ~BTP_ROOT, op->btpo_level);
    lop = BTPageGetOpaque(leftpage);
    lop->btpo_prev = op->btpo_prev;
    lop->btpo_next = rightblk;
    add_item(rel, leftpage, hikey, leftblk);
    for (int i = 0; i < s; i++)
        add_item(rel, leftpage, items[i].itup, leftblk);
    /* exact space: both halves, the right one a zeroed page so far (README "Exact space") */
    IndexSpacePageBegin(rel, page, leftblk, &left_mark);
    IndexSpacePageBegin(rel, rightpage, rightblk, &right_mark);

    START_CRIT_SECTION();
    BTPageInit(rightpage, op->btpo_flags & ~BTP_ROOT, op->btpo_level);
    rop = BTPageGetOpaque(rightpage);
    rop->btpo_prev = leftblk;
    rop->btpo_next = op->btpo_next;
    if (old_hikey != NULL)
        add_item(rel, rightpage, old_hikey, rightblk);
    for (int i = s; i < n; i++)
    {
        if (i == s && !leaf)
        {
            /* Its key became the left high key: here it is minus infinity. */
            IndexTuple  minf = BTMakeMinusInfinity(BTTupleGetDownlink(items[i].itup));

            add_item(rel, rightpage, minf, rightblk);
            continue;
        }
        add_item(rel, rightpage, items[i].itup, rightblk);
    }
    PageSetLSN(leftpage, PageGetLSN(page));
    memcpy(page, leftpage, BLCKSZ);
    MarkBufferDirty(buf);
    MarkBufferDirty(rbuf);
    if (BufferIsValid(sbuf))
    {
        BTPageGetOpaque(BufferGetPage(sbuf))->btpo_prev = rightblk;
        MarkBufferDirty(sbuf);
    }
    XLogBeginInsert();
    XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE | REGBUF_STANDARD);
    XLogRegisterBuffer(1, rbuf, REGBUF_FORCE_IMAGE | REGBUF_WILL_INIT | REGBUF_STANDARD);
    if (BufferIsValid(sbuf))
    {
        sib.new_prev = rightblk;
        XLogRegisterBuffer(2, sbuf, REGBUF_STANDARD);
        XLogRegisterBufData(2, &sib, sizeof(sib));
    }
    lsn = XLogInsert(RM_BTREE_ID, XLOG_BTREE_SPLIT);
    PageSetLSN(page, lsn);
    PageSetLSN(rightpage, lsn);
    if (BufferIsValid(sbuf))
        PageSetLSN(BufferGetPage(sbuf), lsn);
    END_CRIT_SECTION();
    IndexSpacePageEnd(rel, page, leftblk, &left_mark);
    IndexSpacePageEnd(rel, rightpage, rightblk, &right_mark);

    if (BufferIsValid(sbuf))
        UnlockReleaseBuffer(sbuf);
    UnlockReleaseBuffer(rbuf);
    UnlockReleaseBuffer(buf);

    pivot = BTCopyTuple(hikey);
    BTTupleSetDownlink(pivot, rightblk);
    pfree(leftpage);
    return pivot;
}

/*
 * insert_on_page -- put itup on the locked page buf (already the right page
 * for key), splitting if it does not fit.  Releases buf.
 */
static void
insert_on_page(Relation rel, const BTKeyDesc *desc, const BTSearchKey *key, Buffer buf,
               IndexTuple itup)
{
    Page        page = BufferGetPage(buf);
    BTPageOpaque op = BTPageGetOpaque(page);
    bool        leaf = P_ISLEAF(op);
    OffsetNumber off = BTBinarySearch(key, page);
    Size        size = IndexTupleSize(itup);
    uint32      level = op->btpo_level;
    XLogRecPtr  lsn;

    if (!leaf)
        off = (OffsetNumber) (off + 1);
    if (PageGetFreeSpace(page) >= MAXALIGN(size))
    {
        Size        free_before = PageGetExactFreeSpace(page);

        START_CRIT_SECTION();
        if (PageAddItem(page, itup, size, off, 0) == InvalidOffsetNumber)
            elog(PANIC, "could not add an item to block %u of index \"%s\"",
                 BufferGetBlockNumber(buf), RelationGetRelationName(rel));
        MarkBufferDirty(buf);
        XLogBeginInsert();
        XLogRegisterBuffer(0, buf, REGBUF_STANDARD);
        XLogRegisterBufData(0, &off, sizeof(off));
        XLogRegisterBufData(0, itup, (uint32) size);
        lsn = XLogInsert(RM_BTREE_ID, leaf ? XLOG_BTREE_INSERT_LEAF : XLOG_BTREE_INSERT_UPPER);
        PageSetLSN(page, lsn);
        END_CRIT_SECTION();
        /* exact space: one more item (its length, and the free space it took) */
        IndexSpaceNoteChange(rel, (int64) size, 0,
                             (int64) PageGetExactFreeSpace(page) - (int64) free_before);
        UnlockReleaseBuffer(buf);
        return;
    }
    {
        IndexTuple  pivot = split_page(rel, desc, buf, itup, off);

        insert_downlink(rel, desc, pivot, level + 1);
        pfree(pivot);
    }
}

/* ---------- upper levels ---------- */

/*
 * new_root -- the page split was the root (level - 1 is the root level):
 * make a root at `level` with minus infinity -> old root and pivot.
 * Returns false (nothing done) if someone else added a level meanwhile.
 */
static bool
new_root(Relation rel, IndexTuple pivot, uint32 level)
{
    Buffer      metabuf = ReadBuffer(rel, BTREE_METAPAGE);
    Page        metapage = BufferGetPage(metabuf);
    BTMetaPageData *meta;
    Buffer      rootbuf;
    Page        rootpage;
    IndexTuple  minf;
    XLogRecPtr  lsn;
    IndexSpaceMark mark;

    LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
    meta = BTPageGetMeta(metapage);
    if (meta->btm_magic != BTREE_MAGIC)
        BTReportCorruption(rel, BTREE_METAPAGE, "invalid metapage");
    if (meta->btm_level >= level)
    {
        UnlockReleaseBuffer(metabuf);
        return false;
    }
    /* The old root is the leftmost page of its level: splits never move a page's left edge. */
    minf = BTMakeMinusInfinity(meta->btm_root);
    rootbuf = BTNewPage(rel);
    rootpage = BufferGetPage(rootbuf);
    IndexSpacePageBegin(rel, rootpage, BufferGetBlockNumber(rootbuf), &mark);

    START_CRIT_SECTION();
    BTPageInit(rootpage, BTP_ROOT, level);
    add_item(rel, rootpage, minf, BufferGetBlockNumber(rootbuf));
    add_item(rel, rootpage, pivot, BufferGetBlockNumber(rootbuf));
    meta->btm_root = meta->btm_fastroot = BufferGetBlockNumber(rootbuf);
    meta->btm_level = meta->btm_fastlevel = level;
    MarkBufferDirty(rootbuf);
    MarkBufferDirty(metabuf);
    XLogBeginInsert();
    XLogRegisterBuffer(0, rootbuf, REGBUF_FORCE_IMAGE | REGBUF_WILL_INIT | REGBUF_STANDARD);
    XLogRegisterBuffer(1, metabuf, REGBUF_STANDARD);
    XLogRegisterBufData(1, meta, sizeof(*meta));
    lsn = XLogInsert(RM_BTREE_ID, XLOG_BTREE_NEWROOT);
    PageSetLSN(rootpage, lsn);
    PageSetLSN(metapage, lsn);
    END_CRIT_SECTION();
    IndexSpacePageEnd(rel, rootpage, BufferGetBlockNumber(rootbuf), &mark);

    UnlockReleaseBuffer(rootbuf);
    UnlockReleaseBuffer(metabuf);
    pfree(minf);
    return true;
}

/*
 * insert_downlink -- insert pivot (key + separator TID, downlink = new right
 * page) into `level`.  The position is found by key with a fresh descent,
 * so no stack of parents is kept: pages are never deleted, and a parent
 * that split meanwhile is handled by moving right.
 */
static void
insert_downlink(Relation rel, const BTKeyDesc *desc, IndexTuple pivot, uint32 level)
{
    BTMetaPageData meta;
    BTSearchKey key;
    Buffer      buf;

    for (;;)
    {
        BTreeReadMeta(rel, &meta);
        if (meta.btm_level >= level)
            break;
        if (meta.btm_level + 1 < level)
            BTReportCorruption(rel, BTREE_METAPAGE, "root level %u below split level %u",
                               meta.btm_level, level - 1);
        if (new_root(rel, pivot, level))
            return;
    }
    BTSearchKeyFromTuple(&key, desc, pivot, false, true);
    buf = BTSearch(rel, &key, BUFFER_LOCK_EXCLUSIVE, level);
    if (!BufferIsValid(buf))
        BTReportCorruption(rel, BTREE_METAPAGE, "index lost its root");
    insert_on_page(rel, desc, &key, buf, pivot);
}
