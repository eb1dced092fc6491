/*
 * selfuncs.c
 *     Selectivity estimation from pg_statistic for the planner.
 * Entry points: RelationEstimateTuples(), RelClauseListSelectivity(),
 * ColumnDistinctEstimate(), EqJoinSelectivity() (utils/selfuncs.h).
 *
 * Cache: the first lookup after a catalog change reads all of pg_statistic
 * once into a backend-local table (CacheMemoryContext-like context under
 * TopMemoryContext); pg_class figures are read per relation on demand.
 * The values of MCV lists and histograms are parsed with the column
 * type's input function when first used.
 */
#include "rustydb.h"

#include <math.h>

#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/analyze.h"
#include "fmgr.h"
#include "nodes/nodeFuncs.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/relcache.h"
#include "utils/selfuncs.h"

#define DEFAULT_EQ_SEL 0.005
#define DEFAULT_INEQ_SEL 0.3333333333333333

typedef struct ColStats
{
    Oid         relid;
    int16       attnum;
    Oid         typid;
    double      nullfrac;
    double      ndistinct;      /* as stored */
    char       *mcv_text;
    char       *mcf_text;
    char       *hist_text;
    bool        parsed;
    int         nmcv;
    Datum      *mcv;
    double     *mcf;
    int         nhist;
    Datum      *hist;
    struct ColStats *next;
} ColStats;

typedef struct RelInfo
{
    Oid         relid;
    double      reltuples;
    double      relpages;
    struct RelInfo *next;
} RelInfo;

#define NBUCKETS 256

static MemoryContext stats_cxt = NULL;
static uint64 cached_version = 0;
static bool loaded = false;
static ColStats *col_buckets[NBUCKETS];
static RelInfo *rel_buckets[NBUCKETS];

static void
reset_cache_if_stale(void)
{
    uint64      v = CatalogVersionGet();

    if (stats_cxt != NULL && v == cached_version)
        return;
    if (stats_cxt != NULL)
        MemoryContextDelete(stats_cxt);
    stats_cxt = MemoryContextCreate(TopMemoryContext, "planner statistics");
    memset(col_buckets, 0, sizeof(col_buckets));
    memset(rel_buckets, 0, sizeof(rel_buckets));
    loaded = false;
    cached_version = v;
}

static void
load_all(void)
{
    Relation    rel;
    CatalogScan scan;
    FormData_pg_statistic row;
    MemoryContext old;

    if (loaded || !IsTransactionState())
        return;
    old = MemoryContextSwitchTo(stats_cxt);
    rel = table_open(StatisticRelationId, AccessShareLock);
    scan = CatalogBeginScan(rel);
    while (CatalogGetNext(scan, &row, NULL))
    {
        ColStats   *c = palloc0(sizeof(ColStats));
        uint32      b = row.starelid % NBUCKETS;

        c->relid = row.starelid;
        c->attnum = row.staattnum;
        c->typid = row.staatttypid;
        c->nullfrac = row.stanullfrac;
        c->ndistinct = row.stadistinct;
        c->mcv_text = row.stamcv;
        c->mcf_text = row.stamcf;
        c->hist_text = row.stahistogram;
        c->next = col_buckets[b];
        col_buckets[b] = c;
    }
    CatalogEndScan(scan);
    table_close(rel, AccessShareLock);
    MemoryContextSwitchTo(old);
    loaded = true;
}

static ColStats *
get_colstats(Oid relid, int attnum)
{
    ColStats   *c;

    reset_cache_if_stale();
    load_all();
    for (c = col_buckets[relid % NBUCKETS]; c != NULL; c = c->next)
        if (c->relid == relid && c->attnum == attnum)
            break;
    if (c != NULL && !c->parsed)
    {
        MemoryContext old = MemoryContextSwitchTo(stats_cxt);
        int         nf;

        c->nmcv = c->mcv_text ? StatsArrayFromText(c->typid, c->mcv_text, &c->mcv) : 0;
        nf = c->mcf_text ? StatsFloatArrayFromText(c->mcf_text, &c->mcf) : 0;
        if (c->nmcv < 0 || nf != c->nmcv)
            c->nmcv = 0;
        c->nhist = c->hist_text ? StatsArrayFromText(c->typid, c->hist_text, &c->hist) : 0;
        if (c->nhist < 0)
            c->nhist = 0;
        c->parsed = true;
        MemoryContextSwitchTo(old);
    }
    return c;
}

static RelInfo *
get_relinfo(Oid relid)
{
    RelInfo    *r;
    FormData_pg_class row;
    MemoryContext old;

    reset_cache_if_stale();
    for (r = rel_buckets[relid % NBUCKETS]; r != NULL; r = r->next)
        if (r->relid == relid)
            return r;
    if (!IsTransactionState() || !RelationClassRowById(relid, &row))
        return NULL;
    old = MemoryContextSwitchTo(stats_cxt);
    r = palloc0(sizeof(RelInfo));
    r->relid = relid;
    r->reltuples = row.reltuples;
    r->relpages = row.relpages;
    r->next = rel_buckets[relid % NBUCKETS];
    rel_buckets[relid % NBUCKETS] = r;
    MemoryContextSwitchTo(old);
    return r;
}

double
RelationEstimateTuples(Oid relid, double curpages, bool *known)
{
    RelInfo    *r = get_relinfo(relid);

    *known = false;
    if (r == NULL || r->reltuples < 0)
        return 0;
    *known = true;
    if (r->relpages <= 0)
        return curpages > 0 ? r->reltuples : r->reltuples;
    return rint(r->reltuples / r->relpages * curpages);
}

static double
stats_ndistinct(const ColStats *c, double reltuples)
{
    if (c->ndistinct > 0)
        return c->ndistinct;
    if (c->ndistinct < 0)
        return Max(1.0, -c->ndistinct * reltuples);
    return 0;
}

bool
ColumnDistinctEstimate(Oid relid, int attnum, double reltuples, double *ndistinct,
                       double *nullfrac)
{
    ColStats   *c = get_colstats(relid, attnum);

    if (c == NULL || c->ndistinct == 0)
        return false;
    *ndistinct = stats_ndistinct(c, reltuples);
    *nullfrac = c->nullfrac;
    return true;
}

bool
EqJoinSelectivity(Oid relid_a, int attnum_a, double tuples_a, Oid relid_b, int attnum_b,
                  double tuples_b, double *selectivity)
{
    double      nda = 0;
    double      ndb = 0;
    double      nfa = 0;
    double      nfb = 0;
    bool        ka = ColumnDistinctEstimate(relid_a, attnum_a, tuples_a, &nda, &nfa);
    bool        kb = ColumnDistinctEstimate(relid_b, attnum_b, tuples_b, &ndb, &nfb);

    if (!ka && !kb)
        return false;
    if (!ka)
        nda = Min(tuples_a, 200.0);
    if (!kb)
        ndb = Min(tuples_b, 200.0);
    *selectivity = (1.0 - nfa) * (1.0 - nfb) / Max(Max(nda, ndb), 1.0);
    return true;
}

/* ---------- restriction clauses ---------- */

static Node *
strip_relabel(Node *n)
{
    while (n != NULL && IsA(n, RelabelType))
        n = (Node *) ((RelabelType *) n)->arg;
    return n;
}

/* Is n a Var of the relation (varno, no outer reference)? */
static Var *
rel_var(Node *n, int varno)
{
    n = strip_relabel(n);
    if (n != NULL && IsA(n, Var) && ((Var *) n)->varno == varno &&
        ((Var *) n)->varlevelsup == 0 && ((Var *) n)->varattno > 0)
        return (Var *) n;
    return NULL;
}

/* Convert a constant to the statistics' type; false if that is not safe. */
static bool
const_as(Const *c, Oid typid, Datum *out)
{
    if (c->constisnull)
        return false;
    if (c->consttype == typid)
    {
        *out = c->constvalue;
        return true;
    }
    /* integers of any width compare as int8 after conversion */
    if ((typid == INT2OID || typid == INT4OID || typid == INT8OID) &&
        (c->consttype == INT2OID || c->consttype == INT4OID || c->consttype == INT8OID))
    {
        int64       v = c->consttype == INT2OID ? DatumGetInt16(c->constvalue)
            : c->consttype == INT4OID ? DatumGetInt32(c->constvalue) : DatumGetInt64(c->constvalue);

        if (typid == INT2OID && v >= INT16_MIN && v <= INT16_MAX)
            *out = Int16GetDatum((int16) v);
        else if (typid == INT4OID && v >= INT32_MIN && v <= INT32_MAX)
            *out = Int32GetDatum((int32) v);
        else if (typid == INT8OID)
            *out = Int64GetDatum(v);
        else
            return false;
        return true;
    }
    /* text-like types share one representation */
    if ((typid == TEXTOID || typid == VARCHAROID) &&
        (c->consttype == TEXTOID || c->consttype == VARCHAROID || c->consttype == UNKNOWNOID))
    {
        *out = c->consttype == UNKNOWNOID
            ? PointerGetDatum(cstring_to_text(DatumGetCString(c->constvalue))) : c->constvalue;
        return true;
    }
    return false;
}

/* A numeric image of a value for interpolation; false if the type has none. */
static bool
as_double(Oid typid, Datum v, double *out)
{
    switch (typid)
    {
        case INT2OID:
            *out = DatumGetInt16(v);
            return true;
        case INT4OID:
        case DATEOID:
            *out = DatumGetInt32(v);
            return true;
        case INT8OID:
        case TIMESTAMPOID:
        case TIMESTAMPTZOID:
            *out = (double) DatumGetInt64(v);
            return true;
        case FLOAT4OID:
            *out = DatumGetFloat4(v);
            return true;
        case FLOAT8OID:
            *out = DatumGetFloat8(v);
            return true;
        case OIDOID:
            *out = DatumGetObjectId(v);
            return true;
        case NUMERICOID:
            {
                char       *s = OutputFunctionCall(typid, v);

                *out = strtod(s, NULL);
                pfree(s);
                return !isnan(*out);
            }
        default:
            return false;
    }
}

static int
cmp_values(RdbFunction cmp, Datum a, Datum b)
{
    return DatumGetInt32(DirectFunctionCall2(cmp, a, b));
}

static double
mcv_total(const ColStats *c)
{
    double      s = 0;

    for (int i = 0; i < c->nmcv; i++)
        s += c->mcf[i];
    return s;
}

/* col = value */
static double
eq_selectivity(ColStats *c, Datum value, double reltuples)
{
    RdbFunction cmp = TypeCompareFunction(c->typid);
    double      nd = stats_ndistinct(c, reltuples);
    double      rest;

    if (cmp != NULL)
        for (int i = 0; i < c->nmcv; i++)
            if (cmp_values(cmp, c->mcv[i], value) == 0)
                return c->mcf[i];
    rest = 1.0 - mcv_total(c) - c->nullfrac;
    if (rest < 0)
        rest = 0;
    if (nd > c->nmcv)
        return rest / (nd - c->nmcv);
    if (nd <= 0)
        return DEFAULT_EQ_SEL;
    /* every distinct value is an MCV and this one is not among them */
    return 0.0;
}

/*
 * Fraction of non-NULL rows with col < value (or <= with inclusive), from
 * the MCVs and the histogram.
 */
static double
lt_selectivity(ColStats *c, Datum value, bool inclusive)
{
    RdbFunction cmp = TypeCompareFunction(c->typid);
    double      mcv_sel = 0;
    double      mcv_sum = mcv_total(c);
    double      hist_frac;
    double      rest = 1.0 - mcv_sum - c->nullfrac;

    if (cmp == NULL)
        return DEFAULT_INEQ_SEL;
    for (int i = 0; i < c->nmcv; i++)
    {
        int         r = cmp_values(cmp, c->mcv[i], value);

        if (r < 0 || (inclusive && r == 0))
            mcv_sel += c->mcf[i];
    }
    if (rest < 0)
        rest = 0;
    if (c->nhist >= 2)
    {
        int         nb = c->nhist - 1;

        if (cmp_values(cmp, value, c->hist[0]) < 0 ||
            (!inclusive && cmp_values(cmp, value, c->hist[0]) == 0))
            hist_frac = 0;
        else if (cmp_values(cmp, value, c->hist[nb]) > 0 ||
                 (inclusive && cmp_values(cmp, value, c->hist[nb]) == 0))
            hist_frac = 1;
        else
        {
            int         lo = 0;
            double      binfrac = 0.5;
            double      lv;
            double      hv;
            double      v;

            /* the bin [hist[lo], hist[lo+1]] that contains value */
            while (lo < nb - 1 && cmp_values(cmp, c->hist[lo + 1], value) <= 0)
                lo++;
            if (as_double(c->typid, c->hist[lo], &lv) &&
                as_double(c->typid, c->hist[lo + 1], &hv) && as_double(c->typid, value, &v) &&
                hv > lv)
                binfrac = Max(0.0, Min(1.0, (v - lv) / (hv - lv)));
            hist_frac = (lo + binfrac) / nb;
        }
    }
    else if (c->nmcv > 0 && rest <= 0.0001)
        hist_frac = 0;          /* everything is in the MCV list */
    else
        hist_frac = DEFAULT_INEQ_SEL;
    return mcv_sel + hist_frac * rest;
}

typedef enum OpKind
{
    OP_OTHER,
    OP_EQ,
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE
} OpKind;

static OpKind
op_kind(const char *name, bool flipped)
{
    if (strcmp(name, "=") == 0)
        return OP_EQ;
    if (strcmp(name, "<>") == 0)
        return OP_NE;
    if (strcmp(name, "<") == 0)
        return flipped ? OP_GT : OP_LT;
    if (strcmp(name, "<=") == 0)
        return flipped ? OP_GE : OP_LE;
    if (strcmp(name, ">") == 0)
        return flipped ? OP_LT : OP_GT;
    if (strcmp(name, ">=") == 0)
        return flipped ? OP_LE : OP_GE;
    return OP_OTHER;
}

/* Decompose "Var op Const" / "Const op Var"; false if not of that shape. */
static bool
var_op_const(Node *clause, int varno, Var **var, Const **cst, OpKind *kind)
{
    OpExpr     *op;
    const OperInfo *oi;
    Node       *l;
    Node       *r;

    if (!IsA(clause, OpExpr))
        return false;
    op = (OpExpr *) clause;
    if (list_length(op->args) != 2 || (oi = OperInfoById(op->opno)) == NULL)
        return false;
    l = strip_relabel(linitial(op->args));
    r = strip_relabel(lsecond(op->args));
    if ((*var = rel_var(l, varno)) != NULL && IsA(r, Const))
    {
        *cst = (Const *) r;
        *kind = op_kind(oi->name, false);
    }
    else if ((*var = rel_var(r, varno)) != NULL && IsA(l, Const))
    {
        *cst = (Const *) l;
        *kind = op_kind(oi->name, true);
    }
    else
        return false;
    return *kind != OP_OTHER;
}

/* One clause; false if statistics cannot help. */
static bool
clause_sel(Oid relid, int varno, Node *clause, double reltuples, double *sel)
{
    Var        *var;
    Const      *cst;
    OpKind      kind;
    ColStats   *c;
    Datum       value;

    if (IsA(clause, NullTest))
    {
        NullTest   *nt = (NullTest *) clause;

        if ((var = rel_var(nt->arg, varno)) == NULL ||
            (c = get_colstats(relid, var->varattno)) == NULL)
            return false;
        *sel = nt->nulltesttype == IS_NULL ? c->nullfrac : 1.0 - c->nullfrac;
        return true;
    }
    if (!var_op_const(clause, varno, &var, &cst, &kind))
        return false;
    if ((c = get_colstats(relid, var->varattno)) == NULL)
        return false;
    if (cst->constisnull)
    {
        *sel = 0;
        return true;
    }
    if (!const_as(cst, c->typid, &value))
        return false;
    switch (kind)
    {
        case OP_EQ:
            *sel = eq_selectivity(c, value, reltuples);
            break;
        case OP_NE:
            *sel = 1.0 - c->nullfrac - eq_selectivity(c, value, reltuples);
            break;
        case OP_LT:
        case OP_LE:
            *sel = lt_selectivity(c, value, kind == OP_LE);
            break;
        case OP_GT:
        case OP_GE:
            *sel = 1.0 - c->nullfrac - lt_selectivity(c, value, kind == OP_GT);
            break;
        default:
            return false;
    }
    *sel = Max(0.0, Min(1.0, *sel));
    return true;
}

double
RelClauseListSelectivity(Oid relid, int varno, List *clauses, double (*fallback) (Node *clause))
{
    double      s = 1.0;
    ListCell   *lc;
    RelInfo    *ri = get_relinfo(relid);
    double      reltuples = ri != NULL && ri->reltuples > 0 ? ri->reltuples : 0;
    int         n = list_length(clauses);
    double     *lo_sel = palloc0(sizeof(double) * (Size) Max(n, 1));
    double     *hi_sel = palloc0(sizeof(double) * (Size) Max(n, 1));
    int        *attno = palloc0(sizeof(int) * (Size) Max(n, 1));
    bool       *has_lo = palloc0(sizeof(bool) * (Size) Max(n, 1));
    bool       *has_hi = palloc0(sizeof(bool) * (Size) Max(n, 1));
    int         nranges = 0;

    foreach(lc, clauses)
    {
        Node       *clause = (Node *) lfirst(lc);
        double      cs;
        Var        *var;
        Const      *cst;
        OpKind      kind;

        if (!clause_sel(relid, varno, clause, reltuples, &cs))
        {
            s *= fallback(clause);
            continue;
        }
        /* collect range halves per column: "x > a AND x < b" is one range */
        if (var_op_const(clause, varno, &var, &cst, &kind) && kind >= OP_LT)
        {
            int         k;

            for (k = 0; k < nranges; k++)
                if (attno[k] == var->varattno)
                    break;
            if (k == nranges)
            {
                attno[nranges++] = var->varattno;
                lo_sel[k] = hi_sel[k] = 1.0;
            }
            if (kind == OP_GT || kind == OP_GE)
            {
                lo_sel[k] = has_lo[k] ? Min(lo_sel[k], cs) : cs;
                has_lo[k] = true;
            }
            else
            {
                hi_sel[k] = has_hi[k] ? Min(hi_sel[k], cs) : cs;
                has_hi[k] = true;
            }
            continue;
        }
        s *= cs;
    }
    for (int k = 0; k < nranges; k++)
    {
        if (has_lo[k] && has_hi[k])
        {
            ColStats   *c = get_colstats(relid, attno[k]);
            double      nf = c ? c->nullfrac : 0;
            double      r = lo_sel[k] + hi_sel[k] - (1.0 - nf);

            /* an empty or inverted range still gets a tiny selectivity */
            if (r <= 0)
                r = r < -0.01 ? 1e-10 : DEFAULT_EQ_SEL / 2;
            s *= r;
        }
        else
            s *= has_lo[k] ? lo_sel[k] : hi_sel[k];
    }
    return Max(0.0, Min(1.0, s));
}
