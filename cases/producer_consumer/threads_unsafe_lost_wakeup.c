/* producer_consumer, thread form, unsafe: a lost wakeup. To save a lock round-trip the
 * consumer peeks at the count WITHOUT the lock, and if it saw an empty buffer it then
 * locks and waits, without looking again. If the producer puts in between, its
 * broadcast finds nobody asleep and is lost: the consumer sleeps on a full buffer, the
 * producer sleeps waiting for room, and both wait forever. The watchdog turns that hang
 * into the verdict line. */
#include "buffer.h"

#include <stdatomic.h>
#include <stdio.h>

#define ITEMS 10   /* more than the 5 slots: the producer must end up waiting for room */
#define HANG_AFTER_S 0.5

/* Stand-ins for the scheduler, which would produce this order by preempting the
 * consumer between its peek and its lock. Like a real preemption they order the two
 * threads in time without any happens-before edge: relaxed atomic read-modify-writes
 * (TSan gives relaxed order no synchronisation; Valgrind's tools treat a locked RMW
 * as a read, so these flags neither race nor synchronise). */
static atomic_int consumer_peeked, buffer_filled;

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
    if (empty)                               /* the peek's answer is stale by now */
        pthread_cond_wait(&b->not_empty, BUFFER_MUTEX);
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
    return NULL;
}

int main(void)
{
    rl_watchdog(HANG_AFTER_S, "lost wakeup: the consumer sleeps on not_empty with items in the "
                "buffer while the producer sleeps on not_full; both wait forever");
    buffer_init(&buf, false);
    pthread_t consumer, producer;
    if (pthread_create(&consumer, NULL, consumer_main, NULL) != 0 ||
        pthread_create(&producer, NULL, producer_main, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(consumer, NULL);
    pthread_join(producer, NULL);
    buffer_destroy(&buf);
    return rl_result(true, "%ld items taken, no wakeup lost", taken);
}
