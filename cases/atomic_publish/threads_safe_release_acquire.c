/* atomic_publish, safe: a release store of the flag and an acquire load that sees it
 * synchronise: everything the producer wrote before the store happens-before
 * everything the consumer does after the load, so the message read is ordered. */
#include <stdatomic.h>

#define PUBLISH_STORE_ORDER memory_order_release
#define PUBLISH_LOAD_ORDER memory_order_acquire
#include "publish.h"

int main(void)
{
    return publish_run();
}
