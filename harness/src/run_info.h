/* What a run was, for the report's header: when, at which commit, by which command line. */
#ifndef RACELAB_RUN_INFO_H
#define RACELAB_RUN_INFO_H

#include "model.h"

typedef struct rl_run_info {
    char *date;         /* "2026-11-30 16:02 UTC" */
    char *commit;       /* the cases' repository's HEAD, 12 hex digits, "-dirty" when tracked
                           files changed; NULL outside a git checkout */
    char *command_line; /* the arguments joined by blanks; NULL when not known */
} rl_run_info;

void rl_run_info_collect(const rl_matrix *m, rl_run_info *info);
void rl_run_info_free(rl_run_info *info);

#endif
