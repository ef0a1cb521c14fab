/* The content-addressed cache of static analyses (static_cache.h). An entry is a folder
 * build-dir/static-cache/<hash of the key>/ holding `key` (compared in full on a hit, so
 * a hash collision can only cost a miss), `end`, and the run's files. */
#define _GNU_SOURCE
#include "static_cache.h"

#include "cell_args.h"
#include "fsutil.h"
#include "output_common.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void append(char **key, char *line)
{
    char *next = xasprintf("%s%s\n", *key, line);
    free(*key);
    free(line);
    *key = next;
}

/* One line per .c/.h file of dir: its name, size and content hash. */
static void append_files(char **key, const char *dir)
{
    static const char *const patterns[] = {"*.c", "*.h"};
    for (size_t p = 0; p < 2; p++) {
        char **files;
        size_t n = rl_glob_dir(dir, patterns[p], &files);
        for (size_t i = 0; i < n; i++) {
            size_t len = 0;
            char *text = rl_read_file(files[i], &len);
            append(key, xasprintf("file %s %zu %016llx", files[i], len,
                                  (unsigned long long)(text ? rl_fnv1a(RL_FNV1A_SEED, text, len) : 0)));
            free(text);
        }
        rl_free_strings(files, n);
    }
}

static char *verbatim(const char *element, const void *ctx)
{
    (void)ctx;
    return xstrdup(element);
}

char *rl_static_cache_key(const rl_matrix *m, const rl_cell *cell, const char *tool_version)
{
    const rl_tool *t = cell->tool;
    char *key = xasprintf("racelab static cache 1\ntool %s\nversion %s\nsource %s\n", t->name,
                          tool_version ? tool_version : "?", cell->source);
    for (size_t i = 0; i < t->argc; i++)
        append(&key, xasprintf("arg %s", t->argv[i]));
    for (size_t i = 0; i < t->n_env; i++)
        append(&key, xasprintf("env %s=%s", t->env[i].name, t->env[i].value));
    /* the case's settings change the command: its words are part of the question */
    char **argv = rl_tool_argv(cell->c, cell->program, t, verbatim, NULL);
    for (size_t i = 0; argv[i]; i++)
        append(&key, xasprintf("word %s", argv[i]));
    for (size_t i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
    char *case_dir = xasprintf("%s/%s", m->opt->cases_dir, cell->c->name);
    char *common = xasprintf("%s/common", m->opt->cases_dir);
    append_files(&key, case_dir);
    append_files(&key, common);
    free(common);
    free(case_dir);
    return key;
}

static char *entry_dir(const char *build_dir, const char *key)
{
    return xasprintf("%s/static-cache/%016llx", build_dir,
                     (unsigned long long)rl_fnv1a_text(key));
}

/* Copies the regular files of `from` (not recursive) into `to`. */
static int copy_files(const char *from, const char *to)
{
    char **files;
    size_t n = rl_glob_dir(from, "*", &files);
    int rc = rl_mkdir_p(to);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!rl_is_file(files[i]))
            continue;
        size_t len = 0;
        char *text = rl_read_file(files[i], &len);
        char *dest = xasprintf("%s/%s", to, rl_basename(files[i]));
        FILE *f = text ? fopen(dest, "w") : NULL;
        rc = f && fwrite(text, 1, len, f) == len ? 0 : -1;
        if (f && fclose(f) != 0)
            rc = -1;
        free(dest);
        free(text);
    }
    rl_free_strings(files, n);
    return rc;
}

char *rl_static_cache_lookup(const char *build_dir, const char *key, rl_end *end)
{
    char *dir = entry_dir(build_dir, key);
    char *key_path = xasprintf("%s/key", dir), *end_path = xasprintf("%s/end", dir);
    char *have = rl_read_file(key_path, NULL), *end_text = rl_read_file(end_path, NULL);
    int status = 0;
    bool hit = have && strcmp(have, key) == 0 && end_text &&
               sscanf(end_text, "exited %d", &status) == 1;
    if (hit)
        *end = (rl_end){.kind = RL_END_EXITED, .status = status};
    free(have);
    free(end_text);
    free(key_path);
    free(end_path);
    if (!hit) {
        free(dir);
        return NULL;
    }
    return dir;
}

int rl_static_cache_copy(const char *entry, const char *run_dir)
{
    char *files = xasprintf("%s/files", entry), *reports = xasprintf("%s/reports", entry);
    char *run_reports = xasprintf("%s/reports", run_dir);
    int rc = copy_files(files, run_dir) == 0 && copy_files(reports, run_reports) == 0 ? 0 : -1;
    free(files);
    free(reports);
    free(run_reports);
    return rc;
}

void rl_static_cache_store(const char *build_dir, const char *key, const char *run_dir,
                           const rl_end *end)
{
    if (end->kind != RL_END_EXITED)
        return;
    char *dir = entry_dir(build_dir, key);
    char *parent = xasprintf("%s/static-cache", build_dir);
    char *tmp = xasprintf("%s/.new-XXXXXX", parent);
    if (rl_mkdir_p(parent) != 0 || mkdtemp(tmp) == NULL)
        goto out;
    char *files = xasprintf("%s/files", tmp), *reports = xasprintf("%s/reports", tmp);
    char *run_reports = xasprintf("%s/reports", run_dir);
    char *key_path = xasprintf("%s/key", tmp), *end_path = xasprintf("%s/end", tmp);
    FILE *k = fopen(key_path, "w"), *e = fopen(end_path, "w");
    bool ok = k && e && fputs(key, k) >= 0 && fprintf(e, "exited %d\n", end->status) > 0;
    ok = (k && fclose(k) == 0) && ok;
    ok = (e && fclose(e) == 0) && ok;
    ok = ok && copy_files(run_dir, files) == 0 && copy_files(run_reports, reports) == 0;
    rl_remove_tree(dir); /* an older entry under the same hash */
    if (!ok || rename(tmp, dir) != 0)
        rl_remove_tree(tmp);
    free(files);
    free(reports);
    free(run_reports);
    free(key_path);
    free(end_path);
out:
    free(tmp);
    free(parent);
    free(dir);
}
