/* The results of one cell in results.sarif (sarif_results.c): one per distinct report the
 * tool made and one per expected report it missed, each saying from the judge's record
 * what the case expected of it. sarif.c writes the document around them. */
#ifndef RACELAB_SARIF_RESULTS_H
#define RACELAB_SARIF_RESULTS_H

#include "model.h"

#include <jansson.h>

/* Appends the cell's results to the JSON array `results`; `root` is the repository root
 * that URIs are relative to (rl_repository_root). */
void rl_sarif_cell_results(const rl_matrix *m, const rl_cell *cell, const char *root,
                           json_t *results);

#endif
