/* The expectation reader: a valid case.ini, and malformed ones that must be rejected with
 * the file, the line and what was expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "case.h"
#include "expect.h"
#include "fsutil.h"
#include "test_files.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char source_text[] =
    "int counter;\n"
    "void inc(void) { counter++; } /* racelab: inc */\n"
    "void dec(void) { counter--; } /* racelab: dec */\n"
    "void twice(void) {\n"
    "  counter += 2; /* racelab: add2 */\n"
    "  counter += 2; /* racelab: add2 */\n"
    "}\n";

static int make_case_dir(void **state)
{
    char template[] = "/tmp/racelab-test-case-XXXXXX";
    char *dir = mkdtemp(template);
    assert_non_null(dir);
    write_text(dir, "prog.c", source_text);
    *state = xstrdup(dir);
    return 0;
}

static int remove_case_dir(void **state)
{
    rl_remove_tree(*state);
    free(*state);
    return 0;
}

/* Loads `ini` from the fixture folder; returns the error (malloc'd) or NULL. */
static char *load(const char *dir, const char *ini, rl_case *out)
{
    write_text(dir, "case.ini", ini);
    char *error = NULL;
    if (rl_case_load(dir, out, &error) == 0)
        return NULL;
    return error;
}

/* Asserts that loading fails with exactly "<dir>/case.ini:<line>: <message>". */
static void assert_load_error(const char *dir, const char *ini, int line, const char *message)
{
    rl_case c;
    char *error = load(dir, ini, &c);
    assert_non_null(error);
    char *want = line > 0 ? xasprintf("%s/case.ini:%d: %s", dir, line, message)
                          : xasprintf("%s/case.ini: %s", dir, message);
    assert_string_equal(error, want);
    free(want);
    free(error);
}

static const char valid_ini[] =
    "; a comment\n"
    "[case]\n"
    "title = Counter\n"
    "lesson = lost updates\n"
    "\n"
    "[program prog]\n"
    "form = thread\n"
    "variant = unsafe\n"
    "timeout = 2.5\n"
    "native = manifest\n"
    "tsan = detect data-race at inc dec\n"
    "tsan = false-alarm data-race at add2: the tool cannot see the ordering here\n"
    "helgrind = blind: two processes; each has its own shadow memory\n"
    "drd = clean\n";

static void valid_case_is_read(void **state)
{
    rl_case c;
    char *error = load(*state, valid_ini, &c);
    assert_null(error);
    assert_string_equal(c.title, "Counter");
    assert_int_equal(c.n_programs, 1);
    const rl_program *p = &c.programs[0];
    assert_string_equal(p->name, "prog");
    assert_string_equal(p->form, "thread");
    assert_string_equal(p->variant, "unsafe");
    assert_true(p->timeout_s == 2.5);
    assert_int_equal(p->n_expects, 4);
    const rl_expectation *tsan = rl_program_expectation(p, "tsan");
    assert_non_null(tsan);
    assert_int_equal(tsan->type, RL_EXPECT_DETECT);
    assert_int_equal(tsan->line, 11);
    assert_int_equal(tsan->n_reports, 2);
    assert_string_equal(rl_kind_name(tsan->reports[0].kind), "data-race");
    assert_int_equal(tsan->reports[0].n_markers, 2);
    assert_string_equal(tsan->reports[0].markers[1], "dec");
    assert_true(tsan->reports[1].false_alarm);
    assert_string_equal(tsan->reports[1].reason, "the tool cannot see the ordering here");
    const rl_expectation *hg = rl_program_expectation(p, "helgrind");
    assert_int_equal(hg->type, RL_EXPECT_BLIND);
    assert_string_equal(hg->reason, "two processes; each has its own shadow memory");
    assert_int_equal(rl_program_expectation(p, "native")->type, RL_EXPECT_MANIFEST);
    assert_int_equal(rl_program_expectation(p, "drd")->type, RL_EXPECT_CLEAN);
    rl_case_free(&c);
}

static void markers_are_found_by_line(void **state)
{
    rl_case c;
    char *error = load(*state, valid_ini, &c);
    assert_null(error);
    assert_int_equal(c.n_markers, 4);
    assert_string_equal(c.markers[0].name, "inc");
    assert_string_equal(c.markers[0].file, "prog.c");
    assert_int_equal(c.markers[0].line, 2);
    assert_string_equal(c.markers[2].name, "add2");
    assert_int_equal(c.markers[2].line, 5);
    assert_int_equal(c.markers[3].line, 6);
    rl_case_free(&c);
}

/* Debian's inih cuts lines at 200 bytes unless told otherwise: a long reason (with a ':'
 * past the cut, which inih would take for a key separator) must stay one value, and the
 * lines after it keep their numbers. */
static void long_lines_keep_line_numbers(void **state)
{
    char reason[700];
    memset(reason, 'x', sizeof reason - 1);
    memcpy(reason + 400, ": why", 5);
    reason[sizeof reason - 1] = '\0';
    char *ini = xasprintf("[program prog]\nform = thread\nvariant = safe\n"
                          "helgrind = blind: %s\nnative = correct\n", reason);
    rl_case c;
    char *error = load(*state, ini, &c);
    assert_null(error);
    const rl_expectation *hg = rl_program_expectation(&c.programs[0], "helgrind");
    assert_string_equal(hg->reason, reason);
    assert_int_equal(rl_program_expectation(&c.programs[0], "native")->line, 5);
    rl_case_free(&c);
    char *broken = xasprintf("%sdrd = detect data-race at nope\n", ini);
    char *message = xasprintf("marker 'nope' is not in any source of %s "
                              "(write /* racelab: nope */ on the line)", (char *)*state);
    assert_load_error(*state, broken, 6, message);
    free(message);
    free(broken);
    free(ini);
}

static void syntax_error_before_a_bad_value_is_reported_first(void **state)
{
    assert_load_error(*state, "[program prog]\nno equals here\ntsan = maybe\n", 2,
                      "expected '[section]' or 'key = value'");
}

static void unknown_kind_names_line_and_choices(void **state)
{
    assert_load_error(*state, "[program prog]\nform = thread\nvariant = safe\n"
                              "tsan = detect data_race at inc\n", 4,
                      "tsan: unknown report kind 'data_race' (known: data-race, "
                      "lock-order-inversion, double-lock, bad-unlock, destroy-locked, "
                      "lock-held-at-exit, thread-leak, signal-unsafe-call, errno-spoiled, "
                      "pthread-api-error, cond-misuse, use-after-free, guarded-by-violation, "
                      "lock-not-released, fd-misuse, crash, other)");
}

static void detect_needs_at(void **state)
{
    assert_load_error(*state, "[program prog]\nform = thread\n\ntsan = detect data-race inc\n",
                      4, "tsan: expected 'at MARKER...' (or 'anywhere: REASON') after "
                         "'detect data-race'");
    assert_load_error(*state, "[program prog]\ntsan = detect data-race anywhere\n", 2,
                      "tsan: 'anywhere' needs ': REASON' (why the tool behaves so)");
}

static void detect_needs_markers(void **state)
{
    assert_load_error(*state, "[program prog]\ntsan = detect data-race at\n", 2,
                      "tsan: 'detect data-race at' names no marker");
}

static void blind_needs_reason(void **state)
{
    assert_load_error(*state, "[program prog]\nform = process\nhelgrind = blind\n", 3,
                      "helgrind: 'blind' needs ': REASON' (why the tool behaves so)");
    assert_load_error(*state, "[program prog]\nhelgrind = blind:   \n", 2,
                      "helgrind: 'blind:' has an empty reason");
}

static void unknown_value_lists_grammar(void **state)
{
    assert_load_error(*state, "[case]\ntitle = t\n[program prog]\ntsan = maybe\n", 4,
                      "tsan: expected one of: clean, detect KIND at MARKER..., "
                      "may KIND at MARKER..., blind: REASON, "
                      "false-alarm KIND at MARKER...: REASON, not-evaluated, manifest, correct, "
                      "hang, exit N, signal NAME; got 'maybe'");
}

static void unknown_section(void **state)
{
    assert_load_error(*state, "[case]\ntitle = t\n[programme prog]\nform = thread\n", 4,
                      "unknown section [programme prog]: expected [case] or [program NAME]");
}

static void syntax_error_names_line(void **state)
{
    assert_load_error(*state, "[case]\ntitle = t\nthis line has no equals sign\n", 3,
                      "expected '[section]' or 'key = value'");
}

static void bad_choice(void **state)
{
    assert_load_error(*state, "[program prog]\nform = threads\n", 2,
                      "form must be 'thread' or 'process', got 'threads'");
    assert_load_error(*state, "[program prog]\ntimeout = soon\n", 2,
                      "timeout must be seconds between 0 and 3600, got 'soon'");
}

static void program_without_source(void **state)
{
    char *message = xasprintf("[program ghost] has no source ghost.c in %s", (char *)*state);
    assert_load_error(*state, "[program ghost]\nform = thread\n", 2, message);
    free(message);
}

static void source_without_program(void **state)
{
    write_text(*state, "extra.c", "int main(void) { return 0; }\n");
    char *message = xasprintf("%s/extra.c is a program (every .c file is) but has no "
                              "[program extra] section, and its name says neither its form "
                              "(threads_/procs_) nor its variant (_unsafe/_safe)",
                              (char *)*state);
    assert_load_error(*state, "[program prog]\nform = thread\nvariant = safe\n", 0, message);
    free(message);
}

static void repeated_clean_is_rejected(void **state)
{
    assert_load_error(*state, "[program prog]\ndrd = clean\ndrd = detect data-race at inc\n", 3,
                      "'drd' is stated again (first at line 2); only detect and false-alarm "
                      "lines can be repeated");
}

static void missing_form(void **state)
{
    assert_load_error(*state, "[program prog]\nvariant = safe\n", 1,
                      "[program prog] needs 'form = thread|process' and "
                      "'variant = unsafe|safe' (the name says neither: threads_/procs_, "
                      "_unsafe/_safe)");
}

/* threads_*_unsafe* is a thread form and unsafe, procs_*_safe* a process form and safe,
 * unless the section says otherwise. */
static void form_and_variant_follow_the_name(void **state)
{
    const char *dir = *state;
    write_text(dir, "threads_unsafe_x.c", "int x;\n");
    write_text(dir, "procs_safe.c", "int y;\n");
    write_text(dir, "procs_contrast.c", "int z;\n");
    rl_case c;
    char *error = load(dir, "[program prog]\nform = thread\nvariant = safe\n"
                            "[program threads_unsafe_x]\n[program procs_safe]\n"
                            "[program procs_contrast]\nvariant = safe\n", &c);
    if (error)
        fail_msg("%s", error);
    const char *want[][2] = {{"thread", "safe"}, {"thread", "unsafe"}, {"process", "safe"},
                             {"process", "safe"}};
    assert_int_equal(c.n_programs, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(c.programs[i].form, want[i][0]);
        assert_string_equal(c.programs[i].variant, want[i][1]);
    }
    rl_case_free(&c);
}

/* "tsan-clang tsan-gcc = blind: WHY" says one fact for two tools; each keeps the line. */
static void one_line_for_several_tools(void **state)
{
    rl_case c;
    char *error = load(*state, "[program prog]\nform = thread\nvariant = unsafe\n"
                               "tsan helgrind  drd = blind: no model of it\n"
                               "tsan2 = detect data-race at inc\ntsan2 = detect data-race at dec\n",
                       &c);
    assert_null(error);
    const rl_program *p = &c.programs[0];
    assert_int_equal(p->n_expects, 4);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(p->expects[i].type, RL_EXPECT_BLIND);
        assert_string_equal(p->expects[i].reason, "no model of it");
        assert_int_equal(p->expects[i].line, 4);
    }
    assert_string_equal(p->expects[2].tool, "drd");
    const rl_expectation *t2 = rl_program_expectation(p, "tsan2");
    assert_int_equal(t2->reports[0].line, 5);
    assert_int_equal(t2->reports[1].line, 6);
    rl_case_free(&c);
}

static void bad_marker_name(void **state)
{
    assert_load_error(*state, "[program prog]\ntsan = detect data-race at in/c\n", 2,
                      "tsan: marker name 'in/c' may hold only letters, digits, '_' and '-'");
}

/* A program name becomes a path (out/raw/<case>/<program>) and an argument: a traversal
 * such as [program ../../x] is refused where it is read. */
static void traversal_program_name_is_refused(void **state)
{
    /* inih announces a section with its first key: the error is on that key's line */
    assert_load_error(*state,
                      "[program prog]\nform = thread\nvariant = safe\n[program ../../x]\n"
                      "form = thread\n",
                      5,
                      "program name '../../x' is not allowed: names are 1 to 100 of A-Z a-z "
                      "0-9 _ - (they become paths and arguments)");
}

/* Longer than inih's buffer, a line would be split and its tail read as a key of its own
 * (a "timeout = 0.001" smuggled into a reason would take effect): refused with its line. */
static void over_long_line_is_refused(void **state)
{
    size_t n = 70000;
    char *reason = xmalloc(n + 1);
    memset(reason, 'x', n);
    memcpy(reason + 65536 - 20, "timeout = 0.001 ", 16);
    reason[n] = '\0';
    char *ini = xasprintf("[program prog]\nform = thread\nvariant = safe\n"
                          "helgrind = blind: %s\nnative = correct\n", reason);
    assert_load_error(*state, ini, 4, "line longer than 8192 bytes");
    free(ini);
    free(reason);
}

/* A NUL would end the value for inih and drop the markers after it. */
static void nul_byte_is_refused(void **state)
{
    char *path = xasprintf("%s/case.ini", (char *)*state);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[program prog]\nform = thread\nvariant = safe\n", f);
    fwrite("tsan = detect data-race at inc\0 dec\n", 1, 37, f);
    fclose(f);
    rl_case c;
    char *error = NULL;
    assert_int_equal(rl_case_load(*state, &c, &error), -1);
    char *want = xasprintf("%s:4: a NUL byte: the file must be text", path);
    assert_string_equal(error, want);
    free(want);
    free(error);
    free(path);
}

/* Settings: [case]'s words come first, the program's after; ending is kept. */
static void settings_join_case_then_program(void **state)
{
    rl_case c;
    char *error = load(*state, "[case]\ncflags = -O0 -g\nwrappers = my_lock\n"
                               "[program prog]\nform = thread\nvariant = safe\n"
                               "cflags = -DX=1\nargs = -n 3\nenv = A=1 B=two\n"
                               "ending = signal ABRT\n", &c);
    assert_null(error);
    const char **words;
    assert_int_equal(rl_program_setting(&c, &c.programs[0], "cflags", &words), 3);
    assert_string_equal(words[0], "-O0");
    assert_string_equal(words[2], "-DX=1");
    free(words);
    assert_int_equal(rl_program_setting(&c, &c.programs[0], "env", &words), 2);
    assert_string_equal(words[1], "B=two");
    free(words);
    assert_int_equal(rl_program_setting(&c, &c.programs[0], "options.drd", &words), 0);
    free(words);
    assert_true(c.programs[0].timeout_s == 10); /* no [case] timeout: the default */
    assert_int_equal(c.programs[0].ending.type, RL_EXPECT_SIGNAL);
    assert_int_equal(c.programs[0].ending.status, 6);
    rl_case_free(&c);
}

/* A [case] timeout is every program's, unless the program says its own. */
static void case_timeout_is_the_programs_default(void **state)
{
    rl_case c;
    write_text(*state, "other.c", "int y;\n");
    char *error = load(*state, "[case]\ntimeout = 30\n[program prog]\nform = thread\n"
                               "variant = safe\n[program other]\nform = thread\n"
                               "variant = safe\ntimeout = 5\n", &c);
    assert_null(error);
    assert_true(c.programs[0].timeout_s == 30);
    assert_true(c.programs[1].timeout_s == 5);
    rl_case_free(&c);
}

static void bad_settings_name_their_line(void **state)
{
    assert_load_error(*state, "[program prog]\nform = thread\nvariant = safe\nenv = NOEQUALS\n",
                      4, "env: 'NOEQUALS' is not NAME=VALUE");
    assert_load_error(*state, "[program prog]\nform = thread\nvariant = safe\nargs = a\n"
                              "args = b\n", 5, "'args' is set twice (first at line 4)");
    assert_load_error(*state, "[program prog]\nform = thread\nvariant = safe\nending = clean\n",
                      4, "ending must be 'exit N' or 'signal NAME'");
}

#define CASE_TEST(f) cmocka_unit_test_setup_teardown(f, make_case_dir, remove_case_dir)

int main(void)
{
    const struct CMUnitTest tests[] = {
        CASE_TEST(valid_case_is_read),
        CASE_TEST(markers_are_found_by_line),
        CASE_TEST(long_lines_keep_line_numbers),
        CASE_TEST(syntax_error_before_a_bad_value_is_reported_first),
        CASE_TEST(unknown_kind_names_line_and_choices),
        CASE_TEST(detect_needs_at),
        CASE_TEST(detect_needs_markers),
        CASE_TEST(blind_needs_reason),
        CASE_TEST(unknown_value_lists_grammar),
        CASE_TEST(unknown_section),
        CASE_TEST(syntax_error_names_line),
        CASE_TEST(bad_choice),
        CASE_TEST(program_without_source),
        CASE_TEST(source_without_program),
        CASE_TEST(repeated_clean_is_rejected),
        CASE_TEST(missing_form),
        CASE_TEST(form_and_variant_follow_the_name),
        CASE_TEST(one_line_for_several_tools),
        CASE_TEST(bad_marker_name),
        CASE_TEST(traversal_program_name_is_refused),
        CASE_TEST(over_long_line_is_refused),
        CASE_TEST(nul_byte_is_refused),
        CASE_TEST(settings_join_case_then_program),
        CASE_TEST(bad_settings_name_their_line),
        CASE_TEST(case_timeout_is_the_programs_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
