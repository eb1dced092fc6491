/*
 * input.c
 *     Read SQL from a script, a pipe or a terminal, cut it into statements
 *     with CliScanStatement() and run each as it completes.
 * Entry points: CliRunScript() (-f FILE and piped stdin), CliRunInteractive()
 * (libedit prompt, history in ~/.rusty_db_history).
 * Input is consumed line by line rather than slurped, so COPY ... FROM STDIN
 * inside a script reads the lines that follow it, and a long pipe is
 * executed as it arrives.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <editline/readline.h>

#include "cli_int.h"

#define CLI_HISTORY_SIZE 500
#define CLI_PROMPT_SIZE 256

/* The statement being collected; grows as lines arrive. */
typedef struct QueryBuf
{
    char       *data;
    size_t      len;
    size_t      cap;
} QueryBuf;

static void qbuf_append(QueryBuf *buf, const char *text, size_t n);
static void qbuf_consume(QueryBuf *buf, size_t n);
static void qbuf_reset(QueryBuf *buf);
static bool is_backslash_line(const QueryBuf *buf, const char *line);
static int  run_complete_statements(CliSession *session, QueryBuf *buf,
                                    bool stop_on_error, bool *stop);
static bool run_remainder(CliSession *session, QueryBuf *buf);
static void build_prompt(CliSession *session, const QueryBuf *buf, char *prompt, size_t size);
static char *history_path(void);
static void edit_loop(CliSession *session);

static void
qbuf_append(QueryBuf *buf, const char *text, size_t n)
{
    if (buf->len + n + 1 > buf->cap)
    {
        size_t      cap = buf->cap ? buf->cap : 1024;

        while (cap < buf->len + n + 1)
            cap *= 2;
        buf->data = realloc(buf->data, cap);
        if (buf->data == NULL)
        {
            fprintf(stderr, "%s: error: out of memory\n", CLI_PROGRAM_NAME);
            exit(CLI_EXIT_ERROR);
        }
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, text, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

/* qbuf_consume -- drop the first n bytes (a statement just executed). */
static void
qbuf_consume(QueryBuf *buf, size_t n)
{
    memmove(buf->data, buf->data + n, buf->len - n + 1);
    buf->len -= n;
}

static void
qbuf_reset(QueryBuf *buf)
{
    buf->len = 0;
    if (buf->data != NULL)
        buf->data[0] = '\0';
}

/*
 * is_backslash_line -- a line is a backslash command if it starts (after
 * blanks) with '\' and no statement is being collected.
 */
static bool
is_backslash_line(const QueryBuf *buf, const char *line)
{
    while (isspace((unsigned char) *line))
        line++;
    return *line == '\\' && (buf->len == 0 || CliTextIsBlank(buf->data));
}

/*
 * run_complete_statements -- execute every ';'-terminated statement at the
 * front of buf, leaving any incomplete tail.  Returns the number of failed
 * statements; sets *stop when stop_on_error and one failed.
 */
static int
run_complete_statements(CliSession *session, QueryBuf *buf, bool stop_on_error, bool *stop)
{
    int         failures = 0;

    *stop = false;
    while (buf->len > 0)
    {
        CliScanResult r = CliScanStatement(buf->data, buf->len);
        char        saved;

        if (r.statement_len == 0)
            break;
        if (r.has_content)
        {
            saved = buf->data[r.statement_len];
            buf->data[r.statement_len] = '\0';
            if (!CliRunQuery(session, buf->data + r.skip_len))
                failures++;
            buf->data[r.statement_len] = saved;
        }
        qbuf_consume(buf, r.statement_len);
        if ((failures > 0 && stop_on_error) || CliCancelPressed)
        {
            *stop = true;
            break;
        }
    }
    return failures;
}

/* run_remainder -- at end of input, send whatever is left without a ';'. */
static bool
run_remainder(CliSession *session, QueryBuf *buf)
{
    CliScanResult r;
    bool        ok = true;

    if (buf->len == 0)
        return true;
    r = CliScanStatement(buf->data, buf->len);
    if (r.has_content)
    {
        size_t      end = buf->len;

        while (end > r.skip_len && isspace((unsigned char) buf->data[end - 1]))
            end--;
        buf->data[end] = '\0';
        ok = CliRunQuery(session, buf->data + r.skip_len);
    }
    qbuf_reset(buf);
    return ok;
}

/*
 * CliRunScript -- run statements and backslash commands read from in.
 * name is the file name used in "rusty-db-cli:FILE:LINE:" message prefixes
 * (NULL for stdin: no prefix, as psql).  Continues after errors unless
 * stop_on_error.  Returns CLI_EXIT_OK, or CLI_EXIT_ERROR if anything failed
 * (psql would return 0 here; see README.md).  Does not close in.
 */
int
CliRunScript(CliSession *session, FILE *in, const char *name, bool stop_on_error)
{
    QueryBuf    buf = {NULL, 0, 0};
    char       *line = NULL;
    size_t      line_cap = 0;
    ssize_t     n;
    int         failures = 0;
    bool        stop = false;
    FILE       *saved_source = session->copy_source;

    session->input_name = name;
    session->input_line = 0;
    session->copy_source = in;
    while (!stop && (n = getline(&line, &line_cap, in)) >= 0)
    {
        session->input_line++;
        if (is_backslash_line(&buf, line))
        {
            CliCommandResult rc;

            line[strcspn(line, "\r\n")] = '\0';
            rc = CliRunBackslash(session, strchr(line, '\\'));
            qbuf_reset(&buf);
            if (rc == CLI_CMD_QUIT)
                break;
            if (rc == CLI_CMD_ERROR)
            {
                failures++;
                stop = stop_on_error;
            }
            continue;
        }
        qbuf_append(&buf, line, (size_t) n);
        failures += run_complete_statements(session, &buf, stop_on_error, &stop);
    }
    if (ferror(in) && CliCancelPressed)
        failures++;
    else if (ferror(in))
    {
        fprintf(stderr, "%s: error: could not read %s: %m\n", CLI_PROGRAM_NAME,
                name ? name : "standard input");
        failures++;
    }
    else if (!stop && !CliCancelPressed && !run_remainder(session, &buf))
        failures++;
    free(line);
    free(buf.data);
    session->input_name = NULL;
    session->copy_source = saved_source;
    return failures > 0 ? CLI_EXIT_ERROR : CLI_EXIT_OK;
}

/*
 * build_prompt -- psql's default "%/%R%x%# ": database name, then '=' for a
 * new statement or '-', quote, '$', '*' or '(' while one continues, then '*'
 * inside a transaction block ('!' if it failed), then '#' for a superuser
 * or '>' otherwise.
 */
static void
build_prompt(CliSession *session, const QueryBuf *buf, char *prompt, size_t size)
{
    const char *super = PQparameterStatus(session->conn, "is_superuser");
    const char *db = PQdb(session->conn);
    char        state = '=';
    const char *xact = "";

    if (buf->len > 0)
    {
        CliScanResult r = CliScanStatement(buf->data, buf->len);

        switch (r.mode)
        {
            case CLI_SCAN_SQUOTE:
                state = '\'';
                break;
            case CLI_SCAN_DQUOTE:
                state = '"';
                break;
            case CLI_SCAN_DOLLAR:
                state = '$';
                break;
            case CLI_SCAN_COMMENT:
                state = '*';
                break;
            case CLI_SCAN_NORMAL:
                if (r.paren_depth > 0)
                    state = '(';
                else if (r.has_content)
                    state = '-';
                break;
        }
    }
    switch (PQtransactionStatus(session->conn))
    {
        case PQTRANS_INTRANS:
            xact = "*";
            break;
        case PQTRANS_INERROR:
            xact = "!";
            break;
        case PQTRANS_UNKNOWN:
            xact = "?";
            break;
        default:
            break;
    }
    if (PQstatus(session->conn) == CONNECTION_BAD)
        state = '!';
    snprintf(prompt, size, "%s%c%s%c ", db ? db : "", state, xact,
             (super != NULL && strcmp(super, "on") == 0) ? '#' : '>');
}

/* history_path -- ~/.rusty_db_history, malloc'd; NULL without $HOME. */
static char *
history_path(void)
{
    const char *home = getenv("HOME");
    char       *path;

    if (home == NULL || home[0] == '\0')
        return NULL;
    path = malloc(strlen(home) + strlen(CLI_HISTORY_FILE) + 2);
    if (path != NULL)
        sprintf(path, "%s/%s", home, CLI_HISTORY_FILE);
    return path;
}

/*
 * edit_loop -- read, collect and run lines until EOF or \q.  Ctrl-C while
 * editing discards the statement being typed (the SIGINT handler longjmps
 * back here); Ctrl-C while a query runs cancels it instead.  Kept apart
 * from CliRunInteractive() so that no local variable lives across
 * sigsetjmp().
 */
static void
edit_loop(CliSession *session)
{
    static QueryBuf buf;        /* static: must survive siglongjmp */
    static sigjmp_buf prompt_jump;
    static char prompt[CLI_PROMPT_SIZE];

    for (;;)
    {
        char       *line;
        bool        stop;

        if (sigsetjmp(prompt_jump, 1) != 0)
        {
            printf("\n");
            qbuf_reset(&buf);
            CliCancelPressed = 0;
        }
        build_prompt(session, &buf, prompt, sizeof(prompt));
        CliSetJumpTarget(&prompt_jump);
        line = readline(prompt);
        CliSetJumpTarget(NULL);
        if (line == NULL)
        {
            printf("\\q\n");
            break;
        }
        if (line[0] != '\0')
            add_history(line);
        if (is_backslash_line(&buf, line))
        {
            CliCommandResult rc = CliRunBackslash(session, strchr(line, '\\'));

            free(line);
            qbuf_reset(&buf);
            if (rc == CLI_CMD_QUIT)
                break;
            continue;
        }
        qbuf_append(&buf, line, strlen(line));
        qbuf_append(&buf, "\n", 1);
        free(line);
        run_complete_statements(session, &buf, false, &stop);
        if (CliTextIsBlank(buf.data))
            qbuf_reset(&buf);
    }
    free(buf.data);
    memset(&buf, 0, sizeof(buf));
}

/*
 * CliRunInteractive -- the terminal session: banner, history in
 * ~/.rusty_db_history, then edit_loop().  Returns CLI_EXIT_OK: errors in an
 * interactive session are not fatal.
 */
int
CliRunInteractive(CliSession *session)
{
    char       *hist = history_path();
    const char *server = PQparameterStatus(session->conn, "server_version");

    printf("%s %s (server %s)\nType \"\\?\" for help.\n\n", CLI_PROGRAM_NAME, CLI_VERSION,
           server ? server : "unknown");
    using_history();
    stifle_history(CLI_HISTORY_SIZE);
    if (hist != NULL)
        read_history(hist);
    session->copy_source = stdin;
    edit_loop(session);
    if (hist != NULL && write_history(hist) != 0)
        fprintf(stderr, "%s: warning: could not save history to file \"%s\"\n",
                CLI_PROGRAM_NAME, hist);
    free(hist);
    return CLI_EXIT_OK;
}
