/* The numbers detectors are compared by, per tool over the unsafe (buggy) and safe
 * (correct) programs of a run: bugs caught, blind spots, false alarms on correct programs,
 * precision, recall and F1; and the Wilson interval of a detection rate k/N. */
#ifndef RACELAB_SCOREBOARD_H
#define RACELAB_SCOREBOARD_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* Counts for one tool. A program counts once per tool (its cell), and only when the cell
 * ran (skip and error cells say nothing about the tool). */
typedef struct rl_score {
    size_t bugs;         /* unsafe programs the tool ran on */
    size_t caught;       /* ... on which it reported a bug (true positives) */
    size_t blind;        /* ... on which it reported nothing (false negatives) */
    size_t safe;         /* safe programs the tool ran on */
    size_t false_alarms; /* ... on which it reported something (false positives) */
} rl_score;

/* A ratio that may be undefined (0/0): `defined` false then. */
typedef struct rl_ratio {
    bool defined;
    double value;
} rl_ratio;

/* TP / (TP + FP): of what the tool flagged, how much was a real bug. */
rl_ratio rl_score_precision(const rl_score *s);
/* TP / bugs: of the bugs, how many the tool flagged. */
rl_ratio rl_score_recall(const rl_score *s);
/* The harmonic mean of precision and recall; undefined when either is, 0 when both are 0. */
rl_ratio rl_score_f1(const rl_score *s);
/* "0.667", or "n/a" when undefined: how every output shows a ratio. */
void rl_ratio_text(rl_ratio r, char *buf, size_t size);

/* Adds one cell to its tool's score: `variant` "unsafe" or "safe", `ran` whether the cell
 * ran at all, `flagged` whether the tool reported something in most of its runs. */
void rl_score_add(rl_score *s, const char *variant, bool ran, bool flagged);
/* The score of every selected detector (tools that read reports), parallel to m->tools;
 * entries of the other tools stay zero. Returns a calloc'd array. */
rl_score *rl_scoreboard(const rl_matrix *m);
/* Whether a cell of a detector counts as flagged: the tool reported a bug in more than
 * half of its runs (on an unsafe program: the bug, not a known false alarm beside it). */
bool rl_cell_flagged(const rl_cell *cell);

/* The Wilson score interval of k successes in n trials at 95 % (z = 1.96): where the true
 * rate lies, honest also for k = 0 or k = n and small n. n = 0 gives [0, 1]. */
void rl_wilson95(size_t k, size_t n, double *low, double *high);

#endif
