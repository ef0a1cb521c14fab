/* terminate_holding_lock, process form, safe: procs_safe_robust with a timed lock, as
 * a program that never wants to block forever would write it. The recovery is the
 * same and just as correct; the program exists because ThreadSanitizer handles
 * EOWNERDEAD in its pthread_mutex_lock interceptor but not in pthread_mutex_timedlock
 * (see README): the same correct recovery is clean in one and a false alarm in the
 * other. */
#include "mailbox.h"

static int timedlock_recovering(mailbox *mb)
{
    struct timespec deadline = mailbox_deadline();
    int rc = pthread_mutex_timedlock(&mb->reader_lock, &deadline); /* racelab: robust_timedlock */
    if (rc == EOWNERDEAD) {
        mailbox_repair_after_owner_death(mb);
        return 0;
    }
    if (rc != 0 && rc != ETIMEDOUT) {
        errno = rc;
        rl_die("pthread_mutex_timedlock");
    }
    return rc;
}

int main(void)
{
    mailbox *mb = mailbox_new(MAILBOX_ROBUST_LOCK, true);
    pid_t reader = mailbox_fork_reader(mb, timedlock_recovering);
    mailbox_feed_reader(mb);
    mailbox_terminate_reader(reader);
    return mailbox_next_reader_verdict(mb, timedlock_recovering,
                                       "killed (SIGKILL) while it held the robust reader lock");
}
