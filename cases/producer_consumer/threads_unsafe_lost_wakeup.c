/* producer_consumer, thread form, unsafe: a lost wakeup. To save a lock round-trip the
 * consumer peeks at the count WITHOUT the lock, and if it saw an empty buffer it then
 * locks and waits, without looking again. If the producer puts in between, its
 * broadcast finds nobody asleep and is lost: the consumer sleeps on a full buffer, the
 * producer sleeps waiting for room, and both wait forever. main proves that hang from
 * the two threads' progress (hang_proven) and turns it into the verdict line. */
#include "buffer.h"

#include <stdatomic.h>
#include <stdio.h>

#define ITEMS 10   /* more than the 5 slots: the producer must end up waiting for room */
/* A backstop only, for a proof that never completes (hang_proven ends the hang as soon
 * as it is certain). Generous, and below the harness's deadline (10 s, scaled like this). */
#define HANG_BACKSTOP_S 5

/* Stand-ins for the scheduler, which would produce this order by preempting the
 * consumer between its peek and its lock. Like a real preemption they order the two
 * threads in time without any happens-before edge: relaxed atomic read-modify-writes
 * (TSan gives relaxed order no synchronisation; Valgrind's tools treat a locked RMW
 * as a read, so these flags neither race nor synchronise). */
static atomic_int consumer_peeked, buffer_filled;
/* The hang proof's bookkeeping, the same kind of relaxed flags: the consumer is about to
 * sleep on its stale peek, and how many threads have finished. */
static atomic_int consumer_sleeps_stale, threads_done;

static void scheduler_announce(atomic_int *flag)
{
    atomic_fetch_or_explicit(flag, 1, memory_order_relaxed);
}

static void scheduler_wait_for(atomic_int *flag)
{
    while (atomic_fetch_or_explicit(flag, 0, memory_order_relaxed) == 0)
        rl_yield();
}

static buffer buf;
static long taken;

/* noinline: the unlocked read must be the top frame of its access in every tool. The
 * read skips buffer_lock, which -Wthread-safety knows guards count: it flags this line. */
__attribute__((noinline)) static bool looks_empty(buffer *b)
{
    return b->count == 0;                                   /* racelab: count_peek */
}

static long take_after_peek(buffer *b)
{
    bool empty = looks_empty(b);
    if (empty && taken == 0) {
        scheduler_announce(&consumer_peeked);   /* preempted here, the first time */
        scheduler_wait_for(&buffer_filled);
    }
    rl_lock_acquire(buffer_lock);
    if (empty) {                             /* the peek's answer is stale by now */
        if (taken == 0)
            scheduler_announce(&consumer_sleeps_stale);   /* holding the lock: nothing can
                                                           * happen before the wait */
        pthread_cond_wait(&b->not_empty, BUFFER_MUTEX);
    }
    long item = buffer_remove(b);
    rl_lock_release(buffer_lock);
    return item;
}

static void *consumer_main(void *arg)
{
    (void)arg;
    for (long i = 0; i < ITEMS; i++) {
        take_after_peek(&buf);
        taken++;
    }
    atomic_fetch_add_explicit(&threads_done, 1, memory_order_relaxed);
    return NULL;
}

static void *producer_main(void *arg)
{
    (void)arg;
    scheduler_wait_for(&consumer_peeked);
    for (long item = 1; item <= ITEMS; item++) {
        buffer_put(&buf, item);
        if (item == BUFFER_SLOTS)
            scheduler_announce(&buffer_filled);   /* the next put waits for room */
    }
    atomic_fetch_add_explicit(&threads_done, 1, memory_order_relaxed);
    return NULL;
}

static bool flag_set(atomic_int *flag)
{
    return atomic_fetch_or_explicit(flag, 0, memory_order_relaxed) != 0;
}

/* The lost wakeup is certain once the consumer announces, holding the lock, that it will
 * wait on its stale peek: it announced only after the producer had filled all 5 slots
 * (buffer_filled), so the broadcasts of those puts are over; it takes nothing before its
 * wait returns, so the buffer stays full and the producer's 6th put waits on not_full;
 * and only a put broadcasts not_empty. Each waits for the other, for ever. Reads only
 * the relaxed flags, never the buffer. */
static bool hang_or_done(void *arg)
{
    (void)arg;
    return flag_set(&consumer_sleeps_stale) ||
           atomic_fetch_add_explicit(&threads_done, 0, memory_order_relaxed) == 2;
}

int main(void)
{
    rl_watchdog(HANG_BACKSTOP_S, "lost wakeup: the consumer sleeps on not_empty with items in the "
                "buffer while the producer sleeps on not_full; both wait forever");
    buffer_init(&buf, false);
    pthread_t consumer, producer;
    if (pthread_create(&consumer, NULL, consumer_main, NULL) != 0 ||
        pthread_create(&producer, NULL, producer_main, NULL) != 0)
        rl_die("pthread_create");
    rl_poll_until(hang_or_done, NULL);
    if (flag_set(&consumer_sleeps_stale))
        rl_hang_proven("lost wakeup: the consumer peeked at an empty buffer, the producer then "
                       "filled all %d slots and broadcast not_empty to nobody, and the consumer "
                       "now sleeps on not_empty without looking again, while the producer's next "
                       "put waits on not_full for a take that cannot come: both wait forever",
                       BUFFER_SLOTS);
    pthread_join(consumer, NULL);
    pthread_join(producer, NULL);
    buffer_destroy(&buf);
    return rl_result(true, "%ld items taken, no wakeup lost", taken);
}
