/*
 * parse_coerce.c
 *     Type coercion during analysis: which casts exist between two types
 *     in a context (implicit / assignment / explicit), building the nodes
 *     that perform them, unknown-literal resolution, common-type selection
 *     for UNION/CASE/COALESCE/VALUES/ARRAY, and polymorphic argument
 *     resolution (anyelement/anyarray).
 * Entry points: CoerceType(), CoerceToTarget(), CanCoerceType(),
 * SelectCommonType(), CoerceToCommonType(), EnforcePolymorphic().
 *
 * The rules are PostgreSQL's: a pg_cast entry (CastLookup) usable in the
 * context, else automatic I/O conversion -- to a string type in assignment
 * and explicit contexts, from a string type in explicit context only.
 * Unknown-type literals are converted at analysis time by the target
 * type's input function; typmods are applied afterwards (ApplyTypmod for
 * constants, a same-type CoerceViaIO node otherwise).
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "fmgr.h"
#include "nodes/value.h"
#include "parser/parser.h"

typedef enum CoercionPath
{
    COERCION_PATH_NONE,
    COERCION_PATH_FUNC,         /* call the cast function */
    COERCION_PATH_RELABEL,      /* binary compatible */
    COERCION_PATH_COERCEVIAIO   /* output then input function */
} CoercionPath;

static bool
context_allows(char cast_context, CoercionContext ccontext)
{
    switch (cast_context)
    {
        case 'i':
            return true;
        case 'a':
            return ccontext >= COERCION_ASSIGNMENT;
        default:
            return ccontext == COERCION_EXPLICIT;
    }
}

char
TypeCategoryOf(Oid typid)
{
    const TypeInfo *ti = TypeInfoById(typid);

    if (typid == UNKNOWNOID)
        return TYPCATEGORY_UNKNOWN;
    return ti ? ti->category : TYPCATEGORY_USER;
}

bool
TypeIsPreferred(Oid typid)
{
    const TypeInfo *ti = TypeInfoById(typid);

    return ti ? ti->preferred : false;
}

bool
TypeIsPolymorphic(Oid typid)
{
    return typid == ANYELEMENTOID || typid == ANYNONARRAYOID || typid == ANYARRAYOID;
}

bool
TypeIsStringCategory(Oid typid)
{
    return TypeCategoryOf(typid) == TYPCATEGORY_STRING;
}

/* FormatTypeName -- the SQL name of a type for messages ("integer"). */
char *
FormatTypeName(Oid typid)
{
    const TypeInfo *ti = TypeInfoById(typid);

    if (ti)
        return pstrdup(ti->name);
    return psprintf("%u", typid);
}

/*
 * find_coercion_path -- how to turn a source value into target in ccontext.
 * *funcid is set for COERCION_PATH_FUNC.
 */
static CoercionPath
find_coercion_path(Oid source, Oid target, CoercionContext ccontext, Oid *funcid)
{
    const CastInfo *ci;

    *funcid = InvalidOid;
    if (source == target)
        return COERCION_PATH_RELABEL;
    ci = CastLookup(source, target);
    if (ci != NULL)
    {
        if (!context_allows(ci->context, ccontext))
            return COERCION_PATH_NONE;
        if (OidIsValid(ci->func_oid))
        {
            *funcid = ci->func_oid;
            return COERCION_PATH_FUNC;
        }
        return COERCION_PATH_RELABEL;
    }
    /* automatic I/O conversion casts */
    if (TypeInfoById(source) == NULL || TypeInfoById(target) == NULL)
        return COERCION_PATH_NONE;
    if (TypeCategoryOf(source) == TYPCATEGORY_PSEUDOTYPE ||
        TypeCategoryOf(target) == TYPCATEGORY_PSEUDOTYPE)
        return COERCION_PATH_NONE;
    if (TypeIsStringCategory(target) && ccontext >= COERCION_ASSIGNMENT)
        return COERCION_PATH_COERCEVIAIO;
    if (TypeIsStringCategory(source) && ccontext == COERCION_EXPLICIT)
        return COERCION_PATH_COERCEVIAIO;
    /* arrays: element-wise through the text form when elements convert */
    if (OidIsValid(TypeElementOf(source)) && OidIsValid(TypeElementOf(target)))
    {
        Oid         f;

        if (find_coercion_path(TypeElementOf(source), TypeElementOf(target), ccontext, &f) !=
            COERCION_PATH_NONE)
            return COERCION_PATH_COERCEVIAIO;
    }
    return COERCION_PATH_NONE;
}

/*
 * CanCoerceType -- whether every input_types[i] can become target_types[i]
 * in ccontext.  Polymorphic targets must also agree with each other.
 */
bool
CanCoerceType(int nargs, const Oid *input_types, const Oid *target_types,
              CoercionContext ccontext)
{
    bool        have_poly = false;

    for (int i = 0; i < nargs; i++)
    {
        Oid         in = input_types[i];
        Oid         target = target_types[i];
        Oid         f;

        if (in == target || target == ANYOID)
            continue;
        if (TypeIsPolymorphic(target))
        {
            have_poly = true;
            continue;
        }
        if (in == UNKNOWNOID)
        {
            /* a literal can become any real type */
            if (TypeCategoryOf(target) == TYPCATEGORY_PSEUDOTYPE && target != RECORDOID)
                return false;
            continue;
        }
        if (find_coercion_path(in, target, ccontext, &f) == COERCION_PATH_NONE)
            return false;
    }
    if (have_poly)
    {
        Oid        *resolved = palloc(sizeof(Oid) * Max(nargs, 1));
        bool        ok = OidIsValid(EnforcePolymorphic(input_types, target_types, nargs,
                                                       VOIDOID, resolved));

        pfree(resolved);
        return ok;
    }
    return true;
}

/*
 * EnforcePolymorphic -- resolve anyelement/anynonarray/anyarray declared
 * types from the actual argument types.  Fills resolved_args[i] with the
 * concrete type of each argument (declared type if not polymorphic; ANYOID
 * stays the actual type) and returns the concrete result type for rettype,
 * or InvalidOid if the actual types are inconsistent.  anynonarray is
 * anyelement whose resolved type must not be an array (PostgreSQL's rule,
 * which keeps text || anynonarray away from array concatenation).
 * All-unknown inputs resolve to text.
 */
Oid
EnforcePolymorphic(const Oid *actual, const Oid *declared, int nargs, Oid rettype,
                   Oid *resolved_args)
{
    Oid         elem = InvalidOid;
    bool        have_poly = false;
    bool        have_nonarray = false;

    for (int i = 0; i < nargs; i++)
    {
        Oid         a = actual[i];

        if (declared[i] == ANYELEMENTOID || declared[i] == ANYNONARRAYOID)
        {
            have_poly = true;
            if (declared[i] == ANYNONARRAYOID)
                have_nonarray = true;
            if (a == UNKNOWNOID)
                continue;
            if (OidIsValid(elem) && elem != a)
                return InvalidOid;
            elem = a;
        }
        else if (declared[i] == ANYARRAYOID)
        {
            Oid         e;

            have_poly = true;
            if (a == UNKNOWNOID)
                continue;
            e = TypeElementOf(a);
            if (!OidIsValid(e))
                return InvalidOid;
            if (OidIsValid(elem) && elem != e)
                return InvalidOid;
            elem = e;
        }
    }
    if (have_nonarray && OidIsValid(elem) && OidIsValid(TypeElementOf(elem)))
        return InvalidOid;
    if (have_poly && !OidIsValid(elem))
        elem = TEXTOID;
    for (int i = 0; i < nargs; i++)
    {
        if (declared[i] == ANYELEMENTOID || declared[i] == ANYNONARRAYOID)
            resolved_args[i] = elem;
        else if (declared[i] == ANYARRAYOID)
            resolved_args[i] = TypeArrayOf(elem);
        else if (declared[i] == ANYOID)
            resolved_args[i] = actual[i];
        else
            resolved_args[i] = declared[i];
        if (!OidIsValid(resolved_args[i]))
            return InvalidOid;
    }
    if (rettype == ANYELEMENTOID || rettype == ANYNONARRAYOID)
        return OidIsValid(elem) ? elem : InvalidOid;
    if (rettype == ANYARRAYOID)
        return OidIsValid(elem) ? TypeArrayOf(elem) : InvalidOid;
    return rettype;
}

/*
 * input_with_position -- run a type's input function on a literal; an
 * error it raises gets the literal's position if it has none.
 */
static Datum
input_with_position(ParseState *pstate, Oid typid, const char *str, int32 typmod,
                    int location)
{
    Datum       result = 0;
    MemoryContext oldcxt = CurrentMemoryContext;

    RDB_TRY();
    {
        result = InputFunctionCall(typid, str, typmod);
    }
    RDB_CATCH();
    {
        ErrorData  *edata;

        MemoryContextSwitchTo(oldcxt);
        edata = CopyErrorData();
        FlushErrorState();
        if (edata->cursorpos == 0 && pstate != NULL)
            edata->cursorpos = ParserErrPos(pstate, location);
        ReThrowError(edata);
    }
    RDB_END_TRY();
    return result;
}

/*
 * apply_typmod_now -- enforce a typmod on a constant at analysis time.
 * Errors carry no position: PostgreSQL applies typmods at execution,
 * where no position is known ("value too long for type ..." has none).
 */
static Datum
apply_typmod_now(Oid typid, Datum value, int32 typmod, bool explicit_cast)
{
    return ApplyTypmod(typid, value, typmod, explicit_cast);
}

/*
 * CoerceType -- coerce node (of input_type) to target_type; the caller has
 * checked that the coercion is possible (CanCoerceType).  target_typmod is
 * only used for the input function of interval literals; apply typmods
 * with CoerceToTarget.  The new top node gets cformat.
 */
Node *
CoerceType(ParseState *pstate, Node *node, Oid input_type, Oid target_type,
           int32 target_typmod, CoercionContext ccontext, CoercionForm cformat, int location)
{
    Oid         funcid;
    CoercionPath path;

    if (input_type == target_type || target_type == ANYOID ||
        TypeIsPolymorphic(target_type))
        return node;
    if (input_type == UNKNOWNOID && IsA(node, Const))
    {
        Const      *con = (Const *) node;
        Const      *newcon;
        int16       len;
        bool        byval;
        char        align;

        TypeGetLenByvalAlign(target_type, &len, &byval, &align);
        newcon = MakeTypedConst(target_type, -1, 0, con->constisnull, con->location);
        if (!con->constisnull)
            newcon->constvalue =
                input_with_position(pstate, target_type, DatumGetCString(con->constvalue),
                                    target_type == INTERVALOID ? target_typmod : -1,
                                    con->location >= 0 ? con->location : location);
        return (Node *) newcon;
    }
    if (input_type == UNKNOWNOID && IsA(node, Param) &&
        ((Param *) node)->paramkind == PARAM_EXTERN && pstate && pstate->params &&
        pstate->params->variable)
    {
        Param      *p = (Param *) node;
        ParseParamState *ps = pstate->params;

        if (p->paramid >= 1 && p->paramid <= ps->count)
        {
            Oid         cur = ps->types[p->paramid - 1];

            if (cur == UNKNOWNOID || cur == InvalidOid)
                ps->types[p->paramid - 1] = target_type;
            else if (cur != target_type)
                ereport(ERROR, errcode(ERRCODE_INDETERMINATE_DATATYPE),
                        errmsg("inconsistent types deduced for parameter $%d", p->paramid),
                        errdetail("%s versus %s", FormatTypeName(cur),
                                  FormatTypeName(target_type)),
                        errposition(ParserErrPos(pstate, p->location)));
        }
        p->paramtype = target_type;
        p->paramtypmod = -1;
        return node;
    }
    if (input_type == UNKNOWNOID)
        path = COERCION_PATH_COERCEVIAIO;
    else
        path = find_coercion_path(input_type, target_type, ccontext, &funcid);
    switch (path)
    {
        case COERCION_PATH_FUNC:
        {
            FuncExpr   *f = makeNode(FuncExpr);
            const FuncInfo *fi = FuncInfoById(funcid);

            f->funcid = funcid;
            f->funcresulttype = target_type;
            f->funcresulttypmod = -1;
            f->funcretset = fi ? fi->retset : false;
            f->funcformat = cformat;
            f->args = list_make1(node);
            f->location = location;
            return (Node *) f;
        }
        case COERCION_PATH_RELABEL:
        {
            RelabelType *r;

            if (IsA(node, Const))
            {
                Const      *c = copyObject(node);

                c->consttype = target_type;
                c->consttypmod = -1;
                return (Node *) c;
            }
            r = makeNode(RelabelType);
            r->arg = node;
            r->resulttype = target_type;
            r->resulttypmod = -1;
            r->relabelformat = cformat;
            r->location = location;
            return (Node *) r;
        }
        case COERCION_PATH_COERCEVIAIO:
        {
            CoerceViaIO *io = makeNode(CoerceViaIO);

            io->arg = node;
            io->resulttype = target_type;
            io->resulttypmod = -1;
            io->coerceformat = cformat;
            io->location = location;
            return (Node *) io;
        }
        default:
            elog(ERROR, "failed to find conversion function from %s to %s",
                 FormatTypeName(input_type), FormatTypeName(target_type));
    }
    return NULL;
}

/* type_has_typmod -- whether values of typid can carry a typmod constraint. */
static bool
type_has_typmod(Oid typid)
{
    const TypeInfo *ti = TypeInfoById(typid);

    return ti != NULL && ti->typmod_in != NULL;
}

/*
 * CoerceToTarget -- coerce expr to targettype and targettypmod (typmod -1:
 * none); NULL if there is no coercion in ccontext.  Constants are
 * converted now; other expressions get FuncExpr/RelabelType/CoerceViaIO
 * nodes.  A typmod is enforced with ApplyTypmod on constants, else with a
 * CoerceViaIO whose arg already has the target type (see README:
 * "typmod coercions").
 */
Node *
CoerceToTarget(ParseState *pstate, Node *expr, Oid exprtype, Oid targettype,
               int32 targettypmod, CoercionContext ccontext, CoercionForm cformat,
               int location)
{
    Node       *result;

    if (!CanCoerceType(1, &exprtype, &targettype, ccontext))
        return NULL;
    result = CoerceType(pstate, expr, exprtype, targettype, targettypmod, ccontext, cformat,
                        location);
    if (targettypmod >= 0 && type_has_typmod(targettype) &&
        exprTypmod(result) != targettypmod)
    {
        if (IsA(result, Const))
        {
            Const      *c = (Const *) result;

            if (c == (Const *) expr)
                c = copyObject(c);
            if (!c->constisnull)
                c->constvalue = apply_typmod_now(targettype, c->constvalue, targettypmod,
                                                 ccontext == COERCION_EXPLICIT);
            c->consttypmod = targettypmod;
            result = (Node *) c;
        }
        else
        {
            CoerceViaIO *io = makeNode(CoerceViaIO);

            io->arg = result;
            io->resulttype = targettype;
            io->resulttypmod = targettypmod;
            io->coerceformat = ccontext == COERCION_EXPLICIT ? COERCE_EXPLICIT_CAST
                : COERCE_IMPLICIT_CAST;
            io->location = location;
            result = (Node *) io;
        }
    }
    return result;
}

/* Public wrapper for DDL code (no parse state: no error positions). */
Node *
CoerceToTargetType(Node *expr, Oid exprtype, Oid targettype, int32 targettypmod,
                   CoercionContext ccontext, int location)
{
    return CoerceToTarget(NULL, expr, exprtype, targettype, targettypmod, ccontext,
                          ccontext == COERCION_EXPLICIT ? COERCE_EXPLICIT_CAST
                          : COERCE_IMPLICIT_CAST, location);
}

/*
 * SelectCommonType -- the type all exprs resolve to for a construct named
 * context ("UNION", "CASE", "COALESCE", "VALUES", "ARRAY", ...).  Unknowns
 * take the type of the first known input; all-unknown gives text.  Inputs
 * of different categories raise 42804 "%s types %s and %s cannot be
 * matched" at the offending input.  If which_expr is given it receives
 * the expression that determined the type.
 */
Oid
SelectCommonType(ParseState *pstate, List *exprs, const char *context, Node **which_expr)
{
    Node       *pexpr;
    Oid         ptype;
    char        pcategory;
    bool        pispreferred;
    ListCell   *lc;

    Assert(exprs != NIL);
    pexpr = linitial(exprs);
    ptype = exprType(pexpr);
    if (ptype != UNKNOWNOID)
    {
        bool        all_same = true;

        foreach(lc, exprs)
            if (exprType(lfirst(lc)) != ptype)
                all_same = false;
        if (all_same)
        {
            if (which_expr)
                *which_expr = pexpr;
            return ptype;
        }
    }
    /* find the first known type */
    foreach(lc, exprs)
    {
        pexpr = lfirst(lc);
        ptype = exprType(pexpr);
        if (ptype != UNKNOWNOID)
            break;
    }
    pcategory = TypeCategoryOf(ptype);
    pispreferred = TypeIsPreferred(ptype);
    foreach(lc, exprs)
    {
        Node       *nexpr = lfirst(lc);
        Oid         ntype = exprType(nexpr);

        if (ntype == UNKNOWNOID || ntype == ptype)
            continue;
        if (ptype == UNKNOWNOID)
        {
            pexpr = nexpr;
            ptype = ntype;
            pcategory = TypeCategoryOf(ptype);
            pispreferred = TypeIsPreferred(ptype);
            continue;
        }
        if (TypeCategoryOf(ntype) != pcategory)
        {
            if (context == NULL)
                return InvalidOid;
            ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                    errmsg("%s types %s and %s cannot be matched", context,
                           FormatTypeName(ptype), FormatTypeName(ntype)),
                    errposition(ParserErrPos(pstate, exprLocation(nexpr))));
        }
        if (!pispreferred &&
            CanCoerceType(1, &ptype, &ntype, COERCION_IMPLICIT) &&
            !CanCoerceType(1, &ntype, &ptype, COERCION_IMPLICIT))
        {
            pexpr = nexpr;
            ptype = ntype;
            pcategory = TypeCategoryOf(ptype);
            pispreferred = TypeIsPreferred(ptype);
        }
    }
    if (ptype == UNKNOWNOID)
        ptype = TEXTOID;
    if (which_expr)
        *which_expr = pexpr;
    return ptype;
}

/*
 * SelectCommonTypmod -- the typmod shared by all exprs of common_type, or
 * -1 if they differ (or any has another type).
 */
int32
SelectCommonTypmod(List *exprs, Oid common_type)
{
    int32       result = -1;
    bool        first = true;
    ListCell   *lc;

    foreach(lc, exprs)
    {
        Node       *e = lfirst(lc);

        if (exprType(e) != common_type)
            return -1;
        if (first)
        {
            result = exprTypmod(e);
            first = false;
        }
        else if (exprTypmod(e) != result)
            return -1;
    }
    return result;
}

/*
 * CoerceToCommonType -- implicit coercion of node to the type chosen by
 * SelectCommonType; 42846 "%s could not convert type %s to %s" if there is
 * no implicit cast.
 */
Node *
CoerceToCommonType(ParseState *pstate, Node *node, Oid target, const char *context)
{
    Oid         in = exprType(node);

    if (in == target)
        return node;
    if (!CanCoerceType(1, &in, &target, COERCION_IMPLICIT))
        ereport(ERROR, errcode(ERRCODE_CANNOT_COERCE),
                errmsg("%s could not convert type %s to %s", context, FormatTypeName(in),
                       FormatTypeName(target)),
                errposition(ParserErrPos(pstate, exprLocation(node))));
    return CoerceType(pstate, node, in, target, -1, COERCION_IMPLICIT, COERCE_IMPLICIT_CAST,
                      exprLocation(node));
}

/*
 * ResolveUnknownNode -- an unknown-type expression (string literal, NULL,
 * untyped parameter) becomes text; others are returned unchanged.
 */
Node *
ResolveUnknownNode(ParseState *pstate, Node *expr)
{
    if (expr != NULL && exprType(expr) == UNKNOWNOID)
        return CoerceType(pstate, expr, UNKNOWNOID, TEXTOID, -1, COERCION_IMPLICIT,
                          COERCE_IMPLICIT_CAST, exprLocation(expr));
    return expr;
}

Oid
ResolveUnknownToText(ParseState *pstate, Node **expr)
{
    *expr = ResolveUnknownNode(pstate, *expr);
    return exprType(*expr);
}
