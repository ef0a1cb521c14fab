/* double_checked_init, safe: double-checked locking done right. The pointer is an
 * atomic; the unlocked check is an acquire load and the publication a release store,
 * so a thread that sees the pointer also sees every write that built the object. The
 * check under the lock may be relaxed: the mutex already orders it. */
#include "racelab_case.h"
#include "rl_lock.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

/* Not RL_GUARDED_BY(instance_lock): the pointer is an atomic read on purpose without the
 * lock; the lock only makes sure one thread builds the object. */
static _Atomic(struct config *) instance;
static rl_lock instance_lock = RL_LOCK_INITIALIZER;

__attribute__((noinline)) static struct config *get_config(void)
{
    struct config *c = atomic_load_explicit(&instance, memory_order_acquire); /* racelab: acquire_check */
    if (c == NULL) {
        rl_lock_acquire(&instance_lock);
        c = atomic_load_explicit(&instance, memory_order_relaxed);
        if (c == NULL) {
            c = config_build();
            atomic_store_explicit(&instance, c, memory_order_release); /* racelab: release_publish */
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
