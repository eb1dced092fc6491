/*
 * postmaster.h
 *     The postmaster: argument parsing, instance lock, listening, forking
 *     backends, reaping children, crash restart and the shutdown modes.
 * Implemented in src/postmaster/postmaster.c (main loop and child table),
 * src/postmaster/pmlisten.c (listen sockets), src/postmaster/pidfile.c
 * (postmaster.pid); see src/postmaster/README.md.
 */
#ifndef POSTMASTER_POSTMASTER_H
#define POSTMASTER_POSTMASTER_H

#include "rustydb.h"

/*
 * PostmasterMain -- `rustydb -D DIR [-p PORT] [-c name=value ...] [-k DIR]`.
 * Runs in the foreground until shut down by a signal; returns the process
 * exit status (0 after a clean shutdown, 1 on a start-up failure).
 */
extern int  PostmasterMain(int argc, char *argv[]);

/*
 * The postmaster's state as written on line 7 of postmaster.pid (read by
 * rustydb-ctl): "starting", "ready", "stopping".
 */
#define PM_STATUS_STARTING "starting"
#define PM_STATUS_READY "ready"
#define PM_STATUS_STOPPING "stopping"

/* Lines of postmaster.pid (1-based), for rustydb-ctl and tests. */
#define PIDFILE_LINE_PID 1
#define PIDFILE_LINE_DIR 2
#define PIDFILE_LINE_START_TIME 3
#define PIDFILE_LINE_PORT 4
#define PIDFILE_LINE_SOCKET_DIR 5
#define PIDFILE_LINE_LISTEN_ADDR 6
#define PIDFILE_LINE_STATUS 7

/* pidfile.c (also used for the Unix socket lock files) */

/*
 * LockFileCreate -- create path with O_EXCL holding our pid on line 1 (and
 * dir on line 2 if not NULL).  A stale file (its pid is dead) is replaced.
 * A live one: FATAL 'lock file "%s" already exists' with the hint naming
 * the PID and the directory.  The file is removed at process exit.
 */
extern void LockFileCreate(const char *path, const char *dir, bool is_socket_lock);
/*
 * PidFileWrite -- rewrite postmaster.pid (after LockFileCreate) with all
 * seven lines; status is one of PM_STATUS_*.  Atomic (write temp, rename).
 */
extern void PidFileWrite(const char *status);
/* Remove every lock file this process created (also an exit callback). */
extern void LockFilesRemove(void);

#endif                          /* POSTMASTER_POSTMASTER_H */
