/* Unit tests of the static analyzers' parsers (text diagnostics, SARIF, cppcheck XML),
 * on real captured output.
 *
 * Fixtures: harness/tests/fixtures/static/<tool>/<program>.(txt|sarif|xml) were captured
 * by fixtures/static/sources/capture.sh from the programs in that folder (Debian 12:
 * clang/clang-tidy 14.0.6, gcc 12.2, cppcheck 2.10); edge/ is cut and broken from them by
 * sources/make_edge.py. Every output of a clean program, or of a tool that found nothing,
 * is in the fixture folders too: test_everything_else_is_clean parses each file the
 * tables below do not name and requires OK with no report. Every line number below was
 * read in the fixture and checked against the marker on the program's line (e.g.
 * tsa_lock_balance.c:19 is second_acquire). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "parse.h"
#include "parse_static.h"
#include "xalloc.h"

#include <jansson.h>

#include "parser_table.h"

/* ---- text diagnostics: clang-tsa, clang-analyzer (.txt), clang-tidy, gcc-analyzer --- */

static const fixture_row diagnostics_rows[] = {
    /* clang -Wthread-safety -Wthread-safety-beta -fsyntax-only */
    {.path = "static/clang-tsa/tsa_unlocked_access.txt", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"guarded-by-violation", {{"tsa_unlocked_access.c", 12, "warning"}}},
         {"guarded-by-violation", {{"tsa_unlocked_access.c", 17, "warning"}}},
     }},
    /* Captured from the cases: counter's unsafe thread program (count_lock declared,
     * never taken) and the clang-tidy / gcc findings on signal_handler_unsafe's handler. */
    {.path = "thread-safety/counter.threads_unsafe.txt", .status = RL_PARSE_OK, .n_reports = 4,
     .reports = {
         {"guarded-by-violation", {{"threads_unsafe.c", 15, "warning"}}},
         {"guarded-by-violation", {{"threads_unsafe.c", 17, "warning"}}},
         {"guarded-by-violation", {{"threads_unsafe.c", 22, "warning"}}},
         {"guarded-by-violation", {{"threads_unsafe.c", 24, "warning"}}},
     }},
    {.path = "gcc-analyzer/signal_handler_unsafe.threads_unsafe.txt", .status = RL_PARSE_OK,
     .n_reports = 3,
     .reports = {
         {"signal-unsafe-call", {{"signals.h", 43, "warning"}}},
         {"signal-unsafe-call", {{"signals.h", 46, "warning"}}},
         {"signal-unsafe-call", {{"signals.h", 49, "warning"}}},
     }},
    {.path = "static/clang-tsa/tsa_lock_balance.txt", .status = RL_PARSE_OK, .n_reports = 3,
     .reports = {
         {"lock-not-released", {{"tsa_lock_balance.c", 14, "warning"},
                                {"tsa_lock_balance.c", 12, "note"}}},
         {"double-lock", {{"tsa_lock_balance.c", 19, "warning"},
                          {"tsa_lock_balance.c", 18, "note"}}},
         {"bad-unlock", {{"tsa_lock_balance.c", 26, "warning"}}},
     }},
    /* the same with -Werror=thread-safety: "error: ... [-Werror,-Wthread-safety-analysis]" */
    {.path = "static/clang-tsa/tsa_lock_balance.werror.txt", .status = RL_PARSE_OK,
     .n_reports = 3,
     .reports = {
         {"lock-not-released", {{"tsa_lock_balance.c", 14, "warning"},
                                {"tsa_lock_balance.c", 12, "note"}}},
         {"double-lock", {{"tsa_lock_balance.c", 19, "warning"},
                          {"tsa_lock_balance.c", 18, "note"}}},
         {"bad-unlock", {{"tsa_lock_balance.c", 26, "warning"}}},
     }},
    /* the note names the acquisition on one branch; the access is flagged twice */
    {.path = "static/clang-tsa/tsa_one_path.txt", .status = RL_PARSE_OK, .n_reports = 3,
     .reports = {
         {"lock-not-released", {{"tsa_one_path.c", 14, "warning"},
                                {"tsa_one_path.c", 13, "note"}}},
         {"guarded-by-violation", {{"tsa_one_path.c", 14, "warning"}}},
         {"bad-unlock", {{"tsa_one_path.c", 16, "warning"}}},
     }},
    /* -fcolor-diagnostics: the same findings through the escapes */
    {.path = "static/clang-tsa/tsa_one_path.color.txt", .status = RL_PARSE_OK, .n_reports = 3,
     .reports = {
         {"lock-not-released", {{"tsa_one_path.c", 14, "warning"},
                                {"tsa_one_path.c", 13, "note"}}},
         {"guarded-by-violation", {{"tsa_one_path.c", 14, "warning"}}},
         {"bad-unlock", {{"tsa_one_path.c", 16, "warning"}}},
     }},
    /* acquired_before is a beta check; a REQUIRES function called unlocked */
    {.path = "static/clang-tsa/tsa_order.txt", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"lock-order-inversion", {{"tsa_order.c", 21, "warning"}}},
         {"guarded-by-violation", {{"tsa_order.c", 29, "warning"}}},
     }},
    {.path = "static/clang-tsa/compile_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "compile_error.c:3: 'racelab_missing_header.h' file not found"},
    {.path = "static/clang-tsa/syntax_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "syntax_error.c:6: expected expression"},

    /* clang --analyze's stderr: the SARIF file's findings as text */
    {.path = "static/clang-analyzer/sa_double_lock.txt", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"double-lock", {{"sa_double_lock.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_double_unlock.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"bad-unlock", {{"sa_double_unlock.c", 13, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_wrapped_unlock.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"bad-unlock", {{"sa_wrapped_unlock.c", 10, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_destroy_locked.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"destroy-locked", {{"sa_destroy_locked.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_lock_order.txt", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"lock-order-inversion", {{"sa_lock_order.c", 15, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_use_destroyed.txt", .status = RL_PARSE_OK,
     .n_reports = 1,
     .reports = {{"pthread-api-error", {{"sa_use_destroyed.c", 14, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_use_after_free.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"sa_use_after_free.c", 16, "warning"}}}}},
    {.path = "static/clang-analyzer/gcc_use_after_free.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/double_free.txt", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"other", {{"double_free.c", 14, "warning"}}}}},
    /* the analyzer inlines the annotated wrapper: the double lock is inside it */
    {.path = "static/clang-analyzer/tsa_lock_balance.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"double-lock", {{"tsa_mutex.h", 30, "warning"}}}}},
    {.path = "static/clang-analyzer/compile_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "'racelab_missing_header.h' file not found"},
    {.path = "static/clang-analyzer/syntax_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "expected expression"},

    /* clang-tidy --checks=-*,concurrency-*,bugprone-* (stdout and stderr) */
    {.path = "static/clang-tidy/tidy_unsafe_calls.txt", .status = RL_PARSE_OK, .n_reports = 4,
     .reports = {
         {"signal-unsafe-call", {{"tidy_unsafe_calls.c", 17, "warning"},
                                 {"tidy_unsafe_calls.c", 40, "note"}}},
         {"other", {{"tidy_unsafe_calls.c", 23, "warning"}}},
         {"other", {{"tidy_unsafe_calls.c", 25, "warning"}}},
         {"cond-misuse", {{"tidy_unsafe_calls.c", 34, "warning"}}},
     }},
    {.path = "static/clang-tidy/compile_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "'racelab_missing_header.h' file not found"},
    {.path = "static/clang-tidy/syntax_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "expected expression"},

    /* gcc 12 -fanalyzer: no fd checks yet (fd_pipe_misuse.txt is empty) */
    {.path = "static/gcc-analyzer/gcc_use_after_free.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    {.path = "static/gcc-analyzer/gcc_use_after_free.c-locale.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    /* seven -Wredundant-decls warnings (with notes) in /usr/include come first */
    {.path = "static/gcc-analyzer/gcc_use_after_free.system-headers.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    {.path = "static/gcc-analyzer/sa_use_after_free.txt", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"sa_use_after_free.c", 16, "warning"}}}}},
    {.path = "static/gcc-analyzer/double_free.txt", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"other", {{"double_free.c", 14, "warning"}}}}},
    {.path = "static/gcc-analyzer/tidy_unsafe_calls.txt", .status = RL_PARSE_OK,
     .n_reports = 1,
     .reports = {{"signal-unsafe-call", {{"tidy_unsafe_calls.c", 17, "warning"}}}}},
    {.path = "static/gcc-analyzer/compile_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "racelab_missing_header.h: No such file or directory"},
    {.path = "static/gcc-analyzer/syntax_error.txt", .status = RL_PARSE_TOOL_FAILED,
     .n_reports = 0, .error_has = "syntax_error.c:6: expected expression"},

    /* made from the above */
    {.path = "static/edge/tsa_lock_balance-cut.txt", .status = RL_PARSE_PARTIAL, .n_reports = 2,
     .error_has = "ends in the middle of a line",
     .reports = {
         {"lock-not-released", {{"tsa_lock_balance.c", 14, "warning"},
                                {"tsa_lock_balance.c", 12, "note"}}},
         {"double-lock", {{"tsa_lock_balance.c", 19, "warning"},
                          {"tsa_lock_balance.c", 18, "note"}}},
     }},
    {.path = "static/edge/gcc_use_after_free-nul.txt", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "byte 200: binary data"},
    {.path = "static/clang-analyzer/sa_lock_order.sarif", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "line 1: a JSON document"},
    {.path = "static/cppcheck/double_free.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 1: an XML document"},
};

/* ---- SARIF: clang --analyze -analyzer-output=sarif --------------------------------- */

static const fixture_row sarif_rows[] = {
    {.path = "static/clang-analyzer/sa_double_lock.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"double-lock", {{"sa_double_lock.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_double_unlock.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"bad-unlock", {{"sa_double_unlock.c", 13, "warning"}}}}},
    /* in the wrapper; its caller (line 18) is kept from the code flow (test_unwrap.c) */
    {.path = "static/clang-analyzer/sa_wrapped_unlock.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"bad-unlock", {{"sa_wrapped_unlock.c", 10, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_destroy_locked.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"destroy-locked", {{"sa_destroy_locked.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_lock_order.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"lock-order-inversion", {{"sa_lock_order.c", 15, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_use_destroyed.sarif", .status = RL_PARSE_OK,
     .n_reports = 1,
     .reports = {{"pthread-api-error", {{"sa_use_destroyed.c", 14, "warning"}}}}},
    {.path = "static/clang-analyzer/sa_use_after_free.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"sa_use_after_free.c", 16, "warning"}}}}},
    {.path = "static/clang-analyzer/gcc_use_after_free.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    {.path = "static/clang-analyzer/double_free.sarif", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"other", {{"double_free.c", 14, "warning"}}}}},
    {.path = "static/clang-analyzer/tsa_lock_balance.sarif", .status = RL_PARSE_OK,
     .n_reports = 1, .reports = {{"double-lock", {{"tsa_mutex.h", 30, "warning"}}}}},
    {.path = "static/edge/sa_lock_order-cut.sarif", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "line 54, column 1: not valid JSON (it ends early"},
    {.path = "static/edge/sa_double_lock-no-message.sarif", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "runs[0].results[0]: no message.text"},
    {.path = "static/edge/not-sarif.json", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "no \"version\": not SARIF"},
    {.path = "static/clang-tsa/tsa_order.txt", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 1, column 1: not valid JSON"},
    {.path = "static/edge/empty.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "empty, not SARIF"},
};

/* ---- cppcheck --xml --enable=all --inconclusive ----------------------------------- */

static const fixture_row cppcheck_rows[] = {
    /* the second free first: cppcheck lists the finding, then what led to it */
    {.path = "static/cppcheck/double_free.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"other", {{"double_free.c", 14, "warning"}, {"double_free.c", 13, "note"}}}}},
    {.path = "static/cppcheck/gcc_use_after_free.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"use-after-free", {{"gcc_use_after_free.c", 12, "warning"}}}}},
    /* write_after_close only: the write to a read-only stream and the fd leak are missed */
    {.path = "static/cppcheck/fd_file_misuse.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"fd-misuse", {{"fd_file_misuse.c", 13, "warning"}}}}},
    {.path = "static/cppcheck/syntax_error.xml", .status = RL_PARSE_TOOL_FAILED, .n_reports = 0,
     .error_has = "syntax_error.c:6: syntaxError: Unmatched '('"},
    {.path = "static/edge/double_free-cut.xml", .status = RL_PARSE_PARTIAL, .n_reports = 0,
     .error_has = "line 8: output ends before </results>, inside an <error> (dropped)"},
    {.path = "static/edge/fd_file_misuse-cut.xml", .status = RL_PARSE_PARTIAL, .n_reports = 1,
     .error_has = "line 8: output ends before </results>",
     .reports = {{"fd-misuse", {{"fd_file_misuse.c", 13, "warning"}}}}},
    {.path = "static/edge/cppcheck-header-cut.xml", .status = RL_PARSE_PARTIAL, .n_reports = 0,
     .error_has = "output ends before <results> has begun"},
    {.path = "static/edge/empty.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 1: empty, not cppcheck XML output"},
    /* double_free.xml with an internal entity referenced 1,000 times in a message: the
     * issue's 104 KB -> 100 MB attack, small; refused, nothing expanded. */
    {.path = "static/edge/cppcheck-entity-expansion.xml", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "line 2: the document declares a DTD"},
    {.path = "static/clang-analyzer/double_free.sarif", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "line 1: not XML: the text starts with \"{\""},
    /* a Valgrind document is XML, but not cppcheck's */
    {.path = "helgrind/counter.threads_unsafe.xml", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "root element <valgrindoutput> is not cppcheck's"},
};

/* ---- running a row ---------------------------------------------------------------- */

typedef struct {
    const char *name;
    rl_parse_fn *parse;
    const fixture_row *rows;
    size_t n_rows;
} parser_rows;

static const parser_rows tables[] = {
    {"diagnostics", rl_parse_diagnostics_file, diagnostics_rows,
     sizeof diagnostics_rows / sizeof diagnostics_rows[0]},
    {"sarif", rl_parse_sarif_file, sarif_rows, sizeof sarif_rows / sizeof sarif_rows[0]},
    {"cppcheck-xml", rl_parse_cppcheck_file, cppcheck_rows,
     sizeof cppcheck_rows / sizeof cppcheck_rows[0]},
};

typedef struct {
    rl_parse_fn *parse;
    const fixture_row *row;
} row_state;

static void test_fixture(void **state)
{
    const row_state *s = *state;
    char *path = fixture_path(s->row->path);
    rl_report_list list = {0};
    char *error = NULL;
    rl_parse_status status = s->parse(path, &list, &error);
    check_row(s->row, status, error, &list);
    for (size_t i = 0; i < list.n; i++)
        assert_non_null(list.items[i].message);
    if (error)
        assert_contains(error, path); /* a file's error says which file */
    rl_report_list_free(&list);
    free(error);
    free(path);
}

/* ---- everything not in the tables: found nothing ----------------------------------- */

static bool named_in(const parser_rows *table, const char *relative)
{
    for (size_t i = 0; i < table->n_rows; i++)
        if (strcmp(table->rows[i].path, relative) == 0)
            return true;
    return false;
}

/* Each tool folder's outputs, by the parser that reads them. */
static void test_everything_else_is_clean(void **state)
{
    (void)state;
    static const struct {
        const char *dir, *suffix;
        size_t table;
    } outputs[] = {
        {"clang-tsa", ".txt", 0},      {"clang-analyzer", ".txt", 0},
        {"clang-tidy", ".txt", 0},     {"gcc-analyzer", ".txt", 0},
        {"clang-analyzer", ".sarif", 1}, {"cppcheck", ".xml", 2},
    };
    size_t clean = 0;
    for (size_t d = 0; d < sizeof outputs / sizeof outputs[0]; d++) {
        char *dir = xasprintf("%s/static/%s", RACELAB_FIXTURES, outputs[d].dir);
        char **names;
        size_t n = rl_list_dir(dir, outputs[d].suffix, false, &names);
        assert_true(n > 0);
        const parser_rows *table = &tables[outputs[d].table];
        for (size_t i = 0; i < n; i++) {
            char *relative = xasprintf("static/%s/%s", outputs[d].dir, names[i]);
            if (!named_in(table, relative)) {
                char *path = fixture_path(relative);
                rl_report_list list = {0};
                char *error = NULL;
                rl_parse_status status = table->parse(path, &list, &error);
                if (status != RL_PARSE_OK || list.n != 0)
                    dump_reports(relative, status, error, &list);
                assert_int_equal(status, RL_PARSE_OK);
                assert_int_equal(list.n, 0);
                rl_report_list_free(&list);
                free(error);
                free(path);
                clean++;
            }
            free(relative);
        }
        rl_free_strings(names, n);
        free(dir);
    }
    assert_true(clean >= 60); /* the clean programs' outputs are really there */
}

/* ---- details ---------------------------------------------------------------------- */

static char *read_fixture(const char *relative, size_t *len)
{
    char *path = fixture_path(relative);
    char *text = rl_read_file(path, len);
    assert_non_null(text);
    free(path);
    return text;
}

/* What a report carries beyond kind and lines: the option, the message, the path. */
static void test_diagnostic_details(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("static/gcc-analyzer/gcc_use_after_free.c-locale.txt", &len);
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_diagnostics_text(text, len, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].tool_kind, "-Wanalyzer-use-after-free");
    assert_string_equal(list.items[0].message, "use after 'free' of 'counter'");
    assert_string_equal(list.items[0].locations[0].file,
                        "/work/main/harness/tests/fixtures/static/sources/gcc_use_after_free.c");
    rl_report_list_free(&list);
    free(text);

    text = read_fixture("static/clang-tsa/tsa_lock_balance.werror.txt", &len);
    assert_int_equal(rl_parse_diagnostics_text(text, len, &list, &error), RL_PARSE_OK);
    assert_string_equal(list.items[1].tool_kind, "-Wthread-safety-analysis");
    assert_string_equal(list.items[1].message,
                        "acquiring mutex 'counter_lock' that is already held");
    rl_report_list_free(&list);
    free(text);

    text = read_fixture("static/clang-tidy/tidy_unsafe_calls.txt", &len);
    assert_int_equal(rl_parse_diagnostics_text(text, len, &list, &error), RL_PARSE_OK);
    /* "... while statement  [bugprone-spuriously-wake-up-functions]": two blanks */
    assert_string_equal(list.items[3].tool_kind, "bugprone-spuriously-wake-up-functions");
    assert_string_equal(list.items[3].message, "'cnd_wait' should be placed inside a while "
                                               "statement");
    rl_report_list_free(&list);
    free(text);
}

static void test_sarif_details(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("static/clang-analyzer/sa_lock_order.sarif", &len);
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_sarif_text(text, len, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].tool_kind, "alpha.unix.PthreadLock");
    assert_string_equal(list.items[0].message,
                        "This was not the most recently acquired lock. Possible lock order "
                        "reversal");
    assert_string_equal(list.items[0].locations[0].file,
                        "/work/main/harness/tests/fixtures/static/sources/sa_lock_order.c");
    rl_report_list_free(&list);
    free(text);
}

/* The real sa_double_lock.sarif, changed by `edit` on its first result, parsed. */
static rl_parse_status parse_edited(void (*edit)(json_t *result), rl_report_list *list,
                                    char **error)
{
    char *path = fixture_path("static/clang-analyzer/sa_double_lock.sarif");
    json_error_t json_error;
    json_t *root = json_load_file(path, 0, &json_error);
    assert_non_null(root);
    json_t *runs = json_object_get(root, "runs");
    edit(json_array_get(json_object_get(json_array_get(runs, 0), "results"), 0));
    char *text = json_dumps(root, 0);
    rl_parse_status status = rl_parse_sarif_text(text, strlen(text), list, error);
    free(text);
    json_decref(root);
    free(path);
    return status;
}

static json_t *artifact_location(json_t *result)
{
    json_t *location = json_array_get(json_object_get(result, "locations"), 0);
    return json_object_get(json_object_get(location, "physicalLocation"), "artifactLocation");
}

static void escaped_uri(json_t *result)
{
    json_object_set_new(artifact_location(result), "uri",
                        json_string("file:///work/my%20dir/a.c"));
}

static void index_only(json_t *result)
{
    json_object_del(artifact_location(result), "uri");
}

static void rule_index_only(json_t *result)
{
    json_object_del(result, "ruleId");
}

static void in_system_header(json_t *result)
{
    json_object_set_new(artifact_location(result), "uri",
                        json_string("file:///usr/include/pthread.h"));
}

static void passing(json_t *result)
{
    json_object_set_new(result, "kind", json_string("pass"));
}

static void no_locations(json_t *result)
{
    json_object_del(result, "locations");
}

static void locations_not_array(json_t *result)
{
    json_object_set_new(result, "locations", json_string("here"));
}

/* The SARIF forms clang does not write but the format allows, made from a real file. */
static void test_sarif_variants(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;

    assert_int_equal(parse_edited(escaped_uri, &list, &error), RL_PARSE_OK);
    assert_string_equal(list.items[0].locations[0].file, "/work/my dir/a.c");
    rl_report_list_free(&list);

    /* no uri: the run's artifacts[index] has it */
    assert_int_equal(parse_edited(index_only, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.items[0].n_locations, 1);
    assert_string_equal(base_name(list.items[0].locations[0].file), "sa_double_lock.c");
    assert_int_equal(list.items[0].locations[0].line, 12);
    rl_report_list_free(&list);

    /* no ruleId: tool.driver.rules[ruleIndex] names it */
    assert_int_equal(parse_edited(rule_index_only, &list, &error), RL_PARSE_OK);
    assert_string_equal(list.items[0].tool_kind, "alpha.unix.PthreadLock");
    assert_string_equal(rl_kind_name(list.items[0].kind), "double-lock");
    rl_report_list_free(&list);

    assert_int_equal(parse_edited(in_system_header, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 0);
    assert_int_equal(parse_edited(passing, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 0);

    /* no location: a report on no particular line */
    assert_int_equal(parse_edited(no_locations, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.items[0].n_locations, 0);
    rl_report_list_free(&list);

    assert_int_equal(parse_edited(locations_not_array, &list, &error), RL_PARSE_MALFORMED);
    assert_contains(error, "runs[0].results[0].locations: not an array");
    assert_int_equal(list.n, 0);
    free(error);
    error = NULL;

    /* a run without results is clean; results that are not an array are not */
    static const char no_results[] = "{\"version\": \"2.1.0\", \"runs\": [{}]}";
    assert_int_equal(rl_parse_sarif_text(no_results, strlen(no_results), &list, &error),
                     RL_PARSE_OK);
    static const char bad_results[] = "{\"version\": \"2.1.0\", \"runs\": [{\"results\": 3}]}";
    assert_int_equal(rl_parse_sarif_text(bad_results, strlen(bad_results), &list, &error),
                     RL_PARSE_MALFORMED);
    assert_contains(error, "runs[0].results: not an array");
    free(error);
    error = NULL;
    static const char old[] = "{\"version\": \"1.0.0\", \"runs\": []}";
    assert_int_equal(rl_parse_sarif_text(old, strlen(old), &list, &error), RL_PARSE_MALFORMED);
    assert_contains(error, "SARIF version 1.0.0");
    free(error);
    assert_int_equal(list.n, 0);
}

/* A text cut at any byte keeps exactly the warnings whose line was written whole, and is
 * PARTIAL exactly when the cut is inside a line. */
static void test_every_cut_diagnostics(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("static/clang-tsa/tsa_lock_balance.txt", &len);
    for (size_t cut = 0; cut <= len; cut++) {
        size_t whole = 0;
        for (const char *p = strstr(text, ": warning: "); p; p = strstr(p + 1, ": warning: ")) {
            const char *eol = strchr(p, '\n');
            if (eol && (size_t)(eol - text) < cut)
                whole++;
        }
        rl_report_list list = {0};
        char *error = NULL;
        rl_parse_status status = rl_parse_diagnostics_text(text, cut, &list, &error);
        bool mid_line = cut > 0 && text[cut - 1] != '\n';
        if (list.n != whole || status != (mid_line ? RL_PARSE_PARTIAL : RL_PARSE_OK))
            print_message("cut at byte %zu\n", cut);
        assert_int_equal(list.n, whole);
        assert_int_equal(status, mid_line ? RL_PARSE_PARTIAL : RL_PARSE_OK);
        rl_report_list_free(&list);
        free(error);
    }
    free(text);
}

/* A cppcheck document cut at any byte keeps the findings whose </error> was written, and
 * is PARTIAL until the root is closed; it never fails as malformed. */
static void test_every_cut_cppcheck(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("static/cppcheck/double_free.xml", &len);
    const char *finding_end = strstr(text, "</error>") + strlen("</error>");
    const char *root_end = strstr(text, "</results>") + strlen("</results>");
    for (size_t cut = 1; cut <= len; cut++) {
        rl_report_list list = {0};
        char *error = NULL;
        rl_parse_status status = rl_parse_cppcheck_text(text, cut, &list, &error);
        size_t want = cut >= (size_t)(finding_end - text) ? 1 : 0;
        rl_parse_status want_status =
            cut >= (size_t)(root_end - text) ? RL_PARSE_OK : RL_PARSE_PARTIAL;
        if (list.n != want || status != want_status)
            print_message("cut at byte %zu: status %d, %zu report(s), %s\n", cut, (int)status,
                          list.n, error ? error : "");
        assert_int_equal(status, want_status);
        assert_int_equal(list.n, want);
        rl_report_list_free(&list);
        free(error);
    }
    free(text);
}

/* A SARIF file cut anywhere before its last brace is malformed, and adds nothing. */
static void test_every_cut_sarif(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("static/clang-analyzer/sa_destroy_locked.sarif", &len);
    size_t complete = (size_t)(strrchr(text, '}') - text) + 1;
    for (size_t cut = 0; cut <= len; cut++) {
        rl_report_list list = {0};
        char *error = NULL;
        rl_parse_status status = rl_parse_sarif_text(text, cut, &list, &error);
        assert_int_equal(status, cut >= complete ? RL_PARSE_OK : RL_PARSE_MALFORMED);
        assert_int_equal(list.n, cut >= complete ? 1 : 0);
        rl_report_list_free(&list);
        free(error);
    }
    free(text);
}

/* The kinds of messages the captures do not contain, from the tools' sources: clang's
 * thread-safety texts (DiagnosticSemaKinds.td), PthreadLockChecker.cpp's reports, gcc 13's
 * fd checks, clang-tidy checks run through clang-tidy's own prefixes. */
static void test_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *rule, *message, *kind;
    } kinds[] = {
        {"-Wthread-safety-reference", "passing variable 'x' by reference requires holding "
                                      "mutex 'm'", "guarded-by-violation"},
        {"-Wthread-safety-precise", "writing variable 'x' requires holding mutex 'a.m' "
                                    "exclusively", "guarded-by-violation"},
        {"-Wthread-safety-analysis", "expecting mutex 'm' to be held at start of each loop",
         "lock-not-released"},
        {"-Wthread-safety-analysis", "releasing mutex 'm' using shared access, expected "
                                     "exclusive access", "bad-unlock"},
        {"-Wthread-safety-analysis", "cannot call function 'f' while mutex 'm' is held",
         "other"},
        {"-Wthread-safety-attributes", "'guarded_by' attribute requires arguments whose type "
                                       "is annotated with 'capability' attribute", "other"},
        {"alpha.unix.PthreadLock", "This lock is still being held", "pthread-api-error"},
        {"alpha.unix.PthreadLock", "This lock has already been initialized",
         "pthread-api-error"},
        {"alpha.core.C11Lock", "This lock has already been unlocked", "bad-unlock"},
        {"unix.Stream", "Stream might be already closed. Causes undefined behaviour",
         "fd-misuse"},
        {"alpha.unix.Stream", "Opened stream never closed. Potential resource leak",
         "fd-misuse"},
        {"clang-analyzer-alpha.unix.PthreadLock", "This lock has already been acquired",
         "double-lock"},
        {"clang-diagnostic-thread-safety-analysis", "acquiring mutex 'm' that is already held",
         "double-lock"},
        {"-Wanalyzer-fd-access-mode-mismatch", "'write' on read-only file descriptor 'fd'",
         "fd-misuse"},
        {"-Wanalyzer-fd-leak", "leak of file descriptor 'fd'", "fd-misuse"},
        {"-Wanalyzer-double-fclose", "double 'fclose' of FILE 'f'", "fd-misuse"},
        {"-Wanalyzer-null-dereference", "dereference of NULL 'p'", "other"},
        {"cert-sig30-c", "'printf' may not be asynchronous-safe", "signal-unsafe-call"},
        {"bugprone-use-after-move", "'x' used after it was moved", "other"},
        {"-Wunused-variable", "unused variable 'x'", "other"},
        {NULL, "anything", "other"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const char *kind = rl_kind_name(rl_static_kind(kinds[i].rule, kinds[i].message));
        if (strcmp(kind, kinds[i].kind) != 0)
            print_message("%s / %s\n", kinds[i].rule ? kinds[i].rule : "(null)",
                          kinds[i].message);
        assert_string_equal(kind, kinds[i].kind);
    }
}

/* Lines a compiler writes that look almost like diagnostics, and driver messages. */
static void test_diagnostic_line_forms(void **state)
{
    (void)state;
    static const char text[] =
        "In file included from /src/a.c:5:\n"
        "/src/a.h:30:5: warning: This lock has already been acquired [alpha.unix.PthreadLock]\n"
        "/src/a.h:30:5: note: expanded from macro 'LOCK'\n"
        "/src/a.c: In function 'main':\n"
        "/src/a.c:7: warning: no column here [-Wanalyzer-use-after-free]\n"
        "clang: warning: argument unused during compilation: '-pthread' "
        "[-Wunused-command-line-argument]\n"
        "/usr/include/stdio.h:434:12: warning: redundant redeclaration of 'fscanf' "
        "[-Wredundant-decls]\n"
        "/src/a.c:9:3: note: a note after a system-header warning belongs to nothing\n"
        "/src/a.c:12:1: error: mutex 'm' is still held at the end of function "
        "[-Werror=thread-safety-analysis]\n"
        "/src/a.c:13:1: warning: x [bugprone-signal-handler,-warnings-as-errors]\n"
        "    printf(\"/src/a.c:1:1: warning: in an echoed source line\");\n"
        "   12 |     (*counter)++; /* /src/a.c:2:2: warning: gcc's echo */\n"
        "2 warnings generated.\n";
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_diagnostics_text(text, strlen(text), &list, &error), RL_PARSE_OK);
    if (list.n != 4)
        dump_reports("line forms", RL_PARSE_OK, error, &list);
    assert_int_equal(list.n, 4);
    assert_string_equal(rl_kind_name(list.items[0].kind), "double-lock");
    assert_int_equal(list.items[0].n_locations, 1); /* the macro note is not a location */
    assert_string_equal(rl_kind_name(list.items[1].kind), "use-after-free");
    assert_int_equal(list.items[1].locations[0].line, 7);
    assert_string_equal(rl_kind_name(list.items[2].kind), "lock-not-released");
    assert_string_equal(list.items[2].tool_kind, "-Wthread-safety-analysis");
    assert_string_equal(rl_kind_name(list.items[3].kind), "signal-unsafe-call");
    assert_string_equal(list.items[3].tool_kind, "bugprone-signal-handler");
    rl_report_list_free(&list);

    /* a driver error: the tool did not run on the program */
    static const char driver[] = "clang: error: no such file or directory: 'nope.c'\n"
                                 "clang: error: no input files\n";
    assert_int_equal(rl_parse_diagnostics_text(driver, strlen(driver), &list, &error),
                     RL_PARSE_TOOL_FAILED);
    assert_contains(error, "no such file or directory: 'nope.c'");
    free(error);
    error = NULL;

    /* CRLF line ends */
    static const char crlf[] = "/src/a.c:3:1: warning: releasing mutex 'm' that was not held "
                               "[-Wthread-safety-analysis]\r\n";
    assert_int_equal(rl_parse_diagnostics_text(crlf, strlen(crlf), &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(rl_kind_name(list.items[0].kind), "bad-unlock");
    assert_string_equal(list.items[0].tool_kind, "-Wthread-safety-analysis");
    rl_report_list_free(&list);

    assert_int_equal(rl_parse_diagnostics_text("", 0, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 0);
    assert_null(error);
}

/* Parsing appends, like the other parsers: several files go into one list. */
static void test_appends_to_list(void **state)
{
    (void)state;
    char *text = fixture_path("static/clang-analyzer/sa_double_lock.txt");
    char *sarif = fixture_path("static/clang-analyzer/sa_double_unlock.sarif");
    char *xml = fixture_path("static/cppcheck/gcc_use_after_free.xml");
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_diagnostics_file(text, &list, &error), RL_PARSE_OK);
    assert_int_equal(rl_parse_sarif_file(sarif, &list, &error), RL_PARSE_OK);
    assert_int_equal(rl_parse_cppcheck_file(xml, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 3);
    assert_string_equal(rl_kind_name(list.items[0].kind), "double-lock");
    assert_string_equal(rl_kind_name(list.items[1].kind), "bad-unlock");
    assert_string_equal(rl_kind_name(list.items[2].kind), "use-after-free");
    rl_report_list_free(&list);
    free(text);
    free(sarif);
    free(xml);
}

static void test_missing_file(void **state)
{
    (void)state;
    rl_parse_fn *const parsers[] = {rl_parse_diagnostics_file, rl_parse_sarif_file,
                                    rl_parse_cppcheck_file};
    for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++) {
        rl_report_list list = {0};
        char *error = NULL;
        assert_int_equal(parsers[i]("/nonexistent/out.x", &list, &error), RL_PARSE_MALFORMED);
        assert_contains(error, "/nonexistent/out.x: cannot read");
        assert_int_equal(list.n, 0);
        free(error);
    }
}

int main(void)
{
    int failed = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        size_t n = tables[t].n_rows;
        struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
        row_state *states = xcalloc(n, sizeof *states);
        for (size_t i = 0; i < n; i++) {
            states[i] = (row_state){tables[t].parse, &tables[t].rows[i]};
            tests[i].name = tables[t].rows[i].path;
            tests[i].test_func = test_fixture;
            tests[i].initial_state = &states[i];
        }
        char *group = xasprintf("%s fixtures", tables[t].name);
        failed += _cmocka_run_group_tests(group, tests, n, NULL, NULL);
        free(group);
        free(states);
        free(tests);
    }

    const struct CMUnitTest details[] = {
        cmocka_unit_test(test_everything_else_is_clean),
        cmocka_unit_test(test_diagnostic_details),
        cmocka_unit_test(test_sarif_details),
        cmocka_unit_test(test_sarif_variants),
        cmocka_unit_test(test_every_cut_diagnostics),
        cmocka_unit_test(test_every_cut_cppcheck),
        cmocka_unit_test(test_every_cut_sarif),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_diagnostic_line_forms),
        cmocka_unit_test(test_appends_to_list),
        cmocka_unit_test(test_missing_file),
    };
    failed += cmocka_run_group_tests_name("static parser details", details, NULL, NULL);
    return failed;
}
