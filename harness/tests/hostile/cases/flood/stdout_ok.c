/* Writes 2 GiB to stdout, then its verdict: the harness must hold a bounded amount and
 * still find the last line. */
#include "hostile.h"

int main(void)
{
    static char block[1 << 16];
    memset(block, 'x', sizeof block);
    block[sizeof block - 1] = '\n';
    for (long i = 0; i < (2L << 30) / (long)sizeof block; i++)
        hostile_write_all(1, block, sizeof block);
    puts("racelab-result: ok");
    return 0;
}
