#define _GNU_SOURCE
#include "supervisor.h"

#include "cgroup.h"
#include "fsutil.h"
#include "sweep.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pipe_to_supervisor = -1;

/* Messages are lines: "C <cgroup>", "T <tag>", "D <dir>". */
static void tell(char what, const char *text)
{
    if (pipe_to_supervisor < 0)
        return;
    char *line = xasprintf("%c %s\n", what, text);
    ssize_t n = write(pipe_to_supervisor, line, strlen(line));
    (void)n; /* a supervisor that is gone can do nothing about it either */
    free(line);
}

/* Reads the messages until racelab's end of the pipe closes; returns them as text. */
static char *read_until_closed(int fd)
{
    size_t n = 0, cap = 4096;
    char *text = xmalloc(cap);
    ssize_t got;
    while ((got = read(fd, text + n, cap - n - 1)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break; /* cannot read on: clean up now */
        n += (size_t)got;
        if (cap - n - 1 == 0)
            text = xrealloc(text, cap *= 2);
    }
    text[n] = '\0';
    return text;
}

static void clean_up(char *messages)
{
    char *save = NULL;
    for (int pass = 0; pass < 2; pass++) { /* first kill everything, then remove */
        char *copy = xstrdup(messages);
        for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (pass == 0 && line[0] == 'C')
                rl_cgroup_kill(line + 2);
            if (pass == 0 && line[0] == 'T')
                rl_sweep_tagged(line + 2);
            if (pass == 1 && line[0] == 'D' && rl_is_dir(line + 2))
                rl_remove_tree(line + 2);
            if (pass == 1 && line[0] == 'C' && rl_is_dir(line + 2))
                rl_cgroup_remove_tree(line + 2);
        }
        free(copy);
    }
}

static void supervise(int fd)
{
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    int null = open("/dev/null", O_RDWR);
    for (int i = 0; i < 3; i++)
        dup2(null, i);
    if (fd != 3) {
        dup2(fd, 3);
        fd = 3;
    }
    close_range(4, ~0U, 0);
    char *messages = read_until_closed(fd);
    clean_up(messages);
    free(messages);
    _exit(0);
}

void rl_supervisor_start(const char *cgroup, const char *tag)
{
    if (pipe_to_supervisor >= 0)
        return;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        supervise(fds[0]);
    }
    close(fds[0]);
    if (pid < 0) {
        close(fds[1]);
        return;
    }
    pipe_to_supervisor = fds[1];
    if (cgroup)
        tell('C', cgroup);
    tell('T', tag);
}

void rl_supervisor_remove_on_death(const char *dir)
{
    tell('D', dir);
}
