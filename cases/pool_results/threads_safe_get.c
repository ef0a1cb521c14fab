/* pool_results, thread form, safe: AsyncResult.get(): each slot has a "ready" flag
 * under a mutex and a condition variable; the parent waits on each result until it is
 * ready, while the workers keep running (no join needed to read). */
#include "pool_threads.h"

static pthread_mutex_t results_lock;
static pthread_cond_t result_ready;
static bool ready[POOL_WORKERS];        /* guarded by results_lock */

static void setup(void)
{
    if (pthread_mutex_init(&results_lock, NULL) != 0 || pthread_cond_init(&result_ready, NULL) != 0)
        rl_die("pthread_mutex_init");
}

__attribute__((noinline)) static void store(pool_threads *pool, int worker, long answer)
{
    pthread_mutex_lock(&results_lock);
    pool->results[worker] = answer;
    ready[worker] = true;
    pthread_cond_broadcast(&result_ready);
    pthread_mutex_unlock(&results_lock);
}

/* One AsyncResult.get(): block until worker i's result is there, then read it. */
static long async_result_get(pool_threads *pool, int worker)
{
    pthread_mutex_lock(&results_lock);
    while (!ready[worker])
        pthread_cond_wait(&result_ready, &results_lock);
    long answer = pool->results[worker];
    pthread_mutex_unlock(&results_lock);
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
