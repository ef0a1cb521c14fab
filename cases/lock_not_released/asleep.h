/* Proof scaffolding, not part of the lesson: how a program proves that one of its
 * threads is asleep inside pthread_mutex_lock, so that it can call its hang proven
 * (rl_hang_proven) instead of waiting out a wall-clock watchdog.
 *
 * The kernel says where each thread sleeps: /proc/self/task/TID/syscall reads
 * "NR ARG0 ..." while thread TID is inside system call NR, and glibc's
 * pthread_mutex_lock sleeps in futex(&mutex, FUTEX_WAIT, ...) when the mutex is taken
 * (the futex word is the mutex's first member). So "SYS_futex on this mutex" means:
 * the thread asked for this lock, found it taken, and sleeps until its holder unlocks
 * it. Whether that is for ever is the program's own argument: who else is left who
 * could unlock it (a holder that has ended, the sleeper itself, a holder that sleeps
 * on the sleeper's lock).
 *
 * Reading that file reads no memory of the program and takes no lock, so it orders
 * nothing for the detectors; the thread id is handed over with relaxed atomic
 * read-modify-writes (as in timing_rail.h: no edge for TSan, atomic for Helgrind and
 * DRD). It works the same natively, under TSan (its pthread_mutex_lock calls glibc's)
 * and under Valgrind (a client's blocking futex is a real futex of a real thread). */
#ifndef RACELAB_LOCK_NOT_RELEASED_ASLEEP_H
#define RACELAB_LOCK_NOT_RELEASED_ASLEEP_H

#include "racelab_case.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
/* <unistd.h> declares acct(2), process accounting; account.h's global account is `acct`. */
#define acct racelab_unistd_acct
#include <unistd.h>
#undef acct

/* One thread that may fall asleep in a lock; zero-initialised (a global). */
typedef struct sleeper {
    atomic_int tid;        /* its kernel thread id, once it has said who it is */
    atomic_int finished;   /* 1 once its step returned: then it was not asleep for good */
} sleeper;

/* Called by the thread itself, before the step that may block. */
static inline void sleeper_begin(sleeper *s)
{
    atomic_fetch_add_explicit(&s->tid, (int)syscall(SYS_gettid), memory_order_relaxed);
}

/* Called by the thread itself, after the step (only reached if it did not block). */
static inline void sleeper_end(sleeper *s)
{
    atomic_fetch_add_explicit(&s->finished, 1, memory_order_relaxed);
}

static inline bool sleeper_finished(sleeper *s)
{
    return atomic_fetch_add_explicit(&s->finished, 0, memory_order_relaxed) != 0;
}

/* Whether the thread sleeps in pthread_mutex_lock(lock) right now, waiting for its holder. */
static inline bool sleeper_asleep_in(sleeper *s, pthread_mutex_t *lock)
{
    int tid = atomic_fetch_add_explicit(&s->tid, 0, memory_order_relaxed);
    if (tid == 0)
        return false;   /* not started yet */
    char path[64], text[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;   /* it has ended; with no /proc the watchdog is the backstop */
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return false;
    text[n] = '\0';
    long nr = -1;
    unsigned long arg0 = 0;   /* "running" while it runs: nothing to scan */
    return sscanf(text, "%ld %lx", &nr, &arg0) == 2 && nr == SYS_futex &&
           arg0 == (unsigned long)(uintptr_t)lock;
}

#endif
