/* A pthread mutex that clang's -Wthread-safety can reason about. glibc's pthread_mutex_t
 * carries no capability annotations, so the analysis cannot know which lock guards which
 * data; this wrapper gives it that: declare shared data RL_GUARDED_BY(the lock) and take
 * the lock with rl_lock_acquire/rl_lock_release. Other compilers see plain functions.
 *
 * In C, RL_GUARDED_BY can name a global lock (or one reachable from a global), not a
 * sibling field of the same struct: put the lock that guards a field in a global.
 * The functions are always inlined so that what a dynamic tool reports about the data
 * stays on the case's own lines. */
#ifndef RACELAB_RL_LOCK_H
#define RACELAB_RL_LOCK_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdbool.h>

#if defined(__clang__)
#define RL_TSA(x) __attribute__((x))
#else
#define RL_TSA(x)
#endif

#define RL_CAPABILITY(name) RL_TSA(capability(name))
#define RL_GUARDED_BY(lock) RL_TSA(guarded_by(lock))
#define RL_PT_GUARDED_BY(lock) RL_TSA(pt_guarded_by(lock))
#define RL_ACQUIRE(...) RL_TSA(acquire_capability(__VA_ARGS__))
#define RL_RELEASE(...) RL_TSA(release_capability(__VA_ARGS__))
#define RL_REQUIRES(...) RL_TSA(requires_capability(__VA_ARGS__))
#define RL_EXCLUDES(...) RL_TSA(locks_excluded(__VA_ARGS__))
#define RL_LOCK_RETURNED(lock) RL_TSA(lock_returned(lock))
#define RL_NO_THREAD_SAFETY_ANALYSIS RL_TSA(no_thread_safety_analysis)

typedef struct RL_CAPABILITY("mutex") rl_lock {
    pthread_mutex_t mutex;
} rl_lock;

#define RL_LOCK_INITIALIZER {PTHREAD_MUTEX_INITIALIZER}

/* A recursive lock may be re-entered by its holder (Python's RLock); a shared one lives in
 * MAP_SHARED memory and works across fork(). */
static inline void rl_lock_init(rl_lock *lock, bool recursive, bool shared)
{
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_settype(&attr, recursive ? PTHREAD_MUTEX_RECURSIVE
                                                   : PTHREAD_MUTEX_DEFAULT) != 0 ||
        pthread_mutexattr_setpshared(&attr, shared ? PTHREAD_PROCESS_SHARED
                                                   : PTHREAD_PROCESS_PRIVATE) != 0 ||
        pthread_mutex_init(&lock->mutex, &attr) != 0)
        rl_die("pthread_mutex_init");
    pthread_mutexattr_destroy(&attr);
}

static inline void rl_lock_acquire(rl_lock *lock) RL_ACQUIRE(lock) __attribute__((always_inline));
static inline void rl_lock_release(rl_lock *lock) RL_RELEASE(lock) __attribute__((always_inline));

/* The bodies are where the capability changes hands: not analysed themselves. */
RL_NO_THREAD_SAFETY_ANALYSIS static inline void rl_lock_acquire(rl_lock *lock)
{
    if (pthread_mutex_lock(&lock->mutex) != 0)
        rl_die("pthread_mutex_lock");
}

RL_NO_THREAD_SAFETY_ANALYSIS static inline void rl_lock_release(rl_lock *lock)
{
    if (pthread_mutex_unlock(&lock->mutex) != 0)
        rl_die("pthread_mutex_unlock");
}

#endif
