/* racelab diff: compares two results.json files cell by cell (a cell is case, program,
 * tool). A cell changed when its verdict, its expectation or its detection rate changed;
 * a rate changed only when the two rates' Wilson 95 % intervals do not overlap, so the
 * noise of a few runs is not news. Regressions (a detection lost, a new false alarm or
 * failure, a tool error, a detection rate that fell) make the exit status 1. */
#define _GNU_SOURCE
#include "diff.h"

#include "results_read.h"
#include "xalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIFF_OK = 0, DIFF_REGRESSION = 1, DIFF_USAGE = 2 };

typedef struct change {
    const char *tool, *case_name, *program;
    json_t *old_cell, *new_cell; /* borrowed; either may be NULL (cell added or removed) */
    char *what;                  /* malloc'd */
    bool regression;
} change;

typedef struct diff {
    change *items;
    size_t n;
    size_t compared;
} diff;

void rl_wilson_interval(double k, double n, double *low, double *high)
{
    if (n <= 0) {
        *low = 0;
        *high = 1;
        return;
    }
    const double z = 1.96, p = k / n, z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * sqrt(p * (1 - p) / n + z2n / (4 * n));
    *low = fmax(0, centre - half);
    *high = fmin(1, centre + half);
}

/* ---- reading ---------------------------------------------------------------------- */

static json_t *load(const char *path)
{
    char *error = NULL;
    json_t *doc = rl_results_load(path, &error);
    if (doc == NULL)
        fprintf(stderr, "racelab: diff: %s\n", error);
    free(error);
    return doc;
}

static const char *text(json_t *cell, const char *key)
{
    const char *s = json_string_value(json_object_get(cell, key));
    return s ? s : "";
}

static double number(json_t *cell, const char *key)
{
    return json_number_value(json_object_get(cell, key));
}

static char *cell_key(json_t *cell)
{
    return xasprintf("%s\t%s\t%s", text(cell, "tool"), text(cell, "case"), text(cell, "program"));
}

/* The cells of a document by key (borrowed references). */
static json_t *index_cells(json_t *doc)
{
    json_t *index = json_object();
    size_t i;
    json_t *cell;
    json_array_foreach(json_object_get(doc, "cells"), i, cell) {
        char *key = cell_key(cell);
        json_object_set(index, key, cell);
        free(key);
    }
    return index;
}

/* ---- judging one cell ------------------------------------------------------------- */

static const char *expected_type(json_t *cell)
{
    const char *t = json_string_value(json_object_get(json_object_get(cell, "expected"), "type"));
    return t ? t : "none";
}

/* Whether the cell's detections are the bug showing (an unsafe program caught or
 * manifesting), not a known false alarm. */
static bool detections_wanted(json_t *cell)
{
    const char *t = expected_type(cell);
    json_t *first = json_array_get(json_object_get(json_object_get(cell, "expected"), "reports"), 0);
    if (json_is_true(json_object_get(first, "false_alarm")))
        return false;
    return strcmp(t, "detect") == 0 || strcmp(t, "manifest") == 0 || strcmp(t, "hang") == 0;
}

/* -1 the rate fell, 1 it rose, 0 the intervals overlap (or a side made no run). */
static int rate_moved(json_t *old_cell, json_t *new_cell)
{
    double ok = number(old_cell, "detected_runs"), on = number(old_cell, "runs");
    double nk = number(new_cell, "detected_runs"), nn = number(new_cell, "runs");
    if (on <= 0 || nn <= 0)
        return 0;
    double olo, ohi, nlo, nhi;
    rl_wilson_interval(ok, on, &olo, &ohi);
    rl_wilson_interval(nk, nn, &nlo, &nhi);
    return nhi < olo ? -1 : nlo > ohi ? 1 : 0;
}

static char *verdict_change(json_t *o, json_t *n, bool *regression)
{
    const char *ov = text(o, "verdict"), *nv = text(n, "verdict");
    bool wanted = detections_wanted(n);
    *regression = strcmp(nv, "fail") == 0 || strcmp(nv, "error") == 0;
    if (strcmp(nv, "pass") == 0)
        return xasprintf("fixed (%s → pass)", ov);
    if (strcmp(nv, "xpass") == 0)
        return xasprintf("a blind spot now seen (%s → xpass)", ov);
    if (strcmp(nv, "error") == 0)
        return xasprintf("the tool could not run (%s → error)", ov);
    if (strcmp(nv, "skip") == 0)
        return xasprintf("now skipped (%s → skip)", ov);
    if (strcmp(nv, "fail") == 0 && wanted &&
        number(n, "detected_runs") < number(n, "runs"))
        return xasprintf("a detection lost (%s → fail)", ov);
    if (strcmp(nv, "fail") == 0 && !wanted && strcmp(expected_type(n), "correct") == 0)
        return xasprintf("the correct program's check now says bug (%s → fail)", ov);
    if (strcmp(nv, "fail") == 0 && json_array_size(json_object_get(n, "reports")) > 0 && !wanted)
        return xasprintf("a new false alarm (%s → fail)", ov);
    return xasprintf("%s → %s", ov, nv);
}

/* What changed in a cell present in both runs; NULL when nothing did. */
static char *cell_change(json_t *o, json_t *n, bool *regression)
{
    *regression = false;
    char *what = NULL;
    if (strcmp(text(o, "verdict"), text(n, "verdict")) != 0) {
        what = verdict_change(o, n, regression);
    } else {
        int moved = rate_moved(o, n);
        if (moved != 0) {
            *regression = moved < 0 && detections_wanted(n);
            what = xasprintf("detection rate %s beyond its 95 %% interval",
                             moved < 0 ? "fell" : "rose");
        }
    }
    if (!json_equal(json_object_get(o, "expected"), json_object_get(n, "expected"))) {
        const char *ot = expected_type(o), *nt = expected_type(n);
        char *types = strcmp(ot, nt) == 0 ? xasprintf("%s, other reports or lines", nt)
                                          : xasprintf("%s → %s", ot, nt);
        char *with = xasprintf("%s%sexpectation changed (%s)", what ? what : "", what ? "; " : "",
                               types);
        free(types);
        free(what);
        what = with;
    }
    return what;
}

/* ---- comparing runs --------------------------------------------------------------- */

static void add_change(diff *d, json_t *o, json_t *n, char *what, bool regression)
{
    json_t *any = n ? n : o;
    d->items = xrealloc(d->items, (d->n + 1) * sizeof *d->items);
    d->items[d->n++] = (change){text(any, "tool"), text(any, "case"), text(any, "program"),
                                o, n, what, regression};
}

static void compare(diff *d, json_t *old_doc, json_t *new_doc)
{
    json_t *old_index = index_cells(old_doc), *new_index = index_cells(new_doc);
    size_t i;
    json_t *cell;
    json_array_foreach(json_object_get(new_doc, "cells"), i, cell) {
        char *key = cell_key(cell);
        json_t *o = json_object_get(old_index, key);
        free(key);
        bool regression = false;
        char *what;
        if (o == NULL) {
            regression = strcmp(text(cell, "verdict"), "fail") == 0 ||
                         strcmp(text(cell, "verdict"), "error") == 0;
            what = xasprintf("new cell (%s)", text(cell, "verdict"));
        } else {
            d->compared++;
            what = cell_change(o, cell, &regression);
        }
        if (what)
            add_change(d, o, cell, what, regression);
    }
    json_array_foreach(json_object_get(old_doc, "cells"), i, cell) {
        char *key = cell_key(cell);
        if (json_object_get(new_index, key) == NULL)
            add_change(d, cell, NULL, xasprintf("cell gone (was %s)", text(cell, "verdict")),
                       false);
        free(key);
    }
    json_decref(old_index);
    json_decref(new_index);
}

/* ---- printing --------------------------------------------------------------------- */

static char *rate(json_t *cell)
{
    if (cell == NULL)
        return xstrdup("-");
    return xasprintf("%.0f/%.0f", number(cell, "detected_runs"), number(cell, "runs"));
}

static size_t regressions(const diff *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].regression;
    return n;
}

static bool tool_seen_before(const diff *d, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(d->items[k].tool, d->items[i].tool) == 0)
            return true;
    return false;
}

static void print_change(const change *c, bool markdown, FILE *out)
{
    char *from = rate(c->old_cell), *to = rate(c->new_cell);
    if (markdown)
        fprintf(out, "| %s | %s | %s | %s | %s → %s |\n",
                c->regression ? ":x: regression" : "changed", c->case_name, c->program, c->what,
                from, to);
    else
        fprintf(out, "  %-10s  %s/%s: %s; detected %s → %s\n",
                c->regression ? "REGRESSION" : "changed", c->case_name, c->program, c->what,
                from, to);
    free(from);
    free(to);
}

/* Changes grouped by tool, tools in the order they first changed, cells in run order. */
static void print_diff(const diff *d, const char *old_path, const char *new_path, bool markdown,
                       FILE *out)
{
    size_t bad = regressions(d);
    if (d->n == 0) {
        fprintf(out, "%sracelab diff: no change in %zu cells (%s → %s)\n", markdown ? "### " : "",
                d->compared, old_path, new_path);
        return;
    }
    fprintf(out, "%sracelab diff: %zu of %zu cells changed, %zu regression%s (%s → %s)\n",
            markdown ? "### " : "", d->n, d->compared, bad, bad == 1 ? "" : "s", old_path,
            new_path);
    for (size_t i = 0; i < d->n; i++) {
        if (tool_seen_before(d, i))
            continue;
        if (markdown)
            fprintf(out, "\n#### %s\n\n| | case | program | change | detected |\n"
                         "|---|---|---|---|---|\n", d->items[i].tool);
        else
            fprintf(out, "%s\n", d->items[i].tool);
        for (size_t k = i; k < d->n; k++)
            if (strcmp(d->items[k].tool, d->items[i].tool) == 0)
                print_change(&d->items[k], markdown, out);
    }
}

static const char usage[] =
    "usage: racelab diff [--markdown] OLD.json NEW.json\n"
    "Prints the cells whose verdict, expectation or detection rate (beyond its Wilson 95 %\n"
    "interval) changed from OLD to NEW, grouped by tool; --markdown for a pull-request\n"
    "comment. Exit status: 0 no regression, 1 regressions (a detection lost, a new false\n"
    "alarm or failure, a tool error, a detection rate that fell), 2 bad usage or input.\n";

int rl_diff_command(int argc, char **argv)
{
    bool markdown = false;
    const char *paths[2];
    size_t n_paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return DIFF_OK;
        }
        if (strcmp(argv[i], "--markdown") == 0)
            markdown = true;
        else if (argv[i][0] == '-' || n_paths == 2) {
            fprintf(stderr, "racelab: diff: unexpected argument '%s'\n%s", argv[i], usage);
            return DIFF_USAGE;
        } else
            paths[n_paths++] = argv[i];
    }
    if (n_paths != 2) {
        fputs(usage, stderr);
        return DIFF_USAGE;
    }
    json_t *old_doc = load(paths[0]);
    json_t *new_doc = old_doc ? load(paths[1]) : NULL;
    if (new_doc == NULL) {
        json_decref(old_doc);
        return DIFF_USAGE;
    }
    diff d = {0};
    compare(&d, old_doc, new_doc);
    print_diff(&d, paths[0], paths[1], markdown, stdout);
    int rc = regressions(&d) ? DIFF_REGRESSION : DIFF_OK;
    for (size_t i = 0; i < d.n; i++)
        free(d.items[i].what);
    free(d.items);
    json_decref(old_doc);
    json_decref(new_doc);
    return rc;
}
