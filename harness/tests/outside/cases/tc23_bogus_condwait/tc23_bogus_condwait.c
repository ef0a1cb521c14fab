/* Modelled on Valgrind's helgrind/tests/tc23_bogus_condwait.c (its first case): a wait
 * on a condition variable with a mutex the caller does not hold. A timed wait, so the
 * program ends by itself. */
#include <pthread.h>
#include <time.h>

static pthread_mutex_t mx;
static pthread_cond_t cv;

int main(void)
{
    struct timespec until;
    pthread_mutex_init(&mx, NULL);
    pthread_cond_init(&cv, NULL);
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 100 * 1000 * 1000; /* racelab: widening */
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    /* mx is not locked here */
    pthread_cond_timedwait(&cv, &mx, &until); /* racelab: unheld_wait */
    pthread_mutex_unlock(&mx); /* racelab: unlock_after */
    return 0;
}
