/* The versions of a tool family side by side (compare.c): for every selected version
 * (tools.json "version_of") whose family is selected too, the cells where the two differ,
 * with both outcomes and the reasons, on the terminal (`racelab compare`) and as
 * out/compare.md. */
#ifndef RACELAB_COMPARE_H
#define RACELAB_COMPARE_H

#include "matrix.h"

#include <stdbool.h>
#include <stdio.h>

/* Whether the selection holds a version and its family, i.e. something to compare. */
bool rl_compare_wanted(const rl_matrix *m);
void rl_print_compare(const rl_matrix *m, FILE *out);
int rl_write_compare(const rl_matrix *m, const char *path, char **error);

#endif
