/* queue_join's process form: multiprocessing.JoinableQueue with two forked consumer
 * processes; the queue (process-shared mutex and condition variables) and the result
 * slots live in one MAP_SHARED page. */
#ifndef RACELAB_JOIN_PROCS_H
#define RACELAB_JOIN_PROCS_H

#include "queue_join.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

static inline int run_processes(done_style style)
{
    shared_state *state = rl_shared_alloc(sizeof *state);   /* zero: every result NOT_READY */
    jq_init(&state->queue, true);
    pid_t consumers[CONSUMERS];
    fflush(stdout);   /* nothing buffered may be printed twice by the children */
    for (int c = 0; c < CONSUMERS; c++) {
        consumers[c] = fork();
        if (consumers[c] < 0)
            rl_die("fork");
        if (consumers[c] == 0) {
            /* a consumer blocked in get() for ever goes when the producer does */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            consume(state, style);
            _exit(0);
        }
    }
    long seen[JOB_COUNT];
    produce_and_collect(state, seen);
    for (int c = 0; c < CONSUMERS; c++)
        rl_reap(consumers[c], "queue_join consumer");
    return queue_join_verdict(seen);
}

#endif
