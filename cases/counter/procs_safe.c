/* counter, process form, safe: a process-shared mutex that lives in the same
 * MAP_SHARED page as the count (a mutex in one process's private memory would be
 * copied by fork, and each child would lock its own copy). */
#include "counter_shared.h"

__attribute__((noinline)) static void increment(void)
{
    rl_lock_acquire(count_lock);
    int seen = *count;
    rl_yield();
    *count = seen + 1;
    rl_lock_release(count_lock);
}

__attribute__((noinline)) static void decrement(void)
{
    rl_lock_acquire(count_lock);
    int seen = *count;
    rl_yield();
    *count = seen - 1;
    rl_lock_release(count_lock);
}

int main(void)
{
    const counter_variant safe = {setup, increment, decrement, final_count};
    return counter_run_processes(&safe);
}
