/* A thread asleep in pthread_mutex_lock, as /proc/self/task/TID/syscall tells it
 * (rl_asleep.h). */
#define _GNU_SOURCE
#include "rl_asleep.h"

#include "racelab_case.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

void rl_sleeper_begin(rl_sleeper *s)
{
    atomic_fetch_add_explicit(&s->tid, (int)syscall(SYS_gettid), memory_order_relaxed);
}

void rl_sleeper_end(rl_sleeper *s)
{
    atomic_fetch_add_explicit(&s->finished, 1, memory_order_relaxed);
}

/* An RMW rather than a load, so that Helgrind and DRD see only atomic instructions. */
bool rl_sleeper_finished(rl_sleeper *s)
{
    return atomic_fetch_add_explicit(&s->finished, 0, memory_order_relaxed) != 0;
}

bool rl_sleeper_asleep_in(rl_sleeper *s, const void *lock)
{
    int tid = atomic_fetch_add_explicit(&s->tid, 0, memory_order_relaxed);
    if (tid == 0)
        return false; /* not started yet */
    char path[64], text[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false; /* it has ended; with no /proc the watchdog is the backstop */
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return false;
    text[n] = '\0';
    long nr = -1;
    unsigned long arg0 = 0; /* "running" while it runs: nothing to scan */
    return sscanf(text, "%ld %lx", &nr, &arg0) == 2 && nr == SYS_futex &&
           arg0 == (unsigned long)(uintptr_t)lock;
}

typedef struct sleeper_on {
    rl_sleeper *s;
    const void *lock;
} sleeper_on;

static bool settled(void *arg)
{
    const sleeper_on *on = arg;
    return rl_sleeper_finished(on->s) || rl_sleeper_asleep_in(on->s, on->lock);
}

bool rl_sleeper_stuck_in(rl_sleeper *s, const void *lock)
{
    sleeper_on on = {s, lock};
    rl_poll_until(settled, &on);
    return !rl_sleeper_finished(s);
}
