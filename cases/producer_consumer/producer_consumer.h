/* The driver of the two-consumer programs: one producer puts items 1..n into the
 * 5-slot buffer, two consumers each take n/2 of them. Every item must be taken exactly
 * once and no take may find the buffer empty. A variant supplies only take().
 *
 * Consumers take a fixed share instead of waiting for a sentinel so that a run always
 * ends, even after the if-bug has corrupted the count: a consumer sleeps only when
 * count == 0 and it still has a share to take, and then the producer still has items
 * to put (puts left = takes left - count), so nobody can wait forever. */
#ifndef PRODUCER_CONSUMER_H
#define PRODUCER_CONSUMER_H

#include "buffer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PC_CONSUMERS 2
/* The bug does not depend on the size (the first item is staged), so small is enough
 * everywhere; full only runs the stream a little longer. */
#define PC_ITEMS_FULL 40
#define PC_ITEMS_SMALL 10
#define PC_ITEMS_MAX PC_ITEMS_FULL
/* A backstop: a correct run takes milliseconds. */
#define PC_WATCHDOG_S 5.0

typedef long (*take_fn)(buffer *b);

/* Everything the participants share; in a MAP_SHARED page for both forms. Each
 * consumer writes only its own log; the verdict reads them after join/waitpid. */
typedef struct pc_state {
    buffer buf;
    long items;
    take_fn take;
    long got[PC_CONSUMERS][PC_ITEMS_MAX];
} pc_state;

static inline pc_state *pc_new(take_fn take, bool process_shared)
{
    pc_state *s = rl_shared_alloc(sizeof *s);
    buffer_init(&s->buf, process_shared);
    s->items = rl_size(PC_ITEMS_FULL, PC_ITEMS_SMALL);
    s->take = take;
    return s;
}

static inline void pc_produce(pc_state *s)
{
    buffer_put_first(&s->buf, 1, PC_CONSUMERS);
    for (long item = 2; item <= s->items; item++)
        buffer_put(&s->buf, item);
}

static inline void pc_consume(pc_state *s, int consumer)
{
    for (long i = 0; i < s->items / PC_CONSUMERS; i++)
        s->got[consumer][i] = s->take(&s->buf);
}

/* Counts how the taken items differ from "each of 1..n exactly once". */
static inline int pc_verdict(pc_state *s)
{
    int taken[PC_ITEMS_MAX + 1] = {0};
    long never_written = 0, twice = 0, missing = 0;
    for (int c = 0; c < PC_CONSUMERS; c++)
        for (long i = 0; i < s->items / PC_CONSUMERS; i++) {
            long item = s->got[c][i];
            if (item == BUFFER_NEVER_WRITTEN)
                never_written++;
            else if (taken[item]++ == 1)
                twice++;
        }
    for (long item = 1; item <= s->items; item++)
        missing += taken[item] == 0;
    /* Every participant has been joined or reaped; the lock only says so to the analysis. */
    rl_lock_acquire(buffer_lock);
    int empty_takes = s->buf.empty_takes, lowest_count = s->buf.lowest_count;
    rl_lock_release(buffer_lock);
    if (empty_takes > 0 || never_written > 0 || twice > 0 || missing > 0)
        return rl_result(false, "consumers took from an empty buffer %d times (count fell to %d): "
                         "%ld takes read a never-written slot, %ld items were taken twice, %ld of "
                         "%ld items were never taken", empty_takes, lowest_count,
                         never_written, twice, missing, s->items);
    return rl_result(true, "%ld items, each taken once, count never below 0", s->items);
}

/* ---- thread form: producer and consumers in one address space ---- */

typedef struct pc_role {
    pc_state *state;
    int consumer;   /* -1: the producer */
} pc_role;

static inline void *pc_thread_main(void *arg)
{
    const pc_role *role = arg;
    if (role->consumer < 0)
        pc_produce(role->state);
    else
        pc_consume(role->state, role->consumer);
    return NULL;
}

static inline int pc_run_threads(take_fn take)
{
    rl_watchdog(PC_WATCHDOG_S, "producer/consumer threads never finished");
    pc_state *s = pc_new(take, false);
    pc_role roles[PC_CONSUMERS + 1];
    pthread_t threads[PC_CONSUMERS + 1];
    for (int r = 0; r <= PC_CONSUMERS; r++) {
        roles[r] = (pc_role){s, r < PC_CONSUMERS ? r : -1};
        if (pthread_create(&threads[r], NULL, pc_thread_main, &roles[r]) != 0)
            rl_die("pthread_create");
    }
    for (int r = 0; r <= PC_CONSUMERS; r++)
        pthread_join(threads[r], NULL);
    int verdict = pc_verdict(s);   /* reads the buffer under its lock: before the destroy */
    buffer_destroy(&s->buf);
    return verdict;
}

/* ---- process form: the buffer in a MAP_SHARED page, process-shared mutex and
 * condition variables. The parent is consumer 0 (as a main process that reads its
 * Manager().Queue() itself); consumer 1 and the producer are forked children. ---- */

static inline pid_t pc_fork(pc_state *s, int consumer)
{
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    if (pid == 0) {
        rl_watchdog(PC_WATCHDOG_S, "a producer/consumer child never finished");
        if (consumer < 0)
            pc_produce(s);
        else
            pc_consume(s, consumer);
        _exit(0);
    }
    return pid;
}

static inline int pc_run_processes(take_fn take)
{
    pc_state *s = pc_new(take, true);
    fflush(stdout);   /* nothing buffered may be printed twice by the children */
    pid_t producer = pc_fork(s, -1);
    pid_t consumer = pc_fork(s, 1);
    rl_watchdog(PC_WATCHDOG_S, "the consuming parent never finished");
    pc_consume(s, 0);
    rl_reap(consumer, "producer/consumer child");
    rl_reap(producer, "producer/consumer child");
    int verdict = pc_verdict(s);   /* reads the buffer under its lock: before the destroy */
    buffer_destroy(&s->buf);
    return verdict;
}

#endif
