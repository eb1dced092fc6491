/*
 * parse_oper.c
 *     Operator lookup and overload resolution, and the candidate-selection
 *     heuristics shared with function calls (parse_func.c).
 * Entry points: MakeOpExpr(), LookupOperator(), MakeScalarArrayOp(),
 * SelectBestCandidate().
 *
 * Resolution follows PostgreSQL: exact match (an unknown literal facing a
 * known type is first tried as that type), then the candidates whose
 * arguments the inputs can reach by implicit casts, narrowed by the most
 * exact matches, then the most preferred-type matches, then unknown
 * literals' categories (string wins), then "unknowns are the known type".
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "lib/stringinfo.h"
#include "nodes/value.h"

/* OperNameString -- the operator name (last element of a qualified name). */
char *
OperNameString(List *opname)
{
    return strVal(llast(opname));
}

static int
count_matches(int nargs, const Oid *input, const Oid *cand, bool preferred)
{
    int         n = 0;

    for (int i = 0; i < nargs; i++)
    {
        if (input[i] == UNKNOWNOID)
            continue;
        if (cand[i] == input[i] ||
            (preferred && TypeIsPreferred(cand[i]) &&
             TypeCategoryOf(cand[i]) == TypeCategoryOf(input[i])))
            n++;
    }
    return n;
}

/* keep only candidates whose score equals the best; returns new count */
static int
keep_best(int ncands, int *idx, const int *score)
{
    int         best = -1;
    int         n = 0;

    for (int c = 0; c < ncands; c++)
        best = Max(best, score[c]);
    for (int c = 0; c < ncands; c++)
        if (score[c] == best)
            idx[n++] = idx[c];
    return n;
}

/*
 * SelectBestCandidate -- choose among candidate argument-type vectors
 * cand_args[0..ncands-1] for input types input[0..nargs-1].  Returns the
 * chosen index, or -1; *ambiguous tells "several fit equally" from "none
 * fits".
 */
int
SelectBestCandidate(int nargs, const Oid *input, int ncands, Oid **cand_args, bool *ambiguous)
{
    int        *idx = palloc(sizeof(int) * Max(ncands, 1));
    int        *score = palloc(sizeof(int) * Max(ncands, 1));
    Oid        *work = palloc(sizeof(Oid) * Max(nargs, 1));
    int         n = 0;
    int         nunknowns = 0;
    char       *slot_category = palloc(Max(nargs, 1));
    bool       *slot_preferred = palloc(sizeof(bool) * Max(nargs, 1));
    bool        resolved = true;

    *ambiguous = false;
    for (int c = 0; c < ncands; c++)
        if (CanCoerceType(nargs, input, cand_args[c], COERCION_IMPLICIT))
            idx[n++] = c;
    if (n == 0)
        return -1;
    if (n == 1)
        return idx[0];

    for (int c = 0; c < n; c++)
        score[c] = count_matches(nargs, input, cand_args[idx[c]], false);
    n = keep_best(n, idx, score);
    if (n == 1)
        return idx[0];

    for (int c = 0; c < n; c++)
        score[c] = count_matches(nargs, input, cand_args[idx[c]], true);
    n = keep_best(n, idx, score);
    if (n == 1)
        return idx[0];

    /* unknown inputs: choose a category per position, strings preferred */
    for (int i = 0; i < nargs; i++)
    {
        bool        conflict = false;

        if (input[i] != UNKNOWNOID)
            continue;
        nunknowns++;
        slot_category[i] = 0;
        slot_preferred[i] = false;
        for (int c = 0; c < n; c++)
        {
            Oid         t = cand_args[idx[c]][i];
            char        cat = TypeCategoryOf(t);
            bool        pref = TypeIsPreferred(t);

            if (slot_category[i] == 0)
            {
                slot_category[i] = cat;
                slot_preferred[i] = pref;
            }
            else if (cat == slot_category[i])
                slot_preferred[i] |= pref;
            else if (cat == TYPCATEGORY_STRING)
            {
                slot_category[i] = cat;
                slot_preferred[i] = pref;
            }
            else if (slot_category[i] != TYPCATEGORY_STRING)
                conflict = true;
        }
        if (conflict && slot_category[i] != TYPCATEGORY_STRING)
        {
            resolved = false;
            break;
        }
    }
    if (resolved && nunknowns > 0)
    {
        int         m = 0;

        for (int c = 0; c < n; c++)
        {
            bool        keep = true;

            for (int i = 0; i < nargs && keep; i++)
            {
                Oid         t = cand_args[idx[c]][i];

                if (input[i] != UNKNOWNOID)
                    continue;
                if (TypeCategoryOf(t) != slot_category[i] ||
                    (slot_preferred[i] && !TypeIsPreferred(t)))
                    keep = false;
            }
            if (keep)
                idx[m++] = idx[c];
        }
        if (m > 0)
            n = m;
        if (n == 1)
            return idx[0];
    }

    /* last gasp: unknowns are the (single) known type */
    if (nunknowns > 0 && nunknowns < nargs)
    {
        Oid         known = InvalidOid;

        for (int i = 0; i < nargs; i++)
        {
            if (input[i] == UNKNOWNOID)
                continue;
            if (!OidIsValid(known))
                known = input[i];
            else if (known != input[i])
            {
                known = InvalidOid;
                break;
            }
        }
        if (OidIsValid(known))
        {
            int         found = -1;
            int         nfound = 0;

            for (int i = 0; i < nargs; i++)
                work[i] = known;
            for (int c = 0; c < n; c++)
                if (CanCoerceType(nargs, work, cand_args[idx[c]], COERCION_IMPLICIT))
                {
                    found = idx[c];
                    nfound++;
                }
            if (nfound == 1)
                return found;
        }
    }
    *ambiguous = true;
    return -1;
}

static const char *
oper_signature(const char *name, Oid ltype, Oid rtype)
{
    if (!OidIsValid(ltype))
        return psprintf("%s %s", name, FormatTypeName(rtype));
    return psprintf("%s %s %s", FormatTypeName(ltype), name, FormatTypeName(rtype));
}

/*
 * LookupOperator -- the operator opname for (ltype, rtype); ltype
 * InvalidOid for a prefix operator.  Raises 42883/42725 unless noerror.
 */
const OperInfo *
LookupOperator(ParseState *pstate, List *opname, Oid ltype, Oid rtype, bool noerror,
               int location)
{
    const char *name = OperNameString(opname);
    int         count = 0;
    const OperInfo *const *cands = OperCandidatesByName(name, &count);
    const OperInfo **fit = palloc(sizeof(OperInfo *) * Max(count, 1));
    Oid       **args = palloc(sizeof(Oid *) * Max(count, 1));
    int         n = 0;
    bool        prefix = !OidIsValid(ltype);
    Oid         input[2];
    int         nargs = prefix ? 1 : 2;
    int         chosen;
    bool        ambiguous = false;

    for (int i = 0; i < count; i++)
    {
        const OperInfo *op = cands[i];

        if (prefix != !OidIsValid(op->left))
            continue;
        fit[n] = op;
        args[n] = palloc(sizeof(Oid) * 2);
        if (prefix)
            args[n][0] = op->right;
        else
        {
            args[n][0] = op->left;
            args[n][1] = op->right;
        }
        n++;
    }
    /* exact matches, unknown taking the other side's type first */
    if (!prefix && (ltype == UNKNOWNOID) != (rtype == UNKNOWNOID))
    {
        Oid         known = ltype == UNKNOWNOID ? rtype : ltype;

        for (int i = 0; i < n; i++)
            if (fit[i]->left == known && fit[i]->right == known)
                return fit[i];
    }
    for (int i = 0; i < n; i++)
        if ((prefix || fit[i]->left == ltype) && fit[i]->right == rtype)
            return fit[i];

    if (prefix)
        input[0] = rtype;
    else
    {
        input[0] = ltype;
        input[1] = rtype;
    }
    chosen = SelectBestCandidate(nargs, input, n, args, &ambiguous);
    if (chosen >= 0)
        return fit[chosen];
    if (noerror)
        return NULL;
    if (ambiguous)
        ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_FUNCTION),
                errmsg("operator is not unique: %s", oper_signature(name, ltype, rtype)),
                errhint("Could not choose a best candidate operator. "
                        "You might need to add explicit type casts."),
                errposition(ParserErrPos(pstate, location)));
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_FUNCTION),
            errmsg("operator does not exist: %s", oper_signature(name, ltype, rtype)),
            errhint("No operator matches the given name and argument types. "
                    "You might need to add explicit type casts."),
            errposition(ParserErrPos(pstate, location)));
    return NULL;
}

/*
 * MakeOpExprFromInfo -- an OpExpr calling op on the given operands,
 * coercing them (implicitly) to the operator's declared argument types.
 */
Node *
MakeOpExprFromInfo(ParseState *pstate, const OperInfo *op, Node *ltree, Node *rtree,
                   int location)
{
    OpExpr     *e = makeNode(OpExpr);
    Oid         actual[2];
    Oid         declared[2];
    Oid         resolved[2];
    int         nargs = ltree ? 2 : 1;
    Oid         rettype;

    if (ltree)
    {
        actual[0] = exprType(ltree);
        actual[1] = exprType(rtree);
        declared[0] = op->left;
        declared[1] = op->right;
    }
    else
    {
        actual[0] = exprType(rtree);
        declared[0] = op->right;
    }
    rettype = EnforcePolymorphic(actual, declared, nargs, op->result, resolved);
    if (!OidIsValid(rettype))
        rettype = op->result;
    if (ltree)
    {
        ltree = CoerceType(pstate, ltree, actual[0], resolved[0], -1, COERCION_IMPLICIT,
                           COERCE_IMPLICIT_CAST, exprLocation(ltree));
        rtree = CoerceType(pstate, rtree, actual[1], resolved[1], -1, COERCION_IMPLICIT,
                           COERCE_IMPLICIT_CAST, exprLocation(rtree));
        e->args = list_make2(ltree, rtree);
    }
    else
    {
        rtree = CoerceType(pstate, rtree, actual[0], resolved[0], -1, COERCION_IMPLICIT,
                           COERCE_IMPLICIT_CAST, exprLocation(rtree));
        e->args = list_make1(rtree);
    }
    e->opno = op->oid;
    e->opfuncid = op->func_oid;
    e->opresulttype = rettype;
    e->opretset = false;
    e->location = location;
    return (Node *) e;
}

/* MakeOpExpr -- analyze "ltree opname rtree" (ltree NULL for prefix). */
Node *
MakeOpExpr(ParseState *pstate, List *opname, Node *ltree, Node *rtree, int location)
{
    Oid         ltype = ltree ? exprType(ltree) : InvalidOid;
    Oid         rtype = exprType(rtree);
    const OperInfo *op = LookupOperator(pstate, opname, ltype, rtype, false, location);

    return MakeOpExprFromInfo(pstate, op, ltree, rtree, location);
}

/*
 * MakeScalarArrayOp -- "ltree op ANY/ALL (rtree)" with rtree an array.
 * The operator is looked up for (scalar, element) and must return boolean.
 */
Node *
MakeScalarArrayOp(ParseState *pstate, List *opname, bool use_or, Node *ltree, Node *rtree,
                  int location)
{
    Oid         ltype = exprType(ltree);
    Oid         atype = exprType(rtree);
    Oid         rtype;
    const OperInfo *op;
    ScalarArrayOpExpr *e;
    Oid         elem;

    if (atype == UNKNOWNOID)
    {
        /* an untyped literal: assume an array of the scalar's type */
        Oid         lt = ltype == UNKNOWNOID ? TEXTOID : ltype;

        rtype = lt;
        atype = TypeArrayOf(lt);
    }
    else
    {
        rtype = TypeElementOf(atype);
        if (!OidIsValid(rtype))
            ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                    errmsg("op ANY/ALL (array) requires array on right side"),
                    errposition(ParserErrPos(pstate, location)));
    }
    op = LookupOperator(pstate, opname, ltype, rtype, false, location);
    if (op->result != BOOLOID)
        ereport(ERROR, errcode(ERRCODE_WRONG_OBJECT_TYPE),
                errmsg("op ANY/ALL (array) requires operator to yield boolean"),
                errposition(ParserErrPos(pstate, location)));
    elem = op->right;
    if (TypeIsPolymorphic(elem) || elem == ANYOID)
        elem = rtype;
    ltree = CoerceType(pstate, ltree, ltype, TypeIsPolymorphic(op->left) ? ltype : op->left, -1,
                       COERCION_IMPLICIT, COERCE_IMPLICIT_CAST, exprLocation(ltree));
    rtree = CoerceType(pstate, rtree, exprType(rtree), TypeArrayOf(elem), -1,
                       COERCION_IMPLICIT, COERCE_IMPLICIT_CAST, exprLocation(rtree));
    e = makeNode(ScalarArrayOpExpr);
    e->opno = op->oid;
    e->opfuncid = op->func_oid;
    e->useOr = use_or;
    e->args = list_make2(ltree, rtree);
    e->location = location;
    return (Node *) e;
}
