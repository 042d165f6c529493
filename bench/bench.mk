# bench/bench.mk - the benchmark suite (bench/README.md), included from the
# root Makefile:
#
#   make bench                    every program, BENCH_RUNS (5) runs each
#   make bench BENCH_RUNS=3 BENCH_ONLY="call_soon interp"
#
# bench/build/llbench is a helper linked against looplab's objects: it runs
# a program with trace recording switched off, measures the recorder's
# in-memory bytes per event, and times jumps in the view's timeline.

.PHONY: bench

BENCH_RUNS ?= 5

# Linked as looplab is (LTO_FLAGS): its runs without recording are the
# baseline of the recording cost.
bench/build/llbench: bench/llbench.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LTO_FLAGS) -o $@ bench/llbench.c $(LIB_OBJ) $(LIBS)

bench: looplab bench/build/llbench
	BENCH_RUNS="$(BENCH_RUNS)" BENCH_ONLY="$(BENCH_ONLY)" \
	LOOPLAB=./looplab LLBENCH=bench/build/llbench bash bench/run.sh

# looplab with frame pointers, for `perf record -g` (bench/profile.sh).
bench/build/looplab-prof: $(SRC) build/gen/aio_prelude.c build/gen/lib_sources.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fno-omit-frame-pointer -o $@ $(SRC) \
	    build/gen/aio_prelude.c build/gen/lib_sources.c $(LIBS)

.PHONY: bench-profile
bench-profile: bench/build/looplab-prof
	bash bench/profile.sh $(BENCH_ONLY)
