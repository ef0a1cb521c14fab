/* The driver every program of the case shares: a writer puts the items 1..n into
 * a queue (giving the CPU away between items, as a producer doing real work would),
 * a reader takes them out, and the verdict says whether the reader got them all.
 * A variant only chooses how the reader decides that it is done, and whether the
 * pair runs as two threads or as two processes sharing a MAP_SHARED queue. */
#ifndef EMPTY_QUEUE_POLLING_POLLING_H
#define EMPTY_QUEUE_POLLING_POLLING_H

#include "queue.h"
#include "racelab_case.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What a reader saw. */
typedef struct tally {
    long items;
    long sum;
} tally;

typedef tally reader_fn(queue *q);

typedef struct polling_plan {
    reader_fn *reader;
    bool writer_sends_sentinel;  /* the writer ends the stream with QUEUE_SENTINEL */
    bool reader_after_writer;    /* start the reader only once the writer is joined */
} polling_plan;

/* Native runs use enough items that a reader which can quit early will; under the
 * detectors a few unordered accesses are all it takes. */
static inline long polling_items(void)
{
    _Static_assert(QUEUE_CAPACITY > 1000, "the writer must never wait for room");
    return rl_size(1000, 8);
}

typedef struct polling_run {
    const polling_plan *plan;
    queue *q;
    rl_gate *gate;     /* NULL when the reader starts after the writer is done */
    long n;
    tally got;
} polling_run;

/* The writer's first item takes a moment to produce (in the tutorial: a process
 * that has to start first). A reader that polls for emptiness starts polling in the
 * meantime; 20 ms is long enough that it always gets there first, also under
 * Valgrind's serialised scheduler and with another job sharing the cores. That also
 * fixes the order of the two racing accesses in the unlocked variant (the reader's
 * load, then the writer's store), so DRD, which reports only the second access of a
 * conflict, names the same line in every run. */
static void writer_prepare_first_item(void)
{
    struct timespec pause = {.tv_sec = 0, .tv_nsec = 20 * 1000 * 1000};
    while (nanosleep(&pause, &pause) != 0)
        continue;
}

static void writer_put_all(polling_run *run)
{
    if (run->gate != NULL)
        rl_gate_wait(run->gate);
    writer_prepare_first_item();
    for (long i = 1; i <= run->n; i++) {
        queue_put(run->q, i);
        rl_yield();   /* the writer is "between items" here: the window the reader falls into */
    }
    if (run->plan->writer_sends_sentinel)
        queue_put(run->q, QUEUE_SENTINEL);
}

static void reader_take(polling_run *run)
{
    if (run->gate != NULL)
        rl_gate_wait(run->gate);
    run->got = run->plan->reader(run->q);
}

/* Called once the writer and the reader are both finished (joined or reaped).
 * queue_size() still takes the lock: that is all the thread-safety analysis can check,
 * it knows nothing of join or waitpid. */
static int polling_verdict(const polling_run *run)
{
    long expected_sum = run->n * (run->n + 1) / 2;
    if (run->got.items == run->n && run->got.sum == expected_sum)
        return rl_result(true, "reader got all %ld items", run->n);
    return rl_result(false,
                     "reader stopped after %ld of %ld items (sum %ld, expected %ld), %u left "
                     "in the queue: it saw an empty queue while the writer was still putting",
                     run->got.items, run->n, run->got.sum, expected_sum, queue_size(run->q));
}

/* ---- thread form ---- */

static void *writer_thread(void *arg)
{
    writer_put_all(arg);
    return NULL;
}

static void *reader_thread(void *arg)
{
    reader_take(arg);
    return NULL;
}

static void start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    if (pthread_create(t, NULL, fn, arg) != 0)
        rl_die("pthread_create");
}

static inline int polling_run_threads(const polling_plan *plan)
{
    static queue q;
    queue_init(&q, false);
    polling_run run = {.plan = plan, .q = &q, .n = polling_items()};
    pthread_t writer, reader;
    if (plan->reader_after_writer) {
        start_thread(&writer, writer_thread, &run);
        pthread_join(writer, NULL);
        start_thread(&reader, reader_thread, &run);
        pthread_join(reader, NULL);
    } else {
        run.gate = rl_gate_new(2);
        start_thread(&writer, writer_thread, &run);
        start_thread(&reader, reader_thread, &run);
        pthread_join(reader, NULL);
        pthread_join(writer, NULL);
    }
    int verdict = polling_verdict(&run);
    queue_destroy(&q);
    return verdict;
}

/* ---- process form: the queue, the gate and the reader's tally live in MAP_SHARED
 * memory; the writer and the reader are two forked children ---- */

typedef struct shared_state {
    queue q;
    tally got;   /* written by the reader child, read by the parent after waitpid */
} shared_state;

static pid_t fork_child(void (*body)(polling_run *), polling_run *run)
{
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    if (pid == 0) {
        body(run);
        _exit(0);
    }
    return pid;
}

static void reader_child(polling_run *run)
{
    reader_take(run);
    ((shared_state *)run->q)->got = run->got;   /* q is the first member */
}

static void wait_child(pid_t pid, const char *who)
{
    int status;
    if (waitpid(pid, &status, 0) != pid)
        rl_die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        rl_result(false, "the %s process did not exit cleanly (status 0x%x)", who, status);
        _exit(0);
    }
}

static inline int polling_run_procs(const polling_plan *plan)
{
    shared_state *shared = rl_shared_alloc(sizeof *shared);
    queue_init(&shared->q, true);
    polling_run run = {.plan = plan, .q = &shared->q, .n = polling_items(),
                       .gate = rl_gate_new_shared(2)};
    fflush(stdout);
    pid_t writer = fork_child(writer_put_all, &run);
    pid_t reader = fork_child(reader_child, &run);
    wait_child(reader, "reader");
    wait_child(writer, "writer");
    run.got = shared->got;
    int verdict = polling_verdict(&run);
    queue_destroy(&shared->q);
    return verdict;
}

#endif
