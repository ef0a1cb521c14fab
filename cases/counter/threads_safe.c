/* counter, thread form, safe: the tutorial's `with lock:` around each update. The
 * yield between load and store stays, to show that the lock, not luck, is what
 * keeps the other thread out of the window. */
#include "counter.h"

static int count;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) static void increment(void)
{
    pthread_mutex_lock(&count_lock);
    int seen = count;
    rl_yield();              /* the other thread may run, but it waits for the lock */
    count = seen + 1;
    pthread_mutex_unlock(&count_lock);
}

__attribute__((noinline)) static void decrement(void)
{
    pthread_mutex_lock(&count_lock);
    int seen = count;
    rl_yield();
    count = seen - 1;
    pthread_mutex_unlock(&count_lock);
}

static long final_count(void)
{
    return count;
}

int main(void)
{
    const counter_variant safe = {NULL, increment, decrement, final_count};
    return counter_run_threads(&safe);
}
