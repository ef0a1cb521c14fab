/* double_checked_init, unsafe: classic double-checked locking on a plain pointer.
 * The first check reads `instance` without the lock, while another thread may be
 * writing it under the lock: a data race. Worse, a thread that sees the pointer set
 * skips the lock, so nothing orders its reads of the object after the writes that
 * built it: it may see a half-built object (the compiler or the CPU may make the
 * pointer visible before the fields). */
#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

/* The lock that guards instance, as -Wthread-safety is told: the publication and the
 * second check hold it, the first check does not, which is the bug. */
static rl_lock instance_lock = RL_LOCK_INITIALIZER;
static struct config *instance RL_GUARDED_BY(instance_lock);

__attribute__((noinline)) static struct config *get_config(void)
{
    struct config *c = instance; /* racelab: dcl_check */
    if (c == NULL) {
        rl_lock_acquire(&instance_lock);
        c = instance;            /* the second check, under the lock */
        if (c == NULL) {
            c = config_build();
            instance = c;        /* racelab: dcl_publish */
        }
        rl_lock_release(&instance_lock);
    }
    return c;
}

#include "lazy_config.h"

int main(void)
{
    return lazy_config_run();
}
