/* counter, thread form, unsafe: `count++` and `count--` from two threads with no
 * lock. The load and the store of each update are split by a yield, so the other
 * thread reliably slips in between and one of the two updates is lost. */
#include "counter.h"
#include "rl_lock.h"

/* The lock that guards count, as -Wthread-safety is told; this program never takes it
 * while updating, which is the bug. */
static rl_lock count_lock = RL_LOCK_INITIALIZER;
static int count RL_GUARDED_BY(count_lock);

/* noinline: every tool must name these lines as the top frame of the access. */
__attribute__((noinline)) static void increment(void)
{
    int seen = count;        /* racelab: counter_inc */
    rl_yield();              /* the other thread loads the same value now */
    count = seen + 1;        /* racelab: counter_inc */
}

__attribute__((noinline)) static void decrement(void)
{
    int seen = count;        /* racelab: counter_dec */
    rl_yield();
    count = seen - 1;        /* racelab: counter_dec */
}

static long final_count(void)
{
    rl_lock_acquire(&count_lock); /* after both joins; the lock only says so to the analysis */
    long final = count;
    rl_lock_release(&count_lock);
    return final;
}

int main(void)
{
    const counter_variant unsafe = {NULL, increment, decrement, final_count};
    return counter_run_threads(&unsafe);
}
