/* The driver shared by every fork_global program. The tutorial's child appends to a
 * global list (the squares of 1..5) and sets a global `data = 222`; the parent starts it,
 * waits for it and then prints both, expecting to see the child's work.
 *
 * A variant file says where the results live and how the parent gets them back: the
 * unsafe program keeps them in an ordinary global (private to each process after fork),
 * the safe ones in a MAP_SHARED page or a pipe, and the contrast uses a thread. */
#ifndef RACELAB_FORK_GLOBAL_H
#define RACELAB_FORK_GLOBAL_H

#include "racelab_case.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA_BEFORE 666   /* what the parent set before starting the child */
#define DATA_AFTER 222    /* what the child sets */
#define SQUARES 5         /* the child appends 1, 4, 9, 16, 25 */

/* The "global list" and the "global data" of the tutorial, in one record. */
typedef struct results {
    int data;
    int len;
    long squares[SQUARES];
} results;

static inline void results_reset(results *r)
{
    r->data = DATA_BEFORE;
    r->len = 0;
}

/* The child's work: append the squares, then set data. */
static inline void results_fill(results *r)
{
    for (int i = 1; i <= SQUARES; i++)
        r->squares[r->len++] = (long)i * i;
    r->data = DATA_AFTER;                          /* racelab: child_sets_data */
}

static inline bool results_complete(const results *r)
{
    if (r->data != DATA_AFTER || r->len != SQUARES)
        return false;
    for (int i = 0; i < SQUARES; i++)
        if (r->squares[i] != (long)(i + 1) * (i + 1))
            return false;
    return true;
}

/* What the parent saw, after the child is over. */
static inline int results_verdict(const results *seen, const char *how)
{
    if (!results_complete(seen))
        return rl_result(false, "after waiting for the child the parent sees data = %d and a list "
                         "of %d squares (the child set data = %d and appended %d squares): %s",
                         seen->data, seen->len, DATA_AFTER, SQUARES, how);
    return rl_result(true, "the parent sees data = %d and %d squares %s", seen->data, seen->len, how);
}

/* fork() + run `body` in the child + _exit; stdout is flushed first so nothing
 * buffered is printed twice. */
static inline pid_t fork_child(void (*body)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    if (pid == 0) {
        body(arg);
        _exit(0);
    }
    return pid;
}

#endif
