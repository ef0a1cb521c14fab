/* Python: two processes call send() on the same Connection end at once; the docs
 * warn that the data may become corrupted. In C: two writer processes share one
 * pipe write end and write 64 KiB messages. POSIX makes a write() atomic only up to
 * PIPE_BUF (4096 bytes on Linux); a bigger one is copied in chunks as the reader
 * makes room, and the other writer's chunks land in between. */
#include "interleave.h"

int main(void)
{
    return interleave_run_procs(NULL);
}
