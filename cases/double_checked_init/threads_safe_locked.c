/* double_checked_init, safe: no double check at all. Every call takes the lock; the
 * cost is one uncontended lock per call, which is what the double check was trying
 * to save. */
#include "racelab_case.h"

#include <pthread.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

static struct config *instance;
static pthread_mutex_t instance_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) static struct config *get_config(void)
{
    pthread_mutex_lock(&instance_lock);
    if (instance == NULL)
        instance = config_build();
    struct config *c = instance;
    pthread_mutex_unlock(&instance_lock);
    return c;
}

#include "lazy_config.h"

int main(void)
{
    return lazy_config_run();
}
