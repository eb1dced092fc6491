/*
 * exec.c
 *     Send SQL to the server and show what comes back: tables, command tags,
 *     COPY data, notices and errors, with optional timing; cancel on Ctrl-C.
 * Entry points: CliRunQuery(), CliReportFailure(), CliNoticeProcessor(),
 * CliInstallCancelHandler(), CliSetJumpTarget().
 * The SIGINT handler calls PQcancel(), which libpq documents as safe to call
 * from a signal handler; this is the one place the client departs from
 * "handlers only set a flag", because a cancel must reach the server while
 * the main thread is blocked inside libpq.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"

#define CLI_MS_PER_SECOND 1000.0
#define CLI_SECONDS_PER_MINUTE 60
#define CLI_SECONDS_PER_HOUR 3600
#define CLI_SECONDS_PER_DAY 86400
#define CLI_COPY_BUFFER_SIZE 8192

volatile int CliCancelPressed = 0;

/* set while a query runs; read by the signal handler */
static PGcancel *volatile cancel_handle = NULL;

/* set while the interactive loop waits in readline(); see CliSetJumpTarget() */
static sigjmp_buf *volatile jump_target = NULL;

static void handle_sigint(int signo);
static void write_stderr(const char *text);
static void print_timing(double elapsed_ms);
static bool copy_in(CliSession *session);
static bool copy_out(CliSession *session);
static bool print_one_result(CliSession *session, PGresult *res, bool *after_copy_out);
static double now_ms(void);

/*
 * write_stderr -- async-signal-safe message output.  A failed write cannot
 * be reported anywhere from inside a signal handler, so its result is
 * deliberately dropped.
 */
static void
write_stderr(const char *text)
{
    ssize_t     rc = write(STDERR_FILENO, text, strlen(text));

    (void) rc;
}

/*
 * handle_sigint -- Ctrl-C: cancel the running query, or abandon the line
 * being edited, or (in a script, between queries) ask the loop to stop.
 */
static void
handle_sigint(int signo)
{
    int         save_errno = errno;
    PGcancel   *cancel = cancel_handle;

    (void) signo;
    CliCancelPressed = 1;
    if (cancel != NULL)
    {
        char        errbuf[256];
        static const char sent[] = "Cancel request sent\n";
        static const char failed[] = "Could not send cancel request: ";

        if (PQcancel(cancel, errbuf, sizeof(errbuf)))
            write_stderr(sent);
        else
        {
            write_stderr(failed);
            write_stderr(errbuf);
            write_stderr("\n");
        }
    }
    else if (jump_target != NULL)
    {
        sigjmp_buf *target = jump_target;

        jump_target = NULL;
        errno = save_errno;
        siglongjmp(*target, 1);
    }
    errno = save_errno;
}

/*
 * CliInstallCancelHandler -- route SIGINT to handle_sigint().  SA_RESTART is
 * left off so a blocking read of a script on stdin returns EINTR and the
 * loop can notice CliCancelPressed.
 */
void
CliInstallCancelHandler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handle_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/*
 * CliSetJumpTarget -- target (a sigjmp_buf *) receives a siglongjmp when
 * Ctrl-C arrives while no query runs; NULL disables.  Only the interactive
 * loop uses it, around readline(), as psql does.
 */
void
CliSetJumpTarget(void *target)
{
    jump_target = (sigjmp_buf *) target;
}

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * CLI_MS_PER_SECOND + ts.tv_nsec / 1e6;
}

/* print_timing -- "Time: 1.234 ms", with a clock-style suffix past a second. */
static void
print_timing(double elapsed_ms)
{
    double      seconds;
    int         days, hours, minutes;

    printf("Time: %.3f ms", elapsed_ms);
    if (elapsed_ms >= CLI_MS_PER_SECOND)
    {
        seconds = elapsed_ms / CLI_MS_PER_SECOND;
        days = (int) (seconds / CLI_SECONDS_PER_DAY);
        seconds -= (double) days * CLI_SECONDS_PER_DAY;
        hours = (int) (seconds / CLI_SECONDS_PER_HOUR);
        seconds -= (double) hours * CLI_SECONDS_PER_HOUR;
        minutes = (int) (seconds / CLI_SECONDS_PER_MINUTE);
        seconds -= (double) minutes * CLI_SECONDS_PER_MINUTE;
        if (days > 0)
            printf(" (%d d %02d:%02d:%06.3f)", days, hours, minutes, seconds);
        else if (hours > 0)
            printf(" (%02d:%02d:%06.3f)", hours, minutes, seconds);
        else
            printf(" (%02d:%06.3f)", minutes, seconds);
    }
    printf("\n");
}

/*
 * CliReportFailure -- print a server or libpq error message to stderr,
 * prefixed with "rusty-db-cli:FILE:LINE: " when running a -f script (psql's
 * convention).  message is libpq-formatted and ends with a newline.
 */
void
CliReportFailure(CliSession *session, const char *message)
{
    fflush(stdout);
    if (session->input_name != NULL)
        fprintf(stderr, "%s:%s:%d: ", CLI_PROGRAM_NAME, session->input_name,
                session->input_line);
    fputs(message, stderr);
    if (message[0] == '\0' || message[strlen(message) - 1] != '\n')
        fputc('\n', stderr);
    fflush(stderr);
}

/*
 * CliNoticeProcessor -- libpq notice hook: INFO/NOTICE/WARNING lines go to
 * stderr like errors do.  arg is the CliSession.
 */
void
CliNoticeProcessor(void *arg, const char *message)
{
    CliReportFailure((CliSession *) arg, message);
}

/*
 * copy_out -- stream COPY ... TO STDOUT data to stdout.  Returns false if
 * the copy failed (the error itself arrives as the next PGresult).
 */
static bool
copy_out(CliSession *session)
{
    char       *buf;
    int         n;

    while ((n = PQgetCopyData(session->conn, &buf, 0)) > 0)
    {
        if (fwrite(buf, 1, n, stdout) != (size_t) n)
        {
            PQfreemem(buf);
            return false;
        }
        PQfreemem(buf);
    }
    fflush(stdout);
    if (n == -2)
    {
        CliReportFailure(session, PQerrorMessage(session->conn));
        return false;
    }
    return true;
}

/*
 * copy_in -- feed COPY ... FROM STDIN from session->copy_source: lines up
 * to EOF or a line holding only "\.".  In a terminal, prompts like psql.
 */
static bool
copy_in(CliSession *session)
{
    FILE       *src = session->copy_source ? session->copy_source : stdin;
    char        line[CLI_COPY_BUFFER_SIZE];
    bool        at_line_start = true;
    const char *error = NULL;

    if (session->interactive && src == stdin)
        printf("Enter data to be copied followed by a newline.\n"
               "End with a backslash and a period on a line by itself, or an EOF signal.\n");
    for (;;)
    {
        if (session->interactive && src == stdin && at_line_start)
        {
            printf(">> ");
            fflush(stdout);
        }
        if (fgets(line, sizeof(line), src) == NULL)
        {
            if (ferror(src))
                error = CliCancelPressed ? "canceled by user" : "could not read COPY data";
            break;
        }
        if (src != stdin || session->input_name != NULL)
            session->input_line++;
        if (at_line_start && (strcmp(line, "\\.\n") == 0 || strcmp(line, "\\.") == 0 ||
                              strcmp(line, "\\.\r\n") == 0))
            break;
        at_line_start = line[strlen(line) - 1] == '\n';
        if (PQputCopyData(session->conn, line, (int) strlen(line)) != 1)
        {
            CliReportFailure(session, PQerrorMessage(session->conn));
            return false;
        }
    }
    if (PQputCopyEnd(session->conn, error) != 1)
    {
        CliReportFailure(session, PQerrorMessage(session->conn));
        return false;
    }
    return error == NULL;
}

/*
 * print_one_result -- show one PGresult.  Returns false for an error result.
 * *after_copy_out carries state between results: psql shows no "COPY n" tag
 * after COPY ... TO STDOUT (it would mix with the data), only after COPY FROM.
 */
static bool
print_one_result(CliSession *session, PGresult *res, bool *after_copy_out)
{
    bool        hide_tag = *after_copy_out;

    *after_copy_out = false;
    const char *tag;

    switch (PQresultStatus(res))
    {
        case PGRES_TUPLES_OK:
            CliPrintResult(stdout, res, NULL);
            /* psql also shows the tag of INSERT/UPDATE/DELETE ... RETURNING */
            tag = PQcmdStatus(res);
            if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
                strncmp(tag, "DELETE", 6) == 0)
                printf("%s\n", tag);
            return true;
        case PGRES_COMMAND_OK:
            if (!(hide_tag && strncmp(PQcmdStatus(res), "COPY", 4) == 0))
                printf("%s\n", PQcmdStatus(res));
            return true;
        case PGRES_EMPTY_QUERY:
            return true;
        case PGRES_COPY_OUT:
            *after_copy_out = true;
            return copy_out(session);
        case PGRES_COPY_IN:
            return copy_in(session);
        case PGRES_COPY_BOTH:
            PQputCopyEnd(session->conn, "COPY BOTH is not supported by " CLI_PROGRAM_NAME);
            return false;
        case PGRES_NONFATAL_ERROR:
            CliReportFailure(session, PQresultErrorMessage(res));
            return true;
        default:
            CliReportFailure(session, PQresultErrorMessage(res));
            return false;
    }
}

/*
 * CliRunQuery -- send sql (possibly several statements) as one simple query
 * and print every result, psql-style.  Returns false if any result was an
 * error.  If the connection is lost: interactive sessions try to reconnect,
 * scripts exit with status 2, as psql does.
 */
bool
CliRunQuery(CliSession *session, const char *sql)
{
    PGresult   *res;
    bool        ok = true;
    double      start = now_ms();
    bool        after_copy_out = false;

    if (session->verbose)
    {
        printf("%s\n", sql);
        fflush(stdout);
    }

    CliCancelPressed = 0;
    cancel_handle = PQgetCancel(session->conn);
    if (!PQsendQuery(session->conn, sql))
    {
        CliReportFailure(session, PQerrorMessage(session->conn));
        ok = false;
    }
    else
    {
        while ((res = PQgetResult(session->conn)) != NULL)
        {
            if (!print_one_result(session, res, &after_copy_out))
                ok = false;
            PQclear(res);
        }
    }
    {
        PGcancel   *cancel = cancel_handle;

        cancel_handle = NULL;
        PQfreeCancel(cancel);
    }
    fflush(stdout);

    if (session->timing)
        print_timing(now_ms() - start);
    fflush(stdout);

    if (PQstatus(session->conn) == CONNECTION_BAD)
    {
        if (!session->interactive)
        {
            fprintf(stderr, "%s: error: connection to server was lost\n", CLI_PROGRAM_NAME);
            exit(CLI_EXIT_CONNECT);
        }
        fprintf(stderr, "The connection to the server was lost. Attempting reset: ");
        PQreset(session->conn);
        fprintf(stderr, PQstatus(session->conn) == CONNECTION_OK ? "Succeeded.\n" : "Failed.\n");
        ok = false;
    }
    return ok;
}
