/* shared_array, thread form, safe: the tutorial's RLock. One recursive mutex is
 * held across the write and the read-back; the read-back helper takes the same
 * lock again (it may also be called on its own), which only a recursive mutex
 * allows: a plain mutex would deadlock on the second lock. */
#include "shared_array.h"
#include "rl_lock.h"

static rl_lock arr_lock;
static int arr[ARRAY_LEN] RL_GUARDED_BY(arr_lock) = ARRAY_INITIAL;

static void setup(void)
{
    rl_lock_init(&arr_lock, true, false);   /* recursive, private to this process */
}

/* Safe on its own: it takes the lock itself. */
__attribute__((noinline)) static void read_back(array_view *seen)
{
    rl_lock_acquire(&arr_lock);   /* second acquisition by the same thread */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr[k];
    rl_lock_release(&arr_lock);
}

__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    rl_lock_acquire(&arr_lock);
    arr[0] = array_written_by(worker);
    rl_yield();    /* other workers may run, but they wait for the lock */
    read_back(seen);
    rl_lock_release(&arr_lock);
}

int main(void)
{
    const shared_array_variant safe = {setup, write_then_read_back};
    return array_run_threads(&safe);
}
