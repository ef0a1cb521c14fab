/* The driver shared by every queue_join program: Python's JoinableQueue pattern in C.
 * The producer (main) puts JOB_COUNT jobs, calls join() — "wait until every job is
 * done" — and then reads every job's result. Two consumers get jobs, work on each for a
 * while (WORK_MS) and store its result in the job's slot.
 *
 * The lesson is in when a consumer calls task_done(): after storing the result (join()
 * then means "done"), before working on the job (join() returns while results are still
 * being written), or never (join() waits for ever). A variant file picks one, and the
 * form (threads, or forked processes with the queue and the results in a MAP_SHARED
 * page). */
#ifndef RACELAB_QUEUE_JOIN_H
#define RACELAB_QUEUE_JOIN_H

#include "joinable_queue.h"
#include "timing_rail.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define JOB_COUNT 6
#define CONSUMERS 2
#define NOT_READY 0L   /* a slot's value until its consumer stores the result */
#define STOP (-1)      /* the item that tells a consumer to leave (Python's None) */

/* The work on one job (times RACELAB_TIME_SCALE under the detectors). Nothing depends on
 * its length: the orders the lesson needs are made certain by timing rails (consume), and
 * a join() that never returns is proven from the consumers' progress (join_prover). It is
 * there so that the work takes time and each consumer gets jobs while the other works. */
#define WORK_MS 2
/* A backstop only, for a proof that never completes: join_prover ends a join() that can
 * never return as soon as that is certain. Generous, and below the harness's deadline
 * (10 s, scaled like this). */
#define JOIN_BACKSTOP_S 5

typedef enum {
    DONE_AFTER_WORK,  /* get(); work; store; task_done()        correct */
    DONE_BEFORE_WORK, /* get(); task_done(); work; store        join() returns too early */
    DONE_NEVER,       /* get(); work; store                     join() never returns */
} done_style;

typedef struct shared_state {
    joinable_queue queue;
    long results[JOB_COUNT];  /* slot i is written by whichever consumer got job i */

    /* Scaffolding, never the lesson's state: relaxed read-modify-writes only, which give
     * no detector a happens-before edge (timing_rail.h). In the MAP_SHARED page with the
     * rest in the process form. */
    atomic_int progress;      /* per task_done() a consumer is about to call, +JOB_DECLARED
                               * (its ticket); per job it has finished with (stored, and
                               * declared if it was going to), +JOB_HANDLED */
    timing_rail join_waits;   /* the producer's join() holds the queue's lock: it will wait */
    timing_rail join_returned;
    timing_rail results_read; /* the producer has read every slot */
} shared_state;

#define JOB_HANDLED 1
#define JOB_DECLARED 256      /* > JOB_COUNT: the two counts share one word */

/* A read as a read-modify-write, so that Valgrind's tools see only atomic instructions. */
static inline int rmw_read(atomic_int *a)
{
    return atomic_fetch_add_explicit(a, 0, memory_order_relaxed);
}

static inline int rmw_add(atomic_int *a, int n)
{
    return atomic_fetch_add_explicit(a, n, memory_order_relaxed);
}

static inline bool rail_passed(timing_rail *rail)
{
    return rmw_read(&rail->passed) != 0;
}

static inline long job_answer(int job) { return 100L + job * job; }

/* noinline: the store and the read are the top frame of their accesses for every tool. */
__attribute__((noinline)) static void store_result(shared_state *s, int job, long answer)
{
    s->results[job] = answer;                                   /* racelab: result_write */
}

__attribute__((noinline)) static long read_result(const shared_state *s, int job)
{
    return s->results[job];                                     /* racelab: result_read */
}

/* Two orders the lesson needs are the scheduler's choice, and made certain by timing
 * rails (timing_rail.h: an order in real time that no detector sees as an edge). Each
 * consumer takes a ticket (from `progress`) just before a task_done() it calls.
 *
 * join() really waits: the consumer with the last ticket, whose task_done() ends join()'s
 * wait, calls it only once join() holds the queue's lock, so its task_done() locks only
 * after join() has gone to sleep and its broadcast is what wakes it. (Without that, a
 * producer delayed between put() and join() finds the count already zero; in the process
 * forms Helgrind's cond-per-process false alarm needs the wakeup.)
 *
 * With task_done() before the work, the producer reads before the last stores: join()
 * returns once the last job is *taken*, and whether the producer's reads then come before
 * the last stores is a race of two wakeups (measured with three CPU hogs: a woken producer
 * waited up to 64 ms for a CPU, and a 50 ms work pause let it read every result in 2 of
 * 10 native runs). So a consumer whose ticket is one of the last CONSUMERS stores only
 * after the producer has read every slot. Those are the only late stores: the holder of
 * ticket JOB_COUNT - 1 waits for the read, which waits for ticket JOB_COUNT, so the last
 * tickets are held by different consumers and are each one's last job; every earlier
 * store is followed by its consumer's next task_done(), which join()'s lock orders before
 * the reads. So the late stores are unordered with the reads and come after them, every
 * run: natively the producer reads NOT_READY, and every detector sees the store race the
 * read. */
static inline void declare_done(shared_state *s, int *ticket)
{
    *ticket = rmw_add(&s->progress, JOB_DECLARED) / JOB_DECLARED + 1;
    if (*ticket == JOB_COUNT)
        rail_wait(&s->join_waits);
    jq_task_done(&s->queue);
}

static inline void consume(shared_state *s, done_style style)
{
    for (;;) {
        int job = jq_get(&s->queue);
        if (job == STOP)
            return;
        int ticket = 0;
        if (style == DONE_BEFORE_WORK)
            declare_done(s, &ticket);                           /* racelab: early_done */
        rl_pause_ms(WORK_MS);   /* the work; a pause orders nothing */
        if (style == DONE_BEFORE_WORK && ticket > JOB_COUNT - CONSUMERS)
            rail_wait(&s->results_read);   /* the last jobs' work outlasts the producer's reads */
        store_result(s, job, job_answer(job));
        if (style == DONE_AFTER_WORK)
            declare_done(s, &ticket);
        rmw_add(&s->progress, JOB_HANDLED);
    }
}

/* join() can never return once every job has been handled while fewer task_done() calls
 * than jobs were made: each consumer is then back in get() on an empty queue that only
 * the producer (in join()) would refill, and a consumer calls task_done() only for a job
 * it holds, so the unfinished count can no longer change. The proof reads only the
 * scaffolding counters, never the queue. */
static bool join_settled(void *arg)
{
    shared_state *s = arg;
    if (rail_passed(&s->join_returned))
        return true;
    int progress = rmw_read(&s->progress);
    return rail_passed(&s->join_waits) && progress % JOB_DECLARED == JOB_COUNT &&
           progress / JOB_DECLARED < JOB_COUNT;
}

/* The producer's progress watchdog, a thread beside the producer's join() (of the
 * producer's process, in the process form): it ends when join() returns, or proves that
 * join() never will and ends the program with the bug line. */
static void *join_prover(void *arg)
{
    shared_state *s = arg;
    rl_poll_until(join_settled, s);
    if (rail_passed(&s->join_returned))
        return NULL;
    int declared = rmw_read(&s->progress) / JOB_DECLARED;
    rl_hang_proven("queue.join() never returns: all %d jobs were taken and their results "
                   "stored, but task_done() was called %d times, so the unfinished count stays "
                   "%d; every consumer is back in get() on an empty queue and holds no job to "
                   "call it for", JOB_COUNT, declared, JOB_COUNT - declared);
}

/* Puts the jobs, joins the queue, and reads every result (the part under test); a
 * join() that can never return is ended by join_prover with the bug line. */
static inline void produce_and_collect(shared_state *s, long seen[JOB_COUNT])
{
    for (int job = 0; job < JOB_COUNT; job++)
        jq_put(&s->queue, job);
    rl_watchdog(JOIN_BACKSTOP_S, "queue.join() never returned, and its proof did not complete");
    pthread_t prover;
    if (pthread_create(&prover, NULL, join_prover, s) != 0)
        rl_die("pthread_create");
    jq_join(&s->queue, &s->join_waits);                         /* racelab: join_returns */
    rail_pass(&s->join_returned);
    for (int job = 0; job < JOB_COUNT; job++)
        seen[job] = read_result(s, job);
    rail_pass(&s->results_read);
    for (int c = 0; c < CONSUMERS; c++)
        jq_put(&s->queue, STOP);
    pthread_join(prover, NULL);
}

static inline int queue_join_verdict(const long seen[JOB_COUNT])
{
    for (int job = 0; job < JOB_COUNT; job++)
        if (seen[job] != job_answer(job))
            return rl_result(false, "join() returned, but the result of job %d was %ld, not %ld "
                             "(%ld: its consumer had not stored it yet)", job, seen[job],
                             job_answer(job), NOT_READY);
    return rl_result(true, "join() returned after all %d results were stored", JOB_COUNT);
}

#endif
