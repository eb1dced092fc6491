/*
 * hashfunc.c
 *     The one hash used by every type's hash support function: 32-bit
 *     FNV-1a over bytes followed by a murmur-style finaliser, and a 64-bit
 *     integer mixer.  Stable across processes and restarts (hash indexes
 *     and on-disk hash partitions may depend on it), not cryptographic.
 * Entry points: HashBytes(), HashUint64().
 */
#include "rustydb.h"

#include "utils/builtins.h"

static inline uint32
final_mix(uint32 h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return h;
}

uint32
HashBytes(const void *data, Size len)
{
    const unsigned char *p = data;
    uint32      h = 2166136261U;

    for (Size i = 0; i < len; i++)
    {
        h ^= p[i];
        h *= 16777619U;
    }
    return final_mix(h ^ (uint32) len);
}

uint32
HashUint64(uint64 value)
{
    value ^= value >> 33;
    value *= UINT64_C(0xff51afd7ed558ccd);
    value ^= value >> 33;
    value *= UINT64_C(0xc4ceb9fe1a85ec53);
    value ^= value >> 33;
    return (uint32) value;
}
