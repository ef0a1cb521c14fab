/* Lays out the cells from cases × tools, checks every expectation against the tools it
 * names, and gathers what each tool needs in order to run (binary, PATH). */
#include "matrix.h"

#include "fsutil.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void append_error(char **errors, char *line)
{
    char *next = xasprintf("%s%s%s", *errors ? *errors : "", *errors ? "\n" : "", line);
    free(*errors);
    free(line);
    *errors = next;
}

static bool selected(char **names, size_t n, const char *name)
{
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static void select_tools(rl_matrix *m, char **errors)
{
    const rl_options *o = m->opt;
    for (size_t i = 0; i < o->n_tools; i++)
        if (rl_tool_find(&m->toolset, o->tools[i]) == NULL)
            append_error(errors, xasprintf("--tool %s: no such tool in %s", o->tools[i],
                                           o->tools_path));
    m->tools = xcalloc(m->toolset.n, sizeof *m->tools);
    for (size_t i = 0; i < m->toolset.n; i++)
        if (selected(o->tools, o->n_tools, m->toolset.tools[i].name))
            m->tools[m->n_tools++] = &m->toolset.tools[i];
    m->tool_versions = xcalloc(m->n_tools, sizeof *m->tool_versions);
}

/* Every program names every tool of tools.json, with a type that suits the tool. */
static void check_expectations(const rl_matrix *m, const rl_case *c, char **errors)
{
    for (size_t p = 0; p < c->n_programs; p++) {
        const rl_program *prog = &c->programs[p];
        for (size_t e = 0; e < prog->n_expects; e++) {
            const rl_expectation *x = &prog->expects[e];
            const rl_tool *t = rl_tool_find(&m->toolset, x->tool);
            bool native_type = x->type == RL_EXPECT_MANIFEST || x->type == RL_EXPECT_CORRECT ||
                               x->type == RL_EXPECT_HANG;
            if (t == NULL)
                append_error(errors, xasprintf("%s:%d: unknown tool '%s' (see %s)", c->ini_path,
                                               x->line, x->tool, m->opt->tools_path));
            else if (native_type == rl_tool_is_detector(t))
                append_error(errors, xasprintf("%s:%d: %s: '%s' does not fit this tool: %s",
                                               c->ini_path, x->line, x->tool,
                                               rl_expect_type_name(x->type),
                                               native_type ? "a detector expects clean, detect, "
                                                             "blind or false-alarm"
                                                           : "the program alone expects "
                                                             "manifest, correct or hang"));
        }
        for (size_t t = 0; t < m->toolset.n; t++)
            if (rl_program_expectation(prog, m->toolset.tools[t].name) == NULL)
                append_error(errors, xasprintf("%s:%d: [program %s] says nothing about tool "
                                               "'%s' (every program needs a line per tool)",
                                               c->ini_path, prog->line, prog->name,
                                               m->toolset.tools[t].name));
    }
}

static void load_cases(rl_matrix *m, char **errors)
{
    const rl_options *o = m->opt;
    char **names;
    size_t n = rl_list_dir(o->cases_dir, "", true, &names);
    for (size_t i = 0; i < o->n_cases; i++) {
        char *ini = xasprintf("%s/%s/case.ini", o->cases_dir, o->cases[i]);
        if (!rl_is_file(ini))
            append_error(errors, xasprintf("--case %s: no %s", o->cases[i], ini));
        free(ini);
    }
    m->cases = xcalloc(n, sizeof *m->cases);
    for (size_t i = 0; i < n; i++) {
        char *dir = xasprintf("%s/%s", o->cases_dir, names[i]);
        char *ini = xasprintf("%s/case.ini", dir);
        char *error = NULL;
        if (rl_is_file(ini) && selected(o->cases, o->n_cases, names[i])) {
            if (rl_case_load(dir, &m->cases[m->n_cases], &error) != 0)
                append_error(errors, error);
            else if (!o->observe) /* observing needs no expectations yet */
                check_expectations(m, &m->cases[m->n_cases++], errors);
            else
                m->n_cases++;
        }
        free(ini);
        free(dir);
    }
    rl_free_strings(names, n);
    if (m->n_cases == 0 && *errors == NULL)
        append_error(errors, xasprintf("%s: no case folders (a folder with a case.ini)",
                                       o->cases_dir));
}

static void add_cell(rl_matrix *m, const rl_case *c, const rl_program *p, const rl_tool *t)
{
    rl_cell *cell = &m->cells[m->n_cells++];
    memset(cell, 0, sizeof *cell);
    cell->c = c;
    cell->program = p;
    cell->tool = t;
    cell->expect = rl_program_expectation(p, t->name);
    if (t->build)
        cell->binary = xasprintf("%s/cases/%s/%s/%s", m->opt->build_dir, t->build, c->name,
                                 p->name);
    char *dir = realpath(c->dir, NULL);
    cell->source = xasprintf("%s/%s.c", dir ? dir : c->dir, p->name);
    free(dir);
    cell->n_runs = m->opt->repeat;
    cell->runs = xcalloc(cell->n_runs, sizeof *cell->runs);
}

int rl_matrix_prepare(rl_matrix *m, const rl_options *opt, char **error)
{
    memset(m, 0, sizeof *m);
    m->opt = opt;
    *error = NULL;
    if (rl_tools_load(opt->tools_path, &m->toolset, error) != 0)
        return -1;
    select_tools(m, error);
    load_cases(m, error);
    if (*error)
        return -1;
    size_t total = 0;
    for (size_t i = 0; i < m->n_cases; i++)
        total += m->cases[i].n_programs * m->n_tools;
    m->cells = xcalloc(total, sizeof *m->cells);
    for (size_t i = 0; i < m->n_cases; i++)
        for (size_t p = 0; p < m->cases[i].n_programs; p++)
            for (size_t t = 0; t < m->n_tools; t++)
                add_cell(m, &m->cases[i], &m->cases[i].programs[p], m->tools[t]);
    return 0;
}

static void run_free(rl_run *r)
{
    rl_report_list_free(&r->reports);
    free(r->parse_error);
    free(r->result);
    free(r->stderr_tail);
    free(r->reason);
}

void rl_matrix_free(rl_matrix *m)
{
    for (size_t i = 0; i < m->n_cells; i++) {
        for (size_t r = 0; r < m->cells[i].n_runs; r++)
            run_free(&m->cells[i].runs[r]);
        free(m->cells[i].runs);
        free(m->cells[i].binary);
        free(m->cells[i].source);
        free(m->cells[i].reason);
    }
    free(m->cells);
    for (size_t i = 0; i < m->n_cases; i++)
        rl_case_free(&m->cases[i]);
    free(m->cases);
    for (size_t i = 0; i < m->n_tools; i++)
        free(m->tool_versions[i]);
    free(m->tool_versions);
    free(m->tools);
    rl_tools_free(&m->toolset);
    free(m->work_dir);
    memset(m, 0, sizeof *m);
}
