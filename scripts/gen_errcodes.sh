#!/bin/sh
# gen_errcodes.sh LIST -- print errcodes.h (macros) generated from sqlstates.list.
# The same list also yields the name table (errcodes_table.h, with -t).
set -eu
list=$1
mode=${2:-header}
if [ "$mode" = "-t" ]; then
    echo "/* generated from sqlstates.list by scripts/gen_errcodes.sh: do not edit */"
    grep -v '^#' "$list" | awk 'NF==3 { printf "{ %s, \"%s\", \"%s\" },\n", $2, $1, $3 }'
    exit 0
fi
echo "/* generated from sqlstates.list by scripts/gen_errcodes.sh: do not edit */"
echo "#ifndef UTILS_ERRCODES_H"
echo "#define UTILS_ERRCODES_H"
grep -v '^#' "$list" | awk 'NF==3 {
    c=$1; printf "#define %s MAKE_SQLSTATE(\x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27)\n", $2, substr(c,1,1), substr(c,2,1), substr(c,3,1), substr(c,4,1), substr(c,5,1) }'
echo "#endif"
