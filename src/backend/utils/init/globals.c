/*
 * globals.c
 *     Process-global variables declared in miscadmin.h and libpq-be.h:
 *     interrupt flags, process identity, the connected database and role.
 * No code; see README.md in this directory for who sets what and when.
 */
#include "rustydb.h"

#include "libpq/libpq-be.h"
#include "miscadmin.h"

volatile sig_atomic_t InterruptPending = false;
volatile sig_atomic_t QueryCancelPending = false;
volatile sig_atomic_t ProcDiePending = false;
volatile sig_atomic_t ConfigReloadPending = false;
volatile sig_atomic_t StatementTimeoutPending = false;
volatile uint32 InterruptHoldoffCount = 0;
volatile uint32 CritSectionCount = 0;

pid_t       MyProcPid = 0;
int64       MyStartTimeUs = 0;
int32       MyCancelKey = 0;
bool        IsPostmaster = false;
bool        IsUnderPostmaster = false;
bool        ExitOnAnyError = false;

Oid         MyDatabaseId = InvalidOid;
char       *MyDatabaseName = NULL;
Oid         MyRoleId = InvalidOid;
char       *MyRoleName = NULL;
bool        MyRoleIsSuperuser = false;

Port       *MyProcPort = NULL;
