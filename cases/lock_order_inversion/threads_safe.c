/* lock_order_inversion, safe: the same two opposite transfers, at the same time and
 * many times over, with a yield between the two locks to invite the bad interleaving.
 * Every transfer locks the lower-ranked account first, so the order is alice→bob in
 * both threads and the cycle cannot form. */
#include "accounts.h"

#define TRANSFERS_FULL 2000
#define TRANSFERS_SMALL 20
/* A yield while holding a lock hands the CPU to whoever wants it: on a busy machine
 * 2,000 of them can take longer than the run's deadline, so the loop also stops when
 * its time budget (times RACELAB_TIME_SCALE) is spent; unloaded, it never is. */
#define TRANSFER_BUDGET_MS 2000

typedef struct direction {
    account *from, *to;
    long amount, transfers;
    rl_gate *gate;
    long done;   /* transfers made, read by main after the join */
} direction;

static void *keep_transferring(void *arg)
{
    direction *d = arg;
    rl_gate_wait(d->gate);
    double budget = rl_budget_end(TRANSFER_BUDGET_MS);
    while (d->done < d->transfers && !rl_budget_spent(budget)) {
        transfer_in_rank_order(d->from, d->to, d->amount, rl_yield);
        d->done++;
    }
    return NULL;
}

int main(void)
{
    accounts_init();
    long transfers = rl_size(TRANSFERS_FULL, TRANSFERS_SMALL);
    rl_gate *gate = rl_gate_new(2);
    direction there = {&alice, &bob, 5, transfers, gate, 0};
    direction back = {&bob, &alice, 5, transfers, gate, 0};
    pthread_t t1, t2;
    if (pthread_create(&t1, NULL, keep_transferring, &there) != 0 ||
        pthread_create(&t2, NULL, keep_transferring, &back) != 0)
        rl_die("pthread_create");
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    char how[128];
    snprintf(how, sizeof how, "opposite transfers ran together (%ld and %ld), both locking in "
             "rank order", there.done, back.done);
    return accounts_verdict(how);
}
