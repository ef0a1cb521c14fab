/* A small bounded FIFO of longs: one mutex, two condition variables, the textbook
 * shape of Python's queue.Queue(maxsize). Every program of the case shares it, so
 * the only thing a variant changes is how its reader decides that it is done.
 *
 * The queue can live in a MAP_SHARED mapping (process_shared = true): then the
 * mutex and the condition variables are PTHREAD_PROCESS_SHARED and the same code
 * serves a writer and a reader in two processes, like multiprocessing.Queue. */
#ifndef EMPTY_QUEUE_POLLING_QUEUE_H
#define EMPTY_QUEUE_POLLING_QUEUE_H

#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stdbool.h>

/* Bounded only so that it is a plain array: big enough for every item a program puts,
 * so a writer never waits for room. A reader that quits early then leaves items
 * behind instead of leaving the writer blocked, and no third party has to touch the
 * queue (and its lock) to clean up before the verdict. */
#define QUEUE_CAPACITY 1024
/* Items are 1..n; a 0 says "no more items" in the variants that use a sentinel. */
#define QUEUE_SENTINEL 0L

/* In C a field can be guarded only by a lock that the thread-safety analysis can name
 * from file scope, not by a sibling field. Every program has exactly one queue, so its
 * lock is named through this pointer, which queue_init points at the queue's own lock
 * (the lock must live inside the queue: in the process form, in the MAP_SHARED page). */
static rl_lock *queue_lock;

typedef struct queue {
    rl_lock lock;                   /* queue_lock points here */
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    unsigned head RL_GUARDED_BY(*queue_lock);
    unsigned count RL_GUARDED_BY(*queue_lock);
    long items[QUEUE_CAPACITY] RL_GUARDED_BY(*queue_lock);
} queue;

/* The queue is not shared yet: nobody else can hold or need its lock. */
RL_NO_THREAD_SAFETY_ANALYSIS static inline void queue_init(queue *q, bool process_shared)
{
    rl_lock_init(&q->lock, false, process_shared);
    queue_lock = &q->lock;
    pthread_condattr_t cattr;
    if (pthread_condattr_init(&cattr) != 0 ||
        pthread_condattr_setpshared(&cattr, process_shared ? PTHREAD_PROCESS_SHARED
                                                           : PTHREAD_PROCESS_PRIVATE) != 0 ||
        pthread_cond_init(&q->not_empty, &cattr) != 0 || pthread_cond_init(&q->not_full, &cattr) != 0)
        rl_die("pthread_cond_init");
    pthread_condattr_destroy(&cattr);
    q->head = 0;
    q->count = 0;
}

/* Blocks while the queue is full (Queue.put). */
static inline void queue_put(queue *q, long item)
{
    rl_lock_acquire(queue_lock);
    while (q->count == QUEUE_CAPACITY)
        pthread_cond_wait(&q->not_full, &queue_lock->mutex);
    q->items[(q->head + q->count) % QUEUE_CAPACITY] = item;
    q->count++;                                             /* racelab: count_write */
    pthread_cond_signal(&q->not_empty);
    rl_lock_release(queue_lock);
}

/* Blocks while the queue is empty (Queue.get). */
static inline long queue_get(queue *q)
{
    rl_lock_acquire(queue_lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &queue_lock->mutex);
    long item = q->items[q->head];
    q->head = (q->head + 1) % QUEUE_CAPACITY;
    q->count--;
    pthread_cond_signal(&q->not_full);
    rl_lock_release(queue_lock);
    return item;
}

/* Queue.empty() done properly: the answer is exact, but only for the instant the
 * lock is held. By the time the caller acts on it, it may already be stale. */
static inline bool queue_empty(queue *q)
{
    rl_lock_acquire(queue_lock);
    bool empty = q->count == 0;
    rl_lock_release(queue_lock);
    return empty;
}

/* Queue.qsize(): exact for the instant the lock is held. */
static inline unsigned queue_size(queue *q)
{
    rl_lock_acquire(queue_lock);
    unsigned size = q->count;
    rl_lock_release(queue_lock);
    return size;
}

static inline void queue_destroy(queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock.mutex);
}

#endif
