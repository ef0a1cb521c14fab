#define _GNU_SOURCE
#include "jobs.h"

#include "capture.h"
#include "cgroup.h"
#include "parse.h"
#include "supervisor.h"
#include "sweep.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* No file a run writes (a report, a log) may grow beyond this: the disk budget of a run,
 * enforced by the kernel (RLIMIT_FSIZE: the writer gets SIGXFSZ). */
#define RL_FILE_SIZE_MAX ((rlim_t)RL_REPORT_MAX)

static volatile sig_atomic_t interrupted;
static bool initialized;
static char containment[512] = "process groups (rl_spawn_init was not called)";
static char tag_prefix[64]; /* RACELAB_JOB=<pid>. */
static unsigned next_serial;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

void rl_spawn_init(void)
{
    if (initialized)
        return;
    initialized = true;
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt; /* no SA_RESTART: poll() must wake up */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    char *why = NULL;
    if (rl_cgroup_init(&why) == 0)
        snprintf(containment, sizeof containment, "cgroup v2 (%s)", rl_cgroup_root());
    else
        snprintf(containment, sizeof containment,
                 "process groups and environment tags (no cgroup: %s)", why);
    free(why);
    snprintf(tag_prefix, sizeof tag_prefix, "%s%d.", RL_JOB_TAG, (int)getpid());
    rl_supervisor_start(rl_cgroup_root(), tag_prefix);
    atexit(rl_spawn_finish);
}

const char *rl_spawn_containment(void)
{
    return containment;
}

void rl_spawn_finish(void)
{
    rl_cgroup_finish();
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

static void free_captures(rl_job *job)
{
    if (job->out == NULL)
        return;
    rl_capture_free(job->out);
    rl_capture_free(job->err);
    free(job->out);
    free(job->err);
    job->out = job->err = NULL;
}

/* Tells the job's owner how it ended; the job may be freed by `done`, so nothing of it is
 * touched afterwards. */
static void end_with(rl_job *job, rl_end_kind kind, int status, const char *error)
{
    rl_end end = {.kind = kind, .status = status};
    end.stdout_dropped = job->out ? rl_capture_dropped(job->out) : 0;
    end.stderr_dropped = job->err ? rl_capture_dropped(job->err) : 0;
    free_captures(job);
    end.wall_s = job->started > 0 ? rl_now() - job->started : 0;
    if (error)
        snprintf(end.error, sizeof end.error, "%s", error);
    job->done(job, &end, job->ctx);
}

/* ---- starting ------------------------------------------------------------------- */

/* The job's environment plus its tag, RACELAB_JOB=<racelab pid>.<serial>. */
static char **tagged_env(const rl_job *job)
{
    char *const *env = job->envp ? job->envp : environ;
    size_t n = 0;
    while (env[n])
        n++;
    char **out = xcalloc(n + 2, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(env[i], RL_JOB_TAG, strlen(RL_JOB_TAG)) != 0)
            out[k++] = env[i];
    out[k] = xasprintf("%s%u", tag_prefix, job->serial);
    return out;
}

static void free_tagged_env(char **env)
{
    size_t n = 0;
    while (env[n + 1])
        n++;
    free(env[n]); /* the tag, last; the others belong to the job */
    free(env);
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(const rl_job *job, char **env, int out_w, int err_w, int report_w,
                  int procs_fd, pid_t parent)
{
    int failure = 0;
    setpgid(0, 0);
    if (procs_fd >= 0 && write(procs_fd, "0", 1) != 1)
        failure = errno;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127); /* racelab died before the line above */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    struct rlimit fsize = {RL_FILE_SIZE_MAX, RL_FILE_SIZE_MAX};
    setrlimit(RLIMIT_FSIZE, &fsize);
    int null = open("/dev/null", O_RDWR);
    if (failure == 0 && (null < 0 || dup2(null, 0) < 0 || dup2(out_w, 1) < 0 ||
                         dup2(err_w >= 0 ? err_w : null, 2) < 0))
        failure = errno;
    if (failure == 0 && job->cwd && chdir(job->cwd) != 0)
        failure = errno;
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC); /* report_w is close-on-exec already */
    if (failure == 0) {
        execvpe(job->argv[0], job->argv, env);
        failure = errno;
    }
    ssize_t n = write(report_w, &failure, sizeof failure);
    (void)n;
    _exit(127);
}

static int open_procs(const char *cgroup)
{
    if (cgroup == NULL)
        return -1;
    char *path = xasprintf("%s/cgroup.procs", cgroup);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    free(path);
    return fd;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Forks the child and waits until it has exec'd (or says why it could not). */
static int fork_child(rl_job *job, int out[2], int err[2], char *error, size_t error_size)
{
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        snprintf(error, error_size, "cannot start %s: pipe: %s", job->argv[0], strerror(errno));
        return -1;
    }
    char **env = tagged_env(job);
    int procs_fd = open_procs(job->cgroup);
    job->started = rl_now();
    pid_t parent = getpid();
    job->pid = fork();
    if (job->pid == 0)
        child(job, env, out[1], err[1], report[1], procs_fd, parent);
    int fork_errno = errno, failure = 0;
    close(report[1]);
    close_fd(&procs_fd);
    free_tagged_env(env);
    ssize_t got = -1;
    while (job->pid > 0 && (got = read(report[0], &failure, sizeof failure)) < 0 &&
           errno == EINTR) {
    }
    if (got == (ssize_t)sizeof failure)
        waitpid(job->pid, NULL, 0);
    else
        failure = 0; /* end of file: it exec'd */
    close(report[0]);
    if (job->pid < 0 || failure != 0) {
        snprintf(error, error_size, "cannot start %s: %s", job->argv[0],
                 strerror(job->pid < 0 ? fork_errno : failure));
        return -1;
    }
    return 0;
}

static int spawn_job(rl_job *job, char *error, size_t error_size)
{
    job->serial = ++next_serial;
    job->out_fd = job->err_fd = -1;
    if (job->prepare && job->prepare(job, error, error_size) != 0)
        return -1;
    int out[2] = {-1, -1}, err[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) != 0 || (job->stderr_path && pipe2(err, O_CLOEXEC) != 0)) {
        snprintf(error, error_size, "cannot start %s: pipe: %s", job->argv[0], strerror(errno));
        close_fd(&out[0]), close_fd(&out[1]);
        return -1;
    }
    job->cgroup = rl_cgroup_new();
    int rc = fork_child(job, out, err, error, error_size);
    close_fd(&out[1]);
    close_fd(&err[1]);
    job->out_fd = out[0];
    job->err_fd = err[0];
    job->out = xcalloc(1, sizeof *job->out);
    job->err = xcalloc(1, sizeof *job->err);
    fcntl(job->out_fd, F_SETFL, O_NONBLOCK);
    if (job->err_fd >= 0)
        fcntl(job->err_fd, F_SETFL, O_NONBLOCK);
    job->pidfd = rc == 0 ? (int)pidfd_open(job->pid, 0) : -1;
    job->deadline = job->started + job->timeout_s;
    job->running = rc == 0;
    job->reaped = false;
    job->timed_out = false;
    return rc;
}

/* ---- output ---------------------------------------------------------------------- */

/* Reads what is there (a bounded amount per call, so one flooder cannot starve the loop);
 * closes the pipe at its end. */
static void drain(int *fd, rl_capture *c)
{
    char buf[65536];
    for (int i = 0; *fd >= 0 && i < 16; i++) {
        ssize_t n = read(*fd, buf, sizeof buf);
        if (n > 0)
            rl_capture_add(c, buf, (size_t)n);
        else if (n == 0 || (errno != EAGAIN && errno != EINTR))
            close_fd(fd);
        else
            return;
    }
}

/* After the kill: reads the rest, waiting at most a moment for the writers to die. */
static void drain_to_end(rl_job *job)
{
    double until = rl_now() + 0.5;
    while ((job->out_fd >= 0 || job->err_fd >= 0) && rl_now() < until) {
        struct pollfd fds[2] = {{.fd = job->out_fd, .events = POLLIN},
                                {.fd = job->err_fd, .events = POLLIN}};
        poll(fds, 2, 50);
        drain(&job->out_fd, job->out);
        drain(&job->err_fd, job->err);
    }
    close_fd(&job->out_fd);
    close_fd(&job->err_fd);
}

/* Saves what was kept of stdout and stderr; on failure says so in error. */
static void save_output(rl_job *job, char *error, size_t size)
{
    const struct {
        const char *path;
        rl_capture *c;
    } streams[] = {{job->stdout_path, job->out}, {job->stderr_path, job->err}};
    for (size_t i = 0; i < 2; i++)
        if (streams[i].path && rl_capture_save(streams[i].c, streams[i].path) != 0 && !*error)
            snprintf(error, size, "racelab could not save the run's output to %s: %s",
                     streams[i].path, strerror(errno));
}

/* ---- ending ---------------------------------------------------------------------- */

static void kill_run(rl_job *job)
{
    if (job->cgroup)
        rl_cgroup_kill(job->cgroup);
    kill(-job->pid, SIGKILL);
    if (job->cgroup == NULL) { /* no cgroup: find setsid() escapers by their tag */
        char tag[96];
        snprintf(tag, sizeof tag, "%s%u", tag_prefix, job->serial);
        rl_sweep_tagged(tag);
    }
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
    /* The leader is gone; whatever it left behind goes too. */
    kill_run(job);
    drain_to_end(job);
    if (job->pidfd >= 0)
        close(job->pidfd);
    if (job->cgroup)
        rl_cgroup_remove(job->cgroup);
    free(job->cgroup);
    job->cgroup = NULL;
    job->running = false;
    char error[256] = "";
    save_output(job, error, sizeof error);
    int st = job->wait_status;
    if (job->timed_out)
        end_with(job, RL_END_TIMEOUT, 0, error);
    else if (interrupted)
        end_with(job, RL_END_INTERRUPTED, 0, error);
    else if (WIFSIGNALED(st))
        end_with(job, RL_END_SIGNALED, WTERMSIG(st), error);
    else
        end_with(job, RL_END_EXITED, WEXITSTATUS(st), error);
}

static void abandon(rl_job *job, const char *error)
{
    close_fd(&job->out_fd);
    close_fd(&job->err_fd);
    if (job->cgroup)
        rl_cgroup_remove(job->cgroup);
    free(job->cgroup);
    job->cgroup = NULL;
    end_with(job, RL_END_SPAWN_FAILED, 0, error);
}

/* ---- the loop -------------------------------------------------------------------- */

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
            kill_run(running[i]);
        }
    }
}

/* Waits until some running job writes, ends or is overdue; settles those that ended. */
static size_t wait_some(rl_job **running, size_t n)
{
    struct pollfd fds[3 * n];
    for (size_t i = 0; i < n; i++) {
        fds[3 * i] = (struct pollfd){.fd = running[i]->pidfd, .events = POLLIN};
        fds[3 * i + 1] = (struct pollfd){.fd = running[i]->out_fd, .events = POLLIN};
        fds[3 * i + 2] = (struct pollfd){.fd = running[i]->err_fd, .events = POLLIN};
    }
    if (poll(fds, 3 * n, poll_timeout_ms(running, n)) < 0 && errno != EINTR)
        perror("racelab: poll");
    for (size_t i = 0; i < n; i++) {
        drain(&running[i]->out_fd, running[i]->out);
        drain(&running[i]->err_fd, running[i]->err);
    }
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
                abandon(job, error);
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
    return rl_run_one_logged(argv, stdout_path, NULL, timeout_s);
}

rl_end rl_run_one_logged(char *const *argv, const char *stdout_path, const char *stderr_path,
                         double timeout_s)
{
    rl_end end = {0};
    rl_job job = {.argv = argv, .stdout_path = stdout_path, .stderr_path = stderr_path,
                  .timeout_s = timeout_s, .done = keep_end, .ctx = &end};
    rl_job *jobs[] = {&job};
    rl_run_jobs(jobs, 1, 1);
    return end;
}
