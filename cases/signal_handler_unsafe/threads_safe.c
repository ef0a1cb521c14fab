/* signal_handler_unsafe, safe: the handler only records that a signal came (a
 * volatile sig_atomic_t counter) and wakes the sender with write(2), both
 * async-signal-safe; it saves and restores errno so the interrupted code never sees it
 * change. Main logs the signals between its own heap operations, where malloc is fine. */
#include "signals.h"

static void on_signal(int sig)
{
    (void)sig;
    int saved_errno = errno;
    signals_handled++;
    acknowledge_signal();
    errno = saved_errno;
}

static void log_pending_signals(void)
{
    while (signals_logged < signals_handled)
        note_signal(signals_logged + 1);
}

int main(void)
{
    return signals_run();
}
