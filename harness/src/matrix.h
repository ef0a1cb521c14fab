/* The matrix (matrix.c): loads tools and cases, lays out every (case, program, tool)
 * cell once, and sums the verdicts up. Running it is execute.h; the outputs below are
 * written by their own files (results_json.c, junit.c, markdown.c, sarif.c, github.c,
 * overview_md.c, report_index.c). */
#ifndef RACELAB_MATRIX_H
#define RACELAB_MATRIX_H

#include "model.h"

#include <stdio.h>

/* Loads tools and cases and lays out the cells. Returns -1 with *error on bad input
 * (every problem found, one per line). */
int rl_matrix_prepare(rl_matrix *m, const rl_options *opt, char **error);
void rl_matrix_free(rl_matrix *m);

/* Keeps the cells whose `keep` flag (parallel to cells) is set, in order, the rows that
 * still have a cell and the tools that still have a cell; frees the others. Every kept row
 * must keep the cells of the same tools, so that the grid stays a grid. */
void rl_matrix_keep_cells(rl_matrix *m, const bool *keep);
/* What one run of a cell is expected to cost, as the job planner weighs it: the tool's
 * slowdown times the program's deadline (shard.c). */
double rl_cell_cost(const rl_cell *cell);

/* How many cells came to each verdict. */
rl_counts rl_matrix_count(const rl_matrix *m);
/* ", 3 not-evaluated" for the summary lines, or "" when there is none, so a matrix
 * without such cells reads as it always did (malloc'd). */
char *rl_not_evaluated_count(const rl_counts *n);

/* Outputs. */
int rl_write_results_json(const rl_matrix *m, const char *path, char **error);
int rl_write_junit(const rl_matrix *m, const char *path, char **error);
int rl_write_markdown(const rl_matrix *m, const char *path, char **error);
/* out/overview.md: the per-tool scoreboard and the cases' lessons (overview_md.c). */
int rl_write_overview(const rl_matrix *m, const char *path, char **error);
int rl_write_sarif(const rl_matrix *m, const char *path, char **error);
/* The HTML report: `dir`/index.html and one page per case (report_index.c, report_case.c). */
int rl_write_html_report(const rl_matrix *m, const char *dir, char **error);
/* GitHub Actions: `::error` annotations for cells that did not pass, and the job summary. */
void rl_github_annotate(const rl_matrix *m, FILE *out);
int rl_github_step_summary(const char *summary_md, const char *step_summary, char **error);

#endif
