/*
 * sysstats.c
 *     Operating-system figures for the admin API, read from /proc for the
 *     postmaster and every process it started: CPU use over a sliding
 *     window, memory (proportional set size), storage I/O; and the
 *     transaction rate over the same window from the shared counters.
 * Entry points: AdminSampleTick(), AdminGetProcStats(),
 * AdminTransactionsPerSecond(), AdminReadPidFile(); see admin_int.h.
 *
 * CPU: every second AdminSampleTick() reads utime+stime of each server
 * process; the CPU used in an interval is the sum, over processes alive at
 * both ends, of their tick difference (a process that exited in between is
 * missed for that second rather than counted negative).  The percentage is
 * of the whole machine (all CPUs = 100), averaged over the last
 * ADMIN_SAMPLE_WINDOW intervals.
 *
 * Memory: PSS (from smaps_rollup) splits shared memory between the
 * processes mapping it, so the sum is the server's real footprint; RSS would
 * count the shared buffer pool once per process.
 */
#include "rustydb.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "admin/admin.h"
#include "admin_int.h"
#include "miscadmin.h"
#include "postmaster/postmaster.h"
#include "storage/fd.h"
#include "utils/elog.h"

#define ADMIN_SAMPLE_WINDOW 10      /* intervals (seconds) averaged */
#define ADMIN_MAX_TRACKED_PIDS 1024

typedef struct PidTicks
{
    pid_t       pid;
    uint64      ticks;
} PidTicks;

/* The previous CPU sample (process-local: only the admin process samples). */
static PidTicks prev_ticks[ADMIN_MAX_TRACKED_PIDS];
static int  prev_nticks = 0;
static int64 prev_sample_us = 0;

/* Ring of the last intervals: CPU seconds used, wall seconds, transaction ends. */
typedef struct Interval
{
    double      cpu_seconds;
    double      wall_seconds;
} Interval;

static Interval intervals[ADMIN_SAMPLE_WINDOW];
static int  ninterval = 0;
static int  next_interval = 0;

typedef struct TxnSample
{
    int64       at_us;
    uint64      ends;           /* commits + rollbacks */
} TxnSample;

static TxnSample txn_samples[ADMIN_SAMPLE_WINDOW + 1];
static int  ntxn = 0;
static int  next_txn = 0;

/* read_small_file -- up to buflen-1 bytes of path, NUL-terminated; -1 on error. */
static ssize_t
read_small_file(const char *path, char *buf, size_t buflen)
{
    int         fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t     n;
    size_t      total = 0;

    if (fd < 0)
        return -1;
    while (total < buflen - 1)
    {
        n = read(fd, buf + total, buflen - 1 - total);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        total += (size_t) n;
    }
    close(fd);
    buf[total] = '\0';
    return (ssize_t) total;
}

bool
AdminReadPidFile(pid_t *pm_pid, int64 *start_time, char *status, size_t status_len)
{
    char        path[1024];
    char        buf[4096];
    char       *line;
    char       *save = NULL;
    int         lineno = 0;

    if (DataDir == NULL)
        return false;
    snprintf(path, sizeof(path), "%s/%s", DataDir, INSTANCE_PID_FILE);
    if (read_small_file(path, buf, sizeof(buf)) < 0)
        return false;
    *pm_pid = 0;
    *start_time = 0;
    if (status_len > 0)
        status[0] = '\0';
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
    {
        lineno++;
        if (lineno == PIDFILE_LINE_PID)
            *pm_pid = (pid_t) strtol(line, NULL, 10);
        else if (lineno == PIDFILE_LINE_START_TIME)
            *start_time = strtoll(line, NULL, 10);
        else if (lineno == PIDFILE_LINE_STATUS && status_len > 0)
            snprintf(status, status_len, "%s", line);
    }
    return *pm_pid > 0;
}

/* postmaster_pid -- our parent while it lives, else what postmaster.pid says. */
static pid_t
postmaster_pid(void)
{
    pid_t       ppid = getppid();
    pid_t       from_file;
    int64       start;

    if (ppid > 1 && IsUnderPostmaster)
        return ppid;
    if (AdminReadPidFile(&from_file, &start, NULL, 0))
        return from_file;
    return getpid();
}

/*
 * parse_stat -- ppid and utime+stime from /proc/<pid>/stat.  The command
 * name (field 2) may contain blanks and parentheses: parse after the last ')'.
 */
static bool
parse_stat(pid_t pid, pid_t *ppid, uint64 *ticks)
{
    char        path[64];
    char        buf[1024];
    char       *p;
    unsigned long long utime,
                stime;
    int         parent;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    if (read_small_file(path, buf, sizeof(buf)) <= 0)
        return false;
    if ((p = strrchr(buf, ')')) == NULL)
        return false;
    /* fields from 3: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime */
    if (sscanf(p + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &parent, &utime, &stime) != 3)
        return false;
    *ppid = (pid_t) parent;
    *ticks = utime + stime;
    return true;
}

/*
 * server_pids -- the postmaster and its children into pids (at most max);
 * with their CPU ticks when ticks is not NULL.  Returns the count, -1 if
 * /proc cannot be read.
 */
static int
server_pids(pid_t *pids, uint64 *ticks, int max)
{
    pid_t       pm = postmaster_pid();
    DIR        *dir = opendir("/proc");
    struct dirent *de;
    int         n = 0;

    if (dir == NULL)
        return -1;
    while ((de = readdir(dir)) != NULL && n < max)
    {
        pid_t       pid,
                    ppid;
        uint64      t;

        if (!isdigit((unsigned char) de->d_name[0]))
            continue;
        pid = (pid_t) strtol(de->d_name, NULL, 10);
        if (!parse_stat(pid, &ppid, &t))
            continue;
        if (pid != pm && ppid != pm)
            continue;
        pids[n] = pid;
        if (ticks)
            ticks[n] = t;
        n++;
    }
    closedir(dir);
    return n;
}

void
AdminSampleTick(void)
{
    static pid_t pids[ADMIN_MAX_TRACKED_PIDS];
    static uint64 ticks[ADMIN_MAX_TRACKED_PIDS];
    int64       now = AdminNowUs();
    int         n = server_pids(pids, ticks, ADMIN_MAX_TRACKED_PIDS);
    AdminCounters counters;

    if (n >= 0)
    {
        if (prev_sample_us != 0 && now > prev_sample_us)
        {
            uint64      used = 0;
            long        hz = sysconf(_SC_CLK_TCK);

            for (int i = 0; i < n; i++)
                for (int j = 0; j < prev_nticks; j++)
                    if (prev_ticks[j].pid == pids[i])
                    {
                        if (ticks[i] > prev_ticks[j].ticks)
                            used += ticks[i] - prev_ticks[j].ticks;
                        break;
                    }
            intervals[next_interval].cpu_seconds = (double) used / (double) (hz > 0 ? hz : 100);
            intervals[next_interval].wall_seconds = (double) (now - prev_sample_us) / 1e6;
            next_interval = (next_interval + 1) % ADMIN_SAMPLE_WINDOW;
            if (ninterval < ADMIN_SAMPLE_WINDOW)
                ninterval++;
        }
        for (int i = 0; i < n; i++)
        {
            prev_ticks[i].pid = pids[i];
            prev_ticks[i].ticks = ticks[i];
        }
        prev_nticks = n;
        prev_sample_us = now;
    }

    AdminGetCounters(&counters);
    txn_samples[next_txn].at_us = now;
    txn_samples[next_txn].ends = counters.commits + counters.rollbacks;
    next_txn = (next_txn + 1) % lengthof(txn_samples);
    if (ntxn < (int) lengthof(txn_samples))
        ntxn++;
}

double
AdminTransactionsPerSecond(double *window_seconds)
{
    const TxnSample *newest;
    const TxnSample *oldest;
    double      dt;

    *window_seconds = 0;
    if (ntxn < 2)
        return -1;
    newest = &txn_samples[(next_txn - 1 + (int) lengthof(txn_samples)) % (int) lengthof(txn_samples)];
    oldest = &txn_samples[(next_txn - ntxn + (int) lengthof(txn_samples)) % (int) lengthof(txn_samples)];
    dt = (double) (newest->at_us - oldest->at_us) / 1e6;
    if (dt <= 0)
        return -1;
    *window_seconds = dt;
    return newest->ends >= oldest->ends ? (double) (newest->ends - oldest->ends) / dt : 0;
}

/* meminfo_total -- MemTotal in bytes, 0 if unknown. */
static uint64
meminfo_total(void)
{
    char        buf[4096];
    char       *p;

    if (read_small_file("/proc/meminfo", buf, sizeof(buf)) <= 0)
        return 0;
    if ((p = strstr(buf, "MemTotal:")) == NULL)
        return 0;
    return strtoull(p + strlen("MemTotal:"), NULL, 10) * 1024;
}

/* key_value_kb -- the number after "key" in a /proc text file, in bytes (kB lines). */
static bool
field_after(const char *text, const char *key, uint64 *out)
{
    const char *p = strstr(text, key);

    if (p == NULL)
        return false;
    *out = strtoull(p + strlen(key), NULL, 10);
    return true;
}

/* Longest a /proc figure (memory, I/O) is reused before being read again, ms. */
#define ADMIN_PROC_STATS_MAX_AGE_MS 500

static void sample_proc_stats(AdminProcStats *out);

void
AdminGetProcStats(AdminProcStats *out)
{
    /*
     * Reading smaps_rollup and io of every server process costs about a
     * millisecond per process: under load (many scrapes per second) reuse
     * a result younger than ADMIN_PROC_STATS_MAX_AGE_MS.  The CPU figure is
     * per sampling window anyway.
     */
    static AdminProcStats cached;
    static int64 cached_at_us = 0;
    int64       now = AdminNowUs();

    if (cached_at_us != 0 && now >= cached_at_us && now - cached_at_us < ADMIN_PROC_STATS_MAX_AGE_MS * 1000)
    {
        *out = cached;
        return;
    }
    sample_proc_stats(out);
    cached = *out;
    cached_at_us = now;
}

/* sample_proc_stats -- AdminGetProcStats without the cache. */
static void
sample_proc_stats(AdminProcStats *out)
{
    pid_t       pids[ADMIN_MAX_TRACKED_PIDS];
    int         n = server_pids(pids, NULL, ADMIN_MAX_TRACKED_PIDS);
    uint64      total_mem = meminfo_total();
    long        ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    long        page = sysconf(_SC_PAGESIZE);
    double      cpu = 0,
                wall = 0;

    memset(out, 0, sizeof(*out));
    out->cpu_usage_percent = -1;
    if (n < 0)
        return;
    out->valid = true;
    out->nprocesses = n;
    out->io_valid = true;
    for (int i = 0; i < n; i++)
    {
        char        path[64];
        char        buf[4096];
        uint64      v;

        snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int) pids[i]);
        if (read_small_file(path, buf, sizeof(buf)) > 0 && field_after(buf, "\nPss:", &v))
            out->memory_bytes += v * 1024;
        else
        {
            unsigned long long size,
                        resident;

            snprintf(path, sizeof(path), "/proc/%d/statm", (int) pids[i]);
            if (read_small_file(path, buf, sizeof(buf)) > 0 &&
                sscanf(buf, "%llu %llu", &size, &resident) == 2)
                out->memory_bytes += (uint64) resident * (uint64) (page > 0 ? page : 4096);
        }
        snprintf(path, sizeof(path), "/proc/%d/io", (int) pids[i]);
        if (read_small_file(path, buf, sizeof(buf)) > 0 &&
            field_after(buf, "\nread_bytes:", &v))
        {
            out->io_read_bytes += v;
            if (field_after(buf, "\nwrite_bytes:", &v))
                out->io_write_bytes += v;
        }
        else
            out->io_valid = false;     /* some process unreadable: the sum would lie */
    }
    if (total_mem > 0)
        out->memory_percent = 100.0 * (double) out->memory_bytes / (double) total_mem;
    for (int i = 0; i < ninterval; i++)
    {
        cpu += intervals[i].cpu_seconds;
        wall += intervals[i].wall_seconds;
    }
    if (wall > 0)
        out->cpu_usage_percent = 100.0 * cpu / wall / (double) (ncpu > 0 ? ncpu : 1);
}
