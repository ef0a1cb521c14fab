/* The matrix: every (case, program, tool) cell, run --repeat times, judged and summed up. */
#ifndef RACELAB_MATRIX_H
#define RACELAB_MATRIX_H

#include "case.h"
#include "tools.h"
#include "verdict.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct rl_options {
    const char *cases_dir;
    const char *build_dir;
    const char *tools_path;
    const char *out_dir;
    char **cases; /* --case filters; none: all */
    size_t n_cases;
    char **tools; /* --tool filters; none: all */
    size_t n_tools;
    unsigned repeat;
    unsigned jobs;
    double timeout_scale;
    bool require_tools; /* a missing tool is an error, not a skip */
    bool keep_raw;      /* keep every run's raw output, not only failing ones */
    bool quiet;         /* no progress lines */
    bool observe;       /* `racelab observe`: run and show what the tools say, judge nothing */
    char **argv;        /* the command line, for the report's header; may be NULL */
    int argc;
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
    double wall_s; /* sum over its runs */
} rl_cell;

typedef struct rl_matrix {
    const rl_options *opt;
    rl_case *cases;
    size_t n_cases;
    rl_toolset toolset;
    const rl_tool **tools; /* selected, in tools.json order */
    size_t n_tools;
    char **tool_versions;  /* parallel to tools; NULL when unknown */
    rl_cell *cells;
    size_t n_cells, cells_done;
    double wall_s;
    char *work_dir;        /* mkdtemp'd under out_dir, removed at the end */
    FILE *progress;
} rl_matrix;

/* Loads tools and cases and lays out the cells. Returns -1 with *error on bad input
 * (every problem found, one per line). */
int rl_matrix_prepare(rl_matrix *m, const rl_options *opt, char **error);
/* Runs every cell; returns -1 if interrupted. */
int rl_matrix_run(rl_matrix *m);
void rl_matrix_free(rl_matrix *m);

/* Counts of cells per verdict, indexed by rl_verdict. */
void rl_matrix_count(const rl_matrix *m, size_t counts[5]);

/* Outputs. */
int rl_write_results_json(const rl_matrix *m, const char *path, char **error);
int rl_write_junit(const rl_matrix *m, const char *path, char **error);
int rl_write_markdown(const rl_matrix *m, const char *path, char **error);
int rl_write_sarif(const rl_matrix *m, const char *path, char **error);
/* The HTML report: `dir`/index.html and one page per case (report_index.c, report_case.c). */
int rl_write_html_report(const rl_matrix *m, const char *dir, char **error);
/* GitHub Actions: `::error` annotations for cells that did not pass, and the job summary. */
void rl_github_annotate(const rl_matrix *m, FILE *out);
int rl_github_step_summary(const char *summary_md, const char *step_summary, char **error);
void rl_print_table(const rl_matrix *m, FILE *out);
/* For `racelab observe`: every cell's distinct reports, with the markers on their lines. */
void rl_print_observations(const rl_matrix *m, FILE *out);

#endif
