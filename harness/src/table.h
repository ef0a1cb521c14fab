/* The verdict table on the terminal (table.c). */
#ifndef RACELAB_TABLE_H
#define RACELAB_TABLE_H

#include "model.h"

#include <stdio.h>

void rl_print_table(const rl_matrix *m, FILE *out);

#endif
