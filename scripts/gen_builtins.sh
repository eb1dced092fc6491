#!/bin/sh
# gen_builtins.sh -- generate the built-in catalog tables from one list.
#
# Usage: scripts/gen_builtins.sh [src/backend/catalog/builtins.list]
# Writes src/backend/catalog/builtin_tables.h (static arrays, included only
# by builtin_catalog.c) and src/backend/catalog/builtin_protos.h (the C
# prototypes of every SQL-callable function, included by utils/adt).
# The format of the list is described at the top of builtins.list.
set -eu
dir=$(dirname "$0")/../src/backend/catalog
list=${1:-$dir/builtins.list}
tables=$dir/builtin_tables.h
protos=$dir/builtin_protos.h

awk -F'|' -v TABLES="$tables.tmp" -v PROTOS="$protos.tmp" '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function die(msg) { printf("builtins.list:%d: %s\n", NR, msg) > "/dev/stderr"; err = 1; exit 1 }
function toid(name,    o) {
    if (name == "" || name == "-") return "InvalidOid"
    if (!(name in typoid)) die("unknown type " name)
    return typoid[name]
}
function cfn(sym) { if (sym == "-" || sym == "") return "NULL"; usesym[sym] = 1; return sym }
function esc(s) { gsub(/"/, "\\\"", s); return s }
function bool(x) { return (x == "t" || x == "true") ? "true" : "false" }
# add_func(name, sym, ret, args, flags): returns oid; dedups on name+args
function add_func(name, sym, ret, args, flags,    key, n, a, i, oid) {
    key = name "(" args ")"
    if (key in funckey) {
        if (funcsym[funckey[key]] != sym) die("function " key " defined twice with different C symbols")
        return funckey[key]
    }
    oid = nextfunc++
    funckey[key] = oid
    nf++; forder[nf] = oid
    funcname[oid] = name; funcsym[oid] = sym; funcret[oid] = ret; funcargs[oid] = args; funcflags[oid] = flags
    if (sym != "-") usesym[sym] = 1
    symfunc[sym] = oid
    return oid
}
# find_or_add: an existing function of that name and args, else one whose C symbol is the name
function find_or_add(name, ret, args, flags) {
    if ((name "(" args ")") in funckey) return funckey[name "(" args ")"]
    return add_func(name, name, ret, args, flags)
}
BEGIN { OFS = "|"; nextfunc = 10000; nextoper = 15000; nt = 0; nf = 0; no = 0; nc = 0; na = 0 }
/^[ \t]*#/ || /^[ \t]*$/ { next }
{
    gsub(/\\\|/, "\001")    # "\|" in the list is a literal | inside a field (operator ||)
    for (i = 1; i <= NF; i++) $i = trim($i)
    kind = $1
    if (kind == "type") {
        nt++; t = $3
        typoid[t] = $2; typline[nt] = $0; typname[nt] = t
        typcmp[t] = $17; typhash[t] = $18
        if ($10 != "-") arrayof[$10] = t
    } else if (kind == "func") {
        lines[++nl] = $0
    } else if (kind == "iocast") {
        iostr[++niostr] = $2
    } else if (kind == "oper" || kind == "cast" || kind == "agg") {
        lines[++nl] = $0
    } else die("unknown kind " kind)
}
END {
    if (err) exit 1
    # Pass 2: functions, operators, casts, aggregates in file order.
    for (l = 1; l <= nl; l++) {
        n = split(lines[l], f, "|")
        for (i = 1; i <= n; i++) f[i] = trim(f[i])
        if (f[1] == "func") {
            # func | name | csym | rettype | args | flags
            add_func(f[2], f[3], f[4], f[5], f[6])
        } else if (f[1] == "oper") {
            # oper | name | left | right | result | csym | commutator | negator
            args = (f[3] == "-") ? f[4] : f[3] "," f[4]
            fo = add_func(f[6], f[6], f[5], args, "")
            no++; o = nextoper++
            opname[o] = f[2]; gsub(/\001/, "|", opname[o]); opl[o] = f[3]; opr[o] = f[4]; opres[o] = f[5]; opfunc[o] = fo
            opcom[o] = f[7]; opneg[o] = f[8]; oorder[no] = o
            opkey[f[2] "(" f[3] "," f[4] ")"] = o
        } else if (f[1] == "cast") {
            # cast | source | target | csym or - (binary) | context
            nc++
            castsrc[nc] = f[2]; casttgt[nc] = f[3]; castctx[nc] = f[5]; haveCast[f[2] "->" f[3]] = 1
            castfunc[nc] = (f[4] == "-") ? "InvalidOid" : add_func(f[3], f[4], f[3], f[2], "")
        } else if (f[1] == "agg") {
            # agg | name | args | result | transfn | finalfn (function names) | transtype | init | flags(n = non-strict trans)
            na++
            aggfunc[na] = add_func(f[2], "aggregate_dummy", f[4], f[3], "n")
            targs = (f[3] == "") ? f[7] : f[7] "," f[3]
            aggtrans[na] = find_or_add(f[5], f[7], targs, f[9])
            aggfinal[na] = (f[6] == "-") ? "InvalidOid" : find_or_add(f[6], f[4], f[7], "")
            aggtt[na] = f[7]; agginit[na] = f[8]; aggstrict[na] = (f[9] ~ /n/) ? "false" : "true"
        }
    }
    # I/O conversion casts between every ordinary type and the string types
    # (assignment to a string type, explicit from one), unless listed above.
    for (k = 1; k <= niostr; k++) {
        st = iostr[k]
        for (i = 1; i <= nt; i++) {
            split(typline[i], f, "|"); for (j = 1; j <= 18; j++) f[j] = trim(f[j])
            t = f[3]
            if (t == st || f[8] == "P" || f[8] == "X" || f[11] == "-" || f[12] == "-") continue
            if (t == "text" || t == "varchar" || t == "bpchar") continue
            if (!((t "->" st) in haveCast)) {
                nc++; castsrc[nc] = t; casttgt[nc] = st; castctx[nc] = "a"
                castfunc[nc] = add_func(st, "cast_to_text_via_io", st, t, "S")
                haveCast[t "->" st] = 1
            }
            if (!((st "->" t) in haveCast)) {
                nc++; castsrc[nc] = st; casttgt[nc] = t; castctx[nc] = "e"
                castfunc[nc] = add_func(t, "cast_from_text_via_io", t, st, "S")
                haveCast[st "->" t] = 1
            }
        }
    }
    # Support functions of types are also callable functions.
    for (i = 1; i <= nt; i++) {
        t = typname[i]
        if (typcmp[t] != "-") add_func(typcmp[t], typcmp[t], "int4", t "," t, "")
        if (typhash[t] != "-") add_func(typhash[t], typhash[t], "int4", t, "")
    }

    print "/* generated from builtins.list by scripts/gen_builtins.sh: do not edit */" > PROTOS
    print "#ifndef CATALOG_BUILTIN_PROTOS_H" > PROTOS
    print "#define CATALOG_BUILTIN_PROTOS_H" > PROTOS
    print "#include \"fmgr.h\"" > PROTOS
    for (i = 1; i <= nt; i++) {
        split(typline[i], f, "|"); for (j = 11; j <= 18; j++) { s = trim(f[j]); if (s != "-") usesym[s] = 1 }
    }
    close(PROTOS)
    for (s in usesym) if (s != "-") print "extern Datum " s "(FunctionCallInfo fcinfo);" | "sort >> " PROTOS
    close("sort >> " PROTOS)
    print "#endif" >> PROTOS

    T = TABLES
    print "/* generated from builtins.list by scripts/gen_builtins.sh: do not edit */" > T
    print "#define BUILTIN_FIRST_FUNC_OID 10000" > T
    print "#define BUILTIN_FIRST_OPER_OID 15000" > T
    # types
    print "static const TypeInfo builtin_types[] = {" > T
    for (i = 1; i <= nt; i++) {
        split(typline[i], f, "|"); for (j = 1; j <= 18; j++) f[j] = trim(f[j])
        # type|oid|internal|sqlname|len|byval|align|cat|pref|elem|in|out|recv|send|tmin|tmout|cmp|hash
        arr = (f[3] in arrayof) ? typoid[arrayof[f[3]]] : "InvalidOid"
        printf("    {%s, \"%s\", \"%s\", %s, %s, '\''%s'\'', '\''%s'\'', %s, %s, %s, %s, %s, %s, %s, %s, %s},\n",
               f[2], esc(f[4]), f[3], f[5], bool(f[6]), f[7], f[8], bool(f[9]), toid(f[10]), arr,
               cfn(f[11]), cfn(f[12]), cfn(f[13]), cfn(f[14]), cfn(f[15]), cfn(f[16])) > T
    }
    print "};" > T
    # functions
    print "static const FuncInfo builtin_funcs[] = {" > T
    for (i = 1; i <= nf; i++) {
        o = forder[i]; n = split(funcargs[o], a, ",")
        if (funcargs[o] == "") n = 0
        argl = ""
        for (j = 1; j <= n; j++) argl = argl (j > 1 ? ", " : "") toid(trim(a[j]))
        if (n == 0) argl = "0"
        fl = funcflags[o]
        vol = (fl ~ /V/) ? "v" : (fl ~ /S/) ? "s" : "i"
        printf("    {%d, \"%s\", %d, {%s}, %s, %s, %s, %s, '\''%s'\'', %s, %s, \"%s\"},\n", o, funcname[o], n, argl,
               (fl ~ /v/) ? "true" : "false", toid(funcret[o]), (fl ~ /n/) ? "false" : "true",
               (fl ~ /r/) ? "true" : "false", vol, cfn(funcsym[o]), (fl ~ /w/) ? "true" : "false",
               funcsym[o]) > T
    }
    print "};" > T
    # operators
    print "static const OperInfo builtin_opers[] = {" > T
    for (i = 1; i <= no; i++) {
        o = oorder[i]
        com = "InvalidOid"; neg = "InvalidOid"
        if (opcom[o] != "-" && opcom[o] != "") {
            k = opcom[o] "(" opr[o] "," opl[o] ")"
            if (!(k in opkey)) { printf("builtins.list: commutator %s not found\n", k) > "/dev/stderr"; exit 1 }
            com = opkey[k]
        }
        if (opneg[o] != "-" && opneg[o] != "") {
            k = opneg[o] "(" opl[o] "," opr[o] ")"
            if (!(k in opkey)) { printf("builtins.list: negator %s not found\n", k) > "/dev/stderr"; exit 1 }
            neg = opkey[k]
        }
        printf("    {%d, \"%s\", %s, %s, %s, %d, %s, %s},\n", o, opname[o], toid(opl[o]), toid(opr[o]),
               toid(opres[o]), opfunc[o], com, neg) > T
    }
    print "};" > T
    print "static const CastInfo builtin_casts[] = {" > T
    for (i = 1; i <= nc; i++)
        printf("    {%s, %s, %s, '\''%s'\''},\n", toid(castsrc[i]), toid(casttgt[i]), castfunc[i], castctx[i]) > T
    print "};" > T
    print "static const AggInfo builtin_aggs[] = {" > T
    for (i = 1; i <= na; i++)
        printf("    {%d, %d, %s, %s, %s, %s},\n", aggfunc[i], aggtrans[i], aggfinal[i], toid(aggtt[i]),
               (agginit[i] == "-") ? "NULL" : "\"" agginit[i] "\"", aggstrict[i]) > T
    print "};" > T
    # per-type support: typid, cmp, hash, eq operator, lt operator
    print "static const struct BuiltinTypeSupport { Oid typid; RdbFunction cmp; RdbFunction hash; Oid eq; Oid lt; } builtin_type_support[] = {" > T
    for (i = 1; i <= nt; i++) {
        t = typname[i]
        if (typcmp[t] == "-" && typhash[t] == "-") continue
        eq = ("=(" t "," t ")" in opkey) ? opkey["=(" t "," t ")"] : "InvalidOid"
        lt = ("<(" t "," t ")" in opkey) ? opkey["<(" t "," t ")"] : "InvalidOid"
        printf("    {%s, %s, %s, %s, %s},\n", typoid[t], cfn(typcmp[t]), cfn(typhash[t]), eq, lt) > T
    }
    print "};" > T
}' "$list"
mv "$tables.tmp" "$tables"
mv "$protos.tmp" "$protos"
