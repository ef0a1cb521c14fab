/* racelab doctor's canary for the static analyzers: one function per analyzer, each with a
 * defect it reports, none of them ever called at run time (main only checks argc), so the
 * dynamic tools see a correct program. Self-contained: the capability macros that
 * -Wthread-safety needs are defined here. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__clang__)
#define CANARY_CAPABILITY(x) __attribute__((capability(x)))
#define CANARY_GUARDED_BY(x) __attribute__((guarded_by(x)))
#else
#define CANARY_CAPABILITY(x)
#define CANARY_GUARDED_BY(x)
#endif

typedef struct CANARY_CAPABILITY("mutex") canary_lock {
    pthread_mutex_t m;
} canary_lock;

static canary_lock lock = {PTHREAD_MUTEX_INITIALIZER};
static int guarded CANARY_GUARDED_BY(lock);
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;

/* -Wthread-safety: a guarded variable written without its lock. */
static void unguarded_write(void)
{
    guarded = 1; /* racelab: canary_unguarded */
}

/* clang --analyze (alpha.unix.PthreadLock): a mutex unlocked twice. */
static void double_unlock(void)
{
    pthread_mutex_lock(&plain);
    pthread_mutex_unlock(&plain);
    pthread_mutex_unlock(&plain); /* racelab: canary_double_unlock */
}

/* gcc -fanalyzer and clang-tidy (bugprone-signal-handler): stdio in a signal handler. */
static void on_signal(int sig)
{
    printf("signal %d\n", sig); /* racelab: canary_handler_printf */
}

/* cppcheck (useClosedFile): a stream used after fclose. */
static void use_closed(void)
{
    FILE *f = fopen("/dev/null", "w");
    if (f == NULL)
        return;
    fclose(f);
    fputs("x", f); /* racelab: canary_closed_file */
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 99) { /* never at run time: the defects are for the analyzers to read */
        unguarded_write();
        double_unlock();
        signal(SIGUSR1, on_signal);
        use_closed();
    }
    printf("racelab-result: ok\n");
    return 0;
}
