/*
 * command.c
 *     Backslash commands of rusty-db-cli: \q, \?, \timing, \dt, \conninfo.
 * Entry point: CliRunBackslash().
 * A backslash command is recognised only at the start of a line while no
 * SQL statement is being collected (see README.md for why).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

/* The catalog query behind \dt; see README.md. */
#define CLI_LIST_TABLES_SQL \
    "SELECT schemaname AS \"Schema\", tablename AS \"Name\", 'table' AS \"Type\", " \
    "tableowner AS \"Owner\" FROM pg_catalog.pg_tables " \
    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"

static CliCommandResult list_tables(CliSession *session);
static void print_help(void);
static void print_conninfo(CliSession *session);
static CliCommandResult set_timing(CliSession *session, const char *arg);

static void
print_help(void)
{
    printf("General\n"
           "  \\q                     quit " CLI_PROGRAM_NAME "\n"
           "  \\?                     show this help\n"
           "  \\timing [on|off]       toggle printing \"Time: N ms\" after each command\n"
           "\n"
           "Informational\n"
           "  \\dt                    list tables\n"
           "  \\conninfo              show information about the current connection\n"
           "\n"
           "SQL statements end with a semicolon; a statement may span several lines.\n");
}

static void
print_conninfo(CliSession *session)
{
    const char *host = PQhost(session->conn);

    if (host != NULL && host[0] == '/')
        printf("You are connected to database \"%s\" as user \"%s\" via socket in \"%s\" at port \"%s\".\n",
               PQdb(session->conn), PQuser(session->conn), host, PQport(session->conn));
    else
        printf("You are connected to database \"%s\" as user \"%s\" on host \"%s\" at port \"%s\".\n",
               PQdb(session->conn), PQuser(session->conn), host ? host : "",
               PQport(session->conn));
}

/* set_timing -- \timing with no argument toggles; on/off set. */
static CliCommandResult
set_timing(CliSession *session, const char *arg)
{
    if (arg[0] == '\0')
        session->timing = !session->timing;
    else if (strcmp(arg, "on") == 0)
        session->timing = true;
    else if (strcmp(arg, "off") == 0)
        session->timing = false;
    else
    {
        fprintf(stderr, "unrecognized value \"%s\" for \"\\timing\": Boolean expected\n", arg);
        return CLI_CMD_ERROR;
    }
    printf("Timing is %s.\n", session->timing ? "on" : "off");
    return CLI_CMD_OK;
}

/*
 * list_tables -- \dt: user tables from pg_catalog.pg_tables, printed under
 * the title "List of relations" as psql does.
 */
static CliCommandResult
list_tables(CliSession *session)
{
    PGresult   *res = PQexec(session->conn, CLI_LIST_TABLES_SQL);

    if (PQresultStatus(res) != PGRES_TUPLES_OK)
    {
        CliReportFailure(session, PQresultErrorMessage(res));
        PQclear(res);
        return CLI_CMD_ERROR;
    }
    if (PQntuples(res) == 0)
    {
        fflush(stdout);
        fprintf(stderr, "Did not find any relations.\n");
    }
    else
        CliPrintResult(stdout, res, "List of relations");
    PQclear(res);
    return CLI_CMD_OK;
}

/*
 * CliRunBackslash -- run one backslash command line (starting with '\').
 * Returns CLI_CMD_QUIT for \q, CLI_CMD_ERROR for unknown commands and
 * failures, CLI_CMD_OK otherwise.
 */
CliCommandResult
CliRunBackslash(CliSession *session, const char *line)
{
    char        name[64];
    char        arg[256];
    size_t      n = 0;
    size_t      a = 0;
    const char *p = line + 1;

    while (*p != '\0' && !isspace((unsigned char) *p) && n + 1 < sizeof(name))
        name[n++] = *p++;
    name[n] = '\0';
    while (isspace((unsigned char) *p))
        p++;
    while (*p != '\0' && !isspace((unsigned char) *p) && a + 1 < sizeof(arg))
        arg[a++] = *p++;
    arg[a] = '\0';

    if (strcmp(name, "q") == 0 || strcmp(name, "quit") == 0)
        return CLI_CMD_QUIT;
    if (strcmp(name, "?") == 0)
    {
        print_help();
        return CLI_CMD_OK;
    }
    if (strcmp(name, "timing") == 0)
        return set_timing(session, arg);
    if (strcmp(name, "dt") == 0)
        return list_tables(session);
    if (strcmp(name, "conninfo") == 0)
    {
        print_conninfo(session);
        return CLI_CMD_OK;
    }
    fflush(stdout);
    if (session->input_name != NULL)
        fprintf(stderr, "%s:%s:%d: ", CLI_PROGRAM_NAME, session->input_name, session->input_line);
    fprintf(stderr, "invalid command \\%s\n", name);
    if (session->interactive)
        fprintf(stderr, "Try \\? for help.\n");
    return CLI_CMD_ERROR;
}
