/* Hangs, with a setsid() grandchild, so that racelab can be killed while it runs. */
#include "hostile.h"

int main(void)
{
    if (fork() == 0) {
        setsid();
        hostile_leave_pid();
        sleep(300);
        _exit(0);
    }
    hostile_leave_pid();
    sleep(300);
    return 0;
}
