/* lock_not_released (c), foreign unlock: an auditor thread locks the account and keeps
 * it locked while it works; the main thread, tired of waiting, unlocks it. Only the
 * owner may unlock a mutex. A default mutex lets the foreign unlock through (and the
 * auditor's critical section is no longer exclusive); the error-checking mutex of this
 * program returns EPERM. (Python's Lock may be released by any thread; its RLock raises
 * RuntimeError, like this mutex.) */
#include "account.h"

#include <semaphore.h>

static sem_t auditor_holds_lock, auditor_may_finish;
static long audited_balance;

static void *audit(void *arg)
{
    account *a = arg;
    pthread_mutex_lock(&a->lock);
    audited_balance = a->balance;
    sem_post(&auditor_holds_lock);
    sem_wait(&auditor_may_finish);           /* still auditing, lock held */
    pthread_mutex_unlock(&a->lock);
    return NULL;
}

/* The main thread releases a lock it never took. */
__attribute__((noinline)) static int hurry_the_auditor(account *a)
{
    return pthread_mutex_unlock(&a->lock);   /* racelab: foreign_unlock */
}

int main(void)
{
    account_init(PTHREAD_MUTEX_ERRORCHECK, 100);
    if (sem_init(&auditor_holds_lock, 0, 0) != 0 || sem_init(&auditor_may_finish, 0, 0) != 0)
        rl_die("sem_init");
    pthread_t auditor;
    if (pthread_create(&auditor, NULL, audit, &acct) != 0)
        rl_die("pthread_create");
    sem_wait(&auditor_holds_lock);
    int rc = hurry_the_auditor(&acct);
    sem_post(&auditor_may_finish);
    pthread_join(auditor, NULL);
    if (rc != 0)
        return rl_result(false, "the main thread unlocked the auditor's lock: "
                         "pthread_mutex_unlock returned %s (not the owner)", errno_name(rc));
    return rl_result(true, "audited balance %ld", audited_balance);
}
