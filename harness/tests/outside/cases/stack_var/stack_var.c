/* Modelled on DRD's stack-variable races: a thread and main both write a variable that
 * lives on main's stack. DRD checks stack variables only with --check-stack-var=yes. */
#include <pthread.h>
#include <stdio.h>

static void *writer(void *arg)
{
    int *shared = arg;
    *shared = 1; /* racelab: child_write */
    return NULL;
}

int main(void)
{
    int on_stack = 0;
    pthread_t t;
    pthread_create(&t, NULL, writer, &on_stack);
    on_stack = 2; /* racelab: main_write */
    pthread_join(t, NULL);
    printf("%d\n", on_stack);
    return 0;
}
