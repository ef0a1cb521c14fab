/* The process forms' shared state: a count and the lock that guards it, side by side in
 * one MAP_SHARED page inherited by both children. The safe program takes the lock around
 * each update; the unsafe one never does, which is its bug. In C, -Wthread-safety needs
 * the lock named from a global, hence the two pointers into the page. */
#ifndef RACELAB_COUNTER_SHARED_H
#define RACELAB_COUNTER_SHARED_H

#include "counter.h"
#include "rl_lock.h"

typedef struct shared_count {
    rl_lock lock;
    int value;
} shared_count;

static rl_lock *count_lock;
static int *count RL_PT_GUARDED_BY(*count_lock);

static void setup(void)
{
    shared_count *shared = rl_shared_alloc(sizeof *shared);
    rl_lock_init(&shared->lock, false, true);
    count_lock = &shared->lock;
    count = &shared->value;
}

static long final_count(void)
{
    rl_lock_acquire(count_lock); /* after both children were reaped */
    long final = *count;
    rl_lock_release(count_lock);
    return final;
}

#endif
