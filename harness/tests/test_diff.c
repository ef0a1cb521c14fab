/* racelab diff's Wilson 95 % interval, against values computed apart from it from the
 * formula (centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1-p)/n + z²/4n²)). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "diff.h"

static void interval_is(double k, double n, double low, double high)
{
    double lo, hi;
    rl_wilson_interval(k, n, &lo, &hi);
    assert_true(lo > low - 5e-4 && lo < low + 5e-4);
    assert_true(hi > high - 5e-4 && hi < high + 5e-4);
}

static void test_wilson_all_and_none(void **state)
{
    (void)state;
    interval_is(10, 10, 0.7225, 1.0); /* 10/10 does not mean "always" */
    interval_is(0, 10, 0.0, 0.2775);
}

static void test_wilson_half(void **state)
{
    (void)state;
    interval_is(5, 10, 0.2366, 0.7634);
    interval_is(1, 3, 0.0615, 0.7923);
}

static void test_wilson_no_runs_is_everything(void **state)
{
    (void)state;
    interval_is(0, 0, 0.0, 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_all_and_none),
        cmocka_unit_test(test_wilson_half),
        cmocka_unit_test(test_wilson_no_runs_is_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
