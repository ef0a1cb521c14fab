/* Under GitHub Actions: every cell that did not pass becomes an `::error` annotation on
 * its source line, and the Markdown matrix goes to the job summary. */
#include "matrix.h"
#include "judge.h"

#include "fsutil.h"
#include "output_common.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Workflow commands have their own escaping (no library speaks them): '%', CR and LF
 * everywhere, and ':' and ',' in property values. */
static void put_escaped(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*s, out);
        }
    }
}

/* The line to annotate: the first reported location in the repository, else the first
 * line marked by the expectation, else the top of the program's source. */
static char *annotation_place(const rl_cell *cell, const char *root, int *line)
{
    for (size_t r = 0; cell->runs && r < cell->n_runs; r++) {
        const rl_report_list *list = &cell->runs[r].reports;
        for (size_t i = 0; i < list->n; i++)
            for (size_t k = 0; k < list->items[i].n_locations; k++) {
                char *rel = rl_relative_path(root, list->items[i].locations[k].file);
                if (rel && rel[0] != '/') {
                    *line = list->items[i].locations[k].line;
                    return rel;
                }
                free(rel);
            }
    }
    const rl_expectation *e = cell->expect;
    const rl_case *c = cell->c;
    for (size_t m = 0; e && e->n_reports && !e->reports[0].anywhere && m < c->n_markers; m++)
        if (strcmp(c->markers[m].name, e->reports[0].markers[0]) == 0) {
            *line = c->markers[m].line;
            return xasprintf("cases/%s/%s", c->name, c->markers[m].file);
        }
    *line = 1;
    return xasprintf("cases/%s/%s.c", c->name, cell->program->name);
}

void rl_github_annotate(const rl_matrix *m, FILE *out)
{
    char *root = rl_repository_root(m);
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        if (cell->verdict == RL_VERDICT_PASS || cell->verdict == RL_VERDICT_SKIP ||
            cell->verdict == RL_VERDICT_NOT_EVALUATED) /* nothing to act on */
            continue;
        int line;
        char *file = annotation_place(cell, root, &line);
        char *title = xasprintf("racelab %s: %s/%s %s", rl_verdict_name(cell->verdict),
                                cell->c->name, cell->program->name, cell->tool->name);
        fputs(cell->verdict == RL_VERDICT_XPASS ? "::warning file=" : "::error file=", out);
        put_escaped(out, file, true);
        fprintf(out, ",line=%d,title=", line);
        put_escaped(out, title, true);
        fputs("::", out);
        put_escaped(out, cell->reason ? cell->reason : rl_verdict_name(cell->verdict), false);
        fputc('\n', out);
        free(title);
        free(file);
    }
    free(root);
}

int rl_github_step_summary(const char *summary_md, const char *step_summary, char **error)
{
    char *text = rl_read_file(summary_md, NULL);
    FILE *f = text ? fopen(step_summary, "ae") : NULL;
    if (f == NULL) {
        *error = xasprintf("cannot append %s to %s", summary_md, step_summary);
        free(text);
        return -1;
    }
    fputs("## racelab matrix\n\n", f);
    fputs(text, f);
    int rc = fclose(f) == 0 ? 0 : -1;
    if (rc != 0)
        *error = xasprintf("cannot write %s", step_summary);
    free(text);
    return rc;
}
