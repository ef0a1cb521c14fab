/* A bounded buffer of 5 slots written by hand: one mutex, two condition variables
 * (the shape of Python's queue.Queue(5)). Every program of the case shares it; a
 * variant supplies only the consumer's take(), which is where the lesson is.
 *
 * The buffer can live in a MAP_SHARED mapping (process_shared = true): then the mutex
 * and the condition variables are PTHREAD_PROCESS_SHARED and the same code serves
 * producer and consumers in several processes, like Manager().Queue(). */
#ifndef PRODUCER_CONSUMER_BUFFER_H
#define PRODUCER_CONSUMER_BUFFER_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdbool.h>

#define BUFFER_SLOTS 5
/* Slots start at 0 and items are 1..n, so a take that returns 0 read a slot that was
 * never written. */
#define BUFFER_NEVER_WRITTEN 0L

typedef struct buffer {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;     /* a put broadcasts it */
    pthread_cond_t not_full;      /* a take broadcasts it */
    int head;                     /* every field below is guarded by lock */
    int count;                    /* int, not unsigned: the if-bug drives it below 0 */
    long slots[BUFFER_SLOTS];

    /* The buffer's own invariant check, like an assert(count > 0) in take that counts
     * instead of aborting: the native run's evidence. */
    int empty_takes;              /* takes made while count <= 0 */
    int lowest_count;

    /* Staging, only there to make the interleaving certain (see buffer_put_first):
     * how many consumers sleep on not_empty, and how many times one has woken. */
    pthread_cond_t staging;
    int asleep;
    long wakeups;
} buffer;

static inline void buffer_init(buffer *b, bool process_shared)
{
    int pshared = process_shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
    pthread_mutexattr_t mattr;
    pthread_condattr_t cattr;
    if (pthread_mutexattr_init(&mattr) != 0 || pthread_mutexattr_setpshared(&mattr, pshared) != 0 ||
        pthread_mutex_init(&b->lock, &mattr) != 0)
        rl_die("pthread_mutex_init");
    if (pthread_condattr_init(&cattr) != 0 || pthread_condattr_setpshared(&cattr, pshared) != 0 ||
        pthread_cond_init(&b->not_empty, &cattr) != 0 || pthread_cond_init(&b->not_full, &cattr) != 0 ||
        pthread_cond_init(&b->staging, &cattr) != 0)
        rl_die("pthread_cond_init");
    pthread_mutexattr_destroy(&mattr);
    pthread_condattr_destroy(&cattr);
}

/* Slot i positions after head, kept in range even when count has gone negative. */
static inline int buffer_slot(const buffer *b, int i)
{
    return ((b->head + i) % BUFFER_SLOTS + BUFFER_SLOTS) % BUFFER_SLOTS;
}

/* Caller holds the lock and has made sure there is room. */
static inline void buffer_insert(buffer *b, long item)
{
    b->slots[buffer_slot(b, b->count)] = item;
    b->count++;                                             /* racelab: count_store */
    pthread_cond_broadcast(&b->not_empty);
}

/* Queue.put: blocks while the buffer is full. It broadcasts (notify_all), which a
 * correct consumer copes with: every woken consumer re-checks before taking. */
static inline void buffer_put(buffer *b, long item)
{
    pthread_mutex_lock(&b->lock);
    while (b->count >= BUFFER_SLOTS)
        pthread_cond_wait(&b->not_full, &b->lock);
    buffer_insert(b, item);
    pthread_mutex_unlock(&b->lock);
}

/* A consumer's wait for an item (caller holds the lock). The bookkeeping around the
 * wait is the staging's; the wait itself is the plain pthread_cond_wait. */
static inline void buffer_sleep(buffer *b)
{
    b->asleep++;
    pthread_cond_broadcast(&b->staging);
    pthread_cond_wait(&b->not_empty, &b->lock);             /* racelab: consumer_wait */
    b->asleep--;
    b->wakeups++;
    pthread_cond_broadcast(&b->staging);
}

/* Removes the item at head (caller holds the lock), whatever count says: deciding
 * whether there is an item is the caller's job, and that is what the variants get
 * right or wrong. A take on an empty buffer returns a stale slot and is counted. */
static inline long buffer_remove(buffer *b)
{
    if (b->count <= 0)
        b->empty_takes++;
    long item = b->slots[b->head];
    b->head = buffer_slot(b, 1);
    b->count--;
    if (b->count < b->lowest_count)
        b->lowest_count = b->count;
    pthread_cond_broadcast(&b->not_full);
    return item;
}

/* The producer's first put, staged so that the bad interleaving is certain: it waits
 * until every consumer sleeps on not_empty, puts ONE item (waking all of them), and
 * goes on only when each has woken up. Whatever a woken consumer does with an empty
 * buffer, it does before a second item exists. */
static inline void buffer_put_first(buffer *b, long item, int consumers)
{
    pthread_mutex_lock(&b->lock);
    while (b->asleep < consumers)
        pthread_cond_wait(&b->staging, &b->lock);
    long woken_before = b->wakeups;
    buffer_insert(b, item);
    while (b->wakeups < woken_before + consumers)
        pthread_cond_wait(&b->staging, &b->lock);
    pthread_mutex_unlock(&b->lock);
}

static inline void buffer_destroy(buffer *b)
{
    pthread_cond_destroy(&b->staging);
    pthread_cond_destroy(&b->not_full);
    pthread_cond_destroy(&b->not_empty);
    pthread_mutex_destroy(&b->lock);
}

#endif
