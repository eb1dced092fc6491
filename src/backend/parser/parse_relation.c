/*
 * parse_relation.c
 *     The range table and name resolution: adding tables (and expanding
 *     views), subqueries and other FROM items as RangeTblEntries, finding
 *     the entry a qualified name means, resolving column references to
 *     Vars (with varlevelsup for outer query levels), and "*" expansion.
 * Entry points: AddRangeTableEntryForRelation(), AddRangeTableEntry(),
 * AddRangeTableEntryForSubquery(), ColumnRefLookup(), ExpandAllStar(),
 * ExpandNamespaceItem(), FindRelationInNamespace(), MakeVarForColumn().
 *
 * Every RangeTblEntry built here carries coltypes/coltypmods (one entry
 * per column of eref->colnames, InvalidOid for a dropped table column),
 * whatever its kind, so column types never need another catalog lookup.
 * Columns of an RTE_JOIN are never referenced by Vars: a reference
 * resolves to the join's alias expression (the input column's Var, or
 * COALESCE(l, r) for a merged FULL JOIN column).
 */
#include "rustydb.h"

#include "analyze_int.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "lib/stringinfo.h"
#include "catalog/namespace.h"
#include "nodes/plannodes.h"
#include "nodes/value.h"
#include "parser/parser.h"
#include "parser_int.h"
#include "utils/relcache.h"

Alias *
MakeAlias(const char *name, List *colnames)
{
    Alias      *a = makeNode(Alias);

    a->aliasname = pstrdup(name);
    a->colnames = colnames;
    return a;
}

ParseNamespaceItem *
MakeNamespaceItem(RangeTblEntry *rte, int rtindex, bool rel_visible, bool cols_visible)
{
    ParseNamespaceItem *nsi = palloc0(sizeof(ParseNamespaceItem));

    nsi->rte = rte;
    nsi->rtindex = rtindex;
    nsi->rel_visible = rel_visible;
    nsi->cols_visible = cols_visible;
    nsi->lateral_ok = true;
    return nsi;
}

RangeTblEntry *
AddRangeTableEntry(ParseState *pstate, RangeTblEntry *rte, int *rtindex)
{
    pstate->rtable = lappend(pstate->rtable, rte);
    pstate->joinexprs = lappend(pstate->joinexprs, NULL);
    if (rtindex)
        *rtindex = list_length(pstate->rtable);
    return rte;
}

RangeTblEntry *
GetRte(ParseState *pstate, int rtindex, int sublevels)
{
    while (sublevels-- > 0)
        pstate = pstate->parent;
    return list_nth(pstate->rtable, rtindex - 1);
}

int
RteColumnCount(RangeTblEntry *rte)
{
    return list_length(rte->eref->colnames);
}

const char *
RteColumnName(RangeTblEntry *rte, int attno)
{
    return strVal(list_nth(rte->eref->colnames, attno - 1));
}

void
RteColumnType(RangeTblEntry *rte, int attno, Oid *typid, int32 *typmod)
{
    *typid = list_nth_oid(rte->coltypes, attno - 1);
    *typmod = list_nth_int(rte->coltypmods, attno - 1);
}

/*
 * apply_column_aliases -- eref colnames: the alias's column names first,
 * then the remaining real names.  Too many aliases: 42P10.
 */
static List *
apply_column_aliases(Alias *alias, List *realnames, const char *what, const char *name)
{
    List       *result = NIL;
    int         nalias = alias ? list_length(alias->colnames) : 0;
    ListCell   *lc;

    if (nalias > list_length(realnames))
        ereport(ERROR, errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
                errmsg("%s \"%s\" has %d columns available but %d columns specified", what, name,
                       list_length(realnames), nalias));
    foreach(lc, realnames)
    {
        int         i = foreach_current_index(lc);

        if (i < nalias)
            result = lappend(result, makeString(pstrdup(strVal(list_nth(alias->colnames, i)))));
        else
            result = lappend(result, makeString(pstrdup(strVal(lfirst(lc)))));
    }
    return result;
}

/* A v$ view and how many of the statement's words are its column names. */
typedef struct VViewScore
{
    char       *name;
    Oid         oid;
    int         score;
} VViewScore;

static bool
word_listed(const List *words, const char *word)
{
    const ListCell *lc;

    foreach(lc, words)
        if (strcmp(lfirst(lc), word) == 0)
            return true;
    return false;
}

static int
vview_cmp(const void *a, const void *b)
{
    return strcmp(((const VViewScore *) a)->name, ((const VViewScore *) b)->name);
}

/*
 * vdollar_hint -- the hint for a missing relation "v": in bash, "FROM
 * v$index_usage" inside double quotes reaches us as "FROM v" (operator's
 * guide, ERRATA 1).  Names the v$ view (in pg_catalog) having the most of
 * the statement's identifiers among its column names; views that tie are
 * named together; with no evidence at all, every v$ view is listed.
 */
static char *
vdollar_hint(ParseState *pstate)
{
    List       *words = NIL;
    VViewScore *views = NULL;
    int         nviews = 0;
    int         best = 0;
    int         nbest = 0;
    StringInfoData names;
    const char *last = NULL;

    /* the statement's identifiers and non-reserved words, once each (the text lexed already) */
    if (pstate->sourcetext != NULL)
    {
        ScanState   scan;
        Token       tok;

        ScanInit(&scan, pstate->sourcetext);
        for (ScanNextToken(&scan, &tok); tok.type != TOK_EOF; ScanNextToken(&scan, &tok))
        {
            if ((tok.type == TOK_IDENT || tok.type == TOK_KEYWORD) && tok.str != NULL &&
                !word_listed(words, tok.str))
                words = lappend(words, tok.str);
        }
    }
    /* the v$ views and their scores */
    {
        Relation    rel = table_open(RelationRelationId, AccessShareLock);
        CatalogScan scan = CatalogBeginScan(rel);
        FormData_pg_class row;
        int         cap = 8;

        views = palloc(sizeof(VViewScore) * (Size) cap);
        while (CatalogGetNext(scan, &row, NULL))
        {
            if (row.relnamespace != PG_CATALOG_NAMESPACE || strncmp(NameStr(row.relname), "v$", 2) != 0)
                continue;
            if (nviews == cap)
            {
                cap *= 2;
                views = repalloc(views, sizeof(VViewScore) * (Size) cap);
            }
            views[nviews].name = pstrdup(NameStr(row.relname));
            views[nviews].oid = row.oid;
            views[nviews].score = 0;
            nviews++;
        }
        CatalogEndScan(scan);
        table_close(rel, AccessShareLock);
    }
    qsort(views, (size_t) nviews, sizeof(VViewScore), vview_cmp);
    for (int i = 0; i < nviews && words != NIL; i++)
    {
        Relation    view = table_open(views[i].oid, AccessShareLock);
        TupleDesc   desc = RelationGetDescr(view);

        for (int a = 0; a < desc->natts; a++)
        {
            AttributeData *att = TupleDescAttr(desc, a);

            if (!att->attisdropped && word_listed(words, att->attname.data))
                views[i].score++;
        }
        table_close(view, AccessShareLock);
        if (views[i].score > best)
            best = views[i].score, nbest = 0;
        if (views[i].score == best)
            nbest++;
    }
    if (nviews == 0)
        return psprintf("If you meant a v$ view, the shell may have expanded the name after \"$\" "
                        "inside double quotes to an empty string: quote the query in single "
                        "quotes, or write v\\$ for v$.");
    if (best > 0 && nbest == 1)
    {
        for (int i = 0; i < nviews; i++)
            if (views[i].score == best)
                return psprintf("If you meant %s, the shell may have expanded \"%s\" inside double "
                                "quotes to an empty string: quote the query in single quotes, or "
                                "write v\\%s.", views[i].name, views[i].name + 1, views[i].name + 1);
    }
    /* several candidates (a tie), or no evidence: all of them */
    initStringInfo(&names);
    for (int i = 0; i < nviews; i++)
    {
        if (views[i].score != best)
            continue;
        if (last != NULL)
            appendStringInfo(&names, "%s%s", names.len > 0 ? ", " : "", last);
        last = views[i].name;
    }
    if (names.len > 0)
        appendStringInfo(&names, " or %s", last);
    else
        appendStringInfoString(&names, last);
    return psprintf("If you meant one of the v$ views %s, the shell may have expanded the part "
                    "after \"$\" inside double quotes to an empty string: quote the query in "
                    "single quotes, or write v\\$ for v$.", names.data);
}

static RDB_NORETURN void
report_missing_relation(ParseState *pstate, RangeVar *rv)
{
    const char *name = rv->schemaname ? psprintf("%s.%s", rv->schemaname, rv->relname)
        : rv->relname;

    if (rv->schemaname == NULL && strcmp(rv->relname, "v") == 0)
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                errmsg("relation \"%s\" does not exist", name),
                errhint("%s", vdollar_hint(pstate)),
                errposition(ParserErrPos(pstate, rv->location)));
    {
        ParseState *ps;

        for (ps = pstate; ps; ps = ps->parent)
        {
            ListCell   *lc;

            foreach(lc, ps->future_ctes)
            {
                CommonTableExpr *cte = lfirst(lc);

                if (rv->schemaname == NULL && strcmp(cte->ctename, rv->relname) == 0)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("relation \"%s\" does not exist", name),
                            errdetail("There is a WITH item named \"%s\", but it cannot be "
                                      "referenced from this part of the query.", rv->relname),
                            errhint("Use WITH RECURSIVE, or re-order the WITH items to remove "
                                    "forward references."),
                            errposition(ParserErrPos(pstate, rv->location)));
            }
        }
    }
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
            errmsg("relation \"%s\" does not exist", name),
            errposition(ParserErrPos(pstate, rv->location)));
}

/* RelationOidForRangeVar -- the OID rv names; 42P01 (with position) if none. */
Oid
RelationOidForRangeVar(ParseState *pstate, RangeVar *rv)
{
    Oid         relid;

    if (rv->catalogname != NULL)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cross-database references are not implemented: %s.%s.%s",
                       rv->catalogname, rv->schemaname, rv->relname),
                errposition(ParserErrPos(pstate, rv->location)));
    if (rv->schemaname != NULL)
    {
        /* a missing schema is reported as a missing relation, as PostgreSQL does */
        Oid         nspid;

        CheckNotOtherTempNamespace(rv->schemaname, ParserErrPos(pstate, rv->location));
        nspid = LookupNamespace(rv->schemaname, true);
        relid = OidIsValid(nspid) ? RelnameGetRelidInNamespace(nspid, rv->relname) : InvalidOid;
    }
    else
        relid = RelnameGetRelid(NULL, rv->relname);
    if (!OidIsValid(relid))
        report_missing_relation(pstate, rv);
    return relid;
}

/* expand_view -- the analyzed query of a view, from its stored SQL text */
static Query *
expand_view(ParseState *pstate, Relation rel)
{
    const char *def = RelationGetViewDefinition(rel);
    List       *raws;
    ParseState *vstate;
    Query      *q;

    if (def == NULL)
        elog(ERROR, "view \"%s\" has no definition", RelationGetRelationName(rel));
    raws = RawParser(def);
    if (list_length(raws) != 1)
        elog(ERROR, "definition of view \"%s\" is not one statement",
             RelationGetRelationName(rel));
    vstate = ParseStateCreate(NULL);
    vstate->sourcetext = NULL;  /* positions would point into the view text */
    vstate->params = pstate->params;
    vstate->locked_from_parent = false;
    q = AnalyzeStmt(vstate, ((RawStmt *) linitial(raws))->stmt);
    if (q->commandType != CMD_SELECT)
        elog(ERROR, "definition of view \"%s\" is not a SELECT", RelationGetRelationName(rel));
    return q;
}

/*
 * AddRangeTableEntryForRelation -- a table or view named in FROM or as a
 * DML target.  Tables become RTE_RELATION; views (when relp is NULL, i.e.
 * read-only use) become RTE_SUBQUERY over the analyzed view query, with
 * relid/relkind kept for reference.  With relp, the open Relation is
 * returned (caller closes it); otherwise it is closed here keeping the
 * lock.
 */
RangeTblEntry *
AddRangeTableEntryForRelation(ParseState *pstate, RangeVar *rv, LOCKMODE lockmode,
                              Relation *relp, int *rtindex)
{
    Oid         relid = RelationOidForRangeVar(pstate, rv);
    Relation    rel = table_open(relid, lockmode);
    TupleDesc   desc = RelationGetDescr(rel);
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    List       *names = NIL;
    const char *refname = rv->alias ? rv->alias->aliasname : rv->relname;

    for (int i = 0; i < desc->natts; i++)
    {
        AttributeData *att = TupleDescAttr(desc, i);

        names = lappend(names, makeString(att->attisdropped ? "" : pstrdup(att->attname.data)));
        rte->coltypes = lappend_oid(rte->coltypes, att->attisdropped ? InvalidOid : att->atttypid);
        rte->coltypmods = lappend_int(rte->coltypmods, att->atttypmod);
    }
    rte->relid = relid;
    rte->relkind = rel->rd_relkind;
    rte->rellockmode = lockmode;
    rte->alias = rv->alias ? copyObject(rv->alias) : NULL;
    rte->eref = MakeAlias(refname, apply_column_aliases(rv->alias, names, "table", refname));
    rte->inh = rv->inh;
    rte->inFromCl = true;
    if (rel->rd_relkind == RELKIND_VIEW && relp == NULL)
    {
        rte->rtekind = RTE_SUBQUERY;
        rte->subquery = expand_view(pstate, rel);
    }
    else
        rte->rtekind = RTE_RELATION;
    AddRangeTableEntry(pstate, rte, rtindex);
    if (relp)
        *relp = rel;
    else
        table_close(rel, NoLock);
    return rte;
}

/*
 * AddRangeTableEntryForSubquery -- sub (analyzed) as a FROM item named by
 * alias.  Column names are the subquery's output names, overridden by the
 * alias's column list.
 */
RangeTblEntry *
AddRangeTableEntryForSubquery(ParseState *pstate, Query *sub, Alias *alias, bool lateral,
                              int *rtindex)
{
    RangeTblEntry *rte = makeNode(RangeTblEntry);
    List       *names = NIL;
    ListCell   *lc;

    foreach(lc, sub->targetList)
    {
        TargetEntry *tle = lfirst(lc);

        if (tle->resjunk)
            continue;
        names = lappend(names, makeString(tle->resname ? tle->resname : "?column?"));
        rte->coltypes = lappend_oid(rte->coltypes, exprType((Node *) tle->expr));
        rte->coltypmods = lappend_int(rte->coltypmods, exprTypmod((Node *) tle->expr));
    }
    rte->rtekind = RTE_SUBQUERY;
    rte->subquery = sub;
    rte->alias = alias;
    rte->eref = MakeAlias(alias->aliasname,
                          apply_column_aliases(alias, names, "table", alias->aliasname));
    rte->lateral = lateral;
    rte->inFromCl = true;
    return AddRangeTableEntry(pstate, rte, rtindex);
}

/* ---------------- Vars ---------------- */

typedef struct IncrementContext
{
    int         delta;
    int         depth;
} IncrementContext;

static Node *
increment_sublevels_mutator(Node *node, void *ctx)
{
    IncrementContext *c = ctx;

    if (node == NULL)
        return NULL;
    if (IsA(node, Var))
    {
        Var        *v = copyObject(node);

        if (v->varlevelsup >= c->depth)
            v->varlevelsup += c->delta;
        return (Node *) v;
    }
    return expression_tree_mutator(node, increment_sublevels_mutator, ctx);
}

/*
 * MakeVarForColumn -- the expression for column attno of rte (at rtindex,
 * sublevels query levels up).  Join columns give their alias expression.
 */
Var *
MakeVarForColumn(RangeTblEntry *rte, int rtindex, int attno, int sublevels, int location)
{
    Var        *v;

    if (rte->rtekind == RTE_JOIN)
    {
        Node       *e = list_nth(rte->joinaliasvars, attno - 1);
        IncrementContext c = {sublevels, 0};

        e = increment_sublevels_mutator(e, &c);
        if (IsA(e, Var))
            ((Var *) e)->location = location;
        return (Var *) e;
    }
    v = makeNode(Var);
    v->varno = rtindex;
    v->varattno = (int16) attno;
    if (attno == TableOidAttributeNumber)
    {
        v->vartype = OIDOID;
        v->vartypmod = -1;
    }
    else
        RteColumnType(rte, attno, &v->vartype, &v->vartypmod);
    v->varlevelsup = sublevels;
    v->location = location;
    return v;
}

/* whether nsi's columns may be referenced in the current context */
static bool
nsitem_usable(ParseState *pstate, ParseNamespaceItem *nsi)
{
    if (nsi->lateral_only && !pstate->lateral_active)
        return false;
    if (nsi->lateral_only && !nsi->lateral_ok)
        return false;
    return true;
}

/* find colname among rte's columns: attno, 0 if absent, -1 if ambiguous */
static int
find_column(RangeTblEntry *rte, const char *colname)
{
    int         found = 0;
    ListCell   *lc;

    /* the system column tableoid of a table (its partition, for a partitioned one) */
    if (rte->rtekind == RTE_RELATION && strcmp(colname, "tableoid") == 0 &&
        (rte->relkind == RELKIND_RELATION || rte->relkind == RELKIND_PARTITIONED_TABLE))
        return TableOidAttributeNumber;

    foreach(lc, rte->eref->colnames)
    {
        if (strcmp(strVal(lfirst(lc)), colname) == 0 && colname[0] != '\0')
        {
            if (found)
                return -1;
            found = foreach_current_index(lc) + 1;
        }
    }
    return found;
}

/*
 * FindRelationInNamespace -- the FROM item called relname (its alias, or
 * table name), searching this level and then outer ones; NULL if none.
 * 42P09 if two items at one level have that name.
 */
ParseNamespaceItem *
FindRelationInNamespace(ParseState *pstate, const char *schemaname, const char *relname,
                        int location, int *sublevels)
{
    int         levels = 0;

    for (ParseState *ps = pstate; ps; ps = ps->parent, levels++)
    {
        ParseNamespaceItem *result = NULL;
        ListCell   *lc;

        foreach(lc, ps->namespace)
        {
            ParseNamespaceItem *nsi = lfirst(lc);
            RangeTblEntry *rte = nsi->rte;

            if (!nsi->rel_visible || !nsitem_usable(ps == pstate ? pstate : ps, nsi))
                continue;
            if (strcmp(rte->eref->aliasname, relname) != 0)
                continue;
            if (schemaname != NULL)
            {
                Oid         relid;

                if (rte->alias != NULL || !OidIsValid(rte->relid))
                    continue;
                relid = RelnameGetRelid(schemaname, relname);
                if (relid != rte->relid)
                    continue;
            }
            if (result != NULL)
                ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_ALIAS),
                        errmsg("table reference \"%s\" is ambiguous", relname),
                        errposition(ParserErrPos(pstate, location)));
            result = nsi;
        }
        if (result)
        {
            *sublevels = levels;
            return result;
        }
    }
    return NULL;
}

/* unqualified column: search level by level */
static Node *
lookup_unqualified(ParseState *pstate, const char *colname, int location)
{
    int         levels = 0;

    for (ParseState *ps = pstate; ps; ps = ps->parent, levels++)
    {
        Node       *result = NULL;
        ListCell   *lc;

        foreach(lc, ps->namespace)
        {
            ParseNamespaceItem *nsi = lfirst(lc);
            int         attno;

            /*
             * The tables joined by JOIN ... ON hide their columns behind the
             * join's, but their system column tableoid is still theirs
             * (ambiguous when several tables are joined, as PostgreSQL).
             */
            if (!nsi->cols_visible && nsi->rel_visible && nsi->rte->rtekind == RTE_RELATION &&
                nsitem_usable(ps, nsi) &&
                find_column(nsi->rte, colname) == TableOidAttributeNumber)
            {
                if (result != NULL)
                    ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_COLUMN),
                            errmsg("column reference \"%s\" is ambiguous", colname),
                            errposition(ParserErrPos(pstate, location)));
                result = (Node *) MakeVarForColumn(nsi->rte, nsi->rtindex,
                                                   TableOidAttributeNumber, levels, location);
                continue;
            }
            if (!nsi->cols_visible || !nsitem_usable(ps, nsi))
                continue;
            attno = find_column(nsi->rte, colname);
            if (attno == 0)
                continue;
            if (attno == -1 || result != NULL)
                ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_COLUMN),
                        errmsg("column reference \"%s\" is ambiguous", colname),
                        errposition(ParserErrPos(pstate, location)));
            result = (Node *) MakeVarForColumn(nsi->rte, nsi->rtindex, attno, levels, location);
        }
        if (result)
            return result;
    }
    return NULL;
}

static RDB_NORETURN void
report_missing_column(ParseState *pstate, const char *relname, const char *colname,
                      int location)
{
    /* a column of a table that exists but is not visible here */
    if (relname == NULL)
    {
        for (ParseState *ps = pstate; ps; ps = ps->parent)
        {
            ListCell   *lc;

            foreach(lc, ps->rtable)
            {
                RangeTblEntry *rte = lfirst(lc);

                if (rte->rtekind != RTE_JOIN && find_column(rte, colname) > 0 &&
                    rte->inFromCl)
                {
                    bool        visible = false;
                    ListCell   *lc2;

                    foreach(lc2, ps->namespace)
                        if (((ParseNamespaceItem *) lfirst(lc2))->rte == rte)
                            visible = true;
                    if (!visible || ps != pstate)
                        continue;
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                            errmsg("column \"%s\" does not exist", colname),
                            errhint("There is a column named \"%s\" in table \"%s\", but it "
                                    "cannot be referenced from this part of the query.",
                                    colname, rte->eref->aliasname),
                            errposition(ParserErrPos(pstate, location)));
                }
            }
        }
        ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                errmsg("column \"%s\" does not exist", colname),
                errposition(ParserErrPos(pstate, location)));
    }
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
            errmsg("column %s.%s does not exist", relname, colname),
            errposition(ParserErrPos(pstate, location)));
}

static RDB_NORETURN void
report_missing_rte(ParseState *pstate, const char *relname, int location)
{
    /* is there such a table in the range table that is just not visible? */
    for (ParseState *ps = pstate; ps; ps = ps->parent)
    {
        ListCell   *lc;

        foreach(lc, ps->rtable)
        {
            RangeTblEntry *rte = lfirst(lc);

            if (rte->rtekind == RTE_RELATION && rte->alias != NULL && rte->inFromCl &&
                OidIsValid(rte->relid))
            {
                char       *name = RelationNameById(rte->relid);

                if (name && strcmp(name, relname) == 0)
                    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                            errmsg("invalid reference to FROM-clause entry for table \"%s\"",
                                   relname),
                            errhint("Perhaps you meant to reference the table alias \"%s\".",
                                    rte->eref->aliasname),
                            errposition(ParserErrPos(pstate, location)));
            }
            /* e.g. INSERT ... ON CONFLICT's EXCLUDED from RETURNING */
            if (rte->rtekind == RTE_RELATION && rte->eref != NULL &&
                strcmp(rte->eref->aliasname, relname) == 0)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
                        errmsg("invalid reference to FROM-clause entry for table \"%s\"",
                               relname),
                        errhint("There is an entry for table \"%s\", but it cannot be "
                                "referenced from this part of the query.", relname),
                        errposition(ParserErrPos(pstate, location)));
        }
    }
    ereport(ERROR, errcode(ERRCODE_UNDEFINED_TABLE),
            errmsg("missing FROM-clause entry for table \"%s\"", relname),
            errposition(ParserErrPos(pstate, location)));
}

/*
 * ColumnRefLookup -- resolve col, t.col, s.t.col (and db.s.t.col).  A
 * "t.*" in expression context is not supported (row values).
 */
Node *
ColumnRefLookup(ParseState *pstate, ColumnRef *cref)
{
    int         nfields = list_length(cref->fields);
    Node       *last = llast(cref->fields);
    const char *schemaname = NULL;
    const char *relname = NULL;
    const char *colname;
    ParseNamespaceItem *nsi;
    int         sublevels = 0;
    int         attno;
    Node       *result;

    if (pstate->expr_kind == EXPR_KIND_PARTITION_BOUND)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot use column reference in partition bound expression"),
                errposition(ParserErrPos(pstate, cref->location)));
    if (IsA(last, A_Star))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("row expansion via \"*\" is not supported here"),
                errposition(ParserErrPos(pstate, cref->location)));
    colname = strVal(last);
    if (nfields == 1)
    {
        result = lookup_unqualified(pstate, colname, cref->location);
        if (result == NULL)
            report_missing_column(pstate, NULL, colname, cref->location);
        return result;
    }
    if (nfields > 4)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("improper qualified name (too many dotted names): %s",
                       NameListToString(cref->fields)),
                errposition(ParserErrPos(pstate, cref->location)));
    relname = strVal(list_nth(cref->fields, nfields - 2));
    if (nfields >= 3)
        schemaname = strVal(list_nth(cref->fields, nfields - 3));
    nsi = FindRelationInNamespace(pstate, schemaname, relname, cref->location, &sublevels);
    if (nsi == NULL)
        report_missing_rte(pstate, relname, cref->location);
    attno = find_column(nsi->rte, colname);
    if (attno == -1)
        ereport(ERROR, errcode(ERRCODE_AMBIGUOUS_COLUMN),
                errmsg("column reference \"%s\" is ambiguous", colname),
                errposition(ParserErrPos(pstate, cref->location)));
    if (attno == 0)
        report_missing_column(pstate, relname, colname, cref->location);
    return (Node *) MakeVarForColumn(nsi->rte, nsi->rtindex, attno, sublevels, cref->location);
}

/*
 * ExpandNamespaceItem -- the columns of one FROM item, as Vars (or join
 * alias expressions), or as TargetEntries named by column when
 * make_targets (resno left 0 for the caller to assign).
 */
List *
ExpandNamespaceItem(ParseState *pstate, ParseNamespaceItem *nsi, int sublevels, int location,
                    bool make_targets)
{
    List       *result = NIL;
    RangeTblEntry *rte = nsi->rte;
    int         n = RteColumnCount(rte);

    (void) pstate;
    for (int attno = 1; attno <= n; attno++)
    {
        const char *name = RteColumnName(rte, attno);
        Node       *v;

        if (name[0] == '\0')
            continue;           /* dropped column */
        v = (Node *) MakeVarForColumn(rte, nsi->rtindex, attno, sublevels, location);
        if (make_targets)
            result = lappend(result, MakeTargetEntry(v, 0, pstrdup(name), false));
        else
            result = lappend(result, v);
    }
    return result;
}

/*
 * ExpandAllStar -- "SELECT *": the columns of every FROM item of this
 * level whose columns are visible, as TargetEntries.  No FROM items:
 * 42601 "SELECT * with no tables specified is not valid".
 */
List *
ExpandAllStar(ParseState *pstate, int location)
{
    List       *result = NIL;
    bool        any = false;
    ListCell   *lc;

    foreach(lc, pstate->namespace)
    {
        ParseNamespaceItem *nsi = lfirst(lc);

        if (!nsi->cols_visible || nsi->lateral_only)
            continue;
        any = true;
        result = list_concat(result, ExpandNamespaceItem(pstate, nsi, 0, location, true));
    }
    if (!any)
        ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                errmsg("SELECT * with no tables specified is not valid"),
                errposition(ParserErrPos(pstate, location)));
    return result;
}
