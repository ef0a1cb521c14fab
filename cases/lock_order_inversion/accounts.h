/* The driver shared by the lock_order_inversion programs: two bank accounts, each with
 * its own lock, and a transfer that must hold both locks to move money between them
 * (the sum of the balances never changes). The bug is in which lock a transfer takes
 * first: "from, then to" looks like one fixed order, but it follows the arguments, so
 * a transfer from alice to bob locks alice→bob and one from bob to alice locks bob→alice. */
#ifndef RACELAB_LOCK_ORDER_ACCOUNTS_H
#define RACELAB_LOCK_ORDER_ACCOUNTS_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdio.h>

typedef struct account {
    int id;                 /* the rank the safe transfer orders its locks by */
    pthread_mutex_t lock;
    long balance;
} account;

/* Globals, not main's stack: DRD ignores stack variables by default. */
static account alice = {.id = 1, .balance = 1000};
static account bob = {.id = 2, .balance = 1000};

/* Called between a transfer's two acquisitions (may be NULL): a yield that widens the
 * window, or a barrier that makes both threads hold their first lock before either
 * asks for its second. */
typedef void (*between_locks_fn)(void);

static inline void accounts_init(void)
{
    if (pthread_mutex_init(&alice.lock, NULL) != 0 || pthread_mutex_init(&bob.lock, NULL) != 0)
        rl_die("pthread_mutex_init");
}

static inline void move_money(account *from, account *to, long amount)
{
    from->balance -= amount;
    to->balance += amount;
}

/* The unsafe transfer: the lock order is the argument order. */
__attribute__((noinline, unused)) static void transfer_in_argument_order(account *from, account *to,
                                                                         long amount,
                                                                         between_locks_fn between)
{
    pthread_mutex_lock(&from->lock);     /* racelab: lock_first */
    if (between != NULL)
        between();
    pthread_mutex_lock(&to->lock);       /* racelab: lock_second */
    move_money(from, to, amount);
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
}

/* The fix: every thread takes the lower-ranked lock first, whatever the direction of
 * the transfer, so no thread can hold the second lock of another's order while it
 * waits for the first. */
__attribute__((noinline, unused)) static void transfer_in_rank_order(account *from, account *to,
                                                                     long amount,
                                                                     between_locks_fn between)
{
    if (from == to)   /* one account, one lock: ranking it against itself would lock it twice */
        return;
    account *lower = from->id < to->id ? from : to;
    account *higher = lower == from ? to : from;
    pthread_mutex_lock(&lower->lock);
    if (between != NULL)
        between();
    pthread_mutex_lock(&higher->lock);
    move_money(from, to, amount);
    pthread_mutex_unlock(&higher->lock);
    pthread_mutex_unlock(&lower->lock);
}

/* The invariant every program checks at the end: money is neither made nor lost. */
static inline int accounts_verdict(const char *how)
{
    long total = alice.balance + bob.balance;
    if (total != 2000)
        return rl_result(false, "money changed: alice %ld + bob %ld = %ld, expected 2000",
                         alice.balance, bob.balance, total);
    return rl_result(true, "%s; alice %ld + bob %ld = 2000", how, alice.balance, bob.balance);
}

#endif
