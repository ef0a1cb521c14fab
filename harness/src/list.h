/* `racelab list`: the tools and cases, and with --expectations every cell's effective
 * expectation and where it comes from. */
#ifndef RACELAB_LIST_H
#define RACELAB_LIST_H

#include "matrix.h"

#include <stdio.h>

void rl_print_list(const rl_matrix *m, FILE *out);
/* One line per program ("case/program: form=... variant=..."), then one per expected
 * report of each cell ("case/program tool: detect data-race at a b"), a tab, and its
 * origin (case.ini:line, a named limit, or "default"). */
void rl_print_expectations(const rl_matrix *m, FILE *out);

#endif
