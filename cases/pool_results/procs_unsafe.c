/* pool_results, process form, unsafe: the workers are forked processes that store their
 * answers in a MAP_SHARED array; the parent reads the array right after forking them,
 * before any waitpid(). The read races with the workers' stores across processes, and
 * the parent gets NOT_READY. */
#include "pool_procs.h"

int main(void)
{
    return pool_run_processes(false);
}
