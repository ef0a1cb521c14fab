/* manager_rmw, thread form, safe: the increment is one request; the server does the
 * read-modify-write itself while it handles that request, so nothing can come between
 * the read and the write. */
#include "manager.h"

static void server_side_increment(manager_proxy *p)
{
    manager_incr(p, COUNTER_KEY, 1);
    rl_yield();   /* as in the unsafe program; here it only lets the other client in */
}

int main(void)
{
    return manager_run_threads(server_side_increment);
}
