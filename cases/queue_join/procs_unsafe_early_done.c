/* queue_join, proc form, unsafe: the forked consumer processes call task_done() as soon as
 * they get a job, before working on it. join() returns at once and the producer reads
 * result slots that are still being written. */
#include "join_procs.h"

int main(void)
{
    return run_processes(DONE_BEFORE_WORK);
}
