/*
 * xlogrecord.h
 *     The on-disk format of a WAL record.  See the WAL section of
 *     src/backend/access/transam/README for the offset/size tables.
 *
 * A record is a header, then nblocks block references, then the images and
 * data of those blocks, then the record's main data; its total length is
 * rounded up to 8 bytes in the stream (records start 8-aligned).  The CRC32C
 * covers everything after the header, then the header with crc = 0.
 * Records may cross segment-file boundaries: the WAL is one byte stream.
 */
#ifndef ACCESS_XLOGRECORD_H
#define ACCESS_XLOGRECORD_H

#include "rustydb.h"
#include "storage/relfilelocator.h"

typedef uint8 RmgrId;

typedef struct XLogRecordHeader
{
    uint32      tot_len;        /* header + everything, unpadded */
    uint32      crc;
    XLogRecPtr  prev;           /* start of the previous record: the chain we validate */
    TransactionId xid;          /* InvalidTransactionId if none */
    RmgrId      rmid;
    uint8       info;           /* rmgr-specific record kind */
    uint8       nblocks;        /* block references that follow */
    uint8       pad;
    uint32      main_len;       /* length of the main data at the end */
} XLogRecordHeader;

#define SizeOfXLogRecordHeader sizeof(XLogRecordHeader)
StaticAssertDecl(sizeof(XLogRecordHeader) == 32, "WAL record header is 32 bytes");

/* A reference to a block the record changes (follows the header). */
typedef struct XLogBlockRef
{
    RelFileLocator locator;
    uint8       block_id;       /* the id the inserter registered it under (0..7) */
    int8        fork;           /* ForkNumber */
    uint8       flags;          /* BKP_* */
    uint8       pad;
    uint16      hole_offset;    /* image: first byte of the omitted hole */
    uint16      hole_length;    /* image: length of the hole (0 if none) */
    uint16      image_len;      /* bytes of the stored image (compressed or not) */
    uint16      pad2;
    uint32      data_len;       /* bytes of block data (redo deltas) after the image */
    BlockNumber blkno;
} XLogBlockRef;

#define BKP_HAS_IMAGE 0x01      /* a full-page image follows */
#define BKP_IMAGE_LZ4 0x02      /* the image is lz4-compressed */
#define BKP_WILL_INIT 0x04      /* redo rebuilds the page from scratch: don't read it */

#define XLR_MAX_BLOCKS 8

/* WAL geometry */
#define WAL_SEG_SIZE (16 * 1024 * 1024)
#define WAL_FIRST_LSN ((XLogRecPtr) WAL_SEG_SIZE)   /* LSN 0 is invalid: start in segment 1 */
#define WalSegmentOf(lsn) ((uint64) (lsn) / WAL_SEG_SIZE)
#define WalSegmentOffset(lsn) ((uint32) ((lsn) % WAL_SEG_SIZE))

#endif                          /* ACCESS_XLOGRECORD_H */
