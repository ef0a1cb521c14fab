/* lock_not_released (a), early return: withdraw() refuses an overdraft by returning
 * early, and that path forgets the unlock. The withdrawing thread ends still holding
 * the account's lock; the next thread that locks it (a deposit) waits for ever. The
 * program proves that hang itself: once the withdrawing thread has been joined (it is
 * gone) and the deposit sleeps in pthread_mutex_lock on the account's lock, nobody is
 * left who could ever unlock it. */
#include "account.h"
#include "rl_asleep.h"

/* noinline: the tools must name these lines in withdraw() itself. */
__attribute__((noinline)) static bool withdraw(account *a, long amount)
{
    pthread_mutex_lock(&a->lock);            /* racelab: withdraw_lock */
    if (a->balance < amount)
        return false;                        /* the bug: returns with the lock held */
    a->balance -= amount;
    pthread_mutex_unlock(&a->lock);
    return true;
}

__attribute__((noinline)) static void deposit(account *a, long amount)
{
    pthread_mutex_lock(&a->lock);            /* racelab: deposit_lock */
    a->balance += amount;
    pthread_mutex_unlock(&a->lock);
}

static bool refused;
static rl_sleeper depositor;   /* proof scaffolding (rl_asleep.h), not part of the lesson */

static void *overdraw(void *arg)
{
    refused = !withdraw(arg, 500);   /* balance 100: refused */
    return NULL;
}

static void *pay_in(void *arg)
{
    rl_sleeper_begin(&depositor);
    deposit(arg, 50);                /* never gets the lock */
    rl_sleeper_end(&depositor);
    return NULL;
}

int main(void)
{
    account_init(PTHREAD_MUTEX_DEFAULT, 100);
    /* A backstop for a proof that never completes (no /proc): the proof takes milliseconds. */
    rl_watchdog(5, "the deposit is still waiting for the account lock: the refused "
                   "withdrawal returned without unlocking it");
    run_in_thread(overdraw, &acct);  /* joined: the withdrawing thread has ended */
    pthread_t t;
    if (pthread_create(&t, NULL, pay_in, &acct) != 0)
        rl_die("pthread_create");
    /* the deposit either finishes (the bug is fixed) or sleeps on the account's lock */
    if (rl_sleeper_stuck_in(&depositor, &acct.lock))
        rl_hang_proven("the deposit sleeps in pthread_mutex_lock on the account lock, which "
                       "the refused withdrawal returned without unlocking; that thread has "
                       "ended (joined), so nobody is left to unlock it: it waits for ever");
    pthread_join(t, NULL);
    return rl_result(true, "withdrawal %s, deposit done, balance %ld",
                     refused ? "refused" : "made", acct.balance);
}
