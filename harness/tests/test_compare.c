/* racelab compare: a version and its family side by side. Cells where the two differ are
 * listed with both expectations; a version that says the same for a reason of its own is
 * listed apart; identical cells are only counted; skipped cells are not compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compare.h"
#include "fsutil.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tools_json[] =
    "{\"builds\": {\"plain\": {}}, \"tools\": ["
    " {\"name\": \"det\", \"argv\": [\"{source}\"], \"parser\": \"tsan\", \"reports\": \"r.*\","
    "  \"limits\": {\"atomics\": {\"reason\": \"it does not know atomics\", \"observed\": \"1\"},"
    "              \"blind\": {\"reason\": \"one thread\", \"observed\": \"1\","
    "                          \"default_for\": \"unsafe\"}}},"
    " {\"name\": \"det-2\", \"version_of\": \"det\", \"optional\": \"two\","
    "  \"limits\": {\"atomics\": {\"reason\": \"version 2 still does not\", \"observed\": \"2\"}}}]}";

static const char case_ini[] =
    "[case]\ntitle = t\nlesson = l\n"
    "[program threads_unsafe]\ndet = detect data-race at m\ndet-2 = blind: @blind; it stopped\n"
    "[program threads_safe]\ndet = false-alarm data-race at m: @atomics\n"
    "[program threads_safe_b]\n";

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *compare_text(const rl_matrix *m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    rl_print_compare(m, out);
    fclose(out);
    return text;
}

static void side_by_side(void **state)
{
    (void)state;
    char dir[] = "/tmp/racelab-test-compare-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *tools = xasprintf("%s/tools.json", dir), *cases = xasprintf("%s/cases", dir);
    char *c = xasprintf("%s/c", cases);
    assert_int_equal(rl_mkdir_p(c), 0);
    write_text(tools, tools_json);
    char *ini = xasprintf("%s/case.ini", c);
    write_text(ini, case_ini);
    const char *programs[] = {"threads_unsafe", "threads_safe", "threads_safe_b"};
    for (size_t i = 0; i < 3; i++) {
        char *src = xasprintf("%s/%s.c", c, programs[i]);
        write_text(src, "int x; /* racelab: m */\n");
        free(src);
    }
    rl_options opt = {.cases_dir = cases, .build_dir = dir, .tools_path = tools, .repeat = 1,
                      .compare = true};
    rl_matrix m;
    char *error = NULL;
    if (rl_matrix_prepare(&m, &opt, &error) != 0)
        fail_msg("%s", error);
    assert_int_equal(m.n_tools, 2); /* compare selects the family and its optional version */
    assert_true(rl_compare_wanted(&m));
    for (size_t i = 0; i < m.n_cells; i++)
        m.cells[i].verdict = RL_VERDICT_PASS;
    char *text = compare_text(&m);
    assert_non_null(strstr(text, "3 program(s) compared: 1 differ, 1 the same for a reason of "
                                 "the version's own, 1 the same; 0 not compared"));
    assert_non_null(strstr(text, "c/threads_unsafe: det false alarm 0/1 | det-2 blind\n"));
    assert_non_null(strstr(text, "det-2: blind: one thread; it stopped  <- c/case.ini:6 @blind"));
    assert_non_null(strstr(text, "c/threads_safe: det false alarm 0/1 | det-2 false alarm 0/1 "
                                 "(the same, for a reason of its own)\n"));
    assert_non_null(strstr(text, "det-2: false-alarm data-race at m: version 2 still does not"));
    assert_null(strstr(text, "threads_safe_b")); /* the same: counted, not listed */
    free(text);
    m.cells[m.n_cells - 1].verdict = RL_VERDICT_SKIP; /* det-2 on threads_safe_b */
    m.cells[m.n_cells - 1].reason = xstrdup("not installed");
    text = compare_text(&m);
    assert_non_null(strstr(text, "0 the same; 1 not compared\n  1 cell(s) not compared, e.g. "
                                 "c/threads_safe_b det-2 skip: not installed"));
    free(text);
    rl_matrix_free(&m);
    free(ini);
    free(c);
    free(cases);
    free(tools);
    rl_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(side_by_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
