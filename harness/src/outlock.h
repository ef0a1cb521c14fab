/* One run at a time per --out: two runs writing the same results would interleave them.
 * The lock is flock(2) on <out>/.lock, held until the process ends (also when it is
 * killed), so it can never be left stale. */
#ifndef RACELAB_OUTLOCK_H
#define RACELAB_OUTLOCK_H

enum { RL_OUT_LOCKED = 0, RL_OUT_BUSY = 1, RL_OUT_FAILED = 2 };

/* Creates `dir` if needed and locks it. RL_OUT_LOCKED, or RL_OUT_BUSY (another run holds
 * it) / RL_OUT_FAILED (cannot create or open) with *error (malloc'd). */
int rl_out_lock(const char *dir, char **error);

#endif
