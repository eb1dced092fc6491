/*
 * pgstat_file.c
 *     Persistence of the shared statistics: data/global/rustydb_stats.
 * Entry points: PgStatWriteFile() (collector: periodically and at
 * shutdown), PgStatReadFile() (startup process, once per shared-memory
 * lifetime, also after a crash restart).
 *
 * Format (native byte order; the file is not portable between machines):
 *
 * | offset | size | content |
 * |---|---|---|
 * | 0 | 8 | magic "RDBSTAT\0" |
 * | 8 | 4 | format version (PGSTAT_FILE_VERSION) |
 * | 12 | 4 | number of sections |
 * | 16 | 8 | stats_reset (TimestampTz) |
 * | 24 | ... | sections: kind (4), entry size (4), count (4), entries |
 * | end-4 | 4 | CRC32C of every byte before it |
 *
 * A section whose entry size differs from this build's is skipped (the
 * struct changed); a bad magic, version or CRC discards the whole file.
 * Written as temp file + fsync + rename + directory fsync, so a crash leaves
 * either the old or the new file.
 */
#include "rustydb.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/crc32c.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "pgstat_int.h"
#include "storage/fd.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#define PGSTAT_FILE_MAGIC "RDBSTAT"
#define PGSTAT_FILE_VERSION 1

typedef struct FileHeader
{
    char        magic[8];
    uint32      version;
    uint32      nsections;
    int64       stats_reset;
} FileHeader;

typedef struct SectionHeader
{
    uint32      kind;
    uint32      entry_size;
    uint32      count;
} SectionHeader;

static void
path_of(char *buf, size_t size, const char *suffix)
{
    snprintf(buf, size, "%s/%s/%s%s", DataDir, INSTANCE_DATA_SUBDIR, PGSTAT_STAT_FILE, suffix);
}

static bool
write_all_fd(int fd, const char *buf, size_t len)
{
    while (len > 0)
    {
        ssize_t     n = write(fd, buf, len);

        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            return false;
        }
        buf += n;
        len -= (size_t) n;
    }
    return true;
}

bool
PgStatWriteFile(void)
{
    char        path[4096];
    char        tmp[4096];
    char        dir[4096];
    FileHeader  hdr;
    char       *buf;
    Size        len = 0;
    Size        cap = 1 << 16;
    uint32      crc;
    int         fd;
    bool        ok;

    if (PgStatShmem == NULL || DataDir == NULL)
        return false;
    buf = palloc(cap);
#define PUT(p, n) \
    do { \
        while (len + (n) > cap) \
        { \
            cap *= 2; \
            buf = repalloc(buf, cap); \
        } \
        memcpy(buf + len, (p), (n)); \
        len += (n); \
    } while (0)

    memset(&hdr, 0, sizeof(hdr));
    memcpy(hdr.magic, PGSTAT_FILE_MAGIC, sizeof(PGSTAT_FILE_MAGIC));
    hdr.version = PGSTAT_FILE_VERSION;
    hdr.nsections = PGSTAT_NUM_KINDS;
    hdr.stats_reset = atomic_load(&PgStatShmem->stats_reset);
    PUT(&hdr, sizeof(hdr));
    for (int k = 0; k < PGSTAT_NUM_KINDS; k++)
    {
        SectionHeader sh = {(uint32) k, (uint32) pgstat_kinds[k].entry_size, 0};
        Size        sh_pos = len;
        Size        esz = pgstat_kinds[k].entry_size;

        PUT(&sh, sizeof(sh));
        for (int p = 0; p < PGSTAT_NUM_PARTITIONS; p++)
        {
            LWLock     *lock = &PgStatShmem->locks[k][p];
            int         n = PgStatShmem->slots_per_partition[k];

            LWLockAcquire(lock, LW_SHARED);
            for (int i = 0; i < n; i++)
            {
                PgStatSlot *slot = (PgStatSlot *) (PgStatShmem->slots[k] +
                                                   ((Size) p * (Size) n + (Size) i) * PgStatShmem->slot_size[k]);

                if (slot->state != PGSTAT_SLOT_USED)
                    continue;
                PUT((char *) slot + PGSTAT_SLOT_HDR, esz);
                sh.count++;
            }
            LWLockRelease(lock);
        }
        memcpy(buf + sh_pos, &sh, sizeof(sh));
    }
    crc = Crc32c(buf, len);
    PUT(&crc, sizeof(crc));
#undef PUT

    path_of(path, sizeof(path), "");
    path_of(tmp, sizeof(tmp), ".tmp");
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        ereport(LOG, errcode_for_file_access(), errmsg("could not create statistics file \"%s\": %m", tmp));
        pfree(buf);
        return false;
    }
    ok = write_all_fd(fd, buf, len);
    if (!ok)
        ereport(LOG, errcode_for_file_access(), errmsg("could not write statistics file \"%s\": %m", tmp));
    else if (fsync(fd) != 0)
    {
        ereport(LOG, errcode_for_file_access(), errmsg("could not fsync statistics file \"%s\": %m", tmp));
        ok = false;
    }
    if (close(fd) != 0 && ok)
    {
        ereport(LOG, errcode_for_file_access(), errmsg("could not close statistics file \"%s\": %m", tmp));
        ok = false;
    }
    pfree(buf);
    if (!ok)
    {
        (void) unlink(tmp);
        return false;
    }
    if (rename(tmp, path) != 0)
    {
        ereport(LOG, errcode_for_file_access(),
                errmsg("could not rename statistics file \"%s\" to \"%s\": %m", tmp, path));
        (void) unlink(tmp);
        return false;
    }
    snprintf(dir, sizeof(dir), "%s/%s/global", DataDir, INSTANCE_DATA_SUBDIR);
    fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
    {
        if (fsync(fd) != 0)
            ereport(LOG, errcode_for_file_access(), errmsg("could not fsync directory \"%s\": %m", dir));
        close(fd);
    }
    atomic_store(&PgStatShmem->last_write_us, (int64) TimestampTzToUnixMicros(GetCurrentTimestamp()));
    return true;
}

bool
PgStatReadFile(void)
{
    char        path[4096];
    struct stat st;
    char       *buf;
    Size        len;
    Size        pos;
    int         fd;
    FileHeader  hdr;
    uint32      crc;
    int64       loaded = 0;

    if (PgStatShmem == NULL || DataDir == NULL)
        return false;
    if (atomic_exchange(&PgStatShmem->loaded, true))
        return true;
    path_of(path, sizeof(path), "");
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        if (errno != ENOENT)
            ereport(LOG, errcode_for_file_access(), errmsg("could not open statistics file \"%s\": %m", path));
        return false;
    }
    if (fstat(fd, &st) != 0 || st.st_size < (off_t) (sizeof(FileHeader) + sizeof(uint32)))
    {
        ereport(LOG, errcode(ERRCODE_DATA_CORRUPTED), errmsg("statistics file \"%s\" is truncated; ignored", path));
        close(fd);
        return false;
    }
    len = (Size) st.st_size;
    buf = palloc(len);
    for (pos = 0; pos < len;)
    {
        ssize_t     n = read(fd, buf + pos, len - pos);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            ereport(LOG, errcode_for_file_access(), errmsg("could not read statistics file \"%s\": %m", path));
            close(fd);
            pfree(buf);
            return false;
        }
        pos += (Size) n;
    }
    close(fd);
    memcpy(&crc, buf + len - sizeof(crc), sizeof(crc));
    memcpy(&hdr, buf, sizeof(hdr));
    if (memcmp(hdr.magic, PGSTAT_FILE_MAGIC, sizeof(PGSTAT_FILE_MAGIC)) != 0 ||
        hdr.version != PGSTAT_FILE_VERSION || Crc32c(buf, len - sizeof(crc)) != crc)
    {
        ereport(LOG, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("statistics file \"%s\" is corrupt (magic, version or checksum); ignored", path));
        pfree(buf);
        return false;
    }
    atomic_store(&PgStatShmem->stats_reset, hdr.stats_reset);
    pos = sizeof(hdr);
    len -= sizeof(crc);
    for (uint32 s = 0; s < hdr.nsections && pos + sizeof(SectionHeader) <= len; s++)
    {
        SectionHeader sh;

        memcpy(&sh, buf + pos, sizeof(sh));
        pos += sizeof(sh);
        if ((Size) sh.count * sh.entry_size > len - pos)
            break;
        if (sh.kind < PGSTAT_NUM_KINDS && sh.entry_size == pgstat_kinds[sh.kind].entry_size)
        {
            PgStatKind  k = (PgStatKind) sh.kind;

            for (uint32 i = 0; i < sh.count; i++)
            {
                const char *src = buf + pos + (Size) i * sh.entry_size;
                uint32      hash = pgstat_hash_key(src, pgstat_kinds[k].key_size);
                LWLock     *lock = pgstat_partition_lock(k, hash);
                void       *e;

                LWLockAcquire(lock, LW_EXCLUSIVE);
                e = pgstat_entry_lookup(k, src, hash, true);
                if (e)
                {
                    memcpy(e, src, sh.entry_size);
                    loaded++;
                }
                LWLockRelease(lock);
            }
        }
        pos += (Size) sh.count * sh.entry_size;
    }
    pfree(buf);
    ereport(LOG, errmsg("statistics restored from \"%s\": %lld entries", PGSTAT_STAT_FILE, (long long) loaded));
    return true;
}
