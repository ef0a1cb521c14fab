/* The progress line: durations as people read them, and on a non-terminal one plain line
 * per finished cell with done/total, the time spent, the estimate of what is left, and the
 * cell in the legend's words (a failure with its reason). */
#define _GNU_SOURCE
#include "progress.h"
#include "xalloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void test_durations(void **state)
{
    (void)state;
    char buf[32];
    const struct {
        double seconds;
        const char *want;
    } cases[] = {{0, "0s"}, {0.4, "0s"}, {42.6, "43s"}, {65, "1m05s"}, {3599, "59m59s"},
                 {3720, "1h02m"}, {-3, "0s"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rl_format_duration(cases[i].seconds, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_plain_lines(void **state)
{
    (void)state;
    rl_tool tool = {.name = "helgrind"};
    rl_case c = {.name = "counter"};
    rl_program safe = {.name = "threads_safe", .variant = "safe"};
    rl_expectation clean = {.type = RL_EXPECT_CLEAN};
    rl_options opt = {.repeat = 2};
    rl_cell cells[2] = {
        {.c = &c, .program = &safe, .tool = &tool, .expect = &clean, .n_runs = 2,
         .verdict = RL_VERDICT_PASS},
        {.c = &c, .program = &safe, .tool = &tool, .expect = &clean, .n_runs = 2,
         .detected_runs = 2, .verdict = RL_VERDICT_FAIL, .reason = "2/2 runs: false alarm"},
    };
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    rl_matrix m = {.opt = &opt, .cells = cells, .n_cells = 12, .progress = out};
    m.cells_done = 1;
    rl_progress_cell_done(&m, &cells[0]);
    m.cells_done = 2;
    rl_progress_cell_done(&m, &cells[1]);
    fclose(out);
    /* the times depend on the machine's speed; their place and form do not */
    char *second = strchr(text, '\n') + 1;
    assert_int_equal(strncmp(text, "[ 1/12] ", 8), 0);
    assert_non_null(strstr(text, "s left counter/threads_safe helgrind: clean\n[ 2/12] "));
    assert_int_equal(strncmp(second, "[ 2/12] ", 8), 0);
    assert_non_null(strstr(second, "s, ~"));
    const char *tail = "s left counter/threads_safe helgrind: FAIL 2/2 -- 2/2 runs: false alarm\n";
    assert_string_equal(second + strlen(second) - strlen(tail), tail);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_plain_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
