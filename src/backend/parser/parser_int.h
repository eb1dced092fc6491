/*
 * parser_int.h
 *     Private declarations shared by the scanner (scan.c), the keyword
 *     table (keywords.c) and the grammar files (gram*.c).
 * Nothing outside src/backend/parser includes this file.
 */
#ifndef PARSER_INT_H
#define PARSER_INT_H

#include "nodes/parsenodes.h"
#include "parser/parser.h"

/*
 * The keyword list: X(enum name, spelling, category, usable as a bare
 * column label).  Sorted by spelling (KeywordLookup bisects it).  The
 * spellings and categories are PostgreSQL 15's (pg_get_keywords()), so
 * that what needs quoting is the same as there.
 */
#define PARSER_KEYWORD_LIST(X) \
    X(KW_ABORT, "abort", KEYWORD_UNRESERVED, true) \
    X(KW_ABSOLUTE, "absolute", KEYWORD_UNRESERVED, true) \
    X(KW_ACCESS, "access", KEYWORD_UNRESERVED, true) \
    X(KW_ACTION, "action", KEYWORD_UNRESERVED, true) \
    X(KW_ADD, "add", KEYWORD_UNRESERVED, true) \
    X(KW_ADMIN, "admin", KEYWORD_UNRESERVED, true) \
    X(KW_AFTER, "after", KEYWORD_UNRESERVED, true) \
    X(KW_AGGREGATE, "aggregate", KEYWORD_UNRESERVED, true) \
    X(KW_ALL, "all", KEYWORD_RESERVED, true) \
    X(KW_ALSO, "also", KEYWORD_UNRESERVED, true) \
    X(KW_ALTER, "alter", KEYWORD_UNRESERVED, true) \
    X(KW_ALWAYS, "always", KEYWORD_UNRESERVED, true) \
    X(KW_ANALYSE, "analyse", KEYWORD_RESERVED, true) \
    X(KW_ANALYZE, "analyze", KEYWORD_RESERVED, true) \
    X(KW_AND, "and", KEYWORD_RESERVED, true) \
    X(KW_ANY, "any", KEYWORD_RESERVED, true) \
    X(KW_ARRAY, "array", KEYWORD_RESERVED, false) \
    X(KW_AS, "as", KEYWORD_RESERVED, false) \
    X(KW_ASC, "asc", KEYWORD_RESERVED, true) \
    X(KW_ASENSITIVE, "asensitive", KEYWORD_UNRESERVED, true) \
    X(KW_ASSERTION, "assertion", KEYWORD_UNRESERVED, true) \
    X(KW_ASSIGNMENT, "assignment", KEYWORD_UNRESERVED, true) \
    X(KW_ASYMMETRIC, "asymmetric", KEYWORD_RESERVED, true) \
    X(KW_AT, "at", KEYWORD_UNRESERVED, true) \
    X(KW_ATOMIC, "atomic", KEYWORD_UNRESERVED, true) \
    X(KW_ATTACH, "attach", KEYWORD_UNRESERVED, true) \
    X(KW_ATTRIBUTE, "attribute", KEYWORD_UNRESERVED, true) \
    X(KW_AUTHORIZATION, "authorization", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_BACKWARD, "backward", KEYWORD_UNRESERVED, true) \
    X(KW_BEFORE, "before", KEYWORD_UNRESERVED, true) \
    X(KW_BEGIN, "begin", KEYWORD_UNRESERVED, true) \
    X(KW_BETWEEN, "between", KEYWORD_COL_NAME, true) \
    X(KW_BIGINT, "bigint", KEYWORD_COL_NAME, true) \
    X(KW_BINARY, "binary", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_BIT, "bit", KEYWORD_COL_NAME, true) \
    X(KW_BOOLEAN, "boolean", KEYWORD_COL_NAME, true) \
    X(KW_BOTH, "both", KEYWORD_RESERVED, true) \
    X(KW_BREADTH, "breadth", KEYWORD_UNRESERVED, true) \
    X(KW_BY, "by", KEYWORD_UNRESERVED, true) \
    X(KW_CACHE, "cache", KEYWORD_UNRESERVED, true) \
    X(KW_CALL, "call", KEYWORD_UNRESERVED, true) \
    X(KW_CALLED, "called", KEYWORD_UNRESERVED, true) \
    X(KW_CASCADE, "cascade", KEYWORD_UNRESERVED, true) \
    X(KW_CASCADED, "cascaded", KEYWORD_UNRESERVED, true) \
    X(KW_CASE, "case", KEYWORD_RESERVED, true) \
    X(KW_CAST, "cast", KEYWORD_RESERVED, true) \
    X(KW_CATALOG, "catalog", KEYWORD_UNRESERVED, true) \
    X(KW_CHAIN, "chain", KEYWORD_UNRESERVED, true) \
    X(KW_CHAR, "char", KEYWORD_COL_NAME, false) \
    X(KW_CHARACTER, "character", KEYWORD_COL_NAME, false) \
    X(KW_CHARACTERISTICS, "characteristics", KEYWORD_UNRESERVED, true) \
    X(KW_CHECK, "check", KEYWORD_RESERVED, true) \
    X(KW_CHECKPOINT, "checkpoint", KEYWORD_UNRESERVED, true) \
    X(KW_CLASS, "class", KEYWORD_UNRESERVED, true) \
    X(KW_CLOSE, "close", KEYWORD_UNRESERVED, true) \
    X(KW_CLUSTER, "cluster", KEYWORD_UNRESERVED, true) \
    X(KW_COALESCE, "coalesce", KEYWORD_COL_NAME, true) \
    X(KW_COLLATE, "collate", KEYWORD_RESERVED, true) \
    X(KW_COLLATION, "collation", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_COLUMN, "column", KEYWORD_RESERVED, true) \
    X(KW_COLUMNS, "columns", KEYWORD_UNRESERVED, true) \
    X(KW_COMMENT, "comment", KEYWORD_UNRESERVED, true) \
    X(KW_COMMENTS, "comments", KEYWORD_UNRESERVED, true) \
    X(KW_COMMIT, "commit", KEYWORD_UNRESERVED, true) \
    X(KW_COMMITTED, "committed", KEYWORD_UNRESERVED, true) \
    X(KW_COMPRESSION, "compression", KEYWORD_UNRESERVED, true) \
    X(KW_CONCURRENTLY, "concurrently", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_CONFIGURATION, "configuration", KEYWORD_UNRESERVED, true) \
    X(KW_CONFLICT, "conflict", KEYWORD_UNRESERVED, true) \
    X(KW_CONNECTION, "connection", KEYWORD_UNRESERVED, true) \
    X(KW_CONSTRAINT, "constraint", KEYWORD_RESERVED, true) \
    X(KW_CONSTRAINTS, "constraints", KEYWORD_UNRESERVED, true) \
    X(KW_CONTENT, "content", KEYWORD_UNRESERVED, true) \
    X(KW_CONTINUE, "continue", KEYWORD_UNRESERVED, true) \
    X(KW_CONVERSION, "conversion", KEYWORD_UNRESERVED, true) \
    X(KW_COPY, "copy", KEYWORD_UNRESERVED, true) \
    X(KW_COST, "cost", KEYWORD_UNRESERVED, true) \
    X(KW_CREATE, "create", KEYWORD_RESERVED, false) \
    X(KW_CROSS, "cross", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_CSV, "csv", KEYWORD_UNRESERVED, true) \
    X(KW_CUBE, "cube", KEYWORD_UNRESERVED, true) \
    X(KW_CURRENT, "current", KEYWORD_UNRESERVED, true) \
    X(KW_CURRENT_CATALOG, "current_catalog", KEYWORD_RESERVED, true) \
    X(KW_CURRENT_DATE, "current_date", KEYWORD_RESERVED, true) \
    X(KW_CURRENT_ROLE, "current_role", KEYWORD_RESERVED, true) \
    X(KW_CURRENT_SCHEMA, "current_schema", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_CURRENT_TIME, "current_time", KEYWORD_RESERVED, true) \
    X(KW_CURRENT_TIMESTAMP, "current_timestamp", KEYWORD_RESERVED, true) \
    X(KW_CURRENT_USER, "current_user", KEYWORD_RESERVED, true) \
    X(KW_CURSOR, "cursor", KEYWORD_UNRESERVED, true) \
    X(KW_CYCLE, "cycle", KEYWORD_UNRESERVED, true) \
    X(KW_DATA, "data", KEYWORD_UNRESERVED, true) \
    X(KW_DATABASE, "database", KEYWORD_UNRESERVED, true) \
    X(KW_DAY, "day", KEYWORD_UNRESERVED, false) \
    X(KW_DEALLOCATE, "deallocate", KEYWORD_UNRESERVED, true) \
    X(KW_DEC, "dec", KEYWORD_COL_NAME, true) \
    X(KW_DECIMAL, "decimal", KEYWORD_COL_NAME, true) \
    X(KW_DECLARE, "declare", KEYWORD_UNRESERVED, true) \
    X(KW_DEFAULT, "default", KEYWORD_RESERVED, true) \
    X(KW_DEFAULTS, "defaults", KEYWORD_UNRESERVED, true) \
    X(KW_DEFERRABLE, "deferrable", KEYWORD_RESERVED, true) \
    X(KW_DEFERRED, "deferred", KEYWORD_UNRESERVED, true) \
    X(KW_DEFINER, "definer", KEYWORD_UNRESERVED, true) \
    X(KW_DELETE, "delete", KEYWORD_UNRESERVED, true) \
    X(KW_DELIMITER, "delimiter", KEYWORD_UNRESERVED, true) \
    X(KW_DELIMITERS, "delimiters", KEYWORD_UNRESERVED, true) \
    X(KW_DEPENDS, "depends", KEYWORD_UNRESERVED, true) \
    X(KW_DEPTH, "depth", KEYWORD_UNRESERVED, true) \
    X(KW_DESC, "desc", KEYWORD_RESERVED, true) \
    X(KW_DETACH, "detach", KEYWORD_UNRESERVED, true) \
    X(KW_DICTIONARY, "dictionary", KEYWORD_UNRESERVED, true) \
    X(KW_DISABLE, "disable", KEYWORD_UNRESERVED, true) \
    X(KW_DISCARD, "discard", KEYWORD_UNRESERVED, true) \
    X(KW_DISTINCT, "distinct", KEYWORD_RESERVED, true) \
    X(KW_DO, "do", KEYWORD_RESERVED, true) \
    X(KW_DOCUMENT, "document", KEYWORD_UNRESERVED, true) \
    X(KW_DOMAIN, "domain", KEYWORD_UNRESERVED, true) \
    X(KW_DOUBLE, "double", KEYWORD_UNRESERVED, true) \
    X(KW_DROP, "drop", KEYWORD_UNRESERVED, true) \
    X(KW_EACH, "each", KEYWORD_UNRESERVED, true) \
    X(KW_ELSE, "else", KEYWORD_RESERVED, true) \
    X(KW_ENABLE, "enable", KEYWORD_UNRESERVED, true) \
    X(KW_ENCODING, "encoding", KEYWORD_UNRESERVED, true) \
    X(KW_ENCRYPTED, "encrypted", KEYWORD_UNRESERVED, true) \
    X(KW_END, "end", KEYWORD_RESERVED, true) \
    X(KW_ENUM, "enum", KEYWORD_UNRESERVED, true) \
    X(KW_ESCAPE, "escape", KEYWORD_UNRESERVED, true) \
    X(KW_EVENT, "event", KEYWORD_UNRESERVED, true) \
    X(KW_EXCEPT, "except", KEYWORD_RESERVED, false) \
    X(KW_EXCLUDE, "exclude", KEYWORD_UNRESERVED, true) \
    X(KW_EXCLUDING, "excluding", KEYWORD_UNRESERVED, true) \
    X(KW_EXCLUSIVE, "exclusive", KEYWORD_UNRESERVED, true) \
    X(KW_EXECUTE, "execute", KEYWORD_UNRESERVED, true) \
    X(KW_EXISTS, "exists", KEYWORD_COL_NAME, true) \
    X(KW_EXPLAIN, "explain", KEYWORD_UNRESERVED, true) \
    X(KW_EXPRESSION, "expression", KEYWORD_UNRESERVED, true) \
    X(KW_EXTENSION, "extension", KEYWORD_UNRESERVED, true) \
    X(KW_EXTERNAL, "external", KEYWORD_UNRESERVED, true) \
    X(KW_EXTRACT, "extract", KEYWORD_COL_NAME, true) \
    X(KW_FALSE, "false", KEYWORD_RESERVED, true) \
    X(KW_FAMILY, "family", KEYWORD_UNRESERVED, true) \
    X(KW_FETCH, "fetch", KEYWORD_RESERVED, false) \
    X(KW_FILTER, "filter", KEYWORD_UNRESERVED, false) \
    X(KW_FINALIZE, "finalize", KEYWORD_UNRESERVED, true) \
    X(KW_FIRST, "first", KEYWORD_UNRESERVED, true) \
    X(KW_FLOAT, "float", KEYWORD_COL_NAME, true) \
    X(KW_FOLLOWING, "following", KEYWORD_UNRESERVED, true) \
    X(KW_FOR, "for", KEYWORD_RESERVED, false) \
    X(KW_FORCE, "force", KEYWORD_UNRESERVED, true) \
    X(KW_FOREIGN, "foreign", KEYWORD_RESERVED, true) \
    X(KW_FORWARD, "forward", KEYWORD_UNRESERVED, true) \
    X(KW_FREEZE, "freeze", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_FROM, "from", KEYWORD_RESERVED, false) \
    X(KW_FULL, "full", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_FUNCTION, "function", KEYWORD_UNRESERVED, true) \
    X(KW_FUNCTIONS, "functions", KEYWORD_UNRESERVED, true) \
    X(KW_GENERATED, "generated", KEYWORD_UNRESERVED, true) \
    X(KW_GLOBAL, "global", KEYWORD_UNRESERVED, true) \
    X(KW_GRANT, "grant", KEYWORD_RESERVED, false) \
    X(KW_GRANTED, "granted", KEYWORD_UNRESERVED, true) \
    X(KW_GREATEST, "greatest", KEYWORD_COL_NAME, true) \
    X(KW_GROUP, "group", KEYWORD_RESERVED, false) \
    X(KW_GROUPING, "grouping", KEYWORD_COL_NAME, true) \
    X(KW_GROUPS, "groups", KEYWORD_UNRESERVED, true) \
    X(KW_HANDLER, "handler", KEYWORD_UNRESERVED, true) \
    X(KW_HAVING, "having", KEYWORD_RESERVED, false) \
    X(KW_HEADER, "header", KEYWORD_UNRESERVED, true) \
    X(KW_HOLD, "hold", KEYWORD_UNRESERVED, true) \
    X(KW_HOUR, "hour", KEYWORD_UNRESERVED, false) \
    X(KW_IDENTITY, "identity", KEYWORD_UNRESERVED, true) \
    X(KW_IF, "if", KEYWORD_UNRESERVED, true) \
    X(KW_ILIKE, "ilike", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_IMMEDIATE, "immediate", KEYWORD_UNRESERVED, true) \
    X(KW_IMMUTABLE, "immutable", KEYWORD_UNRESERVED, true) \
    X(KW_IMPLICIT, "implicit", KEYWORD_UNRESERVED, true) \
    X(KW_IMPORT, "import", KEYWORD_UNRESERVED, true) \
    X(KW_IN, "in", KEYWORD_RESERVED, true) \
    X(KW_INCLUDE, "include", KEYWORD_UNRESERVED, true) \
    X(KW_INCLUDING, "including", KEYWORD_UNRESERVED, true) \
    X(KW_INCREMENT, "increment", KEYWORD_UNRESERVED, true) \
    X(KW_INDEX, "index", KEYWORD_UNRESERVED, true) \
    X(KW_INDEXES, "indexes", KEYWORD_UNRESERVED, true) \
    X(KW_INHERIT, "inherit", KEYWORD_UNRESERVED, true) \
    X(KW_INHERITS, "inherits", KEYWORD_UNRESERVED, true) \
    X(KW_INITIALLY, "initially", KEYWORD_RESERVED, true) \
    X(KW_INLINE, "inline", KEYWORD_UNRESERVED, true) \
    X(KW_INNER, "inner", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_INOUT, "inout", KEYWORD_COL_NAME, true) \
    X(KW_INPUT, "input", KEYWORD_UNRESERVED, true) \
    X(KW_INSENSITIVE, "insensitive", KEYWORD_UNRESERVED, true) \
    X(KW_INSERT, "insert", KEYWORD_UNRESERVED, true) \
    X(KW_INSTEAD, "instead", KEYWORD_UNRESERVED, true) \
    X(KW_INT, "int", KEYWORD_COL_NAME, true) \
    X(KW_INTEGER, "integer", KEYWORD_COL_NAME, true) \
    X(KW_INTERSECT, "intersect", KEYWORD_RESERVED, false) \
    X(KW_INTERVAL, "interval", KEYWORD_COL_NAME, true) \
    X(KW_INTO, "into", KEYWORD_RESERVED, false) \
    X(KW_INVOKER, "invoker", KEYWORD_UNRESERVED, true) \
    X(KW_IS, "is", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_ISNULL, "isnull", KEYWORD_TYPE_FUNC_NAME, false) \
    X(KW_ISOLATION, "isolation", KEYWORD_UNRESERVED, true) \
    X(KW_JOIN, "join", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_KEY, "key", KEYWORD_UNRESERVED, true) \
    X(KW_LABEL, "label", KEYWORD_UNRESERVED, true) \
    X(KW_LANGUAGE, "language", KEYWORD_UNRESERVED, true) \
    X(KW_LARGE, "large", KEYWORD_UNRESERVED, true) \
    X(KW_LAST, "last", KEYWORD_UNRESERVED, true) \
    X(KW_LATERAL, "lateral", KEYWORD_RESERVED, true) \
    X(KW_LEADING, "leading", KEYWORD_RESERVED, true) \
    X(KW_LEAKPROOF, "leakproof", KEYWORD_UNRESERVED, true) \
    X(KW_LEAST, "least", KEYWORD_COL_NAME, true) \
    X(KW_LEFT, "left", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_LEVEL, "level", KEYWORD_UNRESERVED, true) \
    X(KW_LIKE, "like", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_LIMIT, "limit", KEYWORD_RESERVED, false) \
    X(KW_LISTEN, "listen", KEYWORD_UNRESERVED, true) \
    X(KW_LOAD, "load", KEYWORD_UNRESERVED, true) \
    X(KW_LOCAL, "local", KEYWORD_UNRESERVED, true) \
    X(KW_LOCALTIME, "localtime", KEYWORD_RESERVED, true) \
    X(KW_LOCALTIMESTAMP, "localtimestamp", KEYWORD_RESERVED, true) \
    X(KW_LOCATION, "location", KEYWORD_UNRESERVED, true) \
    X(KW_LOCK, "lock", KEYWORD_UNRESERVED, true) \
    X(KW_LOCKED, "locked", KEYWORD_UNRESERVED, true) \
    X(KW_LOGGED, "logged", KEYWORD_UNRESERVED, true) \
    X(KW_MAPPING, "mapping", KEYWORD_UNRESERVED, true) \
    X(KW_MATCH, "match", KEYWORD_UNRESERVED, true) \
    X(KW_MATCHED, "matched", KEYWORD_UNRESERVED, true) \
    X(KW_MATERIALIZED, "materialized", KEYWORD_UNRESERVED, true) \
    X(KW_MAXVALUE, "maxvalue", KEYWORD_UNRESERVED, true) \
    X(KW_MERGE, "merge", KEYWORD_UNRESERVED, true) \
    X(KW_METHOD, "method", KEYWORD_UNRESERVED, true) \
    X(KW_MINUTE, "minute", KEYWORD_UNRESERVED, false) \
    X(KW_MINVALUE, "minvalue", KEYWORD_UNRESERVED, true) \
    X(KW_MODE, "mode", KEYWORD_UNRESERVED, true) \
    X(KW_MONTH, "month", KEYWORD_UNRESERVED, false) \
    X(KW_MOVE, "move", KEYWORD_UNRESERVED, true) \
    X(KW_NAME, "name", KEYWORD_UNRESERVED, true) \
    X(KW_NAMES, "names", KEYWORD_UNRESERVED, true) \
    X(KW_NATIONAL, "national", KEYWORD_COL_NAME, true) \
    X(KW_NATURAL, "natural", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_NCHAR, "nchar", KEYWORD_COL_NAME, true) \
    X(KW_NEW, "new", KEYWORD_UNRESERVED, true) \
    X(KW_NEXT, "next", KEYWORD_UNRESERVED, true) \
    X(KW_NFC, "nfc", KEYWORD_UNRESERVED, true) \
    X(KW_NFD, "nfd", KEYWORD_UNRESERVED, true) \
    X(KW_NFKC, "nfkc", KEYWORD_UNRESERVED, true) \
    X(KW_NFKD, "nfkd", KEYWORD_UNRESERVED, true) \
    X(KW_NO, "no", KEYWORD_UNRESERVED, true) \
    X(KW_NONE, "none", KEYWORD_COL_NAME, true) \
    X(KW_NORMALIZE, "normalize", KEYWORD_COL_NAME, true) \
    X(KW_NORMALIZED, "normalized", KEYWORD_UNRESERVED, true) \
    X(KW_NOT, "not", KEYWORD_RESERVED, true) \
    X(KW_NOTHING, "nothing", KEYWORD_UNRESERVED, true) \
    X(KW_NOTIFY, "notify", KEYWORD_UNRESERVED, true) \
    X(KW_NOTNULL, "notnull", KEYWORD_TYPE_FUNC_NAME, false) \
    X(KW_NOWAIT, "nowait", KEYWORD_UNRESERVED, true) \
    X(KW_NULL, "null", KEYWORD_RESERVED, true) \
    X(KW_NULLIF, "nullif", KEYWORD_COL_NAME, true) \
    X(KW_NULLS, "nulls", KEYWORD_UNRESERVED, true) \
    X(KW_NUMERIC, "numeric", KEYWORD_COL_NAME, true) \
    X(KW_OBJECT, "object", KEYWORD_UNRESERVED, true) \
    X(KW_OF, "of", KEYWORD_UNRESERVED, true) \
    X(KW_OFF, "off", KEYWORD_UNRESERVED, true) \
    X(KW_OFFSET, "offset", KEYWORD_RESERVED, false) \
    X(KW_OIDS, "oids", KEYWORD_UNRESERVED, true) \
    X(KW_OLD, "old", KEYWORD_UNRESERVED, true) \
    X(KW_ON, "on", KEYWORD_RESERVED, false) \
    X(KW_ONLY, "only", KEYWORD_RESERVED, true) \
    X(KW_OPERATOR, "operator", KEYWORD_UNRESERVED, true) \
    X(KW_OPTION, "option", KEYWORD_UNRESERVED, true) \
    X(KW_OPTIONS, "options", KEYWORD_UNRESERVED, true) \
    X(KW_OR, "or", KEYWORD_RESERVED, true) \
    X(KW_ORDER, "order", KEYWORD_RESERVED, false) \
    X(KW_ORDINALITY, "ordinality", KEYWORD_UNRESERVED, true) \
    X(KW_OTHERS, "others", KEYWORD_UNRESERVED, true) \
    X(KW_OUT, "out", KEYWORD_COL_NAME, true) \
    X(KW_OUTER, "outer", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_OVER, "over", KEYWORD_UNRESERVED, false) \
    X(KW_OVERLAPS, "overlaps", KEYWORD_TYPE_FUNC_NAME, false) \
    X(KW_OVERLAY, "overlay", KEYWORD_COL_NAME, true) \
    X(KW_OVERRIDING, "overriding", KEYWORD_UNRESERVED, true) \
    X(KW_OWNED, "owned", KEYWORD_UNRESERVED, true) \
    X(KW_OWNER, "owner", KEYWORD_UNRESERVED, true) \
    X(KW_PARALLEL, "parallel", KEYWORD_UNRESERVED, true) \
    X(KW_PARAMETER, "parameter", KEYWORD_UNRESERVED, true) \
    X(KW_PARSER, "parser", KEYWORD_UNRESERVED, true) \
    X(KW_PARTIAL, "partial", KEYWORD_UNRESERVED, true) \
    X(KW_PARTITION, "partition", KEYWORD_UNRESERVED, true) \
    X(KW_PASSING, "passing", KEYWORD_UNRESERVED, true) \
    X(KW_PASSWORD, "password", KEYWORD_UNRESERVED, true) \
    X(KW_PLACING, "placing", KEYWORD_RESERVED, true) \
    X(KW_PLANS, "plans", KEYWORD_UNRESERVED, true) \
    X(KW_POLICY, "policy", KEYWORD_UNRESERVED, true) \
    X(KW_POSITION, "position", KEYWORD_COL_NAME, true) \
    X(KW_PRECEDING, "preceding", KEYWORD_UNRESERVED, true) \
    X(KW_PRECISION, "precision", KEYWORD_COL_NAME, false) \
    X(KW_PREPARE, "prepare", KEYWORD_UNRESERVED, true) \
    X(KW_PREPARED, "prepared", KEYWORD_UNRESERVED, true) \
    X(KW_PRESERVE, "preserve", KEYWORD_UNRESERVED, true) \
    X(KW_PRIMARY, "primary", KEYWORD_RESERVED, true) \
    X(KW_PRIOR, "prior", KEYWORD_UNRESERVED, true) \
    X(KW_PRIVILEGES, "privileges", KEYWORD_UNRESERVED, true) \
    X(KW_PROCEDURAL, "procedural", KEYWORD_UNRESERVED, true) \
    X(KW_PROCEDURE, "procedure", KEYWORD_UNRESERVED, true) \
    X(KW_PROCEDURES, "procedures", KEYWORD_UNRESERVED, true) \
    X(KW_PROGRAM, "program", KEYWORD_UNRESERVED, true) \
    X(KW_PUBLICATION, "publication", KEYWORD_UNRESERVED, true) \
    X(KW_QUOTE, "quote", KEYWORD_UNRESERVED, true) \
    X(KW_RANGE, "range", KEYWORD_UNRESERVED, true) \
    X(KW_READ, "read", KEYWORD_UNRESERVED, true) \
    X(KW_REAL, "real", KEYWORD_COL_NAME, true) \
    X(KW_REASSIGN, "reassign", KEYWORD_UNRESERVED, true) \
    X(KW_RECHECK, "recheck", KEYWORD_UNRESERVED, true) \
    X(KW_RECURSIVE, "recursive", KEYWORD_UNRESERVED, true) \
    X(KW_REF, "ref", KEYWORD_UNRESERVED, true) \
    X(KW_REFERENCES, "references", KEYWORD_RESERVED, true) \
    X(KW_REFERENCING, "referencing", KEYWORD_UNRESERVED, true) \
    X(KW_REFRESH, "refresh", KEYWORD_UNRESERVED, true) \
    X(KW_REINDEX, "reindex", KEYWORD_UNRESERVED, true) \
    X(KW_RELATIVE, "relative", KEYWORD_UNRESERVED, true) \
    X(KW_RELEASE, "release", KEYWORD_UNRESERVED, true) \
    X(KW_RENAME, "rename", KEYWORD_UNRESERVED, true) \
    X(KW_REPEATABLE, "repeatable", KEYWORD_UNRESERVED, true) \
    X(KW_REPLACE, "replace", KEYWORD_UNRESERVED, true) \
    X(KW_REPLICA, "replica", KEYWORD_UNRESERVED, true) \
    X(KW_RESET, "reset", KEYWORD_UNRESERVED, true) \
    X(KW_RESTART, "restart", KEYWORD_UNRESERVED, true) \
    X(KW_RESTRICT, "restrict", KEYWORD_UNRESERVED, true) \
    X(KW_RETURN, "return", KEYWORD_UNRESERVED, true) \
    X(KW_RETURNING, "returning", KEYWORD_RESERVED, false) \
    X(KW_RETURNS, "returns", KEYWORD_UNRESERVED, true) \
    X(KW_REVOKE, "revoke", KEYWORD_UNRESERVED, true) \
    X(KW_RIGHT, "right", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_ROLE, "role", KEYWORD_UNRESERVED, true) \
    X(KW_ROLLBACK, "rollback", KEYWORD_UNRESERVED, true) \
    X(KW_ROLLUP, "rollup", KEYWORD_UNRESERVED, true) \
    X(KW_ROUTINE, "routine", KEYWORD_UNRESERVED, true) \
    X(KW_ROUTINES, "routines", KEYWORD_UNRESERVED, true) \
    X(KW_ROW, "row", KEYWORD_COL_NAME, true) \
    X(KW_ROWS, "rows", KEYWORD_UNRESERVED, true) \
    X(KW_RULE, "rule", KEYWORD_UNRESERVED, true) \
    X(KW_SAVEPOINT, "savepoint", KEYWORD_UNRESERVED, true) \
    X(KW_SCHEMA, "schema", KEYWORD_UNRESERVED, true) \
    X(KW_SCHEMAS, "schemas", KEYWORD_UNRESERVED, true) \
    X(KW_SCROLL, "scroll", KEYWORD_UNRESERVED, true) \
    X(KW_SEARCH, "search", KEYWORD_UNRESERVED, true) \
    X(KW_SECOND, "second", KEYWORD_UNRESERVED, false) \
    X(KW_SECURITY, "security", KEYWORD_UNRESERVED, true) \
    X(KW_SELECT, "select", KEYWORD_RESERVED, true) \
    X(KW_SEQUENCE, "sequence", KEYWORD_UNRESERVED, true) \
    X(KW_SEQUENCES, "sequences", KEYWORD_UNRESERVED, true) \
    X(KW_SERIALIZABLE, "serializable", KEYWORD_UNRESERVED, true) \
    X(KW_SERVER, "server", KEYWORD_UNRESERVED, true) \
    X(KW_SESSION, "session", KEYWORD_UNRESERVED, true) \
    X(KW_SESSION_USER, "session_user", KEYWORD_RESERVED, true) \
    X(KW_SET, "set", KEYWORD_UNRESERVED, true) \
    X(KW_SETOF, "setof", KEYWORD_COL_NAME, true) \
    X(KW_SETS, "sets", KEYWORD_UNRESERVED, true) \
    X(KW_SHARE, "share", KEYWORD_UNRESERVED, true) \
    X(KW_SHOW, "show", KEYWORD_UNRESERVED, true) \
    X(KW_SIMILAR, "similar", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_SIMPLE, "simple", KEYWORD_UNRESERVED, true) \
    X(KW_SKIP, "skip", KEYWORD_UNRESERVED, true) \
    X(KW_SMALLINT, "smallint", KEYWORD_COL_NAME, true) \
    X(KW_SNAPSHOT, "snapshot", KEYWORD_UNRESERVED, true) \
    X(KW_SOME, "some", KEYWORD_RESERVED, true) \
    X(KW_SQL, "sql", KEYWORD_UNRESERVED, true) \
    X(KW_STABLE, "stable", KEYWORD_UNRESERVED, true) \
    X(KW_STANDALONE, "standalone", KEYWORD_UNRESERVED, true) \
    X(KW_START, "start", KEYWORD_UNRESERVED, true) \
    X(KW_STATEMENT, "statement", KEYWORD_UNRESERVED, true) \
    X(KW_STATISTICS, "statistics", KEYWORD_UNRESERVED, true) \
    X(KW_STDIN, "stdin", KEYWORD_UNRESERVED, true) \
    X(KW_STDOUT, "stdout", KEYWORD_UNRESERVED, true) \
    X(KW_STORAGE, "storage", KEYWORD_UNRESERVED, true) \
    X(KW_STORED, "stored", KEYWORD_UNRESERVED, true) \
    X(KW_STRICT, "strict", KEYWORD_UNRESERVED, true) \
    X(KW_STRIP, "strip", KEYWORD_UNRESERVED, true) \
    X(KW_SUBSCRIPTION, "subscription", KEYWORD_UNRESERVED, true) \
    X(KW_SUBSTRING, "substring", KEYWORD_COL_NAME, true) \
    X(KW_SUPPORT, "support", KEYWORD_UNRESERVED, true) \
    X(KW_SYMMETRIC, "symmetric", KEYWORD_RESERVED, true) \
    X(KW_SYSID, "sysid", KEYWORD_UNRESERVED, true) \
    X(KW_SYSTEM, "system", KEYWORD_UNRESERVED, true) \
    X(KW_TABLE, "table", KEYWORD_RESERVED, true) \
    X(KW_TABLES, "tables", KEYWORD_UNRESERVED, true) \
    X(KW_TABLESAMPLE, "tablesample", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_TABLESPACE, "tablespace", KEYWORD_UNRESERVED, true) \
    X(KW_TEMP, "temp", KEYWORD_UNRESERVED, true) \
    X(KW_TEMPLATE, "template", KEYWORD_UNRESERVED, true) \
    X(KW_TEMPORARY, "temporary", KEYWORD_UNRESERVED, true) \
    X(KW_TEXT, "text", KEYWORD_UNRESERVED, true) \
    X(KW_THEN, "then", KEYWORD_RESERVED, true) \
    X(KW_TIES, "ties", KEYWORD_UNRESERVED, true) \
    X(KW_TIME, "time", KEYWORD_COL_NAME, true) \
    X(KW_TIMESTAMP, "timestamp", KEYWORD_COL_NAME, true) \
    X(KW_TO, "to", KEYWORD_RESERVED, false) \
    X(KW_TRAILING, "trailing", KEYWORD_RESERVED, true) \
    X(KW_TRANSACTION, "transaction", KEYWORD_UNRESERVED, true) \
    X(KW_TRANSFORM, "transform", KEYWORD_UNRESERVED, true) \
    X(KW_TREAT, "treat", KEYWORD_COL_NAME, true) \
    X(KW_TRIGGER, "trigger", KEYWORD_UNRESERVED, true) \
    X(KW_TRIM, "trim", KEYWORD_COL_NAME, true) \
    X(KW_TRUE, "true", KEYWORD_RESERVED, true) \
    X(KW_TRUNCATE, "truncate", KEYWORD_UNRESERVED, true) \
    X(KW_TRUSTED, "trusted", KEYWORD_UNRESERVED, true) \
    X(KW_TYPE, "type", KEYWORD_UNRESERVED, true) \
    X(KW_TYPES, "types", KEYWORD_UNRESERVED, true) \
    X(KW_UESCAPE, "uescape", KEYWORD_UNRESERVED, true) \
    X(KW_UNBOUNDED, "unbounded", KEYWORD_UNRESERVED, true) \
    X(KW_UNCOMMITTED, "uncommitted", KEYWORD_UNRESERVED, true) \
    X(KW_UNENCRYPTED, "unencrypted", KEYWORD_UNRESERVED, true) \
    X(KW_UNION, "union", KEYWORD_RESERVED, false) \
    X(KW_UNIQUE, "unique", KEYWORD_RESERVED, true) \
    X(KW_UNKNOWN, "unknown", KEYWORD_UNRESERVED, true) \
    X(KW_UNLISTEN, "unlisten", KEYWORD_UNRESERVED, true) \
    X(KW_UNLOGGED, "unlogged", KEYWORD_UNRESERVED, true) \
    X(KW_UNTIL, "until", KEYWORD_UNRESERVED, true) \
    X(KW_UPDATE, "update", KEYWORD_UNRESERVED, true) \
    X(KW_USER, "user", KEYWORD_RESERVED, true) \
    X(KW_USING, "using", KEYWORD_RESERVED, true) \
    X(KW_VACUUM, "vacuum", KEYWORD_UNRESERVED, true) \
    X(KW_VALID, "valid", KEYWORD_UNRESERVED, true) \
    X(KW_VALIDATE, "validate", KEYWORD_UNRESERVED, true) \
    X(KW_VALIDATOR, "validator", KEYWORD_UNRESERVED, true) \
    X(KW_VALUE, "value", KEYWORD_UNRESERVED, true) \
    X(KW_VALUES, "values", KEYWORD_COL_NAME, true) \
    X(KW_VARCHAR, "varchar", KEYWORD_COL_NAME, true) \
    X(KW_VARIADIC, "variadic", KEYWORD_RESERVED, true) \
    X(KW_VARYING, "varying", KEYWORD_UNRESERVED, false) \
    X(KW_VERBOSE, "verbose", KEYWORD_TYPE_FUNC_NAME, true) \
    X(KW_VERSION, "version", KEYWORD_UNRESERVED, true) \
    X(KW_VIEW, "view", KEYWORD_UNRESERVED, true) \
    X(KW_VIEWS, "views", KEYWORD_UNRESERVED, true) \
    X(KW_VOLATILE, "volatile", KEYWORD_UNRESERVED, true) \
    X(KW_WHEN, "when", KEYWORD_RESERVED, true) \
    X(KW_WHERE, "where", KEYWORD_RESERVED, false) \
    X(KW_WHITESPACE, "whitespace", KEYWORD_UNRESERVED, true) \
    X(KW_WINDOW, "window", KEYWORD_RESERVED, false) \
    X(KW_WITH, "with", KEYWORD_RESERVED, false) \
    X(KW_WITHIN, "within", KEYWORD_UNRESERVED, false) \
    X(KW_WITHOUT, "without", KEYWORD_UNRESERVED, false) \
    X(KW_WORK, "work", KEYWORD_UNRESERVED, true) \
    X(KW_WRAPPER, "wrapper", KEYWORD_UNRESERVED, true) \
    X(KW_WRITE, "write", KEYWORD_UNRESERVED, true) \
    X(KW_XML, "xml", KEYWORD_UNRESERVED, true) \
    X(KW_XMLATTRIBUTES, "xmlattributes", KEYWORD_COL_NAME, true) \
    X(KW_XMLCONCAT, "xmlconcat", KEYWORD_COL_NAME, true) \
    X(KW_XMLELEMENT, "xmlelement", KEYWORD_COL_NAME, true) \
    X(KW_XMLEXISTS, "xmlexists", KEYWORD_COL_NAME, true) \
    X(KW_XMLFOREST, "xmlforest", KEYWORD_COL_NAME, true) \
    X(KW_XMLNAMESPACES, "xmlnamespaces", KEYWORD_COL_NAME, true) \
    X(KW_XMLPARSE, "xmlparse", KEYWORD_COL_NAME, true) \
    X(KW_XMLPI, "xmlpi", KEYWORD_COL_NAME, true) \
    X(KW_XMLROOT, "xmlroot", KEYWORD_COL_NAME, true) \
    X(KW_XMLSERIALIZE, "xmlserialize", KEYWORD_COL_NAME, true) \
    X(KW_XMLTABLE, "xmltable", KEYWORD_COL_NAME, true) \
    X(KW_YEAR, "year", KEYWORD_UNRESERVED, false) \
    X(KW_YES, "yes", KEYWORD_UNRESERVED, true) \
    X(KW_ZONE, "zone", KEYWORD_UNRESERVED, true)

typedef enum KeywordId
{
#define PARSER_KW_ENUM(id, word, cat, bare) id,
    PARSER_KEYWORD_LIST(PARSER_KW_ENUM)
#undef PARSER_KW_ENUM
    KW__COUNT
} KeywordId;

typedef struct KeywordInfo
{
    const char *word;
    KeywordCategory category;
    bool        bare_label;
} KeywordInfo;

/* keywords.c */
extern const KeywordInfo ParserKeywords[KW__COUNT];
extern int KeywordIdLookup(const char *word, int len);     /* -1 if none; word may be mixed case */

/* ---------------------------------------------------------------- tokens */

typedef enum TokenType
{
    TOK_EOF = 0,
    TOK_IDENT,                  /* identifier (downcased unless quoted); str */
    TOK_KEYWORD,                /* keyword: kw, str = lowercase spelling */
    TOK_SCONST,                 /* string constant: str = value */
    TOK_BCONST,                 /* B'...': str = "b0101" */
    TOK_XCONST,                 /* X'...': str = "x1F" */
    TOK_ICONST,                 /* integer fitting int32: ival, str = text */
    TOK_FCONST,                 /* other number: str = text */
    TOK_PARAM,                  /* $n: ival */
    TOK_OP,                     /* multi-character or non-"self" operator: str */
    TOK_TYPECAST,               /* :: */
    TOK_DOT_DOT,                /* .. */
    TOK_COLON_EQUALS,           /* := */
    TOK_EQUALS_GREATER,         /* => */
    TOK_LESS_EQUALS,            /* <= */
    TOK_GREATER_EQUALS,         /* >= */
    TOK_NOT_EQUALS,             /* <> or != (str = "<>") */
    TOK_CHAR                    /* single character: ch ( , ( ) [ ] . ; : + - * / % ^ < > = and strays) */
} TokenType;

typedef struct Token
{
    TokenType   type;
    int         kw;             /* KeywordId for TOK_KEYWORD, else -1 */
    char        ch;             /* TOK_CHAR */
    bool        quoted;         /* TOK_IDENT written in double quotes */
    char       *str;
    int32       ival;
    int         loc;            /* byte offset of the first byte */
    int         end;            /* byte offset just past the token */
} Token;

typedef struct ScanState
{
    const char *query;
    int         len;
    int         pos;            /* next byte to scan */
} ScanState;

/* scan.c */
extern void ScanInit(ScanState *scan, const char *query);
extern void ScanNextToken(ScanState *scan, Token *tok);

/* Raise a lexical error: "<msg> at or near \"<query[loc..end)>\"", position loc. */
extern RDB_NORETURN void ScanError(const ScanState *scan, int loc, int end, int sqlstate,
                                   const char *msg);

/* ---------------------------------------------------------------- parser */

/*
 * Parser -- state of one RawParser() call.  Tokens are scanned lazily so
 * that a syntax error before a lexical error is reported first (as
 * PostgreSQL's one-token-lookahead parser does) while the grammar may
 * still peek several tokens ahead.  They live in fixed-size chunks that
 * never move: a Token pointer stays valid until RawParser() returns, so
 * grammar code may keep one across calls that scan further.
 */
#define PARSER_TOKEN_CHUNK 256

typedef struct Parser
{
    ScanState   scan;
    Token     **chunks;         /* chunks[i] holds tokens i*CHUNK .. */
    int         nchunks;
    int         maxchunks;
    int         ntoks;          /* tokens scanned so far */
    int         pos;            /* index of the current token */
    int         depth;          /* recursion depth, see ParserEnterNesting */
    Node       *last_paren_select;  /* RawSubLink made by the latest "( query )"
                                     * primary, to recognise "((query) UNION ...)" */
} Parser;

/* Flags for ParseExprPrec: restrict to PostgreSQL's b_expr (no AND, OR,
 * NOT, IS NULL..., LIKE, IN, BETWEEN, COLLATE, AT TIME ZONE at top level). */
#define EXPR_B 0x01

/* Precedence levels, lowest first (PostgreSQL 15's gram.y order). */
enum
{
    PREC_NONE = 0,
    PREC_OR,
    PREC_AND,
    PREC_NOT,
    PREC_IS,
    PREC_CMP,
    PREC_LIKE,                  /* BETWEEN IN LIKE ILIKE SIMILAR NOT_LA */
    PREC_ESCAPE,
    PREC_OP,                    /* generic operators */
    PREC_ADD,
    PREC_MUL,
    PREC_EXP,
    PREC_AT,
    PREC_COLLATE,
    PREC_UMINUS,
    PREC_SUBSCRIPT,
    PREC_TYPECAST
};

/* gram.c: token stream */
extern Token *PeekToken(Parser *p, int ahead);
extern Token *NextToken(Parser *p);
#define CurToken(p) PeekToken((p), 0)
extern bool TokIsKeyword(const Token *tok, int kw);
extern bool TokIsChar(const Token *tok, char ch);
extern bool AcceptKeyword(Parser *p, int kw);
extern void ExpectKeyword(Parser *p, int kw);
extern bool AcceptChar(Parser *p, char ch);
extern void ExpectChar(Parser *p, char ch);
extern bool PeekKeyword(Parser *p, int ahead, int kw);
extern bool PeekChar(Parser *p, int ahead, char ch);
extern RDB_NORETURN void SyntaxError(Parser *p, const Token *tok);
extern RDB_NORETURN void SyntaxErrorAtCurrent(Parser *p);
extern RDB_NORETURN void ParserErrorAt(Parser *p, int loc, int sqlstate, const char *msg);
extern void ParserEnterNesting(Parser *p);
extern void ParserLeaveNesting(Parser *p);

/* gram.c: names and small shared productions */
extern bool TokIsColId(const Token *tok);
extern bool TokIsTypeFuncName(const Token *tok);
extern bool TokIsColLabel(const Token *tok);
extern bool TokIsBareLabel(const Token *tok);
extern bool TokIsNonReservedWord(const Token *tok);
extern char *ParseColId(Parser *p);
extern char *ParseColLabel(Parser *p);
extern char *ParseNonReservedWord(Parser *p);
extern char *ParseTypeFuncName(Parser *p);
extern List *ParseNameList(Parser *p);             /* ColId [, ColId ...] as String */
extern List *ParseParenNameList(Parser *p);        /* '(' name_list ')' */
extern List *ParseAnyName(Parser *p);              /* ColId [. ColLabel ...] */
extern List *ParseAnyNameList(Parser *p);
extern RangeVar *ParseQualifiedName(Parser *p);
extern RangeVar *ParseRelationExpr(Parser *p);     /* [ONLY] name [*] */
extern List *ParseQualifiedNameList(Parser *p);
extern RangeVar *MakeRangeVarFromNames(Parser *p, List *names, int location);
extern int64 ParseSignedIconst(Parser *p);
extern Node *ParseDefArg(Parser *p);
extern List *ParseRelOptions(Parser *p);           /* '(' name [= value], ... ')' */
extern List *ParseUtilityOptionList(Parser *p);    /* '(' name [value], ... ')' */
extern DefElem *MakeDefElem(const char *name, Node *arg, int location);
extern Node *MakeStringConst(char *str, int location);
extern Node *MakeIntConst(int32 val, int location);
extern Node *MakeBoolConst(bool val, int location);
extern Node *MakeNullConst(int location);
extern bool TokStartsSelect(const Token *tok);

/* gram_expr.c */
extern Node *ParseExpr(Parser *p);                 /* a_expr */
extern Node *ParseBExpr(Parser *p);                /* b_expr */
extern Node *ParseExprPrec(Parser *p, int min_prec, int flags);
extern List *ParseExprList(Parser *p);
extern FuncCall *MakeFuncCall(List *name, List *args, int location);
extern List *SystemFuncName(const char *name);
extern Node *ParseAConst(Parser *p);               /* AexprConst incl. signed numbers */
extern List *ParseSortClause(Parser *p);           /* after ORDER BY */
extern RawWindowDef *ParseWindowSpec(Parser *p);
extern Node *ParseFuncCallTail(Parser *p, List *name, int location);

/* gram_type.c */
extern TypeName *ParseTypeName(Parser *p);         /* Typename */
extern TypeName *ParseSimpleTypeName(Parser *p);
extern bool TokStartsConstTypeName(Parser *p);
extern TypeName *ParseConstTypeName(Parser *p);    /* for typed literals */
extern List *ParseOptInterval(Parser *p, int *loc);
extern List *ParseTypeNameList(Parser *p);

/* gram_select.c */
extern Node *ParseSelectStmt(Parser *p);           /* select_no_parens or select_with_parens */
extern Node *ParseSelectTail(Parser *p, SelectStmt *first, bool in_parens);
extern WithClause *ParseWithClause(Parser *p);
extern Node *ParseInsertStmt(Parser *p, WithClause *with);
extern Node *ParseUpdateStmt(Parser *p, WithClause *with);
extern Node *ParseDeleteStmt(Parser *p, WithClause *with);
extern Node *ParsePreparableStmt(Parser *p);       /* SELECT/INSERT/UPDATE/DELETE/VALUES */
extern List *ParseTargetList(Parser *p);
extern Alias *ParseOptAliasClause(Parser *p);
extern List *ParseFromList(Parser *p);

/* gram_ddl.c */
extern Node *ParseCreateStmt(Parser *p);
extern Node *ParseDropStmt(Parser *p);
extern Node *ParseAlterStmt(Parser *p);
extern Node *ParseTruncateStmt(Parser *p);
extern DropBehavior ParseOptDropBehavior(Parser *p);
extern List *ParseIndexParams(Parser *p);          /* '(' index_elem, ... ')' */
extern List *ParseSeqOptions(Parser *p, bool in_parens);
extern List *ParseRangeDatumList(Parser *p);       /* '(' datum, ... ')' */

/* gram_utility.c */
extern Node *ParseVacuumStmt(Parser *p);
extern Node *ParseAnalyzeStmt(Parser *p);
extern Node *ParseReindexStmt(Parser *p);
extern Node *ParseExplainStmt(Parser *p);
extern Node *ParseTransactionStmt(Parser *p);
extern Node *ParseSetStmt(Parser *p);
extern Node *ParseResetStmt(Parser *p);
extern Node *ParseShowStmt(Parser *p);
extern Node *ParseAlterSystemStmt(Parser *p);
extern Node *ParseLockStmt(Parser *p);
extern Node *ParseCopyStmt(Parser *p);
extern Node *ParsePrepareStmt(Parser *p);
extern Node *ParseExecuteStmt(Parser *p);
extern Node *ParseDeallocateStmt(Parser *p);
extern Node *ParseDiscardStmt(Parser *p);
extern Node *ParseListenStmt(Parser *p);
extern Node *ParseUnlistenStmt(Parser *p);
extern Node *ParseNotifyStmt(Parser *p);
extern Node *ParseDoStmt(Parser *p);
extern Node *ParseCheckpointStmt(Parser *p);

#endif                          /* PARSER_INT_H */
