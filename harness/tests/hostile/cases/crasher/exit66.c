/* Exits with TSan's report status and no report: never a clean pass. */
#include "hostile.h"

int main(void)
{
    puts("racelab-result: ok");
    fflush(stdout);
    _exit(66);
}
