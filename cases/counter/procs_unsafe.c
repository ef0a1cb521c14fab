/* counter, process form, unsafe: two forked children update a count that lives in
 * a MAP_SHARED page (Python's multiprocessing.Value without its lock). The lost
 * update is the same as with threads, but it happens between two address spaces. */
#include "counter_shared.h"

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

int main(void)
{
    const counter_variant unsafe = {setup, increment, decrement, final_count};
    return counter_run_processes(&unsafe);
}
