/* Runs child processes the way a test runner must: each in its own process group, with
 * its output in files, killed as a group at its deadline, every way of ending told apart,
 * and nothing left running when the batch returns. */
#ifndef RACELAB_JOBS_H
#define RACELAB_JOBS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum {
    RL_END_EXITED,       /* status = exit code */
    RL_END_SIGNALED,     /* status = signal number */
    RL_END_TIMEOUT,      /* still running at the deadline: the group was killed */
    RL_END_SPAWN_FAILED, /* could not start (error says why) */
    RL_END_INTERRUPTED,  /* the harness was interrupted and killed the group */
} rl_end_kind;

typedef struct rl_end {
    rl_end_kind kind;
    int status;
    double wall_s;
    char error[256];
} rl_end;

typedef struct rl_job rl_job;
typedef void rl_job_done(rl_job *job, const rl_end *end, void *ctx);

struct rl_job {
    char *const *argv;
    char *const *envp;       /* full environment */
    const char *stdout_path; /* created/truncated */
    const char *stderr_path;
    double timeout_s;
    rl_job_done *done;       /* called once, when the job has ended */
    void *ctx;
    /* private to spawn.c */
    pid_t pid;
    int pidfd;
    double started, deadline;
    bool running, timed_out, reaped;
    int wait_status;
};

/* Makes orphaned grandchildren of killed groups come back to this process to be reaped,
 * and turns SIGINT/SIGTERM into an orderly stop of rl_run_jobs. Call once at start. */
void rl_spawn_init(void);
/* Whether SIGINT/SIGTERM arrived. */
bool rl_spawn_interrupted(void);

/* Runs the jobs, at most `parallel` at a time, in order. Returns 0, or -1 when interrupted
 * (the remaining jobs end as RL_END_INTERRUPTED). */
int rl_run_jobs(rl_job **jobs, size_t n, unsigned parallel);

/* Runs one command to completion and returns its end; a convenience for version probes. */
rl_end rl_run_one(char *const *argv, const char *stdout_path, double timeout_s);

double rl_now(void);

#endif
