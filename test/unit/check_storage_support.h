/*
 * check_storage_support.h
 *     Shared set-up for the storage and heap Check suites: a scratch
 *     instance directory per test, error capture, hand-built tuple
 *     descriptors and transient relations.
 * Included by check_storage.c, check_heap.c, check_xlog.c and check_multixact.c.
 */
#ifndef CHECK_STORAGE_SUPPORT_H
#define CHECK_STORAGE_SUPPORT_H

#include "rustydb.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

#include "access/heapam.h"
#include "access/tupdesc.h"
#include "access/xact.h"
#include "catalog/pg_builtin.h"
#include "storage/ipc.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/rel.h"

/*
 * Until the types module is linked, give tupdesc.c the few types the tests
 * use.  Weak: the real TypeGetLenByvalAlign wins when it is linked in.
 */
__attribute__((weak)) void
TypeGetLenByvalAlign(Oid typid, int16 *len, bool *byval, char *align)
{
    switch (typid)
    {
        case BOOLOID:
            *len = 1, *byval = true, *align = 'c';
            return;
        case INT2OID:
            *len = 2, *byval = true, *align = 's';
            return;
        case INT4OID:
            *len = 4, *byval = true, *align = 'i';
            return;
        case INT8OID:
        case FLOAT8OID:
            *len = 8, *byval = true, *align = 'd';
            return;
        case TEXTOID:
            *len = -1, *byval = false, *align = 'i';
            return;
        case NAMEOID:
            *len = NAMEDATALEN, *byval = false, *align = 'c';
            return;
        default:
            elog(ERROR, "cache lookup failed for type %u", typid);
    }
}

/*
 * Shared areas of subsystems these suites do not link (lock table, WAL,
 * catalog caches, checkpointer) when built by hand: weak no-ops sized 0.
 * When the full server objects are linked, the real definitions win.
 */
#define WEAK_SHMEM_AREA(name) \
    __attribute__((weak)) Size name##ShmemSize(void) { return 0; } \
    __attribute__((weak)) void name##ShmemInit(void) { }
WEAK_SHMEM_AREA(Catalog)
WEAK_SHMEM_AREA(Lock)
WEAK_SHMEM_AREA(XLog)
WEAK_SHMEM_AREA(Checkpointer)

static char test_dir[256];
static int test_nbuffers = 16;

static int
remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void) sb;
    (void) flag;
    (void) ftw;
    return remove(path);
}

static void
storage_setup(void)
{
    snprintf(test_dir, sizeof(test_dir), "/tmp/rdb_check_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(test_dir));
    LogMinMessages = ERROR;     /* keep expected WARNINGs out of the test output */
    StorageInitForTests(test_dir, test_nbuffers);
}

static void
storage_teardown(void)
{
    if (SharedMemoryIsAttached())
        StorageShutdownForTests();
    nftw(test_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Last caught error, for assertions. */
static int caught_code __attribute__((unused));
static char caught_message[512] __attribute__((unused));

/*
 * EXPECT_ERROR(stmt, code) -- run stmt, which must raise ERROR with SQLSTATE
 * code.  Aborts the current transaction afterwards (releasing pins/locks).
 */
#define EXPECT_ERROR(stmt, code) \
    do { \
        volatile bool got_error_ = false; \
        MemoryContext volatile saved_cxt_ = CurrentMemoryContext; \
        RDB_TRY(); \
        { \
            stmt; \
        } \
        RDB_CATCH(); \
        { \
            ErrorData *edata_; \
            MemoryContextSwitchTo(saved_cxt_); \
            edata_ = CopyErrorData(); \
            FlushErrorState(); \
            caught_code = edata_->sqlerrcode; \
            snprintf(caught_message, sizeof(caught_message), "%s", \
                     edata_->message ? edata_->message : ""); \
            FreeErrorData(edata_); \
            AbortCurrentTransaction(); \
            got_error_ = true; \
        } \
        RDB_END_TRY(); \
        ck_assert_msg(got_error_, "expected an error from: %s", #stmt); \
        ck_assert_msg(caught_code == (code), "wrong SQLSTATE for %s: got message \"%s\"", \
                      #stmt, caught_message); \
    } while (0)

/* Fill one column by hand (no catalog needed). */
static void
set_att(TupleDesc desc, int attnum, const char *name, Oid typid, int16 len, bool byval,
        char align)
{
    Attribute   att = TupleDescAttr(desc, attnum - 1);

    memset(att, 0, sizeof(*att));
    snprintf(att->attname.data, NAMEDATALEN, "%s", name);
    att->atttypid = typid;
    att->atttypmod = -1;
    att->attlen = len;
    att->attbyval = byval;
    att->attalign = align;
    att->attnum = (int16) attnum;
    att->attstattarget = -1;
}

/* (id int4, name text) */
static TupleDesc
make_int_text_desc(void)
{
    TupleDesc   desc = CreateTemplateTupleDesc(2);

    set_att(desc, 1, "id", INT4OID, 4, true, 'i');
    set_att(desc, 2, "name", TEXTOID, -1, false, 'i');
    return desc;
}

static text *
make_text(const char *s)
{
    size_t      len = strlen(s);
    text       *t = palloc(VARHDRSZ + len);

    SET_VARSIZE(t, VARHDRSZ + len);
    memcpy(VARDATA(t), s, len);
    return t;
}

static Relation
make_test_relation(Oid relnumber, TupleDesc desc, const char *name)
{
    RelFileLocator loc = {.dbOid = 5, .relNumber = relnumber, .shared = false};

    heap_create_storage(loc);
    return RelationBuildTransient(loc, desc, name);
}

#endif                          /* CHECK_STORAGE_SUPPORT_H */
