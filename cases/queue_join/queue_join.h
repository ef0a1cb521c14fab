/* The driver shared by every queue_join program: Python's JoinableQueue pattern in C.
 * The producer (main) puts JOB_COUNT jobs, calls join() — "wait until every job is
 * done" — and then reads every job's result. Two consumers get jobs, work on each for a
 * while (WORK_MS) and store its result in the job's slot.
 *
 * The lesson is in when a consumer calls task_done(): after storing the result (join()
 * then means "done"), before working on the job (join() returns while results are still
 * being written), or never (join() waits for ever). A variant file picks one, and the
 * form (threads, or forked processes with the queue and the results in a MAP_SHARED
 * page). */
#ifndef RACELAB_QUEUE_JOIN_H
#define RACELAB_QUEUE_JOIN_H

#include "joinable_queue.h"

#include <stdio.h>

#define JOB_COUNT 6
#define CONSUMERS 2
#define NOT_READY 0L   /* a slot's value until its consumer stores the result */
#define STOP (-1)      /* the item that tells a consumer to leave (Python's None) */

/* Long enough that a producer whose join() returns early always reads an empty slot,
 * natively and under load; scaled by RACELAB_TIME_SCALE under the detectors. */
#define WORK_MS 50
/* join() that waits longer than this (times RACELAB_TIME_SCALE) never returns. */
#define JOIN_WATCHDOG_S 1

typedef enum {
    DONE_AFTER_WORK,  /* get(); work; store; task_done()        correct */
    DONE_BEFORE_WORK, /* get(); task_done(); work; store        join() returns too early */
    DONE_NEVER,       /* get(); work; store                     join() never returns */
} done_style;

typedef struct shared_state {
    joinable_queue queue;
    long results[JOB_COUNT];  /* slot i is written by whichever consumer got job i */
} shared_state;

static inline long job_answer(int job) { return 100L + job * job; }

/* noinline: the store and the read are the top frame of their accesses for every tool. */
__attribute__((noinline)) static void store_result(shared_state *s, int job, long answer)
{
    s->results[job] = answer;                                   /* racelab: result_write */
}

__attribute__((noinline)) static long read_result(const shared_state *s, int job)
{
    return s->results[job];                                     /* racelab: result_read */
}

static inline void consume(shared_state *s, done_style style)
{
    for (;;) {
        int job = jq_get(&s->queue);
        if (job == STOP)
            return;
        if (style == DONE_BEFORE_WORK)
            jq_task_done(&s->queue);                            /* racelab: early_done */
        rl_pause_ms(WORK_MS);   /* the work; a pause orders nothing */
        store_result(s, job, job_answer(job));
        if (style == DONE_AFTER_WORK)
            jq_task_done(&s->queue);
    }
}

/* Puts the jobs, joins the queue, and reads every result (the part under test); a
 * join() that never returns is ended by the watchdog with the bug line. */
static inline void produce_and_collect(shared_state *s, long seen[JOB_COUNT])
{
    for (int job = 0; job < JOB_COUNT; job++)
        jq_put(&s->queue, job);
    rl_watchdog(JOIN_WATCHDOG_S, "queue.join() never returned: no consumer called task_done()");
    jq_join(&s->queue);                                         /* racelab: join_returns */
    for (int job = 0; job < JOB_COUNT; job++)
        seen[job] = read_result(s, job);
    for (int c = 0; c < CONSUMERS; c++)
        jq_put(&s->queue, STOP);
}

static inline int queue_join_verdict(const long seen[JOB_COUNT])
{
    for (int job = 0; job < JOB_COUNT; job++)
        if (seen[job] != job_answer(job))
            return rl_result(false, "join() returned, but the result of job %d was %ld, not %ld "
                             "(%ld: its consumer had not stored it yet)", job, seen[job],
                             job_answer(job), NOT_READY);
    return rl_result(true, "join() returned after all %d results were stored", JOB_COUNT);
}

#endif
