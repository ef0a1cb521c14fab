/* Python: Pipe(duplex=False) returns (receive_end, send_end); swap them and
 * send() raises "connection is read-only". In C nothing raises: pipe() fills
 * ends[0] with the read end and ends[1] with the write end, and a sender that mixes
 * them up gets write() == -1 with errno EBADF, which unchecked code never looks at.
 * Every message is silently lost, and the reader sees end-of-file after none. */
#include "pipe_msg.h"

static const msg_stream stream = {.payload = 1024};

int main(void)
{
    const long count = 8;
    int ends[2];
    make_pipe(ends);
    msg_tally *got = rl_shared_alloc(sizeof *got);   /* the reader's tally, for the parent */
    pid_t reader = fork_or_die();
    if (reader == 0) {
        close_or_die(ends[1]);
        *got = msg_read_until_eof(&stream, ends[0]);
        _exit(0);
    }
    /* The bug: "0 is for writing, isn't it?" The parent closes the real write end as
     * the one it does not need, and sends into the read end. */
    int send_end = ends[0];
    close(ends[1]);
    unsigned char *rec = msg_alloc(&stream);
    for (long seq = 0; seq < count; seq++) {
        msg_fill(&stream, rec, 1, (uint32_t)seq);
        write(send_end, rec, msg_record_size(&stream));   /* -1, EBADF: never checked */
    }
    free(rec);
    close(send_end);
    rl_reap(reader, "child");
    return msg_verdict(got, count);
}
