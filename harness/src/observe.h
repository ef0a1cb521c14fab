/* `racelab observe` (observe.c): what each tool said, for writing expectations. */
#ifndef RACELAB_OBSERVE_H
#define RACELAB_OBSERVE_H

#include "model.h"

#include <stdio.h>

/* Every cell's distinct reports, with the markers on their lines. */
void rl_print_observations(const rl_matrix *m, FILE *out);

#endif
