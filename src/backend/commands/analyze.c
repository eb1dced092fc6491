/*
 * analyze.c
 *     ANALYZE of one table: a two-stage random sample (random blocks, then
 *     a reservoir of rows from them), per-column statistics, and the
 *     pg_class row/page counts.
 * Entry points: AnalyzeRelation(), AnalyzeLastRowsSampled().
 * Design notes: README.md here ("ANALYZE").
 *
 * Sample size: ANALYZE_ROWS_PER_TARGET x the largest statistics target of
 * the analyzed columns (ALTER TABLE ... ALTER COLUMN c SET STATISTICS n, else
 * default_statistics_target).  A table with no more pages and rows than
 * that is read entirely, so its statistics are exact and deterministic.
 *
 * Estimators:
 *   null fraction, average width  -- sample means;
 *   distinct values  -- exact when the whole table was read or every value
 *     was seen twice; else the Haas-Stokes "Duj1" estimator
 *     n*d / (n - f1 + f1*n/N), clamped to [d, N]; stored as a negative
 *     fraction of the rows when above 10% of them (scales with the table);
 *   most common values  -- values seen at least twice, by decreasing count;
 *     all of them if the whole table was read (and they fit the target), else
 *     those at least 25% more common than an average value;
 *   histogram  -- equi-depth bounds over the sorted sample without the MCVs
 *     (target + 1 bounds at most);
 *   correlation  -- Pearson correlation of a value's rank and its row's
 *     physical position in the sample.
 */
#include "rustydb.h"

#include <math.h>
#include <time.h>

#include "access/heapam.h"
#include "access/visibilitymap.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/catalog_rows.h"
#include "catalog/namespace.h"
#include "catalog/pg_builtin.h"
#include "commands/analyze.h"
#include "commands/maintenance.h"
#include "commands/tablecmds.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/value.h"
#include "storage/bufmgr.h"
#include "storage/procarray.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

/* Bytes of value-list text one pg_statistic row may hold (rows must fit a page). */
#define ANALYZE_MAX_STATS_TEXT 6000

static int64 last_rows_sampled = 0;

int64
AnalyzeLastRowsSampled(void)
{
    return last_rows_sampled;
}

void
AnalyzeResetRowsSampled(void)
{
    last_rows_sampled = 0;
}

/* ---------- random numbers (xorshift64*, per process) ---------- */

static uint64 rng_state = 0;

static uint64
rng_next(void)
{
    if (rng_state == 0)
    {
        struct timespec ts;

        clock_gettime(CLOCK_REALTIME, &ts);
        rng_state = ((uint64) ts.tv_nsec << 20) ^ (uint64) ts.tv_sec ^ ((uint64) MyProcPid << 40);
        if (rng_state == 0)
            rng_state = 0x9E3779B97F4A7C15ULL;
    }
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, n). */
static uint64
rng_below(uint64 n)
{
    return n == 0 ? 0 : rng_next() % n;
}

/* ---------- sampling ---------- */

typedef struct Sample
{
    HeapTuple  *rows;
    int         nrows;
    int         targrows;
    double      liverows;       /* live rows in the sampled blocks */
    double      deadrows;
    BlockNumber nblocks;        /* table size */
    BlockNumber sampled_blocks;
    double      totalrows;      /* estimated rows in the table */
    double      totaldead;
    bool        complete;       /* every row of the table is in the sample */
} Sample;

static int
tuple_tid_cmp(const void *a, const void *b)
{
    const HeapTuple x = *(const HeapTuple *) a;
    const HeapTuple y = *(const HeapTuple *) b;

    return ItemPointerCompare(&x->t_self, &y->t_self);
}

static void
take_sample(Relation rel, Sample *s)
{
    BlockNumber nblocks = RelationGetNumberOfBlocks(rel);
    BlockNumber want_blocks = (BlockNumber) Min((uint64) nblocks, (uint64) s->targrows);
    BlockNumber chosen = 0;
    double      seen = 0;       /* live rows offered to the reservoir */
    TransactionId oldest_xmin = GetOldestXmin(MyDatabaseId, false);

    s->nblocks = nblocks;
    s->rows = palloc(sizeof(HeapTuple) * (Size) s->targrows);
    for (BlockNumber blk = 0; blk < nblocks && chosen < want_blocks; blk++)
    {
        Buffer      buf;
        Page        page;
        OffsetNumber maxoff;

        /* selection sampling: take this block with probability needed/remaining */
        if (rng_below(nblocks - blk) >= (uint64) (want_blocks - chosen))
            continue;
        chosen++;
        VacuumDelayPoint(0);
        if ((chosen & 31) == 0)
            MaintenanceJobProgress("acquiring sample rows", chosen, want_blocks, 0, 0);
        buf = ReadBuffer(rel, blk);
        LockBuffer(buf, BUFFER_LOCK_SHARE);
        page = BufferGetPage(buf);
        maxoff = PageIsNew(page) ? 0 : PageGetMaxOffsetNumber(page);
        for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
        {
            ItemId      lp = PageGetItemId(page, off);
            HeapTupleData tup;
            bool        live = false;

            if (!ItemIdIsNormal(lp))
            {
                if (ItemIdIsDead(lp))
                    s->deadrows++;
                continue;
            }
            tup.t_data = (HeapTupleHeader) PageGetItem(page, lp);
            tup.t_len = ItemIdGetLength(lp);
            tup.t_tableOid = RelationGetRelid(rel);
            ItemPointerSet(&tup.t_self, blk, off);
            switch (HeapTupleSatisfiesVacuum(&tup, oldest_xmin, buf))
            {
                case HEAPTUPLE_LIVE:
                    live = true;
                    break;
                case HEAPTUPLE_INSERT_IN_PROGRESS:
                    /* our own inserts count (ANALYZE after a load in the same transaction) */
                    live = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup.t_data));
                    break;
                case HEAPTUPLE_DELETE_IN_PROGRESS:
                    live = !TransactionIdIsCurrentTransactionId(
                        HeapTupleHeaderGetRawXmax(tup.t_data));
                    if (!live)
                        s->deadrows++;
                    break;
                case HEAPTUPLE_DEAD:
                case HEAPTUPLE_RECENTLY_DEAD:
                    s->deadrows++;
                    break;
            }
            if (!live)
                continue;
            s->liverows++;
            if (s->nrows < s->targrows)
                s->rows[s->nrows++] = heap_copytuple(&tup);
            else
            {
                uint64      j = rng_below((uint64) seen + 1);

                if (j < (uint64) s->targrows)
                {
                    heap_freetuple(s->rows[j]);
                    s->rows[j] = heap_copytuple(&tup);
                }
            }
            seen++;
        }
        UnlockReleaseBuffer(buf);
    }
    s->sampled_blocks = chosen;
    /* restore physical order (the reservoir shuffles it) for the correlation */
    qsort(s->rows, (size_t) s->nrows, sizeof(HeapTuple), tuple_tid_cmp);
    if (chosen >= nblocks || chosen == 0)
    {
        s->totalrows = s->liverows;
        s->totaldead = s->deadrows;
    }
    else
    {
        s->totalrows = floor(s->liverows / chosen * nblocks + 0.5);
        s->totaldead = floor(s->deadrows / chosen * nblocks + 0.5);
    }
    s->complete = chosen >= nblocks && s->nrows == (int) s->liverows;
}

/* ---------- per-column statistics ---------- */

typedef struct SortItem
{
    Datum       value;
    int         tupno;          /* row index in the sample (physical order) */
} SortItem;

typedef struct ColumnResult
{
    double      nullfrac;
    int         width;
    double      ndistinct;      /* as stored: > 0 count, < 0 fraction */
    Datum      *mcv;
    double     *mcf;
    int         nmcv;
    Datum      *hist;
    int         nhist;
    double      correlation;
    bool        sorted;         /* the type has an order: MCV/histogram/correlation valid */
} ColumnResult;

static RdbFunction sort_cmp_fn;

static int
sortitem_cmp(const void *a, const void *b)
{
    const SortItem *x = a;
    const SortItem *y = b;
    int         c = DatumGetInt32(DirectFunctionCall2(sort_cmp_fn, x->value, y->value));

    if (c != 0)
        return c;
    return x->tupno - y->tupno;
}

/* A run of equal values in the sorted sample. */
typedef struct Run
{
    int         first;          /* index in the sorted array */
    int         count;
}           Run;

static int
run_count_desc(const void *a, const void *b)
{
    const Run  *x = a;
    const Run  *y = b;

    if (x->count != y->count)
        return y->count - x->count;
    return x->first - y->first;     /* equal counts: smaller value first */
}

static void
compute_column(const Sample *s, const Datum *values, const bool *nulls, const AttributeData *att,
               int target, ColumnResult *res)
{
    int         n = s->nrows;
    int         nonnull = 0;
    double      total_width = 0;
    SortItem   *items = palloc(sizeof(SortItem) * (Size) Max(n, 1));
    RdbFunction cmp = TypeCompareFunction(att->atttypid);
    double      N;              /* estimated non-null rows in the table */

    memset(res, 0, sizeof(*res));
    for (int i = 0; i < n; i++)
    {
        if (nulls[i])
            continue;
        items[nonnull].value = values[i];
        items[nonnull].tupno = i;
        nonnull++;
        if (att->attlen > 0)
            total_width += att->attlen;
        else if (att->attlen == -1)
            total_width += (double) VARSIZE(DatumGetPointer(values[i]));
        else
            total_width += (double) strlen(DatumGetCString(values[i])) + 1;
    }
    res->nullfrac = n > 0 ? (double) (n - nonnull) / n : 0;
    res->width = nonnull > 0 ? (int) (total_width / nonnull) : (att->attlen > 0 ? att->attlen : 0);
    if (nonnull == 0)
    {
        res->ndistinct = 0;
        return;
    }
    if (cmp == NULL)
    {
        res->ndistinct = 0;     /* unknown: no ordering to find duplicates with */
        return;
    }
    res->sorted = true;
    sort_cmp_fn = cmp;
    qsort(items, (size_t) nonnull, sizeof(SortItem), sortitem_cmp);

    /* runs of equal values */
    {
        Run        *runs = palloc(sizeof(Run) * (Size) nonnull);
        int         nruns = 0;
        int         f1 = 0;
        int         nmultiple = 0;
        int         d;
        int         ncand = 0;
        Run        *cand;
        bool       *in_mcv;
        double      ndistinct;

        for (int i = 0; i < nonnull; i++)
        {
            if (i > 0 && DatumGetInt32(DirectFunctionCall2(cmp, items[i - 1].value,
                                                           items[i].value)) == 0)
                runs[nruns - 1].count++;
            else
            {
                runs[nruns].first = i;
                runs[nruns].count = 1;
                nruns++;
            }
        }
        d = nruns;
        for (int r = 0; r < nruns; r++)
        {
            if (runs[r].count == 1)
                f1++;
            else
                nmultiple++;
        }
        N = s->totalrows * (1.0 - res->nullfrac);
        if (s->complete)
            ndistinct = d;
        else if (nmultiple == 0)
            ndistinct = -1.0;   /* every value unique: assume a unique column */
        else if (f1 == 0)
            ndistinct = d;      /* every value seen twice: probably saw them all */
        else
        {
            double      nn = nonnull;
            double      est = N > 0 ? nn * d / ((nn - f1) + f1 * nn / N) : d;

            est = Max(est, (double) d);
            est = Min(est, N);
            ndistinct = floor(est + 0.5);
        }
        if (ndistinct == -1.0)
            res->ndistinct = -1.0 * (1.0 - res->nullfrac);
        else if (s->totalrows > 0 && ndistinct > 0.1 * s->totalrows)
            res->ndistinct = -(ndistinct / s->totalrows);
        else
            res->ndistinct = ndistinct;

        /* most common values */
        cand = palloc(sizeof(Run) * (Size) Max(nmultiple, 1));
        for (int r = 0; r < nruns; r++)
            if (runs[r].count > 1)
                cand[ncand++] = runs[r];
        qsort(cand, (size_t) ncand, sizeof(Run), run_count_desc);
        if (ncand > target)
            ncand = target;
        if (!(s->complete || (f1 == 0 && ncand == d)))
        {
            /* keep values clearly more common than an average one */
            double      avg = (double) nonnull / (ndistinct > 0 ? ndistinct
                                                  : -ndistinct * s->totalrows);
            double      mincount = Max(avg * 1.25, 2.0);

            while (ncand > 0 && cand[ncand - 1].count < mincount)
                ncand--;
        }
        /* a list of nothing but unique-ish values says nothing: MCVs only if some repeat */
        res->nmcv = ncand;
        res->mcv = palloc(sizeof(Datum) * (Size) Max(ncand, 1));
        res->mcf = palloc(sizeof(double) * (Size) Max(ncand, 1));
        in_mcv = palloc0(sizeof(bool) * (Size) nruns);
        for (int i = 0; i < ncand; i++)
        {
            res->mcv[i] = items[cand[i].first].value;
            res->mcf[i] = (double) cand[i].count / n;
        }
        for (int r = 0; r < nruns; r++)
            for (int k = 0; k < ncand; k++)
                if (cand[k].first == runs[r].first)
                    in_mcv[r] = true;

        /* histogram over the values not in the MCV list */
        {
            int         nrest_runs = nruns - ncand;
            int         nvals = 0;
            Datum      *rest = palloc(sizeof(Datum) * (Size) nonnull);
            int         nhist = Min(nrest_runs, target + 1);

            for (int r = 0; r < nruns; r++)
            {
                if (in_mcv[r])
                    continue;
                for (int k = 0; k < runs[r].count; k++)
                    rest[nvals++] = items[runs[r].first + k].value;
            }
            if (nhist >= 2)
            {
                res->hist = palloc(sizeof(Datum) * (Size) nhist);
                for (int i = 0; i < nhist; i++)
                {
                    int64       pos = ((int64) (nvals - 1) * i) / (nhist - 1);

                    res->hist[i] = rest[pos];
                }
                res->nhist = nhist;
            }
        }

        /* correlation of rank (sorted position) and physical position (tupno) */
        if (nonnull > 1)
        {
            double      nn = nonnull;
            double      xysum = 0;
            double      sum = nn * (nn - 1) / 2;
            double      sum2 = nn * (nn - 1) * (2 * nn - 1) / 6;

            for (int i = 0; i < nonnull; i++)
                xysum += (double) i * items[i].tupno;
            res->correlation = (nn * xysum - sum * sum) / (nn * sum2 - sum * sum);
            res->correlation = Max(-1.0, Min(1.0, res->correlation));
        }
        else
            res->correlation = 1.0;
    }
}

/* ---------- the relation ---------- */

static int
column_target(const AttributeData *att)
{
    return att->attstattarget < 0 ? DefaultStatisticsTarget : att->attstattarget;
}

void
AnalyzeRelation(Relation rel, const VacuumParams *params, List *va_cols)
{
    TupleDesc   desc = RelationGetDescr(rel);
    int         natts = desc->natts;
    bool       *wanted = palloc0(sizeof(bool) * (Size) (natts + 1));
    int         maxtarget = 0;
    Sample      s;
    MemoryContext cxt;
    MemoryContext old;
    Datum     **colvalues;
    bool      **colnulls;
    int         elevel = (params->options & VACOPT_VERBOSE) ? INFO : DEBUG1;
    struct timespec t0;
    struct timespec t1;
    char       *qualname = psprintf("%s.%s", NamespaceNameById(RelationGetNamespace(rel)),
                                     RelationGetRelationName(rel));
    TimestampTz now = GetCurrentTimestamp();

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (va_cols != NIL)
    {
        ListCell   *lc;

        foreach(lc, va_cols)
        {
            const char *name = strVal(lfirst(lc));
            int         found = 0;

            for (int i = 0; i < natts; i++)
                if (!desc->attrs[i].attisdropped && strcmp(NameStr(desc->attrs[i].attname), name) == 0)
                    found = i + 1;
            if (found == 0)
                ereport(ERROR, errcode(ERRCODE_UNDEFINED_COLUMN),
                        errmsg("column \"%s\" of relation \"%s\" does not exist", name,
                               RelationGetRelationName(rel)));
            wanted[found] = true;
        }
    }
    else
        for (int i = 0; i < natts; i++)
            wanted[i + 1] = !desc->attrs[i].attisdropped;
    for (int i = 0; i < natts; i++)
    {
        if (wanted[i + 1] && column_target(&desc->attrs[i]) == 0)
            wanted[i + 1] = false;
        if (wanted[i + 1])
            maxtarget = Max(maxtarget, column_target(&desc->attrs[i]));
    }
    ereport(elevel, errmsg("analyzing \"%s\"", qualname));

    cxt = MemoryContextCreate(CurrentMemoryContext, "ANALYZE");
    old = MemoryContextSwitchTo(cxt);
    memset(&s, 0, sizeof(s));
    s.targrows = ANALYZE_ROWS_PER_TARGET * Max(maxtarget, 1);
    take_sample(rel, &s);
    last_rows_sampled += s.nrows;

    /* deform every sampled row once */
    colvalues = palloc(sizeof(Datum *) * (Size) natts);
    colnulls = palloc(sizeof(bool *) * (Size) natts);
    for (int a = 0; a < natts; a++)
    {
        colvalues[a] = palloc(sizeof(Datum) * (Size) Max(s.nrows, 1));
        colnulls[a] = palloc(sizeof(bool) * (Size) Max(s.nrows, 1));
    }
    {
        Datum      *v = palloc(sizeof(Datum) * (Size) Max(natts, 1));
        bool       *nl = palloc(sizeof(bool) * (Size) Max(natts, 1));

        for (int r = 0; r < s.nrows; r++)
        {
            RelationDeformTuple(rel, s.rows[r], v, nl);
            for (int a = 0; a < natts; a++)
            {
                colvalues[a][r] = v[a];
                colnulls[a][r] = nl[a];
            }
        }
    }

    if (va_cols == NIL)
        StatisticDelete(RelationGetRelid(rel), 0);
    for (int a = 0; a < natts; a++)
    {
        const AttributeData *att = &desc->attrs[a];
        ColumnResult cr;
        FormData_pg_statistic row;

        if (!wanted[a + 1])
            continue;
        CHECK_FOR_INTERRUPTS();
        compute_column(&s, colvalues[a], colnulls[a], att, column_target(att), &cr);
        memset(&row, 0, sizeof(row));
        row.starelid = RelationGetRelid(rel);
        row.staattnum = (int16) (a + 1);
        row.stainherit = false;
        row.stanullfrac = (float4) cr.nullfrac;
        row.stawidth = cr.width;
        row.stadistinct = (float4) cr.ndistinct;
        row.staatttypid = att->atttypid;
        /*
         * A catalog row must fit a page (no TOAST yet): shrink the lists of
         * wide values until the row is small enough -- the histogram keeps
         * its end points and every other bound, the MCV list its most
         * common values.
         */
        for (;;)
        {
            Size        len;

            row.stamcv = cr.nmcv > 0 ? StatsArrayToText(att->atttypid, cr.mcv, cr.nmcv) : NULL;
            row.stamcf = cr.nmcv > 0 ? StatsFloatArrayToText(cr.mcf, cr.nmcv) : NULL;
            row.stahistogram = cr.nhist > 0 ? StatsArrayToText(att->atttypid, cr.hist, cr.nhist) : NULL;
            len = (row.stamcv ? strlen(row.stamcv) : 0) + (row.stamcf ? strlen(row.stamcf) : 0) +
                (row.stahistogram ? strlen(row.stahistogram) : 0);
            if (len <= ANALYZE_MAX_STATS_TEXT)
                break;
            if (cr.nhist > 2)
            {
                int         k = 0;

                for (int i = 0; i < cr.nhist; i += 2)
                    cr.hist[k++] = cr.hist[i];
                if (cr.hist[k - 1] != cr.hist[cr.nhist - 1])
                    cr.hist[k++] = cr.hist[cr.nhist - 1];
                cr.nhist = k;
            }
            else if (cr.nhist > 0)
                cr.nhist = 0;
            else if (cr.nmcv > 0)
                cr.nmcv /= 2;
            else
                break;
        }
        row.stacorrelation = cr.sorted ? (float4) cr.correlation : 0;
        row.staanalyzed = now;
        if (va_cols != NIL)
            StatisticDelete(RelationGetRelid(rel), row.staattnum);
        StatisticInsert(&row);
    }
    MemoryContextSwitchTo(old);

    /* a zero-page estimate would make the planner assume 10 pages again: keep the truth */
    RelationUpdateStats(RelationGetRelid(rel), (int32) s.nblocks, (float4) s.totalrows,
                        (int32) VisibilityMapCountAllVisible(rel));
    CommandCounterIncrement();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    MaintenanceReportAnalyze(MyDatabaseId, RelationGetRelid(rel),
                             params->origin == JOB_ORIGIN_AUTOVACUUM, (int64) s.totalrows,
                             (int64) s.totaldead, (int64) (t1.tv_sec - t0.tv_sec) * 1000 +
                             (t1.tv_nsec - t0.tv_nsec) / 1000000);
    ereport(elevel,
            errmsg("\"%s\": scanned %u of %u pages, containing %.0f live rows and %.0f dead rows; "
                   "%d rows in sample, %.0f estimated total rows",
                   RelationGetRelationName(rel), s.sampled_blocks, s.nblocks, s.liverows,
                   s.deadrows, s.nrows, s.totalrows));
    MemoryContextDelete(cxt);
}
