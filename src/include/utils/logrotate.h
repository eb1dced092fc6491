/*
 * logrotate.h
 *     Rotation of logs/rustydb.log by size and age without losing lines.
 * Implemented in src/backend/utils/error/logrotate.c; the protocol is
 * described in src/backend/utils/activity/README.md ("Log rotation").
 */
#ifndef UTILS_LOGROTATE_H
#define UTILS_LOGROTATE_H

#include "rustydb.h"

/*
 * LogRotateCheck -- (stats collector, every nap) rename logs/rustydb.log to
 * rustydb.log.YYYYMMDD-HHMMSS when it has reached log_rotation_size or is
 * older than log_rotation_age, and create a fresh one.  Reports at LOG.
 */
extern void LogRotateCheck(void);

/*
 * LogReopenIfRotated -- (error reporter, before each server-log write; any
 * process) if fd is a regular file and, at most once per second, the path
 * logs/rustydb.log no longer names the file fd is open on, open the path
 * (O_APPEND) and dup2() it onto fd.  Never reports (it runs inside the
 * reporter); on failure fd stays on the old file, so no line is lost.
 */
extern void LogReopenIfRotated(int fd);

#endif                          /* UTILS_LOGROTATE_H */
