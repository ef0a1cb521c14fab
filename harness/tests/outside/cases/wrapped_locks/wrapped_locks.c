/* A program that takes every lock through its own helpers (my_lock / my_unlock), and
 * unlocks one lock twice: every tool's top program frame is the helper, the bug is its
 * caller. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mx = PTHREAD_MUTEX_INITIALIZER;
static long balance;

static void my_lock(pthread_mutex_t *m)
{
    if (pthread_mutex_lock(m) != 0)
        fprintf(stderr, "lock failed\n");
}

static void my_unlock(pthread_mutex_t *m)
{
    if (pthread_mutex_unlock(m) != 0)
        fprintf(stderr, "unlock failed\n");
}

static void deposit(long amount)
{
    my_lock(&mx);
    balance += amount;
    my_unlock(&mx);
}

int main(void)
{
    deposit(10);
    my_lock(&mx);
    balance -= 5;
    my_unlock(&mx);
    my_unlock(&mx); /* racelab: second_unlock */
    printf("balance %ld\n", balance);
    return 0;
}
