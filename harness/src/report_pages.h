/* What the report's index page needs of the case pages: where a cell's section is, and the
 * writer of one case page (report_case.c). */
#ifndef RACELAB_REPORT_PAGES_H
#define RACELAB_REPORT_PAGES_H

#include "model.h"

/* "counter.html#cell-threads_unsafe-helgrind" (malloc'd). */
char *rl_case_cell_href(const rl_cell *cell);
/* `dir`/<case>.html: the lesson, every program's cells with their reports linked to the
 * source lines, the reasons of blind spots and false alarms, and failing runs' raw output. */
int rl_write_case_page(const rl_matrix *m, const rl_case *c, const char *dir, char **error);

#endif
