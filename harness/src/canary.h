/* racelab doctor's canaries: before its verdicts are trusted, every tool is run on a tiny
 * program with a known report (harness/canaries/canary), built here with the tool's own
 * build flavour and read by its real parser. A tool that cannot produce that report on
 * this machine (a missing symbolizer, sanitizer runtime or package, a refused
 * personality) is broken, and why, with the fix. */
#ifndef RACELAB_CANARY_H
#define RACELAB_CANARY_H

#include "matrix.h"

#include <stdbool.h>

typedef struct rl_canary_result {
    const rl_tool *tool;
    bool ok;
    bool cached; /* ok from an earlier run with the same tool version */
    char *found;   /* ok: the canary report as seen, "data-race at race.c:13" */
    char *problem; /* not ok: what went wrong and how to fix it */
} rl_canary_result;

/* Checks the matrix's selected tools (the `skip_unavailable` ones that lack a required
 * program are reported as such without running). Successes are cached under the build
 * directory per tool version. Returns one result per selected tool (m->n_tools), or NULL
 * when the canaries could not be run at all (*error says why). */
rl_canary_result *rl_canaries_check(const rl_matrix *m, bool use_cache, char **error);
void rl_canary_results_free(rl_canary_result *results, size_t n);

#endif
