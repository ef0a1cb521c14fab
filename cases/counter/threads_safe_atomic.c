/* counter, thread form, safe with C11 atomics: each update is one indivisible
 * read-modify-write (a `lock xadd` on x86), so there is no window to slip into. */
#include "counter.h"

#include <stdatomic.h>

static atomic_int count;

__attribute__((noinline)) static void increment(void)
{
    atomic_fetch_add(&count, 1);
}

__attribute__((noinline)) static void decrement(void)
{
    atomic_fetch_sub(&count, 1);
}

static long final_count(void)
{
    return atomic_load(&count);
}

int main(void)
{
    const counter_variant atomic = {NULL, increment, decrement, final_count};
    return counter_run_threads(&atomic);
}
