/* A bounded buffer of 5 slots written by hand: one mutex, two condition variables
 * (the shape of Python's queue.Queue(5)). Every program of the case shares it; a
 * variant supplies only the consumer's take(), which is where the lesson is.
 *
 * The buffer can live in a MAP_SHARED mapping (process_shared = true): then the mutex
 * and the condition variables are PTHREAD_PROCESS_SHARED and the same code serves
 * producer and consumers in several processes, like Manager().Queue().
 *
 * The lock is an rl_lock, so that clang's -Wthread-safety knows which data it guards.
 * In C a field's guarded_by cannot name a sibling field, so the fields name the global
 * buffer_lock instead, which buffer_init points at the buffer's own lock: every
 * program has exactly one buffer, and every function locks it through buffer_lock. */
#ifndef PRODUCER_CONSUMER_BUFFER_H
#define PRODUCER_CONSUMER_BUFFER_H

#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stdbool.h>

#define BUFFER_SLOTS 5
/* Slots start at 0 and items are 1..n, so a take that returns 0 read a slot that was
 * never written. */
#define BUFFER_NEVER_WRITTEN 0L

/* The lock of the program's one buffer (&buffer.lock once buffer_init has run). */
static rl_lock *buffer_lock;

typedef struct buffer {
    rl_lock lock;
    pthread_cond_t not_empty;     /* a put broadcasts it */
    pthread_cond_t not_full;      /* a take broadcasts it */
    int head RL_GUARDED_BY(*buffer_lock);
    int count RL_GUARDED_BY(*buffer_lock);   /* int, not unsigned: the if-bug drives it below 0 */
    long slots[BUFFER_SLOTS] RL_GUARDED_BY(*buffer_lock);

    /* The buffer's own invariant check, like an assert(count > 0) in take that counts
     * instead of aborting: the native run's evidence. */
    int empty_takes RL_GUARDED_BY(*buffer_lock);   /* takes made while count <= 0 */
    int lowest_count RL_GUARDED_BY(*buffer_lock);

    /* Staging, only there to make the interleaving certain (see buffer_put_first):
     * how many consumers sleep on not_empty, and how many times one has woken. */
    pthread_cond_t staging;
    int asleep RL_GUARDED_BY(*buffer_lock);
    long wakeups RL_GUARDED_BY(*buffer_lock);
} buffer;

/* A wait releases and re-takes the lock inside pthread_cond_wait; to the analysis the
 * lock stays held across the call, which is what the caller may rely on afterwards. */
#define BUFFER_MUTEX (&buffer_lock->mutex)

static inline void buffer_init(buffer *b, bool process_shared)
{
    int pshared = process_shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
    rl_lock_init(&b->lock, false, process_shared);
    buffer_lock = &b->lock;
    pthread_condattr_t cattr;
    if (pthread_condattr_init(&cattr) != 0 || pthread_condattr_setpshared(&cattr, pshared) != 0 ||
        pthread_cond_init(&b->not_empty, &cattr) != 0 || pthread_cond_init(&b->not_full, &cattr) != 0 ||
        pthread_cond_init(&b->staging, &cattr) != 0)
        rl_die("pthread_cond_init");
    pthread_condattr_destroy(&cattr);
}

/* Slot i positions after head, kept in range even when count has gone negative. */
static inline int buffer_slot(const buffer *b, int i) RL_REQUIRES(*buffer_lock)
{
    return ((b->head + i) % BUFFER_SLOTS + BUFFER_SLOTS) % BUFFER_SLOTS;
}

/* Caller holds the lock and has made sure there is room. */
static inline void buffer_insert(buffer *b, long item) RL_REQUIRES(*buffer_lock)
{
    b->slots[buffer_slot(b, b->count)] = item;
    b->count++;                                             /* racelab: count_store */
    pthread_cond_broadcast(&b->not_empty);
}

/* Queue.put: blocks while the buffer is full. It broadcasts (notify_all), which a
 * correct consumer copes with: every woken consumer re-checks before taking. */
static inline void buffer_put(buffer *b, long item)
{
    rl_lock_acquire(buffer_lock);
    while (b->count >= BUFFER_SLOTS)
        pthread_cond_wait(&b->not_full, BUFFER_MUTEX);
    buffer_insert(b, item);
    rl_lock_release(buffer_lock);
}

/* A consumer's wait for an item (caller holds the lock). The bookkeeping around the
 * wait is the staging's; the wait itself is the plain pthread_cond_wait. */
static inline void buffer_sleep(buffer *b) RL_REQUIRES(*buffer_lock)
{
    b->asleep++;
    pthread_cond_broadcast(&b->staging);
    pthread_cond_wait(&b->not_empty, BUFFER_MUTEX);         /* racelab: consumer_wait */
    b->asleep--;
    b->wakeups++;
    pthread_cond_broadcast(&b->staging);
}

/* Removes the item at head (caller holds the lock), whatever count says: deciding
 * whether there is an item is the caller's job, and that is what the variants get
 * right or wrong. A take on an empty buffer returns a stale slot and is counted. */
static inline long buffer_remove(buffer *b) RL_REQUIRES(*buffer_lock)
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
    rl_lock_acquire(buffer_lock);
    while (b->asleep < consumers)
        pthread_cond_wait(&b->staging, BUFFER_MUTEX);
    long woken_before = b->wakeups;
    buffer_insert(b, item);
    while (b->wakeups < woken_before + consumers)
        pthread_cond_wait(&b->staging, BUFFER_MUTEX);
    rl_lock_release(buffer_lock);
}

static inline void buffer_destroy(buffer *b)
{
    pthread_cond_destroy(&b->staging);
    pthread_cond_destroy(&b->not_full);
    pthread_cond_destroy(&b->not_empty);
    pthread_mutex_destroy(&b->lock.mutex);
}

#endif
