/* Effective expectations: defaults for what case.ini leaves unsaid, and the named limits
 * of tools.json that its reasons cite, spelled out with where each came from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "case.h"
#include "effective.h"
#include "fsutil.h"
#include "test_files.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tools_json[] =
    "{\"builds\": {\"plain\": {}}, \"tools\": ["
    " {\"name\": \"native\", \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"none\"},"
    " {\"name\": \"det\", \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"tsan\","
    "  \"reports\": \"r.*\", \"limits\": {"
    "   \"no-threads\": {\"reason\": \"it follows one thread\", \"observed\": \"det 1.0\","
    "                    \"default_for\": \"unsafe\"},"
    "   \"atomics\": {\"reason\": \"it does not know C11 atomics\", \"observed\": \"det 1.0\"}}},"
    " {\"name\": \"strict\", \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"tsan\","
    "  \"reports\": \"@stderr\"}]}";

/* det-2 is a version of det: it redefines @atomics, keeps det's other limits. */
static const char family_json[] =
    "{\"builds\": {\"plain\": {}}, \"tools\": ["
    " {\"name\": \"native\", \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"none\"},"
    " {\"name\": \"det\", \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"tsan\","
    "  \"reports\": \"r.*\", \"limits\": {"
    "   \"no-threads\": {\"reason\": \"it follows one thread\", \"observed\": \"det 1.0\","
    "                    \"default_for\": \"unsafe\"},"
    "   \"atomics\": {\"reason\": \"it does not know C11 atomics\", \"observed\": \"det 1.0\"}}},"
    " {\"name\": \"det-2\", \"version_of\": \"det\", \"optional\": \"det-2\","
    "  \"build\": \"plain\", \"argv\": [\"{program}\"], \"parser\": \"tsan\", \"reports\": \"r.*\","
    "  \"limits\": {\"atomics\": {\"reason\": \"det 2 still mistakes relaxed atomics\","
    "                            \"observed\": \"det 2.0\"}}}]}";

typedef struct fixture {
    char *dir;
    rl_toolset tools;
    rl_case c;
} fixture;

static int setup_with(void **state, const char *json)
{
    fixture *f = xcalloc(1, sizeof *f);
    char template[] = "/tmp/racelab-test-effective-XXXXXX";
    assert_non_null(mkdtemp(template));
    f->dir = xstrdup(template);
    write_text(f->dir, "tools.json", json);
    for (size_t i = 0; i < 3; i++)
        write_text(f->dir, (const char *[]){"threads_unsafe.c", "threads_unsafe_b.c",
                                            "threads_safe.c"}[i], "int x; /* racelab: m */\n");
    char *path = xasprintf("%s/tools.json", f->dir), *error = NULL;
    assert_int_equal(rl_tools_load(path, &f->tools, &error), 0);
    free(path);
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, tools_json);
}

static int setup_family(void **state)
{
    return setup_with(state, family_json);
}

static int teardown(void **state)
{
    fixture *f = *state;
    rl_case_free(&f->c);
    rl_tools_free(&f->tools);
    rl_remove_tree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Loads `ini` and resolves it; returns the resolution's errors (malloc'd) or NULL. */
static char *resolve(fixture *f, const char *ini)
{
    write_text(f->dir, "case.ini", ini);
    char *error = NULL;
    if (rl_case_load(f->dir, &f->c, &error) != 0)
        fail_msg("%s", error);
    rl_effective_resolve(&f->c, &f->tools, "tools.json", NULL, 0, &error);
    return error;
}

static const rl_expectation *cell(const fixture *f, size_t program, const char *tool)
{
    assert_true(program < f->c.n_programs);
    const rl_expectation *e = rl_program_expectation(&f->c.programs[program], tool);
    assert_non_null(e);
    return e;
}

static void assert_origin(const fixture *f, const char *tool, const rl_expectation *e,
                          const rl_expected_report *r, const char *want)
{
    char *origin = rl_effective_origin(&f->c, rl_tool_find(&f->tools, tool), e, r);
    char *full = xasprintf(want, rl_basename(f->dir));
    assert_string_equal(origin, full);
    free(full);
    free(origin);
}

static void defaults_and_limits(void **state)
{
    fixture *f = *state;
    char *error = resolve(f, "[program threads_unsafe]\nnative = manifest\n"
                             "det = false-alarm data-race at m: @atomics; and here the flag\n"
                             "strict = blind: @no-threads\n"
                             "[program threads_unsafe_b]\nnative = hang\nstrict = clean\n");
    assert_non_null(error); /* strict has no limit of that name */
    assert_non_null(strstr(error, "case.ini:4: strict: no limit '@no-threads'"));
    free(error);
    const rl_expectation *fa = cell(f, 0, "det");
    assert_string_equal(fa->reports[0].reason,
                        "it does not know C11 atomics; and here the flag");
    assert_origin(f, "det", fa, &fa->reports[0],
                  "%s/case.ini:3 @atomics (tools.json, det, observed on det 1.0)");
    /* threads_unsafe_b says nothing about det: its default limit */
    const rl_expectation *blind = cell(f, 1, "det");
    assert_int_equal(blind->type, RL_EXPECT_BLIND);
    assert_string_equal(blind->reason, "it follows one thread");
    assert_origin(f, "det", blind, NULL, "default @no-threads (tools.json, det, observed on det 1.0)");
    /* threads_safe has no section: correct natively, clean under every detector */
    assert_string_equal(f->c.programs[2].name, "threads_safe");
    assert_int_equal(cell(f, 2, "native")->type, RL_EXPECT_CORRECT);
    assert_int_equal(cell(f, 2, "strict")->type, RL_EXPECT_CLEAN);
    assert_origin(f, "strict", cell(f, 2, "strict"), NULL, "default");
    assert_origin(f, "native", cell(f, 1, "native"), NULL, "%s/case.ini:6");
}

static void unsafe_without_default_is_an_error(void **state)
{
    fixture *f = *state;
    char *error = resolve(f, "[program threads_unsafe]\nnative = manifest\n"
                             "[program threads_unsafe_b]\nnative = manifest\nstrict = clean\n"
                             "det = manifest\n");
    assert_non_null(error);
    char *want = xasprintf("%s/case.ini:1: [program threads_unsafe] says nothing about tool "
                           "'strict', and an unsafe program has no default for it (say what it "
                           "reports, or give the tool a \"default_for\" limit)\n"
                           "%s/case.ini:6: det: 'manifest' does not fit this tool: a detector "
                           "expects clean, detect, may, blind or false-alarm",
                           f->dir, f->dir);
    assert_string_equal(error, want);
    free(want);
    free(error);
}

/* With --tool native only, an unsafe program needs no line for the tools not run. */
static void unselected_tools_need_no_line(void **state)
{
    fixture *f = *state;
    write_text(f->dir, "case.ini", "[program threads_unsafe]\nnative = exit 0\n");
    char *other = xasprintf("%s/threads_unsafe_b.c", f->dir);
    remove(other); /* one unsafe program: the one that says nothing about det or strict */
    free(other);
    char *error = NULL;
    if (rl_case_load(f->dir, &f->c, &error) != 0)
        fail_msg("%s", error);
    const rl_tool *only[] = {rl_tool_find(&f->tools, "native")};
    rl_effective_resolve(&f->c, &f->tools, "tools.json", only, 1, &error);
    assert_null(error);
    assert_non_null(rl_program_expectation(&f->c.programs[0], "native"));
    assert_null(rl_program_expectation(&f->c.programs[0], "strict"));
}

/* `cflags.FLAVOUR` names a build flavour and `options.TOOL` a tool of tools.json. */
static void settings_name_known_flavours_and_tools(void **state)
{
    fixture *f = *state;
    char *error = resolve(f, "[case]\ncflags.plain = -O0\noptions.nosuch = -x\n"
                             "[program threads_unsafe]\nnative = exit 0\nstrict = clean\n"
                             "cflags.tsan = -O2\noptions.det = --check=yes\n"
                             "[program threads_unsafe_b]\nnative = exit 0\nstrict = clean\n");
    char *want = xasprintf("%s/case.ini:3: 'options.nosuch': no tool 'nosuch' in tools.json\n"
                           "%s/case.ini:7: 'cflags.tsan': no build flavour 'tsan' in tools.json",
                           f->dir, f->dir);
    assert_string_equal(error, want);
    free(want);
    free(error);
    const char **words;
    assert_int_equal(rl_program_setting(&f->c, &f->c.programs[0], "options.det", &words), 1);
    assert_string_equal(words[0], "--check=yes");
    free(words);
}

/* FORMAT.md's example is a case.ini the loader accepts, against the real tools.json. */
static void format_md_example_loads(void **state)
{
    fixture *f = *state;
    char *doc = rl_read_file(RACELAB_SOURCE_DIR "/cases/FORMAT.md", NULL);
    assert_non_null(doc);
    char *start = strstr(doc, "```ini\n");
    assert_non_null(start);
    start += strlen("```ini\n");
    char *end = strstr(start, "\n```");
    assert_non_null(end);
    end[1] = '\0';
    write_text(f->dir, "threads_unsafe.c", "int n;\nvoid inc(void) { n++; } /* racelab: counter_inc */\n"
                                           "void dec(void) { n--; } /* racelab: counter_dec */\n");
    char *unused = xasprintf("%s/threads_unsafe_b.c", f->dir);
    remove(unused);
    free(unused);
    rl_toolset real;
    char *error = NULL;
    assert_int_equal(rl_tools_load(RACELAB_SOURCE_DIR "/harness/tools.json", &real, &error), 0);
    write_text(f->dir, "case.ini", start);
    if (rl_case_load(f->dir, &f->c, &error) != 0)
        fail_msg("%s", error);
    rl_effective_resolve(&f->c, &real, "harness/tools.json", NULL, 0, &error);
    if (error)
        fail_msg("%s", error);
    const rl_expectation *cpp = cell(f, 0, "cppcheck");
    const rl_limit *l = rl_tool_limit(rl_tool_find(&real, "cppcheck"), "no-thread-model");
    assert_non_null(l);
    assert_true(strncmp(cpp->reason, l->reason, strlen(l->reason)) == 0);
    assert_string_equal(cpp->reason + strlen(l->reason), "; each worker alone is correct");
    assert_int_equal(cell(f, 1, "helgrind")->type, RL_EXPECT_CLEAN);
    rl_tools_free(&real);
    free(doc);
}

/* A version takes its family's line unless the program names the version itself; the
 * family's limits hold for it unless it redefines them; its default is the family's. */
static void versions_inherit(void **state)
{
    fixture *f = *state;
    char *error = resolve(f, "[program threads_unsafe]\nnative = manifest\n"
                             "det = detect data-race at m\n"
                             "[program threads_unsafe_b]\nnative = manifest\n"
                             "det = false-alarm data-race at m: @atomics; here too\n"
                             "det-2 = clean\n"
                             "[program threads_safe]\n"
                             "det = false-alarm data-race at m: @atomics\n");
    if (error)
        fail_msg("%s", error);
    const rl_expectation *seen = cell(f, 0, "det-2");
    assert_int_equal(seen->type, RL_EXPECT_DETECT);
    assert_int_equal(seen->reports[0].kind, RL_KIND_DATA_RACE);
    assert_string_equal(seen->reports[0].markers[0], "m");
    assert_string_equal(seen->inherited, "det");
    assert_origin(f, "det-2", seen, &seen->reports[0], "%s/case.ini:3 (the line of det)");
    /* its own line wins */
    assert_int_equal(cell(f, 1, "det-2")->type, RL_EXPECT_CLEAN);
    assert_null(cell(f, 1, "det-2")->inherited);
    assert_origin(f, "det-2", cell(f, 1, "det-2"), NULL, "%s/case.ini:7");
    /* det's line, det-2's own @atomics */
    const rl_expectation *fa = cell(f, 2, "det-2");
    assert_string_equal(fa->reports[0].reason, "det 2 still mistakes relaxed atomics");
    assert_origin(f, "det-2", fa, &fa->reports[0],
                  "%s/case.ini:9 (the line of det) @atomics (tools.json, det-2, observed on "
                  "det 2.0)");
    assert_string_equal(cell(f, 2, "det")->reports[0].reason, "it does not know C11 atomics");
    /* the family's own cell is untouched by the version */
    assert_null(cell(f, 0, "det")->inherited);
}

static void versions_take_family_defaults(void **state)
{
    fixture *f = *state;
    char *error = resolve(f, "[program threads_unsafe]\nnative = manifest\n"
                             "[program threads_unsafe_b]\nnative = manifest\n"
                             "det-2 = blind: @no-threads; and more\n");
    if (error)
        fail_msg("%s", error);
    const rl_expectation *blind = cell(f, 0, "det-2");
    assert_int_equal(blind->type, RL_EXPECT_BLIND);
    assert_string_equal(blind->reason, "it follows one thread");
    assert_null(blind->inherited);
    assert_origin(f, "det-2", blind, NULL,
                  "default @no-threads (tools.json, det, observed on det 1.0)");
    assert_string_equal(cell(f, 1, "det-2")->reason, "it follows one thread; and more");
    assert_int_equal(cell(f, 2, "det-2")->type, RL_EXPECT_CLEAN);
    const rl_tool *v = rl_tool_find(&f->tools, "det-2");
    assert_ptr_equal(v->family, rl_tool_find(&f->tools, "det"));
    assert_string_equal(v->optional, "det-2");
    assert_true(rl_tool_in_family(v, "det"));
    assert_false(rl_tool_in_family(rl_tool_find(&f->tools, "native"), "det"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(defaults_and_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(unsafe_without_default_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(format_md_example_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(versions_inherit, setup_family, teardown),
        cmocka_unit_test_setup_teardown(versions_take_family_defaults, setup_family, teardown),
        cmocka_unit_test_setup_teardown(unselected_tools_need_no_line, setup, teardown),
        cmocka_unit_test_setup_teardown(settings_name_known_flavours_and_tools, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
