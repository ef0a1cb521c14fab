/* A timing rail: makes one thread's step come after another thread's step in real
 * time, without creating a happens-before edge that any of the detectors can see.
 *
 * It is scaffolding that makes a bad interleaving certain, not part of the lesson (like
 * rl_yield()). A rail is a relaxed atomic read-modify-write:
 * - C11 gives relaxed operations no ordering, so ThreadSanitizer adds no edge;
 * - on x86 it compiles to a lock-prefixed instruction, which Helgrind and DRD treat as
 *   atomic (no report on the rail itself) but not as synchronisation (measured on a small
 *   program: a plain write before rail_pass() and a read after rail_wait() is still
 *   reported as a race by TSan, Helgrind and DRD).
 * So a race the lesson is about stays a race, and only its timing is pinned down. */
#ifndef RACELAB_TIMING_RAIL_H
#define RACELAB_TIMING_RAIL_H

#include "racelab_case.h"

#include <stdatomic.h>

typedef struct timing_rail {
    atomic_int passed;
} timing_rail;

/* "I have got this far." */
static inline void rail_pass(timing_rail *rail)
{
    atomic_fetch_add_explicit(&rail->passed, 1, memory_order_relaxed);
}

/* Returns once rail_pass() has been called at least once (the read is an RMW too, so
 * that Helgrind and DRD see only atomic instructions on the rail). */
static inline void rail_wait(timing_rail *rail)
{
    while (atomic_fetch_add_explicit(&rail->passed, 0, memory_order_relaxed) == 0)
        rl_yield();
}

#endif
