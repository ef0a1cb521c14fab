/* A program's own wrappers (unwrap.c): a case names the functions or files that only pass
 * a call on (`wrappers = my_lock my_unlock` or `wrappers = locks.c`), and a report's
 * location moves from a frame in them to the first caller outside them, so that a marker
 * can name the buggy call and not the helper every call goes through. */
#ifndef RACELAB_UNWRAP_H
#define RACELAB_UNWRAP_H

#include "report.h"

#include <stdbool.h>
#include <stddef.h>

/* Whether `word` names a file (it has a '.' or a '/': matched against a frame's file
 * basename) rather than a function. */
bool rl_wrapper_is_file(const char *word);

/* Moves every location of every report whose frame is in a wrapper to its first caller
 * outside the wrappers, keeping the wrapper frame as the location's `wrapper`. A location
 * with no such caller stays where it is (the tool showed nothing better). */
void rl_reports_unwrap(rl_report_list *list, char *const *wrappers, size_t n_wrappers);

#endif
