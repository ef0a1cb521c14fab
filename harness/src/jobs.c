#define _GNU_SOURCE
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

void rl_spawn_init(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt; /* no SA_RESTART: poll() must wake up */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

bool rl_spawn_interrupted(void)
{
    return interrupted != 0;
}

double rl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void end_with(rl_job *job, rl_end_kind kind, int status, const char *error)
{
    rl_end end = {.kind = kind, .status = status};
    end.wall_s = job->started > 0 ? rl_now() - job->started : 0;
    if (error)
        snprintf(end.error, sizeof end.error, "%s", error);
    job->done(job, &end, job->ctx);
}

static int spawn_job(rl_job *job, char *error, size_t error_size)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, job->stdout_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, job->stderr_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0); /* a group of its own, led by the child */
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    job->started = rl_now();
    int rc = posix_spawnp(&job->pid, job->argv[0], &fa, &attr, job->argv,
                          job->envp ? job->envp : environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        snprintf(error, error_size, "cannot start %s: %s", job->argv[0], strerror(rc));
        return -1;
    }
    job->pidfd = (int)pidfd_open(job->pid, 0);
    job->deadline = job->started + job->timeout_s;
    job->running = true;
    job->reaped = false;
    job->timed_out = false;
    return 0;
}

/* Reaps every child that has ended (ours, or orphans handed to us as subreaper). */
static void reap(rl_job **jobs, size_t n)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (size_t i = 0; i < n; i++) {
            if (jobs[i]->running && jobs[i]->pid == pid) {
                jobs[i]->reaped = true;
                jobs[i]->wait_status = status;
            }
        }
    }
}

static void finish(rl_job *job)
{
    /* The leader is gone; whatever it left behind in its group goes too. */
    kill(-job->pid, SIGKILL);
    if (job->pidfd >= 0)
        close(job->pidfd);
    job->running = false;
    int st = job->wait_status;
    if (job->timed_out)
        end_with(job, RL_END_TIMEOUT, 0, NULL);
    else if (interrupted)
        end_with(job, RL_END_INTERRUPTED, 0, NULL);
    else if (WIFSIGNALED(st))
        end_with(job, RL_END_SIGNALED, WTERMSIG(st), NULL);
    else
        end_with(job, RL_END_EXITED, WEXITSTATUS(st), NULL);
}

static int poll_timeout_ms(rl_job **running, size_t n)
{
    double now = rl_now(), soonest = now + 1.0;
    for (size_t i = 0; i < n; i++)
        if (running[i]->deadline < soonest)
            soonest = running[i]->deadline;
    double ms = (soonest - now) * 1000.0;
    return ms < 1 ? 1 : (int)ms;
}

static void kill_overdue(rl_job **running, size_t n)
{
    double now = rl_now();
    for (size_t i = 0; i < n; i++) {
        if ((interrupted || now >= running[i]->deadline) && !running[i]->timed_out) {
            running[i]->timed_out = !interrupted;
            kill(-running[i]->pid, SIGKILL);
        }
    }
}

/* Waits until some running job ends or is overdue, then settles those that ended. */
static size_t wait_some(rl_job **running, size_t n)
{
    struct pollfd fds[n];
    for (size_t i = 0; i < n; i++)
        fds[i] = (struct pollfd){.fd = running[i]->pidfd, .events = POLLIN};
    if (poll(fds, n, poll_timeout_ms(running, n)) < 0 && errno != EINTR)
        perror("racelab: poll");
    kill_overdue(running, n);
    reap(running, n);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (running[i]->reaped)
            finish(running[i]);
        else
            running[kept++] = running[i];
    }
    return kept;
}

int rl_run_jobs(rl_job **jobs, size_t n, unsigned parallel)
{
    rl_job *running[parallel ? parallel : 1];
    size_t n_running = 0, next = 0;
    char error[256];
    if (parallel == 0)
        parallel = 1;
    while (next < n || n_running > 0) {
        while (!interrupted && next < n && n_running < parallel) {
            rl_job *job = jobs[next++];
            if (spawn_job(job, error, sizeof error) == 0)
                running[n_running++] = job;
            else
                end_with(job, RL_END_SPAWN_FAILED, 0, error);
        }
        if (interrupted && n_running == 0)
            break;
        if (n_running > 0)
            n_running = wait_some(running, n_running);
    }
    for (; next < n; next++)
        end_with(jobs[next], RL_END_INTERRUPTED, 0, NULL);
    return interrupted ? -1 : 0;
}

static void keep_end(rl_job *job, const rl_end *end, void *ctx)
{
    (void)job;
    *(rl_end *)ctx = *end;
}

rl_end rl_run_one(char *const *argv, const char *stdout_path, double timeout_s)
{
    rl_end end = {0};
    rl_job job = {.argv = argv, .stdout_path = stdout_path, .stderr_path = "/dev/null",
                  .timeout_s = timeout_s, .done = keep_end, .ctx = &end};
    rl_job *jobs[] = {&job};
    rl_run_jobs(jobs, 1, 1);
    return end;
}
