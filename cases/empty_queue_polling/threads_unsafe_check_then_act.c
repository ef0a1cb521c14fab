/* Python: `while not q.empty(): print(q.get())` with a correct, locked empty().
 * Every access to the queue is under its lock, so there is no data race; the bug is
 * that "is it empty?" and "then I am done" are two steps. The answer is true only for
 * the instant the lock was held: the writer, between two items, is not finished. */
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
    return polling_run_threads(&plan);
}
