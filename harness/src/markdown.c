/* out/summary.md: which tool catches which bug, as a Markdown table, with every blind spot
 * and known false alarm and its reason. It is what docs/matrix.md is made from,
 * and what a CI job summary shows. */
#include "matrix.h"
#include "outputs.h"

#include "fsutil.h"
#include "outcome.h"
#include "output_common.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The legend's words (outcome.c); what was caught and what failed stand out in bold. */
static char *cell_words(const rl_cell *cell)
{
    rl_outcome o = rl_cell_outcome(cell);
    char *words = rl_cell_words(cell, false);
    if (o != RL_OUTCOME_CAUGHT && !rl_outcome_describe(o)->failure)
        return words;
    const char *space = strchr(words, ' ');
    size_t n = space ? (size_t)(space - words) : strlen(words);
    char *out = xasprintf("**%.*s**%s", (int)n, words, words + n);
    free(words);
    return out;
}

static void write_grid(const rl_matrix *m, FILE *f)
{
    fputs("| case | program | form | variant |", f);
    for (size_t t = 0; t < m->n_tools; t++)
        fprintf(f, " %s |", m->tools[t]->name);
    fputs("\n|---|---|---|---|", f);
    for (size_t t = 0; t < m->n_tools; t++)
        fputs("---|", f);
    fputc('\n', f);
    for (size_t r = 0; r < m->n_rows; r++) {
        const rl_row *row = &m->rows[r];
        fprintf(f, "| %s | %s | %s | %s |", row->c->name, row->program->name,
                row->program->form, row->program->variant);
        for (size_t t = 0; t < m->n_tools; t++) {
            char *words = cell_words(&row->cells[t]);
            fprintf(f, " %s |", words);
            free(words);
        }
        fputc('\n', f);
    }
}

/* Reasons travel in table-free bullet lists, so any character is fine but a newline. */
static void put_reason(FILE *f, const rl_cell *cell, const char *label, const char *reason)
{
    fprintf(f, "- %s/%s, %s — %s: ", cell->c->name, cell->program->name, cell->tool->name,
            label);
    for (const char *p = reason; *p; p++)
        fputc(*p == '\n' ? ' ' : *p, f);
    fputc('\n', f);
}

/* "may data-race at payload_read: seen in 3 of 10 runs" */
static void put_may(FILE *f, const rl_cell *cell, size_t k)
{
    const rl_expected_report *x = &cell->expect->reports[k];
    char *markers = xstrdup("");
    for (size_t i = 0; i < x->n_markers; i++) {
        char *next = xasprintf("%s %s", markers, x->markers[i]);
        free(markers);
        markers = next;
    }
    char *text = xasprintf("%s at%s: seen in %zu of %zu runs", rl_kind_name(x->kind), markers,
                           rl_runs_explained_by(cell, k), cell->n_runs);
    put_reason(f, cell, "may", text);
    free(text);
    free(markers);
}

static void write_reasons(const rl_matrix *m, FILE *f)
{
    fputs("\nBlind spots and known false alarms, with their reasons:\n\n", f);
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        const rl_expectation *e = cell->expect;
        if (e && e->type == RL_EXPECT_BLIND)
            put_reason(f, cell, "blind", e->reason);
        if (e && e->type == RL_EXPECT_NOT_EVALUATED)
            put_reason(f, cell, "not evaluated", e->reason ? e->reason : "(no reason given)");
        for (size_t r = 0; e && r < e->n_reports; r++)
            if (e->reports[r].false_alarm || e->reports[r].anywhere)
                put_reason(f, cell,
                           e->reports[r].false_alarm ? "known false alarm" : "no source line",
                           e->reports[r].reason);
            else if (e->reports[r].may)
                put_may(f, cell, r);
    }
}

static int emit_markdown(const rl_matrix *m, FILE *f, char **error)
{
    (void)error;
    rl_counts n = rl_matrix_count(m);
    char *not_evaluated = rl_not_evaluated_count(&n);
    fprintf(f, "%zu cells, %zu run(s) each: %zu pass, %zu fail, %zu xpass, %zu skip, %zu error%s "
               "in %.1f s.\n\n",
            m->n_cells, (size_t)m->opt->repeat, n.of[RL_VERDICT_PASS], n.of[RL_VERDICT_FAIL],
            n.of[RL_VERDICT_XPASS], n.of[RL_VERDICT_SKIP], n.of[RL_VERDICT_ERROR], not_evaluated,
            m->wall_s);
    free(not_evaluated);
    write_grid(m, f);
    write_reasons(m, f);
    return ferror(f) ? -1 : 0;
}

int rl_write_markdown(const rl_matrix *m, const char *path, char **error)
{
    return rl_write_atomic(path, emit_markdown, m, error);
}
