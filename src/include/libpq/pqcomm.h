/*
 * pqcomm.h
 *     Frontend/backend protocol v3 constants: protocol version numbers,
 *     special start-up request codes, message type bytes, authentication
 *     request codes.  Shared by the server and the protocol tests.
 * Reference: the PostgreSQL documentation, "Frontend/Backend Protocol".
 */
#ifndef LIBPQ_PQCOMM_H
#define LIBPQ_PQCOMM_H

#include "rustydb.h"

#define PQ_PROTOCOL(major, minor) (((uint32) (major) << 16) | (uint32) (minor))
#define PQ_PROTOCOL_MAJOR(v) ((v) >> 16)
#define PQ_PROTOCOL_MINOR(v) ((v) & 0xFFFF)
#define PQ_PROTOCOL_LATEST PQ_PROTOCOL(3, 0)
#define PQ_PROTOCOL_EARLIEST PQ_PROTOCOL(3, 0)

/* Start-up packets whose "version" is one of these special codes. */
#define PQ_CANCEL_REQUEST_CODE PQ_PROTOCOL(1234, 5678)
#define PQ_NEGOTIATE_SSL_CODE PQ_PROTOCOL(1234, 5679)
#define PQ_NEGOTIATE_GSS_CODE PQ_PROTOCOL(1234, 5680)

/* Bounds on the start-up packet length (length word included). */
#define PQ_MAX_STARTUP_PACKET_LENGTH 10000
#define PQ_MIN_STARTUP_PACKET_LENGTH 8

/* Frontend message types. */
#define PQ_MSG_QUERY 'Q'
#define PQ_MSG_PARSE 'P'
#define PQ_MSG_BIND 'B'
#define PQ_MSG_DESCRIBE 'D'
#define PQ_MSG_EXECUTE 'E'
#define PQ_MSG_SYNC 'S'
#define PQ_MSG_CLOSE 'C'
#define PQ_MSG_FLUSH 'H'
#define PQ_MSG_FUNCTION_CALL 'F'
#define PQ_MSG_COPY_DATA 'd'
#define PQ_MSG_COPY_DONE 'c'
#define PQ_MSG_COPY_FAIL 'f'
#define PQ_MSG_PASSWORD 'p'         /* also SASL initial response / response */
#define PQ_MSG_TERMINATE 'X'

/* Backend message types. */
#define PQ_MSG_AUTHENTICATION 'R'
#define PQ_MSG_BACKEND_KEY_DATA 'K'
#define PQ_MSG_PARAMETER_STATUS 'S'
#define PQ_MSG_READY_FOR_QUERY 'Z'
#define PQ_MSG_ROW_DESCRIPTION 'T'
#define PQ_MSG_DATA_ROW 'D'
#define PQ_MSG_COMMAND_COMPLETE 'C'
#define PQ_MSG_EMPTY_QUERY_RESPONSE 'I'
#define PQ_MSG_ERROR_RESPONSE 'E'
#define PQ_MSG_NOTICE_RESPONSE 'N'
#define PQ_MSG_NEGOTIATE_PROTOCOL_VERSION 'v'
/* Extended query protocol replies (added with tcop/extended.c). */
#define PQ_MSG_PARSE_COMPLETE '1'
#define PQ_MSG_BIND_COMPLETE '2'
#define PQ_MSG_CLOSE_COMPLETE '3'
#define PQ_MSG_NO_DATA 'n'
#define PQ_MSG_PORTAL_SUSPENDED 's'
#define PQ_MSG_PARAMETER_DESCRIPTION 't'

/* AuthenticationXxx request codes (first int32 of an 'R' message). */
#define PQ_AUTH_REQ_OK 0
#define PQ_AUTH_REQ_PASSWORD 3
#define PQ_AUTH_REQ_MD5 5
#define PQ_AUTH_REQ_SASL 10
#define PQ_AUTH_REQ_SASL_CONTINUE 11
#define PQ_AUTH_REQ_SASL_FINAL 12

/* Fields of ErrorResponse / NoticeResponse. */
#define PQ_DIAG_SEVERITY 'S'            /* localized */
#define PQ_DIAG_SEVERITY_NONLOCALIZED 'V'
#define PQ_DIAG_SQLSTATE 'C'
#define PQ_DIAG_MESSAGE_PRIMARY 'M'
#define PQ_DIAG_MESSAGE_DETAIL 'D'
#define PQ_DIAG_MESSAGE_HINT 'H'
#define PQ_DIAG_STATEMENT_POSITION 'P'
#define PQ_DIAG_CONTEXT 'W'
#define PQ_DIAG_SOURCE_FILE 'F'
#define PQ_DIAG_SOURCE_LINE 'L'
#define PQ_DIAG_SOURCE_FUNCTION 'R'

#endif                          /* LIBPQ_PQCOMM_H */
