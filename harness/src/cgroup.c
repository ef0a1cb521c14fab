#define _GNU_SOURCE
#include "cgroup.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *root; /* racelab's own cgroup */

/* The first thing `pick` finds in a line of the file (malloc'd), or NULL. */
static char *scan_lines(const char *path, char *(*pick)(const char *line))
{
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return NULL;
    char *line = NULL, *found = NULL;
    size_t cap = 0;
    while (found == NULL && getline(&line, &cap, f) > 0)
        found = pick(line);
    free(line);
    fclose(f);
    return found;
}

/* The cgroup2 mount point, from /proc/self/mountinfo: "... MOUNTPOINT ... - cgroup2 ...". */
static char *pick_cgroup2_mount(const char *line)
{
    char mount[4096];
    if (strstr(line, " - cgroup2 ") && sscanf(line, "%*s %*s %*s %*s %4095s", mount) == 1)
        return xstrdup(mount);
    return NULL;
}

/* Our cgroup's path inside the v2 hierarchy: the "0::/path" line of /proc/self/cgroup. */
static char *pick_own_cgroup(const char *line)
{
    return strncmp(line, "0::", 3) == 0 ? xstrndup(line + 3, strcspn(line + 3, "\n")) : NULL;
}

static int write_text(const char *dir, const char *file, const char *text)
{
    char *path = xasprintf("%s/%s", dir, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

int rl_cgroup_init(char **why)
{
    *why = NULL;
    if (root)
        return 0;
    const char *off = getenv("RACELAB_NO_CGROUP"); /* tests of the fallback */
    if (off && *off) {
        *why = xstrdup("RACELAB_NO_CGROUP is set");
        return -1;
    }
    char *mount = scan_lines("/proc/self/mountinfo", pick_cgroup2_mount);
    char *own = scan_lines("/proc/self/cgroup", pick_own_cgroup);
    if (mount == NULL || own == NULL) {
        *why = xstrdup("no cgroup v2 hierarchy is mounted");
    } else {
        char *template = xasprintf("%s%s/racelab-%d-XXXXXX", mount,
                                   strcmp(own, "/") == 0 ? "" : own, (int)getpid());
        root = mkdtemp(template);
        if (root == NULL) {
            *why = xasprintf("cannot create a cgroup in %s%s: %s", mount, own, strerror(errno));
            free(template);
        } else {
            char *kill_file = xasprintf("%s/cgroup.kill", root);
            if (!rl_is_file(kill_file)) {
                *why = xstrdup("the kernel has no cgroup.kill (Linux 5.14 or later)");
                rmdir(root);
                free(root);
                root = NULL;
            }
            free(kill_file);
        }
    }
    free(mount);
    free(own);
    return root ? 0 : -1;
}

const char *rl_cgroup_root(void)
{
    return root;
}

char *rl_cgroup_new(void)
{
    if (root == NULL)
        return NULL;
    char *template = xasprintf("%s/run-XXXXXX", root);
    if (mkdtemp(template) == NULL) {
        free(template);
        return NULL;
    }
    return template;
}

void rl_cgroup_kill(const char *cgroup)
{
    write_text(cgroup, "cgroup.kill", "1");
}

/* Whether cgroup.events says "populated 1". */
static bool populated(const char *cgroup)
{
    char *path = xasprintf("%s/cgroup.events", cgroup);
    char *text = rl_read_file(path, NULL);
    free(path);
    bool busy = text && strstr(text, "populated 1");
    free(text);
    return busy;
}

int rl_cgroup_remove(const char *cgroup)
{
    rl_cgroup_kill(cgroup);
    for (int i = 0; i < 400 && populated(cgroup); i++)
        usleep(5000);
    return rmdir(cgroup);
}

void rl_cgroup_remove_tree(const char *cgroup)
{
    rl_cgroup_kill(cgroup);
    char **names;
    size_t n = rl_list_dir(cgroup, "", true, &names);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", cgroup, names[i]);
        rl_cgroup_remove(path);
        free(path);
    }
    rl_free_strings(names, n);
    rl_cgroup_remove(cgroup);
}

void rl_cgroup_finish(void)
{
    if (root == NULL)
        return;
    rl_cgroup_remove_tree(root);
    free(root);
    root = NULL;
}
