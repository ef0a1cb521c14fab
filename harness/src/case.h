/* Reading cases/<name>/case.ini (case.c): a case's programs and, per program and tool,
 * what the tool must say (the types are in model.h). */
#ifndef RACELAB_CASE_H
#define RACELAB_CASE_H

#include "model.h"

/* Loads cases/<dir>/case.ini and the markers of the folder's sources. On failure returns
 * -1 and sets *error to "path:line: what was expected" (malloc'd). */
int rl_case_load(const char *dir, rl_case *out, char **error);
void rl_case_free(rl_case *c);

const rl_expectation *rl_program_expectation(const rl_program *p, const char *tool);

/* The words of setting `key` for the program: the [case] section's, then the program's
 * own; *words is a malloc'd NULL-terminated array of borrowed strings (free the array
 * only). Returns how many. */
size_t rl_program_setting(const rl_case *c, const rl_program *p, const char *key,
                          const char ***words);
void rl_settings_free(rl_setting *list, size_t n);

#endif
