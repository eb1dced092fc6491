# Makefile -- RustyDB top-level build (non-recursive).
#
#   make run          install deps, configure, build, init the default instance, start it
#   make check        install deps, configure, build, run every test
#   make check SANITIZE=1   the same with ASan + UBSan (objects in build-sanitize/)
#   make install      install programs into $(prefix) (configure --prefix=DIR)
#   make fuzz         build libFuzzer targets (clang) into build-fuzz/
#
# Every src/backend/**/*.c and src/postmaster/*.c goes into the server
# `rustydb` (main() in src/backend/main/main.c); every src/bin/<dir>/*.c into
# one client program per directory; test/unit/check_<x>.c into one Check
# suite each.  Directories may add rules in a module.mk file next to them.

SHELL := /bin/bash
.DEFAULT_GOAL := all
-include Makefile.global

SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILDDIR := build-sanitize
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_CPPFLAGS := -DRDB_MEMORY_DEBUG
else
BUILDDIR := build
SAN_FLAGS :=
SAN_CPPFLAGS :=
endif

BINDIR := $(BUILDDIR)/bin
CFLAGS := -std=gnu17 -O2 -g -Wall -Wextra -Werror -Wno-missing-field-initializers \
          -fno-strict-aliasing -pthread $(SAN_FLAGS)
CPPFLAGS := -Isrc/include -DUSE_ASSERT_CHECKING -D_GNU_SOURCE \
            $(SAN_CPPFLAGS)
LDFLAGS := $(SAN_FLAGS) -pthread $(CONF_LDFLAGS)
SERVER_LIBS := -luv -lpcre2-8 -llz4 -lsodium -ljansson -lhttp_parser -lm -lpthread
CLIENT_LIBS := $(PQ_LIBS) -ledit -llz4 -lsodium -lm

# ---------- sources ----------
BACKEND_SRCS := $(filter-out src/backend/main/main.c, \
                  $(shell find src/backend src/postmaster -name '*.c' 2>/dev/null | sort))
COMMON_SRCS := $(sort $(wildcard src/common/*.c))
BIN_DIRS := $(sort $(patsubst src/bin/%/,%,$(dir $(wildcard src/bin/*/*.c))))
UNIT_SRCS := $(sort $(wildcard test/unit/check_*.c))

obj = $(patsubst %.c,$(BUILDDIR)/obj/%.o,$(1))
BACKEND_OBJS := $(call obj,$(BACKEND_SRCS))
COMMON_OBJS := $(call obj,$(COMMON_SRCS))
MAIN_OBJ := $(call obj,src/backend/main/main.c)

# Program name of each src/bin/<dir>.
progname = $(if $(filter cli,$(1)),rusty-db-cli,rustydb-$(1))
BIN_PROGS := $(foreach d,$(BIN_DIRS),$(BINDIR)/$(call progname,$(d)))
UNIT_BINS := $(patsubst test/unit/%.c,$(BUILDDIR)/test/%,$(UNIT_SRCS))

# ---------- generated headers ----------
GEN_HEADERS := src/include/utils/errcodes.h src/include/utils/errcodes_table.h

src/include/utils/errcodes.h: src/backend/utils/error/sqlstates.list scripts/gen_errcodes.sh
	@mkdir -p $(dir $@)
	sh scripts/gen_errcodes.sh $< > $@.tmp && mv $@.tmp $@

src/include/utils/errcodes_table.h: src/backend/utils/error/sqlstates.list scripts/gen_errcodes.sh
	@mkdir -p $(dir $@)
	sh scripts/gen_errcodes.sh $< -t > $@.tmp && mv $@.tmp $@

-include $(wildcard src/*/module.mk src/*/*/module.mk src/*/*/*/module.mk)

# ---------- top-level targets ----------
.PHONY: all build setup run check check-unit check-regress check-protocol \
        check-recovery check-isolation install fuzz clean distclean

all: setup
	@$(MAKE) --no-print-directory build

setup:
	@./scripts/install-deps.sh
	@if [ ! -f Makefile.global ] || [ configure.ac -nt Makefile.global ] || [ Makefile.global.in -nt Makefile.global ]; then \
	    [ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi; \
	    ./configure --prefix=$${RDB_PREFIX:-/usr/local} >/dev/null; \
	fi

# The server program exists once src/backend/main/main.c does.
SERVER_PROG := $(if $(wildcard src/backend/main/main.c),$(BINDIR)/rustydb)

ifeq ($(CONFIGURED),yes)
build: $(SERVER_PROG) $(BIN_PROGS)
else
build:
	@echo "not configured: run 'make check', 'make run' or './configure' first" >&2; exit 1
endif

run: setup
	@$(MAKE) --no-print-directory build
	@./scripts/run-default.sh $(BINDIR)

check: setup
	@$(MAKE) --no-print-directory build $(UNIT_BINS)
	@$(MAKE) --no-print-directory check-unit check-regress check-protocol check-recovery \
	    check-isolation

check-unit: $(UNIT_BINS)
	@./scripts/run-unit.sh $(UNIT_BINS)

check-regress: build
	@./scripts/run-regress.sh $(BINDIR) test/regress

check-protocol: build
	@./scripts/run-protocol.sh $(BINDIR)

check-recovery: build
	@./scripts/run-recovery.sh $(BINDIR)

check-isolation: build
	@./scripts/run-isolation.sh $(BINDIR)

install: build
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(datadir)/rustydb
	install -m 755 $(BINDIR)/* $(DESTDIR)$(bindir)/
	install -m 644 conf/*.sample $(DESTDIR)$(datadir)/rustydb/

clean:
	rm -rf build build-sanitize build-fuzz

distclean: clean
	rm -rf Makefile.global config.log config.status configure autom4te.cache

# ---------- compile and link ----------
# Client programs (and only they) see libpq's headers.
$(BUILDDIR)/obj/src/bin/%.o: CPPFLAGS += $(PQ_CFLAGS)

$(BUILDDIR)/obj/%.o: %.c | $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILDDIR)/lib/libbackend.a: $(BACKEND_OBJS) $(COMMON_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILDDIR)/lib/libcommon.a: $(COMMON_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BINDIR)/rustydb: $(MAIN_OBJ) $(BUILDDIR)/lib/libbackend.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) -Wl,--whole-archive $(BUILDDIR)/lib/libbackend.a -Wl,--no-whole-archive $(SERVER_LIBS)

define BIN_RULE
$(BINDIR)/$(call progname,$(1)): $(call obj,$(sort $(wildcard src/bin/$(1)/*.c))) $(BUILDDIR)/lib/libcommon.a
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $(BUILDDIR)/lib/libcommon.a $$(CLIENT_LIBS)
endef
$(foreach d,$(BIN_DIRS),$(eval $(call BIN_RULE,$(d))))

# A unit suite links against the server's objects (minus main), except a
# client suite check_<dir>.c for a src/bin/<dir>, which links that program's
# non-main objects instead.
define CLIENT_TEST_RULE
$(BUILDDIR)/test/check_$(1): test/unit/check_$(1).c $(call obj,$(filter-out src/bin/$(1)/main.c,$(wildcard src/bin/$(1)/*.c))) $(BUILDDIR)/lib/libcommon.a
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CPPFLAGS) $$(PQ_CFLAGS) -Isrc/bin/$(1) $$(CHECK_CFLAGS) $$(CFLAGS) -o $$@ $$(filter %.c %.o,$$^) $(BUILDDIR)/lib/libcommon.a $$(CHECK_LIBS) $$(CLIENT_LIBS)
endef
$(foreach d,$(BIN_DIRS),$(if $(wildcard test/unit/check_$(d).c),$(eval $(call CLIENT_TEST_RULE,$(d)))))

$(BUILDDIR)/test/check_%: test/unit/check_%.c $(BUILDDIR)/lib/libbackend.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CHECK_CFLAGS) $(CFLAGS) -o $@ $< -Wl,--whole-archive $(BUILDDIR)/lib/libbackend.a -Wl,--no-whole-archive $(CHECK_LIBS) $(SERVER_LIBS)

# ---------- fuzzing (clang + libFuzzer) ----------
# The server sources (minus main.c, libFuzzer supplies main) are compiled
# once into build-fuzz/obj with coverage instrumentation and ASan + UBSan,
# then each test/fuzz/fuzz_<x>.c is linked against them into build-fuzz/.
# Warnings are not fatal here: clang may warn where gcc does not, and the
# gcc build (-Werror) is the one that gates commits.  See test/fuzz/README.md.
FUZZ_DIR := build-fuzz
FUZZ_CC := clang
FUZZ_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=gnu17 -O1 -g -Wall -Wextra -Wno-missing-field-initializers \
               -fno-strict-aliasing -pthread $(FUZZ_SAN)
FUZZ_CPPFLAGS := -Isrc/include -DUSE_ASSERT_CHECKING -D_GNU_SOURCE -DRDB_MEMORY_DEBUG
FUZZ_SRCS := $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst test/fuzz/%.c,$(FUZZ_DIR)/%,$(FUZZ_SRCS))
FUZZ_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(BACKEND_SRCS) $(COMMON_SRCS))

fuzz: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: %.c | $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_DIR)/lib/libbackend.a: $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: test/fuzz/fuzz_%.c $(FUZZ_DIR)/lib/libbackend.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< \
	    -Wl,--whole-archive $(FUZZ_DIR)/lib/libbackend.a -Wl,--no-whole-archive $(SERVER_LIBS)

ifneq ($(filter fuzz $(FUZZ_DIR)/%,$(MAKECMDGOALS)),)
-include $(shell find $(FUZZ_DIR) -name '*.d' 2>/dev/null)
endif

-include $(shell find $(BUILDDIR)/obj -name '*.d' 2>/dev/null)
