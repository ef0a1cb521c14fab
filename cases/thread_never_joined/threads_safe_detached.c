/* thread_never_joined, safe: each worker is detached right after it is created, which
 * tells glibc that nobody will join it: the thread releases its own stack when it
 * returns. Nothing is leaked, although nobody ever joins it. */
#include "racelab_case.h"

#include <pthread.h>

static void after_create(pthread_t worker)
{
    if (pthread_detach(worker) != 0)
        rl_die("pthread_detach");
}

static void after_done(pthread_t worker)
{
    (void)worker;   /* a detached thread must not be joined */
}

#include "workers.h"

int main(void)
{
    return workers_run();
}
