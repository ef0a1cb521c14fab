/* results.json: the whole matrix as data, for CI dashboards and for diffing two runs.
 * Built with jansson so that no string is ever escaped by hand. */
#define _GNU_SOURCE
#include "matrix.h"
#include "judge.h"
#include "expect.h"
#include "outputs.h"

#include "case.h"
#include "fsutil.h"
#include "output_common.h"
#include "results_read.h"
#include "run_meta.h"
#include "xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static json_t *count(size_t n) { return json_integer((json_int_t)n); }

/* ---- what was expected ---------------------------------------------------------- */

static json_t *marker_occurrences(const rl_case *c, const char *name)
{
    json_t *list = json_array();
    for (size_t i = 0; i < c->n_markers; i++) {
        const rl_marker *mk = &c->markers[i];
        if (strcmp(mk->name, name) != 0)
            continue;
        json_array_append_new(list, json_pack("{s:o, s:o, s:i}", "name", rl_json_text(mk->name),
                                              "file", rl_json_text(mk->file), "line", mk->line));
    }
    return list;
}

static json_t *expected_json(const rl_case *c, const rl_expectation *e)
{
    if (e == NULL)
        return json_null();
    json_t *reports = json_array();
    for (size_t i = 0; i < e->n_reports; i++) {
        const rl_expected_report *r = &e->reports[i];
        json_t *markers = json_array();
        for (size_t k = 0; k < r->n_markers; k++) { /* every occurrence of every marker */
            json_t *occurrences = marker_occurrences(c, r->markers[k]);
            json_array_extend(markers, occurrences);
            json_decref(occurrences);
        }
        json_t *one = json_pack("{s:o, s:b, s:o, s:o}", "kind", rl_json_text(rl_kind_name(r->kind)),
                                "false_alarm", r->false_alarm, "reason",
                                rl_json_text(r->reason), "markers", markers);
        if (r->may) /* seen in some runs only: never required */
            json_object_set_new(one, "may", json_true());
        json_array_append_new(reports, one);
    }
    json_t *j = json_pack("{s:s, s:o, s:o}", "type", rl_expect_type_name(e->type), "reason",
                          rl_json_text(e->reason), "reports", reports);
    if (e->type == RL_EXPECT_EXIT || e->type == RL_EXPECT_SIGNAL)
        json_object_set_new(j, e->type == RL_EXPECT_EXIT ? "status" : "signal",
                            e->type == RL_EXPECT_EXIT ? json_integer(e->status)
                                                      : json_string(rl_signal_name(e->status)));
    return j;
}

/* ---- what was seen -------------------------------------------------------------- */

/* A location; with "wrapper" when it stepped over one of the case's wrappers (unwrap.h):
 * the caller is the location, the wrapper's own frame is kept beside it. */
static json_t *location_json(const char *root, const rl_location *loc)
{
    json_t *j = json_pack("{s:o, s:i, s:o, s:o}", "file", rl_json_relative_path(root, loc->file),
                          "line", loc->line, "function", rl_json_text(loc->function), "role",
                          rl_json_text(loc->role));
    if (loc->wrapper)
        json_object_set_new(j, "wrapper",
                            json_pack("{s:o, s:i, s:o}", "file",
                                      rl_json_relative_path(root, loc->wrapper->file), "line",
                                      loc->wrapper->line, "function",
                                      rl_json_text(loc->wrapper->function)));
    return j;
}

/* The judge's answer: the expected report that explains it, and on which marker. */
static json_t *explained_json(const rl_seen_report *seen)
{
    const rl_expected_report *x = seen->explained;
    if (x == NULL)
        return json_null();
    return json_pack("{s:s, s:b, s:b, s:o, s:o}", "kind", rl_kind_name(x->kind), "false_alarm",
                     x->false_alarm, "anywhere", x->anywhere, "marker",
                     rl_json_text(seen->marker), "reason", rl_json_text(x->reason));
}

static json_t *seen_reports_json(const rl_cell *cell, const char *root)
{
    rl_seen_report *seen;
    size_t n = rl_distinct_reports(cell, &seen);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        const rl_report *r = seen[i].report;
        json_t *locations = json_array();
        for (size_t k = 0; k < r->n_locations; k++)
            json_array_append_new(locations, location_json(root, &r->locations[k]));
        json_array_append_new(list, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "kind",
                                              rl_json_text(rl_kind_name(r->kind)), "tool_kind",
                                              rl_json_text(r->tool_kind), "message",
                                              rl_json_text(r->message), "runs",
                                              count(seen[i].runs), "locations", locations,
                                              "explained_by", explained_json(&seen[i])));
    }
    free(seen);
    return list;
}

/* Parallel to expected.reports: the runs that failed without showing each one. */
static json_t *missed_json(const rl_cell *cell)
{
    json_t *list = json_array();
    for (size_t i = 0; cell->missed_runs != NULL && i < cell->expect->n_reports; i++)
        json_array_append_new(list, count(cell->missed_runs[i]));
    return list;
}

static json_t *outcomes_json(const rl_cell *cell)
{
    size_t ends[RL_END_INTERRUPTED + 1] = {0};
    for (size_t i = 0; cell->runs != NULL && i < cell->n_runs; i++)
        if ((unsigned)cell->runs[i].end.kind <= RL_END_INTERRUPTED)
            ends[cell->runs[i].end.kind]++;
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "exited", count(ends[RL_END_EXITED]),
                     "signaled", count(ends[RL_END_SIGNALED]), "timeout",
                     count(ends[RL_END_TIMEOUT]), "spawn_failed",
                     count(ends[RL_END_SPAWN_FAILED]), "interrupted",
                     count(ends[RL_END_INTERRUPTED]));
}

/* Why each run that did not pass did not: what junit.xml prints, and what `racelab merge`
 * needs to write the same junit.xml from shards. */
static json_t *run_reasons_json(const rl_cell *cell)
{
    json_t *list = json_array();
    for (size_t i = 0; cell->runs != NULL && i < cell->n_runs; i++)
        if (cell->runs[i].reason != NULL)
            json_array_append_new(list, json_pack("{s:o, s:o}", "run", count(i + 1), "reason",
                                                  rl_json_text(cell->runs[i].reason)));
    return list;
}

/* The program's settings from case.ini ([case] and its own, joined) and its ending;
 * NULL when it has none, so that a plain program's cell reads as before. */
static json_t *settings_json(const rl_case *c, const rl_program *p)
{
    json_t *j = json_object();
    const rl_setting *lists[] = {c->settings, p->settings};
    size_t counts[] = {c->n_settings, p->n_settings};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const char **words;
            size_t n = rl_program_setting(c, p, lists[l][i].key, &words);
            json_t *list = json_array();
            for (size_t w = 0; w < n; w++)
                json_array_append_new(list, rl_json_text(words[w]));
            json_object_set_new(j, lists[l][i].key, list);
            free(words);
        }
    if (p->ending.type == RL_EXPECT_EXIT)
        json_object_set_new(j, "ending", json_pack("{s:i}", "exit", p->ending.status));
    else if (p->ending.type == RL_EXPECT_SIGNAL)
        json_object_set_new(j, "ending",
                            json_pack("{s:s}", "signal", rl_signal_name(p->ending.status)));
    if (json_object_size(j) == 0) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static json_t *cell_json(const rl_cell *cell, const char *root)
{
    json_t *j = json_object();
    json_object_set_new(j, "case", rl_json_text(cell->c->name));
    json_object_set_new(j, "program", rl_json_text(cell->program->name));
    json_object_set_new(j, "form", rl_json_text(cell->program->form));
    json_object_set_new(j, "variant", rl_json_text(cell->program->variant));
    json_object_set_new(j, "tool", rl_json_text(cell->tool->name));
    json_t *settings = settings_json(cell->c, cell->program);
    if (settings)
        json_object_set_new(j, "settings", settings);
    json_object_set_new(j, "expected", expected_json(cell->c, cell->expect));
    json_object_set_new(j, "runs", count(cell->n_runs));
    json_object_set_new(j, "detected_runs", count(cell->detected_runs));
    json_object_set_new(j, "missed_runs", missed_json(cell));
    json_object_set_new(j, "reports", seen_reports_json(cell, root));
    json_object_set_new(j, "verdict", json_string(rl_verdict_name(cell->verdict)));
    json_object_set_new(j, "reason", rl_json_text(cell->reason));
    json_object_set_new(j, "run_reasons", run_reasons_json(cell));
    json_object_set_new(j, "wall_s", json_real(cell->wall_s));
    json_object_set_new(j, "slowest_run_s", json_real(cell->slowest_run_s));
    json_object_set_new(j, "outcomes", outcomes_json(cell));
    size_t cached = 0;
    for (size_t i = 0; cell->runs != NULL && i < cell->n_runs; i++)
        cached += cell->runs[i].cached;
    /* static analyses run once per program and may come from the cache (static_cache.h) */
    json_object_set_new(j, "analysed_once", json_boolean(cell->tool->build == NULL));
    json_object_set_new(j, "cached_runs", count(cached));
    return j;
}

/* ---- the document --------------------------------------------------------------- */

static json_t *tool_versions_json(const rl_matrix *m)
{
    json_t *j = json_object();
    for (size_t i = 0; i < m->n_tools; i++)
        json_object_set_new(j, m->tools[i]->name,
                            rl_json_text(m->tool_versions ? m->tool_versions[i] : NULL));
    return j;
}

static json_t *run_meta_json(const rl_run_meta *meta)
{
    if (meta == NULL)
        return json_null();
    json_t *argv = json_array();
    for (size_t i = 0; i < meta->command_argc; i++)
        json_array_append_new(argv, rl_json_text(meta->command_line[i]));
    json_t *git = meta->git_commit == NULL
                      ? json_null()
                      : json_pack("{s:o, s:o}", "commit", rl_json_text(meta->git_commit),
                                  "dirty", meta->git_dirty < 0 ? json_null()
                                                               : json_boolean(meta->git_dirty));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "date", rl_json_text(meta->date), "git",
                     git, "command_line", argv, "host", rl_json_text(meta->host), "os",
                     rl_json_text(meta->os), "racelab_version", rl_json_text(meta->version));
}

static json_t *summary_json(const rl_matrix *m)
{
    rl_counts n = rl_matrix_count(m);
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "pass", count(n.of[RL_VERDICT_PASS]),
                     "fail", count(n.of[RL_VERDICT_FAIL]), "xpass", count(n.of[RL_VERDICT_XPASS]),
                     "skip", count(n.of[RL_VERDICT_SKIP]), "error", count(n.of[RL_VERDICT_ERROR]),
                     "not_evaluated", count(n.of[RL_VERDICT_NOT_EVALUATED]));
}

static json_t *matrix_json(const rl_matrix *m)
{
    char *root = rl_repository_root(m);
    json_t *cells = json_array();
    for (size_t i = 0; i < m->n_cells; i++)
        json_array_append_new(cells, cell_json(&m->cells[i], root));
    free(root);

    json_t *j = json_object();
    json_object_set_new(j, "racelab", json_integer(RL_RESULTS_FORMAT));
    json_object_set_new(j, "run", run_meta_json(m->meta));
    if (m->meta && m->meta->merged_from)
        json_object_set(j, "merged_from", m->meta->merged_from);
    if (m->opt && m->opt->shard_count > 0)
        json_object_set_new(j, "shard", json_pack("{s:i, s:i}", "index", m->opt->shard_index,
                                                  "count", m->opt->shard_count));
    json_object_set_new(j, "wall_s", json_real(m->wall_s));
    json_object_set_new(j, "repeat", json_integer(m->opt ? m->opt->repeat : 0));
    json_object_set_new(j, "jobs", json_integer(m->opt ? m->opt->jobs : 0));
    json_object_set_new(j, "timeout_scale", json_real(m->opt ? m->opt->timeout_scale : 1.0));
    json_object_set_new(j, "tool_versions", tool_versions_json(m));
    json_object_set_new(j, "summary", summary_json(m));
    json_object_set_new(j, "cells", cells);
    return j;
}

static int emit_results_json(const rl_matrix *m, FILE *out, char **error)
{
    (void)error;
    json_t *doc = matrix_json(m);
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(9));
    json_decref(doc);
    return rc;
}

int rl_write_results_json(const rl_matrix *m, const char *path, char **error)
{
    return rl_write_atomic(path, emit_results_json, m, error);
}
