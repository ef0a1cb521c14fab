/* double_checked_init, safe: pthread_once runs the initialiser exactly once, and
 * every return from pthread_once happens-after the initialiser finished, so the
 * object is whole for every caller. */
#include "racelab_case.h"

#include <pthread.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

static struct config *instance;
static pthread_once_t instance_once = PTHREAD_ONCE_INIT;

static void build_instance(void)
{
    instance = config_build(); /* racelab: once_publish */
}

__attribute__((noinline)) static struct config *get_config(void)
{
    pthread_once(&instance_once, build_instance);
    struct config *c = instance; /* racelab: once_read */
    if (c == NULL)
        rl_die("pthread_once returned before the initialiser had run");
    return c;
}

#include "lazy_config.h"

int main(void)
{
    return lazy_config_run();
}
