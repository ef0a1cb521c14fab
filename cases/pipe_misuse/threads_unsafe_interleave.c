/* The thread form of procs_unsafe_interleave: two threads write 64 KiB messages to
 * the same pipe write end, a third reads and checks them. The file descriptor is
 * shared, but no memory is: each writer fills its own buffer. The corruption
 * happens inside the kernel's pipe. */
#include "interleave.h"

int main(void)
{
    return interleave_run_threads(NULL);
}
