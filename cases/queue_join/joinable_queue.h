/* A JoinableQueue, as Python's queue.Queue and multiprocessing.JoinableQueue keep it: a
 * ring of items under one mutex, a count of unfinished tasks that put() raises and
 * task_done() lowers, and join(), which waits until that count is zero.
 *
 * join() trusts task_done(): it returns when every item put has been *declared* done,
 * whatever the consumers have or have not finished. The queue can live in a MAP_SHARED
 * page, with process-shared mutex and condition variables, for the process form. */
#ifndef RACELAB_JOINABLE_QUEUE_H
#define RACELAB_JOINABLE_QUEUE_H

#include "racelab_case.h"
#include "timing_rail.h"

#include <pthread.h>
#include <stdbool.h>

#define JQ_CAPACITY 16

typedef struct joinable_queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t all_done;  /* broadcast when `unfinished` drops to zero */
    int items[JQ_CAPACITY];
    int head, count;
    int unfinished;           /* put() minus task_done(): what join() waits for */
} joinable_queue;

static inline void jq_init(joinable_queue *q, bool process_shared)
{
    int pshared = process_shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
    pthread_mutexattr_t ma;
    pthread_condattr_t ca;
    if (pthread_mutexattr_init(&ma) != 0 || pthread_mutexattr_setpshared(&ma, pshared) != 0 ||
        pthread_mutex_init(&q->lock, &ma) != 0 || pthread_condattr_init(&ca) != 0 ||
        pthread_condattr_setpshared(&ca, pshared) != 0 ||
        pthread_cond_init(&q->not_empty, &ca) != 0 || pthread_cond_init(&q->all_done, &ca) != 0)
        rl_die("joinable queue init");
    pthread_mutexattr_destroy(&ma);
    pthread_condattr_destroy(&ca);
    q->head = q->count = q->unfinished = 0;
}

/* The queue never holds more than JQ_CAPACITY items here: the producer puts fewer. */
static inline void jq_put(joinable_queue *q, int item)
{
    pthread_mutex_lock(&q->lock);
    if (q->count == JQ_CAPACITY)
        rl_die("joinable queue full");
    q->items[(q->head + q->count++) % JQ_CAPACITY] = item;
    q->unfinished++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

static inline int jq_get(joinable_queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    int item = q->items[q->head];
    q->head = (q->head + 1) % JQ_CAPACITY;
    q->count--;
    pthread_mutex_unlock(&q->lock);
    return item;
}

/* "The item I got is finished." Nothing checks that it is. */
static inline void jq_task_done(joinable_queue *q)
{
    pthread_mutex_lock(&q->lock);
    if (--q->unfinished == 0)
        pthread_cond_broadcast(&q->all_done);
    pthread_mutex_unlock(&q->lock);
}

/* Blocks until every item put so far has been declared done. `holding_lock` (NULL: none)
 * is staging scaffolding, not part of the queue: a timing rail passed once join() holds the
 * lock, before it looks at the count, so that a program can hold back the task_done() that
 * would end the wait until join() is certainly waiting (queue_join.h). */
static inline void jq_join(joinable_queue *q, timing_rail *holding_lock)
{
    pthread_mutex_lock(&q->lock);
    if (holding_lock)
        rail_pass(holding_lock);
    while (q->unfinished > 0)
        pthread_cond_wait(&q->all_done, &q->lock);                 /* racelab: join_wait */
    pthread_mutex_unlock(&q->lock);
}

#endif
