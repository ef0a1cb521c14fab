/* The driver shared by every manager_rmw program: Python's multiprocessing.Manager in C.
 *
 * A server owns a small dictionary (an array of counters indexed by key). Clients never
 * touch it: every operation is one request to the server and one reply, like a call on a
 * Manager proxy. The server handles one request at a time, so each single operation is
 * atomic; what a client builds out of two requests is not.
 *
 * Two transports carry the same requests:
 *   - thread form: the server is a thread; requests go through a queue guarded by a mutex
 *     and a condition variable, each client waits for its reply on its own condition
 *     variable (a proxy call is a blocking round trip);
 *   - process form: the server is a forked process; each client process has its own
 *     socketpair to it (the Manager's connection per proxy), and the server polls them.
 * A variant file supplies only what a client does in one round (`client_round`), through
 * the proxy calls below: manager_get/manager_set/manager_incr/manager_lock/manager_unlock. */
#ifndef RACELAB_MANAGER_H
#define RACELAB_MANAGER_H

#include "racelab_case.h"
#include "rl_lock.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MANAGER_CLIENTS 2                       /* workers doing increments */
#define MANAGER_CONNECTIONS (MANAGER_CLIENTS + 1)   /* + the parent, which reads the total */
#define MANAGER_PARENT MANAGER_CLIENTS
#define MANAGER_KEYS 4
#define COUNTER_KEY 1                           /* d["count"] */

/* Each client increments d[COUNTER_KEY] this many times. Natively the yield between
 * get and set makes the other client's get land in between nearly every round; under a
 * detector a few rounds are plenty (there is nothing for it to find anyway). */
#define MANAGER_ROUNDS_FULL 1000
#define MANAGER_ROUNDS_SMALL 10

typedef enum manager_op { OP_GET, OP_SET, OP_INCR, OP_LOCK, OP_UNLOCK, OP_STOP } manager_op;

typedef struct manager_request {
    int client;        /* which connection the reply goes back on */
    manager_op op;
    int key;
    long value;
} manager_request;

typedef struct manager_reply {
    long value;
} manager_reply;

/* ---- the server's state and logic: the same for both forms ---------------------------- */

/* The manager's Lock(): a lock object that lives in the server. A LOCK request on a held
 * lock gets no reply until the holder's UNLOCK, which is how the client blocks. */
typedef struct manager_state {
    long dict[MANAGER_KEYS];
    int lock_owner;                              /* -1: free */
    int lock_waiters[MANAGER_CONNECTIONS];       /* FIFO of clients waiting in LOCK */
    int waiting;
    bool stopped;
} manager_state;

typedef void (*reply_fn)(void *transport, int client, manager_reply reply);

static inline void manager_state_init(manager_state *s)
{
    for (int k = 0; k < MANAGER_KEYS; k++)
        s->dict[k] = 0;
    s->lock_owner = -1;
    s->waiting = 0;
    s->stopped = false;
}

static inline void manager_handle(manager_state *s, const manager_request *rq, reply_fn reply, void *transport)
{
    manager_reply r = {0};
    switch (rq->op) {
    case OP_GET:
        r.value = s->dict[rq->key];
        break;
    case OP_SET:
        s->dict[rq->key] = rq->value;
        break;
    case OP_INCR:                      /* the read-modify-write done where the data is */
        r.value = s->dict[rq->key] += rq->value;
        break;
    case OP_LOCK:
        if (s->lock_owner >= 0) {      /* reply later, when the holder unlocks */
            s->lock_waiters[s->waiting++] = rq->client;
            return;
        }
        s->lock_owner = rq->client;
        break;
    case OP_UNLOCK:
        if (s->lock_owner != rq->client)
            rl_die("manager: unlock by a client that does not hold the lock");
        s->lock_owner = -1;
        if (s->waiting > 0) {
            s->lock_owner = s->lock_waiters[0];
            for (int i = 1; i < s->waiting; i++)
                s->lock_waiters[i - 1] = s->lock_waiters[i];
            s->waiting--;
            reply(transport, s->lock_owner, (manager_reply){0});
        }
        break;
    case OP_STOP:
        s->stopped = true;
        break;
    }
    reply(transport, rq->client, r);
}

/* ---- the proxy: what a client calls ------------------------------------------------------ */

typedef struct manager_proxy {
    int client;
    manager_reply (*call)(struct manager_proxy *self, manager_request rq);
    void *transport;
} manager_proxy;

static inline long manager_request_of(manager_proxy *p, manager_op op, int key, long value)
{
    manager_request rq = {p->client, op, key, value};
    return p->call(p, rq).value;
}

static inline long manager_get(manager_proxy *p, int key) { return manager_request_of(p, OP_GET, key, 0); }
static inline void manager_set(manager_proxy *p, int key, long v) { manager_request_of(p, OP_SET, key, v); }
static inline long manager_incr(manager_proxy *p, int key, long by) { return manager_request_of(p, OP_INCR, key, by); }
static inline void manager_lock(manager_proxy *p) { manager_request_of(p, OP_LOCK, 0, 0); }
static inline void manager_unlock(manager_proxy *p) { manager_request_of(p, OP_UNLOCK, 0, 0); }
static inline void manager_stop(manager_proxy *p) { manager_request_of(p, OP_STOP, 0, 0); }

/* One round of a client: increment d[COUNTER_KEY] by one, somehow. */
typedef void (*client_round_fn)(manager_proxy *p);

typedef struct client_args {
    manager_proxy proxy;
    client_round_fn round;
    long rounds;
    rl_gate *gate;
} client_args;

static inline void client_work(client_args *c)
{
    rl_gate_wait(c->gate);   /* both clients start together, so their rounds overlap */
    for (long i = 0; i < c->rounds; i++)
        c->round(&c->proxy);
}

static inline int manager_verdict(long total, long rounds)
{
    long expected = (long)MANAGER_CLIENTS * rounds;
    if (total != expected)
        return rl_result(false, "lost updates: d[count] = %ld after %d clients did %ld increments "
                         "each through the manager, expected %ld", total, MANAGER_CLIENTS, rounds, expected);
    return rl_result(true, "d[count] = %ld after %d clients did %ld increments each",
                     total, MANAGER_CLIENTS, rounds);
}

/* ---- thread form: a server thread and a request queue --------------------------------- */

/* The channel's lock guards the request queue and the mailboxes. -Wthread-safety can name
 * a lock in C only through a global, not a sibling field, so the fields are declared
 * guarded by *channel_lock, which manager_run_threads points at the one channel's lock,
 * and channel_lock_of() tells the analysis that a channel's lock is that one. */
static rl_lock *channel_lock;

typedef struct mailbox {
    pthread_cond_t replied;
    bool ready RL_GUARDED_BY(*channel_lock);
    manager_reply reply RL_GUARDED_BY(*channel_lock);
} mailbox;

typedef struct thread_channel {
    rl_lock lock;
    pthread_cond_t request_ready;
    /* at most one outstanding request per client */
    manager_request queue[MANAGER_CONNECTIONS] RL_GUARDED_BY(*channel_lock);
    int head RL_GUARDED_BY(*channel_lock);
    int count RL_GUARDED_BY(*channel_lock);
    mailbox boxes[MANAGER_CONNECTIONS];
    manager_state state;                           /* touched by the server thread only */
} thread_channel;

static inline rl_lock *channel_lock_of(thread_channel *ch) RL_LOCK_RETURNED(*channel_lock)
{
    return &ch->lock;
}

static inline manager_reply thread_call(manager_proxy *p, manager_request rq)
{
    thread_channel *ch = p->transport;
    mailbox *box = &ch->boxes[p->client];
    rl_lock_acquire(channel_lock_of(ch));
    ch->queue[(ch->head + ch->count) % MANAGER_CONNECTIONS] = rq;
    ch->count++;
    pthread_cond_signal(&ch->request_ready);
    while (!box->ready)
        pthread_cond_wait(&box->replied, &channel_lock_of(ch)->mutex);
    box->ready = false;
    manager_reply r = box->reply;
    rl_lock_release(channel_lock_of(ch));
    return r;
}

static inline void thread_reply(void *transport, int client, manager_reply reply)
{
    thread_channel *ch = transport;
    rl_lock_acquire(channel_lock_of(ch));
    ch->boxes[client].reply = reply;
    ch->boxes[client].ready = true;
    pthread_cond_signal(&ch->boxes[client].replied);
    rl_lock_release(channel_lock_of(ch));
}

static inline void *thread_server_main(void *arg)
{
    thread_channel *ch = arg;
    while (!ch->state.stopped) {
        rl_lock_acquire(channel_lock_of(ch));
        while (ch->count == 0)
            pthread_cond_wait(&ch->request_ready, &channel_lock_of(ch)->mutex);
        manager_request rq = ch->queue[ch->head];
        ch->head = (ch->head + 1) % MANAGER_CONNECTIONS;
        ch->count--;
        rl_lock_release(channel_lock_of(ch));
        manager_handle(&ch->state, &rq, thread_reply, ch);
    }
    return NULL;
}

static inline void *thread_client_main(void *arg)
{
    client_work(arg);
    return NULL;
}

static inline int manager_run_threads(client_round_fn round)
{
    long rounds = rl_size(MANAGER_ROUNDS_FULL, MANAGER_ROUNDS_SMALL);
    thread_channel *ch = calloc(1, sizeof *ch);
    if (ch == NULL)
        rl_die("calloc");
    rl_lock_init(&ch->lock, false, false);
    channel_lock = &ch->lock;
    if (pthread_cond_init(&ch->request_ready, NULL) != 0)
        rl_die("pthread_cond_init");
    for (int c = 0; c < MANAGER_CONNECTIONS; c++)
        if (pthread_cond_init(&ch->boxes[c].replied, NULL) != 0)
            rl_die("pthread_cond_init");
    manager_state_init(&ch->state);

    pthread_t server, clients[MANAGER_CLIENTS];
    if (pthread_create(&server, NULL, thread_server_main, ch) != 0)
        rl_die("pthread_create");
    rl_gate *gate = rl_gate_new(MANAGER_CLIENTS);
    client_args args[MANAGER_CLIENTS];
    for (int c = 0; c < MANAGER_CLIENTS; c++) {
        args[c] = (client_args){{c, thread_call, ch}, round, rounds, gate};
        if (pthread_create(&clients[c], NULL, thread_client_main, &args[c]) != 0)
            rl_die("pthread_create");
    }
    for (int c = 0; c < MANAGER_CLIENTS; c++)
        pthread_join(clients[c], NULL);

    manager_proxy parent = {MANAGER_PARENT, thread_call, ch};
    long total = manager_get(&parent, COUNTER_KEY);
    manager_stop(&parent);
    pthread_join(server, NULL);
    return manager_verdict(total, rounds);
}

/* ---- process form: a server process and a socketpair per connection ------------------- */

typedef struct process_channel {
    int server_end[MANAGER_CONNECTIONS];
    int client_end[MANAGER_CONNECTIONS];
} process_channel;

static inline void send_exactly(int fd, const void *buf, size_t len)
{
    ssize_t n;
    do
        n = send(fd, buf, len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)len)
        rl_die("manager: send");
}

static inline void recv_exactly(int fd, void *buf, size_t len)
{
    ssize_t n;
    do
        n = recv(fd, buf, len, 0);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)len)
        rl_die("manager: recv");
}

static inline manager_reply process_call(manager_proxy *p, manager_request rq)
{
    process_channel *ch = p->transport;
    manager_reply r;
    send_exactly(ch->client_end[p->client], &rq, sizeof rq);
    recv_exactly(ch->client_end[p->client], &r, sizeof r);
    return r;
}

static inline void process_reply(void *transport, int client, manager_reply reply)
{
    process_channel *ch = transport;
    send_exactly(ch->server_end[client], &reply, sizeof reply);
}

static inline void process_server_main(process_channel *ch)
{
    manager_state state;
    manager_state_init(&state);
    struct pollfd fds[MANAGER_CONNECTIONS];
    for (int c = 0; c < MANAGER_CONNECTIONS; c++)
        fds[c] = (struct pollfd){.fd = ch->server_end[c], .events = POLLIN};
    while (!state.stopped) {
        if (poll(fds, MANAGER_CONNECTIONS, -1) < 0) {
            if (errno == EINTR)
                continue;
            rl_die("manager: poll");
        }
        for (int c = 0; c < MANAGER_CONNECTIONS && !state.stopped; c++) {
            if (!(fds[c].revents & POLLIN))
                continue;
            manager_request rq;
            recv_exactly(fds[c].fd, &rq, sizeof rq);
            manager_handle(&state, &rq, process_reply, ch);
        }
    }
}

static inline pid_t fork_or_die(void)
{
    fflush(stdout);   /* nothing buffered may be printed twice by a child */
    pid_t pid = fork();
    if (pid < 0)
        rl_die("fork");
    return pid;
}

static inline int manager_run_processes(client_round_fn round)
{
    long rounds = rl_size(MANAGER_ROUNDS_FULL, MANAGER_ROUNDS_SMALL);
    process_channel ch;
    for (int c = 0; c < MANAGER_CONNECTIONS; c++) {
        int pair[2];
        /* SEQPACKET keeps each request one message, as a Manager connection frames them */
        if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, pair) != 0)
            rl_die("socketpair");
        ch.server_end[c] = pair[0];
        ch.client_end[c] = pair[1];
    }
    pid_t server = fork_or_die();
    if (server == 0) {
        process_server_main(&ch);
        _exit(0);
    }
    rl_gate *gate = rl_gate_new_shared(MANAGER_CLIENTS);
    pid_t clients[MANAGER_CLIENTS];
    for (int c = 0; c < MANAGER_CLIENTS; c++) {
        clients[c] = fork_or_die();
        if (clients[c] == 0) {
            client_args args = {{c, process_call, &ch}, round, rounds, gate};
            client_work(&args);
            _exit(0);
        }
    }
    for (int c = 0; c < MANAGER_CLIENTS; c++)
        rl_reap(clients[c], "manager_rmw child");

    manager_proxy parent = {MANAGER_PARENT, process_call, &ch};
    long total = manager_get(&parent, COUNTER_KEY);
    manager_stop(&parent);
    rl_reap(server, "manager_rmw child");
    return manager_verdict(total, rounds);
}

#endif
