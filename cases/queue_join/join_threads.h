/* queue_join's thread form: queue.Queue with two consumer threads (daemon-like: they
 * leave when they get STOP, and main joins them at the end). */
#ifndef RACELAB_JOIN_THREADS_H
#define RACELAB_JOIN_THREADS_H

#include "queue_join.h"

typedef struct consumer_arg {
    shared_state *state;
    done_style style;
} consumer_arg;

static inline void *consumer_main(void *arg)
{
    const consumer_arg *a = arg;
    consume(a->state, a->style);
    return NULL;
}

static inline int run_threads(done_style style)
{
    static shared_state state;   /* zero: every result NOT_READY */
    jq_init(&state.queue, false);
    consumer_arg arg = {&state, style};
    pthread_t consumers[CONSUMERS];
    for (int c = 0; c < CONSUMERS; c++)
        if (pthread_create(&consumers[c], NULL, consumer_main, &arg) != 0)
            rl_die("pthread_create");
    long seen[JOB_COUNT];
    produce_and_collect(&state, seen);
    for (int c = 0; c < CONSUMERS; c++)
        pthread_join(consumers[c], NULL);
    return queue_join_verdict(seen);
}

#endif
