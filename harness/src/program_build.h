/* Building case programs without CMake: racelab compiles a program itself, with a build
 * flavour of tools.json, when no up-to-date binary exists — the doctor's canaries, and a
 * --cases-dir that lives outside this repository (nothing of it has to be known at
 * configure time). A program is <case>/<program>.c, compiled with the case folder and the
 * cases directory's common/ (when there is one) on the include path and every .c file of
 * common/ linked in, the way the CMake build does it. */
#ifndef RACELAB_PROGRAM_BUILD_H
#define RACELAB_PROGRAM_BUILD_H

#include "tool_setup.h"

#include <stdbool.h>

typedef struct rl_program_source {
    const char *cases_dir; /* holds <case>/ and, optionally, common/ */
    const char *case_name;
    const char *program;   /* <case>/<program>.c */
    char *const *flags;    /* the case's own compile flags (cell_args.h), after the
                              flavour's cflags so that they win (-O0 after -O1) */
    size_t n_flags;
    char *const *ldflags;  /* the case's link flags, after the flavour's */
    size_t n_ldflags;
} rl_program_source;

/* Whether `binary` exists and is newer than every .c/.h of the case folder and of
 * common/ (a binary older than a source it may include is stale). */
bool rl_program_up_to_date(const rl_program_source *src, const char *binary);

/* Compiles the program into `binary` (directories created). NULL on success, else what
 * failed, with the compiler's last line (malloc'd). The compiler's full output is kept
 * in `binary`.log. */
char *rl_program_build(const rl_build_flavour *f, const rl_program_source *src,
                       const char *binary);

#endif
