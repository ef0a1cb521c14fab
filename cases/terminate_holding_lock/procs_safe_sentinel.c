/* terminate_holding_lock, process form, safe: no kill. The parent sends the sentinel
 * (Python's None) instead; the reader takes it like any message, releases the lock at
 * the end of that get, and exits on its own. Nobody ever dies holding the lock. */
#include "mailbox.h"

int main(void)
{
    mailbox *mb = mailbox_new(MAILBOX_PLAIN_LOCK, true);
    pid_t reader = mailbox_fork_reader(mb, mailbox_lock_plain);
    mailbox_feed_reader(mb);
    mailbox_send(mb, MAILBOX_SENTINEL);
    mailbox_reap(reader, false);
    return mailbox_next_reader_verdict(mb, mailbox_lock_plain, "stopped by a sentinel");
}
