/* What a program's settings in case.ini (model.h rl_setting) add to the commands that
 * build, run and analyse it (cell_args.c): compile flags for a build flavour, the -D/-I
 * words a static analyzer needs too, and a tool's argument vector with the program's
 * options and arguments in place. */
#ifndef RACELAB_CELL_ARGS_H
#define RACELAB_CELL_ARGS_H

#include "model.h"

#include <stddef.h>

/* What a static analyzer needs to read the source as it is built: the words of `cflags`
 * that change its meaning (-D, -U, -I, -std=), -DNAME for each `defines` word and
 * -I<case folder>/DIR for each `includes` word (an absolute DIR stays as it is). A
 * malloc'd vector of malloc'd strings, *n long (rl_free_strings). */
char **rl_define_flags(const rl_case *c, const rl_program *p, size_t *n);

/* Every extra word for compiling the program with `flavour`: `cflags`, then
 * `cflags.FLAVOUR`, then `defines` and `includes` as in rl_define_flags. Empty when the case says nothing: the program
 * is then built as every other (by CMake, or by racelab alike). */
char **rl_build_flags(const rl_case *c, const rl_program *p, const char *flavour, size_t *n);

/* `ldflags`: what comes after the sources when linking (-lm, -latomic). */
char **rl_link_flags(const rl_case *c, const rl_program *p, size_t *n);

/* The tool's argv template expanded by `expand` (one element at a time), with:
 * `options.TOOL` words before the first element naming {program} or {source}, `args`
 * after the one naming {program}, and an element that is exactly {defines} replaced by
 * rl_define_flags. NULL-terminated, malloc'd strings. */
char **rl_tool_argv(const rl_case *c, const rl_program *p, const rl_tool *t,
                    char *(*expand)(const char *element, const void *ctx), const void *ctx);

#endif
