#define _GNU_SOURCE
#include "outputs.h"

#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    int (*write)(const rl_matrix *, const char *, char **);
} outputs[] = {
    {"results.json", rl_write_results_json},
    {"results.sarif", rl_write_sarif},
    {"junit.xml", rl_write_junit},
    {"summary.md", rl_write_markdown},
    {"overview.md", rl_write_overview},
    {"report", rl_write_html_report}, /* a folder: index.html and a page per case */
};

/* Flushes, syncs and closes; the first failure's errno, or 0. */
static int close_checked(FILE *f)
{
    int failed = ferror(f) ? (errno ? errno : EIO) : 0;
    if (fflush(f) != 0 && !failed)
        failed = errno;
    if (fsync(fileno(f)) != 0 && !failed && errno != EINVAL)
        failed = errno;
    if (fclose(f) != 0 && !failed)
        failed = errno;
    return failed;
}

typedef struct matrix_emit {
    rl_emit_fn *emit;
    const rl_matrix *m;
} matrix_emit;

static int emit_matrix(const void *ctx, FILE *out, char **error)
{
    const matrix_emit *me = ctx;
    return me->emit(me->m, out, error);
}

int rl_write_atomic(const char *path, rl_emit_fn *emit, const rl_matrix *m, char **error)
{
    matrix_emit me = {emit, m};
    return rl_write_atomic_any(path, emit_matrix, &me, error);
}

int rl_write_atomic_any(const char *path, rl_emit_any_fn *emit, const void *ctx, char **error)
{
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        *error = xasprintf("%s: cannot create a temporary file beside it: %s", path,
                           strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return -1;
    }
    fchmod(fd, 0644); /* mkstemp makes it 0600; results are for everyone to read */
    char *why = NULL;
    errno = 0;
    int emitted = emit(ctx, f, &why);
    int emit_errno = errno;
    int failed = close_checked(f);
    if (emitted != 0 && !failed)
        failed = emit_errno ? emit_errno : EIO;
    if (!failed && rename(tmp, path) != 0)
        failed = errno;
    if (failed) {
        *error = why ? xasprintf("%s: cannot write: %s (%s)", path, why, strerror(failed))
                     : xasprintf("%s: cannot write: %s", path, strerror(failed));
        unlink(tmp);
    }
    free(why);
    free(tmp);
    return failed ? -1 : 0;
}

int rl_write_outputs(const rl_matrix *m, char **written, char **error)
{
    char *done = xstrdup(""), *failed = NULL;
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *path = xasprintf("%s/%s", m->opt->out_dir, outputs[i].name);
        char *why = NULL, *next;
        if (outputs[i].write(m, path, &why) != 0) {
            next = failed ? xasprintf("%s\n%s", failed, why) : xstrdup(why);
            free(failed);
            failed = next;
        } else {
            next = xasprintf("%s%s%s", done, *done ? ", " : "", outputs[i].name);
            free(done);
            done = next;
        }
        free(why);
        free(path);
    }
    if (failed) {
        free(done);
        *error = failed;
        return -1;
    }
    *written = done;
    return 0;
}
