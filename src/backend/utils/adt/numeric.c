/*
 * numeric.c
 *     numeric / decimal: arbitrary-precision signed decimal numbers.
 *
 * Storage (see README.md for the offset table) is PostgreSQL-like: groups
 * of four decimal digits (base 10000) with a base-10000 weight, a sign word
 * and a display scale.  Arithmetic works on an unpacked form, NumVar: a
 * decimal coefficient (one byte per digit, most significant first, no
 * leading zeros) and a decimal scale, value = coef * 10^-scale.  Base 10
 * makes rounding to a decimal scale (typmods, round(), division) a matter
 * of dropping digits; the cost is O(n*m) byte loops, irrelevant at the
 * sizes SQL uses.  We rejected doing the arithmetic directly on base-10000
 * digits: every rounding step would have to split groups.
 *
 * Result scales follow PostgreSQL: + and - use the larger input scale,
 * * the sum of scales, / at least 16 significant digits (select_div_scale
 * below), sqrt at least 16 significant digits; results are rounded half
 * away from zero.  NaN equals NaN and sorts above all numbers.
 * Infinity is not supported (input rejected as invalid syntax).
 */
#include "rustydb.h"

#include <ctype.h>
#include <math.h>

#include "adt_int.h"

#define NUMERIC_POS 0x0000
#define NUMERIC_NEG 0x4000
#define NUMERIC_NAN 0xC000
#define NBASE 10000
#define DEC_DIGITS 4
#define MIN_SIG_DIGITS 16

/* On-disk / in-memory varlena form. */
struct NumericData
{
    uint32      vl_len_;
    uint16      sign;           /* NUMERIC_POS / NEG / NAN */
    int16       dscale;         /* display scale: digits after the point */
    int16       weight;         /* base-10000 weight of digits[0] */
    int16       digits[FLEXIBLE_ARRAY_MEMBER];  /* 0..9999, no leading/trailing zero groups */
};

#define NUMERIC_HDRSZ ((int) offsetof(struct NumericData, digits))
#define NUMERIC_NDIGITS(n) ((int) ((VARSIZE(n) - NUMERIC_HDRSZ) / sizeof(int16)))

typedef struct NumVar
{
    int         sign;           /* NUMERIC_POS / NEG / NAN */
    int         ndigits;        /* digits in d; 0 means zero */
    int         scale;          /* value = d * 10^-scale; >= 0 */
    uint8      *d;
} NumVar;

/* ---------- magnitude (unsigned decimal integer) helpers ---------- */

static void
var_strip(NumVar *v)
{
    int         lead = 0;

    while (lead < v->ndigits && v->d[lead] == 0)
        lead++;
    if (lead > 0)
    {
        memmove(v->d, v->d + lead, v->ndigits - lead);
        v->ndigits -= lead;
    }
    if (v->ndigits == 0 && v->sign != NUMERIC_NAN)
        v->sign = NUMERIC_POS;
}

static void
var_init(NumVar *v, int capacity)
{
    v->sign = NUMERIC_POS;
    v->ndigits = 0;
    v->scale = 0;
    v->d = palloc(Max(capacity, 1));
}

/* Set v's scale to s >= v->scale by appending zeros. */
static void
var_extend_scale(NumVar *v, int s)
{
    int         add = s - v->scale;

    if (add <= 0)
        return;
    if (v->ndigits > 0)
    {
        uint8      *nd = palloc(v->ndigits + add);

        memcpy(nd, v->d, v->ndigits);
        memset(nd + v->ndigits, 0, add);
        v->d = nd;
        v->ndigits += add;
    }
    v->scale = s;
}

static int
mag_cmp(const uint8 *a, int na, const uint8 *b, int nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (int i = 0; i < na; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* r = a + b (magnitudes); r has room for max(na,nb)+1 digits */
static int
mag_add(const uint8 *a, int na, const uint8 *b, int nb, uint8 *r)
{
    int         n = Max(na, nb) + 1, carry = 0;

    for (int i = 1; i <= n; i++)
    {
        int         s = carry + (i <= na ? a[na - i] : 0) + (i <= nb ? b[nb - i] : 0);

        r[n - i] = (uint8) (s % 10);
        carry = s / 10;
    }
    return n;
}

/* r = a - b, requires a >= b; r has room for na digits */
static int
mag_sub(const uint8 *a, int na, const uint8 *b, int nb, uint8 *r)
{
    int         borrow = 0;

    for (int i = 1; i <= na; i++)
    {
        int         s = a[na - i] - borrow - (i <= nb ? b[nb - i] : 0);

        borrow = s < 0;
        r[na - i] = (uint8) (s < 0 ? s + 10 : s);
    }
    return na;
}

/* Compare |a| and |b| at a common scale. */
static int
var_cmp_abs(const NumVar *a, const NumVar *b)
{
    NumVar      x = *a, y = *b;
    int         s = Max(x.scale, y.scale);

    var_extend_scale(&x, s);
    var_extend_scale(&y, s);
    return mag_cmp(x.d, x.ndigits, y.d, y.ndigits);
}

/* ---------- packing ---------- */

static inline int
floor_div(int a, int b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static inline int
floor_mod(int a, int b)
{
    return a - floor_div(a, b) * b;
}

static Numeric
make_nan(void)
{
    Numeric     n = palloc(NUMERIC_HDRSZ);

    SET_VARSIZE(n, NUMERIC_HDRSZ);
    n->sign = NUMERIC_NAN;
    n->dscale = 0;
    n->weight = 0;
    return n;
}

/* Pack v (scale >= 0) into a Numeric with dscale = v->scale. */
static Numeric
var_pack(const NumVar *v)
{
    int         intdigits, lpad, rpad, total, ngroups, weight, first, last;
    uint8      *buf;
    int16      *groups;
    Numeric     n;

    if (v->sign == NUMERIC_NAN)
        return make_nan();
    if (v->scale > NUMERIC_MAX_DISPLAY_SCALE || v->ndigits - v->scale > 131072)
        ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                errmsg("value overflows numeric format"));
    intdigits = v->ndigits - v->scale;
    lpad = floor_mod(-intdigits, DEC_DIGITS);
    rpad = floor_mod(-v->scale, DEC_DIGITS);
    total = lpad + v->ndigits + rpad;
    buf = palloc0(total + 1);
    memcpy(buf + lpad, v->d, v->ndigits);
    ngroups = total / DEC_DIGITS;
    weight = floor_div(intdigits + lpad, DEC_DIGITS) - 1;
    groups = palloc(sizeof(int16) * (ngroups + 1));
    for (int g = 0; g < ngroups; g++)
    {
        const uint8 *p = buf + g * DEC_DIGITS;

        groups[g] = (int16) (p[0] * 1000 + p[1] * 100 + p[2] * 10 + p[3]);
    }
    first = 0;
    while (first < ngroups && groups[first] == 0)
        first++;
    last = ngroups;
    while (last > first && groups[last - 1] == 0)
        last--;
    n = palloc(NUMERIC_HDRSZ + sizeof(int16) * (last - first));
    SET_VARSIZE(n, NUMERIC_HDRSZ + sizeof(int16) * (last - first));
    n->sign = (uint16) ((last > first) ? v->sign : NUMERIC_POS);
    n->dscale = (int16) v->scale;
    n->weight = (int16) ((last > first) ? weight - first : 0);
    if (last > first)
        memcpy(n->digits, groups + first, sizeof(int16) * (last - first));
    pfree(buf);
    pfree(groups);
    return n;
}

/*
 * check_stored_numeric -- ERROR (XX001) unless n has a whole header, a known
 * sign, a display scale in 0..NUMERIC_MAX_DISPLAY_SCALE and base-NBASE digit
 * groups.  Values built here always do; a value read from a corrupt page may
 * not, and a negative dscale made var_to_cstring read past its digit buffer
 * (found by test/fuzz/fuzz_page.c).  numeric_recv checks the wire form itself.
 */
static void
check_stored_numeric(Numeric n)
{
    bool        ok = VARSIZE(n) >= (Size) NUMERIC_HDRSZ &&
        (n->sign == NUMERIC_POS || n->sign == NUMERIC_NEG || n->sign == NUMERIC_NAN) &&
        n->dscale >= 0 && n->dscale <= NUMERIC_MAX_DISPLAY_SCALE;

    for (int i = 0; ok && i < NUMERIC_NDIGITS(n); i++)
        ok = n->digits[i] >= 0 && n->digits[i] < NBASE;
    if (!ok)
        ereport(ERROR, errcode(ERRCODE_DATA_CORRUPTED),
                errmsg("invalid numeric value: sign 0x%04X, display scale %d, size %zu",
                       n->sign, n->dscale, (Size) VARSIZE(n)));
}

static void
var_unpack(Numeric n, NumVar *v)
{
    int         ng;
    int         hi;
    int         start;
    int         k = 0;

    check_stored_numeric(n);
    ng = NUMERIC_NDIGITS(n);
    hi = (n->weight + 1) * DEC_DIGITS - 1;
    start = Max(hi, -1);
    var_init(v, start + n->dscale + 2);
    v->sign = n->sign;
    v->scale = n->dscale;
    if (n->sign == NUMERIC_NAN)
        return;
    for (int e = start; e >= -n->dscale; e--)
    {
        int         gi = n->weight - floor_div(e, DEC_DIGITS);
        int         pos = floor_mod(e, DEC_DIGITS);
        int         digit = 0;

        if (gi >= 0 && gi < ng)
        {
            digit = n->digits[gi];
            for (int i = 0; i < pos; i++)
                digit /= 10;
            digit %= 10;
        }
        v->d[k++] = (uint8) digit;
    }
    v->ndigits = k;
    var_strip(v);
    if (v->ndigits == 0)
        v->sign = NUMERIC_POS;
}

/* ---------- arithmetic on NumVar ---------- */

static void
var_add_signed(const NumVar *a, const NumVar *b, bool negate_b, NumVar *r)
{
    NumVar      x = *a, y = *b;
    int         s = Max(x.scale, y.scale);
    int         ysign = negate_b ? (y.sign == NUMERIC_POS ? NUMERIC_NEG : NUMERIC_POS) : y.sign;

    if (y.ndigits == 0)
        ysign = NUMERIC_POS;
    var_extend_scale(&x, s);
    var_extend_scale(&y, s);
    var_init(r, Max(x.ndigits, y.ndigits) + 1);
    r->scale = s;
    if (x.sign == ysign || x.ndigits == 0 || y.ndigits == 0)
    {
        r->ndigits = mag_add(x.d, x.ndigits, y.d, y.ndigits, r->d);
        r->sign = x.ndigits == 0 ? ysign : x.sign;
    }
    else if (mag_cmp(x.d, x.ndigits, y.d, y.ndigits) >= 0)
    {
        r->ndigits = mag_sub(x.d, x.ndigits, y.d, y.ndigits, r->d);
        r->sign = x.sign;
    }
    else
    {
        r->ndigits = mag_sub(y.d, y.ndigits, x.d, x.ndigits, r->d);
        r->sign = ysign;
    }
    var_strip(r);
}

static void
var_mul(const NumVar *a, const NumVar *b, NumVar *r)
{
    int         n = a->ndigits + b->ndigits;
    int        *acc = palloc0(sizeof(int) * (n + 1));

    var_init(r, n + 1);
    for (int i = a->ndigits - 1; i >= 0; i--)
        for (int j = b->ndigits - 1; j >= 0; j--)
            acc[i + j + 1] += a->d[i] * b->d[j];
    for (int k = n - 1; k > 0; k--)
    {
        acc[k - 1] += acc[k] / 10;
        acc[k] %= 10;
    }
    for (int k = 0; k < n; k++)
        r->d[k] = (uint8) acc[k];
    r->ndigits = n;
    r->scale = a->scale + b->scale;
    r->sign = (a->sign == b->sign) ? NUMERIC_POS : NUMERIC_NEG;
    pfree(acc);
    var_strip(r);
}

/*
 * Round (half away from zero) or truncate v to scale s; s may be negative
 * (round to tens, hundreds...), the result then has scale 0.
 */
static void
var_round(NumVar *v, int s, bool truncate)
{
    int         drop;
    bool        up;

    if (s >= v->scale)
    {
        var_extend_scale(v, s);
        return;
    }
    drop = v->scale - s;
    if (drop > v->ndigits)
    {
        v->ndigits = 0;
        v->sign = NUMERIC_POS;
        v->scale = Max(s, 0);
        return;
    }
    up = !truncate && v->d[v->ndigits - drop] >= 5;
    v->ndigits -= drop;
    v->scale = s;
    if (up)
    {
        int         i = v->ndigits - 1;
        uint8      *nd;

        while (i >= 0 && v->d[i] == 9)
            v->d[i--] = 0;
        if (i >= 0)
            v->d[i]++;
        else
        {
            nd = palloc(v->ndigits + 2);
            nd[0] = 1;
            memcpy(nd + 1, v->d, v->ndigits);
            v->d = nd;
            v->ndigits++;
        }
    }
    var_strip(v);
    if (s < 0)
    {
        v->scale = 0;
        if (v->ndigits > 0)
        {
            int         add = -s;
            uint8      *nd = palloc(v->ndigits + add);

            memcpy(nd, v->d, v->ndigits);
            memset(nd + v->ndigits, 0, add);
            v->d = nd;
            v->ndigits += add;
        }
    }
}

/* Long division of magnitudes: q = floor(a / b); b nonzero. */
static void
mag_div(const uint8 *a, int na, const uint8 *b, int nb, NumVar *q)
{
    uint8      *rem = palloc(nb + 2);
    int         nrem = 0;

    var_init(q, na + 1);
    for (int i = 0; i < na; i++)
    {
        int         digit = 0;

        /* rem = rem * 10 + a[i] */
        rem[nrem++] = a[i];
        {
            int         lead = 0;

            while (lead < nrem && rem[lead] == 0)
                lead++;
            memmove(rem, rem + lead, nrem - lead);
            nrem -= lead;
        }
        while (mag_cmp(rem, nrem, b, nb) >= 0)
        {
            int         lead = 0;

            mag_sub(rem, nrem, b, nb, rem);
            while (lead < nrem && rem[lead] == 0)
                lead++;
            memmove(rem, rem + lead, nrem - lead);
            nrem -= lead;
            digit++;
        }
        q->d[q->ndigits++] = (uint8) digit;
    }
    pfree(rem);
    var_strip(q);
}

/* r = a / b rounded to rscale (or truncated). ERROR on division by zero. */
static void
var_div(const NumVar *a, const NumVar *b, NumVar *r, int rscale, bool truncate)
{
    /* a/b * 10^(rscale+1) = (A * 10^(sb - sa + rscale + 1)) / B */
    int         shift = b->scale - a->scale + rscale + 1;
    NumVar      num = *a, den = *b;

    if (b->ndigits == 0)
        AdtDivisionByZero();
    num.scale = 0;
    den.scale = 0;
    if (shift >= 0)
        var_extend_scale(&num, shift), num.scale = 0;
    else
        var_extend_scale(&den, -shift), den.scale = 0;
    mag_div(num.d, num.ndigits, den.d, den.ndigits, r);
    r->scale = rscale + 1;
    r->sign = (a->sign == b->sign) ? NUMERIC_POS : NUMERIC_NEG;
    var_round(r, rscale, truncate);
    if (r->ndigits == 0)
        r->sign = NUMERIC_POS;
}

/* Base-10000 weight of the first nonzero group, and that group's value. */
static int
var_base_weight(const NumVar *v, int *first_group)
{
    int         intdigits = v->ndigits - v->scale;
    int         lead;
    int         g = 0;

    if (v->ndigits == 0)
    {
        *first_group = 0;
        return 0;
    }
    /* position of the most significant digit: 10^(intdigits-1) */
    lead = floor_mod(intdigits - 1, DEC_DIGITS);    /* digits before it in its group */
    for (int i = 0; i <= lead && i < v->ndigits; i++)
        g = g * 10 + v->d[i];
    for (int i = v->ndigits; i <= lead; i++)
        g *= 10;
    *first_group = g;
    return floor_div(intdigits - 1, DEC_DIGITS);
}

/* PostgreSQL's choice of scale for a quotient: >= 16 significant digits. */
static int
select_div_scale(const NumVar *a, const NumVar *b)
{
    int         f1, f2;
    int         w1 = var_base_weight(a, &f1);
    int         w2 = var_base_weight(b, &f2);
    int         qweight = w1 - w2;
    int         rscale;

    if (f1 <= f2)
        qweight--;
    rscale = MIN_SIG_DIGITS - qweight * DEC_DIGITS;
    rscale = Max(rscale, a->scale);
    rscale = Max(rscale, b->scale);
    rscale = Max(rscale, 0);
    rscale = Min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
    return rscale;
}

/* ---------- text conversion ---------- */

static bool
parse_numeric(const char *str, NumVar *v)
{
    const char *p = str;
    bool        neg = false, seen_point = false, any = false;
    int         frac = 0;
    long        exp10 = 0;

    while (isspace((unsigned char) *p))
        p++;
    var_init(v, (int) strlen(p) + 1);
    if (strncasecmp(p, "nan", 3) == 0)
    {
        p += 3;
        while (isspace((unsigned char) *p))
            p++;
        if (*p != '\0')
            return false;
        v->sign = NUMERIC_NAN;
        return true;
    }
    if (*p == '+' || *p == '-')
        neg = (*p++ == '-');
    for (;; p++)
    {
        if (isdigit((unsigned char) *p))
        {
            v->d[v->ndigits++] = (uint8) (*p - '0');
            any = true;
            if (seen_point)
                frac++;
        }
        else if (*p == '.' && !seen_point)
            seen_point = true;
        else
            break;
    }
    if (!any)
        return false;
    if (*p == 'e' || *p == 'E')
    {
        bool        eneg = false;
        bool        edig = false;

        p++;
        if (*p == '+' || *p == '-')
            eneg = (*p++ == '-');
        while (isdigit((unsigned char) *p))
        {
            exp10 = exp10 * 10 + (*p++ - '0');
            edig = true;
            if (exp10 > 100000)
                return false;
        }
        if (!edig)
            return false;
        if (eneg)
            exp10 = -exp10;
    }
    while (isspace((unsigned char) *p))
        p++;
    if (*p != '\0')
        return false;
    v->scale = frac - (int) exp10;
    v->sign = neg ? NUMERIC_NEG : NUMERIC_POS;
    if (v->scale < 0)
    {
        int         add = -v->scale;
        uint8      *nd = palloc(v->ndigits + add);

        memcpy(nd, v->d, v->ndigits);
        memset(nd + v->ndigits, 0, add);
        v->d = nd;
        v->ndigits += add;
        v->scale = 0;
    }
    var_strip(v);
    return true;
}

static char *
var_to_cstring(const NumVar *v)
{
    StringInfoData out;
    int         intdigits = v->ndigits - v->scale;

    if (v->sign == NUMERIC_NAN)
        return pstrdup("NaN");
    initStringInfo(&out);
    if (v->sign == NUMERIC_NEG && v->ndigits > 0)
        appendStringInfoChar(&out, '-');
    if (intdigits <= 0)
        appendStringInfoChar(&out, '0');
    else
        for (int i = 0; i < intdigits; i++)
            appendStringInfoChar(&out, (char) ('0' + v->d[i]));
    if (v->scale > 0)
    {
        appendStringInfoChar(&out, '.');
        for (int e = 0; e < v->scale; e++)
        {
            int         idx = intdigits + e;

            appendStringInfoChar(&out, (char) ('0' + (idx >= 0 ? v->d[idx] : 0)));
        }
    }
    return out.data;
}

static void
var_from_int128(__int128 val, NumVar *v)
{
    char        tmp[48];
    int         n = 0;
    unsigned __int128 u = val < 0 ? -(unsigned __int128) val : (unsigned __int128) val;

    do
    {
        tmp[n++] = (char) (u % 10);
        u /= 10;
    } while (u > 0);
    var_init(v, n);
    for (int i = 0; i < n; i++)
        v->d[i] = (uint8) tmp[n - 1 - i];
    v->ndigits = n;
    v->sign = val < 0 ? NUMERIC_NEG : NUMERIC_POS;
    var_strip(v);
}

/* ---------- exported helpers ---------- */

Numeric
NumericFromCString(const char *str)
{
    NumVar      v;

    if (!parse_numeric(str, &v))
        AdtInvalidSyntax("numeric", str);
    return var_pack(&v);
}

char *
NumericToCString(Numeric num)
{
    NumVar      v;

    var_unpack(num, &v);
    return var_to_cstring(&v);
}

Numeric
AdtNumericFromInt128(__int128 val)
{
    NumVar      v;

    var_from_int128(val, &v);
    return var_pack(&v);
}

Numeric
NumericFromInt64(int64 val)
{
    return AdtNumericFromInt128(val);
}

/* float -> numeric uses 15 significant digits (6 for real) as PostgreSQL. */
static Numeric
numeric_from_double_digits(double val, int digits)
{
    char        buf[64];

    if (isnan(val))
        return make_nan();
    if (isinf(val))
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot convert infinity to numeric"));
    snprintf(buf, sizeof(buf), "%.*g", digits, val);
    return NumericFromCString(buf);
}

Numeric
NumericFromDouble(double val)
{
    return numeric_from_double_digits(val, 15);
}

Numeric
AdtNumericFromDouble(double v)
{
    return NumericFromDouble(v);
}

bool
NumericIsNaN(Numeric num)
{
    return num->sign == NUMERIC_NAN;
}

double
NumericToDouble(Numeric num)
{
    char       *s;
    double      d;

    if (num->sign == NUMERIC_NAN)
        return NAN;
    s = NumericToCString(num);
    d = strtod(s, NULL);
    pfree(s);
    return d;
}

/* Round to integer (half away from zero) and range-check. */
static __int128
numeric_to_int128(Numeric num, const char *what, __int128 min, __int128 max)
{
    NumVar      v;
    unsigned __int128 acc = 0;

    if (num->sign == NUMERIC_NAN)
        ereport(ERROR, errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                errmsg("cannot convert NaN to %s", what));
    var_unpack(num, &v);
    var_round(&v, 0, false);
    if (v.ndigits > 20)
        AdtIntOutOfRange(what);
    for (int i = 0; i < v.ndigits; i++)
        acc = acc * 10 + v.d[i];
    {
        __int128    r = v.sign == NUMERIC_NEG ? -(__int128) acc : (__int128) acc;

        if (r < min || r > max)
            AdtIntOutOfRange(what);
        return r;
    }
}

int64
NumericToInt64(Numeric num)
{
    return (int64) numeric_to_int128(num, "bigint", INT64_MIN, INT64_MAX);
}

int
NumericCompare(Numeric a, Numeric b)
{
    NumVar      x, y;
    int         c;

    if (a->sign == NUMERIC_NAN || b->sign == NUMERIC_NAN)
    {
        if (a->sign == NUMERIC_NAN && b->sign == NUMERIC_NAN)
            return 0;
        return a->sign == NUMERIC_NAN ? 1 : -1;
    }
    var_unpack(a, &x);
    var_unpack(b, &y);
    if (x.sign != y.sign)
        return x.sign == NUMERIC_NEG ? -1 : 1;
    c = var_cmp_abs(&x, &y);
    return x.sign == NUMERIC_NEG ? -c : c;
}

typedef enum
{
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_DIV_TRUNC
} NumOp;

static Numeric
numeric_binop(Numeric a, Numeric b, NumOp op)
{
    NumVar      x, y, r;

    if (a->sign == NUMERIC_NAN || b->sign == NUMERIC_NAN)
        return make_nan();
    var_unpack(a, &x);
    var_unpack(b, &y);
    switch (op)
    {
        case OP_ADD:
            var_add_signed(&x, &y, false, &r);
            break;
        case OP_SUB:
            var_add_signed(&x, &y, true, &r);
            break;
        case OP_MUL:
            var_mul(&x, &y, &r);
            break;
        case OP_DIV:
            var_div(&x, &y, &r, select_div_scale(&x, &y), false);
            break;
        case OP_DIV_TRUNC:
            var_div(&x, &y, &r, 0, true);
            break;
        case OP_MOD:
            {
                NumVar      q, qy;

                var_div(&x, &y, &q, 0, true);
                var_mul(&q, &y, &qy);
                var_add_signed(&x, &qy, true, &r);
                var_round(&r, Max(x.scale, y.scale), false);
                break;
            }
    }
    return var_pack(&r);
}

Numeric NumericAdd(Numeric a, Numeric b) { return numeric_binop(a, b, OP_ADD); }
Numeric NumericSub(Numeric a, Numeric b) { return numeric_binop(a, b, OP_SUB); }
Numeric NumericMul(Numeric a, Numeric b) { return numeric_binop(a, b, OP_MUL); }
Numeric NumericDiv(Numeric a, Numeric b) { return numeric_binop(a, b, OP_DIV); }

Numeric
NumericDivInt64(Numeric a, int64 b)
{
    return NumericDiv(a, NumericFromInt64(b));
}

/*
 * AdtNumericRoundToTypmod -- apply numeric(p,s): round to s, then 22003
 * "numeric field overflow" if more than p - s integer digits remain.
 */
Numeric
AdtNumericRoundToTypmod(Numeric num, int32 typmod)
{
    NumVar      v;
    int         precision, scale, maxdigits;

    if (typmod < (int32) VARHDRSZ || num->sign == NUMERIC_NAN)
        return num;
    precision = NUMERIC_TYPMOD_PRECISION(typmod);
    scale = NUMERIC_TYPMOD_SCALE(typmod);
    maxdigits = precision - scale;
    var_unpack(num, &v);
    var_round(&v, scale, false);
    if (v.ndigits > 0 && v.ndigits - v.scale > maxdigits)
        ereport(ERROR, errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                errmsg("numeric field overflow"),
                errdetail("A field with precision %d, scale %d must round to an absolute value less than %s%d.",
                          precision, scale, maxdigits ? "10^" : "", maxdigits ? maxdigits : 1));
    if (scale < 0)
        v.scale = 0;
    return var_pack(&v);
}

/* ---------- SQL-callable: I/O ---------- */

Datum
numeric_in(RDB_FUNCTION_ARGS)
{
    Numeric     n = NumericFromCString(RDB_GETARG_CSTRING(0));

    RDB_RETURN_POINTER(AdtNumericRoundToTypmod(n, RDB_GETARG_INT32(1)));
}

Datum
numeric_out(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_CSTRING(NumericToCString(DatumGetNumeric(RDB_GETARG_DATUM(0))));
}

/* Binary format as PostgreSQL's: ndigits, weight, sign, dscale (int16 each), digits. */
Datum
numeric_recv(RDB_FUNCTION_ARGS)
{
    StringInfo  buf = (StringInfo) RDB_GETARG_POINTER(0);
    int         ndigits = (int) AdtRecvInt(buf, 2);
    int         weight = (int) AdtRecvInt(buf, 2);
    int         sign = (int) (uint16) AdtRecvInt(buf, 2);
    int         dscale = (int) AdtRecvInt(buf, 2);
    Numeric     n;
    NumVar      v;

    if (ndigits < 0 || (sign != NUMERIC_POS && sign != NUMERIC_NEG && sign != NUMERIC_NAN) ||
        dscale < 0 || dscale > NUMERIC_MAX_DISPLAY_SCALE)
        ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                errmsg("invalid sign in external \"numeric\" value"));
    n = palloc(NUMERIC_HDRSZ + sizeof(int16) * ndigits);
    SET_VARSIZE(n, NUMERIC_HDRSZ + sizeof(int16) * ndigits);
    n->sign = (uint16) sign;
    n->weight = (int16) weight;
    n->dscale = (int16) dscale;
    for (int i = 0; i < ndigits; i++)
    {
        int         d = (int) AdtRecvInt(buf, 2);

        if (d < 0 || d >= NBASE)
            ereport(ERROR, errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                    errmsg("invalid digit in external \"numeric\" value"));
        n->digits[i] = (int16) d;
    }
    /* normalise (strip zero groups) through a round trip */
    var_unpack(n, &v);
    RDB_RETURN_POINTER(AdtNumericRoundToTypmod(var_pack(&v), RDB_GETARG_INT32(1)));
}

Datum
numeric_send(RDB_FUNCTION_ARGS)
{
    Numeric     n = DatumGetNumeric(RDB_GETARG_DATUM(0));
    int         nd = NUMERIC_NDIGITS(n);
    StringInfoData buf;

    AdtSendBegin(&buf);
    AdtSendInt(&buf, nd, 2);
    AdtSendInt(&buf, n->weight, 2);
    AdtSendInt(&buf, n->sign, 2);
    AdtSendInt(&buf, n->dscale, 2);
    for (int i = 0; i < nd; i++)
        AdtSendInt(&buf, n->digits[i], 2);
    RDB_RETURN_BYTEA_P(AdtSendEnd(&buf));
}

/* numeric(value, typmod): the length-coercion cast */
Datum
numeric(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_POINTER(AdtNumericRoundToTypmod(DatumGetNumeric(RDB_GETARG_DATUM(0)), RDB_GETARG_INT32(1)));
}

Datum
numerictypmodin(RDB_FUNCTION_ARGS)
{
    Datum      *values;
    bool       *nulls;
    int         n;
    int32       precision, scale = 0;

    ArrayDeconstruct((ArrayType *) RDB_GETARG_POINTER(0), &values, &nulls, &n);
    if (n < 1 || n > 2 || nulls[0] || (n == 2 && nulls[1]))
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("invalid NUMERIC type modifier"));
    precision = DatumGetInt32(values[0]);
    if (n == 2)
        scale = DatumGetInt32(values[1]);
    if (precision < 1 || precision > NUMERIC_MAX_PRECISION)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("NUMERIC precision %d must be between 1 and %d", precision, NUMERIC_MAX_PRECISION));
    if (scale < NUMERIC_MIN_SCALE || scale > NUMERIC_MAX_SCALE)
        ereport(ERROR, errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                errmsg("NUMERIC scale %d must be between %d and %d", scale, NUMERIC_MIN_SCALE, NUMERIC_MAX_SCALE));
    RDB_RETURN_INT32(NUMERIC_TYPMOD(precision, scale));
}

Datum
numerictypmodout(RDB_FUNCTION_ARGS)
{
    int32       typmod = RDB_GETARG_INT32(0);

    if (typmod < (int32) VARHDRSZ)
        RDB_RETURN_CSTRING(pstrdup(""));
    RDB_RETURN_CSTRING(psprintf("(%d,%d)", NUMERIC_TYPMOD_PRECISION(typmod), NUMERIC_TYPMOD_SCALE(typmod)));
}

/* ---------- SQL-callable: comparison, arithmetic ---------- */

#define NUM_ARG(n) DatumGetNumeric(RDB_GETARG_DATUM(n))

#define NUM_CMP(name, expr) \
Datum name(RDB_FUNCTION_ARGS) { int c = NumericCompare(NUM_ARG(0), NUM_ARG(1)); RDB_RETURN_BOOL(expr); }
NUM_CMP(numeric_eq, c == 0)
NUM_CMP(numeric_ne, c != 0)
NUM_CMP(numeric_lt, c < 0)
NUM_CMP(numeric_le, c <= 0)
NUM_CMP(numeric_gt, c > 0)
NUM_CMP(numeric_ge, c >= 0)

Datum numeric_cmp(RDB_FUNCTION_ARGS) { RDB_RETURN_INT32(NumericCompare(NUM_ARG(0), NUM_ARG(1))); }

Datum
numeric_larger(RDB_FUNCTION_ARGS)
{
    return NumericCompare(NUM_ARG(0), NUM_ARG(1)) >= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum
numeric_smaller(RDB_FUNCTION_ARGS)
{
    return NumericCompare(NUM_ARG(0), NUM_ARG(1)) <= 0 ? RDB_GETARG_DATUM(0) : RDB_GETARG_DATUM(1);
}

Datum numeric_add(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_ADD)); }
Datum numeric_sub(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_SUB)); }
Datum numeric_mul(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_MUL)); }
Datum numeric_div(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_DIV)); }
Datum numeric_mod(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_MOD)); }
Datum numeric_div_trunc(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_binop(NUM_ARG(0), NUM_ARG(1), OP_DIV_TRUNC)); }

Datum
numeric_uminus(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0);
    Numeric     r = palloc(VARSIZE(a));

    memcpy(r, a, VARSIZE(a));
    if (r->sign != NUMERIC_NAN && NUMERIC_NDIGITS(r) > 0)
        r->sign = (r->sign == NUMERIC_POS) ? NUMERIC_NEG : NUMERIC_POS;
    RDB_RETURN_POINTER(r);
}

Datum numeric_uplus(RDB_FUNCTION_ARGS) { return RDB_GETARG_DATUM(0); }

Datum
numeric_abs(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0);
    Numeric     r = palloc(VARSIZE(a));

    memcpy(r, a, VARSIZE(a));
    if (r->sign == NUMERIC_NEG)
        r->sign = NUMERIC_POS;
    RDB_RETURN_POINTER(r);
}

Datum
numeric_sign(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0);

    if (a->sign == NUMERIC_NAN)
        RDB_RETURN_POINTER(make_nan());
    if (NUMERIC_NDIGITS(a) == 0)
        RDB_RETURN_POINTER(NumericFromInt64(0));
    RDB_RETURN_POINTER(NumericFromInt64(a->sign == NUMERIC_NEG ? -1 : 1));
}

static Numeric
round_or_trunc(Numeric a, int32 scale, bool truncate)
{
    NumVar      v;

    if (a->sign == NUMERIC_NAN)
        return make_nan();
    scale = Max(scale, -NUMERIC_MAX_SCALE);
    scale = Min(scale, NUMERIC_MAX_SCALE);
    var_unpack(a, &v);
    var_round(&v, scale, truncate);
    return var_pack(&v);
}

Datum numeric_round(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(round_or_trunc(NUM_ARG(0), RDB_GETARG_INT32(1), false)); }
Datum numeric_trunc(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(round_or_trunc(NUM_ARG(0), RDB_GETARG_INT32(1), true)); }
Datum numeric_round0(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(round_or_trunc(NUM_ARG(0), 0, false)); }
Datum numeric_trunc0(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(round_or_trunc(NUM_ARG(0), 0, true)); }

static Datum
ceil_floor(FunctionCallInfo fcinfo, bool ceiling)
{
    Numeric     a = NUM_ARG(0);
    NumVar      v, t, one, r;

    if (a->sign == NUMERIC_NAN)
        RDB_RETURN_POINTER(make_nan());
    var_unpack(a, &v);
    t = v;
    var_round(&t, 0, true);
    if (var_cmp_abs(&t, &v) != 0 && ((v.sign == NUMERIC_POS) == ceiling))
    {
        var_from_int128(v.sign == NUMERIC_POS ? 1 : -1, &one);
        var_add_signed(&t, &one, false, &r);
        t = r;
    }
    RDB_RETURN_POINTER(var_pack(&t));
}

Datum numeric_ceil(RDB_FUNCTION_ARGS) { return ceil_floor(fcinfo, true); }
Datum numeric_floor(RDB_FUNCTION_ARGS) { return ceil_floor(fcinfo, false); }

/* Integer square root of a magnitude by Newton's method (floor). */
static void
mag_isqrt(const NumVar *n, NumVar *r)
{
    NumVar      x, y, q, sum, two;

    if (n->ndigits == 0)
    {
        var_init(r, 1);
        return;
    }
    /* start above the root: 10^ceil(digits/2) */
    var_init(&x, (n->ndigits + 1) / 2 + 2);
    x.d[0] = 1;
    memset(x.d + 1, 0, (n->ndigits + 1) / 2);
    x.ndigits = 1 + (n->ndigits + 1) / 2;
    var_from_int128(2, &two);
    for (;;)
    {
        mag_div(n->d, n->ndigits, x.d, x.ndigits, &q);
        var_add_signed(&x, &q, false, &sum);
        mag_div(sum.d, sum.ndigits, two.d, two.ndigits, &y);
        if (mag_cmp(y.d, y.ndigits, x.d, x.ndigits) >= 0)
            break;
        x = y;
    }
    *r = x;
}

Datum
numeric_sqrt(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0);
    NumVar      v, n, root;
    int         sweight, rscale, shift;

    if (a->sign == NUMERIC_NAN)
        RDB_RETURN_POINTER(make_nan());
    if (a->sign == NUMERIC_NEG && NUMERIC_NDIGITS(a) > 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("cannot take square root of a negative number"));
    var_unpack(a, &v);
    sweight = (a->weight + 1) * DEC_DIGITS / 2 - 1;
    rscale = MIN_SIG_DIGITS - sweight;
    rscale = Max(rscale, a->dscale);
    rscale = Max(rscale, 0);
    rscale = Min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
    /* sqrt(coef * 10^-s) * 10^(rscale+1) = sqrt(coef * 10^(2*rscale + 2 - s)) */
    n = v;
    shift = 2 * rscale + 2 - v.scale;
    n.scale = 0;
    if (shift >= 0)
    {
        var_extend_scale(&n, shift);
        n.scale = 0;
    }
    else
    {
        var_round(&n, shift + 0, true);     /* drop digits: floor */
        n.scale = 0;
    }
    mag_isqrt(&n, &root);
    root.scale = rscale + 1;
    root.sign = NUMERIC_POS;
    var_round(&root, rscale, false);
    RDB_RETURN_POINTER(var_pack(&root));
}

/*
 * power(numeric, numeric): exact for integer exponents (|exp| <= 10000),
 * at scale max(16, scales of the inputs) like PostgreSQL; otherwise
 * computed in double precision (last digits may differ from PostgreSQL).
 */
Datum
numeric_power(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0), b = NUM_ARG(1);
    NumVar      base, ex, r;
    int         rscale;

    if (a->sign == NUMERIC_NAN || b->sign == NUMERIC_NAN)
        RDB_RETURN_POINTER(make_nan());
    var_unpack(a, &base);
    var_unpack(b, &ex);
    if (base.ndigits == 0 && ex.sign == NUMERIC_NEG && ex.ndigits > 0)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("zero raised to a negative power is undefined"));
    rscale = Max(MIN_SIG_DIGITS, Max(a->dscale, b->dscale));
    {
        NumVar      t = ex;

        var_round(&t, 0, true);
        if (var_cmp_abs(&t, &ex) == 0 && t.ndigits <= 5)
        {
            int         e = 0;
            NumVar      acc, sq, tmp;

            for (int i = 0; i < t.ndigits; i++)
                e = e * 10 + t.d[i];
            var_from_int128(1, &acc);
            sq = base;
            while (e > 0)
            {
                if (e & 1)
                {
                    var_mul(&acc, &sq, &tmp);
                    acc = tmp;
                }
                e >>= 1;
                if (e > 0)
                {
                    var_mul(&sq, &sq, &tmp);
                    sq = tmp;
                }
            }
            if (t.sign == NUMERIC_NEG && t.ndigits > 0)
            {
                NumVar      one;

                var_from_int128(1, &one);
                var_div(&one, &acc, &r, rscale, false);
            }
            else
            {
                r = acc;
                var_round(&r, rscale, false);
            }
            RDB_RETURN_POINTER(var_pack(&r));
        }
    }
    if (base.sign == NUMERIC_NEG)
        ereport(ERROR, errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
                errmsg("a negative number raised to a non-integer power yields a complex result"));
    {
        double      d = pow(NumericToDouble(a), NumericToDouble(b));
        char        buf[64];
        NumVar      dv;

        snprintf(buf, sizeof(buf), "%.17g", d);
        parse_numeric(buf, &dv);
        var_round(&dv, rscale, false);
        RDB_RETURN_POINTER(var_pack(&dv));
    }
}

/* ---------- casts ---------- */

Datum int2_numeric(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(NumericFromInt64(RDB_GETARG_INT16(0))); }
Datum int4_numeric(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(NumericFromInt64(RDB_GETARG_INT32(0))); }
Datum int8_numeric(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(NumericFromInt64(RDB_GETARG_INT64(0))); }
Datum float8_numeric(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_from_double_digits(RDB_GETARG_FLOAT8(0), 15)); }
Datum float4_numeric(RDB_FUNCTION_ARGS) { RDB_RETURN_POINTER(numeric_from_double_digits(RDB_GETARG_FLOAT4(0), 6)); }

Datum
numeric_int2(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT16((int16) numeric_to_int128(NUM_ARG(0), "smallint", INT16_MIN, INT16_MAX));
}

Datum
numeric_int4(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT32((int32) numeric_to_int128(NUM_ARG(0), "integer", INT32_MIN, INT32_MAX));
}

Datum
numeric_int8(RDB_FUNCTION_ARGS)
{
    RDB_RETURN_INT64((int64) numeric_to_int128(NUM_ARG(0), "bigint", INT64_MIN, INT64_MAX));
}

Datum numeric_float8(RDB_FUNCTION_ARGS) { RDB_RETURN_FLOAT8(NumericToDouble(NUM_ARG(0))); }

Datum
numeric_float4(RDB_FUNCTION_ARGS)
{
    double      d = NumericToDouble(NUM_ARG(0));
    float       f = (float) d;

    if (isinf(f) && !isinf(d))
        AdtFloatOverflow();
    RDB_RETURN_FLOAT4(f);
}

/* Hash of the value, not the representation: 1.0 and 1.00 hash alike. */
Datum
hash_numeric(RDB_FUNCTION_ARGS)
{
    Numeric     a = NUM_ARG(0);
    int         nd = NUMERIC_NDIGITS(a);
    uint32      h;

    if (a->sign == NUMERIC_NAN)
        RDB_RETURN_INT32(0);
    h = HashBytes(a->digits, sizeof(int16) * nd);
    h ^= HashUint64(((uint64) (uint16) a->weight << 16) | a->sign);
    RDB_RETURN_INT32((int32) (nd == 0 ? 0 : h));
}

/* generate_series(numeric, numeric[, numeric]) helpers for genseries.c */
Numeric
AdtNumericAddNoNaN(Numeric a, Numeric b)
{
    return numeric_binop(a, b, OP_ADD);
}
