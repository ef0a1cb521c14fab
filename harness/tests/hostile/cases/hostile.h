/* What every hostile program shares: leaving its pid where the test can check that it
 * died ($RACELAB_HOSTILE_PIDS/<pid>), and writing all of a buffer. */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void hostile_leave_pid(void)
{
    const char *dir = getenv("RACELAB_HOSTILE_PIDS");
    if (dir == NULL)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%d", dir, (int)getpid());
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
    }
}

static void hostile_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            exit(9);
        p += w;
        n -= (size_t)w;
    }
}

#endif
