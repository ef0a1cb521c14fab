/* Writes 2 GiB to stderr and fails: the raw output kept for the failing run must stay
 * under the budget. */
#include "hostile.h"

int main(void)
{
    static char block[1 << 16];
    memset(block, 'e', sizeof block);
    block[sizeof block - 1] = '\n';
    for (long i = 0; i < (2L << 30) / (long)sizeof block; i++)
        hostile_write_all(2, block, sizeof block);
    return 3;
}
