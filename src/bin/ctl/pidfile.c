/*
 * pidfile.c
 *     Read and parse the postmaster's lock file DIR/postmaster.pid, and tell
 *     whether the process it names is alive.
 * Entry points: CtlPidFileParse() (pure), CtlPidFileRead(), CtlPidFilePath(),
 * CtlProcessIsAlive().  The file format is documented in ctl_int.h and the
 * README; the postmaster is its only writer.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_int.h"

#define CTL_PID_FILE_MAX_BYTES 8192

static void copy_line(char *dst, size_t size, const char *src, size_t len);
static bool parse_long(const char *text, size_t len, long long *value);

/* copy_line -- copy a line without its trailing blanks (the status word is padded). */
static void
copy_line(char *dst, size_t size, const char *src, size_t len)
{
    while (len > 0 && isspace((unsigned char) src[len - 1]))
        len--;
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* parse_long -- whole-line decimal integer, surrounding blanks allowed. */
static bool
parse_long(const char *text, size_t len, long long *value)
{
    char        buf[32];
    char       *end;

    copy_line(buf, sizeof(buf), text, len);
    errno = 0;
    *value = strtoll(buf, &end, 10);
    while (isspace((unsigned char) *end))
        end++;
    return errno == 0 && end != buf && *end == '\0';
}

/*
 * CtlPidFileParse -- fill out from the text of a pid file.  Returns false
 * if the first line is not a positive PID or a later numeric line is
 * malformed (e.g. the file was read while half-written).  Missing trailing
 * lines are not an error: out->nlines says how many there were.
 */
bool
CtlPidFileParse(const char *text, CtlPidFile *out)
{
    const char *p = text;
    int         line = 0;

    memset(out, 0, sizeof(*out));
    while (*p != '\0')
    {
        const char *nl = strchr(p, '\n');
        size_t      len = nl ? (size_t) (nl - p) : strlen(p);
        long long   value;

        line++;
        switch (line)
        {
            case 1:
                if (!parse_long(p, len, &value) || value <= 0 || value > INT_MAX)
                    return false;
                out->pid = (pid_t) value;
                break;
            case 2:
                copy_line(out->instance_dir, sizeof(out->instance_dir), p, len);
                break;
            case 3:
                if (!parse_long(p, len, &value))
                    return false;
                out->start_time = value;
                break;
            case 4:
                if (!parse_long(p, len, &value) || value < 0 || value > 65535)
                    return false;
                out->port = (int) value;
                break;
            case 5:
                copy_line(out->socket_dir, sizeof(out->socket_dir), p, len);
                break;
            case 6:
                copy_line(out->listen_addr, sizeof(out->listen_addr), p, len);
                break;
            case 7:
                copy_line(out->status, sizeof(out->status), p, len);
                break;
            default:
                break;          /* later lines are reserved: ignore */
        }
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    out->nlines = line;
    return line >= 1;
}

/* CtlPidFilePath -- DIR/postmaster.pid into path[size]. */
void
CtlPidFilePath(const char *data_dir, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", data_dir, CTL_PID_FILE_NAME);
}

/*
 * CtlPidFileRead -- read and parse DIR/postmaster.pid.  On
 * CTL_PID_UNREADABLE errno describes the failure.
 */
CtlPidFileState
CtlPidFileRead(const char *data_dir, CtlPidFile *out)
{
    char        path[PATH_MAX + 32];
    char        text[CTL_PID_FILE_MAX_BYTES];
    FILE       *f;
    size_t      n;
    int         saved_errno;

    CtlPidFilePath(data_dir, path, sizeof(path));
    f = fopen(path, "r");
    if (f == NULL)
        return errno == ENOENT ? CTL_PID_MISSING : CTL_PID_UNREADABLE;
    n = fread(text, 1, sizeof(text) - 1, f);
    if (ferror(f))
    {
        saved_errno = errno;
        fclose(f);
        errno = saved_errno;
        return CTL_PID_UNREADABLE;
    }
    fclose(f);
    text[n] = '\0';
    return CtlPidFileParse(text, out) ? CTL_PID_OK : CTL_PID_INVALID;
}

/*
 * CtlProcessIsAlive -- true if a process with this pid exists.  EPERM
 * means it exists but belongs to another user, which still counts.
 */
bool
CtlProcessIsAlive(pid_t pid)
{
    if (pid <= 0)
        return false;
    return kill(pid, 0) == 0 || errno == EPERM;
}
