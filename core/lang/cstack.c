/*
 * cstack.c - the C stack as a resource (cstack.h): a big stack for the
 * program, and where the guard's floor lies on the current thread.
 *
 * The program runs on a thread of its own rather than on the main
 * thread's stack, whose size is the user's `ulimit -s` (8 MB by default,
 * too little for sys.setrecursionlimit(20000) in the sanitized build). A
 * thread stack of a fixed size also makes the depth a program reaches
 * the same from one shell to the next.
 */
#define _GNU_SOURCE  /* pthread_getattr_np */
#include "cstack.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>

/* What the worker thread runs, and its result. */
typedef struct cstack_job {
    int (*fn)(void *);
    void *arg;
    sigset_t mask;   /* the signal mask to run fn with */
    int result;
} cstack_job_t;

static void *job_main(void *p)
{
    cstack_job_t *job = p;
    pthread_sigmask(SIG_SETMASK, &job->mask, NULL);
    job->result = job->fn(job->arg);
    return NULL;
}

int cstack_run(size_t size, int (*fn)(void *), void *arg)
{
    cstack_job_t job = {fn, arg, {{0}}, 0};
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) {
        return fn(arg);
    }
    pthread_t th;
    sigset_t all;
    sigfillset(&all);
    // Block everything here before the thread starts (it inherits the
    // mask and restores the original one): a signal is then delivered to
    // the worker, where a blocking read is interrupted as it should be.
    pthread_sigmask(SIG_SETMASK, &all, &job.mask);
    int ok = pthread_attr_setstacksize(&attr, size) == 0 &&
             pthread_create(&th, &attr, job_main, &job) == 0;
    pthread_attr_destroy(&attr);
    if (!ok) {
        pthread_sigmask(SIG_SETMASK, &job.mask, NULL);
        return fn(arg);
    }
    pthread_join(th, NULL);
    pthread_sigmask(SIG_SETMASK, &job.mask, NULL);
    return job.result;
}

const char *cstack_floor(size_t reserve)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t low = 0;
#ifdef __GLIBC__
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *addr;
        size_t size;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            low = (uintptr_t)addr;
        }
        pthread_attr_destroy(&attr);
    }
#endif
    if (low == 0 || low >= here) {
        // Without the thread's bounds, assume the main thread's limit
        // counted from here (what lies above is the caller's: small).
        struct rlimit rl;
        size_t size = (size_t)8 << 20;
        if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
            rl.rlim_cur < size) {
            size = (size_t)rl.rlim_cur;
        }
        low = here > size ? here - size : 0;
    }
    // A stack smaller than twice the reserve: keep half of what is left.
    if (here - low < 2 * reserve) {
        return (const char *)(low + (here - low) / 2);
    }
    return (const char *)(low + reserve);
}
