/* pool_results, process form, safe: the parent reaps every worker with waitpid() before
 * reading the shared array (Pool.close(); Pool.join()), so every store is done. */
#include "pool_procs.h"

int main(void)
{
    return pool_run_processes(true);
}
