/* The driver shared by every counter program: two workers, one adds 1 to a shared
 * count `rounds` times, the other subtracts 1 `rounds` times; the count must end at 0.
 * A variant file supplies only the shared state and the two update steps, so the
 * programs differ exactly where the lesson is (how one update is made). */
#ifndef RACELAB_COUNTER_H
#define RACELAB_COUNTER_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Full size shows lost updates natively in well under a second; small size is
 * enough for happens-before detectors, which need only two unordered accesses. */
#define COUNTER_ROUNDS_FULL 20000
#define COUNTER_ROUNDS_SMALL 50
/* Each worker also stops when this budget (times the time scale) is spent: with three
 * CPU hogs on two cores a yield or a lock hand-off waits for the scheduler, and 20000
 * rounds took 31 s against a 10 s deadline (measured). The check compares the count with
 * the updates actually made, so stopping early changes no verdict. The clock is read
 * every COUNTER_CHECK_EVERY rounds: never at small size, under the detectors. */
#define COUNTER_BUDGET_MS 300
#define COUNTER_CHECK_EVERY 16

typedef struct counter_variant {
    void (*setup)(void);          /* may be NULL; runs before any worker starts (before fork) */
    void (*increment)(void);      /* one update of +1 */
    void (*decrement)(void);      /* one update of -1 */
    long (*final_count)(void);    /* read once every worker has finished */
} counter_variant;

typedef struct counter_worker {
    rl_gate *gate;
    void (*step)(void);
    long rounds;
    long *done; /* the steps it made; in a MAP_SHARED page for a process */
} counter_worker;

/* The gate makes both loops start together; without it the first thread often
 * finishes before the second is even created, and nothing overlaps. */
static inline void counter_work(const counter_worker *w)
{
    rl_gate_wait(w->gate);
    double budget = rl_budget_end(COUNTER_BUDGET_MS);
    long i = 0;
    while (i < w->rounds) {
        w->step();
        if (++i % COUNTER_CHECK_EVERY == 0 && rl_budget_spent(budget))
            break;
    }
    *w->done = i;
}

static inline void *counter_thread_main(void *arg)
{
    counter_work(arg);
    return NULL;
}

static inline int counter_verdict(const counter_variant *v, const long done[2])
{
    long final_count = v->final_count(), expected = done[0] - done[1];
    if (final_count != expected)
        return rl_result(false, "lost updates: final count %ld after %ld increments and %ld "
                         "decrements, expected %ld", final_count, done[0], done[1], expected);
    return rl_result(true, "final count %ld after %ld increments and %ld decrements",
                     final_count, done[0], done[1]);
}

/* Thread form: both workers share one address space, so detectors can see them. */
static inline int counter_run_threads(const counter_variant *v)
{
    long rounds = rl_size(COUNTER_ROUNDS_FULL, COUNTER_ROUNDS_SMALL);
    if (v->setup != NULL)
        v->setup();
    rl_gate *gate = rl_gate_new(2);
    long done[2] = {0, 0};
    counter_worker adder = {gate, v->increment, rounds, &done[0]};
    counter_worker subtractor = {gate, v->decrement, rounds, &done[1]};
    pthread_t add_thread, sub_thread;
    if (pthread_create(&add_thread, NULL, counter_thread_main, &adder) != 0 ||
        pthread_create(&sub_thread, NULL, counter_thread_main, &subtractor) != 0)
        rl_die("pthread_create");
    pthread_join(add_thread, NULL);
    pthread_join(sub_thread, NULL);
    return counter_verdict(v, done);
}

static inline pid_t counter_fork_worker(const counter_worker *w)
{
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    if (pid == 0) {
        counter_work(w);
        _exit(0);
    }
    return pid;
}

/* Process form: the count lives in a MAP_SHARED page the variant's setup allocates;
 * each worker is a forked child with its own address space around that page. */
static inline int counter_run_processes(const counter_variant *v)
{
    long rounds = rl_size(COUNTER_ROUNDS_FULL, COUNTER_ROUNDS_SMALL);
    if (v->setup != NULL)
        v->setup();
    rl_gate *gate = rl_gate_new_shared(2);
    long *done = rl_shared_alloc(2 * sizeof *done);
    counter_worker adder = {gate, v->increment, rounds, &done[0]};
    counter_worker subtractor = {gate, v->decrement, rounds, &done[1]};
    fflush(stdout);   /* nothing buffered may be printed twice by the children */
    pid_t add_pid = counter_fork_worker(&adder);
    pid_t sub_pid = counter_fork_worker(&subtractor);
    rl_reap(add_pid, "counter worker");
    rl_reap(sub_pid, "counter worker");
    return counter_verdict(v, done);
}

#endif
