/* queue_handoff, thread form, correct: a producer thread and a consumer thread share a
 * queue.Queue-like bounded queue (mutex + two condition variables). Every access to the
 * queue is under its lock, and the tally is read after the consumer is joined. */
#include "handoff.h"
#include "handoff_queue.h"

static handoff_queue queue;
static handoff_tally tally;   /* the consumer's; read by main after the join */
static long items;

static void *producer_main(void *arg)
{
    (void)arg;
    for (long item = 1; item <= items; item++)
        handoff_put(&queue, item);
    handoff_put(&queue, HANDOFF_SENTINEL);
    return NULL;
}

static void *consumer_main(void *arg)
{
    (void)arg;
    for (long item; (item = handoff_get(&queue)) != HANDOFF_SENTINEL;)
        tally_item(&tally, item);
    return NULL;
}

int main(void)
{
    items = rl_size(HANDOFF_ITEMS_FULL, HANDOFF_ITEMS_SMALL);
    handoff_queue_init(&queue, false);
    pthread_t producer, consumer;
    if (pthread_create(&consumer, NULL, consumer_main, NULL) != 0 ||
        pthread_create(&producer, NULL, producer_main, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(producer, NULL);
    pthread_join(consumer, NULL);
    handoff_queue_destroy(&queue);
    return handoff_verdict(&tally, items);
}
