/* lock_order_inversion, unsafe, sequential: thread 1 transfers alice→bob (locks alice,
 * then bob) and is joined; only then does thread 2 transfer bob→alice (locks bob, then
 * alice). The two transfers never overlap, so this run cannot deadlock, and its own
 * invariant check says ok. The bug is the order: had thread 2 taken bob while thread 1
 * held alice, both would wait for ever. Lock-order detectors record "alice before bob"
 * from the first thread and report the second thread's "bob before alice". */
#include "accounts.h"

static void *alice_to_bob(void *arg)
{
    (void)arg;
    transfer_in_argument_order(&alice, &bob, 100, NULL);
    return NULL;
}

static void *bob_to_alice(void *arg)
{
    (void)arg;
    transfer_in_argument_order(&bob, &alice, 30, NULL);
    return NULL;
}

static void run_alone(void *(*transfer)(void *))
{
    pthread_t t;
    if (pthread_create(&t, NULL, transfer, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(t, NULL);
}

int main(void)
{
    accounts_init();
    run_alone(alice_to_bob);
    run_alone(bob_to_alice);
    /* ok is the honest verdict of this run: it did not deadlock. The inverted order is
     * still in the code, and only a lock-order detector reports it. */
    return accounts_verdict("both transfers finished one after the other, so this run could "
                            "not deadlock");
}
