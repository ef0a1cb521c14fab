/* Unit tests of the ThreadSanitizer text parser, on real captured output.
 *
 * Fixtures: harness/tests/fixtures/parsers/<tool>/<program>.log were captured by
 * harness/tests/fixtures/sources/capture.sh from the programs in that folder (clang 14
 * and gcc 12, -fsanitize=thread -O1 -g, run under `setarch -R` with
 * TSAN_OPTIONS="log_path=... halt_on_error=0 second_deadlock_stack=1 atexit_sleep_ms=0").
 * edge/ holds logs cut from them by hand and the one start-up failure this kernel cannot
 * provoke. Every line number below was read in the fixture and checked against the
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
#include <unistd.h>

#include "parse.h"
#include "xalloc.h"


#include "parser_table.h"

/* clean.log is what a report-free run leaves on stderr (the program's own output: in a
 * log_path file it is garbage);
 * startup_check_failed.log is a real start-up failure (run with `ulimit -v 500000`): it
 * goes to stderr, not to the log_path file. */
static const fixture_row rows[] = {
    /* the program's own output and nothing of the runtime's: not a TSan log */
    {.path = "parsers/tsan-clang/clean.log", .status = RL_PARSE_MALFORMED, .n_reports = 0,
     .error_has = "not ThreadSanitizer output"},
    {.path = "parsers/tsan-clang/destroy_locked.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"destroy-locked", {{"destroy_locked.c", 10, "destroy"},
                                {"destroy_locked.c", 9, "lock"}}},
     }},
    {.path = "parsers/tsan-clang/double_lock_reinit.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"double-lock", {{"double_lock_reinit.c", 25, "lock"}}},
     }},
    {.path = "parsers/tsan-clang/errno_spoiled.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"errno-spoiled", {{"errno_spoiled.c", 13, "handler"}}},
     }},
    {.path = "parsers/tsan-clang/invalid_mutex.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"pthread-api-error", {{"invalid_mutex.c", 10, "call"}}},
     }},
    {.path = "parsers/tsan-clang/lock_order.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order.c", 13, "lock"},
                                {"lock_order.c", 12, "previous lock"},
                                {"lock_order.c", 24, "lock"},
                                {"lock_order.c", 23, "previous lock"}}},
     }},
    {.path = "parsers/tsan-clang/lock_order_1thread.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order_1thread.c", 11, "lock"},
                                {"lock_order_1thread.c", 10, "previous lock"},
                                {"lock_order_1thread.c", 11, "lock"},
                                {"lock_order_1thread.c", 10, "previous lock"}}},
     }},
    {.path = "parsers/tsan-clang/race.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"race.c", 10, "write"},
                                {"race.c", 10, "previous write"}}},
     }},
    {.path = "parsers/tsan-clang/signal_unsafe.log", .status = RL_PARSE_OK, .n_reports = 4,
     .reports = {
         {"signal-unsafe-call", {{"signal_unsafe.c", 13, "call"}}},
         {"signal-unsafe-call", {{"signal_unsafe.c", 15, "call"}}},
         {"signal-unsafe-call", {{"signal_unsafe.c", 16, "call"}}},
         {"errno-spoiled", {{"signal_unsafe.c", 12, "handler"}}},
     }},
    {.path = "parsers/tsan-clang/startup_check_failed.log",
     .status = RL_PARSE_TOOL_FAILED, .n_reports = 0,
     .error_has = "CHECK failed: sanitizer_allocator_primary64.h"},
    {.path = "parsers/tsan-clang/thread_leak.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"thread-leak", {{"thread_leak.c", 19, "thread created"}}},
     }},
    {.path = "parsers/tsan-clang/approx_race.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"approx_race.c", 15, "write"}, {"approx_race.c", 25, "previous write"}}},
     }},
    /* "unlock of an unlocked mutex" inside pthread_cond_timedwait: the cond-misuse that
     * Helgrind and DRD report for the same call */
    {.path = "parsers/tsan-clang/cond_unheld.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"cond-misuse", {{"cond_unheld.c", 17, "call"}}},
     }},
    {.path = "parsers/tsan-clang/wrapped_unlock.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"wrapped_unlock.c", 10, "unlock"}}},
     }},
    {.path = "parsers/tsan-clang/unlock_foreign.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"unlock_foreign.c", 27, "unlock"}}},
     }},
    {.path = "parsers/tsan-clang/unlock_unlocked.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"unlock_unlocked.c", 9, "unlock"}}},
     }},
    {.path = "parsers/tsan-clang/use_after_free.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"use-after-free", {{"use_after_free.c", 23, "read"},
                                {"use_after_free.c", 12, "previous write"}}},
     }},
    {.path = "parsers/tsan-gcc/approx_race.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"approx_race.c", 25, "write"}, {"approx_race.c", 15, "previous write"}}},
     }},
    /* "unlock of an unlocked mutex" inside pthread_cond_timedwait: the cond-misuse that
     * Helgrind and DRD report for the same call */
    {.path = "parsers/tsan-gcc/cond_unheld.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"cond-misuse", {{"cond_unheld.c", 17, "call"}}},
     }},
    {.path = "parsers/tsan-gcc/wrapped_unlock.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"wrapped_unlock.c", 10, "unlock"}}},
     }},
    {.path = "parsers/tsan-gcc/destroy_locked.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"destroy-locked", {{"destroy_locked.c", 10, "destroy"},
                                {"destroy_locked.c", 9, "lock"}}},
     }},
    {.path = "parsers/tsan-gcc/double_lock_reinit.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"double-lock", {{"double_lock_reinit.c", 25, "lock"}}},
     }},
    {.path = "parsers/tsan-gcc/errno_spoiled.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"errno-spoiled", {{"errno_spoiled.c", 13, "handler"}}},
     }},
    {.path = "parsers/tsan-gcc/invalid_mutex.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"pthread-api-error", {{"invalid_mutex.c", 10, "call"}}},
     }},
    {.path = "parsers/tsan-gcc/lock_order.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order.c", 13, "lock"},
                                {"lock_order.c", 12, "previous lock"},
                                {"lock_order.c", 24, "lock"},
                                {"lock_order.c", 23, "previous lock"}}},
     }},
    {.path = "parsers/tsan-gcc/lock_order_1thread.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"lock-order-inversion", {{"lock_order_1thread.c", 11, "lock"},
                                {"lock_order_1thread.c", 10, "previous lock"},
                                {"lock_order_1thread.c", 11, "lock"},
                                {"lock_order_1thread.c", 10, "previous lock"}}},
     }},
    {.path = "parsers/tsan-gcc/race.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"race.c", 10, "read"},
                                {"race.c", 10, "previous write"}}},
     }},
    {.path = "parsers/tsan-gcc/signal_unsafe.log", .status = RL_PARSE_OK, .n_reports = 4,
     .reports = {
         {"signal-unsafe-call", {{"signal_unsafe.c", 13, "call"}}},
         {"signal-unsafe-call", {{"signal_unsafe.c", 15, "call"}}},
         {"signal-unsafe-call", {{"signal_unsafe.c", 16, "call"}}},
         {"errno-spoiled", {{"signal_unsafe.c", 12, "handler"}}},
     }},
    {.path = "parsers/tsan-gcc/startup_check_failed.log",
     .status = RL_PARSE_TOOL_FAILED, .n_reports = 0,
     .error_has = "CHECK failed: sanitizer_allocator_primary64.h"},
    {.path = "parsers/tsan-gcc/thread_leak.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"thread-leak", {{"thread_leak.c", 19, "thread created"}}},
     }},
    {.path = "parsers/tsan-gcc/unlock_foreign.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"unlock_foreign.c", 27, "unlock"}}},
     }},
    {.path = "parsers/tsan-gcc/unlock_unlocked.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"bad-unlock", {{"unlock_unlocked.c", 9, "unlock"}}},
     }},
    {.path = "parsers/tsan-gcc/use_after_free.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"use-after-free", {{"use_after_free.c", 23, "read"},
                                {"use_after_free.c", 12, "previous write"}}},
     }},
    {.path = "parsers/edge/tsan-clang-signal_unsafe-cut.log",
     .status = RL_PARSE_PARTIAL, .n_reports = 2,
     .error_has = "ends inside a report",
     .reports = {
         {"signal-unsafe-call", {{"signal_unsafe.c", 13, "call"}}},
         {"signal-unsafe-call", {{"signal_unsafe.c", 15, "call"}}},
     }},
    {.path = "parsers/edge/tsan-gcc-lock_order-cut.log", .status = RL_PARSE_PARTIAL, .n_reports = 0,
     .error_has = "ends inside a report"},
    /* clang's runtime with no symbolizer (external_symbolizer_path empty): every program
     * frame is "<null> <null> (threads_unsafe+0x...)": an environment error, not a race
     * without a line. */
    {.path = "parsers/edge/tsan-clang-unsymbolized.log",
     .status = RL_PARSE_TOOL_FAILED, .n_reports = 1,
     .error_has = "apt-get install llvm",
     .reports = {{"data-race", {{0}}}}},
    /* A real log of oom.c (malloc(1 << 45) at line 3) under clang's runtime: the
     * allocator's refusal ends the program; the crash is at the malloc call. */
    {.path = "parsers/edge/tsan-clang-allocation-too-big.log",
     .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"crash", {{"oom.c", 3, "crash"}}}}},
    {.path = "parsers/edge/tsan-unexpected-mapping.log",
     .status = RL_PARSE_TOOL_FAILED, .n_reports = 0,
     .error_has = "FATAL: ThreadSanitizer: unexpected memory mapping 0x7f8e4d5c4000"},

    /* null_deref.c crashes the program itself (SIGSEGV): a "crash" report at the
     * faulting line (null_deref.c:10 is the printf of *nowhere), never silence. */
    {.path = "parsers/tsan-clang/null_deref.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"crash", {{"null_deref.c", 10, "crash"}}}}},
    {.path = "parsers/tsan-gcc/null_deref.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {{"crash", {{"null_deref.c", 10, "crash"}}}}},
    /* Captured by the case authors (cases/empty_queue_polling): queue.h:57 is the
     * count_write marker, queue.h:91 count_read_unlocked, reached through an inlined
     * helper in threads_unsafe_unlocked_empty.c:10. */
    {.path = "tsan-clang/empty_queue_polling.threads_unsafe_unlocked_empty.log",
     .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"queue.h", 57, "write"},
                        {"queue.h", 91, "previous read"}}},
     }},
    /* cases/pool_results: the worker's store (threads_unsafe.c:10, result_write) and the
     * parent's early read (:16, result_read). */
    {.path = "tsan-clang/pool_results.threads_unsafe.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"threads_unsafe.c", 10, "write"},
                        {"threads_unsafe.c", 16, "previous read"}}},
     }},
    {.path = "tsan-gcc/pool_results.threads_unsafe.log", .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"threads_unsafe.c", 10, "write"},
                        {"threads_unsafe.c", 16, "previous read"}}},
     }},
    {.path = "tsan-gcc/empty_queue_polling.threads_unsafe_unlocked_empty.log",
     .status = RL_PARSE_OK, .n_reports = 1,
     .reports = {
         {"data-race", {{"queue.h", 57, "write"},
                        {"queue.h", 91, "previous read"}}},
     }},
};

/* ---- checking one row ----------------------------------------------------------- */


/* ---- the fixture table, one cmocka test per row --------------------------------- */

static void test_fixture(void **state)
{
    const fixture_row *row = *state;
    char *path = fixture_path(row->path);
    rl_report_list list = {0};
    char *error = NULL;
    rl_parse_status status = rl_parse_tsan_file(path, &list, &error);
    check_row(row, status, error, &list);
    /* every report of a real log carries its pid and its SUMMARY line */
    for (size_t i = 0; i < list.n; i++) {
        assert_true(list.items[i].pid > 0);
        assert_non_null(list.items[i].message);
    }
    rl_report_list_free(&list);
    free(error);
    free(path);
}

/* ---- the headings the runtime can print ----------------------------------------- */

/* Every string of ReportTypeString() in compiler-rt/lib/tsan/rtl/tsan_report.cpp (LLVM 14
 * to 19; gcc 12's libtsan is the same code). Most cannot be provoked by a small C
 * program, so this test wraps each heading in the frame of a real report. */
static const struct {
    const char *heading, *kind;
} headings[] = {
    {"data race", "data-race"},
    {"data race on vptr (ctor/dtor vs virtual call)", "data-race"},
    {"heap-use-after-free", "use-after-free"},
    {"heap-use-after-free (virtual call vs free)", "use-after-free"},
    {"race on external object", "data-race"},
    {"thread leak", "thread-leak"},
    {"destroy of a locked mutex", "destroy-locked"},
    {"double lock of a mutex", "double-lock"},
    {"use of an invalid mutex (e.g. uninitialized or destroyed)", "pthread-api-error"},
    {"unlock of an unlocked mutex (or by a wrong thread)", "bad-unlock"},
    {"read lock of a write locked mutex", "bad-unlock"},
    {"read unlock of a write locked mutex", "bad-unlock"},
    {"signal-unsafe call inside of a signal", "signal-unsafe-call"},
    {"signal handler spoils errno", "errno-spoiled"},
    {"lock-order-inversion (potential deadlock)", "lock-order-inversion"},
    {"mutex held in the wrong context", "other"},
};

static void test_every_heading(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        /* the shape of tsan-gcc/unlock_unlocked.log, with the heading swapped in */
        char *text = xasprintf(
            "==================\n"
            "WARNING: ThreadSanitizer: %s (pid=4242)\n"
            "    #0 pthread_mutex_unlock ../../../../src/libsanitizer/sanitizer_common/"
            "sanitizer_common_interceptors.inc:4338 (libtsan.so.2+0x439f1)\n"
            "    #1 main /src/prog.c:9 (prog+0x11bf)\n"
            "\n"
            "SUMMARY: ThreadSanitizer: %s /src/prog.c:9 in main\n"
            "==================\n",
            headings[i].heading, headings[i].heading);
        rl_report_list list = {0};
        char *error = NULL;
        assert_int_equal(rl_parse_tsan_text(text, &list, &error), RL_PARSE_OK);
        assert_int_equal(list.n, 1);
        assert_string_equal(rl_kind_name(list.items[0].kind), headings[i].kind);
        assert_string_equal(list.items[0].tool_kind, headings[i].heading);
        assert_int_equal(list.items[0].pid, 4242);
        assert_int_equal(list.items[0].n_locations, 1);
        assert_string_equal(list.items[0].locations[0].file, "/src/prog.c");
        assert_int_equal(list.items[0].locations[0].line, 9);
        rl_report_list_free(&list);
        free(text);
    }
}

/* ---- details -------------------------------------------------------------------- */

static char *read_fixture(const char *relative)
{
    char *path = fixture_path(relative);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = xcalloc(1, 1 << 16);
    size_t got = fread(text, 1, (1 << 16) - 1, f);
    assert_true(got > 0);
    fclose(f);
    free(path);
    return text;
}

/* What the first report of tsan-clang/race.log says, beyond kind and lines. */
static void test_clang_race_details(void **state)
{
    (void)state;
    char *text = read_fixture("parsers/tsan-clang/race.log");
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_text(text, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    const rl_report *r = &list.items[0];
    assert_string_equal(r->tool_kind, "data race");
    assert_string_equal(r->message,
                        "ThreadSanitizer: data race "
                        "/work/main/harness/tests/fixtures/sources/race.c:10:12 in bump");
    assert_string_equal(r->locations[0].file, "/work/main/harness/tests/fixtures/sources/race.c");
    assert_string_equal(r->locations[0].function, "bump");
    rl_report_list_free(&list);
    free(text);
}

/* TSan colours its output when stderr is a terminal; the escapes must not matter. */
static void test_colour_escapes(void **state)
{
    (void)state;
    char *plain = read_fixture("parsers/tsan-clang/lock_order.log");
    size_t cap = strlen(plain) * 2 + 1024, len = 0;
    char *coloured = xcalloc(1, cap);
    for (const char *line = plain; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        /* like the runtime's Decorator: Warning() is bold red, Mutex() magenta */
        len += (size_t)snprintf(coloured + len, cap - len, "\033[1m\033[31m%.*s\033[1m\033[0m\n",
                                (int)n, line);
        line = end ? end + 1 : line + n;
    }
    rl_report_list a = {0}, b = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_text(plain, &a, &error), RL_PARSE_OK);
    assert_int_equal(rl_parse_tsan_text(coloured, &b, &error), RL_PARSE_OK);
    assert_int_equal(b.n, a.n);
    assert_int_equal(b.items[0].n_locations, a.items[0].n_locations);
    for (size_t i = 0; i < a.items[0].n_locations; i++) {
        assert_string_equal(b.items[0].locations[i].file, a.items[0].locations[i].file);
        assert_int_equal(b.items[0].locations[i].line, a.items[0].locations[i].line);
    }
    rl_report_list_free(&a);
    rl_report_list_free(&b);
    free(coloured);
    free(plain);
}

static size_t count_within(const char *text, size_t cut, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(text, what); p && (size_t)(p - text) + strlen(what) <= cut;
         p = strstr(p + 1, what))
        n++;
    return n;
}

/* A log cut at any byte keeps exactly the reports whose SUMMARY line was written whole,
 * and is PARTIAL exactly when a report had begun and not ended. */
static void test_every_cut(void **state)
{
    (void)state;
    static const char *const logs[] = {
        "parsers/tsan-clang/signal_unsafe.log",
        "parsers/tsan-gcc/lock_order.log",
    };
    for (size_t d = 0; d < sizeof logs / sizeof logs[0]; d++) {
        char *text = read_fixture(logs[d]);
        size_t len = strlen(text);
        for (size_t cut = 0; cut <= len; cut++) {
            char *piece = xstrndup(text, cut);
            size_t begun = count_within(text, cut, "WARNING: ThreadSanitizer: ");
            /* a SUMMARY line counts once its newline is written */
            size_t ended = 0;
            for (const char *p = strstr(text, "\nSUMMARY: "); p; p = strstr(p + 1, "\nSUMMARY: ")) {
                const char *eol = strchr(p + 1, '\n');
                if (eol && (size_t)(eol - text) + 1 <= cut)
                    ended++;
            }
            rl_report_list list = {0};
            char *error = NULL;
            rl_parse_status status = rl_parse_tsan_text(piece, &list, &error);
            if (list.n != ended || status != (begun > ended ? RL_PARSE_PARTIAL : RL_PARSE_OK))
                print_message("%s cut at byte %zu\n", logs[d], cut);
            assert_int_equal(list.n, ended);
            assert_int_equal(status, begun > ended ? RL_PARSE_PARTIAL : RL_PARSE_OK);
            rl_report_list_free(&list);
            free(error);
            free(piece);
        }
        free(text);
    }
}

static void test_empty_text_is_clean(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_text("", &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 0);
    assert_null(error);
}

/* Parsing appends: the harness collects several tsan.<pid> files into one list. */
static void test_appends_to_list(void **state)
{
    (void)state;
    char *race = fixture_path("parsers/tsan-gcc/race.log");
    char *leak = fixture_path("parsers/tsan-gcc/thread_leak.log");
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_file(race, &list, &error), RL_PARSE_OK);
    assert_int_equal(rl_parse_tsan_file(leak, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 2);
    assert_string_equal(rl_kind_name(list.items[0].kind), "data-race");
    assert_string_equal(rl_kind_name(list.items[1].kind), "thread-leak");
    rl_report_list_free(&list);
    free(race);
    free(leak);
}

/* A NUL byte anywhere (a program writes one, a killed writer leaves zeros) hides nothing
 * after it: race.log with NULs before its WARNING line still gives its one report. */
static void test_nul_hides_nothing(void **state)
{
    (void)state;
    char *text = read_fixture("parsers/tsan-gcc/race.log");
    char path[] = "/tmp/racelab-tsan-nul-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, "\0\0junk\0\n", 9), 9);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_file(path, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.items[0].kind, RL_KIND_DATA_RACE);
    unlink(path);
    rl_report_list_free(&list);
    free(text);
}

/* Text with nothing of the runtime in it is not a TSan log (a planted or garbage file):
 * malformed, so the run is an error rather than a clean pass. */
static void test_garbage_is_malformed(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_text("\x01\x02garbage\nmore garbage\n", &list, &error),
                     RL_PARSE_MALFORMED);
    assert_contains(error, "not ThreadSanitizer output");
    assert_int_equal(list.n, 0);
    free(error);
}

/* A deadly signal inside the runtime is a crash without a source line. */
static void test_deadly_signal_is_crash(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_text("ThreadSanitizer:DEADLYSIGNAL\n", &list, &error),
                     RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.items[0].kind, RL_KIND_CRASH);
    assert_int_equal(list.items[0].n_locations, 0);
    rl_report_list_free(&list);
}

/* A line number beyond int is no line: atoi would have wrapped 4294967308 into line 12. */
static void huge_line_is_no_line(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    const char *text = "==================\n"
                       "WARNING: ThreadSanitizer: data race (pid=4294967308)\n"
                       "  Write of size 4 at 0x1 by thread T1:\n"
                       "    #0 wrapped /src/a.c:4294967308:3 (a+0x1)\n"
                       "    #1 main /src/a.c:5:3 (a+0x2)\n"
                       "\n"
                       "SUMMARY: ThreadSanitizer: data race /src/a.c:4294967308:3 in main\n"
                       "==================\n";
    assert_int_equal(rl_parse_tsan_text(text, &list, &error), RL_PARSE_OK);
    assert_int_equal(list.n, 1);
    /* the top frame with a line is #1, not #0 at a wrapped "line 12" */
    assert_int_equal(list.items[0].n_locations, 1);
    assert_int_equal(list.items[0].locations[0].line, 5);
    assert_int_equal(list.items[0].pid, 0);
    rl_report_list_free(&list);
}

static void test_missing_file(void **state)
{
    (void)state;
    rl_report_list list = {0};
    char *error = NULL;
    assert_int_equal(rl_parse_tsan_file("/nonexistent/tsan.1", &list, &error),
                     RL_PARSE_MALFORMED);
    assert_contains(error, "/nonexistent/tsan.1");
    assert_int_equal(list.n, 0);
    free(error);
}

int main(void)
{
    int failed = run_fixture_table("tsan fixtures", rows, sizeof rows / sizeof rows[0], test_fixture);

    const struct CMUnitTest details[] = {
        cmocka_unit_test(test_every_heading),
        cmocka_unit_test(test_clang_race_details),
        cmocka_unit_test(test_colour_escapes),
        cmocka_unit_test(test_every_cut),
        cmocka_unit_test(test_empty_text_is_clean),
        cmocka_unit_test(test_appends_to_list),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_nul_hides_nothing),
        cmocka_unit_test(test_garbage_is_malformed),
        cmocka_unit_test(test_deadly_signal_is_crash),
        cmocka_unit_test(huge_line_is_no_line),
    };
    failed += cmocka_run_group_tests_name("tsan parser details", details, NULL, NULL);
    return failed;
}
