/*
 * nodeWindowAgg.c
 *     Window functions of one window over input sorted on (partition keys,
 *     order keys): each partition is read into a row store, then every row
 *     of it is returned with the window functions' values for it.
 * Entry points: ExecInitWindowAgg(), ExecEndWindowAgg(),
 * ExecReScanWindowAgg(); the window-function API of executor/windowapi.h.
 *
 * Frames: ROWS with UNBOUNDED / n PRECEDING / CURRENT ROW / n FOLLOWING
 * bounds, RANGE with UNBOUNDED and CURRENT ROW (peers of the current row,
 * i.e. rows equal on the ORDER BY keys; every row of the partition is a
 * peer without ORDER BY) and with offsets on the single ORDER BY column
 * (PostgreSQL's in_range rules: the frame starts at the first row whose
 * value is >= current - offset, for ascending order and PRECEDING, and so
 * on; NULLs sort before or after every value and are peers of each other;
 * found by binary search, the partition being sorted), and GROUPS with
 * offsets counted in peer groups.  EXCLUDE CURRENT ROW / GROUP / TIES
 * leaves rows out of the frame: aggregates are then recomputed for every
 * row, and first/last/nth_value skip the excluded rows.
 *
 * Aggregates over a frame (fmgr.h's AggCallContext protocol, as in
 * nodeAgg.c): the transition states cover rows [agg_start, agg_end) of the
 * partition.  When the next row's frame starts at the same row they are
 * advanced over the new rows only (the common frames that start at the
 * partition's first row cost O(1) per row); when the frame start moved
 * they are rebuilt from the frame start (no inverse transition functions,
 * as PostgreSQL without them).  Final functions are called once per row:
 * they must not modify the state (fmgr.h).  Frames that end at the
 * partition's end with a moving start would make that quadratic: when
 * every aggregate is order-insensitive, the results for all frame starts
 * are computed once per partition from the end backwards (suffix mode).
 *
 * XXX: the partition is held in memory (RowStore), like Sort's input: no
 * spill to temporary files beyond work_mem.
 */
#include "rustydb.h"

#include <math.h>

#include "catalog/pg_builtin.h"
#include "executor/windowapi.h"
#include "executor_int.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"

typedef struct WindowStatePerFunc
{
    WindowFunc *wfunc;
    int         nargs;
    ExprState **args;
    Oid        *argtypes;       /* window functions: nargs actual types */
    bool        isagg;
    /* window functions */
    RdbFunction fn;
    FunctionCallInfo fcinfo;
    void       *fn_extra;
    void       *localmem;       /* WinGetPartitionLocalMemory, in partcxt */
    /* aggregates (execAggTrans.c) */
    AggTrans    trans;
    AggTransState state;
    ExprState  *filter;
    int16       resultlen;      /* the result type, for copies */
    bool        resultbyval;
    Datum      *suffix_values;  /* suffix mode: result for frames [s, nrows), by s */
    bool       *suffix_nulls;
} WindowStatePerFunc;

/*
 * RANGE offsets: the ORDER BY column's values compared with "current row
 * value +/- offset".  Integers (and time, in microseconds, with the
 * offset's time part) are computed in 128 bits (no overflow);
 * other types use the "+"/"-" operators of (column type, offset type),
 * whose result (timestamp for date) is compared with the column value cast
 * to that type.
 */
typedef struct WindowRangeSupport
{
    int         col;            /* 0-based input column */
    Oid         coltype;
    Oid         offtype;
    bool        isint;
    RdbFunction plus;
    RdbFunction minus;
    RdbFunction cast;           /* column type -> result type, or NULL */
    RdbFunction cmp;            /* of the result type */
} WindowRangeSupport;

/* the bound "current value +/- offset" of one frame end */
typedef struct RangeBound
{
    bool        curnull;        /* the current row's value is NULL */
    bool        less;           /* rows in range are <= bound (else >=) */
    __int128    ival;
    Datum       dval;
} RangeBound;

struct WindowObjectData
{
    NodeTag     type;           /* T_WindowObject */
    WindowAggState *winstate;
    WindowStatePerFunc *perfunc;
};

/* ---------------- aggregates ---------------- */

static void
init_agg(WindowAggState *ws, WindowStatePerFunc *pf)
{
    AggTransInit(&pf->trans, pf->wfunc->winfnoid, pf->nargs, pf->argtypes, pf->wfunc->wintype,
                 ws->ps.state->es_query_cxt);
    pf->filter = ExecInitExpr(pf->wfunc->aggfilter, &ws->ps);
}

/* empty transition states (aggregate context reset) */
static void
reset_aggs(WindowAggState *ws)
{
    MemoryContextReset(ws->aggcxt);
    for (int i = 0; i < ws->numfuncs; i++)
        if (ws->perfunc[i].isagg)
            AggTransStart(&ws->perfunc[i].trans, &ws->perfunc[i].state, ws->aggcxt);
}

/* feed partition row pos to every aggregate */
static void
advance_aggs_row(WindowAggState *ws, int64 pos)
{
    ExprContext *econtext = ws->ps.ps_ExprContext;
    TupleTableSlot *save = econtext->outertuple;
    MemoryContext old;

    RowStoreGet(ws->partition, pos, ws->tmpslot);
    econtext->outertuple = ws->tmpslot;
    old = MemoryContextSwitchTo(ws->tmpcxt);
    for (int i = 0; i < ws->numfuncs; i++)
    {
        WindowStatePerFunc *pf = &ws->perfunc[i];
        Datum       vals[FUNC_MAX_ARGS];
        bool        nulls[FUNC_MAX_ARGS];

        if (!pf->isagg)
            continue;
        if (pf->filter)
        {
            bool        fnull;
            Datum       f = ExecEvalExpr(pf->filter, econtext, &fnull);

            if (fnull || !DatumGetBool(f))
                continue;
        }
        for (int a = 0; a < pf->nargs; a++)
            vals[a] = ExecEvalExpr(pf->args[a], econtext, &nulls[a]);
        AggTransAdvance(&pf->trans, &pf->state, vals, nulls, ws->aggcxt);
    }
    MemoryContextSwitchTo(old);
    MemoryContextReset(ws->tmpcxt);
    econtext->outertuple = save;
}

/* the result for the current state; a copy (the state changes with the next rows) */
static void
finalize_agg(WindowAggState *ws, WindowStatePerFunc *pf, Datum *value, bool *isnull)
{
    AggTransFinal(&pf->trans, &pf->state, ws->aggcxt, true, value, isnull);
}

/*
 * Aggregates whose result does not depend on the order of their input
 * (exact arithmetic, min/max, boolean and): a frame ending at the
 * partition's end can be aggregated from the end backwards.
 */
static bool
agg_order_insensitive(WindowStatePerFunc *pf)
{
    const FuncInfo *fi = FuncInfoById(pf->wfunc->winfnoid);
    const char *name = fi ? fi->name : "";

    if (strcmp(name, "count") == 0 || strcmp(name, "min") == 0 || strcmp(name, "max") == 0 ||
        strcmp(name, "bool_and") == 0 || strcmp(name, "bool_or") == 0 ||
        strcmp(name, "every") == 0)
        return true;
    if (strcmp(name, "sum") == 0 || strcmp(name, "avg") == 0)
        return pf->nargs == 1 && pf->argtypes[0] != FLOAT4OID && pf->argtypes[0] != FLOAT8OID;
    return false;
}

/*
 * Suffix mode (frames that end at the partition's end but whose start
 * moves, e.g. ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING, with
 * order-insensitive aggregates only): the results for every frame start
 * are computed once per partition, aggregating from the last row
 * backwards, instead of rebuilding the states from each row's frame start
 * (which is quadratic in the partition size).
 */
static void
compute_suffix_results(WindowAggState *ws)
{
    int64       n = ws->partition->nrows;

    for (int i = 0; i < ws->numfuncs; i++)
    {
        WindowStatePerFunc *pf = &ws->perfunc[i];

        if (!pf->isagg)
            continue;
        pf->suffix_values = (Datum *) MemoryContextAlloc(ws->partcxt, sizeof(Datum) * (n + 1));
        pf->suffix_nulls = (bool *) MemoryContextAlloc(ws->partcxt, sizeof(bool) * (n + 1));
    }
    reset_aggs(ws);
    for (int64 start = n; start >= 0; start--)
    {
        CHECK_FOR_INTERRUPTS();
        if (start < n)
            advance_aggs_row(ws, start);
        for (int i = 0; i < ws->numfuncs; i++)
        {
            WindowStatePerFunc *pf = &ws->perfunc[i];
            MemoryContext old;
            Datum       v;
            bool        isnull;

            if (!pf->isagg)
                continue;
            old = MemoryContextSwitchTo(ws->tmpcxt);
            finalize_agg(ws, pf, &v, &isnull);
            MemoryContextSwitchTo(ws->partcxt);
            pf->suffix_values[start] = isnull ? (Datum) 0
                : DatumCopy(v, pf->resultbyval, pf->resultlen);
            pf->suffix_nulls[start] = isnull;
            MemoryContextSwitchTo(old);
            MemoryContextReset(ws->tmpcxt);
        }
    }
    ws->agg_valid = true;       /* the results are ready for this partition */
}

/* bring the aggregate states to the current frame */
static void
update_aggs(WindowAggState *ws)
{
    if (ws->suffix_mode)
    {
        if (!ws->agg_valid)
            compute_suffix_results(ws);
        return;
    }
    if (ws->nexcluded > 0)
    {
        /* a frame with holes: aggregate it afresh */
        int         k = 0;

        reset_aggs(ws);
        ws->agg_valid = false;
        for (int64 r = ws->frame_start; r < ws->frame_end; r++)
        {
            CHECK_FOR_INTERRUPTS();
            if (k < ws->nexcluded && r == ws->excluded[k][0])
            {
                r = ws->excluded[k][1] - 1;
                k++;
                continue;
            }
            advance_aggs_row(ws, r);
        }
        return;
    }
    if (!ws->agg_valid || ws->frame_start != ws->agg_start || ws->frame_end < ws->agg_end)
    {
        reset_aggs(ws);
        ws->agg_valid = true;
        ws->agg_start = ws->frame_start;
        ws->agg_end = ws->frame_start;
    }
    while (ws->agg_end < ws->frame_end)
    {
        CHECK_FOR_INTERRUPTS();
        advance_aggs_row(ws, ws->agg_end);
        ws->agg_end++;
    }
}

/* ---------------- partitions, peers, frames ---------------- */

static bool
same_partition(WindowAggState *ws, MinimalRow first, TupleTableSlot *slot)
{
    return ExecCompareKeys(ws->partkeys, ws->npartkeys, first->values, MinimalRowIsNull(first),
                           slot->values, slot->isnull) == 0;
}

static bool
rows_are_peers(WindowAggState *ws, int64 a, int64 b)
{
    MinimalRow  ra;
    MinimalRow  rb;

    if (ws->nordkeys == 0)
        return true;
    ra = ws->partition->rows[a];
    rb = ws->partition->rows[b];
    return ExecCompareKeys(ws->ordkeys, ws->nordkeys, ra->values, MinimalRowIsNull(ra),
                           rb->values, MinimalRowIsNull(rb)) == 0;
}

/* read the next partition into the row store; false when the input is exhausted */
static bool
load_partition(WindowAggState *ws)
{
    RowStore   *store = ws->partition;

    RowStoreClear(store);
    MemoryContextReset(ws->partcxt);
    for (int i = 0; i < ws->numfuncs; i++)
        ws->perfunc[i].localmem = NULL;
    ws->agg_valid = false;
    ws->currentpos = 0;
    ws->peer_start = 0;
    ws->peer_end = 0;
    ws->cur_group = -1;
    ws->group_starts = NULL;
    ws->ngroups = 0;
    if (ws->have_next)
    {
        RowStorePut(store, ws->next_first);
        ws->have_next = false;
    }
    else if (!ws->input_done)
    {
        TupleTableSlot *slot = ExecProcNode(ws->ps.lefttree);

        if (TupIsNull(slot))
            ws->input_done = true;
        else
            RowStorePut(store, slot);
    }
    if (store->nrows == 0)
        return false;
    while (!ws->input_done)
    {
        TupleTableSlot *slot;

        CHECK_FOR_INTERRUPTS();
        slot = ExecProcNode(ws->ps.lefttree);
        if (TupIsNull(slot))
        {
            ws->input_done = true;
            break;
        }
        if (!same_partition(ws, store->rows[0], slot))
        {
            ExecCopySlot(ws->next_first, slot);
            ws->have_next = true;
            break;
        }
        RowStorePut(store, slot);
    }
    return true;
}

static RdbFunction
operator_function(const char *name, Oid left, Oid right, Oid *result)
{
    int         count = 0;
    const OperInfo *const *ops = OperCandidatesByName(name, &count);

    for (int i = 0; i < count; i++)
    {
        if (ops[i]->left == left && ops[i]->right == right)
        {
            const FuncInfo *fi = FuncInfoById(ops[i]->func_oid);

            if (fi == NULL || fi->fn == NULL)
                break;
            *result = ops[i]->result;
            return fi->fn;
        }
    }
    elog(ERROR, "operator %s(%u, %u) for a RANGE frame not found", name, left, right);
    return NULL;
}

static WindowRangeSupport *
init_range_support(WindowAgg *node, Oid offtype)
{
    WindowRangeSupport *r = (WindowRangeSupport *) palloc0(sizeof(WindowRangeSupport));
    Oid         restype = InvalidOid;

    r->col = node->ordColIdx[0] - 1;
    r->coltype = node->ordTypes[0];
    r->offtype = offtype;
    /* time: its microseconds plus the offset's time part, without wrapping (in_range) */
    r->isint = r->coltype == INT2OID || r->coltype == INT4OID || r->coltype == INT8OID ||
        r->coltype == TIMEOID;
    if (r->isint)
        return r;
    r->plus = operator_function("+", r->coltype, offtype, &restype);
    r->minus = operator_function("-", r->coltype, offtype, &restype);
    if (restype != r->coltype)
    {
        const CastInfo *ci = CastLookup(r->coltype, restype);
        const FuncInfo *fi = ci ? FuncInfoById(ci->func_oid) : NULL;

        if (fi == NULL || fi->fn == NULL)
            elog(ERROR, "cast from type %u to %u for a RANGE frame not found", r->coltype,
                 restype);
        r->cast = fi->fn;
    }
    r->cmp = TypeCompareFunction(restype);
    if (r->cmp == NULL)
        elog(ERROR, "no comparison function for type %u", restype);
    return r;
}

static int64
range_int_value(Oid type, Datum d)
{
    switch (type)
    {
        case INT2OID:
            return DatumGetInt16(d);
        case INT4OID:
            return DatumGetInt32(d);
        default:
            return DatumGetInt64(d);    /* int8, time */
    }
}

/* the offset of an integer-like column: bigint, or a time column's interval's time part */
static int64
range_int_offset(WindowRangeSupport *r, Datum off)
{
    if (r->coltype == TIMEOID)
        return ((Interval *) DatumGetPointer(off))->time;
    return DatumGetInt64(off);
}

/* is a RANGE offset negative (or NaN)?  in_range's check */
static bool
range_offset_invalid(WindowRangeSupport *r, Datum off)
{
    Oid         offtype = r->offtype;

    if (r->coltype == TIMEOID)
        return range_int_offset(r, off) < 0;   /* months and days are ignored */
    switch (offtype)
    {
        case INT8OID:
            return DatumGetInt64(off) < 0;
        case FLOAT8OID:
            return isnan(DatumGetFloat8(off)) || DatumGetFloat8(off) < 0;
        case NUMERICOID:
            {
                RdbFunction cmp = TypeCompareFunction(NUMERICOID);

                return DatumGetInt32(DirectFunctionCall2(cmp, off,
                                                         InputFunctionCall(NUMERICOID, "0", -1))) < 0 ||
                    DatumGetInt32(DirectFunctionCall2(cmp, off,
                                                      InputFunctionCall(NUMERICOID, "NaN", -1))) == 0;
            }
        default:
            return DatumGetInt32(DirectFunctionCall2(TypeCompareFunction(offtype), off,
                                                     InputFunctionCall(offtype, "0", -1))) < 0;
    }
}

static void
eval_offset(WindowAggState *ws, ExprState *expr, bool start)
{
    bool        isnull;
    Datum       v = ExecEvalExprSwitchContext(expr, ws->ps.ps_ExprContext, &isnull);

    if (isnull)
        ereport(ERROR, errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                errmsg("frame %s offset must not be null", start ? "starting" : "ending"));
    if (ws->range != NULL)
    {
        MemoryContext old;
        int16       len;
        bool        byval;
        char        align;

        if (range_offset_invalid(ws->range, v))
            ereport(ERROR, errcode(ERRCODE_INVALID_PRECEDING_OR_FOLLOWING_SIZE),
                    errmsg("invalid preceding or following size in window function"));
        TypeGetLenByvalAlign(ws->range->offtype, &len, &byval, &align);
        old = MemoryContextSwitchTo(ws->ps.state->es_query_cxt);
        v = DatumCopy(v, byval, len);
        MemoryContextSwitchTo(old);
        if (start)
            ws->startOffsetDatum = v;
        else
            ws->endOffsetDatum = v;
        return;
    }
    if (DatumGetInt64(v) < 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_PRECEDING_OR_FOLLOWING_SIZE),
                errmsg("frame %s offset must not be negative", start ? "starting" : "ending"));
    if (start)
        ws->startOffsetValue = DatumGetInt64(v);
    else
        ws->endOffsetValue = DatumGetInt64(v);
}

/* the bound of one RANGE frame end for the current row (per-tuple memory) */
static void
range_make_bound(WindowAggState *ws, Datum off, bool sub, bool less, RangeBound *b)
{
    WindowRangeSupport *r = ws->range;
    MinimalRow  cur = ws->partition->rows[ws->currentpos];
    Datum       v = cur->values[r->col];

    if (ws->rangeDesc)
    {
        sub = !sub;
        less = !less;
    }
    b->less = less;
    b->curnull = MinimalRowIsNull(cur)[r->col];
    if (b->curnull)
        return;
    if (r->isint)
    {
        __int128    o = range_int_offset(r, off);

        b->ival = (__int128) range_int_value(r->coltype, v) + (sub ? -o : o);
    }
    else
    {
        MemoryContext old = MemoryContextSwitchTo(ws->ps.ps_ExprContext->per_tuple_memory);

        b->dval = DirectFunctionCall2(sub ? r->minus : r->plus, v, off);
        MemoryContextSwitchTo(old);
    }
}

/* row r's value against the bound: <0, 0, >0; *isnull for a NULL value */
static int
range_compare(WindowAggState *ws, int64 r, const RangeBound *b, bool *isnull)
{
    WindowRangeSupport *rs = ws->range;
    MinimalRow  row = ws->partition->rows[r];
    Datum       v = row->values[rs->col];

    *isnull = MinimalRowIsNull(row)[rs->col];
    if (*isnull || b->curnull)
        return 0;
    if (rs->isint)
    {
        __int128    x = range_int_value(rs->coltype, v);

        return x < b->ival ? -1 : x > b->ival ? 1 : 0;
    }
    if (rs->cast)
        v = DirectFunctionCall1(rs->cast, v);
    return DatumGetInt32(DirectFunctionCall2(rs->cmp, v, b->dval));
}

/* does row r satisfy the frame start's condition (false for rows before the start)? */
static bool
range_head_ok(WindowAggState *ws, int64 r, const RangeBound *b)
{
    bool        isnull;
    int         c = range_compare(ws, r, b, &isnull);

    if (isnull || b->curnull)
        return ws->rangeNullsFirst ? (!isnull || b->curnull) : (isnull || !b->curnull);
    return b->less ? c <= 0 : c >= 0;
}

/* is row r past the frame end? (false for rows up to the end) */
static bool
range_past_tail(WindowAggState *ws, int64 r, const RangeBound *b)
{
    bool        isnull;
    int         c = range_compare(ws, r, b, &isnull);

    if (isnull || b->curnull)
        return ws->rangeNullsFirst ? !isnull : !b->curnull;
    return !(b->less ? c <= 0 : c >= 0);
}

/* first row in [0, n) for which pred holds (pred is false ... false true ... true) */
static int64
range_search(WindowAggState *ws, bool (*pred) (WindowAggState *, int64, const RangeBound *),
             const RangeBound *b)
{
    int64       lo = 0;
    int64       hi = ws->partition->nrows;

    while (lo < hi)
    {
        int64       mid = lo + (hi - lo) / 2;

        if (pred(ws, mid, b))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* GROUPS: the first row of every peer group of the partition */
static void
build_group_starts(WindowAggState *ws)
{
    int64       n = ws->partition->nrows;
    int64       g = 0;

    ws->group_starts = (int64 *) MemoryContextAlloc(ws->partcxt, sizeof(int64) * (n + 1));
    for (int64 r = 0; r < n; r++)
        if (r == 0 || !rows_are_peers(ws, r - 1, r))
            ws->group_starts[g++] = r;
    ws->group_starts[g] = n;
    ws->ngroups = g;
}

/* GROUPS: first row of peer group g (n past the last one, 0 before the first) */
static int64
group_start(WindowAggState *ws, int64 g)
{
    if (g < 0)
        return 0;
    return g >= ws->ngroups ? ws->partition->nrows : ws->group_starts[g];
}

/* EXCLUDE: the rows left out of [frame_start, frame_end) */
static void
compute_exclusion(WindowAggState *ws)
{
    int         opts = ws->frameOptions;
    int64       pos = ws->currentpos;
    int64       ranges[2][2];
    int         n = 0;

    ws->nexcluded = 0;
    if (opts & FRAMEOPTION_EXCLUDE_CURRENT_ROW)
    {
        ranges[0][0] = pos;
        ranges[0][1] = pos + 1;
        n = 1;
    }
    else if (opts & FRAMEOPTION_EXCLUDE_GROUP)
    {
        ranges[0][0] = ws->peer_start;
        ranges[0][1] = ws->peer_end;
        n = 1;
    }
    else if (opts & FRAMEOPTION_EXCLUDE_TIES)
    {
        ranges[0][0] = ws->peer_start;
        ranges[0][1] = pos;
        ranges[1][0] = pos + 1;
        ranges[1][1] = ws->peer_end;
        n = 2;
    }
    for (int i = 0; i < n; i++)
    {
        int64       a = Max(ranges[i][0], ws->frame_start);
        int64       b = Min(ranges[i][1], ws->frame_end);

        if (a < b)
        {
            ws->excluded[ws->nexcluded][0] = a;
            ws->excluded[ws->nexcluded][1] = b;
            ws->nexcluded++;
        }
    }
}

/* the current row's peer group and frame */
static void
compute_frame(WindowAggState *ws)
{
    int64       n = ws->partition->nrows;
    int64       pos = ws->currentpos;
    int         opts = ws->frameOptions;
    bool        rows = (opts & FRAMEOPTION_ROWS) != 0;
    bool        groups = (opts & FRAMEOPTION_GROUPS) != 0;
    int64       fs;
    int64       fe;

    if (pos >= ws->peer_end)
    {
        int64       e = pos + 1;

        while (e < n && rows_are_peers(ws, pos, e))
            e++;
        ws->peer_start = pos;
        ws->peer_end = e;
        ws->cur_group++;
    }
    if (groups && ws->group_starts == NULL)
        build_group_starts(ws);

    if (ws->range != NULL &&
        (opts & (FRAMEOPTION_START_OFFSET_PRECEDING | FRAMEOPTION_START_OFFSET_FOLLOWING)))
    {
        RangeBound  b;

        range_make_bound(ws, ws->startOffsetDatum,
                         (opts & FRAMEOPTION_START_OFFSET_PRECEDING) != 0, false, &b);
        fs = range_search(ws, range_head_ok, &b);
    }
    else if (opts & FRAMEOPTION_START_UNBOUNDED_PRECEDING)
        fs = 0;
    else if (opts & FRAMEOPTION_START_CURRENT_ROW)
        fs = rows ? pos : ws->peer_start;
    else if (groups && (opts & FRAMEOPTION_START_OFFSET_PRECEDING))
        fs = ws->startOffsetValue > ws->cur_group ? 0
            : group_start(ws, ws->cur_group - ws->startOffsetValue);
    else if (groups)            /* n FOLLOWING */
        fs = ws->startOffsetValue >= ws->ngroups - ws->cur_group ? n
            : group_start(ws, ws->cur_group + ws->startOffsetValue);
    else if (opts & FRAMEOPTION_START_OFFSET_PRECEDING)
        fs = ws->startOffsetValue > pos ? 0 : pos - ws->startOffsetValue;
    else                        /* n FOLLOWING */
        fs = ws->startOffsetValue >= n - pos ? n : pos + ws->startOffsetValue;

    if (ws->range != NULL &&
        (opts & (FRAMEOPTION_END_OFFSET_PRECEDING | FRAMEOPTION_END_OFFSET_FOLLOWING)))
    {
        RangeBound  b;

        range_make_bound(ws, ws->endOffsetDatum,
                         (opts & FRAMEOPTION_END_OFFSET_PRECEDING) != 0, true, &b);
        fe = range_search(ws, range_past_tail, &b);
    }
    else if (opts & FRAMEOPTION_END_UNBOUNDED_FOLLOWING)
        fe = n;
    else if (opts & FRAMEOPTION_END_CURRENT_ROW)
        fe = rows ? pos + 1 : ws->peer_end;
    else if (groups && (opts & FRAMEOPTION_END_OFFSET_PRECEDING))
        fe = ws->endOffsetValue > ws->cur_group ? 0
            : group_start(ws, ws->cur_group - ws->endOffsetValue + 1);
    else if (groups)            /* n FOLLOWING */
        fe = ws->endOffsetValue >= ws->ngroups - ws->cur_group ? n
            : group_start(ws, ws->cur_group + ws->endOffsetValue + 1);
    else if (opts & FRAMEOPTION_END_OFFSET_PRECEDING)
        fe = ws->endOffsetValue > pos ? 0 : pos - ws->endOffsetValue + 1;
    else                        /* n FOLLOWING */
        fe = ws->endOffsetValue >= n - pos ? n : pos + ws->endOffsetValue + 1;
    if (fe < fs)
        fe = fs;
    ws->frame_start = fs;
    ws->frame_end = fe;
    compute_exclusion(ws);
}

/* ---------------- the node ---------------- */

static TupleTableSlot *
exec_windowagg(PlanState *ps)
{
    WindowAggState *ws = (WindowAggState *) ps;
    ExprContext *econtext = ws->ps.ps_ExprContext;

    if (!ws->offsets_done)
    {
        if (ws->startOffset)
            eval_offset(ws, ws->startOffset, true);
        if (ws->endOffset)
            eval_offset(ws, ws->endOffset, false);
        ws->offsets_done = true;
    }
    if (!ws->partition_loaded || ws->currentpos >= ws->partition->nrows)
    {
        if (!load_partition(ws))
        {
            ws->partition_loaded = false;
            return NULL;
        }
        ws->partition_loaded = true;
    }
    ResetExprContext(econtext);
    compute_frame(ws);
    RowStoreGet(ws->partition, ws->currentpos, ws->curslot);
    econtext->outertuple = ws->curslot;
    if (ws->numaggs > 0)
        update_aggs(ws);
    {
        MemoryContext old = MemoryContextSwitchTo(econtext->per_tuple_memory);

        for (int i = 0; i < ws->numfuncs; i++)
        {
            WindowStatePerFunc *pf = &ws->perfunc[i];

            if (pf->isagg && ws->suffix_mode)
            {
                ws->winvalues[i] = pf->suffix_values[ws->frame_start];
                ws->winnulls[i] = pf->suffix_nulls[ws->frame_start];
            }
            else if (pf->isagg)
                finalize_agg(ws, pf, &ws->winvalues[i], &ws->winnulls[i]);
            else
            {
                struct WindowObjectData obj;

                obj.type = T_WindowObject;
                obj.winstate = ws;
                obj.perfunc = pf;
                pf->fcinfo->context = (Node *) &obj;
                pf->fcinfo->isnull = false;
                ws->winvalues[i] = pf->fn(pf->fcinfo);
                ws->winnulls[i] = pf->fcinfo->isnull;
                pf->fcinfo->context = NULL;
            }
        }
        MemoryContextSwitchTo(old);
    }
    econtext->outertuple = ws->curslot;
    ws->currentpos++;
    return ExecProject(ws->ps.ps_ProjInfo);
}

WindowAggState *
ExecInitWindowAgg(WindowAgg *node, EState *estate, int eflags)
{
    WindowAggState *ws = (WindowAggState *) ExecMakePlanState(sizeof(WindowAggState),
                                                             T_WindowAggState, (Plan *) node,
                                                             estate);
    TupleDesc   indesc;
    ListCell   *lc;
    int         i;

    ws->ps.ExecProcNode = exec_windowagg;
    ws->ps.lefttree = ExecInitNode(node->plan.lefttree, estate, eflags);
    ExecAssignExprContext(&ws->ps);
    indesc = ExecTypeFromTL(node->plan.lefttree->targetlist);
    ws->curslot = MakeTupleTableSlot(indesc);
    ws->tmpslot = MakeTupleTableSlot(indesc);
    ws->next_first = MakeTupleTableSlot(indesc);
    ws->partition = RowStoreCreate(estate->es_query_cxt);
    ws->partcxt = MemoryContextCreate(estate->es_query_cxt, "WindowPartition");
    ws->aggcxt = MemoryContextCreate(estate->es_query_cxt, "WindowAggContext");
    ws->tmpcxt = MemoryContextCreate(estate->es_query_cxt, "WindowAggInput");

    ws->npartkeys = node->partNumCols;
    ws->partkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (ws->npartkeys + 1));
    for (i = 0; i < node->partNumCols; i++)
        ExecSortSupportInit(&ws->partkeys[i], node->partColIdx[i] - 1, node->partTypes[i],
                            false, false);
    ws->nordkeys = node->ordNumCols;
    ws->ordkeys = (SortSupportData *) palloc0(sizeof(SortSupportData) * (ws->nordkeys + 1));
    for (i = 0; i < node->ordNumCols; i++)
        ExecSortSupportInit(&ws->ordkeys[i], node->ordColIdx[i] - 1, node->ordTypes[i],
                            false, false);
    ws->frameOptions = node->frameOptions;
    ws->startOffset = ExecInitExpr(node->startOffset, &ws->ps);
    ws->endOffset = ExecInitExpr(node->endOffset, &ws->ps);
    ws->rangeDesc = node->rangeDesc;
    ws->rangeNullsFirst = node->rangeNullsFirst;
    if ((node->frameOptions & FRAMEOPTION_RANGE) && (node->startOffset || node->endOffset))
    {
        if (node->ordNumCols != 1)
            elog(ERROR, "RANGE with offset needs exactly one ORDER BY column");
        ws->range = init_range_support(node, exprType(node->startOffset ? node->startOffset
                                                      : node->endOffset));
    }

    ws->numfuncs = list_length(node->winfuncs);
    ws->perfunc = (WindowStatePerFunc *) palloc0(sizeof(WindowStatePerFunc) *
                                                 (ws->numfuncs + 1));
    i = 0;
    foreach(lc, node->winfuncs)
    {
        WindowFunc *wf = (WindowFunc *) lfirst(lc);
        WindowStatePerFunc *pf = &ws->perfunc[i++];
        ListCell   *lc2;
        int         a = 0;

        pf->wfunc = wf;
        pf->nargs = list_length(wf->args);
        if (pf->nargs > FUNC_MAX_ARGS)
            elog(ERROR, "too many arguments to a window function");
        pf->args = (ExprState **) palloc0(sizeof(ExprState *) * (pf->nargs + 1));
        pf->argtypes = (Oid *) palloc0(sizeof(Oid) * (pf->nargs + 1));
        foreach(lc2, wf->args)
        {
            pf->args[a] = ExecInitExpr((Node *) lfirst(lc2), &ws->ps);
            pf->argtypes[a] = exprType((Node *) lfirst(lc2));
            a++;
        }
        pf->isagg = wf->winagg;
        {
            char        align;

            TypeGetLenByvalAlign(wf->wintype, &pf->resultlen, &pf->resultbyval, &align);
        }
        if (pf->isagg)
        {
            init_agg(ws, pf);
            ws->numaggs++;
        }
        else
        {
            const FuncInfo *fi = FuncInfoById(wf->winfnoid);

            if (fi == NULL || fi->fn == NULL || !fi->window)
                elog(ERROR, "window function %u not found", wf->winfnoid);
            pf->fn = fi->fn;
            pf->fcinfo = (FunctionCallInfo) palloc0(SizeForFunctionCallInfo(pf->nargs));
            pf->fcinfo->nargs = (short) pf->nargs;
            pf->fcinfo->argtypes = pf->argtypes;
            pf->fcinfo->fn_oid = wf->winfnoid;
            pf->fcinfo->fn_extra = &pf->fn_extra;
            pf->fcinfo->fn_mcxt = estate->es_query_cxt;
            pf->fcinfo->result_type = wf->wintype;
            pf->fcinfo->result_typmod = -1;
        }
    }
    ws->suffix_mode = ws->numaggs > 0 &&
        (ws->frameOptions & FRAMEOPTION_END_UNBOUNDED_FOLLOWING) &&
        !(ws->frameOptions & FRAMEOPTION_START_UNBOUNDED_PRECEDING) &&
        !(ws->frameOptions & (FRAMEOPTION_EXCLUDE_CURRENT_ROW | FRAMEOPTION_EXCLUDE_GROUP |
                              FRAMEOPTION_EXCLUDE_TIES));
    for (i = 0; i < ws->numfuncs && ws->suffix_mode; i++)
        if (ws->perfunc[i].isagg && !agg_order_insensitive(&ws->perfunc[i]))
            ws->suffix_mode = false;
    ws->winvalues = (Datum *) palloc0(sizeof(Datum) * (ws->numfuncs + 1));
    ws->winnulls = (bool *) palloc0(sizeof(bool) * (ws->numfuncs + 1));
    ws->ps.ps_ExprContext->aggvalues = ws->winvalues;
    ws->ps.ps_ExprContext->aggnulls = ws->winnulls;
    ExecInitResultAndProjection(&ws->ps, true);
    return ws;
}

void
ExecEndWindowAgg(WindowAggState *node)
{
    ExecEndNode(node->ps.lefttree);
}

void
ExecReScanWindowAgg(WindowAggState *node)
{
    node->have_next = false;
    node->input_done = false;
    node->partition_loaded = false;
    node->offsets_done = false;
    node->agg_valid = false;
    RowStoreClear(node->partition);
    MemoryContextReset(node->partcxt);
    MemoryContextReset(node->aggcxt);
    for (int i = 0; i < node->numfuncs; i++)
        node->perfunc[i].localmem = NULL;
    ExecReScan(node->ps.lefttree);
}

/* ---------------- window function API (executor/windowapi.h) ---------------- */

WindowObject
WinGetObject(FunctionCallInfo fcinfo)
{
    if (fcinfo->context == NULL || nodeTag(fcinfo->context) != T_WindowObject)
        return NULL;
    return (WindowObject) fcinfo->context;
}

int64
WinGetPartitionRowCount(WindowObject winobj)
{
    return winobj->winstate->partition->nrows;
}

int64
WinGetCurrentPosition(WindowObject winobj)
{
    return winobj->winstate->currentpos;
}

void
WinGetCurrentPeerGroup(WindowObject winobj, int64 *start, int64 *end)
{
    WindowAggState *ws = winobj->winstate;

    if (ws->nordkeys == 0)
    {
        *start = 0;
        *end = ws->partition->nrows;
        return;
    }
    *start = ws->peer_start;
    *end = ws->peer_end;
}

void *
WinGetPartitionLocalMemory(WindowObject winobj, Size size)
{
    WindowStatePerFunc *pf = winobj->perfunc;

    if (pf->localmem == NULL)
        pf->localmem = MemoryContextAllocZero(winobj->winstate->partcxt, size);
    return pf->localmem;
}

/* argument argno evaluated on partition row pos */
static Datum
eval_arg_at(WindowObject winobj, int argno, int64 pos, bool *isnull)
{
    WindowAggState *ws = winobj->winstate;
    ExprContext *econtext = ws->ps.ps_ExprContext;
    TupleTableSlot *save = econtext->outertuple;
    Datum       v;

    if (argno < 0 || argno >= winobj->perfunc->nargs)
        elog(ERROR, "window function argument %d out of range", argno);
    RowStoreGet(ws->partition, pos, ws->tmpslot);
    econtext->outertuple = ws->tmpslot;
    v = ExecEvalExpr(winobj->perfunc->args[argno], econtext, isnull);
    econtext->outertuple = save;
    return v;
}

Datum
WinGetFuncArgInPartition(WindowObject winobj, int argno, int64 relpos, int seektype,
                         bool *isnull, bool *isout)
{
    WindowAggState *ws = winobj->winstate;
    int64       n = ws->partition->nrows;
    int64       base;

    switch (seektype)
    {
        case WINDOW_SEEK_HEAD:
            base = 0;
            break;
        case WINDOW_SEEK_TAIL:
            base = n - 1;
            break;
        default:
            base = ws->currentpos;
            break;
    }
    /* relpos may be anything a user wrote: compare before adding */
    if ((relpos < 0 && -relpos > base) || (relpos > 0 && relpos > n - 1 - base))
    {
        *isout = true;
        *isnull = true;
        return (Datum) 0;
    }
    *isout = false;
    return eval_arg_at(winobj, argno, base + relpos, isnull);
}

/*
 * The frame row relpos rows after its head (relpos >= 0) or -relpos rows
 * before its tail (from_tail), skipping excluded rows; -1 outside the frame.
 */
static int64
frame_row_with_exclusion(WindowAggState *ws, int64 relpos, bool from_tail)
{
    int64       p;

    if (!from_tail)
    {
        if (relpos < 0 || relpos >= ws->frame_end - ws->frame_start)
            return -1;
        p = ws->frame_start + relpos;
        for (int i = 0; i < ws->nexcluded; i++)
            if (p >= ws->excluded[i][0])
                p += ws->excluded[i][1] - ws->excluded[i][0];
        return p < ws->frame_end ? p : -1;
    }
    if (relpos > 0 || -relpos >= ws->frame_end - ws->frame_start)
        return -1;
    p = ws->frame_end - 1 + relpos;
    for (int i = ws->nexcluded - 1; i >= 0; i--)
        if (p < ws->excluded[i][1])
            p -= ws->excluded[i][1] - ws->excluded[i][0];
    return p >= ws->frame_start ? p : -1;
}

Datum
WinGetFuncArgInFrame(WindowObject winobj, int argno, int64 relpos, int seektype,
                     bool *isnull, bool *isout)
{
    WindowAggState *ws = winobj->winstate;
    int64       base;

    if (ws->nexcluded > 0 && seektype != WINDOW_SEEK_CURRENT)
    {
        int64       p = frame_row_with_exclusion(ws, relpos, seektype == WINDOW_SEEK_TAIL);

        if (p < 0)
        {
            *isout = true;
            *isnull = true;
            return (Datum) 0;
        }
        *isout = false;
        return eval_arg_at(winobj, argno, p, isnull);
    }

    switch (seektype)
    {
        case WINDOW_SEEK_HEAD:
            base = ws->frame_start;
            break;
        case WINDOW_SEEK_TAIL:
            base = ws->frame_end - 1;
            break;
        default:
            base = ws->currentpos;
            break;
    }
    if (ws->frame_end <= ws->frame_start ||
        (relpos < 0 && -relpos > base - ws->frame_start) ||
        (relpos > 0 && relpos > ws->frame_end - 1 - base) ||
        base < ws->frame_start || base >= ws->frame_end)
    {
        *isout = true;
        *isnull = true;
        return (Datum) 0;
    }
    *isout = false;
    return eval_arg_at(winobj, argno, base + relpos, isnull);
}

Datum
WinGetFuncArgCurrent(WindowObject winobj, int argno, bool *isnull)
{
    return eval_arg_at(winobj, argno, winobj->winstate->currentpos, isnull);
}
