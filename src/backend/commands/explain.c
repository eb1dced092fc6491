/*
 * explain.c
 *     EXPLAIN [ANALYZE] [VERBOSE] and EXPLAIN (option, ...): the plan tree in
 *     PostgreSQL's text format, one "QUERY PLAN" row per line.
 * Entry points: ExplainQuery(), ExplainResultDesc().
 *
 * Expressions (Filter, Hash Cond, Sort Key, ...) are printed by a small
 * deparser that resolves executor references (OUTER_VAR/INNER_VAR) through
 * the child plans' targetlists back to column names.  EXPLAIN ANALYZE runs
 * the statement (DML included, as PostgreSQL) with instrumentation and
 * discards its rows.
 */
#include "rustydb.h"

#include <math.h>
#include <time.h>

#include "access/snapshot.h"
#include "access/xact.h"
#include "catalog/pg_builtin.h"
#include "executor/executor.h"
#include "lib/stringinfo.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "catalog/namespace.h"
#include "optimizer/planner.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/elog.h"

typedef struct ExplainState
{
    StringInfoData buf;
    bool        analyze;
    bool        verbose;
    bool        costs;
    bool        timing;
    int         summary;        /* -1: default (with ANALYZE), else 0/1 */
    List       *rtable;
    PlannedStmt *stmt;
} ExplainState;

/* Deparse context: the plan whose expressions are printed. */
typedef struct DeparseCtx
{
    ExplainState *es;
    Plan       *plan;
    Plan       *outer;
    Plan       *inner;
    int         scanrelid;
    int         noprefix_rti;   /* scan quals: this relation's columns print unqualified */
} DeparseCtx;

static void deparse(StringInfo out, Node *node, DeparseCtx *ctx, bool toplevel);

static Plan *
inner_child(Plan *plan)
{
    if (IsA(plan, SubqueryScan))
        return ((SubqueryScan *) plan)->subplan;
    return plan->righttree;
}

static Plan *
outer_child(Plan *plan)
{
    if (IsA(plan, Append))
        return (Plan *) linitial(((Append *) plan)->appendplans);
    return plan->lefttree;
}

static const char *
rte_name(ExplainState *es, int rti)
{
    RangeTblEntry *rte;

    if (rti <= 0 || rti > list_length(es->rtable))
        return "?";
    rte = (RangeTblEntry *) list_nth(es->rtable, rti - 1);
    if (rte->eref && rte->eref->aliasname)
        return rte->eref->aliasname;
    return "?";
}

static const char *
column_name(ExplainState *es, int rti, int attno)
{
    RangeTblEntry *rte;

    if (attno == SelfItemPointerAttributeNumber)
        return "ctid";
    if (rti <= 0 || rti > list_length(es->rtable))
        return "?column?";
    rte = (RangeTblEntry *) list_nth(es->rtable, rti - 1);
    if (rte->eref && attno > 0 && attno <= list_length(rte->eref->colnames))
        return strVal(list_nth(rte->eref->colnames, attno - 1));
    return "?column?";
}

static void
deparse_var(StringInfo out, Var *var, DeparseCtx *ctx)
{
    if (var->varno == OUTER_VAR || var->varno == INNER_VAR)
    {
        Plan       *child = var->varno == OUTER_VAR ? ctx->outer : ctx->inner;
        TargetEntry *tle;
        DeparseCtx  sub;

        if (child == NULL || var->varattno < 1 || var->varattno > list_length(child->targetlist))
        {
            appendStringInfoString(out, "?");
            return;
        }
        tle = (TargetEntry *) list_nth(child->targetlist, var->varattno - 1);
        sub.es = ctx->es;
        sub.plan = child;
        sub.outer = outer_child(child);
        sub.inner = inner_child(child);
        sub.noprefix_rti = 0;
        sub.scanrelid = IsA(child, SeqScan) || IsA(child, IndexScan) ||
            IsA(child, IndexOnlyScan) || IsA(child, SubqueryScan) ||
            IsA(child, FunctionScan) || IsA(child, ValuesScan) || IsA(child, CteScan) ||
            IsA(child, WorkTableScan) ? ((Scan *) child)->scanrelid : 0;
        deparse(out, (Node *) tle->expr, &sub, false);
        return;
    }
    if (ctx->es->verbose ||
        (list_length(ctx->es->rtable) > 1 &&
         (ctx->scanrelid ? ctx->scanrelid : var->varno) != ctx->noprefix_rti))
        appendStringInfo(out, "%s.", rte_name(ctx->es, ctx->scanrelid ? ctx->scanrelid : var->varno));
    appendStringInfoString(out, column_name(ctx->es, ctx->scanrelid ? ctx->scanrelid : var->varno,
                                            var->varattno));
}

static void
deparse_const(StringInfo out, Const *c)
{
    char       *s;

    if (c->constisnull)
    {
        appendStringInfoString(out, "NULL");
        return;
    }
    s = OutputFunctionCall(c->consttype, c->constvalue);
    switch (c->consttype)
    {
        case INT4OID:
        case BOOLOID:
            appendStringInfoString(out, c->consttype == BOOLOID ?
                                   (DatumGetBool(c->constvalue) ? "true" : "false") : s);
            return;
        case NUMERICOID:
            if (s[0] != '-' && strpbrk(s, "eEnN") == NULL)
            {
                appendStringInfoString(out, s);
                return;
            }
            break;
        default:
            break;
    }
    appendStringInfoChar(out, '\'');
    for (const char *p = s; *p; p++)
    {
        if (*p == '\'')
            appendStringInfoChar(out, '\'');
        appendStringInfoChar(out, *p);
    }
    appendStringInfo(out, "'::%s", FormatTypeWithTypmod(c->consttype, c->consttypmod));
}

static void
deparse_list(StringInfo out, List *args, DeparseCtx *ctx, const char *sep)
{
    ListCell   *lc;

    foreach(lc, args)
    {
        if (foreach_current_index(lc) > 0)
            appendStringInfoString(out, sep);
        deparse(out, (Node *) lfirst(lc), ctx, false);
    }
}

static void
deparse(StringInfo out, Node *node, DeparseCtx *ctx, bool toplevel)
{
    if (node == NULL)
        return;
    switch (nodeTag(node))
    {
        case T_Var:
            deparse_var(out, (Var *) node, ctx);
            break;
        case T_Const:
            deparse_const(out, (Const *) node);
            break;
        case T_Param:
            appendStringInfo(out, "$%d", ((Param *) node)->paramid);
            break;
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
            {
                OpExpr     *op = (OpExpr *) node;
                const OperInfo *oi = OperInfoById(op->opno);
                const char *name = oi ? oi->name : "?";

                if (IsA(node, NullIfExpr))
                {
                    appendStringInfoString(out, "NULLIF(");
                    deparse_list(out, op->args, ctx, ", ");
                    appendStringInfoChar(out, ')');
                    break;
                }
                appendStringInfoChar(out, '(');
                if (list_length(op->args) == 2)
                {
                    deparse(out, linitial(op->args), ctx, false);
                    appendStringInfo(out, " %s ", IsA(node, DistinctExpr) ? "IS DISTINCT FROM" : name);
                    deparse(out, lsecond(op->args), ctx, false);
                }
                else
                {
                    appendStringInfo(out, "%s ", name);
                    deparse(out, linitial(op->args), ctx, false);
                }
                appendStringInfoChar(out, ')');
                break;
            }
        case T_FuncExpr:
            {
                FuncExpr   *f = (FuncExpr *) node;
                const FuncInfo *fi = FuncInfoById(f->funcid);

                if (f->funcformat == COERCE_IMPLICIT_CAST && list_length(f->args) == 1)
                {
                    deparse(out, linitial(f->args), ctx, false);
                    break;
                }
                if (f->funcformat == COERCE_EXPLICIT_CAST && list_length(f->args) >= 1)
                {
                    appendStringInfoChar(out, '(');
                    deparse(out, linitial(f->args), ctx, false);
                    appendStringInfo(out, ")::%s", FormatTypeWithTypmod(f->funcresulttype,
                                                                         f->funcresulttypmod));
                    break;
                }
                appendStringInfo(out, "%s(", fi ? fi->name : "?");
                deparse_list(out, f->args, ctx, ", ");
                appendStringInfoChar(out, ')');
                break;
            }
        case T_Aggref:
            {
                Aggref     *a = (Aggref *) node;
                const FuncInfo *fi = FuncInfoById(a->aggfnoid);
                ListCell   *lc;
                bool        first = true;

                appendStringInfo(out, "%s(", fi ? fi->name : "?");
                if (a->aggdistinct)
                    appendStringInfoString(out, "DISTINCT ");
                if (a->aggstar)
                    appendStringInfoChar(out, '*');
                foreach(lc, a->args)
                {
                    TargetEntry *tle = (TargetEntry *) lfirst(lc);

                    if (tle->resjunk)
                        continue;
                    if (!first)
                        appendStringInfoString(out, ", ");
                    first = false;
                    deparse(out, (Node *) tle->expr, ctx, false);
                }
                appendStringInfoChar(out, ')');
                break;
            }
        case T_WindowFunc:
            {
                WindowFunc *w = (WindowFunc *) node;
                const FuncInfo *fi = FuncInfoById(w->winfnoid);

                appendStringInfo(out, "%s(", fi ? fi->name : "?");
                if (w->winstar)
                    appendStringInfoChar(out, '*');
                deparse_list(out, w->args, ctx, ", ");
                appendStringInfoChar(out, ')');
                if (w->aggfilter)
                {
                    appendStringInfoString(out, " FILTER (WHERE ");
                    deparse(out, w->aggfilter, ctx, true);
                    appendStringInfoChar(out, ')');
                }
                /* as PostgreSQL: EXPLAIN has no window definitions to show */
                appendStringInfoString(out, " OVER (?)");
                break;
            }
        case T_BoolExpr:
            {
                BoolExpr   *b = (BoolExpr *) node;

                if (b->boolop == NOT_EXPR)
                {
                    appendStringInfoString(out, "(NOT ");
                    deparse(out, linitial(b->args), ctx, false);
                    appendStringInfoChar(out, ')');
                    break;
                }
                appendStringInfoChar(out, '(');
                deparse_list(out, b->args, ctx, b->boolop == AND_EXPR ? " AND " : " OR ");
                appendStringInfoChar(out, ')');
                break;
            }
        case T_NullTest:
            appendStringInfoChar(out, '(');
            deparse(out, ((NullTest *) node)->arg, ctx, false);
            appendStringInfoString(out, ((NullTest *) node)->nulltesttype == IS_NULL ?
                                   " IS NULL)" : " IS NOT NULL)");
            break;
        case T_BooleanTest:
            {
                static const char *const names[] = {" IS TRUE", " IS NOT TRUE", " IS FALSE",
                " IS NOT FALSE", " IS UNKNOWN", " IS NOT UNKNOWN"};

                appendStringInfoChar(out, '(');
                deparse(out, ((BooleanTest *) node)->arg, ctx, false);
                appendStringInfo(out, "%s)", names[((BooleanTest *) node)->booltesttype]);
                break;
            }
        case T_RelabelType:
            deparse(out, ((RelabelType *) node)->arg, ctx, false);
            break;
        case T_CoerceViaIO:
            {
                CoerceViaIO *c = (CoerceViaIO *) node;

                appendStringInfoChar(out, '(');
                deparse(out, c->arg, ctx, false);
                appendStringInfo(out, ")::%s", FormatTypeWithTypmod(c->resulttype, c->resulttypmod));
                break;
            }
        case T_ScalarArrayOpExpr:
            {
                ScalarArrayOpExpr *s = (ScalarArrayOpExpr *) node;
                const OperInfo *oi = OperInfoById(s->opno);

                appendStringInfoChar(out, '(');
                deparse(out, linitial(s->args), ctx, false);
                appendStringInfo(out, " %s %s (", oi ? oi->name : "?", s->useOr ? "ANY" : "ALL");
                deparse(out, lsecond(s->args), ctx, false);
                appendStringInfoString(out, "))");
                break;
            }
        case T_CoalesceExpr:
            appendStringInfoString(out, "COALESCE(");
            deparse_list(out, ((CoalesceExpr *) node)->args, ctx, ", ");
            appendStringInfoChar(out, ')');
            break;
        case T_MinMaxExpr:
            appendStringInfoString(out, ((MinMaxExpr *) node)->op == IS_GREATEST ? "GREATEST(" : "LEAST(");
            deparse_list(out, ((MinMaxExpr *) node)->args, ctx, ", ");
            appendStringInfoChar(out, ')');
            break;
        case T_CaseExpr:
            {
                CaseExpr   *c = (CaseExpr *) node;
                ListCell   *lc;

                appendStringInfoString(out, "CASE");
                if (c->arg)
                {
                    appendStringInfoChar(out, ' ');
                    deparse(out, c->arg, ctx, false);
                }
                foreach(lc, c->args)
                {
                    CaseWhen   *w = (CaseWhen *) lfirst(lc);

                    appendStringInfoString(out, " WHEN ");
                    deparse(out, w->expr, ctx, false);
                    appendStringInfoString(out, " THEN ");
                    deparse(out, w->result, ctx, false);
                }
                if (c->defresult)
                {
                    appendStringInfoString(out, " ELSE ");
                    deparse(out, c->defresult, ctx, false);
                }
                appendStringInfoString(out, " END");
                break;
            }
        case T_CaseTestExpr:
            appendStringInfoString(out, "CASE_TEST");
            break;
        case T_ArrayExpr:
            appendStringInfoString(out, "ARRAY[");
            deparse_list(out, ((ArrayExpr *) node)->elements, ctx, ", ");
            appendStringInfoChar(out, ']');
            break;
        case T_SubPlan:
            {
                SubPlan    *sp = (SubPlan *) node;

                if (sp->subLinkType == EXISTS_SUBLINK)
                    appendStringInfo(out, "(SubPlan %d)", sp->plan_id);
                else if (sp->subLinkType == ANY_SUBLINK || sp->subLinkType == ALL_SUBLINK)
                {
                    appendStringInfoChar(out, '(');
                    deparse(out, sp->testexpr, ctx, false);
                    appendStringInfo(out, " %s (SubPlan %d))",
                                     sp->subLinkType == ANY_SUBLINK ? "ANY" : "ALL", sp->plan_id);
                }
                else
                    appendStringInfo(out, "(SubPlan %d)", sp->plan_id);
                break;
            }
        default:
            appendStringInfoString(out, "?");
            break;
    }
    (void) toplevel;
}

/* ---------------- plan tree ---------------- */

static void
indent(ExplainState *es, int depth, bool node_line)
{
    if (depth == 0)
    {
        if (!node_line)
            appendStringInfoString(&es->buf, "  ");
        return;
    }
    appendStringInfoSpaces(&es->buf, 6 * depth - (node_line ? 4 : -2));
    if (node_line)
        appendStringInfoString(&es->buf, "->  ");
}

static void
show_expr_list(ExplainState *es, const char *label, List *exprs, DeparseCtx *ctx, int depth)
{
    StringInfoData s;

    if (exprs == NIL)
        return;
    initStringInfo(&s);
    if (list_length(exprs) == 1)
        deparse(&s, (Node *) linitial(exprs), ctx, true);
    else
    {
        BoolExpr    b;

        memset(&b, 0, sizeof(b));
        b.type = T_BoolExpr;
        b.boolop = AND_EXPR;
        b.args = exprs;
        deparse(&s, (Node *) &b, ctx, true);
    }
    indent(es, depth, false);
    appendStringInfo(&es->buf, "%s: %s\n", label, s.data);
}

static void
show_keys(ExplainState *es, const char *label, Plan *child, int n, const int *cols,
          const bool *desc, DeparseCtx *ctx, int depth)
{
    StringInfoData s;

    if (n == 0)
        return;
    initStringInfo(&s);
    for (int i = 0; i < n; i++)
    {
        TargetEntry *tle = (TargetEntry *) list_nth(child->targetlist, cols[i] - 1);
        DeparseCtx  sub = *ctx;
        bool        paren;

        sub.plan = child;
        sub.outer = outer_child(child);
        sub.inner = inner_child(child);
        sub.scanrelid = (IsA(child, SeqScan) || IsA(child, IndexScan) ||
                         IsA(child, IndexOnlyScan) || IsA(child, SubqueryScan) ||
                         IsA(child, FunctionScan) || IsA(child, ValuesScan) ||
                         IsA(child, CteScan)) ? ((Scan *) child)->scanrelid : 0;
        if (i > 0)
            appendStringInfoString(&s, ", ");
        /*
         * As PostgreSQL, which deparses the Sort's own column reference: a
         * sort key that is not a plain column of the input is parenthesized.
         */
        paren = strcmp(label, "Sort Key") == 0 && !IsA(tle->expr, Var);
        if (paren)
            appendStringInfoChar(&s, '(');
        deparse(&s, (Node *) tle->expr, &sub, false);
        if (paren)
            appendStringInfoChar(&s, ')');
        if (desc && desc[i])
            appendStringInfoString(&s, " DESC");
    }
    indent(es, depth, false);
    appendStringInfo(&es->buf, "%s: %s\n", label, s.data);
}

static const char *
join_suffix(JoinType jt)
{
    switch (jt)
    {
        case JOIN_LEFT:
            return " Left Join";
        case JOIN_RIGHT:
            return " Right Join";
        case JOIN_FULL:
            return " Full Join";
        case JOIN_SEMI:
            return " Semi Join";
        case JOIN_ANTI:
            return " Anti Join";
        default:
            return "";
    }
}

static void explain_node(ExplainState *es, Plan *plan, PlanState *ps, int depth, const char *relation);

static void
explain_node(ExplainState *es, Plan *plan, PlanState *ps, int depth, const char *relation)
{
    StringInfoData name;
    DeparseCtx  ctx;
    const char *scanname = NULL;

    initStringInfo(&name);
    ctx.es = es;
    ctx.plan = plan;
    ctx.outer = outer_child(plan);
    ctx.inner = inner_child(plan);
    ctx.scanrelid = 0;
    ctx.noprefix_rti = 0;
    switch (nodeTag(plan))
    {
        case T_Result:
            appendStringInfoString(&name, "Result");
            break;
        case T_ProjectSet:
            appendStringInfoString(&name, "ProjectSet");
            break;
        case T_ModifyTable:
            {
                ModifyTable *mt = (ModifyTable *) plan;
                const char *alias = rte_name(es, mt->resultRelation);
                char       *relname = RelationNameById(mt->resultRelid);

                /* "t" or, with an alias, "t x" (PostgreSQL's form) */
                appendStringInfo(&name, "%s on %s",
                                 mt->operation == CMD_INSERT ? "Insert" :
                                 mt->operation == CMD_UPDATE ? "Update" : "Delete",
                                 relname ? QuoteIdentifier(relname) : alias);
                if (relname && strcmp(relname, alias) != 0)
                    appendStringInfo(&name, " %s", QuoteIdentifier(alias));
                break;
            }
        case T_Append:
            appendStringInfoString(&name, "Append");
            break;
        case T_RecursiveUnion:
            appendStringInfoString(&name, "Recursive Union");
            break;
        case T_SeqScan:
            scanname = "Seq Scan";
            break;
        case T_IndexScan:
        case T_IndexOnlyScan:
            {
                IndexScan  *is = (IndexScan *) plan;
                char       *iname = RelationNameById(is->indexid);

                scanname = psprintf("%s%s using %s", IsA(plan, IndexScan) ? "Index Scan" :
                                    "Index Only Scan",
                                    is->indexorderdir < 0 ? " Backward" : "",
                                    iname ? QuoteIdentifier(iname) : "?");
                break;
            }
        case T_FunctionScan:
            scanname = "Function Scan";
            break;
        case T_ValuesScan:
            scanname = "Values Scan";
            break;
        case T_SubqueryScan:
            scanname = "Subquery Scan";
            break;
        case T_CteScan:
            scanname = "CTE Scan";
            break;
        case T_WorkTableScan:
            scanname = "WorkTable Scan";
            break;
        case T_NestLoop:
            appendStringInfo(&name, "Nested Loop%s", join_suffix(((Join *) plan)->jointype));
            break;
        case T_HashJoin:
            appendStringInfo(&name, "Hash%s", *join_suffix(((Join *) plan)->jointype) ?
                             join_suffix(((Join *) plan)->jointype) : " Join");
            break;
        case T_MergeJoin:
            appendStringInfo(&name, "Merge%s", *join_suffix(((Join *) plan)->jointype) ?
                             join_suffix(((Join *) plan)->jointype) : " Join");
            break;
        case T_Hash:
            appendStringInfoString(&name, "Hash");
            break;
        case T_Material:
            appendStringInfoString(&name, "Materialize");
            break;
        case T_Sort:
            appendStringInfoString(&name, "Sort");
            break;
        case T_Agg:
            {
                Agg        *agg = (Agg *) plan;

                appendStringInfoString(&name, agg->aggstrategy == AGG_HASHED ? "HashAggregate" :
                                       agg->aggstrategy == AGG_SORTED ? "GroupAggregate" : "Aggregate");
                break;
            }
        case T_Unique:
            appendStringInfoString(&name, "Unique");
            break;
        case T_WindowAgg:
            appendStringInfoString(&name, "WindowAgg");
            break;
        case T_SetOp:
            {
                SetOp      *so = (SetOp *) plan;

                appendStringInfo(&name, "HashSetOp %s",
                                 so->cmd == SETOPCMD_INTERSECT ? "Intersect" :
                                 so->cmd == SETOPCMD_INTERSECT_ALL ? "Intersect All" :
                                 so->cmd == SETOPCMD_EXCEPT ? "Except" : "Except All");
                break;
            }
        case T_Limit:
            appendStringInfoString(&name, "Limit");
            break;
        case T_LockRows:
            appendStringInfoString(&name, "LockRows");
            break;
        default:
            appendStringInfo(&name, "Node %d", (int) nodeTag(plan));
            break;
    }
    if (scanname)
    {
        int         rti = ((Scan *) plan)->scanrelid;
        RangeTblEntry *rte = rti > 0 && rti <= list_length(es->rtable) ?
            (RangeTblEntry *) list_nth(es->rtable, rti - 1) : NULL;
        const char *alias = rte_name(es, rti);

        ctx.scanrelid = rti;
        /* as PostgreSQL: a scan's own columns are not qualified (SubqueryScan's are) */
        if (!IsA(plan, SubqueryScan))
            ctx.noprefix_rti = rti;
        appendStringInfo(&name, "%s on ", scanname);
        if (IsA(plan, CteScan) || IsA(plan, WorkTableScan))
            appendStringInfo(&name, "%s", rte && rte->ctename ? rte->ctename : alias);
        else if (IsA(plan, FunctionScan) && rte && rte->functions)
        {
            RangeTblFunction *f = (RangeTblFunction *) linitial(rte->functions);
            const FuncInfo *fi = IsA(f->funcexpr, FuncExpr) ?
                FuncInfoById(((FuncExpr *) f->funcexpr)->funcid) : NULL;

            appendStringInfoString(&name, fi ? fi->name : alias);
        }
        else if (IsA(plan, ValuesScan))
            appendStringInfoString(&name, "\"*VALUES*\"");
        else if (rte && rte->rtekind == RTE_RELATION && OidIsValid(rte->relid))
        {
            /* "t" or, with an alias, "t x" (PostgreSQL's form) */
            char       *relname = RelationNameById(rte->relid);

            appendStringInfoString(&name, relname ? QuoteIdentifier(relname) : alias);
            if (relname && strcmp(relname, alias) != 0)
                appendStringInfo(&name, " %s", QuoteIdentifier(alias));
        }
        else
            appendStringInfoString(&name, alias);
    }
    (void) relation;

    indent(es, depth, true);
    appendStringInfoString(&es->buf, name.data);
    if (es->costs)
        appendStringInfo(&es->buf, "  (cost=%.2f..%.2f rows=%.0f width=%d)",
                         plan->startup_cost, plan->total_cost, plan->plan_rows, plan->plan_width);
    if (es->analyze && ps && ps->instrument)
    {
        Instrumentation *in = ps->instrument;

        InstrEndLoop(in);
        if (in->nloops > 0)
        {
            if (es->timing)
                appendStringInfo(&es->buf, " (actual time=%.3f..%.3f rows=%.0f loops=%.0f)",
                                 1000.0 * in->startup_s / in->nloops,
                                 1000.0 * in->total_s / in->nloops,
                                 rint(in->ntuples / in->nloops), in->nloops);
            else
                appendStringInfo(&es->buf, " (actual rows=%.0f loops=%.0f)",
                                 rint(in->ntuples / in->nloops), in->nloops);
        }
        else
            appendStringInfoString(&es->buf, " (never executed)");
    }
    appendStringInfoChar(&es->buf, '\n');

    /* details */
    switch (nodeTag(plan))
    {
        case T_HashJoin:
            show_expr_list(es, "Hash Cond", ((HashJoin *) plan)->hashclauses, &ctx, depth);
            show_expr_list(es, "Join Filter", ((Join *) plan)->joinqual, &ctx, depth);
            break;
        case T_MergeJoin:
            show_expr_list(es, "Merge Cond", ((MergeJoin *) plan)->mergeclauses, &ctx, depth);
            show_expr_list(es, "Join Filter", ((Join *) plan)->joinqual, &ctx, depth);
            break;
        case T_NestLoop:
            show_expr_list(es, "Join Filter", ((Join *) plan)->joinqual, &ctx, depth);
            break;
        case T_IndexScan:
        case T_IndexOnlyScan:
            {
                /* indexqualorig uses statement-wide range-table indexes */
                DeparseCtx  ictx = ctx;

                ictx.scanrelid = 0;
                show_expr_list(es, "Index Cond", ((IndexScan *) plan)->indexqualorig, &ictx, depth);
                break;
            }
        case T_Sort:
            {
                Sort       *s = (Sort *) plan;

                show_keys(es, "Sort Key", plan->lefttree, s->numCols, s->sortColIdx, s->sortDesc,
                          &ctx, depth);
                if (es->analyze && ps && ((SortState *) ps)->sort_method)
                {
                    indent(es, depth, false);
                    appendStringInfo(&es->buf, "Sort Method: %s  Memory: %zukB\n",
                                     ((SortState *) ps)->sort_method,
                                     (((SortState *) ps)->space_used + 1023) / 1024);
                }
                break;
            }
        case T_Agg:
            {
                Agg        *a = (Agg *) plan;

                show_keys(es, "Group Key", plan->lefttree, a->numCols, a->grpColIdx, NULL, &ctx,
                          depth);
                break;
            }
        case T_ModifyTable:
            {
                ModifyTable *mt = (ModifyTable *) plan;
                ListCell   *lc;

                /* a partitioned target: the partitions written, as PostgreSQL lists them */
                foreach(lc, mt->resultPartitionRtis)
                {
                    const char *alias = rte_name(es, lfirst_int(lc));
                    RangeTblEntry *rte = (RangeTblEntry *) list_nth(es->rtable,
                                                                    lfirst_int(lc) - 1);
                    char       *relname = RelationNameById(rte->relid);

                    indent(es, depth, false);
                    appendStringInfo(&es->buf, "%s on %s",
                                     mt->operation == CMD_UPDATE ? "Update" : "Delete",
                                     relname ? QuoteIdentifier(relname) : alias);
                    if (relname && strcmp(relname, alias) != 0)
                        appendStringInfo(&es->buf, " %s", QuoteIdentifier(alias));
                    appendStringInfoChar(&es->buf, '\n');
                }
                if (mt->onConflictAction == ONCONFLICT_NONE)
                    break;
                indent(es, depth, false);
                appendStringInfo(&es->buf, "Conflict Resolution: %s\n",
                                 mt->onConflictAction == ONCONFLICT_NOTHING ? "NOTHING" :
                                 "UPDATE");
                if (mt->arbiterIndexes != NIL)
                {
                    indent(es, depth, false);
                    appendStringInfoString(&es->buf, "Conflict Arbiter Indexes: ");
                    foreach(lc, mt->arbiterIndexes)
                    {
                        char       *iname = RelationNameById(lfirst_oid(lc));

                        appendStringInfo(&es->buf, "%s%s", foreach_current_index(lc) > 0 ? ", " : "",
                                         iname ? QuoteIdentifier(iname) : "?");
                    }
                    appendStringInfoChar(&es->buf, '\n');
                }
                show_expr_list(es, "Conflict Filter",
                               mt->onConflictWhere ? list_make1(mt->onConflictWhere) : NIL,
                               &ctx, depth);
                if (es->analyze && ps)
                {
                    ModifyTableState *mts = (ModifyTableState *) ps;

                    if (mts->oc_filtered > 0)
                    {
                        indent(es, depth, false);
                        appendStringInfo(&es->buf, "Rows Removed by Conflict Filter: %llu\n",
                                         (unsigned long long) mts->oc_filtered);
                    }
                    indent(es, depth, false);
                    appendStringInfo(&es->buf, "Tuples Inserted: %llu\n",
                                     (unsigned long long) mts->oc_inserted);
                    indent(es, depth, false);
                    appendStringInfo(&es->buf, "Conflicting Tuples: %llu\n",
                                     (unsigned long long) mts->oc_conflicts);
                }
                break;
            }
        case T_Result:
            show_expr_list(es, "One-Time Filter",
                           ((Result *) plan)->resconstantqual ?
                           list_make1(((Result *) plan)->resconstantqual) : NIL, &ctx, depth);
            break;
        default:
            break;
    }
    show_expr_list(es, "Filter", plan->qual, &ctx, depth);
    if (IsA(plan, IndexOnlyScan) && es->analyze && ps)
    {
        indent(es, depth, false);
        appendStringInfo(&es->buf, "Heap Fetches: %lld\n",
                         (long long) ((IndexScanState *) ps)->heap_fetches);
    }

    /* initplans and subplans */
    {
        ListCell   *lc;

        foreach(lc, plan->initPlan)
        {
            SubPlan    *sp = (SubPlan *) lfirst(lc);
            Plan       *sub = (Plan *) list_nth(es->stmt->subplans, sp->plan_id - 1);
            PlanState  *subps = NULL;

            if (ps && ps->state)
                subps = (PlanState *) list_nth(ps->state->es_subplanstates, sp->plan_id - 1);
            indent(es, depth, false);
            appendStringInfo(&es->buf, "%s\n", sp->plan_name ? sp->plan_name : "InitPlan");
            explain_node(es, sub, subps, depth + 1, NULL);
        }
    }

    /* children */
    if (IsA(plan, Append))
    {
        ListCell   *lc;

        if (ps && ((AppendState *) ps)->nremoved > 0)
        {
            indent(es, depth, false);
            appendStringInfo(&es->buf, "Subplans Removed: %d\n", ((AppendState *) ps)->nremoved);
        }
        foreach(lc, ((Append *) plan)->appendplans)
        {
            PlanState  *cps = ps ? ((AppendState *) ps)->appendplans[foreach_current_index(lc)] :
                NULL;

            if (ps && cps == NULL)
                continue;       /* pruned at executor start */
            explain_node(es, (Plan *) lfirst(lc), cps, depth + 1, NULL);
        }
        return;
    }
    if (IsA(plan, SubqueryScan))
    {
        explain_node(es, ((SubqueryScan *) plan)->subplan,
                     ps ? ((SubqueryScanState *) ps)->subplan : NULL, depth + 1, NULL);
        return;
    }
    if (plan->lefttree)
        explain_node(es, plan->lefttree, ps ? ps->lefttree : NULL, depth + 1, NULL);
    if (plan->righttree)
        explain_node(es, plan->righttree, ps ? ps->righttree : NULL, depth + 1, NULL);
}

/* ---------------- entry points ---------------- */

TupleDesc
ExplainResultDesc(ExplainStmt *stmt)
{
    TupleDesc   desc = CreateTemplateTupleDesc(1);

    (void) stmt;
    TupleDescInitEntry(desc, 1, "QUERY PLAN", TEXTOID, -1);
    return desc;
}

static bool
opt_bool(DefElem *opt)
{
    bool        result;

    if (opt->arg == NULL)
        return true;
    if (IsA(opt->arg, Boolean))
        return boolVal(opt->arg);
    if (IsA(opt->arg, Integer))
        return intVal(opt->arg) != 0;
    if (IsA(opt->arg, String) && ParseBoolString(strVal(opt->arg), &result))
        return result;
    ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
            errmsg("%s requires a Boolean value", opt->defname));
    return false;
}

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A receiver that discards EXPLAIN ANALYZE's rows. */
static void
discard_startup(DestReceiver *self, TupleDesc desc)
{
    (void) self;
    (void) desc;
}

static bool
discard_receive(DestReceiver *self, const Datum *values, const bool *isnull)
{
    (void) self;
    (void) values;
    (void) isnull;
    return true;
}

static void
discard_shutdown(DestReceiver *self)
{
    (void) self;
}

void
ExplainQuery(ExplainStmt *stmt, const char *query_string, DestReceiver *dest)
{
    ExplainState es;
    ListCell   *lc;
    RawStmt     raw;
    Query      *query;
    PlannedStmt *planned;
    QueryDesc  *qd;
    double      t0;
    double      plan_ms;
    double      exec_ms = 0;
    TupleDesc   desc = ExplainResultDesc(stmt);
    char       *line;
    char       *save;

    memset(&es, 0, sizeof(es));
    es.costs = true;
    es.timing = true;
    es.summary = -1;
    foreach(lc, stmt->options)
    {
        DefElem    *opt = (DefElem *) lfirst(lc);

        if (strcmp(opt->defname, "analyze") == 0)
            es.analyze = opt_bool(opt);
        else if (strcmp(opt->defname, "verbose") == 0)
            es.verbose = opt_bool(opt);
        else if (strcmp(opt->defname, "costs") == 0)
            es.costs = opt_bool(opt);
        else if (strcmp(opt->defname, "timing") == 0)
            es.timing = opt_bool(opt);
        else if (strcmp(opt->defname, "format") == 0)
        {
            if (opt->arg == NULL || !IsA(opt->arg, String) || strcmp(strVal(opt->arg), "text") != 0)
                ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("EXPLAIN formats other than text are not supported yet"));
        }
        else if (strcmp(opt->defname, "summary") == 0)
            es.summary = opt_bool(opt) ? 1 : 0;
        else if (strcmp(opt->defname, "buffers") == 0 ||
                 strcmp(opt->defname, "settings") == 0 || strcmp(opt->defname, "wal") == 0)
            (void) opt_bool(opt);
        else
            ereport(ERROR, errcode(ERRCODE_SYNTAX_ERROR),
                    errmsg("unrecognized EXPLAIN option \"%s\"", opt->defname));
    }
    initStringInfo(&es.buf);

    memset(&raw, 0, sizeof(raw));
    raw.type = T_RawStmt;
    raw.stmt = stmt->query;
    raw.stmt_location = 0;
    raw.stmt_len = 0;
    t0 = now_ms();
    query = parse_analyze(&raw, query_string, NULL, 0);
    if (query->commandType == CMD_UTILITY)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("EXPLAIN of utility statements is not supported yet"));
    planned = planner(query);
    plan_ms = now_ms() - t0;
    es.rtable = planned->rtable;
    es.stmt = planned;

    if (es.analyze)
    {
        DestReceiver discard;

        memset(&discard, 0, sizeof(discard));
        discard.startup = discard_startup;
        discard.receive = discard_receive;
        discard.shutdown = discard_shutdown;
        discard.mydest = DestNone;
        PushActiveSnapshot(GetTransactionSnapshot());
        qd = CreateQueryDesc(planned, &discard, NULL);
        t0 = now_ms();
        ExecutorStart(qd, EXEC_FLAG_INSTRUMENT);
        (void) ExecutorRun(qd, 0);
        exec_ms = now_ms() - t0;
        explain_node(&es, planned->planTree, qd->planstate, 0, NULL);
        ExecutorEnd(qd);
        PopActiveSnapshot();
        if (query->commandType != CMD_SELECT)
            CommandCounterIncrement();
    }
    else
        explain_node(&es, planned->planTree, NULL, 0, NULL);
    if (es.summary == 1 || (es.summary < 0 && es.analyze))
    {
        appendStringInfo(&es.buf, "Planning Time: %.3f ms\n", plan_ms);
        if (es.analyze)
            appendStringInfo(&es.buf, "Execution Time: %.3f ms\n", exec_ms);
    }

    dest->startup(dest, desc);
    for (line = strtok_r(es.buf.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
    {
        Datum       v = CStringGetTextDatum(line);
        bool        isnull = false;

        (void) dest->receive(dest, &v, &isnull);
    }
    dest->shutdown(dest);
}
