/* fork_global, process form, safe: the results live in a MAP_SHARED page mapped before
 * the fork (Python's Value/Array). Parent and child map the same physical page, so the
 * child's writes are the parent's; waitpid() orders them before the parent's reads. */
#include "fork_global.h"

static void child_main(void *arg)
{
    results_fill(arg);
}

int main(void)
{
    results *shared = rl_shared_alloc(sizeof *shared);
    results_reset(shared);
    pid_t child = fork_child(child_main, shared);
    rl_reap(child, "child");
    return results_verdict(shared, "through a MAP_SHARED page");
}
