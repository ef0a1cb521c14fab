/* Python: the parent creates Pipe(), starts a writer process with one end and
 * reads from the other until the writer closes, but never closes its own copy of
 * the writer's end. In C: after fork() both processes hold both ends. The writer
 * sends its messages and closes its write end, but the reader still holds a write
 * end of its own, so the pipe still has a writer and read() waits forever instead
 * of returning end-of-file.
 *
 * The program proves that hang instead of waiting it out: a second thread of the
 * parent, the proof thread, watches until the writer has exited after sending every
 * message and the pipe is empty (see hang_proven). The reader itself is untouched. */
#include "pipe_msg.h"

#include <signal.h>
#include <sys/ioctl.h>

static const msg_stream stream = {.payload = 1024};
static const long count = 8;

static void send_messages(int write_end)
{
    unsigned char *rec = msg_alloc(&stream);
    for (long seq = 0; seq < count; seq++) {
        msg_fill(&stream, rec, 1, (uint32_t)seq);
        if (write_all(write_end, rec, msg_record_size(&stream)) != 0)
            rl_die("write");
    }
    free(rec);
}

/* What the proof thread watches: set before it starts, then only read. */
typedef struct open_end_proof {
    pid_t writer;
    int read_end;
} open_end_proof;

/* The reader's wait is certain to last forever once
 *   - the writer has exited, with status 0 (it wrote all `count` messages: write_all
 *     dies on an error): it will write nothing more, and its write end is closed;
 *   - the pipe is empty (FIONREAD: 0 bytes): the reader, the only one reading, has
 *     taken every byte the writer wrote, i.e. every message;
 *   - the only write end left is the reader's own ends[1], and the parent writes
 *     nothing into it.
 * Then the reader's next read() finds no data and a write end still open: it blocks,
 * and nothing can ever wake it. The checks look at the child's exit (waitid with
 * WNOWAIT: the child is left for rl_reap) and at the kernel's pipe buffer, never at
 * the reader's memory; no tool sees synchronisation in either. */
static bool hang_proven(void *arg)
{
    const open_end_proof *proof = arg;
    siginfo_t info = {0};
    if (waitid(P_PID, (id_t)proof->writer, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
        if (errno == EINTR)
            return false;
        rl_die("waitid");
    }
    if (info.si_pid != proof->writer)
        return false;                        /* still running */
    if (info.si_code != CLD_EXITED || info.si_status != 0) {
        fprintf(stderr, "writer %d did not exit cleanly (code %d, status %d)\n",
                (int)proof->writer, info.si_code, info.si_status);
        _exit(2);                            /* a set-up failure; the reader may never return */
    }
    int unread = -1;
    if (ioctl(proof->read_end, FIONREAD, &unread) != 0)
        rl_die("ioctl(FIONREAD)");
    return unread == 0;
}

static void *proof_main(void *arg)
{
    rl_poll_until(hang_proven, arg);
    rl_hang_proven("the reader never saw end-of-file: the writer exited after sending all %ld "
                   "messages and the reader has taken every byte from the pipe, yet it still "
                   "holds its own copy of the write end, so the pipe still has a writer and its "
                   "next read() can never return end-of-file", count);
}

int main(void)
{
    int ends[2];
    make_pipe(ends);
    pid_t writer = fork_or_die();
    if (writer == 0) {
        close_or_die(ends[0]);
        send_messages(ends[1]);
        close_or_die(ends[1]);   /* the writer is done: it expects the reader to see EOF */
        _exit(0);
    }
    /* The bug: the reader keeps ends[1], its own copy of the write end, open. */
    static open_end_proof proof;
    proof = (open_end_proof){.writer = writer, .read_end = ends[0]};
    pthread_t prover;
    if (pthread_create(&prover, NULL, proof_main, &proof) != 0)
        rl_die("pthread_create");
    /* The backstop, should the proof never complete: generous, but well inside the
     * harness's deadline (10 s, scaled like the watchdog). */
    rl_watchdog(5, "the reader never saw end-of-file: it still holds its own copy of the "
                    "write end, so the pipe still has a writer");
    msg_tally got = msg_read_until_eof(&stream, ends[0]);   /* blocks after the last message */
    rl_reap(writer, "child");
    return msg_verdict(&got, count);
}
