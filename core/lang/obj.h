/*
 * obj.h - the object model of looplab's Python subset.
 *
 * Every Python value is a heap object that starts with obj_t. Types are
 * objects too (type_t), so type(x), isinstance and class statements work
 * uniformly for built-in and user classes. This mirrors CPython's
 * Include/object.h in spirit, with a much smaller slot table.
 *
 * Error convention (as in CPython's C API): a function returning obj_t *
 * returns NULL when it raised; the exception is then in vm->exc. Functions
 * returning int return -1 when they raised.
 *
 * Memory: objects live in size-class slabs or, when large, on one list
 * (vm->gc_head, behind the object), and are reclaimed by a
 * mark-and-sweep collector that runs only at safe points (gc.c), so C code
 * may hold object pointers in locals freely between safe points.
 */
#ifndef LOOPLAB_CORE_LANG_OBJ_H
#define LOOPLAB_CORE_LANG_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vm vm_t;
typedef struct obj obj_t;
typedef struct type_obj type_t;
typedef struct str_obj str_t;
typedef struct tuple_obj tuple_t;
typedef struct list_obj list_t;
typedef struct dict_obj dict_t;

/* Header of every object, 16 bytes: a pending task is about ten
 * objects. marked is the collector's mark bit; flags holds per-type
 * bits; gc_size is what gc_alloc allocated (variable-size objects differ
 * from their type's size), so the heap's byte count stays exact. The
 * collector finds objects through its slabs and its list of big ones
 * (gc.c), not through the header. */
struct obj {
    type_t *type;
    uint8_t marked;
    uint8_t flags;
    uint16_t pad;
    uint32_t gc_size;      /* bytes allocated for the object itself */
};

/* Native callables get positional arguments in argv[0..argc) followed by
 * the keyword argument values, whose names are in kwnames (NULL when there
 * are none): the vectorcall convention of CPython (PEP 590). */
typedef obj_t *(*native_fn)(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kwnames);

/* Instance layouts: which C struct an instance of a type is. A user class
 * inherits the layout of its built-in base ("solid base"). */
enum {
    LAYOUT_OBJECT, LAYOUT_INST, LAYOUT_EXC, LAYOUT_INT, LAYOUT_FLOAT,
    LAYOUT_STR, LAYOUT_TUPLE, LAYOUT_LIST, LAYOUT_DICT, LAYOUT_SET,
    LAYOUT_OTHER
};

/* Type flags. */
enum {
    TF_BUILTIN = 1 << 0,   /* defined in C; its dict is not writable */
    TF_BASETYPE = 1 << 1,  /* may be subclassed */
    TF_EXCEPTION = 1 << 2, /* BaseException or a subclass */
    TF_HASDICT = 1 << 3,   /* instances carry a __dict__ */
    TF_LAZYDICT = 1 << 4,  /* ...made when the first attribute is set */
    TF_CTYPE = 1 << 5,     /* made in C: keeps its own slots when the
                              prelude sets methods on it (fixup_slots) */
    TF_DICTHIDDEN = 1 << 6, /* the instance dict has no __dict__ attribute
                              (_asyncio.Future, Task and subclasses: a
                              tp_dictoffset and no getset); "__dict__" is
                              then a name like any other */
    TF_DICTATEND = 1 << 7  /* the instance dict is the last word of the
                              object's block, not the first after its
                              header (OBJ_DICT): classes defined in
                              Python on int, float, str, tuple or list,
                              whose layouts have no room for one, as
                              CPython's subtypes add a tp_dictoffset */
};

/* Slots a built-in type fills; user classes inherit them from their solid
 * base and add dunder methods in their dict, found by MRO lookup. */
struct type_obj {
    obj_t hdr;
    dict_t *dict;          /* the class namespace */
    str_t *name;           /* __name__ */
    str_t *qualname;       /* __qualname__ */
    str_t *module;         /* __module__ (NULL for builtins) */
    str_t *tpname;         /* tp_name when it is not just the name, as
                              "_asyncio.Future": NULL for most types */
    tuple_t *bases;        /* __bases__ */
    tuple_t *mro;          /* __mro__, the type itself first */
    type_t *solid;         /* the built-in type whose layout instances use */
    uint32_t flags;
    int layout;
    size_t size;           /* bytes of an instance */
    void (*mark)(vm_t *vm, obj_t *o);
    void (*destroy)(vm_t *vm, obj_t *o);
    /* Called on an unreachable object before it is freed (gc.c). */
    void (*finalize)(vm_t *vm, obj_t *o);
    /* Optional: true when finalize would do nothing for [o] now; the
     * collector then frees it with the rest of the garbage instead of
     * finalizing it and keeping it (and all it reaches) one collection
     * more. Must not run code or allocate. */
    bool (*finalize_noop)(vm_t *vm, obj_t *o);
    obj_t *(*repr)(vm_t *vm, obj_t *o);
    obj_t *(*str)(vm_t *vm, obj_t *o);
    /* Attribute hook for built-in fields, tried before the type dict.
     * Returns NULL without an exception set when it has no such field,
     * and then has had no effect: LOAD_METHOD asks it, then looks up a
     * method itself, and obj_getattr may ask it again. */
    obj_t *(*getattr)(vm_t *vm, obj_t *o, str_t *name);
    int (*setattr)(vm_t *vm, obj_t *o, str_t *name, obj_t *v);
    obj_t *(*iter)(vm_t *vm, obj_t *o);
    obj_t *(*next)(vm_t *vm, obj_t *o); /* NULL + no exc = exhausted */
    /* CPython's am_send, for await/yield from on a built-in iterator:
     * 1 with *out the value yielded, 0 with *out the value returned (no
     * StopIteration made), -1 when it raised. */
    int (*am_send)(vm_t *vm, obj_t *o, obj_t *v, obj_t **out);
    native_fn call;
    native_fn new_;        /* tp_new: argv/kwnames exclude the type */
    /* Bootstrap: built-in types made before str and dict exist keep their
     * C name and base here until obj_core_finish completes them. */
    const char *cname;
    type_t *init_base;
    /* obj_hash's cache: while vm->acache_epoch is hash_epoch, instances
     * hash by identity (__hash__ is object's), or not. */
    uint64_t hash_epoch;
    bool hash_identity;
};

/* ---- Concrete built-in layouts ------------------------------------- */

typedef struct int_obj { obj_t hdr; int64_t v; } int_t;
typedef struct float_obj { obj_t hdr; double v; } float_t_;

struct str_obj {
    obj_t hdr;
    int64_t hash;          /* -1 until computed */
    size_t len;            /* bytes */
    size_t nchars;         /* code points */
    bool ascii;
    /* For the trace (aio_trace_str), found when first asked: 0 not yet
     * known, 1 no ASCII digit and no line break in s, 2 some. */
    uint8_t trace_plain;
    char *s;               /* UTF-8, NUL-terminated, owned */
};

struct tuple_obj { obj_t hdr; size_t n; obj_t *items[]; };

/* items[0..n) are the list; items[n..cap) are free. The buffer starts
 * off slots before items: removing a prefix (pop(0), remove of the first
 * item, del l[:k]) moves items on instead of the rest down, so a list
 * used as a FIFO costs O(1) per removal (asyncio's waiter lists). */
struct list_obj { obj_t hdr; size_t n, cap; obj_t **items; size_t off; };

/* collections.deque (obj_deque.c): a ring of cap slots (a power of two),
 * item i at buf[(head + i) & (cap - 1)]; maxlen < 0 when unbounded;
 * state counts the changes its iterators check for. */
typedef struct deque_obj {
    obj_t hdr;
    obj_t **buf;
    size_t head, len, cap;
    int64_t maxlen;
    uint64_t state;
} deque_t;

/* A compact, insertion-ordered hash table (as CPython's dict since 3.6):
 * entries[] in insertion order, with deleted slots holding key == NULL;
 * index[] maps hash buckets to entry numbers (-1 empty, -2 dummy). Sets use
 * the same struct with value == NULL but CPython's set probing order for
 * iteration (see obj_dict.c). */
typedef struct dict_entry { obj_t *key; obj_t *value; int64_t hash; } dict_entry_t;
struct dict_obj {
    obj_t hdr;
    obj_t *idict;          /* instance __dict__ of dict subclasses: unused */
    size_t used;           /* live entries */
    size_t nentries;       /* entries[] slots in use, live or deleted */
    size_t cap;            /* entries[] capacity */
    size_t mask;           /* index size - 1 (power of two) */
    int32_t *index;
    dict_entry_t *entries;
    uint64_t version;      /* bumped on every insert/delete, for iterators */
};

/* Instances of user classes (and of object). */
typedef struct inst_obj { obj_t hdr; dict_t *dict; } inst_t;

/* BaseException and subclasses. tb is a growable array of (code, line,
 * frame) entries, innermost frame last. The frame is kept, as CPython's
 * traceback keeps it, so that what its locals held (a coroutine never
 * awaited, say) lives as long as the exception; it may be NULL (an
 * entry copied from elsewhere without one). */
typedef struct tb_entry {
    struct code_obj *code;
    struct frame_obj *frame;
    int line;
} tb_entry_t;
typedef struct exc_obj {
    obj_t hdr;
    dict_t *dict;
    tuple_t *args;
    obj_t *cause, *context;
    bool suppress_context;
    tb_entry_t *tb;
    size_t ntb, captb;
    obj_t *value;          /* StopIteration.value, SystemExit.code */
    obj_t *exceptions;     /* BaseExceptionGroup: a tuple */
    obj_t *msg;            /* BaseExceptionGroup message / SyntaxError */
    obj_t *filename;       /* SyntaxError */
    int lineno, offset;    /* SyntaxError */
    obj_t *text;           /* SyntaxError source line */
    /* NameError.name, AttributeError.name and .obj as the VM raised
     * them (a program's own values live in dict, which comes first):
     * what "Did you mean" suggestions start from (suggest.c). */
    obj_t *name, *obj;
} exc_t;

/* Python function objects. */
typedef struct func_obj {
    obj_t hdr;
    dict_t *dict;
    struct code_obj *code;
    dict_t *globals;
    tuple_t *defaults;     /* NULL when none */
    dict_t *kwdefaults;    /* NULL when none */
    tuple_t *closure;      /* cells, NULL when none */
    str_t *name, *qualname;
    obj_t *module;
    obj_t *doc;            /* __doc__: co_consts[0] when a str, or None */
    dict_t *annotations;   /* __annotations__, NULL until needed */
} func_t;

/* Built-in functions and methods; self is NULL for plain functions and the
 * receiver for bound ones. */
typedef struct native_obj {
    obj_t hdr;
    const char *name;
    native_fn fn;
    obj_t *self;
    obj_t *data;           /* extra state, e.g. functools.partial parts */
    const char *qualname;  /* e.g. "list.append"; NULL uses name */
    /* The type a method was registered on (type_add_native): bound or
     * called unbound, its receiver must be an instance (for a classmethod,
     * a subclass) of it, since the C function reads self as that layout.
     * NULL for plain functions. */
    type_t *owner;
} native_t;

typedef struct method_obj { obj_t hdr; obj_t *func; obj_t *self; } method_t;
typedef struct cell_obj { obj_t hdr; obj_t *v; } cell_t;
typedef struct slice_obj { obj_t hdr; obj_t *start, *stop, *step; } slice_t;
typedef struct range_obj { obj_t hdr; int64_t start, stop, step; } range_t;
/* property, classmethod, staticmethod: one wrapped callable each
 * (property also has a setter). */
typedef struct wrap_obj { obj_t hdr; obj_t *f; obj_t *g; obj_t *h; } wrap_t;
typedef struct module_obj { obj_t hdr; dict_t *dict; str_t *name; } module_t;

/* A field of a built-in layout seen as an attribute of its instances
 * (CPython's getset_descriptor): a data descriptor, so it wins over the
 * instance dict. set is NULL for a read-only field; it gets NULL for
 * del. */
typedef obj_t *(*getset_get_fn)(vm_t *vm, obj_t *o);
typedef int (*getset_set_fn)(vm_t *vm, obj_t *o, obj_t *v);
typedef struct getset_obj {
    obj_t hdr;
    str_t *name;
    type_t *owner;
    getset_get_fn get;
    getset_set_fn set;
} getset_t;

/* Cheap value accessors used everywhere. */
#define OBJ_INT(o) (((int_t *)(o))->v)
#define OBJ_FLOAT(o) (((float_t_ *)(o))->v)
#define OBJ_STR(o) ((str_t *)(o))
#define TYPE(o) (((obj_t *)(o))->type)
/* A type's name as CPython's messages show it (tp_name). */
#define TP_NAME(t) ((t)->tpname ? (t)->tpname->s : (t)->name->s)
/* Is [o] a class: an instance of type or of a metaclass (a class on
 * type, whose solid base is type)? */
#define IS_CLASS(vm, o)                                                     \
    (TYPE(o) == (vm)->t_type || TYPE(o)->solid == (vm)->t_type)

/* ---- Allocation and collection (gc.c) --------------------------------- */

/* Allocates [size] zeroed bytes as an object of [type] and links it into
 * the heap. Never returns NULL: on exhaustion it aborts with a message
 * (MemoryError is raised earlier, by the limit check in gc_maybe). A
 * NULL [type] makes an object that is its own type: the bootstrap's
 * 'type'. */
obj_t *gc_alloc(vm_t *vm, type_t *type, size_t size);
/* gc_alloc for an object whose bytes past the first [zero] are written
 * before they are read (a frame's value stack and block stack). */
obj_t *gc_alloc_part(vm_t *vm, type_t *type, size_t size, size_t zero);
/* Marks [o] and, through its type's mark slot, what it references. */
void gc_mark(vm_t *vm, obj_t *o);
/* Runs a collection if enough was allocated since the last one. Only call
 * where every live object is reachable from the roots (gc.c). */
void gc_maybe(vm_t *vm);
/* Would a collection run any finalizer: is a tracked object's finalizer
 * not a no-op now? (The program's end skips a collection that would only
 * free memory.) */
bool gc_any_finalizer(vm_t *vm);
/* Runs a full collection now; same precondition. Returns objects freed. */
size_t gc_collect(vm_t *vm);
/* Frees [o] now; the caller knows that nothing references it. A pooled
 * object goes straight back to its free list; an unpooled one (large, or
 * LOOPLAB_GC_NOPOOL) is destroyed and left dead for the sweep. Objects
 * made while a collection runs its finalizers are left alone: returns
 * whether [o] was freed. */
bool gc_release(vm_t *vm, obj_t *o);
/* Finalizable objects are tracked from their allocation (vm->fin). An
 * await that owns the coroutine it has just made takes it out of that
 * array, so that gc_release may free it when it returns:
 * gc_fin_untrack_last removes [o] when it is the array's last entry (it
 * is, right after its allocation) and says whether it did;
 * gc_fin_track puts an object back, when it is shared after all. */
bool gc_fin_untrack_last(vm_t *vm, obj_t *o);
void gc_fin_track(vm_t *vm, obj_t *o);
/* Frees every object (at exit). */
void gc_free_all(vm_t *vm);
/* Calls [fn] on every live object, in no particular order. [fn] may
 * allocate; objects it makes may or may not be visited. */
void gc_each(vm_t *vm, void (*fn)(vm_t *vm, obj_t *o, void *ctx),
             void *ctx);
/* Accounting for out-of-line memory an object owns (buffers). */
void *gc_malloc(vm_t *vm, size_t n);
void *gc_realloc(vm_t *vm, void *p, size_t old, size_t n);
void gc_free(vm_t *vm, void *p, size_t n);
/* The same for buffers whose size the program decides (container growth,
 * string building, formatting): NULL with MemoryError raised when malloc
 * fails or when a large request (64 KiB or more: gc.c says why) would take
 * the heap past --max-memory. On failure gc_try_realloc leaves p as it
 * was. They never collect. */
void *gc_try_malloc(vm_t *vm, size_t n);
void *gc_try_realloc(vm_t *vm, void *p, size_t old, size_t n);

#endif
