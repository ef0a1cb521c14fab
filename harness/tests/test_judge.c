/* The matcher: what a run showed against what the case expects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "case.h"
#include "expect.h"
#include "markers.h"
#include "matrix.h"
#include "judge.h"
#include "xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rl_marker markers[] = {
    {"inc", "prog.c", 12},
    {"dec", "prog.c", 20},
    {"spread", "prog.c", 30},
    {"spread", "prog.c", 31},
};
static rl_case the_case = {.name = "c", .markers = markers, .n_markers = 4};
static rl_tool detector = {.name = "tsan", .parser = "tsan", .report_exit_status = 66,
                           .parse = rl_parse_tsan_file};
static rl_program the_program = {.name = "prog"};
static rl_tool native = {.name = "native", .parser = "none", .report_exit_status = -1};

typedef struct fixture {
    rl_expectation expect;
    rl_run run;
} fixture;

static int setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    f->run.end.kind = RL_END_EXITED;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rl_expectation_free(&f->expect);
    rl_run_free(&f->run);
    free(f);
    return 0;
}

static void expect(fixture *f, const char *value)
{
    char *error = NULL;
    assert_int_equal(rl_expectation_parse(value, &f->expect, &error), 0);
    assert_null(error);
}

static void report(fixture *f, const char *kind, int line1, int line2)
{
    rl_kind k = RL_KIND_OTHER;
    assert_true(rl_kind_parse(kind, &k));
    rl_report *r = rl_report_add(&f->run.reports, k, "heading", NULL);
    rl_report_add_location(r, "/src/cases/c/prog.c", line1, "f", "write");
    if (line2 > 0)
        rl_report_add_location(r, "/src/cases/c/prog.c", line2, "g", "previous write");
}

static void judge(fixture *f, const rl_tool *tool)
{
    rl_judge_run(&the_case, &the_program, tool, &f->expect, &f->run);
}

static void assert_reason_contains(const fixture *f, const char *part)
{
    assert_non_null(f->run.reason);
    if (strstr(f->run.reason, part) == NULL)
        fail_msg("reason \"%s\" does not contain \"%s\"", f->run.reason, part);
}

static void race_at_both_markers_passes(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc dec");
    report(f, "data-race", 20, 12);
    f->run.end.status = 66;
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_true(f->run.detected);
}

static void race_at_one_marker_is_missed(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc dec");
    report(f, "data-race", 12, 99);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_false(f->run.detected);
    assert_reason_contains(f, "missed data-race at inc (prog.c:12) + dec (prog.c:20); "
                              "reported: data-race at prog.c:12, prog.c:99");
}

/* The judge records, per expected report, the failed runs that did not show it (what
 * results.sarif reports as a missed detection): a run that showed it is no miss, nor is a
 * run that could not judge anything (an error). */
static void missed_runs_are_recorded(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc dec");
    rl_run runs[4] = {{.end = {.kind = RL_END_EXITED}},
                      {.end = {.kind = RL_END_EXITED, .status = 66}},
                      {.end = {.kind = RL_END_EXITED}},
                      {.parse_status = RL_PARSE_MALFORMED}};
    int lines[][2] = {{12, 99}, {20, 12}, {12, 99}};
    for (size_t i = 0; i < 3; i++) {
        rl_report *r = rl_report_add(&runs[i].reports, RL_KIND_DATA_RACE, "heading", NULL);
        rl_report_add_location(r, "/src/cases/c/prog.c", lines[i][0], "f", "write");
        rl_report_add_location(r, "/src/cases/c/prog.c", lines[i][1], "g", "previous write");
    }
    for (size_t i = 0; i < 4; i++)
        rl_judge_run(&the_case, &the_program, &detector, &f->expect, &runs[i]);
    assert_string_equal(rl_verdict_name(runs[0].verdict), "fail");
    assert_string_equal(rl_verdict_name(runs[1].verdict), "pass");
    assert_string_equal(rl_verdict_name(runs[3].verdict), "error");
    size_t *missed = rl_judge_missed(&the_case, &f->expect, runs, 4);
    assert_non_null(missed);
    assert_int_equal(missed[0], 2);
    free(missed);
    rl_expectation clean = {.type = RL_EXPECT_CLEAN};
    assert_null(rl_judge_missed(&the_case, &clean, runs, 4));
    for (size_t i = 0; i < 4; i++)
        rl_run_free(&runs[i]);
}

static void wrong_kind_fails(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc");
    report(f, "lock-order-inversion", 12, 0);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "reported: lock-order-inversion at prog.c:12");
}

static void extra_report_is_unexpected(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc");
    report(f, "data-race", 12, 0);
    report(f, "data-race", 40, 41);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "unexpected report: data-race at prog.c:40, prog.c:41");
}

static void marker_on_several_lines_matches_any(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at spread");
    report(f, "data-race", 31, 0);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
}

static void clean_with_report_is_false_alarm(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    report(f, "data-race", 12, 20);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "false alarm: data-race at prog.c:12, prog.c:20");
}

static void clean_without_report_passes(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_false(f->run.detected);
}

static void blind_spot_seen_is_xpass(void **state)
{
    fixture *f = *state;
    expect(f, "blind: separate processes");
    report(f, "data-race", 12, 20);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "xpass");
    assert_reason_contains(f, "expected blind (separate processes)");
}

static void known_false_alarm_must_appear(void **state)
{
    fixture *f = *state;
    expect(f, "false-alarm data-race at inc: release store looks plain to Valgrind");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "known false alarm did not appear: data-race at inc");
}

static void crash_is_a_fail_with_signal_name(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc");
    f->run.end = (rl_end){.kind = RL_END_SIGNALED, .status = 11};
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "killed by signal 11 (Segmentation fault)");
}

static void unexpected_exit_status_fails(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    f->run.end.status = 2;
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "exited with status 2");
}

static void tool_start_failure_is_error(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc");
    f->run.parse_status = RL_PARSE_TOOL_FAILED;
    f->run.parse_error = xstrdup("FATAL: ThreadSanitizer: unexpected memory mapping");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "error");
    assert_reason_contains(f, "unexpected memory mapping");
}

static void hang_where_none_expected_fails(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    f->run.end = (rl_end){.kind = RL_END_TIMEOUT, .wall_s = 30};
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "hang: still running at the deadline (30.0 s)");
}

static void native_manifest(void **state)
{
    fixture *f = *state;
    expect(f, "manifest");
    f->run.result = xstrdup("bug: lost 12 updates");
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_true(f->run.detected);
    free(f->run.result);
    f->run.result = xstrdup("ok");
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "the bug did not manifest: the program said 'ok'");
}

static void native_correct_and_missing_line(void **state)
{
    fixture *f = *state;
    expect(f, "correct");
    f->run.result = xstrdup("bug: final count 3");
    judge(f, &native);
    assert_reason_contains(f, "the invariant check failed: 'bug: final count 3'");
    free(f->run.result);
    f->run.result = NULL;
    judge(f, &native);
    assert_reason_contains(f, "no 'racelab-result: ok|bug' line on stdout");
}

static void native_hang_expected(void **state)
{
    fixture *f = *state;
    expect(f, "hang");
    f->run.end = (rl_end){.kind = RL_END_TIMEOUT};
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_true(f->run.detected);
    f->run.end = (rl_end){.kind = RL_END_EXITED};
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "expected a hang, but it ended");
}

static void anywhere_matches_kind_without_lines(void **state)
{
    fixture *f = *state;
    expect(f, "detect lock-held-at-exit anywhere: Helgrind names only libc frames");
    rl_report_add(&f->run.reports, RL_KIND_LOCK_HELD_AT_EXIT, "Misc", "Exiting thread still holds");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_string_equal(f->expect.reports[0].reason, "Helgrind names only libc frames");
}

static void hang_of_a_deadlocking_program_is_accepted(void **state)
{
    fixture *f = *state;
    expect(f, "detect data-race at inc");
    report(f, "data-race", 12, 0);
    f->run.end = (rl_end){.kind = RL_END_TIMEOUT};
    the_program.hangs = true;
    judge(f, &detector);
    the_program.hangs = false;
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
}

/* results.sarif of a one-cell matrix holding the judged run: the flag's known false alarms
 * (publish.h:49 and 57) are `note`s, the message race (38 and 68) is a `warning`. */
static void check_sarif_levels(const rl_case *c, const rl_program *p, const rl_tool *tool,
                               const rl_expectation *e, rl_run *run)
{
    /* the captures were made in another checkout: move their case files to this one */
    for (size_t r = 0; r < run->reports.n; r++)
        for (size_t k = 0; k < run->reports.items[r].n_locations; k++) {
            rl_location *loc = &run->reports.items[r].locations[k];
            if (strstr(loc->file, "/cases/atomic_publish/") == NULL)
                continue;
            char *here = xasprintf("%s/cases/atomic_publish/%s", RACELAB_SOURCE_DIR,
                                   strrchr(loc->file, '/') + 1);
            free(loc->file);
            loc->file = here;
        }
    char dir[] = "/tmp/racelab-test-judge-XXXXXX";
    assert_non_null(mkdtemp(dir));
    rl_options opt = {.cases_dir = RACELAB_SOURCE_DIR "/cases", .repeat = 1};
    rl_cell cell = {.c = c, .program = p, .tool = tool, .expect = e, .runs = run, .n_runs = 1,
                    .runs_done = 1};
    const rl_tool *tools[] = {tool};
    char *versions[] = {NULL};
    rl_matrix m = {.opt = &opt, .tools = tools, .n_tools = 1, .tool_versions = versions,
                   .cells = &cell, .n_cells = 1};
    char *path = xasprintf("%s/results.sarif", dir), *error = NULL;
    assert_int_equal(rl_write_sarif(&m, path, &error), 0);
    json_t *doc = json_load_file(path, 0, NULL);
    assert_non_null(doc);
    size_t i, warnings = 0;
    json_t *result;
    json_array_foreach(json_object_get(json_array_get(json_object_get(doc, "runs"), 0),
                                       "results"), i, result) {
        json_t *where = json_array_get(json_object_get(result, "locations"), 0);
        where = json_object_get(json_object_get(where, "physicalLocation"), "region");
        json_int_t line = json_integer_value(json_object_get(where, "startLine"));
        const char *level = json_string_value(json_object_get(result, "level"));
        bool flag = line == 49 || line == 57;
        assert_string_equal(level, flag ? "note" : "warning");
        warnings += !flag;
    }
    assert_true(warnings > 0);
    json_decref(doc);
    unlink(path);
    rmdir(dir);
    free(path);
}

/* Issue 8's regression: in atomic_publish/threads_unsafe_relaxed the race at payload_read
 * is real, though the same tools' false alarms on the flag are data races too. The judge
 * must say the real expectation explains it (so SARIF says `warning`, not `note`). Real
 * Helgrind and DRD captures, judged against the real case.ini. */
static void judge_atomic_publish(const char *capture, const char *tool_name)
{
    rl_case c;
    char *error = NULL;
    assert_int_equal(rl_case_load(RACELAB_SOURCE_DIR "/cases/atomic_publish", &c, &error), 0);
    const rl_program *p = &c.programs[0];
    assert_string_equal(p->name, "threads_unsafe_relaxed");
    const rl_expectation *e = rl_program_expectation(p, tool_name);
    assert_non_null(e);
    rl_tool tool = {.name = (char *)tool_name, .parser = "valgrind-xml",
                    .parse = rl_parse_valgrind_xml_file, .report_exit_status = -1};
    rl_run run = {.end = {.kind = RL_END_EXITED}};
    assert_int_equal(rl_parse_valgrind_xml_file(capture, &run.reports, &error), RL_PARSE_OK);
    rl_judge_run(&c, p, &tool, e, &run);
    assert_string_equal(rl_verdict_name(run.verdict), "pass");
    size_t real = 0, on_payload_read = 0;
    for (size_t i = 0; i < run.reports.n; i++) {
        const rl_expected_report *x = rl_explaining(e, &run, i);
        assert_non_null(x);
        const rl_report *r = &run.reports.items[i];
        bool at_read = false;
        for (size_t k = 0; k < r->n_locations; k++)
            at_read |= rl_marker_at(c.markers, c.n_markers, "payload_read", r->locations[k].file,
                                    r->locations[k].line);
        if (at_read && !x->false_alarm)
            real++;
        on_payload_read += at_read;
    }
    assert_true(on_payload_read > 0);
    assert_int_equal(real, on_payload_read);
    check_sarif_levels(&c, p, &tool, e, &run);
    rl_run_free(&run);
    rl_case_free(&c);
}

static void atomic_publish_race_is_real_under_helgrind(void **state)
{
    (void)state;
    judge_atomic_publish(RACELAB_FIXTURES "/helgrind/atomic_publish.threads_unsafe_relaxed.xml",
                         "helgrind");
}

static void atomic_publish_race_is_real_under_drd(void **state)
{
    (void)state;
    judge_atomic_publish(RACELAB_FIXTURES "/drd/atomic_publish.threads_unsafe_relaxed.xml",
                         "drd");
}

/* TSan's exitcode with nothing parsed: the report went missing (exit(66) by the program,
 * a log that was never written), never a clean pass. */
static void report_status_without_reports_fails(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    f->run.end.status = 66;
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "exited with status 66");
    assert_reason_contains(f, "no report was found");
}

/* A crash is not a blind spot that got better, nor a false alarm to shrug at. */
static void crash_under_blind_fails(void **state)
{
    fixture *f = *state;
    expect(f, "blind: the tool cannot see it");
    report(f, "crash", 12, 0);
    f->run.end.status = 66;
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "crashed under the tool: crash at prog.c:12");
}

static void crash_listed_by_the_case_passes(void **state)
{
    fixture *f = *state;
    expect(f, "detect crash at inc");
    report(f, "crash", 12, 0);
    f->run.end.status = 66;
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
}

/* A cut report from a run that exited on its own: the log cannot be trusted. */
static void cut_report_of_a_normal_exit_is_error(void **state)
{
    fixture *f = *state;
    expect(f, "clean");
    f->run.parse_status = RL_PARSE_PARTIAL;
    f->run.parse_error = xstrdup("ends inside a report");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "error");
    assert_reason_contains(f, "cut off");
}

/* `native = exit N`: the program prints no verdict line; how it ends is the verdict. */
static void native_exit_status(void **state)
{
    fixture *f = *state;
    expect(f, "exit 0");
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_false(f->run.detected);
    f->run.end.status = 3;
    judge(f, &native);
    assert_reason_contains(f, "expected exit status 0, but it exited with status 3");
    f->run.end = (rl_end){.kind = RL_END_SIGNALED, .status = 6};
    judge(f, &native);
    assert_reason_contains(f, "expected exit status 0, but it killed by SIGABRT");
}

static void native_signal(void **state)
{
    fixture *f = *state;
    expect(f, "signal SIGABRT");
    f->run.end = (rl_end){.kind = RL_END_SIGNALED, .status = 6};
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    f->run.end = (rl_end){.kind = RL_END_EXITED, .status = 0};
    judge(f, &native);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "expected to be killed by SIGABRT, but it exited with status 0");
}

static void endings_are_checked_when_read(void **state)
{
    (void)state;
    const char *bad[] = {"exit 256", "exit -1", "exit", "signal SIGNOTHING", "signal 0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rl_expectation e = {0};
        char *error = NULL;
        assert_int_equal(rl_expectation_parse(bad[i], &e, &error), -1);
        assert_non_null(error);
        free(error);
        rl_expectation_free(&e);
    }
}

/* `may`: explains a report when it comes, is never missed when it does not. */
static void may_report_is_counted_never_required(void **state)
{
    fixture *f = *state;
    expect(f, "may data-race at dec");
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_false(f->run.detected);
    report(f, "data-race", 20, 0);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    assert_true(f->run.detected); /* its rate is the k of k/N */
    report(f, "data-race", 12, 0);
    judge(f, &detector);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "unexpected report: data-race at prog.c:12");
}

/* `ending = signal SIGABRT`: the runs of a tool that runs the program must end so, and
 * their reports are still judged; a source reader is not concerned. */
static void announced_ending_of_detector_runs(void **state)
{
    fixture *f = *state;
    static rl_tool runner = {.name = "helgrind", .build = "plain", .parser = "valgrind-xml",
                             .report_exit_status = -1, .parse = rl_parse_valgrind_xml_file};
    rl_program aborting = {.name = "prog", .ending = {RL_EXPECT_SIGNAL, 6, 3}};
    expect(f, "detect data-race at inc");
    report(f, "data-race", 12, 0);
    f->run.end = (rl_end){.kind = RL_END_SIGNALED, .status = 6};
    rl_judge_run(&the_case, &aborting, &runner, &f->expect, &f->run);
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
    f->run.end = (rl_end){.kind = RL_END_EXITED, .status = 0};
    rl_judge_run(&the_case, &aborting, &runner, &f->expect, &f->run);
    assert_string_equal(rl_verdict_name(f->run.verdict), "fail");
    assert_reason_contains(f, "expected the ending SIGABRT");
    rl_judge_run(&the_case, &aborting, &detector, &f->expect, &f->run); /* reads sources */
    assert_string_equal(rl_verdict_name(f->run.verdict), "pass");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(race_at_both_markers_passes),   T(missed_runs_are_recorded), T(race_at_one_marker_is_missed),
        T(wrong_kind_fails),              T(extra_report_is_unexpected),
        T(marker_on_several_lines_matches_any), T(clean_with_report_is_false_alarm),
        T(clean_without_report_passes),   T(blind_spot_seen_is_xpass),
        T(known_false_alarm_must_appear), T(crash_is_a_fail_with_signal_name),
        T(unexpected_exit_status_fails),  T(tool_start_failure_is_error),
        T(hang_where_none_expected_fails), T(native_manifest),
        T(native_correct_and_missing_line), T(native_hang_expected),
        T(anywhere_matches_kind_without_lines),
        cmocka_unit_test(atomic_publish_race_is_real_under_helgrind),
        cmocka_unit_test(atomic_publish_race_is_real_under_drd), T(hang_of_a_deadlocking_program_is_accepted),
        T(report_status_without_reports_fails), T(crash_under_blind_fails),
        T(crash_listed_by_the_case_passes), T(cut_report_of_a_normal_exit_is_error),
        T(native_exit_status), T(native_signal), cmocka_unit_test(endings_are_checked_when_read),
        T(may_report_is_counted_never_required), T(announced_ending_of_detector_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
