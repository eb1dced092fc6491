/*
 * auth.c
 *     Who may use the admin API: loopback clients are trusted (the
 *     operator's guide calls http://localhost:8080 without credentials);
 *     everyone else must send "Authorization: Bearer <admin_api_token>".
 * Entry points: AdminAddressIsLoopback(), AdminAuthDecide(),
 * AdminAuthDenyMessage(); see admin/adminhttp.h.
 *
 * The token comparison hashes both sides with BLAKE2b and compares the
 * digests in constant time, so neither the content nor the length of the
 * configured token leaks through response timing.
 */
#include "rustydb.h"

#include <netinet/in.h>
#include <sodium.h>
#include <strings.h>

#include "admin/adminhttp.h"

bool
AdminAddressIsLoopback(const struct sockaddr *addr)
{
    if (addr == NULL)
        return false;
    if (addr->sa_family == AF_INET)
    {
        const struct sockaddr_in *in = (const struct sockaddr_in *) addr;

        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (addr->sa_family == AF_INET6)
    {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) addr;
        const uint8_t *b = in6->sin6_addr.s6_addr;
        static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

        if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
            return true;
        return memcmp(b, v4mapped_prefix, sizeof(v4mapped_prefix)) == 0 && b[12] == 127;
    }
    return false;
}

/* tokens_equal -- constant-time comparison of two strings of any length. */
static bool
tokens_equal(const char *given, size_t given_len, const char *expected)
{
    unsigned char h1[crypto_generichash_BYTES];
    unsigned char h2[crypto_generichash_BYTES];

    if (sodium_init() < 0)
        return false;           /* cannot compare safely: refuse */
    crypto_generichash(h1, sizeof(h1), (const unsigned char *) given, given_len, NULL, 0);
    crypto_generichash(h2, sizeof(h2), (const unsigned char *) expected, strlen(expected), NULL, 0);
    return sodium_memcmp(h1, h2, sizeof(h1)) == 0;
}

AdminAuthDecision
AdminAuthDecide(bool client_is_loopback, const char *authorization, const char *token)
{
    bool        have_token = token != NULL && token[0] != '\0';
    const char *cred;
    size_t      cred_len;

    /* Nothing to check a loopback client's credential against: trust it. */
    if (client_is_loopback && !have_token)
        return ADMIN_AUTH_ALLOW;
    if (authorization == NULL || authorization[0] == '\0')
    {
        if (client_is_loopback)
            return ADMIN_AUTH_ALLOW;
        return have_token ? ADMIN_AUTH_DENY_MISSING : ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED;
    }
    /* "Bearer" is case-insensitive (RFC 6750 / RFC 9110 auth-scheme). */
    if (strncasecmp(authorization, "Bearer", 6) != 0 || (authorization[6] != ' ' && authorization[6] != '\t'))
        return ADMIN_AUTH_DENY_MALFORMED;
    cred = authorization + 7;
    while (*cred == ' ' || *cred == '\t')
        cred++;
    cred_len = strlen(cred);
    while (cred_len > 0 && (cred[cred_len - 1] == ' ' || cred[cred_len - 1] == '\t'))
        cred_len--;
    if (cred_len == 0)
        return ADMIN_AUTH_DENY_MALFORMED;
    if (!have_token)
        return ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED;
    return tokens_equal(cred, cred_len, token) ? ADMIN_AUTH_ALLOW : ADMIN_AUTH_DENY_BAD_TOKEN;
}

const char *
AdminAuthDenyMessage(AdminAuthDecision decision)
{
    switch (decision)
    {
        case ADMIN_AUTH_ALLOW:
            return "allowed";
        case ADMIN_AUTH_DENY_NO_TOKEN_CONFIGURED:
            return "the admin API accepts only loopback clients because admin_api_token is not set";
        case ADMIN_AUTH_DENY_MISSING:
            return "authentication required: send Authorization: Bearer <admin_api_token>";
        case ADMIN_AUTH_DENY_MALFORMED:
            return "malformed Authorization header: expected \"Bearer <token>\"";
        case ADMIN_AUTH_DENY_BAD_TOKEN:
            return "invalid bearer token";
    }
    return "access denied";
}
