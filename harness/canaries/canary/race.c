/* racelab doctor's canary for the dynamic tools: two threads write one global with no
 * lock, so every race detector must report a data race on the marked lines, whatever the
 * schedule (the detectors reason about happens-before, not about luck). Self-contained:
 * no racelab helper is needed, so it builds wherever the tool's compiler works. */
#include <pthread.h>
#include <stdio.h>

static int shared;

static void *writer(void *arg)
{
    (void)arg;
    shared++; /* racelab: canary_write */
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, writer, NULL) != 0 || pthread_create(&b, NULL, writer, NULL) != 0)
        return 2;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    /* The race is there by construction; the native run only shows the program ran. */
    printf("racelab-result: bug: canary race (shared = %d)\n", shared);
    return 0;
}
