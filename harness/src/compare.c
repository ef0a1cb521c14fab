/* Lays the versions of each tool family side by side (compare.h). Two cells of one program
 * differ when their outcomes in words differ ("clean" and "false alarm 1/1") or when they
 * expect different reports; a version that says the same for a reason of its own (a line
 * or a limit that names it) is listed apart, since that reason was re-checked on it. */
#include "compare.h"

#include "judge.h"
#include "list.h"
#include "outcome.h"
#include "outputs.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef enum { SAME, OWN_REASON, DIFFERENT, NOT_COMPARED, N_LIKENESS } likeness;

typedef struct pair {
    size_t family, version; /* indices into m->tools */
} pair;

static size_t pairs_of(const rl_matrix *m, pair **out)
{
    size_t n = 0;
    *out = xcalloc(m->n_tools + 1, sizeof **out);
    for (size_t v = 0; v < m->n_tools; v++)
        for (size_t f = 0; f < m->n_tools && m->tools[v]->family; f++)
            if (m->tools[f] == m->tools[v]->family)
                (*out)[n++] = (pair){f, v};
    return n;
}

bool rl_compare_wanted(const rl_matrix *m)
{
    pair *pairs;
    size_t n = pairs_of(m, &pairs);
    free(pairs);
    return n > 0;
}

static bool same_report(const rl_expected_report *a, const rl_expected_report *b)
{
    if (a->kind != b->kind || a->false_alarm != b->false_alarm || a->anywhere != b->anywhere ||
        a->n_markers != b->n_markers)
        return false;
    for (size_t i = 0; i < a->n_markers; i++)
        if (strcmp(a->markers[i], b->markers[i]) != 0)
            return false;
    return true;
}

static bool same_expectation(const rl_expectation *a, const rl_expectation *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->type != b->type || a->n_reports != b->n_reports)
        return false;
    for (size_t i = 0; i < a->n_reports; i++)
        if (!same_report(&a->reports[i], &b->reports[i]))
            return false;
    return true;
}

static bool owned_by(const rl_tool *tool, const char *limit)
{
    return limit && rl_tool_limit_owner(tool, limit) == tool;
}

/* A line of case.ini that names the version, or a limit of its own behind a reason. */
static bool own_reason(const rl_cell *cell)
{
    const rl_expectation *e = cell->expect;
    if (e == NULL)
        return false;
    bool own = (e->line > 0 && e->inherited == NULL) || owned_by(cell->tool, e->limit);
    for (size_t i = 0; i < e->n_reports && !own; i++)
        own = owned_by(cell->tool, e->reports[i].limit);
    return own;
}

static likeness compare_cells(const rl_cell *a, const rl_cell *b)
{
    if (a->verdict == RL_VERDICT_SKIP || a->verdict == RL_VERDICT_ERROR ||
        b->verdict == RL_VERDICT_SKIP || b->verdict == RL_VERDICT_ERROR)
        return NOT_COMPARED;
    char *wa = rl_cell_words(a, false), *wb = rl_cell_words(b, false);
    bool differ = strcmp(wa, wb) != 0 || !same_expectation(a->expect, b->expect);
    free(wa);
    free(wb);
    if (differ)
        return DIFFERENT;
    return own_reason(b) ? OWN_REASON : SAME;
}

/* ---- writing ------------------------------------------------------------------------ */

static const char *version_of(const rl_matrix *m, size_t t)
{
    return m->tool_versions && m->tool_versions[t] ? m->tool_versions[t] : "version unknown";
}

static void put_cell_reasons(FILE *out, const rl_cell *cell, bool markdown)
{
    char *lead = xasprintf(markdown ? "  - %s: " : "      %s: ", cell->tool->name);
    rl_print_cell_expectation(out, cell, lead, markdown ? " — " : "  <- ");
    free(lead);
}

static void put_row(FILE *out, const rl_row *row, const pair *p, likeness how, bool markdown)
{
    const rl_cell *a = &row->cells[p->family], *b = &row->cells[p->version];
    char *wa = rl_cell_words(a, false), *wb = rl_cell_words(b, false);
    if (markdown)
        fprintf(out, "- %s/%s: %s: %s; %s: %s%s\n", row->c->name, row->program->name,
                a->tool->name, wa, b->tool->name, wb,
                how == OWN_REASON ? " (the same, for a reason of its own)" : "");
    else
        fprintf(out, "  %s/%s: %s %s | %s %s%s\n", row->c->name, row->program->name,
                a->tool->name, wa, b->tool->name, wb,
                how == OWN_REASON ? " (the same, for a reason of its own)" : "");
    free(wa);
    free(wb);
    if (how == DIFFERENT)
        put_cell_reasons(out, a, markdown);
    put_cell_reasons(out, b, markdown);
}

/* The cells not compared are told once, by the first one's reason (a tool not installed
 * skips every cell it has, for the same reason). */
static void put_not_compared(FILE *out, const rl_matrix *m, const pair *p, size_t n)
{
    for (size_t r = 0; r < m->n_rows && n > 0; r++) {
        const rl_cell *a = &m->rows[r].cells[p->family], *b = &m->rows[r].cells[p->version];
        if (compare_cells(a, b) != NOT_COMPARED)
            continue;
        const rl_cell *why = b->verdict == RL_VERDICT_SKIP || b->verdict == RL_VERDICT_ERROR
                                 ? b : a;
        fprintf(out, "  %zu cell(s) not compared, e.g. %s/%s %s %s: %s\n", n,
                why->c->name, why->program->name, why->tool->name,
                rl_verdict_name(why->verdict), why->reason ? why->reason : "");
        return;
    }
}

static void put_pair(FILE *out, const rl_matrix *m, const pair *p, bool markdown)
{
    size_t count[N_LIKENESS] = {0};
    for (size_t r = 0; r < m->n_rows; r++)
        count[compare_cells(&m->rows[r].cells[p->family], &m->rows[r].cells[p->version])]++;
    const char *fam = m->tools[p->family]->name, *ver = m->tools[p->version]->name;
    fprintf(out, markdown ? "\n## %s (%s) and %s (%s)\n\n" : "\n%s (%s) and %s (%s):\n", fam,
            version_of(m, p->family), ver, version_of(m, p->version));
    fprintf(out, "%s%zu program(s) compared: %zu differ, %zu the same for a reason of the "
                 "version's own, %zu the same; %zu not compared\n%s",
            markdown ? "" : "  ", count[SAME] + count[OWN_REASON] + count[DIFFERENT],
            count[DIFFERENT], count[OWN_REASON], count[SAME], count[NOT_COMPARED],
            markdown ? "\n" : "");
    if (count[NOT_COMPARED])
        put_not_compared(out, m, p, count[NOT_COMPARED]);
    for (likeness how = DIFFERENT; how >= OWN_REASON; how--)
        for (size_t r = 0; r < m->n_rows; r++)
            if (compare_cells(&m->rows[r].cells[p->family], &m->rows[r].cells[p->version]) ==
                how)
                put_row(out, &m->rows[r], p, how, markdown);
}

static void put_compare(const rl_matrix *m, FILE *out, bool markdown)
{
    pair *pairs;
    size_t n = pairs_of(m, &pairs);
    if (markdown)
        fputs("# Detector versions side by side\n\nFor each tool and its version (tools.json "
              "\"version_of\"): the programs where the two differ, with both outcomes and the "
              "expectations behind them (where each comes from after the dash).\n",
              out);
    if (n == 0)
        fputs("no version of a tool is selected together with its family (tools.json "
              "\"version_of\"; try racelab compare --with SET)\n", out);
    for (size_t i = 0; i < n; i++)
        put_pair(out, m, &pairs[i], markdown);
    free(pairs);
}

void rl_print_compare(const rl_matrix *m, FILE *out)
{
    put_compare(m, out, false);
}

static int emit_compare(const rl_matrix *m, FILE *out, char **error)
{
    (void)error;
    put_compare(m, out, true);
    return ferror(out) ? -1 : 0;
}

int rl_write_compare(const rl_matrix *m, const char *path, char **error)
{
    return rl_write_atomic(path, emit_compare, m, error);
}
