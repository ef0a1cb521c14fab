/* The driver shared by every pool_results program: Python's Pool(processes=3) with
 * apply_async, in C. The parent hands task i (square the number i + 7) to worker i and
 * later reads worker i's result slot. A worker takes a while (it "computes" for
 * WORK_MS milliseconds) before it stores its result.
 *
 * The lesson is in when the parent reads a slot: after the worker is known to be done
 * (Pool.close() + Pool.join(), or AsyncResult.get()), or right away. A variant file
 * supplies the pool (threads or forked processes) and the "wait for the result" step. */
#ifndef RACELAB_POOL_H
#define RACELAB_POOL_H

#include "racelab_case.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define POOL_WORKERS 3
#define NOT_READY 0L   /* a slot's value until its worker stores the result */

/* How long a task takes, natively. Long enough that a parent reading right after
 * starting the pool always finds nothing there, also on a loaded machine; short enough
 * to be cheap. Scaled by RACELAB_TIME_SCALE (the tool's slowdown): under Valgrind,
 * creating the three workers alone took over 50 ms on a loaded machine, and a worker
 * then stored its answer before the parent's read (DRD reported the read, not the store). */
#define WORK_MS 50

static inline long task_input(int worker) { return worker + 7; }
static inline long task_answer(int worker) { return task_input(worker) * task_input(worker); }

/* The task's work: a pause standing in for a computation, then the answer. A pause is
 * not synchronisation: the detectors still see the parent's read and this store as
 * unordered (TSan even says "As if synchronized via sleep"). */
static inline long compute(int worker)
{
    rl_pause_ms(WORK_MS);
    return task_answer(worker);
}

/* What the parent read for each task, judged once every worker has finished. */
static inline int pool_verdict(const long seen[POOL_WORKERS], const char *when)
{
    for (int i = 0; i < POOL_WORKERS; i++)
        if (seen[i] != task_answer(i))
            return rl_result(false, "the parent read result %d = %ld %s; the task's answer is %ld "
                             "(%ld means the worker had not stored it yet)",
                             i, seen[i], when, task_answer(i), NOT_READY);
    return rl_result(true, "the parent read all %d results (%ld, %ld, %ld) %s", POOL_WORKERS,
                     seen[0], seen[1], seen[2], when);
}

#endif
