/* The outputs of a matrix: results.json, junit.xml, the terminal table, results.sarif,
 * summary.md, the GitHub annotations and the HTML report. A small
 * matrix is built by hand (2 cases × 2 programs × 2 tools, every verdict), written to a
 * temporary folder and read back with jansson and libxml2. */
#define _GNU_SOURCE
#include "fsutil.h"
#include "judge.h"
#include "matrix.h"
#include "table.h"
#include "xalloc.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <limits.h>
#include <pty.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define N_RUNS 3
#define FAIL_REASON "1/3 runs: missed data-race <&\"'> at counter_inc\nsecond line"

typedef struct fixture {
    char *dir; /* realpath of the mkdtemp folder; cases_dir is <dir>/cases */
    char *cases_dir, *json_path, *junit_path;
    rl_options opt;
    rl_matrix m;
    rl_tool tools[2];
    const rl_tool *selected[2];
    char *versions[2];
    rl_case cases[2];
    rl_program programs[4];
    rl_marker markers[3];
    char *detect_markers[2];
    rl_expected_report detect_report;
    rl_expectation detect, clean, blind;
    rl_cell cells[8];
    rl_row rows[4]; /* program by program, a cell per tool */
    json_t *json;
    xmlDocPtr junit;
    xmlXPathContextPtr xpath;
} fixture;

/* ---- building the matrix -------------------------------------------------------- */

static rl_cell *cell_at(fixture *f, size_t i, size_t program, size_t tool,
                        const rl_expectation *e, rl_verdict v, const char *reason)
{
    rl_cell *cell = &f->cells[i];
    cell->c = &f->cases[program / 2];
    cell->program = &f->programs[program];
    cell->tool = &f->tools[tool];
    cell->expect = e;
    cell->verdict = v;
    cell->reason = xstrdup_or_null(reason);
    cell->n_runs = cell->runs_done = N_RUNS;
    cell->runs = xcalloc(N_RUNS, sizeof *cell->runs);
    for (size_t r = 0; r < N_RUNS; r++) {
        cell->runs[r].end.kind = RL_END_EXITED;
        cell->runs[r].end.wall_s = 0.5;
        cell->wall_s += 0.5;
    }
    return cell;
}

static void no_runs(rl_cell *cell)
{
    free(cell->runs);
    cell->runs = NULL;
    cell->n_runs = cell->runs_done = 0;
    cell->wall_s = 0;
}

static char *source(const fixture *f, const char *case_name, const char *file)
{
    return xasprintf("%s/%s/%s", f->cases_dir, case_name, file);
}

/* Records the judge's answer for the run's last report: expected report `report` (-1:
 * none), on its marker `marker`. */
static void explain_last(rl_run *run, int report, int marker)
{
    run->explained = xrealloc(run->explained, run->reports.n * sizeof *run->explained);
    run->explained[run->reports.n - 1] = (rl_explanation){report, marker};
}

/* The race of counter/threads_unsafe as a detector reports it: write at counter_inc
 * (line 20), previous read at counter_dec (line 31). */
static void add_counter_race(const fixture *f, rl_run *run, const char *message)
{
    rl_report *r = rl_report_add(&run->reports, RL_KIND_DATA_RACE, "data race", message);
    char *file = source(f, "counter", "threads_unsafe.c");
    rl_report_add_location(r, file, 20, "counter_inc", "write");
    rl_report_add_location(r, file, 31, "counter_dec", "previous read");
    free(file);
    explain_last(run, 0, 0);
    run->detected = true;
}

static void fill_counter(fixture *f)
{
    f->cases[0] = (rl_case){.name = "counter", .programs = &f->programs[0], .n_programs = 2,
                            .markers = f->markers, .n_markers = 3};
    f->programs[0] = (rl_program){.name = "threads_unsafe", .form = "thread", .variant = "unsafe"};
    f->programs[1] = (rl_program){.name = "threads_safe", .form = "thread", .variant = "safe"};
    /* counter_dec marks two lines: one access spread over lines */
    f->markers[0] = (rl_marker){"counter_inc", "threads_unsafe.c", 20};
    f->markers[1] = (rl_marker){"counter_dec", "threads_unsafe.c", 31};
    f->markers[2] = (rl_marker){"counter_dec", "threads_unsafe.c", 32};
    f->detect_markers[0] = "counter_inc";
    f->detect_markers[1] = "counter_dec";
    f->detect_report = (rl_expected_report){.kind = RL_KIND_DATA_RACE, .markers = f->detect_markers,
                                            .n_markers = 2};
    f->detect = (rl_expectation){.type = RL_EXPECT_DETECT, .reports = &f->detect_report,
                                 .n_reports = 1};
    f->clean = (rl_expectation){.type = RL_EXPECT_CLEAN};

    /* pass 3/3: the same report in every run, twice in the second run */
    rl_cell *cell = cell_at(f, 0, 0, 0, &f->detect, RL_VERDICT_PASS, NULL);
    for (size_t r = 0; r < N_RUNS; r++)
        add_counter_race(f, &cell->runs[r], "SUMMARY: data race threads_unsafe.c:20");
    add_counter_race(f, &cell->runs[1], "SUMMARY: data race threads_unsafe.c:20");
    cell->detected_runs = N_RUNS;

    /* fail 2/3: missed once (a timeout), and a report outside the repository */
    cell = cell_at(f, 1, 0, 1, &f->detect, RL_VERDICT_FAIL, FAIL_REASON);
    add_counter_race(f, &cell->runs[0], "Possible data race");
    add_counter_race(f, &cell->runs[1], "Possible data race");
    rl_report *r = rl_report_add(&cell->runs[1].reports, RL_KIND_OTHER, "Misc", NULL);
    rl_report_add_location(r, "/usr/include/x86_64-linux-gnu/bits/stdio.h", 5, NULL, NULL);
    explain_last(&cell->runs[1], -1, -1);
    cell->runs[2].end.kind = RL_END_TIMEOUT;
    cell->runs[2].verdict = RL_VERDICT_FAIL;
    cell->runs[2].reason = xstrdup("missed data-race <&\"'> at counter_inc\nsecond line");
    cell->detected_runs = 2;
    cell->missed_runs = xcalloc(1, sizeof *cell->missed_runs); /* what the judge records */
    cell->missed_runs[0] = 1;

    cell_at(f, 2, 1, 0, &f->clean, RL_VERDICT_PASS, NULL);
    no_runs(cell_at(f, 3, 1, 1, NULL, RL_VERDICT_SKIP, "valgrind not found on PATH"));
}

static void fill_lockorder(fixture *f)
{
    f->cases[1] = (rl_case){.name = "lockorder", .programs = &f->programs[2], .n_programs = 2};
    f->programs[2] = (rl_program){.name = "abba_unsafe", .form = "process", .variant = "unsafe"};
    f->programs[3] = (rl_program){.name = "abba_safe", .form = "process", .variant = "safe"};
    f->blind = (rl_expectation){.type = RL_EXPECT_BLIND, .reason = "shared memory is not watched"};

    /* xpass: a blind spot seen once, with a message that is not UTF-8 */
    rl_cell *cell = cell_at(f, 4, 2, 0, &f->blind, RL_VERDICT_XPASS,
                            "1/3 runs: blind spot detected: lock-order-inversion");
    rl_report *r = rl_report_add(&cell->runs[0].reports, RL_KIND_LOCK_ORDER_INVERSION,
                                 "lock-order-inversion (potential deadlock)", "bad \xff byte");
    char *file = source(f, "lockorder", "abba_unsafe.c");
    rl_report_add_location(r, file, 12, "take_ab", "lock");
    free(file);
    explain_last(&cell->runs[0], -1, -1);
    cell->runs[0].detected = true;
    cell->runs[0].verdict = RL_VERDICT_XPASS;
    cell->runs[0].reason = xstrdup("blind spot detected");
    cell->detected_runs = 1;

    /* error: the tool could not start; its stderr had a terminal escape */
    cell = cell_at(f, 5, 2, 1, &f->clean, RL_VERDICT_ERROR, "3/3 runs: could not start");
    for (size_t i = 0; i < N_RUNS; i++) {
        cell->runs[i].end.kind = RL_END_SPAWN_FAILED;
        cell->runs[i].verdict = RL_VERDICT_ERROR;
        cell->runs[i].reason = xstrdup("could not start: \033[31mboom\033[0m");
    }

    cell_at(f, 6, 3, 0, &f->clean, RL_VERDICT_PASS, NULL);
    no_runs(cell_at(f, 7, 3, 1, NULL, RL_VERDICT_SKIP, "valgrind not found on PATH"));
}

static void fill_matrix(fixture *f)
{
    f->opt = (rl_options){.cases_dir = f->cases_dir, .repeat = N_RUNS, .jobs = 2,
                          .timeout_scale = 1.5};
    f->tools[0] = (rl_tool){.name = "tsan-clang", .parse = rl_parse_tsan_file};
    f->tools[1] = (rl_tool){.name = "helgrind", .parse = rl_parse_valgrind_xml_file};
    f->selected[0] = &f->tools[0];
    f->selected[1] = &f->tools[1];
    f->versions[0] = "Debian clang version 14.0.6";
    f->versions[1] = NULL;
    fill_counter(f);
    fill_lockorder(f);
    for (size_t r = 0; r < 4; r++)
        f->rows[r] = (rl_row){f->cells[2 * r].c, f->cells[2 * r].program, &f->cells[2 * r]};
    f->m = (rl_matrix){.opt = &f->opt, .cases = f->cases, .n_cases = 2, .tools = f->selected,
                       .n_tools = 2, .tool_versions = f->versions, .cells = f->cells,
                       .n_cells = 8, .cells_done = 8, .rows = f->rows, .n_rows = 4,
                       .wall_s = 12.46};
}

static int setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    char tmpl[] = "/tmp/racelab-outputs-XXXXXX";
    if (mkdtemp(tmpl) == NULL)
        return -1;
    f->dir = realpath(tmpl, NULL);
    f->cases_dir = xasprintf("%s/cases", f->dir);
    f->json_path = xasprintf("%s/results.json", f->dir);
    f->junit_path = xasprintf("%s/junit.xml", f->dir);
    if (f->dir == NULL || mkdir(f->cases_dir, 0700) != 0)
        return -1;
    fill_matrix(f);

    char *error = NULL;
    if (rl_write_results_json(&f->m, f->json_path, &error) != 0 ||
        rl_write_junit(&f->m, f->junit_path, &error) != 0) {
        fprintf(stderr, "write failed: %s\n", error);
        free(error);
        return -1;
    }
    json_error_t jerr;
    f->json = json_load_file(f->json_path, 0, &jerr);
    if (f->json == NULL)
        fprintf(stderr, "%s:%d: %s\n", f->json_path, jerr.line, jerr.text);
    f->junit = xmlReadFile(f->junit_path, NULL, XML_PARSE_NONET);
    f->xpath = f->junit ? xmlXPathNewContext(f->junit) : NULL;
    *state = f;
    return f->json && f->xpath ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < 8; i++) {
        for (size_t r = 0; f->cells[i].runs && r < f->cells[i].n_runs; r++) {
            rl_run_free(&f->cells[i].runs[r]);
        }
        free(f->cells[i].runs);
        free(f->cells[i].reason);
        free(f->cells[i].missed_runs);
    }
    json_decref(f->json);
    xmlXPathFreeContext(f->xpath);
    xmlFreeDoc(f->junit);
    rl_remove_tree(f->dir);
    free(f->dir);
    free(f->cases_dir);
    free(f->json_path);
    free(f->junit_path);
    free(f);
    return 0;
}

/* ---- results.json --------------------------------------------------------------- */

static json_t *cell_json(const fixture *f, size_t i)
{
    json_t *cell = json_array_get(json_object_get(f->json, "cells"), i);
    assert_non_null(cell);
    return cell;
}

static const char *str(json_t *j, const char *key)
{
    json_t *v = json_object_get(j, key);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static long long integer(json_t *j, const char *key)
{
    json_t *v = json_object_get(j, key);
    assert_true(json_is_integer(v));
    return json_integer_value(v);
}

static void test_count(void **state)
{
    fixture *f = *state;
    rl_counts n = rl_matrix_count(&f->m);
    assert_int_equal(n.of[RL_VERDICT_PASS], 3);
    assert_int_equal(n.of[RL_VERDICT_FAIL], 1);
    assert_int_equal(n.of[RL_VERDICT_XPASS], 1);
    assert_int_equal(n.of[RL_VERDICT_SKIP], 2);
    assert_int_equal(n.of[RL_VERDICT_ERROR], 1);
}

static void test_json_top_level(void **state)
{
    fixture *f = *state;
    assert_int_equal(integer(f->json, "racelab"), 1);
    assert_int_equal(integer(f->json, "repeat"), N_RUNS);
    assert_int_equal(integer(f->json, "jobs"), 2);
    assert_float_equal(json_real_value(json_object_get(f->json, "timeout_scale")), 1.5, 1e-9);
    assert_float_equal(json_real_value(json_object_get(f->json, "wall_s")), 12.46, 1e-9);
    json_t *versions = json_object_get(f->json, "tool_versions");
    assert_int_equal(json_object_size(versions), 2);
    assert_string_equal(str(versions, "tsan-clang"), "Debian clang version 14.0.6");
    assert_true(json_is_null(json_object_get(versions, "helgrind")));
    json_t *summary = json_object_get(f->json, "summary");
    assert_int_equal(integer(summary, "pass"), 3);
    assert_int_equal(integer(summary, "fail"), 1);
    assert_int_equal(integer(summary, "xpass"), 1);
    assert_int_equal(integer(summary, "skip"), 2);
    assert_int_equal(integer(summary, "error"), 1);
    char *tmp = xasprintf("%s.tmp", f->json_path);
    assert_false(rl_is_file(tmp));
    free(tmp);
    tmp = xasprintf("%s.tmp", f->junit_path);
    assert_false(rl_is_file(tmp));
    free(tmp);
}

static void test_json_cells(void **state)
{
    fixture *f = *state;
    static const char *const verdicts[] = {"pass", "fail", "pass", "skip",
                                           "xpass", "error", "pass", "skip"};
    static const int detected[] = {3, 2, 0, 0, 1, 0, 0, 0};
    static const int runs[] = {3, 3, 3, 0, 3, 3, 3, 0};
    assert_int_equal(json_array_size(json_object_get(f->json, "cells")), 8);
    for (size_t i = 0; i < 8; i++) {
        json_t *cell = cell_json(f, i);
        assert_string_equal(str(cell, "verdict"), verdicts[i]);
        assert_int_equal(integer(cell, "detected_runs"), detected[i]);
        assert_int_equal(integer(cell, "runs"), runs[i]);
        assert_string_equal(str(cell, "case"), f->cells[i].c->name);
        assert_string_equal(str(cell, "program"), f->cells[i].program->name);
        assert_string_equal(str(cell, "tool"), f->cells[i].tool->name);
    }
    json_t *cell = cell_json(f, 4);
    assert_string_equal(str(cell, "form"), "process");
    assert_string_equal(str(cell, "variant"), "unsafe");
    assert_float_equal(json_real_value(json_object_get(cell, "wall_s")), 1.5, 1e-9);
    assert_true(json_is_null(json_object_get(cell_json(f, 0), "reason")));
    assert_string_equal(str(cell_json(f, 3), "reason"), "valgrind not found on PATH");
}

static void test_json_outcomes(void **state)
{
    fixture *f = *state;
    json_t *failing = json_object_get(cell_json(f, 1), "outcomes");
    assert_int_equal(integer(failing, "exited"), 2);
    assert_int_equal(integer(failing, "timeout"), 1);
    assert_int_equal(integer(failing, "signaled"), 0);
    json_t *erroring = json_object_get(cell_json(f, 5), "outcomes");
    assert_int_equal(integer(erroring, "spawn_failed"), 3);
    assert_int_equal(integer(erroring, "exited"), 0);
    json_t *skipped = json_object_get(cell_json(f, 3), "outcomes");
    assert_int_equal(integer(skipped, "exited") + integer(skipped, "interrupted"), 0);
}

static void test_json_reports_deduped(void **state)
{
    fixture *f = *state;
    /* four identical reports over three runs: one entry, seen in 3 runs */
    json_t *reports = json_object_get(cell_json(f, 0), "reports");
    assert_int_equal(json_array_size(reports), 1);
    json_t *r = json_array_get(reports, 0);
    assert_string_equal(str(r, "kind"), "data-race");
    assert_string_equal(str(r, "tool_kind"), "data race");
    assert_string_equal(str(r, "message"), "SUMMARY: data race threads_unsafe.c:20");
    assert_int_equal(integer(r, "runs"), 3);
    json_t *locations = json_object_get(r, "locations");
    assert_int_equal(json_array_size(locations), 2);
    json_t *second = json_array_get(locations, 1);
    assert_int_equal(integer(second, "line"), 31);
    assert_string_equal(str(second, "function"), "counter_dec");
    assert_string_equal(str(second, "role"), "previous read");

    /* two distinct reports, seen in 2 runs and 1 run */
    reports = json_object_get(cell_json(f, 1), "reports");
    assert_int_equal(json_array_size(reports), 2);
    assert_int_equal(integer(json_array_get(reports, 0), "runs"), 2);
    r = json_array_get(reports, 1);
    assert_int_equal(integer(r, "runs"), 1);
    assert_true(json_is_null(json_object_get(r, "message")));
    json_t *loc = json_array_get(json_object_get(r, "locations"), 0);
    assert_true(json_is_null(json_object_get(loc, "function")));
    assert_true(json_is_null(json_object_get(loc, "role")));

    assert_int_equal(json_array_size(json_object_get(cell_json(f, 2), "reports")), 0);
    assert_int_equal(json_array_size(json_object_get(cell_json(f, 3), "reports")), 0);
}

static void test_json_relative_paths(void **state)
{
    fixture *f = *state;
    json_t *r = json_array_get(json_object_get(cell_json(f, 1), "reports"), 0);
    json_t *loc = json_array_get(json_object_get(r, "locations"), 0);
    assert_string_equal(str(loc, "file"), "cases/counter/threads_unsafe.c");
    assert_int_equal(integer(loc, "line"), 20);
    r = json_array_get(json_object_get(cell_json(f, 1), "reports"), 1);
    loc = json_array_get(json_object_get(r, "locations"), 0);
    assert_string_equal(str(loc, "file"), "/usr/include/x86_64-linux-gnu/bits/stdio.h");
}

static void test_json_expected(void **state)
{
    fixture *f = *state;
    json_t *e = json_object_get(cell_json(f, 0), "expected");
    assert_string_equal(str(e, "type"), "detect");
    assert_true(json_is_null(json_object_get(e, "reason")));
    json_t *reports = json_object_get(e, "reports");
    assert_int_equal(json_array_size(reports), 1);
    json_t *r = json_array_get(reports, 0);
    assert_string_equal(str(r, "kind"), "data-race");
    assert_true(json_is_false(json_object_get(r, "false_alarm")));
    /* every line of every marker: counter_inc once, counter_dec twice */
    json_t *markers = json_object_get(r, "markers");
    assert_int_equal(json_array_size(markers), 3);
    static const char *const names[] = {"counter_inc", "counter_dec", "counter_dec"};
    static const int lines[] = {20, 31, 32};
    for (size_t i = 0; i < 3; i++) {
        json_t *mk = json_array_get(markers, i);
        assert_string_equal(str(mk, "name"), names[i]);
        assert_string_equal(str(mk, "file"), "threads_unsafe.c");
        assert_int_equal(integer(mk, "line"), lines[i]);
    }

    e = json_object_get(cell_json(f, 4), "expected");
    assert_string_equal(str(e, "type"), "blind");
    assert_string_equal(str(e, "reason"), "shared memory is not watched");
    assert_int_equal(json_array_size(json_object_get(e, "reports")), 0);
    assert_string_equal(str(json_object_get(cell_json(f, 2), "expected"), "type"), "clean");
    assert_true(json_is_null(json_object_get(cell_json(f, 3), "expected")));
}

static void test_json_text(void **state)
{
    fixture *f = *state;
    assert_string_equal(str(cell_json(f, 1), "reason"), FAIL_REASON);
    json_t *r = json_array_get(json_object_get(cell_json(f, 4), "reports"), 0);
    assert_string_equal(str(r, "message"), "bad ? byte");
    json_t *loc = json_array_get(json_object_get(r, "locations"), 0);
    assert_string_equal(str(loc, "file"), "cases/lockorder/abba_unsafe.c");
}

/* ---- junit.xml ------------------------------------------------------------------ */

/* The string value of an XPath expression ("" when it selects nothing); malloc'd. */
static char *xpath_text(const fixture *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static char *xpath_text(const fixture *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *expr = NULL;
    assert_true(vasprintf(&expr, fmt, ap) >= 0);
    va_end(ap);
    char *wrapped = xasprintf("string(%s)", expr);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST wrapped, f->xpath);
    assert_non_null(o);
    char *out = xstrdup((const char *)o->stringval);
    xmlXPathFreeObject(o);
    free(wrapped);
    free(expr);
    return out;
}

static void assert_xpath(const fixture *f, const char *expr, const char *want)
{
    char *got = xpath_text(f, "%s", expr);
    assert_string_equal(got, want);
    free(got);
}

static void test_junit_counts(void **state)
{
    fixture *f = *state;
    assert_xpath(f, "/testsuites/@name", "racelab");
    assert_xpath(f, "/testsuites/@tests", "8");
    assert_xpath(f, "/testsuites/@failures", "2");
    assert_xpath(f, "/testsuites/@errors", "1");
    assert_xpath(f, "count(/testsuites/@skipped)", "0"); /* junit-10.xsd has none there */
    assert_xpath(f, "sum(/testsuites/testsuite/@skipped)", "2");
    assert_xpath(f, "/testsuites/@time", "12.460");
    assert_xpath(f, "count(/testsuites/testsuite)", "2");
    assert_xpath(f, "/testsuites/testsuite[1]/@name", "counter");
    assert_xpath(f, "/testsuites/testsuite[1]/@tests", "4");
    assert_xpath(f, "/testsuites/testsuite[1]/@failures", "1");
    assert_xpath(f, "/testsuites/testsuite[1]/@errors", "0");
    assert_xpath(f, "/testsuites/testsuite[1]/@skipped", "1");
    assert_xpath(f, "/testsuites/testsuite[1]/@time", "4.500");
    assert_xpath(f, "/testsuites/testsuite[2]/@name", "lockorder");
    assert_xpath(f, "/testsuites/testsuite[2]/@failures", "1");
    assert_xpath(f, "/testsuites/testsuite[2]/@errors", "1");
    assert_xpath(f, "count(//testcase)", "8");
}

static void test_junit_testcases(void **state)
{
    fixture *f = *state;
    assert_xpath(f, "//testsuite[1]/testcase[1]/@classname", "counter");
    assert_xpath(f, "//testsuite[1]/testcase[1]/@name", "threads_unsafe/tsan-clang");
    assert_xpath(f, "//testsuite[1]/testcase[1]/@time", "1.500");
    assert_xpath(f, "count(//testsuite[1]/testcase[1]/*)", "0");

    const char *failing = "//testcase[@name='threads_unsafe/helgrind']";
    char *type = xpath_text(f, "%s/failure/@type", failing);
    assert_string_equal(type, "fail");
    char *text = xpath_text(f, "%s/failure", failing);
    assert_non_null(strstr(text, "run 3/3: missed data-race <&\"'> at counter_inc\nsecond line"));
    char *out = xpath_text(f, "%s/system-out", failing);
    assert_string_equal(out, "detected in 2 of 3 runs\n");
    free(type);
    free(text);
    free(out);

    assert_xpath(f, "//testcase[@name='abba_unsafe/tsan-clang']/failure/@type", "xpass");
    assert_xpath(f, "//testcase[@name='abba_unsafe/helgrind']/error/@type", "error");
    assert_xpath(f, "//testcase[@name='abba_unsafe/helgrind']/error/@message",
                 "3/3 runs: could not start");
    assert_xpath(f, "//testcase[@name='abba_safe/helgrind']/skipped/@message",
                 "valgrind not found on PATH");
    assert_xpath(f, "count(//testcase[@name='abba_safe/helgrind']/system-out)", "0");
    assert_xpath(f, "count(//testcase[@name='abba_unsafe/helgrind']/system-out)", "0");
    assert_xpath(f, "//testcase[@name='abba_unsafe/tsan-clang']/system-out",
                 "detected in 1 of 3 runs\n");
}

static void test_junit_escaping(void **state)
{
    fixture *f = *state;
    /* the attribute keeps the newline and every special character */
    assert_xpath(f, "//testcase[@name='threads_unsafe/helgrind']/failure/@message", FAIL_REASON);
    /* a terminal escape in a run's reason must not make the file unparsable */
    char *text = xpath_text(f, "//testcase[@name='abba_unsafe/helgrind']/error");
    assert_non_null(strstr(text, "run 1/3: could not start: ?[31mboom?[0m\n"));
    free(text);
}

/* ---- the table ------------------------------------------------------------------ */

static char *table(const fixture *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    rl_print_table(&f->m, out);
    fclose(out);
    return buf;
}

/* The line that starts with `prefix`, up to its newline; malloc'd. */
static char *line_starting(const char *text, const char *prefix)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, prefix, strlen(prefix)) == 0)
            return xstrndup(p, strcspn(p, "\n"));
    fail_msg("no line starts with \"%s\" in:\n%s", prefix, text);
    return NULL;
}

static void test_table_grid(void **state)
{
    fixture *f = *state;
    char *text = table(f);
    assert_null(strchr(text, '\033')); /* not a terminal: no color */
    char *header = line_starting(text, "case ");
    char *row = line_starting(text, "counter    threads_unsafe ");
    /* the same words as everywhere, not "pass k/N" */
    assert_null(strstr(text, "pass 3/3"));
    /* every column starts where its header does */
    assert_int_equal(strstr(row, "caught 3/3") - row, strstr(header, "tsan-clang") - header);
    assert_int_equal(strstr(row, "FAIL 2/3") - row, strstr(header, "helgrind") - header);
    char *lock = line_starting(text, "lockorder  abba_unsafe ");
    assert_non_null(strstr(lock, "XPASS 1/3"));
    assert_non_null(strstr(lock, "ERROR"));
    char *safe = line_starting(text, "lockorder  abba_safe ");
    assert_non_null(strstr(safe, "clean"));
    assert_non_null(strstr(safe, "skip"));
    assert_int_not_equal(safe[strlen(safe) - 1], ' ');
    free(header);
    free(row);
    free(lock);
    free(safe);
    free(text);
}

static void test_table_reasons(void **state)
{
    fixture *f = *state;
    char *text = table(f);
    char *fail_line = line_starting(text, "  FAIL   counter/threads_unsafe helgrind 2/3:");
    assert_string_equal(fail_line,
                        "  FAIL   counter/threads_unsafe helgrind 2/3: 1/3 runs: missed data-race "
                        "<&\"'> at counter_inc");
    assert_non_null(strstr(text, "counter_inc\n         second line\n"));
    assert_non_null(strstr(text, "  XPASS  lockorder/abba_unsafe tsan-clang 1/3: 1/3 runs: blind"));
    /* an error says nothing about detection: no k/N */
    assert_non_null(strstr(text, "  ERROR  lockorder/abba_unsafe helgrind: 3/3 runs: could"));
    /* two cells skipped for one reason are told once */
    assert_non_null(strstr(text, "  skip   helgrind (2 cells): valgrind not found on PATH\n"));
    assert_null(strstr(text, "  PASS")); /* passes need no explanation */
    char *summary = line_starting(text, "8 cells");
    assert_string_equal(summary, "8 cells: 3 pass, 1 fail, 1 xpass, 2 skip, 1 error in 12.5 s");
    free(summary);
    free(fail_line);
    free(text);
}

static void test_table_wraps_long_reasons(void **state)
{
    fixture *f = *state;
    char *saved = f->cells[1].reason;
    f->cells[1].reason = xstrdup(
        "3/3 runs: unexpected report data-race at threads_unsafe.c:20, threads_unsafe.c:31 "
        "(not one of the expected: counter_inc (threads_unsafe.c:20) + counter_dec "
        "(threads_unsafe.c:31, threads_unsafe.c:32)) and a path "
        "/very/long/path/that/is/longer/than/any/line/of/the/table/can/ever/be/so/it/stays/"
        "whole/on/its/own/line/without/being/cut.c");
    char *text = table(f);
    size_t longest_word = strlen("/very/long/path/that/is/longer/than/any/line/of/the/table/can/"
                                 "ever/be/so/it/stays/whole/on/its/own/line/without/being/cut.c");
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (n > 100)
            assert_int_equal(n, 9 + longest_word); /* only the unbreakable word overflows */
        p += n + (p[n] == '\n');
    }
    assert_non_null(strstr(text, " + counter_dec (threads_unsafe.c:31, threads_unsafe.c:32)) and a path\n"
                                 "         /very/long"));
    free(text);
    free(f->cells[1].reason);
    f->cells[1].reason = saved;
}

/* The table as printed on a terminal (a pseudo-terminal here) `columns` wide (0: the
 * pty's default). */
static char *table_on_tty_sized(const fixture *f, unsigned short columns)
{
    int master, slave;
    struct winsize ws = {.ws_row = 50, .ws_col = columns};
    assert_int_equal(openpty(&master, &slave, NULL, NULL, columns ? &ws : NULL), 0);
    FILE *out = fdopen(slave, "w");
    assert_non_null(out);
    rl_print_table(&f->m, out); /* small enough for the pty's buffer */
    fclose(out);
    char *buf = xmalloc(65536);
    size_t len = 0;
    ssize_t got;
    while (len < 65535 && (got = read(master, buf + len, 65535 - len)) > 0)
        len += (size_t)got; /* ends with EIO once the slave is closed */
    buf[len] = '\0';
    close(master);
    return buf;
}

static char *table_on_tty(const fixture *f)
{
    return table_on_tty_sized(f, 0);
}

/* Too wide for the full grid at 60 columns: the compact grid, a line per case, short words
 * and tool names, and a legend that says what they stand for. */
static void test_table_compact(void **state)
{
    fixture *f = *state;
    setenv("NO_COLOR", "1", 1);
    char *saved = f->programs[0].name;
    f->programs[0].name = "threads_unsafe_with_a_long_name_here_x"; /* 38 */
    char *text = table_on_tty_sized(f, 60);
    char *header = line_starting(text, "case / program ");
    assert_non_null(strstr(header, "tsan-c helgri"));
    free(line_starting(text, "counter\r\n")); /* fails the test when there is none */
    char *row = line_starting(text, "threads_unsafe_with_a_long_name_here_x ");
    assert_non_null(strstr(row, "caught FAIL"));
    char *lock = line_starting(text, "abba_unsafe ");
    assert_non_null(strstr(lock, "XPASS  ERROR"));
    assert_non_null(strstr(text, "tools: tsan-c=tsan-clang helgri=helgrind"));
    assert_true(strlen(header) <= 60); /* the grid fits the terminal */
    assert_true(strcspn(row, "\r") <= 60);
    free(header);
    free(row);
    free(lock);
    free(text);

    /* too wide for that too: one line per cell */
    f->programs[0].name = "threads_unsafe_with_a_name_too_long_for_any_grid_of_sixty";
    text = table_on_tty_sized(f, 60);
    char *cell = line_starting(text, "counter/threads_unsafe_with_a_name_too_long_for_any_grid_of_sixty helgrind: ");
    assert_non_null(strstr(cell, ": FAIL 2/3"));
    free(line_starting(text, "lockorder/abba_safe tsan-clang: clean"));
    free(cell);
    free(text);
    f->programs[0].name = saved;
    unsetenv("NO_COLOR");
}

static void test_table_color(void **state)
{
    fixture *f = *state;
    char *saved = getenv("NO_COLOR") ? xstrdup(getenv("NO_COLOR")) : NULL;
    unsetenv("NO_COLOR");
    char *text = table_on_tty(f);
    assert_non_null(strstr(text, "\033[1;31mFAIL 2/3\033[0m"));
    assert_non_null(strstr(text, "\033[32mcaught 3/3\033[0m  ")); /* padding outside the color */
    free(text);

    setenv("NO_COLOR", "1", 1);
    text = table_on_tty(f);
    assert_null(strchr(text, '\033'));
    assert_non_null(strstr(text, "FAIL 2/3"));
    free(text);
    if (saved)
        setenv("NO_COLOR", saved, 1);
    else
        unsetenv("NO_COLOR");
    free(saved);
}

/* ---- failures ------------------------------------------------------------------- */

static void test_write_errors(void **state)
{
    fixture *f = *state;
    char *path = xasprintf("%s/missing/results.json", f->dir);
    char *error = NULL;
    assert_int_equal(rl_write_results_json(&f->m, path, &error), -1);
    assert_non_null(error);
    assert_non_null(strstr(error, "missing/results.json"));
    free(error);
    error = NULL;
    assert_int_equal(rl_write_junit(&f->m, path, &error), -1);
    assert_non_null(error);
    assert_non_null(strstr(error, "missing/results.json"));
    free(error);
    free(path);
}

/* A write that fails half-way (here: the file-size limit, as a full disk would) keeps the
 * previous complete file and leaves no temporary behind, for every output, junit.xml's
 * last flush included. */
static void test_failed_write_keeps_previous(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *name;
        int (*write)(const rl_matrix *, const char *, char **);
    } outputs[] = {{"results.json", rl_write_results_json}, {"junit.xml", rl_write_junit},
                   {"summary.md", rl_write_markdown}, {"results.sarif", rl_write_sarif}};
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *dir = xasprintf("%s/keep-%zu", f->dir, i);
        assert_int_equal(mkdir(dir, 0755), 0);
        char *path = xasprintf("%s/%s", dir, outputs[i].name);
        char *error = NULL;
        assert_int_equal(outputs[i].write(&f->m, path, &error), 0);
        size_t before_len = 0;
        char *before = rl_read_file(path, &before_len);
        struct rlimit saved, small = {100, 0};
        getrlimit(RLIMIT_FSIZE, &saved);
        small.rlim_max = saved.rlim_max;
        void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &small);
        int rc = outputs[i].write(&f->m, path, &error);
        setrlimit(RLIMIT_FSIZE, &saved);
        signal(SIGXFSZ, old_handler);
        assert_int_equal(rc, -1);
        assert_non_null(strstr(error, outputs[i].name));
        size_t after_len = 0;
        char *after = rl_read_file(path, &after_len);
        assert_int_equal(after_len, before_len);
        assert_memory_equal(after, before, before_len);
        char **left;
        size_t n = rl_list_dir(dir, "", false, &left);
        assert_int_equal(n, 1); /* the output itself, no temporary */
        rl_free_strings(left, n);
        free(after);
        free(before);
        free(error);
        free(path);
        rl_remove_tree(dir);
        free(dir);
    }
}

static void assert_has_line(const char *text, const char *prefix)
{
    char *line = line_starting(text, prefix);
    assert_non_null(line);
    free(line);
}

/* ---- results.sarif -------------------------------------------------------------- */

static json_t *load_sarif(const fixture *f)
{
    char *path = xasprintf("%s/results.sarif", f->dir);
    char *error = NULL;
    assert_int_equal(rl_write_sarif(&f->m, path, &error), 0);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    assert_non_null(doc);
    free(path);
    return doc;
}

static json_t *sarif_location(json_t *result, const char *list, size_t i)
{
    return json_object_get(json_array_get(json_object_get(result, list), i), "physicalLocation");
}

static void assert_physical(json_t *phys, const char *uri, int line)
{
    assert_string_equal(str(json_object_get(phys, "artifactLocation"), "uri"), uri);
    assert_int_equal(integer(json_object_get(phys, "region"), "startLine"), line);
}

static void test_sarif_runs_per_tool(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    assert_string_equal(str(doc, "version"), "2.1.0");
    json_t *runs = json_object_get(doc, "runs");
    assert_int_equal(json_array_size(runs), 2);
    json_t *tsan = json_array_get(runs, 0), *hg = json_array_get(runs, 1);
    assert_string_equal(str(json_object_get(tsan, "automationDetails"), "id"),
                        "racelab/tsan-clang/");
    assert_string_equal(str(json_object_get(hg, "automationDetails"), "id"), "racelab/helgrind/");
    json_t *driver = json_object_get(json_object_get(tsan, "tool"), "driver");
    assert_string_equal(str(driver, "version"), "14.0.6"); /* SARIF: starts with a number */
    assert_string_equal(str(driver, "fullName"), "Debian clang version 14.0.6");
    /* tsan-clang: the counter race (deduped over 3 runs) and the lock-order xpass */
    assert_int_equal(json_array_size(json_object_get(tsan, "results")), 2);
    json_decref(doc);
}

static void test_sarif_race_has_related_location(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
    json_t *race = json_array_get(json_object_get(run, "results"), 0);
    assert_string_equal(str(race, "ruleId"), "data-race");
    assert_string_equal(str(race, "level"), "warning");
    assert_physical(sarif_location(race, "locations", 0), "cases/counter/threads_unsafe.c", 20);
    assert_physical(sarif_location(race, "relatedLocations", 0), "cases/counter/threads_unsafe.c",
                    31);
    json_t *related = json_array_get(json_object_get(race, "relatedLocations"), 0);
    assert_string_equal(str(json_object_get(related, "message"), "text"), "previous read");
    assert_non_null(strstr(str(json_object_get(race, "message"), "text"), "(3 of 3 runs)"));
    json_decref(doc);
}

static void test_sarif_outside_repository_falls_back(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    json_t *run = json_array_get(json_object_get(doc, "runs"), 1);
    json_t *results = json_object_get(run, "results");
    assert_int_equal(json_array_size(results), 3); /* the race, Misc, the missed race */
    /* the Misc report pointed into /usr/include: the program's source stands in */
    json_t *misc = json_array_get(results, 1);
    assert_string_equal(str(misc, "ruleId"), "other");
    assert_physical(sarif_location(misc, "locations", 0), "cases/counter/threads_unsafe.c", 1);
    assert_null(json_object_get(misc, "relatedLocations"));
    json_decref(doc);
}

static json_t *sarif_result(json_t *doc, size_t run, size_t i)
{
    return json_array_get(json_object_get(json_array_get(json_object_get(doc, "runs"), run),
                                          "results"), i);
}

static const char *justification(json_t *result)
{
    json_t *suppressions = json_object_get(result, "suppressions");
    assert_int_equal(json_array_size(suppressions), 1);
    json_t *s = json_array_get(suppressions, 0);
    assert_string_equal(str(s, "kind"), "external");
    return str(s, "justification");
}

/* What the case expects is suppressed with its reason; what it does not stays open. */
static void test_sarif_only_unexpected_is_open(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    json_t *race = sarif_result(doc, 0, 0), *xpass = sarif_result(doc, 0, 1);
    assert_string_equal(str(race, "level"), "warning");
    assert_string_equal(justification(race),
                        "intended bug of case counter (threads_unsafe): the data-race it "
                        "expects at counter_inc");
    assert_string_equal(str(json_object_get(race, "properties"), "outcome"), "expected");
    /* a blind spot seen (XPASS) and an unexpected report are open */
    assert_string_equal(str(xpass, "ruleId"), "lock-order-inversion");
    assert_string_equal(str(xpass, "level"), "warning");
    assert_null(json_object_get(xpass, "suppressions"));
    assert_non_null(strstr(str(json_object_get(xpass, "message"), "text"), "XPASS"));
    json_t *misc = sarif_result(doc, 1, 1);
    assert_string_equal(str(misc, "level"), "error");
    assert_null(json_object_get(misc, "suppressions"));
    assert_string_equal(str(json_object_get(misc, "properties"), "outcome"), "unexpected");
    json_decref(doc);
}

/* The run that timed out showed no race: a result at the expected markers says so. */
static void test_sarif_missed_detection_at_marker(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    json_t *missed = sarif_result(doc, 1, 2);
    assert_string_equal(str(missed, "ruleId"), "data-race");
    assert_string_equal(str(missed, "level"), "error");
    assert_null(json_object_get(missed, "suppressions"));
    assert_string_equal(str(json_object_get(missed, "properties"), "outcome"), "missed");
    assert_physical(sarif_location(missed, "locations", 0), "cases/counter/threads_unsafe.c", 20);
    assert_physical(sarif_location(missed, "relatedLocations", 0),
                    "cases/counter/threads_unsafe.c", 31);
    assert_physical(sarif_location(missed, "relatedLocations", 1),
                    "cases/counter/threads_unsafe.c", 32);
    assert_string_equal(str(json_object_get(missed, "message"), "text"),
                        "helgrind did not report the data-race that case counter lists for "
                        "threads_unsafe: counter_inc here and [counter_dec](1), [counter_dec](2) "
                        "(1 of 3 runs). A detection the case expects was missed: fix the tool's "
                        "set-up or parser, or document the blind spot in case.ini.");
    json_decref(doc);
}

/* Every related location is linked from the message by its id, and every link has one. */
static void test_sarif_messages_link_related(void **state)
{
    fixture *f = *state;
    json_t *doc = load_sarif(f);
    size_t r, i, k, links = 0;
    json_t *run, *result, *related;
    json_array_foreach(json_object_get(doc, "runs"), r, run) {
        json_array_foreach(json_object_get(run, "results"), i, result) {
            const char *text = str(json_object_get(result, "message"), "text");
            size_t n = json_array_size(json_object_get(result, "relatedLocations"));
            json_array_foreach(json_object_get(result, "relatedLocations"), k, related) {
                assert_int_equal(integer(related, "id"), (long long)k + 1);
                char *link = xasprintf("](%zu)", k + 1);
                assert_non_null(strstr(text, link));
                free(link);
                links++;
            }
            char *beyond = xasprintf("](%zu)", n + 1);
            assert_null(strstr(text, beyond));
            free(beyond);
        }
    }
    assert_true(links >= 4);
    json_decref(doc);
}

static const char *fingerprint(json_t *doc, size_t run, size_t i)
{
    return str(json_object_get(sarif_result(doc, run, i), "partialFingerprints"), "racelab/v1");
}

static void move_race(fixture *f, int by)
{
    for (size_t r = 0; r < N_RUNS; r++)
        for (size_t i = 0; i < f->cells[0].runs[r].reports.n; i++)
            for (size_t k = 0; k < 2; k++)
                f->cells[0].runs[r].reports.items[i].locations[k].line += by;
    for (size_t m = 0; m < 3; m++)
        f->markers[m].line += by;
}

/* `lines` blank lines, then `n` texts, each on line 1 + its index + `lines`. */
static void write_source(const char *path, int lines, const char *const *texts, int n)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    for (int i = 0; i < lines; i++)
        fputs("\n", out);
    for (int i = 0; i < n; i++)
        fprintf(out, "%s\n", texts[i] ? texts[i] : "    ;");
    fclose(out);
}

/* Lines move, the alert stays: a spot is known by its marker and its text, not its line
 * number. A different text is a different alert. */
static void test_sarif_fingerprints_survive_moves(void **state)
{
    fixture *f = *state;
    char *dir = xasprintf("%s/counter", f->cases_dir), *path = xasprintf("%s/threads_unsafe.c", dir);
    assert_int_equal(rl_mkdir_p(dir), 0);
    const char *counter[32] = {[19] = "    count = count + 1;", [30] = "    tmp = count;",
                               [31] = "    count = tmp - 1;"};
    write_source(path, 0, counter, 32);
    json_t *doc = load_sarif(f);
    char *race = xstrdup(fingerprint(doc, 0, 0));
    assert_int_equal(strlen(race), 16);
    json_decref(doc);
    write_source(path, 7, counter, 32); /* seven lines added above */
    move_race(f, 7);
    doc = load_sarif(f);
    assert_string_equal(fingerprint(doc, 0, 0), race);
    json_decref(doc);
    counter[19] = "    count = count + 2;"; /* the marked line itself changed */
    write_source(path, 7, counter, 32);
    doc = load_sarif(f);
    assert_string_not_equal(fingerprint(doc, 0, 0), race);
    json_decref(doc);
    move_race(f, -7);
    rl_remove_tree(dir);
    free(dir);
    free(path);
    free(race);
}

/* Two reports whose spots read the same (the same text on other lines) would be one alert:
 * the second is numbered. */
static void test_sarif_same_looking_reports_stay_apart(void **state)
{
    fixture *f = *state;
    char *dir = xasprintf("%s/counter", f->cases_dir), *path = xasprintf("%s/threads_safe.c", dir);
    assert_int_equal(rl_mkdir_p(dir), 0);
    const char *blank[10] = {0};
    write_source(path, 0, blank, 10);
    rl_run *run = &f->cells[2].runs[0]; /* counter/threads_safe under tsan-clang: clean */
    for (int first = 5; first <= 6; first++) {
        rl_report *r = rl_report_add(&run->reports, RL_KIND_DATA_RACE, "data race", NULL);
        rl_report_add_location(r, path, first, "f", "write");
        rl_report_add_location(r, path, 8, "f", "previous write");
        explain_last(run, -1, -1);
    }
    json_t *doc = load_sarif(f);
    json_t *a = sarif_result(doc, 0, 1), *b = sarif_result(doc, 0, 2);
    assert_string_equal(str(a, "level"), "error"); /* a clean program: unexpected */
    assert_int_equal(integer(json_object_get(sarif_location(b, "locations", 0), "region"),
                             "startLine"), 6);
    assert_string_not_equal(fingerprint(doc, 0, 1), fingerprint(doc, 0, 2));
    json_decref(doc);
    rl_report_list_free(&run->reports);
    free(run->explained);
    run->explained = NULL;
    rl_remove_tree(dir);
    free(dir);
    free(path);
}

/* A report of a cell whose tool could not run properly was never judged: it stays open, as
 * a warning that says why, brackets in the reason escaped. */
static void test_sarif_error_cell_reports_are_unjudged(void **state)
{
    fixture *f = *state;
    rl_run *run = &f->cells[5].runs[0]; /* lockorder/abba_unsafe under helgrind: error */
    rl_report *r = rl_report_add(&run->reports, RL_KIND_LOCK_ORDER_INVERSION, "LockOrder", NULL);
    char *file = source(f, "lockorder", "abba_unsafe.c");
    rl_report_add_location(r, file, 12, "take_ab", "lock");
    free(file);
    char *reason = f->cells[5].reason;
    f->cells[5].reason = "3/3 runs: could not start [valgrind]";
    json_t *doc = load_sarif(f);
    json_t *unjudged = sarif_result(doc, 1, 3);
    assert_string_equal(str(json_object_get(unjudged, "properties"), "outcome"), "unjudged");
    assert_string_equal(str(unjudged, "level"), "warning");
    assert_null(json_object_get(unjudged, "suppressions"));
    assert_non_null(strstr(str(json_object_get(unjudged, "message"), "text"),
                           "(3/3 runs: could not start \\[valgrind\\])."));
    json_decref(doc);
    f->cells[5].reason = reason;
    rl_report_list_free(&run->reports);
}

/* ---- summary.md and GitHub annotations ------------------------------------------ */

static char *markdown(const fixture *f)
{
    char *path = xasprintf("%s/summary.md", f->dir);
    char *error = NULL;
    assert_int_equal(rl_write_markdown(&f->m, path, &error), 0);
    char *text = rl_read_file(path, NULL);
    assert_non_null(text);
    free(path);
    return text;
}

static void test_markdown_grid_and_reasons(void **state)
{
    fixture *f = *state;
    char *text = markdown(f);
    assert_has_line(text, "| counter | threads_unsafe | thread | unsafe | "
                          "**caught** 3/3 | **FAIL** 2/3 |");
    assert_has_line(text, "| counter | threads_safe | thread | safe | clean | skip |");
    assert_has_line(text, "| lockorder | abba_unsafe | process | unsafe | **XPASS** 1/3 | "
                          "**ERROR** |");
    assert_has_line(text, "- lockorder/abba_unsafe, tsan-clang — blind: shared "
                          "memory is not watched");
    assert_has_line(text, "8 cells, 3 run(s) each: 3 pass, 1 fail, 1 xpass, "
                          "2 skip, 1 error in 12.5 s.");
    free(text);
}

static char *annotations(const fixture *f)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    rl_github_annotate(&f->m, out);
    fclose(out);
    return text;
}

static void test_github_annotations(void **state)
{
    fixture *f = *state;
    char *text = annotations(f);
    assert_has_line(text, "::error file=cases/counter/threads_unsafe.c,line=20,"
                          "title=racelab fail%3A counter/threads_unsafe helgrind::"
                          "1/3 runs: missed data-race <&\"'> at counter_inc%0A"
                          "second line");
    assert_has_line(text, "::warning file=cases/lockorder/abba_unsafe.c,line=12,"
                          "title=racelab xpass%3A lockorder/abba_unsafe "
                          "tsan-clang::");
    assert_has_line(text, "::error file=cases/lockorder/abba_unsafe.c,line=1,"
                          "title=racelab error%3A lockorder/abba_unsafe helgrind::");
    assert_null(strstr(text, "skip")); /* skipped cells are not annotated */
    free(text);
}

/* ---- the HTML report ------------------------------------------------------------ */

static const char counter_readme[] =
    "# counter\n\nTwo workers, one count.\n\n| step | what |\n|---|---|\n| <load> | `x & y` |\n";

/* A counter folder with a README and a source whose lines 20 and 31 exist, as the
 * fixture's markers say. */
static void make_counter_folder(fixture *f, char **dir)
{
    *dir = xasprintf("%s/counter", f->cases_dir);
    assert_int_equal(rl_mkdir_p(*dir), 0);
    char *readme = xasprintf("%s/README.md", *dir), *source = xasprintf("%s/threads_unsafe.c", *dir);
    FILE *out = fopen(readme, "w");
    fputs(counter_readme, out);
    fclose(out);
    out = fopen(source, "w");
    for (int line = 1; line <= 40; line++)
        fprintf(out, "int line%d; /* <%d> */\n", line, line);
    fclose(out);
    free(readme);
    free(source);
}

static htmlDocPtr read_page(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    htmlDocPtr doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                                     HTML_PARSE_NOWARNING);
    free(path);
    assert_non_null(doc);
    return doc;
}

static char *html_xpath(htmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    char *out = r ? (char *)xmlXPathCastToString(r) : NULL;
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return out;
}

static void assert_page(htmlDocPtr doc, const char *expr, const char *want)
{
    char *got = html_xpath(doc, expr);
    if (got == NULL || strcmp(got, want) != 0)
        fail_msg("%s: got \"%s\", want \"%s\"", expr, got ? got : "(null)", want);
    xmlFree(got);
}

#define CELL(c, p, t) "//td[@data-case='" c "' and @data-program='" p "' and @data-tool='" t "']"

#define WORD "//span[@class='word']"
#define SCORE(t, field) "string(//tr[@data-tool='" t "']/td[@data-field='" field "'])"

static void check_index(htmlDocPtr index)
{
    static const struct {
        const char *expr, *want;
    } expected[] = {
        {CELL("counter", "threads_unsafe", "tsan-clang") WORD, "caught 3/3"},
        /* Wilson 3/3 at 95 %: 0.4385 to 1 */
        {CELL("counter", "threads_unsafe", "tsan-clang") "//span[@class='ci']",
         "44\u2013100%"},
        {CELL("counter", "threads_unsafe", "helgrind") WORD, "FAIL 2/3"},
        {CELL("counter", "threads_unsafe", "helgrind") "/@class", "cell o-fail failure"},
        {CELL("counter", "threads_unsafe", "helgrind") "/@title", FAIL_REASON},
        {CELL("counter", "threads_unsafe", "helgrind") "/a/@href",
         "counter.html#cell-threads_unsafe-helgrind"},
        {CELL("lockorder", "abba_unsafe", "tsan-clang") WORD, "XPASS 1/3"},
        {CELL("lockorder", "abba_unsafe", "helgrind") WORD, "ERROR"},
        {CELL("lockorder", "abba_safe", "helgrind") WORD, "skip"},
        {"count(//td[contains(@class, 'cell')])", "8"},
        /* tsan-clang: the counter race caught, the xpass seen in 1 of 3 runs is no
         * majority; helgrind: its skip and error cells count for nothing */
        {SCORE("tsan-clang", "caught"), "1 / 2"},
        {SCORE("tsan-clang", "blind"), "1 / 2"},
        {SCORE("tsan-clang", "false_alarms"), "0 / 2"},
        {SCORE("tsan-clang", "precision"), "1.000"},
        {SCORE("tsan-clang", "recall"), "0.500"},
        {SCORE("tsan-clang", "f1"), "0.667"},
        {SCORE("helgrind", "false_alarms"), "0 / 0"},
        {SCORE("helgrind", "recall"), "1.000"},
        {"count(//svg[@id='scoreboard-chart']/g[@data-tool])", "2"},
        {"string(//dl[@class='meta']/dt[.='repeat']/following-sibling::dd[1])", "3"},
        {"count(//ul[@id='cases']/li/a)", "2"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_page(index, expected[i].expr, expected[i].want);
}

static void check_counter_page(htmlDocPtr page)
{
    /* the README through md4c: a real table, its text kept as text */
    assert_page(page, "string(//div[@id='lesson']//table//td[1])", "<load>");
    assert_page(page, "string(//div[@id='lesson']//td/code)", "x & y");
    /* the report's locations link to the marked lines of the source */
    assert_page(page, "string(//tr[@id='cell-threads_unsafe-tsan-clang']//a[1]/@href)",
                "#src-threads_unsafe_c-L20");
    assert_page(page, "string(//tr[@id='src-threads_unsafe_c-L20']/@class)", "marked");
    assert_page(page, "string(//tr[@id='src-threads_unsafe_c-L20']/td[2])", "int line20; /* <20> */");
    assert_page(page, "string(//tr[@id='src-threads_unsafe_c-L21']/@class)", "");
    /* a report outside the case's sources is named, not linked */
    assert_page(page, "count(//tr[@id='cell-threads_unsafe-helgrind']//code[.='stdio.h:5'])", "1");
    assert_page(page, "string(//tr[@id='cell-threads_unsafe-helgrind']//p[@class='failure'])",
                "fail: " FAIL_REASON);
    /* the failing run's raw output, folded, its text kept as text */
    assert_page(page, "string(//tr[@id='cell-threads_unsafe-helgrind']//details[1]/summary)",
                "run 3: stderr (22 bytes)");
    assert_page(page, "string(//tr[@id='cell-threads_unsafe-helgrind']//details[1]/pre)",
                "==1== <killed> & gone\n");
    assert_page(page, "string(//tr[@id='cell-threads_unsafe-helgrind']//details[2]/pre)",
                "<valgrindoutput>");
    /* passing cells show none */
    assert_page(page, "count(//tr[@id='cell-threads_unsafe-tsan-clang']//details)", "0");
}

/* What racelab keeps of helgrind's failing third run of counter/threads_unsafe. */
static void make_raw_run(fixture *f)
{
    char *run = xasprintf("%s/raw/counter/threads_unsafe/helgrind/run-3", f->dir);
    char *reports = xasprintf("%s/reports", run);
    assert_int_equal(rl_mkdir_p(reports), 0);
    const char *files[][2] = {{"stderr", "==1== <killed> & gone\n"},
                              {"reports/vg.1.xml", "<valgrindoutput>"}};
    for (size_t i = 0; i < 2; i++) {
        char *path = xasprintf("%s/%s", run, files[i][0]);
        FILE *out = fopen(path, "w");
        fputs(files[i][1], out);
        fclose(out);
        free(path);
    }
    free(reports);
    free(run);
}

static void test_html_report(void **state)
{
    fixture *f = *state;
    char *counter_dir;
    make_counter_folder(f, &counter_dir);
    make_raw_run(f);
    f->cases[0].dir = counter_dir;
    f->opt.out_dir = f->dir;
    char *dir = xasprintf("%s/report", f->dir), *error = NULL;
    int rc = rl_write_html_report(&f->m, dir, &error);
    f->cases[0].dir = NULL;
    f->opt.out_dir = NULL;
    if (rc != 0)
        fail_msg("%s", error);
    htmlDocPtr index = read_page(dir, "index.html");
    check_index(index);
    xmlFreeDoc(index);
    htmlDocPtr counter = read_page(dir, "counter.html");
    check_counter_page(counter);
    xmlFreeDoc(counter);
    /* bytes that are not UTF-8 become U+FFFD, not a broken page */
    htmlDocPtr lockorder = read_page(dir, "lockorder.html");
    assert_page(lockorder, "count(//code[.='bad \uFFFD byte'])", "1");
    xmlFreeDoc(lockorder);
    free(counter_dir);
    free(dir);
}

/* The scoreboard and the case list README's first screen is made from. */
static void test_overview(void **state)
{
    fixture *f = *state;
    char *path = xasprintf("%s/overview.md", f->dir), *error = NULL;
    assert_int_equal(rl_write_overview(&f->m, path, &error), 0);
    char *text = rl_read_file(path, NULL);
    assert_non_null(text);
    assert_has_line(text, "| tsan-clang | 1 / 2 | 1 / 2 | 0 / 2 | 1.000 | 0.500 | 0.667 |");
    assert_has_line(text, "| helgrind | 1 / 1 | 0 / 1 | 0 / 0 | 1.000 | 1.000 | 1.000 |");
    assert_has_line(text, "Over 2 unsafe and 2 safe programs.");
    assert_has_line(text, "- [counter](cases/counter/README.md)\n");
    assert_has_line(text, "From a run of 8 cells (2 cases, 2 tools, 3 run(s) each, 12 s) on ");
    free(text);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_json_top_level),
        cmocka_unit_test(test_json_cells),
        cmocka_unit_test(test_json_outcomes),
        cmocka_unit_test(test_json_reports_deduped),
        cmocka_unit_test(test_json_relative_paths),
        cmocka_unit_test(test_json_expected),
        cmocka_unit_test(test_json_text),
        cmocka_unit_test(test_junit_counts),
        cmocka_unit_test(test_junit_testcases),
        cmocka_unit_test(test_junit_escaping),
        cmocka_unit_test(test_table_grid),
        cmocka_unit_test(test_table_reasons),
        cmocka_unit_test(test_table_wraps_long_reasons),
        cmocka_unit_test(test_table_color),
        cmocka_unit_test(test_table_compact),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_failed_write_keeps_previous),
        cmocka_unit_test(test_sarif_runs_per_tool),
        cmocka_unit_test(test_sarif_race_has_related_location),
        cmocka_unit_test(test_sarif_outside_repository_falls_back),
        cmocka_unit_test(test_sarif_only_unexpected_is_open),
        cmocka_unit_test(test_sarif_missed_detection_at_marker),
        cmocka_unit_test(test_sarif_messages_link_related),
        cmocka_unit_test(test_sarif_fingerprints_survive_moves),
        cmocka_unit_test(test_sarif_same_looking_reports_stay_apart),
        cmocka_unit_test(test_sarif_error_cell_reports_are_unjudged),
        cmocka_unit_test(test_markdown_grid_and_reasons),
        cmocka_unit_test(test_github_annotations),
        cmocka_unit_test(test_html_report),
        cmocka_unit_test(test_overview),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
