/* The driver shared by every atomic_publish program: a producer fills a message and
 * then raises a `ready` flag; a consumer waits for the flag and then reads the message.
 * A variant file chooses only the memory orders of the flag's store and load
 * (PUBLISH_STORE_ORDER, PUBLISH_LOAD_ORDER) and includes this file, so the programs
 * differ exactly where the lesson is. */
#ifndef RACELAB_PUBLISH_H
#define RACELAB_PUBLISH_H

#include "racelab_case.h"
#include "timing_rail.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#if !defined(PUBLISH_STORE_ORDER) || !defined(PUBLISH_LOAD_ORDER)
#error "define PUBLISH_STORE_ORDER and PUBLISH_LOAD_ORDER before including publish.h"
#endif

/* The payload: plain (non-atomic) memory, as in real code (a buffer, a struct). */
struct message {
    int id;
    int length;
    int checksum;   /* id * 31 + length: a reader can tell a stale or half-written message */
};

#define MESSAGE_ID 7
#define MESSAGE_LENGTH 42
#define MESSAGE_CHECKSUM (MESSAGE_ID * 31 + MESSAGE_LENGTH)

static struct message mailbox;       /* starts all zero: "nothing yet" */
static atomic_int ready;             /* the flag that publishes the mailbox */
static timing_rail consumer_polling; /* scaffolding: the consumer has looked at the flag */

/* noinline (here and below): every tool must name the marked line as the top frame. */
__attribute__((noinline)) static void fill_mailbox(void)
{
    mailbox = (struct message){MESSAGE_ID, MESSAGE_LENGTH, MESSAGE_CHECKSUM}; /* racelab: payload_write */
}

static void *producer_main(void *arg)
{
    (void)arg;
    /* Publish only once the consumer is already watching the flag: the interesting
     * case, and it makes every tool's reports the same in every run. The rail orders
     * nothing (see timing_rail.h). */
    rail_wait(&consumer_polling);
    fill_mailbox();
    atomic_store_explicit(&ready, 1, PUBLISH_STORE_ORDER); /* racelab: flag_store */
    return NULL;
}

/* Spins on the flag; the yield keeps Valgrind's serialised scheduler fair. */
__attribute__((noinline)) static void wait_until_ready(void)
{
    for (;;) {
        bool published = atomic_load_explicit(&ready, PUBLISH_LOAD_ORDER); /* racelab: flag_load */
        rail_pass(&consumer_polling);
        if (published)
            return;
        rl_yield();
    }
}

/* The whole read is one line, so every tool names that line for each field it loads. */
__attribute__((noinline)) static bool mailbox_is_complete(void)
{
    return mailbox.id == MESSAGE_ID && mailbox.length == MESSAGE_LENGTH && mailbox.checksum == MESSAGE_CHECKSUM; /* racelab: payload_read */
}

static void *consumer_main(void *arg)
{
    wait_until_ready();
    *(bool *)arg = mailbox_is_complete();
    return NULL;
}

static int publish_run(void)
{
    bool complete = false;
    pthread_t producer, consumer;
    if (pthread_create(&consumer, NULL, consumer_main, &complete) != 0 ||
        pthread_create(&producer, NULL, producer_main, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(producer, NULL);
    pthread_join(consumer, NULL);

    if (!complete)   /* the joins order the mailbox: these reads are not races */
        return rl_result(false, "the consumer saw the flag but read a stale message: "
                         "id %d, length %d, checksum %d", mailbox.id, mailbox.length,
                         mailbox.checksum);
    return rl_result(true, "the consumer read the complete message %d", MESSAGE_ID);
}

#endif
