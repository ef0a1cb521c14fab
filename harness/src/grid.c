/* Rows of the grid, found by walking the cells once. */
#include "grid.h"

#include "xalloc.h"

#include <stdlib.h>

size_t rl_tool_index(const rl_matrix *m, const rl_tool *tool)
{
    for (size_t t = 0; t < m->n_tools; t++)
        if (m->tools[t] == tool)
            return t;
    return m->n_tools;
}

size_t rl_grid_rows(const rl_matrix *m, rl_grid_row **out)
{
    rl_grid_row *rows = NULL;
    size_t n = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        size_t r = 0;
        while (r < n && !(rows[r].c == cell->c && rows[r].program == cell->program))
            r++;
        if (r == n) {
            rows = xrealloc(rows, (n + 1) * sizeof *rows);
            rows[n++] = (rl_grid_row){cell->c, cell->program,
                                      xcalloc(m->n_tools ? m->n_tools : 1, sizeof(rl_cell *))};
        }
        size_t t = rl_tool_index(m, cell->tool);
        if (t < m->n_tools && rows[r].cells[t] == NULL)
            rows[r].cells[t] = cell;
    }
    *out = rows;
    return n;
}

void rl_grid_free(rl_grid_row *rows, size_t n)
{
    for (size_t r = 0; r < n; r++)
        free(rows[r].cells);
    free(rows);
}
