/* What a cell came to, in the words every output uses (terminal, summary.md, the HTML
 * report): one legend of outcomes, each with a word, a short word for narrow tables, a
 * colour and a sentence of meaning. The word depends on what the case expected of the
 * tool (caught, blind, clean, false alarm) and on the verdict (FAIL, XPASS, ...). */
#ifndef RACELAB_OUTCOME_H
#define RACELAB_OUTCOME_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    RL_OUTCOME_CAUGHT,      /* unsafe program, the tool reported the expected bug */
    RL_OUTCOME_MISSED,      /* the tool was expected to report the bug and did not: a failure */
    RL_OUTCOME_BLIND,       /* a documented blind spot: the tool cannot see this bug */
    RL_OUTCOME_CLEAN,       /* the tool rightly reported nothing */
    RL_OUTCOME_FALSE_ALARM, /* a documented false alarm: a report on a line with no bug */
    RL_OUTCOME_BUG_SHOWS,   /* native: the program's own check saw the bug */
    RL_OUTCOME_CORRECT,     /* native: the program's own check saw no bug */
    RL_OUTCOME_HANGS,       /* native: the program deadlocks, as expected */
    RL_OUTCOME_FAIL,        /* any other mismatch with the expectation */
    RL_OUTCOME_XPASS,       /* a blind spot was detected: the expectation needs updating */
    RL_OUTCOME_SKIP,        /* the tool or its build is not available here */
    RL_OUTCOME_ERROR,       /* the tool could not run: an environment problem */
    RL_OUTCOME_ENDS,        /* the program ended as case.ini says (exit N, signal NAME) */
    RL_OUTCOME_NOT_EVALUATED, /* case.ini says the tool is not evaluated on this program */
} rl_outcome;

#define RL_OUTCOME_COUNT (RL_OUTCOME_NOT_EVALUATED + 1)

typedef struct rl_outcome_info {
    const char *key;     /* "false-alarm": a name for CSS classes and data attributes */
    const char *word;    /* "caught", "false alarm", "FAIL": capitals need action */
    const char *abbrev;  /* at most 6 characters, for the terminal's narrow table */
    const char *color;   /* CSS colour of the heatmap cell */
    const char *ink;     /* CSS colour of the text on it */
    const char *ansi;    /* terminal colour escape */
    const char *meaning; /* one sentence for the legend */
    bool failure;        /* the cell did not pass: shown loudly */
    bool counts_runs;    /* the word is followed by k/N */
} rl_outcome_info;

rl_outcome rl_cell_outcome(const rl_cell *cell);
const rl_outcome_info *rl_outcome_describe(rl_outcome o);
/* "caught 10/10", "blind", "FAIL 3/10" (malloc'd); `abbreviated` uses the short word. */
char *rl_cell_words(const rl_cell *cell, bool abbreviated);
/* Whether the expectation names at least one real (not false-alarm) report. */
bool rl_expects_real_report(const rl_expectation *e);
/* Whether the judge explained some report of the cell as the bug itself, not as a known
 * false alarm: what the judge recorded, not a second guess from the expectation. */
bool rl_cell_caught_for_real(const rl_cell *cell);

#endif
