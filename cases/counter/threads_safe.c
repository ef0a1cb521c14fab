/* counter, thread form, safe: the tutorial's `with lock:` around each update. The
 * yield between load and store stays, to show that the lock, not luck, is what
 * keeps the other thread out of the window. */
#include "counter.h"
#include "rl_lock.h"

static rl_lock count_lock = RL_LOCK_INITIALIZER;
static int count RL_GUARDED_BY(count_lock);

__attribute__((noinline)) static void increment(void)
{
    rl_lock_acquire(&count_lock);
    int seen = count;
    rl_yield();              /* the other thread may run, but it waits for the lock */
    count = seen + 1;
    rl_lock_release(&count_lock);
}

__attribute__((noinline)) static void decrement(void)
{
    rl_lock_acquire(&count_lock);
    int seen = count;
    rl_yield();
    count = seen - 1;
    rl_lock_release(&count_lock);
}

static long final_count(void)
{
    rl_lock_acquire(&count_lock);
    long final = count;
    rl_lock_release(&count_lock);
    return final;
}

int main(void)
{
    const counter_variant safe = {NULL, increment, decrement, final_count};
    return counter_run_threads(&safe);
}
