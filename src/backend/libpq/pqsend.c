/*
 * pqsend.c
 *     Backend messages that are not query results: ErrorResponse and
 *     NoticeResponse (the error reporter's client hook), ParameterStatus,
 *     ReadyForQuery, BackendKeyData.
 * Entry points: SendErrorToClient(), SendParameterStatus(),
 * SendReadyForQuery(), SendBackendKeyData().
 */
#include "rustydb.h"

#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "utils/elog.h"
#include "utils/palloc.h"

/*
 * SendErrorToClient -- fields S, V, C, M, D, H, P, W, F, L, R as
 * PostgreSQL sends them.  Built in ErrorContext (reserved for reporting)
 * and flushed at once, so the client learns what happened even if the
 * process dies right after.
 */
void
SendErrorToClient(const ErrorData *edata)
{
    MemoryContext old = MemoryContextSwitchTo(ErrorContext);
    StringInfoData msg;
    char        code[6];
    const char *severity = ErrorLevelName(edata->elevel);

    pq_beginmessage(&msg, edata->elevel >= ERROR ? PQ_MSG_ERROR_RESPONSE : PQ_MSG_NOTICE_RESPONSE);
    pq_sendbyte(&msg, PQ_DIAG_SEVERITY);
    pq_sendstring(&msg, severity);
    pq_sendbyte(&msg, PQ_DIAG_SEVERITY_NONLOCALIZED);
    pq_sendstring(&msg, severity);
    SqlstateToString(edata->sqlerrcode, code);
    pq_sendbyte(&msg, PQ_DIAG_SQLSTATE);
    pq_sendstring(&msg, code);
    pq_sendbyte(&msg, PQ_DIAG_MESSAGE_PRIMARY);
    pq_sendstring(&msg, edata->message ? edata->message : "missing error text");
    if (edata->detail)
    {
        pq_sendbyte(&msg, PQ_DIAG_MESSAGE_DETAIL);
        pq_sendstring(&msg, edata->detail);
    }
    if (edata->hint)
    {
        pq_sendbyte(&msg, PQ_DIAG_MESSAGE_HINT);
        pq_sendstring(&msg, edata->hint);
    }
    if (edata->cursorpos > 0)
    {
        char        pos[16];

        snprintf(pos, sizeof(pos), "%d", edata->cursorpos);
        pq_sendbyte(&msg, PQ_DIAG_STATEMENT_POSITION);
        pq_sendstring(&msg, pos);
    }
    if (edata->context)
    {
        pq_sendbyte(&msg, PQ_DIAG_CONTEXT);
        pq_sendstring(&msg, edata->context);
    }
    if (edata->filename)
    {
        const char *slash = strrchr(edata->filename, '/');
        char        line[16];

        pq_sendbyte(&msg, PQ_DIAG_SOURCE_FILE);
        pq_sendstring(&msg, slash ? slash + 1 : edata->filename);
        snprintf(line, sizeof(line), "%d", edata->lineno);
        pq_sendbyte(&msg, PQ_DIAG_SOURCE_LINE);
        pq_sendstring(&msg, line);
    }
    if (edata->funcname)
    {
        pq_sendbyte(&msg, PQ_DIAG_SOURCE_FUNCTION);
        pq_sendstring(&msg, edata->funcname);
    }
    pq_sendbyte(&msg, '\0');
    pq_endmessage(&msg);
    (void) pq_flush();
    MemoryContextSwitchTo(old);
}

void
SendParameterStatus(const char *name, const char *value)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_PARAMETER_STATUS);
    pq_sendstring(&msg, name);
    pq_sendstring(&msg, value);
    pq_endmessage(&msg);
}

void
SendReadyForQuery(char xact_status)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_READY_FOR_QUERY);
    pq_sendbyte(&msg, (uint8) xact_status);
    pq_endmessage(&msg);
    (void) pq_flush();
}

void
SendBackendKeyData(int32 pid, int32 key)
{
    StringInfoData msg;

    pq_beginmessage(&msg, PQ_MSG_BACKEND_KEY_DATA);
    pq_sendint32(&msg, (uint32) pid);
    pq_sendint32(&msg, (uint32) key);
    pq_endmessage(&msg);
}
