/* Compiling one case program with a build flavour (program_build.h). */
#define _GNU_SOURCE
#include "program_build.h"

#include "fsutil.h"
#include "jobs.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { COMPILE_TIMEOUT_S = 300 };

static bool newer_than_sources(const char *dir, double binary_mtime)
{
    static const char *const patterns[] = {"*.c", "*.h"};
    bool newer = true;
    for (size_t p = 0; p < 2 && newer; p++) {
        char **files;
        size_t n = rl_glob_dir(dir, patterns[p], &files);
        for (size_t i = 0; i < n && newer; i++) {
            struct stat st;
            newer = stat(files[i], &st) != 0 ||
                    (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 < binary_mtime;
        }
        rl_free_strings(files, n);
    }
    return newer;
}

bool rl_program_up_to_date(const rl_program_source *src, const char *binary)
{
    struct stat st;
    if (stat(binary, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    double mtime = (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
    char *case_dir = xasprintf("%s/%s", src->cases_dir, src->case_name);
    char *common = xasprintf("%s/common", src->cases_dir);
    bool ok = newer_than_sources(case_dir, mtime) && newer_than_sources(common, mtime);
    free(common);
    free(case_dir);
    return ok;
}

/* The compiler's first "error" line (its first complaint is the one to read), else its
 * last line. */
static char *first_error(const char *path)
{
    char *text = rl_read_file(path, NULL);
    if (text == NULL)
        return xstrdup("");
    const char *at = strstr(text, "error");
    const char *line = text;
    if (at) {
        line = at;
        while (line > text && line[-1] != '\n')
            line--;
    } else {
        size_t len = strlen(text);
        while (len > 0 && text[len - 1] == '\n')
            text[--len] = '\0';
        const char *nl = strrchr(text, '\n');
        line = nl ? nl + 1 : text;
    }
    char *out = xstrndup(line, strcspn(line, "\n"));
    free(text);
    return out;
}

/* The argument vector: compiler, flavour cflags, the case's own flags, -I case and common, -pthread, the
 * program and common/ .c files, -o binary, flavour ldflags, -pthread. */
static char **compile_argv(const rl_build_flavour *f, const rl_program_source *src,
                           const char *binary, char ***owned, size_t *n_owned)
{
    char *common = xasprintf("%s/common", src->cases_dir);
    char **common_c = NULL;
    size_t n_common = rl_is_dir(common) ? rl_glob_dir(common, "*.c", &common_c) : 0;
    *owned = xcalloc(n_common + 5, sizeof **owned);
    *n_owned = 0;
    char **argv = xcalloc(f->n_cflags + src->n_flags + f->n_ldflags + src->n_ldflags +
                              n_common + 12,
                          sizeof *argv);
    size_t n = 0;
    argv[n++] = f->compiler;
    for (size_t i = 0; i < f->n_cflags; i++)
        argv[n++] = f->cflags[i];
    for (size_t i = 0; i < src->n_flags; i++)
        argv[n++] = src->flags[i];
    argv[n++] = (*owned)[(*n_owned)++] = xasprintf("-I%s/%s", src->cases_dir, src->case_name);
    if (rl_is_dir(common))
        argv[n++] = (*owned)[(*n_owned)++] = xasprintf("-I%s", common);
    argv[n++] = "-pthread";
    argv[n++] = (*owned)[(*n_owned)++] =
        xasprintf("%s/%s/%s.c", src->cases_dir, src->case_name, src->program);
    for (size_t i = 0; i < n_common; i++)
        argv[n++] = (*owned)[(*n_owned)++] = common_c[i];
    free(common_c);
    argv[n++] = "-o";
    argv[n++] = (char *)binary;
    for (size_t i = 0; i < f->n_ldflags; i++)
        argv[n++] = f->ldflags[i];
    for (size_t i = 0; i < src->n_ldflags; i++)
        argv[n++] = src->ldflags[i];
    argv[n++] = "-pthread";
    free(common);
    return argv;
}

char *rl_program_build(const rl_build_flavour *f, const rl_program_source *src,
                       const char *binary)
{
    char *dir = xstrdup(binary);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    if (slash && rl_mkdir_p(dir) != 0) {
        char *problem = xasprintf("cannot create %s: %s", dir, strerror(errno));
        free(dir);
        return problem;
    }
    free(dir);
    char **owned;
    size_t n_owned;
    char **argv = compile_argv(f, src, binary, &owned, &n_owned);
    char *log = xasprintf("%s.log", binary);
    rl_end end = rl_run_one_logged(argv, NULL, log, COMPILE_TIMEOUT_S);
    char *problem = NULL;
    if (end.kind == RL_END_SPAWN_FAILED) {
        problem = xasprintf("cannot start %s: %s", f->compiler, end.error);
    } else if (end.kind != RL_END_EXITED || end.status != 0) {
        char *why = first_error(log);
        problem = xasprintf("%s (flavour '%s') cannot build %s/%s.c: %s (log: %s)",
                            f->compiler, f->name, src->case_name, src->program,
                            *why ? why : "(no message)", log);
        free(why);
    }
    free(log);
    free(argv);
    rl_free_strings(owned, n_owned);
    return problem;
}
