/*
 * initdb.c
 *     rustydb-initdb: create a new instance directory (DESIGN.md §5) and
 *     run the server in bootstrap mode to create its catalogs.
 * Usage: rustydb-initdb -D DIR [-U NAME | --superuser NAME]
 * Layout and steps: README.md in this directory.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROGNAME "rustydb-initdb"
#define NAME_MAX_LEN 63

static const char *const subdirs[] = {
    "data", "data/base", "data/global", "data/wal", "data/xact", "logs", "backup",
};

static char bindir[PATH_MAX];

static void
usage(FILE *out)
{
    fprintf(out,
            "%s initializes a RustyDB instance directory.\n\n"
            "Usage:\n  %s -D DIR [OPTION]...\n\n"
            "Options:\n"
            "  -D, --pgdata=DIR         location for this instance\n"
            "  -U, --superuser=NAME     database superuser name (default: the OS user)\n"
            "  -?, --help               show this help, then exit\n",
            PROGNAME, PROGNAME);
}

static void
find_bindir(const char *argv0)
{
    char        path[PATH_MAX];
    ssize_t     n = readlink("/proc/self/exe", path, sizeof(path) - 1);
    char       *slash;

    if (n > 0)
        path[n] = '\0';
    else
        snprintf(path, sizeof(path), "%s", argv0);
    slash = strrchr(path, '/');
    if (slash != NULL)
        *slash = '\0';
    else
        snprintf(path, sizeof(path), ".");
    snprintf(bindir, sizeof(bindir), "%s", path);
}

/* 1 empty or missing, 0 not empty, -1 error */
static int
dir_is_empty(const char *dir)
{
    DIR        *d = opendir(dir);
    struct dirent *de;
    int         result = 1;

    if (d == NULL)
        return errno == ENOENT ? 1 : -1;
    while ((de = readdir(d)) != NULL)
    {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
        {
            result = 0;
            break;
        }
    }
    closedir(d);
    return result;
}

static bool
mkdir_p(const char *path)
{
    char        buf[PATH_MAX];

    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++)
    {
        if (*p == '/')
        {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST)
                return false;
            *p = '/';
        }
    }
    return mkdir(buf, 0700) == 0 || errno == EEXIST;
}

static bool
write_file(const char *path, const char *contents)
{
    FILE       *f = fopen(path, "w");

    if (f == NULL)
        return false;
    if (fputs(contents, f) == EOF)
    {
        fclose(f);
        return false;
    }
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
    {
        fclose(f);
        return false;
    }
    return fclose(f) == 0;
}

/* Copy the first existing candidate of a sample file to dest; false if none or failure. */
static bool
copy_sample(const char *sample, const char *dest, bool *found)
{
    const char *const rel[] = {"../share/rustydb", "../conf", "../../conf", "../../../conf"};
    char        src[PATH_MAX * 2];
    FILE       *in = NULL;
    FILE       *out;
    char        buf[8192];
    size_t      n;

    *found = false;
    for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]) && in == NULL; i++)
    {
        snprintf(src, sizeof(src), "%s/%s/%s", bindir, rel[i], sample);
        in = fopen(src, "r");
    }
    if (in == NULL)
        return true;
    *found = true;
    out = fopen(dest, "w");
    if (out == NULL)
    {
        fclose(in);
        return false;
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
    {
        if (fwrite(buf, 1, n, out) != n)
        {
            fclose(in);
            fclose(out);
            return false;
        }
    }
    fclose(in);
    if (fflush(out) != 0 || fsync(fileno(out)) != 0)
    {
        fclose(out);
        return false;
    }
    return fclose(out) == 0;
}

static void
remove_tree(const char *path)
{
    DIR        *d = opendir(path);
    struct dirent *de;

    if (d == NULL)
    {
        unlink(path);
        return;
    }
    while ((de = readdir(d)) != NULL)
    {
        char        child[PATH_MAX * 2];
        struct stat st;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(child);
        else
            unlink(child);
    }
    closedir(d);
    rmdir(path);
}

static const char default_hba[] =
    "# rustydb_hba.conf -- client authentication (written by rustydb-initdb)\n"
    "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
    "local   all       all                 trust\n"
    "host    all       all   127.0.0.1/32  trust\n"
    "host    all       all   ::1/128       trust\n";

int
main(int argc, char **argv)
{
    const char *datadir = NULL;
    const char *superuser = NULL;
    bool        created_top = false;
    bool        found;
    int         empty;
    char        path[PATH_MAX * 2];
    char        server[PATH_MAX * 2];
    pid_t       pid;
    int         status;

    for (int i = 1; i < argc; i++)
    {
        const char *a = argv[i];

        if (strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0)
        {
            usage(stdout);
            return 0;
        }
        if ((strcmp(a, "-D") == 0 || strcmp(a, "--pgdata") == 0) && i + 1 < argc)
            datadir = argv[++i];
        else if (strncmp(a, "--pgdata=", 9) == 0)
            datadir = a + 9;
        else if ((strcmp(a, "-U") == 0 || strcmp(a, "--superuser") == 0 ||
                  strcmp(a, "--username") == 0) && i + 1 < argc)
            superuser = argv[++i];
        else if (strncmp(a, "--superuser=", 12) == 0)
            superuser = a + 12;
        else if (strncmp(a, "--username=", 11) == 0)
            superuser = a + 11;
        else
        {
            fprintf(stderr, "%s: error: invalid argument \"%s\"\n", PROGNAME, a);
            fprintf(stderr, "Try \"%s --help\" for more information.\n", PROGNAME);
            return 1;
        }
    }
    if (datadir == NULL)
        datadir = getenv("RUSTYDB_DATA");
    if (datadir == NULL)
    {
        fprintf(stderr, "%s: error: no instance directory specified\n", PROGNAME);
        fprintf(stderr, "You must identify the directory where the data for this instance "
                "will reside.  Do this with the invocation option -D.\n");
        return 1;
    }
    if (superuser == NULL)
    {
        struct passwd *pw = getpwuid(geteuid());

        if (pw == NULL)
        {
            fprintf(stderr, "%s: error: could not look up effective user ID %ld: %s\n",
                    PROGNAME, (long) geteuid(), errno ? strerror(errno) : "user does not exist");
            return 1;
        }
        static char os_user[256];   /* lives as long as the program: nothing to free */

        snprintf(os_user, sizeof(os_user), "%s", pw->pw_name);
        superuser = os_user;
    }
    if (superuser[0] == '\0' || strlen(superuser) > NAME_MAX_LEN)
    {
        fprintf(stderr, "%s: error: superuser name \"%s\" is invalid\n", PROGNAME, superuser);
        return 1;
    }
    if (strncmp(superuser, "pg_", 3) == 0)
    {
        fprintf(stderr, "%s: error: superuser name \"%s\" is disallowed; role names cannot "
                "begin with \"pg_\"\n", PROGNAME, superuser);
        return 1;
    }
    find_bindir(argv[0]);

    empty = dir_is_empty(datadir);
    if (empty < 0)
    {
        fprintf(stderr, "%s: error: could not access directory \"%s\": %s\n", PROGNAME,
                datadir, strerror(errno));
        return 1;
    }
    if (empty == 0)
    {
        fprintf(stderr, "%s: error: directory \"%s\" exists but is not empty\n", PROGNAME,
                datadir);
        fprintf(stderr, "If you want to create a new instance, either remove or empty the "
                "directory \"%s\" or run %s with an argument other than \"%s\".\n",
                datadir, PROGNAME, datadir);
        return 1;
    }
    created_top = access(datadir, F_OK) != 0;

    printf("The files belonging to this instance will be owned by user \"%s\".\n"
           "The database superuser will be \"%s\".\n\n", getpwuid(geteuid()) ?
           getpwuid(geteuid())->pw_name : "?", superuser);
    printf("creating directory %s ... ", datadir);
    fflush(stdout);
    if (!mkdir_p(datadir) || chmod(datadir, 0700) != 0)
        goto fail_errno;
    for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++)
    {
        snprintf(path, sizeof(path), "%s/%s", datadir, subdirs[i]);
        if (!mkdir_p(path))
            goto fail_errno;
    }
    printf("ok\ncreating configuration files ... ");
    fflush(stdout);
    snprintf(path, sizeof(path), "%s/rustydb.conf", datadir);
    if (!copy_sample("rustydb.conf.sample", path, &found))
        goto fail_errno;
    if (!found && !write_file(path, "# rustydb.conf -- see conf/rustydb.conf.sample\n"))
        goto fail_errno;
    snprintf(path, sizeof(path), "%s/rustydb.auto.conf", datadir);
    if (!write_file(path, "# Do not edit this file manually!\n"
                    "# It will be overwritten by the ALTER SYSTEM command.\n"))
        goto fail_errno;
    snprintf(path, sizeof(path), "%s/rustydb_hba.conf", datadir);
    if (!copy_sample("rustydb_hba.conf.sample", path, &found))
        goto fail_errno;
    if (!found && !write_file(path, default_hba))
        goto fail_errno;
    /*
     * An empty slow-query log: backends append to it only when a statement
     * is slow, but the operator's guide's daily script runs
     * "tail -20 .../logs/slow-query.log", which fails on a missing file.
     * (test/bin/guide_test.sh checks it.)
     */
    snprintf(path, sizeof(path), "%s/logs/slow-query.log", datadir);
    if (!write_file(path, "") || chmod(path, 0600) != 0)
        goto fail_errno;
    printf("ok\nrunning bootstrap script ... ");
    fflush(stdout);

    snprintf(server, sizeof(server), "%s/rustydb", bindir);
    pid = fork();
    if (pid < 0)
        goto fail_errno;
    if (pid == 0)
    {
        execl(server, "rustydb", "--boot", "-D", datadir, "--superuser", superuser,
              (char *) NULL);
        fprintf(stderr, "%s: error: could not execute \"%s\": %s\n", PROGNAME, server,
                strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
    {
        if (errno != EINTR)
            goto fail_errno;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        fprintf(stderr, "\n%s: error: bootstrap failed (%s %d)\n", PROGNAME,
                WIFEXITED(status) ? "exit code" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        goto fail;
    }
    printf("ok\n\nSuccess. You can now start the database server using:\n\n"
           "    %s/rustydb-ctl -D %s -l %s/logs/rustydb.log start\n\n", bindir, datadir,
           datadir);
    return 0;

fail_errno:
    fprintf(stderr, "\n%s: error: %s\n", PROGNAME, strerror(errno));
fail:
    fprintf(stderr, "%s: removing %s \"%s\"\n", PROGNAME,
            created_top ? "instance directory" : "contents of instance directory", datadir);
    if (created_top)
        remove_tree(datadir);
    else
    {
        DIR        *d = opendir(datadir);
        struct dirent *de;

        while (d != NULL && (de = readdir(d)) != NULL)
        {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof(path), "%s/%s", datadir, de->d_name);
            remove_tree(path);
        }
        if (d != NULL)
            closedir(d);
    }
    return 1;
}
