/*
 * bootstrap.h
 *     Bootstrap mode ("rustydb --boot"): create the system catalogs of a
 *     new instance, run by rustydb-initdb.
 * Implemented in src/backend/catalog/bootstrap.c; see the README there.
 */
#ifndef CATALOG_BOOTSTRAP_H
#define CATALOG_BOOTSTRAP_H

#include "rustydb.h"

/*
 * BootstrapMain -- argv: rustydb --boot -D DIR --superuser NAME.  DIR must
 * hold the instance layout (rustydb-initdb made it) with an empty data/.
 * Creates shared memory in-process, the control file, the catalogs of
 * template1, their rows (schemas, the superuser, pg_type/pg_proc from the
 * built-in table, access methods), the system views, then copies
 * template1 into the databases rustydb and postgres, flushes everything
 * and returns 0 (1 on error, after reporting it on stderr).
 */
extern int  BootstrapMain(int argc, char **argv);

/*
 * BootstrapCreateInstance -- the same work for an already set up process
 * (DataDir set, shared memory attached, standalone proc slot): used by
 * BootstrapMain and by the unit tests.  ERROR on failure.
 */
extern void BootstrapCreateInstance(const char *superuser);

#endif                          /* CATALOG_BOOTSTRAP_H */
