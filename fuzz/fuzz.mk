# fuzz/fuzz.mk - libFuzzer targets (clang, -fsanitize=fuzzer,address,
# undefined) for looplab's untrusted inputs. Self-contained: included from
# the root Makefile (at its end), or used alone from the repository root:
#
#   make -f fuzz/fuzz.mk fuzz FUZZ_SECONDS=300
#
#   make fuzz          build, seed the corpora, run every target for
#                      $(FUZZ_SECONDS) s (default 60); fails when any
#                      target finds a crash, a hang or an out-of-memory
#   make fuzz-ci       the same, $(FUZZ_CI_SECONDS) s (default 20) each
#   make fuzz-regress  only replay tests/robust/crashes/ through the targets
#   make fuzz-build    only build build-fuzz/fuzz_*
#   make fuzz-clean    remove the objects and binaries (the corpora and
#                      findings in build-fuzz/ stay: rm -rf build-fuzz)
#
# Targets (sources in fuzz/, one header comment each says what it feeds):
#   fuzz_source   source text -> lexer, parser, compiler
#   fuzz_run      a program run under an instruction budget, no asyncio
#                 (a fresh VM and a leak check per input)
#   fuzz_run_aio  the same with the asyncio engine (one VM runs 64
#                 programs in a row: aio_init is slow under ASan)
#   fuzz_repl     REPL input lines (statements and : commands; one
#                 session serves 64 inputs)
#   fuzz_lesson   lesson files (lessons/FORMAT.md): parser and checker
# The targets that keep state between inputs log it to
# build-fuzz/artifacts/TARGET/session-PID.{py,in}, left behind by a crash:
# that file replays the whole session (fuzz/fuzz_session.h).
#
# Seeds: the test programs, REPL transcripts and lessons. Before fuzzing,
# every reproducer in tests/robust/crashes/ is replayed through the targets
# (fuzz/run.sh), so a crash that comes back fails the run. New inputs the
# fuzzer finds stay in build-fuzz/corpus/; findings are written to
# build-fuzz/artifacts/TARGET/ and reproduce with `build-fuzz/TARGET FILE`.
#
# Needs clang with the libFuzzer runtime (Debian: clang, or
# libclang-rt-NN-dev for clang-NN) and pkg-config's readline and ncursesw
# (the REPL and lesson targets link the REPL). Objects depend on every
# header; a header edited while a build runs can still leave a mixed
# build (odd crashes at start-up): make fuzz-clean and build again.

FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC ?= clang
FUZZ_PKG_CONFIG ?= pkg-config
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 20
# libFuzzer limits per input: seconds before a hang is reported, and the
# memory (RSS and single malloc) before an out-of-memory is.
FUZZ_TIMEOUT ?= 20
FUZZ_RSS_MB ?= 2048
FUZZ_OUT ?= build-fuzz
FUZZ_TARGETS = fuzz_source fuzz_run fuzz_run_aio fuzz_repl fuzz_lesson

# Every directory with a header, as the root Makefile's INC lists them.
FUZZ_INC = $(addprefix -I,$(patsubst %/,%,$(sort $(dir $(wildcard *.h */*.h \
             */*/*.h)))))
FUZZ_PKGS = ncursesw readline
FUZZ_PKG_CFLAGS = $(shell $(FUZZ_PKG_CONFIG) --cflags $(FUZZ_PKGS) 2>/dev/null)
FUZZ_PKG_LIBS = $(shell $(FUZZ_PKG_CONFIG) --libs $(FUZZ_PKGS) 2>/dev/null)
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
FUZZ_BASE = -std=c11 -D_DEFAULT_SOURCE -g -O1 $(FUZZ_SAN) $(FUZZ_INC) \
            $(FUZZ_PKG_CFLAGS)
# The project's code is compiled with its own warnings but without
# -Werror: a warning only clang gives must not stop the fuzzing of code
# that builds with the project's compiler. The harnesses are -Werror.
FUZZ_LIB_CFLAGS = $(FUZZ_BASE) -Wall -Wextra -fsanitize=fuzzer-no-link
FUZZ_HARNESS_CFLAGS = $(FUZZ_BASE) -Wall -Wextra -Werror \
                      -fsanitize=fuzzer-no-link
# exit() and _exit() go through fuzz/fuzz_exit.c (see fuzz_exit.h).
FUZZ_LDFLAGS = $(FUZZ_SAN) -fsanitize=fuzzer -Wl,--wrap=exit \
               -Wl,--wrap=_exit
FUZZ_LIBS = $(FUZZ_PKG_LIBS) -lm

# The library code goes into one archive: each target pulls only the
# objects it needs. The sources are the root Makefile's when this file is
# included at its end (alone: the same directories by wildcard), without
# what no target needs: the command line (main.c, app.c), the full-screen
# view (viz/) and migrate/. Generated sources (the asyncio prelude, the
# library modules) are made by the root Makefile's rules, which know how:
# alone, through a sub-make.
FUZZ_NOT_LIB = app.c main.c viz/% migrate/%
ifdef CORE_SRC
FUZZ_LIB_SRC = $(filter-out $(FUZZ_NOT_LIB),$(CORE_SRC) $(APP_SRC))
FUZZ_GEN_SRC = $(GEN_SRC)
else
FUZZ_LIB_SRC = $(sort $(wildcard core/lang/*.c core/aio/*.c core/*.c \
                 repl/*.c lessons/*.c))
FUZZ_GEN_SRC = $(shell sed -n 's/^GEN_SRC *= *//p' Makefile)
build/gen/%.c: FORCE_FUZZ_GEN
	$(MAKE) -f Makefile $@
.PHONY: FORCE_FUZZ_GEN
endif
FUZZ_LIB_OBJ = $(FUZZ_LIB_SRC:%.c=$(FUZZ_OUT)/obj/%.o) \
               $(FUZZ_GEN_SRC:build/gen/%.c=$(FUZZ_OUT)/obj/gen/%.o)
FUZZ_HDR = $(wildcard core/lang/*.h core/aio/*.h core/*.h repl/*.h viz/*.h \
             lessons/*.h *.h fuzz/*.h)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_OUT)/%)

# Seeds per target.
# (The reproducers in tests/robust/crashes/ are not seeds: fuzz/run.sh
# replays them on their own, so that one not yet fixed does not stop the
# fuzzing of everything else.)
FUZZ_SEEDS_PY = $(wildcard tests/lang/*.py tests/conformance/*.py \
                  tests/robust/*.py fuzz/seeds/py/*.py)
FUZZ_SEEDS_fuzz_source = $(FUZZ_SEEDS_PY)
FUZZ_SEEDS_fuzz_run = $(FUZZ_SEEDS_PY)
FUZZ_SEEDS_fuzz_run_aio = $(FUZZ_SEEDS_PY)
FUZZ_SEEDS_fuzz_repl = $(wildcard tests/repl/*.in tests/robust/*.in \
                         fuzz/seeds/repl/*.in)
FUZZ_SEEDS_fuzz_lesson = $(wildcard lessons/*.md tests/lessons/*.md \
                           tests/lessons/*/*.md fuzz/seeds/lesson/*.md)
.PHONY: fuzz fuzz-ci fuzz-regress fuzz-build fuzz-corpora fuzz-clean \
        fuzz-check-cc fuzz-deps

fuzz-build: fuzz-check-cc $(FUZZ_BINS)

# clang and its libFuzzer runtime, installed with apt-get when missing.
fuzz-deps:
	@bash scripts/deps.sh fuzz

fuzz-check-cc: fuzz-deps
	@command -v $(FUZZ_CC) >/dev/null || { echo "fuzz: no $(FUZZ_CC); \
	install clang (apt-get install -y clang)" >&2; exit 2; }
	@echo 'int LLVMFuzzerTestOneInput(const char *d, long n) \
	{ (void)d; (void)n; return 0; }' | $(FUZZ_CC) -x c - \
	-fsanitize=fuzzer -o /dev/null 2>/dev/null || { echo "fuzz: \
	$(FUZZ_CC) has no libFuzzer runtime (Debian: apt-get install -y \
	libclang-rt-dev or the clang package of that version)" >&2; exit 2; }

$(FUZZ_OUT)/obj/%.o: %.c $(FUZZ_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

$(FUZZ_OUT)/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -c -o $@ $<

$(FUZZ_OUT)/liblooplab.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_OUT)/harness/%.o: fuzz/%.c $(FUZZ_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_HARNESS_CFLAGS) -c -o $@ $<

$(FUZZ_OUT)/harness/fuzz_run_aio.o: fuzz/fuzz_run.c $(FUZZ_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_HARNESS_CFLAGS) -DFUZZ_AIO -c -o $@ $<

# Every target links the two helpers (fuzz_exit.c, fuzz_session.c).
FUZZ_HELPERS = $(FUZZ_OUT)/harness/fuzz_exit.o \
               $(FUZZ_OUT)/harness/fuzz_session.o
$(FUZZ_OUT)/fuzz_%: $(FUZZ_OUT)/harness/fuzz_%.o $(FUZZ_HELPERS) \
                    $(FUZZ_OUT)/liblooplab.a
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $< $(FUZZ_HELPERS) \
	    $(FUZZ_OUT)/liblooplab.a $(FUZZ_LIBS)

# Dictionaries: libFuzzer takes one per run, so the REPL's and the
# lessons' add their own words to Python's.
$(FUZZ_OUT)/repl.dict: fuzz/python.dict fuzz/repl.dict
	@mkdir -p $(dir $@)
	cat $^ > $@

$(FUZZ_OUT)/lesson.dict: fuzz/python.dict fuzz/lesson.dict
	@mkdir -p $(dir $@)
	cat $^ > $@

# Copies the seeds in (again when they change; what the fuzzer added
# stays).
define FUZZ_CORPUS_RULE
$(FUZZ_OUT)/corpus/$(1)/.seeded: $$(FUZZ_SEEDS_$(1))
	@mkdir -p $$(dir $$@)
	@for f in $$(FUZZ_SEEDS_$(1)); do \
	    cp "$$$$f" "$$(dir $$@)seed-$$$$(echo "$$$$f" | tr / _)"; done
	@touch $$@
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_CORPUS_RULE,$(t))))

fuzz-corpora: $(FUZZ_TARGETS:%=$(FUZZ_OUT)/corpus/%/.seeded) \
              $(FUZZ_OUT)/repl.dict $(FUZZ_OUT)/lesson.dict

# The runs themselves are fuzz/run.sh: first every reproducer in
# tests/robust/crashes/ through the targets that take it, then each target
# for the given time; all of them even when one fails, then a summary.
FUZZ_RUN = FUZZ_OUT=$(FUZZ_OUT) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
           FUZZ_RSS_MB=$(FUZZ_RSS_MB) fuzz/run.sh

fuzz: fuzz-build fuzz-corpora
	$(FUZZ_RUN) -t $(FUZZ_SECONDS)

fuzz-ci: fuzz-build fuzz-corpora
	$(FUZZ_RUN) -t $(FUZZ_CI_SECONDS)

# Only the replay of tests/robust/crashes/ through the targets.
fuzz-regress: fuzz-build
	$(FUZZ_RUN) --regress-only

fuzz-clean:
	rm -rf $(FUZZ_OUT)/obj $(FUZZ_OUT)/harness $(FUZZ_OUT)/regress \
	    $(FUZZ_OUT)/liblooplab.a $(FUZZ_BINS)

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
