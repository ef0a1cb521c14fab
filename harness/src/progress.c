/* The progress line. It keeps one piece of state, when the run it reports on started,
 * keyed by the matrix so that a second run in the same process starts afresh; cells finish
 * on the harness's one thread. */
#define _GNU_SOURCE
#include "progress.h"

#include "jobs.h"
#include "outcome.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static struct {
    const rl_matrix *m;
    double started;
} clock_of_run;

static double elapsed(const rl_matrix *m)
{
    if (clock_of_run.m != m) {
        clock_of_run.m = m;
        clock_of_run.started = rl_now();
    }
    return rl_now() - clock_of_run.started;
}

void rl_format_duration(double s, char *buf, size_t size)
{
    long t = s < 0 ? 0 : (long)(s + 0.5);
    if (t < 60)
        snprintf(buf, size, "%lds", t);
    else if (t < 3600)
        snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(buf, size, "%ldh%02ldm", t / 3600, t % 3600 / 60);
}

/* "[ 35/750] 1m05s, ~12m left": the estimate assumes the cells left take as long as the
 * finished ones did on average, which heavier-first scheduling makes pessimistic. */
static char *counter_text(const rl_matrix *m)
{
    double spent = elapsed(m);
    char spent_text[32], left_text[32] = "?";
    rl_format_duration(spent, spent_text, sizeof spent_text);
    if (m->cells_done > 0)
        rl_format_duration(spent * (double)(m->n_cells - m->cells_done) / (double)m->cells_done,
                           left_text, sizeof left_text);
    int digits = snprintf(NULL, 0, "%zu", m->n_cells);
    return xasprintf("[%*zu/%zu] %s, ~%s left", digits, m->cells_done, m->n_cells, spent_text,
                     left_text);
}

static char *cell_text(const rl_matrix *m, const rl_cell *cell)
{
    char *words = m->opt->observe ? xasprintf("%zu/%zu detected", cell->detected_runs, cell->n_runs)
                                  : rl_cell_words(cell, false);
    char *text = xasprintf("%s/%s %s: %s", cell->c->name, cell->program->name, cell->tool->name,
                           words);
    free(words);
    return text;
}

static size_t terminal_width(FILE *out)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

static void update_line(const rl_matrix *m, FILE *out, const char *counter, const char *cell_text,
                        bool loud, const rl_cell *cell)
{
    if (loud) /* a failure stays on the screen, with why */
        fprintf(out, "\r\033[K%s %s -- %s\n", counter, cell_text, cell->reason ? cell->reason : "");
    char *line = xasprintf("%s  %s", counter, cell_text);
    size_t width = terminal_width(out) - 1; /* never wrap: \r must return to this line */
    if (strlen(line) > width)
        line[width] = '\0';
    fprintf(out, "\r\033[K%s", line);
    if (m->cells_done == m->n_cells)
        fputc('\n', out);
    free(line);
}

void rl_progress_cell_done(const rl_matrix *m, const rl_cell *cell)
{
    FILE *out = m->progress;
    if (out == NULL)
        return;
    char *counter = counter_text(m), *text = cell_text(m, cell);
    bool loud = !m->opt->observe && rl_outcome_describe(rl_cell_outcome(cell))->failure;
    if (isatty(fileno(out)))
        update_line(m, out, counter, text, loud, cell);
    else
        fprintf(out, "%s %s%s%s\n", counter, text, loud && cell->reason ? " -- " : "",
                loud && cell->reason ? cell->reason : "");
    fflush(out);
    free(counter);
    free(text);
}
