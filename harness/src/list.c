/* `racelab list` and `racelab list --expectations`. */
#include "list.h"
#include "expect.h"

#include "effective.h"

#include "xalloc.h"
#include "case.h"

#include <stdlib.h>
#include <string.h>

void rl_print_list(const rl_matrix *m, FILE *out)
{
    fprintf(out, "tools (%s):\n", m->opt->tools_path);
    for (size_t i = 0; i < m->n_tools; i++) {
        const rl_tool *t = m->tools[i];
        fprintf(out, "  %-14s build=%-11s parser=%-13s %s", t->name,
                t->build ? t->build : "(sources)", t->parser, t->about ? t->about : "");
        if (t->version_of)
            fprintf(out, " [a version of %s]", t->version_of);
        if (t->optional)
            fprintf(out, " [optional: --with %s]", t->optional);
        fputc('\n', out);
    }
    fprintf(out, "cases (%s):\n", m->opt->cases_dir);
    for (size_t i = 0; i < m->n_cases; i++) {
        const rl_case *c = &m->cases[i];
        fprintf(out, "  %s: %s\n", c->name, c->title ? c->title : "");
        for (size_t p = 0; p < c->n_programs; p++)
            fprintf(out, "    %-32s %-7s %-6s\n", c->programs[p].name, c->programs[p].form,
                    c->programs[p].variant);
    }
}

static void print_report(FILE *out, const rl_expected_report *r)
{
    fprintf(out, "%s %s", r->false_alarm ? "false-alarm" : r->may ? "may" : "detect",
            rl_kind_name(r->kind));
    if (r->anywhere)
        fputs(" anywhere", out);
    else
        fputs(" at", out);
    for (size_t j = 0; j < r->n_markers; j++)
        fprintf(out, " %s", r->markers[j]);
    if (r->reason)
        fprintf(out, ": %s", r->reason);
}

void rl_print_cell_expectation(FILE *out, const rl_cell *cell, const char *lead,
                               const char *before_origin)
{
    const rl_expectation *e = cell->expect;
    if (e == NULL) {
        fprintf(out, "%s(none)\n", lead);
        return;
    }
    for (size_t i = 0; i == 0 || i < e->n_reports; i++) {
        const rl_expected_report *r = e->n_reports ? &e->reports[i] : NULL;
        fputs(lead, out);
        if (r)
            print_report(out, r);
        else if (e->type == RL_EXPECT_EXIT)
            fprintf(out, "exit %d", e->status);
        else if (e->type == RL_EXPECT_SIGNAL)
            fprintf(out, "signal %s", rl_signal_name(e->status));
        else
            fprintf(out, "%s%s%s", rl_expect_type_name(e->type), e->reason ? ": " : "",
                    e->reason ? e->reason : "");
        char *origin = rl_effective_origin(cell->c, cell->tool, e, r);
        fprintf(out, "%s%s\n", before_origin, origin);
        free(origin);
    }
}

static void print_cell(FILE *out, const rl_cell *cell)
{
    char *lead = xasprintf("%s/%s %s: ", cell->c->name, cell->program->name, cell->tool->name);
    rl_print_cell_expectation(out, cell, lead, "\t");
    free(lead);
}

/* " ending=signal SIGABRT cflags=[-O0] options.drd=[--check-stack-var=yes]": what the
 * program's settings add (case's and program's together), in the order case.ini allows. */
static void print_settings(FILE *out, const rl_case *c, const rl_program *p)
{
    if (p->ending.type == RL_EXPECT_EXIT)
        fprintf(out, " ending=exit %d", p->ending.status);
    else if (p->ending.type == RL_EXPECT_SIGNAL)
        fprintf(out, " ending=signal %s", rl_signal_name(p->ending.status));
    const rl_setting *lists[] = {c->settings, p->settings};
    size_t counts[] = {c->n_settings, p->n_settings};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const char *key = lists[l][i].key;
            bool case_has = false; /* said once, after both are joined */
            for (size_t k = 0; l == 1 && k < c->n_settings; k++)
                case_has |= strcmp(c->settings[k].key, key) == 0;
            if (case_has)
                continue;
            const char **words;
            size_t n = rl_program_setting(c, p, key, &words);
            fprintf(out, " %s=[", key);
            for (size_t w = 0; w < n; w++)
                fprintf(out, "%s%s", w ? " " : "", words[w]);
            fputc(']', out);
            free(words);
        }
}

void rl_print_expectations(const rl_matrix *m, FILE *out)
{
    const rl_program *last = NULL;
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        if (cell->program != last) {
            const rl_program *p = cell->program;
            fprintf(out, "%s/%s: form=%s variant=%s timeout=%g hangs=%s", cell->c->name,
                    p->name, p->form, p->variant, p->timeout_s, p->hangs ? "yes" : "no");
            print_settings(out, cell->c, p);
            fputc('\n', out);
            last = p;
        }
        print_cell(out, cell);
    }
}
