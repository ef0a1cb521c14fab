/* lock_order_inversion, safe: the same two opposite transfers, at the same time and
 * many times over, with a yield between the two locks to invite the bad interleaving.
 * Every transfer locks the lower-ranked account first, so the order is alice→bob in
 * both threads and the cycle cannot form. */
#include "accounts.h"

#define TRANSFERS_FULL 2000
#define TRANSFERS_SMALL 20

typedef struct direction {
    account *from, *to;
    long amount, transfers;
    rl_gate *gate;
} direction;

static void *keep_transferring(void *arg)
{
    const direction *d = arg;
    rl_gate_wait(d->gate);
    for (long i = 0; i < d->transfers; i++)
        transfer_in_rank_order(d->from, d->to, d->amount, rl_yield);
    return NULL;
}

int main(void)
{
    accounts_init();
    long transfers = rl_size(TRANSFERS_FULL, TRANSFERS_SMALL);
    rl_gate *gate = rl_gate_new(2);
    direction there = {&alice, &bob, 5, transfers, gate};
    direction back = {&bob, &alice, 5, transfers, gate};
    pthread_t t1, t2;
    if (pthread_create(&t1, NULL, keep_transferring, &there) != 0 ||
        pthread_create(&t2, NULL, keep_transferring, &back) != 0)
        rl_die("pthread_create");
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return accounts_verdict("opposite transfers ran together, both locking in rank order");
}
