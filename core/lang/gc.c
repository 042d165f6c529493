/*
 * gc.c - a precise mark-and-sweep collector with safe points.
 *
 * Objects too big for the pools (below) are on the singly linked list
 * vm->gc_head, whose link sits just before each object (gc_big_t);
 * pooled objects are found by walking the slabs. The object header
 * holds no link: it is 16 bytes. A collection
 * marks from the roots (the VM's types, singletons, interned strings,
 * modules, the frame chain, the pending and handled exceptions, pinned
 * extra roots and the engine's roots through vm->mark_hook), then runs the
 * finalizers of unreachable objects that have one (a never-awaited
 * coroutine's warning, a pending task's "destroyed" log), then frees what
 * is still unmarked.
 *
 * Invariant that makes this safe without scanning the C stack: a
 * collection only starts at a safe point (gc_maybe called by the eval loop
 * or the event loop) while vm->nogc == 0, i.e. when no native code below
 * holds an object it has not made reachable. vm_call raises nogc around
 * re-entries from arbitrary native code; the event loop's trunk uses
 * vm_call_clean because it keeps its objects reachable.
 *
 * CPython frees by reference counting, so finalizers run at once; here
 * they run at the next collection. TRACE.md compares warn and log lines as
 * a multiset for exactly this reason.
 *
 * Objects of up to GC_POOL_MAX bytes (almost all: ints, tuples, frames,
 * bound methods, futures) come from per-size free lists, the way
 * CPython's obmalloc serves them: a dead one goes back on its list and
 * the next allocation of its class takes it, with no malloc or free;
 * profiles of task-heavy programs spent 40-50% of their time in malloc.
 * The lists are carved from slabs that live as long as the VM.
 *
 * Invariant of a slab: from its start, blocks follow each other without
 * gaps, each (gc_size rounded up to its class, at least 24 bytes) long,
 * up to the first block whose gc_size is 0 (never carved: slabs are
 * zeroed) or the slab's end. A block whose type is NULL is free and on
 * its class's list, linked through the word after its header
 * (FREE_NEXT). Classes are 8 bytes apart (obmalloc's are 16, for
 * alignment that no looplab object needs): with 16, an object of 24
 * bytes took 32. The sweep walks the slabs in order
 * rather than chasing a list through memory, and links each slab's free
 * blocks in address order, so that allocation after it moves forward
 * through memory too: the free list's link was the cache miss that
 * dominated allocation when the lists were in sweep order. The sweep is
 * lazy, a slab at a time as allocation needs blocks (see sweep_slab).
 *
 * Under AddressSanitizer the pools stay on (the sanitizer builds test the
 * code that ships) and a free block's body, everything after its header,
 * but for the free-list link, is poisoned, so a use after free of an
 * object's fields is reported
 * (unless the block was reused by then). With LOOPLAB_GC_NOPOOL set (for
 * valgrind, which has no such interface), every object is malloc'd and
 * freed on its own.
 */
#include "code.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define GC_MIN_THRESHOLD (8u << 20)
/* No single buffer request beyond this is even tried (whatever
 * --max-memory says): sizes computed from a program's numbers must not
 * reach malloc's overflow corner cases. */
#define GC_MAX_REQUEST ((size_t)1 << 40)
/* Fallible requests below this size ignore --max-memory (over_limit). */
#define GC_SMALL_REQUEST ((size_t)64 << 10)

#define GC_POOL_MAX 512
#define GC_POOL_MIN 24   /* a header and a free-list link */
#define GC_POOL_CLASS(size)                                                 \
    ((((size) < GC_POOL_MIN ? GC_POOL_MIN : (size)) + 7) / 8 - 1)
#define GC_CLASS_BYTES(c) (((size_t)(c) + 1) * 8)
#define GC_NCLASSES (GC_POOL_CLASS(GC_POOL_MAX) + 1)
#define GC_SLAB_SIZE ((size_t)256 << 10)
#define GC_CHUNK ((size_t)2 << 20)          /* a huge page */
#define GC_CHUNK_SLABS (GC_CHUNK / GC_SLAB_SIZE)
#define SWEEP_AHEAD 4096    /* bytes the sweep prefetches ahead */

/* A free pooled block's link to the next on its class's list. */
#define FREE_NEXT(o) (*(obj_t **)((char *)(o) + sizeof(obj_t)))

/* What precedes an object too big for the pools: the link of
 * vm->gc_head's list (16 bytes, so the object keeps malloc's
 * alignment). */
typedef struct gc_big {
    struct gc_big *next;
    void *pad;
} gc_big_t;
#define BIG_OBJ(b) ((obj_t *)((gc_big_t *)(b) + 1))

#if defined(__SANITIZE_ADDRESS__)
#define GC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GC_ASAN 1
#endif
#endif
#ifdef GC_ASAN
#include <sanitizer/asan_interface.h>
#define GC_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define GC_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define GC_POISON(p, n) ((void)(p), (void)(n))
#define GC_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

static bool pooled(const vm_t *vm, size_t size)
{
    return !vm->gc_nopool && size > 0 && size <= GC_POOL_MAX;
}

/* A free block's body (all but the header, which the slab walk reads,
 * and the list's link). */
static void poison_body(obj_t *o)
{
    size_t kept = sizeof(obj_t) + sizeof(obj_t *);
    GC_POISON((char *)o + kept, GC_CLASS_BYTES(GC_POOL_CLASS(o->gc_size)) -
                                    kept);
}

/* A dead pooled object, destroyed already, becomes a free block: type
 * NULL, body poisoned. The caller links it into its class's list. */
static void pool_free_block(obj_t *o)
{
    o->type = NULL;
    poison_body(o);
}

/* pool_free_block for an object still in the heap's counts (released
 * at once, not found by a collection, which counts its garbage out as a
 * whole). */
static void pool_retire(vm_t *vm, obj_t *o)
{
    size_t sz = o->gc_size;
    vm->bytes -= sz < vm->bytes ? sz : vm->bytes;
    vm->nobjects--;
    vm->pool_bytes -= sz;
    vm->pool_objects--;
    pool_free_block(o);
}

/* Puts free block [o] at the head of its class's list: the next
 * allocation of that class takes it while it is still in the cache. */
static void pool_push(vm_t *vm, obj_t *o)
{
    size_t c = GC_POOL_CLASS(o->gc_size);
    FREE_NEXT(o) = vm->pool_free[c];
    vm->pool_free[c] = o;
}

/* Zeroes the first [n] bytes of block [p], rounded up to whole words
 * (the block's size is a multiple of 8, so they stay in it), a word at
 * a time. memset of a size unknown at compile time became an inline
 * "rep stos", whose start-up perf put at a third of an allocation's time
 * (futures.py) for blocks of 24 to a few hundred bytes; the empty asm
 * keeps the loop from being made that memset again. */
static inline void zero_words(void *p, size_t n)
{
    uint64_t *w = p;
    size_t k = (n + 7) / 8, i = 0;
    // Two words a turn (one 16-byte store): a frame's header and locals
    // are a dozen words and more.
    for (; i + 2 <= k; i += 2) {
        w[i] = 0;
        w[i + 1] = 0;
        __asm__("" ::: "memory");
    }
    if (i < k) {
        w[i] = 0;
    }
}

static void sweep_one(vm_t *vm);
static void finish_sweep(vm_t *vm);

/* A new slab, zero. Slabs are carved in order from chunks of GC_CHUNK
 * bytes aligned to GC_CHUNK (so chunk k starts at slabs[k *
 * GC_CHUNK_SLABS]), mapped with a hint against huge pages. The opposite
 * hint once saved pending_tasks.py 30,000 page faults of 4 KiB (7 % of
 * its time then), but on a host whose kernel (THP "always") zeroes each
 * huge page at its first touch, the system time of the same program went
 * from 0.03 to 0.45 s from run to run, against a steady 0.04-0.11 s in
 * small pages: paired, 16-23 % less CPU on the three big-heap programs
 * (bench/README.md, tenth round). The chunks stay aligned: slab indices
 * depend on it. */
static char *slab_new(vm_t *vm)
{
    if (vm->nslabs % GC_CHUNK_SLABS) {
        return (char *)vm->slabs[vm->nslabs - 1] + GC_SLAB_SIZE;
    }
    // Twice the size, trimmed to the aligned chunk inside.
    char *m = mmap(NULL, 2 * GC_CHUNK, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        return NULL;
    }
    uintptr_t a = ((uintptr_t)m + GC_CHUNK - 1) & ~(uintptr_t)(GC_CHUNK - 1);
    char *c = (char *)a;
    if (c > m) {
        munmap(m, (size_t)(c - m));
    }
    munmap(c + GC_CHUNK, (size_t)(m + 2 * GC_CHUNK - (c + GC_CHUNK)));
#ifdef MADV_HUGEPAGE
    madvise(c, GC_CHUNK, MADV_NOHUGEPAGE);
#endif
    return c;
}

/* Takes the block at the head of class [c]'s free list (there is one),
 * its first [zero] bytes zeroed. */
static inline __attribute__((always_inline)) obj_t *
pool_pop(vm_t *vm, size_t c, size_t zero)
{
    size_t bytes = GC_CLASS_BYTES(c);
    obj_t *p = vm->pool_free[c];
    GC_UNPOISON(p, bytes);
    obj_t *next = FREE_NEXT(p);
    vm->pool_free[c] = next;
    // The next allocation of this class reads that block's link: start
    // loading it now, while the caller fills this one.
    if (next) {
        __builtin_prefetch(next, 1);
    }
    zero_words(p, zero < bytes ? zero : bytes);
    return p;
}

/* A block of [size]'s class, from its free list or a slab, whose first
 * [zero] bytes are zero (a fresh slab block is zero throughout). Slabs
 * the last collection left unswept are swept first, one at a time, until
 * the class has a free block: only then is a slab carved further. */
static void *pool_get(vm_t *vm, size_t size, size_t zero)
{
    size_t c = GC_POOL_CLASS(size), bytes = GC_CLASS_BYTES(c);
    obj_t *p = vm->pool_free[c];
    while (!p && vm->sweep_next < vm->sweep_end) {
        sweep_one(vm);
        p = vm->pool_free[c];
    }
    if (p) {
        return pool_pop(vm, c, zero);
    }
    if ((size_t)(vm->slab_end - vm->slab_cur) < bytes) {
        if (vm->nslabs == vm->capslabs) {
            vm->capslabs = vm->capslabs ? vm->capslabs * 2 : 64;
            vm->slabs = realloc(vm->slabs, vm->capslabs * sizeof(void *));
            if (!vm->slabs) {
                return NULL;
            }
        }
        // The tail of the old slab (less than one block) is left unused
        // and zero, which ends the slab's walk.
        char *slab = slab_new(vm);
        if (!slab) {
            return NULL;
        }
        vm->slabs[vm->nslabs++] = slab;
        vm->slab_cur = slab;
        vm->slab_end = slab + GC_SLAB_SIZE;
    }
    p = (obj_t *)vm->slab_cur;
    vm->slab_cur += bytes;
    return p;   /* fresh slab memory is zero already */
}

/* The block after [o] in its slab, or NULL at the slab's end. */
static obj_t *slab_next(obj_t *o, const char *end)
{
    char *n = (char *)o + GC_CLASS_BYTES(GC_POOL_CLASS(o->gc_size));
    if ((size_t)(end - n) < sizeof(obj_t) || ((obj_t *)n)->gc_size == 0) {
        return NULL;
    }
    return (obj_t *)n;
}

static obj_t *slab_first(vm_t *vm, size_t i)
{
    obj_t *o = (obj_t *)vm->slabs[i];
    return o->gc_size ? o : NULL;
}

void gc_each(vm_t *vm, void (*fn)(vm_t *vm, obj_t *o, void *ctx),
             void *ctx)
{
    // Unswept garbage must not be seen as live.
    finish_sweep(vm);
    // Indices, not pointers: fn may allocate, which may add slabs.
    for (size_t i = 0; i < vm->nslabs; i++) {
        for (obj_t *o = slab_first(vm, i); o;
             o = slab_next(o, vm->slabs[i] + GC_SLAB_SIZE)) {
            if (o->type) {
                fn(vm, o, ctx);
            }
        }
    }
    for (gc_big_t *b = vm->gc_head; b; b = b->next) {
        if (BIG_OBJ(b)->type) {
            fn(vm, BIG_OBJ(b), ctx);
        }
    }
}

/* Appends [o] to a growable array of objects (the collector's own
 * bookkeeping: it cannot fail politely, so it aborts). */
static void push_obj(obj_t ***v, size_t *n, size_t *cap, obj_t *o)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *v = realloc(*v, *cap * sizeof(obj_t *));
        if (!*v) {
            abort();
        }
    }
    (*v)[(*n)++] = o;
}

/* Finalizable objects are also kept in an array, so a collection finds
 * the dead ones without walking the whole heap twice. */
static void fin_track(vm_t *vm, obj_t *o)
{
    push_obj(&vm->fin, &vm->nfin, &vm->capfin, o);
}

/* gc_alloc_part's every case: a block from a pool (sweeping or carving
 * for it) or malloc, a finalizer's object tracked, one made during a
 * collection marked. */
static __attribute__((noinline)) obj_t *alloc_slow(vm_t *vm, type_t *type,
                                                   size_t size, size_t zero)
{
    bool pool = pooled(vm, size);
    obj_t *o;
    if (pool) {
        o = pool_get(vm, size, zero);
        vm->pool_bytes += size;
        vm->pool_objects++;
    } else {
        gc_big_t *b = calloc(1, sizeof(gc_big_t) + size);
        if (b) {
            b->next = vm->gc_head;
            vm->gc_head = b;
        }
        o = b ? BIG_OBJ(b) : NULL;
    }
    if (!o) {
        fprintf(stderr, "looplab: out of memory\n");
        abort();
    }
    // Never a NULL type: a pooled block without one reads as free.
    o->type = type ? type : (type_t *)o;
    type = o->type;
    o->gc_size = (uint32_t)size;
    if (vm->gc_finalizing) {
        // Made by a finalizer during a collection: it survives this one,
        // with what it references (drained after the finalizers).
        gc_mark(vm, o);
    }
    if (type->finalize) {
        fin_track(vm, o);
    }
    vm->bytes += size;
    vm->nobjects++;
    return o;
}

static obj_t *fin_track_grow(vm_t *vm, obj_t *o);

bool gc_fin_untrack_last(vm_t *vm, obj_t *o)
{
    if (vm->nfin == 0 || vm->fin[vm->nfin - 1] != o) {
        return false;
    }
    vm->nfin--;
    return true;
}

void gc_fin_track(vm_t *vm, obj_t *o)
{
    fin_track(vm, o);
}

/* The commonest allocations, in a few dozen instructions: an object
 * made outside a collection, from the head of its class's free list
 * or, once nothing is left to sweep (pool_get's order), carved from the
 * slab being carved. Everything else is alloc_slow's. Through alloc_slow alone an allocation took about 95
 * instructions (call_soon.py: a fifth of the run's), most of them the
 * checks and saved registers of the rare cases. With LOOPLAB_GC_NOPOOL
 * no free list holds a block and no slab is carved (slab_cur ==
 * slab_end == NULL), so both ways fail. */
static inline __attribute__((always_inline)) obj_t *
alloc(vm_t *vm, type_t *type, size_t size, size_t zero)
{
    if (size - 1 >= GC_POOL_MAX || !type || vm->gc_finalizing) {
        return alloc_slow(vm, type, size, zero);
    }
    size_t c = GC_POOL_CLASS(size), bytes = GC_CLASS_BYTES(c);
    obj_t *p;
    if (vm->pool_free[c]) {
        p = pool_pop(vm, c, zero);
    } else if (vm->sweep_next == vm->sweep_end &&
               (size_t)(vm->slab_end - vm->slab_cur) >= bytes) {
        p = (obj_t *)vm->slab_cur;   /* zero already */
        vm->slab_cur += bytes;
    } else {
        return alloc_slow(vm, type, size, zero);
    }
    p->type = type;
    p->gc_size = (uint32_t)size;
    vm->pool_bytes += size;
    vm->pool_objects++;
    vm->bytes += size;
    vm->nobjects++;
    if (type->finalize) {
        // Coroutines, futures, tasks: tracked as alloc_slow does. Last,
        // so that growing the array is a tail call.
        if (vm->nfin < vm->capfin) {
            vm->fin[vm->nfin++] = p;
        } else {
            return fin_track_grow(vm, p);
        }
    }
    return p;
}

/* fin_track for alloc, when the array is full. */
static __attribute__((noinline)) obj_t *fin_track_grow(vm_t *vm, obj_t *o)
{
    fin_track(vm, o);
    return o;
}

obj_t *gc_alloc(vm_t *vm, type_t *type, size_t size)
{
    return alloc(vm, type, size, size);
}

obj_t *gc_alloc_part(vm_t *vm, type_t *type, size_t size, size_t zero)
{
    return alloc(vm, type, size, zero);
}

/* gc_release once the object may go: its destroy slot run, its block
 * freed (a pooled one on its list at once). */
static bool release(vm_t *vm, obj_t *o)
{
    if (!pooled(vm, o->gc_size)) {
        // Still on vm->gc_head: the next sweep frees it and counts it
        // out. Until then its NULL type marks it dead, as a free pool
        // block is, and gc_mark reports it if anything still reaches it.
        o->type = NULL;
        return true;
    }
    pool_retire(vm, o);
#ifndef GC_ASAN
    // Under ASan the block is not reused before the next sweep puts it on
    // its list, so that a use of a released object is reported.
    pool_push(vm, o);
#endif
    return true;
}

static __attribute__((noinline)) bool release_destroy(vm_t *vm, obj_t *o)
{
    o->type->destroy(vm, o);
    return release(vm, o);
}

/* The destroy slot's call, which most released objects (frames,
 * handles, their arguments) do not need, is kept off the common way, so
 * that it saves no registers. */
bool gc_release(vm_t *vm, obj_t *o)
{
    if (o->marked || vm->gc_finalizing) {
        return false;
    }
    if (o->type->destroy) {
        return release_destroy(vm, o);
    }
    return release(vm, o);
}

void *gc_malloc(vm_t *vm, size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "looplab: out of memory\n");
        abort();
    }
    vm->bytes += n;
    return p;
}

void *gc_realloc(vm_t *vm, void *p, size_t old, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "looplab: out of memory\n");
        abort();
    }
    vm->bytes += n;
    vm->bytes -= old < vm->bytes ? old : vm->bytes;
    return q;
}

/* Does a request of more bytes pass --max-memory? Only requests of
 * GC_SMALL_REQUEST bytes or more are held to the ceiling: the check never
 * collects (native code holds objects no root reaches, the invariant
 * above), so garbage made since the last safe point counts against it,
 * and failing the small requests of ordinary code for that garbage would
 * be spurious. Growth the program drives (a list or set filled by a
 * native loop) soon makes large requests, which stop it; the eval loop's
 * backward jumps collect and check the ceiling themselves. */
static bool over_limit(vm_t *vm, size_t more)
{
    if (more > GC_MAX_REQUEST) {
        return true;
    }
    return vm->max_bytes && more >= GC_SMALL_REQUEST &&
           (vm->bytes > vm->max_bytes || more > vm->max_bytes - vm->bytes);
}

static void *raise_memory(vm_t *vm)
{
    vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
    return NULL;
}

void *gc_try_malloc(vm_t *vm, size_t n)
{
    if (over_limit(vm, n)) {
        return raise_memory(vm);
    }
    void *p = malloc(n ? n : 1);
    if (!p) {
        return raise_memory(vm);
    }
    vm->bytes += n;
    return p;
}

void *gc_try_realloc(vm_t *vm, void *p, size_t old, size_t n)
{
    if (!p) {
        return gc_try_malloc(vm, n);
    }
    if (n > old && over_limit(vm, n - old)) {
        return raise_memory(vm);
    }
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        // p is still valid and still accounted as old bytes.
        return raise_memory(vm);
    }
    vm->bytes += n;
    vm->bytes -= old < vm->bytes ? old : vm->bytes;
    return q;
}

void gc_free(vm_t *vm, void *p, size_t n)
{
    free(p);
    vm->bytes -= n < vm->bytes ? n : vm->bytes;
}

void vm_pin(vm_t *vm, obj_t *o)
{
    if (vm->nextra == vm->capextra) {
        vm->capextra = vm->capextra ? vm->capextra * 2 : 64;
        vm->extra_roots = realloc(vm->extra_roots,
                                  (size_t)vm->capextra * sizeof(obj_t *));
        if (!vm->extra_roots) {
            abort();
        }
    }
    vm->extra_roots[vm->nextra++] = o;
}

void gc_mark(vm_t *vm, obj_t *o)
{
    if (!o || o->marked) {
        return;
    }
    o->marked = 1;
    if (pooled(vm, o->gc_size)) {
        vm->mark_bytes += o->gc_size;
        vm->mark_objects++;
    }
    type_t *t = o->type;
    if (!t) {
        // A free pool block: something kept a pointer to a dead or
        // released object.
        fprintf(stderr, "looplab: internal error: a freed object is "
                        "still reachable\n");
        abort();
    }
    if (!t->mark && t->hdr.marked) {
        // A leaf (str, int, float...) whose type is marked already has
        // nothing left to trace: no trip through the gray stack.
        return;
    }
    push_obj(&vm->gray, &vm->ngray, &vm->capgray, o);
}

static void drain(vm_t *vm)
{
    // An explicit gray stack instead of recursion: deep structures (long
    // linked lists of objects) cannot overflow the C stack.
    while (vm->ngray > 0) {
        obj_t *o = vm->gray[--vm->ngray];
        gc_mark(vm, (obj_t *)o->type);
        if (o->type && o->type->mark) {
            o->type->mark(vm, o);
        }
    }
}

static void mark_roots(vm_t *vm)
{
    obj_t **types = (obj_t **)&vm->t_object;
    obj_t **types_end = (obj_t **)&vm->exc_types[EXC_COUNT];
    for (obj_t **p = types; p < types_end; p++) {
        gc_mark(vm, *p);
    }
    gc_mark(vm, vm->none);
    gc_mark(vm, vm->agen_firstiter);
    gc_mark(vm, vm->agen_finalizer);
    gc_mark(vm, vm->union_type);
    gc_mark(vm, vm->union_or);
    gc_mark(vm, vm->anext_default);
    gc_mark(vm, vm->true_);
    gc_mark(vm, vm->false_);
    gc_mark(vm, vm->notimpl);
    gc_mark(vm, vm->ellipsis);
    gc_mark(vm, (obj_t *)vm->empty_tuple);
    gc_mark(vm, (obj_t *)vm->empty_str);
    for (size_t i = 0; i < sizeof vm->small_ints / sizeof vm->small_ints[0];
         i++) {
        gc_mark(vm, vm->small_ints[i]);
    }
    for (size_t i = 0; i < 128; i++) {
        gc_mark(vm, (obj_t *)vm->char_strs[i]);
    }
    gc_mark(vm, (obj_t *)vm->interned);
    str_t **names = (str_t **)&vm->s;
    for (size_t i = 0; i < sizeof vm->s / sizeof(str_t *); i++) {
        gc_mark(vm, (obj_t *)names[i]);
    }
    gc_mark(vm, (obj_t *)vm->builtins);
    gc_mark(vm, (obj_t *)vm->modules);
    gc_mark(vm, vm->sys_stdout);
    gc_mark(vm, vm->sys_stderr);
    gc_mark(vm, vm->main_source);
    gc_mark(vm, (obj_t *)vm->sources);
    gc_mark(vm, (obj_t *)vm->warn_registry);
    for (frame_t *f = vm->frame; f; f = f->back) {
        gc_mark(vm, (obj_t *)f);
    }
    gc_mark(vm, vm->exc);
    gc_mark(vm, vm->handled);
    for (int i = 0; i < vm->nextra; i++) {
        gc_mark(vm, vm->extra_roots[i]);
    }
    if (vm->mark_hook) {
        vm->mark_hook(vm, vm->mark_ud);
    }
}

/* Is [o] a class (an instance of type or of a metaclass)? */
static bool is_type(const vm_t *vm, const obj_t *o)
{
    return o->type == vm->t_type || o->type->solid == vm->t_type;
}

/* A growable array of objects, for a collection's own lists. */
typedef struct objvec {
    obj_t **v;
    size_t n, cap;
} objvec_t;

static void objvec_push(objvec_t *a, obj_t *o)
{
    push_obj(&a->v, &a->n, &a->cap, o);
}

/* Lazy sweeping. A collection marks, runs finalizers, frees the big
 * objects and counts the unmarked pooled ones out of the heap at once
 * (pool_bytes less mark_bytes), but leaves them in their slabs: pool_get
 * sweeps the next slab when a class's free list runs dry, so that a slab
 * is swept just before its blocks are used again, while its lines are
 * still in the cache. A full sweep after every collection walked the
 * whole heap (8 MB and more, cold) and allocation then walked it again;
 * the two were a third of futures.py's time (perf). Lazily, a program's
 * last garbage is never swept at all: pending_tasks.py and cancel_tasks
 * about 10% faster, futures.py no slower.
 *
 * Invariants: slabs [sweep_next, sweep_end) hold the last collection's
 * marks (a live object's is still set, so gc_release leaves it to the
 * next collection) and its garbage (type set, not destroyed, on no
 * list); every other slab is swept. Only swept slabs'
 * blocks are on the free lists, so an object made after a collection is
 * in a swept slab, or in the slab being carved, which the collection
 * sweeps at once. A collection, and anything that walks the heap
 * (gc_each), finishes the sweep first. dead_types holds the garbage
 * classes found, freed when the sweep ends: an instance's destroy slot
 * reads its class, and slabs are swept in address order, not in the
 * order objects were made. */

/* Sweeps slab [i]: unmarks the live objects, destroys the dead ones and
 * puts them and the free blocks on their lists, the slab's blocks of a
 * class in address order, before the blocks already there. */
static void sweep_slab(vm_t *vm, size_t i)
{
    obj_t *head[GC_NCLASSES];
    obj_t **tail[GC_NCLASSES];
    for (size_t c = 0; c < GC_NCLASSES; c++) {
        head[c] = NULL;
        tail[c] = &head[c];
    }
    for (obj_t *o = slab_first(vm, i); o;
         o = slab_next(o, vm->slabs[i] + GC_SLAB_SIZE)) {
        // The walk is a chain of loads (each block's size gives the
        // next block), which the hardware did not run ahead of: half
        // of the sweep's time was waiting for the next block's line.
        // 4 KiB ahead took futures.py's collections from 42 to 27 ms
        // (512 B: 33, 16 KiB: 30). Past the slab's end is harmless:
        // a prefetch does not fault.
        __builtin_prefetch((char *)o + SWEEP_AHEAD, 1);
        if (o->marked) {
            o->marked = 0;
            continue;
        }
        if (o->type && is_type(vm, o)) {
            push_obj(&vm->dead_types, &vm->ndead_types, &vm->capdead_types,
                     o);
            continue;
        }
        if (o->type) {
            if (o->type->destroy) {
                o->type->destroy(vm, o);
            }
            pool_free_block(o);
        }
        size_t c = GC_POOL_CLASS(o->gc_size);
        *tail[c] = o;
        tail[c] = &FREE_NEXT(o);
    }
    for (size_t c = 0; c < GC_NCLASSES; c++) {
        if (head[c]) {
            *tail[c] = vm->pool_free[c];
            vm->pool_free[c] = head[c];
        }
    }
}

/* Once every slab is swept, frees the dead classes. */
static void sweep_done(vm_t *vm)
{
    if (vm->sweep_next == vm->sweep_end) {
        for (size_t k = 0; k < vm->ndead_types; k++) {
            pool_free_block(vm->dead_types[k]);
            pool_push(vm, vm->dead_types[k]);
        }
        vm->ndead_types = 0;
    }
}

/* Sweeps the next unswept slab. */
static void sweep_one(vm_t *vm)
{
    sweep_slab(vm, vm->sweep_next++);
    sweep_done(vm);
}

/* Sweeps every slab the last collection left. */
static void finish_sweep(vm_t *vm)
{
    while (vm->sweep_next < vm->sweep_end) {
        sweep_one(vm);
    }
}

size_t gc_collect(vm_t *vm)
{
    finish_sweep(vm);
    vm->mark_bytes = vm->mark_objects = 0;
    size_t before = vm->bytes;
    // Not a root: whatever the call made is on a stack if it is live,
    // and the sweep may give its address to something else.
    vm->fresh_gen = NULL;
    // Cached lookups compare addresses, which the sweep may free.
    type_cache_invalidate(vm);
    vm->gcache_epoch++;
    mark_roots(vm);
    drain(vm);
    if (vm->weak_hook) {
        vm->weak_hook(vm);
    }
    // Finalizers see unreachable objects intact. The dead finalizable
    // objects leave the array (each is finalized once), run their
    // finalizers, and survive this collection together with what they
    // reach and what the finalizers allocated; the next collection frees
    // them if they are still unreachable.
    // Dead objects whose finalizer would do nothing (fin_noop_hook) are
    // set aside and freed with the garbage, as CPython frees a done
    // future without running Python code.
    size_t k = 0;
    objvec_t fin = {NULL, 0, 0}, skip = {NULL, 0, 0};
    for (size_t i = 0; i < vm->nfin; i++) {
        obj_t *o = vm->fin[i];
        if (o->marked) {
            vm->fin[k++] = o;
        } else if ((o->type->finalize_noop &&
                    o->type->finalize_noop(vm, o)) ||
                   (vm->fin_noop_hook && vm->fin_noop_hook(vm, o))) {
            objvec_push(&skip, o);
        } else {
            objvec_push(&fin, o);
        }
    }
    vm->nfin = k;
    // Coroutines that never started go last: they are leaves (their
    // frame holds only their arguments), dropped by whatever held them
    // (a task, a list, a frame), and with refcounting that dies first:
    // a pending task reports "destroyed" before its coroutine warns
    // "never awaited", and shows it unfinished.
    // At the program's end (tearing_down) suspended coroutines and
    // generators go after the rest too: CPython's shutdown finalizes a
    // pending task, which logs its coroutine still running, before the
    // coroutine (mid-run, its collector meets the coroutine first).
    objvec_t last = {NULL, 0, 0}, mid = {NULL, 0, 0};
    size_t nl = 0;
    for (size_t i = 0; i < fin.n; i++) {
        obj_t *o = fin.v[i];
        if (gen_unawaited(vm, o)) {
            objvec_push(&last, o);
        } else if (vm->tearing_down &&
                   (TYPE(o) == vm->t_coro || TYPE(o) == vm->t_gen) &&
                   ((gen_t *)o)->frame &&
                   ((gen_t *)o)->frame->state == FRAME_SUSPENDED) {
            objvec_push(&mid, o);
        } else {
            fin.v[nl++] = o;
        }
    }
    for (size_t i = 0; i < mid.n; i++) {
        fin.v[nl++] = mid.v[i];
    }
    for (size_t i = 0; i < last.n; i++) {
        fin.v[nl++] = last.v[i];
    }
    free(mid.v);
    free(last.v);
    if (fin.n) {
        vm->nogc++;
        vm->gc_finalizing = true;
        for (size_t i = 0; i < fin.n; i++) {
            if (fin.v[i]->type && fin.v[i]->type->finalize) {
                fin.v[i]->type->finalize(vm, fin.v[i]);
            }
        }
        vm->gc_finalizing = false;
        vm->nogc--;
        for (size_t i = 0; i < fin.n; i++) {
            gc_mark(vm, fin.v[i]);
        }
        drain(vm);
    }
    // A finalizer may have made a set-aside object reachable again: it
    // keeps its finalizer for when it dies later.
    for (size_t i = 0; i < skip.n; i++) {
        if (skip.v[i]->marked) {
            fin_track(vm, skip.v[i]);
        }
    }
    free(fin.v);
    free(skip.v);
    // The unmarked pooled objects are garbage: out of the counts now,
    // swept later (above). The free lists start again from the slab
    // being carved, swept now (objects will be carved after its marked
    // ones), and then from each slab as pool_get sweeps it.
    size_t freed = vm->pool_objects - vm->mark_objects;
    size_t garbage = vm->pool_bytes - vm->mark_bytes;
    vm->bytes -= garbage < vm->bytes ? garbage : vm->bytes;
    vm->nobjects -= freed;
    vm->pool_bytes = vm->mark_bytes;
    vm->pool_objects = vm->mark_objects;
    for (size_t c = 0; c < GC_NCLASSES; c++) {
        vm->pool_free[c] = NULL;
    }
    vm->sweep_next = vm->sweep_end = 0;
    if (vm->nslabs > 0) {
        // The slab being carved, now: objects carved from it later would
        // read as garbage to a walk that ends at its first zero block.
        sweep_slab(vm, vm->nslabs - 1);
        vm->sweep_end = vm->nslabs - 1;
    }
    sweep_done(vm);
    gc_big_t **link = &vm->gc_head;
    while (*link) {
        gc_big_t *b = *link;
        obj_t *o = BIG_OBJ(b);
        if (o->marked) {
            o->marked = 0;
            link = &b->next;
            continue;
        }
        *link = b->next;
        if (o->type && o->type->destroy) {
            o->type->destroy(vm, o);
        }
        size_t sz = o->gc_size;
        vm->bytes -= sz < vm->bytes ? sz : vm->bytes;
        vm->nobjects--;
        free(b);
        freed++;
    }
    // The next collection when the heap has doubled; tripled when this
    // one kept three quarters or more: the heap is growing (a program
    // making its 100,000 tasks), and marking all of it again at every
    // doubling freed nothing. sleep0_tasks: 3% fewer instructions and a
    // lower peak (265 against 286 MB; with 4, 5% and 311 MB).
    size_t grow = vm->bytes >= before / 4 * 3 ? 3 : 2;
    vm->next_gc = vm->bytes * grow > GC_MIN_THRESHOLD ? vm->bytes * grow
                                                        : GC_MIN_THRESHOLD;
    return freed;
}

bool gc_any_finalizer(vm_t *vm)
{
    for (size_t i = 0; i < vm->nfin; i++) {
        obj_t *o = vm->fin[i];
        if (!(o->type->finalize_noop && o->type->finalize_noop(vm, o)) &&
            !(vm->fin_noop_hook && vm->fin_noop_hook(vm, o))) {
            return true;
        }
    }
    return false;
}

void gc_maybe(vm_t *vm)
{
    // LOOPLAB_GC_STRESS (read once at start-up into gc_stress) collects at
    // every safe point: a debugging aid for missing roots.
    if (vm->gc_stress && vm->nogc == 0) {
        gc_collect(vm);
        return;
    }
    if (vm->bytes >= vm->next_gc && vm->nogc == 0) {
        gc_collect(vm);
    }
}

static void destroy_one(vm_t *vm, obj_t *o, void *ctx)
{
    (void)ctx;
    if (o->type->destroy) {
        o->type->destroy(vm, o);
    }
}

void gc_free_all(vm_t *vm)
{
    // Pooled objects first: their memory goes with the slabs, at the end,
    // so their destroy slots may still read their types.
    for (size_t i = 0; i < vm->nslabs; i++) {
        for (obj_t *o = slab_first(vm, i); o;
             o = slab_next(o, vm->slabs[i] + GC_SLAB_SIZE)) {
            if (o->type) {
                destroy_one(vm, o, NULL);
            }
        }
    }
    gc_big_t *b = vm->gc_head;
    // Types are freed last: destroy slots of other objects read their
    // type's fields.
    gc_big_t *types = NULL;
    while (b) {
        gc_big_t *next = b->next;
        obj_t *o = BIG_OBJ(b);
        if (o->type == vm->t_type ||
            (o->type && o->type->solid == vm->t_type)) {
            b->next = types;
            types = b;
        } else {
            if (o->type && o->type->destroy) {
                o->type->destroy(vm, o);
            }
            free(b);
        }
        b = next;
    }
    // Types have no destroy slot of their own (their parts are objects):
    // free them without reading vm->t_type, which is one of them. Only
    // unpooled ones are here; pooled ones go with the slabs below.
    while (types) {
        gc_big_t *next = types->next;
        free(types);
        types = next;
    }
    vm->gc_head = NULL;
    free(vm->gray);
    vm->gray = NULL;
    free(vm->dead_types);
    vm->dead_types = NULL;
    vm->ndead_types = vm->capdead_types = 0;
    free(vm->fin);
    vm->fin = NULL;
    free(vm->extra_roots);
    vm->extra_roots = NULL;
    vm->nextra = vm->capextra = 0;
    vm->nfin = vm->capfin = 0;
    for (size_t i = 0; i < vm->nslabs; i++) {
        GC_UNPOISON(vm->slabs[i], GC_SLAB_SIZE);
    }
    for (size_t i = 0; i < vm->nslabs; i += GC_CHUNK_SLABS) {
        munmap(vm->slabs[i], GC_CHUNK);
    }
    free(vm->slabs);
    vm->slabs = NULL;
    vm->nslabs = vm->capslabs = 0;
    free(vm->mcache);
    vm->mcache = NULL;
    vm->slab_cur = vm->slab_end = NULL;
    memset(vm->pool_free, 0, sizeof vm->pool_free);
}
