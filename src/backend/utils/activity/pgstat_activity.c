/*
 * pgstat_activity.c
 *     The per-backend activity slots behind pg_stat_activity: state, query
 *     text, start times, query id, client address and application name.
 * Entry points: pgstat_activity_init(), pgstat_activity_set(),
 * pgstat_report_idle(), pgstat_activity_read().
 *
 * One PgStatActivity per proc slot (indexed by procno), written only by its
 * owner.  No lock: the owner bumps changecount to odd before a change and to
 * even after it; a reader copies the slot and retries while the count was
 * odd or changed (the seqlock pattern), so neither side ever blocks.
 */
#include "rustydb.h"

#include <stdlib.h>
#include <string.h>

#include "libpq/libpq-be.h"
#include "miscadmin.h"
#include "pgstat_int.h"
#include "storage/proc.h"
#include "utils/datetime.h"
#include "utils/guc.h"

static PgStatActivity *my_activity = NULL;

static inline void
begin_write(void)
{
    atomic_fetch_add_explicit(&my_activity->changecount, 1, memory_order_acq_rel);
}

static inline void
end_write(void)
{
    atomic_fetch_add_explicit(&my_activity->changecount, 1, memory_order_acq_rel);
}

static void
copy_str(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size)
    {
        len = size - 1;
        while (len > 0 && ((unsigned char) src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

void
pgstat_activity_init(void)
{
    Port       *port = MyProcPort;

    if (PgStatShmem == NULL || MyProcNumber < 0 || MyProcNumber >= PgStatShmem->nactivity)
        return;
    my_activity = &PgStatShmem->activity[MyProcNumber];
    begin_write();
    my_activity->state = PGSTAT_STATE_IDLE;
    my_activity->backend_start = TimestampTzFromUnixMicros(MyStartTimeUs);
    my_activity->xact_start = 0;
    my_activity->query_start = 0;
    my_activity->state_change = GetCurrentTimestamp();
    my_activity->queryid = 0;
    my_activity->query[0] = '\0';
    my_activity->application_name[0] = '\0';
    my_activity->client_addr[0] = '\0';
    my_activity->client_port = -1;
    if (port != NULL && !port->is_unix && port->remote_host)
    {
        copy_str(my_activity->client_addr, sizeof(my_activity->client_addr), port->remote_host,
                 strlen(port->remote_host));
        my_activity->client_port = port->remote_port ? atoi(port->remote_port) : -1;
    }
    end_write();
}

void
pgstat_activity_clear(void)
{
    if (my_activity == NULL)
        return;
    begin_write();
    my_activity->state = PGSTAT_STATE_UNDEFINED;
    my_activity->query[0] = '\0';
    end_write();
    my_activity = NULL;
}

void
pgstat_activity_xact_start(void)
{
    if (my_activity == NULL || !pgstat_track_activities)
        return;
    begin_write();
    my_activity->xact_start = GetCurrentTransactionStartTimestamp();
    end_write();
}

void
pgstat_activity_xact_end(void)
{
    if (my_activity == NULL)
        return;
    begin_write();
    my_activity->xact_start = 0;
    end_write();
}

static void
activity_set_at(PgStatActivityState state, const char *query, size_t len, uint64 queryid,
                TimestampTz now)
{
    begin_write();
    if (my_activity->state != (int) state)
        my_activity->state_change = now;
    my_activity->state = state;
    if (query != NULL)
    {
        copy_str(my_activity->query, sizeof(my_activity->query), query, len);
        my_activity->query_start = now;
        my_activity->queryid = queryid;
    }
    if (ApplicationName)
        copy_str(my_activity->application_name, sizeof(my_activity->application_name),
                 ApplicationName, strlen(ApplicationName));
    end_write();
}

void
pgstat_activity_set(PgStatActivityState state, const char *query, size_t len, uint64 queryid)
{
    if (my_activity == NULL)
        return;
    activity_set_at(state, query, len, queryid, GetCurrentTimestamp());
}

void
pgstat_activity_start_statement(const char *query, size_t len, uint64 queryid)
{
    TimestampTz now;

    if (my_activity == NULL)
        return;
    /* as PostgreSQL: query_start is the statement's start time (no clock read) */
    now = GetCurrentStatementStartTimestamp();
    activity_set_at(PGSTAT_STATE_RUNNING, query, len, queryid, now ? now : GetCurrentTimestamp());
}

void
pgstat_report_idle(bool in_transaction, bool aborted)
{
    if (my_activity == NULL || !pgstat_track_activities)
        return;
    pgstat_activity_set(aborted ? PGSTAT_STATE_IDLE_IN_XACT_ABORTED
                        : in_transaction ? PGSTAT_STATE_IDLE_IN_XACT : PGSTAT_STATE_IDLE,
                        NULL, 0, 0);
}

bool
pgstat_activity_read(int procno, PgStatActivity *out)
{
    PgStatActivity *a;

    if (PgStatShmem == NULL || procno < 0 || procno >= PgStatShmem->nactivity)
        return false;
    a = &PgStatShmem->activity[procno];
    for (int tries = 0; tries < 1000; tries++)
    {
        uint32      before = atomic_load_explicit(&a->changecount, memory_order_acquire);
        uint32      after;

        if (before & 1)
            continue;
        memcpy((char *) out + sizeof(out->changecount), (char *) a + sizeof(a->changecount),
               sizeof(*a) - sizeof(a->changecount));
        atomic_thread_fence(memory_order_acquire);
        after = atomic_load_explicit(&a->changecount, memory_order_acquire);
        if (before == after)
            return true;
    }
    return false;
}
