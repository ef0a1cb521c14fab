/* lock_not_released (b), relock with a default mutex: what Python's Lock does. The
 * second pthread_mutex_lock waits for a lock its own thread holds, for ever. The
 * program proves that self-deadlock itself: the thread sleeps in pthread_mutex_lock on
 * the account's lock, and no other thread ever locks it (main only watches), so the
 * holder it waits for is itself. */
#include "rl_asleep.h"
#include "relock.h"

static rl_sleeper depositor;   /* proof scaffolding (rl_asleep.h), not part of the lesson */

/* The thread's entry, here rather than in relock.h: see there. */
static void *pay_in_with_bonus(void *arg)
{
    rl_sleeper_begin(&depositor);
    relock_rc = deposit_with_bonus(arg, RELOCK_AMOUNT, RELOCK_BONUS);
    rl_sleeper_end(&depositor);
    return NULL;
}

int main(void)
{
    /* A backstop for a proof that never completes (no /proc): the proof takes milliseconds. */
    rl_watchdog(5, "deposit() is waiting for the account lock that its own thread "
                   "(in deposit_with_bonus) holds: self-deadlock");
    account_init(PTHREAD_MUTEX_DEFAULT, RELOCK_START_BALANCE);
    pthread_t t;
    if (pthread_create(&t, NULL, pay_in_with_bonus, &acct) != 0)
        rl_die("pthread_create");
    /* the deposit with bonus either finishes (a mutex that allows the relock) or sleeps
     * on the account's lock */
    if (rl_sleeper_stuck_in(&depositor, &acct.lock))
        rl_hang_proven("deposit() sleeps in pthread_mutex_lock on the account lock, and the "
                       "only thread that ever locked it is its own (in deposit_with_bonus): "
                       "self-deadlock");
    pthread_join(t, NULL);
    return relock_check_and_deposit_again();
}
