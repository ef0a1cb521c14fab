/* Unit tests of the Valgrind XML parser (Helgrind, DRD), on real captured output.
 *
 * Fixtures: harness/tests/fixtures/parsers/{helgrind,drd}/<program>.xml were captured by
 * harness/tests/fixtures/sources/capture.sh from the programs in that folder (gcc -O1 -g,
 * run as `valgrind --tool=helgrind|drd --fair-sched=yes --child-silent-after-fork=yes
 * --xml=yes --xml-file=...`, Valgrind 3.19).
 * edge/ holds documents cut from them by hand (a run killed at its deadline) and
 * malformed ones. Every line number below was read in the fixture and checked against the
 * program's source line (e.g. race.c:10 is `counter++`). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "xalloc.h"


#include "parser_table.h"

/* Helgrind's "Exiting thread still holds 1 lock" has only libc frames (start_thread):
 * no location. A program that provokes nothing in a tool has its clean XML here too. */
static const fixture_row rows[] = {
    {.path = "parsers/helgrind/clean.xml", .status = RL_PARSE_OK, .n_reports = 0},
    /* --history-level=approx: the other thread's segment (after line 16, before 17) is
     * context; the access it held (line 15) is not known, so only main's is a location */
    {.path = "parsers/helgrind/approx_race.approx.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"approx_race.c", 25, "access"}}},
     }},
    {.path = "parsers/helgrind/approx_race.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"approx_race.c", 25, "access"}, {"approx_race.c", 15, "previous access"}}},
     }},
    /* the same misuse, one kind: Helgrind's Misc "pthread_cond_{timed}wait called with
     * un-held mutex" and DRD's MutexErr "Mutex not locked" raised in pthread_cond_timedwait */
    {.path = "parsers/helgrind/cond_unheld.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"cond-misuse", {{"cond_unheld.c", 17, "call"}}},
         {"bad-unlock", {{"cond_unheld.c", 18, "unlock"}}},
     }},
    {.path = "parsers/drd/cond_unheld.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"cond-misuse", {{"cond_unheld.c", 17, "call"}}},
     }},
    /* the parser names the wrapper's line; unwrap.c moves it to the caller (its test) */
    {.path = "parsers/helgrind/wrapped_unlock.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"wrapped_unlock.c", 10, "unlock"}}},
     }},
    {.path = "parsers/drd/wrapped_unlock.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"wrapped_unlock.c", 10, "unlock"}}},
     }},
    {.path = "parsers/helgrind/destroy_locked.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"destroy-locked", {{"destroy_locked.c", 10, "destroy"}}},
         {"pthread-api-error", {{"destroy_locked.c", 10, "call"}}},
     }},
    {.path = "parsers/helgrind/double_lock.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"double-lock", {{"double_lock.c", 16, "lock"},
                                {"double_lock.c", 15, "previous lock"}}},
         {"pthread-api-error", {{"double_lock.c", 16, "call"}}},
     }},
    {.path = "parsers/helgrind/double_lock_reinit.xml", .status = RL_PARSE_OK, .n_reports = 3,
     .reports = {
         {"lock-held-at-exit", {{NULL, 0, NULL}}}, /* no user frame in its stack */
         {"double-lock", {{"double_lock_reinit.c", 25, "lock"}}},
         {"bad-unlock", {{"double_lock_reinit.c", 27, "unlock"}}},
     }},
    {.path = "parsers/helgrind/errno_spoiled.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/helgrind/held_at_exit.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-held-at-exit", {{NULL, 0, NULL}}}, /* no user frame in its stack */
     }},
    {.path = "parsers/helgrind/invalid_mutex.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"pthread-api-error", {{"invalid_mutex.c", 10, "call"}}},
     }},
    {.path = "parsers/helgrind/lock_order.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order.c", 24, "lock"},
                                {"lock_order.c", 12, "order first lock"},
                                {"lock_order.c", 13, "order second lock"}}},
     }},
    {.path = "parsers/helgrind/lock_order_1thread.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order_1thread.c", 11, "lock"},
                                {"lock_order_1thread.c", 10, "order first lock"},
                                {"lock_order_1thread.c", 11, "order second lock"}}},
     }},
    {.path = "parsers/helgrind/race.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"data-race", {{"race.c", 10, "access"},
                                {"race.c", 10, "previous access"}}},
         {"data-race", {{"race.c", 10, "access"},
                                {"race.c", 10, "previous access"}}},
     }},
    {.path = "parsers/helgrind/signal_unsafe.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/helgrind/thread_leak.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/helgrind/unlock_foreign.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"bad-unlock", {{"unlock_foreign.c", 27, "unlock"}}},
         {"lock-held-at-exit", {{NULL, 0, NULL}}}, /* no user frame in its stack */
     }},
    {.path = "parsers/helgrind/unlock_unlocked.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"bad-unlock", {{"unlock_unlocked.c", 9, "unlock"}}},
         {"pthread-api-error", {{"unlock_unlocked.c", 11, "call"}}},
     }},
    {.path = "parsers/helgrind/use_after_free.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/clean.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/destroy_locked.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"destroy-locked", {{"destroy_locked.c", 10, "destroy"}}},
     }},
    {.path = "parsers/drd/double_lock.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"double-lock", {{"double_lock.c", 16, "lock"}}},
     }},
    {.path = "parsers/drd/double_lock_reinit.xml", .status = RL_PARSE_OK, .n_reports = 3,
     .reports = {
         {"lock-held-at-exit", {{"double_lock_reinit.c", 23, "exit"}}},
         {"pthread-api-error", {{"double_lock_reinit.c", 24, "call"}}},
         {"double-lock", {{"double_lock_reinit.c", 25, "lock"}}},
     }},
    {.path = "parsers/drd/errno_spoiled.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/held_at_exit.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-held-at-exit", {{"held_at_exit.c", 21, "exit"}}},
     }},
    {.path = "parsers/drd/invalid_mutex.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/lock_order.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/lock_order_1thread.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/race.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"data-race", {{"race.c", 10, "access"}}},
         {"data-race", {{"race.c", 10, "access"}}},
     }},
    {.path = "parsers/drd/signal_unsafe.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/thread_leak.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/unlock_foreign.xml", .status = RL_PARSE_OK, .n_reports = 2,
     .reports = {
         {"bad-unlock", {{"unlock_foreign.c", 27, "unlock"}}},
         {"lock-held-at-exit", {{"unlock_foreign.c", 29, "exit"}}},
     }},
    {.path = "parsers/drd/unlock_unlocked.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"unlock_unlocked.c", 9, "unlock"}}},
     }},
    {.path = "parsers/drd/use_after_free.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/edge/drd-unlock_foreign-cut-after-error.xml",
     .status = RL_PARSE_PARTIAL, .n_reports = 1,
     .error_has = "line 79: output ends before </valgrindoutput>",
     .reports = {
         {"bad-unlock", {{"unlock_foreign.c", 27, "unlock"}}},
     }},
    /* counter's threads_unsafe built without -g: Helgrind names functions, no lines. */
    {.path = "parsers/edge/helgrind-no-debug-info.xml",
     .status = RL_PARSE_TOOL_FAILED, .n_reports = 2,
     .error_has = "build the program with -g",
     .reports = {{"data-race", {{0}}}, {"data-race", {{0}}}}},
    {.path = "parsers/edge/empty.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 1: empty"},
    {.path = "parsers/edge/helgrind-lock_order-cut-in-first-error.xml",
     .status = RL_PARSE_PARTIAL, .n_reports = 0,
     .error_has = "line 151: output ends before </valgrindoutput>, inside an <error>"},
    {.path = "parsers/edge/helgrind-race-cut-in-error.xml",
     .status = RL_PARSE_PARTIAL, .n_reports = 1,
     .error_has = "line 241: output ends before </valgrindoutput>, inside an <error>",
     .reports = {
         {"data-race", {{"race.c", 10, "access"},
                                {"race.c", 10, "previous access"}}},
     }},
    {.path = "parsers/edge/mismatched-tag.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 141: not well-formed XML"},
    {.path = "parsers/edge/not-valgrind.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 2: root element is not <valgrindoutput>"},
    {.path = "parsers/edge/not-xml.xml", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "line 1: not XML"},
    /* race.xml with a DTD of nested entities (a small "billion laughs") used in <what>:
     * refused before libxml2 could expand anything. */
    {.path = "parsers/edge/helgrind-race-entities.xml", .status = RL_PARSE_MALFORMED,
     .n_reports = 0, .error_has = "line 2: the document declares a DTD"},

    /* null_deref.c crashes the program itself (SIGSEGV): not a finding of the tool. */
    {.path = "parsers/helgrind/null_deref.xml", .status = RL_PARSE_OK, .n_reports = 0},
    {.path = "parsers/drd/null_deref.xml", .status = RL_PARSE_OK, .n_reports = 0},
    /* Captured by the case authors (cases/empty_queue_polling): queue.h:57 is the
     * count_write marker, queue.h:91 count_read_unlocked. DRD names one access only. */
    {.path = "helgrind/empty_queue_polling.threads_unsafe_unlocked_empty.xml",
     .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"queue.h", 57, "access"},
                        {"queue.h", 91, "previous access"}}},
     }},
    {.path = "drd/empty_queue_polling.threads_unsafe_unlocked_empty.xml",
     .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"queue.h", 57, "access"}}},
     }},
    /* cases/pool_results: store at threads_unsafe.c:10, early read at :16; DRD names
     * only the later access (the store). */
    {.path = "helgrind/pool_results.threads_unsafe.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"threads_unsafe.c", 10, "access"},
                        {"threads_unsafe.c", 16, "previous access"}}},
     }},
    {.path = "drd/pool_results.threads_unsafe.xml", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"threads_unsafe.c", 10, "access"}}},
     }},
    /* cases/queue_handoff: Helgrind's false alarm on a process-shared condition variable
     * ("pthread_cond_wait succeeded without prior pthread_cond_post"), handoff_queue.h:58. */
    {.path = "helgrind/queue_handoff.procs_safe_shared_queue.xml", .status = RL_PARSE_OK,
     .n_reports = 1,
     .reports = {
         {"cond-misuse", {{"handoff_queue.h", 58, "call"}}},
     }},
    {.path = "helgrind/empty_queue_polling.threads_safe.xml", .status = RL_PARSE_OK,
     .n_reports = 0},
    {.path = "drd/empty_queue_polling.threads_safe.xml", .status = RL_PARSE_OK,
     .n_reports = 0},
};

/* ---- checking one row ----------------------------------------------------------- */


/* ---- the fixture table, one cmocka test per row --------------------------------- */

static void test_fixture(void **state)
{
    const fixture_row *row = *state;
    char *path = fixture_path(row->path);
    rl_report_list list = {0};
    char *error = NULL;
    rl_parse_status status = rl_parse_valgrind_xml_file(path, &list, &error);
    check_row(row, status, error, &list);
    for (size_t i = 0; i < list.n; i++) {
        assert_true(list.items[i].pid > 0); /* from <pid> */
        assert_non_null(list.items[i].message);
    }
    rl_report_list_free(&list);
    free(error);
    free(path);
}

/* ---- details -------------------------------------------------------------------- */

static char *read_fixture(const char *relative, size_t *len)
{
    char *path = fixture_path(relative);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = xcalloc(1, 1 << 16);
    *len = fread(text, 1, (1 << 16) - 1, f);
    assert_true(*len > 0);
    fclose(f);
    free(path);
    return text;
}

/* What helgrind/double_lock.xml says beyond kinds and lines: tool kinds are kept, a
 * PthAPIerror's <what> is joined to its <xwhat>, paths are <dir>/<file>. */
static void test_helgrind_details(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("parsers/helgrind/double_lock.xml", &len);
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_valgrind_xml_text(text, len, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 2);
    assert_string_equal(list.items[0].tool_kind, "Misc");
    assert_string_equal(list.items[0].message,
                        "Thread #1: Attempt to re-lock a non-recursive lock I already hold");
    assert_string_equal(list.items[1].tool_kind, "PthAPIerror");
    assert_string_equal(list.items[1].message,
                        "Thread #1's call to pthread_mutex_lock failed with error code 35 "
                        "(EDEADLK: Resource deadlock would occur)");
    assert_int_equal(list.items[0].pid, atoi(strstr(text, "<pid>") + strlen("<pid>")));
    assert_string_equal(list.items[0].locations[0].file,
                        "/work/main/harness/tests/fixtures/sources/double_lock.c");
    assert_string_equal(list.items[0].locations[0].function, "main");
    rl_report_list_free(&list);
    free(text);
}

/* The text entry point takes a length: a buffer cut after the first </error> of
 * drd/unlock_foreign.xml (as a writer killed there would leave it) keeps that error. */
static void test_text_length_bounds_the_document(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("parsers/drd/unlock_foreign.xml", &len);
    const char *first_end = strstr(text, "</error>");
    assert_non_null(first_end);
    size_t cut = (size_t)(first_end - text) + strlen("</error>");
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_valgrind_xml_text(text, cut, &list, &error), RL_PARSE_PARTIAL);
    assert_int_equal(list.n, 1);
    assert_string_equal(rl_kind_name(list.items[0].kind), "bad-unlock");
    assert_contains(error, "ends before </valgrindoutput>");
    free(error);
    error = NULL;
    rl_report_list_free(&list);
    /* and the whole document is complete */
    assert_int_equal(rl_parse_valgrind_xml_text(text, len, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 2);
    rl_report_list_free(&list);
    free(text);
}

/* How many "</error>" end within the first `cut` bytes. */
static size_t errors_closed_before(const char *text, size_t cut)
{
    size_t n = 0;
    for (const char *p = strstr(text, "</error>"); p && (size_t)(p - text) + 8 <= cut;
         p = strstr(p + 1, "</error>"))
        n++;
    return n;
}

/* A document cut at any byte offset is PARTIAL and keeps exactly the complete errors. */
static void test_every_cut(void **state)
{
    (void)state;
    static const char *const documents[] = {
        "parsers/helgrind/race.xml",
        "parsers/helgrind/lock_order.xml",
        "parsers/drd/double_lock_reinit.xml",
        "parsers/drd/unlock_foreign.xml",
    };
    for (size_t d = 0; d < sizeof documents / sizeof documents[0]; d++) {
        size_t len;
        char *text = read_fixture(documents[d], &len);
        for (size_t cut = 1; cut < len - strlen("</valgrindoutput>\n"); cut += 3) {
            char *piece = xstrndup(text, cut);
            rl_report_list list = {0};
            char *error = NULL;
            rl_parse_status status = rl_parse_valgrind_xml_text(piece, cut, &list, &error);
            if (status != RL_PARSE_PARTIAL || list.n != errors_closed_before(text, cut))
                print_message("%s cut at byte %zu: %s\n", documents[d], cut,
                              error ? error : "(no error)");
            assert_int_equal(status, RL_PARSE_PARTIAL);
            assert_int_equal(list.n, errors_closed_before(text, cut));
            assert_non_null(error);
            rl_report_list_free(&list);
            free(error);
            free(piece);
        }
        free(text);
    }
}

static void test_missing_file(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_valgrind_xml_file("/nonexistent/vg.1.xml", &list, &error),
                     RL_PARSE_MALFORMED);
    assert_contains(error, "/nonexistent/vg.1.xml");
    free(error);
}

int main(void)
{
    int failed = run_fixture_table("valgrind fixtures", rows, sizeof rows / sizeof rows[0], test_fixture);

    const struct CMUnitTest details[] = {
        cmocka_unit_test(test_helgrind_details),
        cmocka_unit_test(test_text_length_bounds_the_document),
        cmocka_unit_test(test_every_cut),
        cmocka_unit_test(test_missing_file),
    };
    failed += cmocka_run_group_tests_name("valgrind parser details", details, NULL, NULL);
    return failed;
}
