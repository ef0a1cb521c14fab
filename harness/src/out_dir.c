/* Staging and swapping the --out directory (out_dir.h). */
#define _GNU_SOURCE
#include "out_dir.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rl_out_stage(const char *out, char **stage, char **error)
{
    *stage = NULL;
    if (rl_mkdir_p(out) != 0 || !rl_is_dir(out)) {
        int saved = errno;
        *error = xasprintf("--out %s: cannot create the directory: %s", out, strerror(saved));
        errno = saved;
        return -1;
    }
    if (access(out, W_OK | X_OK) != 0) {
        int saved = errno;
        *error = xasprintf("--out %s: not writable: %s", out, strerror(saved));
        errno = saved;
        return -1;
    }
    char *template = xasprintf("%s/.staging-XXXXXX", out);
    if (mkdtemp(template) == NULL) {
        int saved = errno; /* the caller tells a full file system from a bad --out by it */
        *error = xasprintf("--out %s: cannot create a staging directory: %s", out,
                           strerror(saved));
        free(template);
        errno = saved;
        return -1;
    }
    *stage = template;
    return 0;
}

int rl_out_commit(const char *out, const char *stage, char **error)
{
    char **names;
    size_t n = rl_list_dir(stage, "", false, &names);
    int rc = 0;
    bool has_raw = false;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *from = xasprintf("%s/%s", stage, names[i]);
        char *to = xasprintf("%s/%s", out, names[i]);
        has_raw |= strcmp(names[i], "raw") == 0;
        if (rl_is_dir(to) && rl_is_dir(from))
            rl_remove_tree(to); /* rename() replaces only an empty directory */
        if (rename(from, to) != 0) {
            *error = xasprintf("cannot move %s to %s: %s", from, to, strerror(errno));
            rc = -1;
        }
        free(from);
        free(to);
    }
    rl_free_strings(names, n);
    if (rc == 0 && !has_raw) {
        char *raw = xasprintf("%s/raw", out);
        rl_remove_tree(raw); /* a stale raw/ would pass for this run's failures */
        free(raw);
    }
    if (rc == 0)
        rl_remove_tree(stage);
    return rc;
}

void rl_out_abandon(const char *stage)
{
    if (stage)
        rl_remove_tree(stage);
}
