/* shared_value, thread form, correct: a thread sets a global double and negates a global
 * array; main reads both after pthread_join(), which orders the thread's writes before
 * main's reads. */
#include "shared_value.h"

#include <pthread.h>

static shared_values values;

static void *child_main(void *arg)
{
    (void)arg;
    values_update(&values);
    return NULL;
}

int main(void)
{
    values_init(&values);
    pthread_t child;
    if (pthread_create(&child, NULL, child_main, NULL) != 0)
        rl_die("pthread_create");
    pthread_join(child, NULL);
    return values_verdict(&values, "read after pthread_join");
}
