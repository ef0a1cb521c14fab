/* thread_never_joined, safe: main joins each worker once it is done; the join releases
 * the worker's stack and descriptor (and would hand over its return value). */
#include "racelab_case.h"

#include <pthread.h>

static void after_create(pthread_t worker)
{
    (void)worker;
}

static void after_done(pthread_t worker)
{
    if (pthread_join(worker, NULL) != 0)
        rl_die("pthread_join");
}

#include "workers.h"

int main(void)
{
    return workers_run();
}
