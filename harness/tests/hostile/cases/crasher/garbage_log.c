/* Writes garbage where TSan's log goes (log_path from TSAN_OPTIONS) and exits normally:
 * a log that is not TSan's is an error, not a clean pass. cut_log.c builds this with
 * HOSTILE_CUT: the start of a report that never ends. */
#include "hostile.h"

#include <fcntl.h>

/* The log_path=... value of TSAN_OPTIONS, or NULL. */
static char *log_path(void)
{
    const char *opts = getenv("TSAN_OPTIONS");
    const char *at = opts ? strstr(opts, "log_path=") : NULL;
    if (at == NULL)
        return NULL;
    at += strlen("log_path=");
    return strndup(at, strcspn(at, " :"));
}

#ifdef HOSTILE_CUT
static const char text[] = "==================\n"
                           "WARNING: ThreadSanitizer: data race (pid=1)\n"
                           "  Write of size 4 at 0x1 by thread T1:\n";
#else
static const char text[] = "\x01\x02\xff garbage, not a report\nmore of it\n";
#endif

int main(void)
{
    char *base = log_path();
    if (base) {
        char path[4096];
        snprintf(path, sizeof path, "%s.%d", base, (int)getpid());
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0)
            hostile_write_all(fd, text, sizeof text - 1);
    }
    puts("racelab-result: ok");
    return 0;
}
