/*
 * nbtsearch.c
 *     Searching a B-tree: descent from the root with Lehman & Yao's
 *     move-right rule, binary search within a page, and index scans with
 *     scan keys in both directions.
 * Entry points: BTSearch(), BTMoveRight(), BTBinarySearch(),
 * BTreeBeginScan(), BTreeRescan(), BTreeGetNext(), BTreeEndScan().
 * Readers hold one page lock at a time and no lock between calls: each
 * page's matches are copied out (README "Scans").  An index-only scan
 * (scan->keep_pin) keeps the pin on that leaf page until every copied
 * entry has been returned and the scan moves on: VACUUM's bulk delete
 * takes a cleanup lock on every leaf, so it cannot remove an entry the
 * scan still holds a copy of and then mark the heap page all-visible
 * before the scan has looked at the visibility map (README "Deletion").
 */
#include "rustydb.h"

#include "catalog/pg_builtin.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nbtree_int.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/* ---------- descent ---------- */

Buffer
BTMoveRight(Relation rel, const BTSearchKey *key, Buffer buf, int mode)
{
    for (;;)
    {
        Page        page = BufferGetPage(buf);
        BTPageOpaque op = BTPageGetOpaque(page);

        BTCheckPage(rel, page, BufferGetBlockNumber(buf));
        if (P_RIGHTMOST(op))
            return buf;
        /*
         * The high key is the right sibling's first entry (as a pivot): an
         * equal key belongs there too.
         */
        if (BTCompareItem(key, page, P_HIKEY) < 0)
            return buf;
        buf = BTRelAndGetBuf(rel, buf, op->btpo_next, mode);
    }
}

OffsetNumber
BTBinarySearch(const BTSearchKey *key, Page page)
{
    BTPageOpaque op = BTPageGetOpaque(page);
    bool        leaf = P_ISLEAF(op);
    OffsetNumber low = P_FIRSTDATAKEY(op);
    OffsetNumber high = (OffsetNumber) (PageGetMaxOffsetNumber(page) + 1);

    /* Find the first offset whose item sorts after the key (see header). */
    while (low < high)
    {
        OffsetNumber mid = (OffsetNumber) (low + (high - low) / 2);
        int         r = BTCompareItem(key, page, mid);
        bool        after = (leaf && !key->nextkey) ? r <= 0 : r < 0;

        if (after)
            high = mid;
        else
            low = (OffsetNumber) (mid + 1);
    }
    if (leaf)
        return low;
    /* Internal: the last item <= key; the first data item (minus infinity) always is. */
    Assert(low > P_FIRSTDATAKEY(op));
    return (OffsetNumber) (low - 1);
}

Buffer
BTSearch(Relation rel, const BTSearchKey *key, int mode, uint32 target_level)
{
    Buffer      buf = BTGetRoot(rel, BUFFER_LOCK_SHARE, false);
    int         cur_mode = BUFFER_LOCK_SHARE;

    if (!BufferIsValid(buf))
        return InvalidBuffer;
    for (;;)
    {
        Page        page = BufferGetPage(buf);
        BTPageOpaque op = BTPageGetOpaque(page);
        OffsetNumber off;
        BlockNumber child;
        IndexTuple  itup;

        BTCheckPage(rel, page, BufferGetBlockNumber(buf));
        if (op->btpo_level == target_level && cur_mode != mode)
        {
            LockBuffer(buf, BUFFER_LOCK_UNLOCK);
            LockBuffer(buf, mode);
            cur_mode = mode;
        }
        buf = BTMoveRight(rel, key, buf, cur_mode);
        page = BufferGetPage(buf);
        op = BTPageGetOpaque(page);
        if (op->btpo_level == target_level)
            return buf;
        if (op->btpo_level < target_level)
            BTReportCorruption(rel, BufferGetBlockNumber(buf), "tree is lower than level %u",
                               target_level);
        off = BTBinarySearch(key, page);
        itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, off));
        child = BTTupleGetDownlink(itup);
        cur_mode = (op->btpo_level - 1 == target_level) ? mode : BUFFER_LOCK_SHARE;
        {
            uint32      expect = op->btpo_level - 1;

            buf = BTRelAndGetBuf(rel, buf, child, cur_mode);
            page = BufferGetPage(buf);
            BTCheckPage(rel, page, child);
            if (BTPageGetOpaque(page)->btpo_level != expect)
                BTReportCorruption(rel, child, "downlink points to level %u instead of %u",
                                   BTPageGetOpaque(page)->btpo_level, expect);
        }
    }
}

/* ---------- scans ---------- */

#define BT_MAX_ITEMS_PER_PAGE ((int) (BLCKSZ / (MAXALIGN(SizeOfIndexTupleHeader) + sizeof(ItemIdData))))

typedef struct BTScanKeyInfo
{
    int         idx_strategy;   /* strategy in index order (DESC swaps < and >) */
    bool        is_eq;          /* = or IS NULL */
    bool        prefix_eq;      /* every earlier key column has an = / IS NULL key */
} BTScanKeyInfo;

typedef struct BTScanOpaqueData
{
    BTKeyDesc   desc;
    bool        desc_ready;
    bool        qual_ok;        /* false: the keys can never be satisfied */
    BTScanKeyInfo *keyinfo;     /* per scan key */
    /* position */
    bool        started;
    bool        finished;
    ScanDirection dir;          /* of the items in the array */
    BlockNumber cur_blk;        /* page the items came from */
    BlockNumber next_blk;       /* its right link when read */
    BlockNumber prev_blk;       /* its left link when read */
    bool        more;           /* more matches may follow in dir */
    int         nitems;
    int         cur;            /* index of the item last returned, -1 before the first */
    ItemPointerData tids[BT_MAX_ITEMS_PER_PAGE];
    uint16      tup_off[BT_MAX_ITEMS_PER_PAGE];
    char        tuples[BLCKSZ]; /* copies of the matching entries */
    int         tuples_used;
    IndexTuple  last_itup;      /* copy of the entry last returned (repositioning) */
    Buffer      pinned;         /* keep_pin scans: the page the items came from, or invalid */
} BTScanOpaqueData;

typedef BTScanOpaqueData *BTScanOpaque;

static int
index_order_strategy(int strategy, int16 option)
{
    if ((option & INDOPTION_DESC) == 0)
        return strategy;
    return BTGreaterStrategyNumber + BTLessStrategyNumber - strategy;
}

void
BTreeBeginScan(IndexScanDesc scan)
{
    BTScanOpaque so = palloc0(sizeof(BTScanOpaqueData));

    so->pinned = InvalidBuffer;
    scan->opaque = so;
}

/* Drop the pin a keep_pin scan holds on the page of its current items. */
static void
drop_pin(BTScanOpaque so)
{
    if (BufferIsValid(so->pinned))
        ReleaseBuffer(so->pinned);
    so->pinned = InvalidBuffer;
}

/*
 * done_with_page -- the caller read its items from the locked leaf buf:
 * unlock it, and release it unless the scan keeps the pin of the page
 * whose items it returns (the previous page's pin goes then).
 */
static void
done_with_page(IndexScanDesc scan, BTScanOpaque so, Buffer buf)
{
    drop_pin(so);
    if (scan->keep_pin)
    {
        LockBuffer(buf, BUFFER_LOCK_UNLOCK);
        so->pinned = buf;
    }
    else
        UnlockReleaseBuffer(buf);
}

void
BTreeEndScan(IndexScanDesc scan)
{
    if (scan->opaque != NULL)
    {
        drop_pin(scan->opaque);
        pfree(scan->opaque);
    }
    scan->opaque = NULL;
}

/* Analyse the keys: which are equality keys, which end the scan when they fail. */
static void
preprocess_keys(IndexScanDesc scan, BTScanOpaque so)
{
    bool        col_has_eq[INDEX_MAX_KEYS] = {false};

    so->qual_ok = true;
    so->keyinfo = palloc0(sizeof(BTScanKeyInfo) * Max(scan->nkeys, 1));
    for (int k = 0; k < scan->nkeys; k++)
    {
        ScanKey     sk = &scan->keys[k];
        int         col = sk->sk_attno - 1;

        if (col < 0 || col >= so->desc.nkeyatts)
            elog(ERROR, "scan key on column %d of index \"%s\" with %d key columns", sk->sk_attno,
                 RelationGetRelationName(scan->index_rel), so->desc.nkeyatts);
        if (sk->sk_flags & SK_SEARCHNOTNULL)
            continue;
        if (sk->sk_strategy < BTLessStrategyNumber || sk->sk_strategy > BTGreaterStrategyNumber)
            elog(ERROR, "invalid B-tree strategy %u", sk->sk_strategy);
        so->keyinfo[k].idx_strategy = index_order_strategy(sk->sk_strategy, so->desc.options[col]);
        so->keyinfo[k].is_eq = sk->sk_strategy == BTEqualStrategyNumber;
        if ((sk->sk_flags & SK_ISNULL) && sk->sk_strategy != BTEqualStrategyNumber)
            so->qual_ok = false;    /* comparison with NULL: never true */
        if (so->keyinfo[k].is_eq)
            col_has_eq[col] = true;
    }
    for (int k = 0; k < scan->nkeys; k++)
    {
        int         col = scan->keys[k].sk_attno - 1;
        bool        prefix = true;

        for (int c = 0; c < col; c++)
            prefix &= col_has_eq[c];
        so->keyinfo[k].prefix_eq = prefix;
    }
}

void
BTreeRescan(IndexScanDesc scan)
{
    BTScanOpaque so = scan->opaque;

    if (!so->desc_ready)
    {
        BTKeyDescInit(&so->desc, scan->index_rel);
        so->desc_ready = true;
    }
    if (so->keyinfo != NULL)
        pfree(so->keyinfo);
    preprocess_keys(scan, so);
    drop_pin(so);
    so->started = false;
    so->finished = false;
    so->nitems = 0;
    so->cur = -1;
    so->tuples_used = 0;
    if (so->last_itup != NULL)
        pfree(so->last_itup);
    so->last_itup = NULL;
}

typedef enum KeyResult
{
    KEY_PASS,
    KEY_SKIP,                   /* this entry fails, later ones may pass */
    KEY_STOP                    /* this and every later entry in the direction fail */
} KeyResult;

/* Check every scan key against an entry's key columns. */
static KeyResult
check_keys(IndexScanDesc scan, BTScanOpaque so, const Datum *values, const bool *isnull,
           ScanDirection dir)
{
    KeyResult   result = KEY_PASS;

    for (int k = 0; k < scan->nkeys; k++)
    {
        ScanKey     sk = &scan->keys[k];
        BTScanKeyInfo *ki = &so->keyinfo[k];
        int         col = sk->sk_attno - 1;
        bool        nulls_first = (so->desc.options[col] & INDOPTION_NULLS_FIRST) != 0;
        bool        nulls_after = (dir == ForwardScanDirection) ? !nulls_first : nulls_first;
        bool        pass;
        bool        beyond = false;

        if (sk->sk_flags & SK_SEARCHNOTNULL)
        {
            if (!isnull[col])
                continue;
            if (ki->prefix_eq && nulls_after)
                return KEY_STOP;
            result = KEY_SKIP;
            continue;
        }
        if (sk->sk_flags & SK_ISNULL)
        {
            if (isnull[col])
                continue;
            if (ki->prefix_eq)
                return KEY_STOP;
            result = KEY_SKIP;
            continue;
        }
        if (isnull[col])
        {
            if (ki->prefix_eq && nulls_after)
                return KEY_STOP;
            result = KEY_SKIP;
            continue;
        }
        {
            int32       r = DatumGetInt32(DirectFunctionCall2(so->desc.cmp[col], values[col],
                                                              sk->sk_argument));

            switch (sk->sk_strategy)
            {
                case BTLessStrategyNumber:
                    pass = r < 0;
                    break;
                case BTLessEqualStrategyNumber:
                    pass = r <= 0;
                    break;
                case BTEqualStrategyNumber:
                    pass = r == 0;
                    break;
                case BTGreaterEqualStrategyNumber:
                    pass = r >= 0;
                    break;
                default:
                    pass = r > 0;
                    break;
            }
            if (pass)
                continue;
            /* Is the entry past the key's range in the scan direction? */
            if (ki->is_eq)
            {
                int         rr = (so->desc.options[col] & INDOPTION_DESC) ? -r : r;

                beyond = (dir == ForwardScanDirection) ? rr > 0 : rr < 0;
            }
            else if (dir == ForwardScanDirection)
                beyond = ki->idx_strategy <= BTLessEqualStrategyNumber;
            else
                beyond = ki->idx_strategy >= BTGreaterEqualStrategyNumber;
        }
        if (beyond && ki->prefix_eq)
            return KEY_STOP;
        result = KEY_SKIP;
    }
    return result;
}

/*
 * read_page -- copy the matching entries of the locked leaf page buf from
 * offset start onwards in dir into the scan's array.  Sets so->more.
 * Returns the number of items read.  Does not release buf.
 */
static int
read_page(IndexScanDesc scan, BTScanOpaque so, Buffer buf, OffsetNumber start, ScanDirection dir)
{
    Page        page = BufferGetPage(buf);
    BTPageOpaque op = BTPageGetOpaque(page);
    OffsetNumber minoff = P_FIRSTDATAKEY(op);
    OffsetNumber maxoff = PageGetMaxOffsetNumber(page);
    Datum       values[INDEX_MAX_KEYS];
    bool        isnull[INDEX_MAX_KEYS];

    if (!P_ISLEAF(op))
        BTReportCorruption(scan->index_rel, BufferGetBlockNumber(buf), "scan reached a non-leaf page");
    so->nitems = 0;
    so->cur = -1;
    so->tuples_used = 0;
    so->dir = dir;
    so->cur_blk = BufferGetBlockNumber(buf);
    so->next_blk = op->btpo_next;
    so->prev_blk = op->btpo_prev;
    so->more = (dir == ForwardScanDirection) ? !P_RIGHTMOST(op) : !P_LEFTMOST(op);
    for (int o = start; o >= minoff && o <= maxoff; o += (dir == ForwardScanDirection ? 1 : -1))
    {
        IndexTuple  itup = (IndexTuple) PageGetItem(page, PageGetItemId(page, (OffsetNumber) o));
        KeyResult   kr;
        Size        sz = IndexTupleSize(itup);

        if (so->desc.nkeyatts > (int) itup->t_natts)
            BTReportCorruption(scan->index_rel, so->cur_blk, "leaf item %d has %u columns", o,
                               itup->t_natts);
        BTDeformTuple(so->desc.tupdesc, itup, values, isnull);
        kr = check_keys(scan, so, values, isnull, dir);
        if (kr == KEY_STOP)
        {
            so->more = false;
            break;
        }
        if (kr == KEY_SKIP)
            continue;
        if (so->tuples_used + sz > sizeof(so->tuples) || so->nitems >= BT_MAX_ITEMS_PER_PAGE)
            BTReportCorruption(scan->index_rel, so->cur_blk, "too many items on page");
        so->tids[so->nitems] = itup->t_tid;
        so->tup_off[so->nitems] = (uint16) so->tuples_used;
        memcpy(so->tuples + so->tuples_used, itup, sz);
        so->tuples_used += (int) MAXALIGN(sz);
        so->nitems++;
    }
    return so->nitems;
}

/* Build the positioning key for the first fetch in dir (see README "Scans"). */
static void
start_key(IndexScanDesc scan, BTScanOpaque so, ScanDirection dir, BTSearchKey *key)
{
    bool        forward = dir == ForwardScanDirection;
    bool        strict = false;

    memset(key, 0, sizeof(*key));
    key->desc = &so->desc;
    for (int col = 0; col < so->desc.nkeyatts && !strict; col++)
    {
        int         chosen = -1;

        for (int k = 0; k < scan->nkeys; k++)
        {
            ScanKey     sk = &scan->keys[k];
            int         s = so->keyinfo[k].idx_strategy;

            if (sk->sk_attno - 1 != col || (sk->sk_flags & SK_SEARCHNOTNULL))
                continue;
            if (so->keyinfo[k].is_eq)
            {
                chosen = k;
                break;
            }
            if (chosen < 0 && (forward ? s >= BTGreaterEqualStrategyNumber
                               : s <= BTLessEqualStrategyNumber))
                chosen = k;
        }
        if (chosen < 0)
            break;
        key->values[col] = scan->keys[chosen].sk_argument;
        key->isnull[col] = (scan->keys[chosen].sk_flags & SK_ISNULL) != 0;
        key->nkeys = col + 1;
        if (!so->keyinfo[chosen].is_eq)
        {
            int         s = so->keyinfo[chosen].idx_strategy;

            strict = (s == BTLessStrategyNumber || s == BTGreaterStrategyNumber);
        }
    }
    /*
     * Forward: first entry >= key, or > key after a strict bound.
     * Backward: last entry <= key (first > key, minus one), or < key after
     * a strict bound (first >= key, minus one).
     */
    key->nextkey = forward ? strict : !strict;
    if (key->nkeys == 0)
        key->nextkey = !forward;
}

/* Go to the left neighbour of so->cur_blk and read it backwards. */
static bool
step_left(IndexScanDesc scan, BTScanOpaque so)
{
    BlockNumber target = so->cur_blk;
    BlockNumber left = so->prev_blk;
    Buffer      buf;

    if (left == P_NONE)
        return false;
    buf = BTGetBuf(scan->index_rel, left, BUFFER_LOCK_SHARE);
    for (;;)
    {
        Page        page = BufferGetPage(buf);
        BTPageOpaque op = BTPageGetOpaque(page);

        BTCheckPage(scan->index_rel, page, BufferGetBlockNumber(buf));
        if (op->btpo_next == target)
            break;
        if (P_RIGHTMOST(op))
            BTReportCorruption(scan->index_rel, target, "left sibling chain does not reach page");
        /* The left page split since we read target: walk right to its new neighbour. */
        buf = BTRelAndGetBuf(scan->index_rel, buf, op->btpo_next, BUFFER_LOCK_SHARE);
    }
    read_page(scan, so, buf, PageGetMaxOffsetNumber(BufferGetPage(buf)), BackwardScanDirection);
    done_with_page(scan, so, buf);
    return true;
}

static bool
step_right(IndexScanDesc scan, BTScanOpaque so)
{
    Buffer      buf;

    if (so->next_blk == P_NONE)
        return false;
    buf = BTGetBuf(scan->index_rel, so->next_blk, BUFFER_LOCK_SHARE);
    BTCheckPage(scan->index_rel, BufferGetPage(buf), so->next_blk);
    read_page(scan, so, buf, P_FIRSTDATAKEY(BTPageGetOpaque(BufferGetPage(buf))),
              ForwardScanDirection);
    done_with_page(scan, so, buf);
    return true;
}

/* Position at key in dir and read the first page; false if the index is empty. */
static bool
position_scan(IndexScanDesc scan, BTScanOpaque so, const BTSearchKey *key, ScanDirection dir,
              bool exclude_equal)
{
    Buffer      buf = BTSearch(scan->index_rel, key, BUFFER_LOCK_SHARE, 0);
    OffsetNumber off;
    Page        page;

    if (!BufferIsValid(buf))
        return false;
    page = BufferGetPage(buf);
    off = BTBinarySearch(key, page);
    if (dir == BackwardScanDirection)
        off = (OffsetNumber) (off - 1);
    else if (exclude_equal)
        off = (OffsetNumber) (off + 1);
    read_page(scan, so, buf, off, dir);
    done_with_page(scan, so, buf);
    return true;
}

/*
 * reposition -- the scan changed direction: find the entry last returned
 * again (it may have moved right) and read on from it in the new direction.
 */
static void
reposition(IndexScanDesc scan, BTScanOpaque so, ScanDirection dir)
{
    BTSearchKey key;

    BTSearchKeyFromTuple(&key, &so->desc, so->last_itup, true, true);
    key.nextkey = false;
    /* first entry >= last: forward starts after it, backward before it */
    if (!position_scan(scan, so, &key, dir, true))
        so->finished = true;
}

bool
BTreeGetNext(IndexScanDesc scan, ScanDirection dir)
{
    BTScanOpaque so = scan->opaque;

    Assert(dir == ForwardScanDirection || dir == BackwardScanDirection);
    if (!so->qual_ok)
        return false;
    if (!so->started)
    {
        BTSearchKey key;

        so->started = true;
        start_key(scan, so, dir, &key);
        if (!position_scan(scan, so, &key, dir, false))
        {
            so->finished = true;
            return false;
        }
    }
    else if (dir != so->dir)
    {
        if (so->last_itup == NULL)
        {
            /* Nothing returned yet in the other direction: start over. */
            so->started = false;
            return BTreeGetNext(scan, dir);
        }
        so->finished = false;
        reposition(scan, so, dir);
    }
    if (so->finished)
        return false;
    for (;;)
    {
        if (so->cur + 1 < so->nitems)
        {
            IndexTuple  itup;

            so->cur++;
            itup = (IndexTuple) (so->tuples + so->tup_off[so->cur]);
            scan->heap_tid = so->tids[so->cur];
            if (so->last_itup != NULL)
                pfree(so->last_itup);
            so->last_itup = BTCopyTuple(itup);
            scan->itup = so->last_itup;
            return true;
        }
        if (!so->more)
            break;
        /* every item of the page has been returned and used */
        drop_pin(so);
        CHECK_FOR_INTERRUPTS();
        if (!(dir == ForwardScanDirection ? step_right(scan, so) : step_left(scan, so)))
            break;
    }
    so->finished = true;
    drop_pin(so);
    return false;
}
