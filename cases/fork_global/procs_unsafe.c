/* fork_global, process form, unsafe: the child fills an ordinary global; the parent
 * waits for it and reads the same global. fork() gave the child a copy of the parent's
 * memory (copy-on-write), so the child's writes land in the copy and the parent still
 * sees 666 and an empty list. No two threads ever touch the same memory: there is no
 * data race here, only a wrong belief about what fork() shares. */
#include "fork_global.h"

static results shared_by_belief;   /* "global, so the child and I share it" — they do not */

static void child_main(void *arg)
{
    (void)arg;
    results_fill(&shared_by_belief);   /* writes the child's own copy */
}

int main(void)
{
    results_reset(&shared_by_belief);
    pid_t child = fork_child(child_main, NULL);
    rl_reap(child, "child");
    return results_verdict(&shared_by_belief, "the child wrote its own copy of the global");
}
