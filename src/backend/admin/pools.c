/*
 * pools.c
 *     GET /api/v1/pools, /api/v1/pools/<id>, /api/v1/pools/<id>/stats.
 * Entry points: AdminHandlePool*() (router.c), AdminCountConnections().
 *
 * RustyDB has no connection pooler: a client connection is a backend
 * process holding one of max_connections proc slots.  The API shows those
 * slots as the one pool "default" (the name the operator's guide uses), so
 * the guide's pool checks report real connection figures.
 */
#include "rustydb.h"

#include <stdatomic.h>

#include "admin/admin.h"
#include "admin_int.h"
#include "storage/proc.h"

#define DEFAULT_POOL_ID "default"

void
AdminCountConnections(int *active, int *idle, int *waiting, int *total)
{
    int         nslots = ProcGlobalSlotCount();

    *active = *idle = *waiting = *total = 0;
    /* Racy by nature (no ProcArrayLock): a monitoring snapshot. */
    for (int i = 0; i < nslots; i++)
    {
        PGPROC     *proc = ProcGetSlot(i);
        int         wait;

        if (!atomic_load(&proc->in_use) || proc->backend_type != B_BACKEND || proc->pid == 0)
            continue;
        (*total)++;
        wait = atomic_load(&proc->wait_type);
        if (wait == PROC_WAIT_CLIENT)
            (*idle)++;
        else
        {
            (*active)++;
            if (wait == PROC_WAIT_LOCK || wait == PROC_WAIT_TRANSACTION)
                (*waiting)++;
        }
    }
}

static json_t *
pool_json(void)
{
    int         active,
                idle,
                waiting,
                total;
    AdminCounters c;
    json_t     *obj = json_object();

    AdminCountConnections(&active, &idle, &waiting, &total);
    AdminGetCounters(&c);
    json_object_set_new(obj, "pool_id", json_string(DEFAULT_POOL_ID));
    json_object_set_new(obj, "description",
                        json_string("client connection slots of the server (one backend process per connection)"));
    json_object_set_new(obj, "active_connections", json_integer(active));
    json_object_set_new(obj, "idle_connections", json_integer(idle));
    json_object_set_new(obj, "total_connections", json_integer(total));
    json_object_set_new(obj, "waiting_requests", json_integer(waiting));
    json_object_set_new(obj, "max_connections", json_integer(MaxConnections));
    if (c.connection_counts_wired)
    {
        /* Every connection gets a fresh slot: acquired = created. */
        json_object_set_new(obj, "total_acquired", json_integer((json_int_t) c.connections_created));
        json_object_set_new(obj, "total_created", json_integer((json_int_t) c.connections_created));
        json_object_set_new(obj, "total_destroyed", json_integer((json_int_t) c.connections_destroyed));
    }
    else
    {
        json_object_set_new(obj, "total_acquired", json_null());
        json_object_set_new(obj, "total_created", json_null());
        json_object_set_new(obj, "total_destroyed", json_null());
        json_object_set_new(obj, "unavailable",
                            json_pack("{s:s}", "total_created",
                                      "connection start/end counts are not reported to shared memory in this build"));
    }
    json_object_set_new(obj, "timestamp", AdminJsonTimestamp(AdminNowUs()));
    return obj;
}

/* known_pool -- 404 unless id is "default". */
static bool
known_pool(AdminRequest *req, AdminResponse *resp, const char *id)
{
    if (strcmp(id, DEFAULT_POOL_ID) == 0)
        return true;
    AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, "{\"pools\": [\"" DEFAULT_POOL_ID "\"]}",
                          "connection pool \"%s\" does not exist", id);
    return false;
}

void
AdminHandlePoolList(AdminRequest *req, AdminResponse *resp, char **params)
{
    json_t     *list = json_array();

    (void) req;
    (void) params;
    json_array_append_new(list, pool_json());
    AdminRespondJson(resp, 200, json_pack("{s:o, s:i}", "pools", list, "total_count", 1));
}

void
AdminHandlePoolGet(AdminRequest *req, AdminResponse *resp, char **params)
{
    if (known_pool(req, resp, params[0]))
        AdminRespondJson(resp, 200, pool_json());
}

void
AdminHandlePoolStats(AdminRequest *req, AdminResponse *resp, char **params)
{
    if (known_pool(req, resp, params[0]))
        AdminRespondJson(resp, 200, pool_json());
}
