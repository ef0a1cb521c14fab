/* The fixture table both parser tests share: a row names a captured output, the status
 * the parser must return and every report it must produce (kind, and each location's
 * basename, line and role). A row that does not match prints everything the parser
 * produced before the first failing assertion. Included by one test file each. */
#ifndef RACELAB_PARSER_TABLE_H
#define RACELAB_PARSER_TABLE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "xalloc.h"

#ifndef RACELAB_FIXTURES
#error "RACELAB_FIXTURES must name harness/tests/fixtures"
#endif

enum { MAX_REPORTS = 4, MAX_LOCATIONS = 4 };

typedef struct {
    const char *file; /* basename */
    int line;
    const char *role;
} want_location;

typedef struct {
    const char *kind;
    want_location locations[MAX_LOCATIONS]; /* up to the first with file == NULL */
} want_report;

typedef struct {
    const char *path; /* under harness/tests/fixtures/ */
    rl_parse_status status;
    size_t n_reports;
    want_report reports[MAX_REPORTS];
    const char *error_has; /* for a status other than OK: words the error must contain */
} fixture_row;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static size_t wanted_locations(const want_report *want)
{
    size_t n = 0;
    while (n < MAX_LOCATIONS && want->locations[n].file)
        n++;
    return n;
}

/* Prints what the parser produced, so a failing assertion comes with the whole picture. */
static void dump_reports(const char *path, rl_parse_status status, const char *error,
                         const rl_report_list *list)
{
    print_message("%s: status %d, %zu report(s)%s%s\n", path, (int)status, list->n,
                  error ? ", error: " : "", error ? error : "");
    for (size_t i = 0; i < list->n; i++) {
        const rl_report *r = &list->items[i];
        print_message("  report %zu: %s (%s)\n", i, rl_kind_name(r->kind), r->tool_kind ? r->tool_kind : "-");
        for (size_t j = 0; j < r->n_locations; j++)
            print_message("    %s:%d %s [%s]\n", base_name(r->locations[j].file),
                          r->locations[j].line,
                          r->locations[j].function ? r->locations[j].function : "-",
                          r->locations[j].role ? r->locations[j].role : "-");
    }
}

static void assert_contains(const char *text, const char *words)
{
    if (!text || !strstr(text, words)) {
        print_error("expected \"%s\" to contain \"%s\"\n", text ? text : "(null)", words);
        fail();
    }
}

static bool row_matches(const fixture_row *row, rl_parse_status status, const char *error,
                        const rl_report_list *list)
{
    if (status != row->status || (status == RL_PARSE_OK) != (error == NULL) ||
        (row->error_has && (!error || !strstr(error, row->error_has))) ||
        list->n != row->n_reports)
        return false;
    for (size_t i = 0; i < row->n_reports; i++) {
        const want_report *want = &row->reports[i];
        const rl_report *got = &list->items[i];
        if (strcmp(rl_kind_name(got->kind), want->kind) != 0 ||
            got->n_locations != wanted_locations(want))
            return false;
        for (size_t j = 0; j < got->n_locations; j++)
            if (strcmp(base_name(got->locations[j].file), want->locations[j].file) != 0 ||
                got->locations[j].line != want->locations[j].line ||
                !got->locations[j].role ||
                strcmp(got->locations[j].role, want->locations[j].role) != 0)
                return false;
    }
    return true;
}

static void check_row(const fixture_row *row, rl_parse_status status, const char *error,
                      const rl_report_list *list)
{
    if (!row_matches(row, status, error, list))
        dump_reports(row->path, status, error, list);
    assert_int_equal(status, row->status);
    if (status == RL_PARSE_OK)
        assert_null(error);
    else
        assert_non_null(error);
    if (row->error_has)
        assert_contains(error, row->error_has);
    assert_int_equal(list->n, row->n_reports);
    for (size_t i = 0; i < row->n_reports; i++) {
        const want_report *want = &row->reports[i];
        const rl_report *got = &list->items[i];
        assert_string_equal(rl_kind_name(got->kind), want->kind);
        assert_non_null(got->tool_kind);
        assert_int_equal(got->n_locations, wanted_locations(want));
        for (size_t j = 0; j < got->n_locations; j++) {
            assert_string_equal(base_name(got->locations[j].file), want->locations[j].file);
            assert_int_equal(got->locations[j].line, want->locations[j].line);
            assert_string_equal(got->locations[j].role, want->locations[j].role);
        }
    }
}

static char *fixture_path(const char *relative)
{
    return xasprintf("%s/%s", RACELAB_FIXTURES, relative);
}

/* One cmocka test per row, named by its fixture path; `test` gets the row as its state. */
static inline int run_fixture_table(const char *group, const fixture_row *table, size_t n,
                             void (*test)(void **state))
{
    struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = table[i].path;
        tests[i].test_func = test;
        tests[i].initial_state = (void *)&table[i];
    }
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    free(tests);
    return failed;
}

#endif
