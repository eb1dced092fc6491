/*
 * postmaster_int.h
 *     Private to src/postmaster: what a freshly forked child must do to
 *     shed the postmaster's resources, and the fork helper shared by
 *     postmaster.c (backends) and auxprocess.c.
 */
#ifndef POSTMASTER_INT_H
#define POSTMASTER_INT_H

#include <sys/types.h>

#include "rustydb.h"

/*
 * ForkChild -- fork(); in the child: process globals reset, listen sockets
 * and the event loop's descriptors closed, backend signal handlers
 * installed.  Returns like fork() (-1 with errno on failure).
 */
extern pid_t ForkChild(void);

/* pmlisten.c */
struct uv_loop_s;
typedef void (*PmAcceptFn) (int fd, bool is_unix);
/* Open every TCP and Unix listen socket; FATAL if none could be opened. */
extern void ListenSocketsOpen(struct uv_loop_s *loop, PmAcceptFn on_accept);
/* In a child: close the listen descriptors (no libuv calls). */
extern void ListenSocketsCloseInChild(void);
/* In the postmaster at exit: close the handles and unlink the socket files. */
extern void ListenSocketsClose(void);
/* First socket directory and first listen address, for postmaster.pid. */
extern const char *ListenSocketDirForPidFile(void);
extern const char *ListenAddressForPidFile(void);

#endif                          /* POSTMASTER_INT_H */
