/* shared_array, thread form, safe: the tutorial's RLock. One recursive mutex is
 * held across the write and the read-back; the read-back helper takes the same
 * lock again (it may also be called on its own), which only a recursive mutex
 * allows: a plain mutex would deadlock on the second lock. */
#include "shared_array.h"

static int arr[ARRAY_LEN] = ARRAY_INITIAL;
static pthread_mutex_t arr_lock;

static void setup(void)
{
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) != 0 ||
        pthread_mutex_init(&arr_lock, &attr) != 0)
        rl_die("recursive mutex");
    pthread_mutexattr_destroy(&attr);
}

/* Safe on its own: it takes the lock itself. */
__attribute__((noinline)) static void read_back(array_view *seen)
{
    pthread_mutex_lock(&arr_lock);   /* second acquisition by the same thread */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr[k];
    pthread_mutex_unlock(&arr_lock);
}

__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    pthread_mutex_lock(&arr_lock);
    arr[0] = array_written_by(worker);
    rl_yield();    /* other workers may run, but they wait for the lock */
    read_back(seen);
    pthread_mutex_unlock(&arr_lock);
}

int main(void)
{
    const shared_array_variant safe = {setup, write_then_read_back};
    return array_run_threads(&safe);
}
