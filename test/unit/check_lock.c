/*
 * check_lock.c
 *     Unit tests for the heavyweight lock manager: conflicts, waiting and
 *     wake-up, deadlock detection and lock_timeout, with real processes
 *     (fork) sharing one shared memory segment.
 */
#include "rustydb.h"

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "utils/elog.h"
#include "utils/guc.h"

static char tmpdir[64];

static void
setup(void)
{
    strcpy(tmpdir, "/tmp/rdb_lock_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    StorageInitForTests(tmpdir, 64);
    LogMinMessages = PANIC;
    MyDatabaseId = 5;
    DeadlockTimeoutMs = 100;
    LockTimeoutMs = 0;
}

static void
teardown(void)
{
    char        cmd[128];

    LockReleaseAll();
    StorageShutdownForTests();
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* In a forked child: take a proc slot of our own (the parent's is inherited). */
static void
child_attach(void)
{
    MyProc = NULL;
    MyProcNumber = -1;
    if (!StorageAttachProcess(B_BACKEND))
        _exit(90);
}

static int
child_status(pid_t pid)
{
    int         status;

    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

START_TEST(conflicting_request_fails_without_waiting)
{
    pid_t       pid;

    LockRelationOid(100, AccessExclusiveLock);
    pid = fork();
    if (pid == 0)
    {
        child_attach();
        if (ConditionalLockRelationOid(100, AccessShareLock))
            _exit(1);
        if (!ConditionalLockRelationOid(101, AccessShareLock))
            _exit(2);
        LockReleaseAll();
        _exit(0);
    }
    ck_assert_int_eq(child_status(pid), 0);
    UnlockRelationOid(100, AccessExclusiveLock);
}
END_TEST

START_TEST(compatible_modes_are_shared)
{
    pid_t       pid;

    LockRelationOid(200, RowExclusiveLock);
    pid = fork();
    if (pid == 0)
    {
        child_attach();
        if (!ConditionalLockRelationOid(200, RowExclusiveLock))
            _exit(1);
        if (ConditionalLockRelationOid(200, ShareLock))
            _exit(2);
        LockReleaseAll();
        _exit(0);
    }
    ck_assert_int_eq(child_status(pid), 0);
    ck_assert(LockModesConflict(ShareLock, RowExclusiveLock));
    ck_assert(!LockModesConflict(AccessShareLock, ExclusiveLock));
}
END_TEST

START_TEST(waiter_is_granted_after_release)
{
    pid_t       pid;
    int         status;

    LockRelationOid(300, AccessExclusiveLock);
    pid = fork();
    if (pid == 0)
    {
        child_attach();
        LockRelationOid(300, AccessShareLock);
        LockReleaseAll();
        _exit(0);
    }
    for (int i = 0; i < 50 && LockWaitingCount() == 0; i++)
        usleep(20000);
    ck_assert_int_eq(LockWaitingCount(), 1);
    ck_assert_int_eq(waitpid(pid, &status, WNOHANG), 0);
    UnlockRelationOid(300, AccessExclusiveLock);
    ck_assert_int_eq(child_status(pid), 0);
    ck_assert_int_eq(LockWaitingCount(), 0);
}
END_TEST

START_TEST(deadlock_is_detected_and_victim_gets_40P01)
{
    int         fds[2];
    pid_t       pid;
    char        c;
    uint64      before = LockDeadlockCount();

    ck_assert_int_eq(pipe(fds), 0);
    LockRelationOid(400, AccessExclusiveLock);
    pid = fork();
    if (pid == 0)
    {
        volatile int code = 1;

        child_attach();
        LockRelationOid(401, AccessExclusiveLock);
        if (write(fds[1], "x", 1) != 1)
            _exit(3);
        RDB_TRY();
        {
            LockRelationOid(400, AccessExclusiveLock);
            code = 4;           /* granted: we were not the victim */
        }
        RDB_CATCH();
        {
            ErrorData  *e = CopyErrorData();

            FlushErrorState();
            code = (e->sqlerrcode == ERRCODE_T_R_DEADLOCK_DETECTED &&
                    strstr(e->detail, "blocked by process") != NULL) ? 42 : 5;
        }
        RDB_END_TRY();
        LockReleaseAll();
        _exit(code);
    }
    ck_assert_int_eq(read(fds[0], &c, 1), 1);
    /*
     * Child now waits (or is about to wait) for 400; we wait for 401: a
     * cycle.  The child kept the fixture's 100 ms deadlock_timeout; ours is
     * far longer, so the child's check runs first and it is the victim.
     */
    DeadlockTimeoutMs = 5000;
    LockRelationOid(401, AccessExclusiveLock);
    ck_assert_int_eq(child_status(pid), 42);
    ck_assert_uint_eq(LockDeadlockCount(), before + 1);
    LockReleaseAll();
}
END_TEST

START_TEST(lock_timeout_gives_55P03)
{
    int         fds[2];
    pid_t       pid;
    char        c;
    volatile int sqlstate = 0;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    if (pid == 0)
    {
        child_attach();
        LockRelationOid(500, ExclusiveLock);
        if (write(fds[1], "x", 1) != 1)
            _exit(3);
        usleep(1500000);
        LockReleaseAll();
        _exit(0);
    }
    ck_assert_int_eq(read(fds[0], &c, 1), 1);
    LockTimeoutMs = 150;
    DeadlockTimeoutMs = 10000;
    RDB_TRY();
    {
        LockRelationOid(500, RowShareLock);
    }
    RDB_CATCH();
    {
        ErrorData  *e = CopyErrorData();

        FlushErrorState();
        sqlstate = e->sqlerrcode;
    }
    RDB_END_TRY();
    ck_assert_int_eq(sqlstate, ERRCODE_LOCK_NOT_AVAILABLE);
    ck_assert_int_eq(LockWaitingCount(), 0);
    ck_assert_int_eq(child_status(pid), 0);
}
END_TEST

START_TEST(status_lists_holders_and_reentry_counts)
{
    LockStatusRow *rows;
    int         n;
    int         mine = 0;

    LockRelationOid(600, ShareLock);
    ck_assert_int_eq(ConditionalLockRelationOid(600, ShareLock), true);
    rows = LockGetStatus(&n);
    for (int i = 0; i < n; i++)
        if (rows[i].tag.rel == 600 && rows[i].granted && rows[i].mode == ShareLock)
            mine++;
    ck_assert_int_eq(mine, 1);
    UnlockRelationOid(600, ShareLock);
    ck_assert(LockHeldByMe(&(LockTag) {.db = 5, .rel = 600, .type = LOCKTAG_RELATION}, ShareLock));
    UnlockRelationOid(600, ShareLock);
    ck_assert(!LockHeldByMe(&(LockTag) {.db = 5, .rel = 600, .type = LOCKTAG_RELATION}, ShareLock));
}
END_TEST

int
main(void)
{
    Suite      *s = suite_create("lock");
    TCase      *tc = tcase_create("heavyweight");
    SRunner    *sr;
    int         failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, conflicting_request_fails_without_waiting);
    tcase_add_test(tc, compatible_modes_are_shared);
    tcase_add_test(tc, waiter_is_granted_after_release);
    tcase_add_test(tc, deadlock_is_detected_and_victim_gets_40P01);
    tcase_add_test(tc, lock_timeout_gives_55P03);
    tcase_add_test(tc, status_lists_holders_and_reentry_counts);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
