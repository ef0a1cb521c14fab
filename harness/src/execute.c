/* Runs the cells: one job per (cell, repeat), each in a fresh directory under the work
 * directory; judges every run as it ends and keeps the raw output of failing runs. */
#define _GNU_SOURCE
#include "execute.h"

#include "matrix.h"
#include "judge.h"

#include "canary.h"
#include "case.h"
#include "cell_args.h"
#include "unwrap.h"
#include "fsutil.h"
#include "progress.h"
#include "static_cache.h"
#include "matrix_build.h"
#include "supervisor.h"
#include "tool_setup.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern char **environ;

typedef struct run_ctx {
    rl_matrix *m;
    rl_cell *cell;
    size_t index;
    char *dir;
    char *reports_dir;
    char *stdout_path;
    char *stderr_path;
    char **argv;
    char **envp;
    char *cache_key; /* a static analysis that may be kept (static_cache.h); NULL otherwise */
    rl_job job;
} run_ctx;

/* The values a tool's argv and environment templates may name. */
typedef struct placeholders {
    const char *program, *source, *cases, *reports;
} placeholders;

/* Replaces {program}, {source}, {cases} and {reports} in a template. */
static char *expand(const char *template, const void *arg)
{
    const placeholders *ph = arg;
    const struct {
        const char *name;
        const char *value;
    } names[] = {{"{program}", ph->program}, {"{source}", ph->source}, {"{cases}", ph->cases},
                 {"{reports}", ph->reports}};
    char *out = xstrdup("");
    for (const char *p = template; *p;) {
        const char *value = NULL;
        size_t skip = 1;
        for (size_t i = 0; i < sizeof names / sizeof names[0] && value == NULL; i++)
            if (strncmp(p, names[i].name, strlen(names[i].name)) == 0)
                value = names[i].value ? names[i].value : "", skip = strlen(names[i].name);
        char *next = value ? xasprintf("%s%s", out, value) : xasprintf("%s%c", out, *p);
        free(out);
        out = next;
        p += skip;
    }
    return out;
}

static bool env_overridden(const char *entry, char **extra, size_t n_extra)
{
    for (size_t i = 0; i < n_extra; i++) {
        size_t len = strcspn(extra[i], "=");
        if (strncmp(entry, extra[i], len) == 0 && entry[len] == '=')
            return true;
    }
    return false;
}

/* The environment: racelab's own, the program's `env` words (case.ini), the tool's env
 * (which wins: it tells the tool where to write its reports), RACELAB_SIZE and
 * RACELAB_TIME_SCALE. */
static char **build_env(const rl_cell *cell, const placeholders *ph, double time_scale)
{
    const rl_tool *tool = cell->tool;
    const char **own;
    size_t n_own = rl_program_setting(cell->c, cell->program, "env", &own);
    size_t n_extra = tool->n_env + 2 + n_own, n = 0;
    char **extra = xcalloc(n_extra, sizeof *extra);
    for (size_t i = 0; i < tool->n_env; i++) {
        char *value = expand(tool->env[i].value, ph);
        extra[i] = xasprintf("%s=%s", tool->env[i].name, value);
        free(value);
    }
    extra[tool->n_env] = xasprintf("RACELAB_SIZE=%s", tool->size);
    extra[tool->n_env + 1] = xasprintf("RACELAB_TIME_SCALE=%g", time_scale);
    size_t n_kept = tool->n_env + 2;
    for (size_t i = 0; i < n_own; i++)
        if (!env_overridden(own[i], extra, n_kept))
            extra[n_kept++] = xstrdup(own[i]);
    free(own);
    n_extra = n_kept;
    size_t n_environ = 0;
    while (environ[n_environ])
        n_environ++;
    char **envp = xcalloc(n_environ + n_extra + 1, sizeof *envp);
    for (size_t i = 0; i < n_environ; i++)
        if (!env_overridden(environ[i], extra, n_extra))
            envp[n++] = xstrdup(environ[i]);
    for (size_t i = 0; i < n_extra; i++)
        envp[n++] = extra[i];
    free(extra);
    return envp;
}

static void free_vector(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

static int prepare_run(rl_job *job, char *error, size_t size);

static run_ctx *make_run(rl_matrix *m, rl_cell *cell, size_t index, rl_job_done *done)
{
    run_ctx *ctx = xcalloc(1, sizeof *ctx);
    ctx->m = m;
    ctx->cell = cell;
    ctx->index = index;
    double scale = cell->tool->slowdown * m->opt->timeout_scale;
    ctx->job = (rl_job){.timeout_s = cell->program->timeout_s * scale, .prepare = prepare_run,
                        .done = done, .ctx = ctx};
    return ctx;
}

/* Right before the run starts: its private directory (mkdtemp: no other run can guess it
 * or plant reports into it in advance), its reports directory, argv and environment. */
static int prepare_run(rl_job *job, char *error, size_t size)
{
    run_ctx *ctx = job->ctx;
    rl_matrix *m = ctx->m;
    const rl_cell *cell = ctx->cell;
    char *template = xasprintf("%s/run-XXXXXX", m->work_dir);
    ctx->dir = mkdtemp(template);
    ctx->reports_dir = ctx->dir ? xasprintf("%s/reports", ctx->dir) : NULL;
    if (ctx->dir == NULL || mkdir(ctx->reports_dir, 0700) != 0) {
        snprintf(error, size, "racelab cannot create a run directory in %s: %s", m->work_dir,
                 strerror(errno));
        if (ctx->dir == NULL)
            free(template);
        return -1;
    }
    ctx->stdout_path = xasprintf("%s/stdout", ctx->dir);
    ctx->stderr_path = xasprintf("%s/stderr", ctx->dir);
    const rl_tool *t = cell->tool;
    /* the run works in its own directory: every path it is given must be absolute */
    char *cases = realpath(m->opt->cases_dir, NULL);
    char *program = cell->binary ? realpath(cell->binary, NULL) : NULL;
    placeholders ph = {program ? program : cell->binary, cell->source,
                       cases ? cases : m->opt->cases_dir, ctx->reports_dir};
    ctx->argv = rl_tool_argv(cell->c, cell->program, t, expand, &ph);
    ctx->envp = build_env(cell, &ph, t->slowdown * m->opt->timeout_scale);
    free(cases);
    free(program);
    job->argv = ctx->argv;
    job->envp = ctx->envp;
    job->stdout_path = ctx->stdout_path;
    job->stderr_path = ctx->stderr_path;
    job->cwd = ctx->dir;
    return 0;
}

static void free_run_ctx(run_ctx *ctx)
{
    free_vector(ctx->argv);
    free_vector(ctx->envp);
    free(ctx->dir);
    free(ctx->reports_dir);
    free(ctx->stdout_path);
    free(ctx->stderr_path);
    free(ctx->cache_key);
    free(ctx);
}

/* "bug" anywhere wins: in a process form any process may be the one that saw it. The
 * output is searched whole (memmem), so a NUL byte written before the line hides nothing. */
static char *find_result(const char *out, size_t len)
{
    static const char tag[] = "racelab-result: ";
    const size_t tag_len = sizeof tag - 1;
    char *found = NULL;
    const char *end = out ? out + len : NULL;
    for (const char *p = out ? memmem(out, len, tag, tag_len) : NULL; p;
         p = memmem(p + 1, (size_t)(end - p - 1), tag, tag_len)) {
        const char *text = p + tag_len;
        const char *eol = memchr(text, '\n', (size_t)(end - text));
        size_t n = (size_t)((eol ? eol : end) - text);
        if (found == NULL || (n >= 3 && strncmp(text, "bug", 3) == 0)) {
            free(found);
            found = xmalloc(n + 1);
            memcpy(found, text, n);
            found[n] = '\0';
            for (size_t i = 0; i < n; i++)
                if (found[i] == '\0')
                    found[i] = ' ';
        }
        if (strncmp(found, "bug", 3) == 0)
            break;
    }
    return found;
}

static char *tail_lines(const char *text, int lines, size_t max_bytes)
{
    if (text == NULL)
        return NULL;
    size_t len = strlen(text);
    while (len > 0 && text[len - 1] == '\n')
        len--;
    size_t start = len;
    for (int seen = 0; start > 0 && seen < lines && len - start < max_bytes; start--)
        if (text[start - 1] == '\n' && ++seen == lines)
            break;
    return len == 0 ? NULL : xstrndup(text + start, len - start);
}

static const char *failure_pattern(const rl_tool *tool, const char *err)
{
    for (size_t i = 0; err && i < tool->n_failure_patterns; i++)
        if (strstr(err, tool->failure_patterns[i]))
            return tool->failure_patterns[i];
    return NULL;
}

static int parse_rank(rl_parse_status s)
{
    return s == RL_PARSE_TOOL_FAILED ? 3 : s == RL_PARSE_MALFORMED ? 2 : s == RL_PARSE_PARTIAL;
}

static void worse_parse(rl_run *run, rl_parse_status s, char *error)
{
    if (parse_rank(s) > parse_rank(run->parse_status)) {
        run->parse_status = s;
        free(run->parse_error);
        run->parse_error = error;
    } else {
        free(error);
    }
}

static void parse_one(const rl_tool *tool, const char *path, rl_run *run)
{
    char *error = NULL;
    rl_parse_status s = tool->parse(path, &run->reports, &error);
    worse_parse(run, s, s == RL_PARSE_OK ? NULL
                                          : xasprintf("%s: %s", rl_basename(path),
                                                      error ? error : "?"));
    free(error);
}

static void read_reports(const run_ctx *ctx, rl_run *run)
{
    const rl_tool *tool = ctx->cell->tool;
    if (tool->reports_from == RL_REPORTS_NONE)
        return;
    if (tool->reports_from != RL_REPORTS_FILES) {
        bool out = tool->reports_from == RL_REPORTS_STDOUT;
        unsigned long long dropped = out ? run->end.stdout_dropped : run->end.stderr_dropped;
        if (dropped > 0) /* its findings are in the part that was not kept */
            worse_parse(run, RL_PARSE_MALFORMED,
                        xasprintf("%s: %llu bytes beyond the output cap were dropped: its "
                                  "reports cannot all be read", out ? "stdout" : "stderr",
                                  dropped));
        else
            parse_one(tool, out ? ctx->stdout_path : ctx->stderr_path, run);
        return;
    }
    char **files;
    size_t n = rl_glob_dir(ctx->reports_dir, tool->reports, &files);
    for (size_t i = 0; i < n; i++)
        parse_one(tool, files[i], run);
    rl_free_strings(files, n);
    if (n == 0 && tool->report_required && run->end.kind == RL_END_EXITED)
        worse_parse(run, RL_PARSE_TOOL_FAILED,
                    xasprintf("wrote no report file matching %s", tool->reports));
}

/* racelab's own failures around the run (its output not saved, a full file system under
 * the work directory) make the run an error: nothing it left can be judged. */
static void harness_faults(const run_ctx *ctx, rl_run *run)
{
    if (run->end.kind != RL_END_SPAWN_FAILED && run->end.error[0])
        worse_parse(run, RL_PARSE_TOOL_FAILED, xstrdup(run->end.error));
    if (ctx->dir && rl_fs_full(ctx->dir))
        worse_parse(run, RL_PARSE_TOOL_FAILED,
                    xasprintf("the file system of %s is full: the run's output and reports "
                              "may be cut, so it cannot be judged",
                              ctx->m->work_dir));
}

/* The case's wrappers: locations move from them to their callers (unwrap.h). */
static void unwrap(const rl_cell *cell, rl_run *run)
{
    const char **wrappers;
    size_t n = rl_program_setting(cell->c, cell->program, "wrappers", &wrappers);
    rl_reports_unwrap(&run->reports, (char *const *)wrappers, n);
    free(wrappers);
}

static void collect(run_ctx *ctx, rl_run *run)
{
    size_t out_len = 0, err_len = 0;
    char *out = ctx->stdout_path ? rl_read_file(ctx->stdout_path, &out_len) : NULL;
    char *err = ctx->stderr_path ? rl_read_file(ctx->stderr_path, &err_len) : NULL;
    for (size_t i = 0; err && i < err_len; i++)
        if (err[i] == '\0')
            err[i] = ' '; /* the tail below and the patterns must see past NULs */
    run->result = find_result(out, out_len);
    run->stderr_tail = tail_lines(err, 4, 600);
    harness_faults(ctx, run);
    if (ctx->reports_dir)
        read_reports(ctx, run);
    unwrap(ctx->cell, run);
    const char *pattern = failure_pattern(ctx->cell->tool, err);
    if (pattern)
        worse_parse(run, RL_PARSE_TOOL_FAILED,
                    xasprintf("the tool failed to start (stderr: \"%s\"): %s", pattern,
                              run->stderr_tail ? run->stderr_tail : ""));
    free(out);
    free(err);
}


static void keep_or_remove(const run_ctx *ctx, const rl_run *run)
{
    const rl_options *o = ctx->m->opt;
    if (ctx->dir == NULL)
        return; /* never started: nothing was made */
    if (run->verdict == RL_VERDICT_PASS && !o->keep_raw) {
        rl_remove_tree(ctx->dir);
        return;
    }
    char *parent = xasprintf("%s/raw/%s/%s/%s", o->out_dir, ctx->cell->c->name,
                             ctx->cell->program->name, ctx->cell->tool->name);
    char *dest = xasprintf("%s/run-%zu", parent, ctx->index + 1);
    rl_mkdir_p(parent);
    rl_remove_tree(dest);
    rl_trim_tree(ctx->dir, RL_RAW_FILE_MAX);
    if (rename(ctx->dir, dest) != 0)
        fprintf(stderr, "racelab: cannot keep %s as %s: %s\n", ctx->dir, dest, strerror(errno));
    free(dest);
    free(parent);
}

static void run_done(rl_job *job, const rl_end *end, void *arg)
{
    (void)job;
    run_ctx *ctx = arg;
    rl_cell *cell = ctx->cell;
    rl_run *run = &cell->runs[ctx->index];
    run->end = *end;
    if (ctx->cache_key && !run->cached)
        rl_static_cache_store(ctx->m->opt->build_dir, ctx->cache_key, ctx->dir, end);
    collect(ctx, run);
    if (ctx->m->opt->observe)
        run->detected = rl_tool_is_detector(cell->tool)
                            ? run->reports.n > 0
                            : run->result != NULL && strncmp(run->result, "bug", 3) == 0;
    else
        rl_judge_run(cell->c, cell->program, cell->tool, cell->expect, run);
    keep_or_remove(ctx, run);
    cell->wall_s += end->wall_s;
    if (end->wall_s > cell->slowest_run_s)
        cell->slowest_run_s = end->wall_s;
    if (++cell->runs_done == cell->n_runs) {
        ctx->m->cells_done++;
        cell->verdict = rl_judge_cell(cell->runs, cell->n_runs, &cell->reason,
                                      &cell->detected_runs);
        cell->missed_runs = rl_judge_missed(cell->c, cell->expect, cell->runs, cell->n_runs);
        rl_progress_cell_done(ctx->m, cell);
    }
    free_run_ctx(ctx);
}

/* Why a tool cannot run here (NULL when it can): a missing program or build flavour. */
/* Why the tool cannot run here, with the install line of its packages (and, for an
 * optional tool, the scripts/racelab option that installs it); NULL when it can. */
static char *unavailable(const rl_tool_setup *setup, const rl_tool *t)
{
    for (size_t i = 0; i < t->n_requires; i++) {
        char *path = rl_which(t->requires[i]);
        free(path);
        if (path != NULL)
            continue;
        char *fix = rl_install_line(setup, t->name);
        char *why = t->optional ? xasprintf("%s not found on PATH (install it: %s, or "
                                            "scripts/racelab run --with %s)",
                                            t->requires[i], fix ? fix : "see tools.json",
                                            t->optional)
                                : xasprintf("%s not found on PATH (install it: %s; "
                                            "scripts/racelab installs what is missing)",
                                            t->requires[i], fix ? fix : "see tools.json");
        free(fix);
        return why;
    }
    return NULL; /* a build flavour's compiler is checked where programs are built */
}

static char *first_line(const char *path)
{
    char *text = rl_read_file(path, NULL);
    char *line = text && *text ? xstrndup(text, strcspn(text, "\n")) : NULL;
    free(text);
    return line;
}

void rl_matrix_probe_versions(rl_matrix *m)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/racelab-versions-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        free(dir);
        return; /* versions are information, not a reason to stop */
    }
    for (size_t i = 0; i < m->n_tools; i++) {
        const rl_tool *t = m->tools[i];
        if (t->version_argc == 0 || m->tool_versions[i])
            continue;
        char **argv = xcalloc(t->version_argc + 1, sizeof *argv);
        memcpy(argv, t->version_argv, t->version_argc * sizeof *argv);
        char *out = xasprintf("%s/version.%s", dir, t->name);
        rl_end end = rl_run_one(argv, out, 30);
        if (end.kind == RL_END_EXITED && end.status == 0)
            m->tool_versions[i] = first_line(out);
        free(out);
        free(argv);
    }
    rl_remove_tree(dir);
    free(dir);
}

/* Marks cells that cannot run as skip (or error); returns how many can run. */
static size_t settle_unavailable(rl_matrix *m)
{
    size_t runnable = 0;
    char **why = xcalloc(m->n_tools, sizeof *why);
    rl_tool_setup setup;
    char *error = NULL;
    if (rl_tool_setup_load(m->opt->tools_path, &setup, &error) != 0) {
        free(error); /* tools.json loaded once already: this cannot fail but by a race */
        memset(&setup, 0, sizeof setup);
    }
    for (size_t t = 0; t < m->n_tools; t++)
        why[t] = unavailable(&setup, m->tools[t]);
    rl_tool_setup_free(&setup);
    for (size_t i = 0; i < m->n_cells; i++) {
        rl_cell *cell = &m->cells[i];
        size_t t = 0;
        while (m->tools[t] != cell->tool)
            t++;
        if (cell->verdict == RL_VERDICT_NOT_EVALUATED) {
            m->cells_done++;
            continue;
        }
        if (why[t]) {
            cell->verdict = m->opt->require_tools ? RL_VERDICT_ERROR : RL_VERDICT_SKIP;
            cell->reason = xstrdup(why[t]);
        } else {
            runnable++;
            continue;
        }
        cell->n_runs = 0;
        m->cells_done++;
        rl_progress_cell_done(m, cell);
    }
    for (size_t t = 0; t < m->n_tools; t++)
        free(why[t]);
    free(why);
    return runnable;
}

/* Cells of a tool that failed its canary are `error` with the canary's diagnosis: their
 * verdicts would be about this machine, not about the tool. Returns how many it settled. */
static size_t gate_by_canaries(rl_matrix *m)
{
    if (!m->opt->canary || rl_spawn_interrupted())
        return 0;
    char *error = NULL;
    rl_canary_result *res = rl_canaries_check(m, true, &error);
    if (res == NULL) {
        fprintf(stderr, "racelab: tools not checked on their canaries: %s\n", error);
        free(error);
        return 0;
    }
    size_t settled = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        rl_cell *cell = &m->cells[i];
        size_t t = 0;
        while (m->tools[t] != cell->tool)
            t++;
        if (cell->n_runs == 0 || res[t].ok)
            continue;
        cell->verdict = RL_VERDICT_ERROR;
        cell->reason = xasprintf("%s failed its canary (racelab doctor): %s", cell->tool->name,
                                 res[t].problem);
        cell->n_runs = 0;
        m->cells_done++;
        settled++;
        rl_progress_cell_done(m, cell);
    }
    rl_canary_results_free(res, m->n_tools);
    return settled;
}

static int heavier_first(const void *a, const void *b)
{
    double x = rl_cell_cost(*(rl_cell *const *)a), y = rl_cell_cost(*(rl_cell *const *)b);
    return x < y ? 1 : x > y ? -1 : 0;
}

static const char *version_of(const rl_matrix *m, const rl_tool *tool)
{
    for (size_t t = 0; t < m->n_tools; t++)
        if (m->tools[t] == tool)
            return m->tool_versions[t];
    return NULL;
}

/* A static analysis already done on the same inputs is judged from the cache, now;
 * returns true when it was. */
static bool judged_from_cache(rl_matrix *m, run_ctx *ctx)
{
    if (ctx->cell->tool->build != NULL || m->opt->no_cache)
        return false;
    ctx->cache_key = rl_static_cache_key(m, ctx->cell, version_of(m, ctx->cell->tool));
    rl_end end;
    char *entry = rl_static_cache_lookup(m->opt->build_dir, ctx->cache_key, &end);
    if (entry == NULL)
        return false;
    char error[256] = "";
    if (prepare_run(&ctx->job, error, sizeof error) != 0 ||
        rl_static_cache_copy(entry, ctx->dir) != 0) {
        end = (rl_end){.kind = RL_END_SPAWN_FAILED};
        /* a truncated message is still the message: the entry's path can be long */
        int n = snprintf(end.error, sizeof end.error, "racelab could not use its static "
                                                      "cache entry: %.120s",
                         *error ? error : "copy failed");
        (void)n;
    }
    free(entry);
    ctx->cell->runs[ctx->index].cached = end.kind == RL_END_EXITED;
    run_done(&ctx->job, &end, ctx);
    return true;
}

static rl_job **plan_jobs(rl_matrix *m, size_t runnable, size_t *n_jobs)
{
    rl_cell **order = xcalloc(runnable, sizeof *order);
    size_t k = 0;
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].n_runs > 0)
            order[k++] = &m->cells[i];
    qsort(order, k, sizeof *order, heavier_first);
    rl_job **jobs = xcalloc(runnable * m->opt->repeat, sizeof *jobs);
    *n_jobs = 0;
    for (size_t i = 0; i < k; i++) {
        for (size_t r = 0; r < order[i]->n_runs; r++) {
            run_ctx *ctx = make_run(m, order[i], r, run_done);
            if (!judged_from_cache(m, ctx))
                jobs[(*n_jobs)++] = &ctx->job;
        }
    }
    free(order);
    return jobs;
}

/* racelab could not even set up the run: every cell not yet settled is an error, so the
 * table says so instead of counting cells that never ran as passed. */
static void fail_unrun(rl_matrix *m, const char *why)
{
    fprintf(stderr, "racelab: %s\n", why);
    for (size_t i = 0; i < m->n_cells; i++) {
        rl_cell *cell = &m->cells[i];
        if (cell->reason != NULL || cell->runs_done > 0)
            continue;
        cell->verdict = RL_VERDICT_ERROR;
        cell->reason = xstrdup(why);
        cell->n_runs = 0;
    }
}

int rl_matrix_run(rl_matrix *m)
{
    double started = rl_now();
    m->progress = m->opt->quiet ? NULL : stderr;
    if (rl_mkdir_p(m->opt->out_dir) != 0) {
        char *why = xasprintf("cannot create %s: %s", m->opt->out_dir, strerror(errno));
        fail_unrun(m, why);
        free(why);
        return 0;
    }
    char *template = xasprintf("%s/.work-XXXXXX", m->opt->out_dir);
    m->work_dir = mkdtemp(template);
    if (m->work_dir == NULL) {
        char *why = xasprintf("mkdtemp in %s: %s", m->opt->out_dir, strerror(errno));
        fail_unrun(m, why);
        free(why);
        free(template);
        return 0;
    }
    /* Runs may create their directories in it, but not list it: a program cannot find the
     * other runs' (mkdtemp-named) directories and plant reports into them while they run.
     * (Root ignores the mode: as root, only the unguessable names protect them.) */
    chmod(m->work_dir, S_IWUSR | S_IXUSR);
    char *absolute = realpath(m->work_dir, NULL); /* runs work elsewhere: paths absolute */
    if (absolute) {
        free(m->work_dir);
        m->work_dir = absolute;
    }
    rl_supervisor_remove_on_death(m->work_dir);
    rl_matrix_probe_versions(m);
    size_t runnable = settle_unavailable(m), n_jobs;
    runnable -= rl_matrix_build_programs(m);
    runnable -= gate_by_canaries(m);
    rl_job **jobs = plan_jobs(m, runnable, &n_jobs);
    int rc = rl_run_jobs(jobs, n_jobs, m->opt->jobs);
    free(jobs);
    rl_remove_tree(m->work_dir);
    m->wall_s = rl_now() - started;
    return rc;
}
