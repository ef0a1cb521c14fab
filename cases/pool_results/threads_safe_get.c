/* pool_results, thread form, safe: AsyncResult.get(): each slot has a "ready" flag
 * under a mutex and a condition variable; the parent waits on each result until it is
 * ready, while the workers keep running (no join needed to read). */
#include "pool_threads.h"
#include "rl_lock.h"

static rl_lock results_lock;
static pthread_cond_t result_ready;
static bool ready[POOL_WORKERS] RL_GUARDED_BY(results_lock);

static void setup(void)
{
    rl_lock_init(&results_lock, false, false);
    if (pthread_cond_init(&result_ready, NULL) != 0)
        rl_die("pthread_cond_init");
}

__attribute__((noinline)) static void store(pool_threads *pool, int worker, long answer)
{
    rl_lock_acquire(&results_lock);
    pool->results[worker] = answer;
    ready[worker] = true;
    pthread_cond_broadcast(&result_ready);
    rl_lock_release(&results_lock);
}

/* One AsyncResult.get(): block until worker i's result is there, then read it. */
static long async_result_get(pool_threads *pool, int worker)
{
    rl_lock_acquire(&results_lock);
    while (!ready[worker])
        pthread_cond_wait(&result_ready, &results_lock.mutex);
    long answer = pool->results[worker];
    rl_lock_release(&results_lock);
    return answer;
}

__attribute__((noinline)) static void collect_with_get(pool_threads *pool, long seen[POOL_WORKERS])
{
    for (int i = 0; i < POOL_WORKERS; i++)
        seen[i] = async_result_get(pool, i);
}

int main(void)
{
    const pool_thread_variant safe = {setup, store, collect_with_get, "with a blocking get() per result"};
    return pool_run_threads(&safe);
}
