/* Python: `while not q.empty(): print(q.get())`, with an empty() that peeks at the
 * count without taking the queue's lock. Two bugs at once: the peek is a data race
 * with the writer's locked update of the count, and the reader quits the moment it
 * catches the writer between two items. */
#include "polling.h"

/* Queue.empty() done wrong: a peek at the count without the lock, "because it is
 * only a read". The writer changes count under the lock; this read is not ordered
 * with that write at all. noinline keeps the read in a frame of its own. */
__attribute__((noinline)) static bool queue_empty_unlocked(queue *q)
{
    return q->count == 0;                                   /* racelab: count_read_unlocked */
}

static tally read_until_empty_unlocked(queue *q)
{
    tally got = {0, 0};
    while (!queue_empty_unlocked(q)) {
        got.sum += queue_get(q);
        got.items++;
    }
    return got;
}

int main(void)
{
    static const polling_plan plan = {.reader = read_until_empty_unlocked};
    return polling_run_threads(&plan);
}
