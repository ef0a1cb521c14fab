/* queue_join, thread form, safe: the consumer threads call task_done() after
 * storing each result, so join() returns only when every result is there. */
#include "join_threads.h"

int main(void)
{
    return run_threads(DONE_AFTER_WORK);
}
