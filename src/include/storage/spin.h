/*
 * spin.h
 *     Spinlocks on C11 atomics: test-and-test-and-set with exponential
 *     back-off, for critical sections of a handful of instructions.
 * Implemented in src/backend/storage/lmgr/spin.c (slow path only).
 *
 * Rules (STYLE.md §6): never call anything that can ereport, allocate or
 * sleep while holding a spinlock; never hold two unless the order is
 * documented.  A spinlock that stays taken for ~1 minute PANICs ("stuck
 * spinlock"): that is always a bug.
 */
#ifndef STORAGE_SPIN_H
#define STORAGE_SPIN_H

#include <stdatomic.h>

#include "rustydb.h"

typedef struct slock_t
{
    atomic_uint value;          /* 0 free, 1 held */
} slock_t;

/* spin.c: called when the fast path fails; spins, then sleeps in small steps. */
extern void SpinLockAcquireSlow(slock_t *lock, const char *file, int line);

static inline void
SpinLockInit(slock_t *lock)
{
    atomic_init(&lock->value, 0);
}

static inline bool
SpinLockTryAcquire(slock_t *lock)
{
    return atomic_exchange_explicit(&lock->value, 1, memory_order_acquire) == 0;
}

#define SpinLockAcquire(lock) \
    do { \
        if (!SpinLockTryAcquire(lock)) \
            SpinLockAcquireSlow((lock), __FILE__, __LINE__); \
    } while (0)

static inline void
SpinLockRelease(slock_t *lock)
{
    atomic_store_explicit(&lock->value, 0, memory_order_release);
}

static inline bool
SpinLockIsFree(slock_t *lock)
{
    return atomic_load_explicit(&lock->value, memory_order_relaxed) == 0;
}

/* The CPU pause hint used inside spin loops. */
static inline void
SpinDelayHint(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif                          /* STORAGE_SPIN_H */
