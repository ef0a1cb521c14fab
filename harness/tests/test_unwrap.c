/* Unit tests of unwrap.c on real captured output: the wrapped_unlock programs unlock a
 * mutex twice through their own my_unlock(); every tool names the helper's line (10), and
 * with `wrappers = my_unlock` the location moves to the caller's line (18) and keeps the
 * helper's frame as its wrapper. Fixtures: fixtures/parsers/<tool>/wrapped_unlock.*
 * (sources/wrapped_unlock.c) and fixtures/static/clang-analyzer/sa_wrapped_unlock.sarif
 * (static/sources/sa_wrapped_unlock.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "unwrap.h"
#include "xalloc.h"

static const rl_location *parse_and_unwrap(const char *relative, rl_parse_fn *parse,
                                           char *const *wrappers, size_t n,
                                           rl_report_list *list)
{
    char *path = xasprintf("%s/%s", RACELAB_FIXTURES, relative);
    char *error = NULL;
    assert_int_equal(parse(path, list, &error), RL_PARSE_OK);
    free(path);
    assert_int_equal(list->n, 1);
    assert_int_equal(list->items[0].n_locations, 1);
    assert_int_equal(list->items[0].locations[0].line, 10); /* the parser: the helper */
    rl_reports_unwrap(list, wrappers, n);
    return &list->items[0].locations[0];
}

static void check_moved(const char *relative, rl_parse_fn *parse, int caller_line)
{
    char *wrappers[] = {"my_unlock"};
    rl_report_list list = {0};
    const rl_location *loc = parse_and_unwrap(relative, parse, wrappers, 1, &list);
    assert_int_equal(loc->line, caller_line);
    assert_non_null(loc->wrapper);
    assert_int_equal(loc->wrapper->line, 10);
    assert_string_equal(loc->wrapper->function, "my_unlock");
    assert_non_null(loc->role); /* the stack's role stays with the moved location */
    rl_report_list_free(&list);
}

static void tsan_clang(void **state)
{
    (void)state;
    check_moved("parsers/tsan-clang/wrapped_unlock.log", rl_parse_tsan_file, 18);
}

static void tsan_gcc(void **state)
{
    (void)state;
    check_moved("parsers/tsan-gcc/wrapped_unlock.log", rl_parse_tsan_file, 18);
}

static void helgrind(void **state)
{
    (void)state;
    check_moved("parsers/helgrind/wrapped_unlock.xml", rl_parse_valgrind_xml_file, 18);
}

static void drd(void **state)
{
    (void)state;
    check_moved("parsers/drd/wrapped_unlock.xml", rl_parse_valgrind_xml_file, 18);
}

/* The analyzer's SARIF has no stack: the code flow's open call gives the caller. */
static void clang_analyzer_code_flow(void **state)
{
    (void)state;
    check_moved("static/clang-analyzer/sa_wrapped_unlock.sarif", rl_parse_sarif_file, 18);
}

/* A wrapper named by its file: every frame in it is skipped; here the caller is in the
 * same file, so nothing lies outside and the location stays (the tool showed no better). */
static void file_wrapper_without_outside_caller_stays(void **state)
{
    (void)state;
    char *wrappers[] = {"wrapped_unlock.c"};
    rl_report_list list = {0};
    const rl_location *loc = parse_and_unwrap("parsers/helgrind/wrapped_unlock.xml",
                                              rl_parse_valgrind_xml_file, wrappers, 1, &list);
    assert_int_equal(loc->line, 10);
    assert_null(loc->wrapper);
    assert_true(rl_wrapper_is_file("locks.c"));
    assert_false(rl_wrapper_is_file("my_lock"));
    rl_report_list_free(&list);
}

/* No wrapper declared, or another function: the parser's location is kept. */
static void other_functions_are_not_wrappers(void **state)
{
    (void)state;
    char *wrappers[] = {"my_lock"};
    rl_report_list list = {0};
    const rl_location *loc = parse_and_unwrap("parsers/tsan-clang/wrapped_unlock.log",
                                              rl_parse_tsan_file, wrappers, 1, &list);
    assert_int_equal(loc->line, 10);
    assert_null(loc->wrapper);
    assert_true(loc->n_callers >= 1);
    assert_int_equal(loc->callers[0].line, 18);
    rl_report_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tsan_clang),
        cmocka_unit_test(tsan_gcc),
        cmocka_unit_test(helgrind),
        cmocka_unit_test(drd),
        cmocka_unit_test(clang_analyzer_code_flow),
        cmocka_unit_test(file_wrapper_without_outside_caller_stays),
        cmocka_unit_test(other_functions_are_not_wrappers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
