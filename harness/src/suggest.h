/* Helping a user who mistyped a name: the closest valid name ("did you mean"), and the
 * whole list of valid names in one line. */
#ifndef RACELAB_SUGGEST_H
#define RACELAB_SUGGEST_H

#include <stddef.h>

/* The candidate nearest to `word` by edit distance, if it is near enough to be a typo
 * (at most a third of the word's length, at least 1), else NULL. */
const char *rl_closest_name(const char *word, const char *const *candidates, size_t n);
/* "`word`: did you mean 'x'? (valid: a, b, c)" style tail: " (did you mean 'x'?) valid:
 * a, b, c" (malloc'd). */
char *rl_name_hint(const char *word, const char *const *candidates, size_t n);

#endif
