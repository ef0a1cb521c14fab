/* One page per case: the README rendered, then per program what every tool said (its
 * normalized reports linked to the source lines, the documented reasons, the raw output of
 * failing runs folded), then the case's sources with the marker lines highlighted. */
#define _GNU_SOURCE
#include "report_pages.h"

#include "fsutil.h"
#include "html_doc.h"
#include "judge.h"
#include "kinds.h"
#include "markdown_html.h"
#include "outcome.h"
#include "output_common.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define RAW_TAIL_BYTES 16384 /* of each raw file: enough to see why, bounded for the page */

static char *cell_id(const rl_cell *cell)
{
    return rl_html_id("cell-%s-%s", cell->program->name, cell->tool->name);
}

char *rl_case_cell_href(const rl_cell *cell)
{
    char *id = cell_id(cell);
    char *href = xasprintf("%s.html#%s", cell->c->name, id);
    free(id);
    return href;
}

static char *line_id(const char *file, int line)
{
    return rl_html_id("src-%s-L%d", file, line);
}

/* ---- what a tool said ------------------------------------------------------------ */

/* The sources listed on the page: a location links there when its file is one of them. */
typedef struct sources {
    char **names;
    size_t n;
} sources;

static bool listed(const sources *src, const char *file)
{
    const char *base = rl_basename(file);
    for (size_t i = 0; i < src->n; i++)
        if (strcmp(src->names[i], base) == 0)
            return true;
    return false;
}

static void write_location(xmlNodePtr li, const sources *src, const rl_location *loc)
{
    if (loc->role)
        rl_elf(li, "span", " %s", loc->role);
    if (loc->function)
        rl_elf(li, "span", " in %s()", loc->function);
    rl_text(li, " at ");
    char *where = xasprintf("%s:%d", rl_basename(loc->file), loc->line);
    if (listed(src, loc->file)) {
        char *id = line_id(rl_basename(loc->file), loc->line);
        char *href = xasprintf("#%s", id);
        rl_link(li, href, where);
        free(href);
        free(id);
    } else {
        rl_el(li, "code", where);
    }
    free(where);
}

static void write_reports(xmlNodePtr parent, const sources *src, const rl_cell *cell)
{
    rl_seen_report *seen;
    size_t n = rl_distinct_reports(cell, &seen);
    if (n == 0) {
        rl_el(parent, "p", cell->n_runs ? "No report in any run." : "Not run.");
        free(seen);
        return;
    }
    xmlNodePtr ul = rl_el(parent, "ul", NULL);
    rl_attr(ul, "class", "reports");
    for (size_t i = 0; i < n; i++) {
        const rl_report *r = seen[i].report;
        xmlNodePtr li = rl_el(ul, "li", NULL);
        rl_el(li, "strong", rl_kind_name(r->kind));
        rl_elf(li, "span", " (%s) in %zu of %zu runs", r->tool_kind ? r->tool_kind : "?",
               seen[i].runs, cell->n_runs);
        if (r->message)
            rl_el(rl_el(li, "div", NULL), "code", r->message);
        xmlNodePtr locations = rl_el(li, "ul", NULL);
        for (size_t k = 0; k < r->n_locations; k++)
            write_location(rl_el(locations, "li", NULL), src, &r->locations[k]);
    }
    free(seen);
}

static void write_reasons(xmlNodePtr parent, const rl_cell *cell)
{
    const rl_expectation *e = cell->expect;
    if (e && e->type == RL_EXPECT_BLIND)
        rl_elf(parent, "p", "Why it is blind: %s", e->reason);
    for (size_t r = 0; e && r < e->n_reports; r++) {
        const rl_expected_report *x = &e->reports[r];
        if (x->false_alarm)
            rl_elf(parent, "p", "Why this %s is a known false alarm: %s", rl_kind_name(x->kind),
                   x->reason);
        else if (x->anywhere)
            rl_elf(parent, "p", "Why this %s names no line: %s", rl_kind_name(x->kind),
                   x->reason);
    }
    if (cell->verdict != RL_VERDICT_PASS && cell->reason)
        rl_attr(rl_elf(parent, "p", "%s: %s", rl_verdict_name(cell->verdict), cell->reason),
                "class", "failure");
}

static void write_raw_file(xmlNodePtr parent, const char *path, const char *label)
{
    size_t len = 0;
    char *text = rl_read_file(path, &len);
    if (text == NULL || len == 0) {
        free(text);
        return;
    }
    xmlNodePtr details = rl_el(parent, "details", NULL);
    const char *start = len > RAW_TAIL_BYTES ? text + len - RAW_TAIL_BYTES : text;
    rl_elf(details, "summary", "%s (%zu bytes%s)", label, len,
           len > RAW_TAIL_BYTES ? ", the end shown" : "");
    rl_attr(rl_el(details, "pre", start), "class", "raw");
    free(text);
}

/* The raw output racelab kept (out/raw/<case>/<program>/<tool>/run-N) of failing runs. */
static void write_raw(xmlNodePtr parent, const rl_matrix *m, const rl_cell *cell)
{
    if (cell->verdict == RL_VERDICT_PASS || cell->verdict == RL_VERDICT_SKIP)
        return;
    for (size_t r = 0; cell->runs && r < cell->n_runs; r++) {
        if (cell->runs[r].verdict == RL_VERDICT_PASS)
            continue;
        char *dir = xasprintf("%s/raw/%s/%s/%s/run-%zu", m->opt->out_dir, cell->c->name,
                              cell->program->name, cell->tool->name, r + 1);
        static const char *const files[] = {"stdout", "stderr"};
        for (size_t f = 0; f < 2; f++) {
            char *path = xasprintf("%s/%s", dir, files[f]);
            char *label = xasprintf("run %zu: %s", r + 1, files[f]);
            write_raw_file(parent, path, label);
            free(label);
            free(path);
        }
        free(dir);
    }
}

static void write_cell(xmlNodePtr tbody, const rl_matrix *m, const sources *src,
                       const rl_cell *cell)
{
    xmlNodePtr tr = rl_el(tbody, "tr", NULL);
    char *id = cell_id(cell);
    rl_attr(tr, "id", id);
    free(id);
    rl_attr(rl_el(tr, "th", cell->tool->name), "scope", "row");
    const rl_outcome_info *info = rl_outcome_describe(rl_cell_outcome(cell));
    char *words = rl_cell_words(cell, false);
    xmlNodePtr badge = rl_el(rl_el(tr, "td", NULL), "span", words);
    free(words);
    rl_attrf(badge, "class", "badge o-%s", info->key);
    xmlNodePtr said = rl_el(tr, "td", NULL);
    write_reasons(said, cell);
    write_reports(said, src, cell);
    write_raw(said, m, cell);
}

static void write_program(xmlNodePtr body, const rl_matrix *m, const sources *src,
                          const rl_program *p)
{
    xmlNodePtr h3 = rl_elf(body, "h3", "%s (%s, %s)", p->name, p->form, p->variant);
    char *id = rl_html_id("program-%s", p->name);
    rl_attr(h3, "id", id);
    free(id);
    char *file = xasprintf("%s.c", p->name);
    char *file_id = rl_html_id("file-%s", file);
    char *href = xasprintf("#%s", file_id);
    free(file_id);
    xmlNodePtr para = rl_el(body, "p", "Source: ");
    rl_link(para, href, file);
    free(href);
    free(file);
    xmlNodePtr table = rl_el(body, "table", NULL);
    rl_attr(table, "class", "grid");
    xmlNodePtr tbody = rl_el(table, "tbody", NULL);
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].program == p)
            write_cell(tbody, m, src, &m->cells[i]);
}

/* ---- sources -------------------------------------------------------------------- */

static const char *marker_on(const rl_case *c, const char *file, int line)
{
    for (size_t i = 0; i < c->n_markers; i++)
        if (c->markers[i].line == line && strcmp(c->markers[i].file, file) == 0)
            return c->markers[i].name;
    return NULL;
}

static void write_source(xmlNodePtr body, const rl_case *c, const char *name)
{
    char *path = xasprintf("%s/%s", c->dir, name);
    char *text = rl_read_file(path, NULL);
    free(path);
    if (text == NULL)
        return;
    char *file_id = rl_html_id("file-%s", name);
    rl_attr(rl_el(body, "h3", name), "id", file_id);
    free(file_id);
    xmlNodePtr table = rl_el(body, "table", NULL);
    rl_attr(table, "class", "source");
    xmlNodePtr tbody = rl_el(table, "tbody", NULL);
    int line = 1;
    for (char *p = text; *p; line++) {
        size_t len = strcspn(p, "\n");
        char *code = xstrndup(p, len);
        xmlNodePtr tr = rl_el(tbody, "tr", NULL);
        char *id = line_id(name, line);
        rl_attr(tr, "id", id);
        free(id);
        const char *marker = marker_on(c, name, line);
        if (marker) {
            rl_attr(tr, "class", "marked");
            rl_attrf(tr, "title", "marker %s", marker);
        }
        rl_attr(rl_elf(tr, "td", "%d", line), "class", "ln");
        rl_el(tr, "td", code);
        free(code);
        p += len + (p[len] == '\n');
    }
    free(text);
}

static void list_sources(const rl_case *c, sources *src)
{
    *src = (sources){0};
    if (c->dir == NULL)
        return;
    char **c_files, **h_files;
    size_t n_c = rl_list_dir(c->dir, ".c", false, &c_files);
    size_t n_h = rl_list_dir(c->dir, ".h", false, &h_files);
    src->n = n_c + n_h;
    src->names = xcalloc(src->n ? src->n : 1, sizeof *src->names);
    for (size_t i = 0; i < n_c; i++)
        src->names[i] = c_files[i];
    for (size_t i = 0; i < n_h; i++)
        src->names[n_c + i] = h_files[i];
    free(c_files);
    free(h_files);
}

/* ---- the page ------------------------------------------------------------------- */

static void write_lesson(xmlNodePtr body, const rl_case *c)
{
    if (c->dir == NULL)
        return;
    char *path = xasprintf("%s/README.md", c->dir);
    size_t len = 0;
    char *text = rl_read_file(path, &len);
    free(path);
    if (text == NULL)
        return;
    xmlNodePtr div = rl_el(body, "div", NULL);
    rl_attr(div, "class", "lesson");
    rl_attr(div, "id", "lesson");
    if (rl_append_markdown(div, text, len) != 0)
        rl_el(div, "pre", text);
    free(text);
}

int rl_write_case_page(const rl_matrix *m, const rl_case *c, const char *dir, char **error)
{
    rl_html page = rl_html_new(c->name);
    xmlNodePtr body = page.body;
    xmlNodePtr nav = rl_el(body, "nav", NULL);
    rl_link(nav, "index.html", "← all cases and tools");
    rl_text(nav, " · ");
    rl_link(nav, "#results", "what every tool said");
    rl_text(nav, " · ");
    rl_link(nav, "#sources", "sources");
    rl_elf(body, "h1", "%s%s%s", c->name, c->title ? ": " : "", c->title ? c->title : "");
    if (c->lesson)
        rl_el(body, "p", c->lesson);
    rl_el(body, "h2", "The lesson (README.md)");
    write_lesson(body, c);
    sources src;
    list_sources(c, &src);
    rl_attr(rl_el(body, "h2", "What every tool said"), "id", "results");
    for (size_t p = 0; p < c->n_programs; p++)
        write_program(body, m, &src, &c->programs[p]);
    rl_attr(rl_el(body, "h2", "Sources (marker lines highlighted)"), "id", "sources");
    for (size_t i = 0; i < src.n; i++)
        write_source(body, c, src.names[i]);
    rl_free_strings(src.names, src.n);
    char *path = xasprintf("%s/%s.html", dir, c->name);
    int rc = rl_html_save(&page, path, error);
    free(path);
    return rc;
}
