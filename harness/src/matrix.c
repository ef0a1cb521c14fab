/* Lays out the cells from cases × tools, checks every expectation against the tools it
 * names, and gathers what each tool needs in order to run (binary, PATH). */
#include "matrix.h"
#include "judge.h"
#include "case.h"

#include "effective.h"
#include "fsutil.h"
#include "suggest.h"
#include "xalloc.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* --case and --tool take names or fnmatch(3) globs ("lock_*"). */
static bool selected(char **patterns, size_t n, const char *name)
{
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (fnmatch(patterns[i], name, 0) == 0)
            return true;
    return false;
}

/* Every --case/--tool pattern must select something; the message lists what exists. */
static void check_patterns(const char *flag, char **patterns, size_t n_patterns,
                           const char *const *names, size_t n_names, const char *where,
                           char **errors)
{
    for (size_t i = 0; i < n_patterns; i++) {
        bool any = false;
        for (size_t j = 0; j < n_names && !any; j++)
            any = fnmatch(patterns[i], names[j], 0) == 0;
        if (any)
            continue;
        char *hint = rl_name_hint(patterns[i], names, n_names);
        xappend_line(errors, xasprintf("%s %s: no such name in %s%s", flag, patterns[i], where,
                                       hint));
        free(hint);
    }
}

/* `racelab compare`: the families named by --family (all that have a version when none
 * is), each with its versions; --tool narrows that down. */
static bool in_compared_family(const rl_options *o, const rl_tool *t)
{
    if (o->n_tools > 0 && !selected(o->tools, o->n_tools, t->name))
        return false;
    const char *family = t->family ? t->family->name : t->name;
    for (size_t i = 0; i < o->n_families; i++)
        if (strcmp(o->families[i], family) == 0)
            return true;
    return o->n_families == 0 && (t->family != NULL || t->has_versions);
}

/* An optional tool (tools.json "optional": SET) is left out of the default selection, so
 * the default matrix does not grow with versions nobody installed; --with SET brings its
 * set in. A --tool pattern selects the optional tools it matches with --with SET, or when
 * it names them alone: an exact name, or a glob that matches no default tool ('*-19',
 * not 'tsan-*'). */
static bool with_set(const rl_options *o, const rl_tool *t)
{
    for (size_t i = 0; t->optional && i < o->n_with; i++)
        if (strcmp(o->with[i], t->optional) == 0)
            return true;
    return t->optional == NULL;
}

static bool names_only_optional(const rl_toolset *set, const char *pattern)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->tools[i].optional == NULL && fnmatch(pattern, set->tools[i].name, 0) == 0)
            return false;
    return true;
}

static bool tool_chosen(const rl_matrix *m, const rl_tool *t)
{
    const rl_options *o = m->opt;
    if (o->compare)
        return in_compared_family(o, t);
    if (o->n_tools == 0)
        return with_set(o, t);
    for (size_t i = 0; i < o->n_tools; i++)
        if (fnmatch(o->tools[i], t->name, 0) == 0 &&
            (with_set(o, t) || names_only_optional(&m->toolset, o->tools[i])))
            return true;
    return false;
}

/* Every --with names an "optional" set, every --family a family with a version. */
static void check_sets(const rl_matrix *m, char **errors)
{
    const rl_options *o = m->opt;
    for (size_t i = 0; i < o->n_with + o->n_families; i++) {
        bool with = i < o->n_with;
        const char *name = with ? o->with[i] : o->families[i - o->n_with];
        bool any = false;
        for (size_t t = 0; t < m->toolset.n && !any; t++) {
            const rl_tool *tool = &m->toolset.tools[t];
            any = with ? tool->optional && strcmp(tool->optional, name) == 0
                       : tool->family && strcmp(tool->family->name, name) == 0;
        }
        if (!any)
            xappend_line(errors, xasprintf(with ? "--with %s: no tool of %s is \"optional\": "
                                                  "\"%s\""
                                                : "--family %s: no tool of %s is a "
                                                  "\"version_of\": \"%s\"",
                                           name, o->tools_path, name));
    }
}

static void select_tools(rl_matrix *m, char **errors)
{
    const rl_options *o = m->opt;
    const char **names = xcalloc(m->toolset.n + 1, sizeof *names);
    for (size_t i = 0; i < m->toolset.n; i++)
        names[i] = m->toolset.tools[i].name;
    check_patterns("--tool", o->tools, o->n_tools, names, m->toolset.n, o->tools_path, errors);
    check_sets(m, errors);
    free(names);
    m->tools = xcalloc(m->toolset.n, sizeof *m->tools);
    for (size_t i = 0; i < m->toolset.n; i++)
        if (tool_chosen(m, &m->toolset.tools[i]))
            m->tools[m->n_tools++] = &m->toolset.tools[i];
    m->tool_versions = xcalloc(m->n_tools, sizeof *m->tool_versions);
}

static void load_cases(rl_matrix *m, char **errors)
{
    const rl_options *o = m->opt;
    char **names;
    size_t n = rl_list_dir(o->cases_dir, "", true, &names);
    const char **case_names = xcalloc(n + 1, sizeof *case_names);
    size_t n_case_names = 0;
    for (size_t i = 0; i < n; i++) {
        char *ini = xasprintf("%s/%s/case.ini", o->cases_dir, names[i]);
        if (rl_is_file(ini))
            case_names[n_case_names++] = names[i];
        free(ini);
    }
    check_patterns("--case", o->cases, o->n_cases, case_names, n_case_names, o->cases_dir,
                   errors);
    free(case_names);
    m->cases = xcalloc(n, sizeof *m->cases);
    for (size_t i = 0; i < n; i++) {
        char *dir = xasprintf("%s/%s", o->cases_dir, names[i]);
        char *ini = xasprintf("%s/case.ini", dir);
        char *error = NULL;
        if (rl_is_file(ini) && selected(o->cases, o->n_cases, names[i])) {
            if (rl_case_load(dir, &m->cases[m->n_cases], &error) != 0)
                xappend_line(errors, error);
            else if (!o->observe) /* observing needs no expectations yet */
                rl_effective_resolve(&m->cases[m->n_cases++], &m->toolset, o->tools_path,
                                     (const rl_tool *const *)m->tools, m->n_tools, errors);
            else
                m->n_cases++;
        }
        free(ini);
        free(dir);
    }
    rl_free_strings(names, n);
    if (m->n_cases == 0 && *errors == NULL)
        xappend_line(errors, xasprintf("%s: no case folders (a folder with a case.ini)",
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
    /* A static analyzer reads the source: the same input gives the same answer, so one
     * analysis stands for every --repeat. */
    cell->n_runs = t->build ? m->opt->repeat : 1;
    if (cell->expect && cell->expect->type == RL_EXPECT_NOT_EVALUATED) {
        cell->n_runs = 0; /* settled now: never run, never counted as a pass */
        cell->verdict = RL_VERDICT_NOT_EVALUATED;
        cell->reason = xstrdup(cell->expect->reason ? cell->expect->reason : "not evaluated");
    }
    cell->runs = xcalloc(cell->n_runs ? cell->n_runs : 1, sizeof *cell->runs);
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
    m->rows = xcalloc(total / (m->n_tools ? m->n_tools : 1) + 1, sizeof *m->rows);
    for (size_t i = 0; i < m->n_cases; i++)
        for (size_t p = 0; p < m->cases[i].n_programs; p++) {
            const rl_program *prog = &m->cases[i].programs[p];
            m->rows[m->n_rows++] = (rl_row){&m->cases[i], prog, m->cells + m->n_cells};
            for (size_t t = 0; t < m->n_tools; t++)
                add_cell(m, &m->cases[i], prog, m->tools[t]);
        }
    return 0;
}

static void cell_free(rl_cell *cell)
{
    for (size_t r = 0; cell->runs != NULL && r < cell->n_runs; r++)
        rl_run_free(&cell->runs[r]);
    free(cell->runs);
    free(cell->binary);
    free(cell->source);
    free(cell->reason);
    free(cell->missed_runs);
}

static bool tool_has_cell(const rl_matrix *m, const rl_tool *tool)
{
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].tool == tool)
            return true;
    return false;
}

/* Rows again over the kept cells: a row begins where the program changes. */
static void relayout_rows(rl_matrix *m)
{
    m->n_rows = 0;
    for (size_t i = 0; i < m->n_cells; i++)
        if (i == 0 || m->cells[i].program != m->cells[i - 1].program)
            m->rows[m->n_rows++] =
                (rl_row){m->cells[i].c, m->cells[i].program, m->cells + i};
}

void rl_matrix_keep_cells(rl_matrix *m, const bool *keep)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        if (keep[i])
            m->cells[kept++] = m->cells[i];
        else
            cell_free(&m->cells[i]);
    }
    m->n_cells = kept;
    size_t tools = 0;
    for (size_t t = 0; t < m->n_tools; t++) {
        if (tool_has_cell(m, m->tools[t])) {
            m->tool_versions[tools] = m->tool_versions[t];
            m->tools[tools++] = m->tools[t];
        } else {
            free(m->tool_versions[t]);
        }
    }
    m->n_tools = tools;
    relayout_rows(m);
}

void rl_matrix_free(rl_matrix *m)
{
    for (size_t i = 0; i < m->n_cells; i++)
        cell_free(&m->cells[i]);
    free(m->cells);
    free(m->rows);
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

char *rl_not_evaluated_count(const rl_counts *n)
{
    size_t k = n->of[RL_VERDICT_NOT_EVALUATED];
    return k ? xasprintf(", %zu not-evaluated", k) : xstrdup("");
}

rl_counts rl_matrix_count(const rl_matrix *m)
{
    rl_counts n = {{0}};
    for (size_t i = 0; i < m->n_cells; i++)
        if ((unsigned)m->cells[i].verdict < RL_VERDICT_COUNT)
            n.of[m->cells[i].verdict]++;
    return n;
}
