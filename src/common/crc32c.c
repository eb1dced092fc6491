/*
 * crc32c.c
 *     CRC-32C (Castagnoli polynomial, reflected 0x82F63B78) for page
 *     checksums and WAL records.
 * Entry points: Crc32cUpdate(), Crc32c(), Crc32cUsesHardware().
 *
 * On x86-64 CPUs with SSE4.2 the crc32 instruction processes 8 bytes per
 * step; elsewhere a slicing-by-8 table walk does.  The choice is made once,
 * in a constructor, so that the hot path is a single indirect call and the
 * tables are built before any thread or child process exists.
 */
#include <stdint.h>
#include <string.h>

#include "common/crc32c.h"

#define CRC32C_POLY_REFLECTED 0x82F63B78U

typedef uint32_t (*Crc32cImpl) (uint32_t crc, const void *data, size_t len);

static uint32_t crc32c_table[8][256];
static uint32_t crc32c_sw(uint32_t crc, const void *data, size_t len);
static Crc32cImpl crc32c_impl = crc32c_sw;
static int crc32c_hw_in_use;

static void
build_tables(void)
{
    for (uint32_t i = 0; i < 256; i++)
    {
        uint32_t c = i;

        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ CRC32C_POLY_REFLECTED : c >> 1;
        crc32c_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc32c_table[t][i] = (crc32c_table[t - 1][i] >> 8) ^
                crc32c_table[0][crc32c_table[t - 1][i] & 0xFF];
}

/* Slicing-by-8: eight table lookups per 8 input bytes. */
static uint32_t
crc32c_sw(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;

    while (len >= 8)
    {
        uint32_t lo;
        uint32_t hi;

        memcpy(&lo, p, 4);
        memcpy(&hi, p + 4, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        lo = __builtin_bswap32(lo);
        hi = __builtin_bswap32(hi);
#endif
        lo ^= crc;
        crc = crc32c_table[7][lo & 0xFF] ^ crc32c_table[6][(lo >> 8) & 0xFF] ^
            crc32c_table[5][(lo >> 16) & 0xFF] ^ crc32c_table[4][lo >> 24] ^
            crc32c_table[3][hi & 0xFF] ^ crc32c_table[2][(hi >> 8) & 0xFF] ^
            crc32c_table[1][(hi >> 16) & 0xFF] ^ crc32c_table[0][hi >> 24];
        p += 8;
        len -= 8;
    }
    while (len-- > 0)
        crc = crc32c_table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2")))
static uint32_t
crc32c_sse42(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t c = crc;

    while (len >= 8)
    {
        uint64_t word;

        memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        len -= 8;
    }
    crc = (uint32_t) c;
    while (len-- > 0)
        crc = __builtin_ia32_crc32qi(crc, *p++);
    return crc;
}
#endif

__attribute__((constructor))
static void
crc32c_choose(void)
{
    build_tables();
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse4.2"))
    {
        crc32c_impl = crc32c_sse42;
        crc32c_hw_in_use = 1;
    }
#endif
}

uint32_t
Crc32cUpdate(uint32_t crc, const void *data, size_t len)
{
    return crc32c_impl(crc, data, len);
}

uint32_t
Crc32c(const void *data, size_t len)
{
    return CRC32C_FINISH(crc32c_impl(CRC32C_INIT, data, len));
}

uint32_t
Crc32cUpdateSoftware(uint32_t crc, const void *data, size_t len)
{
    return crc32c_sw(crc, data, len);
}

int
Crc32cUsesHardware(void)
{
    return crc32c_hw_in_use;
}
