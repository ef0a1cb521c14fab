/* lock_order_inversion, unsafe, deadlock: the same two transfers as the sequential
 * program, now at the same time, with a barrier between each transfer's two locks:
 * thread 1 holds alice and thread 2 holds bob before either asks for its second lock,
 * so each waits for the lock the other holds, for ever. The program proves the
 * deadlock itself: once thread 1 sleeps in pthread_mutex_lock on bob and thread 2 on
 * alice, each waits for a lock that only the other, asleep, could release. */
#include "accounts.h"
#include "rl_asleep.h"

static rl_gate *both_hold_their_first_lock;
/* Proof scaffolding (rl_asleep.h), not part of the lesson. */
static rl_sleeper alice_to_bob_thread, bob_to_alice_thread;

static void wait_for_the_other_transfer(void)
{
    rl_gate_wait(both_hold_their_first_lock);
}

static void *alice_to_bob(void *arg)
{
    (void)arg;
    rl_sleeper_begin(&alice_to_bob_thread);
    transfer_in_argument_order(&alice, &bob, 100, wait_for_the_other_transfer);
    rl_sleeper_end(&alice_to_bob_thread);
    return NULL;
}

static void *bob_to_alice(void *arg)
{
    (void)arg;
    rl_sleeper_begin(&bob_to_alice_thread);
    transfer_in_argument_order(&bob, &alice, 30, wait_for_the_other_transfer);
    rl_sleeper_end(&bob_to_alice_thread);
    return NULL;
}

/* Both transfers have finished (a lock order that cannot deadlock), or each sleeps on
 * the lock the other took first. */
static bool transfers_settled(void *arg)
{
    (void)arg;
    if (rl_sleeper_finished(&alice_to_bob_thread) && rl_sleeper_finished(&bob_to_alice_thread))
        return true;
    return rl_sleeper_asleep_in(&alice_to_bob_thread, &bob.lock) &&
           rl_sleeper_asleep_in(&bob_to_alice_thread, &alice.lock);
}

int main(void)
{
    accounts_init();
    both_hold_their_first_lock = rl_gate_new(2);
    /* A backstop for a proof that never completes (no /proc): the proof takes milliseconds. */
    rl_watchdog(5, "the two transfers are still waiting for each other's lock: deadlock");
    pthread_t t1, t2;
    if (pthread_create(&t1, NULL, alice_to_bob, NULL) != 0 ||
        pthread_create(&t2, NULL, bob_to_alice, NULL) != 0)
        rl_die("pthread_create");
    rl_poll_until(transfers_settled, NULL);
    if (!rl_sleeper_finished(&alice_to_bob_thread))
        rl_hang_proven("deadlock: alice->bob holds alice and sleeps in pthread_mutex_lock(bob), "
                       "bob->alice holds bob and sleeps in pthread_mutex_lock(alice); each "
                       "waits for a lock that only the other could release");
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return accounts_verdict("both transfers finished");
}
