/* shared_value, process form, correct: the value and the array live in a MAP_SHARED page
 * mapped before fork() (what Value and Array allocate); the child writes them, the parent
 * reads them after waitpid(). */
#include "shared_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    shared_values *values = rl_shared_alloc(sizeof *values);
    values_init(values);
    fflush(stdout);
    pid_t child = fork();
    if (child < 0)
        rl_die("fork");
    if (child == 0) {
        values_update(values);
        _exit(0);
    }
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        rl_die("waitpid");
    return values_verdict(values, "read after waitpid");
}
