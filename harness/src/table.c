/* The terminal summary: a (case, program) × tool grid of verdicts, then why every cell
 * that is not a pass is not, then one line of totals. */
#define _GNU_SOURCE
#include "table.h"

#include "matrix.h"

#include "fsutil.h"
#include "outcome.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define COLUMN_GAP 2
#define DEFAULT_WIDTH 100
#define MIN_WIDTH 60
#define LABEL_WIDTH 7                  /* "MISSED" and a blank */
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

/* Writes `text` from `column` on, word-wrapped so no line passes `width` when it can be
 * helped (a word longer than a line, a path, is not cut), continuation lines indented.
 * Hard newlines in the text are kept. `prefix` is printed first, in `column`. */
static void put_wrapped(FILE *out, const char *text, size_t column, size_t width,
                        const char *prefix)
{
    fputs(prefix, out);
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

/* ---- the grid ------------------------------------------------------------------- */

/* Three layouts, the first that fits the width: the full grid (tool names, words with
 * k/N); the compact grid (a line per case, short tool names and short words, a legend;
 * passing cells need no k/N since a pass means every run did what the word says, N/N or
 * 0/N, and failures are listed in full below); one line per cell. */
typedef enum { LAYOUT_FULL, LAYOUT_COMPACT, LAYOUT_CELLS } layout;

#define COMPACT_GAP 1
#define COMPACT_WIDTH 6 /* the short words and tool names */

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

/* "tsan-clang" -> "tsan-c", "helgrind" -> "helgri": at most COMPACT_WIDTH characters. */
static char *short_tool_name(const char *name)
{
    if (strlen(name) <= COMPACT_WIDTH)
        return xstrdup(name);
    const char *dash = strrchr(name, '-');
    if (dash && dash[1]) {
        size_t head = strcspn(name, "-");
        return xasprintf("%.*s-%c", (int)(head > 4 ? 4 : head), name, dash[1]);
    }
    return xstrndup(name, COMPACT_WIDTH);
}

typedef struct grid {
    const rl_row *rows; /* the matrix's, laid out by rl_matrix_prepare */
    size_t n_rows;
    char ***texts;       /* [row][tool] full words */
    char **short_names;  /* per tool; NULL when two tools would share one */
    size_t *width;       /* full layout: case, program, then tools */
} grid;

static void build_grid(const rl_matrix *m, grid *g)
{
    g->rows = m->rows;
    g->n_rows = m->n_rows;
    g->texts = xcalloc(g->n_rows ? g->n_rows : 1, sizeof *g->texts);
    g->width = xcalloc(2 + m->n_tools, sizeof *g->width);
    g->width[0] = strlen("case");
    g->width[1] = strlen("program");
    for (size_t t = 0; t < m->n_tools; t++)
        g->width[2 + t] = strlen(m->tools[t]->name);
    for (size_t r = 0; r < g->n_rows; r++) {
        g->texts[r] = xcalloc(m->n_tools ? m->n_tools : 1, sizeof(char *));
        g->width[0] = max_size(g->width[0], strlen(g->rows[r].c->name));
        g->width[1] = max_size(g->width[1], strlen(g->rows[r].program->name));
        for (size_t t = 0; t < m->n_tools; t++) {
            g->texts[r][t] = rl_cell_words(&g->rows[r].cells[t], false);
            g->width[2 + t] = max_size(g->width[2 + t], strlen(g->texts[r][t]));
        }
    }
    g->short_names = xcalloc(m->n_tools ? m->n_tools : 1, sizeof(char *));
    for (size_t t = 0; t < m->n_tools; t++)
        g->short_names[t] = short_tool_name(m->tools[t]->name);
}

static void free_grid(const rl_matrix *m, grid *g)
{
    for (size_t r = 0; r < g->n_rows; r++)
        rl_free_strings(g->texts[r], m->n_tools);
    free(g->texts);
    rl_free_strings(g->short_names, m->n_tools);
    free(g->width);
}

static bool short_names_unique(const rl_matrix *m, const grid *g)
{
    for (size_t a = 0; a < m->n_tools; a++)
        for (size_t b = a + 1; b < m->n_tools; b++)
            if (strcmp(g->short_names[a], g->short_names[b]) == 0)
                return false;
    return true;
}

static layout choose_layout(const rl_matrix *m, const grid *g, size_t width)
{
    size_t full = 0;
    for (size_t i = 0; i < 2 + m->n_tools; i++)
        full += g->width[i] + (i ? COLUMN_GAP : 0);
    if (full <= width)
        return LAYOUT_FULL;
    size_t compact = max_size(g->width[0], g->width[1]) +
                     m->n_tools * (COMPACT_WIDTH + COMPACT_GAP);
    if (compact <= width && short_names_unique(m, g))
        return LAYOUT_COMPACT;
    return LAYOUT_CELLS;
}

static const char *cell_color(const rl_cell *cell)
{
    return rl_outcome_describe(rl_cell_outcome(cell))->ansi;
}

static void print_full(const rl_matrix *m, FILE *out, const style *st, const grid *g)
{
    const char *bold = "\033[1m";
    /* The last column is not padded: no trailing blanks. */
    put_padded(out, st, bold, "case", g->width[0] + COLUMN_GAP);
    put_padded(out, st, bold, "program", m->n_tools ? g->width[1] + COLUMN_GAP : 0);
    for (size_t t = 0; t < m->n_tools; t++)
        put_padded(out, st, bold, m->tools[t]->name,
                   t + 1 < m->n_tools ? g->width[2 + t] + COLUMN_GAP : 0);
    fputc('\n', out);
    for (size_t r = 0; r < g->n_rows; r++) {
        put_padded(out, st, NULL, g->rows[r].c->name, g->width[0] + COLUMN_GAP);
        put_padded(out, st, NULL, g->rows[r].program->name,
                   m->n_tools ? g->width[1] + COLUMN_GAP : 0);
        for (size_t t = 0; t < m->n_tools; t++) {
            const rl_cell *cell = &g->rows[r].cells[t];
            put_padded(out, st, cell_color(cell), g->texts[r][t],
                       t + 1 < m->n_tools ? g->width[2 + t] + COLUMN_GAP : 0);
        }
        fputc('\n', out);
    }
}

static void print_compact_legend(const rl_matrix *m, FILE *out, const style *st, const grid *g)
{
    char *tools = xstrdup("tools:");
    for (size_t t = 0; t < m->n_tools; t++)
        if (strcmp(g->short_names[t], m->tools[t]->name) != 0) {
            char *next = xasprintf("%s %s=%s", tools, g->short_names[t], m->tools[t]->name);
            free(tools);
            tools = next;
        }
    char *words = xstrdup("words:");
    for (int o = 0; o < RL_OUTCOME_COUNT; o++) {
        const rl_outcome_info *info = rl_outcome_describe((rl_outcome)o);
        if (strcmp(info->abbrev, info->word) == 0)
            continue;
        char *next = xasprintf("%s %s=%s", words, info->abbrev, info->word);
        free(words);
        words = next;
    }
    fputc('\n', out);
    put_wrapped(out, tools + strlen("tools:"), strlen("tools:"), st->width, "tools:");
    put_wrapped(out, words + strlen("words:"), strlen("words:"), st->width, "words:");
    put_wrapped(out, "a passing cell held in all its N runs (caught N/N, clean 0/N); cells "
                     "that did not pass are listed below with k/N and why",
                strlen("note:"), st->width, "note:");
    free(tools);
    free(words);
}

static void print_compact(const rl_matrix *m, FILE *out, const style *st, const grid *g)
{
    size_t first = max_size(g->width[0], g->width[1]) + COMPACT_GAP;
    const char *bold = "\033[1m";
    put_padded(out, st, bold, "case / program", m->n_tools ? first : 0);
    for (size_t t = 0; t < m->n_tools; t++)
        put_padded(out, st, bold, g->short_names[t],
                   t + 1 < m->n_tools ? COMPACT_WIDTH + COMPACT_GAP : 0);
    fputc('\n', out);
    for (size_t r = 0; r < g->n_rows; r++) {
        if (r == 0 || g->rows[r - 1].c != g->rows[r].c)
            put_padded(out, st, bold, g->rows[r].c->name, 0), fputc('\n', out);
        put_padded(out, st, NULL, g->rows[r].program->name, m->n_tools ? first : 0);
        for (size_t t = 0; t < m->n_tools; t++) {
            const rl_cell *cell = &g->rows[r].cells[t];
            const char *word = rl_outcome_describe(rl_cell_outcome(cell))->abbrev;
            put_padded(out, st, cell_color(cell), word,
                       t + 1 < m->n_tools ? COMPACT_WIDTH + COMPACT_GAP : 0);
        }
        fputc('\n', out);
    }
    print_compact_legend(m, out, st, g);
}

static void print_cells(const rl_matrix *m, FILE *out, const style *st, const grid *g)
{
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t t = 0; t < m->n_tools; t++) {
            const rl_cell *cell = &g->rows[r].cells[t];
            fprintf(out, "%s/%s %s: ", cell->c->name, cell->program->name, cell->tool->name);
            put_padded(out, st, cell_color(cell), g->texts[r][t], 0);
            fputc('\n', out);
        }
}

static void print_grid(const rl_matrix *m, FILE *out, const style *st)
{
    grid g;
    build_grid(m, &g);
    switch (choose_layout(m, &g, st->width)) {
    case LAYOUT_FULL: print_full(m, out, st, &g); break;
    case LAYOUT_COMPACT: print_compact(m, out, st, &g); break;
    case LAYOUT_CELLS: print_cells(m, out, st, &g); break;
    }
    free_grid(m, &g);
}

/* ---- reasons -------------------------------------------------------------------- */

/* "  MISSED counter/threads_unsafe helgrind 0/3: missed data-race at ..." */
static void put_reason_line(FILE *out, const style *st, const rl_cell *cell,
                            const char *what, const char *reason)
{
    const rl_outcome_info *info = rl_outcome_describe(rl_cell_outcome(cell));
    fputs("  ", out);
    put_padded(out, st, info->ansi, info->word, LABEL_WIDTH);
    fprintf(out, "%s:", what);
    put_wrapped(out, reason ? reason : "(no reason given)", REASON_INDENT + strlen(what) + 1,
                st->width, "");
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
        if (cell->verdict == RL_VERDICT_PASS || cell->verdict == RL_VERDICT_NOT_EVALUATED)
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
        else if (cell->n_runs > 0 && rl_outcome_describe(rl_cell_outcome(cell))->counts_runs)
            what = xasprintf("%s/%s %s %zu/%zu", cell->c->name, cell->program->name,
                             cell->tool->name, cell->detected_runs, cell->n_runs);
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
