/* thread_never_joined, unsafe: every worker is created joinable and then forgotten:
 * main neither joins nor detaches it. Each finished worker stays a zombie holding its
 * stack until the process exits. */
#include <pthread.h>

static void after_create(pthread_t worker)
{
    (void)worker;
}

static void after_done(pthread_t worker)
{
    (void)worker;   /* the bug: no pthread_join, no pthread_detach */
}

#include "workers.h"

int main(void)
{
    return workers_run();
}
