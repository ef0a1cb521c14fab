/* lock_not_released (b), relock with a default mutex: what Python's Lock does. The
 * second pthread_mutex_lock waits for a lock its own thread holds, for ever; the
 * watchdog turns the self-deadlock into the verdict. */
#include "relock.h"

/* The thread's entry, here rather than in relock.h: see there. */
static void *pay_in_with_bonus(void *arg)
{
    relock_rc = deposit_with_bonus(arg, RELOCK_AMOUNT, RELOCK_BONUS);
    return NULL;
}

int main(void)
{
    rl_watchdog(0.2, "deposit() is waiting for the account lock that its own thread "
                     "(in deposit_with_bonus) holds: self-deadlock");
    return relock_run(PTHREAD_MUTEX_DEFAULT);
}
