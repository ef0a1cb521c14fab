/* queue_join, thread form, unsafe: the consumer threads call task_done() as soon as
 * they get a job, before working on it. join() returns at once and the producer reads
 * result slots that are still being written. */
#include "join_threads.h"

int main(void)
{
    return run_threads(DONE_BEFORE_WORK);
}
