#define _GNU_SOURCE
#include "output_common.h"
#include "judge.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tools print whatever bytes the program had in its paths or messages; jansson refuses
 * invalid UTF-8, so such bytes become '?' rather than the whole value disappearing. */
json_t *rl_json_text(const char *s)
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

/* The repository root is the parent of the cases folder; NULL when it cannot be resolved. */
char *rl_repository_root(const rl_matrix *m)
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
char *rl_relative_path(const char *root, const char *file)
{
    if (root == NULL || file == NULL || file[0] != '/')
        return xstrdup_or_null(file);
    const char *rel = under_root(root, file);
    if (rel != NULL)
        return xstrdup(rel);
    char *real = realpath(file, NULL); /* the tool may have printed a symlinked path */
    char *out = xstrdup(real != NULL && under_root(root, real) ? under_root(root, real) : file);
    free(real);
    return out;
}

json_t *rl_json_relative_path(const char *root, const char *file)
{
    char *rel = rl_relative_path(root, file);
    json_t *j = rl_json_text(rel);
    free(rel);
    return j;
}

static bool same_report(const rl_report *a, const rl_report *b)
{
    if (a->kind != b->kind || a->n_locations != b->n_locations)
        return false;
    for (size_t i = 0; i < a->n_locations; i++) {
        const rl_location *la = &a->locations[i], *lb = &b->locations[i];
        if (la->line != lb->line || strcmp(la->file, lb->file) != 0)
            return false;
    }
    return true;
}

static rl_seen_report seen_report(const rl_cell *cell, size_t run, size_t i)
{
    const rl_run *r = &cell->runs[run];
    const rl_expected_report *x = rl_explaining(cell->expect, r, i);
    int marker = x ? r->explained[i].marker : -1;
    return (rl_seen_report){&r->reports.items[i], x,
                            marker >= 0 ? x->markers[marker] : NULL, 0, SIZE_MAX};
}

uint64_t rl_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

uint64_t rl_fnv1a_text(const char *s)
{
    return rl_fnv1a(RL_FNV1A_SEED, s, strlen(s));
}

/* Reports are compared by kind and ordered file:line list; a hash of exactly those lets a
 * cell with tens of thousands of reports be folded in one pass instead of pairwise. */
static uint64_t report_hash(const rl_report *r)
{
    uint64_t h = rl_fnv1a(RL_FNV1A_SEED, &r->kind, sizeof r->kind);
    for (size_t i = 0; i < r->n_locations; i++) {
        h = rl_fnv1a(h, r->locations[i].file, strlen(r->locations[i].file) + 1);
        h = rl_fnv1a(h, &r->locations[i].line, sizeof r->locations[i].line);
    }
    return h;
}

typedef struct report_index {
    size_t *slots; /* 1 + index into seen; 0: empty */
    size_t cap;    /* a power of two, kept at most half full */
} report_index;

static void index_grow(report_index *ix, const rl_seen_report *seen, size_t n)
{
    free(ix->slots);
    ix->cap = ix->cap ? ix->cap * 2 : 64;
    ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
    for (size_t k = 0; k < n; k++) {
        size_t s = (size_t)report_hash(seen[k].report) & (ix->cap - 1);
        while (ix->slots[s])
            s = (s + 1) & (ix->cap - 1);
        ix->slots[s] = k + 1;
    }
}

/* The slot holding a report equal to `r`, or the empty slot where it belongs. */
static size_t index_find(const report_index *ix, const rl_seen_report *seen, const rl_report *r)
{
    size_t s = (size_t)report_hash(r) & (ix->cap - 1);
    while (ix->slots[s] && !same_report(seen[ix->slots[s] - 1].report, r))
        s = (s + 1) & (ix->cap - 1);
    return s;
}

size_t rl_distinct_reports(const rl_cell *cell, rl_seen_report **out)
{
    rl_seen_report *seen = NULL;
    size_t n = 0, cap = 0;
    report_index ix = {0};
    index_grow(&ix, seen, n);
    for (size_t run = 0; cell->runs != NULL && run < cell->n_runs; run++) {
        const rl_report_list *list = &cell->runs[run].reports;
        for (size_t i = 0; i < list->n; i++) {
            size_t s = index_find(&ix, seen, &list->items[i]);
            if (ix.slots[s] == 0) {
                if (n == cap)
                    seen = xrealloc(seen, (cap = cap ? cap * 2 : 16) * sizeof *seen);
                seen[n] = seen_report(cell, run, i);
                ix.slots[s] = ++n;
                if (2 * n > ix.cap)
                    index_grow(&ix, seen, n);
                s = index_find(&ix, seen, &list->items[i]);
            }
            rl_seen_report *k = &seen[ix.slots[s] - 1];
            if (k->last_run != run) {
                k->last_run = run;
                k->runs++;
            }
        }
    }
    free(ix.slots);
    *out = seen;
    return n;
}

size_t rl_runs_explained_by(const rl_cell *cell, size_t k)
{
    size_t n = 0;
    for (size_t r = 0; cell->runs != NULL && r < cell->n_runs; r++) {
        const rl_run *run = &cell->runs[r];
        bool seen = false;
        for (size_t i = 0; run->explained && i < run->reports.n && !seen; i++)
            seen = run->explained[i].report == (int)k;
        n += seen;
    }
    return n;
}
