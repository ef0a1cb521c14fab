/* producer_consumer, process form, unsafe: `if` instead of `while` around the wait.
 * The consumer checks for an item once, sleeps, and on waking takes without looking
 * again. The producer wakes both consumers for one item (a broadcast, as notify_all
 * does); the first takes it, the second takes from the empty buffer. */
#include "producer_consumer.h"

static long take(buffer *b)
{
    rl_lock_acquire(buffer_lock);
    /* checked once, before sleeping; never again after waking */
    if (b->count == 0)               /* racelab: procs_if_check */
        buffer_sleep(b);
    long item = buffer_remove(b);    /* racelab: procs_if_take */
    rl_lock_release(buffer_lock);
    return item;
}

int main(void)
{
    return pc_run_processes(take);
}
