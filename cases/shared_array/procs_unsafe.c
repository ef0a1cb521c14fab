/* shared_array, process form, unsafe: the tutorial's multiprocessing.Array without
 * its lock. The array lives in a MAP_SHARED page; forked workers write arr[0] and
 * read the array back, and overtake one another exactly as the threads do. */
#include "array_shared.h"

__attribute__((noinline)) static void write_then_read_back(int worker, array_view *seen)
{
    arr[0] = array_written_by(worker);                                /* racelab: proc_array_write */
    rl_yield();    /* another process writes arr[0] now */
    for (int k = 0; k < ARRAY_LEN; k++) seen->values[k] = arr[k];   /* racelab: proc_array_read */
}

int main(void)
{
    const shared_array_variant unsafe = {setup, write_then_read_back};
    return array_run_processes(&unsafe);
}
