/* pool_results, thread form, safe: Pool.close() + Pool.join() before reading. Joining a
 * worker orders everything it did before the parent's next step, so every slot holds its
 * answer and the reads do not race with the stores. */
#include "pool_threads.h"

__attribute__((noinline)) static void store(pool_threads *pool, int worker, long answer)
{
    pool->results[worker] = answer;
}

__attribute__((noinline)) static void collect_after_join(pool_threads *pool, long seen[POOL_WORKERS])
{
    for (int i = 0; i < POOL_WORKERS; i++) {
        pthread_join(pool->workers[i], NULL);
        pool->joined[i] = true;   /* the driver must not join it again */
    }
    for (int i = 0; i < POOL_WORKERS; i++)
        seen[i] = pool->results[i];
}

int main(void)
{
    const pool_thread_variant safe = {NULL, store, collect_after_join, "after joining the pool"};
    return pool_run_threads(&safe);
}
