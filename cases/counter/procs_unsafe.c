/* counter, process form, unsafe: two forked children update a count that lives in
 * a MAP_SHARED page (Python's multiprocessing.Value without its lock). The lost
 * update is the same as with threads, but it happens between two address spaces. */
#include "counter.h"
#include "rl_lock.h"

typedef struct shared_count {
    rl_lock lock;
    int value;
} shared_count;

/* In the shared page, inherited by both children. The lock that guards the count sits
 * beside it; this program never takes it while updating, which is the bug. */
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
    int seen = *count;       /* racelab: proc_inc */
    rl_yield();              /* the other process loads the same value now */
    *count = seen + 1;       /* racelab: proc_inc */
}

__attribute__((noinline)) static void decrement(void)
{
    int seen = *count;       /* racelab: proc_dec */
    rl_yield();
    *count = seen - 1;       /* racelab: proc_dec */
}

static long final_count(void)
{
    rl_lock_acquire(count_lock); /* after both children were reaped */
    long final = *count;
    rl_lock_release(count_lock);
    return final;
}

int main(void)
{
    const counter_variant unsafe = {setup, increment, decrement, final_count};
    return counter_run_processes(&unsafe);
}
