/*
 * cli_int.h
 *     Declarations shared by the files of rusty-db-cli (src/bin/cli).
 * Nothing outside src/bin/cli includes this header; test/unit/check_cli.c is
 * the one exception, because it tests the pure functions declared here.
 * Behaviour and option decisions: see README.md in this directory.
 */
#ifndef CLI_INT_H
#define CLI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libpq-fe.h>

#define CLI_PROGRAM_NAME "rusty-db-cli"
#define CLI_VERSION "0.1.0"
#define CLI_DEFAULT_DATABASE "rustydb"
#define CLI_DEFAULT_SOCKET_DIR "/tmp"
#define CLI_DEFAULT_PORT "5432"
#define CLI_HISTORY_FILE ".rusty_db_history"

/* Exit statuses, as psql: success, SQL/script error, connection failure. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_ERROR 1
#define CLI_EXIT_CONNECT 2

/*
 * Lexical state of the statement scanner at the end of the text it saw.
 * Used by the interactive loop to choose the continuation prompt character.
 */
typedef enum CliScanMode
{
    CLI_SCAN_NORMAL = 0,    /* outside any quote or comment */
    CLI_SCAN_SQUOTE,        /* inside '...' or E'...' */
    CLI_SCAN_DQUOTE,        /* inside "..." */
    CLI_SCAN_DOLLAR,        /* inside $tag$...$tag$ */
    CLI_SCAN_COMMENT,       /* inside a (possibly nested) slash-star comment */
} CliScanMode;

typedef struct CliScanResult
{
    size_t      statement_len;  /* bytes up to and including the ';', or 0 */
    size_t      skip_len;       /* leading whitespace and -- comments skipped */
    CliScanMode mode;           /* state at end of text when statement_len is 0 */
    int         paren_depth;    /* open parentheses at end of text */
    bool        has_content;    /* text holds something besides blanks/comments */
} CliScanResult;

/* One statement cut out of a script by CliSplitStatements(). */
typedef struct CliStatement
{
    char       *text;           /* malloc'd, NUL-terminated, owned by the array */
    int         first_line;     /* 1-based line of the statement's first byte */
    int         last_line;      /* 1-based line of its last byte */
} CliStatement;

/* The whole state of one session; one instance lives in main.c. */
typedef struct CliSession
{
    PGconn     *conn;
    bool        timing;         /* \timing on */
    bool        verbose;        /* -v: echo queries, verbose error fields */
    bool        interactive;    /* reading from a terminal */
    const char *input_name;     /* -f file name, for "prog:file:line:" prefixes */
    int         input_line;     /* line number used in those prefixes */
    FILE       *copy_source;    /* where COPY FROM STDIN data comes from */
} CliSession;

/* scan.c */
extern CliScanResult CliScanStatement(const char *text, size_t len);
extern CliStatement *CliSplitStatements(const char *text, size_t *count);
extern void CliFreeStatements(CliStatement *statements, size_t count);
extern bool CliTextIsBlank(const char *text);

/* print.c */
extern int  CliDisplayWidth(const char *text, size_t len);
extern void CliPrintAligned(FILE *out, const char *title, int ncols,
                            const char *const *names, const unsigned int *type_oids,
                            int nrows, const char *const *cells, bool footer);
extern void CliPrintResult(FILE *out, const PGresult *res, const char *title);
extern bool CliTypeIsNumeric(unsigned int type_oid);

/* exec.c */
extern bool CliRunQuery(CliSession *session, const char *sql);
extern void CliReportFailure(CliSession *session, const char *message);
extern void CliInstallCancelHandler(void);
extern void CliNoticeProcessor(void *arg, const char *message);
extern void CliSetJumpTarget(void *target);
extern volatile int CliCancelPressed;

/* command.c */
typedef enum CliCommandResult
{
    CLI_CMD_OK,
    CLI_CMD_ERROR,
    CLI_CMD_QUIT,
} CliCommandResult;
extern CliCommandResult CliRunBackslash(CliSession *session, const char *line);

/* input.c */
extern int  CliRunScript(CliSession *session, FILE *in, const char *name,
                         bool stop_on_error);
extern int  CliRunInteractive(CliSession *session);

#endif                          /* CLI_INT_H */
