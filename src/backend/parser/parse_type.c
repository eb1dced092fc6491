/*
 * parse_type.c
 *     Type names as written (TypeName) -> type OID and typmod.
 * Entry points: TypenameTypeId(), TypeNameToString(), NameListToString().
 *
 * Typmods are computed by the type's own typmod_in function (the types
 * engineer's code owns the rules and messages, e.g. varchar length
 * limits), fed an int4[] built from the written modifiers.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/value.h"

/* NameListToString -- "a.b.c" from a List of String (A_Star as "*"). */
char *
NameListToString(List *names)
{
    StringInfoData buf;
    ListCell   *lc;

    initStringInfo(&buf);
    foreach(lc, names)
    {
        Node       *n = lfirst(lc);

        if (foreach_current_index(lc) > 0)
            appendStringInfoChar(&buf, '.');
        if (IsA(n, String))
            appendStringInfoString(&buf, strVal(n));
        else
            appendStringInfoChar(&buf, '*');
    }
    return buf.data;
}

/* TypeNameToString -- the type as written, for messages. */
char *
TypeNameToString(TypeName *tn)
{
    char       *s = NameListToString(tn->names);

    if (tn->arrayBounds != NIL)
        s = psprintf("%s[]", s);
    return s;
}

/* run the typmod_in function of typid on the written modifiers */
static int32
compute_typmod(ParseState *pstate, const TypeInfo *ti, TypeName *tn)
{
    StringInfoData buf;
    ListCell   *lc;
    int32       result = -1;
    MemoryContext oldcxt = CurrentMemoryContext;

    if (ti->typmod_in == NULL)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("type modifier is not allowed for type \"%s\"", ti->name),
                errposition(ParserErrPos(pstate, tn->location)));
    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    foreach(lc, tn->typmods)
    {
        Node       *m = lfirst(lc);

        if (foreach_current_index(lc) > 0)
            appendStringInfoChar(&buf, ',');
        if (IsA(m, A_Const) && ((A_Const *) m)->val && IsA(((A_Const *) m)->val, Integer))
            appendStringInfo(&buf, "%d", intVal(((A_Const *) m)->val));
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("type modifiers must be simple constants or identifiers"),
                    errposition(ParserErrPos(pstate, tn->location)));
    }
    appendStringInfoChar(&buf, '}');
    RDB_TRY();
    {
        Datum       arr = InputFunctionCall(INT4ARRAYOID, buf.data, -1);

        result = DatumGetInt32(DirectFunctionCall1(ti->typmod_in, arr));
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(oldcxt);
        edata = CopyErrorData();
        FlushErrorState();
        if (edata->cursorpos == 0)
            edata->cursorpos = ParserErrPos(pstate, tn->location);
        ReThrowError(edata);
    }
    RDB_END_TRY();
    return result;
}

/*
 * TypenameTypeId -- the OID of the type tn names, with its typmod in
 * *typmod (-1 if none).  42704 'type "%s" does not exist' if unknown.
 */
Oid
TypenameTypeId(ParseState *pstate, TypeName *tn, int32 *typmod)
{
    const TypeInfo *ti;
    const char *name;
    Oid         typid;

    *typmod = -1;
    if (OidIsValid(tn->typeOid))
    {
        typid = tn->typeOid;
        ti = TypeInfoById(typid);
    }
    else
    {
        name = strVal(llast(tn->names));
        if (list_length(tn->names) > 1)
        {
            const char *schema = strVal(list_nth(tn->names, list_length(tn->names) - 2));

            if (strcmp(schema, "pg_catalog") != 0 && strcmp(schema, "public") != 0)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("type \"%s\" does not exist", TypeNameToString(tn)),
                        errposition(ParserErrPos(pstate, tn->location)));
        }
        ti = TypeInfoByName(name);
        if (ti == NULL)
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("type \"%s\" does not exist", TypeNameToString(tn)),
                    errposition(ParserErrPos(pstate, tn->location)));
        typid = ti->oid;
    }
    if (tn->typmods != NIL && ti != NULL)
    {
        /* an INTERVAL field restriction is not modelled: keep the full range */
        if (typid == INTERVALOID)
            *typmod = -1;
        else
            *typmod = compute_typmod(pstate, ti, tn);
    }
    else if (tn->typemod >= 0)
        *typmod = tn->typemod;
    if (tn->arrayBounds != NIL)
    {
        Oid         arr = TypeArrayOf(typid);

        if (!OidIsValid(arr))
            ereport(ERROR, errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("could not find array type for data type %s", FormatTypeName(typid)),
                    errposition(ParserErrPos(pstate, tn->location)));
        typid = arr;
    }
    return typid;
}
