/* signal_handler_unsafe, unsafe: the SIGUSR1 handler logs the signal itself, and
 * logging calls malloc and free, which are not async-signal-safe. When the signal
 * arrives while main is inside malloc or free (holding the arena lock), the handler's
 * malloc waits for that lock: main waits for itself, forever. */
#include "signals.h"

/* TSan names a handler's opening line when it says the handler changed errno. */
static void on_signal(int sig)
{                                       /* racelab: unsafe_handler */
    (void)sig;
    note_signal(signals_handled + 1);   /* the bug: malloc and free inside a handler */
    signals_handled++;
    acknowledge_signal();
}

static void log_pending_signals(void)
{
    /* nothing to do: the handler has logged already */
}

int main(void)
{
    return signals_run();
}
