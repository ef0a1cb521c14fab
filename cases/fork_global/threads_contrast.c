/* fork_global, thread form, a correct program for contrast: the same global and the
 * same work, but in a thread. Threads share one address space, so the parent sees
 * what the thread wrote; pthread_join() orders the thread's writes before the reads
 * (the tutorial's join()), so there is no race either. */
#include "fork_global.h"

static results shared_for_real;

static void *thread_main(void *arg)
{
    (void)arg;
    results_fill(&shared_for_real);
    return NULL;
}

int main(void)
{
    results_reset(&shared_for_real);
    pthread_t worker;
    if (pthread_create(&worker, NULL, thread_main, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(worker, NULL);
    return results_verdict(&shared_for_real, "written by a thread of the same process");
}
