/*
 * main.c
 *     main() of the `rustydb` server program: picks the mode from the first
 *     argument and runs it.
 * Entry point: main().
 *
 * Modes are a table: to add one (e.g. `--boot` for rustydb-initdb's
 * bootstrap), add a line { "--boot", BootstrapMain } below; the mode's
 * function gets the whole argv and returns the exit status.  With no mode
 * argument the postmaster runs.
 */
#include "rustydb.h"

#include <stdio.h>
#include <string.h>

#include "catalog/bootstrap.h"
#include "catalog/bootstrap.h"
#include "postmaster/postmaster.h"
#include "utils/guc.h"
#include "utils/palloc.h"

typedef int (*ModeMain) (int argc, char *argv[]);

typedef struct ServerMode
{
    const char *option;         /* must be argv[1] */
    ModeMain    main;
} ServerMode;

static int  describe_config_main(int argc, char *argv[]);

static const ServerMode modes[] = {
    {"--describe-config", describe_config_main},
    {"--boot", BootstrapMain},
};

/* describe_config_main -- print the sample configuration file (generated from the settings table). */
static int
describe_config_main(int argc, char *argv[])
{
    (void) argc;
    (void) argv;
    MemoryContextInit();
    GucInitialize();
    GucDescribeConfig(stdout);
    return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char *argv[])
{
    if (argc > 1)
    {
        for (size_t i = 0; i < lengthof(modes); i++)
            if (strcmp(argv[1], modes[i].option) == 0)
                return modes[i].main(argc, argv);
    }
    return PostmasterMain(argc, argv);
}
