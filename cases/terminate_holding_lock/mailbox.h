/* A mailbox modelled on multiprocessing.Queue's reading side: messages travel through
 * a pipe, and a reader takes the queue's reader lock and HOLDS it while it blocks
 * waiting for the next message (Queue.get() does `with self._rlock: self._recv_bytes()`).
 * A reader that is killed while it waits dies holding that lock.
 *
 * The mailbox lives in a MAP_SHARED page, so a forked reader and the parent share the
 * lock (PTHREAD_PROCESS_SHARED) and the bookkeeping. The state the lock protects is a
 * claim: a reader first claims the next slot (claimed++), then reads a message into it,
 * then commits it (filled++). Between critical sections claimed == filled; a reader
 * that dies in between leaves a claim nobody will ever fill. */
#ifndef TERMINATE_HOLDING_LOCK_MAILBOX_H
#define TERMINATE_HOLDING_LOCK_MAILBOX_H

#include "racelab_case.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAILBOX_SLOTS 8
#define MAILBOX_SENTINEL 0L        /* messages are 1, 2, ...; 0 says "stop reading" */
#define MAILBOX_BEFORE_STOP 3      /* messages the reader takes before it is stopped */
#define MAILBOX_PATIENCE_S 0.5     /* how long a reader waits for the lock before it is a bug */

typedef enum mailbox_lock_kind { MAILBOX_PLAIN_LOCK, MAILBOX_ROBUST_LOCK } mailbox_lock_kind;

typedef struct mailbox {
    pthread_mutex_t reader_lock;
    long claimed;                    /* guarded by reader_lock */
    long filled;                     /* guarded by reader_lock */
    long slots[MAILBOX_SLOTS];       /* message i is read into slot i */
    int messages[2];                 /* the pipe the messages travel through */
    int progress[2];                 /* staging: the reader says "I hold the lock and wait for slot k" */
    int recoveries;                  /* how often a next reader found the owner dead */
} mailbox;

static inline mailbox *mailbox_new(mailbox_lock_kind kind, bool process_shared)
{
    mailbox *mb = rl_shared_alloc(sizeof *mb);
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_setpshared(&attr, process_shared ? PTHREAD_PROCESS_SHARED
                                                           : PTHREAD_PROCESS_PRIVATE) != 0 ||
        (kind == MAILBOX_ROBUST_LOCK && pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST) != 0) ||
        pthread_mutex_init(&mb->reader_lock, &attr) != 0)
        rl_die("pthread_mutex_init");
    pthread_mutexattr_destroy(&attr);
    if (pipe(mb->messages) != 0 || pipe(mb->progress) != 0)
        rl_die("pipe");
    return mb;
}

static inline void mailbox_send(mailbox *mb, long message)
{
    if (write(mb->messages[1], &message, sizeof message) != (ssize_t)sizeof message)
        rl_die("write(messages)");
}

static inline long mailbox_receive(mailbox *mb)
{
    long message;
    if (read(mb->messages[0], &message, sizeof message) != (ssize_t)sizeof message) /* racelab: receive_read */
        rl_die("read(messages)");
    return message;
}

/* The reader tells the stopper which slot it now waits for, lock held. */
static inline void mailbox_announce(mailbox *mb, long slot)
{
    if (write(mb->progress[1], &slot, sizeof slot) != (ssize_t)sizeof slot)
        rl_die("write(progress)");
}

/* The stopper waits until the reader holds the lock and waits for message `slot`+1:
 * a kill then certainly lands inside the critical section. */
static inline void mailbox_await_reader_waiting_for(mailbox *mb, long slot)
{
    for (long seen = -1; seen != slot;)
        if (read(mb->progress[0], &seen, sizeof seen) != (ssize_t)sizeof seen)
            rl_die("read(progress)");
}

/* How a reader acquires the reader lock: the variants differ here. Returns 0, or
 * ETIMEDOUT when the lock stayed taken for MAILBOX_PATIENCE_S. */
typedef int (*mailbox_lock_fn)(mailbox *mb);

/* The patience is scaled like rl_watchdog's, so that Valgrind's slowness is not
 * mistaken for a lock that is never released. */
static inline double mailbox_patience_s(void)
{
    return MAILBOX_PATIENCE_S * rl_time_scale();
}

static inline struct timespec mailbox_deadline(void)
{
    double seconds = mailbox_patience_s();
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)seconds;
    deadline.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}

/* A timed lock, not a plain one: a lock that is never released must end in a verdict
 * line. (rl_watchdog cannot do it under TSan, which delays a signal handler until the
 * thread leaves pthread_mutex_lock, i.e. forever.) */
static inline int mailbox_lock_plain(mailbox *mb)
{
    struct timespec deadline = mailbox_deadline();
    int rc = pthread_mutex_timedlock(&mb->reader_lock, &deadline);  /* racelab: plain_lock */
    if (rc != 0 && rc != ETIMEDOUT) {
        errno = rc;
        rl_die("pthread_mutex_timedlock");
    }
    return rc;
}

/* What the next owner of a robust reader lock does when pthread_mutex_(timed)lock says
 * EOWNERDEAD: it owns the lock now, but the dead owner may have left the state half
 * changed. Here that is a claimed slot that was never filled (the reader died waiting
 * for the message, which is still in the pipe): drop the claim, then declare the
 * state consistent. Without pthread_mutex_consistent the unlock would make the mutex
 * permanently unusable (ENOTRECOVERABLE). */
static inline void mailbox_repair_after_owner_death(mailbox *mb)
{
    mb->claimed = mb->filled;
    mb->recoveries++;
    if (pthread_mutex_consistent(&mb->reader_lock) != 0)    /* racelab: make_consistent */
        rl_die("pthread_mutex_consistent");
}

/* Queue.get(): claim a slot, block for a message with the lock held, commit.
 * `announce` is true for the reader that is going to be stopped (staging only).
 * Returns false if the lock could not be had. */
static inline bool mailbox_get(mailbox *mb, mailbox_lock_fn lock, bool announce, long *message)
{
    if (lock(mb) != 0)
        return false;
    long slot = mb->claimed++;
    if (announce)
        mailbox_announce(mb, slot);
    mb->slots[slot] = mailbox_receive(mb);   /* blocks, lock held: here the reader dies */
    mb->filled++;
    *message = mb->slots[slot];
    pthread_mutex_unlock(&mb->reader_lock);                 /* racelab: get_unlock */
    return true;
}

/* The reader that loops forever (the tutorial's reason to call terminate()). */
static inline void mailbox_read_forever(mailbox *mb, mailbox_lock_fn lock)
{
    long message;
    while (mailbox_get(mb, lock, true, &message) && message != MAILBOX_SENTINEL)
        continue;
}

/* After the first reader is gone, the parent sends one more message and takes it
 * itself, through the same lock. */
#define MAILBOX_NEXT_MESSAGE 100L

static inline int mailbox_next_reader_verdict(mailbox *mb, mailbox_lock_fn lock, const char *how_stopped)
{
    mailbox_send(mb, MAILBOX_NEXT_MESSAGE);
    long got = 0;
    if (!mailbox_get(mb, lock, false, &got))
        return rl_result(false, "after the reader was %s, the next reader waited %.1f s for the "
                         "reader lock in vain: the stopped reader still holds it", how_stopped,
                         mailbox_patience_s());
    bool consistent = mb->claimed == mb->filled;
    for (long i = 0; i < MAILBOX_BEFORE_STOP; i++)
        consistent = consistent && mb->slots[i] == i + 1;
    if (got != MAILBOX_NEXT_MESSAGE || !consistent)
        return rl_result(false, "after the reader was %s the next reader got message %ld "
                         "(expected %ld); %ld slots claimed, %ld filled", how_stopped, got,
                         MAILBOX_NEXT_MESSAGE, mb->claimed, mb->filled);
    return rl_result(true, "reader %s; the next reader took message %ld (%d recover%s); "
                     "%ld slots claimed, %ld filled", how_stopped, got, mb->recoveries,
                     mb->recoveries == 1 ? "y" : "ies", mb->claimed, mb->filled);
}

/* ---- process form: the reader is a forked child ---- */

static inline pid_t mailbox_fork_reader(mailbox *mb, mailbox_lock_fn lock)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    if (pid == 0) {
        mailbox_read_forever(mb, lock);
        _exit(0);
    }
    return pid;
}

/* Sends the first messages and returns once the reader holds the lock, waiting for
 * the next one. */
static inline void mailbox_feed_reader(mailbox *mb)
{
    for (long m = 1; m <= MAILBOX_BEFORE_STOP; m++)
        mailbox_send(mb, m);
    mailbox_await_reader_waiting_for(mb, MAILBOX_BEFORE_STOP);
}

static inline void mailbox_reap(pid_t pid, bool expect_killed)
{
    int status;
    if (waitpid(pid, &status, 0) != pid)
        rl_die("waitpid");
    bool as_expected = expect_killed ? WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL
                                     : WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!as_expected) {
        fprintf(stderr, "reader %d ended unexpectedly (status %#x)\n", (int)pid, status);
        exit(2);
    }
}

/* terminate(): SIGKILL, whatever the reader is doing. */
static inline void mailbox_terminate_reader(pid_t pid)
{
    if (kill(pid, SIGKILL) != 0)
        rl_die("kill");
    mailbox_reap(pid, true);
}

/* ---- the next reader of the unsafe programs: a hang proven, not waited out ---- */

/* The proof state, the parent's own (only the next reader reads it): how the reader was
 * stopped, and how the parent knows it is gone; NULL while the reader may still run. */
static struct {
    const char *how_stopped;
    const char *gone;                /* "reaped" (process), "joined" (thread) */
} mailbox_stopped_reader;

static inline void mailbox_reader_gone(const char *how_stopped, const char *gone)
{
    mailbox_stopped_reader.how_stopped = how_stopped;
    mailbox_stopped_reader.gone = gone;
}

/* Instead of waiting out a patience, the next reader proves that its wait would never end.
 * Once the stopped reader is gone (the parent reaped the killed process, or joined the
 * cancelled thread):
 *   - only two parties ever touch reader_lock: the stopped reader and the next reader;
 *   - the stopped reader is gone: it can unlock nothing any more;
 *   - the next reader does not hold the lock (it is about to take it), yet
 *     pthread_mutex_trylock says EBUSY: the lock is held, so by the gone reader;
 *   - an ordinary (non-robust) mutex whose owner is gone is never released: nothing
 *     tells glibc or the kernel that its owner died.
 * So a blocking lock would wait forever, and the program says so at once (rl_hang_proven).
 * trylock never blocks, so TSan's held-back signals (mailbox_lock_plain) do not matter; a
 * trylock that fails with EBUSY is no error and no synchronisation to any tool, and the
 * proof reads nothing the tools judge (not the claim counters). Without the proof (the
 * stopped reader not known to be gone) this is mailbox_lock_plain, whose patience
 * decides, as before. */
static inline int mailbox_lock_or_prove_hang(mailbox *mb)
{
    if (mailbox_stopped_reader.gone == NULL)
        return mailbox_lock_plain(mb);
    int rc = pthread_mutex_trylock(&mb->reader_lock);     /* racelab: proof_trylock */
    if (rc == 0)
        return 0;
    if (rc != EBUSY) {
        errno = rc;
        rl_die("pthread_mutex_trylock");
    }
    rl_hang_proven("after the reader was %s, the next reader can never take the reader lock: "
                   "the stopped reader is gone (%s) and the lock is still taken (trylock: "
                   "EBUSY); an ordinary mutex whose owner is gone is never released, so its "
                   "lock() would wait forever", mailbox_stopped_reader.how_stopped,
                   mailbox_stopped_reader.gone);
}

#endif
