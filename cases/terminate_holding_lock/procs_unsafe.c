/* terminate_holding_lock, process form, unsafe: the parent terminate()s the reader
 * with SIGKILL while the reader holds the mailbox's reader lock (blocked, waiting for
 * its next message). An ordinary process-shared mutex stays locked by the dead
 * process forever: the parent, the next reader, would block on it for good. It
 * proves that instead of waiting (mailbox_lock_or_prove_hang): the reader is reaped,
 * and the lock is still taken. */
#include "mailbox.h"

int main(void)
{
    static const char how_stopped[] = "killed (SIGKILL) while it held the reader lock";
    mailbox *mb = mailbox_new(MAILBOX_PLAIN_LOCK, true);
    pid_t reader = mailbox_fork_reader(mb, mailbox_lock_plain);
    mailbox_feed_reader(mb);
    mailbox_terminate_reader(reader);                        /* kill, then waitpid */
    mailbox_reader_gone(how_stopped, "reaped");
    return mailbox_next_reader_verdict(mb, mailbox_lock_or_prove_hang, how_stopped);
}
