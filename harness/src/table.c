/* The terminal summary: a (case, program) × tool grid of verdicts, then why every cell
 * that is not a pass is not, then one line of totals. */
#define _GNU_SOURCE
#include "table.h"

#include "matrix.h"

#include "fsutil.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define COLUMN_GAP 2
#define DEFAULT_WIDTH 100
#define MIN_WIDTH 60
#define LABEL_WIDTH 6                  /* "XPASS" and a blank */
#define REASON_INDENT (2 + LABEL_WIDTH) /* continuation lines start under the cell name */

/* ---- style ---------------------------------------------------------------------- */

typedef struct style {
    bool color;
    size_t width; /* where reasons wrap */
} style;

static style style_for(FILE *out)
{
    style s = {false, DEFAULT_WIDTH};
    int fd = fileno(out);
    if (fd < 0 || !isatty(fd))
        return s;
    s.color = getenv("NO_COLOR") == NULL;
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= MIN_WIDTH)
        s.width = ws.ws_col;
    return s;
}

static const char *verdict_color(rl_verdict v)
{
    switch (v) {
    case RL_VERDICT_PASS: return "\033[32m";
    case RL_VERDICT_FAIL: return "\033[1;31m";
    case RL_VERDICT_XPASS: return "\033[1;33m";
    case RL_VERDICT_SKIP: return "\033[2m";
    case RL_VERDICT_ERROR: return "\033[1;35m";
    case RL_VERDICT_NOT_EVALUATED: return "\033[2m";
    }
    return "";
}

/* Prints `s` padded to `width` columns; the padding stays outside the color so that
 * widths count only visible characters. */
static void put_padded(FILE *out, const style *st, const char *color, const char *s,
                       size_t width)
{
    if (st->color && color)
        fprintf(out, "%s%s\033[0m", color, s);
    else
        fputs(s, out);
    for (size_t n = strlen(s); n < width; n++)
        fputc(' ', out);
}

/* ---- the grid ------------------------------------------------------------------- */

/* "pass 10/10", "FAIL 3/10", "XPASS 2/10", "skip", "ERROR"; capitals draw the eye to
 * what needs action. */
static char *cell_text(const rl_cell *cell)
{
    switch (cell->verdict) {
    case RL_VERDICT_PASS:
        return xasprintf("pass %zu/%zu", cell->detected_runs, cell->n_runs);
    case RL_VERDICT_FAIL:
        return xasprintf("FAIL %zu/%zu", cell->detected_runs, cell->n_runs);
    case RL_VERDICT_XPASS:
        return xasprintf("XPASS %zu/%zu", cell->detected_runs, cell->n_runs);
    case RL_VERDICT_SKIP:
        return xstrdup("skip");
    case RL_VERDICT_ERROR:
        return xstrdup("ERROR");
    case RL_VERDICT_NOT_EVALUATED:
        return xstrdup("not-evaluated");
    }
    return xstrdup("?");
}

/* A row of the grid: one program of one case, a cell (or none) per selected tool. */
typedef struct row {
    const rl_case *c;
    const rl_program *program;
    const rl_cell **cells; /* parallel to m->tools */
    char **texts;
} row;

/* The matrix's rows (laid out once by rl_matrix_prepare), with each cell's text. */
static size_t collect_rows(const rl_matrix *m, row **out)
{
    row *rows = xcalloc(m->n_rows, sizeof *rows);
    for (size_t r = 0; r < m->n_rows; r++) {
        rows[r] = (row){m->rows[r].c, m->rows[r].program, xcalloc(m->n_tools, sizeof(rl_cell *)),
                        xcalloc(m->n_tools, sizeof(char *))};
        for (size_t t = 0; t < m->n_tools; t++) {
            rows[r].cells[t] = &m->rows[r].cells[t];
            rows[r].texts[t] = cell_text(&m->rows[r].cells[t]);
        }
    }
    *out = rows;
    return m->n_rows;
}

static void free_rows(row *rows, size_t n, size_t n_tools)
{
    for (size_t r = 0; r < n; r++) {
        rl_free_strings(rows[r].texts, n_tools);
        free(rows[r].cells);
    }
    free(rows);
}

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

static void print_grid(const rl_matrix *m, FILE *out, const style *st)
{
    row *rows;
    size_t n_rows = collect_rows(m, &rows);
    size_t n_columns = 2 + m->n_tools;
    size_t *width = xcalloc(n_columns, sizeof *width);
    width[0] = strlen("case");
    width[1] = strlen("program");
    for (size_t t = 0; t < m->n_tools; t++)
        width[2 + t] = strlen(m->tools[t]->name);
    for (size_t r = 0; r < n_rows; r++) {
        width[0] = max_size(width[0], strlen(rows[r].c->name));
        width[1] = max_size(width[1], strlen(rows[r].program->name));
        for (size_t t = 0; t < m->n_tools; t++)
            if (rows[r].texts[t])
                width[2 + t] = max_size(width[2 + t], strlen(rows[r].texts[t]));
    }

    const char *bold = "\033[1m";
    /* The last column is not padded: no trailing blanks. */
    put_padded(out, st, bold, "case", width[0] + COLUMN_GAP);
    put_padded(out, st, bold, "program", m->n_tools ? width[1] + COLUMN_GAP : 0);
    for (size_t t = 0; t < m->n_tools; t++)
        put_padded(out, st, bold, m->tools[t]->name,
                   t + 1 < m->n_tools ? width[2 + t] + COLUMN_GAP : 0);
    fputc('\n', out);

    for (size_t r = 0; r < n_rows; r++) {
        put_padded(out, st, NULL, rows[r].c->name, width[0] + COLUMN_GAP);
        put_padded(out, st, NULL, rows[r].program->name, m->n_tools ? width[1] + COLUMN_GAP : 0);
        for (size_t t = 0; t < m->n_tools; t++) {
            const rl_cell *cell = rows[r].cells[t];
            size_t w = t + 1 < m->n_tools ? width[2 + t] + COLUMN_GAP : 0;
            if (cell)
                put_padded(out, st, verdict_color(cell->verdict), rows[r].texts[t], w);
            else
                put_padded(out, st, NULL, "-", w); /* the tool has no cell for this program */
        }
        fputc('\n', out);
    }
    free(width);
    free_rows(rows, n_rows, m->n_tools);
}

/* ---- reasons -------------------------------------------------------------------- */

/* Writes `text` from `column` on, word-wrapped so no line passes `width` when it can be
 * helped (a word longer than a line, a path, is not cut), continuation lines indented.
 * Hard newlines in the text are kept. */
static void put_wrapped(FILE *out, const char *text, size_t column, size_t width)
{
    bool line_start = false; /* the first word follows the label after a space */
    for (const char *p = text; *p;) {
        if (*p == '\n' || (!line_start && *p != ' ' && column + 1 + strcspn(p, " \n") > width)) {
            fprintf(out, "\n%*s", REASON_INDENT, "");
            column = REASON_INDENT;
            line_start = true;
            p += *p == '\n';
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t word = strcspn(p, " \n");
        if (!line_start) {
            fputc(' ', out);
            column++;
        }
        fwrite(p, 1, word, out);
        column += word;
        line_start = false;
        p += word;
    }
    fputc('\n', out);
}

/* "  FAIL  counter/threads_unsafe helgrind: missed data-race at ..." */
static void put_reason_line(FILE *out, const style *st, const rl_cell *cell,
                            const char *what, const char *reason)
{
    static const char *const labels[] = {"PASS", "FAIL", "XPASS", "skip", "ERROR", "n/e"};
    const char *label = (unsigned)cell->verdict < RL_VERDICT_COUNT ? labels[cell->verdict] : "?";
    fputs("  ", out);
    put_padded(out, st, verdict_color(cell->verdict), label, LABEL_WIDTH);
    fprintf(out, "%s:", what);
    put_wrapped(out, reason ? reason : "(no reason given)", REASON_INDENT + strlen(what) + 1,
                st->width);
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* A missing tool skips every cell it has: those are told once per tool and reason. */
static bool skip_told_before(const rl_matrix *m, size_t cell)
{
    const rl_cell *c = &m->cells[cell];
    for (size_t i = 0; i < cell; i++)
        if (m->cells[i].verdict == RL_VERDICT_SKIP && m->cells[i].tool == c->tool &&
            same_text(m->cells[i].reason, c->reason))
            return true;
    return false;
}

static size_t skips_like(const rl_matrix *m, const rl_cell *c)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_cells; i++)
        n += m->cells[i].verdict == RL_VERDICT_SKIP && m->cells[i].tool == c->tool &&
             same_text(m->cells[i].reason, c->reason);
    return n;
}

static void print_reasons(const rl_matrix *m, FILE *out, const style *st)
{
    bool any = false;
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        if (cell->verdict == RL_VERDICT_PASS)
            continue;
        if (cell->verdict == RL_VERDICT_SKIP && skip_told_before(m, i))
            continue;
        if (!any)
            fputc('\n', out);
        any = true;
        char *what;
        size_t n_skips = cell->verdict == RL_VERDICT_SKIP ? skips_like(m, cell) : 1;
        if (n_skips > 1)
            what = xasprintf("%s (%zu cells)", cell->tool->name, n_skips);
        else
            what = xasprintf("%s/%s %s", cell->c->name, cell->program->name, cell->tool->name);
        put_reason_line(out, st, cell, what, cell->reason);
        free(what);
    }
}

void rl_print_table(const rl_matrix *m, FILE *out)
{
    style st = style_for(out);
    print_grid(m, out, &st);
    print_reasons(m, out, &st);

    rl_counts n = rl_matrix_count(m);
    char *not_evaluated = rl_not_evaluated_count(&n);
    fprintf(out, "\n%zu cells: %zu pass, %zu fail, %zu xpass, %zu skip, %zu error%s in %.1f s\n",
            m->n_cells, n.of[RL_VERDICT_PASS], n.of[RL_VERDICT_FAIL], n.of[RL_VERDICT_XPASS],
            n.of[RL_VERDICT_SKIP], n.of[RL_VERDICT_ERROR], not_evaluated, m->wall_s);
    free(not_evaluated);
    fflush(out);
}
