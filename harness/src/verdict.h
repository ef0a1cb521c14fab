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

typedef struct rl_run {
    rl_end end;
    rl_parse_status parse_status; /* worst over the run's report files */
    char *parse_error;
    rl_report_list reports;
    char *result;  /* the program's "racelab-result:" text after the colon, or NULL */
    char *stderr_tail; /* last lines of stderr, kept for failure messages */
    rl_verdict verdict;
    char *reason;  /* why it is not a pass; NULL on pass */
    bool detected; /* the bug showed: expected reports seen, or the invariant said "bug" */
    bool cached;   /* a static analysis judged from the cache of an identical earlier one */
} rl_run;

const char *rl_verdict_name(rl_verdict v);

/* Judges one finished run against the program's expectation for the tool. */
void rl_judge_run(const rl_case *c, const rl_program *p, const rl_tool *tool,
                  const rl_expectation *e, rl_run *run);

/* "data-race at threads_unsafe.c:12, threads_unsafe.c:20" (malloc'd). */
char *rl_describe_report(const rl_report *r);

#endif
