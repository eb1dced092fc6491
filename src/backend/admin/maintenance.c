/*
 * maintenance.c
 *     /api/v1/admin/maintenance: queue VACUUM / ANALYZE / REINDEX /
 *     CHECKPOINT jobs in the shared job table, list them, show one, cancel
 *     one.  The API process never runs maintenance itself (DESIGN.md §3).
 * Entry points: the AdminHandleMaintenance*() handlers (router.c), and the
 * testable conversions AdminParseMaintenanceRequest(), AdminJobToJson(),
 * AdminValidateTableName() (admin/adminapi.h).
 *
 * At submit time the database and every named table are looked up in the
 * catalogs (catalogread.c: a short read-only transaction): an unknown one
 * is a 404 naming it and nothing is queued.  The job then carries the
 * database's OID and each table in the form the executor resolves
 * verbatim (identifier rules applied here).  A table dropped between submit
 * and execution still fails the job, naming it.
 */
#include "rustydb.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>

#include "admin/adminapi.h"
#include "admin_int.h"
#include "commands/jobqueue.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"

#define MAINTENANCE_PATH "/api/v1/admin/maintenance"
#define JOB_LIST_DEFAULT_LIMIT 50

static const char *const option_names[] = {"full", "verbose", "analyze", "concurrently"};
static const uint32 option_bits[] = {JOB_OPT_FULL, JOB_OPT_VERBOSE, JOB_OPT_ANALYZE, JOB_OPT_CONCURRENTLY};

/*
 * ident_len -- length of one identifier at s (plain: letter or '_' then
 * letters, digits, '_' or '$', bytes >= 0x80 counting as letters; or
 * double-quoted with "" for a quote), 0 if there is none.  *bytes gets the
 * identifier's length once unquoted.
 */
static size_t
ident_len(const char *s, size_t *bytes)
{
    const unsigned char *p = (const unsigned char *) s;
    size_t      n = 0;

    *bytes = 0;
    if (*p == '"')
    {
        n = 1;
        for (;;)
        {
            if (p[n] == '\0')
                return 0;
            if (p[n] == '"')
            {
                if (p[n + 1] != '"')
                    break;
                n++;
            }
            n++;
            (*bytes)++;
        }
        return *bytes > 0 ? n + 1 : 0;
    }
    if (!(isalpha(*p) || *p == '_' || *p >= 0x80))
        return 0;
    while (isalnum(p[n]) || p[n] == '_' || p[n] == '$' || p[n] >= 0x80)
        n++;
    *bytes = n;
    return n;
}

bool
AdminValidateTableName(const char *name)
{
    const char *p = name;

    for (int part = 0; part < 2; part++)
    {
        size_t      bytes;
        size_t      n = ident_len(p, &bytes);

        if (n == 0 || bytes >= NAMEDATALEN)
            return false;
        p += n;
        if (*p == '\0')
            return strlen(name) < JOB_TABLE_NAME_LEN;
        if (*p != '.' || part == 1)
            return false;
        p++;
    }
    return false;
}

/* allowed_operations_json -- ["vacuum", "analyze", ...] as text, for error details. */
static void
invalid_operation(AdminInputError *err, json_t *given)
{
    json_t     *details = json_object();
    json_t     *allowed = json_array();
    char       *text;

    for (int i = 0; i < JOB_OP_COUNT; i++)
        json_array_append_new(allowed, json_string(JobOperationName((JobOperation) i)));
    json_object_set(details, "operation", given ? given : json_null());
    json_object_set_new(details, "allowed", allowed);
    text = json_dumps(details, JSON_COMPACT);
    json_decref(details);
    AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, text, "Invalid maintenance operation");
    pfree(text);
}

/* field_error -- 400 naming the offending field in details. */
static bool
field_error(AdminInputError *err, const char *field, const char *message)
{
    json_t     *details = json_pack("{s:s}", "field", field);
    char       *text = json_dumps(details, JSON_COMPACT);

    json_decref(details);
    AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, text, "%s", message);
    pfree(text);
    return false;
}

static bool
add_table(JobRequest *out, json_t *item, const char *field, AdminInputError *err)
{
    const char *name;

    if (!json_is_string(item))
        return field_error(err, field, "table names must be strings");
    name = json_string_value(item);
    if (out->ntables >= JOB_MAX_TABLES)
    {
        char        msg[96];

        snprintf(msg, sizeof(msg), "too many tables: at most %d per job", JOB_MAX_TABLES);
        return field_error(err, field, msg);
    }
    if (strlen(name) != json_string_length(item) || !AdminValidateTableName(name))
    {
        json_t     *details = json_pack("{s:s, s:s}", "field", field, "table", name);
        char       *text = json_dumps(details, JSON_COMPACT);

        json_decref(details);
        AdminSetInputError(err, 400, ADMIN_ERR_INVALID_INPUT, text,
                           "invalid table name \"%s\": expected name or schema.name", name);
        pfree(text);
        return false;
    }
    snprintf(out->tables[out->ntables++], JOB_TABLE_NAME_LEN, "%s", name);
    return true;
}

static bool
parse_options(json_t *options, JobRequest *out, char **database_name, AdminInputError *err)
{
    const char *key;
    json_t     *value;

    if (!json_is_object(options))
        return field_error(err, "options", "options must be a JSON object");
    json_object_foreach(options, key, value)
    {
        bool        known = false;

        for (size_t i = 0; i < lengthof(option_names); i++)
            if (strcmp(key, option_names[i]) == 0)
            {
                known = true;
                if (!json_is_boolean(value))
                {
                    char        field[48];

                    snprintf(field, sizeof(field), "options.%s", key);
                    return field_error(err, field, "maintenance options must be true or false");
                }
                if (json_is_true(value))
                    out->options |= option_bits[i];
            }
        if (strcmp(key, "database") == 0)
        {
            const char *db;

            known = true;
            if (json_is_null(value))
                continue;
            if (!json_is_string(value) || (db = json_string_value(value))[0] == '\0' ||
                strlen(db) >= NAMEDATALEN || strlen(db) != json_string_length(value))
                return field_error(err, "options.database", "options.database must be a database name");
            *database_name = pstrdup(db);
        }
        if (!known)
        {
            char        field[96];
            char        msg[200];

            snprintf(field, sizeof(field), "options.%.80s", key);
            snprintf(msg, sizeof(msg), "unknown maintenance option \"%.80s\"; known: full, verbose, analyze, concurrently, database", key);
            return field_error(err, field, msg);
        }
    }
    return true;
}

bool
AdminParseMaintenanceRequest(const char *body, size_t len, JobRequest *out,
                             char **database_name, AdminInputError *err)
{
    json_t     *root = AdminParseJsonObject(body, len, err);
    json_t     *op;
    json_t     *tables;
    json_t     *target;
    json_t     *options;
    bool        ok = false;

    memset(out, 0, sizeof(*out));
    *database_name = NULL;
    if (root == NULL)
        return false;
    out->origin = JOB_ORIGIN_API;
    out->database_id = InvalidOid;
    op = json_object_get(root, "operation");
    if (!json_is_string(op) || !JobOperationFromName(json_string_value(op), &out->operation))
    {
        invalid_operation(err, op);
        goto done;
    }
    tables = json_object_get(root, "tables");
    target = json_object_get(root, "target");
    if (tables != NULL && !json_is_null(tables))
    {
        size_t      i;
        json_t     *item;

        if (!json_is_array(tables))
        {
            field_error(err, "tables", "tables must be an array of table names");
            goto done;
        }
        json_array_foreach(tables, i, item)
            if (!add_table(out, item, "tables", err))
                goto done;
    }
    if (target != NULL && !json_is_null(target))
    {
        if (out->ntables > 0)
        {
            field_error(err, "target", "give either tables or target, not both");
            goto done;
        }
        if (!add_table(out, target, "target", err))
            goto done;
    }
    options = json_object_get(root, "options");
    if (options != NULL && !json_is_null(options) && !parse_options(options, out, database_name, err))
        goto done;

    /* Combinations PostgreSQL would refuse too. */
    if (out->operation == JOB_OP_CHECKPOINT && (out->ntables > 0 || out->options != 0 || *database_name))
    {
        field_error(err, out->ntables > 0 ? "tables" : "options",
                    "checkpoint takes no tables and no options");
        goto done;
    }
    if ((out->options & (JOB_OPT_FULL | JOB_OPT_ANALYZE)) && out->operation != JOB_OP_VACUUM)
    {
        field_error(err, "options", "options full and analyze apply only to vacuum");
        goto done;
    }
    if ((out->options & JOB_OPT_CONCURRENTLY) && out->operation != JOB_OP_REINDEX)
    {
        field_error(err, "options.concurrently", "option concurrently applies only to reindex");
        goto done;
    }
    if (*database_name != NULL)
        snprintf(out->database_name, NAMEDATALEN, "%s", *database_name);
    ok = true;
done:
    json_decref(root);
    return ok;
}

/* job_json -- the job as a jansson object (caller owns the reference). */
static json_t *
job_json(const JobSnapshot *job)
{
    json_t     *obj = json_object();
    json_t     *tables = json_array();
    json_t     *options = json_object();
    json_t     *progress = json_object();
    char        location[96];

    for (int i = 0; i < job->request.ntables; i++)
        json_array_append_new(tables, json_string(job->request.tables[i]));
    for (size_t i = 0; i < lengthof(option_names); i++)
        json_object_set_new(options, option_names[i], json_boolean(job->request.options & option_bits[i]));
    json_object_set_new(options, "database",
                        job->request.database_name[0] ? json_string(job->request.database_name) : json_null());
    json_object_set_new(progress, "phase", json_string(job->progress.phase));
    json_object_set_new(progress, "tables_done", json_integer(job->progress.tables_done));
    json_object_set_new(progress, "tables_total", json_integer(job->progress.tables_total));
    json_object_set_new(progress, "pages_scanned", json_integer((json_int_t) job->progress.pages_scanned));
    json_object_set_new(progress, "pages_total", json_integer((json_int_t) job->progress.pages_total));
    json_object_set_new(progress, "indexes_done", json_integer(job->progress.indexes_done));
    json_object_set_new(progress, "indexes_total", json_integer(job->progress.indexes_total));
    snprintf(location, sizeof(location), MAINTENANCE_PATH "/%" PRIu64, job->id);

    json_object_set_new(obj, "job_id", json_integer((json_int_t) job->id));
    json_object_set_new(obj, "operation", json_string(JobOperationName(job->request.operation)));
    json_object_set_new(obj, "tables", tables);
    json_object_set_new(obj, "options", options);
    json_object_set_new(obj, "origin", json_string(JobOriginName(job->request.origin)));
    json_object_set_new(obj, "status", json_string(JobStatusName(job->status)));
    json_object_set_new(obj, "progress", progress);
    json_object_set_new(obj, "submitted_at", AdminJsonTimestamp(job->submitted_at_us));
    json_object_set_new(obj, "started_at", AdminJsonTimestamp(job->started_at_us));
    json_object_set_new(obj, "finished_at", AdminJsonTimestamp(job->finished_at_us));
    json_object_set_new(obj, "cancel_requested", json_boolean(job->cancel_requested));
    json_object_set_new(obj, "worker_pid", job->worker_pid ? json_integer(job->worker_pid) : json_null());
    json_object_set_new(obj, "error", job->error[0] ? json_string(job->error) : json_null());
    if (JobStatusIsFinal(job->status) && job->status != JOB_STATUS_CANCELLED)
    {
        json_t     *result = json_object();
        json_t     *rows = json_array();
        uint64      dead = 0,
                    freed = 0,
                    sampled = 0,
                    scanned = 0;
        uint64      rebuilt = 0;

        for (int i = 0; i < job->result.ntables; i++)
        {
            const JobTableResult *r = &job->result.tables[i];

            json_array_append_new(rows, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
                                                  "table", r->table_name,
                                                  "dead_tuples_removed", (json_int_t) r->dead_tuples_removed,
                                                  "pages_scanned", (json_int_t) r->pages_scanned,
                                                  "pages_freed", (json_int_t) r->pages_freed,
                                                  "rows_sampled", (json_int_t) r->rows_sampled,
                                                  "indexes_rebuilt", (json_int_t) r->indexes_rebuilt,
                                                  "duration_ms", (json_int_t) r->duration_ms));
            dead += r->dead_tuples_removed;
            freed += r->pages_freed;
            sampled += r->rows_sampled;
            scanned += r->pages_scanned;
            rebuilt += r->indexes_rebuilt;
        }
        json_object_set_new(result, "tables", rows);
        json_object_set_new(result, "dead_tuples_removed", json_integer((json_int_t) dead));
        json_object_set_new(result, "pages_scanned", json_integer((json_int_t) scanned));
        json_object_set_new(result, "pages_freed", json_integer((json_int_t) freed));
        json_object_set_new(result, "rows_sampled", json_integer((json_int_t) sampled));
        json_object_set_new(result, "indexes_rebuilt", json_integer((json_int_t) rebuilt));
        json_object_set_new(obj, "result", result);
    }
    else
        json_object_set_new(obj, "result", json_null());
    json_object_set_new(obj, "location", json_string(location));
    return obj;
}

char *
AdminJobToJson(const JobSnapshot *job)
{
    json_t     *obj;
    char       *text;

    AdminJsonInit();
    obj = job_json(job);
    text = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    if (text == NULL)
        elog(ERROR, "could not serialise maintenance job %" PRIu64, job->id);
    return text;
}

/*
 * executor_note -- for a queued job that nothing can run yet, the truth in
 * words (the job stays queued until an executor for its operation exists).
 */
static void
add_executor_note(json_t *obj, const JobSnapshot *job)
{
    if (job->status == JOB_STATUS_QUEUED &&
        !(JobQueueExecutorMask() & JOB_OP_BIT(job->request.operation)))
        json_object_set_new(obj, "warning",
                            json_sprintf("no server process executes %s jobs in this build; "
                                         "the job stays queued until one does (cancel it with DELETE)",
                                         JobOperationName(job->request.operation)));
}

/* What resolve_tables() needs and finds, inside the catalog transaction. */
typedef struct TableLookup
{
    JobRequest *jr;
    char        schema[JOB_MAX_TABLES][NAMEDATALEN];
    char        relname[JOB_MAX_TABLES][NAMEDATALEN];
    int         missing;        /* index of the first unknown table, -1 if none */
    int         not_table;      /* index of the first non-table relation, -1 if none */
} TableLookup;

static void
resolve_tables(void *arg)
{
    TableLookup *lk = arg;

    for (int i = 0; i < lk->jr->ntables; i++)
    {
        char        relkind;
        Oid         relid = AdminResolveTable(lk->schema[i], lk->relname[i], &relkind);

        if (!OidIsValid(relid))
        {
            lk->missing = i;
            return;
        }
        if (relkind != RELKIND_RELATION && relkind != RELKIND_MATVIEW &&
            relkind != RELKIND_PARTITIONED_TABLE && lk->not_table < 0)
            lk->not_table = i;
    }
}

/*
 * resolve_request -- look the database and the tables of jr up; answer
 * 404 / 400 and return false if one does not exist or is not a table.  On
 * success jr names the database by OID and name and every table in the
 * executor's form: "name" or "schema.name", unquoted, case as stored.
 */
static bool
resolve_request(AdminRequest *req, AdminResponse *resp, JobRequest *jr, const char *dbname)
{
    TableLookup *lk;
    Oid         dbid;
    const char *db = dbname ? dbname : ADMIN_DEFAULT_DATABASE;
    json_t     *details;
    char       *text;

    if (jr->operation == JOB_OP_CHECKPOINT)
        return true;            /* instance-wide: nothing to look up */
    lk = palloc0(sizeof(TableLookup));
    lk->jr = jr;
    lk->missing = -1;
    lk->not_table = -1;
    for (int i = 0; i < jr->ntables; i++)
    {
        if (!AdminSplitTableName(jr->tables[i], lk->schema[i], lk->relname[i]) ||
            strchr(lk->schema[i], '.') != NULL || strchr(lk->relname[i], '.') != NULL)
        {
            /* The executor splits "schema.name" at the dot: it cannot address such a name. */
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                                  "table name \"%s\" is not supported: quoted names containing \".\" "
                                  "cannot be maintained through the API", jr->tables[i]);
            return false;
        }
    }
    if (!AdminCatalogRead(db, resolve_tables, lk, &dbid))
    {
        details = json_pack("{s:s}", "database", db);
        text = json_dumps(details, JSON_COMPACT);
        json_decref(details);
        AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, text,
                              "database \"%s\" does not exist", db);
        return false;
    }
    if (lk->missing >= 0 || lk->not_table >= 0)
    {
        int         i = lk->missing >= 0 ? lk->missing : lk->not_table;

        details = json_pack("{s:s, s:s}", "table", jr->tables[i], "database", db);
        text = json_dumps(details, JSON_COMPACT);
        json_decref(details);
        if (lk->missing >= 0)
            AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, text,
                                  "relation \"%s\" does not exist in database \"%s\"", jr->tables[i], db);
        else
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, text,
                                  "\"%s\" is not a table", jr->tables[i]);
        return false;
    }
    jr->database_id = dbid;
    snprintf(jr->database_name, NAMEDATALEN, "%s", db);
    for (int i = 0; i < jr->ntables; i++)
    {
        if (lk->schema[i][0] != '\0')
            snprintf(jr->tables[i], JOB_TABLE_NAME_LEN, "%s.%s", lk->schema[i], lk->relname[i]);
        else
            snprintf(jr->tables[i], JOB_TABLE_NAME_LEN, "%s", lk->relname[i]);
    }
    return true;
}

void
AdminHandleMaintenanceSubmit(AdminRequest *req, AdminResponse *resp, char **params)
{
    AdminInputError err;
    JobRequest  jr;
    char       *dbname;
    JobId       id;
    JobSnapshot *job;
    json_t     *obj;
    const char *ct = AdminRequestHeader(req, "Content-Type");

    (void) params;
    /* Content type first: a form-encoded body is 415, not a JSON error. */
    if (req->body.len > 0 || ct != NULL)
    {
        json_t     *probe = AdminReadJsonBody(req, &err);

        if (probe == NULL)
        {
            AdminRespondInputError(resp, req, &err);
            return;
        }
        json_decref(probe);
    }
    if (!AdminParseMaintenanceRequest(req->body.data, (size_t) req->body.len, &jr, &dbname, &err))
    {
        AdminRespondInputError(resp, req, &err);
        return;
    }
    if (!resolve_request(req, resp, &jr, dbname))
        return;
    id = JobSubmit(&jr);
    if (id == InvalidJobId)
    {
        AdminResponseSetError(resp, req, 409, ADMIN_ERR_CONFLICT, NULL,
                              "the maintenance job table is full: all %d slots hold queued or running jobs",
                              JobQueueSlots);
        return;
    }
    job = palloc(sizeof(JobSnapshot));
    if (!JobGet(id, job))
        elog(ERROR, "maintenance job %" PRIu64 " vanished right after it was queued", id);
    obj = job_json(job);
    add_executor_note(obj, job);
    AdminResponseAddHeader(resp, "Location", json_string_value(json_object_get(obj, "location")));
    AdminRespondJson(resp, 202, obj);
    ereport(LOG, errmsg("admin API queued maintenance job %" PRIu64 " (%s) for %s", id,
                        JobOperationName(jr.operation), req->client_addr[0] ? req->client_addr : "client"));
}

/* parse_job_id -- the {id} segment as a job id; 400 on garbage. */
static bool
parse_job_id(AdminRequest *req, AdminResponse *resp, const char *text, JobId *id)
{
    char       *end;
    unsigned long long v;

    errno = 0;
    v = (text[0] >= '0' && text[0] <= '9') ? strtoull(text, &end, 10) : 0;
    if (v == 0 || errno != 0 || *end != '\0')
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                              "invalid maintenance job id \"%s\": expected a positive integer", text);
        return false;
    }
    *id = (JobId) v;
    return true;
}

static void
job_not_found(AdminRequest *req, AdminResponse *resp, JobId id)
{
    AdminResponseSetError(resp, req, 404, ADMIN_ERR_NOT_FOUND, NULL,
                          "maintenance job %" PRIu64 " does not exist (or is older than the %d jobs kept)",
                          id, JobQueueSlots);
}

void
AdminHandleMaintenanceGet(AdminRequest *req, AdminResponse *resp, char **params)
{
    JobId       id;
    JobSnapshot *job = palloc(sizeof(JobSnapshot));
    json_t     *obj;

    if (!parse_job_id(req, resp, params[0], &id))
        return;
    if (!JobGet(id, job))
    {
        job_not_found(req, resp, id);
        return;
    }
    obj = job_json(job);
    add_executor_note(obj, job);
    AdminRespondJson(resp, 200, obj);
}

void
AdminHandleMaintenanceCancel(AdminRequest *req, AdminResponse *resp, char **params)
{
    JobId       id;
    JobSnapshot *job = palloc(sizeof(JobSnapshot));

    if (!parse_job_id(req, resp, params[0], &id))
        return;
    switch (JobCancel(id))
    {
        case JOB_CANCEL_NOT_FOUND:
            job_not_found(req, resp, id);
            return;
        case JOB_CANCEL_ALREADY_FINISHED:
            if (!JobGet(id, job))
            {
                job_not_found(req, resp, id);
                return;
            }
            AdminResponseSetError(resp, req, 409, ADMIN_ERR_CONFLICT, NULL,
                                  "maintenance job %" PRIu64 " already finished (%s)", id,
                                  JobStatusName(job->status));
            return;
        case JOB_CANCEL_DONE:
        case JOB_CANCEL_REQUESTED:
            break;
    }
    if (!JobGet(id, job))
    {
        job_not_found(req, resp, id);
        return;
    }
    /* 200: cancelled now; 202: the running worker was asked to stop. */
    AdminRespondJson(resp, job->status == JOB_STATUS_CANCELLED ? 200 : 202, job_json(job));
}

void
AdminHandleMaintenanceList(AdminRequest *req, AdminResponse *resp, char **params)
{
    char       *limit_text = AdminRequestQueryParam(req, "limit");
    char       *status_text = AdminRequestQueryParam(req, "status");
    char       *op_text = AdminRequestQueryParam(req, "operation");
    int         limit = JOB_LIST_DEFAULT_LIMIT;
    JobStatus   status_filter = JOB_STATUS_COUNT;
    JobOperation op_filter = JOB_OP_COUNT;
    JobSnapshot *jobs;
    int         n;
    int         counts[JOB_STATUS_COUNT];
    json_t     *list = json_array();
    json_t     *count_obj = json_object();
    json_t     *obj;

    (void) params;
    if (limit_text != NULL)
    {
        char       *end;
        long        v = strtol(limit_text, &end, 10);

        if (limit_text[0] == '\0' || *end != '\0' || v < 1 || v > 10000)
        {
            AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                                  "limit must be an integer between 1 and 10000");
            return;
        }
        limit = (int) v;
    }
    if (status_text != NULL && !JobStatusFromName(status_text, &status_filter))
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL,
                              "unknown job status \"%s\"", status_text);
        return;
    }
    if (op_text != NULL && !JobOperationFromName(op_text, &op_filter))
    {
        AdminResponseSetError(resp, req, 400, ADMIN_ERR_INVALID_INPUT, NULL, "Invalid maintenance operation");
        return;
    }
    /* Fetch the whole table (it is small) and filter here. */
    jobs = palloc(sizeof(JobSnapshot) * (Size) Max(JobQueueSlots, 1));
    n = JobList(jobs, Max(JobQueueSlots, 1));
    for (int i = 0; i < n && (int) json_array_size(list) < limit; i++)
    {
        if (status_filter != JOB_STATUS_COUNT && jobs[i].status != status_filter)
            continue;
        if (op_filter != JOB_OP_COUNT && jobs[i].request.operation != op_filter)
            continue;
        json_array_append_new(list, job_json(&jobs[i]));
    }
    JobCount(counts);
    for (int s = 0; s < JOB_STATUS_COUNT; s++)
        json_object_set_new(count_obj, JobStatusName((JobStatus) s), json_integer(counts[s]));
    obj = json_pack("{s:o, s:I, s:o, s:i}", "jobs", list, "count", (json_int_t) json_array_size(list),
                    "counts_by_status", count_obj, "capacity", JobQueueSlots);
    pfree(jobs);
    AdminRespondJson(resp, 200, obj);
}
