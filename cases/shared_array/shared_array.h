/* The driver shared by every shared_array program: several workers share one array
 * that starts as {11, 22, 33, 44, 55}; worker i sets element 0 to 100 + i and then
 * reads the whole array back. A worker whose read-back shows another worker's value
 * in element 0 has been overtaken between its write and its read.
 * A variant file supplies the array and one write-then-read-back step; the driver
 * runs the workers as threads or as forked processes and judges what they saw. */
#ifndef RACELAB_SHARED_ARRAY_H
#define RACELAB_SHARED_ARRAY_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARRAY_LEN 5
#define ARRAY_WORKERS 4
#define ARRAY_INITIAL {11, 22, 33, 44, 55}

/* The tutorial did one write and one read-back per worker; natively that can pass by
 * luck, so the full size repeats the step until being overtaken is certain. Under a
 * detector two rounds are plenty: it needs only the unordered accesses. */
#define ARRAY_ROUNDS_FULL 200
#define ARRAY_ROUNDS_SMALL 2

typedef struct array_view {
    int values[ARRAY_LEN];
} array_view;

typedef struct shared_array_variant {
    void (*setup)(void);                                 /* may be NULL; before any worker */
    void (*write_then_read_back)(int worker, array_view *seen);
} shared_array_variant;

/* What one worker saw; the records live in a MAP_SHARED page so that forked
 * workers can hand them back too. Each worker writes only its own record. */
typedef struct worker_record {
    long foreign_rounds;     /* rounds whose read-back showed someone else's arr[0] */
    array_view shown;        /* the first such read-back, else the first read-back */
} worker_record;

typedef struct array_worker {
    const shared_array_variant *variant;
    rl_gate *gate;
    int id;
    long rounds;
    worker_record *record;
} array_worker;

/* What worker i writes into arr[0]. A macro, not a function: an inlined function
 * would make gcc attribute the store to this header instead of the marked line. */
#define array_written_by(worker) (100 + (worker))

static inline void array_work(const array_worker *w)
{
    rl_gate_wait(w->gate);   /* all workers start together, so their rounds overlap */
    for (long round = 0; round < w->rounds; round++) {
        array_view seen;
        w->variant->write_then_read_back(w->id, &seen);
        bool foreign = seen.values[0] != array_written_by(w->id);
        if (round == 0 || (foreign && w->record->foreign_rounds == 0))
            w->record->shown = seen;
        w->record->foreign_rounds += foreign;
    }
}

static inline void *array_thread_main(void *arg)
{
    array_work(arg);
    return NULL;
}

static inline void array_print_view(const char *prefix, const array_view *v)
{
    fputs(prefix, stdout);
    for (int k = 0; k < ARRAY_LEN; k++)
        printf(" %d", v->values[k]);
    putchar('\n');
}

/* The tutorial's output (each worker's array as it printed it), then the verdict. */
static inline int array_verdict(const worker_record *records, long rounds)
{
    int overtaken = 0, example = -1;
    for (int i = 0; i < ARRAY_WORKERS; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "worker %d wrote %d, read back:", i, array_written_by(i));
        array_print_view(prefix, &records[i].shown);
        if (records[i].foreign_rounds > 0) {
            overtaken++;
            if (example < 0)
                example = i;
        }
    }
    if (overtaken > 0)
        return rl_result(false, "%d of %d workers read back another worker's value in arr[0] "
                         "(worker %d wrote %d and read back %d)", overtaken, ARRAY_WORKERS,
                         example, array_written_by(example), records[example].shown.values[0]);
    return rl_result(true, "each of %d workers read back its own arr[0] in all %ld rounds",
                     ARRAY_WORKERS, rounds);
}

static inline void array_prepare(const shared_array_variant *v, rl_gate *gate,
                                 array_worker workers[ARRAY_WORKERS], worker_record **records)
{
    long rounds = rl_size(ARRAY_ROUNDS_FULL, ARRAY_ROUNDS_SMALL);
    if (v->setup != NULL)
        v->setup();
    *records = rl_shared_alloc(ARRAY_WORKERS * sizeof **records);
    for (int i = 0; i < ARRAY_WORKERS; i++)
        workers[i] = (array_worker){v, gate, i, rounds, &(*records)[i]};
}

/* Thread form: one address space, so every detector can see the workers. */
static inline int array_run_threads(const shared_array_variant *v)
{
    array_worker workers[ARRAY_WORKERS];
    worker_record *records;
    array_prepare(v, rl_gate_new(ARRAY_WORKERS), workers, &records);
    pthread_t threads[ARRAY_WORKERS];
    for (int i = 0; i < ARRAY_WORKERS; i++)
        if (pthread_create(&threads[i], NULL, array_thread_main, &workers[i]) != 0)
            rl_die("pthread_create");
    for (int i = 0; i < ARRAY_WORKERS; i++)
        pthread_join(threads[i], NULL);
    return array_verdict(records, workers[0].rounds);
}

/* Process form: the array (set up by the variant) and the records are MAP_SHARED;
 * everything else is each child's own copy. */
static inline int array_run_processes(const shared_array_variant *v)
{
    array_worker workers[ARRAY_WORKERS];
    worker_record *records;
    array_prepare(v, rl_gate_new_shared(ARRAY_WORKERS), workers, &records);
    fflush(stdout);   /* nothing buffered may be printed again by a child */
    pid_t pids[ARRAY_WORKERS];
    for (int i = 0; i < ARRAY_WORKERS; i++) {
        pids[i] = fork();
        if (pids[i] < 0)
            rl_die("fork");
        if (pids[i] == 0) {
            array_work(&workers[i]);
            _exit(0);
        }
    }
    for (int i = 0; i < ARRAY_WORKERS; i++)
        rl_reap(pids[i], "array worker");
    return array_verdict(records, workers[0].rounds);
}

#endif
