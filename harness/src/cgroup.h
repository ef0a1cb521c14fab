/* cgroup v2 for jobs: each run gets a cgroup of its own under one racelab creates for
 * itself, so that a run is killed whole (cgroup.kill reaches every descendant, also one
 * that left the process group with setsid()) and nothing it started can hide. Where the
 * machine has no writable cgroup v2 with cgroup.kill, every function says so and the job
 * runner falls back to process groups and tagged-environment sweeps. */
#ifndef RACELAB_CGROUP_H
#define RACELAB_CGROUP_H

#include <stdbool.h>

/* Creates racelab's own cgroup under the one it runs in. Returns 0, or -1 with *why
 * (malloc'd) when cgroups cannot be used here or RACELAB_NO_CGROUP is set (to test the
 * fallback). Idempotent. */
int rl_cgroup_init(char **why);
/* racelab's own cgroup (absolute path in the cgroup2 mount), or NULL without cgroups. */
const char *rl_cgroup_root(void);
/* A new, empty cgroup for one run (malloc'd path), or NULL. */
char *rl_cgroup_new(void);
/* Kills every process in the cgroup and below it. */
void rl_cgroup_kill(const char *cgroup);
/* Kills what is left, waits (at most about 2 s) until it is empty, removes it. */
int rl_cgroup_remove(const char *cgroup);
/* Kills and removes `cgroup` and the cgroups directly below it (a run's). */
void rl_cgroup_remove_tree(const char *cgroup);
/* Removes every run's cgroup and racelab's own one. */
void rl_cgroup_finish(void);

#endif
