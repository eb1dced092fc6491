/*
 * check_ctl.c
 *     Unit tests for rustydb-ctl's pure parts: postmaster.pid parsing
 *     (src/bin/ctl/pidfile.c) and -o option splitting (src/bin/ctl/args.c).
 * Build: gcc -std=gnu17 -I/usr/include/postgresql test/unit/ctl/check_ctl.c
 *        src/bin/ctl/{pidfile,args,control}.c
 *        $(pkg-config --cflags --libs check) -lpq
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../../src/bin/ctl/ctl_int.h"

START_TEST(pidfile_full)
{
    CtlPidFile  pf;

    ck_assert(CtlPidFileParse("4242\n/srv/inst\n1700000000\n5432\n/tmp\nlocalhost\nready   \n", &pf));
    ck_assert_int_eq(pf.pid, 4242);
    ck_assert_str_eq(pf.instance_dir, "/srv/inst");
    ck_assert(pf.start_time == 1700000000LL);
    ck_assert_int_eq(pf.port, 5432);
    ck_assert_str_eq(pf.socket_dir, "/tmp");
    ck_assert_str_eq(pf.listen_addr, "localhost");
    ck_assert_str_eq(pf.status, CTL_STATUS_READY);
    ck_assert_int_eq(pf.nlines, 7);
}
END_TEST

START_TEST(pidfile_partial_while_starting)
{
    CtlPidFile  pf;

    ck_assert(CtlPidFileParse("17\n/srv/inst\n", &pf));
    ck_assert_int_eq(pf.pid, 17);
    ck_assert_int_eq(pf.port, 0);
    ck_assert_str_eq(pf.status, "");
}
END_TEST

START_TEST(pidfile_rejects_garbage)
{
    CtlPidFile  pf;

    ck_assert(!CtlPidFileParse("", &pf));
    ck_assert(!CtlPidFileParse("abc\n", &pf));
    ck_assert(!CtlPidFileParse("-5\n", &pf));
    ck_assert(!CtlPidFileParse("12\n/d\nnot-a-time\n", &pf));
    ck_assert(!CtlPidFileParse("12\n/d\n1\n99999\n", &pf));
}
END_TEST

START_TEST(process_alive)
{
    ck_assert(CtlProcessIsAlive(getpid()));
    ck_assert(!CtlProcessIsAlive(0));
}
END_TEST

START_TEST(split_options_like_a_shell)
{
    const char *error;
    int         n;
    char      **args = CtlSplitOptions("  -p 5433 -c 'a b' -c \"x \\\"y\\\"\" z\\ w ", &n, &error);

    ck_assert_ptr_nonnull(args);
    ck_assert_int_eq(n, 7);
    ck_assert_str_eq(args[0], "-p");
    ck_assert_str_eq(args[1], "5433");
    ck_assert_str_eq(args[2], "-c");
    ck_assert_str_eq(args[3], "a b");
    ck_assert_str_eq(args[5], "x \"y\"");
    ck_assert_str_eq(args[6], "z w");
    ck_assert_ptr_null(args[7]);
    CtlFreeArgs(args, n);

    args = CtlSplitOptions("'' a''b", &n, &error);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(args[0], "");
    ck_assert_str_eq(args[1], "ab");
    CtlFreeArgs(args, n);

    ck_assert_ptr_null(CtlSplitOptions("-c 'oops", &n, &error));
    ck_assert_ptr_nonnull(error);
    args = CtlSplitOptions("   ", &n, &error);
    ck_assert_int_eq(n, 0);
    CtlFreeArgs(args, n);
}
END_TEST

int
main(void)
{
    Suite      *s = suite_create("ctl");
    TCase      *tc = tcase_create("ctl");
    SRunner    *runner;
    int         failed;

    tcase_add_test(tc, pidfile_full);
    tcase_add_test(tc, pidfile_partial_while_starting);
    tcase_add_test(tc, pidfile_rejects_garbage);
    tcase_add_test(tc, process_alive);
    tcase_add_test(tc, split_options_like_a_shell);
    suite_add_tcase(s, tc);
    runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
