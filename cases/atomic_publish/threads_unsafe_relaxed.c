/* atomic_publish, unsafe: the flag is an atomic, but stored and loaded with
 * memory_order_relaxed. Relaxed operations are atomic and nothing more: seeing the
 * flag set does not make the message written before it visible, so the consumer's
 * read of the message races with the producer's write. */
#include <stdatomic.h>

#define PUBLISH_STORE_ORDER memory_order_relaxed
#define PUBLISH_LOAD_ORDER memory_order_relaxed
#include "publish.h"

int main(void)
{
    return publish_run();
}
