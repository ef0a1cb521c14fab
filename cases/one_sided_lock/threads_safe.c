/* one_sided_lock, safe: the reader takes the same lock as the writer, so it can never
 * run between the writer's two stores. */
#include "pair.h"

__attribute__((noinline)) static void read_with_lock(shared_pair *pair, pair_reading *seen)
{
    pthread_mutex_lock(&pair->lock);
    seen->first = pair->first;
    seen->second = pair->second;
    pthread_mutex_unlock(&pair->lock);
}

int main(void)
{
    return pair_run_threads(read_with_lock);
}
