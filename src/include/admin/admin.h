/*
 * admin.h
 *     The HTTP admin API process (issue 7): its entry point, its shared
 *     memory area, and the counters other subsystems bump for it (those no
 *     other subsystem keeps yet: deadlocks, locks and checkpoints come from
 *     the lock manager and the WAL module).
 * Implemented in src/backend/admin/ (adminmain.c: the process and its event
 * loop; adminshmem.c: the shared counters); see the README there.
 *
 * The request/response layer is in admin/adminhttp.h, the endpoints in
 * admin/adminapi.h.
 */
#ifndef ADMIN_ADMIN_H
#define ADMIN_ADMIN_H

#include "rustydb.h"

/* ---------- adminmain.c ---------- */

/*
 * AdminApiMain -- main function of the admin API auxiliary process
 * (AUX_PROC_ADMIN_API).  Attaches to shared memory, listens on
 * admin_listen_addresses:admin_api_port and serves until SIGTERM; exits 0
 * at once if admin_api_port is 0.  FATAL if it cannot listen.
 */
extern void AdminApiMain(void);

/* ---------- adminshmem.c ---------- */

/*
 * Cumulative counters since shared memory was created, bumped with atomic
 * adds by the processes that do the work (no lock: each is one atomic
 * word; readers see each counter exactly, not a consistent set).
 */
extern Size AdminShmemSize(void);
extern void AdminShmemInit(void);
/* For unit tests: use a caller-provided area of AdminShmemSize() bytes. */
extern void AdminInitArea(void *area);

/*
 * AdminReportTransactionEnd -- count one top-level transaction end
 * (committed or rolled back) and fold this process's buffer hit/read counts
 * (BufferUsageCounters) accumulated since its last report into the shared
 * totals.  Called once at the end of every top-level transaction, after the
 * outcome is recorded; must not ERROR (it does not).
 */
extern void AdminReportTransactionEnd(bool committed);
/*
 * AdminReportBackendStart -- a client backend finished authentication and
 * holds a connection slot; registers its own exit callback that counts the
 * connection as destroyed.  Called once per client backend.
 */
extern void AdminReportBackendStart(void);

/*
 * Last successful login per role, since shared memory was created (not
 * persisted).  AdminReportLogin -- record one (called by
 * AdminReportBackendStart for the session role; cheap, never ERRORs).
 * AdminGetLastLogin -- Unix microseconds, 0 if unknown.
 */
#define ADMIN_LOGIN_SLOTS 256
extern void AdminReportLogin(Oid roleid, int64 at_us);
extern int64 AdminGetLastLogin(Oid roleid);

/* A copy of the counters (zeroes if the area is absent). */
typedef struct AdminCounters
{
    uint64      commits;
    uint64      rollbacks;
    uint64      buffer_hits;
    uint64      buffer_reads;
    uint64      connections_created;
    uint64      connections_destroyed;
    bool        transaction_counts_wired;   /* AdminReportTransactionEnd ever called */
    bool        connection_counts_wired;    /* AdminReportBackendStart ever called */
} AdminCounters;

extern void AdminGetCounters(AdminCounters *out);

#endif                          /* ADMIN_ADMIN_H */
