/* The driver shared by every signal_handler_unsafe program: main keeps the heap busy
 * (malloc and free in a loop, as any real program does), while a second thread sends
 * it SIGUSR1 again and again. Every signal must be logged: a note is formatted in a
 * freshly allocated buffer (note_signal()). A variant file defines only the handler and
 * where the logging happens: in the handler itself (unsafe) or in main's loop, after
 * the handler has merely recorded that a signal came (safe).
 *
 * Blocks are larger than glibc's per-thread cache (tcache, up to 1032 bytes), so every
 * malloc and free takes the arena lock: a signal that interrupts main inside malloc and
 * runs malloc again in the handler waits for a lock its own thread holds, forever. */
#ifndef RACELAB_SIGNALS_H
#define RACELAB_SIGNALS_H

#include "racelab_case.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Supplied by the variant, after it includes this file. */
static void on_signal(int sig);           /* the SIGUSR1 handler */
static void log_pending_signals(void);    /* called by main between heap operations */

#define SIGNALS_FULL 3000
#define SIGNALS_SMALL 3
#define BLOCK_BYTES 2000
#define RING_BLOCKS 8

static pthread_t main_thread;
static int handled_pipe[2];                   /* the handler writes one byte per signal */
static volatile sig_atomic_t signals_handled; /* written only by the handler */
static long signals_logged;                   /* notes written by note_signal() */
static size_t note_bytes;                     /* total length of the notes */

/* Logs one signal: formats a note in a fresh heap buffer. Harmless in main's loop;
 * called from a handler it may interrupt malloc itself. noinline: the tools must
 * name these lines. */
__attribute__((noinline)) static void note_signal(long number)
{
    char *note = malloc(BLOCK_BYTES);   /* racelab: note_malloc */
    if (note == NULL)
        abort();
    int len = snprintf(note, BLOCK_BYTES, "SIGUSR1 number %ld\n", number); /* racelab: note_snprintf */
    note_bytes += len > 0 ? (size_t)len : 0;
    signals_logged++;
    free(note);                         /* racelab: note_free */
}

/* Tells the signaller that one more signal has been handled. write(2) is
 * async-signal-safe (a semaphore would do too, but DRD mis-tracks a sem_post made
 * inside a handler: "Invalid semaphore" in some runs). */
static void acknowledge_signal(void)
{
    char byte = 1;
    (void)!write(handled_pipe[1], &byte, 1);
}

/* Sends the signals one at a time: the next one only after the handler has run. */
static void *signaller_main(void *arg)
{
    long signals = *(const long *)arg;
    for (long i = 0; i < signals; i++) {
        if (pthread_kill(main_thread, SIGUSR1) != 0)
            rl_die("pthread_kill");
        char byte;
        if (read(handled_pipe[0], &byte, 1) != 1)
            rl_die("read");
    }
    return NULL;
}

/* signal(), not sigaction(): the static checks (clang-tidy bugprone-signal-handler /
 * cert-sig30-c, gcc -fanalyzer) find a handler only where it is passed to signal(); one
 * installed with sigaction() is not followed and they go quiet (see README). glibc's
 * signal() is sigaction() with SA_RESTART and the handler left installed, which is all
 * this driver needs. */
static void install_handler(void)
{
    if (signal(SIGUSR1, on_signal) == SIG_ERR)
        rl_die("signal");
}

static char *ring[RING_BLOCKS];   /* a global, so the compiler keeps every malloc and free */

/* What main does all day: allocate, touch and free blocks. */
static void churn_heap(long round)
{
    size_t slot = (size_t)round % RING_BLOCKS;
    free(ring[slot]);
    ring[slot] = malloc(BLOCK_BYTES);
    if (ring[slot] == NULL)
        abort();
    ring[slot][0] = (char)round;
}

static int signals_run(void)
{
    long signals = rl_size(SIGNALS_FULL, SIGNALS_SMALL);
    main_thread = pthread_self();
    if (pipe(handled_pipe) != 0)
        rl_die("pipe");
    install_handler();
    /* A handler stuck on the malloc lock never returns: report it instead of hanging. */
    rl_watchdog(2, "signals stopped being handled: a handler that calls malloc after "
                "interrupting main inside malloc or free waits for the arena lock its own "
                "thread holds");
    pthread_t signaller;
    if (pthread_create(&signaller, NULL, signaller_main, &signals) != 0)
        rl_die("pthread_create");
    for (long round = 0; signals_handled < signals; round++) {
        churn_heap(round);
        log_pending_signals();
    }
    pthread_join(signaller, NULL);
    log_pending_signals();
    for (size_t i = 0; i < RING_BLOCKS; i++)
        free(ring[i]);

    if (signals_logged != signals)
        return rl_result(false, "%ld signals handled but %ld logged", signals, signals_logged);
    return rl_result(true, "%ld signals handled and logged, %zu bytes of notes", signals,
                     note_bytes);
}

#endif
