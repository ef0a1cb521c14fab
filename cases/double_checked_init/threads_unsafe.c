/* double_checked_init, unsafe: classic double-checked locking on a plain pointer.
 * The first check reads `instance` without the lock, while another thread may be
 * writing it under the lock: a data race. Worse, a thread that sees the pointer set
 * skips the lock, so nothing orders its reads of the object after the writes that
 * built it: it may see a half-built object (the compiler or the CPU may make the
 * pointer visible before the fields). */
#include "racelab_case.h"

#include <pthread.h>
#include <stddef.h>

struct config;
static struct config *config_build(void);

static struct config *instance;
static pthread_mutex_t instance_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) static struct config *get_config(void)
{
    struct config *c = instance; /* racelab: dcl_check */
    if (c == NULL) {
        pthread_mutex_lock(&instance_lock);
        c = instance;            /* the second check, under the lock */
        if (c == NULL) {
            c = config_build();
            instance = c;        /* racelab: dcl_publish */
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
