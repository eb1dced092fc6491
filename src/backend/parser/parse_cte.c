/*
 * parse_cte.c
 *     WITH queries: analysis of each CommonTableExpr, references to them
 *     from FROM (RTE_CTE), and WITH RECURSIVE's shape checks.
 * Entry points: TransformWithClause(), ScanNameSpaceForCTE(),
 * AddRangeTableEntryForCTE().
 *
 * Without RECURSIVE, an item sees only the items before it.  With
 * RECURSIVE, every item is visible to every other; an item referenced
 * before it was analyzed is analyzed on demand, and a reference to an item
 * while it is being analyzed is a recursive self-reference.  A recursive
 * item must be "non-recursive term UNION [ALL] recursive term": the
 * non-recursive term is analyzed first and fixes the column types.
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "nodes/value.h"

static void analyze_cte(ParseState *pstate, CteState *cs);

/*
 * ScanNameSpaceForCTE -- the WITH item called name visible from pstate
 * (innermost first); NULL if none.  *levelsup receives how many query
 * levels up it was defined.
 */
CteState *
ScanNameSpaceForCTE(ParseState *pstate, const char *name, int *levelsup)
{
    int         levels = 0;

    for (ParseState *ps = pstate; ps; ps = ps->parent, levels++)
    {
        ListCell   *lc;

        foreach(lc, ps->cte_states)
        {
            CteState   *cs = lfirst(lc);

            if (strcmp(cs->cte->ctename, name) == 0)
            {
                *levelsup = levels;
                return cs;
            }
        }
    }
    return NULL;
}

/* set the CTE's output columns from its analyzed query */
static void
set_cte_columns(ParseState *pstate, CommonTableExpr *cte, Query *q, int location)
{
    List       *names = NIL;
    ListCell   *lc;
    int         nalias = list_length(cte->aliascolnames);
    int         ncols = 0;

    cte->ctecoltypes = NIL;
    cte->ctecoltypmods = NIL;
    foreach(lc, q->targetList)
    {
        TargetEntry *tle = lfirst(lc);

        if (tle->resjunk)
            continue;
        names = lappend(names, makeString(tle->resname ? tle->resname : "?column?"));
        cte->ctecoltypes = lappend_oid(cte->ctecoltypes, exprType((Node *) tle->expr));
        cte->ctecoltypmods = lappend_int(cte->ctecoltypmods, exprTypmod((Node *) tle->expr));
        ncols++;
    }
    if (nalias > ncols)
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("WITH query \"%s\" has %d columns available but %d columns specified",
                       cte->ctename, ncols, nalias),
                errposition(ParserErrPos(pstate, location)));
    cte->ctecolnames = NIL;
    foreach(lc, names)
    {
        int         i = foreach_current_index(lc);

        cte->ctecolnames = lappend(cte->ctecolnames,
                                   i < nalias ? list_nth(cte->aliascolnames, i) : lfirst(lc));
    }
}

static RDB_NORETURN void
recursion_error(ParseState *pstate, CteState *cs, const char *fmt_detail)
{
    ereport(ERROR, errcode(ERRCODE_INVALID_RECURSION),
            errmsg(fmt_detail, cs->cte->ctename),
            errposition(ParserErrPos(pstate, cs->location)));
}

/*
 * analyze_cte -- analyze one WITH item in the ParseState that owns the
 * WITH (its queries are sub-levels of that state).
 */
static void
analyze_cte(ParseState *pstate, CteState *cs)
{
    CommonTableExpr *cte = cs->cte;
    Query      *q;
    SelectStmt *sel = (SelectStmt *) cs->raw;

    if (!IsA(cs->raw, SelectStmt))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("data-modifying statements in WITH are not supported"),
                errposition(ParserErrPos(pstate, cs->location)));
    cs->in_progress = true;
    if (cs->recursive && sel->op == SETOP_UNION)
    {
        /* non-recursive term first: it decides the column types */
        Query      *nonrec;
        int         refs = cte->cterefcount;

        cs->nonrecursive_phase = true;
        nonrec = AnalyzeSubStmt(pstate, (Node *) sel->larg, cte, false, true);
        cs->nonrecursive_phase = false;
        if (cte->cterefcount != refs)
            recursion_error(pstate, cs, "recursive reference to query \"%s\" must not appear "
                            "within its non-recursive term");
        set_cte_columns(pstate, cte, nonrec, cs->location);
        refs = cte->cterefcount;
        q = AnalyzeSubStmt(pstate, cs->raw, cte, false, true);
        if (cte->cterefcount != refs)
        {
            ListCell   *lc1,
                       *lc2;
            List       *final_types = NIL;
            ListCell   *lc;

            cte->cterecursive = true;
            if (sel->sortClause != NIL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("ORDER BY in a recursive query is not implemented"),
                        errposition(ParserErrPos(pstate, cs->location)));
            if (sel->limitCount != NULL || sel->limitOffset != NULL)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("LIMIT in a recursive query is not implemented"),
                        errposition(ParserErrPos(pstate, cs->location)));
            foreach(lc, q->targetList)
                if (!((TargetEntry *) lfirst(lc))->resjunk)
                    final_types = lappend(final_types, lfirst(lc));
            forboth(lc1, cte->ctecoltypes, lc2, final_types)
            {
                Oid         nt = lfirst_oid(lc1);
                Oid         ft = exprType((Node *) ((TargetEntry *) lfirst(lc2))->expr);

                if (nt != ft)
                    ereport(ERROR, errcode(ERRCODE_DATATYPE_MISMATCH),
                            errmsg("recursive query \"%s\" column %d has type %s in "
                                   "non-recursive term but type %s overall", cte->ctename,
                                   foreach_current_index(lc1) + 1, FormatTypeName(nt),
                                   FormatTypeName(ft)),
                            errhint("Cast the output of the non-recursive term to the correct "
                                    "type."),
                            errposition(ParserErrPos(pstate, exprLocation(
                                (Node *) ((TargetEntry *) lfirst(lc2))->expr))));
            }
        }
    }
    else
    {
        int         refs = cte->cterefcount;

        q = AnalyzeSubStmt(pstate, cs->raw, cte, false, true);
        if (cte->cterefcount != refs)
            recursion_error(pstate, cs, "recursive query \"%s\" does not have the form "
                            "non-recursive-term UNION [ALL] recursive-term");
        set_cte_columns(pstate, cte, q, cs->location);
    }
    cte->ctequery = (Node *) q;
    cs->in_progress = false;
}

/*
 * TransformWithClause -- analyze the WITH items of pstate's query level;
 * returns the CommonTableExpr list for Query.cteList.
 */
List *
TransformWithClause(ParseState *pstate, WithClause *with)
{
    List       *states = NIL;
    List       *result = NIL;
    ListCell   *lc;

    foreach(lc, with->ctes)
    {
        RawCommonTableExpr *raw = lfirst(lc);
        CommonTableExpr *cte = makeNode(CommonTableExpr);
        CteState   *cs = palloc0(sizeof(CteState));
        ListCell   *lc2;

        foreach(lc2, states)
            if (strcmp(((CteState *) lfirst(lc2))->cte->ctename, raw->ctename) == 0)
                ereport(ERROR, errcode(ERRCODE_DUPLICATE_ALIAS),
                        errmsg("WITH query name \"%s\" specified more than once", raw->ctename),
                        errposition(ParserErrPos(pstate, raw->location)));
        cte->ctename = pstrdup(raw->ctename);
        cte->aliascolnames = copyObject(raw->aliascolnames);
        cte->ctematerialized = raw->ctematerialized == RAW_CTE_MATERIALIZE_ALWAYS ? 1
            : raw->ctematerialized == RAW_CTE_MATERIALIZE_NEVER ? 2 : 0;
        cte->location = raw->location;
        cs->cte = cte;
        cs->raw = raw->ctequery;
        cs->recursive = with->recursive;
        cs->location = raw->location;
        states = lappend(states, cs);
        result = lappend(result, cte);
    }
    if (with->recursive)
    {
        pstate->cte_states = list_concat(pstate->cte_states, states);
        foreach(lc, states)
        {
            CteState   *cs = lfirst(lc);

            if (cs->cte->ctequery == NULL)
                analyze_cte(pstate, cs);
        }
    }
    else
    {
        foreach(lc, states)
        {
            CteState   *cs = lfirst(lc);
            List       *future = NIL;

            for (int i = foreach_current_index(lc) + 1; i < list_length(states); i++)
                future = lappend(future, ((CteState *) list_nth(states, i))->cte);
            pstate->future_ctes = future;
            analyze_cte(pstate, cs);
            pstate->future_ctes = NIL;
            pstate->cte_states = lappend(pstate->cte_states, cs);
        }
    }
    return result;
}

/*
 * AddRangeTableEntryForCTE -- a FROM reference rv to WITH item cs defined
 * levelsup levels up.
 */
RangeTblEntry *
AddRangeTableEntryForCTE(ParseState *pstate, CteState *cs, int levelsup, RangeVar *rv,
                         int *rtindex)
{
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    CommonTableExpr *cte = cs->cte;
    const char *refname = rv->alias ? rv->alias->aliasname : rv->relname;
    List       *names = NIL;
    int         nalias = rv->alias ? list_length(rv->alias->colnames) : 0;
    ListCell   *lc;

    if (cs->in_progress && !cs->recursive)
        recursion_error(pstate, cs, "recursive reference to query \"%s\" requires WITH "
                        "RECURSIVE");
    if (cte->ctequery == NULL && !cs->in_progress)
    {
        /* a later item of WITH RECURSIVE: analyze it now, at its own level */
        ParseState *owner = pstate;

        for (int i = 0; i < levelsup; i++)
            owner = owner->parent;
        analyze_cte(owner, cs);
    }
    if (cs->in_progress)
    {
        if (cs->nonrecursive_phase)
        {
            cte->cterefcount++;
            recursion_error(pstate, cs, "recursive reference to query \"%s\" must not appear "
                            "within its non-recursive term");
        }
        if (cte->ctecoltypes == NIL)
            recursion_error(pstate, cs, "recursive query \"%s\" does not have the form "
                            "non-recursive-term UNION [ALL] recursive-term");
        if (pstate->parent_cte != cte)
            ereport(ERROR, errcode(ERRCODE_INVALID_RECURSION),
                    errmsg("recursive reference to query \"%s\" must not appear within a "
                           "subquery", cte->ctename),
                    errposition(ParserErrPos(pstate, rv->location)));
        rte->self_reference = true;
    }
    cte->cterefcount++;
    if (nalias > list_length(cte->ctecolnames))
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("table \"%s\" has %d columns available but %d columns specified",
                       refname, list_length(cte->ctecolnames), nalias),
                errposition(ParserErrPos(pstate, rv->location)));
    foreach(lc, cte->ctecolnames)
    {
        int         i = foreach_current_index(lc);

        names = lappend(names, makeString(pstrdup(i < nalias ? strVal(list_nth(rv->alias->colnames, i))
                                                  : strVal(lfirst(lc)))));
    }
    rte->rtekind = RTE_CTE;
    rte->ctename = pstrdup(cte->ctename);
    rte->ctelevelsup = levelsup;
    rte->coltypes = list_copy(cte->ctecoltypes);
    rte->coltypmods = list_copy(cte->ctecoltypmods);
    rte->alias = rv->alias ? copyObject(rv->alias) : NULL;
    rte->eref = MakeAlias(refname, names);
    rte->inFromCl = true;
    return AddRangeTableEntry(pstate, rte, rtindex);
}
