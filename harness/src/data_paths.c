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

/* `root`/`cases` and `root`/`tools` when both exist; the strings are kept for good. */
static bool try_root(rl_data_paths *p, const char *root, const char *cases, const char *tools)
{
    static char *kept_cases, *kept_tools;
    char *real = realpath(root, NULL); /* messages name the real place, not bin/../share */
    if (real == NULL)
        return false;
    char *c = xasprintf("%s/%s", real, cases), *t = xasprintf("%s/%s", real, tools);
    free(real);
    if (!rl_is_dir(c) || !rl_is_file(t)) {
        free(c);
        free(t);
        return false;
    }
    free(kept_cases);
    free(kept_tools);
    p->cases_dir = kept_cases = c;
    p->tools_path = kept_tools = t;
    return true;
}

rl_data_paths rl_default_data_paths(void)
{
    static char *exe_dir;
    if (exe_dir == NULL)
        exe_dir = executable_dir();
    rl_data_paths p = {"cases", "harness/tools.json", exe_dir ? exe_dir : "."};
    const char *env = getenv("RACELAB_DATA_DIR");
    if (env && *env && try_root(&p, env, "cases", "tools.json"))
        return p;
    if (exe_dir == NULL)
        return p;
    char *installed = xasprintf("%s/%s", exe_dir, RACELAB_DATA_RELDIR);
    char *source = xasprintf("%s/racelab-source", exe_dir);
    if (!try_root(&p, installed, "cases", "tools.json"))
        try_root(&p, source, "cases", "harness/tools.json");
    free(installed);
    free(source);
    return p;
}
