/*
 * value.c
 *     Constructors for the literal value nodes of nodes/value.h.
 */
#include "rustydb.h"

#include "nodes/value.h"

Integer *
makeInteger(int32 i)
{
    Integer    *v = makeNode(Integer);

    v->ival = i;
    return v;
}

Float *
makeFloat(char *numericStr)
{
    Float      *v = makeNode(Float);

    v->fval = numericStr;
    return v;
}

Boolean *
makeBoolean(bool val)
{
    Boolean    *v = makeNode(Boolean);

    v->boolval = val;
    return v;
}

String *
makeString(char *str)
{
    String     *v = makeNode(String);

    v->sval = str;
    return v;
}

BitString *
makeBitString(char *str)
{
    BitString  *v = makeNode(BitString);

    v->bsval = str;
    return v;
}
