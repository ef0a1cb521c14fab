/* The driver shared by the one_sided_lock programs: a writer thread updates a pair of
 * fields that belong together (it always sets both to the same number) and a reader
 * thread checks that it never sees them disagree. The writer always holds the lock;
 * a variant file supplies only how the reader reads the pair (with or without it). */
#ifndef RACELAB_ONE_SIDED_LOCK_PAIR_H
#define RACELAB_ONE_SIDED_LOCK_PAIR_H

#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

/* How long the reader reads: at least this many reads, and until the pair has advanced
 * by at least this many updates, however the scheduler spreads the two threads out. Each
 * read has a fair chance of landing in the middle of an update (there is a yield there),
 * so full size makes a torn read certain natively; small size is plenty for the
 * happens-before detectors, which need one unordered write/read pair. */
#define PAIR_READS_FULL 200
#define PAIR_READS_SMALL 20
#define PAIR_UPDATES_WATCHED_FULL 100
#define PAIR_UPDATES_WATCHED_SMALL 10

/* The lock that guards both fields, as -Wthread-safety is told. A global, not a field
 * of the pair: in C, guarded_by can name only a lock reachable from a global. */
static rl_lock pair_lock = RL_LOCK_INITIALIZER;

/* The invariant: first == second whenever nobody is in the middle of an update. */
typedef struct shared_pair {
    long first RL_GUARDED_BY(pair_lock);
    long second RL_GUARDED_BY(pair_lock);
} shared_pair;

typedef struct pair_reading {
    long first;
    long second;
} pair_reading;

/* What a variant provides: one read of the pair into *seen. (An out-parameter, not a
 * returned struct: gcc -O1 moves the loads of a returned struct to the return line.) */
typedef void (*pair_read_fn)(shared_pair *pair, pair_reading *seen);

typedef struct pair_run {
    shared_pair *pair;
    rl_gate *gate;
    pair_read_fn read;
    long min_reads;        /* reads the reader makes at least */
    long watched;          /* updates the reader watches at least */
    long reads;            /* reader's own, read after join */
    /* The writer keeps updating until the reader has seen enough updates. A flag under
     * its own mutex, not the pair's lock: the unsafe reader's reads stay unlocked (and
     * only updates the writer makes after seeing the flag are ordered after them). */
    pthread_mutex_t stop_lock;
    bool reader_finished;
    long updates;          /* writer's own, read after join */
    long torn;             /* readings with first != second (reader's own, read after join) */
    pair_reading example;  /* the first torn reading */
} pair_run;

static bool pair_reader_finished(pair_run *run)
{
    pthread_mutex_lock(&run->stop_lock);
    bool finished = run->reader_finished;
    pthread_mutex_unlock(&run->stop_lock);
    return finished;
}

static void pair_finish_reading(pair_run *run)
{
    pthread_mutex_lock(&run->stop_lock);
    run->reader_finished = true;
    pthread_mutex_unlock(&run->stop_lock);
}

/* A preemption in the middle of the writer's critical section, made certain. A sleep,
 * not rl_yield(): when both threads share a core, the kernel's scheduler may ignore a
 * sched_yield() and let the writer run on through hundreds of updates, then switch at
 * a point between updates (measured: 5 runs in 5,000 with two copies running saw no
 * torn pair). A sleeping writer always lets the reader run, and on two cores it spends
 * nearly all its time between the two stores. */
static void pair_pause_mid_update(void)
{
    struct timespec pause = {.tv_sec = 0, .tv_nsec = 20000};
    nanosleep(&pause, NULL);
}

/* The writer's update, the same in every program: both fields under the lock, with a
 * pause between the two stores. A reader that respects the lock waits; one that
 * ignores it walks in and reads half an update. */
__attribute__((noinline)) static void pair_write(shared_pair *pair, long value)
{
    rl_lock_acquire(&pair_lock);
    pair->first = value;             /* racelab: locked_write */
    pair_pause_mid_update();
    pair->second = value;            /* racelab: locked_write */
    rl_lock_release(&pair_lock);
}

/* The first update happens before the gate, so the reader never reads a pair nobody has
 * written yet. After the gate, at least one more update comes before the writer first
 * looks at the stop flag: that update is unordered with every read, so a detector has a
 * race to see even if the scheduler lets the reader do all its reads first. */
static void *pair_writer_main(void *arg)
{
    pair_run *run = arg;
    pair_write(run->pair, ++run->updates);
    rl_gate_wait(run->gate);
    do {
        pair_write(run->pair, ++run->updates);
        rl_yield();   /* a mutex is not fair: give a locking reader its turn between updates */
    } while (!pair_reader_finished(run));
    return NULL;
}

static void *pair_reader_main(void *arg)
{
    pair_run *run = arg;
    rl_gate_wait(run->gate);
    long last_update = -1;
    for (;;) {
        pair_reading seen;
        run->read(run->pair, &seen);
        run->reads++;
        if (seen.first != seen.second && run->torn++ == 0)
            run->example = seen;
        if (last_update < 0)
            last_update = seen.second + run->watched;
        if (run->reads >= run->min_reads && seen.second >= last_update)
            break;
        rl_yield();
    }
    pair_finish_reading(run);
    return NULL;
}

/* Static, not on main's stack: DRD ignores races on stack variables by default
 * (--check-stack-var=no), and a shared global is what the tutorial had anyway. */
static shared_pair pair;

static inline int pair_run_threads(pair_read_fn read)
{
    pair_run run = {.pair = &pair, .gate = rl_gate_new(2), .read = read,
                    .min_reads = rl_size(PAIR_READS_FULL, PAIR_READS_SMALL),
                    .watched = rl_size(PAIR_UPDATES_WATCHED_FULL, PAIR_UPDATES_WATCHED_SMALL)};
    if (pthread_mutex_init(&run.stop_lock, NULL) != 0)
        rl_die("pthread_mutex_init");
    pthread_t writer, reader;
    if (pthread_create(&writer, NULL, pair_writer_main, &run) != 0 ||
        pthread_create(&reader, NULL, pair_reader_main, &run) != 0)
        rl_die("pthread_create");
    pthread_join(writer, NULL);
    pthread_join(reader, NULL);
    pthread_mutex_destroy(&pair_lock.mutex);
    if (run.torn > 0)
        return rl_result(false, "the reader saw %ld torn pairs in %ld reads while it watched %ld "
                         "updates (e.g. first=%ld second=%ld): it read in the middle of a "
                         "locked update", run.torn, run.reads, run.watched,
                         run.example.first, run.example.second);
    return rl_result(true, "%ld reads while it watched %ld updates, every pair consistent",
                     run.reads, run.watched);
}

#endif
