#define _GNU_SOURCE
#include "sweep.h"

#include "xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ENVIRON_MAX = 1 << 20 };

/* Whether /proc/<pid>/environ has an entry that starts with `tag` (entries are
 * NUL-separated; only the first ENVIRON_MAX bytes are looked at). */
static bool tagged(const char *pid, const char *tag, char *buf)
{
    char path[300];
    snprintf(path, sizeof path, "/proc/%s/environ", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t len = 0;
    ssize_t got;
    while (len < ENVIRON_MAX && (got = read(fd, buf + len, ENVIRON_MAX - len)) > 0)
        len += (size_t)got;
    close(fd);
    size_t tag_len = strlen(tag);
    for (size_t i = 0; i < len; i += strnlen(buf + i, len - i) + 1)
        if (len - i >= tag_len && memcmp(buf + i, tag, tag_len) == 0)
            return true;
    return false;
}

static size_t sweep_once(const char *tag, char *buf)
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return 0;
    size_t killed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid != getpid() && tagged(e->d_name, tag, buf) && kill(pid, SIGKILL) == 0)
            killed++;
    }
    closedir(d);
    return killed;
}

size_t rl_sweep_tagged(const char *tag)
{
    char *buf = xmalloc(ENVIRON_MAX);
    size_t total = 0, killed;
    for (int round = 0; round < 8 && (killed = sweep_once(tag, buf)) > 0; round++) {
        total += killed;
        usleep(2000); /* let the killed ones go before looking again */
    }
    free(buf);
    return total;
}
