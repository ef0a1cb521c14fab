/* manager_rmw, process form, unsafe: each client does d[k] = d[k] + 1 through the
 * proxy, as two requests: a get, then a set of what it got plus one. Each request is
 * served atomically by the manager, but the other client's get can come in between,
 * and then both set the same value: one increment is lost. */
#include "manager.h"

static void get_then_set(manager_proxy *p)
{
    long seen = manager_get(p, COUNTER_KEY);      /* racelab: proc_rmw_get */
    rl_yield();                                   /* the other client's get comes now */
    manager_set(p, COUNTER_KEY, seen + 1);        /* racelab: proc_rmw_set */
}

int main(void)
{
    return manager_run_processes(get_then_set);
}
