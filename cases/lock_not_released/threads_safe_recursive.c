/* lock_not_released, safe, recursive: the same deposit_with_bonus() re-entering the
 * lock through deposit(), on a mutex made for it: PTHREAD_MUTEX_RECURSIVE (Python's
 * RLock) counts the owner's locks and is free again after as many unlocks. */
#include "relock.h"

/* The thread's entry, here rather than in relock.h: see there. */
static void *pay_in_with_bonus(void *arg)
{
    relock_rc = deposit_with_bonus(arg, RELOCK_AMOUNT, RELOCK_BONUS);
    return NULL;
}

int main(void)
{
    return relock_run(PTHREAD_MUTEX_RECURSIVE);
}
