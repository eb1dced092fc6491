# module.mk -- extra build rules for src/backend/catalog (included by the top Makefile).
# The built-in catalog tables and prototypes are generated from builtins.list
# (and checked in, so a build needs no awk run unless the list changes).
src/backend/catalog/builtin_tables.h src/backend/catalog/builtin_protos.h &: src/backend/catalog/builtins.list scripts/gen_builtins.sh
	sh scripts/gen_builtins.sh src/backend/catalog/builtins.list
