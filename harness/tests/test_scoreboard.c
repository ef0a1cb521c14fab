/* The scoreboard's arithmetic on hand-computed examples: the Wilson interval, precision,
 * recall and F1, which cells count as flagged, and the cell words of the one legend. */
#include "outcome.h"
#include "scoreboard.h"
#include "xalloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define EPS 5e-5

static void assert_near(double got, double want)
{
    if (got < want - EPS || got > want + EPS)
        fail_msg("got %.6f, want %.6f", got, want);
}

/* Reference values: Wilson (1927) at z = 1.96, worked by hand (centre ± half width). */
static void test_wilson(void **state)
{
    (void)state;
    double lo, hi;
    rl_wilson95(0, 10, &lo, &hi); /* centre 0.19208/1.38416, half the same */
    assert_near(lo, 0.0);
    assert_near(hi, 0.2775);
    rl_wilson95(10, 10, &lo, &hi);
    assert_near(lo, 0.7225);
    assert_near(hi, 1.0);
    rl_wilson95(5, 10, &lo, &hi);
    assert_near(lo, 0.2366);
    assert_near(hi, 0.7634);
    rl_wilson95(1, 1, &lo, &hi);
    assert_near(lo, 0.2065);
    assert_near(hi, 1.0);
    rl_wilson95(3, 4, &lo, &hi); /* p .75, n 4: centre .6275, half .3269 */
    assert_near(lo, 0.3006);
    assert_near(hi, 0.9544);
    rl_wilson95(0, 0, &lo, &hi); /* nothing measured: anything is possible */
    assert_near(lo, 0.0);
    assert_near(hi, 1.0);
}

static void assert_ratio(rl_ratio r, double want)
{
    assert_true(r.defined);
    assert_near(r.value, want);
}

static void test_precision_recall_f1(void **state)
{
    (void)state;
    /* 4 bugs, 3 caught, 1 blind; 5 safe programs, 1 false alarm */
    rl_score s = {0};
    const struct {
        const char *variant;
        bool flagged;
    } cells[] = {{"unsafe", true}, {"unsafe", true}, {"unsafe", false}, {"unsafe", true},
                 {"safe", false},  {"safe", true},   {"safe", false},   {"safe", false},
                 {"safe", false}};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        rl_score_add(&s, cells[i].variant, true, cells[i].flagged);
    rl_score_add(&s, "unsafe", false, true); /* a skipped cell counts for nothing */
    assert_int_equal(s.bugs, 4);
    assert_int_equal(s.caught, 3);
    assert_int_equal(s.blind, 1);
    assert_int_equal(s.safe, 5);
    assert_int_equal(s.false_alarms, 1);
    assert_ratio(rl_score_precision(&s), 0.75); /* 3 / (3 + 1) */
    assert_ratio(rl_score_recall(&s), 0.75);    /* 3 / 4 */
    assert_ratio(rl_score_f1(&s), 0.75);

    /* 2 of 5 caught, 2 false alarms: P .5, R .4, F1 = 2 * .2 / .9 */
    rl_score t = {.bugs = 5, .caught = 2, .blind = 3, .safe = 4, .false_alarms = 2};
    assert_ratio(rl_score_precision(&t), 0.5);
    assert_ratio(rl_score_recall(&t), 0.4);
    assert_ratio(rl_score_f1(&t), 0.4 / 0.9);
}

static void test_undefined_ratios(void **state)
{
    (void)state;
    rl_score blind_only = {.bugs = 3, .blind = 3, .safe = 2}; /* flagged nothing */
    assert_false(rl_score_precision(&blind_only).defined);
    assert_ratio(rl_score_recall(&blind_only), 0.0);
    assert_false(rl_score_f1(&blind_only).defined);
    rl_score alarms_only = {.safe = 2, .false_alarms = 2}; /* no bug in the selection */
    assert_ratio(rl_score_precision(&alarms_only), 0.0);
    assert_false(rl_score_recall(&alarms_only).defined);
    rl_score wrong = {.bugs = 2, .blind = 2, .safe = 1, .false_alarms = 1};
    assert_ratio(rl_score_f1(&wrong), 0.0); /* P = R = 0 */
}

/* ---- cells ---------------------------------------------------------------------- */

#define MAX_RUNS 10

typedef struct cell_fixture {
    rl_tool tool;
    rl_program program;
    rl_expected_report real, alarm;
    rl_expectation e;
    rl_report report; /* what every detecting run reported, explained by the expectation */
    rl_explanation explained;
    rl_run runs[MAX_RUNS];
    rl_cell cell;
} cell_fixture;

static rl_cell *make_cell(cell_fixture *f, const char *variant, rl_expect_type type,
                          bool false_alarm, rl_verdict v, size_t detected, size_t runs)
{
    memset(f, 0, sizeof *f);
    f->tool = (rl_tool){.name = "helgrind", .parser = "valgrind-xml", .parse = rl_parse_valgrind_xml_file};
    f->program = (rl_program){.name = "p", .form = "thread", .variant = (char *)variant};
    f->real = (rl_expected_report){.kind = RL_KIND_DATA_RACE};
    f->alarm = (rl_expected_report){.kind = RL_KIND_DATA_RACE, .false_alarm = true};
    f->e = (rl_expectation){.type = type, .reports = false_alarm ? &f->alarm : &f->real,
                            .n_reports = type == RL_EXPECT_DETECT};
    /* the judge's answer, as rl_judge_run records it: the report is the expected one */
    f->report = (rl_report){.kind = RL_KIND_DATA_RACE};
    f->explained = (rl_explanation){type == RL_EXPECT_DETECT ? 0 : -1, 0};
    assert_true(runs <= MAX_RUNS);
    for (size_t r = 0; r < detected && r < runs; r++) {
        f->runs[r].reports = (rl_report_list){&f->report, 1, 1};
        f->runs[r].explained = &f->explained;
        f->runs[r].detected = true;
    }
    f->cell = (rl_cell){.program = &f->program, .tool = &f->tool, .expect = &f->e,
                        .runs = f->runs, .verdict = v, .detected_runs = detected,
                        .n_runs = runs};
    return &f->cell;
}

static void assert_words(const rl_cell *cell, const char *want, rl_outcome outcome)
{
    char *words = rl_cell_words(cell, false);
    assert_string_equal(words, want);
    assert_int_equal(rl_cell_outcome(cell), outcome);
    free(words);
}

static void test_outcome_words(void **state)
{
    (void)state;
    cell_fixture f;
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_DETECT, false, RL_VERDICT_PASS, 10, 10),
                 "caught 10/10", RL_OUTCOME_CAUGHT);
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_DETECT, false, RL_VERDICT_FAIL, 0, 10),
                 "MISSED 0/10", RL_OUTCOME_MISSED);
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_DETECT, false, RL_VERDICT_FAIL, 7, 10),
                 "FAIL 7/10", RL_OUTCOME_FAIL);
    assert_words(make_cell(&f, "safe", RL_EXPECT_DETECT, true, RL_VERDICT_PASS, 3, 3),
                 "false alarm 3/3", RL_OUTCOME_FALSE_ALARM);
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_BLIND, false, RL_VERDICT_PASS, 0, 3),
                 "blind", RL_OUTCOME_BLIND);
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_BLIND, false, RL_VERDICT_XPASS, 1, 3),
                 "XPASS 1/3", RL_OUTCOME_XPASS);
    assert_words(make_cell(&f, "safe", RL_EXPECT_CLEAN, false, RL_VERDICT_PASS, 0, 3), "clean",
                 RL_OUTCOME_CLEAN);
    assert_words(make_cell(&f, "safe", RL_EXPECT_CLEAN, false, RL_VERDICT_FAIL, 2, 3),
                 "FAIL 2/3", RL_OUTCOME_FAIL);
    assert_words(make_cell(&f, "unsafe", RL_EXPECT_MANIFEST, false, RL_VERDICT_PASS, 3, 3),
                 "bug shows 3/3", RL_OUTCOME_BUG_SHOWS);
    assert_words(make_cell(&f, "safe", RL_EXPECT_CORRECT, false, RL_VERDICT_PASS, 0, 3),
                 "correct", RL_OUTCOME_CORRECT);
    assert_words(make_cell(&f, "safe", RL_EXPECT_CLEAN, false, RL_VERDICT_SKIP, 0, 0), "skip",
                 RL_OUTCOME_SKIP);
    assert_words(make_cell(&f, "safe", RL_EXPECT_CLEAN, false, RL_VERDICT_ERROR, 0, 3), "ERROR",
                 RL_OUTCOME_ERROR);
    assert_true(rl_outcome_describe(RL_OUTCOME_MISSED)->failure);
    assert_false(rl_outcome_describe(RL_OUTCOME_FALSE_ALARM)->failure);
}

static void test_flagged(void **state)
{
    (void)state;
    cell_fixture f;
    /* a majority of the runs counts */
    assert_true(rl_cell_flagged(make_cell(&f, "unsafe", RL_EXPECT_DETECT, false, RL_VERDICT_FAIL, 2, 3)));
    assert_false(rl_cell_flagged(make_cell(&f, "unsafe", RL_EXPECT_DETECT, false, RL_VERDICT_FAIL, 1, 2)));
    /* a known false alarm on a buggy program is not the bug caught */
    assert_false(rl_cell_flagged(make_cell(&f, "unsafe", RL_EXPECT_DETECT, true, RL_VERDICT_PASS, 3, 3)));
    /* ... but on a correct program it is a false alarm */
    assert_true(rl_cell_flagged(make_cell(&f, "safe", RL_EXPECT_DETECT, true, RL_VERDICT_PASS, 3, 3)));
    assert_true(rl_cell_flagged(make_cell(&f, "unsafe", RL_EXPECT_BLIND, false, RL_VERDICT_XPASS, 3, 3)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_precision_recall_f1),
        cmocka_unit_test(test_undefined_ratios),
        cmocka_unit_test(test_outcome_words),
        cmocka_unit_test(test_flagged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
