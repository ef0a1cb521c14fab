/* A child's output read through a cap: the first and the last bytes are kept, whatever is
 * in between is counted and dropped, so a program that writes gigabytes costs the harness
 * a fixed amount of memory and disk and its last line (the racelab-result) survives. */
#ifndef RACELAB_CAPTURE_H
#define RACELAB_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes kept from the start and from the end of each stream. */
#define RL_CAPTURE_HEAD ((size_t)1 << 20)
#define RL_CAPTURE_TAIL ((size_t)1 << 20)

typedef struct rl_capture {
    char *head;
    size_t head_len;
    char *tail;       /* a ring of RL_CAPTURE_TAIL bytes, allocated on first overflow */
    size_t tail_next; /* where the next byte goes */
    size_t tail_len;
    uint64_t total;   /* every byte seen */
} rl_capture;

void rl_capture_add(rl_capture *c, const char *data, size_t n);
/* Bytes seen but not kept. */
uint64_t rl_capture_dropped(const rl_capture *c);
/* Writes what was kept to `path` (created/truncated), with one line saying how much was
 * dropped between head and tail. Returns 0, or -1 with errno. */
int rl_capture_save(const rl_capture *c, const char *path);
void rl_capture_free(rl_capture *c);

#endif
