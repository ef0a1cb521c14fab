/* What one run, and one cell (a program under a tool, over --repeat runs), came to. */
#ifndef RACELAB_VERDICT_H
#define RACELAB_VERDICT_H

#include "case.h"
#include "parse.h"
#include "report.h"
#include "jobs.h"
#include "tools.h"

#include <stdbool.h>

typedef enum {
    RL_VERDICT_PASS,
    RL_VERDICT_FAIL,  /* missed, false alarm, wrong kind, wrong lines, crash, unexpected hang */
    RL_VERDICT_XPASS, /* a blind spot was detected: the expectation needs updating */
    RL_VERDICT_SKIP,  /* the tool or its build is not available here */
    RL_VERDICT_ERROR, /* the tool could not run: an environment problem, not a verdict */
} rl_verdict;

/* The judge's answer for one report of a run: which expected report of the cell's
 * expectation explains it, and on which of its markers, or none. Every output reads this
 * and never decides again. */
typedef struct rl_explanation {
    int report; /* index into the expectation's reports; -1: nothing explains it */
    int marker; /* index into that report's markers; -1 for `anywhere` (or none) */
} rl_explanation;

typedef struct rl_run {
    rl_end end;
    rl_parse_status parse_status; /* worst over the run's report files */
    char *parse_error;
    rl_report_list reports;
    rl_explanation *explained; /* parallel to reports.items; set by rl_judge_run */
    char *result;  /* the program's "racelab-result:" text after the colon, or NULL */
    char *stderr_tail; /* last lines of stderr, kept for failure messages */
    rl_verdict verdict;
    char *reason;  /* why it is not a pass; NULL on pass */
    bool detected; /* the bug showed: expected reports seen, or the invariant said "bug" */
} rl_run;

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

/* "data-race at threads_unsafe.c:12, threads_unsafe.c:20" (malloc'd). */
char *rl_describe_report(const rl_report *r);

#endif
