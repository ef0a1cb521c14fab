/* lock_not_released (a), early return: withdraw() refuses an overdraft by returning
 * early, and that path forgets the unlock. The withdrawing thread ends still holding
 * the account's lock; the next thread that locks it (a deposit) waits for ever. The
 * watchdog turns that hang into the verdict. */
#include "account.h"

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

static void *overdraw(void *arg)
{
    refused = !withdraw(arg, 500);   /* balance 100: refused */
    return NULL;
}

static void *pay_in(void *arg)
{
    deposit(arg, 50);                /* never gets the lock */
    return NULL;
}

int main(void)
{
    account_init(PTHREAD_MUTEX_DEFAULT, 100);
    rl_watchdog(0.2, "the deposit is still waiting for the account lock: the refused "
                     "withdrawal returned without unlocking it");
    run_in_thread(overdraw, &acct);
    run_in_thread(pay_in, &acct);
    return rl_result(true, "withdrawal %s, deposit done, balance %ld",
                     refused ? "refused" : "made", acct.balance);
}
