/* The thread pool of pool_results: three worker threads, one result slot each, in one
 * global array. The variant supplies `collect`, which reads the slots into `seen`
 * (with or without waiting first); the driver joins every worker afterwards in any case,
 * so the program ends cleanly and the verdict is about what `collect` saw. */
#ifndef RACELAB_POOL_THREADS_H
#define RACELAB_POOL_THREADS_H

#include "pool.h"

#include <pthread.h>

typedef struct pool_threads {
    pthread_t workers[POOL_WORKERS];
    bool joined[POOL_WORKERS];           /* a variant that joins a worker sets it */
    long results[POOL_WORKERS];          /* slot i is written by worker i */
} pool_threads;

typedef struct pool_thread_variant {
    void (*setup)(void);                                         /* may be NULL */
    void (*store)(pool_threads *pool, int worker, long answer);  /* the worker's write */
    void (*collect)(pool_threads *pool, long seen[POOL_WORKERS]);/* the parent's reads */
    const char *when;                                            /* for the verdict */
} pool_thread_variant;

typedef struct pool_task {
    const pool_thread_variant *variant;
    pool_threads *pool;
    int worker;
} pool_task;

static inline void *pool_worker_main(void *arg)
{
    const pool_task *t = arg;
    t->variant->store(t->pool, t->worker, compute(t->worker));
    return NULL;
}

static inline int pool_run_threads(const pool_thread_variant *v)
{
    static pool_threads pool;            /* zero: every slot NOT_READY */
    static pool_task tasks[POOL_WORKERS];
    if (v->setup != NULL)
        v->setup();
    for (int i = 0; i < POOL_WORKERS; i++) {
        tasks[i] = (pool_task){v, &pool, i};
        if (pthread_create(&pool.workers[i], NULL, pool_worker_main, &tasks[i]) != 0)
            rl_die("pthread_create");
    }
    long seen[POOL_WORKERS];
    v->collect(&pool, seen);
    for (int i = 0; i < POOL_WORKERS; i++)
        if (!pool.joined[i])
            pthread_join(pool.workers[i], NULL);
    return pool_verdict(seen, v->when);
}

#endif
