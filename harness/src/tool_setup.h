/* What tools.json says about setting a tool up on a machine, beside how it runs (tools.h):
 * each build flavour's compiler and flags, so racelab can build programs itself (the
 * doctor's canaries), and the Debian packages each tool needs, so every message about a
 * missing piece can name the exact install line. */
#ifndef RACELAB_TOOL_SETUP_H
#define RACELAB_TOOL_SETUP_H

#include <stddef.h>

typedef struct rl_build_flavour {
    char *name;
    char *compiler;
    char **cflags;
    size_t n_cflags;
    char **ldflags;
    size_t n_ldflags;
} rl_build_flavour;

typedef struct rl_tool_packages {
    char *tool;
    char **packages;
    size_t n_packages;
} rl_tool_packages;

typedef struct rl_tool_setup {
    rl_build_flavour *builds;
    size_t n_builds;
    rl_tool_packages *tools;
    size_t n_tools;
} rl_tool_setup;

/* Reads the "builds" section and every tool's "packages" from tools.json. Returns -1 with
 * *error ("path: what was expected") on a malformed file. */
int rl_tool_setup_load(const char *path, rl_tool_setup *out, char **error);
void rl_tool_setup_free(rl_tool_setup *s);
const rl_build_flavour *rl_build_flavour_find(const rl_tool_setup *s, const char *name);
/* "apt-get install -y clang libclang-rt-14-dev" for the tool (malloc'd), or NULL when
 * tools.json names no package for it. */
char *rl_install_line(const rl_tool_setup *s, const char *tool);

#endif
