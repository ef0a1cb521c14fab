#ifndef RACELAB_MARKERS_H
#define RACELAB_MARKERS_H

#include "model.h"

/* All markers of the .c/.h files directly in `dir`, in file then line order. */
size_t rl_markers_scan(const char *dir, rl_marker **markers);
bool rl_marker_exists(const rl_marker *markers, size_t n, const char *name);
/* Whether `file:line` (a report's location; only the basename counts, since markers are
 * unique to a case folder) is one of the lines marked `name`. */
bool rl_marker_at(const rl_marker *markers, size_t n, const char *name, const char *file,
                  int line);

#endif
