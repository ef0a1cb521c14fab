/* counter, thread form, unsafe: `count++` and `count--` from two threads with no
 * lock. The load and the store of each update are split by a yield, so the other
 * thread reliably slips in between and one of the two updates is lost. */
#include "counter.h"

static int count;

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
    return count;   /* after both joins: ordered, not a race */
}

int main(void)
{
    const counter_variant unsafe = {NULL, increment, decrement, final_count};
    return counter_run_threads(&unsafe);
}
