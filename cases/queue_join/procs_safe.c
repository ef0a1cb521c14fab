/* queue_join, proc form, safe: the forked consumer processes call task_done() after
 * storing each result, so join() returns only when every result is there. */
#include "join_procs.h"

int main(void)
{
    return run_processes(DONE_AFTER_WORK);
}
