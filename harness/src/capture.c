#define _GNU_SOURCE
#include "capture.h"

#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void tail_add(rl_capture *c, const char *data, size_t n)
{
    if (c->tail == NULL)
        c->tail = xmalloc(RL_CAPTURE_TAIL);
    if (n >= RL_CAPTURE_TAIL) { /* only the last RL_CAPTURE_TAIL bytes can stay */
        data += n - RL_CAPTURE_TAIL;
        n = RL_CAPTURE_TAIL;
    }
    size_t first = RL_CAPTURE_TAIL - c->tail_next < n ? RL_CAPTURE_TAIL - c->tail_next : n;
    memcpy(c->tail + c->tail_next, data, first);
    memcpy(c->tail, data + first, n - first);
    c->tail_next = (c->tail_next + n) % RL_CAPTURE_TAIL;
    c->tail_len = c->tail_len + n > RL_CAPTURE_TAIL ? RL_CAPTURE_TAIL : c->tail_len + n;
}

void rl_capture_add(rl_capture *c, const char *data, size_t n)
{
    c->total += n;
    if (c->head_len < RL_CAPTURE_HEAD) {
        if (c->head == NULL)
            c->head = xmalloc(RL_CAPTURE_HEAD);
        size_t room = RL_CAPTURE_HEAD - c->head_len, take = n < room ? n : room;
        memcpy(c->head + c->head_len, data, take);
        c->head_len += take;
        data += take;
        n -= take;
    }
    if (n > 0)
        tail_add(c, data, n);
}

uint64_t rl_capture_dropped(const rl_capture *c)
{
    return c->total - c->head_len - c->tail_len;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int rl_capture_save(const rl_capture *c, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int rc = write_all(fd, c->head ? c->head : "", c->head_len);
    if (rc == 0 && rl_capture_dropped(c) > 0) {
        char note[96];
        int len = snprintf(note, sizeof note, "\n[racelab: %" PRIu64 " bytes dropped here]\n",
                           rl_capture_dropped(c));
        rc = write_all(fd, note, (size_t)len);
    }
    /* until the ring is full it holds [0, tail_len); then its oldest byte is at tail_next */
    size_t start = c->tail_len == RL_CAPTURE_TAIL ? c->tail_next : 0;
    if (rc == 0 && c->tail_len > 0)
        rc = write_all(fd, c->tail + start, c->tail_len - start);
    if (rc == 0 && start > 0)
        rc = write_all(fd, c->tail, start);
    int saved = errno;
    if (close(fd) != 0 && rc == 0)
        return -1;
    errno = saved;
    return rc;
}

void rl_capture_free(rl_capture *c)
{
    free(c->head);
    free(c->tail);
    memset(c, 0, sizeof *c);
}
