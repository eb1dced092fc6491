/*
 * main.c
 *     rustydb-ctl: start, stop, restart, reload and query a RustyDB server
 *     (the "rustydb" postmaster) for one instance directory.
 * Entry point: main().  Options and behaviour: README.md in this directory.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl_int.h"

static void usage(void);
static void parse_options(int argc, char **argv, CtlOptions *opts);
static bool parse_mode(const char *text, CtlShutdownMode *mode);
static bool make_absolute(const char *dir, char *out, size_t size);
static void fail_usage(const char *fmt, const char *arg);

static void
usage(void)
{
    printf("%s starts, stops and controls a RustyDB server.\n\n"
           "Usage:\n"
           "  %s start   [-D DIR] [-l FILE] [-o \"OPTIONS\"] [-w|-W] [-t SECS]\n"
           "  %s stop    [-D DIR] [-m MODE] [-w|-W] [-t SECS]\n"
           "  %s restart [-D DIR] [-m MODE] [-l FILE] [-o \"OPTIONS\"] [-w|-W] [-t SECS]\n"
           "  %s reload  [-D DIR]\n"
           "  %s status  [-D DIR]\n\n"
           "Options:\n"
           "  -D, --pgdata=DIR       instance directory (default: $%s, else %s)\n"
           "  -l, --log=FILE         server output for start (default: DIR/%s/%s)\n"
           "  -m, --mode=MODE        smart, fast (default) or immediate\n"
           "  -o, --options=OPTIONS  extra arguments for rustydb, split like a shell would\n"
           "  -t, --timeout=SECS     seconds to wait with -w (default: %d)\n"
           "  -w, --wait             wait until the operation completes (default)\n"
           "  -W, --no-wait          do not wait\n"
           "  -V, --version          output version information, then exit\n"
           "  -?, --help             show this help, then exit\n\n"
           "Shutdown modes: smart waits for sessions to end (SIGTERM), fast rolls them\n"
           "back and stops cleanly (SIGINT), immediate stops at once and leaves recovery\n"
           "to the next start (SIGQUIT).\n",
           CTL_PROGRAM_NAME, CTL_PROGRAM_NAME, CTL_PROGRAM_NAME, CTL_PROGRAM_NAME,
           CTL_PROGRAM_NAME, CTL_PROGRAM_NAME, CTL_INSTANCE_DIR_ENV, CTL_DEFAULT_INSTANCE_DIR,
           CTL_LOG_DIR_NAME, CTL_STARTUP_LOG_NAME, CTL_DEFAULT_TIMEOUT_S);
}

static void
fail_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", CTL_PROGRAM_NAME);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry \"%s --help\" for more information.\n", CTL_PROGRAM_NAME);
    exit(CTL_EXIT_FAILURE);
}

/* parse_mode -- accept a mode name or its first letter, as pg_ctl does. */
static bool
parse_mode(const char *text, CtlShutdownMode *mode)
{
    if (strcmp(text, "s") == 0 || strcmp(text, "smart") == 0)
        *mode = CTL_MODE_SMART;
    else if (strcmp(text, "f") == 0 || strcmp(text, "fast") == 0)
        *mode = CTL_MODE_FAST;
    else if (strcmp(text, "i") == 0 || strcmp(text, "immediate") == 0)
        *mode = CTL_MODE_IMMEDIATE;
    else
        return false;
    return true;
}

/*
 * make_absolute -- the instance directory as an absolute path without
 * requiring it to exist (status must report a missing directory itself).
 */
static bool
make_absolute(const char *dir, char *out, size_t size)
{
    char        cwd[PATH_MAX];
    char        resolved[PATH_MAX];
    int         n;

    if (realpath(dir, resolved) != NULL)
        n = snprintf(out, size, "%s", resolved);
    else if (dir[0] == '/')
        n = snprintf(out, size, "%s", dir);
    else if (getcwd(cwd, sizeof(cwd)) != NULL)
        n = snprintf(out, size, "%s/%s", cwd, dir);
    else
        return false;
    return n > 0 && (size_t) n < size;
}

/*
 * parse_options -- fill opts from argv.  Options may come before or after
 * the command word (GNU getopt permutes).  Exits on usage errors.
 */
static void
parse_options(int argc, char **argv, CtlOptions *opts)
{
    static const struct option long_options[] = {
        {"pgdata", required_argument, NULL, 'D'},
        {"log", required_argument, NULL, 'l'},
        {"mode", required_argument, NULL, 'm'},
        {"options", required_argument, NULL, 'o'},
        {"timeout", required_argument, NULL, 't'},
        {"wait", no_argument, NULL, 'w'},
        {"no-wait", no_argument, NULL, 'W'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, '?'},
        {NULL, 0, NULL, 0}
    };
    const char *data_dir = getenv(CTL_INSTANCE_DIR_ENV);
    const char *error;
    int         c;

    memset(opts, 0, sizeof(*opts));
    opts->mode = CTL_MODE_FAST;
    opts->wait = true;
    opts->timeout_s = CTL_DEFAULT_TIMEOUT_S;

    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-?") == 0 || strcmp(argv[i], "--help") == 0)
        {
            usage();
            exit(CTL_EXIT_OK);
        }

    while ((c = getopt_long(argc, argv, "D:l:m:o:t:wWV", long_options, NULL)) != -1)
    {
        switch (c)
        {
            case 'D':
                data_dir = optarg;
                break;
            case 'l':
                opts->log_file = optarg;
                break;
            case 'm':
                if (!parse_mode(optarg, &opts->mode))
                    fail_usage("unrecognized shutdown mode \"%s\"", optarg);
                break;
            case 'o':
                CtlFreeArgs(opts->server_args, opts->n_server_args);
                opts->server_args = CtlSplitOptions(optarg, &opts->n_server_args, &error);
                if (opts->server_args == NULL)
                    fail_usage("invalid -o value: %s", error);
                opts->have_server_args = true;
                break;
            case 't':
                {
                    char       *end;
                    long        secs;

                    errno = 0;
                    secs = strtol(optarg, &end, 10);
                    if (errno != 0 || *end != '\0' || secs <= 0 || secs > 86400)
                        fail_usage("invalid timeout \"%s\": must be 1..86400 seconds", optarg);
                    opts->timeout_s = (int) secs;
                }
                break;
            case 'w':
                opts->wait = true;
                break;
            case 'W':
                opts->wait = false;
                break;
            case 'V':
                printf("%s (RustyDB) %s\n", CTL_PROGRAM_NAME, CTL_VERSION);
                exit(CTL_EXIT_OK);
            default:
                fprintf(stderr, "Try \"%s --help\" for more information.\n", CTL_PROGRAM_NAME);
                exit(CTL_EXIT_FAILURE);
        }
    }

    if (optind >= argc)
        fail_usage("no operation specified%s", "");
    if (strcmp(argv[optind], "start") == 0)
        opts->command = CTL_CMD_START;
    else if (strcmp(argv[optind], "stop") == 0)
        opts->command = CTL_CMD_STOP;
    else if (strcmp(argv[optind], "restart") == 0)
        opts->command = CTL_CMD_RESTART;
    else if (strcmp(argv[optind], "status") == 0)
        opts->command = CTL_CMD_STATUS;
    else if (strcmp(argv[optind], "reload") == 0)
        opts->command = CTL_CMD_RELOAD;
    else
        fail_usage("unrecognized operation mode \"%s\"", argv[optind]);
    if (optind + 1 < argc)
        fail_usage("too many command-line arguments (first is \"%s\")", argv[optind + 1]);

    if (data_dir == NULL || data_dir[0] == '\0')
        data_dir = CTL_DEFAULT_INSTANCE_DIR;
    if (!make_absolute(data_dir, opts->data_dir, sizeof(opts->data_dir)))
        fail_usage("invalid instance directory \"%s\"", data_dir);
}

int
main(int argc, char **argv)
{
    CtlOptions  opts;
    int         rc = CTL_EXIT_FAILURE;

    parse_options(argc, argv, &opts);
    switch (opts.command)
    {
        case CTL_CMD_START:
            rc = CtlStart(&opts);
            break;
        case CTL_CMD_STOP:
            rc = CtlStop(&opts);
            break;
        case CTL_CMD_RESTART:
            rc = CtlRestart(&opts);
            break;
        case CTL_CMD_STATUS:
            rc = CtlStatus(&opts);
            break;
        case CTL_CMD_RELOAD:
            rc = CtlReload(&opts);
            break;
        case CTL_CMD_NONE:
            break;
    }
    CtlFreeArgs(opts.server_args, opts.n_server_args);
    return rc;
}
