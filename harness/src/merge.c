/* racelab merge: shards' results.json back into one matrix.
 *
 * The cases and tools are loaded again from this checkout (they give each cell its
 * expectation, markers and layout), then every cell is filled from the shard that ran it.
 * results.json keeps distinct reports with the number of runs that saw each, and the
 * reason of every run that did not pass; the runs rebuilt from that give every output the
 * same distinct reports, counts and reasons as the runs themselves did. */
#define _GNU_SOURCE
#include "merge.h"

#include "fsutil.h"
#include "judge.h"
#include "kinds.h"
#include "output_common.h"
#include "results_read.h"
#include "xalloc.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: racelab merge OUT... --out DIR [--cases-dir DIR] [--tools FILE]\n"
    "Merges the results.json of several runs (each OUT a folder with one, or the file),\n"
    "normally the shards of `racelab run --shard K/N`, into one results.json, junit.xml,\n"
    "results.sarif and summary.md in DIR, with the cells as one run would have laid them\n"
    "out. Every cell must come from exactly one OUT. Exit status as for `racelab run`.\n";

static const char *text(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static size_t count(json_t *obj, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(obj, key));
    return v > 0 ? (size_t)v : 0;
}

static char *cell_key(const char *c, const char *program, const char *tool)
{
    return xasprintf("%s\t%s\t%s", c ? c : "", program ? program : "", tool ? tool : "");
}

static void add_filter(char ***names, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*names)[i], name) == 0)
            return;
    *names = xrealloc(*names, (*n + 1) * sizeof **names);
    (*names)[(*n)++] = (char *)name;
}

/* ---- reading the shards ------------------------------------------------------------ */

static json_t *load_results(const char *out)
{
    char *path = rl_is_dir(out) ? xasprintf("%s/results.json", out) : xstrdup(out);
    char *error = NULL;
    json_t *doc = rl_results_load(path, &error);
    if (doc == NULL)
        fprintf(stderr, "racelab: merge: %s\n", error);
    else /* for messages and merged_from */
        json_object_set_new(doc, "path", json_string(path));
    free(error);
    free(path);
    return doc;
}

/* Every cell by key, each from one document; the cases and tools they name become the
 * matrix's filters. */
static int index_cells(rl_merged *g, json_t *index)
{
    for (size_t d = 0; d < g->n_docs; d++) {
        size_t i;
        json_t *cell;
        json_array_foreach(json_object_get(g->docs[d], "cells"), i, cell) {
            char *key = cell_key(text(cell, "case"), text(cell, "program"), text(cell, "tool"));
            json_t *before = json_object_get(index, key);
            if (before != NULL || !text(cell, "case") || !text(cell, "tool")) {
                fprintf(stderr, "racelab: merge: %s: cells[%zu] (%s/%s, %s) %s\n",
                        text(g->docs[d], "path"), i, text(cell, "case"), text(cell, "program"),
                        text(cell, "tool"), before ? "is in two of the merged files"
                                                   : "lacks a case or tool");
                free(key);
                return -1;
            }
            json_object_set(index, key, cell);
            free(key);
            add_filter(&g->opt.cases, &g->opt.n_cases, text(cell, "case"));
            add_filter(&g->opt.tools, &g->opt.n_tools, text(cell, "tool"));
        }
    }
    return 0;
}

/* ---- filling a cell ---------------------------------------------------------------- */

/* Which expected report of `e` (and which of its markers) results.json's "explained_by"
 * names: the judge's answer, as the run gave it. */
static rl_explanation explanation_of(const rl_expectation *e, json_t *by)
{
    rl_explanation x = {-1, -1};
    rl_kind kind;
    if (e == NULL || !json_is_object(by) || !rl_kind_parse(text(by, "kind"), &kind))
        return x;
    const char *reason = text(by, "reason"), *marker = text(by, "marker");
    for (size_t k = 0; k < e->n_reports && x.report < 0; k++) {
        const rl_expected_report *r = &e->reports[k];
        if (r->kind != kind || r->false_alarm != json_is_true(json_object_get(by, "false_alarm")) ||
            r->anywhere != json_is_true(json_object_get(by, "anywhere")) ||
            (reason && (!r->reason || strcmp(r->reason, reason) != 0)))
            continue;
        int m = -1;
        for (size_t i = 0; marker && i < r->n_markers; i++)
            if (strcmp(r->markers[i], marker) == 0)
                m = (int)i;
        if (marker == NULL || m >= 0)
            x = (rl_explanation){(int)k, m};
    }
    return x;
}

/* Appends one report of results.json, and the judge's answer for it, to a run. */
static int add_report(rl_run *run, const rl_expectation *e, json_t *r)
{
    rl_kind kind;
    if (!rl_kind_parse(text(r, "kind"), &kind))
        return -1;
    rl_report *report = rl_report_add(&run->reports, kind, text(r, "tool_kind"),
                                      text(r, "message"));
    size_t i;
    json_t *loc;
    json_array_foreach(json_object_get(r, "locations"), i, loc)
        rl_report_add_location(report, text(loc, "file"), (int)count(loc, "line"),
                               text(loc, "function"), text(loc, "role"));
    run->explained = xrealloc(run->explained, run->reports.n * sizeof *run->explained);
    run->explained[run->reports.n - 1] = explanation_of(e, json_object_get(r, "explained_by"));
    return 0;
}

/* The runs' ends in the order results.json counts them (outcomes). */
static void fill_ends(rl_cell *cell, json_t *outcomes)
{
    static const struct { const char *name; rl_end_kind kind; } ends[] = {
        {"exited", RL_END_EXITED},         {"signaled", RL_END_SIGNALED},
        {"timeout", RL_END_TIMEOUT},       {"spawn_failed", RL_END_SPAWN_FAILED},
        {"interrupted", RL_END_INTERRUPTED},
    };
    size_t r = 0;
    for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++)
        for (size_t k = count(outcomes, ends[e].name); k > 0 && r < cell->n_runs; k--)
            cell->runs[r++].end.kind = ends[e].kind;
}

static rl_verdict verdict_named(const char *name)
{
    for (rl_verdict v = RL_VERDICT_PASS; v <= RL_VERDICT_ERROR; v++)
        if (name && strcmp(rl_verdict_name(v), name) == 0)
            return v;
    return RL_VERDICT_ERROR;
}

/* Returns -1 when a report names a kind this racelab does not know. */
static int fill_cell(rl_cell *cell, json_t *j)
{
    free(cell->runs);
    cell->n_runs = cell->runs_done = count(j, "runs");
    cell->runs = xcalloc(cell->n_runs ? cell->n_runs : 1, sizeof *cell->runs);
    cell->verdict = verdict_named(text(j, "verdict"));
    cell->reason = xstrdup_or_null(text(j, "reason"));
    cell->detected_runs = count(j, "detected_runs");
    json_t *missed = json_object_get(j, "missed_runs"); /* parallel to expected.reports */
    size_t n_missed = json_array_size(missed);
    if (cell->expect && n_missed > 0 && n_missed == cell->expect->n_reports) {
        cell->missed_runs = xcalloc(n_missed, sizeof *cell->missed_runs);
        for (size_t i = 0; i < n_missed; i++)
            cell->missed_runs[i] = (size_t)json_integer_value(json_array_get(missed, i));
    }
    cell->wall_s = json_number_value(json_object_get(j, "wall_s"));
    cell->slowest_run_s = json_number_value(json_object_get(j, "slowest_run_s"));
    fill_ends(cell, json_object_get(j, "outcomes"));
    for (size_t r = 0; r < cell->n_runs; r++) {
        cell->runs[r].detected = r < cell->detected_runs;
        cell->runs[r].cached = r < count(j, "cached_runs");
    }
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(j, "run_reasons"), i, item) {
        size_t run = count(item, "run");
        if (run >= 1 && run <= cell->n_runs && cell->runs[run - 1].reason == NULL) {
            cell->runs[run - 1].reason = xstrdup_or_null(text(item, "reason"));
            cell->runs[run - 1].verdict = cell->verdict;
        }
    }
    json_array_foreach(json_object_get(j, "reports"), i, item)
        for (size_t r = 0; r < count(item, "runs") && r < cell->n_runs; r++)
            if (add_report(&cell->runs[r], cell->expect, item) != 0)
                return -1;
    return 0;
}

/* ---- the merged matrix ------------------------------------------------------------- */

static int keep_merged_cells(rl_merged *g, json_t *index)
{
    rl_matrix *m = &g->m;
    bool *keep = xcalloc(m->n_cells ? m->n_cells : 1, sizeof *keep);
    size_t kept = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        char *key = cell_key(m->cells[i].c->name, m->cells[i].program->name,
                             m->cells[i].tool->name);
        kept += keep[i] = json_object_get(index, key) != NULL;
        free(key);
    }
    rl_matrix_keep_cells(m, keep);
    free(keep);
    if (kept != json_object_size(index)) {
        fprintf(stderr, "racelab: merge: %zu merged cells name a program that %s does not "
                        "have\n", json_object_size(index) - kept, g->opt.cases_dir);
        return -1;
    }
    for (size_t i = 0; i < m->n_cells; i++) {
        char *key = cell_key(m->cells[i].c->name, m->cells[i].program->name,
                             m->cells[i].tool->name);
        int rc = fill_cell(&m->cells[i], json_object_get(index, key));
        free(key);
        if (rc != 0) {
            fprintf(stderr, "racelab: merge: %s/%s, %s: a report of a kind this racelab does "
                            "not know\n", m->cells[i].c->name, m->cells[i].program->name,
                    m->cells[i].tool->name);
            return -1;
        }
    }
    return 0;
}

/* Tool versions (the first file that knows one), the slowest file's wall time, and what
 * each merged file said of its run. */
static void merge_run_facts(rl_merged *g)
{
    json_t *from = json_array();
    for (size_t d = 0; d < g->n_docs; d++) {
        json_t *doc = g->docs[d], *versions = json_object_get(doc, "tool_versions");
        for (size_t t = 0; t < g->m.n_tools; t++)
            if (g->m.tool_versions[t] == NULL && text(versions, g->m.tools[t]->name))
                g->m.tool_versions[t] = xstrdup(text(versions, g->m.tools[t]->name));
        double wall = json_number_value(json_object_get(doc, "wall_s"));
        g->m.wall_s = fmax(g->m.wall_s, wall);
        json_t *source = json_pack("{s:O, s:O, s:f}", "path", json_object_get(doc, "path"), "run",
                                   json_object_get(doc, "run"), "wall_s", wall);
        if (json_object_get(doc, "shard"))
            json_object_set(source, "shard", json_object_get(doc, "shard"));
        json_array_append_new(from, source);
    }
    g->meta.merged_from = from;
}

static int parse_merge_options(int argc, char **argv, rl_merged *g)
{
    static const struct option longopts[] = {
        {"out", required_argument, 0, 'o'},       {"cases-dir", required_argument, 0, 'C'},
        {"tools", required_argument, 0, 'T'},     {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0},
    };
    const char *out = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 'C': g->opt.cases_dir = optarg; break;
        case 'T': g->opt.tools_path = optarg; break;
        case 'q': g->opt.quiet = true; break;
        case 'h': fputs(usage, stdout); return 1;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (out == NULL || optind >= argc) {
        fprintf(stderr, "racelab: merge: needs --out DIR and at least one OUT\n%s", usage);
        return 2;
    }
    g->opt.out_dir = out;
    return 0;
}

int rl_merge_load(int argc, char **argv, rl_merged *g)
{
    int rc = parse_merge_options(argc - 1, argv + 1, g);
    if (rc != 0)
        return rc;
    g->docs = xcalloc((size_t)(argc - 1 - optind), sizeof *g->docs);
    for (int i = optind + 1; i < argc; i++)
        if ((g->docs[g->n_docs++] = load_results(argv[i])) == NULL)
            return 2;
    g->opt.repeat = (unsigned)count(g->docs[0], "repeat");
    for (size_t d = 1; d < g->n_docs; d++)
        if (count(g->docs[d], "repeat") != g->opt.repeat) {
            fprintf(stderr, "racelab: merge: %s: %zu runs per cell, but %s has %u: these are "
                            "not parts of one run\n", text(g->docs[d], "path"),
                    count(g->docs[d], "repeat"), text(g->docs[0], "path"), g->opt.repeat);
            return 2;
        }
    g->opt.timeout_scale = json_number_value(json_object_get(g->docs[0], "timeout_scale"));
    g->opt.jobs = (unsigned)count(g->docs[0], "jobs");
    json_t *index = json_object();
    char *error = NULL;
    rc = index_cells(g, index);
    if (rc == 0 && g->opt.n_cases > 0 && rl_matrix_prepare(&g->m, &g->opt, &error) != 0) {
        fprintf(stderr, "racelab: merge: %s\n", error);
        rc = -1;
    }
    if (rc == 0 && g->opt.n_cases > 0)
        rc = keep_merged_cells(g, index);
    free(error);
    json_decref(index);
    if (rc != 0)
        return 2;
    char *root = rl_repository_root(&g->m);
    rl_run_meta_collect(&g->meta, root, g->opt.out_dir, argc, argv);
    free(root);
    merge_run_facts(g);
    g->m.meta = &g->meta;
    return 0;
}

void rl_merged_free(rl_merged *g)
{
    rl_matrix_free(&g->m);
    rl_run_meta_free(&g->meta);
    for (size_t i = 0; i < g->n_docs; i++)
        json_decref(g->docs[i]);
    free(g->docs);
    free(g->opt.cases);
    free(g->opt.tools);
}
