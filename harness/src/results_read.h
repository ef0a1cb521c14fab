/* Reading a results.json back (racelab diff, merge, run --rerun-failed). */
#ifndef RACELAB_RESULTS_READ_H
#define RACELAB_RESULTS_READ_H

#include <jansson.h>

/* The format number results.json carries; bumped whenever a consumer would have to change.
 * A racelab reads the format it writes. */
#define RL_RESULTS_FORMAT 1

/* The document, when `path` is a results.json of the format this racelab writes (its
 * "racelab" number, a "cells" array); else NULL with *error "path:line: what" (malloc'd,
 * no line when the file could not be read at all). */
json_t *rl_results_load(const char *path, char **error);

#endif
