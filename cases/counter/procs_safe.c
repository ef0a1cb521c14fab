/* counter, process form, safe: a process-shared mutex that lives in the same
 * MAP_SHARED page as the count (a mutex in one process's private memory would be
 * copied by fork, and each child would lock its own copy). */
#include "counter.h"

typedef struct shared_count {
    pthread_mutex_t lock;
    int value;
} shared_count;

static shared_count *count;

static void setup(void)
{
    count = rl_shared_alloc(sizeof *count);
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED) != 0 ||
        pthread_mutex_init(&count->lock, &attr) != 0)
        rl_die("process-shared mutex");
    pthread_mutexattr_destroy(&attr);
}

__attribute__((noinline)) static void increment(void)
{
    pthread_mutex_lock(&count->lock);
    int seen = count->value;
    rl_yield();
    count->value = seen + 1;
    pthread_mutex_unlock(&count->lock);
}

__attribute__((noinline)) static void decrement(void)
{
    pthread_mutex_lock(&count->lock);
    int seen = count->value;
    rl_yield();
    count->value = seen - 1;
    pthread_mutex_unlock(&count->lock);
}

static long final_count(void)
{
    return count->value;
}

int main(void)
{
    const counter_variant safe = {setup, increment, decrement, final_count};
    return counter_run_processes(&safe);
}
