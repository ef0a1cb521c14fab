/* Plants a fake TSan race report into every reports directory it can find beside its own
 * run (the old layout had predictable names for every cell's directory, made up front). */
#include "hostile.h"

#include <dirent.h>

static const char fake[] =
    "==================\n"
    "WARNING: ThreadSanitizer: data race (pid=4242)\n"
    "  Write of size 4 at 0x7b0400000000 by thread T1:\n"
    "    #0 victim /planted/victim.c:3:5 (victim+0x1) (BuildId: 00)\n"
    "\n"
    "SUMMARY: ThreadSanitizer: data race /planted/victim.c:3:5 in victim\n"
    "==================\n";

static void plant_into(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tsan.4242", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(fake, f);
        fclose(f);
    }
}

int main(void)
{
    DIR *work = opendir(".."); /* a run's working directory is its own run directory */
    struct dirent *e;
    while (work && (e = readdir(work)) != NULL) {
        char dir[4096];
        snprintf(dir, sizeof dir, "../%s/reports", e->d_name);
        if (e->d_name[0] != '.' && strcmp(e->d_name, "..") != 0 && access("reports", F_OK) == 0
            && strcmp(dir, "../.") != 0) {
            char own[4096];
            if (getcwd(own, sizeof own) && strstr(own, e->d_name) == NULL)
                plant_into(dir);
        }
    }
    if (work)
        closedir(work);
    puts("racelab-result: ok");
    return 0;
}
