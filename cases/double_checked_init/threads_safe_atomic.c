/* double_checked_init, safe: double-checked locking done right. The pointer is an
 * atomic; the unlocked check is an acquire load and the publication a release store,
 * so a thread that sees the pointer also sees every write that built the object. The
 * check under the lock may be relaxed: the mutex already orders it. */
#include "racelab_case.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

static _Atomic(struct config *) instance;
static pthread_mutex_t instance_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) static struct config *get_config(void)
{
    struct config *c = atomic_load_explicit(&instance, memory_order_acquire); /* racelab: acquire_check */
    if (c == NULL) {
        pthread_mutex_lock(&instance_lock);
        c = atomic_load_explicit(&instance, memory_order_relaxed);
        if (c == NULL) {
            c = config_build();
            atomic_store_explicit(&instance, c, memory_order_release); /* racelab: release_publish */
        }
        pthread_mutex_unlock(&instance_lock);
    }
    return c;
}

#include "lazy_config.h"

int main(void)
{
    return lazy_config_run();
}
