/*
 * value.h
 *     Literal value nodes produced by the parser: Integer, Float (kept as its
 *     source string so no precision is lost), Boolean, String, BitString.
 * Implemented in src/backend/nodes/value.c.
 */
#ifndef NODES_VALUE_H
#define NODES_VALUE_H

#include "nodes/nodes.h"

typedef struct Integer
{
    NodeTag     type;
    int32       ival;           /* literals outside int32 become Float, as PostgreSQL */
} Integer;

typedef struct Float
{
    NodeTag     type;
    char       *fval;           /* decimal string, e.g. "3.14", "1e10", "9999999999" */
} Float;

typedef struct Boolean
{
    NodeTag     type;
    bool        boolval;
} Boolean;

typedef struct String
{
    NodeTag     type;
    char       *sval;
} String;

typedef struct BitString
{
    NodeTag     type;
    char       *bsval;          /* "b0101" or "x1F" */
} BitString;

#define intVal(v) (castNode(Integer, v)->ival)
#define floatVal(v) atof(castNode(Float, v)->fval)
#define boolVal(v) (castNode(Boolean, v)->boolval)
#define strVal(v) (castNode(String, v)->sval)

extern Integer *makeInteger(int32 i);
extern Float *makeFloat(char *numericStr);
extern Boolean *makeBoolean(bool val);
extern String *makeString(char *str);
extern BitString *makeBitString(char *str);

#endif                          /* NODES_VALUE_H */
