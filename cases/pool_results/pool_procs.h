/* The process pool of pool_results: three forked workers, their result slots in a
 * MAP_SHARED array (where a Pool's results come back to the parent). The variant says
 * whether the parent waits for the workers before reading the slots. */
#ifndef RACELAB_POOL_PROCS_H
#define RACELAB_POOL_PROCS_H

#include "pool.h"

#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* `wait_first`: reap every worker before reading the slots (Pool.close(); Pool.join()). */
static inline int pool_run_processes(bool wait_first)
{
    long *results = rl_shared_alloc(POOL_WORKERS * sizeof *results);   /* zero: NOT_READY */
    pid_t workers[POOL_WORKERS];
    fflush(stdout);   /* nothing buffered may be printed twice by the children */
    for (int i = 0; i < POOL_WORKERS; i++) {
        workers[i] = fork();
        if (workers[i] < 0)
            rl_die("fork");
        if (workers[i] == 0) {
            results[i] = compute(i);                              /* racelab: proc_result_write */
            _exit(0);
        }
    }
    if (wait_first)
        for (int i = 0; i < POOL_WORKERS; i++)
            rl_reap(workers[i], "pool worker");
    long seen[POOL_WORKERS];
    for (int i = 0; i < POOL_WORKERS; i++)
        seen[i] = results[i];                                     /* racelab: proc_result_read */
    if (!wait_first)
        for (int i = 0; i < POOL_WORKERS; i++)
            rl_reap(workers[i], "pool worker");
    return pool_verdict(seen, wait_first ? "after waiting for every worker" : "right after starting the pool");
}

#endif
