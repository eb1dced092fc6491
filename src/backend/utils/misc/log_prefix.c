/*
 * log_prefix.c
 *     Expands log_line_prefix for the error reporter (LogLinePrefixHook).
 * Entry point: GucLogLinePrefix() (installed by GucInitialize()).
 *
 * Escapes, as PostgreSQL's: %m time with milliseconds, %t time, %n Unix
 * time with milliseconds, %p pid, %s process start time, %u user, %d
 * database, %a application_name, %h remote host, %r host and port, %b
 * process type, %c session id, %l line number within the process, %e
 * SQLSTATE of the entry (00000 for LOG and below), %q end of prefix in
 * processes without a session, %% percent.  Every line of an entry (DETAIL,
 * HINT, STATEMENT...) gets the prefix, with the entry's time and the next
 * line number, as PostgreSQL.  Times are UTC (log_timezone is not applied
 * yet).  Unknown escapes are dropped.
 */
#include "rustydb.h"

#include <sys/time.h>
#include <time.h>

#include "guc_int.h"
#include "libpq/libpq-be.h"
#include "miscadmin.h"
#include "utils/elog.h"

#define LOG_PREFIX_MAX 1024

static char prefix_buf[LOG_PREFIX_MAX];
static long line_number = 0;
static struct timeval entry_time;   /* time of the entry being written */

/* Append s (bounded) at *len. */
static void
put(size_t *len, const char *s)
{
    while (*s && *len < sizeof(prefix_buf) - 1)
        prefix_buf[(*len)++] = *s++;
    prefix_buf[*len] = '\0';
}

static void
format_time(char *out, size_t outlen, int64 unix_us, bool millis)
{
    time_t      secs = (time_t) (unix_us / 1000000);
    struct tm   tm;
    char        base[32];

    gmtime_r(&secs, &tm);
    strftime(base, sizeof(base), "%Y-%m-%d %H:%M:%S", &tm);
    if (millis)
        snprintf(out, outlen, "%s.%03d UTC", base, (int) (unix_us / 1000 % 1000));
    else
        snprintf(out, outlen, "%s UTC", base);
}

/*
 * GucLogLinePrefix -- the prefix of one line of the entry edata, expanded in
 * a static buffer (the reporter copies it at once), or NULL before the
 * settings exist (the reporter then uses its built-in format).  first_line:
 * a new entry (its time is taken now); later lines reuse that time.  Must
 * not allocate or raise errors.
 */
const char *
GucLogLinePrefix(const ErrorData *edata, bool first_line)
{
    const char *fmt = LogLinePrefix;
    size_t      len = 0;
    struct timeval tv;
    int64       now_us;
    char        tmp[64];
    const Port *port = MyProcPort;

    if (fmt == NULL)
        return NULL;
    if (first_line || entry_time.tv_sec == 0)
        gettimeofday(&entry_time, NULL);
    tv = entry_time;
    now_us = (int64) tv.tv_sec * 1000000 + tv.tv_usec;
    line_number++;
    prefix_buf[0] = '\0';
    for (const char *p = fmt; *p && len < sizeof(prefix_buf) - 1; p++)
    {
        if (*p != '%' || p[1] == '\0')
        {
            prefix_buf[len++] = *p;
            prefix_buf[len] = '\0';
            continue;
        }
        p++;
        tmp[0] = '\0';
        switch (*p)
        {
            case 'm':
                format_time(tmp, sizeof(tmp), now_us, true);
                break;
            case 't':
                format_time(tmp, sizeof(tmp), now_us, false);
                break;
            case 'n':
                snprintf(tmp, sizeof(tmp), "%lld.%03d", (long long) tv.tv_sec, (int) (tv.tv_usec / 1000));
                break;
            case 's':
                format_time(tmp, sizeof(tmp), MyStartTimeUs, false);
                break;
            case 'p':
                snprintf(tmp, sizeof(tmp), "%d", (int) (MyProcPid ? MyProcPid : 0));
                break;
            case 'l':
                snprintf(tmp, sizeof(tmp), "%ld", line_number);
                break;
            case 'e':
                SqlstateToString(edata ? edata->sqlerrcode : 0, tmp);
                break;
            case 'c':
                snprintf(tmp, sizeof(tmp), "%llx.%x", (long long) (MyStartTimeUs / 1000000), (unsigned) MyProcPid);
                break;
            case 'b':
                put(&len, ProcessRoleName ? ProcessRoleName : "");
                break;
            case 'u':
                put(&len, MyRoleName ? MyRoleName : (port && port->user_name ? port->user_name : ""));
                break;
            case 'd':
                put(&len, MyDatabaseName ? MyDatabaseName : (port && port->database_name ? port->database_name : ""));
                break;
            case 'a':
                put(&len, port && ApplicationName ? ApplicationName : "");
                break;
            case 'h':
                put(&len, port && port->remote_host ? port->remote_host : "");
                break;
            case 'r':
                if (port && port->remote_host)
                {
                    put(&len, port->remote_host);
                    if (port->remote_port && port->remote_port[0])
                    {
                        put(&len, "(");
                        put(&len, port->remote_port);
                        put(&len, ")");
                    }
                }
                break;
            case 'q':
                if (port == NULL)
                    return prefix_buf;
                break;
            case '%':
                put(&len, "%");
                break;
            default:
                break;
        }
        put(&len, tmp);
    }
    return prefix_buf;
}
