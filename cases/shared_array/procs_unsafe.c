/* shared_array, process form, unsafe: the tutorial's multiprocessing.Array without
 * its lock. The array lives in a MAP_SHARED page; forked workers write arr[0] and
 * read the array back, and overtake one another exactly as the threads do. */
#include "shared_array.h"
#include "rl_lock.h"

typedef struct locked_array {
    rl_lock lock;
    int values[ARRAY_LEN];
} locked_array;

/* Both point into the shared page, inherited by every child. The lock that guards the
 * array sits beside it (multiprocessing.Array has one); this program never takes it,
 * which is the bug. In C the analysis needs the lock named from a global. */
static rl_lock *arr_lock;
static int *arr RL_PT_GUARDED_BY(*arr_lock);

static void setup(void)
{
    static const int initial[ARRAY_LEN] = ARRAY_INITIAL;
    locked_array *shared = rl_shared_alloc(sizeof *shared);
    rl_lock_init(&shared->lock, true, true);
    memcpy(shared->values, initial, sizeof initial);
    arr_lock = &shared->lock;
    arr = shared->values;
}

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
