/*
 * extended.c
 *     The extended query protocol's messages: Parse, Bind, Describe,
 *     Execute and Close (Sync and Flush are the main loop's).  Each
 *     handler reads its whole message, does the work through the prepared
 *     statement and portal layer (tcop/portal.h) and queues its reply.
 * Entry points: ExtendedParse(), ExtendedBind(), ExtendedDescribe(),
 * ExtendedExecute(), ExtendedClose() (tcop_int.h).
 * Transactions and error recovery (skip to Sync): see README.md in this
 * directory ("Extended query protocol").
 */
#include "rustydb.h"

#include <string.h>

#include "access/xact.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "parser/parser.h"
#include "tcop/dest.h"
#include "tcop/portal.h"
#include "tcop/pquery.h"
#include "tcop_int.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"

/* Longest parameter value quoted in an error's context line. */
#define PARAM_CONTEXT_MAX_CHARS 64

static void
send_empty_message(char msgtype)
{
    (void) pq_putmessage(msgtype, NULL, 0);
}

static void
reject_in_failed_block(void)
{
    ereport(ERROR, errcode(ERRCODE_IN_FAILED_SQL_TRANSACTION),
            errmsg("current transaction is aborted, commands ignored until end of transaction block"));
}

/* Read an int16 count that must not be negative. */
static int
get_count16(StringInfo msg)
{
    int         n = (int16) pq_getmsgint(msg, 2);

    if (n < 0)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid message format"));
    return n;
}

/* ---------- Parse ---------- */

/*
 * ExtendedParse -- Parse: statement name, query text, parameter type OIDs
 * (0 = infer).  The unnamed statement is replaced; a named one must not
 * exist (42P05).  In a failed block only COMMIT/ROLLBACK may be parsed.
 */
void
ExtendedParse(StringInfo msg)
{
    const char *name = pq_getmsgstring(msg);
    const char *text = pq_getmsgstring(msg);
    int         nparams = get_count16(msg);
    Oid        *types = palloc(sizeof(Oid) * Max(nparams, 1));
    char       *query;

    for (int i = 0; i < nparams; i++)
        types[i] = (Oid) pq_getmsgint(msg, 4);
    pq_getmsgend(msg);
    query = pstrdup(text);
    pq_verify_utf8(query, (int) strlen(query));
    name = pstrdup(name);
    DebugQueryString = query;

    TcopStartXactCommand();
    if (IsAbortedTransactionBlockState())
    {
        List       *raws = RawParser(query);

        if (list_length(raws) != 1 ||
            !TcopIsTransactionExitStmt(((RawStmt *) linitial(raws))->stmt))
            reject_in_failed_block();
    }
    (void) PreparedStatementCreate(name, query, types, nparams, false);
    send_empty_message(PQ_MSG_PARSE_COMPLETE);
}

/* ---------- Bind ---------- */

/*
 * rethrow_with_parameter_context -- add "unnamed portal parameter $n =
 * '...'" to the error being handled, as PostgreSQL does, and re-raise.
 */
static RDB_NORETURN void
rethrow_with_parameter_context(const char *portal_name, int paramno, const char *text)
{
    ErrorData  *edata;
    StringInfoData ctx;

    MemoryContextSwitchTo(MessageContext);
    edata = CopyErrorData();
    FlushErrorState();
    initStringInfo(&ctx);
    if (edata->context)
        appendStringInfo(&ctx, "%s\n", edata->context);
    if (portal_name[0] == '\0')
        appendStringInfo(&ctx, "unnamed portal parameter $%d", paramno);
    else
        appendStringInfo(&ctx, "portal \"%s\" parameter $%d", portal_name, paramno);
    if (text != NULL)
    {
        int         len = (int) strlen(text);

        if (len > PARAM_CONTEXT_MAX_CHARS)
        {
            /* Cut at a character boundary. */
            len = PARAM_CONTEXT_MAX_CHARS;
            while (len > 0 && ((unsigned char) text[len] & 0xC0) == 0x80)
                len--;
            appendStringInfo(&ctx, " = '%.*s...'", len, text);
        }
        else
            appendStringInfo(&ctx, " = '%s'", text);
    }
    edata->context = ctx.data;
    ReThrowError(edata);
}

/*
 * bind_parameter -- convert one parameter's wire value (len bytes at
 * bytes; the caller handled NULL) of the given format to a Datum of type
 * ptype, in the current memory context.
 */
static Datum
bind_parameter(const char *portal_name, int paramno, Oid ptype, int16 format,
               const char *bytes, int len)
{
    /* A NUL-terminated private copy: input functions want C strings, recv functions a buffer. */
    char       *copy = palloc(len + 1);
    volatile Datum value = (Datum) 0;

    memcpy(copy, bytes, len);
    copy[len] = '\0';
    if (format == DEST_FORMAT_TEXT)
    {
        pq_verify_utf8(copy, len);
        RDB_TRY();
        {
            value = InputFunctionCall(ptype, copy, -1);
        }
        RDB_CATCH();
        {
            rethrow_with_parameter_context(portal_name, paramno, copy);
        }
        RDB_END_TRY();
    }
    else if (format == DEST_FORMAT_BINARY)
    {
        StringInfoData buf;

        buf.data = copy;
        buf.len = len;
        buf.maxlen = len + 1;
        buf.cursor = 0;
        RDB_TRY();
        {
            value = ReceiveFunctionCall(ptype, &buf, -1);
        }
        RDB_CATCH();
        {
            ErrorData  *edata;

            MemoryContextSwitchTo(MessageContext);
            edata = CopyErrorData();
            /* The catch-all "incorrect binary data format" names the parameter, as PostgreSQL. */
            if (edata->sqlerrcode == ERRCODE_INVALID_BINARY_REPRESENTATION)
            {
                FlushErrorState();
                ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                        errmsg("incorrect binary data format in bind parameter %d", paramno));
            }
            rethrow_with_parameter_context(portal_name, paramno, NULL);
        }
        RDB_END_TRY();
    }
    else
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("unsupported format code: %d", format));
    return value;
}

/*
 * ExtendedBind -- Bind: portal name, statement name, parameter format
 * codes (none = all text, one = for all, else one per parameter), the
 * values (length -1 = NULL), result format codes.  Creates the portal
 * (replacing the unnamed one) with the statement's current plan.
 */
void
ExtendedBind(StringInfo msg)
{
    const char *portal_name = pstrdup(pq_getmsgstring(msg));
    const char *stmt_name = pstrdup(pq_getmsgstring(msg));
    int         nformats = get_count16(msg);
    int16      *formats = palloc(sizeof(int16) * Max(nformats, 1));
    int         nparams;
    int         nresult_formats;
    int16      *result_formats;
    PreparedStatement *ps;
    ParamListInfo params = NULL;

    for (int i = 0; i < nformats; i++)
        formats[i] = (int16) pq_getmsgint(msg, 2);
    nparams = get_count16(msg);

    TcopStartXactCommand();
    ps = PreparedStatementFetch(stmt_name, false);
    DebugQueryString = ps->source_text;
    if (nformats > 1 && nformats != nparams)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("bind message has %d parameter formats but %d parameters",
                       nformats, nparams));
    if (nparams != ps->num_params)
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("bind message supplies %d parameters, but prepared statement \"%s\" requires %d",
                       nparams, ps->name, ps->num_params));
    if (IsAbortedTransactionBlockState() &&
        (ps->cq->raw == NULL || !TcopIsTransactionExitStmt(ps->cq->raw->stmt)))
        reject_in_failed_block();

    if (nparams > 0)
    {
        params = palloc(offsetof(ParamListInfoData, params) + sizeof(ParamExternData) * nparams);
        params->numParams = nparams;
        for (int i = 0; i < nparams; i++)
        {
            int32       len = (int32) pq_getmsgint(msg, 4);
            ParamExternData *prm = &params->params[i];

            prm->ptype = ps->param_types[i];
            prm->isnull = (len == -1);
            prm->value = (Datum) 0;
            if (len < -1)
                ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                        errmsg("invalid message format"));
            if (len >= 0)
            {
                const char *bytes = pq_getmsgbytes(msg, len);
                int16       format = nformats == 0 ? DEST_FORMAT_TEXT
                    : formats[nformats == 1 ? 0 : i];

                prm->value = bind_parameter(portal_name, i + 1, prm->ptype, format, bytes, len);
            }
        }
    }
    nresult_formats = get_count16(msg);
    result_formats = palloc(sizeof(int16) * Max(nresult_formats, 1));
    for (int i = 0; i < nresult_formats; i++)
        result_formats[i] = (int16) pq_getmsgint(msg, 2);
    pq_getmsgend(msg);

    (void) PortalCreate(portal_name, ps, params, result_formats, nresult_formats);
    send_empty_message(PQ_MSG_BIND_COMPLETE);
}

/* ---------- Describe ---------- */

static void
send_parameter_description(const PreparedStatement *ps)
{
    StringInfoData buf;

    pq_beginmessage(&buf, PQ_MSG_PARAMETER_DESCRIPTION);
    pq_sendint16(&buf, (uint16) ps->num_params);
    for (int i = 0; i < ps->num_params; i++)
        pq_sendint32(&buf, ps->param_types[i]);
    pq_endmessage(&buf);
}

/*
 * ExtendedDescribe -- 'S': ParameterDescription, then RowDescription (text
 * formats: the statement has none bound yet) or NoData; 'P': the portal's
 * RowDescription with its result formats, or NoData.  A row layout cannot
 * be described in a failed block (25P02, as PostgreSQL).
 */
void
ExtendedDescribe(StringInfo msg)
{
    int         kind = pq_getmsgbyte(msg);
    const char *name = pstrdup(pq_getmsgstring(msg));
    TupleDesc   desc;

    pq_getmsgend(msg);
    TcopStartXactCommand();
    if (kind == 'S')
    {
        PreparedStatement *ps = PreparedStatementFetch(name, false);

        if (IsAbortedTransactionBlockState())
        {
            if (ps->cq->result_desc != NULL)
                reject_in_failed_block();
        }
        else
            PreparedStatementRevalidate(ps);
        desc = ps->cq->result_desc;
        send_parameter_description(ps);
        if (desc)
            SendRowDescription(desc, NULL, 0);
        else
            send_empty_message(PQ_MSG_NO_DATA);
    }
    else if (kind == 'P')
    {
        Portal      portal = PortalFetch(name, false);
        const int16 *formats;
        int         nformats;

        desc = PortalGetResultDesc(portal);
        if (desc && IsAbortedTransactionBlockState())
            reject_in_failed_block();
        PortalGetFormats(portal, &formats, &nformats);
        if (desc)
            SendRowDescription(desc, formats, nformats);
        else
            send_empty_message(PQ_MSG_NO_DATA);
    }
    else
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid DESCRIBE message subtype %d", kind));
}

/* ---------- Execute ---------- */

/* "execute <unnamed>" / "execute s1/p1", PostgreSQL's log line prefix. */
/* "execute <statement>[/<portal>]", as log lines name an Execute. */
static char *
execute_label(const char *stmt, const char *portal)
{
    return psprintf("execute %s%s%s", stmt[0] ? stmt : "<unnamed>", portal[0] ? "/" : "",
                    portal);
}

/*
 * ExtendedExecute -- Execute: portal name and row limit (0 = no limit).
 * Sends the rows (no RowDescription: Describe does that), then
 * CommandComplete, or PortalSuspended when the limit stopped it, or
 * EmptyQueryResponse for an empty query.  BEGIN/COMMIT/ROLLBACK and
 * statements that run outside a transaction block end the transaction
 * command at once (later messages of the batch start a new one).
 */
void
ExtendedExecute(StringInfo msg)
{
    const char *name = pstrdup(pq_getmsgstring(msg));
    int32       max_rows = (int32) pq_getmsgint(msg, 4);
    Portal      portal;
    Node       *stmt;
    QueryCompletion qc;
    const char *stmt_name;
    const char *source;
    int64       start_us = TcopNowMicros();
    int64       elapsed_us;

    pq_getmsgend(msg);
    portal = PortalFetch(name, false);
    stmt = PortalGetRawStatement(portal);
    if (stmt == NULL)
    {
        send_empty_message(PQ_MSG_EMPTY_QUERY_RESPONSE);
        return;
    }
    /* Copies: a transaction statement may end the transaction, and the portal with it. */
    source = pstrdup(PortalGetSourceText(portal));
    stmt_name = pstrdup(PortalGetStatementName(portal));
    DebugQueryString = source;
    if (LogStatement == GUC_LOGSTMT_ALL)
        ereport(LOG, errmsg("%s: %s", execute_label(stmt_name, name), source), errhidestmt(true));

    TcopStartXactCommand();
    if (IsAbortedTransactionBlockState() && !TcopIsTransactionExitStmt(stmt))
        reject_in_failed_block();
    memset(&qc, 0, sizeof(qc));
    if (max_rows < 0)
        max_rows = 0;           /* PostgreSQL reads a negative limit as "no limit" too */

    if (IsA(stmt, TransactionStmt))
    {
        TransactionStmt *ts = (TransactionStmt *) stmt;

        TcopExecTransactionStmt(ts, &qc);
        TcopFinishXactCommand(ts->kind == TRANS_STMT_ROLLBACK);
        TcopSendCommandComplete(qc.tag);
    }
    else
    {
        DestReceiver *dest = CreateDestReceiver(DestRemoteExecute);
        const int16 *formats;
        int         nformats;
        RawStmt     raw_copy;
        bool        own_transaction;

        /* Decided before running: the portal may be gone afterwards. */
        memset(&raw_copy, 0, sizeof(raw_copy));
        raw_copy.type = T_RawStmt;
        raw_copy.stmt = stmt;
        own_transaction = StatementNeedsNoTransactionBlock(&raw_copy);
        PortalGetFormats(portal, &formats, &nformats);
        SetRemoteDestReceiverFormats(dest, formats, nformats);
        if (PortalRun(portal, max_rows, dest, &qc))
            TcopSendCommandComplete(qc.tag);
        else
            send_empty_message(PQ_MSG_PORTAL_SUSPENDED);
        dest->destroy(dest);
        if (own_transaction)
            TcopFinishXactCommand(false);
    }
    elapsed_us = TcopDurationToLog(start_us);
    if (elapsed_us >= 0)
        TcopLogDurationLine(execute_label(stmt_name, name), source, elapsed_us);
    DebugQueryString = NULL;
}

/* ---------- Close ---------- */

/*
 * ExtendedClose -- 'S' drops a prepared statement, 'P' a portal; closing
 * one that does not exist is not an error.  CloseComplete either way.
 */
void
ExtendedClose(StringInfo msg)
{
    int         kind = pq_getmsgbyte(msg);
    const char *name = pstrdup(pq_getmsgstring(msg));

    pq_getmsgend(msg);
    if (kind == 'S')
        PreparedStatementDrop(name, true);
    else if (kind == 'P')
    {
        Portal      portal = PortalFetch(name, true);

        if (portal)
            PortalDrop(portal);
    }
    else
        ereport(ERROR, errcode(ERRCODE_PROTOCOL_VIOLATION),
                errmsg("invalid CLOSE message subtype %d", kind));
    send_empty_message(PQ_MSG_CLOSE_COMPLETE);
}
