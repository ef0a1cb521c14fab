/* producer_consumer, process form, safe: the consumer re-checks "is there an item?"
 * in a while loop every time it wakes, so a wakeup for an item that another consumer
 * has already taken just sends it back to sleep. */
#include "producer_consumer.h"

static long take(buffer *b)
{
    rl_lock_acquire(buffer_lock);
    while (b->count == 0)            /* re-checked after every wakeup */
        buffer_sleep(b);
    long item = buffer_remove(b);
    rl_lock_release(buffer_lock);
    return item;
}

int main(void)
{
    return pc_run_processes(take);
}
