#define _GNU_SOURCE
#include "outlock.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int rl_out_lock(const char *dir, char **error)
{
    if (rl_mkdir_p(dir) != 0) {
        *error = xasprintf("cannot create %s: %s", dir, strerror(errno));
        return RL_OUT_FAILED;
    }
    char *path = xasprintf("%s/.lock", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    int rc = RL_OUT_LOCKED;
    if (fd < 0) {
        *error = xasprintf("%s: cannot open: %s", path, strerror(errno));
        rc = RL_OUT_FAILED;
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        *error = busy
                     ? xasprintf("%s is in use by another racelab run (%s is locked); wait "
                                 "for it to end or give another --out",
                                 dir, path)
                     : xasprintf("%s: cannot lock: %s", path, strerror(errno));
        rc = busy ? RL_OUT_BUSY : RL_OUT_FAILED;
        close(fd);
    }
    free(path);
    return rc; /* the descriptor stays open: the lock lasts as long as the process */
}
