/* Stepping over a program's own wrappers in a report's locations (unwrap.h).
 *
 * Why here and not in the parsers: a parser reads one tool's output and knows nothing of
 * the case. It keeps, for each location, the program's frames below it (rl_location's
 * callers, up to RL_CALLERS_MAX); this step, run on the parsed reports of a cell whose
 * case declares wrappers, chooses among them. Both frames stay in the report (the caller
 * as the location, the wrapper as `wrapper`), so every output can show either. */
#include "unwrap.h"

#include "fsutil.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

bool rl_wrapper_is_file(const char *word)
{
    return strchr(word, '.') != NULL || strchr(word, '/') != NULL;
}

static bool in_wrapper(const char *file, const char *function, char *const *wrappers,
                       size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool hit = rl_wrapper_is_file(wrappers[i])
                       ? file && strcmp(rl_basename(file), rl_basename(wrappers[i])) == 0
                       : function && strcmp(function, wrappers[i]) == 0;
        if (hit)
            return true;
    }
    return false;
}

static void unwrap_location(rl_location *loc, char *const *wrappers, size_t n)
{
    if (loc->wrapper || !in_wrapper(loc->file, loc->function, wrappers, n))
        return;
    size_t k = 0;
    while (k < loc->n_callers &&
           in_wrapper(loc->callers[k].file, loc->callers[k].function, wrappers, n))
        k++;
    if (k == loc->n_callers)
        return;
    loc->wrapper = xcalloc(1, sizeof *loc->wrapper);
    *loc->wrapper = (rl_frame){loc->file, loc->line, loc->function};
    loc->file = loc->callers[k].file;
    loc->line = loc->callers[k].line;
    loc->function = loc->callers[k].function;
    for (size_t i = 0; i < k; i++)
        rl_frame_free(&loc->callers[i]);
    /* the callers left are those below the new location */
    memmove(loc->callers, loc->callers + k + 1,
            (loc->n_callers - k - 1) * sizeof *loc->callers);
    loc->n_callers -= k + 1;
}

void rl_reports_unwrap(rl_report_list *list, char *const *wrappers, size_t n_wrappers)
{
    for (size_t r = 0; n_wrappers && r < list->n; r++)
        for (size_t i = 0; i < list->items[r].n_locations; i++)
            unwrap_location(&list->items[r].locations[i], wrappers, n_wrappers);
}
