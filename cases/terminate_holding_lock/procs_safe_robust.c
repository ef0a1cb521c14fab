/* terminate_holding_lock, process form, safe: the same kill, but the reader lock is a
 * robust mutex. When its owner dies, the next locker gets the lock with EOWNERDEAD;
 * it repairs what the dead owner left half done, marks the mutex consistent, and
 * carries on. (A robust lock never blocks on a dead owner, so a plain
 * pthread_mutex_lock is enough here.) The parent is the one that recovers, so that
 * Valgrind, which reports only the parent, shows what it makes of the recovery. */
#include "mailbox.h"

static int lock_recovering(mailbox *mb)
{
    int rc = pthread_mutex_lock(&mb->reader_lock);          /* racelab: robust_lock */
    if (rc == EOWNERDEAD)
        mailbox_repair_after_owner_death(mb);
    else if (rc != 0) {
        errno = rc;
        rl_die("pthread_mutex_lock");
    }
    return 0;
}

int main(void)
{
    mailbox *mb = mailbox_new(MAILBOX_ROBUST_LOCK, true);
    pid_t reader = mailbox_fork_reader(mb, lock_recovering);
    mailbox_feed_reader(mb);
    mailbox_terminate_reader(reader);
    return mailbox_next_reader_verdict(mb, lock_recovering,
                                       "killed (SIGKILL) while it held the robust reader lock");
}
