/* terminate_holding_lock, thread form, unsafe: the thread version of terminate() is
 * pthread_cancel. The reader thread is cancelled in read() (a cancellation point)
 * while it holds the reader lock; it exits without unlocking, and the main thread,
 * the next reader, would block on the lock for good. It proves that instead of
 * waiting (mailbox_lock_or_prove_hang): the reader is joined, the lock still taken. */
#include "mailbox.h"

static void *reader_main(void *arg)
{
    mailbox_read_forever(arg, mailbox_lock_plain);
    return NULL;
}

int main(void)
{
    static const char how_stopped[] = "cancelled (pthread_cancel) while it held the reader lock";
    mailbox *mb = mailbox_new(MAILBOX_PLAIN_LOCK, false);
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, mb) != 0)
        rl_die("pthread_create");
    mailbox_feed_reader(mb);
    pthread_cancel(reader);
    pthread_join(reader, NULL);                              /* racelab: join_cancelled */
    mailbox_reader_gone(how_stopped, "joined");
    return mailbox_next_reader_verdict(mb, mailbox_lock_or_prove_hang, how_stopped);
}
