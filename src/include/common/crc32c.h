/*
 * crc32c.h
 *     CRC-32C (Castagnoli), used for page checksums and WAL records.
 * Implemented in src/common/crc32c.c: the SSE4.2 crc32 instruction when the
 * CPU has it (checked once at run time), a slicing-by-8 table otherwise.
 * Usable from server and client code (no palloc, no ereport).
 *
 * Incremental use:  crc = CRC32C_INIT; crc = Crc32cUpdate(crc, p, n); ...;
 * crc = CRC32C_FINISH(crc).
 */
#ifndef COMMON_CRC32C_H
#define COMMON_CRC32C_H

#include <stddef.h>
#include <stdint.h>

#define CRC32C_INIT 0xFFFFFFFFU
#define CRC32C_FINISH(crc) ((crc) ^ 0xFFFFFFFFU)

extern uint32_t Crc32cUpdate(uint32_t crc, const void *data, size_t len);
/* One-shot: CRC32C_FINISH(Crc32cUpdate(CRC32C_INIT, data, len)). */
extern uint32_t Crc32c(const void *data, size_t len);
/* The table implementation, always (tests compare it with the hardware one). */
extern uint32_t Crc32cUpdateSoftware(uint32_t crc, const void *data, size_t len);
/* True when the hardware implementation is in use. */
extern int  Crc32cUsesHardware(void);

#endif                          /* COMMON_CRC32C_H */
