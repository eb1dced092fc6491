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
 */
#include "rustydb.h"

#include <stdatomic.h>

#include "admin/admin.h"
#include "storage/bufmgr.h"
#include "storage/shmem.h"
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
