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

#include <pthread.h>
#include <stdbool.h>

/* Bounded only so that it is a plain array: big enough for every item a program puts,
 * so a writer never waits for room. A reader that quits early then leaves items
 * behind instead of leaving the writer blocked, and no third party has to touch the
 * queue (and its lock) to clean up before the verdict. */
#define QUEUE_CAPACITY 1024
/* Items are 1..n; a 0 says "no more items" in the variants that use a sentinel. */
#define QUEUE_SENTINEL 0L

typedef struct queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    unsigned head;
    unsigned count;                 /* guarded by lock */
    long items[QUEUE_CAPACITY];
} queue;

static inline void queue_init(queue *q, bool process_shared)
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

/* Blocks while the queue is full (Queue.put). */
static inline void queue_put(queue *q, long item)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == QUEUE_CAPACITY)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->items[(q->head + q->count) % QUEUE_CAPACITY] = item;
    q->count++;                                             /* racelab: count_write */
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

/* Blocks while the queue is empty (Queue.get). */
static inline long queue_get(queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    long item = q->items[q->head];
    q->head = (q->head + 1) % QUEUE_CAPACITY;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return item;
}

/* Queue.empty() done properly: the answer is exact, but only for the instant the
 * lock is held. By the time the caller acts on it, it may already be stale. */
static inline bool queue_empty(queue *q)
{
    pthread_mutex_lock(&q->lock);
    bool empty = q->count == 0;
    pthread_mutex_unlock(&q->lock);
    return empty;
}

/* Queue.empty() done wrong: a peek at the count without the lock, "because it is
 * only a read". The writer changes count under the lock; this read is not ordered
 * with that write at all. noinline keeps the read in a frame of its own. */
static __attribute__((noinline, unused)) bool queue_empty_unlocked(queue *q)
{
    return q->count == 0;                                   /* racelab: count_read_unlocked */
}

static inline void queue_destroy(queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock);
}

#endif
