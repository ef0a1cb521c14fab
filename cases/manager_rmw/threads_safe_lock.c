/* manager_rmw, thread form, safe: the get and the set stay two requests, but the
 * client holds the manager's lock across both (the tutorial passes manager.Lock() to its
 * writer). The other client's LOCK request gets no reply until this client's UNLOCK. */
#include "manager.h"

static void get_then_set_under_lock(manager_proxy *p)
{
    manager_lock(p);
    long seen = manager_get(p, COUNTER_KEY);
    rl_yield();   /* the other client may run now, but it waits in manager_lock() */
    manager_set(p, COUNTER_KEY, seen + 1);
    manager_unlock(p);
}

int main(void)
{
    return manager_run_threads(get_then_set_under_lock);
}
