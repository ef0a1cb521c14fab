/* The queue of queue_handoff: a bounded FIFO of longs with one mutex and two condition
 * variables (Python's queue.Queue(maxsize)). It can live in a MAP_SHARED mapping with
 * PTHREAD_PROCESS_SHARED mutex and condition variables, and then serves two processes
 * (the shape of multiprocessing.Queue, minus its pipe). */
#ifndef RACELAB_HANDOFF_QUEUE_H
#define RACELAB_HANDOFF_QUEUE_H

#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stdbool.h>

/* Small, so that a fast producer also has to wait for room now and then. */
#define HANDOFF_CAPACITY 4

/* The queue's lock guards its head, count and items. -Wthread-safety can name a lock in C
 * only through a global, not a sibling field, so the fields are declared guarded by
 * *queue_lock, which handoff_queue_init points at the program's one queue's lock (it may
 * live in a MAP_SHARED page), and queue_lock_of() tells the analysis that a queue's lock
 * is that one. */
static rl_lock *queue_lock;

typedef struct handoff_queue {
    rl_lock lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    unsigned head RL_GUARDED_BY(*queue_lock);
    unsigned count RL_GUARDED_BY(*queue_lock);
    long items[HANDOFF_CAPACITY] RL_GUARDED_BY(*queue_lock);
} handoff_queue;

static inline rl_lock *queue_lock_of(handoff_queue *q) RL_LOCK_RETURNED(*queue_lock)
{
    return &q->lock;
}

static inline void handoff_queue_init(handoff_queue *q, bool process_shared)
{
    int pshared = process_shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
    pthread_condattr_t cattr;
    rl_lock_init(&q->lock, false, process_shared);
    queue_lock = &q->lock;
    if (pthread_condattr_init(&cattr) != 0 || pthread_condattr_setpshared(&cattr, pshared) != 0 ||
        pthread_cond_init(&q->not_empty, &cattr) != 0 || pthread_cond_init(&q->not_full, &cattr) != 0)
        rl_die("pthread_cond_init");
    pthread_condattr_destroy(&cattr);
    rl_lock_acquire(queue_lock_of(q));   /* nobody else has the queue yet; says so to the analysis */
    q->head = 0;
    q->count = 0;
    rl_lock_release(queue_lock_of(q));
}

/* Queue.put: blocks while the queue is full. */
static inline void handoff_put(handoff_queue *q, long item)
{
    rl_lock_acquire(queue_lock_of(q));
    while (q->count == HANDOFF_CAPACITY)
        pthread_cond_wait(&q->not_full, &queue_lock_of(q)->mutex);
    q->items[(q->head + q->count) % HANDOFF_CAPACITY] = item;
    q->count++;
    pthread_cond_signal(&q->not_empty);
    rl_lock_release(queue_lock_of(q));
}

/* Queue.get: blocks while the queue is empty. */
static inline long handoff_get(handoff_queue *q)
{
    rl_lock_acquire(queue_lock_of(q));
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &queue_lock_of(q)->mutex);   /* racelab: get_waits */
    long item = q->items[q->head];
    q->head = (q->head + 1) % HANDOFF_CAPACITY;
    q->count--;
    pthread_cond_signal(&q->not_full);
    rl_lock_release(queue_lock_of(q));
    return item;
}

static inline void handoff_queue_destroy(handoff_queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock.mutex);
}

#endif
