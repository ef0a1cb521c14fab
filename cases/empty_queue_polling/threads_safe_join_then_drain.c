/* The other fix: polling for emptiness is correct once nobody can put any more.
 * The reader starts only after the writer has been joined, so "empty" now really
 * means "done" (Python: writer.join(); then `while not q.empty(): q.get()`).
 * (With a bounded queue this needs room for every item: nobody reads while the
 * writer runs.) */
#include "polling.h"

static tally drain_until_empty(queue *q)
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
    static const polling_plan plan = {.reader = drain_until_empty, .reader_after_writer = true};
    return polling_run_threads(&plan);
}
