/*
 * auth.h
 *     Client authentication methods.  The entry point ClientAuthentication()
 *     is declared in libpq/libpq.h; this header names the methods so that
 *     the hba rules (rustydb_hba.conf, later) can refer to them.
 * Implemented in src/backend/libpq/auth.c.
 */
#ifndef LIBPQ_AUTH_H
#define LIBPQ_AUTH_H

typedef enum AuthMethod
{
    AUTH_METHOD_TRUST,          /* no check */
    AUTH_METHOD_REJECT,         /* always refuse */
    AUTH_METHOD_SCRAM_SHA_256   /* not implemented yet: FATAL 0A000 */
} AuthMethod;

#endif                          /* LIBPQ_AUTH_H */
