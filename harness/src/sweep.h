/* Where cgroups are not available, a run's descendants are found by a tag in their
 * environment (RACELAB_JOB=<racelab pid>.<run>): a grandchild that left the process group
 * with setsid() still carries it. Killing by tag reaches such escapers. */
#ifndef RACELAB_SWEEP_H
#define RACELAB_SWEEP_H

#include <stddef.h>

#define RL_JOB_TAG "RACELAB_JOB="

/* Sends SIGKILL to every process whose environment has an entry starting with `tag`
 * (e.g. "RACELAB_JOB=123.4" for one run, "RACELAB_JOB=123." for all of racelab 123's),
 * until none is left (a few rounds: a process may fork while it is being swept).
 * Returns how many were killed. */
size_t rl_sweep_tagged(const char *tag);

#endif
