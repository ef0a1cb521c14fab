/* `racelab observe`: what each tool said, before anyone wrote an expectation. Every
 * distinct report of a cell with the markers its lines carry, and what the program's own
 * invariant check printed, so that an expectation can be written from a real run. */
#include "observe.h"

#include "judge.h"
#include "matrix.h"

#include "fsutil.h"
#include "output_common.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* " (counter_inc)" when the line carries markers, "" otherwise; malloc'd. */
static char *markers_on(const rl_case *c, const rl_location *loc)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < c->n_markers; i++) {
        if (c->markers[i].line != loc->line ||
            strcmp(c->markers[i].file, rl_basename(loc->file)) != 0)
            continue;
        char *next = xasprintf("%s%s%s", out, *out ? ", " : "", c->markers[i].name);
        free(out);
        out = next;
    }
    char *wrapped = *out ? xasprintf(" (%s)", out) : xstrdup("");
    free(out);
    return wrapped;
}

static void print_report(FILE *out, const rl_cell *cell, const rl_seen_report *seen)
{
    const rl_report *r = seen->report;
    fprintf(out, "    %zu/%zu runs: %s [%s]\n", seen->runs, cell->n_runs, rl_kind_name(r->kind),
            r->tool_kind ? r->tool_kind : "");
    for (size_t i = 0; i < r->n_locations; i++) {
        char *marks = markers_on(cell->c, &r->locations[i]);
        const rl_frame *via = r->locations[i].wrapper;
        fprintf(out, "      %-16s %s:%d%s", r->locations[i].role ? r->locations[i].role : "",
                rl_basename(r->locations[i].file), r->locations[i].line, marks);
        const rl_frame *caller = r->locations[i].n_callers ? &r->locations[i].callers[0] : NULL;
        if (via) /* the case's wrapper it stepped over (unwrap.h) */
            fprintf(out, " via %s (%s:%d)", via->function ? via->function : "wrapper",
                    rl_basename(via->file), via->line);
        else if (caller) /* a helper shows here with its caller: `wrappers =` picks it */
            fprintf(out, " in %s, called from %s:%d",
                    r->locations[i].function ? r->locations[i].function : "?",
                    rl_basename(caller->file), caller->line);
        fputc('\n', out);
        free(marks);
    }
}

/* "run 1: no result line; exited with status 0", once per distinct ending. */
static void print_ending(FILE *out, const rl_cell *cell, size_t r)
{
    char *end = rl_describe_end(&cell->runs[r].end);
    bool told = false;
    for (size_t k = 0; k < r && !told; k++) {
        char *before = rl_describe_end(&cell->runs[k].end);
        told = cell->runs[k].result == NULL && strcmp(before, end) == 0;
        free(before);
    }
    if (!told)
        fprintf(out, "    run %zu: no result line; %s%s%s\n", r + 1, end,
                cell->runs[r].parse_error ? "; " : "",
                cell->runs[r].parse_error ? cell->runs[r].parse_error : "");
    free(end);
}

static void print_results(FILE *out, const rl_cell *cell)
{
    for (size_t r = 0; r < cell->n_runs; r++) {
        const rl_run *run = &cell->runs[r];
        bool told = false;
        for (size_t k = 0; k < r && !told; k++)
            told = cell->runs[k].result && run->result &&
                   strcmp(cell->runs[k].result, run->result) == 0;
        if (!told && run->result) {
            fprintf(out, "    result: %s\n", run->result);
        } else if (run->result == NULL) { /* `native = exit N | signal NAME` judges this */
            if (cell->tool->build || run->parse_error) /* a source reader: only its trouble */
                print_ending(out, cell, r);
            continue;
        }
        if (run->end.kind != RL_END_EXITED || run->parse_status != RL_PARSE_OK)
            fprintf(out, "    run %zu: ended %s%s%s\n", r + 1,
                    run->end.kind == RL_END_TIMEOUT ? "at the deadline" :
                    run->end.kind == RL_END_SIGNALED ? "by a signal" : "abnormally",
                    run->parse_error ? "; " : "", run->parse_error ? run->parse_error : "");
    }
}

void rl_print_observations(const rl_matrix *m, FILE *out)
{
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        fprintf(out, "%s/%s %s: %zu/%zu runs showed something%s%s\n", cell->c->name,
                cell->program->name, cell->tool->name, cell->detected_runs, cell->n_runs,
                cell->verdict == RL_VERDICT_PASS ? "" : " -- ",
                cell->verdict == RL_VERDICT_PASS ? "" : cell->reason ? cell->reason : "");
        rl_seen_report *seen;
        size_t n = rl_distinct_reports(cell, &seen);
        for (size_t k = 0; k < n; k++)
            print_report(out, cell, &seen[k]);
        free(seen);
        print_results(out, cell);
    }
}
