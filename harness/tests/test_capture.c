/* The output cap: whatever the chunk sizes, the first and last RL_CAPTURE_HEAD/TAIL bytes
 * are kept in order, the count of dropped bytes is exact and said between them, and short
 * output is kept whole with no note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "capture.h"
#include "fsutil.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char pattern(uint64_t i)
{
    return (char)('a' + i % 23);
}

/* Feeds `total` bytes of the pattern in chunks of varying size, saves, reads back. */
static char *capture_and_save(uint64_t total, size_t *len, rl_capture *c)
{
    char chunk[70001];
    uint64_t fed = 0;
    for (size_t size = 1; fed < total; size = size * 7 % sizeof chunk + 1) {
        size_t n = total - fed < size ? (size_t)(total - fed) : size;
        for (size_t i = 0; i < n; i++)
            chunk[i] = pattern(fed + i);
        rl_capture_add(c, chunk, n);
        fed += n;
    }
    char path[] = "/tmp/racelab-test-capture-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(rl_capture_save(c, path), 0);
    char *text = rl_read_file(path, len);
    unlink(path);
    return text;
}

static void long_output_keeps_head_and_tail(void **state)
{
    (void)state;
    uint64_t total = 5 * RL_CAPTURE_HEAD + 12345;
    rl_capture c = {0};
    size_t len = 0;
    char *text = capture_and_save(total, &len, &c);
    uint64_t dropped = total - RL_CAPTURE_HEAD - RL_CAPTURE_TAIL;
    assert_int_equal(rl_capture_dropped(&c), dropped);
    for (size_t i = 0; i < RL_CAPTURE_HEAD; i++)
        if (text[i] != pattern(i))
            fail_msg("head byte %zu", i);
    char note[96];
    int note_len = snprintf(note, sizeof note, "\n[racelab: %llu bytes dropped here]\n",
                            (unsigned long long)dropped);
    assert_memory_equal(text + RL_CAPTURE_HEAD, note, (size_t)note_len);
    const char *tail = text + RL_CAPTURE_HEAD + note_len;
    assert_int_equal(len, RL_CAPTURE_HEAD + (size_t)note_len + RL_CAPTURE_TAIL);
    for (size_t i = 0; i < RL_CAPTURE_TAIL; i++)
        if (tail[i] != pattern(total - RL_CAPTURE_TAIL + i))
            fail_msg("tail byte %zu", i);
    rl_capture_free(&c);
    free(text);
}

static void short_output_is_kept_whole(void **state)
{
    (void)state;
    uint64_t total = RL_CAPTURE_HEAD + 1000; /* into the tail, nothing dropped */
    rl_capture c = {0};
    size_t len = 0;
    char *text = capture_and_save(total, &len, &c);
    assert_int_equal(rl_capture_dropped(&c), 0);
    assert_int_equal(len, total);
    for (size_t i = 0; i < total; i++)
        if (text[i] != pattern(i))
            fail_msg("byte %zu", i);
    rl_capture_free(&c);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_output_keeps_head_and_tail),
        cmocka_unit_test(short_output_is_kept_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
