/* one_sided_lock, unsafe: the writer updates the pair under the lock, the reader reads
 * it without the lock. The lock then protects nothing: it only excludes other lockers,
 * and the reader is not one. */
#include "pair.h"

/* noinline: every tool must name these lines as the top frame of the reads. */
__attribute__((noinline)) static void read_without_lock(shared_pair *pair, pair_reading *seen)
{
    seen->first = pair->first;       /* racelab: unlocked_read */
    seen->second = pair->second;     /* racelab: unlocked_read */
}

int main(void)
{
    return pair_run_threads(read_without_lock);
}
