/* queue_join, proc form, unsafe: the forked consumer processes store every result but never
 * call task_done(). The unfinished count never drops, and join() waits for ever: once
 * every job is handled with no task_done() made, join_prover proves it and prints the
 * bug line. */
#include "join_procs.h"

int main(void)
{
    return run_processes(DONE_NEVER);
}
