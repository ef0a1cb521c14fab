/* shared_array, thread form, unsafe: every worker writes arr[0] and reads the array
 * back with no lock; the yield between the two lets another worker's write land in
 * between, so the read-back shows a value this worker never wrote. */
#include "shared_array.h"
#include "rl_lock.h"

/* The lock that guards arr, as -Wthread-safety is told; this program never takes it,
 * which is the bug (so only the analysis ever names it: `unused`). */
static rl_lock arr_lock __attribute__((unused)) = RL_LOCK_INITIALIZER;
static int arr[ARRAY_LEN] RL_GUARDED_BY(arr_lock) = ARRAY_INITIAL;

/* noinline: every tool must name these lines as the top frame of the access. */
__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    arr[0] = array_written_by(worker);                                /* racelab: array_write */
    rl_yield();    /* another worker writes arr[0] now */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr[k];   /* racelab: array_read */
}

int main(void)
{
    const shared_array_variant unsafe = {NULL, write_then_read_back};
    return array_run_threads(&unsafe);
}
