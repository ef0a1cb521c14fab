/* The relock driver: deposit_with_bonus() holds the account's lock and reuses
 * deposit(), which locks it again. Whether that is a bug depends only on the mutex
 * type the program chooses: a non-recursive mutex (Python's Lock) refuses or hangs, a
 * recursive one (Python's RLock) counts the re-entry. */
#ifndef RACELAB_LOCK_NOT_RELEASED_RELOCK_H
#define RACELAB_LOCK_NOT_RELEASED_RELOCK_H

#include "account.h"

#define RELOCK_START_BALANCE 100
#define RELOCK_AMOUNT 50
#define RELOCK_BONUS 5

/* noinline: the tools must name these lines in deposit() and deposit_with_bonus(). */
__attribute__((noinline)) static int deposit(account *a, long amount)
{
    int rc = pthread_mutex_lock(&a->lock);   /* racelab: relock */
    if (rc != 0)
        return rc;
    a->balance += amount;
    pthread_mutex_unlock(&a->lock);
    return 0;
}

/* Reuses deposit() while it holds the lock, so that nobody sees the amount without
 * the bonus: with a non-recursive mutex the reuse is the bug. */
__attribute__((noinline)) static int deposit_with_bonus(account *a, long amount, long bonus)
{
    pthread_mutex_lock(&a->lock);            /* racelab: first_lock */
    int rc = deposit(a, amount);
    a->balance += bonus;
    pthread_mutex_unlock(&a->lock);
    return rc;
}

static int relock_rc;

/* Each program defines this thread's entry itself, in its own .c file: clang's analyzer
 * starts its path analysis only at functions of the main file that nobody calls (a
 * thread entry is one), and inlines the header's functions from there. */
static void *pay_in_with_bonus(void *arg);

/* A plain deposit from another thread afterwards: it gets the lock only if the
 * re-entered lock was released completely. */
static void *pay_in(void *arg)
{
    relock_rc = deposit(arg, RELOCK_AMOUNT);
    return NULL;
}

/* What follows the deposit with bonus, once its thread has been joined. */
static inline int relock_check_and_deposit_again(void)
{
    if (relock_rc != 0)
        return rl_result(false, "deposit() could not lock the account: pthread_mutex_lock "
                         "returned %s (its own thread already held it; a default mutex "
                         "would hang here); balance %ld, expected %d", errno_name(relock_rc),
                         acct.balance, RELOCK_START_BALANCE + RELOCK_AMOUNT + RELOCK_BONUS);
    run_in_thread(pay_in, &acct);
    long expected = RELOCK_START_BALANCE + 2 * RELOCK_AMOUNT + RELOCK_BONUS;
    if (relock_rc != 0 || acct.balance != expected)
        return rl_result(false, "second deposit: rc %s, balance %ld, expected %ld",
                         errno_name(relock_rc), acct.balance, expected);
    return rl_result(true, "deposit with bonus re-entered the lock, then a plain deposit; "
                     "balance %ld", acct.balance);
}

static inline int relock_run(int mutex_type)
{
    account_init(mutex_type, RELOCK_START_BALANCE);
    run_in_thread(pay_in_with_bonus, &acct);
    return relock_check_and_deposit_again();
}

#endif
