/*
 * check_pqformat.c
 *     Unit tests for protocol message building and parsing
 *     (libpq/pqformat.h), the framing layer (libpq/libpq.h) over a socket
 *     pair, the error/notice message layout, and UTF-8 validation.
 */
#include "rustydb.h"

#include <check.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/stringinfo.h"
#include "libpq/libpq.h"
#include "libpq/pqcomm.h"
#include "libpq/pqformat.h"
#include "utils/elog.h"
#include "utils/palloc.h"

#include "check_support.h"

static int  sv[2];

static void
setup(void)
{
    MemoryContextInit();
    LogMinMessages = PANIC;
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pq_init(sv[0]);
}

static void
teardown(void)
{
    close(sv[0]);
    close(sv[1]);
}

/* Read exactly n bytes the server side sent. */
static void
peer_read(void *buf, size_t n)
{
    size_t      got = 0;

    while (got < n)
    {
        ssize_t     r = read(sv[1], (char *) buf + got, n - got);

        ck_assert_int_gt(r, 0);
        got += (size_t) r;
    }
}

static void
peer_write(const void *buf, size_t n)
{
    ck_assert_int_eq(write(sv[1], buf, n), (ssize_t) n);
}

START_TEST(build_message_in_network_order)
{
    StringInfoData buf;
    static const unsigned char expected[] = {
        0x12, 0x34,
        0x01, 0x02, 0x03, 0x04,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
        'h', 'i', 0,
        0, 0, 0, 3, 'a', 'b', 'c',
        0xff, 0xff, 0xff, 0xff,
        0x7f
    };

    pq_beginmessage(&buf, 'T');
    ck_assert_int_eq(buf.cursor, 'T');
    pq_sendint16(&buf, 0x1234);
    pq_sendint32(&buf, 0x01020304);
    pq_sendint64(&buf, UINT64_C(0x0102030405060708));
    pq_sendstring(&buf, "hi");
    pq_sendcountedtext(&buf, "abc", 3);
    pq_sendcountedtext(&buf, NULL, -1);
    pq_sendbyte(&buf, 0x7f);
    ck_assert_int_eq(buf.len, (int) sizeof(expected));
    ck_assert(memcmp(buf.data, expected, sizeof(expected)) == 0);
}
END_TEST

START_TEST(parse_message_with_bounds_checks)
{
    StringInfoData msg;
    const char *s;

    initStringInfo(&msg);
    pq_sendint16(&msg, 0xBEEF);
    pq_sendint32(&msg, 0xFFFFFFFE);
    pq_sendint64(&msg, (uint64) -5);
    pq_sendstring(&msg, "name");
    pq_sendbyte(&msg, 'x');
    msg.cursor = 0;
    ck_assert_uint_eq(pq_getmsgint(&msg, 2), 0xBEEF);
    ck_assert_int_eq((int32) pq_getmsgint(&msg, 4), -2);
    ck_assert_int_eq(pq_getmsgint64(&msg), -5);
    s = pq_getmsgstring(&msg);
    ck_assert_str_eq(s, "name");
    ck_assert_int_eq(pq_getmsgbyte(&msg), 'x');
    pq_getmsgend(&msg);
    EXPECT_ERROR(pq_getmsgbyte(&msg), "08P01 insufficient data left in message");
    EXPECT_ERROR(pq_getmsgbytes(&msg, -1), "08P01 insufficient data left in message");

    resetStringInfo(&msg);
    appendBinaryStringInfo(&msg, "abc", 3);      /* no terminating NUL inside the body */
    msg.cursor = 0;
    EXPECT_ERROR(pq_getmsgstring(&msg), "08P01 invalid string in message");
    msg.cursor = 1;
    EXPECT_ERROR(pq_getmsgend(&msg), "08P01 invalid message format");
    msg.cursor = 0;
    EXPECT_ERROR(pq_getmsgint(&msg, 4), "08P01 insufficient data left in message");
}
END_TEST

START_TEST(endmessage_frames_type_and_length)
{
    StringInfoData buf;
    unsigned char out[11];

    pq_beginmessage(&buf, 'S');
    pq_sendstring(&buf, "a");
    pq_sendstring(&buf, "b");
    pq_endmessage(&buf);
    ck_assert(pq_flush());
    peer_read(out, 9);
    ck_assert_int_eq(out[0], 'S');
    ck_assert_int_eq(out[1] << 24 | out[2] << 16 | out[3] << 8 | out[4], 8);
    ck_assert(memcmp(out + 5, "a\0b\0", 4) == 0);

    SendReadyForQuery('I');
    peer_read(out, 6);
    ck_assert(memcmp(out, "Z\0\0\0\5I", 6) == 0);
}
END_TEST

START_TEST(getmessage_reads_one_frame)
{
    StringInfoData buf;
    bool        bad;
    static const unsigned char frame[] = {'Q', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};

    initStringInfo(&buf);
    peer_write(frame, sizeof(frame));
    ck_assert_int_eq(pq_getbyte(), 'Q');
    ck_assert(pq_getmessage(&buf, 1000, &bad));
    ck_assert_int_eq(buf.len, 9);
    ck_assert_str_eq(pq_getmsgstring(&buf), "SELECT 1");
    pq_getmsgend(&buf);
}
END_TEST

START_TEST(getmessage_rejects_bad_lengths)
{
    StringInfoData buf;
    bool        bad;
    static const unsigned char too_short[] = {0, 0, 0, 3};
    static const unsigned char too_long[] = {0, 0, 0x10, 0};

    initStringInfo(&buf);
    peer_write(too_short, sizeof(too_short));
    ck_assert(!pq_getmessage(&buf, 1000, &bad));
    ck_assert(bad);
    peer_write(too_long, sizeof(too_long));
    ck_assert(!pq_getmessage(&buf, 1000, &bad));
    ck_assert(bad);
}
END_TEST

START_TEST(getmessage_eof_mid_message)
{
    StringInfoData buf;
    bool        bad;
    static const unsigned char partial[] = {0, 0, 0, 20, 'a', 'b'};

    initStringInfo(&buf);
    peer_write(partial, sizeof(partial));
    shutdown(sv[1], SHUT_WR);
    ck_assert(!pq_getmessage(&buf, 1000, &bad));
    ck_assert(!bad);
    ck_assert_int_eq(pq_getbyte(), EOF);
}
END_TEST

START_TEST(writes_to_closed_peer_do_not_block)
{
    close(sv[1]);
    sv[1] = -1;
    /* More than the send buffer, so a real write happens. */
    for (int i = 0; i < 100; i++)
    {
        char        big[1000];

        memset(big, 'x', sizeof(big));
        (void) pq_putmessage('d', big, sizeof(big));
    }
    ck_assert(!pq_flush());
    ck_assert(pq_connection_broken());
    ck_assert_int_eq(pq_getbyte(), EOF);
    sv[1] = dup(sv[0]);             /* keep teardown's close() balanced */
}
END_TEST

START_TEST(error_response_fields)
{
    ErrorData   ed;
    unsigned char hdr[5];
    char        body[512];
    int         len;

    memset(&ed, 0, sizeof(ed));
    ed.elevel = ERROR;
    ed.sqlerrcode = ERRCODE_UNDEFINED_OBJECT;
    ed.message = "unrecognized configuration parameter \"x\"";
    ed.hint = "a hint";
    ed.cursorpos = 7;
    ed.filename = "src/backend/utils/misc/guc.c";
    ed.lineno = 42;
    ed.funcname = "GucSetOption";
    SendErrorToClient(&ed);
    peer_read(hdr, 5);
    ck_assert_int_eq(hdr[0], 'E');
    len = (hdr[1] << 24 | hdr[2] << 16 | hdr[3] << 8 | hdr[4]) - 4;
    ck_assert_int_lt(len, (int) sizeof(body));
    peer_read(body, (size_t) len);
    ck_assert(memmem(body, (size_t) len, "SERROR\0VERROR\0C42704\0", 21) != NULL);
    ck_assert(memmem(body, (size_t) len, "Munrecognized configuration parameter \"x\"\0", 42) != NULL);
    ck_assert(memmem(body, (size_t) len, "Ha hint\0", 8) != NULL);
    ck_assert(memmem(body, (size_t) len, "P7\0", 3) != NULL);
    ck_assert(memmem(body, (size_t) len, "Fguc.c\0L42\0RGucSetOption\0", 25) != NULL);
    ck_assert_int_eq(body[len - 1], 0);

    ed.elevel = NOTICE;
    ed.sqlerrcode = ERRCODE_SUCCESSFUL_COMPLETION;
    SendErrorToClient(&ed);
    peer_read(hdr, 5);
    ck_assert_int_eq(hdr[0], 'N');
}
END_TEST

START_TEST(utf8_validation)
{
    ck_assert_int_eq(pq_utf8_invalid_offset("plain ascii", 11), -1);
    ck_assert_int_eq(pq_utf8_invalid_offset("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14), -1);
    ck_assert_int_eq(pq_utf8_invalid_offset("ab\xc3\x28", 4), 2);          /* bad continuation */
    ck_assert_int_eq(pq_utf8_invalid_offset("\xc0\x80", 2), 0);            /* overlong NUL */
    ck_assert_int_eq(pq_utf8_invalid_offset("\xe0\x80\xaf", 3), 0);        /* overlong '/' */
    ck_assert_int_eq(pq_utf8_invalid_offset("x\xed\xa0\x80", 4), 1);       /* surrogate */
    ck_assert_int_eq(pq_utf8_invalid_offset("\xf4\x90\x80\x80", 4), 0);    /* > U+10FFFF */
    ck_assert_int_eq(pq_utf8_invalid_offset("\xff", 1), 0);
    ck_assert_int_eq(pq_utf8_invalid_offset("ok\xe2\x82", 4), 2);          /* truncated */
    ck_assert_int_eq(pq_utf8_invalid_offset("a\0b", 3), 1);                /* NUL */
    EXPECT_ERROR(pq_verify_utf8("ab\xc3\x28", 4),
                 "22021 invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
    EXPECT_ERROR(pq_verify_utf8("\xff", 1), "22021 invalid byte sequence for encoding \"UTF8\": 0xff");
}
END_TEST

static Suite *
pqformat_suite(void)
{
    Suite      *s = suite_create("pqformat");
    TCase      *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, build_message_in_network_order);
    tcase_add_test(tc, parse_message_with_bounds_checks);
    tcase_add_test(tc, endmessage_frames_type_and_length);
    tcase_add_test(tc, getmessage_reads_one_frame);
    tcase_add_test(tc, getmessage_rejects_bad_lengths);
    tcase_add_test(tc, getmessage_eof_mid_message);
    tcase_add_test(tc, writes_to_closed_peer_do_not_block);
    tcase_add_test(tc, error_response_fields);
    tcase_add_test(tc, utf8_validation);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner    *sr = srunner_create(pqformat_suite());
    int         failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
