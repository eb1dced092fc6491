/*
 * nbtpage.c
 *     B-tree page management: the metapage (block 0), getting the root
 *     (creating the first root leaf of an empty index), allocating pages,
 *     and logging whole pages.
 * Entry points: BTreeInitMetapage(), BTreeReadMeta(), BTGetRoot(),
 * BTNewPage(), BTGetBuf(), BTRelAndGetBuf(), BTLogNewPage().
 * Locking: the metapage is share-locked only long enough to copy it; a new
 * root is installed under its exclusive lock (README "Locking").
 */
#include "rustydb.h"

#include "access/xlog.h"
#include "commands/maintenance.h"
#include "miscadmin.h"
#include "nbtree_int.h"
#include "utils/elog.h"

/* Format buf's page as a metapage with contents meta (caller holds the lock). */
static void
write_meta(Page page, const BTMetaPageData *meta)
{
    BTPageOpaque op;

    PageInit(page, BLCKSZ, MAXALIGN(sizeof(BTPageOpaqueData)) + MAXALIGN(sizeof(BTMetaPageData)));
    op = BTPageGetOpaque(page);
    op->btpo_prev = op->btpo_next = P_NONE;
    op->btpo_level = 0;
    op->btpo_flags = BTP_META;
    op->btpo_magic = BTP_MAGIC;
    memcpy(BTPageGetMeta(page), meta, sizeof(*meta));
}

static void
check_meta(Relation rel, Page page)
{
    BTMetaPageData *meta = BTPageGetMeta(page);
    BTPageOpaque op = BTPageGetOpaque(page);

    if (PageIsNew(page) ||
        PageGetSpecialSize(page) != MAXALIGN(sizeof(BTPageOpaqueData)) + MAXALIGN(sizeof(BTMetaPageData)) ||
        (op->btpo_flags & BTP_META) == 0 || meta->btm_magic != BTREE_MAGIC)
        BTReportCorruption(rel, BTREE_METAPAGE, "invalid metapage");
    if (meta->btm_version != BTREE_VERSION)
        BTReportCorruption(rel, BTREE_METAPAGE, "unsupported version %u", meta->btm_version);
}

void
BTreeInitMetapage(Relation indexrel, int natts, int nkeyatts, const int16 *indoption)
{
    BTMetaPageData meta;
    Buffer      buf;
    Page        page;

    if (RelationGetNumberOfBlocks(indexrel) != 0)
        elog(ERROR, "index \"%s\" already contains data", RelationGetRelationName(indexrel));
    if (natts < 1 || natts > INDEX_MAX_KEYS || nkeyatts < 1 || nkeyatts > natts)
        elog(ERROR, "invalid B-tree column counts %d/%d", nkeyatts, natts);
    memset(&meta, 0, sizeof(meta));
    meta.btm_magic = BTREE_MAGIC;
    meta.btm_version = BTREE_VERSION;
    meta.btm_root = P_NONE;
    meta.btm_fastroot = P_NONE;
    meta.btm_natts = (uint16) natts;
    meta.btm_nkeyatts = (uint16) nkeyatts;
    for (int i = 0; i < nkeyatts; i++)
        meta.btm_options[i] = indoption != NULL ? (uint16) indoption[i] : 0;

    buf = ExtendRelationBuffered(indexrel, MAIN_FORKNUM);
    Assert(BufferGetBlockNumber(buf) == BTREE_METAPAGE);
    page = BufferGetPage(buf);
    START_CRIT_SECTION();
    write_meta(page, &meta);
    MarkBufferDirty(buf);
    BTLogNewPage(buf);
    END_CRIT_SECTION();
    UnlockReleaseBuffer(buf);
    IndexSpaceNoteNewFile(indexrel);    /* exact space: valid from 0 (README "Exact space") */
}

void
BTreeReadMeta(Relation indexrel, BTMetaPageData *out)
{
    Buffer      buf = ReadBuffer(indexrel, BTREE_METAPAGE);
    Page        page;

    LockBuffer(buf, BUFFER_LOCK_SHARE);
    page = BufferGetPage(buf);
    RDB_TRY();
    {
        check_meta(indexrel, page);
    }
    RDB_CATCH();
    {
        UnlockReleaseBuffer(buf);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    memcpy(out, BTPageGetMeta(page), sizeof(*out));
    UnlockReleaseBuffer(buf);
}

Buffer
BTGetBuf(Relation rel, BlockNumber blkno, int mode)
{
    Buffer      buf;

    if (blkno == BTREE_METAPAGE || blkno == InvalidBlockNumber)
        BTReportCorruption(rel, blkno, "link to an invalid block");
    buf = ReadBuffer(rel, blkno);
    LockBuffer(buf, mode);
    return buf;
}

Buffer
BTRelAndGetBuf(Relation rel, Buffer buf, BlockNumber blkno, int mode)
{
    UnlockReleaseBuffer(buf);
    return BTGetBuf(rel, blkno, mode);
}

Buffer
BTNewPage(Relation rel)
{
    Buffer      buf = ExtendRelationBuffered(rel, MAIN_FORKNUM);

    IndexSpaceNoteNewPage(rel);     /* exact space: a zeroed page is free space */
    return buf;
}

XLogRecPtr
BTLogNewPage(Buffer buf)
{
    XLogRecPtr  lsn;

    XLogBeginInsert();
    XLogRegisterBuffer(0, buf, REGBUF_FORCE_IMAGE | REGBUF_WILL_INIT | REGBUF_STANDARD);
    lsn = XLogInsert(RM_BTREE_ID, XLOG_BTREE_NEWPAGE);
    PageSetLSN(BufferGetPage(buf), lsn);
    return lsn;
}

/*
 * install_first_root -- give an empty index its root leaf.  Caller holds
 * the metapage exclusively and has re-checked that there is no root.
 * Returns the new root, exclusively locked.
 */
static Buffer
install_first_root(Relation rel, Buffer metabuf)
{
    Page        metapage = BufferGetPage(metabuf);
    BTMetaPageData *meta = BTPageGetMeta(metapage);
    Buffer      rootbuf;
    Page        rootpage;
    XLogRecPtr  lsn;
    IndexSpaceMark mark;

    rootbuf = BTNewPage(rel);
    rootpage = BufferGetPage(rootbuf);
    IndexSpacePageBegin(rel, rootpage, BufferGetBlockNumber(rootbuf), &mark);

    START_CRIT_SECTION();
    BTPageInit(rootpage, BTP_LEAF | BTP_ROOT, 0);
    meta->btm_root = meta->btm_fastroot = BufferGetBlockNumber(rootbuf);
    meta->btm_level = meta->btm_fastlevel = 0;
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
    return rootbuf;
}

Buffer
BTGetRoot(Relation rel, int mode, bool create)
{
    Buffer      metabuf = ReadBuffer(rel, BTREE_METAPAGE);
    Page        metapage = BufferGetPage(metabuf);
    BTMetaPageData meta;
    Buffer      buf;

    LockBuffer(metabuf, BUFFER_LOCK_SHARE);
    RDB_TRY();
    {
        check_meta(rel, metapage);
    }
    RDB_CATCH();
    {
        UnlockReleaseBuffer(metabuf);
        RDB_RE_THROW();
    }
    RDB_END_TRY();
    memcpy(&meta, BTPageGetMeta(metapage), sizeof(meta));
    if (meta.btm_root == P_NONE)
    {
        if (!create)
        {
            UnlockReleaseBuffer(metabuf);
            return InvalidBuffer;
        }
        LockBuffer(metabuf, BUFFER_LOCK_UNLOCK);
        LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
        memcpy(&meta, BTPageGetMeta(metapage), sizeof(meta));
        if (meta.btm_root == P_NONE)
        {
            buf = install_first_root(rel, metabuf);
            UnlockReleaseBuffer(metabuf);
            if (mode != BUFFER_LOCK_EXCLUSIVE)
            {
                /* A concurrent split in between is fine: callers move right. */
                LockBuffer(buf, BUFFER_LOCK_UNLOCK);
                LockBuffer(buf, mode);
            }
            return buf;
        }
    }
    UnlockReleaseBuffer(metabuf);
    buf = BTGetBuf(rel, meta.btm_root, mode);
    return buf;
}
