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

size_t rl_distinct_reports(const rl_cell *cell, rl_seen_report **out)
{
    rl_seen_report *seen = NULL;
    size_t n = 0;
    for (size_t run = 0; cell->runs != NULL && run < cell->n_runs; run++) {
        const rl_report_list *list = &cell->runs[run].reports;
        for (size_t i = 0; i < list->n; i++) {
            size_t k = 0;
            while (k < n && !same_report(seen[k].report, &list->items[i]))
                k++;
            if (k == n) {
                seen = xrealloc(seen, (n + 1) * sizeof *seen);
                seen[n++] = seen_report(cell, run, i);
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

