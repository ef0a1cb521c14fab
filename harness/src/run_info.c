/* The run's metadata: the clock, git (run as an argument vector, its output in a mkstemp
 * file that is removed) and the command line as given. */
#define _GNU_SOURCE
#include "run_info.h"

#include "fsutil.h"
#include "jobs.h"
#include "output_common.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *utc_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    char buf[64];
    if (gmtime_r(&now, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        return NULL;
    return xstrdup(buf);
}

static char *git_describe(const char *root, const char *scratch_dir)
{
    if (root == NULL)
        return NULL;
    char *path = xasprintf("%s/.git-describe-XXXXXX", scratch_dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    char *argv[] = {"git", "-C", (char *)root, "describe", "--always", "--dirty", "--abbrev=12",
                    NULL};
    rl_end end = rl_run_one(argv, path, 10);
    char *text = end.kind == RL_END_EXITED && end.status == 0 ? rl_read_file(path, NULL) : NULL;
    unlink(path);
    free(path);
    if (text)
        text[strcspn(text, "\n")] = '\0';
    if (text && *text == '\0') {
        free(text);
        text = NULL;
    }
    return text;
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
    char *root = rl_repository_root(m);
    info->date = utc_now();
    info->commit = git_describe(root, m->opt->out_dir ? m->opt->out_dir : "/tmp");
    info->command_line = join_arguments(m->opt->argc, m->opt->argv);
    free(root);
}

void rl_run_info_free(rl_run_info *info)
{
    free(info->date);
    free(info->commit);
    free(info->command_line);
}
