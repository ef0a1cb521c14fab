/* queue_handoff, process form, correct: a producer child and the consumer parent are
 * connected by a pipe, which is what carries a multiprocessing.Queue's items. Each item
 * is one 8-byte write (well under PIPE_BUF, so it arrives whole); the producer then
 * writes the sentinel and closes its end. Every process closes the ends it does not use. */
#include "handoff.h"

#include <errno.h>

static void put_item(int fd, long item)
{
    ssize_t n;
    do
        n = write(fd, &item, sizeof item);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof item)
        rl_die("write to pipe");
}

/* false at end of file: the producer is gone (it should have sent the sentinel first) */
static bool get_item(int fd, long *item)
{
    char *p = (char *)item;
    size_t left = sizeof *item;
    while (left > 0) {
        ssize_t n = read(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rl_die("read from pipe");
        if (n == 0)
            return false;
        p += n;
        left -= (size_t)n;
    }
    return true;
}

int main(void)
{
    long items = rl_size(HANDOFF_ITEMS_FULL, HANDOFF_ITEMS_SMALL);
    int ends[2];
    if (pipe(ends) != 0)
        rl_die("pipe");
    fflush(stdout);
    pid_t producer = fork();
    if (producer < 0)
        rl_die("fork");
    if (producer == 0) {
        close(ends[0]);
        for (long item = 1; item <= items; item++)
            put_item(ends[1], item);
        put_item(ends[1], HANDOFF_SENTINEL);
        close(ends[1]);
        _exit(0);
    }
    close(ends[1]);   /* else the parent's own write end would keep the pipe open */
    handoff_tally tally = {0};
    long item;
    while (get_item(ends[0], &item) && item != HANDOFF_SENTINEL)
        tally_item(&tally, item);
    close(ends[0]);
    rl_reap(producer, "queue_handoff child");
    return handoff_verdict(&tally, items);
}
