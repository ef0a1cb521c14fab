#define _GNU_SOURCE
#include "racelab_case.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

struct rl_gate {
    pthread_barrier_t barrier;
};

long rl_size(long full, long small)
{
    const char *knob = getenv("RACELAB_SIZE");
    if (knob == NULL || strcmp(knob, "full") == 0)
        return full;
    if (strcmp(knob, "small") == 0)
        return small;
    char *end = NULL;
    long n = strtol(knob, &end, 10);
    if (end == knob || *end != '\0' || n <= 0)
        rl_die("RACELAB_SIZE must be full, small or a positive number");
    return n;
}

static rl_gate *gate_init(rl_gate *gate, unsigned participants, int pshared)
{
    pthread_barrierattr_t attr;
    if (pthread_barrierattr_init(&attr) != 0 ||
        pthread_barrierattr_setpshared(&attr, pshared) != 0 ||
        pthread_barrier_init(&gate->barrier, &attr, participants) != 0)
        rl_die("pthread_barrier_init");
    pthread_barrierattr_destroy(&attr);
    return gate;
}

rl_gate *rl_gate_new(unsigned participants)
{
    rl_gate *gate = malloc(sizeof *gate);
    if (gate == NULL)
        rl_die("malloc");
    return gate_init(gate, participants, PTHREAD_PROCESS_PRIVATE);
}

rl_gate *rl_gate_new_shared(unsigned participants)
{
    return gate_init(rl_shared_alloc(sizeof(rl_gate)), participants, PTHREAD_PROCESS_SHARED);
}

void rl_gate_wait(rl_gate *gate)
{
    int rc = pthread_barrier_wait(&gate->barrier);
    if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD)
        rl_die("pthread_barrier_wait");
}

void rl_yield(void)
{
    /* Valgrind runs one thread at a time. sched_yield() hands its lock straight back to
     * the caller when the other thread is not waiting for it yet (on a loaded machine it is
     * still waking up in the kernel), and then one loop runs to its end alone: DRD, which
     * names only the later access of a race, misses one side. A sleep always lets it in. */
    if (UNDER_VALGRIND()) {
        struct timespec pause = {.tv_sec = 0, .tv_nsec = 1000000};
        nanosleep(&pause, NULL);
        return;
    }
    sched_yield();
}

void *rl_shared_alloc(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        rl_die("mmap(MAP_SHARED)");
    return p;
}

int rl_result(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(ok ? "racelab-result: ok" : "racelab-result: bug: ", stdout);
    if (!ok)
        vfprintf(stdout, fmt, ap);
    else if (fmt != NULL && *fmt != '\0') {
        fputs(" (", stdout);
        vfprintf(stdout, fmt, ap);
        fputc(')', stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
    va_end(ap);
    return 0;
}

/* Formatted when armed, so the handler itself makes only async-signal-safe calls. */
static char watchdog_line[256];
static size_t watchdog_len;

static void watchdog_fire(int sig)
{
    (void)sig;
    (void)!write(STDOUT_FILENO, watchdog_line, watchdog_len);
    _exit(0);
}

/* The harness exports RACELAB_TIME_SCALE (its own --timeout-scale times the tool's
 * slowdown), so a watchdog does not fire merely because Valgrind is slow. */
double rl_time_scale(void)
{
    const char *s = getenv("RACELAB_TIME_SCALE");
    double scale = s ? strtod(s, NULL) : 1.0;
    return scale > 1.0 ? scale : 1.0;
}

void rl_pause_ms(double ms)
{
    long ns = (long)(ms * 1e6 * rl_time_scale());
    struct timespec pause = {.tv_sec = ns / 1000000000L, .tv_nsec = ns % 1000000000L};
    nanosleep(&pause, NULL);
}

static double monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

double rl_budget_end(double ms)
{
    return monotonic_ms() + ms * rl_time_scale();
}

bool rl_budget_spent(double end)
{
    return monotonic_ms() >= end;
}

void rl_watchdog(double seconds, const char *what)
{
    seconds *= rl_time_scale();
    int n = snprintf(watchdog_line, sizeof watchdog_line,
                     "racelab-result: bug: %s (still waiting after %.1f s)\n", what, seconds);
    watchdog_len = n < 0 ? 0 : (size_t)n < sizeof watchdog_line ? (size_t)n : sizeof watchdog_line - 1;
    fflush(stdout);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = watchdog_fire;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval when = {0};
    when.it_value.tv_sec = (time_t)seconds;
    when.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
    setitimer(ITIMER_REAL, &when, NULL);
}

void rl_poll_until(bool (*proven)(void *arg), void *arg)
{
    const struct timespec ms = {.tv_sec = 0, .tv_nsec = 1000000L};
    while (!proven(arg))
        nanosleep(&ms, NULL);
}

void rl_hang_proven(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("racelab-result: bug: ", stdout);
    vfprintf(stdout, fmt, ap);
    fputs("\n", stdout);
    va_end(ap);
    fflush(stdout);
    /* _exit: the blocked threads never return, and atexit handlers must not wait for them */
    _exit(0);
}

void rl_die(const char *what)
{
    fprintf(stderr, "racelab case set-up failed: %s: %s\n", what, strerror(errno));
    exit(2);
}

void rl_reap(int pid, const char *who)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            rl_die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s %d did not exit cleanly (status %#x)\n", who, pid, status);
        exit(2);
    }
}
