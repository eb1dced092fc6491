/*
 * parser.h
 *     The SQL scanner and grammar: query text -> raw parse trees
 *     (nodes/parsenodes.h).  Analysis into typed Query trees is separate
 *     (parser/analyze.h).
 * Implemented in src/backend/parser/{scan.c,gram*.c,keywords.c} and
 * src/backend/nodes/rawprint.c; see src/backend/parser/README.md.
 */
#ifndef PARSER_PARSER_H
#define PARSER_PARSER_H

#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"

/* Expression/statement nesting deeper than this raises 54001. */
#define PARSER_MAX_NESTING_DEPTH 1000

/* gram.c, gram_type.c */

/*
 * RawParser -- scan and parse query_string (NUL-terminated, UTF-8).
 * Returns a List of RawStmt, one per non-empty statement; NIL for a string
 * holding only whitespace, comments and semicolons.  Allocated in
 * CurrentMemoryContext.  Raises ERROR (42601 and friends, with an error
 * position) on the first lexical or syntax error; may emit NOTICEs (for
 * instance identifier truncation).
 */
extern List *RawParser(const char *query_string);

/*
 * ParserErrorPosition -- convert a 0-based byte offset into query into the
 * 1-based character position errposition() wants (UTF-8 aware: counts
 * characters, not continuation bytes).  Returns 0 ("no position") for a
 * negative offset.
 */
extern int ParserErrorPosition(const char *query, int byte_offset);

/*
 * MakeTypeNameFromNameList -- a TypeName for a (possibly qualified) name
 * list of String, no typmods, typemod -1, location -1.
 */
extern TypeName *MakeTypeNameFromNameList(List *names);

/* scan.c */

/*
 * IdentifierDowncase -- downcase an unquoted identifier of len bytes
 * (ASCII A-Z only, as PostgreSQL with a UTF-8 server encoding), and if
 * truncate, cut it to NAMEDATALEN-1 bytes on a character boundary (with a
 * NOTICE 42622).  Result palloc'd in CurrentMemoryContext.
 */
extern char *IdentifierDowncase(const char *ident, int len, bool truncate);

/*
 * IdentifierTruncate -- cut ident in place to NAMEDATALEN-1 bytes on a
 * character boundary; if warn, emit NOTICE 42622 when it was cut.
 */
extern void IdentifierTruncate(char *ident, int len, bool warn);

/* keywords.c */

typedef enum KeywordCategory
{
    KEYWORD_UNRESERVED,         /* usable as any name */
    KEYWORD_COL_NAME,           /* usable as a column/table name, not a function/type */
    KEYWORD_TYPE_FUNC_NAME,     /* usable as a function/type name, not a column */
    KEYWORD_RESERVED            /* usable only quoted, or as a column label after AS */
} KeywordCategory;

/*
 * KeywordLookup -- category of the keyword spelled by word (already
 * lowercase), or -1 if word is not a keyword.  Categories are PostgreSQL
 * 15's, so that quoting needs are the same.
 */
extern int KeywordLookup(const char *word);

/*
 * QuoteIdentifier -- ident as it must be written in SQL: unchanged if it
 * is a lowercase regular identifier that is not a reserved-ish keyword,
 * else in double quotes with embedded quotes doubled.  May return ident
 * itself; otherwise palloc'd.
 */
extern const char *QuoteIdentifier(const char *ident);

/* nodes/rawprint.c */

/*
 * RawNodeToString -- a compact, deterministic, single-line rendering of a
 * raw parse tree (or List, value node, NULL) for tests and debugging, e.g.
 * {SelectStmt :targetList ({ResTarget :val {ColumnRef :fields ("a")}})}.
 * Fields holding their zero value (NULL, NIL, false, 0) are omitted;
 * strings are double-quoted; A_Const prints as its value.  Locations are
 * left out; RawNodeToStringWithLocations adds them as "@N" (byte offsets).
 * palloc'd in CurrentMemoryContext.
 */
extern char *RawNodeToString(const void *node);
extern char *RawNodeToStringWithLocations(const void *node);
extern void RawNodeAppend(StringInfo buf, const void *node, bool with_locations);

/* Name of a node tag in the raw range ("SelectStmt"), or NULL. */
extern const char *RawNodeTagName(NodeTag tag);

#endif                          /* PARSER_PARSER_H */
