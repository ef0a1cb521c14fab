/* Runs the doctor's canaries (canary.h): builds the canary programs with each needed build
 * flavour, runs the canary case through the ordinary matrix (the real tool, argv and
 * parser), and turns each tool's cells into one result. */
#define _GNU_SOURCE
#include "canary.h"

#include "execute.h"
#include "judge.h"

#include "fsutil.h"
#include "program_build.h"
#include "remedies.h"
#include "tool_setup.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The canary case is the one folder of the canaries directory. */
static const char canary_case[] = "canary";

/* Builds every canary program for the flavour into build_root/cases/<flavour>/canary/.
 * NULL on success, else why not. */
static char *build_flavour(const rl_build_flavour *f, const char *cases_dir,
                           const char *build_root)
{
    char *src_dir = xasprintf("%s/%s", cases_dir, canary_case);
    char **sources;
    size_t n = rl_glob_dir(src_dir, "*.c", &sources);
    char *problem = NULL;
    for (size_t i = 0; i < n && problem == NULL; i++) {
        const char *base = rl_basename(sources[i]);
        char *program = xstrndup(base, strlen(base) - 2);
        rl_program_source src = {cases_dir, canary_case, program, NULL, 0, NULL, 0};
        char *out = xasprintf("%s/cases/%s/%s/%s", build_root, f->name, canary_case, program);
        if (!rl_program_up_to_date(&src, out))
            problem = rl_program_build(f, &src, out);
        free(out);
        free(program);
    }
    rl_free_strings(sources, n);
    free(src_dir);
    return problem;
}

static char *cache_path(const rl_matrix *m, const rl_tool *t)
{
    return xasprintf("%s/canary/ok.%s", m->opt->build_dir, t->name);
}

static void append_line(char **key, const char *a, const char *b)
{
    char *next = xasprintf("%s%s%s%s\n", *key, a, b ? "=" : "", b ? b : "");
    free(*key);
    *key = next;
}

/* What a cached success must match: the tool's version line, how it is run, the PATH it
 * is found on, and the state of the system's packages (a removed llvm-symbolizer leaves
 * clang's version as it was; dpkg's status file changes with every install or removal). */
static char *cache_key(const rl_tool *t, const char *version)
{
    struct stat st;
    bool dpkg = stat("/var/lib/dpkg/status", &st) == 0;
    const char *path = getenv("PATH");
    char *key = xasprintf("%s\nPATH=%s\npackages %lld.%09ld\n", version ? version : "?",
                          path ? path : "", dpkg ? (long long)st.st_mtim.tv_sec : 0LL,
                          dpkg ? st.st_mtim.tv_nsec : 0L);
    for (size_t i = 0; i < t->argc; i++)
        append_line(&key, t->argv[i], NULL);
    for (size_t i = 0; i < t->n_env; i++)
        append_line(&key, t->env[i].name, t->env[i].value);
    return key;
}

static bool cached_ok(const rl_matrix *m, size_t t)
{
    char *path = cache_path(m, m->tools[t]);
    char *have = rl_read_file(path, NULL);
    char *want = cache_key(m->tools[t], m->tool_versions[t]);
    bool ok = have && strcmp(have, want) == 0;
    free(have);
    free(want);
    free(path);
    return ok;
}

static void remember_ok(const rl_matrix *m, size_t t)
{
    char *path = cache_path(m, m->tools[t]);
    char *key = cache_key(m->tools[t], m->tool_versions[t]);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(key, f);
        fclose(f);
    }
    free(key);
    free(path);
}

/* The canary matrix: the selected tools (those not settled yet) on the canary case. */
static void canary_options(const rl_matrix *m, const char *build_root, char **tools,
                           size_t n_tools, rl_options *o)
{
    *o = *m->opt;
    o->cases_dir = m->opt->canaries_dir;
    o->build_dir = build_root;
    o->out_dir = xasprintf("%s/out", build_root);
    o->cases = NULL;
    o->n_cases = 0;
    o->tools = tools;
    o->n_tools = n_tools;
    o->repeat = 1;
    o->require_tools = false;
    o->keep_raw = false;
    o->quiet = true;
    o->observe = false;
    o->canary = false; /* no canaries of the canaries */
}

/* One tool's verdict from its canary cells. */
static void judge_tool(const rl_matrix *cm, const rl_tool_setup *setup, const char *tool,
                       rl_canary_result *r)
{
    r->ok = true;
    for (size_t i = 0; i < cm->n_cells; i++) {
        const rl_cell *cell = &cm->cells[i];
        if (strcmp(cell->tool->name, tool) != 0)
            continue;
        if (cell->verdict != RL_VERDICT_PASS && r->ok) {
            char *fix = rl_install_line(setup, tool);
            const char *reason = cell->reason ? cell->reason : rl_verdict_name(cell->verdict);
            const char *remedy = rl_remedy_for(reason);
            bool said = remedy && strstr(reason, remedy); /* a parser may have named it */
            r->ok = false;
            r->problem = xasprintf("%s%s%s%s%s%s",
                                   cell->verdict == RL_VERDICT_FAIL
                                       ? "the tool ran but did not give the canary's known "
                                         "report: "
                                       : "",
                                   reason, remedy && !said ? "; fix: " : "",
                                   remedy && !said ? remedy : "",
                                   fix ? "; packages it needs: " : "", fix ? fix : "");
            free(fix);
        } else if (r->ok && !r->found && cell->n_runs > 0 && cell->runs[0].reports.n > 0) {
            r->found = rl_describe_report(&cell->runs[0].reports.items[0]);
        } else if (r->ok && !r->found && cell->n_runs > 0 && cell->runs[0].result) {
            r->found = xasprintf("racelab-result: %s", cell->runs[0].result);
        }
    }
}

/* Builds the flavours the unchecked tools need; a tool whose flavour fails gets that
 * problem and leaves the list of tools to run. */
static void build_needed(const rl_matrix *m, const rl_tool_setup *setup, const char *root,
                         rl_canary_result *res, char **names, size_t *n_names)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n_names; i++) {
        size_t t = 0;
        while (strcmp(m->tools[t]->name, names[i]) != 0)
            t++;
        const rl_tool *tool = m->tools[t];
        const rl_build_flavour *f = rl_build_flavour_find(setup, tool->build);
        char *problem = f ? build_flavour(f, m->opt->canaries_dir, root) : NULL;
        if (problem) {
            char *fix = rl_install_line(setup, tool->name);
            const char *remedy = rl_remedy_for(problem);
            res[t].problem = xasprintf("%s%s%s%s%s", problem, remedy ? "; fix: " : "",
                                       remedy ? remedy : "", fix ? "; packages it needs: " : "",
                                       fix ? fix : "");
            free(fix);
            free(problem);
        } else {
            names[kept++] = names[i];
        }
    }
    *n_names = kept;
}

static void run_canary_matrix(const rl_matrix *m, const rl_tool_setup *setup, const char *root,
                              rl_canary_result *res, char **names, size_t n_names)
{
    rl_options o;
    canary_options(m, root, names, n_names, &o);
    rl_matrix cm;
    char *error = NULL;
    if (rl_matrix_prepare(&cm, &o, &error) != 0) {
        for (size_t i = 0; i < n_names; i++)
            for (size_t t = 0; t < m->n_tools; t++)
                if (strcmp(m->tools[t]->name, names[i]) == 0)
                    res[t].problem = xasprintf("the canary case is unreadable: %s", error);
    } else if (rl_matrix_run(&cm) == 0) {
        for (size_t t = 0; t < m->n_tools; t++)
            for (size_t i = 0; i < n_names; i++)
                if (strcmp(m->tools[t]->name, names[i]) == 0) {
                    judge_tool(&cm, setup, names[i], &res[t]);
                    if (res[t].ok)
                        remember_ok(m, t);
                }
    }
    free(error);
    rl_matrix_free(&cm);
    free((char *)o.out_dir);
}

rl_canary_result *rl_canaries_check(const rl_matrix *m, bool use_cache, char **error)
{
    rl_tool_setup setup;
    if (rl_tool_setup_load(m->opt->tools_path, &setup, error) != 0)
        return NULL;
    char *root = xasprintf("%s/canary", m->opt->build_dir);
    int lock = rl_lock_dir(root); /* runs sharing the build directory take turns */
    if (lock < 0) {
        *error = xasprintf("cannot use %s for the canaries: %s", root, strerror(errno));
        free(root);
        rl_tool_setup_free(&setup);
        return NULL;
    }
    rl_canary_result *res = xcalloc(m->n_tools, sizeof *res);
    char **names = xcalloc(m->n_tools + 1, sizeof *names);
    size_t n_names = 0;
    for (size_t t = 0; t < m->n_tools; t++) {
        res[t].tool = m->tools[t];
        if (use_cache && cached_ok(m, t))
            res[t].ok = res[t].cached = true;
        else
            names[n_names++] = m->tools[t]->name;
    }
    build_needed(m, &setup, root, res, names, &n_names);
    if (n_names > 0)
        run_canary_matrix(m, &setup, root, res, names, n_names);
    for (size_t t = 0; t < m->n_tools; t++)
        if (!res[t].ok && !res[t].problem)
            res[t].problem = xstrdup("interrupted before its canary ran");
    free(names);
    close(lock);
    free(root);
    rl_tool_setup_free(&setup);
    return res;
}

void rl_canary_results_free(rl_canary_result *results, size_t n)
{
    for (size_t i = 0; results && i < n; i++) {
        free(results[i].found);
        free(results[i].problem);
    }
    free(results);
}
