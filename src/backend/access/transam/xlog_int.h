/*
 * xlog_int.h
 *     Private interfaces between the WAL files of access/transam
 *     (xlog.c, xloginsert.c, xlogreader.c, xlogutils.c).
 */
#ifndef ACCESS_XLOG_INT_H
#define ACCESS_XLOG_INT_H

#include "access/xlog.h"

/* xlog.c */
extern XLogRecPtr XLogInsertRecord(char *rec, uint32 len, XLogRecPtr redo_seen,
                                   bool needs_image_recheck, XLogRecPtr *start_out);
extern void XLogCountImage(void);
extern XLogRecPtr XLogGetRedoShadow(void);
extern char *WalSegmentPath(uint64 segno);      /* palloc'd */

/* xloginsert.c */
extern XLogRecPtr XLogInsertWithStart(RmgrId rmid, uint8 info, XLogRecPtr *start_out);

#endif                          /* ACCESS_XLOG_INT_H */
