/* The kind table (kinds.def) and cases/FORMAT.md's list of kinds name the same kinds, in
 * the same order; names parse back to their kind. */
#include "fsutil.h"
#include "kinds.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The `backquoted` words after the colon of FORMAT.md's paragraph that starts with
 * "Report kinds". */
static size_t format_md_kinds(char *text, char **names, size_t max)
{
    char *p = strstr(text, "\nReport kinds");
    assert_non_null(p);
    char *end = strstr(p + 1, "\n\n");
    if (end)
        *end = '\0';
    p = strstr(p, "):");
    assert_non_null(p);
    size_t n = 0;
    while ((p = strchr(p, '`')) != NULL && n < max) {
        char *close = strchr(p + 1, '`');
        assert_non_null(close);
        *close = '\0';
        names[n++] = p + 1;
        p = close + 1;
    }
    return n;
}

static void format_md_lists_the_table(void **state)
{
    (void)state;
    char *text = rl_read_file(RACELAB_SOURCE_DIR "/cases/FORMAT.md", NULL);
    assert_non_null(text);
    char *names[64];
    size_t n = format_md_kinds(text, names, 64);
    for (size_t i = 0; i < n && i < RL_KIND_COUNT; i++)
        if (strcmp(names[i], rl_kind_name((rl_kind)i)) != 0)
            fail_msg("FORMAT.md lists '%s' where kinds.def has '%s' (entry %zu)", names[i],
                     rl_kind_name((rl_kind)i), i + 1);
    assert_int_equal(n, RL_KIND_COUNT);
    free(text);
}

static void names_parse_back(void **state)
{
    (void)state;
    for (int k = 0; k < RL_KIND_COUNT; k++) {
        rl_kind back = RL_KIND_COUNT;
        assert_true(rl_kind_parse(rl_kind_name((rl_kind)k), &back));
        assert_int_equal(back, k);
        assert_non_null(rl_kind_about((rl_kind)k)->meaning);
    }
    rl_kind unused;
    assert_false(rl_kind_parse("data_race", &unused));
    assert_string_equal(rl_kind_name(RL_KIND_COUNT), "other");
    char *list = rl_kind_list();
    assert_true(strncmp(list, "data-race, lock-order-inversion, ", 33) == 0);
    assert_string_equal(list + strlen(list) - 7, ", other");
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_md_lists_the_table),
        cmocka_unit_test(names_parse_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
