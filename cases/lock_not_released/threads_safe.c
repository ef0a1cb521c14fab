/* lock_not_released, safe: the four unsafe programs' operations, written so that every
 * lock has exactly one unlock, by the locking thread, on every path. The mutex is
 * error-checking, and every return value is checked, so any slip would show. */
#include "account.h"

#include <semaphore.h>

static bool failed;
static const char *failure;

static void check(int rc, const char *what)
{
    if (rc != 0 && !failed) {
        failed = true;
        failure = what;
    }
}

/* One exit: the refusal path goes through the same unlock as the normal one. */
__attribute__((noinline)) static bool withdraw(account *a, long amount)
{
    check(pthread_mutex_lock(&a->lock), "withdraw lock");
    bool accepted = a->balance >= amount;
    if (accepted)
        a->balance -= amount;
    check(pthread_mutex_unlock(&a->lock), "withdraw unlock");
    return accepted;
}

/* The caller holds the lock: the part both deposits share takes no lock itself. */
static void deposit_locked(account *a, long amount)
{
    a->balance += amount;
}

__attribute__((noinline)) static void deposit(account *a, long amount)
{
    check(pthread_mutex_lock(&a->lock), "deposit lock");
    deposit_locked(a, amount);
    check(pthread_mutex_unlock(&a->lock), "deposit unlock");
}

__attribute__((noinline)) static void deposit_with_bonus(account *a, long amount, long bonus)
{
    check(pthread_mutex_lock(&a->lock), "deposit_with_bonus lock");
    deposit_locked(a, amount);
    deposit_locked(a, bonus);
    check(pthread_mutex_unlock(&a->lock), "deposit_with_bonus unlock");
}

static void *customer(void *arg)
{
    account *a = arg;
    withdraw(a, 500);                 /* refused: balance 100 */
    withdraw(a, 30);                  /* accepted: 70 */
    deposit_with_bonus(a, 50, 5);     /* 125 */
    return NULL;
}

static void *next_customer(void *arg)
{
    deposit(arg, 50);                 /* gets the lock: 175 */
    return NULL;
}

/* The auditor unlocks its own lock; the main thread waits for it by locking. */
static sem_t auditor_holds_lock;
static long audited_balance;

static void *audit(void *arg)
{
    account *a = arg;
    check(pthread_mutex_lock(&a->lock), "audit lock");
    audited_balance = a->balance;
    sem_post(&auditor_holds_lock);
    rl_yield();                       /* still auditing, lock held */
    check(pthread_mutex_unlock(&a->lock), "audit unlock");
    return NULL;
}

int main(void)
{
    account_init(PTHREAD_MUTEX_ERRORCHECK, 100);
    rl_watchdog(5, "a lock was never released");
    run_in_thread(customer, &acct);
    run_in_thread(next_customer, &acct);

    if (sem_init(&auditor_holds_lock, 0, 0) != 0)
        rl_die("sem_init");
    pthread_t auditor;
    if (pthread_create(&auditor, NULL, audit, &acct) != 0)
        rl_die("pthread_create");
    sem_wait(&auditor_holds_lock);
    check(pthread_mutex_lock(&acct.lock), "main lock");   /* waits for the auditor */
    long balance = acct.balance;
    check(pthread_mutex_unlock(&acct.lock), "main unlock");
    pthread_join(auditor, NULL);
    check(pthread_mutex_destroy(&acct.lock), "destroy");

    if (failed)
        return rl_result(false, "%s failed", failure);
    if (balance != 175 || audited_balance != 175)
        return rl_result(false, "balance %ld (audited %ld), expected 175", balance,
                         audited_balance);
    return rl_result(true, "refused and accepted withdrawals, deposits, an audit; balance %ld",
                     balance);
}
