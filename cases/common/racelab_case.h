/* Helpers shared by every case program: one place for the start gate, the
 * size knob, the watchdog and the one-line invariant verdict the harness reads.
 *
 * The harness reads exactly one line from a program's stdout:
 *     racelab-result: ok
 *     racelab-result: bug: <what went wrong, with the numbers>
 * A native expectation of `manifest` needs the `bug` line, `correct` needs `ok`.
 */
#ifndef RACELAB_CASE_H
#define RACELAB_CASE_H

#include <stdbool.h>
#include <stddef.h>

/* The size knob. The harness sets RACELAB_SIZE=full for native runs (the bug must
 * manifest) and RACELAB_SIZE=small under detectors (happens-before detection needs
 * only a few unordered accesses, and Valgrind is slow). A number overrides both. */
long rl_size(long full, long small);

/* A start gate: every participant blocks until all have arrived, so the racy
 * sections really overlap instead of one thread finishing before the other starts.
 * It blocks (no spinning), which keeps Valgrind's serialised scheduler fair. */
typedef struct rl_gate rl_gate;
rl_gate *rl_gate_new(unsigned participants);          /* threads of one process */
rl_gate *rl_gate_new_shared(unsigned participants);   /* processes: lives in a MAP_SHARED page */
void rl_gate_wait(rl_gate *gate);

/* Give the CPU away between a load and its store, to make a lost update certain
 * (natively a sched_yield; under Valgrind a 1 ms sleep, see racelab_case.c). */
void rl_yield(void);

/* RACELAB_TIME_SCALE, at least 1: the harness exports its --timeout-scale times the
 * tool's slowdown, so pauses and watchdogs stretch with the tool instead of racing it. */
double rl_time_scale(void);
/* Sleeps `ms` milliseconds times rl_time_scale(). A pause orders nothing: detectors still
 * see the accesses on either side of it as unordered. */
void rl_pause_ms(double ms);

/* A time budget for a loop whose duration depends on the scheduler (yields and lock
 * hand-offs wait for a CPU: with other processes busy, a fixed number of rounds can take
 * many times its deadline). rl_budget_end(ms) is when a budget of `ms` times
 * rl_time_scale() from now ends; rl_budget_spent(end) whether it has. */
double rl_budget_end(double ms);
bool rl_budget_spent(double end);

/* Anonymous MAP_SHARED memory, zero-filled, inherited across fork(). Exits on failure. */
void *rl_shared_alloc(size_t bytes);

/* Prints the verdict line (and flushes). Returns 0 so `return rl_result(...)` ends main. */
int rl_result(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* If the process is still running after `seconds` (times RACELAB_TIME_SCALE), print
 * "racelab-result: bug: <what> (still waiting after N s)" and _exit(0): a hang becomes
 * an invariant violation instead of a harness deadline. */
void rl_watchdog(double seconds, const char *what);

/* A hang proven by the program's own progress watchdog, instead of a wall-clock deadline.
 * A designed hang (a deadlock, a lost wakeup, a join that can never return) is certain once
 * every party that could end the wait has finished or is blocked for good; waiting seconds
 * more proves nothing and costs most of a Valgrind run. rl_poll_until() checks `proven`
 * every millisecond (a pause orders nothing: give it only relaxed atomics, trylocks and
 * waitpid results to look at, never the state a detector should judge) and returns once it
 * is true; rl_hang_proven() then prints "racelab-result: bug: <what>" and _exit(0)s. Keep
 * an rl_watchdog() as the backstop for a proof that never completes. */
void rl_poll_until(bool (*proven)(void *arg), void *arg);
void rl_hang_proven(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Waits for the child `pid` (the join() of a process form); a child that did not exit
 * with status 0 is a set-up failure: "<who> <pid> did not exit cleanly", exit status 2. */
void rl_reap(int pid, const char *who);

/* Exits with status 2 and a message on stderr: a set-up failure, not a verdict. */
void rl_die(const char *what) __attribute__((noreturn));

#endif
