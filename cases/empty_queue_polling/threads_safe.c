/* The fix a teacher shows: the reader never asks whether the queue is empty. It
 * blocks in get() until an item comes, and the writer says "no more" explicitly with
 * a sentinel item (Python: q.put(None) ... `while (item := q.get()) is not None`). */
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
    return polling_run_threads(&plan);
}
