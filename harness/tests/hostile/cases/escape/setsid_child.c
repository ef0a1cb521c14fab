/* Leaves a grandchild that starts a session of its own (out of the process group) and
 * sleeps: it must die with the run. */
#include "hostile.h"

#include <signal.h>
#include <sys/wait.h>

int main(void)
{
    int ready[2];
    if (pipe(ready) != 0)
        return 1;
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            hostile_leave_pid();
            close(ready[1]);
            sleep(300);
            _exit(0);
        }
        _exit(0);
    }
    close(ready[1]);
    char c;
    while (read(ready[0], &c, 1) > 0) { /* until the grandchild has left its pid */
    }
    wait(NULL);
    puts("racelab-result: ok");
    return 0;
}
