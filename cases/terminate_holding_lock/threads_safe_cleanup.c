/* terminate_holding_lock, thread form, safe: the reader is cancelled exactly as in
 * threads_unsafe, but it registered a cleanup handler for the time it blocks with the
 * lock held. Cancellation runs the handler, which gives back the claim and the lock. */
#include "mailbox.h"

static void give_back_claim(void *arg)
{
    mailbox *mb = arg;
    mb->claimed--;
    pthread_mutex_unlock(&mb->reader_lock);                 /* racelab: cleanup_unlock */
}

/* mailbox_get with the blocking part covered by the cleanup handler. */
static bool get_cancel_safe(mailbox *mb, long *message)
{
    if (mailbox_lock_plain(mb) != 0)
        return false;
    long slot = mb->claimed++;
    pthread_cleanup_push(give_back_claim, mb);
    mailbox_announce(mb, slot);
    mb->slots[slot] = mailbox_receive(mb);
    pthread_cleanup_pop(0);
    mb->filled++;
    *message = mb->slots[slot];
    pthread_mutex_unlock(&mb->reader_lock);                 /* racelab: cancel_safe_unlock */
    return true;
}

static void *reader_main(void *arg)
{
    long message;
    while (get_cancel_safe(arg, &message) && message != MAILBOX_SENTINEL)
        continue;
    return NULL;
}

int main(void)
{
    mailbox *mb = mailbox_new(MAILBOX_PLAIN_LOCK, false);
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, mb) != 0)
        rl_die("pthread_create");
    mailbox_feed_reader(mb);
    pthread_cancel(reader);
    pthread_join(reader, NULL);
    return mailbox_next_reader_verdict(mb, mailbox_lock_plain,
                                       "cancelled (pthread_cancel); its cleanup handler unlocked");
}
