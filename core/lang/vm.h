/*
 * vm.h - the interpreter context and the runtime API every module uses.
 *
 * vm_t holds all interpreter state (no globals): the built-in types, the
 * exception classes, interned names, the heap, the current frame and the
 * exception being raised. The functions below are the C API the built-in
 * types, the compiler's runtime and the asyncio engine share, like
 * CPython's abstract object layer (Objects/abstract.c).
 */
#ifndef LOOPLAB_CORE_LANG_VM_H
#define LOOPLAB_CORE_LANG_VM_H

#include <stdarg.h>
#include <stdio.h>

#include "cstack.h"
#include "obj.h"

struct frame_obj;
struct code_obj;

/* Built-in exception classes, in vm->exc_types[]. */
#define VM_EXCEPTIONS(X)                                                  \
    X(BaseException) X(Exception) X(ArithmeticError) X(ZeroDivisionError) \
    X(OverflowError) X(LookupError) X(IndexError) X(KeyError)             \
    X(TypeError) X(ValueError) X(NameError) X(UnboundLocalError)          \
    X(AttributeError) X(RuntimeError) X(RecursionError)                   \
    X(NotImplementedError) X(StopIteration) X(StopAsyncIteration)         \
    X(GeneratorExit) X(KeyboardInterrupt) X(SystemExit) X(AssertionError) \
    X(ImportError) X(ModuleNotFoundError) X(MemoryError) X(OSError)       \
    X(TimeoutError) X(SyntaxError) X(IndentationError) X(TabError)        \
    X(UnicodeError) X(UnicodeDecodeError) X(BaseExceptionGroup)           \
    X(ExceptionGroup) X(Warning) X(RuntimeWarning) X(DeprecationWarning)  \
    X(UserWarning) X(ResourceWarning) X(EOFError) X(BufferError)          \
    X(CancelledError) X(InvalidStateError) X(QueueEmpty) X(QueueFull)     \
    X(LimitOverrunError) X(IncompleteReadError) X(BrokenBarrierError)     \
    X(ConnectionError) X(BrokenPipeError) X(ConnectionAbortedError)       \
    X(ConnectionRefusedError) X(ConnectionResetError) X(FileExistsError)  \
    X(FileNotFoundError) X(IsADirectoryError) X(NotADirectoryError)       \
    X(InterruptedError) X(PermissionError) X(ProcessLookupError)          \
    X(ChildProcessError) X(BlockingIOError) X(UnicodeEncodeError)         \
    X(FloatingPointError) X(SystemError) X(ReferenceError)                \
    X(SyntaxWarning) X(FutureWarning) X(PendingDeprecationWarning)        \
    X(ImportWarning) X(UnicodeWarning) X(BytesWarning) X(EncodingWarning)

enum {
#define X(n) EXC_##n,
    VM_EXCEPTIONS(X)
#undef X
    EXC_COUNT
};

/* Interned names the runtime looks up often: vm->s.name. */
#define VM_NAMES(X)                                                        \
    X(__init__) X(__new__) X(__repr__) X(__str__) X(__eq__) X(__ne__)      \
    X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__hash__) X(__len__)         \
    X(__bool__) X(__iter__) X(__next__) X(__getitem__) X(__setitem__)      \
    X(__delitem__) X(__contains__) X(__call__) X(__enter__) X(__exit__)    \
    X(__await__) X(__aenter__) X(__aexit__) X(__aiter__) X(__anext__)      \
    X(__add__) X(__sub__) X(__mul__) X(__truediv__) X(__floordiv__)        \
    X(__mod__) X(__pow__) X(__matmul__) X(__and__) X(__or__) X(__xor__)    \
    X(__lshift__) X(__rshift__) X(__radd__) X(__rsub__) X(__rmul__)        \
    X(__rtruediv__) X(__rfloordiv__) X(__rmod__) X(__rpow__)               \
    X(__rmatmul__) X(__rand__) X(__ror__) X(__rxor__) X(__rlshift__)       \
    X(__rrshift__) X(__iadd__) X(__isub__) X(__imul__) X(__itruediv__)     \
    X(__ifloordiv__) X(__imod__) X(__ipow__) X(__imatmul__) X(__iand__)    \
    X(__ior__) X(__ixor__) X(__ilshift__) X(__irshift__) X(__neg__)        \
    X(__pos__) X(__invert__) X(__abs__) X(__index__) X(__int__)            \
    X(__float__) X(__getattr__) X(__getattribute__) X(__setattr__)         \
    X(__delattr__) X(__get__) X(__set__) X(__name__) X(__qualname__)       \
    X(__module__) X(__doc__) X(__class__) X(__dict__) X(__main__)          \
    X(__builtins__) X(__file__) X(__del__) X(__format__) X(__reversed__)   \
    X(__init_subclass__) X(__set_name__) X(__class_getitem__)              \
    X(__annotations__) X(__slots__) X(__round__) X(__missing__) X(args)    \
    X(send) X(throw) X(close) X(value) X(keys) X(items) X(write) X(flush)  \
    X(_asyncio_future_blocking) X(add_done_callback) X(cancel) X(result)   \
    X(exception) X(done) X(cancelled) X(get_loop) X(_loop) X(__self__)     \
    X(__wrapped__) X(__traceback__) X(__cause__)               \
    X(__context__) X(__suppress_context__) X(code) X(msg) X(exceptions)    \
    X(message) X(__mro__) X(__bases__) X(__base__) X(mro) X(get_name)   \
    X(None)

typedef struct vm_names {
#define X(n) str_t *n;
    VM_NAMES(X)
#undef X
    str_t *func_;          /* "__func__", a reserved identifier in C */
} vm_names_t;

/* Output sink for sys.stdout / sys.stderr: the trace recorder sees every
 * byte written to stdout (TRACE.md "out"). */
typedef struct vm_stream {
    FILE *fp;
    void (*hook)(void *ud, const char *s, size_t n); /* may be NULL */
    void *ud;
} vm_stream_t;

struct vm {
    /* Built-in types. */
    type_t *t_object, *t_type, *t_none, *t_notimpl, *t_ellipsis, *t_bool,
        *t_int, *t_float, *t_str, *t_tuple, *t_list, *t_dict, *t_set,
        *t_frozenset, *t_range, *t_slice, *t_func, *t_native, *t_method,
        *t_cell, *t_code, *t_frame, *t_gen, *t_coro, *t_coro_wrapper,
        *t_module, *t_property, *t_getset, *t_classmethod, *t_staticmethod,
        *t_super,
        *t_iter, *t_dict_keys, *t_dict_values, *t_dict_items, *t_partial,
        *t_stdstream;
    /* Iterator and helper types, one per built-in iterator. */
    type_t *t_list_iter, *t_tuple_iter, *t_range_iter, *t_str_iter,
        *t_dict_iter, *t_set_iter, *t_seq_iter, *t_reversed, *t_enumerate,
        *t_zip, *t_map, *t_filter, *t_list_reviter, *t_bytes_unused,
        *t_callable_iter, *t_traceback, *t_deque, *t_deque_iter,
        *t_deque_reviter;
    /* Async generators and the awaitables their methods return. */
    type_t *t_asyncgen, *t_asyncgen_asend, *t_asyncgen_athrow;
    type_t *exc_types[EXC_COUNT];
    /* Singletons. */
    obj_t *none, *true_, *false_, *notimpl, *ellipsis;
    tuple_t *empty_tuple;
    str_t *empty_str;
    obj_t *small_ints[262];  /* -5 .. 256 */
    str_t *char_strs[128];   /* one-character ASCII strings */
    dict_t *interned;
    vm_names_t s;
    dict_t *builtins;
    dict_t *modules;         /* sys.modules */
    obj_t *sys_stdout, *sys_stderr;
    vm_stream_t out, err;

    /* Execution state. */
    struct frame_obj *frame; /* innermost running frame */
    obj_t *exc;              /* the exception being raised, or NULL */
    obj_t *handled;          /* the exception being handled (sys.exc_info) */
    /* sys.set_asyncgen_hooks: called on an async generator's first
     * iteration and when it is collected unfinished (NULL: unset). */
    obj_t *agen_firstiter, *agen_finalizer;
    /* types.UnionType and the function making X | Y (from the prelude). */
    obj_t *union_type, *union_or;
    obj_t *anext_default;    /* anext(it, default) (from the prelude) */
    int depth;               /* Python call depth, for RecursionError */
    int recursion_limit;
    int c_depth;             /* native re-entry depth, a C stack guard */
    /* Below this address the C stack is nearly exhausted: guarded
     * recursion raises RecursionError there (cstack.h). Set by vm_new
     * for the thread that creates the VM, which is the one running it. */
    const char *stack_floor;
    int nogc;                /* > 0: C code holds unrooted objects */
    volatile int *interrupt; /* set by SIGINT: raise KeyboardInterrupt */
    uint64_t steps, max_steps; /* instruction budget, 0 = none */
    unsigned steps_over;       /* times the budget ran out */
    const char *main_path;   /* the program's file name as given */
    obj_t *main_source;      /* the program text (str), for tracebacks */
    dict_t *sources;         /* filename -> source text */
    /* Warnings shown, "file:line:Category:message" -> True: the default
     * action ("default") shows each once per location. */
    dict_t *warn_registry;
    bool exiting;            /* the collection at the program's end */
    bool tearing_down;       /* ... and the one after __main__ went */

    /* Heap. */
    struct gc_big *gc_head;  /* objects too big for the pools (gc.c) */
    size_t bytes, next_gc, max_bytes;
    size_t nobjects;
    bool gc_stress;          /* collect at every safe point (debugging) */
    bool gc_finalizing;      /* finalizers of a collection are running */
    size_t open_gens;        /* generators with a frame still (gen.c) */
    /* The coroutine or generator the last call made, while nothing but
     * the calling instruction's result can hold it: func_call sets it
     * when it makes one and clears it when any other call returns
     * (vm.c's GET_AWAITABLE, "await f()"). */
    obj_t *fresh_gen;
    /* POP_EXCEPT dropped an exception that may hold the last reference
     * to a coroutine never awaited; the "del e" after it collects. */
    bool exc_dropped;
    /* Coroutines not started yet that no Task runs (gen.c): while there
     * are some, a returning frame's locals are looked through for one
     * (call.c's frame_release). */
    int64_t loose_coros;
    /* Call sites where a call's coroutine argument was looked for after
     * the call (vm_drop_collect), a cache in front of warn_registry. */
#define VM_DROP_SEEN 64
    struct vm_site { const void *code; uint32_t ip; } drop_seen[VM_DROP_SEEN];
    /* Where a warning shows while vm->frame is warn_base (no Python frame
     * of the callback runs): Handle._run's line in events.py, around a
     * handle's callback (loop.c). NULL: the frame's line. */
    const struct vm_warn_at { const char *file, *src; int line; } *warn_at;
    struct frame_obj *warn_base;
    /* Small objects come from size-class pools (gc.c): free lists of dead
     * objects, carved from slabs freed only with the VM. */
    bool gc_nopool;          /* LOOPLAB_GC_NOPOOL: malloc each (valgrind) */
    void *pool_free[64];     /* per 8-byte class, up to 512 bytes */
    char *slab_cur, *slab_end;
    void **slabs;
    size_t nslabs, capslabs;
    /* Lazy sweeping (gc.c): slabs [sweep_next, sweep_end) still hold the
     * last collection's marks and garbage; dead_types waits for them. */
    size_t sweep_next, sweep_end;
    obj_t **dead_types;
    size_t ndead_types, capdead_types;
    /* Pooled objects (their gc_size), and those the collection running
     * has marked: what is unmarked at its end is garbage. */
    size_t pool_bytes, pool_objects, mark_bytes, mark_objects;
    obj_t **fin;             /* objects whose type has a finalizer */
    /* The method cache (type.c): (type, name) -> MRO lookup result.
     * An entry is valid while its epoch equals mcache_epoch. */
    struct type_mcache *mcache;
    uint32_t mcache_epoch;
    /* LOAD_ATTR's caches (vm.c) hold while this is unchanged: bumped with
     * mcache_epoch, but 64 bits, so it never wraps (never 0). */
    uint64_t acache_epoch;
    /* LOAD_GLOBAL's caches (vm.c) hold while this is unchanged: any
     * change to a DICT_GLOBALS dict and every collection bump it. Never
     * 0, which marks an empty entry; 64 bits, so it never wraps. */
    uint64_t gcache_epoch;
    size_t nfin, capfin;
    obj_t **gray;            /* mark stack */
    size_t ngray, capgray;
    obj_t **extra_roots;     /* pinned by C code across safe points */
    int nextra, capextra;
    void (*mark_hook)(vm_t *vm, void *ud); /* marks the engine's roots */
    void (*weak_hook)(vm_t *vm);  /* drops weak references to the dead */
    /* True when [o]'s finalizer is known to do nothing now (a done
     * future's __del__): the collector then frees it at once instead of
     * running the finalizer and keeping it for one more collection. It
     * must not run code or allocate. */
    bool (*fin_noop_hook)(vm_t *vm, obj_t *o);
    void *mark_ud;

    /* Hooks for the trace recorder and the engine (NULL when unused):
     * a warning shown, and the end of the main program (returns the final
     * exit status, e.g. after a deadlock report). */
    void (*warn_hook)(vm_t *vm, const char *category, const char *msg);
    int (*at_exit)(vm_t *vm, int status);

    /* Bootstrap: methods registered before types are complete. */
    bool types_ready;
    struct { type_t *t; const char *name; native_fn fn; int kind; }
        pending[1024];
    int npending;

    /* The asyncio engine and trace recorder hang here (core/aio). */
    void *aio;
    void *trace;
};

/* ---- Lifecycle (vm.c) ------------------------------------------------- */

vm_t *vm_new(void);
/* The default heap ceiling (--max-memory): 4 GB, or less on a small
 * machine or under an address-space limit. */
size_t vm_default_max_memory(void);
/* --max-steps ran out (a backward jump or a loop iteration over budget):
 * raises RuntimeError and grants a grace that halves each time, so that
 * finally blocks and asyncio.run's clean-up still run while a program
 * that swallows the error meets it again ever sooner. Returns NULL. */
obj_t *vm_steps_exhausted(vm_t *vm);
void vm_free(vm_t *vm);

/* Compiles and runs [src] (UTF-8, [len] bytes) as module __main__ from
 * [path]. Returns the process exit status the way python3 would: 0, 1 for
 * an uncaught exception (printed to stderr), or SystemExit's code. */
/* Where s[0..len) stops being UTF-8: the offset of the first bad byte,
 * or len. At a bad byte, msg (when given) gets CPython's decode error
 * ("'utf-8' codec can't decode byte 0xff in position 3: invalid start
 * byte"), the text the REPL's SyntaxError quotes. */
size_t vm_utf8_check(const char *s, size_t len, char *msg, size_t msgsz);
/* A source file's bytes made into program text as CPython's tokenizer
 * reads them (source.h): a malloc'd UTF-8 text with \n line ends (length
 * in *tlen), or NULL after printing CPython's SyntaxError for it. */
char *vm_source_decode(vm_t *vm, const char *path, const char *src,
                       size_t len, size_t *tlen);
int vm_run_main(vm_t *vm, const char *path, const char *src, size_t len);
/* Prints an uncaught exception the way python3 does at exit and returns
 * the exit status it implies (SystemExit's code, 130 for
 * KeyboardInterrupt, 1 otherwise). */
int vm_exit_status(vm_t *vm, obj_t *e);

/* Pins [o] as a root until the matching vm->nextra-- (LIFO): for C code
 * that holds an object while calling code where a collection may run. */
void vm_pin(vm_t *vm, obj_t *o);

/* ---- Constructors ------------------------------------------------------ */

obj_t *int_new(vm_t *vm, int64_t v);
obj_t *float_new(vm_t *vm, double v);
obj_t *bool_new(vm_t *vm, bool b);
str_t *str_new(vm_t *vm, const char *s, size_t len); /* copies; UTF-8 */
str_t *str_cstr(vm_t *vm, const char *s);
str_t *str_intern(vm_t *vm, const char *s);          /* shared instance */
str_t *str_fmt(vm_t *vm, const char *fmt, ...);      /* printf-style */
str_t *str_concat(vm_t *vm, str_t *a, str_t *b);
/* ascii(o): o's repr with every non-ASCII code point escaped
 * (PyObject_ASCII). */
str_t *str_ascii(vm_t *vm, obj_t *o);
/* parts[0..n), lens[i] bytes each, joined: str_fmt without printf. */
str_t *str_catn(vm_t *vm, size_t n, const char *const *parts,
                const size_t *lens);
tuple_t *tuple_new(vm_t *vm, size_t n);               /* items = None */
tuple_t *tuple_pack(vm_t *vm, size_t n, ...);
/* items = None; NULL with MemoryError raised when n items would pass
 * --max-memory (never for n == 0). */
list_t *list_new(vm_t *vm, size_t n);
/* For the interpreter's own small lists: cannot fail (aborts when malloc
 * does). Lists whose size the program decides use list_try_append: -1
 * with MemoryError raised past --max-memory or when malloc fails. */
void list_append(vm_t *vm, list_t *l, obj_t *v);
/* collections.deque (obj_deque.c), whose type and _collections module
 * obj_deque_init makes; deque_append trims to maxlen, deque_popleft
 * raises IndexError when empty. */
obj_t *deque_new(vm_t *vm);
void deque_append(vm_t *vm, deque_t *d, obj_t *x);
obj_t *deque_popleft(vm_t *vm, deque_t *d);
size_t deque_len(const deque_t *d);
module_t *obj_deque_init(vm_t *vm);
int list_try_append(vm_t *vm, list_t *l, obj_t *v);
/* Appends what the iterator yields: 0, or -1 with the exception raised. */
int list_extend_from_iter(vm_t *vm, list_t *l, obj_t *it);
dict_t *dict_new(vm_t *vm);
dict_t *set_new(vm_t *vm, type_t *t);                 /* set/frozenset */
obj_t *range_new(vm_t *vm, int64_t start, int64_t stop, int64_t step);
obj_t *slice_new(vm_t *vm, obj_t *a, obj_t *b, obj_t *c);
obj_t *cell_new(vm_t *vm, obj_t *v);
obj_t *method_new(vm_t *vm, obj_t *func, obj_t *self);
native_t *native_new(vm_t *vm, const char *name, native_fn fn, obj_t *self);
/* Creates a type. For built-ins: [base] may be NULL (object). */
type_t *type_new_builtin(vm_t *vm, const char *name, type_t *base,
                         int layout, size_t size);
/* How a native registered on a built-in type gets its receiver: CPython's
 * method descriptor, classmethod descriptor and the built-in __new__. */
enum {
    /* self: an instance of the type (or of a subclass). Bound when looked
     * up on an instance; called through the class, the first argument is
     * checked to be one before the native runs. */
    TM_METHOD,
    /* self: the class it was looked up on, or the instance's class. */
    TM_CLASS,
    /* self: the type it was registered on; argv holds every argument (for
     * __new__, whose first argument is the class to create). */
    TM_STATIC
};
/* Adds a native method [name] to built-in type [t] (TM_METHOD). */
void type_add_method(vm_t *vm, type_t *t, const char *name, native_fn fn);
/* Adds a getset descriptor (getset_t) for a field of t's layout. */
void type_add_getset(vm_t *vm, type_t *t, const char *name,
                     getset_get_fn get, getset_set_fn set);
/* Adds a native of any kind (TM_*) to built-in type [t]. */
void type_add_native(vm_t *vm, type_t *t, const char *name, native_fn fn,
                     int kind);
/* Creates an exception instance of [t] with args tuple [args]. */
obj_t *exc_new(vm_t *vm, type_t *t, tuple_t *args);
/* Raises OSError(err, strerror(err)) as the subclass CPython picks for
 * that errno (BrokenPipeError for EPIPE, ...). Returns NULL. */
obj_t *exc_raise_errno(vm_t *vm, int err);
/* Raises a SyntaxError ([type] "SyntaxError", "IndentationError" or
 * "TabError") at [line] (1-based) and [col] (0-based byte column) of [src],
 * with that source line as its text. Returns NULL. */
obj_t *exc_syntax_error(vm_t *vm, const char *type, const char *msg,
                        const char *filename, int line, int col,
                        const char *src, size_t len);
module_t *module_new(vm_t *vm, const char *name);

/* ---- Module initialisers: each creates its types on [vm]. -------------- */

void obj_core_init(vm_t *vm);   /* object, type, None, ... (obj.c) first */
void obj_num_init(vm_t *vm);    /* int, bool, float (obj_num.c) */
void obj_str_init(vm_t *vm);    /* str and its iterator (obj_str.c) */
void obj_seq_init(vm_t *vm);    /* tuple, list, range, slice (obj_seq.c) */
void obj_dict_init(vm_t *vm);   /* dict, views, set, frozenset */

/* ---- Str helpers (obj_str.c) ------------------------------------------ */

int64_t str_hash(str_t *s);
bool str_eq(str_t *a, str_t *b);
/* Byte offset of code point [i] (0 <= i <= nchars). */
size_t str_offset(str_t *s, size_t i);
/* A str holding the one code point at index [i]. */
str_t *str_char_at(vm_t *vm, str_t *s, size_t i);
/* Python's repr of a str (quotes and escapes as CPython chooses). */
str_t *str_repr(vm_t *vm, str_t *s);
/* str.format(*args, **kwargs) on [fmt]. */
obj_t *str_format(vm_t *vm, str_t *fmt, int argc, obj_t **argv,
                  tuple_t *kwnames);
/* sep.join(iterable). */
obj_t *str_join(vm_t *vm, str_t *sep, obj_t *iterable);

/* ---- Sequences (obj_seq.c) -------------------------------------------- */

/* Resolves a slice against a length (PySlice_GetIndicesEx); returns the
 * number of selected items or -1 on error. */
int64_t slice_indices(vm_t *vm, obj_t *slice, int64_t len, int64_t *start,
                      int64_t *stop, int64_t *step);
int list_sort(vm_t *vm, list_t *l, obj_t *key, bool reverse);
tuple_t *list_to_tuple(vm_t *vm, list_t *l);
/* Hash of a tuple, CPython's algorithm (so sets of tuples iterate alike). */
int tuple_hash(vm_t *vm, tuple_t *t, int64_t *out);

/* ---- Dict and set (obj_dict.c) ---------------------------------------- */

/* Lookups return a borrowed value or NULL. They may raise (a key whose
 * __hash__/__eq__ raised): check vm->exc when NULL matters. */
obj_t *dict_get(vm_t *vm, dict_t *d, obj_t *key);
obj_t *dict_get_str(vm_t *vm, dict_t *d, str_t *key); /* no user code */
/* The index in d's entries of str [key], or -1: no user code. */
int64_t dict_index_str(dict_t *d, str_t *key);
obj_t *dict_get_cstr(vm_t *vm, dict_t *d, const char *key);
/* dict_get_str trying entry *[hint] first (where the key was last
 * found: an entry holding this very key object is its live one), and
 * leaving the entry found there. For a native's lookups of a module's
 * globals by name, call after call. */
obj_t *dict_get_str_at(dict_t *d, str_t *key, size_t *hint);
int dict_set(vm_t *vm, dict_t *d, obj_t *key, obj_t *v);
int dict_set_cstr(vm_t *vm, dict_t *d, const char *key, obj_t *v);
/* Returns 1 if deleted, 0 if absent, -1 on error. */
int dict_del(vm_t *vm, dict_t *d, obj_t *key);
/* The same three with the key's hash given (obj_hash): one hash for
 * several operations on one key. */
obj_t *dict_get_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash);
int dict_set_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash, obj_t *v);
int dict_del_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash);
/* Where dict_add_known stored a key or dict_del_if_known removed it,
 * and the dict's version then: the next of the two on the same key and
 * dict skips its search while nothing was added or removed since. The
 * add after a removal reuses the freed index slot (in the key's probe
 * chain, as any free slot there may be used). A task's step entering and
 * leaving _current_tasks: the same key, in and out, every step. */
typedef struct dict_hint {
    dict_t *d;
    obj_t *key;
    size_t slot;       /* index slot */
    int64_t ix;        /* entry, while the key is in */
    uint64_t version;
    bool in;           /* the key was added (else removed) */
} dict_hint_t;
/* [v] stored under [key] unless the key is there: 1 stored, 0 there
 * (nothing changed), -1 error. One search where get then set take two
 * (a task's step entering it), none with [hint] (may be NULL) current. */
int dict_add_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash, obj_t *v,
                   dict_hint_t *hint);
/* [key]'s entry removed if its value is [v] (by identity): 1 removed, 0
 * absent or another value, -1 error. One search where get then del take
 * two (a task's step leaving it), none with [hint] current. */
int dict_del_if_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                      obj_t *v, dict_hint_t *hint);
/* Iteration: *pos starts at 0; returns false at the end. */
bool dict_next(dict_t *d, size_t *pos, obj_t **key, obj_t **value);
int set_add(vm_t *vm, dict_t *s, obj_t *key);
int set_contains(vm_t *vm, dict_t *s, obj_t *key);
int set_discard(vm_t *vm, dict_t *s, obj_t *key);
/* Header flag of a dict that is a class namespace: changing it
 * invalidates the method cache (type_cache_invalidate). */
#define DICT_CLASSNS 0x10
/* Header flag of a module's globals (and the builtins): changing it
 * invalidates LOAD_GLOBAL's caches (vm->gcache_epoch). */
#define DICT_GLOBALS 0x08
/* Set iteration in CPython's table order (obj_dict.c). */
bool set_next(dict_t *s, size_t *pos, obj_t **key);

/* ---- Generic operations (obj.c) ---------------------------------------- */

bool obj_isinstance_t(obj_t *o, type_t *t);  /* no user __instancecheck__ */
bool type_issub(type_t *a, type_t *b);
/* Looks [name] up along [t]'s MRO; borrowed result or NULL. Answers
 * come from a method cache (type.c) that any change to a class's
 * namespace, and every collection, invalidates. */
obj_t *type_lookup(vm_t *vm, type_t *t, str_t *name);
/* A class namespace [d] changed: cached lookups are stale. */
void type_cache_invalidate(vm_t *vm);
str_t *obj_repr(vm_t *vm, obj_t *o);
str_t *obj_str(vm_t *vm, obj_t *o);
str_t *obj_format(vm_t *vm, obj_t *o, str_t *spec);   /* format(o, spec) */
int obj_hash(vm_t *vm, obj_t *o, int64_t *out);
int obj_eq(vm_t *vm, obj_t *a, obj_t *b);             /* 1, 0, -1 */
int obj_truthy(vm_t *vm, obj_t *o);                   /* 1, 0, -1 */
/* Rich comparison; op is one of the CMP_* below. */
obj_t *obj_compare(vm_t *vm, obj_t *a, obj_t *b, int op);
obj_t *obj_binop(vm_t *vm, obj_t *a, obj_t *b, int op, bool inplace);
obj_t *obj_unop(vm_t *vm, obj_t *a, int op);
obj_t *obj_getattr(vm_t *vm, obj_t *o, str_t *name);
/* Like obj_getattr but a missing attribute is no error: returns NULL with
 * no exception set. */
obj_t *obj_getattr_opt(vm_t *vm, obj_t *o, str_t *name);
/* _PyObject_LookupAttr: 1 with *out set when [o] has [name], 0 when it
 * has not (no AttributeError is left, none is made for a plain miss),
 * -1 with any other exception raised. getattr with a default, hasattr. */
int obj_lookup_attr(vm_t *vm, obj_t *o, str_t *name, obj_t **out);
int obj_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v); /* v NULL: del */
obj_t *obj_getitem(vm_t *vm, obj_t *o, obj_t *key);
int obj_setitem(vm_t *vm, obj_t *o, obj_t *key, obj_t *v);  /* v NULL: del */
int obj_contains(vm_t *vm, obj_t *container, obj_t *item);  /* 1, 0, -1 */
obj_t *obj_iter(vm_t *vm, obj_t *o);
/* Next item; NULL with no exception set means exhausted. */
obj_t *obj_next(vm_t *vm, obj_t *it);
int64_t obj_len(vm_t *vm, obj_t *o);                        /* -1: raised */
/* An int from an index-like object (int, bool, __index__). */
int obj_index(vm_t *vm, obj_t *o, int64_t *out);
const char *type_name(obj_t *o);
/* Materialises any iterable into a new list. */
list_t *obj_to_list(vm_t *vm, obj_t *iterable);
/* Looks up a special method on the type and calls it with [self] first;
 * *found is set to whether it existed. */
obj_t *obj_call_special(vm_t *vm, obj_t *self, str_t *name, int argc,
                        obj_t **argv, bool *found);

enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };
enum {
    OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_MATMUL, OP_AND, OP_OR, OP_XOR, OP_LSHIFT, OP_RSHIFT, OP_COUNT
};
enum { UOP_NEG, UOP_POS, UOP_INVERT, UOP_NOT };

/* LOAD_ATTR's cache, one entry per name of a code object: an instance
 * of [type] found [name] in its __dict__ at entries[hint]. It holds
 * while vm->acache_epoch is [epoch] (no class namespace changed and no
 * collection ran, so [type] is the same class and still has no data
 * descriptor for the name): then an object of exactly that type whose
 * dict has the name at that index has it as its attribute, as
 * obj_getattr would find it (the dict comes before non-data
 * descriptors). CPython 3.11 specialises LOAD_ATTR the same way
 * (LOAD_ATTR_WITH_HINT). */
struct code_acache {
    type_t *type;
    uint64_t epoch;
    uint32_t hint;
};

/* LOAD_METHOD's cache, one entry per name of a code object: [method]
 * is what type_lookup found on [type] and took as a method, and the
 * instance dict [dict] (NULL: none) did not have the name at [version].
 * It holds while vm->acache_epoch is [epoch] (the lookup's result) and
 * the object's dict is that one at that version: a key is only ever
 * added by dict_insert, which bumps it. The type's getattr slot is
 * still asked first. CPython 3.11's LOAD_METHOD_WITH_DICT is alike. */
struct code_mcache {
    type_t *type;
    uint64_t epoch;
    dict_t *dict;
    uint64_t version;
    obj_t *method;
};

/* Attribute reads, writes and method calls from C through caches of
 * the kinds above, one per name a caller uses again and again (zeroed
 * before the first use; they hold no reference): what o.name,
 * o.name = v and o.name(*argv) do, at the cost of the eval loop's
 * cached instructions (asyncio.Queue's methods, queue.c). */
obj_t *vm_getattr_cached(vm_t *vm, obj_t *o, str_t *name,
                         struct code_acache *c);
int vm_setattr_cached(vm_t *vm, obj_t *o, str_t *name, obj_t *v,
                      struct code_acache *c);
obj_t *vm_call_method_cached(vm_t *vm, obj_t *o, str_t *name, int argc,
                             obj_t **argv, struct code_mcache *c);

/* ---- Calls ------------------------------------------------------------- */

/* Calls [callable] with the vectorcall convention. Safe to call from any
 * native code: it counts as a native re-entry, so no collection runs while
 * the caller's temporaries are unrooted. */
obj_t *vm_call(vm_t *vm, obj_t *callable, int argc, obj_t **argv,
               tuple_t *kwnames);
obj_t *vm_call0(vm_t *vm, obj_t *callable);
obj_t *vm_call1(vm_t *vm, obj_t *callable, obj_t *a);
obj_t *vm_call2(vm_t *vm, obj_t *callable, obj_t *a, obj_t *b);
/* Calls method [name] of [o]. */
obj_t *vm_call_method(vm_t *vm, obj_t *o, str_t *name, int argc,
                      obj_t **argv);
/* A call whose caller keeps everything it holds reachable from roots, so
 * the collector may run inside (used by the event loop's trunk). */
obj_t *vm_call_clean(vm_t *vm, obj_t *callable, int argc, obj_t **argv,
                     tuple_t *kwnames);
bool vm_callable(obj_t *o);

/* Parses native arguments. [names] lists every parameter; the first
 * [maxpos] may be given positionally; the first [minreq] are required.
 * Missing optional ones are left NULL in out[]. Raises TypeError with
 * CPython's wording on mismatch. */
int vm_parse_args(vm_t *vm, const char *fname, int argc, obj_t **argv,
                  tuple_t *kwnames, int minreq, int maxpos,
                  const char *const *names, int nnames, obj_t **out);

/* ---- Exceptions -------------------------------------------------------- */

/* Raises [t] with a printf-formatted message; always returns NULL. */
obj_t *vm_raise(vm_t *vm, int exc, const char *fmt, ...);
obj_t *vm_raise_t(vm_t *vm, type_t *t, const char *fmt, ...);
/* Raises the exception instance (or class) [e]. Returns NULL. */
obj_t *vm_raise_obj(vm_t *vm, obj_t *e);
/* Takes the pending exception (clearing it). */
obj_t *vm_take_exc(vm_t *vm);
bool vm_exc_matches(vm_t *vm, int exc);
/* Line [n] of [filename]'s source (a file the VM loaded), stripped, into
 * [buf]; false when there is none or it is blank (linecache.getline). */
bool vm_source_line(vm_t *vm, const char *filename, int n, char *buf,
                    size_t size);
/* Prints [e] with its traceback as CPython's default excepthook would
 * (with "Did you mean" after a NameError or AttributeError). */
void vm_print_exception(vm_t *vm, obj_t *e, FILE *fp);
/* The same as 3.11's traceback module prints it (no suggestion): what
 * asyncio's logger writes. */
void vm_print_traceback(vm_t *vm, obj_t *e, FILE *fp);
/* Writes text to sys.stdout / sys.stderr (honouring redirection). */
/* Writes program output to stdout (and the out hook). Returns 0, or -1
 * with an OSError raised when the write failed (EPIPE, ENOSPC). */
int vm_write_out(vm_t *vm, const char *s, size_t n);
void vm_write_err(vm_t *vm, const char *s, size_t n);
/* Emits a warning as CPython's warnings.warn does with the default
 * filters: shown as warnings.showwarning formats it, once per location;
 * returns 1 when shown, 0 when the registry had it already. */
int vm_warn(vm_t *vm, int category, const char *msg);
/* The same at a given place (warnings.warn_explicit): [text] the source
 * line to show, or NULL to look it up when [lookup]. The compiler's
 * SyntaxWarnings come this way. */
int vm_warn_explicit(vm_t *vm, int category, const char *msg,
                     const char *file, int line, const char *text,
                     bool lookup);
/* A coroutine never awaited may just have lost its last holder at the
 * running frame's instruction (a call's argument, a returning frame's
 * local): a collection finds whether it did, and then it warns at this
 * line. Once per call site: one that keeps what it is given would
 * otherwise collect at every call, and a second warning from one site
 * is shown only when its message differs (the warning registry). The
 * sites tried are in the registry too, under keys no warning has; a
 * small cache in front of it keeps the repeated case at a few
 * instructions. [keep] (may be NULL) is pinned meanwhile. */
void vm_drop_collect(vm_t *vm, obj_t *keep);

#define EXC_TYPE(vm, n) ((vm)->exc_types[EXC_##n])

#endif
