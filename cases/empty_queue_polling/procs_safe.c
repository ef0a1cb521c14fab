/* The process form of the fix: the reader process blocks in get() on the
 * process-shared condition variable until the writer process sends the sentinel. */
#include "polling.h"

static tally read_until_sentinel(queue *q)
{
    tally got = {0, 0};
    for (long item; (item = queue_get(q)) != QUEUE_SENTINEL;) {
        got.sum += item;
        got.items++;
    }
    return got;
}

int main(void)
{
    static const polling_plan plan = {.reader = read_until_sentinel, .writer_sends_sentinel = true};
    return polling_run_procs(&plan);
}
