/* out/report/index.html: what was run, the scoreboard per tool (a table and an SVG bar
 * chart), the heatmap of every cell in the legend's words, and the list of cases. The
 * case pages are report_case.c's. */
#define _GNU_SOURCE
#include "matrix.h"

#include "fsutil.h"
#include "html_doc.h"
#include "outcome.h"
#include "report_pages.h"
#include "run_info.h"
#include "scoreboard.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- header --------------------------------------------------------------------- */

static void meta_row(xmlNodePtr dl, const char *term, const char *value)
{
    rl_el(dl, "dt", term);
    rl_el(dl, "dd", value ? value : "unknown");
}

static void write_header(const rl_matrix *m, xmlNodePtr body)
{
    rl_run_info info = {0};
    rl_run_info_collect(m, &info);
    rl_el(body, "h1", "racelab: which tool catches which concurrency bug");
    rl_counts n = rl_matrix_count(m);
    xmlNodePtr p = rl_elf(body, "p",
                          "%zu cells, %u run(s) each: %zu pass, %zu fail, %zu xpass, %zu skip, "
                          "%zu error.",
                          m->n_cells, m->opt->repeat, n.of[RL_VERDICT_PASS],
                          n.of[RL_VERDICT_FAIL], n.of[RL_VERDICT_XPASS], n.of[RL_VERDICT_SKIP],
                          n.of[RL_VERDICT_ERROR]);
    rl_attr(p, "id", "totals");
    xmlNodePtr dl = rl_el(body, "dl", NULL);
    rl_attr(dl, "class", "meta");
    meta_row(dl, "date", info.date);
    meta_row(dl, "commit", info.commit);
    meta_row(dl, "command", info.command_line);
    char *text = xasprintf("%u", m->opt->repeat);
    meta_row(dl, "repeat", text);
    free(text);
    text = xasprintf("%.1f s", m->wall_s);
    meta_row(dl, "wall time", text);
    free(text);
    for (size_t t = 0; t < m->n_tools; t++) {
        text = xasprintf("%s: %s", m->tools[t]->name,
                         m->tool_versions && m->tool_versions[t] ? m->tool_versions[t]
                                                                 : "(no version)");
        meta_row(dl, t == 0 ? "tool versions" : "", text);
        free(text);
    }
    rl_run_info_free(&info);
}

/* ---- scoreboard ----------------------------------------------------------------- */

static void ratio_cell(xmlNodePtr tr, const char *field, rl_ratio r)
{
    char text[32];
    rl_ratio_text(r, text, sizeof text);
    rl_attr(rl_el(tr, "td", text), "data-field", field);
}

static void count_cell(xmlNodePtr tr, const char *field, size_t k, size_t n)
{
    xmlNodePtr td = rl_elf(tr, "td", "%zu / %zu", k, n);
    rl_attr(td, "data-field", field);
}

static void scoreboard_table(const rl_matrix *m, const rl_score *scores, xmlNodePtr parent)
{
    xmlNodePtr table = rl_el(parent, "table", NULL);
    rl_attr(table, "class", "grid");
    rl_attr(table, "id", "scoreboard");
    xmlNodePtr tr = rl_el(rl_el(table, "thead", NULL), "tr", NULL);
    static const char *const heads[] = {"tool", "bugs caught", "blind spots",
                                        "false alarms on safe programs", "precision", "recall",
                                        "F1"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        rl_attr(rl_el(tr, "th", heads[i]), "scope", "col");
    xmlNodePtr tbody = rl_el(table, "tbody", NULL);
    for (size_t t = 0; t < m->n_tools; t++) {
        if (!rl_tool_is_detector(m->tools[t]))
            continue;
        const rl_score *s = &scores[t];
        tr = rl_el(tbody, "tr", NULL);
        rl_attr(tr, "data-tool", m->tools[t]->name);
        rl_attr(rl_el(tr, "th", m->tools[t]->name), "scope", "row");
        count_cell(tr, "caught", s->caught, s->bugs);
        count_cell(tr, "blind", s->blind, s->bugs);
        count_cell(tr, "false_alarms", s->false_alarms, s->safe);
        ratio_cell(tr, "precision", rl_score_precision(s));
        ratio_cell(tr, "recall", rl_score_recall(s));
        ratio_cell(tr, "f1", rl_score_f1(s));
    }
}

enum { CHART_LABEL = 130, CHART_BAR = 360, CHART_ROW = 12, CHART_GAP = 12, CHART_TOP = 26 };

static const struct {
    const char *name, *color;
    rl_ratio (*value)(const rl_score *);
} chart_series[] = {
    {"precision", "#0969da", rl_score_precision},
    {"recall", "#1a7f37", rl_score_recall},
    {"F1", "#8250df", rl_score_f1},
};
#define N_SERIES (sizeof chart_series / sizeof chart_series[0])

static xmlNodePtr svg_text(xmlNodePtr parent, double x, double y, const char *anchor,
                           const char *text)
{
    xmlNodePtr t = rl_el(parent, "text", text);
    rl_attrf(t, "x", "%.0f", x);
    rl_attrf(t, "y", "%.0f", y);
    rl_attr(t, "text-anchor", anchor);
    return t;
}

static void svg_rect(xmlNodePtr parent, double x, double y, double w, double h, const char *fill)
{
    xmlNodePtr r = rl_el(parent, "rect", NULL);
    rl_attrf(r, "x", "%.1f", x);
    rl_attrf(r, "y", "%.1f", y);
    rl_attrf(r, "width", "%.1f", w);
    rl_attrf(r, "height", "%.1f", h);
    rl_attr(r, "fill", fill);
}

static void chart_tool(xmlNodePtr svg, const char *tool, const rl_score *s, double y)
{
    xmlNodePtr g = rl_el(svg, "g", NULL);
    rl_attr(g, "data-tool", tool);
    svg_text(g, CHART_LABEL - 8, y + CHART_ROW * N_SERIES / 2.0 + 4, "end", tool);
    for (size_t k = 0; k < N_SERIES; k++) {
        rl_ratio r = chart_series[k].value(s);
        double top = y + (double)k * CHART_ROW;
        double w = r.defined ? r.value * CHART_BAR : 0;
        svg_rect(g, CHART_LABEL, top + 1, w, CHART_ROW - 2, chart_series[k].color);
        char *label = r.defined ? xasprintf("%s %.2f", chart_series[k].name, r.value)
                                : xasprintf("%s n/a", chart_series[k].name);
        svg_text(g, CHART_LABEL + w + 4, top + CHART_ROW - 2, "start", label);
        free(label);
    }
}

static void scoreboard_chart(const rl_matrix *m, const rl_score *scores, xmlNodePtr parent)
{
    size_t n = 0;
    for (size_t t = 0; t < m->n_tools; t++)
        n += rl_tool_is_detector(m->tools[t]) != 0;
    double height = CHART_TOP + (double)n * (CHART_ROW * N_SERIES + CHART_GAP);
    xmlNodePtr svg = rl_el(parent, "svg", NULL);
    rl_attr(svg, "id", "scoreboard-chart");
    rl_attr(svg, "role", "img");
    rl_attrf(svg, "viewBox", "0 0 %d %.0f", CHART_LABEL + CHART_BAR + 110, height);
    rl_attrf(svg, "width", "%d", CHART_LABEL + CHART_BAR + 110);
    rl_attrf(svg, "height", "%.0f", height);
    rl_attr(svg, "font-family", "sans-serif");
    rl_attr(svg, "font-size", "11");
    rl_el(svg, "title", "precision, recall and F1 per tool");
    for (size_t k = 0; k < N_SERIES; k++) {
        svg_rect(svg, CHART_LABEL + (double)k * 100, 6, 10, 10, chart_series[k].color);
        svg_text(svg, CHART_LABEL + (double)k * 100 + 14, 15, "start", chart_series[k].name);
    }
    double y = CHART_TOP;
    for (size_t t = 0; t < m->n_tools; t++) {
        if (!rl_tool_is_detector(m->tools[t]))
            continue;
        chart_tool(svg, m->tools[t]->name, &scores[t], y);
        y += CHART_ROW * N_SERIES + CHART_GAP;
    }
}

static void write_scoreboard(const rl_matrix *m, xmlNodePtr body)
{
    rl_el(body, "h2", "Scoreboard per tool");
    rl_el(body, "p",
          "Over the unsafe (buggy) and safe (correct) programs of this run. A program counts as "
          "flagged when the tool reported a bug in more than half of its runs; on an unsafe "
          "program a report the case knows to be a false alarm is not the bug. Precision = "
          "caught / (caught + false alarms), recall = caught / bugs, F1 their harmonic mean; "
          "blind spots are the bugs not caught. Skipped and errored cells count for nothing.");
    rl_score *scores = rl_scoreboard(m);
    scoreboard_table(m, scores, body);
    scoreboard_chart(m, scores, rl_el(body, "div", NULL));
    free(scores);
}

/* ---- heatmap -------------------------------------------------------------------- */

static void write_legend(xmlNodePtr body)
{
    xmlNodePtr table = rl_el(body, "table", NULL);
    rl_attr(table, "class", "grid");
    rl_attr(table, "id", "legend");
    xmlNodePtr tbody = rl_el(table, "tbody", NULL);
    for (int o = 0; o < RL_OUTCOME_COUNT; o++) {
        const rl_outcome_info *info = rl_outcome_describe((rl_outcome)o);
        xmlNodePtr tr = rl_el(tbody, "tr", NULL);
        xmlNodePtr word = rl_el(rl_el(tr, "td", NULL), "span", info->word);
        rl_attrf(word, "class", "badge o-%s", info->key);
        rl_el(tr, "td", info->meaning);
    }
}

static void heatmap_cell(xmlNodePtr tr, const rl_cell *cell)
{
    xmlNodePtr td = rl_el(tr, "td", NULL);
    rl_outcome o = rl_cell_outcome(cell);
    const rl_outcome_info *info = rl_outcome_describe(o);
    rl_attrf(td, "class", "cell o-%s%s", info->key, info->failure ? " failure" : "");
    rl_attr(td, "data-case", cell->c->name);
    rl_attr(td, "data-program", cell->program->name);
    rl_attr(td, "data-tool", cell->tool->name);
    rl_attr(td, "data-outcome", info->key);
    rl_attr(td, "title", cell->reason ? cell->reason : info->meaning);
    char *href = rl_case_cell_href(cell);
    xmlNodePtr a = rl_el(td, "a", NULL);
    rl_attr(a, "href", href);
    free(href);
    char *words = rl_cell_words(cell, false);
    rl_attr(rl_el(a, "span", words), "class", "word");
    free(words);
    if (info->counts_runs && cell->n_runs > 1) {
        double lo, hi;
        rl_wilson95(cell->detected_runs, cell->n_runs, &lo, &hi);
        xmlNodePtr ci = rl_elf(a, "span", "%.0f–%.0f%%", lo * 100, hi * 100);
        rl_attr(ci, "class", "ci");
    }
}

static void write_heatmap(const rl_matrix *m, xmlNodePtr body)
{
    rl_el(body, "h2", "Heatmap: every program under every tool");
    rl_el(body, "p", "k/N: the runs in which the tool reported the bug (or, native, the program "
                     "saw it) out of N; under it, for N > 1, the 95 % Wilson interval of that "
                     "rate: where the true rate lies, given so few runs. Every cell links to its "
                     "case page.");
    write_legend(body);
    xmlNodePtr table = rl_el(rl_el(body, "div", NULL), "table", NULL);
    rl_attr(table, "class", "grid heatmap");
    rl_attr(table, "id", "heatmap");
    xmlNodePtr tr = rl_el(rl_el(table, "thead", NULL), "tr", NULL);
    rl_attr(rl_el(tr, "th", "case"), "scope", "col");
    rl_attr(rl_el(tr, "th", "program"), "scope", "col");
    for (size_t t = 0; t < m->n_tools; t++) {
        xmlNodePtr th = rl_el(tr, "th", m->tools[t]->name);
        rl_attr(th, "class", "tool");
        rl_attr(th, "scope", "col");
    }
    xmlNodePtr tbody = rl_el(table, "tbody", NULL);
    const rl_row *rows = m->rows;
    for (size_t r = 0; r < m->n_rows; r++) {
        tr = rl_el(tbody, "tr", NULL);
        bool first = r == 0 || rows[r - 1].c != rows[r].c;
        if (first)
            rl_attr(tr, "class", "first");
        xmlNodePtr td = rl_el(tr, "td", NULL);
        if (first) { /* the case is named once, on its first row */
            char *href = xasprintf("%s.html", rows[r].c->name);
            rl_link(td, href, rows[r].c->name);
            free(href);
        }
        rl_elf(tr, "td", "%s (%s)", rows[r].program->name, rows[r].program->variant);
        for (size_t t = 0; t < m->n_tools; t++)
            heatmap_cell(tr, &rows[r].cells[t]);
    }
}

/* ---- cases ---------------------------------------------------------------------- */

static void write_case_list(const rl_matrix *m, xmlNodePtr body)
{
    rl_el(body, "h2", "Cases");
    xmlNodePtr ul = rl_el(body, "ul", NULL);
    rl_attr(ul, "id", "cases");
    for (size_t i = 0; i < m->n_cases; i++) {
        const rl_case *c = &m->cases[i];
        xmlNodePtr li = rl_el(ul, "li", NULL);
        char *href = xasprintf("%s.html", c->name);
        rl_link(li, href, c->name);
        free(href);
        if (c->lesson) {
            rl_text(li, ": ");
            rl_text(li, c->lesson);
        }
    }
}

static int write_index(const rl_matrix *m, const char *dir, char **error)
{
    rl_html page = rl_html_new("racelab report");
    write_header(m, page.body);
    write_scoreboard(m, page.body);
    write_heatmap(m, page.body);
    write_case_list(m, page.body);
    char *path = xasprintf("%s/index.html", dir);
    int rc = rl_html_save(&page, path, error);
    free(path);
    return rc;
}

int rl_write_html_report(const rl_matrix *m, const char *dir, char **error)
{
    if (rl_mkdir_p(dir) != 0) {
        *error = xasprintf("%s: cannot create: %s", dir, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < m->n_cases; i++)
        if (rl_write_case_page(m, &m->cases[i], dir, error) != 0)
            return -1;
    return write_index(m, dir, error);
}
