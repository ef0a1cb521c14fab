/* The thread form of the fix: a mutex held across each whole message. */
#include "interleave.h"

int main(void)
{
    static pthread_mutex_t frame_lock = PTHREAD_MUTEX_INITIALIZER;
    return interleave_run_threads(&frame_lock);
}
