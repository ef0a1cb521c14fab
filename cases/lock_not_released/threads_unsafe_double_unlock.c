/* lock_not_released (c), double unlock: withdraw()'s refusal path unlocks and then
 * jumps to the common exit, which unlocks again. A default mutex accepts the second
 * unlock silently (and it would release the lock of whoever took it in between); the
 * error-checking mutex of this program returns EPERM, as Python's Lock raises
 * RuntimeError("release unlocked lock"). */
#include "account.h"

__attribute__((noinline)) static int withdraw(account *a, long amount, bool *refused)
{
    pthread_mutex_lock(&a->lock);
    *refused = a->balance < amount;
    if (*refused) {
        pthread_mutex_unlock(&a->lock);      /* racelab: refusal_unlock */
        goto out;                            /* ...and the exit below unlocks again */
    }
    a->balance -= amount;
out:
    return pthread_mutex_unlock(&a->lock);   /* racelab: second_unlock */
}

static int unlock_rc;
static bool refused;

static void *overdraw(void *arg)
{
    unlock_rc = withdraw(arg, 500, &refused);   /* balance 100: refused */
    return NULL;
}

int main(void)
{
    account_init(PTHREAD_MUTEX_ERRORCHECK, 100);
    run_in_thread(overdraw, &acct);
    if (unlock_rc != 0)
        return rl_result(false, "the %s withdrawal unlocked the account twice: the second "
                         "pthread_mutex_unlock returned %s", refused ? "refused" : "accepted",
                         errno_name(unlock_rc));
    return rl_result(true, "balance %ld", acct.balance);
}
