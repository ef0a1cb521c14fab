/* The process form of the check-then-act reader (multiprocessing.Queue): the queue
 * lives in a MAP_SHARED mapping with a process-shared mutex and condition variables,
 * the writer and the reader are two forked processes, and the reader quits as soon
 * as a locked empty() says the queue is empty, while the writer is between items. */
#include "polling.h"

static tally read_until_empty(queue *q)
{
    tally got = {0, 0};
    while (!queue_empty(q)) {
        got.sum += queue_get(q);
        got.items++;
    }
    return got;
}

int main(void)
{
    static const polling_plan plan = {.reader = read_until_empty};
    return polling_run_procs(&plan);
}
