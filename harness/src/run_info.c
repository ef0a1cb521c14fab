/* The run's metadata for the report's header: the clock, the commit (run_meta.c's, which
 * asks git) and the command line as given. */
#define _GNU_SOURCE
#include "run_info.h"

#include "fsutil.h"
#include "output_common.h"
#include "run_meta.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *utc_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    char buf[64];
    if (gmtime_r(&now, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        return NULL;
    return xstrdup(buf);
}

/* The commit as results.json has it (run_meta.c asks git, without taking the repository's
 * index lock): its first 12 hex digits, and "-dirty" when tracked files changed. */
static char *commit_text(const rl_run_meta *meta)
{
    return meta->git_commit ? xasprintf("%.12s%s", meta->git_commit,
                                        meta->git_dirty == 1 ? "-dirty" : "")
                            : NULL;
}

/* The run's own metadata when it has it (collected once, at its start); asked anew only
 * for a matrix that has none. */
static char *commit_of(const rl_matrix *m, const char *root, const char *scratch_parent)
{
    if (m->meta)
        return commit_text(m->meta);
    if (root == NULL)
        return NULL;
    rl_run_meta meta;
    rl_run_meta_collect(&meta, root, scratch_parent, 0, NULL);
    char *commit = commit_text(&meta);
    rl_run_meta_free(&meta);
    return commit;
}

static char *join_arguments(int argc, char **argv)
{
    if (argv == NULL || argc <= 0)
        return NULL;
    char *line = xstrdup(rl_basename(argv[0]));
    for (int i = 1; i < argc; i++) {
        char *next = xasprintf("%s %s", line, argv[i]);
        free(line);
        line = next;
    }
    return line;
}

void rl_run_info_collect(const rl_matrix *m, rl_run_info *info)
{
    char *root = m->meta ? NULL : rl_repository_root(m);
    info->date = utc_now();
    info->commit = commit_of(m, root, m->opt->out_dir ? m->opt->out_dir : "/tmp");
    info->command_line = join_arguments(m->opt->argc, m->opt->argv);
    free(root);
}

void rl_run_info_free(rl_run_info *info)
{
    free(info->date);
    free(info->commit);
    free(info->command_line);
}
