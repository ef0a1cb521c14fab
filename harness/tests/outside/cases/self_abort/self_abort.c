/* A correct threaded program that ends itself with abort() when its work is done (the
 * way a failed assert() ends a test): the ending is SIGABRT by design. */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t mx = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&mx);
        counter++;
        pthread_mutex_unlock(&mx);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, work, NULL);
    pthread_create(&b, NULL, work, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    if (counter == 2000)
        abort();
    return 0;
}
