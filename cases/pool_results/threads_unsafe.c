/* pool_results, thread form, unsafe: the parent starts the pool and reads every result
 * slot right away, without joining or waiting (an AsyncResult read before it is ready).
 * The read is not ordered with the worker's store by anything: a data race, and the
 * parent gets NOT_READY instead of the answer. */
#include "pool_threads.h"

/* noinline: the store and the read must be the top frame of their accesses for every tool. */
__attribute__((noinline)) static void store(pool_threads *pool, int worker, long answer)
{
    pool->results[worker] = answer;                   /* racelab: result_write */
}

__attribute__((noinline)) static void collect_right_away(pool_threads *pool, long seen[POOL_WORKERS])
{
    for (int i = 0; i < POOL_WORKERS; i++)
        seen[i] = pool->results[i];                   /* racelab: result_read */
}

int main(void)
{
    const pool_thread_variant unsafe = {NULL, store, collect_right_away, "right after starting the pool"};
    return pool_run_threads(&unsafe);
}
