/* counter, process form, safe: a process-shared mutex that lives in the same
 * MAP_SHARED page as the count (a mutex in one process's private memory would be
 * copied by fork, and each child would lock its own copy). */
#include "counter.h"
#include "rl_lock.h"

typedef struct shared_count {
    rl_lock lock;
    int value;
} shared_count;

/* Both point into one MAP_SHARED page; in C the analysis needs the lock in a global. */
static rl_lock *count_lock;
static int *count RL_PT_GUARDED_BY(*count_lock);

static void setup(void)
{
    shared_count *shared = rl_shared_alloc(sizeof *shared);
    rl_lock_init(&shared->lock, false, true);
    count_lock = &shared->lock;
    count = &shared->value;
}

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

static long final_count(void)
{
    rl_lock_acquire(count_lock);
    long final = *count;
    rl_lock_release(count_lock);
    return final;
}

int main(void)
{
    const counter_variant safe = {setup, increment, decrement, final_count};
    return counter_run_processes(&safe);
}
