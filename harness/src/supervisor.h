/* A supervising process that cleans up after racelab however racelab ends: when it dies
 * (SIGKILL from a CI timeout, its own out-of-memory exit, a crash), the supervisor sees
 * its end of a pipe close, kills every run still going (racelab's cgroup, or every process
 * tagged with racelab's RACELAB_JOB prefix) and removes the work directory. It ignores the
 * terminal's signals and holds no other file open, so it neither dies first nor keeps a
 * CI step waiting. */
#ifndef RACELAB_SUPERVISOR_H
#define RACELAB_SUPERVISOR_H

/* Starts the supervisor (once). `cgroup` (may be NULL) and `tag` say what to kill. */
void rl_supervisor_start(const char *cgroup, const char *tag);
/* Adds a directory for the supervisor to remove if racelab dies. */
void rl_supervisor_remove_on_death(const char *dir);

#endif
