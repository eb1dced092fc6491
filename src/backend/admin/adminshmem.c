/*
 * adminshmem.c
 *     Cumulative server-wide counters the admin API reports and that no
 *     other subsystem keeps in shared memory yet: transaction ends, buffer
 *     hits and reads, client connections.
 * Entry points: AdminShmemSize(), AdminShmemInit(), AdminReport*(),
 * AdminGetCounters(); see admin/admin.h.
 *
 * Every counter is one atomic word bumped with relaxed atomic adds by the
 * process doing the work: no lock, no ERROR possible, cheap enough for the
 * commit path.  The *_wired flags tell a real zero ("no transaction ended")
 * from a figure nobody measures yet (the hook is not called yet), so
 * that the API never reports an unmeasured 0 as a fact.
 *
 * When the statistics collector (DESIGN.md §3) lands, these move there and
 * this file shrinks to reading them.
 *
 * Also here: the last successful login per role (GET /api/v1/admin/users,
 * "last_login"), a table of ADMIN_LOGIN_SLOTS (role, time) pairs under one
 * spinlock (a few stores; nothing under it can fail or sleep).  A role not
 * in it has not logged in since shared memory was created; when the table
 * is full the oldest entry is replaced (and that role reads as "unknown").
 *
 * The admin API process's own catalog-lookup transactions are not counted:
 * the API must not inflate the transaction rate it reports.
 */
#include "rustydb.h"

#include <stdatomic.h>

#include "admin/admin.h"
#include "admin/adminhttp.h"
#include "storage/bufmgr.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/elog.h"

typedef struct AdminSharedCounters
{
    _Atomic uint64 commits;
    _Atomic uint64 rollbacks;
    _Atomic uint64 buffer_hits;
    _Atomic uint64 buffer_reads;
    _Atomic uint64 connections_created;
    _Atomic uint64 connections_destroyed;
    atomic_bool transaction_counts_wired;
    atomic_bool connection_counts_wired;
    slock_t     login_lock;     /* protects login_role and login_at_us */
    Oid         login_role[ADMIN_LOGIN_SLOTS];  /* InvalidOid: free */
    int64       login_at_us[ADMIN_LOGIN_SLOTS]; /* Unix microseconds */
} AdminSharedCounters;

static AdminSharedCounters *admin_counters = NULL;

/* This process's BufferUsageCounters as of its last report. */
static uint64 reported_hits = 0;
static uint64 reported_reads = 0;

Size
AdminShmemSize(void)
{
    return sizeof(AdminSharedCounters);
}

void
AdminInitArea(void *area)
{
    memset(area, 0, sizeof(AdminSharedCounters));
    admin_counters = (AdminSharedCounters *) area;
    SpinLockInit(&admin_counters->login_lock);
}

void
AdminShmemInit(void)
{
    bool        found;
    void       *area = ShmemInitStruct("admin API counters", AdminShmemSize(), &found);

    if (!found)
        AdminInitArea(area);
    else
        admin_counters = (AdminSharedCounters *) area;
}

static inline void
bump(_Atomic uint64 *counter, uint64 n)
{
    atomic_fetch_add_explicit(counter, n, memory_order_relaxed);
}

void
AdminReportTransactionEnd(bool committed)
{
    uint64      hits = BufferUsageCounters.shared_hits;
    uint64      reads = BufferUsageCounters.shared_reads;

    if (admin_counters == NULL)
        return;
    if (MyProc != NULL && MyProc->backend_type == B_ADMIN_API)
        return;                 /* our own catalog lookups (catalogread.c) */
    if (!atomic_load_explicit(&admin_counters->transaction_counts_wired, memory_order_relaxed))
        atomic_store(&admin_counters->transaction_counts_wired, true);
    bump(committed ? &admin_counters->commits : &admin_counters->rollbacks, 1);
    /* The process-local counters only grow; a reset (new process) restarts from 0. */
    if (hits < reported_hits || reads < reported_reads)
        reported_hits = reported_reads = 0;
    bump(&admin_counters->buffer_hits, hits - reported_hits);
    bump(&admin_counters->buffer_reads, reads - reported_reads);
    reported_hits = hits;
    reported_reads = reads;
}

static void
count_backend_exit(int code, Datum arg)
{
    (void) code;
    (void) arg;
    if (admin_counters != NULL)
        bump(&admin_counters->connections_destroyed, 1);
}

void
AdminReportBackendStart(void)
{
    if (admin_counters == NULL)
        return;
    atomic_store(&admin_counters->connection_counts_wired, true);
    bump(&admin_counters->connections_created, 1);
    OnProcExit(count_backend_exit, (Datum) 0);
    if (OidIsValid(MyRoleId))
        AdminReportLogin(MyRoleId, AdminNowUs());
}

void
AdminReportLogin(Oid roleid, int64 at_us)
{
    int         slot = -1;
    int         oldest = 0;

    if (admin_counters == NULL)
        return;
    SpinLockAcquire(&admin_counters->login_lock);
    for (int i = 0; i < ADMIN_LOGIN_SLOTS; i++)
    {
        if (admin_counters->login_role[i] == roleid || admin_counters->login_role[i] == InvalidOid)
        {
            slot = i;
            break;
        }
        if (admin_counters->login_at_us[i] < admin_counters->login_at_us[oldest])
            oldest = i;
    }
    if (slot < 0)
        slot = oldest;
    admin_counters->login_role[slot] = roleid;
    admin_counters->login_at_us[slot] = at_us;
    SpinLockRelease(&admin_counters->login_lock);
}

int64
AdminGetLastLogin(Oid roleid)
{
    int64       at = 0;

    if (admin_counters == NULL || !OidIsValid(roleid))
        return 0;
    SpinLockAcquire(&admin_counters->login_lock);
    for (int i = 0; i < ADMIN_LOGIN_SLOTS && admin_counters->login_role[i] != InvalidOid; i++)
        if (admin_counters->login_role[i] == roleid)
        {
            at = admin_counters->login_at_us[i];
            break;
        }
    SpinLockRelease(&admin_counters->login_lock);
    return at;
}

void
AdminGetCounters(AdminCounters *out)
{
    memset(out, 0, sizeof(*out));
    if (admin_counters == NULL)
        return;
    out->commits = atomic_load(&admin_counters->commits);
    out->rollbacks = atomic_load(&admin_counters->rollbacks);
    out->buffer_hits = atomic_load(&admin_counters->buffer_hits);
    out->buffer_reads = atomic_load(&admin_counters->buffer_reads);
    out->connections_created = atomic_load(&admin_counters->connections_created);
    out->connections_destroyed = atomic_load(&admin_counters->connections_destroyed);
    out->transaction_counts_wired = atomic_load(&admin_counters->transaction_counts_wired);
    out->connection_counts_wired = atomic_load(&admin_counters->connection_counts_wired);
}
