/* Run metadata for results.json: date, git state, command line, host, version. */
#define _GNU_SOURCE
#include "run_meta.h"

#include "fsutil.h"
#include "jobs.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#ifndef RACELAB_VERSION
#define RACELAB_VERSION "unknown"
#endif

/* git -C ROOT ARGS..., its stdout (malloc'd) when it exits 0, else NULL. */
static char *git_output(const char *root, const char *scratch_dir, const char *a1,
                        const char *a2, const char *a3)
{
    char *git = rl_which("git");
    if (git == NULL)
        return NULL;
    /* --no-optional-locks: a query must not take the repository's index.lock, which a run
     * killed at the wrong moment would leave behind, stale, in the user's checkout */
    char *argv[] = {git, "--no-optional-locks", "-C", (char *)root, (char *)a1, (char *)a2,
                    (char *)a3, NULL};
    char *out = xasprintf("%s/git-output", scratch_dir);
    rl_end end = rl_run_one(argv, out, 30);
    char *text = end.kind == RL_END_EXITED && end.status == 0 ? rl_read_file(out, NULL) : NULL;
    unlink(out);
    free(out);
    free(git);
    return text;
}

static void collect_git(rl_run_meta *meta, const char *root, const char *parent)
{
    meta->git_dirty = -1;
    if (root == NULL || parent == NULL || rl_mkdir_p(parent) != 0)
        return;
    char *scratch_dir = xasprintf("%s/.meta-XXXXXX", parent);
    if (mkdtemp(scratch_dir) == NULL) {
        free(scratch_dir);
        return;
    }
    char *head = git_output(root, scratch_dir, "rev-parse", "--verify", "HEAD");
    if (head != NULL) {
        head[strcspn(head, "\n")] = '\0';
        meta->git_commit = head;
        /* Untracked files (build trees, out/) are not changes to what was run. */
        char *status =
            git_output(root, scratch_dir, "status", "--porcelain", "--untracked-files=no");
        if (status != NULL)
            meta->git_dirty = *status != '\0';
        free(status);
    }
    rl_remove_tree(scratch_dir);
    free(scratch_dir);
}

static char *utc_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];
    if (gmtime_r(&now, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return xstrdup("1970-01-01T00:00:00Z");
    return xstrdup(buf);
}

void rl_run_meta_collect(rl_run_meta *meta, const char *repo_root, const char *scratch_parent,
                         int argc, char **argv)
{
    memset(meta, 0, sizeof *meta);
    meta->date = utc_now();
    collect_git(meta, repo_root, scratch_parent);
    meta->command_argc = argc > 0 ? (size_t)argc : 0;
    meta->command_line = xcalloc(meta->command_argc + 1, sizeof *meta->command_line);
    for (size_t i = 0; i < meta->command_argc; i++)
        meta->command_line[i] = xstrdup(argv[i]);
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    meta->host = xstrdup(host);
    struct utsname u;
    meta->os = uname(&u) == 0 ? xasprintf("%s %s %s", u.sysname, u.release, u.machine) : NULL;
    meta->version = RACELAB_VERSION;
}

void rl_run_meta_free(rl_run_meta *meta)
{
    free(meta->date);
    free(meta->git_commit);
    rl_free_strings(meta->command_line, meta->command_argc);
    free(meta->host);
    free(meta->os);
    json_decref(meta->merged_from);
    memset(meta, 0, sizeof *meta);
}
