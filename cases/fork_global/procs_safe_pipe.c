/* fork_global, process form, safe: the child fills its own copy, as in the unsafe
 * program, but then sends the record back through a pipe (Python's Queue/Pipe); the
 * parent copies what it receives into its own global. Nothing is shared: the value is
 * passed, which is what fork() expects of you. */
#include "fork_global.h"

#include <errno.h>

static results parent_copy;

static void write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            rl_die("write to pipe");
        p += n;
        len -= (size_t)n;
    }
}

static bool read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rl_die("read from pipe");
        if (n == 0)
            return false;   /* the child closed the pipe without sending everything */
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static int to_parent[2];

static void child_main(void *arg)
{
    (void)arg;
    close(to_parent[0]);
    results child_copy;
    results_reset(&child_copy);
    results_fill(&child_copy);
    write_all(to_parent[1], &child_copy, sizeof child_copy);
    close(to_parent[1]);
}

int main(void)
{
    if (pipe(to_parent) != 0)
        rl_die("pipe");
    results_reset(&parent_copy);
    pid_t child = fork_child(child_main, NULL);
    close(to_parent[1]);   /* else the parent's own write end keeps the pipe open */
    results received;
    if (read_all(to_parent[0], &received, sizeof received))
        parent_copy = received;
    close(to_parent[0]);
    rl_reap(child, "child");
    return results_verdict(&parent_copy, "sent back through a pipe");
}
