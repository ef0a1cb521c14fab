/* Finding the cases and tools.json from the executable's own place (see data_paths.h). */
#define _GNU_SOURCE
#include "data_paths.h"

#include "fsutil.h"
#include "xalloc.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#ifndef RACELAB_DATA_RELDIR
#define RACELAB_DATA_RELDIR "../share/racelab"
#endif

static char *executable_dir(void)
{
    char *exe = realpath("/proc/self/exe", NULL);
    if (exe == NULL)
        return NULL;
    char *dir = xstrdup(dirname(exe));
    free(exe);
    return dir;
}

/* Under `root`, the cases folder, the canaries folder and tools.json, when all three
 * exist; the strings are kept for good. */
static bool try_root(rl_data_paths *p, const char *root, const char *cases,
                     const char *canaries, const char *tools)
{
    static char *kept[3];
    char *real = realpath(root, NULL); /* messages name the real place, not bin/../share */
    if (real == NULL)
        return false;
    char *found[3] = {xasprintf("%s/%s", real, cases), xasprintf("%s/%s", real, canaries),
                      xasprintf("%s/%s", real, tools)};
    free(real);
    bool ok = rl_is_dir(found[0]) && rl_is_dir(found[1]) && rl_is_file(found[2]);
    for (size_t i = 0; i < 3; i++) {
        free(ok ? kept[i] : found[i]);
        if (ok)
            kept[i] = found[i];
    }
    if (ok) {
        p->cases_dir = kept[0];
        p->canaries_dir = kept[1];
        p->tools_path = kept[2];
    }
    return ok;
}

rl_data_paths rl_default_data_paths(void)
{
    static char *exe_dir;
    if (exe_dir == NULL)
        exe_dir = executable_dir();
    rl_data_paths p = {.cases_dir = "cases", .tools_path = "harness/tools.json",
                       .canaries_dir = "harness/canaries", .build_dir = exe_dir ? exe_dir : "."};
    const char *env = getenv("RACELAB_DATA_DIR");
    if (env && *env && try_root(&p, env, "cases", "canaries", "tools.json"))
        return p;
    if (exe_dir == NULL)
        return p;
    char *installed = xasprintf("%s/%s", exe_dir, RACELAB_DATA_RELDIR);
    char *source = xasprintf("%s/racelab-source", exe_dir);
    if (!try_root(&p, installed, "cases", "canaries", "tools.json"))
        try_root(&p, source, "cases", "harness/canaries", "harness/tools.json");
    free(installed);
    free(source);
    return p;
}
