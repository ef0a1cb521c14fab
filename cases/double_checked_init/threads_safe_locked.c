/* double_checked_init, safe: no double check at all. Every call takes the lock; the
 * cost is one uncontended lock per call, which is what the double check was trying
 * to save. */
#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

static rl_lock instance_lock = RL_LOCK_INITIALIZER;
static struct config *instance RL_GUARDED_BY(instance_lock);

__attribute__((noinline)) static struct config *get_config(void)
{
    rl_lock_acquire(&instance_lock);
    if (instance == NULL)
        instance = config_build();
    struct config *c = instance;
    rl_lock_release(&instance_lock);
    return c;
}

#include "lazy_config.h"

int main(void)
{
    return lazy_config_run();
}
