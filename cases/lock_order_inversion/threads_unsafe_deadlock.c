/* lock_order_inversion, unsafe, deadlock: the same two transfers as the sequential
 * program, now at the same time, with a barrier between each transfer's two locks:
 * thread 1 holds alice and thread 2 holds bob before either asks for its second lock,
 * so each waits for the lock the other holds, for ever. The program never prints its
 * verdict; the harness's deadline ends it. */
#include "accounts.h"

static rl_gate *both_hold_their_first_lock;

static void wait_for_the_other_transfer(void)
{
    rl_gate_wait(both_hold_their_first_lock);
}

static void *alice_to_bob(void *arg)
{
    (void)arg;
    transfer_in_argument_order(&alice, &bob, 100, wait_for_the_other_transfer);
    return NULL;
}

static void *bob_to_alice(void *arg)
{
    (void)arg;
    transfer_in_argument_order(&bob, &alice, 30, wait_for_the_other_transfer);
    return NULL;
}

int main(void)
{
    accounts_init();
    both_hold_their_first_lock = rl_gate_new(2);
    pthread_t t1, t2;
    if (pthread_create(&t1, NULL, alice_to_bob, NULL) != 0 ||
        pthread_create(&t2, NULL, bob_to_alice, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(t1, NULL);   /* never returns: t1 waits for bob, t2 for alice */
    pthread_join(t2, NULL);
    return accounts_verdict("both transfers finished");
}
