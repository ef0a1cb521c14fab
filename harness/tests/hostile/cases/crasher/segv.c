/* Says "ok", then dies of SIGSEGV: natively a signal, under TSan a crash report and
 * exit status 66. Neither may pass. */
#include "hostile.h"

int main(int argc, char **argv)
{
    (void)argv;
    puts("racelab-result: ok");
    fflush(stdout);
    int *volatile nowhere = argc > 5 ? &argc : NULL;
    return *nowhere;
}
