/* The job runner: every way a child can end is told apart, the deadline kills the whole
 * run, nothing is left running afterwards (also a grandchild that left with setsid()),
 * and output is read through a cap. Run twice by CTest: with cgroups where the machine
 * has them, and with RACELAB_NO_CGROUP=1 (process groups and environment tags). */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fsutil.h"
#include "jobs.h"
#include "xalloc.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *scratch;

static int make_scratch(void **state)
{
    (void)state;
    char template[] = "/tmp/racelab-test-jobs-XXXXXX";
    assert_non_null(mkdtemp(template));
    scratch = xstrdup(template);
    rl_spawn_init();
    return 0;
}

static int remove_scratch(void **state)
{
    (void)state;
    rl_remove_tree(scratch);
    free(scratch);
    return 0;
}

static rl_end run_sh(const char *script, double timeout_s)
{
    char *out = xasprintf("%s/out", scratch);
    char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    rl_end end = rl_run_one(argv, out, timeout_s);
    free(out);
    return end;
}

static void exit_status_is_kept(void **state)
{
    (void)state;
    rl_end end = run_sh("exit 3", 10);
    assert_int_equal(end.kind, RL_END_EXITED);
    assert_int_equal(end.status, 3);
}

static void signal_is_told_apart(void **state)
{
    (void)state;
    rl_end end = run_sh("kill -SEGV $$", 10);
    assert_int_equal(end.kind, RL_END_SIGNALED);
    assert_int_equal(end.status, SIGSEGV);
}

static void missing_program_cannot_start(void **state)
{
    (void)state;
    char *argv[] = {"racelab-no-such-program", NULL};
    rl_end end = rl_run_one(argv, "/dev/null", 10);
    assert_int_equal(end.kind, RL_END_SPAWN_FAILED);
    assert_non_null(strstr(end.error, "cannot start racelab-no-such-program"));
}

static bool gone_or_zombie(pid_t pid)
{
    char *path = xasprintf("/proc/%d/stat", (int)pid);
    char *stat = rl_read_file(path, NULL);
    free(path);
    /* "pid (comm) S ..." — the state follows the last ')' */
    const char *paren = stat ? strrchr(stat, ')') : NULL;
    bool gone = stat == NULL || (paren && paren[2] == 'Z');
    free(stat);
    return gone;
}

static void deadline_kills_the_whole_group(void **state)
{
    (void)state;
    char *pidfile = xasprintf("%s/grandchild", scratch);
    char *script = xasprintf("sleep 300 & echo $! > %s; wait", pidfile);
    rl_end end = run_sh(script, 0.5);
    assert_int_equal(end.kind, RL_END_TIMEOUT);
    assert_true(end.wall_s >= 0.5);
    char *text = rl_read_file(pidfile, NULL);
    assert_non_null(text);
    pid_t grandchild = (pid_t)atoi(text);
    assert_true(grandchild > 0);
    bool gone = false;
    for (int i = 0; i < 500 && !gone; i++, usleep(10000))
        gone = gone_or_zombie(grandchild);
    assert_true(gone);
    free(text);
    free(script);
    free(pidfile);
}

static void leftovers_die_with_their_leader(void **state)
{
    (void)state;
    char *pidfile = xasprintf("%s/orphan", scratch);
    char *script = xasprintf("sleep 300 & echo $! > %s; exit 0", pidfile);
    rl_end end = run_sh(script, 30);
    assert_int_equal(end.kind, RL_END_EXITED);
    assert_true(end.wall_s < 30);
    char *text = rl_read_file(pidfile, NULL);
    assert_non_null(text);
    bool gone = false;
    for (int i = 0; i < 500 && !gone; i++, usleep(10000))
        gone = gone_or_zombie((pid_t)atoi(text));
    assert_true(gone);
    free(text);
    free(script);
    free(pidfile);
}

typedef struct {
    int ended;
    rl_end_kind kind;
} outcome;

static void record_end(rl_job *job, const rl_end *end, void *ctx)
{
    (void)job;
    outcome *o = ctx;
    o->ended++;
    o->kind = end->kind;
}

static void every_job_ends_once_in_parallel(void **state)
{
    (void)state;
    outcome results[4] = {0};
    char *argv_ok[] = {"/bin/true", NULL};
    char *argv_slow[] = {"/bin/sleep", "5", NULL};
    rl_job jobs[4];
    rl_job *ptrs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (rl_job){.argv = i == 2 ? argv_slow : argv_ok, .stdout_path = "/dev/null",
                           .stderr_path = "/dev/null", .timeout_s = i == 2 ? 0.3 : 10,
                           .done = record_end, .ctx = &results[i]};
        ptrs[i] = &jobs[i];
    }
    assert_int_equal(rl_run_jobs(ptrs, 4, 2), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(results[i].ended, 1);
        assert_int_equal(results[i].kind, i == 2 ? RL_END_TIMEOUT : RL_END_EXITED);
    }
}

/* Waits (at most 5 s) until the pid written in `pidfile` is gone. */
static bool pid_in_file_dies(const char *pidfile)
{
    char *text = rl_read_file(pidfile, NULL);
    assert_non_null(text);
    pid_t pid = (pid_t)atoi(text);
    free(text);
    assert_true(pid > 0);
    bool gone = false;
    for (int i = 0; i < 500 && !gone; i++, usleep(10000))
        gone = gone_or_zombie(pid);
    return gone;
}

/* A grandchild that starts a session of its own is out of the process group: the cgroup
 * (or, without one, its environment tag) still reaches it. */
static void setsid_escaper_dies_with_its_run(void **state)
{
    (void)state;
    char *pidfile = xasprintf("%s/escaper", scratch);
    char *script = xasprintf("setsid sh -c 'echo $$ > %s.tmp; mv %s.tmp %s; exec sleep 300' & "
                             "while [ ! -s %s ]; do sleep 0.01; done; exit 0",
                             pidfile, pidfile, pidfile, pidfile);
    rl_end end = run_sh(script, 30);
    assert_int_equal(end.kind, RL_END_EXITED);
    assert_true(pid_in_file_dies(pidfile));
    free(script);
    free(pidfile);
}

/* 100 MB on stdout: the harness keeps a head and a tail (about 2 MiB), says how much it
 * dropped, and the last line is still there. */
static void flood_is_read_through_a_cap(void **state)
{
    (void)state;
    rl_end end = run_sh("head -c 100000000 /dev/zero; echo; echo 'racelab-result: ok'", 60);
    assert_int_equal(end.kind, RL_END_EXITED);
    assert_string_equal(end.error, "");
    char *out = xasprintf("%s/out", scratch);
    size_t len = 0;
    char *text = rl_read_file(out, &len);
    assert_non_null(text);
    assert_true(len < (5u << 20));
    assert_non_null(memmem(text, len, "bytes dropped here]", 19));
    assert_non_null(memmem(text, len, "\nracelab-result: ok\n", 20));
    free(text);
    free(out);
}

/* The containment in use is told (and is the fallback when cgroups are turned off). */
static void containment_is_told(void **state)
{
    (void)state;
    const char *how = rl_spawn_containment();
    print_message("containment: %s\n", how);
    if (getenv("RACELAB_NO_CGROUP"))
        assert_non_null(strstr(how, "environment tags (no cgroup: RACELAB_NO_CGROUP is set)"));
    else
        assert_true(strncmp(how, "cgroup v2 (", 11) == 0 || strstr(how, "no cgroup: ") != NULL);
}

#define T(f) cmocka_unit_test(f)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(exit_status_is_kept),
        T(signal_is_told_apart),
        T(missing_program_cannot_start),
        T(deadline_kills_the_whole_group),
        T(leftovers_die_with_their_leader),
        T(every_job_ends_once_in_parallel),
        T(setsid_escaper_dies_with_its_run),
        T(flood_is_read_through_a_cap),
        T(containment_is_told),
    };
    return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
