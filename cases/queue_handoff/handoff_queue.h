/* The queue of queue_handoff: a bounded FIFO of longs with one mutex and two condition
 * variables (Python's queue.Queue(maxsize)). It can live in a MAP_SHARED mapping with
 * PTHREAD_PROCESS_SHARED mutex and condition variables, and then serves two processes
 * (the shape of multiprocessing.Queue, minus its pipe). */
#ifndef RACELAB_HANDOFF_QUEUE_H
#define RACELAB_HANDOFF_QUEUE_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdbool.h>

/* Small, so that a fast producer also has to wait for room now and then. */
#define HANDOFF_CAPACITY 4

typedef struct handoff_queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    unsigned head, count;                 /* guarded by lock */
    long items[HANDOFF_CAPACITY];         /* guarded by lock */
} handoff_queue;

static inline void handoff_queue_init(handoff_queue *q, bool process_shared)
{
    int pshared = process_shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
    pthread_mutexattr_t mattr;
    pthread_condattr_t cattr;
    if (pthread_mutexattr_init(&mattr) != 0 || pthread_mutexattr_setpshared(&mattr, pshared) != 0 ||
        pthread_mutex_init(&q->lock, &mattr) != 0)
        rl_die("pthread_mutex_init");
    if (pthread_condattr_init(&cattr) != 0 || pthread_condattr_setpshared(&cattr, pshared) != 0 ||
        pthread_cond_init(&q->not_empty, &cattr) != 0 || pthread_cond_init(&q->not_full, &cattr) != 0)
        rl_die("pthread_cond_init");
    pthread_mutexattr_destroy(&mattr);
    pthread_condattr_destroy(&cattr);
    q->head = 0;
    q->count = 0;
}

/* Queue.put: blocks while the queue is full. */
static inline void handoff_put(handoff_queue *q, long item)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == HANDOFF_CAPACITY)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->items[(q->head + q->count) % HANDOFF_CAPACITY] = item;
    q->count++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

/* Queue.get: blocks while the queue is empty. */
static inline long handoff_get(handoff_queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);           /* racelab: get_waits */
    long item = q->items[q->head];
    q->head = (q->head + 1) % HANDOFF_CAPACITY;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return item;
}

static inline void handoff_queue_destroy(handoff_queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock);
}

#endif
