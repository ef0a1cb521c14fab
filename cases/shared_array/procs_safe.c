/* shared_array, process form, safe: a process-shared recursive mutex that lives in
 * the same MAP_SHARED page as the array (multiprocessing.Array's own RLock). A mutex
 * in private memory would be copied by fork: each child would lock its own copy. */
#include "shared_array.h"

typedef struct locked_array {
    pthread_mutex_t lock;
    int values[ARRAY_LEN];
} locked_array;

static locked_array *arr;

static void setup(void)
{
    static const int initial[ARRAY_LEN] = ARRAY_INITIAL;
    arr = rl_shared_alloc(sizeof *arr);
    memcpy(arr->values, initial, sizeof initial);
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) != 0 ||
        pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED) != 0 ||
        pthread_mutex_init(&arr->lock, &attr) != 0)
        rl_die("process-shared recursive mutex");
    pthread_mutexattr_destroy(&attr);
}

/* Safe on its own: it takes the lock itself. */
__attribute__((noinline)) static void read_back(array_view *seen)
{
    pthread_mutex_lock(&arr->lock);   /* second acquisition by the same process */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr->values[k];
    pthread_mutex_unlock(&arr->lock);
}

__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    pthread_mutex_lock(&arr->lock);
    arr->values[0] = array_written_by(worker);
    rl_yield();
    read_back(seen);
    pthread_mutex_unlock(&arr->lock);
}

int main(void)
{
    const shared_array_variant safe = {setup, write_then_read_back};
    return array_run_processes(&safe);
}
