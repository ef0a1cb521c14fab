/* queue_handoff, process form, correct: the same bounded queue as the thread form, put in
 * a MAP_SHARED page with PTHREAD_PROCESS_SHARED mutex and condition variables; a producer
 * child puts, the consumer parent gets. The tally is the parent's own. */
#include "handoff.h"
#include "handoff_queue.h"

#include <time.h>

/* The producer has some set-up to do before its first item (here: a pause), so the
 * consumer is always already waiting in get() when the first item arrives. That makes
 * the wake-up across processes happen in every run, and with it Helgrind's false alarm
 * (see README): the report is measured, not left to timing. */
#define PRODUCER_SETUP_MS 100

static void producer_setup(void)
{
    struct timespec pause = {.tv_sec = 0, .tv_nsec = PRODUCER_SETUP_MS * 1000000L};
    nanosleep(&pause, NULL);
}

int main(void)
{
    long items = rl_size(HANDOFF_ITEMS_FULL, HANDOFF_ITEMS_SMALL);
    handoff_queue *queue = rl_shared_alloc(sizeof *queue);
    handoff_queue_init(queue, true);
    fflush(stdout);
    pid_t producer = fork();
    if (producer < 0)
        rl_die("fork");
    if (producer == 0) {
        producer_setup();
        for (long item = 1; item <= items; item++)
            handoff_put(queue, item);
        handoff_put(queue, HANDOFF_SENTINEL);
        _exit(0);
    }
    handoff_tally tally = {0};
    for (long item; (item = handoff_get(queue)) != HANDOFF_SENTINEL;)
        tally_item(&tally, item);
    rl_reap(producer, "queue_handoff child");
    handoff_queue_destroy(queue);
    return handoff_verdict(&tally, items);
}
