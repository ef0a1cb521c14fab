/* The driver of the two-writers-one-end programs: two writers (processes or
 * threads) send messages of 64 KiB, far larger than PIPE_BUF, through the same pipe
 * write end, and one reader checks every message. The only difference between the
 * unsafe and the safe variants is `frame_lock`: NULL, or a mutex each writer holds
 * for the whole of one message (process-shared in the process form). */
#ifndef PIPE_MISUSE_INTERLEAVE_H
#define PIPE_MISUSE_INTERLEAVE_H

#include "pipe_msg.h"

static const msg_stream interleave_stream = {.payload = 64 * 1024,   /* 16 x PIPE_BUF */
                                            .read_pause_us = 100};

static inline long messages_per_writer(void)
{
    return rl_size(4, 2);
}

typedef struct writer_job {
    int write_end;
    uint32_t writer;
    rl_gate *gate;
    pthread_mutex_t *frame_lock;
} writer_job;

static void send_messages(const writer_job *job)
{
    const msg_stream *s = &interleave_stream;
    unsigned char *rec = msg_alloc(s);
    rl_gate_wait(job->gate);   /* both writers start together */
    for (long seq = 0; seq < messages_per_writer(); seq++) {
        msg_fill(s, rec, job->writer, (uint32_t)seq);
        if (job->frame_lock != NULL && pthread_mutex_lock(job->frame_lock) != 0)
            rl_die("pthread_mutex_lock");
        /* One message, one write_all. The kernel copies it in pipe-sized chunks as
         * the reader makes room; only frame_lock keeps the other writer out between
         * two chunks. */
        if (write_all(job->write_end, rec, msg_record_size(s)) != 0)
            rl_die("write");
        if (job->frame_lock != NULL && pthread_mutex_unlock(job->frame_lock) != 0)
            rl_die("pthread_mutex_unlock");
    }
    free(rec);
}

static inline int interleave_verdict(const msg_tally *got)
{
    return msg_verdict(got, 2 * messages_per_writer());
}

/* ---- process form: the parent reads, two forked children write ---- */

static inline pthread_mutex_t *shared_frame_lock(void)
{
    pthread_mutex_t *lock = rl_shared_alloc(sizeof *lock);
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED) != 0 ||
        pthread_mutex_init(lock, &attr) != 0)
        rl_die("pthread_mutex_init");
    pthread_mutexattr_destroy(&attr);
    return lock;
}

static inline int interleave_run_procs(pthread_mutex_t *frame_lock)
{
    int ends[2];
    make_pipe(ends);
    shrink_pipe(ends[1]);
    rl_gate *gate = rl_gate_new_shared(2);
    pid_t writers[2];
    for (uint32_t w = 1; w <= 2; w++) {
        writers[w - 1] = fork_or_die();
        if (writers[w - 1] == 0) {
            close_or_die(ends[0]);   /* a writer never reads */
            writer_job job = {ends[1], w, gate, frame_lock};
            send_messages(&job);
            close_or_die(ends[1]);
            _exit(0);
        }
    }
    close_or_die(ends[1]);   /* the reader's copy: EOF comes once both writers close theirs */
    msg_tally got = msg_read_until_eof(&interleave_stream, ends[0]);
    close_or_die(ends[0]);
    rl_reap(writers[0], "child");
    rl_reap(writers[1], "child");
    return interleave_verdict(&got);
}

/* ---- thread form: the same, as three threads of one process ---- */

static void *writer_thread(void *arg)
{
    send_messages(arg);
    return NULL;
}

typedef struct reader_job {
    int read_end;
    msg_tally got;
} reader_job;

static void *reader_thread(void *arg)
{
    reader_job *job = arg;
    job->got = msg_read_until_eof(&interleave_stream, job->read_end);
    return NULL;
}

static inline void start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    if (pthread_create(t, NULL, fn, arg) != 0)
        rl_die("pthread_create");
}

static inline int interleave_run_threads(pthread_mutex_t *frame_lock)
{
    int ends[2];
    make_pipe(ends);
    shrink_pipe(ends[1]);
    rl_gate *gate = rl_gate_new(2);
    writer_job jobs[2] = {{ends[1], 1, gate, frame_lock}, {ends[1], 2, gate, frame_lock}};
    reader_job reader = {.read_end = ends[0]};
    pthread_t writers[2], reader_tid;
    start_thread(&reader_tid, reader_thread, &reader);
    start_thread(&writers[0], writer_thread, &jobs[0]);
    start_thread(&writers[1], writer_thread, &jobs[1]);
    pthread_join(writers[0], NULL);
    pthread_join(writers[1], NULL);
    close_or_die(ends[1]);   /* the only write end: the reader sees EOF */
    pthread_join(reader_tid, NULL);
    close_or_die(ends[0]);
    return interleave_verdict(&reader.got);
}

#endif
