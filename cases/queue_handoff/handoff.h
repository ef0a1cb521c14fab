/* The driver shared by every queue_handoff program: a producer puts the items 1..n and
 * then the sentinel 0 ("no more", Python's None); a consumer gets items until the
 * sentinel and keeps a tally. The handoff is correct when the consumer got every item,
 * once, in order. This is a negative control: every program here is correct, so any
 * report a tool makes on it is a false alarm. */
#ifndef RACELAB_HANDOFF_H
#define RACELAB_HANDOFF_H

#include "racelab_case.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define HANDOFF_ITEMS_FULL 2000
#define HANDOFF_ITEMS_SMALL 20
#define HANDOFF_SENTINEL 0L

typedef struct handoff_tally {
    long received;      /* items before the sentinel */
    long sum;
    long out_of_order;  /* items that were not the one after the previous */
} handoff_tally;

static inline void tally_item(handoff_tally *t, long item)
{
    if (item != t->received + 1)
        t->out_of_order++;
    t->received++;
    t->sum += item;
}

static inline int handoff_verdict(const handoff_tally *t, long items)
{
    long expected_sum = items * (items + 1) / 2;
    if (t->received != items || t->sum != expected_sum || t->out_of_order != 0)
        return rl_result(false, "the consumer got %ld items (sum %ld, %ld out of order), the producer "
                         "put %ld (sum %ld)", t->received, t->sum, t->out_of_order, items, expected_sum);
    return rl_result(true, "the consumer got all %ld items in order before the sentinel", items);
}

#endif
