/* queue_join, proc form, unsafe: the forked consumer processes store every result but never
 * call task_done(). The unfinished count never drops, and join() waits for ever (the
 * watchdog prints the bug line). */
#include "join_procs.h"

int main(void)
{
    return run_processes(DONE_NEVER);
}
