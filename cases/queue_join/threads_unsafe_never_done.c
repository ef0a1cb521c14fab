/* queue_join, thread form, unsafe: the consumer threads store every result but never
 * call task_done(). The unfinished count never drops, and join() waits for ever (the
 * watchdog prints the bug line). */
#include "join_threads.h"

int main(void)
{
    return run_threads(DONE_NEVER);
}
