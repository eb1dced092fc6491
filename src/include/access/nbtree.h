/*
 * nbtree.h
 *     The B-tree index access method: Lehman & Yao's B-link tree (high keys
 *     and right-links, so that readers never block on splits), with
 *     multi-column keys (ASC/DESC, NULLS FIRST/LAST per column), duplicates
 *     made unique by the heap TID, INCLUDE columns on leaves, bottom-up
 *     builds, WAL-logged page changes and a structural verifier.
 * Implemented in src/backend/access/nbtree/ (nbt*.c); the page format (offset/
 * size tables), invariants, locking protocol and WAL records are in the
 * README there.  Callers outside the access layer use access/genam.h.
 */
#ifndef ACCESS_NBTREE_H
#define ACCESS_NBTREE_H

#include "rustydb.h"
#include "access/genam.h"
#include "storage/buf.h"
#include "storage/bufpage.h"
#include "utils/rel.h"

/* ---------- index tuples ---------- */

/*
 * IndexTupleData -- header of every item on a B-tree page.  Leaf items:
 * t_tid is the heap TID, then t_natts attributes (key + INCLUDE columns).
 * Pivot items (high keys and internal-page items): t_tid's block number is
 * the downlink (child block; invalid for high keys), then the key columns,
 * then (INDEX_PIVOT_HEAPTID) the separator's heap TID in the last 8 bytes.
 * Attributes are laid out like heap tuple data: null bitmap after the
 * header when INDEX_NULL_MASK, data from MAXALIGN(header + bitmap), each
 * value aligned by its type's alignment, varlenas with their 4-byte header.
 */
typedef struct IndexTupleData
{
    ItemPointerData t_tid;      /* offset 0, 6 bytes */
    uint16      t_info;         /* offset 6: size in bytes (bits 0..12) + INDEX_* flags */
    uint16      t_natts;        /* offset 8: attributes stored */
    uint8       t_bits[FLEXIBLE_ARRAY_MEMBER];  /* offset 10: null bitmap, 1 = present */
} IndexTupleData;


#define SizeOfIndexTupleHeader offsetof(IndexTupleData, t_bits)
#define INDEX_SIZE_MASK 0x1FFF
#define INDEX_PIVOT_HEAPTID 0x2000  /* pivot: separator heap TID in the last 8 bytes */
#define INDEX_VAR_MASK 0x4000       /* has variable-width attributes */
#define INDEX_NULL_MASK 0x8000      /* has a null bitmap */

#define IndexTupleSize(itup) ((Size) ((itup)->t_info & INDEX_SIZE_MASK))
#define IndexTupleHasNulls(itup) (((itup)->t_info & INDEX_NULL_MASK) != 0)
#define IndexTupleNatts(itup) ((int) (itup)->t_natts)

/* Maximum number of columns in an index (key + INCLUDE), as PostgreSQL. */
#ifndef INDEX_MAX_KEYS
#define INDEX_MAX_KEYS 32
#endif

/* ---------- pages ---------- */

/* Special area at the end of every B-tree page (16 bytes). */
typedef struct BTPageOpaqueData
{
    BlockNumber btpo_prev;      /* left sibling, or P_NONE if leftmost */
    BlockNumber btpo_next;      /* right sibling, or P_NONE if rightmost */
    uint32      btpo_level;     /* 0 for leaves, increasing towards the root */
    uint16      btpo_flags;     /* BTP_* */
    uint16      btpo_magic;     /* BTP_MAGIC: recognises B-tree pages */
} BTPageOpaqueData;

typedef BTPageOpaqueData *BTPageOpaque;

#define P_NONE 0                /* "no sibling": block 0 is the metapage, never a sibling */
#define BTP_LEAF 0x0001
#define BTP_ROOT 0x0002
#define BTP_META 0x0004
#define BTP_MAGIC 0x6274        /* "bt" */

#define BTPageGetOpaque(page) ((BTPageOpaque) PageGetSpecialPointer(page))
#define P_ISLEAF(op) (((op)->btpo_flags & BTP_LEAF) != 0)
#define P_ISROOT(op) (((op)->btpo_flags & BTP_ROOT) != 0)
#define P_LEFTMOST(op) ((op)->btpo_prev == P_NONE)
#define P_RIGHTMOST(op) ((op)->btpo_next == P_NONE)
/* The high key is item 1 on every page but the rightmost of its level. */
#define P_HIKEY ((OffsetNumber) 1)
#define P_FIRSTKEY ((OffsetNumber) 2)
#define P_FIRSTDATAKEY(op) (P_RIGHTMOST(op) ? P_HIKEY : P_FIRSTKEY)

/* Metapage (block 0): the data area right after the page header. */
typedef struct BTMetaPageData
{
    uint32      btm_magic;      /* BTREE_MAGIC */
    uint32      btm_version;    /* BTREE_VERSION */
    BlockNumber btm_root;       /* current root, or P_NONE for an empty index */
    uint32      btm_level;      /* level of the root */
    BlockNumber btm_fastroot;   /* = btm_root (no page deletion, so never lower) */
    uint32      btm_fastlevel;
    uint16      btm_natts;      /* columns in leaf tuples (key + INCLUDE) */
    uint16      btm_nkeyatts;   /* key columns */
    uint16      btm_options[INDEX_MAX_KEYS];   /* INDOPTION_* per key column */
} BTMetaPageData;

#define BTREE_METAPAGE 0
#define BTREE_MAGIC 0x053162
#define BTREE_VERSION 2        /* 2: data aligned for its columns, not MAXALIGNed */
/*
 * The metapage keeps its data in the special area, after the opaque data,
 * so it has no line pointers and passes the page verifier's line-pointer
 * checks like any other page.
 */
#define BTPageGetMeta(page) \
    ((BTMetaPageData *) (PageGetSpecialPointer(page) + MAXALIGN(sizeof(BTPageOpaqueData))))

/* Leaf fill factor for bottom-up builds (percent); upper levels use 70. */
#define BTREE_DEFAULT_FILLFACTOR 90
#define BTREE_NONLEAF_FILLFACTOR 70

/*
 * Largest leaf tuple accepted: a third of a page's usable space, so that a
 * split always leaves room for the new item and the pivots stay small.
 */
#define BTMaxItemSize \
    ((Size) ((((BLCKSZ - MAXALIGN(SizeOfPageHeaderData) - MAXALIGN(sizeof(BTPageOpaqueData)) - \
                3 * sizeof(ItemIdData)) / 3) & ~(MAXIMUM_ALIGNOF - 1)) - MAXALIGN(sizeof(ItemPointerData))))

/* ---------- WAL (RM_BTREE_ID) ---------- */

#define XLOG_BTREE_INSERT_LEAF 0x00 /* blk 0: leaf; data: offnum + tuple */
#define XLOG_BTREE_INSERT_UPPER 0x10    /* blk 0: internal page; data: offnum + tuple */
#define XLOG_BTREE_SPLIT 0x20       /* blk 0 left, blk 1 new right (images), blk 2 old right sibling */
#define XLOG_BTREE_NEWROOT 0x30     /* blk 0 new root (image), blk 1 metapage; data: BTMetaPageData */
#define XLOG_BTREE_NEWPAGE 0x40     /* blk 0: a whole page image (build, metapage init) */
#define XLOG_BTREE_DELETE 0x50      /* blk 0: leaf; data: uint16 count + offsets ascending */

/* Block data of XLOG_BTREE_SPLIT block 2: the old right sibling's new prev link. */
typedef struct XlBtreeSplitSibling
{
    BlockNumber new_prev;
} XlBtreeSplitSibling;

/* ---------- access-method entry points (called through genam.h) ---------- */

struct StringInfoData;
struct XLogReaderState;

/* nbtutils.c */
/* Deform an entry's stored columns (t_natts of them); by-ref values point into it. */
extern void BTDeformTuple(TupleDesc tupdesc, IndexTuple itup, Datum *values, bool *isnull);

/* nbtpage.c */
/*
 * BTreeInitMetapage -- write (and WAL-log) an empty index's metapage into
 * block 0 of indexrel, which must be empty; the column count and per-column
 * options are recorded so the tree is self-describing.
 */
extern void BTreeInitMetapage(Relation indexrel, int natts, int nkeyatts,
                              const int16 *indoption);
/* Read the metapage contents (share lock held briefly). ERROR if corrupt. */
extern void BTreeReadMeta(Relation indexrel, BTMetaPageData *out);

/* nbtinsert.c */
/*
 * BTreeInsert -- insert (values, isnull) -> heap_tid.  values/isnull have
 * btm_natts entries.  Uniqueness: see genam.h index_insert.  Returns false
 * only when UNIQUE_CHECK_SPECULATIVE met a duplicate (nothing inserted),
 * else true.
 */
extern bool BTreeInsert(Relation indexrel, const Datum *values, const bool *isnull,
                        ItemPointer heap_tid, Relation heaprel, IndexUniqueCheck check_unique);

/* nbtsort.c */
/*
 * BTreeBuild -- fill the empty index indexrel from heaprel (all tuples
 * visible to snapshot, or every live tuple with snapshot NULL), sorting in
 * memory and loading pages bottom-up.  Returns the number of heap tuples
 * indexed.
 */
extern double BTreeBuild(Relation heaprel, Relation indexrel, IndexInfo *info, Snapshot snapshot);
/*
 * BTreeBuildFromEntries -- load pre-formed (values, tid) entries (tests,
 * REINDEX of a given set).  entries need not be sorted.
 */
typedef struct BTBuildEntry
{
    Datum      *values;         /* btm_natts entries */
    bool       *isnull;
    ItemPointerData tid;
} BTBuildEntry;
extern void BTreeBuildFromEntries(Relation indexrel, BTBuildEntry *entries, int64 nentries,
                                  int natts, int nkeyatts, const int16 *indoption, bool unique,
                                  const char *heapname);

/* nbtsearch.c: scans (state in IndexScanDesc->opaque) */
extern void BTreeBeginScan(IndexScanDesc scan);
extern void BTreeRescan(IndexScanDesc scan);
extern bool BTreeGetNext(IndexScanDesc scan, ScanDirection dir);
extern void BTreeEndScan(IndexScanDesc scan);

/* nbtvacuum.c */
/*
 * BTreeBulkDelete -- remove every leaf entry whose heap TID callback says
 * is dead.  Takes one leaf page at a time exclusively (no page is ever
 * removed).  Returns the number of entries removed; *remaining (if not NULL)
 * gets the number kept.
 */
extern int64 BTreeBulkDelete(Relation indexrel, IndexBulkDeleteCallback callback,
                             void *callback_state, int64 *remaining);

/* nbtverify.c */
/*
 * BTreeVerify -- check the structure (see README "Verification"); with
 * heaprel non-NULL also that every leaf TID points at a used heap line
 * pointer, and with full also that every live heap tuple has exactly one
 * entry.  ERROR XX002 'index "x" is corrupted: <what> at block N'.
 */
extern void BTreeVerify(Relation indexrel, Relation heaprel, IndexInfo *info, bool full);

/* nbtxlog.c: resource manager callbacks (rmgr.c) */
extern void BtreeRedo(struct XLogReaderState *record);
extern void BtreeDesc(struct StringInfoData *buf, struct XLogReaderState *record);

#endif                          /* ACCESS_NBTREE_H */
