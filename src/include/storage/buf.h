/*
 * buf.h
 *     The Buffer handle type.
 */
#ifndef STORAGE_BUF_H
#define STORAGE_BUF_H

/*
 * A shared buffer number, 1-based: buffer id + 1.  0 is InvalidBuffer.
 * (Negative values are reserved for backend-local buffers of temporary
 * tables, not implemented yet.)
 */
typedef int Buffer;

#define InvalidBuffer 0
#define BufferIsValid(b) ((b) != InvalidBuffer)

#endif                          /* STORAGE_BUF_H */
