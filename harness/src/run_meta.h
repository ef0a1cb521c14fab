/* What a run was, beside its cells: when (UTC), on which commit of the repository and
 * whether it had uncommitted changes, with which command line, on which host, by which
 * racelab. results.json carries it so that two runs can be told apart and compared. */
#ifndef RACELAB_RUN_META_H
#define RACELAB_RUN_META_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct rl_run_meta {
    char *date;          /* ISO 8601 UTC, "2026-11-30T15:55:41Z", when the run started */
    char *git_commit;    /* HEAD of the repository; NULL when it is no git checkout */
    int git_dirty;       /* 1 tracked files changed, 0 clean, -1 unknown */
    char **command_line; /* argv as given */
    size_t command_argc;
    char *host;          /* gethostname() */
    char *os;            /* uname: system, release, machine */
    const char *version; /* racelab's own version */
    json_t *merged_from; /* `racelab merge`: each merged file's path, run, shard, wall_s */
} rl_run_meta;

/* Fills `meta` now. `repo_root` (may be NULL) is asked for its git commit through the job
 * runner (git's argument vector, no shell), its output kept in a temporary folder made
 * under `scratch_parent` (created if needed) and removed before returning. */
void rl_run_meta_collect(rl_run_meta *meta, const char *repo_root, const char *scratch_parent,
                         int argc, char **argv);
void rl_run_meta_free(rl_run_meta *meta);

#endif
