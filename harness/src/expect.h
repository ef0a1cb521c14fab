/* The grammar of one tool line of case.ini (expect.c; see cases/FORMAT.md). */
#ifndef RACELAB_EXPECT_H
#define RACELAB_EXPECT_H

#include "model.h"

/* Parses one tool line's value (the grammar of cases/FORMAT.md) into a zeroed `into`.
 * Returns -1 with *error set (malloc'd, no location prefix: the caller adds file:line). */
int rl_expectation_parse(const char *value, rl_expectation *into, char **error);
void rl_expectation_free(rl_expectation *e);
/* A deep copy of `from` for `tool` (reasons, limits and lines as they are). */
rl_expectation rl_expectation_copy(const rl_expectation *from, const char *tool);

const char *rl_expect_type_name(rl_expect_type t);
/* "SIGABRT" for 6 (a per-thread buffer, valid until the next call). */
const char *rl_signal_name(int sig);

#endif
