/* The matrix as a grid: one row per (case, program) in the order cells were laid out, one
 * column per selected tool. The terminal table and the HTML heatmap both draw it. */
#ifndef RACELAB_GRID_H
#define RACELAB_GRID_H

#include "matrix.h"

typedef struct rl_grid_row {
    const rl_case *c;
    const rl_program *program;
    const rl_cell **cells; /* parallel to m->tools; NULL where the tool has no cell */
} rl_grid_row;

size_t rl_grid_rows(const rl_matrix *m, rl_grid_row **rows);
void rl_grid_free(rl_grid_row *rows, size_t n);
/* The tool's column, or m->n_tools when it is not selected. */
size_t rl_tool_index(const rl_matrix *m, const rl_tool *tool);

#endif
