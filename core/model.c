/*
 * model.c - a fold over trace events (TRACE.md) into the loop's state.
 *
 * Mirrors what BaseEventLoop keeps (_ready, _scheduled, the clock) and
 * what the trace says of tasks, from the events alone. Invariants:
 *  - the ready queue is FIFO; cancelled handles stay in it until a tick
 *    pops them (as in CPython, they use up an ntodo slot);
 *  - the timers are sorted on (when, seq), the order TRACE.md fires them
 *    in;
 *  - a "run" event pops the ready queue's head, after dropping the
 *    cancelled handles in front of it.
 *
 * The view keeps a copy of the model every TIMELINE_CHECKPOINT_EVERY
 * events (viz/timeline.c), and a jump copies one of them, so copies must
 * cost little in time and memory even with 100,000 tasks and handles.
 * Copies therefore share storage (copy-on-write):
 *  - tasks, ready handles and timers sit in chunks of CHUNK entries held
 *    by pointer. A chunk counts its holders (refs) and holds a reference
 *    to each of its entries' strings. A model writes to a chunk only when
 *    it is the only holder: own_*() first copies a shared chunk for the
 *    writer alone. So a shared chunk never changes, and a copy is
 *    O(chunks);
 *  - strings never change either: they count their holders too (rcstr_t),
 *    and a chunk copy takes references instead of copying them;
 *  - popping advances a head index kept in the model: it never writes a
 *    chunk, and a popped handle's string stays with its chunk until the
 *    chunk goes (whatever keeps a popped handle's text takes a reference
 *    of its own);
 *  - the task index and the handle index are persistent hash maps
 *    (model_map.h), shared the same way, node by node.
 */
#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Entries a chunk holds. A first write after a copy costs one chunk copy
 * (256 entries and a count per string); smaller chunks make the copies
 * cheaper but the pointer arrays that every model copy duplicates
 * longer. */
enum { CHUNK = 256 };

/* No task or handle: what the lookups return when they find none. */
#define NONE SIZE_MAX

typedef struct model_task_chunk {
    size_t refs;           /* holders; > 1: read only */
    size_t n;              /* tasks in t[]; each holds its strings */
    model_task_t t[CHUNK];
} tchunk_t;

typedef struct model_handle_chunk {
    size_t refs;           /* holders; > 1: read only */
    size_t n;              /* slots in use, [0, n): FIFO order in the
                              ready queue, (when, seq) order in the
                              timers. Each holds its cb, which is NULL
                              in a popped slot of a copy */
    model_handle_t h[CHUNK];
} hchunk_t;

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        abort();
    }
    return p;
}

/* [a] with room for [need] elements of [size] (capacity in *cap). */
static void *grow(void *a, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return a;
    }
    size_t c = *cap ? *cap * 2 : 16;
    if (c < need) {
        c = need;
    }
    a = realloc(a, c * size);
    if (!a) {
        abort();
    }
    *cap = c;
    return a;
}

/* ==== Strings =========================================================== */

/* Every string the model holds is immutable and counts its holders, so
 * that copying a chunk, cloning the model or moving a timer to the ready
 * queue takes a reference instead of a copy: a chunk copy is then one
 * memcpy and a count per string, and the chunks of neighbouring
 * checkpoints share their strings (a copy that duplicated them held
 * twice the memory). Readers see plain char pointers. */
typedef struct {
    size_t refs;
    char s[];
} rcstr_t;

static rcstr_t *rc_of(char *s)
{
    return (rcstr_t *)(void *)(s - offsetof(rcstr_t, s));
}

/* A new string holding [s] (NULL for NULL). */
static char *str_new(const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    rcstr_t *r = xmalloc(sizeof *r + n);
    r->refs = 1;
    memcpy(r->s, s, n);
    return r->s;
}

/* [s], held once more. */
static char *str_ref(char *s)
{
    if (s) {
        rc_of(s)->refs++;
    }
    return s;
}

static void str_drop(char *s)
{
    if (s && --rc_of(s)->refs == 0) {
        free(rc_of(s));
    }
}

static void set(char **slot, const char *s)
{
    if (*slot && s && strcmp(*slot, s) == 0) {
        return;   /* "suspend" repeats the same place step after step */
    }
    str_drop(*slot);
    *slot = str_new(s);
}

/* ==== Chunks ============================================================ */

static tchunk_t *new_tchunk(void)
{
    tchunk_t *c = xmalloc(sizeof *c);
    c->refs = 1;
    c->n = 0;
    return c;
}

static void release_tchunk(tchunk_t *c)
{
    if (--c->refs > 0) {
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        model_task_t *t = &c->t[i];
        str_drop(t->id);
        str_drop(t->coro);
        str_drop(t->where);
        str_drop(t->waiting_on);
        str_drop(t->result);
    }
    free(c);
}

/* [c] when the writer is its only holder, else a copy of it (sharing its
 * strings) that the writer holds instead of [c]. */
static tchunk_t *own_tchunk(tchunk_t *c)
{
    if (c->refs == 1) {
        return c;
    }
    c->refs--;
    tchunk_t *d = new_tchunk();
    d->n = c->n;
    memcpy(d->t, c->t, c->n * sizeof d->t[0]);
    for (size_t i = 0; i < d->n; i++) {
        model_task_t *t = &d->t[i];
        str_ref(t->id);
        str_ref(t->coro);
        str_ref(t->where);
        str_ref(t->waiting_on);
        str_ref(t->result);
    }
    return d;
}

static hchunk_t *new_hchunk(void)
{
    hchunk_t *c = xmalloc(sizeof *c);
    c->refs = 1;
    c->n = 0;
    return c;
}

static void release_hchunk(hchunk_t *c)
{
    if (--c->refs > 0) {
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        str_drop(c->h[i].cb);
    }
    free(c);
}

/* As own_tchunk. Slots before [live] were popped: the copy keeps them in
 * place (positions do not move) but not their strings. */
static hchunk_t *own_hchunk(hchunk_t *c, size_t live)
{
    if (c->refs == 1) {
        return c;
    }
    c->refs--;
    hchunk_t *d = new_hchunk();
    d->n = c->n;
    memcpy(d->h, c->h, c->n * sizeof d->h[0]);
    for (size_t i = 0; i < d->n; i++) {
        d->h[i].cb = i < live ? NULL : str_ref(d->h[i].cb);
    }
    return d;
}

/* A new array of the [n] chunk pointers of [src], each chunk held once
 * more (model_clone). */
static tchunk_t **share_tchunks(tchunk_t *const *src, size_t n)
{
    if (n == 0) {
        return NULL;
    }
    tchunk_t **d = xmalloc(n * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i] = src[i];
        d[i]->refs++;
    }
    return d;
}

static hchunk_t **share_hchunks(hchunk_t *const *src, size_t n)
{
    if (n == 0) {
        return NULL;
    }
    hchunk_t **d = xmalloc(n * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i] = src[i];
        d[i]->refs++;
    }
    return d;
}

/* ==== Tasks ============================================================= */

static size_t task_chunks(const model_t *m)
{
    return (m->ntasks + CHUNK - 1) / CHUNK;
}

static model_task_t *task_slot(const model_t *m, size_t i)
{
    return &m->task_chunks[i / CHUNK]->t[i % CHUNK];
}

/* Task [i], to write to: its chunk is the model's own. */
static model_task_t *task_w(model_t *m, size_t i)
{
    tchunk_t **c = &m->task_chunks[i / CHUNK];
    *c = own_tchunk(*c);
    return &(*c)->t[i % CHUNK];
}

/* The position of the latest task named [id] ([h] its hash), or NONE.
 * The index maps an id to its latest task (ids can repeat when programs
 * name tasks themselves). */
static size_t find_task(const model_t *m, const char *id, size_t h)
{
    size_t n;
    const model_map_entry_t *e = model_map_bucket(&m->task_index, h, &n);
    for (size_t i = 0; i < n; i++) {
        if (e[i].hash == h && strcmp(task_slot(m, e[i].val)->id, id) == 0) {
            return e[i].val;
        }
    }
    return NONE;
}

/* The latest task named [id], to write to, or NULL. The hint is still
 * the latest of its id: new_task moves it to every task it adds. */
static model_task_t *task_named(model_t *m, const char *id)
{
    size_t h = model_map_hash(id), i;
    if (m->task_hint < m->ntasks && m->task_hint_hash == h &&
        strcmp(task_slot(m, m->task_hint)->id, id) == 0) {
        i = m->task_hint;
    } else {
        i = find_task(m, id, h);
    }
    if (i == NONE) {
        return NULL;
    }
    m->task_hint = i;
    m->task_hint_hash = h;
    return task_w(m, i);
}

/* Appends a task [id] running [coro] and indexes it. */
static void new_task(model_t *m, const char *id, const char *coro)
{
    size_t k = m->ntasks / CHUNK;
    if (m->ntasks % CHUNK == 0) {
        m->task_chunks = grow(m->task_chunks, &m->task_capchunks, k + 1,
                              sizeof *m->task_chunks);
        m->task_chunks[k] = new_tchunk();
    } else {
        m->task_chunks[k] = own_tchunk(m->task_chunks[k]);
    }
    tchunk_t *c = m->task_chunks[k];
    model_task_t *t = &c->t[c->n++];
    memset(t, 0, sizeof *t);
    t->id = str_new(id);
    t->coro = str_new(coro);
    t->state = TASK_PENDING;
    size_t h = model_map_hash(id);
    size_t old = find_task(m, id, h);
    if (old != NONE) {
        model_map_remove(&m->task_index, h, old);
    }
    model_map_entry_t e = {h, m->ntasks, 0};
    model_map_add(&m->task_index, e);
    m->task_hint = m->ntasks;
    m->task_hint_hash = h;
    m->ntasks++;
}

/* ==== The ready queue =================================================== */

static model_handle_t *ready_slot(const model_t *m, size_t i)
{
    size_t at = m->ready_head + i;
    return &m->ready_chunks[at / CHUNK]->h[at % CHUNK];
}

/* Handle [i] of the ready queue, to write to. */
static model_handle_t *ready_w(model_t *m, size_t i)
{
    size_t at = m->ready_head + i, k = at / CHUNK;
    m->ready_chunks[k] = own_hchunk(m->ready_chunks[k],
                                    k == 0 ? m->ready_head : 0);
    return &m->ready_chunks[k]->h[at % CHUNK];
}

/* The handle index names a ready handle by its position (ready_base
 * counts on across the chunks dropped from the front) times 2, and a
 * timer by its seq times 2 plus 1, with its when: enough to find it. */
static model_map_entry_t ready_entry(const char *cb, size_t pos)
{
    model_map_entry_t e = {model_map_hash(cb), 2 * pos, 0};
    return e;
}

static model_map_entry_t timer_entry(const model_handle_t *h)
{
    model_map_entry_t e = {model_map_hash(h->cb), 2 * (size_t)h->seq + 1,
                           h->when};
    return e;
}

/* Appends [h] (its cb becomes the queue's). */
static void push_ready(model_t *m, model_handle_t h)
{
    size_t at = m->ready_head + m->nready, k = at / CHUNK;
    if (k == m->ready_nchunks) {
        m->ready_chunks = grow(m->ready_chunks, &m->ready_capchunks, k + 1,
                               sizeof *m->ready_chunks);
        m->ready_chunks[m->ready_nchunks++] = new_hchunk();
    } else {
        m->ready_chunks[k] = own_hchunk(m->ready_chunks[k],
                                        k == 0 ? m->ready_head : 0);
    }
    // The tail is the chunk's last filled slot: a holder that appended
    // to a shared chunk would have copied it first.
    hchunk_t *c = m->ready_chunks[k];
    c->h[c->n++] = h;
    if (m->handle_index_on) {
        model_map_add(&m->handle_index, ready_entry(h.cb, m->ready_base + at));
    }
    m->nready++;
}

/* Drops every ready chunk. The handle index is the caller's. */
static void clear_ready(model_t *m)
{
    for (size_t k = 0; k < m->ready_nchunks; k++) {
        release_hchunk(m->ready_chunks[k]);
    }
    m->ready_base += m->ready_nchunks * CHUNK;
    m->ready_nchunks = 0;
    m->ready_head = 0;
    m->nready = 0;
}

static void pop_ready(model_t *m)
{
    if (m->handle_index_on) {
        model_map_remove(&m->handle_index,
                         model_map_hash(ready_slot(m, 0)->cb),
                         2 * (m->ready_base + m->ready_head));
    }
    m->ready_head++;
    m->nready--;
    if (m->nready == 0) {
        clear_ready(m);
    } else if (m->ready_head == CHUNK) {
        release_hchunk(m->ready_chunks[0]);
        m->ready_nchunks--;
        memmove(m->ready_chunks, m->ready_chunks + 1,
                m->ready_nchunks * sizeof *m->ready_chunks);
        m->ready_head = 0;
        m->ready_base += CHUNK;
    }
}

/* ==== Timers ============================================================ */

static bool timer_before(const model_handle_t *a, const model_handle_t *b)
{
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

/* The first live slot of timer chunk [k]. */
static size_t timer_from(const model_t *m, size_t k)
{
    return k == 0 ? m->timer_head : 0;
}

static const model_handle_t *first_timer(const model_t *m)
{
    return &m->timer_chunks[0]->h[m->timer_head];
}

/* The chunk where a timer [key] is or would go: the last one whose first
 * timer is not after it (0 when none). A binary search: the chunks are
 * in order too. */
static size_t timer_chunk(const model_t *m, const model_handle_t *key)
{
    size_t lo = 0, hi = m->timer_nchunks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (timer_before(key, &m->timer_chunks[mid]->h[timer_from(m, mid)])) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo ? lo - 1 : 0;
}

/* The first slot of [c], from [from] on, whose timer is after [key]. */
static size_t slot_after(const hchunk_t *c, size_t from,
                         const model_handle_t *key)
{
    size_t lo = from, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (timer_before(key, &c->h[mid])) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* Where the timer (key->when, key->seq) is: chunk *k, slot *slot. */
static bool find_slot(const model_t *m, const model_handle_t *key, size_t *k,
                      size_t *slot)
{
    if (m->ntimers == 0) {
        return false;
    }
    *k = timer_chunk(m, key);
    const hchunk_t *c = m->timer_chunks[*k];
    size_t at = slot_after(c, timer_from(m, *k), key);
    if (at == timer_from(m, *k) || c->h[at - 1].seq != key->seq) {
        return false;
    }
    *slot = at - 1;
    return true;
}

/* Puts chunk [c] at [k] of the timer chunks. */
static void insert_timer_chunk(model_t *m, size_t k, hchunk_t *c)
{
    m->timer_chunks = grow(m->timer_chunks, &m->timer_capchunks,
                           m->timer_nchunks + 1, sizeof *m->timer_chunks);
    memmove(m->timer_chunks + k + 1, m->timer_chunks + k,
            (m->timer_nchunks - k) * sizeof *m->timer_chunks);
    m->timer_chunks[k] = c;
    m->timer_nchunks++;
}

/* Adds [h] in its place (its cb becomes the timers'). Timers set in time
 * order (sleep in a loop) land at the end of the last chunk. */
static void push_timer(model_t *m, model_handle_t h)
{
    if (m->handle_index_on) {
        model_map_add(&m->handle_index, timer_entry(&h));
    }
    m->ntimers++;
    if (m->timer_nchunks == 0) {
        hchunk_t *c = new_hchunk();
        c->h[c->n++] = h;
        insert_timer_chunk(m, 0, c);
        return;
    }
    size_t k = timer_chunk(m, &h);
    hchunk_t *c = m->timer_chunks[k] = own_hchunk(m->timer_chunks[k],
                                                  timer_from(m, k));
    if (c->n == CHUNK && k == 0 && m->timer_head > 0) {
        // The popped slots at the front make room; their strings go now.
        for (size_t i = 0; i < m->timer_head; i++) {
            str_drop(c->h[i].cb);
        }
        c->n -= m->timer_head;
        memmove(c->h, c->h + m->timer_head, c->n * sizeof c->h[0]);
        m->timer_head = 0;
    }
    size_t at = slot_after(c, timer_from(m, k), &h);
    if (c->n == CHUNK) {
        if (at == CHUNK) {
            // After all of a full chunk: it starts the next one (a split
            // would leave sequential timers in half-full chunks).
            hchunk_t *d = new_hchunk();
            d->h[d->n++] = h;
            insert_timer_chunk(m, k + 1, d);
            return;
        }
        // Full (timer_head is 0 here): its upper half moves to a new one.
        hchunk_t *d = new_hchunk();
        d->n = CHUNK - CHUNK / 2;
        memcpy(d->h, c->h + CHUNK / 2, d->n * sizeof d->h[0]);
        c->n = CHUNK / 2;
        insert_timer_chunk(m, k + 1, d);
        if (at > c->n) {
            at -= c->n;
            c = d;
        }
    }
    memmove(c->h + at + 1, c->h + at, (c->n - at) * sizeof c->h[0]);
    c->h[at] = h;
    c->n++;
}

/* Removes the soonest timer and returns it; its cb is a reference the
 * caller holds when [keep], else NULL. */
static model_handle_t pop_timer(model_t *m, bool keep)
{
    hchunk_t *c = m->timer_chunks[0];
    model_handle_t *h = &c->h[m->timer_head];
    model_handle_t top = *h;
    if (m->handle_index_on) {
        model_map_remove(&m->handle_index, model_map_hash(h->cb),
                         2 * (size_t)h->seq + 1);
    }
    top.cb = keep ? str_ref(top.cb) : NULL;
    m->timer_head++;
    m->ntimers--;
    if (m->timer_head == c->n) {
        release_hchunk(c);
        m->timer_nchunks--;
        memmove(m->timer_chunks, m->timer_chunks + 1,
                m->timer_nchunks * sizeof *m->timer_chunks);
        m->timer_head = 0;
    }
    return top;
}

static void clear_timers(model_t *m)
{
    for (size_t k = 0; k < m->timer_nchunks; k++) {
        release_hchunk(m->timer_chunks[k]);
    }
    m->timer_nchunks = 0;
    m->timer_head = 0;
    m->ntimers = 0;
}

/* ==== Finding a handle by its callback ================================== */

/* Indexes the queued handles by callback, and keeps them indexed from
 * now on. Done at the first cancel_handle: a program that cancels one
 * handle tends to cancel many (cancel_tasks: 6,000, each of them scanning
 * 50,000 timers, folded in 8 s), and one that never does pays nothing. */
static void index_handles(model_t *m)
{
    m->handle_index_on = true;
    for (size_t i = 0; i < m->nready; i++) {
        model_map_add(&m->handle_index,
                      ready_entry(ready_slot(m, i)->cb,
                                  m->ready_base + m->ready_head + i));
    }
    for (size_t k = 0; k < m->timer_nchunks; k++) {
        const hchunk_t *c = m->timer_chunks[k];
        for (size_t i = timer_from(m, k); i < c->n; i++) {
            model_map_add(&m->handle_index, timer_entry(&c->h[i]));
        }
    }
}

/* The ready queue's first handle [cb] not cancelled: its index in *i. */
static bool find_ready(const model_t *m, const char *cb, size_t *i)
{
    if (!m->handle_index_on) {
        for (size_t j = 0; j < m->nready; j++) {
            const model_handle_t *h = ready_slot(m, j);
            if (!h->cancelled && strcmp(h->cb, cb) == 0) {
                *i = j;
                return true;
            }
        }
        return false;
    }
    size_t hash = model_map_hash(cb), n, best = NONE;
    const model_map_entry_t *e = model_map_bucket(&m->handle_index, hash,
                                                  &n);
    for (size_t j = 0; j < n; j++) {
        if (e[j].hash != hash || e[j].val % 2 != 0) {
            continue;
        }
        // Popping removes a handle's entry: each one names a queued
        // handle, at its position from the head.
        size_t at = e[j].val / 2 - m->ready_base - m->ready_head;
        if (at >= best || at >= m->nready) {
            continue;
        }
        const model_handle_t *h = ready_slot(m, at);
        if (!h->cancelled && strcmp(h->cb, cb) == 0) {
            best = at;
        }
    }
    *i = best;
    return best != NONE;
}

/* The soonest timer [cb] not cancelled: where it is, in *k and *slot. Of
 * equal callbacks the soonest is what a sorted scan meets first. */
static bool find_timer(const model_t *m, const char *cb, size_t *k,
                       size_t *slot)
{
    if (!m->handle_index_on) {
        for (size_t j = 0; j < m->timer_nchunks; j++) {
            const hchunk_t *c = m->timer_chunks[j];
            for (size_t i = timer_from(m, j); i < c->n; i++) {
                if (!c->h[i].cancelled && strcmp(c->h[i].cb, cb) == 0) {
                    *k = j;
                    *slot = i;
                    return true;
                }
            }
        }
        return false;
    }
    size_t hash = model_map_hash(cb), n;
    const model_map_entry_t *e = model_map_bucket(&m->handle_index, hash,
                                                  &n);
    bool found = false;
    model_handle_t best = {NULL, 0, 0, false};
    for (size_t j = 0; j < n; j++) {
        model_handle_t key = {NULL, e[j].when, (long)(e[j].val / 2), false};
        size_t kk, ss;
        if (e[j].hash != hash || e[j].val % 2 != 1 ||
            (found && !timer_before(&key, &best)) ||
            !find_slot(m, &key, &kk, &ss)) {
            continue;
        }
        const model_handle_t *h = &m->timer_chunks[kk]->h[ss];
        if (!h->cancelled && strcmp(h->cb, cb) == 0) {
            best = key;
            *k = kk;
            *slot = ss;
            found = true;
        }
    }
    return found;
}

int model_handle_queued(const model_t *m, const char *cb)
{
    size_t i, k;
    return (find_ready(m, cb, &i) ? MODEL_IN_READY : 0) |
           (find_timer(m, cb, &k, &i) ? MODEL_IN_TIMERS : 0);
}

/* ==== The model as a whole ============================================== */

void model_init(model_t *m)
{
    memset(m, 0, sizeof *m);
    m->exit_code = -1;
}

void model_free(model_t *m)
{
    clear_ready(m);
    free(m->ready_chunks);
    clear_timers(m);
    free(m->timer_chunks);
    for (size_t k = 0; k < task_chunks(m); k++) {
        release_tchunk(m->task_chunks[k]);
    }
    free(m->task_chunks);
    model_map_free(&m->task_index);
    model_map_free(&m->handle_index);
    str_drop(m->running);
    str_drop(m->current_task);
    str_drop(m->decision.what);
    str_drop(m->decision.task);
    model_init(m);
}

void model_clone(model_t *dst, const model_t *src)
{
    *dst = *src;
    dst->ready_chunks = share_hchunks(src->ready_chunks, src->ready_nchunks);
    dst->ready_capchunks = src->ready_nchunks;
    dst->timer_chunks = share_hchunks(src->timer_chunks, src->timer_nchunks);
    dst->timer_capchunks = src->timer_nchunks;
    dst->task_chunks = share_tchunks(src->task_chunks, task_chunks(src));
    dst->task_capchunks = task_chunks(src);
    model_map_share(&dst->task_index, &src->task_index);
    model_map_share(&dst->handle_index, &src->handle_index);
    str_ref(dst->running);
    str_ref(dst->current_task);
    str_ref(dst->decision.what);
    str_ref(dst->decision.task);
}

const model_task_t *model_task(const model_t *m, const char *id)
{
    size_t i = find_task(m, id, model_map_hash(id));
    return i == NONE ? NULL : task_slot(m, i);
}

const model_task_t *model_task_at(const model_t *m, size_t i)
{
    return task_slot(m, i);
}

const model_handle_t *model_ready_at(const model_t *m, size_t i)
{
    return ready_slot(m, i);
}

size_t model_timers_sorted(const model_t *m, const model_handle_t **out,
                           size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < m->timer_nchunks && n < max; k++) {
        const hchunk_t *c = m->timer_chunks[k];
        for (size_t i = timer_from(m, k); i < c->n && n < max; i++) {
            out[n++] = &c->h[i];
        }
    }
    return n;
}

/* ==== Events ============================================================ */

/* The first space-separated word of [s] into out (at most size - 1
 * bytes); returns the offset just past it and the spaces after it, or 0
 * when there is no word. (sscanf's %s was a tenth of the fold's time.) */
static size_t word(const char *s, char *out, size_t size)
{
    size_t i = 0;
    while (s[i] == ' ') {
        i++;
    }
    size_t b = i;
    while (s[i] && s[i] != ' ') {
        i++;
    }
    if (i == b) {
        return 0;
    }
    size_t n = i - b < size - 1 ? i - b : size - 1;
    memcpy(out, s + b, n);
    out[n] = 0;
    while (s[i] == ' ') {
        i++;
    }
    return i;
}

/* The task a step or wake-up callback belongs to ("Task-1.__step"). */
static bool task_of_callback(const char *cb, char *out, size_t size)
{
    const char *dot = strstr(cb, ".__step");
    if (!dot) {
        dot = strstr(cb, ".__wakeup");
    }
    if (!dot) {
        return false;
    }
    size_t n = (size_t)(dot - cb);
    if (n >= size) {
        n = size - 1;
    }
    memcpy(out, cb, n);
    out[n] = 0;
    return true;
}

static void on_tick(model_t *m, const char *rest)
{
    char *end;
    long ntodo = strtol(rest, &end, 10);
    if (end == rest || *end != ' ') {
        return;
    }
    const char *tp = end + 1;
    double t = strtod(tp, &end);
    if (end == tp) {
        return;
    }
    m->clock = t;
    m->ticks++;
    // The previous iteration's handles have all returned.
    set(&m->running, NULL);
    // Cancelled timers at the head are dropped before the tick, due or
    // not (they are not in its ntodo); due timers then move to the ready
    // queue.
    while (m->ntimers && first_timer(m)->cancelled) {
        pop_timer(m, false);
    }
    while (m->ntimers && first_timer(m)->when < t + 1e-9) {
        push_ready(m, pop_timer(m, true));
    }
    // Cancelled handles the previous iteration popped after its last
    // "run" are still at the head: ntodo counts what is really ready.
    while ((long)m->nready > ntodo && ready_slot(m, 0)->cancelled) {
        pop_ready(m);
    }
    m->iter_left = ntodo;
}

static void on_run(model_t *m, const char *cb)
{
    while (m->nready && ready_slot(m, 0)->cancelled) {
        pop_ready(m);
        m->iter_left--;
    }
    if (m->nready) {
        pop_ready(m);
    }
    m->iter_left--;
    set(&m->running, cb);
    char id[128];
    if (task_of_callback(cb, id, sizeof id)) {
        set(&m->current_task, id);
        model_task_t *t = task_named(m, id);
        if (t) {
            t->state = TASK_RUNNING;
            set(&t->waiting_on, NULL);
        }
    } else {
        set(&m->current_task, NULL);
    }
}

static void on_cancel_handle(model_t *m, const char *cb)
{
    if (!m->handle_index_on) {
        index_handles(m);
    }
    size_t i, k;
    if (find_ready(m, cb, &i)) {
        ready_w(m, i)->cancelled = true;
    } else if (find_timer(m, cb, &k, &i)) {
        m->timer_chunks[k] = own_hchunk(m->timer_chunks[k], timer_from(m, k));
        m->timer_chunks[k]->h[i].cancelled = true;
    }
}

static void on_task(model_t *m, const char *rest)
{
    char id[256], coro[256];
    size_t n = word(rest, id, sizeof id);
    if (!n || !word(rest + n, coro, sizeof coro)) {
        return;
    }
    new_task(m, id, coro);
    // The call's own task comes right after it, wrapping the argument
    // (or _wrap_awaitable); any other task (loop.create_task after a
    // failed call, TaskGroup.create_task, asyncio.run) is not its.
    model_decision_t *d = &m->decision;
    bool wraps = d->what && (strcmp(d->kind, "awaitable") == 0
                                 ? strcmp(coro, "_wrap_awaitable") == 0
                                 : strcmp(coro, d->what) == 0);
    if (d->api != DEC_NONE && !d->task && d->failed &&
        d->event + 1 == m->nevents && wraps) {
        m->decision.task = str_new(id);
        m->decision.failed = false;
    }
}

static void on_done(model_t *m, const char *rest)
{
    char id[256];
    size_t n = word(rest, id, sizeof id);
    if (!n) {
        return;
    }
    model_task_t *t = task_named(m, id);
    if (!t) {
        return;
    }
    const char *what = rest + n;
    t->state = strncmp(what, "cancelled", 9) == 0 ? TASK_CANCELLED
               : strncmp(what, "exception", 9) == 0 ? TASK_FAILED
                                                   : TASK_DONE;
    set(&t->result, what);
    set(&t->where, NULL);
    set(&t->waiting_on, NULL);
}

static void on_decision(model_t *m, int api, const char *rest)
{
    model_decision_t *d = &m->decision;
    str_drop(d->what);
    str_drop(d->task);
    memset(d, 0, sizeof *d);
    d->api = api;
    d->event = m->nevents;
    d->loop_running = m->loop_running;
    d->failed = true;
    if (api == DEC_CREATE_TASK) {
        snprintf(d->kind, sizeof d->kind, "%s", "create_task");
        d->what = str_new(rest);
        return;
    }
    const char *sp = strchr(rest, ' ');
    size_t k = sp ? (size_t)(sp - rest) : strlen(rest);
    if (k >= sizeof d->kind) {
        k = sizeof d->kind - 1;
    }
    memcpy(d->kind, rest, k);
    d->kind[k] = 0;
    d->what = str_new(sp ? sp + 1 : "");
    if (strcmp(d->kind, "future") == 0) {
        d->task = str_ref(d->what);
        d->failed = false;
    }
}

void model_apply(model_t *m, const char *line)
{
    m->nevents++;
    const char *sp = strchr(line, ' ');
    size_t kl = sp ? (size_t)(sp - line) : strlen(line);
    const char *rest = sp ? sp + 1 : "";
#define IS(k) (kl == sizeof(k) - 1 && memcmp(line, k, kl) == 0)
    if (IS("schedule")) {
        model_handle_t h = {str_new(rest), 0, m->seq++, false};
        push_ready(m, h);
    } else if (IS("timer")) {
        char *end;
        double when = strtod(rest, &end);
        size_t n = (size_t)(end - rest);
        while (rest[n] == ' ') {
            n++;
        }
        if (end != rest) {
            model_handle_t h = {str_new(rest + n), when, m->seq++, false};
            push_timer(m, h);
            if (m->current_task) {
                model_task_t *t = task_named(m, m->current_task);
                if (t) {
                    set(&t->waiting_on, rest + n);
                }
            }
        }
    } else if (IS("tick")) {
        on_tick(m, rest);
    } else if (IS("run")) {
        on_run(m, rest);
    } else if (IS("cancel_handle")) {
        on_cancel_handle(m, rest);
    } else if (IS("task")) {
        on_task(m, rest);
    } else if (IS("suspend")) {
        char id[256];
        size_t n = word(rest, id, sizeof id);
        if (n) {
            model_task_t *t = task_named(m, id);
            if (t) {
                t->state = TASK_SUSPENDED;
                set(&t->where, rest + n);
            }
            // suspend is written once the step returned: its handle is
            // no longer running.
            if (m->current_task && strcmp(m->current_task, id) == 0) {
                set(&m->running, NULL);
            }
        }
        set(&m->current_task, NULL);
    } else if (IS("done")) {
        on_done(m, rest);
    } else if (IS("cancel")) {
        char id[256], arrow[8], r[16];
        size_t a = word(rest, id, sizeof id);
        size_t b = a ? word(rest + a, arrow, sizeof arrow) : 0;
        if (b && word(rest + a + b, r, sizeof r) &&
            strcmp(r, "True") == 0) {
            model_task_t *t = task_named(m, id);
            if (t) {
                t->cancel_requests++;
            }
        }
    } else if (IS("create_task")) {
        on_decision(m, DEC_CREATE_TASK, rest);
    } else if (IS("ensure_future")) {
        on_decision(m, DEC_ENSURE_FUTURE, rest);
    } else if (IS("loop")) {
        if (strcmp(rest, "new") == 0) {
            m->loop_exists = true;
            m->loop_closed = false;
            m->clock = 0;
        } else if (strcmp(rest, "start") == 0) {
            m->loop_running = true;
        } else if (strcmp(rest, "end") == 0) {
            m->loop_running = false;
            set(&m->running, NULL);
        } else if (strcmp(rest, "close") == 0) {
            m->loop_closed = true;
            clear_ready(m);
            clear_timers(m);
            model_map_free(&m->handle_index);
        }
    } else if (IS("deadlock")) {
        m->deadlock = true;
    } else if (IS("exit")) {
        m->exit_code = atoi(rest);
    }
#undef IS
}
