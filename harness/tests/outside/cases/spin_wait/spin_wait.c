/* A flag spin-wait without atomics: `while (!ready) ;` on a plain int. At -O1 and above
 * the compiler may hoist the load out of the loop (an endless loop): ground truth for
 * this program is taken at -O0, where the loop re-reads the flag. */
#include <pthread.h>
#include <stdio.h>

static int ready;
static int payload;

static void *producer(void *arg)
{
    (void)arg;
    payload = 42;      /* racelab: payload_write */
    ready = 1;         /* racelab: ready_write */
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, producer, NULL);
    while (!ready)     /* racelab: ready_read */
        ;
    int got = payload; /* racelab: payload_read */
    pthread_join(t, NULL);
    printf("payload %d\n", got);
    return got == 42 ? 0 : 1;
}
