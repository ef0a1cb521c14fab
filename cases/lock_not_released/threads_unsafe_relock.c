/* lock_not_released (b), relock: a thread locks a non-recursive mutex it already
 * holds. Python's Lock deadlocks here, and so does a default pthread mutex (see
 * threads_unsafe_relock_default). This program asks for an error-checking mutex, so the
 * second lock returns EDEADLK instead of hanging and the program reports the bug itself. */
#include "relock.h"

/* The thread's entry, here rather than in relock.h: see there. */
static void *pay_in_with_bonus(void *arg)
{
    relock_rc = deposit_with_bonus(arg, RELOCK_AMOUNT, RELOCK_BONUS);
    return NULL;
}

int main(void)
{
    return relock_run(PTHREAD_MUTEX_ERRORCHECK);
}
