/* The plain data the harness passes around: a case and its programs and expectations
 * (as case.ini and the defaults make them), a run and its verdict, and the matrix of
 * cells. Types only; the functions that make and read them have their own headers. */
#ifndef RACELAB_MODEL_H
#define RACELAB_MODEL_H

#include "jobs.h"
#include "kinds.h"
#include "parse.h"
#include "report.h"
#include "tools.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- a case, as read from cases/<name>/case.ini ------------------------------------ */

typedef enum {
    RL_EXPECT_CLEAN,    /* the tool must report nothing */
    RL_EXPECT_DETECT,   /* every listed report must be seen, and nothing else */
    RL_EXPECT_BLIND,    /* the tool cannot see the bug: a report is an xpass */
    RL_EXPECT_MANIFEST, /* native: the program's invariant check must say "bug" */
    RL_EXPECT_CORRECT,  /* native: the invariant check must say "ok" */
    RL_EXPECT_HANG,     /* native: the run must still be running at its deadline */
    RL_EXPECT_EXIT,     /* native: the program must exit with `status` (`exit N`) */
    RL_EXPECT_SIGNAL,   /* native: the program must be killed by signal `status` */
    RL_EXPECT_NOT_EVALUATED, /* the tool is not run on this program: shown as such */
} rl_expect_type;

/* One report that must be seen: `detect KIND at M...` or `false-alarm KIND at M...: WHY`. */
typedef struct rl_expected_report {
    rl_kind kind;
    char **markers;
    size_t n_markers;
    bool false_alarm;
    bool anywhere; /* `KIND anywhere: WHY`: the tool names no source line for this kind */
    bool may;      /* `may KIND at M...`: seen in some runs only; explains, never required */
    char *reason;  /* false alarms and `anywhere`: in full, a cited limit's text included */
    char *limit;   /* the named limit the reason cites (`@NAME`), or NULL */
    int line;      /* the case.ini line that states it */
} rl_expected_report;

typedef struct rl_expectation {
    char *tool;
    rl_expect_type type;
    rl_expected_report *reports; /* RL_EXPECT_DETECT only */
    size_t n_reports;
    char *reason; /* RL_EXPECT_BLIND: in full, a cited limit's text included */
    char *limit;  /* the named limit a blind reason cites, or the default limit; NULL */
    int status;   /* RL_EXPECT_EXIT: the exit status; RL_EXPECT_SIGNAL: the signal number */
    int line;     /* first line of case.ini that states it; 0: a default (rl_resolve) */
    char *inherited; /* the family whose case.ini line this version inherits (the line
                        names the family, not this tool); NULL: its own line or a default */
} rl_expectation;

/* A setting of case.ini that is not an expectation, in [case] (for every program) or in
 * [program NAME] (added after the case's): `cflags`, `cflags.FLAVOUR`, `ldflags`, `defines`,
 * `includes`, `args`, `env`, `options.TOOL`, `wrappers`. Its value is words separated by
 * spaces (no quoting: arguments go to argv as they are, never through a shell). */
typedef struct rl_setting {
    char *key;
    char **words;
    size_t n_words;
    int line;
} rl_setting;

/* How every run of a program must end (`ending = exit N | signal NAME`), when it does not
 * end normally; the native tool says it with `native = exit N | signal NAME` instead. */
typedef struct rl_ending {
    rl_expect_type type; /* RL_EXPECT_EXIT or RL_EXPECT_SIGNAL; RL_EXPECT_CLEAN: not set */
    int status;
    int line;
} rl_ending;

typedef struct rl_program {
    char *name;    /* source is <name>.c in the case folder */
    char *form;    /* "thread" | "process"; from the name (threads_, procs_) unless given */
    char *variant; /* "unsafe" | "safe"; from the name (_unsafe, _safe) unless given */
    double timeout_s;
    bool timeout_given; /* its own `timeout =`; otherwise [case]'s, otherwise 10 */
    bool hangs;    /* `hangs = yes`: every run deadlocks; detectors' runs end at the deadline */
    int line;      /* the [program NAME] line */
    rl_expectation *expects;
    size_t n_expects;
    rl_setting *settings;
    size_t n_settings;
    rl_ending ending;
} rl_program;

/* A marker comment `racelab: NAME` found in the case's sources. A name may mark several
 * lines (one access spread over lines), so lookups return every occurrence. */
typedef struct rl_marker {
    char *name;
    char *file; /* basename, e.g. "threads_unsafe.c" */
    int line;
} rl_marker;

typedef struct rl_case {
    char *name;
    char *dir;
    char *ini_path;
    char *title;
    char *lesson;
    rl_program *programs;
    size_t n_programs;
    rl_marker *markers;
    size_t n_markers;
    double timeout_s;     /* [case] `timeout =`: every program's without its own; 0: none */
    rl_setting *settings; /* [case] settings: every program's, before its own */
    size_t n_settings;
} rl_case;

/* ---- a run and its verdict ---------------------------------------------------------- */

typedef enum {
    RL_VERDICT_PASS,
    RL_VERDICT_FAIL,  /* missed, false alarm, wrong kind, wrong lines, crash, unexpected hang */
    RL_VERDICT_XPASS, /* a blind spot was detected: the expectation needs updating */
    RL_VERDICT_SKIP,  /* the tool or its build is not available here */
    RL_VERDICT_ERROR, /* the tool could not run: an environment problem, not a verdict */
    RL_VERDICT_NOT_EVALUATED, /* case.ini says the tool is not evaluated on the program */
} rl_verdict;
#define RL_VERDICT_COUNT (RL_VERDICT_NOT_EVALUATED + 1)

/* How many cells came to each verdict (rl_matrix_count). */
typedef struct rl_counts {
    size_t of[RL_VERDICT_COUNT];
} rl_counts;

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
    bool cached;   /* a static analysis judged from the cache of an identical earlier one */
} rl_run;

/* ---- the matrix: every (case, program, tool) cell ----------------------------------- */

typedef struct rl_options {
    const char *cases_dir;
    const char *build_dir;
    const char *tools_path;
    const char *out_dir;
    char **cases; /* --case filters; none: all */
    size_t n_cases;
    char **tools; /* --tool filters; none: every tool but the optional ones */
    size_t n_tools;
    char **with;  /* --with SET (and $RACELAB_WITH): optional tools chosen as well */
    size_t n_with;
    char **families; /* racelab compare --family NAME; none: every family with versions */
    size_t n_families;
    unsigned repeat;
    unsigned jobs;
    double timeout_scale;
    bool require_tools; /* a missing tool is an error, not a skip */
    bool keep_raw;      /* keep every run's raw output, not only failing ones */
    bool quiet;         /* no progress lines */
    bool observe;       /* `racelab observe`: run and show what the tools say, judge nothing */
    bool expectations;  /* `racelab list --expectations` */
    const char *canaries_dir; /* the doctor's canary case (canary.h) */
    bool canary;        /* check each selected tool on its canary before trusting its cells */
    bool no_cache;      /* analyse every program again, whatever static-cache/ holds */
    bool compare;       /* `racelab compare`: the tools of families with versions, side by side */
    unsigned shard_index, shard_count; /* --shard K/N (1-based); 0/0: the whole matrix */
    const char *rerun_failed;          /* --rerun-failed PREV/results.json, or NULL */
    int argc;                          /* the command line, for results.json */
    char **argv;
} rl_options;

typedef struct rl_cell {
    const rl_case *c;
    const rl_program *program;
    const rl_tool *tool;
    const rl_expectation *expect;
    char *binary; /* the built program; NULL for a tool that reads sources */
    char *source; /* absolute path of the program's .c file */
    rl_run *runs;
    size_t n_runs, runs_done;
    rl_verdict verdict;
    char *reason;
    size_t detected_runs;
    size_t *missed_runs; /* parallel to expect->reports: runs judged fail that did not show
                          * it (rl_judge_missed); NULL when the expectation lists none */
    double wall_s;        /* sum over its runs */
    double slowest_run_s; /* its longest run: how near a deadline it came */
} rl_cell;

/* A row of the grid: one program of one case, and its cells, one per selected tool in
 * the order of rl_matrix.tools. Laid out once, by rl_matrix_prepare. */
typedef struct rl_row {
    const rl_case *c;
    const rl_program *program;
    rl_cell *cells;
} rl_row;

typedef struct rl_matrix {
    const rl_options *opt;
    rl_case *cases;
    size_t n_cases;
    rl_toolset toolset;
    const rl_tool **tools; /* selected, in tools.json order */
    size_t n_tools;
    char **tool_versions;  /* parallel to tools; NULL when unknown */
    rl_cell *cells;        /* row by row: rows[r].cells == cells + r * n_tools */
    size_t n_cells, cells_done;
    rl_row *rows;
    size_t n_rows;
    double wall_s;
    char *work_dir;        /* mkdtemp'd under out_dir, removed at the end */
    const struct rl_run_meta *meta; /* date, commit, command line...: NULL when unknown */
    FILE *progress;
} rl_matrix;

#endif
