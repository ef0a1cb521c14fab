/* results.json: the whole matrix as data, for CI dashboards and for diffing two runs.
 * Built with jansson so that no string is ever escaped by hand. */
#define _GNU_SOURCE
#include "matrix.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bumped whenever a consumer would have to change. */
#define RL_RESULTS_FORMAT 1

/* Tools print whatever bytes the program had in its paths or messages; jansson refuses
 * invalid UTF-8, so such bytes become '?' rather than the whole value disappearing. */
static json_t *text(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j != NULL)
        return j;
    char *copy = xstrdup(s);
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

static json_t *count(size_t n) { return json_integer((json_int_t)n); }

/* The repository root is the parent of the cases folder; NULL when it cannot be resolved. */
static char *repository_root(const rl_matrix *m)
{
    if (m->opt == NULL || m->opt->cases_dir == NULL)
        return NULL;
    char *cases = realpath(m->opt->cases_dir, NULL);
    if (cases == NULL)
        return NULL;
    char *slash = strrchr(cases, '/');
    if (slash == NULL || slash == cases) { /* "/" or "/cases": no useful root */
        free(cases);
        return NULL;
    }
    *slash = '\0';
    return cases;
}

static const char *under_root(const char *root, const char *path)
{
    size_t n = strlen(root);
    if (strncmp(path, root, n) == 0 && path[n] == '/' && path[n + 1] != '\0')
        return path + n + 1;
    return NULL;
}

/* A report's file, relative to the repository root when it lies under it, so that two
 * checkouts at different places produce the same results. */
static json_t *relative_file(const char *root, const char *file)
{
    if (root == NULL || file == NULL || file[0] != '/')
        return text(file);
    const char *rel = under_root(root, file);
    if (rel != NULL)
        return text(rel);
    char *real = realpath(file, NULL); /* the tool may have printed a symlinked path */
    json_t *j = text(real != NULL && under_root(root, real) ? under_root(root, real) : file);
    free(real);
    return j;
}

/* ---- what was expected ---------------------------------------------------------- */

static json_t *marker_occurrences(const rl_case *c, const char *name)
{
    json_t *list = json_array();
    for (size_t i = 0; i < c->n_markers; i++) {
        const rl_marker *mk = &c->markers[i];
        if (strcmp(mk->name, name) != 0)
            continue;
        json_array_append_new(list, json_pack("{s:o, s:o, s:i}", "name", text(mk->name),
                                              "file", text(mk->file), "line", mk->line));
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
        json_array_append_new(reports,
                              json_pack("{s:o, s:b, s:o, s:o}", "kind", text(r->kind),
                                        "false_alarm", r->false_alarm, "reason",
                                        text(r->reason), "markers", markers));
    }
    return json_pack("{s:s, s:o, s:o}", "type", rl_expect_type_name(e->type), "reason",
                     text(e->reason), "reports", reports);
}

/* ---- what was seen -------------------------------------------------------------- */

/* A report seen in some runs of a cell; the first occurrence stands for all. */
typedef struct seen_report {
    const rl_report *report;
    size_t runs;
    size_t last_run; /* so a report repeated within one run counts that run once */
} seen_report;

static bool same_report(const rl_report *a, const rl_report *b)
{
    if (strcmp(a->kind, b->kind) != 0 || a->n_locations != b->n_locations)
        return false;
    for (size_t i = 0; i < a->n_locations; i++) {
        const rl_location *la = &a->locations[i], *lb = &b->locations[i];
        if (la->line != lb->line || strcmp(la->file, lb->file) != 0)
            return false;
    }
    return true;
}

static size_t collect_reports(const rl_cell *cell, seen_report **out)
{
    seen_report *seen = NULL;
    size_t n = 0;
    for (size_t run = 0; cell->runs != NULL && run < cell->n_runs; run++) {
        const rl_report_list *list = &cell->runs[run].reports;
        for (size_t i = 0; i < list->n; i++) {
            size_t k = 0;
            while (k < n && !same_report(seen[k].report, &list->items[i]))
                k++;
            if (k == n) {
                seen = xrealloc(seen, (n + 1) * sizeof *seen);
                seen[n++] = (seen_report){&list->items[i], 0, SIZE_MAX};
            }
            if (seen[k].last_run != run) {
                seen[k].last_run = run;
                seen[k].runs++;
            }
        }
    }
    *out = seen;
    return n;
}

static json_t *location_json(const char *root, const rl_location *loc)
{
    return json_pack("{s:o, s:i, s:o, s:o}", "file", relative_file(root, loc->file), "line",
                     loc->line, "function", text(loc->function), "role", text(loc->role));
}

static json_t *seen_reports_json(const rl_cell *cell, const char *root)
{
    seen_report *seen;
    size_t n = collect_reports(cell, &seen);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        const rl_report *r = seen[i].report;
        json_t *locations = json_array();
        for (size_t k = 0; k < r->n_locations; k++)
            json_array_append_new(locations, location_json(root, &r->locations[k]));
        json_array_append_new(list, json_pack("{s:o, s:o, s:o, s:o, s:o}", "kind",
                                              text(r->kind), "tool_kind", text(r->tool_kind),
                                              "message", text(r->message), "runs",
                                              count(seen[i].runs), "locations", locations));
    }
    free(seen);
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

static json_t *cell_json(const rl_cell *cell, const char *root)
{
    json_t *j = json_object();
    json_object_set_new(j, "case", text(cell->c->name));
    json_object_set_new(j, "program", text(cell->program->name));
    json_object_set_new(j, "form", text(cell->program->form));
    json_object_set_new(j, "variant", text(cell->program->variant));
    json_object_set_new(j, "tool", text(cell->tool->name));
    json_object_set_new(j, "expected", expected_json(cell->c, cell->expect));
    json_object_set_new(j, "runs", count(cell->n_runs));
    json_object_set_new(j, "detected_runs", count(cell->detected_runs));
    json_object_set_new(j, "reports", seen_reports_json(cell, root));
    json_object_set_new(j, "verdict", json_string(rl_verdict_name(cell->verdict)));
    json_object_set_new(j, "reason", text(cell->reason));
    json_object_set_new(j, "wall_s", json_real(cell->wall_s));
    json_object_set_new(j, "outcomes", outcomes_json(cell));
    return j;
}

/* ---- the document --------------------------------------------------------------- */

static json_t *tool_versions_json(const rl_matrix *m)
{
    json_t *j = json_object();
    for (size_t i = 0; i < m->n_tools; i++)
        json_object_set_new(j, m->tools[i]->name,
                            text(m->tool_versions ? m->tool_versions[i] : NULL));
    return j;
}

static json_t *summary_json(const rl_matrix *m)
{
    size_t counts[5];
    rl_matrix_count(m, counts);
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "pass", count(counts[RL_VERDICT_PASS]),
                     "fail", count(counts[RL_VERDICT_FAIL]), "xpass",
                     count(counts[RL_VERDICT_XPASS]), "skip", count(counts[RL_VERDICT_SKIP]),
                     "error", count(counts[RL_VERDICT_ERROR]));
}

static json_t *matrix_json(const rl_matrix *m)
{
    char *root = repository_root(m);
    json_t *cells = json_array();
    for (size_t i = 0; i < m->n_cells; i++)
        json_array_append_new(cells, cell_json(&m->cells[i], root));
    free(root);

    json_t *j = json_object();
    json_object_set_new(j, "racelab", json_integer(RL_RESULTS_FORMAT));
    json_object_set_new(j, "wall_s", json_real(m->wall_s));
    json_object_set_new(j, "repeat", json_integer(m->opt ? m->opt->repeat : 0));
    json_object_set_new(j, "jobs", json_integer(m->opt ? m->opt->jobs : 0));
    json_object_set_new(j, "timeout_scale", json_real(m->opt ? m->opt->timeout_scale : 1.0));
    json_object_set_new(j, "tool_versions", tool_versions_json(m));
    json_object_set_new(j, "summary", summary_json(m));
    json_object_set_new(j, "cells", cells);
    return j;
}

/* Written beside the target and renamed over it, so a reader never sees half a file. */
int rl_write_results_json(const rl_matrix *m, const char *path, char **error)
{
    json_t *doc = matrix_json(m);
    char *tmp = xasprintf("%s.tmp", path);
    int rc = json_dump_file(doc, tmp, JSON_INDENT(2) | JSON_REAL_PRECISION(9));
    int saved_errno = errno;
    json_decref(doc);
    return rl_finish_tmp(tmp, path, rc != 0, saved_errno, error);
}
