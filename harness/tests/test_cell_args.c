/* What a program's settings add to the commands that build, run and analyse it
 * (cell_args.c): options before the program, arguments after it, {defines} expanded in
 * place, flags in the order that lets the case's own win. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cell_args.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *case_words[] = {"-O0", "-DFROM_CFLAGS"};
static char *prog_words[] = {"-DX=1"};
static char *define_words[] = {"DEBUG", "N=2"};
static char *include_words[] = {"include", "/abs"};
static char *option_words[] = {"--check-stack-var=yes"};
static char *arg_words[] = {"27", "two words"};
static rl_setting case_settings[] = {
    {"cflags", case_words, 2, 2},
    {"defines", define_words, 2, 3},
};
static rl_setting prog_settings[] = {
    {"cflags", prog_words, 1, 6},
    {"includes", include_words, 2, 7},
    {"options.drd", option_words, 1, 8},
    {"args", arg_words, 2, 9},
};
static rl_case the_case = {.name = "c", .dir = "/cases/c", .settings = case_settings,
                           .n_settings = 2};
static rl_program the_program = {.name = "p", .settings = prog_settings, .n_settings = 4};

static char *verbatim(const char *element, const void *ctx)
{
    (void)ctx;
    return xstrdup(element);
}

static void assert_words(char **got, size_t n, const char *const *want)
{
    for (size_t i = 0; i < n; i++) {
        assert_non_null(got[i]);
        assert_string_equal(got[i], want[i]);
    }
    assert_null(got[n]);
}

static void free_words(char **v)
{
    for (size_t i = 0; v[i]; i++)
        free(v[i]);
    free(v);
}

static void build_flags_case_then_program_then_defines(void **state)
{
    (void)state;
    size_t n;
    char **flags = rl_build_flags(&the_case, &the_program, "plain", &n);
    const char *want[] = {"-O0", "-DFROM_CFLAGS", "-DX=1", "-DDEBUG", "-DN=2",
                          "-I/cases/c/include", "-I/abs"};
    assert_int_equal(n, 7);
    assert_words(flags, 7, want);
    free_words(flags);
}

static void options_before_the_program_arguments_after(void **state)
{
    (void)state;
    char *argv[] = {"valgrind", "--tool=drd", "{program}"};
    rl_tool drd = {.name = "drd", .argv = argv, .argc = 3};
    char **got = rl_tool_argv(&the_case, &the_program, &drd, verbatim, NULL);
    const char *want[] = {"valgrind", "--tool=drd", "--check-stack-var=yes", "{program}", "27",
                          "two words"};
    assert_words(got, 6, want);
    free_words(got);
}

static void defines_expand_in_place_for_analyzers(void **state)
{
    (void)state;
    char *argv[] = {"clang-tidy", "{source}", "--", "-I{cases}/common", "{defines}"};
    rl_tool tidy = {.name = "clang-tidy", .argv = argv, .argc = 5};
    char **got = rl_tool_argv(&the_case, &the_program, &tidy, verbatim, NULL);
    /* of cflags, only what changes the source's meaning: not -O0 */
    const char *want[] = {"clang-tidy", "{source}", "--", "-I{cases}/common", "-DFROM_CFLAGS",
                          "-DX=1", "-DDEBUG", "-DN=2", "-I/cases/c/include", "-I/abs"};
    assert_words(got, 10, want);
    free_words(got);
}

/* A program without settings gets the tool's command as it is. */
static void no_settings_no_change(void **state)
{
    (void)state;
    rl_case plain_case = {.name = "c", .dir = "/cases/c"};
    rl_program plain = {.name = "p"};
    char *argv[] = {"setarch", "-R", "{program}", "{defines}"};
    rl_tool tsan = {.name = "tsan-gcc", .argv = argv, .argc = 4};
    char **got = rl_tool_argv(&plain_case, &plain, &tsan, verbatim, NULL);
    const char *want[] = {"setarch", "-R", "{program}"};
    assert_words(got, 3, want);
    free_words(got);
    size_t n;
    char **flags = rl_build_flags(&plain_case, &plain, "tsan-gcc", &n);
    assert_int_equal(n, 0);
    assert_null(flags[0]);
    free(flags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(build_flags_case_then_program_then_defines),
        cmocka_unit_test(options_before_the_program_arguments_after),
        cmocka_unit_test(defines_expand_in_place_for_analyzers),
        cmocka_unit_test(no_settings_no_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
