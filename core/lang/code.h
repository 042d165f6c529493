/*
 * code.h - code objects, frames and the instruction set.
 *
 * Instructions are 32-bit words: the opcode in the low 8 bits and one
 * argument in the high 24 (as CPython's wordcode, widened so no
 * EXTENDED_ARG is needed). Frames are heap objects: a generator or
 * coroutine keeps its frame and resumes it later, with no C stack of its
 * own (the design of CPython before 3.11's inlined frames).
 */
#ifndef LOOPLAB_CORE_LANG_CODE_H
#define LOOPLAB_CORE_LANG_CODE_H

#include "vm.h"

#define OPCODES(X)                                                          \
    X(NOP) X(POP_TOP) X(ROT_TWO) X(ROT_THREE) X(ROT_FOUR) X(DUP_TOP)        \
    X(DUP_TOP_TWO) X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST)  \
    X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE)            \
    X(LOAD_CLASSDEREF) X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL)      \
    X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME) X(LOAD_ATTR) X(STORE_ATTR)    \
    X(DELETE_ATTR) X(LOAD_METHOD) X(CALL_METHOD) X(BINARY) X(INPLACE)       \
    X(UNARY) X(COMPARE) X(IS_OP) X(CONTAINS_OP) X(BINARY_SUBSCR)            \
    X(STORE_SUBSCR) X(DELETE_SUBSCR) X(BUILD_SLICE) X(BUILD_TUPLE)          \
    X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(BUILD_STRING) X(LIST_APPEND)  \
    X(SET_ADD) X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE)       \
    X(DICT_MERGE) X(LIST_TO_TUPLE) X(UNPACK_SEQUENCE) X(UNPACK_EX)          \
    X(FORMAT_VALUE) X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE)        \
    X(JUMP_IF_FALSE_OR_POP) X(JUMP_IF_TRUE_OR_POP) X(GET_ITER) X(FOR_ITER)  \
    X(CALL) X(CALL_KW) X(CALL_EX) X(MAKE_FUNCTION) X(RETURN_VALUE)          \
    X(YIELD_VALUE) X(GET_AWAITABLE) X(GET_YIELD_FROM_ITER) X(YIELD_FROM)    \
    X(SETUP_FINALLY) X(SETUP_WITH) X(SETUP_ASYNC_WITH) X(POP_BLOCK)         \
    X(POP_EXCEPT) X(RERAISE) X(RAISE) X(JUMP_IF_NOT_EXC_MATCH)              \
    X(WITH_EXIT) X(WITH_EXCEPT) X(BEFORE_ASYNC_WITH) X(GET_AITER)           \
    X(GET_ANEXT) X(END_ASYNC_FOR) X(LOAD_BUILD_CLASS) X(IMPORT_NAME)        \
    X(IMPORT_FROM) X(IMPORT_STAR) X(LOAD_ASSERTION_ERROR) X(SETUP_ANNOTATIONS) \
    X(STORE_RETVAL) X(RETURN_RETVAL) X(PRINT_EXPR) X(EXCEPT_STAR)           \
    X(END_EXCEPT_STAR) X(CHECK_EG_MATCH) X(GEN_START) X(POP_ITER)         \
    X(CALL_FRESH) X(CALL_METHOD_FRESH)

enum {
#define X(n) OP_##n,
    OPCODES(X)
#undef X
    OP__COUNT
};

/* Code flags. */
enum {
    CO_GENERATOR = 1, CO_COROUTINE = 2, CO_VARARGS = 4, CO_VARKEYWORDS = 8,
    CO_NEWLOCALS = 16, CO_MODULE = 32, CO_CLASS = 64, CO_ASYNCGEN = 128,
    CO_ITERABLE_COROUTINE = 256,
    CO_LIBRARY = 512       /* looplab's own library code (the prelude) */
};

typedef struct code_obj {
    obj_t hdr;
    uint32_t *ops;
    int32_t *lines;        /* line of each instruction */
    size_t nops;
    tuple_t *consts;
    tuple_t *names;        /* attribute and global names */
    tuple_t *varnames;     /* fast locals: arguments first */
    tuple_t *cellvars;     /* locals captured by inner functions */
    tuple_t *freevars;     /* captured from outer functions */
    int *cell2arg;         /* cellvar i is argument cell2arg[i], or -1 */
    int ncell2arg;         /* entries in cell2arg (destroy must not read
                              cellvars, which may be freed first) */
    int argcount, posonly, kwonly;
    int nlocals, stacksize, nblocks;
    int ncells;            /* cellvars and freevars */
    int flags;
    int firstline;
    str_t *name, *qualname, *filename;
    /* Library code may report CPython's file, first line and await
     * lines instead of its own (linemap: pairs own line -> reported
     * line), so reprs read like CPython's; srcfile is then the file its
     * source text is in (NULL: filename). */
    int32_t *linemap;
    int nlinemap;
    str_t *srcfile;
    /* LOAD_GLOBAL's cache, one entry per name (vm.c), or NULL. */
    struct code_gcache *gcache;
    struct code_acache *acache;   /* LOAD_ATTR's, by name (vm.c) */
    struct code_acache *scache;   /* STORE_ATTR's, by name (vm.c) */
    struct code_mcache *lmcache;  /* LOAD_METHOD's, by name (vm.c) */
    /* A finished call's frame kept for the next (frame_free, frame_new),
     * as CPython 3.10 kept co_zombieframe: no allocation, no release and
     * a block still in the cache for a function called again and again.
     * It holds nothing: header fields, locals and cells are zero and its
     * top is at its stack's start, so that its marking (the code marks
     * it) reads no stale slot. */
    struct frame_obj *spare;
    /* The same for the coroutine (or iterable-coroutine generator) an
     * await owned and freed as it returned (vm.c's YIELD_FROM, gen_free):
     * cleared but for its type, header and code. */
    struct gen_obj *spare_gen;
} code_t;

/* Under ASan released frames and generators go back to the collector,
 * so that a use after release is reported rather than served by the
 * next call: no spares then (nor with LOOPLAB_GC_NOPOOL, vm->gc_nopool,
 * for valgrind's sake). */
#if defined(__SANITIZE_ADDRESS__)
#define CODE_NO_SPARES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CODE_NO_SPARES 1
#endif
#endif

/* Block stack entries (CPython <= 3.10's try-block stack). */
enum { BLK_FINALLY, BLK_EXCEPT_HANDLER, BLK_WITH };
typedef struct block { int type, handler, level; } block_t;

/* Frame header flag: a frame handed to Python as some frame's f_back has
 * escaped and is left to the collector; a plain call's frame that has
 * not is freed as soon as the call returns (func_call, frame_free). */
#define FRAME_ESCAPED 0x01

/* Frame states. */
enum { FRAME_CREATED, FRAME_RUNNING, FRAME_SUSPENDED, FRAME_DONE };

/* A frame. localsplus holds nlocals fast locals, then the cells (cellvars
 * then freevars), then the value stack. Invariant: stack[0..sp) are live
 * values; a suspended frame keeps ip at the instruction to resume. */
typedef struct frame_obj {
    obj_t hdr;
    struct frame_obj *back;
    code_t *code;
    func_t *func;
    dict_t *globals;
    dict_t *locals;        /* module and class bodies only */
    obj_t *retval;         /* value being returned across finally blocks */
    obj_t *gen;            /* the generator running this frame, if any */
    obj_t **top;           /* the value stack's top (frame_stack + depth) */
    uint32_t ip;
    int nblocks;
    int state;
    int line;              /* last line executed, for f_lineno */
    /* Where the value stack and the block stack start follows from the
     * code (frame_stack, frame_blocks): a pending task holds two frames,
     * and each pointer kept here cost it 16 bytes. */
    obj_t *localsplus[];
} frame_t;

static inline obj_t **frame_stack(frame_t *f)
{
    return f->localsplus + f->code->nlocals + f->code->ncells;
}

static inline block_t *frame_blocks(frame_t *f)
{
    return (block_t *)(frame_stack(f) + f->code->stacksize);
}

/* Generator header flag: the await that made this coroutine (or
 * iterable-coroutine generator) in its own call owns it: nothing else
 * holds it, it is out of the collector's finalizable array, and
 * YIELD_FROM frees it when it returns (vm.c). Reading the awaiting
 * coroutine's cr_await shares it: the flag goes and it is tracked again
 * (gen.c). */
#define GEN_AWAIT_OWNED 0x01
/* ... and a Task runs this coroutine (task.c): passing it to the Task's
 * constructor did not drop it (vm_aux.c's vm__call_fresh). */
#define GEN_TASK 0x02

/* Generators, coroutines and the coroutine's __await__ wrapper: 64
 * bytes (80 until the twelfth round), a pending task holding two. */
typedef struct gen_obj {
    obj_t hdr;
    frame_t *frame;        /* NULL once finished */
    /* (__name__, __qualname__), private, when either is not the code's
     * (a function whose names were assigned, or the coroutine's own);
     * NULL in the usual case. gen_name and gen_qualname read them. */
    struct tuple_obj *names;
    obj_t *handled;        /* exception being handled inside, saved */
    bool running;
    bool started;
    bool closed_warned;    /* "never awaited" already reported */
    bool running_async;    /* async generator: an asend/athrow is active */
    bool ag_closed;        /* async generator: aclose()d or exhausted */
    bool ag_hooks_inited;  /* async generator: firstiter hook consulted */
    union {
        obj_t *ag_finalizer;   /* async generator: the finalizer hook then
                                  set */
        obj_t *wrapped;        /* coroutine wrapper: the coroutine */
    };
    struct code_obj *code; /* kept after the frame is gone (cr_code);
                              NULL in a coroutine wrapper */
} gen_t;

static inline str_t *gen_name(const gen_t *g)
{
    return g->names ? (str_t *)g->names->items[0]
           : g->code ? g->code->name : NULL;
}

static inline str_t *gen_qualname(const gen_t *g)
{
    return g->names ? (str_t *)g->names->items[1]
           : g->code ? g->code->qualname : NULL;
}

/* ---- Code and frames (compile.c / vm.c) ----------------------------- */

/* Compiles a parsed module. Returns a code object or NULL with a
 * SyntaxError raised. */
struct node;
code_t *compile_module(vm_t *vm, struct node *tree, const char *filename);
/* Parses and compiles; raises SyntaxError with file and line. */
code_t *compile_source(vm_t *vm, const char *src, size_t len,
                       const char *filename);
/* Compile flags for the REPL: expression statements print their value
 * (PRINT_EXPR), and top-level await makes the module code a coroutine
 * (CO_COROUTINE), as PyCF_ALLOW_TOP_LEVEL_AWAIT does. */
enum { COMPILE_INTERACTIVE = 1, COMPILE_TOPLEVEL_AWAIT = 2 };
code_t *compile_source_ex(vm_t *vm, const char *src, size_t len,
                          const char *filename, int flags);

frame_t *frame_new(vm_t *vm, code_t *code, dict_t *globals, dict_t *locals,
                   func_t *func);
/* Runs [f] until it returns, yields or raises. Sends [sent] in (NULL on
 * first entry), or throws vm->exc when [throwing]. Returns the value or
 * NULL; *yielded tells a yield from a return. */
obj_t *vm_eval(vm_t *vm, frame_t *f, obj_t *sent, bool throwing,
               bool *yielded);
/* Calls a Python function. */
obj_t *func_call(vm_t *vm, func_t *fn, int argc, obj_t **argv,
                 tuple_t *kwnames);
/* A frame nothing holds any more (not FRAME_ESCAPED): its code's spare
 * if that is free (frame_new takes it), else back to the heap. Not with
 * LOOPLAB_GC_NOPOOL or under ASan, whose use-after-free reports need
 * every block freed. (call.c) */
void frame_free(vm_t *vm, frame_t *f);
/* frame_release's way while coroutines never started and no Task's
 * exist (vm->loose_coros): one left in a local of the program's frame
 * [f] dies with it, and CPython warns at the caller's line ("c = work()"
 * and return). (call.c) */
void frame_release_loose(vm_t *vm, frame_t *f, obj_t *r, int argc,
                         obj_t **argv, tuple_t *kwnames);

/* The end of [f]'s run, which returned [r] (NULL: raised): func_call's
 * and a generator's last resume's. Nothing can hold the frame of a
 * finished call unless f_back or a traceback handed it out
 * (FRAME_ESCAPED; generator frames keep no f_back once suspended): it
 * is freed at once (frame_free: its code's spare, or back to the heap)
 * rather than left as a few hundred bytes of garbage per call. [argv]
 * (argc and kwnames' values) are the caller's arguments, still on its
 * stack: its CALL_FRESH looks at those. */
static inline void frame_release(vm_t *vm, frame_t *f, obj_t *r, int argc,
                                 obj_t **argv, tuple_t *kwnames)
{
    if (vm->loose_coros > 0 && r) {
        frame_release_loose(vm, f, r, argc, argv, kwnames);
        return;
    }
    if (!(f->hdr.flags & FRAME_ESCAPED)) {
        frame_free(vm, f);
    }
}
/* Current line of a frame. */
int frame_line(frame_t *f);
/* The line of the instruction the innermost frame is executing (f->ip,
 * synced at every instruction): where a warning raised now points. */
int frame_line_running(frame_t *f);

/* ---- Generators (gen.c) --------------------------------------------- */

void gen_init_types(vm_t *vm);
obj_t *gen_new(vm_t *vm, frame_t *f, func_t *fn);
/* gen.send(v), gen.throw(e), gen.close(). send returns NULL with no
 * exception set... never: on return it raises StopIteration(value) unless
 * [ret] is given, where the return value is stored (and NULL returned with
 * no exception). */
obj_t *gen_send(vm_t *vm, gen_t *g, obj_t *v, obj_t **ret);
obj_t *gen_throw(vm_t *vm, gen_t *g, obj_t *exc, obj_t **ret);
int gen_close(vm_t *vm, gen_t *g);
/* True when collecting [o] would run code: a suspended generator inside a
 * try or with block, or an async generator the loop's hook finalizes. */
bool gen_wants_finalizer(vm_t *vm, obj_t *o);
/* Whether [o] is a coroutine that never started and has not warned:
 * dropping the last reference to it warns "never awaited". */
bool gen_unawaited(vm_t *vm, obj_t *o);
/* A Task runs coroutine [coro] from now on (GEN_TASK): not "loose". */
void gen_task_takes(vm_t *vm, obj_t *coro);
/* A coroutine never awaited, no Task's, in a local or cell of [f]; or
 * NULL. Asked of the program's frames only as they return: looplab's
 * library leaves none behind but on errors (tracebacks keep those). */
obj_t *gen_loose_in(vm_t *vm, frame_t *f);
/* Whether exception [exc] may be the last holder of a coroutine never
 * awaited: one in a local of a finished frame of its traceback (or of
 * its cause's or context's), or inside a list, tuple, set, dict or
 * instance there, a few levels down. Dropping such an exception warns at
 * once in CPython (vm.c's POP_EXCEPT collects then). */
bool gen_exc_holds_unawaited(vm_t *vm, obj_t *exc);
/* sys.set_asyncgen_hooks / sys.get_asyncgen_hooks (Python/sysmodule.c). */
obj_t *gen_set_asyncgen_hooks(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw);
obj_t *gen_get_asyncgen_hooks(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw);
/* What a suspended generator or coroutine is delegating to (yield from /
 * await), or NULL: cr_await / gi_yieldfrom. */
obj_t *gen_yieldfrom(gen_t *g);
/* A finished coroutine an await owned (GEN_AWAIT_OWNED), as the await
 * returns: its code's spare_gen if that is free (gen_new takes it), else
 * back to the heap. */
void gen_free(vm_t *vm, obj_t *o);
bool gen_is_coro(vm_t *vm, obj_t *o);

#endif
