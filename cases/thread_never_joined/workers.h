/* The driver shared by every thread_never_joined program: main starts short-lived
 * workers one after the other; each computes a little, says it is done and returns.
 * A variant file decides only what happens to a worker's thread afterwards (join it,
 * detach it, or forget it) and includes this file after defining the two hooks.
 *
 * The invariant: a thread that has returned but was neither joined nor detached is a
 * zombie. The kernel thread is gone, but glibc must keep its stack and descriptor until
 * somebody joins it (the return value lives there), so each forgotten worker leaks its
 * whole stack. The program measures its address space before and after the workers. */
#ifndef RACELAB_WORKERS_H
#define RACELAB_WORKERS_H

#include "racelab_case.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/* Supplied by the variant (defined before this file is included). */
static void after_create(pthread_t worker);   /* right after pthread_create */
static void after_done(pthread_t worker);     /* once the worker has returned */

/* Full size makes the leak plain (64 stacks of 8 MiB each); a detector needs only one. */
#define WORKERS_FULL 64
#define WORKERS_SMALL 2

struct worker {
    sem_t done;
    pid_t tid;          /* the kernel thread, to wait until it is really gone */
    long answer;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    w->tid = (pid_t)syscall(SYS_gettid);
    long sum = 0;
    for (long i = 1; i <= 1000; i++)
        sum += i;
    w->answer = sum;
    sem_post(&w->done);
    return NULL;
}

/* The worker posted `done` just before returning; wait until its kernel thread has
 * exited too, so that every tool (and glibc) sees a finished thread, not a running one. */
static void wait_until_exited(pid_t tid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d", (int)tid);
    while (access(path, F_OK) == 0)
        rl_yield();
}

/* The process's virtual size in KiB, from /proc/self/status (VmSize). */
static long address_space_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        rl_die("fopen /proc/self/status");
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmSize: %ld kB", &kib) == 1)
            break;
    fclose(f);
    if (kib < 0)
        rl_die("no VmSize in /proc/self/status");
    return kib;
}

static long default_stack_kib(void)
{
    pthread_attr_t attr;
    size_t bytes = 0;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_getstacksize(&attr, &bytes) != 0)
        rl_die("pthread_attr_getstacksize");
    pthread_attr_destroy(&attr);
    return (long)(bytes / 1024);
}

/* Each worker gets its own slot, never reused: a slot on main's stack, reused by the next
 * worker, would make Helgrind report the previous worker's last access inside sem_post()
 * (which Helgrind orders before the wake-up it causes) against the next memset. */
static struct worker worker_slots[WORKERS_FULL];

static void run_one_worker(struct worker *w)
{
    if (sem_init(&w->done, 0, 0) != 0)
        rl_die("sem_init");
    pthread_t thread;
    if (pthread_create(&thread, NULL, worker_main, w) != 0) /* racelab: worker_create */
        rl_die("pthread_create");
    after_create(thread);
    sem_wait(&w->done);
    wait_until_exited(w->tid);
    if (w->answer != 500500)
        rl_die("a worker computed a wrong sum");
    after_done(thread);
}

static int workers_run(void)
{
    long workers = rl_size(WORKERS_FULL, WORKERS_SMALL);
    if (workers > WORKERS_FULL)
        workers = WORKERS_FULL;
    if (workers < 2)
        workers = 2;   /* the warm-up worker is not measured */
    run_one_worker(&worker_slots[0]);   /* warm-up: the first thread's stack, glibc's caches */
    long before = address_space_kib();
    for (long i = 1; i < workers; i++)
        run_one_worker(&worker_slots[i]);
    long grown = address_space_kib() - before;
    long stack = default_stack_kib();
    /* Reused stacks keep the size flat; every leaked worker adds one stack. */
    if (grown >= (workers - 1) * stack)
        return rl_result(false, "%ld finished workers were never joined: the address space "
                         "grew by %ld MiB, one %ld MiB stack per worker is still held",
                         workers - 1, grown / 1024, stack / 1024);
    return rl_result(true, "%ld workers ran one after the other; the address space grew by "
                     "%ld KiB: stacks are reused", workers, grown);
}

#endif
