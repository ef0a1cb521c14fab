/* --shard K/N and --rerun-failed: keeping part of a prepared matrix.
 *
 * A shard is made of whole rows (a program under every selected tool). Rows are dealt,
 * most expensive first, each to the shard with the least cost so far (ties to the lower
 * shard, rows of equal cost in matrix order): the longest-processing-time rule, which keeps
 * the slowest shard within 4/3 of the best possible split and depends on nothing but the
 * cases and tools, so every machine of a CI matrix computes the same split. */
#define _GNU_SOURCE
#include "shard.h"

#include "results_read.h"
#include "xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

double rl_cell_cost(const rl_cell *cell)
{
    return cell->tool->slowdown * cell->program->timeout_s;
}

int rl_parse_shard(const char *s, unsigned *k, unsigned *n)
{
    char *end = NULL;
    long kk = strtol(s, &end, 10);
    if (end == s || *end != '/')
        return -1;
    const char *rest = end + 1;
    long nn = strtol(rest, &end, 10);
    if (end == rest || *end || nn < 1 || nn > 1000 || kk < 1 || kk > nn)
        return -1;
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return 0;
}

typedef struct row {
    size_t first, n; /* cells[first .. first+n) are one program under every tool */
    double cost;
} row;

static size_t rows_of(const rl_matrix *m, row **out)
{
    row *rows = xcalloc(m->n_cells ? m->n_cells : 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        if (i == 0 || m->cells[i].program != m->cells[i - 1].program)
            rows[n++] = (row){i, 0, 0};
        rows[n - 1].n++;
        rows[n - 1].cost += rl_cell_cost(&m->cells[i]);
    }
    *out = rows;
    return n;
}

static int costlier_first(const void *a, const void *b)
{
    const row *x = *(row *const *)a, *y = *(row *const *)b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static void keep_shard(rl_matrix *m, unsigned k, unsigned n)
{
    row *rows;
    size_t n_rows = rows_of(m, &rows);
    row **order = xcalloc(n_rows ? n_rows : 1, sizeof *order);
    for (size_t i = 0; i < n_rows; i++)
        order[i] = &rows[i];
    qsort(order, n_rows, sizeof *order, costlier_first);
    double *load = xcalloc(n, sizeof *load);
    bool *keep = xcalloc(m->n_cells ? m->n_cells : 1, sizeof *keep);
    for (size_t i = 0; i < n_rows; i++) {
        unsigned lightest = 0;
        for (unsigned s = 1; s < n; s++)
            if (load[s] < load[lightest])
                lightest = s;
        load[lightest] += order[i]->cost;
        for (size_t c = 0; c < order[i]->n; c++)
            keep[order[i]->first + c] = lightest == k - 1;
    }
    rl_matrix_keep_cells(m, keep);
    free(keep);
    free(load);
    free(order);
    free(rows);
}

static bool did_not_pass(json_t *cell)
{
    const char *v = json_string_value(json_object_get(cell, "verdict"));
    return v && (strcmp(v, "fail") == 0 || strcmp(v, "xpass") == 0 || strcmp(v, "error") == 0);
}

/* The programs ("case\tprogram") and tools that had a cell that did not pass. */
static int failed_in(const char *path, json_t *programs, json_t *tools, char **error)
{
    char *why = NULL;
    json_t *doc = rl_results_load(path, &why);
    if (doc == NULL) {
        *error = xasprintf("--rerun-failed: %s", why);
        free(why);
        return -1;
    }
    size_t i;
    json_t *cell;
    json_array_foreach(json_object_get(doc, "cells"), i, cell) {
        if (!did_not_pass(cell))
            continue;
        char *key = xasprintf("%s\t%s", json_string_value(json_object_get(cell, "case")),
                              json_string_value(json_object_get(cell, "program")));
        json_object_set_new(programs, key, json_true());
        json_object_set_new(tools, json_string_value(json_object_get(cell, "tool")), json_true());
        free(key);
    }
    json_decref(doc);
    return 0;
}

/* Keeps the rectangle of failed programs × tools that had a failure: every cell that did
 * not pass, and the fewest others that keep whole rows. */
static int keep_failed(rl_matrix *m, const char *path, char **error)
{
    json_t *programs = json_object(), *tools = json_object();
    int rc = failed_in(path, programs, tools, error);
    if (rc == 0) {
        bool *keep = xcalloc(m->n_cells ? m->n_cells : 1, sizeof *keep);
        for (size_t i = 0; i < m->n_cells; i++) {
            const rl_cell *cell = &m->cells[i];
            char *key = xasprintf("%s\t%s", cell->c->name, cell->program->name);
            keep[i] = json_object_get(programs, key) && json_object_get(tools, cell->tool->name);
            free(key);
        }
        rl_matrix_keep_cells(m, keep);
        free(keep);
    }
    json_decref(programs);
    json_decref(tools);
    return rc;
}

int rl_matrix_select(rl_matrix *m, char **error)
{
    *error = NULL;
    if (m->opt->rerun_failed && keep_failed(m, m->opt->rerun_failed, error) != 0)
        return -1;
    if (m->opt->shard_count > 0)
        keep_shard(m, m->opt->shard_index, m->opt->shard_count);
    return 0;
}
