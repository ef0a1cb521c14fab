/* Proof scaffolding, not part of any lesson: how a program proves that one of its threads
 * is asleep inside pthread_mutex_lock, so that it can call its hang proven
 * (rl_hang_proven) instead of waiting out a wall-clock watchdog.
 *
 * The kernel says where each thread sleeps: /proc/self/task/TID/syscall reads
 * "NR ARG0 ..." while thread TID is inside system call NR, and glibc's pthread_mutex_lock
 * sleeps in futex(&mutex, FUTEX_WAIT, ...) when the mutex is taken (the futex word is the
 * mutex's first member). So "SYS_futex on this mutex" means: the thread asked for this
 * lock, found it taken, and sleeps until its holder unlocks it. Whether that is for ever is
 * the program's own argument: who else is left who could unlock it (a holder that has
 * ended, the sleeper itself, a holder that sleeps on the sleeper's lock).
 *
 * Reading that file reads no memory of the program and takes no lock, so it orders nothing
 * for the detectors; the thread id is handed over with relaxed atomic read-modify-writes
 * (as in timing_rail.h: no edge for TSan, atomic for Helgrind and DRD). It works the same
 * natively, under TSan (its pthread_mutex_lock calls glibc's) and under Valgrind (a
 * client's blocking futex is a real futex of a real thread). */
#ifndef RACELAB_RL_ASLEEP_H
#define RACELAB_RL_ASLEEP_H

#include <stdatomic.h>
#include <stdbool.h>

/* One thread that may fall asleep in a lock; zero-initialised (a global). */
typedef struct rl_sleeper {
    atomic_int tid;      /* its kernel thread id, once it has said who it is */
    atomic_int finished; /* 1 once its step returned: then it was not asleep for good */
} rl_sleeper;

/* Called by the thread itself, before the step that may block. */
void rl_sleeper_begin(rl_sleeper *s);
/* Called by the thread itself, after the step (only reached if it did not block). */
void rl_sleeper_end(rl_sleeper *s);
bool rl_sleeper_finished(rl_sleeper *s);
/* Whether the thread sleeps in pthread_mutex_lock(lock) right now, waiting for its
 * holder: `lock` is the pthread_mutex_t (its first member is the futex word). False when
 * it has not started, has ended, or /proc cannot say (the program's watchdog decides). */
bool rl_sleeper_asleep_in(rl_sleeper *s, const void *lock);
/* Waits (rl_poll_until) until the thread has finished its step or sleeps in
 * pthread_mutex_lock(lock); true when it sleeps there, its step unfinished. */
bool rl_sleeper_stuck_in(rl_sleeper *s, const void *lock);

#endif
