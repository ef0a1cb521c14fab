/* A correct program: clean under every tool, whatever ran before it. */
#include "hostile.h"

int main(void)
{
    puts("racelab-result: ok");
    return 0;
}
