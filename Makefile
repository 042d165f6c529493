# looplab - build, test and install.
#
#   make            build ./looplab (profile-guided and link-time optimised
#                   with gcc; PGO=0 LTO=0: neither)
#   make run        install missing system packages, build, start looplab
#   make test       install missing test packages, build, run every test
#   make sanitize   the whole suite under ASan + UBSan
#   make install    PREFIX=/usr/local DESTDIR=
#
# Libraries are found with pkg-config; scripts/deps.sh installs what is
# missing on Debian/Ubuntu (apt-get, through sudo when not root).

CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
# -O3 rather than -O2: 4-10 % fewer instructions on the bench programs
# with the profile and LTO, 0.90-0.99 of their CPU time (bench/README.md,
# "Twelfth round").
OPT ?= -O3 -g

WARN = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE
INC = -Icore/lang -Icore/aio -Icore -Irepl -Iviz -Ilessons -Imigrate -I.
PKGS = ncursesw readline
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = $(WARN) $(OPT) $(INC) $(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lm

CORE_SRC = $(sort $(wildcard core/lang/*.c core/aio/*.c core/*.c))
APP_SRC = $(sort $(wildcard repl/*.c viz/*.c lessons/*.c migrate/*.c)) app.c
GEN_SRC = build/gen/aio_prelude.c build/gen/lib_sources.c
LIB_PY = $(sort $(wildcard core/lib/*.py))
SRC = $(CORE_SRC) $(APP_SRC) main.c
OBJ = $(SRC:%.c=build/%.o) build/gen/aio_prelude.o build/gen/lib_sources.o
SAN_OBJ = $(SRC:%.c=build-san/%.o) build-san/gen/aio_prelude.o \
          build-san/gen/lib_sources.o
LIB_OBJ = $(filter-out build/main.o,$(OBJ))
SAN_LIB_OBJ = $(filter-out build-san/main.o,$(SAN_OBJ))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
SAN_UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build-san/tests/%)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined

.PHONY: FORCE valgrind all run test check unit golden suites sanitize install clean \
        deps-run deps-test format-check

all: looplab

looplab: $(OBJ)
	$(CC) $(CFLAGS_ALL) $(LTO_FLAGS) -o $@ $(OBJ) $(LIBS)

HDR = $(wildcard core/lang/*.h core/aio/*.h core/*.h repl/*.h viz/*.h lessons/*.h migrate/*.h *.h)

# Profile-guided build (GCC; on by default there, PGO=0 turns it off):
# every object is compiled twice. The first, instrumented, build
# (build/pgo/) runs scripts/pgo-train.sh (the conformance programs and
# the bench programs at half size), and the counts it leaves steer the
# second build's inlining, block layout and branch order: 10-15 % of the
# loop-heavy programs' time (bench/README.md, "Profile-guided build").
# Behaviour is the same either way: only code placement and inlining
# change. An edit retrains, so `make PGO=0` is quicker while working on
# the code.
CC_IS_GCC := $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1 || echo 0)
PGO ?= $(CC_IS_GCC)
ifeq ($(PGO),1)
PGO_CODE_OBJ = $(SRC:%.c=build/pgo/%.o)
PGO_STAMP = build/pgo/trained
PGO_USE = -fprofile-use -fprofile-correction -Wno-missing-profile

# -dumpdir/-dumpbase give the instrumented object build/X.o's auxiliary
# name: its counts are written to build/X.gcda, where the second compile
# of build/X.o reads them, and gcc names a static function's counts
# after that name (with another, every static function would go
# unprofiled).
build/pgo/%.o: %.c $(HDR) build/pgo/flags
	@mkdir -p $(dir $@) build/$(dir $*)
	$(CC) $(CFLAGS_ALL) $(FILE_FLAGS) -fprofile-generate \
	    -fprofile-update=single -dumpdir build/$(dir $*) \
	    -dumpbase $(notdir $*) -c -o $@ $<

build/pgo/looplab: $(PGO_CODE_OBJ) build/gen/aio_prelude.o build/gen/lib_sources.o
	$(CC) $(CFLAGS_ALL) -fprofile-generate -o $@ $^ $(LIBS)

build/pgo/flags: FORCE
	@mkdir -p build/pgo
	@echo '$(CC) $(CFLAGS_ALL)' | cmp -s - $@ || echo '$(CC) $(CFLAGS_ALL)' > $@

# Counts left by an earlier binary would be added to this one's.
$(PGO_STAMP): build/pgo/looplab scripts/pgo-train.sh $(wildcard bench/*.py)
	find build -name '*.gcda' -delete
	bash scripts/pgo-train.sh build/pgo/looplab build/pgo/train
	touch $@
endif

# Link-time optimisation (on by default where the compiler takes
# -flto=auto; LTO=0 turns it off): gcc inlines and lays out across files
# at the link, e.g. the engine's calls into the VM's small helpers
# (obj.c, gc.c) from task.c and loop.c. 3-11 % fewer instructions on
# top of the profile (bench/README.md, "Twelfth round"). Only build/'s
# final objects: the instrumented ones do not need it, and the
# sanitizer's are for finding bugs. The objects carry both the code
# and gcc's intermediate form (-ffat-lto-objects): the unit tests link
# the code (-fno-lto), a link of 6 s each less.
ifndef LTO
LTO := $(shell echo 'int main(void) { return 0; }' | \
         $(CC) $(WARN) -flto=auto -ffat-lto-objects -x c - -o /dev/null \
         2>/dev/null \
         && echo 1 || echo 0)
endif
ifeq ($(LTO),1)
LTO_FLAGS = -flto=auto -ffat-lto-objects
endif

build/%.o: %.c $(HDR) $(PGO_STAMP) build/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(PGO_USE) $(LTO_FLAGS) $(FILE_FLAGS) -c -o $@ $<

# vm_eval's instructions mostly end in a break to the one dispatch at
# the loop's top. gcc copies that dispatch (an indirect jump) to the end
# of each instruction only when it is at most this many instructions
# long (8 by default; it is ~12): with a copy each, the branch predictor
# learns which instruction follows which, per instruction. (A gcc
# parameter: clang, which has no such limit, rejects it.)
ifeq ($(CC_IS_GCC),1)
build/core/lang/vm.o build/pgo/core/lang/vm.o build-san/core/lang/vm.o: \
    FILE_FLAGS = --param max-goto-duplication-insns=100
endif

# The flags build/'s objects were compiled with: rewritten when they
# change (make PGO=0 after a profiled build, another OPT), so that no
# object of the previous kind is linked in.
BUILD_FLAGS = $(CC) $(CFLAGS_ALL) PGO=$(PGO) LTO=$(LTO)
build/flags: FORCE
	@mkdir -p build
	@echo '$(BUILD_FLAGS)' | cmp -s - $@ || echo '$(BUILD_FLAGS)' > $@
FORCE:

build-san/%.o: %.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -O1 $(FILE_FLAGS) -c -o $@ $<

# The asyncio prelude is Python source compiled into the binary as a C
# string (one literal per line, escaped by sed).
build/gen/aio_prelude.c: core/aio/asyncio.py
	@mkdir -p $(dir $@)
	{ echo '/* generated from core/aio/asyncio.py - do not edit */'; \
	  echo 'const char aio_prelude_source[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

build/gen/aio_prelude.o: build/gen/aio_prelude.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

build-san/gen/aio_prelude.o: build/gen/aio_prelude.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -c -o $@ $<

# The library modules (core/lib/NAME.py, imported lazily) become one
# string each and the table modules_lib_sources {name, source} that
# modules.c searches. A dot in NAME (a submodule) is a '_' in the C name;
# '?' is escaped too, as "??x" would be a trigraph under -std=c11.
build/gen/lib_sources.c: $(LIB_PY) Makefile
	@mkdir -p $(dir $@)
	{ echo '/* generated from core/lib/NAME.py - do not edit */'; \
	  echo 'typedef struct lib_source {'; \
	  echo '    const char *name;'; \
	  echo '    const char *source;'; \
	  echo '} lib_source_t;'; \
	  echo 'extern const lib_source_t modules_lib_sources[];'; \
	  for f in $(LIB_PY); do \
	    n=$$(basename $$f .py); \
	    echo "static const char src_$$(echo $$n | tr . _)[] ="; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' \
	        -e 's/$$/\\n"/' $$f; \
	    echo ';'; \
	  done; \
	  echo 'const lib_source_t modules_lib_sources[] = {'; \
	  for f in $(LIB_PY); do \
	    n=$$(basename $$f .py); \
	    echo "    {\"$$n\", src_$$(echo $$n | tr . _)},"; \
	  done; \
	  echo '    {0, 0}};'; } > $@.tmp && mv $@.tmp $@

build/gen/lib_sources.o: build/gen/lib_sources.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

build-san/gen/lib_sources.o: build/gen/lib_sources.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -c -o $@ $<

looplab-san: $(SAN_OBJ)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -o $@ $(SAN_OBJ) $(LIBS)

tests/tools/tracecmp: tests/tools/tracecmp.c
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

build/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(if $(LTO_FLAGS),-fno-lto) \
	    $(shell $(PKG_CONFIG) --cflags cmocka) -o $@ $< \
	    $(LIB_OBJ) $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

build-san/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(SAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -O1 \
	    $(shell $(PKG_CONFIG) --cflags cmocka) -o $@ $< \
	    $(SAN_LIB_OBJ) $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

deps-run:
	@bash scripts/deps.sh run

deps-test:
	@bash scripts/deps.sh test

run: deps-run
	$(MAKE) looplab
	./looplab

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

# ../shared/conformance holds the public CPython samples when the
# repository sits beside shared/ (as in CI).
golden: looplab tests/tools/tracecmp
	tests/run_golden.sh tests/lang
	tests/run_golden.sh tests/conformance --trace
	if [ -d ../shared/conformance ]; then \
	    tests/run_golden.sh ../shared/conformance --trace; fi

# The other suites run when their runner exists: REPL transcripts, the
# view in tmux, lessons, migrate, robustness.
SUITES = repl viz lessons migrate robust
suites: looplab
	@set -e; for s in $(SUITES); do \
	    if [ -x tests/run_$$s.sh ]; then \
	        echo "== tests/run_$$s.sh"; LOOPLAB=./looplab tests/run_$$s.sh; \
	    fi; done

check: unit golden suites

test: deps-test
	$(MAKE) check

# The whole suite under ASan + UBSan (leak checking off: the collector
# frees the heap at exit, but the process exits straight after). The
# unit tests free all they allocate, so they run with leak checking on:
# a chunk the model shares between clones and never frees shows there.
SAN_ENV = ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
          UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
          LOOPLAB=./looplab-san LOOPLAB_TIMEOUT=300
SAN_UNIT_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
               UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
sanitize: deps-test
	$(MAKE) looplab-san tests/tools/tracecmp $(SAN_UNIT_BIN)
	@set -e; for t in $(SAN_UNIT_BIN); do echo "== $$t (sanitized)"; \
	    $(SAN_UNIT_ENV) $$t; done
	$(SAN_ENV) tests/run_golden.sh tests/lang
	$(SAN_ENV) tests/run_golden.sh tests/conformance --trace
	if [ -d ../shared/conformance ]; then \
	    $(SAN_ENV) tests/run_golden.sh ../shared/conformance --trace; fi
	$(SAN_ENV) tests/run_golden.sh tests/stress
	@set -e; for s in $(SUITES); do \
	    if [ -x tests/run_$$s.sh ]; then \
	        echo "== tests/run_$$s.sh (sanitized)"; \
	        $(SAN_ENV) tests/run_$$s.sh; \
	    fi; done

# The whole suite under valgrind's memcheck (slow: an hour or more): the
# unit tests, the golden suites, the robustness tests, the REPL
# transcripts, the lesson checker and migrate. Left out: the tmux-driven
# screen tests, whose key-to-screen waits do not survive memcheck's
# slowdown (make sanitize runs them under ASan + UBSan).
# LOOPLAB_GC_NOPOOL: every object malloc'd on its own (gc.c), so that
# memcheck sees a use after free instead of a reused pool block. The
# sandbox tests' strace check is off: it would see valgrind's own files.
VG_ENV = LOOPLAB_GC_NOPOOL=1 LOOPLAB_WRAP="valgrind -q --error-exitcode=99" \
    LOOPLAB_TIMEOUT=900
VG_LOOPLAB = LOOPLAB_GC_NOPOOL=1 LOOPLAB=$(CURDIR)/tests/tools/vg-looplab \
    LOOPLAB_TIMEOUT=900
valgrind: looplab tests/tools/tracecmp $(UNIT_BIN)
	@command -v valgrind >/dev/null || \
	    { echo "make valgrind: install valgrind first" >&2; exit 2; }
	@set -e; for t in $(UNIT_BIN); do echo "== valgrind $$t"; \
	    LOOPLAB_GC_NOPOOL=1 valgrind -q --error-exitcode=99 $$t >/dev/null; done
	$(VG_ENV) tests/run_golden.sh tests/lang
	$(VG_ENV) tests/run_golden.sh tests/conformance --trace
	if [ -d ../shared/conformance ]; then \
	    $(VG_ENV) tests/run_golden.sh ../shared/conformance --trace; fi
	$(VG_LOOPLAB) ROBUST_STRACE=0 tests/run_robust.sh
	$(VG_LOOPLAB) tests/run_repl.sh tests/repl \
	    $$(cd tests/repl && ls *.in | sed 's/\.in$$//')
	$(VG_LOOPLAB) tests/run_migrate.sh
	LOOPLAB_GC_NOPOOL=1 valgrind -q --error-exitcode=99 ./looplab lesson \
	    --check --dir lessons

install: looplab
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 looplab $(DESTDIR)$(BINDIR)/looplab
	install -d $(DESTDIR)$(PREFIX)/share/looplab/lessons
	install -m 644 lessons/*.md $(DESTDIR)$(PREFIX)/share/looplab/lessons

format-check:
	clang-format --dry-run --Werror $(SRC)

clean:
	rm -rf build build-san looplab looplab-san tests/tools/tracecmp

# Optional fragments: benchmarks (make bench) and fuzzing (make fuzz).
-include bench/bench.mk
-include fuzz/fuzz.mk
