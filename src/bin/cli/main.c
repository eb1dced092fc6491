/*
 * main.c
 *     rusty-db-cli: the interactive and scripted SQL client for RustyDB.
 *     Parses options, connects with libpq, then runs -c commands and -f
 *     files in order, or reads statements from stdin (a prompt if it is a
 *     terminal).
 * Entry point: main().  Options and behaviour: README.md in this directory.
 */
#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli_int.h"

#define CLI_PASSWORD_SIZE 256

typedef enum ActionKind
{
    ACTION_COMMAND,             /* -c SQL or backslash command */
    ACTION_FILE,                /* -f FILE ("-" is stdin) */
} ActionKind;

typedef struct Action
{
    ActionKind  kind;
    const char *value;          /* points into argv */
} Action;

typedef struct CliOptions
{
    const char *host;
    const char *port;
    const char *user;
    const char *dbname;
    bool        verbose;
    Action     *actions;        /* in command-line order */
    int         nactions;
} CliOptions;

static void usage(void);
static void parse_options(int argc, char **argv, CliOptions *opts);
static PGconn *connect_server(const CliOptions *opts);
static bool read_password(const char *user, char *buf, size_t size);
static int  run_actions(CliSession *session, const CliOptions *opts);

static void
usage(void)
{
    printf("%s is the interactive terminal of RustyDB.\n\n"
           "Usage:\n"
           "  %s [OPTION]... [DBNAME [USERNAME]]\n\n"
           "Options:\n"
           "  -c, --command=COMMAND    run one command (SQL or backslash) and exit\n"
           "  -d, --dbname=DBNAME      database to connect to (default: \"%s\")\n"
           "  -f, --file=FILENAME      execute commands from file, then exit\n"
           "  -h, --host=HOSTNAME      server host or socket directory (default: \"%s\")\n"
           "  -p, --port=PORT          server port (default: \"%s\")\n"
           "  -U, --username=USERNAME  database user name (default: OS user)\n"
           "  -v, --verbose            echo each query; show SQLSTATE and error location\n"
           "  -X, --no-psqlrc          accepted for psql compatibility (no startup file is read)\n"
           "  -V, --version            output version information, then exit\n"
           "  -?, --help               show this help, then exit\n\n"
           "Environment: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD and the other\n"
           "libpq variables are honoured.  -c and -f may be repeated; they run in order\n"
           "and stop at the first failure.\n",
           CLI_PROGRAM_NAME, CLI_PROGRAM_NAME, CLI_DEFAULT_DATABASE,
           CLI_DEFAULT_SOCKET_DIR, CLI_DEFAULT_PORT);
}

/*
 * parse_options -- fill opts from argv; exits on --help, --version and
 * usage errors (status 1, as psql).  opts->actions is malloc'd.
 */
static void
parse_options(int argc, char **argv, CliOptions *opts)
{
    static const struct option long_options[] = {
        {"command", required_argument, NULL, 'c'},
        {"dbname", required_argument, NULL, 'd'},
        {"file", required_argument, NULL, 'f'},
        {"host", required_argument, NULL, 'h'},
        {"port", required_argument, NULL, 'p'},
        {"username", required_argument, NULL, 'U'},
        {"verbose", no_argument, NULL, 'v'},
        {"no-psqlrc", no_argument, NULL, 'X'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, '?'},
        {NULL, 0, NULL, 0}
    };
    int         c;

    memset(opts, 0, sizeof(*opts));
    opts->actions = calloc(argc > 0 ? argc : 1, sizeof(Action));
    if (opts->actions == NULL)
    {
        fprintf(stderr, "%s: error: out of memory\n", CLI_PROGRAM_NAME);
        exit(CLI_EXIT_ERROR);
    }

    /* -? must be checked by hand: getopt also returns '?' for errors */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-?") == 0 || strcmp(argv[i], "--help") == 0)
        {
            usage();
            exit(CLI_EXIT_OK);
        }

    while ((c = getopt_long(argc, argv, "c:d:f:h:p:U:vXV", long_options, NULL)) != -1)
    {
        switch (c)
        {
            case 'c':
            case 'f':
                opts->actions[opts->nactions].kind = (c == 'c') ? ACTION_COMMAND : ACTION_FILE;
                opts->actions[opts->nactions].value = optarg;
                opts->nactions++;
                break;
            case 'd':
                opts->dbname = optarg;
                break;
            case 'h':
                opts->host = optarg;
                break;
            case 'p':
                opts->port = optarg;
                break;
            case 'U':
                opts->user = optarg;
                break;
            case 'v':
                opts->verbose = true;
                break;
            case 'X':
                break;
            case 'V':
                printf("%s (RustyDB) %s\n", CLI_PROGRAM_NAME, CLI_VERSION);
                exit(CLI_EXIT_OK);
            default:
                fprintf(stderr, "Try \"%s --help\" for more information.\n", CLI_PROGRAM_NAME);
                exit(CLI_EXIT_ERROR);
        }
    }
    /* psql-style positional arguments: [DBNAME [USERNAME]] */
    if (optind < argc && opts->dbname == NULL)
        opts->dbname = argv[optind++];
    if (optind < argc && opts->user == NULL)
        opts->user = argv[optind++];
    if (optind < argc)
    {
        fprintf(stderr, "%s: warning: extra command-line argument \"%s\" ignored\n",
                CLI_PROGRAM_NAME, argv[optind]);
    }
}

/*
 * read_password -- prompt on the terminal with echo off.  Returns false if
 * stdin is not a terminal or nothing could be read.
 */
static bool
read_password(const char *user, char *buf, size_t size)
{
    struct termios saved;
    struct termios quiet;
    bool        ok;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) != 0)
        return false;
    fprintf(stderr, "Password for user %s: ", user);
    fflush(stderr);
    quiet = saved;
    quiet.c_lflag &= ~(tcflag_t) ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    ok = fgets(buf, (int) size, stdin) != NULL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fprintf(stderr, "\n");
    if (ok)
        buf[strcspn(buf, "\r\n")] = '\0';
    return ok;
}

/*
 * connect_server -- connect as psql would, but with our defaults: socket
 * directory /tmp (libpq's compiled-in default may differ) and database
 * "rustydb" unless PGHOST / PGDATABASE say otherwise.  -d may be a
 * connection string or URI.  Prompts for a password when the server asks
 * for one and stdin is a terminal.  Exits with status 2 on failure.
 */
static PGconn *
connect_server(const CliOptions *opts)
{
    const char *keywords[8];
    const char *values[8];
    char        password[CLI_PASSWORD_SIZE];
    PGconn     *conn;
    int         n = 0;

    keywords[n] = "host";
    values[n++] = opts->host ? opts->host : (getenv("PGHOST") ? NULL : CLI_DEFAULT_SOCKET_DIR);
    keywords[n] = "port";
    values[n++] = opts->port ? opts->port : (getenv("PGPORT") ? NULL : CLI_DEFAULT_PORT);
    keywords[n] = "user";
    values[n++] = opts->user;
    keywords[n] = "password";
    values[n++] = NULL;
    keywords[n] = "dbname";
    values[n++] = opts->dbname ? opts->dbname
        : (getenv("PGDATABASE") ? NULL : CLI_DEFAULT_DATABASE);
    keywords[n] = "fallback_application_name";
    values[n++] = CLI_PROGRAM_NAME;
    keywords[n] = "client_encoding";
    values[n++] = getenv("PGCLIENTENCODING") ? NULL : "auto";
    keywords[n] = NULL;
    values[n] = NULL;

    conn = PQconnectdbParams(keywords, values, 1);
    if (conn != NULL && PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
        read_password(PQuser(conn), password, sizeof(password)))
    {
        PQfinish(conn);
        values[3] = password;
        conn = PQconnectdbParams(keywords, values, 1);
        memset(password, 0, sizeof(password));
    }
    if (conn == NULL)
    {
        fprintf(stderr, "%s: error: out of memory\n", CLI_PROGRAM_NAME);
        exit(CLI_EXIT_CONNECT);
    }
    if (PQstatus(conn) == CONNECTION_BAD)
    {
        fprintf(stderr, "%s: error: %s", CLI_PROGRAM_NAME, PQerrorMessage(conn));
        PQfinish(conn);
        exit(CLI_EXIT_CONNECT);
    }
    return conn;
}

/*
 * run_actions -- run -c and -f actions in order; stop at the first that
 * fails.  A -c string is sent whole as one simple query, so its statements
 * run as one implicit transaction and the server stops at the first error.
 */
static int
run_actions(CliSession *session, const CliOptions *opts)
{
    for (int i = 0; i < opts->nactions; i++)
    {
        const Action *action = &opts->actions[i];
        int         rc = CLI_EXIT_OK;

        if (action->kind == ACTION_COMMAND)
        {
            const char *p = action->value + strspn(action->value, " \t\r\n");

            if (*p == '\\')
            {
                CliCommandResult cmd = CliRunBackslash(session, p);

                if (cmd == CLI_CMD_QUIT)
                    return CLI_EXIT_OK;
                rc = (cmd == CLI_CMD_ERROR) ? CLI_EXIT_ERROR : CLI_EXIT_OK;
            }
            else if (!CliRunQuery(session, action->value))
                rc = CLI_EXIT_ERROR;
        }
        else if (strcmp(action->value, "-") == 0)
            rc = CliRunScript(session, stdin, "<stdin>", false);
        else
        {
            FILE       *f = fopen(action->value, "r");

            if (f == NULL)
            {
                fprintf(stderr, "%s: error: %s: %m\n", CLI_PROGRAM_NAME, action->value);
                return CLI_EXIT_ERROR;
            }
            rc = CliRunScript(session, f, action->value, false);
            fclose(f);
        }
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

int
main(int argc, char **argv)
{
    CliOptions  opts;
    CliSession  session;
    int         rc;

    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");     /* "Time: 1.234 ms" always uses a dot */
    parse_options(argc, argv, &opts);

    memset(&session, 0, sizeof(session));
    session.conn = connect_server(&opts);
    session.verbose = opts.verbose;
    session.copy_source = stdin;
    PQsetNoticeProcessor(session.conn, CliNoticeProcessor, &session);
    if (opts.verbose)
        PQsetErrorVerbosity(session.conn, PQERRORS_VERBOSE);
    CliInstallCancelHandler();

    if (opts.nactions > 0)
        rc = run_actions(&session, &opts);
    else if (isatty(STDIN_FILENO))
    {
        session.interactive = true;
        rc = CliRunInteractive(&session);
    }
    else
        rc = CliRunScript(&session, stdin, NULL, false);

    PQfinish(session.conn);
    free(opts.actions);
    return rc;
}
