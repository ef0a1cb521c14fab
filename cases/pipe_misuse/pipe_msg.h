/* What every pipe_misuse program shares: fixed-size messages that say who wrote
 * them and can be checked byte by byte, loops that write and read a whole message
 * through a pipe, and the reader that counts intact and corrupted messages.
 *
 * A message is a record of msg_record_size() bytes: a header (magic, writer, sequence number)
 * and a payload of one byte repeated, the writer's own letter. Every record has the
 * same size, so the reader can cut the stream into records without trusting any
 * header, and a record holding bytes of two writers is caught by its payload. */
#ifndef PIPE_MISUSE_PIPE_MSG_H
#define PIPE_MISUSE_PIPE_MSG_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* F_SETPIPE_SZ */
#endif
#include "racelab_case.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MSG_MAGIC 0x52414345u   /* "RACE" */

typedef struct msg_header {
    uint32_t magic;
    uint32_t writer;   /* 1, 2, ...: the payload byte is 'A' - 1 + writer */
    uint32_t seq;
} msg_header;

typedef struct msg_stream {
    size_t payload;    /* bytes of payload per message; fixed for the whole stream */
    unsigned read_pause_us;  /* the reader rests this long after each read(): a reader
                                slower than its writers keeps the pipe full, so every
                                writer has to wait for room in the middle of a message */
} msg_stream;

static inline size_t msg_record_size(const msg_stream *s)
{
    return sizeof(msg_header) + s->payload;
}

static inline unsigned char msg_letter(uint32_t writer)
{
    return (unsigned char)('A' - 1 + writer);
}

static inline unsigned char *msg_alloc(const msg_stream *s)
{
    unsigned char *rec = malloc(msg_record_size(s));
    if (rec == NULL)
        rl_die("malloc");
    return rec;
}

static inline void msg_fill(const msg_stream *s, unsigned char *rec, uint32_t writer, uint32_t seq)
{
    msg_header h = {MSG_MAGIC, writer, seq};
    memcpy(rec, &h, sizeof h);
    memset(rec + sizeof h, msg_letter(writer), s->payload);
}

/* A record is intact when its header is a real header and every payload byte is its
 * writer's letter. Otherwise `foreign` says how many payload bytes are not. */
static inline bool msg_intact(const msg_stream *s, const unsigned char *rec, size_t *foreign)
{
    msg_header h;
    memcpy(&h, rec, sizeof h);
    unsigned char own = h.magic == MSG_MAGIC ? msg_letter(h.writer) : 0;
    size_t bad = 0;
    for (size_t i = 0; i < s->payload; i++)
        bad += rec[sizeof h + i] != own;   /* racelab: payload_check */
    *foreign = bad;
    return h.magic == MSG_MAGIC && bad == 0;
}

/* write() until all of buf is written: a blocking write to a pipe may be split
 * into several chunks when it is larger than PIPE_BUF. Returns 0, or -1 (errno). */
static inline int write_all(int fd, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* read() until len bytes or end-of-file, resting pause_us after each read().
 * Returns the bytes read (< len only at EOF), or -1 (errno). */
static inline ssize_t read_all(int fd, void *buf, size_t len, unsigned pause_us)
{
    unsigned char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
        if (pause_us > 0)
            usleep(pause_us);
    }
    return (ssize_t)got;
}

static inline void make_pipe(int ends[2])
{
    if (pipe(ends) != 0)
        rl_die("pipe");
}

static inline void close_or_die(int fd)
{
    if (close(fd) != 0)
        rl_die("close");
}

/* One page of pipe buffer instead of the default 64 KiB: every message is many
 * times larger than the pipe, so each write() is split into many chunks. */
static inline void shrink_pipe(int write_end)
{
    if (fcntl(write_end, F_SETPIPE_SZ, 4096) < 0)
        rl_die("fcntl(F_SETPIPE_SZ)");
}

/* What a reader found in the stream. */
typedef struct msg_tally {
    long messages;     /* whole records read */
    long corrupted;    /* records with a foreign byte or no valid header */
    size_t foreign;    /* foreign payload bytes in the first corrupted record */
    uint32_t first_bad_writer; /* its header's writer (0 when the header is garbage) */
    size_t trailing;   /* bytes of an incomplete record at end-of-file */
} msg_tally;

/* Reads records until end-of-file and checks each one. Exits on a read error. */
static inline msg_tally msg_read_until_eof(const msg_stream *s, int read_end)
{
    msg_tally t = {0};
    unsigned char *rec = msg_alloc(s);
    for (;;) {
        ssize_t n = read_all(read_end, rec, msg_record_size(s), s->read_pause_us);
        if (n < 0)
            rl_die("read");
        if ((size_t)n < msg_record_size(s)) {
            t.trailing = (size_t)n;
            break;
        }
        t.messages++;
        size_t foreign;
        if (!msg_intact(s, rec, &foreign) && t.corrupted++ == 0) {
            msg_header h;
            memcpy(&h, rec, sizeof h);
            t.foreign = foreign;
            t.first_bad_writer = h.magic == MSG_MAGIC ? h.writer : 0;
        }
    }
    free(rec);
    return t;
}

/* The verdict on a stream that should hold `expected` intact messages. */
static inline int msg_verdict(const msg_tally *t, long expected)
{
    if (t->corrupted > 0)
        return rl_result(false,
                         "%ld of %ld messages corrupted: the first (header: writer %c) holds %zu "
                         "payload bytes that are not its writer's; two writers interleaved their "
                         "chunks on one write end",
                         t->corrupted, t->messages,
                         t->first_bad_writer ? msg_letter(t->first_bad_writer) : '?', t->foreign);
    if (t->messages != expected || t->trailing != 0)
        return rl_result(false, "the reader got %ld of the %ld messages that were sent (plus %zu "
                         "bytes of a partial one)", t->messages, expected, t->trailing);
    return rl_result(true, "%ld messages, all intact", expected);
}

/* ---- processes ---- */

static inline pid_t fork_or_die(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    return pid;
}

#endif
