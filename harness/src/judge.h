/* The judge (judge.c): what one run, and one cell over its --repeat runs, came to
 * against the expectation; and which expected report explains each report. */
#ifndef RACELAB_JUDGE_H
#define RACELAB_JUDGE_H

#include "model.h"

const char *rl_verdict_name(rl_verdict v);
/* Frees what a run owns (its reports, their explanations, its texts). */
void rl_run_free(rl_run *r);

/* Judges one finished run against the program's expectation for the tool. */
void rl_judge_run(const rl_case *c, const rl_program *p, const rl_tool *tool,
                  const rl_expectation *e, rl_run *run);

/* The cell's verdict from its runs' verdicts: the worst of error, fail, xpass (else pass),
 * with "k/N runs: <the first such run's reason>" in *reason (malloc'd; NULL on pass).
 * *detected_runs counts the runs where the bug showed. */
rl_verdict rl_judge_cell(const rl_run *runs, size_t n_runs, char **reason,
                         size_t *detected_runs);

/* The expected report that explains report `i` of the run, or NULL. */
const rl_expected_report *rl_explaining(const rl_expectation *e, const rl_run *run, size_t i);

/* For each expected report of `e`: the runs judged fail in which no report shows it, the
 * detections a cell missed (malloc'd, parallel to e->reports; NULL when e lists none). */
size_t *rl_judge_missed(const rl_case *c, const rl_expectation *e, const rl_run *runs,
                        size_t n_runs);

/* "data-race at threads_unsafe.c:12, threads_unsafe.c:20" (malloc'd). */
/* How a run ended, in words: "exited with status 3", "killed by SIGABRT", "still running
 * at the deadline" (malloc'd). */
char *rl_describe_end(const rl_end *end);
char *rl_describe_report(const rl_report *r);

#endif
