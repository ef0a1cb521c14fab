/* Python: the parent creates Pipe(), starts a writer process with one end and
 * reads from the other until the writer closes, but never closes its own copy of
 * the writer's end. In C: after fork() both processes hold both ends. The writer
 * sends its messages and closes its write end, but the reader still holds a write
 * end of its own, so the pipe still has a writer and read() waits forever instead
 * of returning end-of-file. The watchdog turns that hang into the verdict. */
#include "pipe_msg.h"

static const msg_stream stream = {.payload = 1024};

static void send_messages(int write_end, long count)
{
    unsigned char *rec = msg_alloc(&stream);
    for (long seq = 0; seq < count; seq++) {
        msg_fill(&stream, rec, 1, (uint32_t)seq);
        if (write_all(write_end, rec, msg_record_size(&stream)) != 0)
            rl_die("write");
    }
    free(rec);
}

int main(void)
{
    const long count = 8;
    int ends[2];
    make_pipe(ends);
    pid_t writer = fork_or_die();
    if (writer == 0) {
        close_or_die(ends[0]);
        send_messages(ends[1], count);
        close_or_die(ends[1]);   /* the writer is done: it expects the reader to see EOF */
        _exit(0);
    }
    /* The bug: the reader keeps ends[1], its own copy of the write end, open. */
    rl_watchdog(0.5, "the reader never saw end-of-file: it still holds its own copy of the "
                     "write end, so the pipe still has a writer");
    msg_tally got = msg_read_until_eof(&stream, ends[0]);   /* blocks after the last message */
    rl_reap(writer, "child");
    return msg_verdict(&got, count);
}
