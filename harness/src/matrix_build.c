/* Up-to-date binaries for the matrix's cells (matrix_build.h). */
#define _GNU_SOURCE
#include "matrix_build.h"

#include "cell_args.h"
#include "fsutil.h"
#include "output_common.h"
#include "program_build.h"
#include "tool_setup.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *built_root(const rl_matrix *m)
{
    char *real = realpath(m->opt->cases_dir, NULL);
    char *root = xasprintf("%s/racelab-built/%016llx", m->opt->build_dir,
                           (unsigned long long)rl_fnv1a_text(real ? real : m->opt->cases_dir));
    free(real);
    return root;
}

/* A failed build is remembered so the cells of other tools of the same flavour do not
 * compile the same broken program again. */
typedef struct failure {
    char *binary, *problem;
} failure;

static const char *known_failure(const failure *f, size_t n, const char *binary)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].binary, binary) == 0)
            return f[i].problem;
    return NULL;
}

static void settle(rl_matrix *m, rl_cell *cell, rl_verdict verdict, char *reason)
{
    cell->verdict = verdict;
    cell->reason = reason;
    cell->n_runs = 0;
    m->cells_done++;
}

/* Builds `binary` unless another racelab run sharing the directory just did. */
static char *build_locked(const rl_build_flavour *f, const rl_program_source *src,
                          const char *root, const char *binary, int *lock)
{
    if (*lock < 0)
        *lock = rl_lock_dir(root); /* runs sharing a build directory build in turn */
    if (rl_program_up_to_date(src, binary))
        return NULL;
    return rl_program_build(f, src, binary);
}

static bool has_flags(const rl_program_source *src)
{
    return src->n_flags + src->n_ldflags > 0;
}

/* Where racelab builds the cell's program: <root>/<flavour>/<case>/<program>, or, when
 * the case gives the program compile or link flags, <root>/<flavour>-<hash of the
 * flags>/...: a change of flags is a new binary, and such a binary never mixes with
 * CMake's (built without the flags). */
static char *own_binary(const char *root, const rl_cell *cell, const rl_program_source *src)
{
    char *joined = xstrdup("");
    for (size_t i = 0; i < src->n_flags; i++)
        xappend_line(&joined, xstrdup(src->flags[i]));
    xappend_line(&joined, xstrdup("-- link:"));
    for (size_t i = 0; i < src->n_ldflags; i++)
        xappend_line(&joined, xstrdup(src->ldflags[i]));
    char *flavour = has_flags(src) ? xasprintf("%s-%016llx", cell->tool->build,
                                               (unsigned long long)rl_fnv1a_text(joined))
                                   : xstrdup(cell->tool->build);
    char *own = xasprintf("%s/%s/%s/%s", root, flavour, cell->c->name, cell->program->name);
    free(flavour);
    free(joined);
    return own;
}

static int ensure_built(rl_matrix *m, const rl_tool_setup *setup, const char *root, int *lock,
                        rl_cell *cell, const rl_program_source *src, failure **failures,
                        size_t *n_failures)
{
    if (!has_flags(src) && rl_program_up_to_date(src, cell->binary))
        return 0;
    char *own = own_binary(root, cell, src);
    free(cell->binary);
    cell->binary = own;
    const char *known = known_failure(*failures, *n_failures, own);
    if (known) {
        settle(m, cell, RL_VERDICT_ERROR, xasprintf("not built: %s", known));
        return 1;
    }
    if (rl_program_up_to_date(src, own))
        return 0;
    const rl_build_flavour *f = rl_build_flavour_find(setup, cell->tool->build);
    char *compiler = f ? rl_which(f->compiler) : NULL;
    free(compiler);
    if (f && compiler == NULL) { /* not installed: the tool cannot run here */
        char *fix = rl_install_line(setup, cell->tool->name);
        settle(m, cell, m->opt->require_tools ? RL_VERDICT_ERROR : RL_VERDICT_SKIP,
               xasprintf("compiler %s of build flavour '%s' not found on PATH%s%s", f->compiler,
                         f->name, fix ? "; install it: " : "", fix ? fix : ""));
        free(fix);
        return 1;
    }
    char *problem = f ? build_locked(f, src, root, own, lock)
                      : xasprintf("no build flavour '%s' in %s", cell->tool->build,
                                  m->opt->tools_path);
    if (problem == NULL)
        return 0;
    *failures = xrealloc(*failures, (*n_failures + 1) * sizeof **failures);
    (*failures)[(*n_failures)++] = (failure){xstrdup(own), xstrdup(problem)};
    settle(m, cell, RL_VERDICT_ERROR, xasprintf("not built: %s", problem));
    free(problem);
    return 1;
}

/* Returns 1 when the cell was settled as an error. */
static int ensure_cell(rl_matrix *m, const rl_tool_setup *setup, const char *root, int *lock,
                       rl_cell *cell, failure **failures, size_t *n_failures)
{
    size_t n_flags, n_ldflags;
    char **flags = rl_build_flags(cell->c, cell->program, cell->tool->build, &n_flags);
    char **ldflags = rl_link_flags(cell->c, cell->program, &n_ldflags);
    rl_program_source src = {m->opt->cases_dir, cell->c->name, cell->program->name, flags,
                             n_flags, ldflags, n_ldflags};
    int rc = ensure_built(m, setup, root, lock, cell, &src, failures, n_failures);
    rl_free_strings(flags, n_flags);
    rl_free_strings(ldflags, n_ldflags);
    return rc;
}

size_t rl_matrix_build_programs(rl_matrix *m)
{
    rl_tool_setup setup;
    char *error = NULL;
    if (rl_tool_setup_load(m->opt->tools_path, &setup, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        return 0;
    }
    char *root = built_root(m);
    int lock = -1;
    failure *failures = NULL;
    size_t n_failures = 0, settled = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        rl_cell *cell = &m->cells[i];
        if (cell->binary == NULL || cell->n_runs == 0)
            continue;
        settled += ensure_cell(m, &setup, root, &lock, cell, &failures, &n_failures);
    }
    for (size_t i = 0; i < n_failures; i++) {
        free(failures[i].binary);
        free(failures[i].problem);
    }
    free(failures);
    if (lock >= 0)
        close(lock);
    free(root);
    rl_tool_setup_free(&setup);
    return settled;
}
