/* Progress of a run on m->progress: done/total, elapsed time and an estimate of what is
 * left. On a terminal one line that updates in place (failures stay, printed above it);
 * otherwise one plain line per finished cell, for logs. */
#ifndef RACELAB_PROGRESS_H
#define RACELAB_PROGRESS_H

#include "model.h"

/* Tells that `cell` has finished (m->cells_done already counts it). */
void rl_progress_cell_done(const rl_matrix *m, const rl_cell *cell);
/* "1m05s", "42s", "1h02m" into buf. */
void rl_format_duration(double seconds, char *buf, size_t size);

#endif
