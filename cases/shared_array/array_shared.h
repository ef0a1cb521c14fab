/* The process forms' shared state: the array and the recursive lock that guards it
 * (multiprocessing.Array carries one), side by side in one MAP_SHARED page inherited by
 * every child. The safe program takes the lock across write and read-back; the unsafe one
 * never does, which is its bug. In C, -Wthread-safety needs the lock named from a global,
 * hence the two pointers into the page. */
#ifndef RACELAB_ARRAY_SHARED_H
#define RACELAB_ARRAY_SHARED_H

#include "rl_lock.h"
#include "shared_array.h"

typedef struct locked_array {
    rl_lock lock;
    int values[ARRAY_LEN];
} locked_array;

static rl_lock *arr_lock;
static int *arr RL_PT_GUARDED_BY(*arr_lock);

static void setup(void)
{
    static const int initial[ARRAY_LEN] = ARRAY_INITIAL;
    locked_array *shared = rl_shared_alloc(sizeof *shared);
    rl_lock_init(&shared->lock, true, true); /* recursive, process-shared */
    memcpy(shared->values, initial, sizeof initial);
    arr_lock = &shared->lock;
    arr = shared->values;
}

#endif
