/* Running the matrix (execute.c): one job per (cell, repeat), each judged as it ends. */
#ifndef RACELAB_EXECUTE_H
#define RACELAB_EXECUTE_H

#include "model.h"

/* Asks every selected tool its version (m->tool_versions); run by rl_matrix_run. */
void rl_matrix_probe_versions(rl_matrix *m);
/* Runs every cell; returns -1 if interrupted. */
int rl_matrix_run(rl_matrix *m);

#endif
