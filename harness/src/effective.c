/* Completes the expectations case.ini states into every cell's effective expectation:
 * the tools it names are checked, the limits it cites are spelled out, and what it does not
 * say is given its default (see effective.h and cases/FORMAT.md). */
#include "effective.h"

#include "case.h"
#include "expect.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* "@NAME" or "@NAME; what is special here" -> the limit's reason (and the addition).
 * Returns 0, or -1 with *error set; a reason without '@' is left as it is. */
static int cite(const rl_tool *t, char **reason, char **limit, char **error)
{
    if (*reason == NULL || (*reason)[0] != '@')
        return 0;
    const char *name = *reason + 1;
    size_t len = strcspn(name, "; \t");
    char *wanted = xstrndup(name, len);
    const rl_limit *l = rl_tool_limit(t, wanted);
    if (l == NULL) {
        *error = xasprintf("%s: no limit '@%s' in the tool's \"limits\"", t->name, wanted);
        free(wanted);
        return -1;
    }
    const char *extra = name + len;
    while (*extra == ';' || isspace((unsigned char)*extra))
        extra++;
    char *full = *extra ? xasprintf("%s; %s", l->reason, extra) : xstrdup(l->reason);
    free(*reason);
    *reason = full;
    free(*limit);
    *limit = wanted;
    return 0;
}

static void cite_all(const rl_case *c, const rl_tool *t, rl_expectation *e, char **errors)
{
    char *error = NULL;
    if (cite(t, &e->reason, &e->limit, &error) != 0)
        xappend_line(errors, xasprintf("%s:%d: %s", c->ini_path, e->line, error));
    for (size_t i = 0; i < e->n_reports; i++) {
        free(error);
        error = NULL;
        rl_expected_report *r = &e->reports[i];
        if (cite(t, &r->reason, &r->limit, &error) != 0)
            xappend_line(errors, xasprintf("%s:%d: %s", c->ini_path, r->line, error));
    }
    free(error);
}

static void check_fit(const rl_case *c, const rl_expectation *x, const rl_tool *t,
                      char **errors)
{
    bool native_type = x->type == RL_EXPECT_MANIFEST || x->type == RL_EXPECT_CORRECT ||
                       x->type == RL_EXPECT_HANG || x->type == RL_EXPECT_EXIT ||
                       x->type == RL_EXPECT_SIGNAL;
    if (x->type == RL_EXPECT_NOT_EVALUATED || native_type != (bool)rl_tool_is_detector(t))
        return;
    xappend_line(errors, xasprintf("%s:%d: %s: '%s' does not fit this tool: %s", c->ini_path,
                                   x->line, x->tool, rl_expect_type_name(x->type),
                                   native_type ? "a detector expects clean, detect, may, "
                                                 "blind or false-alarm"
                                               : "the program alone expects manifest, "
                                                 "correct, hang, exit N or signal NAME"));
}

/* The expectation of a tool the program does not mention, or -1 when there is none. */
static int add_default(const rl_case *c, rl_program *p, const rl_tool *t, char **errors)
{
    rl_expectation e = {.tool = xstrdup(t->name)};
    bool detector = rl_tool_is_detector(t);
    const rl_limit *l = detector ? rl_tool_default_limit(t, p->form) : NULL;
    if (strcmp(p->variant, "safe") == 0) {
        e.type = detector ? RL_EXPECT_CLEAN : RL_EXPECT_CORRECT;
    } else if (l != NULL) {
        e.type = RL_EXPECT_BLIND;
        e.reason = xstrdup(l->reason);
        e.limit = xstrdup(l->name);
    } else {
        free(e.tool);
        xappend_line(errors, xasprintf("%s:%d: [program %s] says nothing about tool '%s', and "
                                       "an unsafe program has no default for it (say what it "
                                       "reports, or give the tool a \"default_for\" limit)",
                                       c->ini_path, p->line, p->name, t->name));
        return -1;
    }
    p->expects = xrealloc(p->expects, (p->n_expects + 1) * sizeof *p->expects);
    p->expects[p->n_expects++] = e;
    return 0;
}

/* A version of a family that the program does not name takes the family's case.ini line,
 * before any reason is cited: its `@NAME`s then read the version's limits, which are the
 * family's unless the version redefines them. */
static void inherit_lines(rl_program *prog, const rl_toolset *tools)
{
    for (size_t t = 0; t < tools->n; t++) {
        const rl_tool *tool = &tools->tools[t];
        if (tool->family == NULL || rl_program_expectation(prog, tool->name) != NULL)
            continue;
        const rl_expectation *of = rl_program_expectation(prog, tool->family->name);
        if (of == NULL)
            continue; /* the family has a default here; so will the version */
        rl_expectation copy = rl_expectation_copy(of, tool->name);
        copy.inherited = xstrdup(tool->family->name);
        prog->expects = xrealloc(prog->expects, (prog->n_expects + 1) * sizeof *prog->expects);
        prog->expects[prog->n_expects++] = copy;
    }
}

static bool is_flavour(const rl_toolset *tools, const char *name)
{
    for (size_t t = 0; t < tools->n; t++)
        if (tools->tools[t].build && strcmp(tools->tools[t].build, name) == 0)
            return true;
    return false;
}

/* `cflags.FLAVOUR` must name a build flavour some tool uses, `options.TOOL` a tool. */
static void check_settings(const rl_case *c, const rl_setting *list, size_t n,
                           const rl_toolset *tools, const char *tools_path, char **errors)
{
    for (size_t i = 0; i < n; i++) {
        const char *key = list[i].key;
        bool flavour = strncmp(key, "cflags.", 7) == 0, tool = strncmp(key, "options.", 8) == 0;
        const char *name = strchr(key, '.') ? strchr(key, '.') + 1 : NULL;
        if ((flavour && !is_flavour(tools, name)) || (tool && !rl_tool_find(tools, name)))
            xappend_line(errors, xasprintf("%s:%d: '%s': no %s '%s' in %s", c->ini_path,
                                           list[i].line, key,
                                           flavour ? "build flavour" : "tool", name,
                                           tools_path));
    }
}

static bool in_selection(const rl_tool *t, const rl_tool *const *selected, size_t n)
{
    for (size_t i = 0; selected && i < n; i++)
        if (selected[i] == t)
            return true;
    return selected == NULL;
}

void rl_effective_resolve(rl_case *c, const rl_toolset *tools, const char *tools_path,
                          const rl_tool *const *selected, size_t n_selected, char **errors)
{
    check_settings(c, c->settings, c->n_settings, tools, tools_path, errors);
    for (size_t p = 0; p < c->n_programs; p++) {
        check_settings(c, c->programs[p].settings, c->programs[p].n_settings, tools,
                       tools_path, errors);
        rl_program *prog = &c->programs[p];
        inherit_lines(prog, tools);
        for (size_t e = 0; e < prog->n_expects; e++) {
            rl_expectation *x = &prog->expects[e];
            const rl_tool *t = rl_tool_find(tools, x->tool);
            if (t == NULL) {
                xappend_line(errors, xasprintf("%s:%d: unknown tool '%s' (see %s)",
                                               c->ini_path, x->line, x->tool, tools_path));
                continue;
            }
            check_fit(c, x, t, errors);
            cite_all(c, t, x, errors);
        }
        /* a tool that is not run needs no default: --tool native runs an unsafe program
         * whose case.ini says nothing about tsan-clang */
        for (size_t t = 0; t < tools->n; t++)
            if (rl_program_expectation(prog, tools->tools[t].name) == NULL &&
                in_selection(&tools->tools[t], selected, n_selected))
                add_default(c, prog, &tools->tools[t], errors);
    }
}

char *rl_effective_origin(const rl_case *c, const rl_tool *tool, const rl_expectation *e,
                          const rl_expected_report *r)
{
    int line = r ? r->line : e->line;
    const char *limit = r ? r->limit : e->limit;
    char *where = line <= 0      ? xstrdup("default")
                  : e->inherited ? xasprintf("%s/case.ini:%d (the line of %s)", c->name, line,
                                             e->inherited)
                                 : xasprintf("%s/case.ini:%d", c->name, line);
    if (limit == NULL)
        return where;
    const rl_limit *l = rl_tool_limit(tool, limit);
    const rl_tool *owner = rl_tool_limit_owner(tool, limit);
    char *out = xasprintf("%s @%s (tools.json, %s, observed on %s)", where, limit,
                          owner ? owner->name : tool->name, l ? l->observed : "?");
    free(where);
    return out;
}
