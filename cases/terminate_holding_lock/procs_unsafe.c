/* terminate_holding_lock, process form, unsafe: the parent terminate()s the reader
 * with SIGKILL while the reader holds the mailbox's reader lock (blocked, waiting for
 * its next message). An ordinary process-shared mutex stays locked by the dead
 * process forever: the parent, the next reader, blocks on it for good. */
#include "mailbox.h"

int main(void)
{
    mailbox *mb = mailbox_new(MAILBOX_PLAIN_LOCK, true);
    pid_t reader = mailbox_fork_reader(mb, mailbox_lock_plain);
    mailbox_feed_reader(mb);
    mailbox_terminate_reader(reader);
    return mailbox_next_reader_verdict(mb, mailbox_lock_plain,
                                       "killed (SIGKILL) while it held the reader lock");
}
