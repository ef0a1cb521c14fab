/* What the lock_not_released programs share: one bank account guarded by one mutex,
 * and a helper that runs a step in its own thread and joins it. Each program is one
 * way of getting the lock/unlock pairing wrong (or right); the mutex type is part of
 * the lesson, so each program chooses it. */
#ifndef RACELAB_LOCK_NOT_RELEASED_ACCOUNT_H
#define RACELAB_LOCK_NOT_RELEASED_ACCOUNT_H

#include "racelab_case.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct account {
    pthread_mutex_t lock;
    long balance;
} account;

/* A global, as in the tutorial (and DRD ignores stack variables by default). */
static account acct;

/* PTHREAD_MUTEX_DEFAULT checks nothing (relock hangs, a wrong unlock "succeeds");
 * PTHREAD_MUTEX_ERRORCHECK returns EDEADLK/EPERM instead, like Python's Lock raising
 * RuntimeError; PTHREAD_MUTEX_RECURSIVE is Python's RLock. pthread_mutex_init, not
 * PTHREAD_MUTEX_INITIALIZER: Helgrind treats a statically initialised mutex as possibly
 * recursive and stays quiet on a relock. */
static inline void account_init(int mutex_type, long balance)
{
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 || pthread_mutexattr_settype(&attr, mutex_type) != 0 ||
        pthread_mutex_init(&acct.lock, &attr) != 0)
        rl_die("pthread_mutex_init");
    pthread_mutexattr_destroy(&attr);
    acct.balance = balance;
}

/* Runs `step` in a new thread and waits for it: the steps of a program happen one
 * after the other, so each run goes the same way. */
static inline void run_in_thread(void *(*step)(void *), void *arg)
{
    pthread_t t;
    if (pthread_create(&t, NULL, step, arg) != 0)
        rl_die("pthread_create");
    pthread_join(t, NULL);   /* racelab: join_step */
}

/* "EDEADLK" rather than the locale's sentence, for short verdict lines. */
static inline const char *errno_name(int rc)
{
    switch (rc) {
    case 0: return "0";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    default: return strerror(rc);
    }
}

#endif
