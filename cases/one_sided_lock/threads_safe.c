/* one_sided_lock, safe: the reader takes the same lock as the writer, so it can never
 * run between the writer's two stores. */
#include "pair.h"

__attribute__((noinline)) static void read_with_lock(shared_pair *pair, pair_reading *seen)
{
    rl_lock_acquire(&pair_lock);
    seen->first = pair->first;
    seen->second = pair->second;
    rl_lock_release(&pair_lock);
}

int main(void)
{
    return pair_run_threads(read_with_lock);
}
