/*
 * spin.c
 *     Slow path of spinlock acquisition: spin with a pause hint, then sleep
 *     in growing steps; PANIC if the lock looks stuck.
 * Entry point: SpinLockAcquireSlow() (the fast path is inline in spin.h).
 * Rules for holders: see storage/spin.h and the README in this directory.
 */
#include "rustydb.h"

#include <time.h>

#include "storage/spin.h"
#include "utils/elog.h"

#define SPINS_BEFORE_SLEEP 1000
#define MIN_DELAY_US 1000
#define MAX_DELAY_US 100000
/* A spinlock held this long is a bug (a holder died or called something slow). */
#define STUCK_SPINLOCK_US (60LL * 1000 * 1000)

static void
sleep_us(long us)
{
    struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000};

    /* EINTR: returning early only shortens one back-off step. */
    (void) nanosleep(&ts, NULL);
}

/*
 * SpinLockAcquireSlow -- loop until the lock is ours.  Test-and-test-and-set:
 * read the word relaxed while it is held, so waiters do not bounce the cache
 * line with writes.  Sleeps grow by ~1.5x between MIN and MAX_DELAY_US.
 */
void
SpinLockAcquireSlow(slock_t *lock, const char *file, int line)
{
    int         spins = 0;
    long        delay_us = 0;
    long long   slept_us = 0;

    for (;;)
    {
        if (SpinLockIsFree(lock) && SpinLockTryAcquire(lock))
            return;
        SpinDelayHint();
        if (++spins < SPINS_BEFORE_SLEEP)
            continue;
        spins = 0;
        if (delay_us == 0)
            delay_us = MIN_DELAY_US;
        else
            delay_us = Min(delay_us + delay_us / 2, MAX_DELAY_US);
        sleep_us(delay_us);
        slept_us += delay_us;
        if (slept_us > STUCK_SPINLOCK_US)
            ereport(PANIC, errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg_internal("stuck spinlock detected at %s:%d", file, line));
    }
}
