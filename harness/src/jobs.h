/* Runs child processes the way a test runner must: each in a cgroup of its own where the
 * machine allows it (else its own process group, with its descendants tagged in their
 * environment), its output read through a cap (capture.h) into files, killed whole at its
 * deadline, every way of ending told apart, and nothing left running when the batch
 * returns, nor when racelab itself dies (parent-death signal, supervisor.h). */
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
    char error[256]; /* RL_END_SPAWN_FAILED: why; other kinds: when not empty, racelab's own
                        handling of the run failed (e.g. its output could not be saved) */
    unsigned long long stdout_dropped, stderr_dropped; /* bytes beyond the cap (capture.h) */
} rl_end;

typedef struct rl_job rl_job;
typedef void rl_job_done(rl_job *job, const rl_end *end, void *ctx);

struct rl_job {
    char *const *argv;
    char *const *envp;       /* full environment */
    const char *stdout_path; /* written when the job ends: what was kept of its output */
    const char *stderr_path; /* NULL: discarded */
    const char *cwd;         /* where it runs; NULL: racelab's own working directory */
    double timeout_s;
    /* Called right before the job starts (may be NULL): a place to create what the job
     * needs only then. Returns 0, or -1 with a message in error[0..size). */
    int (*prepare)(rl_job *job, char *error, size_t size);
    rl_job_done *done;       /* called once, when the job has ended */
    void *ctx;
    /* private to jobs.c */
    pid_t pid;
    int pidfd;
    int out_fd, err_fd;      /* read ends of the output pipes; -1 once closed */
    struct rl_capture *out, *err;
    char *cgroup;
    unsigned serial;
    double started, deadline;
    bool running, timed_out, reaped;
    int wait_status;
};

/* Sets up cgroups (or the fallback), starts the supervisor, makes orphaned descendants
 * come back to this process to be reaped, and turns SIGINT/SIGTERM/SIGHUP into an orderly
 * stop of rl_run_jobs. Call once at start. */
void rl_spawn_init(void);
/* How runs are contained here: "cgroup v2 (<path>)" or why not, for messages and tests. */
const char *rl_spawn_containment(void);
/* Removes racelab's cgroups; rl_spawn_init registers it with atexit. */
void rl_spawn_finish(void);
/* Whether SIGINT/SIGTERM/SIGHUP arrived. */
bool rl_spawn_interrupted(void);

/* Runs the jobs, at most `parallel` at a time, in order. Returns 0, or -1 when interrupted
 * (the remaining jobs end as RL_END_INTERRUPTED). */
int rl_run_jobs(rl_job **jobs, size_t n, unsigned parallel);

/* Runs one command to completion and returns its end; a convenience for version probes.
 * stdout_path may be NULL to discard the output. */
rl_end rl_run_one(char *const *argv, const char *stdout_path, double timeout_s);
/* The same, keeping stderr too (a compiler's diagnostics); either path may be NULL. */
rl_end rl_run_one_logged(char *const *argv, const char *stdout_path, const char *stderr_path,
                         double timeout_s);

double rl_now(void);

#endif
