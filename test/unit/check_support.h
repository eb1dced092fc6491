/*
 * check_support.h
 *     Helpers shared by the Check suites: EXPECT_ERROR(expr, "SQLSTATE message")
 *     runs expr, requires it to raise ERROR, and compares the error's
 *     SQLSTATE and message with the expected text.  Include after check.h
 *     and utils/elog.h; each suite gets its own copy of last_error.
 */
#ifndef TEST_CHECK_SUPPORT_H
#define TEST_CHECK_SUPPORT_H

#include <check.h>

#include "utils/elog.h"
#include "utils/palloc.h"

/* The last failing expression's error: "SQLSTATE message". */
static char last_error[512] RDB_UNUSED;

#define EXPECT_ERROR(expr, expected) \
    do { \
        bool failed_ = false; \
        MemoryContext mcxt_ = CurrentMemoryContext; \
        RDB_TRY(); \
        { \
            (void) (expr); \
        } \
        RDB_CATCH(); \
        { \
            ErrorData *ed_; \
            char state_[6]; \
            MemoryContextSwitchTo(mcxt_); \
            ed_ = CopyErrorData(); \
            FlushErrorState(); \
            SqlstateToString(ed_->sqlerrcode, state_); \
            snprintf(last_error, sizeof(last_error), "%s %s", state_, ed_->message); \
            failed_ = true; \
        } \
        RDB_END_TRY(); \
        ck_assert_msg(failed_, "expected error: %s", expected); \
        ck_assert_str_eq(last_error, expected); \
    } while (0)

#endif                          /* TEST_CHECK_SUPPORT_H */
