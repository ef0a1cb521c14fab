/* tools.json at the door: numbers are range-checked rather than truncated, names are
 * safe, and every message names the file, the line of the tool and its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tools.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One valid tool, then one named `name` whose `field` member is `value`, on line 8. */
static char *load_named(const char *name, const char *field, const char *value)
{
    char path[] = "/tmp/racelab-test-tools-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "{\n  \"builds\": {\"plain\": {}},\n  \"tools\": [\n"
               "    {\"name\": \"native\", \"build\": \"plain\", \"argv\": [\"{program}\"],\n"
               "     \"parser\": \"none\"},\n"
               "    {\n"
               "      \"about\": \"the second tool\",\n"
               "      \"name\": \"%s\", \"build\": \"plain\", \"argv\": [\"{program}\"],\n"
               "      \"parser\": \"tsan\", \"reports\": \"tsan.*\", \"%s\": %s\n"
               "    }\n  ]\n}\n",
            name, field, value);
    fclose(f);
    rl_toolset set;
    char *error = NULL;
    int rc = rl_tools_load(path, &set, &error);
    if (rc == 0)
        rl_tools_free(&set);
    char *message = error ? xasprintf("%s", error + strlen(path)) : NULL;
    free(error);
    unlink(path);
    return message;
}

static char *load_error(const char *field, const char *value)
{
    return load_named("tsan", field, value);
}

static void assert_error(const char *field, const char *value, const char *want)
{
    char *got = load_error(field, value);
    if (want == NULL) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void exit_status_out_of_range(void **state)
{
    (void)state;
    /* 4294967362 would truncate to 66, TSan's exitcode */
    assert_error("report_exit_status", "4294967362",
                 ":8: tools[1] 'tsan': \"report_exit_status\" must be an exit status from 1 to "
                 "255");
    assert_error("report_exit_status", "0",
                 ":8: tools[1] 'tsan': \"report_exit_status\" must be an exit status from 1 to "
                 "255");
    assert_error("report_exit_status", "66", NULL);
}

static void slowdown_out_of_range(void **state)
{
    (void)state;
    assert_error("slowdown", "1e300",
                 ":8: tools[1] 'tsan': \"slowdown\" must be a number above 0 and at most 1000");
    assert_error("slowdown", "-1",
                 ":8: tools[1] 'tsan': \"slowdown\" must be a number above 0 and at most 1000");
    assert_error("slowdown", "2.5", NULL);
}

/* "docs" becomes SARIF's informationUri, which GitHub links: an https URL only. */
static void docs_must_be_https(void **state)
{
    (void)state;
    assert_error("docs", "\"javascript:alert(1)\"",
                 ":8: tools[1] 'tsan': \"docs\" must be an https:// URL, not "
                 "\"javascript:alert(1)\"");
    assert_error("docs", "\"https://clang.llvm.org/docs/ThreadSanitizer.html\"", NULL);
}

/* A tool name becomes a path (out/raw/<case>/<program>/<tool>). */
static void tool_name_must_be_safe(void **state)
{
    (void)state;
    char *got = load_named("../x", "slowdown", "1");
    assert_non_null(got);
    assert_string_equal(got, ":8: tools[1] '../x': tool name '../x' is not allowed: names are "
                             "1 to 100 of A-Z a-z 0-9 _ - (they become paths and arguments)");
    free(got);
}

/* A version names another tool, of the same sort, and the file says which one it is. */
static void version_of_must_name_a_family(void **state)
{
    (void)state;
    assert_error("version_of", "\"nope\"",
                 ":8: tools[1] 'tsan': \"version_of\": \"nope\" is not another tool of the file");
    assert_error("version_of", "\"tsan\"",
                 ":8: tools[1] 'tsan': \"version_of\": \"tsan\" is not another tool of the file");
    assert_error("version_of", "\"native\"",
                 ":8: tools[1] 'tsan': \"version_of\": \"native\" and this tool must both be "
                 "detectors or both not");
    assert_error("version_of", "3", ":8: tools[1] 'tsan': \"version_of\" must be a string");
    assert_error("optional", "\"a b\"",
                 ":8: tools[1] 'tsan': \"optional\" set name 'a b' is not allowed: names are 1 "
                 "to 100 of A-Z a-z 0-9 _ - (they become paths and arguments)");
    assert_error("optional", "\"clang-19\"", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exit_status_out_of_range),
        cmocka_unit_test(slowdown_out_of_range),
        cmocka_unit_test(tool_name_must_be_safe),
        cmocka_unit_test(version_of_must_name_a_family),
        cmocka_unit_test(docs_must_be_https),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
