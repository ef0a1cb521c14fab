/* What input is let in at the door: names that become paths and command arguments
 * (cases, programs, tools, markers) are [A-Za-z0-9_-]+, and the text files racelab
 * reads line by line hold no NUL byte and no line longer than inih's buffer, so every
 * line keeps its number and nothing is cut or silently dropped. */
#ifndef RACELAB_INPUTS_H
#define RACELAB_INPUTS_H

#include <stdbool.h>

/* The longest name accepted, and the longest line of a case.ini. */
#define RL_NAME_MAX 100
#define RL_LINE_MAX 8192

/* Whether `name` is 1..RL_NAME_MAX characters of [A-Za-z0-9_-]. */
bool rl_name_valid(const char *name);
/* "'<what>' is not a valid name: ..." (malloc'd), for messages; `what` is e.g. "program". */
char *rl_name_problem(const char *what, const char *name);
/* Checks the text file at `path`: NULL when fine, else "path:line: problem" (malloc'd). */
char *rl_text_file_problem(const char *path);

#endif
