/* Running the matrix (execute.c): one job per (cell, repeat), each judged as it ends. */
#ifndef RACELAB_EXECUTE_H
#define RACELAB_EXECUTE_H

#include "model.h"

/* Runs every cell; returns -1 if interrupted. */
int rl_matrix_run(rl_matrix *m);

#endif
