/* shared_array, process form, safe: a process-shared recursive mutex that lives in
 * the same MAP_SHARED page as the array (multiprocessing.Array's own RLock). A mutex
 * in private memory would be copied by fork: each child would lock its own copy. */
#include "array_shared.h"

__attribute__((noinline)) static void read_back(array_view *seen)
{
    rl_lock_acquire(arr_lock);   /* second acquisition by the same process */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr[k];
    rl_lock_release(arr_lock);
}

__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    rl_lock_acquire(arr_lock);
    arr[0] = array_written_by(worker);
    rl_yield();
    read_back(seen);
    rl_lock_release(arr_lock);
}

int main(void)
{
    const shared_array_variant safe = {setup, write_then_read_back};
    return array_run_processes(&safe);
}
